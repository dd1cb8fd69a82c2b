// Plain shapes of the ALB and CAS resources alb-tui works with. The emulator stores them, the ALB
// client returns them and the UI shows them; field names follow the API (camelCase, as the SDK models).

export const LISTENER_PROTOCOLS = ['HTTP', 'HTTPS', 'QUIC'] as const;
export type ListenerProtocol = (typeof LISTENER_PROTOCOLS)[number];

export const LOAD_BALANCER_STATUSES = [
  'Inactive',
  'Active',
  'Provisioning',
  'Configuring',
  'CreateFailed',
] as const;
export type LoadBalancerStatus = (typeof LOAD_BALANCER_STATUSES)[number];

export const LOAD_BALANCER_EDITIONS = ['Basic', 'Standard', 'StandardWithWaf'] as const;
export type LoadBalancerEdition = (typeof LOAD_BALANCER_EDITIONS)[number];

export type AddressType = 'Internet' | 'Intranet';

export interface Tag {
  key: string;
  value: string;
}

export interface ZoneMapping {
  zoneId: string;
  vSwitchId: string;
  status: string;
  addresses: { address?: string; intranetAddress?: string; ipv6Address?: string }[];
}

export interface LoadBalancer {
  loadBalancerId: string;
  loadBalancerName: string;
  loadBalancerStatus: LoadBalancerStatus;
  loadBalancerBussinessStatus: 'Normal' | 'Abnormal';
  loadBalancerEdition: LoadBalancerEdition;
  addressType: AddressType;
  addressAllocatedMode: 'Fixed' | 'Dynamic';
  addressIpVersion: 'IPv4' | 'DualStack';
  dnsName: string;
  vpcId: string;
  createTime: string;
  resourceGroupId: string;
  payType: string;
  deletionProtectionEnabled: boolean;
  zoneMappings: ZoneMapping[];
  tags: Tag[];
}

export const LISTENER_STATUSES = ['Provisioning', 'Running', 'Configuring', 'Stopped'] as const;
export type ListenerStatus = (typeof LISTENER_STATUSES)[number];

/** Every `XForwardedForConfig` field the API knows (PascalCase, as in the SDK model). */
export interface XForwardedForConfig {
  XForwardedForEnabled?: boolean;
  XForwardedForProcessingMode?: 'append' | 'remove';
  XForwardedForSLBIdEnabled?: boolean;
  XForwardedForProtoEnabled?: boolean;
  XForwardedForSLBPortEnabled?: boolean;
  XForwardedForHostEnabled?: boolean;
  XForwardedForClientSrcPortEnabled?: boolean;
  XForwardedForClientSourceIpsEnabled?: boolean;
  XForwardedForClientSourceIpsTrusted?: string;
  XForwardedForClientCertSubjectDNEnabled?: boolean;
  XForwardedForClientCertSubjectDNAlias?: string;
  XForwardedForClientCertIssuerDNEnabled?: boolean;
  XForwardedForClientCertIssuerDNAlias?: string;
  XForwardedForClientCertFingerprintEnabled?: boolean;
  XForwardedForClientCertFingerprintAlias?: string;
  XForwardedForClientCertClientVerifyEnabled?: boolean;
  XForwardedForClientCertClientVerifyAlias?: string;
}

export interface QuicConfig {
  quicUpgradeEnabled?: boolean;
  quicListenerId?: string;
}

export interface CertificateRef {
  certificateId: string;
}

export interface DefaultAction {
  type: 'ForwardGroup';
  forwardGroupConfig: { serverGroupTuples: { serverGroupId: string }[] };
}

export interface Listener {
  listenerId: string;
  loadBalancerId: string;
  listenerProtocol: ListenerProtocol;
  listenerPort: number;
  listenerDescription: string;
  listenerStatus: ListenerStatus;
  defaultActions: DefaultAction[];
  gzipEnabled: boolean;
  http2Enabled: boolean;
  idleTimeout: number;
  requestTimeout: number;
  securityPolicyId?: string;
  quicConfig: QuicConfig;
  XForwardedForConfig: XForwardedForConfig;
  /** Only in `GetListenerAttribute`, not in `ListListeners`. */
  certificates?: CertificateRef[];
  caEnabled?: boolean;
  caCertificates?: { certificateId: string; isDefault: boolean; status: string }[];
  /** Only in `GetListenerAttribute`: the access control lists bound to the listener. */
  aclConfig?: AclConfig;
  /** Only in `GetListenerAttribute`: what its access log records. */
  logConfig?: ListenerLogConfig;
  tags: Tag[];
}

export interface AclConfig {
  /** `White` or `Black`, as the service sends it. */
  aclType?: string;
  aclRelations: { aclId: string; status: string }[];
}

export interface ListenerLogConfig {
  accessLogRecordCustomizedHeadersEnabled?: boolean;
  accessLogTracingConfig?: { tracingEnabled?: boolean; tracingSample?: number; tracingType?: string };
}

/** A certificate as the certificate service (CAS) lists it, with the ID an ALB listener takes. */
export interface Certificate {
  /** `<CAS numeric id>-<region>`, the form `Certificates.1.CertificateId` takes. */
  certificateId: string;
  casId: number;
  name: string;
  commonName: string;
  sans: string[];
  issuer: string;
  /** ISO dates. */
  startDate: string;
  endDate: string;
  fingerprint: string;
  /** Whether it can serve as a CA certificate for mutual TLS. */
  isCa: boolean;
}

export interface SecurityPolicy {
  securityPolicyId: string;
  securityPolicyName: string;
  kind: 'system' | 'custom';
  tlsVersions: string[];
  ciphers: string[];
}

export const SERVER_GROUP_PROTOCOLS = ['HTTP', 'HTTPS', 'GRPC'] as const;
export type ServerGroupProtocol = (typeof SERVER_GROUP_PROTOCOLS)[number];

export interface ServerGroup {
  serverGroupId: string;
  serverGroupName: string;
  serverGroupType: 'Instance' | 'Ip' | 'Fc';
  serverGroupStatus: 'Creating' | 'Available' | 'Configuring';
  protocol: ServerGroupProtocol;
  scheduler: 'Wrr' | 'Wlc' | 'Sch';
  vpcId: string;
  serverCount: number;
  relatedLoadBalancerIds: string[];
}

export interface BackendServer {
  serverGroupId: string;
  serverId: string;
  serverIp?: string;
  serverType: 'Ecs' | 'Eni' | 'Eci' | 'Ip' | 'Fc';
  port: number;
  weight: number;
  status: 'Adding' | 'Available' | 'Configuring' | 'Removing';
  description?: string;
}

export interface AsyncJob {
  id: string;
  apiName: string;
  operateType: 'Create' | 'Update' | 'Delete';
  resourceId: string;
  resourceType: 'loadbalancer' | 'listener' | 'rule' | 'servergroup';
  status: 'Succeeded' | 'Failed' | 'Processing';
  errorCode?: string;
  errorMessage?: string;
  createTime: number;
  modifyTime: number;
}
