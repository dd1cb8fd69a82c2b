// SDK response models → domain shapes. The SDK already renamed the keys to camelCase and coerced
// numbers and booleans; here we fill defaults for absent fields and drop what the app never shows.
// Enumerated fields are passed through as the service sent them (the domain unions name the values
// known today; a value added later by the service must still reach the screen, not become a default).
import type {
  AsyncJob,
  BackendServer,
  Certificate,
  DefaultAction,
  Listener,
  LoadBalancer,
  SecurityPolicy,
  ServerGroup,
  Tag,
  XForwardedForConfig,
  ZoneMapping,
} from '../domain/resources.js';
import type { ListenerCertificate } from './client.js';

type Maybe<T> = T | undefined | null;

interface SdkTag {
  key?: string;
  value?: string;
}

function tags(list: Maybe<SdkTag[]>): Tag[] {
  return (list ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' }));
}

/** Both `ListLoadBalancers` items and `GetLoadBalancerAttribute` bodies. */
export interface SdkLoadBalancer {
  loadBalancerId?: string;
  loadBalancerName?: string;
  loadBalancerStatus?: string;
  loadBalancerBussinessStatus?: string;
  loadBalancerEdition?: string;
  addressType?: string;
  addressAllocatedMode?: string;
  addressIpVersion?: string;
  DNSName?: string;
  vpcId?: string;
  createTime?: string;
  resourceGroupId?: string;
  loadBalancerBillingConfig?: { payType?: string };
  deletionProtectionConfig?: { enabled?: boolean };
  tags?: SdkTag[];
  zoneMappings?: {
    zoneId?: string;
    vSwitchId?: string;
    status?: string;
    loadBalancerAddresses?: { address?: string; intranetAddress?: string; ipv6Address?: string }[];
  }[];
}

export function toLoadBalancer(lb: SdkLoadBalancer): LoadBalancer {
  return {
    loadBalancerId: lb.loadBalancerId ?? '',
    loadBalancerName: lb.loadBalancerName ?? '',
    loadBalancerStatus: (lb.loadBalancerStatus ?? 'Active') as LoadBalancer['loadBalancerStatus'],
    loadBalancerBussinessStatus: (lb.loadBalancerBussinessStatus ??
      'Normal') as LoadBalancer['loadBalancerBussinessStatus'],
    loadBalancerEdition: (lb.loadBalancerEdition ?? 'Standard') as LoadBalancer['loadBalancerEdition'],
    addressType: (lb.addressType ?? 'Internet') as LoadBalancer['addressType'],
    addressAllocatedMode: (lb.addressAllocatedMode ?? 'Dynamic') as LoadBalancer['addressAllocatedMode'],
    addressIpVersion: (lb.addressIpVersion ?? 'IPv4') as LoadBalancer['addressIpVersion'],
    dnsName: lb.DNSName ?? '',
    vpcId: lb.vpcId ?? '',
    createTime: lb.createTime ?? '',
    resourceGroupId: lb.resourceGroupId ?? '',
    payType: lb.loadBalancerBillingConfig?.payType ?? '',
    deletionProtectionEnabled: lb.deletionProtectionConfig?.enabled ?? false,
    zoneMappings: (lb.zoneMappings ?? []).map((z): ZoneMapping => ({
      zoneId: z.zoneId ?? '',
      vSwitchId: z.vSwitchId ?? '',
      status: z.status ?? '',
      addresses: (z.loadBalancerAddresses ?? []).map((a) =>
        dropUndefined({ address: a.address, intranetAddress: a.intranetAddress, ipv6Address: a.ipv6Address }),
      ),
    })),
    tags: tags(lb.tags),
  };
}

/**
 * A listener as the API's JSON has it (PascalCase), from `ListListeners` items and
 * `GetListenerAttribute` bodies (only the latter carry certificates). Listeners are read from the
 * raw JSON rather than the SDK's response models: see `SdkAlbClient.listenerCall`.
 */
export function listenerFromWire(raw: unknown): Listener {
  const l = record(raw);
  const quic = record(l['QuicConfig']);
  const listener: Listener = {
    listenerId: str(l['ListenerId']),
    loadBalancerId: str(l['LoadBalancerId']),
    listenerProtocol: (str(l['ListenerProtocol']) || 'HTTP') as Listener['listenerProtocol'],
    listenerPort: num(l['ListenerPort']) ?? 0,
    listenerDescription: str(l['ListenerDescription']),
    listenerStatus: (str(l['ListenerStatus']) || 'Running') as Listener['listenerStatus'],
    defaultActions: list(l['DefaultActions']).map((item): DefaultAction => {
      const action = record(item);
      return {
        type: (str(action['Type']) || 'ForwardGroup') as DefaultAction['type'],
        forwardGroupConfig: {
          serverGroupTuples: list(record(action['ForwardGroupConfig'])['ServerGroupTuples']).map((t) => ({
            serverGroupId: str(record(t)['ServerGroupId']),
          })),
        },
      };
    }),
    gzipEnabled: bool(l['GzipEnabled']) ?? true,
    http2Enabled: bool(l['Http2Enabled']) ?? false,
    idleTimeout: num(l['IdleTimeout']) ?? 15,
    requestTimeout: num(l['RequestTimeout']) ?? 60,
    quicConfig: {},
    XForwardedForConfig: xffFromWire(l['XForwardedForConfig']),
    tags: list(l['Tags']).map((t) => ({ key: str(record(t)['Key']), value: str(record(t)['Value']) })),
  };
  const upgrade = bool(quic['QuicUpgradeEnabled']);
  if (upgrade !== undefined) listener.quicConfig.quicUpgradeEnabled = upgrade;
  if (str(quic['QuicListenerId'])) listener.quicConfig.quicListenerId = str(quic['QuicListenerId']);
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

function xffFromWire(raw: unknown): XForwardedForConfig {
  const out: Record<string, string | boolean> = {};
  const fields = record(raw);
  // A plain loop: this runs for every listener of a listing, and Object.entries allocates.
  for (const key in fields) {
    if (!key.startsWith('XForwardedFor')) continue;
    const value = fields[key];
    const parsed = key.endsWith('Enabled') ? bool(value) : typeof value === 'string' ? value : undefined;
    if (parsed !== undefined) out[key] = parsed;
  }
  return out as XForwardedForConfig;
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

function dropUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
