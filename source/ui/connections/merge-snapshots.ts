// The merge of several connections' listings into one: every instance remembering which connection it
// came from (for the connection and region columns and the filter), a connection's rows marked stale
// when they are from an earlier listing. Pure and light: the cached first frame of a mixed view uses
// it before anything else is loaded.
import type { Listener } from '../../domain/resources.js';
import type { Snapshot } from '../dashboard/rows.js';
import type { ErrorInfo } from '../error-info.js';
import type { ConnectionMember } from './members.js';

/** Where an instance (and its listeners) came from, for the connection and region columns and filter. */
export interface RowOrigin {
  readonly key: string;
  /** `ctx:<profile> region:<region>`: what the filter terms `ctx:name` and `region:id` find. */
  readonly search: string;
  /** Its connection failed this time: the row is from an earlier listing. */
  readonly stale: boolean;
}

/** Every open connection, and those whose last listing failed with why. */
export interface MixedListing {
  readonly members: readonly ConnectionMember[];
  readonly failures: ReadonlyMap<string, ErrorInfo>;
}

export function originSearch(member: ConnectionMember): string {
  return `ctx:${member.connection.profile} region:${member.connection.region}`.toLowerCase();
}

/** Merges per-connection snapshots (in the members' order) into one, with each instance's origin. */
export function mergeSnapshots(
  parts: readonly { member: ConnectionMember; snapshot: Snapshot; stale: boolean }[],
  members: readonly ConnectionMember[],
  failures: ReadonlyMap<string, ErrorInfo>,
): Snapshot {
  const loadBalancers: Snapshot['loadBalancers'][number][] = [];
  const listeners = new Map<string, readonly Listener[]>();
  const origins = new Map<string, RowOrigin>();
  const certificates = new Map<string, NonNullable<Snapshot['certificates']>[number]>();
  const serverGroups: NonNullable<Snapshot['serverGroups']>[number][] = [];
  const policies = new Map<string, NonNullable<Snapshot['securityPolicies']>[number]>();
  for (const { member, snapshot, stale } of parts) {
    const origin: RowOrigin = { key: member.key, search: originSearch(member), stale };
    for (const lb of snapshot.loadBalancers) {
      // One instance reached through two connections (two profiles of one account) is listed once,
      // under the first: rows, selection and calls go by ID.
      if (origins.has(lb.loadBalancerId)) continue;
      loadBalancers.push(lb);
      origins.set(lb.loadBalancerId, origin);
      listeners.set(lb.loadBalancerId, snapshot.listenersByLoadBalancer.get(lb.loadBalancerId) ?? []);
    }
    for (const cert of snapshot.certificates ?? []) certificates.set(cert.certificateId, cert);
    serverGroups.push(...(snapshot.serverGroups ?? []));
    for (const policy of snapshot.securityPolicies ?? []) policies.set(policy.securityPolicyId, policy);
  }
  return {
    loadBalancers,
    listenersByLoadBalancer: listeners,
    certificates: [...certificates.values()],
    serverGroups,
    securityPolicies: [...policies.values()],
    origins,
    mixed: { members, failures },
  };
}
