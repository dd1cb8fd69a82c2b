// The listing of several connections as one: each listed in parallel, the results merged, every
// instance remembering which connection it came from. A connection that fails (credentials refused,
// network) keeps its last listing, marked stale, and says why; the others go on. Only when every one
// fails, and none was ever listed, does the listing fail.
import type { Listener } from '../../domain/resources.js';
import { listAcrossConnections } from '../../alb/multi-listing.js';
import type { Snapshot } from '../dashboard/rows.js';
import { errorInfo, type ErrorInfo } from '../error-info.js';
import { loadSnapshot } from '../loaders.js';
import type { OpenMember } from '../session.js';
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

/**
 * Lists every open connection at once, through alb/multi-listing.ts: one limit of calls in flight for
 * all of them (`maxInFlight`, default `DEFAULT_MAX_IN_FLIGHT`), each connection within its client's
 * own concurrency. `last` holds each connection's last good listing (kept here across refreshes);
 * `onListed` is told which resources each one showed, so calls about them go there.
 */
export async function loadMixedSnapshot(
  open: readonly OpenMember[],
  last: Map<string, Snapshot>,
  options: {
    signal?: AbortSignal;
    onListed?: (key: string, ids: string[]) => void;
    maxInFlight?: number;
  },
): Promise<Snapshot> {
  const { listings, failures: failed } = await listAcrossConnections<Snapshot>(
    open.map(({ member, client }) => ({ id: member.key, client })),
    {
      ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
      load: (client) => {
        // Each connection's calls follow a signal of their own: a listing makes many calls, and
        // connections × calls on one signal would pass Node's listener limit.
        const own = new AbortController();
        options.signal?.addEventListener('abort', () => own.abort(options.signal?.reason), { once: true });
        if (options.signal?.aborted) own.abort(options.signal.reason);
        return loadSnapshot(client, { signal: own.signal });
      },
    },
  );
  for (const error of failed.values()) if (error.kind === 'aborted') throw error;
  const failures = new Map<string, ErrorInfo>();
  const parts: { member: ConnectionMember; snapshot: Snapshot; stale: boolean }[] = [];
  for (const { member } of open) {
    const snapshot = listings.get(member.key);
    if (snapshot) {
      last.set(member.key, snapshot);
      parts.push({ member, snapshot, stale: false });
      options.onListed?.(member.key, ownedIds(snapshot));
      continue;
    }
    const error = failed.get(member.key);
    failures.set(member.key, errorInfo(error));
    const previous = last.get(member.key);
    if (previous) parts.push({ member, snapshot: previous, stale: true });
  }
  if (failures.size === open.length && parts.length === 0) throw failed.values().next().value;
  return mergeSnapshots(
    parts,
    open.map((one) => one.member),
    failures,
  );
}

function ownedIds(snapshot: Snapshot): string[] {
  const ids: string[] = [];
  for (const lb of snapshot.loadBalancers) {
    ids.push(lb.loadBalancerId);
    for (const listener of snapshot.listenersByLoadBalancer.get(lb.loadBalancerId) ?? [])
      ids.push(listener.listenerId);
  }
  for (const group of snapshot.serverGroups ?? []) ids.push(group.serverGroupId);
  return ids;
}
