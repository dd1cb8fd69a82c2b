// Replies → domain shapes. Instances and listeners, the large lists, come as the reply's JSON
// (PascalCase; `*FromWire`); the rest as the SDK's response models (`to*`: keys already camelCase,
// numbers and booleans coerced). Either way, defaults fill absent fields and what the app never shows
// is dropped.
// Enumerated fields are passed through as the service sent them (the domain unions name the values
// known today; a value added later by the service must still reach the screen, not become a default).
import type {
  AclConfig,
  AsyncJob,
  BackendServer,
  Certificate,
  DefaultAction,
  Listener,
  ListenerLogConfig,
  LoadBalancer,
  QuicConfig,
  SecurityPolicy,
  ServerGroup,
  Tag,
  XForwardedForConfig,
  ZoneMapping,
} from '../domain/resources.js';
import type { ListenerCertificate } from './client.js';

type Maybe<T> = T | undefined | null;

/**
 * An instance as the API's JSON has it (PascalCase): `ListLoadBalancers` items and
 * `GetLoadBalancerAttribute` bodies (only the latter carry zone mappings).
 */
export function loadBalancerFromWire(raw: unknown): LoadBalancer {
  const lb = record(raw);
  return {
    loadBalancerId: str(lb['LoadBalancerId']),
    loadBalancerName: str(lb['LoadBalancerName']),
    loadBalancerStatus: (str(lb['LoadBalancerStatus']) || 'Active') as LoadBalancer['loadBalancerStatus'],
    loadBalancerBussinessStatus: (str(lb['LoadBalancerBussinessStatus']) ||
      'Normal') as LoadBalancer['loadBalancerBussinessStatus'],
    loadBalancerEdition: (str(lb['LoadBalancerEdition']) ||
      'Standard') as LoadBalancer['loadBalancerEdition'],
    addressType: (str(lb['AddressType']) || 'Internet') as LoadBalancer['addressType'],
    addressAllocatedMode: (str(lb['AddressAllocatedMode']) ||
      'Dynamic') as LoadBalancer['addressAllocatedMode'],
    addressIpVersion: (str(lb['AddressIpVersion']) || 'IPv4') as LoadBalancer['addressIpVersion'],
    dnsName: str(lb['DNSName']),
    vpcId: str(lb['VpcId']),
    createTime: str(lb['CreateTime']),
    resourceGroupId: str(lb['ResourceGroupId']),
    payType: str(record(lb['LoadBalancerBillingConfig'])['PayType']),
    deletionProtectionEnabled: bool(record(lb['DeletionProtectionConfig'])['Enabled']) ?? false,
    zoneMappings: list(lb['ZoneMappings']).map((item): ZoneMapping => {
      const zone = record(item);
      return {
        zoneId: str(zone['ZoneId']),
        vSwitchId: str(zone['VSwitchId']),
        status: str(zone['Status']),
        addresses: list(zone['LoadBalancerAddresses']).map((item) => {
          const a = record(item);
          return dropEmpty({
            address: str(a['Address']),
            intranetAddress: str(a['IntranetAddress']),
            ipv6Address: str(a['Ipv6Address']),
          });
        }),
      };
    }),
    tags: tagsFromWire(lb['Tags']),
  };
}

/**
 * A listener as the API's JSON has it (PascalCase), from `ListListeners` items and
 * `GetListenerAttribute` bodies (only the latter carry certificates). Listeners are read from the
 * raw JSON rather than the SDK's response models: see `SdkAlbClient.rawAlbCall`.
 */
export function listenerFromWire(raw: unknown): Listener {
  const l = record(raw);
  const listener: Listener = {
    listenerId: str(l['ListenerId']),
    loadBalancerId: str(l['LoadBalancerId']),
    listenerProtocol: (str(l['ListenerProtocol']) || 'HTTP') as Listener['listenerProtocol'],
    listenerPort: num(l['ListenerPort']) ?? 0,
    listenerDescription: str(l['ListenerDescription']),
    listenerStatus: (str(l['ListenerStatus']) || 'Running') as Listener['listenerStatus'],
    defaultActions: defaultActionsFromWire(l['DefaultActions']),
    gzipEnabled: bool(l['GzipEnabled']) ?? true,
    http2Enabled: bool(l['Http2Enabled']) ?? false,
    idleTimeout: num(l['IdleTimeout']) ?? 15,
    requestTimeout: num(l['RequestTimeout']) ?? 60,
    quicConfig: quicFromWire(l['QuicConfig']),
    XForwardedForConfig: xffFromWire(l['XForwardedForConfig']),
    tags: tagsFromWire(l['Tags']),
  };
  if (str(l['SecurityPolicyId'])) listener.securityPolicyId = str(l['SecurityPolicyId']);
  if (Array.isArray(l['Certificates']))
    listener.certificates = l['Certificates'].map((c) => ({
      certificateId: str(record(c)['CertificateId']),
    }));
  const caEnabled = bool(l['CaEnabled']);
  if (caEnabled !== undefined) listener.caEnabled = caEnabled;
  if (Array.isArray(l['CaCertificates'])) {
    listener.caCertificates = l['CaCertificates'].map((item) => {
      const c = record(item);
      return {
        certificateId: str(c['CertificateId']),
        isDefault: bool(c['IsDefault']) ?? false,
        status: str(c['Status']),
      };
    });
  }
  return listener;
}

/**
 * A `GetListenerAttribute` body: the listener as listed, plus what only that action returns and
 * only a single listener's view shows (ACLs, access log settings). Kept out of listings, which
 * hold thousands of listeners.
 */
export function listenerDetailFromWire(raw: unknown): Listener {
  const l = record(raw);
  const listener = listenerFromWire(raw);
  if (l['AclConfig'] !== undefined && l['AclConfig'] !== null) {
    const acl = record(l['AclConfig']);
    const aclConfig: AclConfig = {
      aclRelations: list(acl['AclRelations']).map((item) => ({
        aclId: str(record(item)['AclId']),
        status: str(record(item)['Status']),
      })),
    };
    if (str(acl['AclType'])) aclConfig.aclType = str(acl['AclType']);
    listener.aclConfig = aclConfig;
  }
  if (l['LogConfig'] !== undefined && l['LogConfig'] !== null) {
    const log = record(l['LogConfig']);
    const logConfig: ListenerLogConfig = {};
    const headers = bool(log['AccessLogRecordCustomizedHeadersEnabled']);
    if (headers !== undefined) logConfig.accessLogRecordCustomizedHeadersEnabled = headers;
    if (log['AccessLogTracingConfig'] !== undefined && log['AccessLogTracingConfig'] !== null) {
      const tracing = record(log['AccessLogTracingConfig']);
      const enabled = bool(tracing['TracingEnabled']);
      const sample = num(tracing['TracingSample']);
      logConfig.accessLogTracingConfig = {
        ...(enabled === undefined ? {} : { tracingEnabled: enabled }),
        ...(sample === undefined ? {} : { tracingSample: sample }),
        ...(str(tracing['TracingType']) ? { tracingType: str(tracing['TracingType']) } : {}),
      };
    }
    listener.logConfig = logConfig;
  }
  return listener;
}

// The parts most listeners have in common (one server group, no tags, the same header options) are
// shared, frozen, between the listeners that have them: a listing of 10,000 listeners otherwise keeps
// about ten small objects per listener, and copying them between heap generations was a large part
// of the client's time in such a listing.

/** Shared values, by key; emptied when full (the keys come from the service). */
class SharedValues<K, V> {
  private readonly values = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K, make: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.limit) this.values.clear();
      value = make();
      this.values.set(key, value);
    }
    return value;
  }
}

const SHARED_LIMIT = 4_096;
const forwardActions = new SharedValues<string, DefaultAction[]>(SHARED_LIMIT);
const headerOptions = new SharedValues<number, XForwardedForConfig>(SHARED_LIMIT);
const NO_TAGS: Tag[] = Object.freeze([]) as unknown as Tag[];
const NO_ACTIONS: DefaultAction[] = Object.freeze([]) as unknown as DefaultAction[];
const QUIC_UNSET: QuicConfig = Object.freeze({});
const QUIC_UPGRADE_OFF: QuicConfig = Object.freeze({ quicUpgradeEnabled: false });
const QUIC_UPGRADE_ON: QuicConfig = Object.freeze({ quicUpgradeEnabled: true });

function defaultActionsFromWire(raw: unknown): DefaultAction[] {
  const actions = list(raw);
  if (actions.length === 0) return NO_ACTIONS;
  const only = actions.length === 1 ? record(actions[0]) : undefined;
  const tuples = only ? list(record(only['ForwardGroupConfig'])['ServerGroupTuples']) : [];
  const type = only ? str(only['Type']) || 'ForwardGroup' : '';
  if (type === 'ForwardGroup' && tuples.length === 1) {
    const serverGroupId = str(record(tuples[0])['ServerGroupId']);
    return forwardActions.get(serverGroupId, () =>
      deepFreeze([{ type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId }] } }]),
    );
  }
  return actions.map((item): DefaultAction => {
    const action = record(item);
    return {
      type: (str(action['Type']) || 'ForwardGroup') as DefaultAction['type'],
      forwardGroupConfig: {
        serverGroupTuples: list(record(action['ForwardGroupConfig'])['ServerGroupTuples']).map((t) => ({
          serverGroupId: str(record(t)['ServerGroupId']),
        })),
      },
    };
  });
}

function quicFromWire(raw: unknown): QuicConfig {
  const quic = record(raw);
  const upgrade = bool(quic['QuicUpgradeEnabled']);
  const quicListenerId = str(quic['QuicListenerId']);
  if (quicListenerId)
    return upgrade === undefined ? { quicListenerId } : { quicUpgradeEnabled: upgrade, quicListenerId };
  return upgrade === undefined ? QUIC_UNSET : upgrade ? QUIC_UPGRADE_ON : QUIC_UPGRADE_OFF;
}

function tagsFromWire(raw: unknown): Tag[] {
  const items = list(raw);
  if (items.length === 0) return NO_TAGS;
  return items.map((t) => ({ key: str(record(t)['Key']), value: str(record(t)['Value']) }));
}

/**
 * Header options: shared when they are only switches (two bits each in the key: present, on) and
 * the processing mode, built for this listener when one carries text (trusted IPs, DN aliases) or
 * is a field not known here.
 */
function xffFromWire(raw: unknown): XForwardedForConfig {
  const fields = record(raw);
  let key = 0;
  let shareable = true;
  // A plain loop: this runs for every listener of a listing, and Object.entries allocates.
  for (const name in fields) {
    if (!name.startsWith('XForwardedFor')) continue;
    const value = fields[name];
    if (name === 'XForwardedForProcessingMode' && (value === 'append' || value === 'remove')) {
      key |= (value === 'append' ? 1 : 2) << XFF_MODE_BIT;
      continue;
    }
    const bit = XFF_SWITCH_BITS.get(name);
    if (bit === undefined || typeof value === 'string') {
      shareable = false;
      break;
    }
    const on = bool(value);
    if (on !== undefined) key |= (on ? 3 : 1) << bit;
  }
  return shareable ? headerOptions.get(key, () => Object.freeze(xffFields(fields))) : xffFields(fields);
}

function xffFields(fields: Record<string, unknown>): XForwardedForConfig {
  const out: Record<string, string | boolean> = {};
  for (const key in fields) {
    if (!key.startsWith('XForwardedFor')) continue;
    const value = fields[key];
    const parsed = key.endsWith('Enabled') ? bool(value) : typeof value === 'string' ? value : undefined;
    if (parsed !== undefined) out[key] = parsed;
  }
  return out as XForwardedForConfig;
}

/** The header switches this app knows, each with the position of its two key bits. */
const XFF_SWITCH_BITS = new Map<string, number>(
  (
    [
      'XForwardedForEnabled',
      'XForwardedForSLBIdEnabled',
      'XForwardedForProtoEnabled',
      'XForwardedForSLBPortEnabled',
      'XForwardedForHostEnabled',
      'XForwardedForClientSrcPortEnabled',
      'XForwardedForClientSourceIpsEnabled',
      'XForwardedForClientCertSubjectDNEnabled',
      'XForwardedForClientCertIssuerDNEnabled',
      'XForwardedForClientCertFingerprintEnabled',
      'XForwardedForClientCertClientVerifyEnabled',
    ] satisfies (keyof XForwardedForConfig)[]
  ).map((name, index) => [name, index * 2]),
);
const XFF_MODE_BIT = XFF_SWITCH_BITS.size * 2;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : EMPTY;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Numbers as the SDK coerces them: JSON numbers, or digit strings. */
function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  return undefined;
}

export interface SdkListenerCertificate {
  certificateId?: string;
  certificateType?: string;
  isDefault?: boolean;
  status?: string;
}

export function toListenerCertificate(c: SdkListenerCertificate): ListenerCertificate {
  return {
    certificateId: c.certificateId ?? '',
    certificateType: c.certificateType === 'Ca' ? 'Ca' : 'Server',
    isDefault: c.isDefault ?? false,
    status: c.status ?? '',
  };
}

export interface SdkServerGroup {
  serverGroupId?: string;
  serverGroupName?: string;
  serverGroupType?: string;
  serverGroupStatus?: string;
  protocol?: string;
  scheduler?: string;
  vpcId?: string;
  serverCount?: number;
  relatedLoadBalancerIds?: string[];
}

export function toServerGroup(g: SdkServerGroup): ServerGroup {
  return {
    serverGroupId: g.serverGroupId ?? '',
    serverGroupName: g.serverGroupName ?? '',
    serverGroupType: (g.serverGroupType ?? 'Instance') as ServerGroup['serverGroupType'],
    serverGroupStatus: (g.serverGroupStatus ?? 'Available') as ServerGroup['serverGroupStatus'],
    protocol: (g.protocol ?? 'HTTP') as ServerGroup['protocol'],
    scheduler: (g.scheduler ?? 'Wrr') as ServerGroup['scheduler'],
    vpcId: g.vpcId ?? '',
    serverCount: g.serverCount ?? 0,
    relatedLoadBalancerIds: g.relatedLoadBalancerIds ?? [],
  };
}

export interface SdkServer {
  serverGroupId?: string;
  serverId?: string;
  serverIp?: string;
  serverType?: string;
  port?: number;
  weight?: number;
  status?: string;
  description?: string;
}

export function toBackendServer(s: SdkServer, serverGroupId: string): BackendServer {
  const server: BackendServer = {
    serverGroupId: s.serverGroupId ?? serverGroupId,
    serverId: s.serverId ?? '',
    serverType: (s.serverType ?? 'Ecs') as BackendServer['serverType'],
    port: s.port ?? 0,
    weight: s.weight ?? 100,
    status: (s.status ?? 'Available') as BackendServer['status'],
  };
  if (s.serverIp) server.serverIp = s.serverIp;
  if (s.description) server.description = s.description;
  return server;
}

export interface SdkSecurityPolicy {
  securityPolicyId?: string;
  securityPolicyName?: string;
  TLSVersions?: string[];
  ciphers?: string[];
}

export function toSecurityPolicy(p: SdkSecurityPolicy, kind: SecurityPolicy['kind']): SecurityPolicy {
  const id = p.securityPolicyId ?? '';
  return {
    securityPolicyId: id,
    // System policies have no name of their own: their ID is the name users know.
    securityPolicyName: p.securityPolicyName || id,
    kind,
    tlsVersions: p.TLSVersions ?? [],
    ciphers: p.ciphers ?? [],
  };
}

export interface SdkJob {
  id?: string;
  apiName?: string;
  operateType?: string;
  resourceId?: string;
  resourceType?: string;
  status?: string;
  errorCode?: string;
  errorMessage?: string;
  createTime?: number;
  modifyTime?: number;
}

export function toAsyncJob(j: SdkJob): AsyncJob {
  const job: AsyncJob = {
    id: j.id ?? '',
    apiName: j.apiName ?? '',
    operateType: (j.operateType ?? 'Create') as AsyncJob['operateType'],
    resourceId: j.resourceId ?? '',
    resourceType: (j.resourceType ?? 'listener') as AsyncJob['resourceType'],
    status: (j.status ?? 'Processing') as AsyncJob['status'],
    createTime: j.createTime ?? 0,
    modifyTime: j.modifyTime ?? 0,
  };
  if (j.errorCode) job.errorCode = j.errorCode;
  if (j.errorMessage) job.errorMessage = j.errorMessage;
  return job;
}

/** A certificate as CAS `ListUserCertificateOrder` (OrderType=CERT) lists it. */
export interface SdkCasCertificate {
  certificateId?: number;
  name?: string;
  commonName?: string;
  sans?: string;
  issuer?: string;
  startDate?: string;
  endDate?: string;
  certStartTime?: number;
  certEndTime?: number;
  fingerprint?: string;
  certType?: string;
}

/**
 * `certificateRegion` is where CAS keeps the certificate: the ALB ID is `<CAS id>-<region>`.
 * CAS lists no CA flag for user certificates; a `certType` of `CA` marks one where the service says so.
 */
export function toCertificate(c: SdkCasCertificate, certificateRegion: string): Certificate {
  const casId = c.certificateId ?? 0;
  return {
    certificateId: `${casId}-${certificateRegion}`,
    casId,
    name: c.name ?? '',
    commonName: c.commonName ?? '',
    sans: (c.sans ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    issuer: c.issuer ?? '',
    startDate: isoDate(c.certStartTime, c.startDate),
    endDate: isoDate(c.certEndTime, c.endDate),
    fingerprint: c.fingerprint ?? '',
    isCa: (c.certType ?? '').toUpperCase() === 'CA',
  };
}

/** Prefers the precise millisecond timestamp; falls back to the `YYYY-MM-DD` date (UTC midnight). */
function isoDate(ms: Maybe<number>, date: Maybe<string>): string {
  if (typeof ms === 'number' && Number.isFinite(ms) && ms > 0) return new Date(ms).toISOString();
  if (date) {
    const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
    if (Number.isFinite(parsed)) return new Date(parsed).toISOString();
    return date;
  }
  return '';
}

/** The fields of `value` that are not empty text. */
function dropEmpty<T extends Record<string, string>>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key in value) if (value[key] !== '') out[key] = value[key];
  return out;
}
