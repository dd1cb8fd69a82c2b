// What the dashboard shows of instances and listeners: plain rows built once per listing, with every
// string from the API sanitised for the terminal and a search text for the filter. Pure.
import type { Lang } from '../../domain/i18n.js';
import type {
  AddressType,
  BackendServer,
  Certificate,
  Listener,
  ListenerProtocol,
  ListenerStatus,
  LoadBalancer,
  LoadBalancerEdition,
  LoadBalancerStatus,
  SecurityPolicy,
  ServerGroup,
} from '../../domain/resources.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import type { MixedListing, RowOrigin } from '../connections/mixed-listing.js';
import { enumSearchWords, enumWord } from './enum-words.js';
import { searchForm } from './search-form.js';
import { tagEntries } from './tag-filter.js';
import type { Tone } from '../theme.js';

export interface InstanceRow {
  readonly id: string;
  /** Sanitised; may be empty. */
  readonly name: string;
  readonly status: LoadBalancerStatus;
  readonly edition: LoadBalancerEdition;
  readonly addressType: AddressType;
  readonly ipVersion: string;
  readonly listenerCount: number;
  readonly vpcId: string;
  readonly dnsName: string;
  readonly createTime: string;
  readonly deletionProtection: boolean;
  /** `key=value`, sanitised. */
  readonly tags: readonly string[];
  /** Lower-case text the filter looks in: ID, name, status (both languages), edition, address type. */
  readonly search: string;
  /** With several connections open: the one it came from (`profile@region`). */
  readonly connection?: string;
  /** Its connection failed this time: shown from an earlier listing. */
  readonly stale?: boolean;
}

export interface ListenerRow {
  readonly id: string;
  readonly loadBalancerId: string;
  /** The instance's name, sanitised (for the all-listeners view). */
  readonly instanceName: string;
  readonly protocol: ListenerProtocol;
  readonly port: number;
  /** Sanitised; may be empty. */
  readonly name: string;
  readonly status: ListenerStatus;
  readonly securityPolicyId: string;
  /** A custom policy's name, a system policy's short ID: see policyLabel(). */
  readonly securityPolicy: string;
  readonly serverGroupIds: readonly string[];
  /** The first server group's name when known, else its ID; `+N` when there are more. */
  readonly serverGroup: string;
  readonly idleTimeout: number;
  readonly requestTimeout: number;
  readonly http2: boolean;
  readonly gzip: boolean;
  readonly quicListenerId: string;
  /** `key=value`, sanitised. */
  readonly tags: readonly string[];
  /** QUIC upgrade on (towards `quicListenerId`). */
  readonly quicUpgrade: boolean;
  readonly search: string;
  /** The instance's name and ID, which the filter looks in only in `:listeners`. */
  readonly contextSearch: string;
  /** With several connections open: the one it came from (`profile@region`). */
  readonly connection?: string;
  readonly stale?: boolean;
}

/** What one listing gave: instances, their listeners, and what names and expiry dates come from. */
export interface Snapshot {
  loadBalancers: readonly LoadBalancer[];
  listenersByLoadBalancer: ReadonlyMap<string, readonly Listener[]>;
  /** Undefined when the certificate service could not be read (the listing still shows). */
  certificates?: readonly Certificate[];
  serverGroups?: readonly ServerGroup[];
  /** System and custom TLS policies, for the names of custom ones. */
  securityPolicies?: readonly SecurityPolicy[];
  /** With several connections open: each instance's connection (connections/mixed-listing.ts). */
  origins?: ReadonlyMap<string, RowOrigin>;
  mixed?: MixedListing;
}

export interface DashboardData {
  readonly instances: readonly InstanceRow[];
  /** Every listener, instance by instance, in the order the API gave them. */
  readonly listeners: readonly ListenerRow[];
  readonly listenersByInstance: ReadonlyMap<string, readonly ListenerRow[]>;
  readonly certificates: ReadonlyMap<string, Certificate>;
  readonly serverGroups: ReadonlyMap<string, ServerGroup>;
  readonly securityPolicies: ReadonlyMap<string, SecurityPolicy>;
  /** When the listing finished (ms since the epoch). */
  readonly loadedAt: number;
  /** With several connections open: which, and which failed. */
  readonly mixed?: MixedListing;
}

export const instanceStatusWord = (status: LoadBalancerStatus, lang: Lang) =>
  enumWord('loadBalancerStatus', status, lang);
export const listenerStatusWord = (status: ListenerStatus, lang: Lang) =>
  enumWord('listenerStatus', status, lang);
export const editionWord = (edition: LoadBalancerEdition, lang: Lang) =>
  enumWord('loadBalancerEdition', edition, lang);
export const addressTypeWord = (type: AddressType, lang: Lang) => enumWord('addressType', type, lang);
export const serverStatusWord = (status: BackendServer['status'], lang: Lang) =>
  enumWord('serverStatus', status, lang);
export const schedulerWord = (scheduler: ServerGroup['scheduler'], lang: Lang) =>
  enumWord('scheduler', scheduler, lang);

/** Running green, on its way yellow, stopped or failed red. */
export function listenerStatusTone(status: ListenerStatus): Tone | undefined {
  switch (status) {
    case 'Running':
      return 'good';
    case 'Provisioning':
    case 'Configuring':
      return 'warning';
    case 'Stopped':
      return 'danger';
    default:
      return undefined;
  }
}

export function instanceStatusTone(status: LoadBalancerStatus): Tone | undefined {
  switch (status) {
    case 'Active':
      return 'good';
    case 'Inactive':
    case 'Provisioning':
    case 'Configuring':
      return 'warning';
    case 'CreateFailed':
      return 'danger';
    default:
      return undefined;
  }
}

function instanceRow(lb: LoadBalancer, listenerCount: number): InstanceRow {
  const name = sanitizeForTerminal(lb.loadBalancerName ?? '');
  const id = sanitizeForTerminal(lb.loadBalancerId);
  return {
    id,
    name,
    status: lb.loadBalancerStatus,
    edition: lb.loadBalancerEdition,
    addressType: lb.addressType,
    ipVersion: sanitizeForTerminal(lb.addressIpVersion ?? ''),
    listenerCount,
    vpcId: sanitizeForTerminal(lb.vpcId ?? ''),
    dnsName: sanitizeForTerminal(lb.dnsName ?? ''),
    createTime: sanitizeForTerminal(lb.createTime ?? ''),
    deletionProtection: lb.deletionProtectionEnabled === true,
    tags: tagEntries(lb.tags),
    search: searchForm(
      [
        id,
        name,
        enumSearchWords('loadBalancerStatus', lb.loadBalancerStatus),
        enumSearchWords('loadBalancerEdition', lb.loadBalancerEdition),
        enumSearchWords('addressType', lb.addressType),
      ].join(' '),
    ),
  };
}

function serverGroupLabel(ids: readonly string[], groups: ReadonlyMap<string, ServerGroup>): string {
  const first = ids[0];
  if (first === undefined) return '';
  const name = groups.get(first)?.serverGroupName;
  const shown = sanitizeForTerminal(name ? name : first);
  return ids.length > 1 ? `${shown} +${ids.length - 1}` : shown;
}

const SYSTEM_POLICY_PREFIX = 'tls_cipher_policy_';

/**
 * What the lists call a TLS policy: a custom policy by its name (ListSecurityPolicies), a system one
 * by its ID less the words every system ID shares (`tls_cipher_policy_1_2_strict` → `tls_1_2_strict`:
 * cut to a column, the full IDs all read `tls_cipher_polic…`). The detail shows the full ID.
 */
export function policyLabel(policyId: string, policies: ReadonlyMap<string, SecurityPolicy>): string {
  const policy = policies.get(policyId);
  if (policy?.kind === 'custom' && policy.securityPolicyName)
    return sanitizeForTerminal(policy.securityPolicyName);
  const id = sanitizeForTerminal(policyId);
  return id.startsWith(SYSTEM_POLICY_PREFIX) ? `tls_${id.slice(SYSTEM_POLICY_PREFIX.length)}` : id;
}

function listenerRow(
  listener: Listener,
  instanceName: string,
  contextSearch: string,
  groups: ReadonlyMap<string, ServerGroup>,
  policyLabelOf: (policyId: string) => string,
): ListenerRow {
  const id = sanitizeForTerminal(listener.listenerId);
  const name = sanitizeForTerminal(listener.listenerDescription ?? '');
  const serverGroupIds = (listener.defaultActions ?? []).flatMap((action) =>
    (action.forwardGroupConfig?.serverGroupTuples ?? []).map((tuple) => tuple.serverGroupId),
  );
  const serverGroup = serverGroupLabel(serverGroupIds, groups);
  const securityPolicyId = sanitizeForTerminal(listener.securityPolicyId ?? '');
  const securityPolicy = listener.securityPolicyId ? policyLabelOf(listener.securityPolicyId) : '';
  return {
    id,
    loadBalancerId: sanitizeForTerminal(listener.loadBalancerId),
    instanceName,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name,
    status: listener.listenerStatus,
    securityPolicyId,
    securityPolicy,
    serverGroupIds: serverGroupIds.map(sanitizeForTerminal),
    serverGroup,
    idleTimeout: listener.idleTimeout,
    requestTimeout: listener.requestTimeout,
    http2: listener.http2Enabled === true,
    gzip: listener.gzipEnabled === true,
    quicListenerId: sanitizeForTerminal(listener.quicConfig?.quicListenerId ?? ''),
    tags: tagEntries(listener.tags),
    quicUpgrade: listener.quicConfig?.quicUpgradeEnabled === true,
    search: searchForm(
      [
        id,
        name,
        listener.listenerPort,
        listener.listenerProtocol,
        enumSearchWords('listenerStatus', listener.listenerStatus),
        securityPolicyId,
        securityPolicy === securityPolicyId ? '' : securityPolicy,
        serverGroup,
      ].join(' '),
    ),
    contextSearch,
  };
}

function sameValues<T extends object>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as (keyof T)[]) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]))
      continue;
    return false;
  }
  return true;
}

/** The previous row object when nothing in it changed, so memoised rows do not draw again. */
function reuse<T extends { id: string }>(row: T, previous: ReadonlyMap<string, T> | undefined): T {
  const old = previous?.get(row.id);
  return old && sameValues(old, row) ? old : row;
}

/**
 * Rows from a listing. Rows equal to those of `previous` are the same objects, so a refresh that
 * changed nothing redraws nothing.
 */
export function buildDashboardData(
  snapshot: Snapshot,
  loadedAt: number,
  previous?: DashboardData,
): DashboardData {
  const groups = new Map((snapshot.serverGroups ?? []).map((group) => [group.serverGroupId, group]));
  const certificates = new Map((snapshot.certificates ?? []).map((cert) => [cert.certificateId, cert]));
  // A listing whose policies could not be read keeps the names the previous one had.
  const policies = snapshot.securityPolicies
    ? new Map(snapshot.securityPolicies.map((policy) => [policy.securityPolicyId, policy]))
    : (previous?.securityPolicies ?? new Map<string, SecurityPolicy>());
  // A few policies serve thousands of listeners: one label string each.
  const policyLabels = new Map<string, string>();
  const policyLabelOf = (policyId: string): string => {
    let label = policyLabels.get(policyId);
    if (label === undefined) policyLabels.set(policyId, (label = policyLabel(policyId, policies)));
    return label;
  };
  const oldInstances = previous ? new Map(previous.instances.map((row) => [row.id, row])) : undefined;
  const oldListeners = previous ? new Map(previous.listeners.map((row) => [row.id, row])) : undefined;

  const instances: InstanceRow[] = [];
  const listeners: ListenerRow[] = [];
  const listenersByInstance = new Map<string, ListenerRow[]>();
  for (const lb of snapshot.loadBalancers) {
    const own = snapshot.listenersByLoadBalancer.get(lb.loadBalancerId) ?? [];
    const origin = snapshot.origins?.get(lb.loadBalancerId);
    const instance = reuse(withOrigin(instanceRow(lb, own.length), origin), oldInstances);
    instances.push(instance);
    // One string per instance, shared by its listeners (10,000 listeners, 500 instances).
    const contextSearch = searchForm(`${instance.name} ${instance.id}`);
    const rows = own.map((listener) =>
      reuse(
        withOrigin(listenerRow(listener, instance.name, contextSearch, groups, policyLabelOf), origin),
        oldListeners,
      ),
    );
    listenersByInstance.set(instance.id, rows);
    for (const row of rows) listeners.push(row);
  }
  return {
    instances,
    listeners,
    listenersByInstance,
    certificates: snapshot.certificates ? certificates : (previous?.certificates ?? certificates),
    serverGroups: snapshot.serverGroups ? groups : (previous?.serverGroups ?? groups),
    securityPolicies: policies,
    loadedAt,
    ...(snapshot.mixed ? { mixed: snapshot.mixed } : {}),
  };
}

/** A row of a mixed view: its connection, findable as `ctx:name region:id`, stale when it failed. */
function withOrigin<Row extends { search: string }>(row: Row, origin: RowOrigin | undefined): Row {
  if (!origin) return row;
  return {
    ...row,
    search: `${row.search} ${origin.search}`,
    connection: origin.key,
    ...(origin.stale ? { stale: true } : {}),
  };
}

/** Whether two listings show the same rows (buildDashboardData reuses the rows that did not change). */
export function sameRows(a: DashboardData, b: DashboardData): boolean {
  const same = <T>(x: readonly T[], y: readonly T[]) =>
    x.length === y.length && x.every((row, index) => row === y[index]);
  return same(a.instances, b.instances) && same(a.listeners, b.listeners);
}

/** The data without one listener (deleted), counts adjusted; the same object when it is not there. */
export function withoutListener(data: DashboardData, listenerId: string): DashboardData {
  const row = data.listeners.find((candidate) => candidate.id === listenerId);
  if (!row) return data;
  const listenersByInstance = new Map(data.listenersByInstance);
  const own = (listenersByInstance.get(row.loadBalancerId) ?? []).filter(
    (candidate) => candidate.id !== listenerId,
  );
  listenersByInstance.set(row.loadBalancerId, own);
  return {
    ...data,
    listeners: data.listeners.filter((candidate) => candidate.id !== listenerId),
    listenersByInstance,
    instances: data.instances.map((instance) =>
      instance.id === row.loadBalancerId ? { ...instance, listenerCount: own.length } : instance,
    ),
  };
}

const DAY_MS = 86_400_000;

/** Whole days from `now` until the certificate expires; negative once it has. */
export function daysUntil(isoDate: string, now: number): number | undefined {
  const at = Date.parse(isoDate);
  if (Number.isNaN(at)) return undefined;
  return Math.floor((at - now) / DAY_MS);
}

/** Expired red, within 30 days yellow. */
export function expiryTone(days: number | undefined): Tone | undefined {
  if (days === undefined) return undefined;
  if (days < 0) return 'danger';
  if (days <= 30) return 'warning';
  return 'good';
}
