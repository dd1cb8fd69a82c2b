// Stored resources → the wire shapes of the SDK response models (the `names()` maps of
// @alicloud/alb20200616 and @alicloud/cas20200407): PascalCase keys, numbers and booleans typed.
import { createHash } from 'node:crypto';
import { instanceAddress } from './traffic/addresses.js';
import type { AsyncJob, BackendServer, Certificate, Tag } from '../domain/resources.js';
import { defaultXForwardedFor } from './seed.js';
import {
  DEFAULT_RESOURCE_GROUP_ID,
  type StoredCertificate,
  type StoredListener,
  type StoredLoadBalancer,
  type StoredSecurityPolicy,
  type StoredServerGroup,
} from './state.js';

type Json = Record<string, unknown>;

const DAY = 86_400_000;

/** A JSON array whose items are already serialised (UTF-8), for `encodeReply`. */
export class RawJsonArray {
  constructor(readonly items: readonly Buffer[]) {}
}

const COMMA = Buffer.from(',');

/** A reply as UTF-8 JSON; `RawJsonArray` values at its top level go in as they are. */
export function encodeReply(body: Record<string, unknown>): Buffer {
  const chunks: Buffer[] = [];
  let text = '{';
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (value === undefined) continue;
    text += `${text.length > 1 || chunks.length > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    if (!(value instanceof RawJsonArray)) {
      text += JSON.stringify(value);
      continue;
    }
    chunks.push(Buffer.from(`${text}[`));
    value.items.forEach((item, index) => {
      if (index > 0) chunks.push(COMMA);
      chunks.push(item);
    });
    text = ']';
  }
  chunks.push(Buffer.from(`${text}}`));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

export const tags = (list: readonly Tag[]): Json[] => list.map((t) => ({ Key: t.key, Value: t.value }));

export function renderLoadBalancer(lb: StoredLoadBalancer, withZones: boolean, region: string): Json {
  const base: Json = {
    LoadBalancerId: lb.loadBalancerId,
    LoadBalancerName: lb.loadBalancerName,
    LoadBalancerStatus: lb.loadBalancerStatus,
    LoadBalancerBussinessStatus: lb.loadBalancerBussinessStatus,
    LoadBalancerEdition: lb.loadBalancerEdition,
    AddressType: lb.addressType,
    AddressAllocatedMode: lb.addressAllocatedMode,
    AddressIpVersion: lb.addressIpVersion,
    ...(lb.addressIpVersion === 'DualStack' ? { Ipv6AddressType: lb.ipv6AddressType ?? 'Intranet' } : {}),
    DNSName: lb.dnsName,
    VpcId: lb.vpcId,
    CreateTime: lb.createTime,
    ResourceGroupId: lb.resourceGroupId,
    ...(lb.bandwidthPackageId ? { BandwidthPackageId: lb.bandwidthPackageId } : {}),
    LoadBalancerBillingConfig: { PayType: lb.payType },
    DeletionProtectionConfig: lb.deletionProtectionEnabled
      ? { Enabled: true, EnabledTime: lb.createTime }
      : { Enabled: false },
    ModificationProtectionConfig: lb.modificationProtectionReason
      ? { Status: 'ConsoleProtection', Reason: lb.modificationProtectionReason }
      : { Status: 'NonProtection' },
    // ALB answers the object even when access logs are off (then without a project and store).
    AccessLogConfig: lb.accessLog
      ? { LogProject: lb.accessLog.logProject, LogStore: lb.accessLog.logStore }
      : {},
    LoadBalancerOperationLocks: (lb.operationLocks ?? []).map((lock) => ({
      LockType: lock.lockType,
      LockReason: lock.lockReason,
    })),
    SecurityGroupIds: [],
    Tags: tags(lb.tags),
  };
  if (!withZones) return base;
  return {
    ...base,
    RegionId: region,
    ZoneMappings: lb.zoneMappings.map((zone) => ({
      ZoneId: zone.zoneId,
      VSwitchId: zone.vSwitchId,
      Status: zone.status,
      LoadBalancerAddresses: zone.addresses.map((a) => ({
        // The address the local data plane serves this instance on (state files from before it
        // hold a made-up public address): what a client connects to.
        Address: instanceAddress(lb.loadBalancerId),
        ...(lb.addressType === 'Internet'
          ? elasticIp(lb.loadBalancerId, instanceAddress(lb.loadBalancerId))
          : {}),
        ...(a.intranetAddress
          ? { IntranetAddress: a.intranetAddress, IntranetAddressHcStatus: 'Healthy' }
          : {}),
        ...(a.ipv6Address ? { Ipv6Address: a.ipv6Address, Ipv6AddressHcStatus: 'Healthy' } : {}),
        Ipv4LocalAddresses: a.intranetAddress ? [localAddress(a.intranetAddress)] : [],
        Ipv6LocalAddresses: [],
      })),
    })),
  };
}

/** The EIP behind an Internet address: an ID stable for the address (the state does not keep one). */
function elasticIp(loadBalancerId: string, address: string): Json {
  const digest = createHash('sha256').update(`${loadBalancerId}/${address}`).digest('hex');
  return { AllocationId: `eip-bp1${digest.slice(0, 17)}`, EipType: 'Common' };
}

/** A stable neighbour of the VIP, standing in for the local address ALB uses to reach backends. */
function localAddress(ip: string): string {
  const parts = ip.split('.');
  const last = Number(parts[3] ?? '0');
  parts[3] = String(last >= 250 ? last - 1 : last + 1);
  return parts.join('.');
}

export function renderListener(l: StoredListener, detail: boolean): Json {
  const base: Json = {
    ListenerId: l.listenerId,
    LoadBalancerId: l.loadBalancerId,
    ListenerProtocol: l.listenerProtocol,
    ListenerPort: l.listenerPort,
    ListenerStatus: l.listenerStatus,
    ListenerDescription: l.listenerDescription,
    DefaultActions: l.defaultActions.map((action) => ({
      Type: action.type,
      ForwardGroupConfig: {
        ServerGroupTuples: action.forwardGroupConfig.serverGroupTuples.map((t) => ({
          ServerGroupId: t.serverGroupId,
        })),
      },
    })),
    GzipEnabled: l.gzipEnabled,
    Http2Enabled: l.http2Enabled,
    IdleTimeout: l.idleTimeout,
    RequestTimeout: l.requestTimeout,
    ...(l.securityPolicyId ? { SecurityPolicyId: l.securityPolicyId } : {}),
    QuicConfig: {
      QuicUpgradeEnabled: l.quicConfig.quicUpgradeEnabled === true,
      ...(l.quicConfig.quicListenerId ? { QuicListenerId: l.quicConfig.quicListenerId } : {}),
    },
    // Every field, as ALB answers them for each protocol (state files may hold only those set).
    XForwardedForConfig: { ...defaultXForwardedFor(), ...l.XForwardedForConfig },
    LogConfig: {
      AccessLogRecordCustomizedHeadersEnabled: false,
      AccessLogTracingConfig: { TracingEnabled: false },
    },
    Tags: tags(l.tags),
  };
  if (!detail) return base;
  return {
    ...base,
    Certificates: (l.certificates ?? []).map((c) => ({ CertificateId: c.certificateId })),
    CaEnabled: l.caEnabled === true,
    CaCertificates: (l.caCertificates ?? []).map((c) => ({
      CertificateId: c.certificateId,
      IsDefault: c.isDefault,
      Status: c.status,
    })),
    AclConfig: l.aclConfig
      ? {
          AclType: l.aclConfig.aclType,
          AclRelations: l.aclConfig.aclRelations.map((r) => ({ AclId: r.aclId, Status: r.status })),
        }
      : { AclRelations: [] },
  };
}

export function renderServerGroup(group: StoredServerGroup, relatedLoadBalancerIds: string[]): Json {
  const grpc = group.protocol === 'GRPC';
  const sticky = group.stickySession;
  return {
    ServerGroupId: group.serverGroupId,
    ServerGroupName: group.serverGroupName,
    ServerGroupType: group.serverGroupType,
    ServerGroupStatus: group.serverGroupStatus,
    Protocol: group.protocol,
    Scheduler: group.scheduler,
    VpcId: group.vpcId,
    ServerCount: group.serverCount,
    RelatedLoadBalancerIds: relatedLoadBalancerIds,
    CreateTime: group.createTime,
    ResourceGroupId: group.resourceGroupId ?? DEFAULT_RESOURCE_GROUP_ID,
    HealthCheckConfig: {
      HealthCheckEnabled: true,
      HealthCheckProtocol: grpc ? 'gRPC' : group.protocol,
      HealthCheckMethod: grpc ? 'POST' : 'HEAD',
      // gRPC groups check the standard health service; `$SERVER_IP` is ALB's default host (the backend's IP).
      HealthCheckPath: grpc ? '/grpc.health.v1.Health/Check' : '/health',
      HealthCheckHost: '$SERVER_IP',
      ...(grpc ? {} : { HealthCheckHttpVersion: 'HTTP1.1' }),
      HealthCheckCodes: grpc ? ['0'] : ['http_2xx', 'http_3xx'],
      HealthCheckConnectPort: 0,
      HealthCheckInterval: 2,
      HealthCheckTimeout: 5,
      HealthyThreshold: 3,
      UnhealthyThreshold: 3,
    },
    StickySessionConfig: !sticky
      ? { StickySessionEnabled: false, StickySessionType: 'Insert', CookieTimeout: 1000 }
      : sticky.type === 'Insert'
        ? { StickySessionEnabled: true, StickySessionType: 'Insert', CookieTimeout: sticky.cookieTimeout }
        : {
            StickySessionEnabled: true,
            StickySessionType: 'Server',
            Cookie: sticky.cookie,
            CookieTimeout: 1000,
          },
    ConnectionDrainConfig: { ConnectionDrainEnabled: false, ConnectionDrainTimeout: 300 },
    SlowStartConfig: { SlowStartEnabled: false, SlowStartDuration: 30 },
    IpVersionAffinityMode: 'Affinity',
    CrossZoneEnabled: true,
    Ipv6Enabled: false,
    UpstreamKeepaliveEnabled: false,
    ConfigManagedEnabled: false,
    Tags: tags(group.tags ?? []),
  };
}

export function renderServer(server: BackendServer): Json {
  return {
    ServerGroupId: server.serverGroupId,
    ServerId: server.serverId,
    ...(server.serverIp ? { ServerIp: server.serverIp } : {}),
    ServerType: server.serverType,
    Port: server.port,
    Weight: server.weight,
    Status: server.status,
    ...(server.description ? { Description: server.description } : {}),
    RemoteIpEnabled: false,
  };
}

export function renderCustomPolicy(policy: StoredSecurityPolicy): Json {
  return {
    SecurityPolicyId: policy.securityPolicyId,
    SecurityPolicyName: policy.securityPolicyName,
    SecurityPolicyStatus: 'Available',
    TLSVersions: [...policy.tlsVersions],
    Ciphers: [...policy.ciphers],
    CreateTime: policy.createTime,
    ResourceGroupId: policy.resourceGroupId ?? DEFAULT_RESOURCE_GROUP_ID,
    Tags: tags(policy.tags ?? []),
  };
}

export function renderJob(job: AsyncJob): Json {
  return {
    Id: job.id,
    ApiName: job.apiName,
    OperateType: job.operateType,
    ResourceId: job.resourceId,
    ResourceType: job.resourceType,
    Status: job.status,
    ...(job.errorCode ? { ErrorCode: job.errorCode } : {}),
    ...(job.errorMessage ? { ErrorMessage: job.errorMessage } : {}),
    CreateTime: job.createTime,
    ModifyTime: job.modifyTime,
  };
}

export type CertificateStatus = 'ISSUED' | 'WILLEXPIRED' | 'EXPIRED';

export function certificateStatus(cert: Certificate, now: number): CertificateStatus {
  const end = Date.parse(cert.endDate);
  if (end <= now) return 'EXPIRED';
  if (end - now <= 30 * DAY) return 'WILLEXPIRED';
  return 'ISSUED';
}

/** A CAS `CertificateOrderList` entry (OrderType CERT/UPLOAD). */
export function renderCasCertificate(cert: StoredCertificate, now: number): Json {
  const digest = createHash('sha256').update(cert.certificateId).digest('hex');
  const status = certificateStatus(cert, now);
  return {
    CertificateId: cert.casId,
    Name: cert.name,
    CommonName: cert.commonName,
    Sans: cert.sans.join(','),
    Issuer: cert.issuer,
    StartDate: cert.startDate.slice(0, 10),
    EndDate: cert.endDate.slice(0, 10),
    Expired: status === 'EXPIRED',
    Status: status,
    Fingerprint: cert.fingerprint,
    Sha2: digest.toUpperCase(),
    SerialNo: digest.slice(0, 32),
    // The demo account's certificates are all uploaded ones (no CAS orders).
    Upload: true,
    InstanceId: `cas-upload-${digest.slice(0, 6)}`,
    ResourceGroupId: cert.resourceGroupId ?? DEFAULT_RESOURCE_GROUP_ID,
    OrgName: 'Example Corp',
    Country: 'CN',
    Province: 'Zhejiang',
    City: 'Hangzhou',
    // Not documented for OrderType CERT; lets a client tell the mutual-TLS CA apart (as does Issuer === CommonName).
    ...(cert.isCa ? { CertType: 'CA' } : {}),
  };
}
