// Demo data for a first run (and the scale generator): deterministic for a seed, dates relative to
// the moment of seeding, realistic enough to exercise every corner of the UI — two VPCs, all three
// editions, an inactive and a busy instance, Chinese names, an expired and an expiring certificate,
// a CA certificate for mutual TLS, HTTPS listeners upgraded to QUIC.
import type {
  BackendServer,
  Certificate,
  ListenerProtocol,
  ListenerStatus,
  LoadBalancer,
  LoadBalancerEdition,
  LoadBalancerStatus,
  ServerGroupProtocol,
  Tag,
  XForwardedForConfig,
  ZoneMapping,
} from '../domain/resources.js';
import { createHash } from 'node:crypto';
import { CIPHERS_BY_TLS_VERSION } from '../domain/tls-policies.js';
import { seedRules } from './seed-rules.js';
import { createPrng, type Prng } from './prng.js';
import { DEMO_BACKEND_HOST, DEMO_BACKEND_PORTS } from './traffic/demo-ports.js';
import type { StoredHealthCheckConfig } from './traffic/health-config.js';
import { instanceAddress } from './traffic/addresses.js';
import {
  STATE_VERSION,
  type EmulatorState,
  type ScaleOptions,
  type StoredAclConfig,
  type StoredListener,
  type StoredLoadBalancer,
  type StoredSecurityPolicy,
  type StoredServerGroup,
} from './state.js';

const DAY = 86_400_000;

/** `YYYY-MM-DDThh:mm:ssZ`, the API's time format. */
export function apiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** CN-site certificates live in cn-hangzhou, international-site ones in ap-southeast-1. */
export function certificateRegion(region: string): string {
  return region.startsWith('cn-') ? 'cn-hangzhou' : 'ap-southeast-1';
}

export function zonesOf(region: string): string[] {
  const letters = region === 'cn-hangzhou' ? ['h', 'i', 'j', 'k'] : ['a', 'b', 'c', 'd'];
  return letters.map((letter) => `${region}-${letter}`);
}

/**
 * Defaults of a listener's extra headers, every field as ALB answers it for any protocol (it lists the
 * HTTPS-only client-certificate fields as false on HTTP and QUIC listeners too): X-Forwarded-For on
 * (append), the rest off.
 */
export function defaultXForwardedFor(): XForwardedForConfig {
  return {
    XForwardedForEnabled: true,
    XForwardedForProcessingMode: 'append',
    XForwardedForSLBIdEnabled: false,
    XForwardedForProtoEnabled: false,
    XForwardedForSLBPortEnabled: false,
    XForwardedForHostEnabled: false,
    XForwardedForClientSrcPortEnabled: false,
    XForwardedForClientSourceIpsEnabled: false,
    XForwardedForClientCertSubjectDNEnabled: false,
    XForwardedForClientCertIssuerDNEnabled: false,
    XForwardedForClientCertFingerprintEnabled: false,
    XForwardedForClientCertClientVerifyEnabled: false,
  };
}

interface CertificateSpec {
  key: string;
  name: string;
  commonName: string;
  sans: string[];
  issuer: string;
  startDays: number;
  endDays: number;
  isCa?: boolean;
}

const CERTIFICATES: CertificateSpec[] = [
  {
    key: 'wildcard',
    name: 'example-com-wildcard-2025',
    commonName: '*.example.com',
    sans: ['*.example.com', 'example.com'],
    issuer: 'DigiCert Global G2 TLS RSA SHA256 2020 CA1',
    startDays: -200,
    endDays: 165,
  },
  {
    key: 'pay',
    name: 'pay-example-cn',
    commonName: 'pay.example.cn',
    sans: ['pay.example.cn', 'pay-api.example.cn', 'notify.pay.example.cn'],
    issuer: 'GeoTrust CN RSA CA G1',
    startDays: -90,
    endDays: 275,
  },
  {
    key: 'api',
    name: 'api-example-com-letsencrypt',
    commonName: 'api.example.com',
    sans: ['api.example.com', 'api-v2.example.com'],
    issuer: "Let's Encrypt R11",
    startDays: -78,
    endDays: 12,
  },
  {
    key: 'old',
    name: 'old-example-net',
    commonName: 'old.example.net',
    sans: ['old.example.net', 'www.old.example.net'],
    issuer: "Let's Encrypt R10",
    startDays: -110,
    endDays: -20,
  },
  {
    key: 'data',
    name: '数据平台证书',
    commonName: 'data.example.cn',
    sans: ['data.example.cn', '*.data.example.cn', 'report.data.example.cn'],
    issuer: 'DigiCert Secure Site OV G2 TLS CN RSA4096 SHA256 2022 CA1',
    startDays: -30,
    endDays: 335,
  },
  {
    key: 'staging',
    name: 'staging-example-com',
    commonName: 'staging.example.com',
    sans: ['staging.example.com', '*.staging.example.com'],
    issuer: "Let's Encrypt E6",
    startDays: -30,
    endDays: 60,
  },
  {
    key: 'clientCa',
    name: 'example-corp-client-ca',
    commonName: 'Example Corp Internal Root CA',
    sans: [],
    issuer: 'Example Corp Internal Root CA',
    startDays: -400,
    endDays: 3250,
    isCa: true,
  },
];

interface InstanceSpec {
  key: string;
  name: string;
  edition: LoadBalancerEdition;
  status: LoadBalancerStatus;
  vpc: 0 | 1;
  addressType: 'Internet' | 'Intranet';
  ipVersion: 'IPv4' | 'DualStack';
  ageDays: number;
  zones: number;
  tags: Tag[];
}

const INSTANCES: InstanceSpec[] = [
  {
    key: 'prodWeb',
    name: 'prod-web',
    edition: 'StandardWithWaf',
    status: 'Active',
    vpc: 0,
    addressType: 'Internet',
    ipVersion: 'DualStack',
    ageDays: 420,
    zones: 3,
    tags: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'web' },
    ],
  },
  {
    key: 'prodApi',
    name: 'prod-api',
    edition: 'Standard',
    status: 'Active',
    vpc: 0,
    addressType: 'Internet',
    ipVersion: 'IPv4',
    ageDays: 380,
    zones: 2,
    tags: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'api' },
    ],
  },
  {
    key: 'payment',
    name: '支付网关-prod',
    edition: 'StandardWithWaf',
    status: 'Active',
    vpc: 0,
    addressType: 'Internet',
    ipVersion: 'IPv4',
    ageDays: 300,
    zones: 2,
    tags: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'payments' },
    ],
  },
  {
    key: 'internal',
    name: 'internal-services',
    edition: 'Standard',
    status: 'Active',
    vpc: 0,
    addressType: 'Intranet',
    ipVersion: 'IPv4',
    ageDays: 250,
    zones: 2,
    tags: [{ key: 'env', value: 'prod' }],
  },
  {
    key: 'data',
    name: 'data-platform-数据平台',
    edition: 'Standard',
    status: 'Active',
    vpc: 0,
    addressType: 'Intranet',
    ipVersion: 'IPv4',
    ageDays: 120,
    zones: 2,
    tags: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'data' },
    ],
  },
  {
    key: 'stagingWeb',
    name: 'staging-web',
    edition: 'Basic',
    status: 'Active',
    vpc: 1,
    addressType: 'Internet',
    ipVersion: 'IPv4',
    ageDays: 90,
    zones: 2,
    tags: [{ key: 'env', value: 'staging' }],
  },
  {
    key: 'stagingApi',
    name: 'staging-api',
    edition: 'Basic',
    status: 'Active',
    vpc: 1,
    addressType: 'Intranet',
    ipVersion: 'IPv4',
    ageDays: 85,
    zones: 2,
    tags: [{ key: 'env', value: 'staging' }],
  },
  {
    key: 'legacy',
    name: 'legacy-portal',
    edition: 'Basic',
    status: 'Inactive',
    vpc: 1,
    addressType: 'Internet',
    ipVersion: 'IPv4',
    ageDays: 700,
    zones: 2,
    tags: [{ key: 'env', value: 'legacy' }],
  },
  {
    key: 'canary',
    name: 'canary-edge',
    edition: 'Standard',
    status: 'Configuring',
    vpc: 1,
    addressType: 'Internet',
    ipVersion: 'IPv4',
    ageDays: 3,
    zones: 2,
    tags: [
      { key: 'env', value: 'staging' },
      { key: 'rollout', value: 'canary' },
    ],
  },
];

/** The public address an Internet instance had before the data plane (only its draws matter now). */
function drawPublicAddress(prng: Prng): string {
  return `${prng.pick(['47.96', '120.55', '118.31', '39.98'])}.${prng.int(1, 254)}.${prng.int(1, 254)}`;
}

interface ServerGroupSpec {
  key: string;
  name: string;
  protocol: ServerGroupProtocol;
  vpc: 0 | 1;
  type: 'Instance' | 'Ip';
  servers: number;
  port: number;
}

const SERVER_GROUPS: ServerGroupSpec[] = [
  {
    key: 'web',
    name: 'web-frontend-http',
    protocol: 'HTTP',
    vpc: 0,
    type: 'Instance',
    servers: 3,
    port: 8080,
  },
  {
    key: 'apiHttps',
    name: 'api-backend-https',
    protocol: 'HTTPS',
    vpc: 0,
    type: 'Instance',
    servers: 3,
    port: 8443,
  },
  {
    key: 'apiGrpc',
    name: 'order-service-grpc',
    protocol: 'GRPC',
    vpc: 0,
    type: 'Instance',
    servers: 2,
    port: 50051,
  },
  {
    key: 'payment',
    name: 'payment-core-http',
    protocol: 'HTTP',
    vpc: 0,
    type: 'Instance',
    servers: 4,
    port: 8080,
  },
  { key: 'data', name: 'data-ingest-http', protocol: 'HTTP', vpc: 0, type: 'Ip', servers: 2, port: 9090 },
  {
    key: 'stagingWeb',
    name: 'staging-web-http',
    protocol: 'HTTP',
    vpc: 1,
    type: 'Instance',
    servers: 2,
    port: 8080,
  },
  {
    key: 'stagingGrpc',
    name: 'staging-grpc',
    protocol: 'GRPC',
    vpc: 1,
    type: 'Instance',
    servers: 2,
    port: 50051,
  },
  { key: 'legacy', name: 'legacy-portal-http', protocol: 'HTTP', vpc: 1, type: 'Ip', servers: 2, port: 80 },
];

interface ListenerSpec {
  protocol: ListenerProtocol;
  port: number;
  name: string;
  serverGroup: string;
  certificate?: string;
  policy?: string;
  /** HTTPS only: upgrade to the instance's QUIC listener on the same port. */
  quic?: boolean;
  ca?: boolean;
  status?: ListenerStatus;
  xff?: XForwardedForConfig;
  idleTimeout?: number;
  requestTimeout?: number;
  gzip?: boolean;
  /** An access control list on the listener (allow list or deny list). */
  acl?: 'White' | 'Black';
}

const CUSTOM_POLICY_MODERN = 'custom:modern';
const CUSTOM_POLICY_PCI = 'custom:pci';

const LISTENERS: Record<string, ListenerSpec[]> = {
  prodWeb: [
    { protocol: 'HTTP', port: 80, name: 'web_http_80', serverGroup: 'web' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'web_https_443',
      serverGroup: 'web',
      certificate: 'wildcard',
      policy: 'tls_cipher_policy_1_2',
      quic: true,
    },
    { protocol: 'QUIC', port: 443, name: 'web_quic_443', serverGroup: 'web', certificate: 'wildcard' },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: 'admin_mtls_8443',
      serverGroup: 'apiHttps',
      certificate: 'wildcard',
      policy: CUSTOM_POLICY_PCI,
      ca: true,
      acl: 'White',
      xff: {
        XForwardedForClientCertSubjectDNEnabled: true,
        XForwardedForClientCertSubjectDNAlias: 'x-client-dn',
        XForwardedForClientCertClientVerifyEnabled: true,
      },
    },
    { protocol: 'HTTP', port: 8080, name: 'web_http_8080', serverGroup: 'web', gzip: false },
  ],
  prodApi: [
    { protocol: 'HTTP', port: 80, name: 'api_http_80', serverGroup: 'web' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'api_https_443',
      serverGroup: 'apiHttps',
      certificate: 'api',
      policy: CUSTOM_POLICY_MODERN,
      quic: true,
      xff: { XForwardedForProtoEnabled: true },
    },
    { protocol: 'QUIC', port: 443, name: 'api_quic_443', serverGroup: 'apiGrpc', certificate: 'api' },
    {
      protocol: 'HTTPS',
      port: 9443,
      name: 'grpc_orders_9443',
      serverGroup: 'apiGrpc',
      certificate: 'wildcard',
      policy: 'tls_cipher_policy_1_2_strict',
      requestTimeout: 180,
    },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: 'api_v2_8443',
      serverGroup: 'apiHttps',
      certificate: 'wildcard',
      status: 'Stopped',
    },
  ],
  payment: [
    {
      protocol: 'HTTPS',
      port: 443,
      name: '支付网关_443',
      serverGroup: 'payment',
      certificate: 'pay',
      policy: CUSTOM_POLICY_PCI,
      quic: true,
      xff: { XForwardedForSLBIdEnabled: true, XForwardedForClientSrcPortEnabled: true },
    },
    { protocol: 'QUIC', port: 443, name: '支付网关_QUIC_443', serverGroup: 'payment', certificate: 'pay' },
    { protocol: 'HTTP', port: 80, name: '支付回调_80', serverGroup: 'payment', idleTimeout: 30 },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: '对账服务_8443',
      serverGroup: 'payment',
      certificate: 'pay',
      policy: 'tls_cipher_policy_1_2_strict_with_1_3',
    },
    { protocol: 'HTTPS', port: 9443, name: 'refund_api_9443', serverGroup: 'apiHttps', certificate: 'api' },
  ],
  internal: [
    { protocol: 'HTTP', port: 80, name: 'internal_http_80', serverGroup: 'web' },
    { protocol: 'HTTP', port: 8080, name: 'user_service_8080', serverGroup: 'web' },
    { protocol: 'HTTP', port: 8081, name: 'inventory_8081', serverGroup: 'payment' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'internal_https_443',
      serverGroup: 'apiHttps',
      certificate: 'wildcard',
      policy: 'tls_cipher_policy_1_1',
    },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: 'grpc_internal_8443',
      serverGroup: 'apiGrpc',
      certificate: 'wildcard',
    },
    { protocol: 'HTTP', port: 9000, name: 'metrics_9000', serverGroup: 'data', requestTimeout: 30 },
  ],
  data: [
    { protocol: 'HTTP', port: 80, name: '数据接入_80', serverGroup: 'data' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: '数据平台_443',
      serverGroup: 'data',
      certificate: 'data',
      quic: true,
    },
    { protocol: 'QUIC', port: 443, name: '数据平台_QUIC', serverGroup: 'data', certificate: 'data' },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: '报表服务_8443',
      serverGroup: 'data',
      certificate: 'data',
      policy: 'tls_cipher_policy_1_2',
    },
  ],
  stagingWeb: [
    { protocol: 'HTTP', port: 80, name: 'staging_http_80', serverGroup: 'stagingWeb' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'staging_https_443',
      serverGroup: 'stagingWeb',
      certificate: 'staging',
      quic: true,
    },
    {
      protocol: 'QUIC',
      port: 443,
      name: 'staging_quic_443',
      serverGroup: 'stagingGrpc',
      certificate: 'staging',
    },
    { protocol: 'HTTP', port: 8080, name: 'preview_8080', serverGroup: 'stagingWeb' },
  ],
  stagingApi: [
    { protocol: 'HTTP', port: 80, name: 'staging_api_80', serverGroup: 'stagingWeb' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'staging_api_443',
      serverGroup: 'stagingGrpc',
      certificate: 'old',
      policy: 'tls_cipher_policy_1_0',
    },
    {
      protocol: 'HTTP',
      port: 8080,
      name: 'staging_debug_8080',
      serverGroup: 'stagingWeb',
      status: 'Stopped',
    },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: 'staging_grpc_8443',
      serverGroup: 'stagingGrpc',
      certificate: 'staging',
    },
  ],
  legacy: [
    { protocol: 'HTTP', port: 80, name: 'legacy_http_80', serverGroup: 'legacy' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'legacy_https_443',
      serverGroup: 'legacy',
      certificate: 'old',
      policy: 'tls_cipher_policy_1_0',
    },
  ],
  canary: [
    { protocol: 'HTTP', port: 80, name: 'canary_http_80', serverGroup: 'stagingWeb' },
    {
      protocol: 'HTTPS',
      port: 443,
      name: 'canary_https_443',
      serverGroup: 'stagingWeb',
      certificate: 'staging',
      quic: true,
    },
    {
      protocol: 'QUIC',
      port: 443,
      name: 'canary_quic_443',
      serverGroup: 'stagingWeb',
      certificate: 'staging',
    },
    {
      protocol: 'HTTPS',
      port: 8443,
      name: 'canary_admin_8443',
      serverGroup: 'stagingGrpc',
      certificate: 'staging',
    },
  ],
};

/** Session persistence of some demo server groups (the rest have it off). */
const STICKY_SESSIONS: Record<string, StoredServerGroup['stickySession']> = {
  web: { type: 'Insert', cookieTimeout: 1800 },
  payment: { type: 'Server', cookie: 'PAYSESSIONID' },
};

/** The demo server groups' health checks (what the API defaults to, on a path the demo backends answer). */
const DEMO_HEALTH_CHECK: StoredHealthCheckConfig = {
  healthCheckEnabled: true,
  healthCheckProtocol: 'HTTP',
  healthCheckMethod: 'HEAD',
  healthCheckPath: '/health',
  healthCheckCodes: ['http_2xx', 'http_3xx'],
  healthCheckInterval: 2,
  healthCheckTimeout: 5,
  healthyThreshold: 3,
  unhealthyThreshold: 3,
};
const DEMO_HEALTH_CHECKS: Record<string, StoredHealthCheckConfig> = {
  apiHttps: { ...DEMO_HEALTH_CHECK, healthCheckProtocol: 'HTTPS' },
  apiGrpc: { ...DEMO_HEALTH_CHECK, healthCheckProtocol: 'TCP' },
  stagingGrpc: { ...DEMO_HEALTH_CHECK, healthCheckProtocol: 'TCP' },
  legacy: { healthCheckEnabled: false },
};

/** A stable ID suffix for something derived from a resource (without drawing from the PRNG). */
function derivedId(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function aclRelation(listenerName: string): StoredAclConfig['aclRelations'][number] {
  return { aclId: `acl-bp1${derivedId(`acl/${listenerName}`, 17)}`, status: 'Associated' };
}

/**
 * What ALB holds of an instance beyond alb-tui's view: production Internet instances share a
 * bandwidth package and ship access logs to Log Service; the payment gateway is under console protection.
 */
function instanceExtras(
  spec: InstanceSpec,
  loadBalancerId: string,
  region: string,
): Partial<StoredLoadBalancer> {
  const prod = spec.tags.some((t) => t.key === 'env' && t.value === 'prod');
  return {
    ...(prod && spec.addressType === 'Internet'
      ? { bandwidthPackageId: `cbwp-bp1${derivedId(`cbwp/${spec.key}`, 17)}` }
      : {}),
    ...(prod
      ? { accessLog: { logProject: `alb-access-log-${region}`, logStore: `${loadBalancerId}-access` } }
      : {}),
    ...(spec.key === 'payment'
      ? { modificationProtectionReason: 'Changes-go-through-the-payments-change-review' }
      : {}),
  };
}

export interface SeedOptions {
  region: string;
  seed: number;
  now: number;
  scale?: ScaleOptions;
}

export function seedState({ region, seed, now, scale }: SeedOptions): EmulatorState {
  const prng = createPrng(seed);
  const vpcs = [`vpc-bp1${prng.alnum(17)}`, `vpc-bp1${prng.alnum(17)}`] as const;
  const cidrPrefix = ['10.0', '172.16'] as const;
  const zones = zonesOf(region);
  const vSwitches = vpcs.map(() => zones.map(() => `vsw-bp1${prng.alnum(17)}`));

  const certIds = new Map<string, string>();
  const certRegion = certificateRegion(region);
  let casId = 14_000_000 + prng.int(0, 999_999);
  const certificates: Certificate[] = CERTIFICATES.map((spec) => {
    casId += prng.int(1_000, 90_000);
    const certificateId = `${casId}-${certRegion}`;
    certIds.set(spec.key, certificateId);
    return {
      certificateId,
      casId,
      name: spec.name,
      commonName: spec.commonName,
      sans: spec.sans,
      issuer: spec.issuer,
      startDate: new Date(now + spec.startDays * DAY).toISOString(),
      endDate: new Date(now + spec.endDays * DAY).toISOString(),
      fingerprint: prng.hex(40).toUpperCase(),
      isCa: spec.isCa === true,
    };
  });

  const customPolicies: StoredSecurityPolicy[] = [
    {
      securityPolicyId: `spy-${prng.alnum(18)}`,
      securityPolicyName: 'modern-tls12-13',
      kind: 'custom',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      ciphers: [
        ...(CIPHERS_BY_TLS_VERSION['TLSv1.3'] ?? []).slice(0, 3),
        'ECDHE-ECDSA-AES128-GCM-SHA256',
        'ECDHE-ECDSA-AES256-GCM-SHA384',
        'ECDHE-RSA-AES128-GCM-SHA256',
        'ECDHE-RSA-AES256-GCM-SHA384',
      ],
      createTime: apiTime(now - 200 * DAY),
      tags: [{ key: 'env', value: 'prod' }],
    },
    {
      securityPolicyId: `spy-${prng.alnum(18)}`,
      securityPolicyName: 'pci-dss-strict',
      kind: 'custom',
      tlsVersions: ['TLSv1.2'],
      ciphers: [
        'ECDHE-ECDSA-AES128-GCM-SHA256',
        'ECDHE-ECDSA-AES256-GCM-SHA384',
        'ECDHE-RSA-AES128-GCM-SHA256',
        'ECDHE-RSA-AES256-GCM-SHA384',
      ],
      createTime: apiTime(now - 150 * DAY),
      tags: [{ key: 'compliance', value: 'pci-dss' }],
    },
  ];
  const policyIds: Record<string, string> = {
    [CUSTOM_POLICY_MODERN]: customPolicies[0]!.securityPolicyId,
    [CUSTOM_POLICY_PCI]: customPolicies[1]!.securityPolicyId,
  };

  const serverGroupIds = new Map<string, string>();
  const serverGroups: StoredServerGroup[] = [];
  const servers: BackendServer[] = [];
  let demoPort: number = DEMO_BACKEND_PORTS.first;
  for (const spec of SERVER_GROUPS) {
    const serverGroupId = `sgp-${prng.alnum(18)}`;
    serverGroupIds.set(spec.key, serverGroupId);
    serverGroups.push({
      serverGroupId,
      serverGroupName: spec.name,
      serverGroupType: spec.type,
      serverGroupStatus: 'Available',
      protocol: spec.protocol,
      scheduler: spec.protocol === 'GRPC' ? 'Wlc' : 'Wrr',
      vpcId: vpcs[spec.vpc],
      serverCount: spec.servers,
      relatedLoadBalancerIds: [],
      createTime: apiTime(now - prng.int(30, 400) * DAY),
      tags: [
        { key: 'env', value: spec.vpc === 0 ? 'prod' : 'staging' },
        { key: 'app', value: spec.key },
      ],
      ...(STICKY_SESSIONS[spec.key] ? { stickySession: STICKY_SESSIONS[spec.key] } : {}),
      healthCheckConfig: DEMO_HEALTH_CHECKS[spec.key] ?? DEMO_HEALTH_CHECK,
    });
    for (let i = 0; i < spec.servers; i++) {
      // Demo servers are the local demo backends (127.0.0.1, a port each); the draw keeps later IDs stable.
      prng.int(1, 20);
      prng.int(2, 250);
      const ip = DEMO_BACKEND_HOST;
      servers.push({
        serverGroupId,
        serverId: spec.type === 'Ip' ? ip : `i-bp1${prng.alnum(17)}`,
        serverIp: ip,
        serverType: spec.type === 'Ip' ? 'Ip' : 'Ecs',
        port: demoPort++,
        weight: i === 0 && spec.servers > 2 ? 50 : 100,
        status: 'Available',
        description: `${spec.name}-${i + 1}`,
      });
    }
  }

  const loadBalancers: StoredLoadBalancer[] = [];
  const listeners: StoredListener[] = [];
  const makeInstance = (spec: InstanceSpec): StoredLoadBalancer => {
    const loadBalancerId = `alb-${prng.alnum(18)}`;
    const zoneMappings: ZoneMapping[] = [];
    for (let z = 0; z < Math.min(spec.zones, zones.length); z++) {
      const intranet = `${cidrPrefix[spec.vpc]}.${prng.int(1, 20)}.${prng.int(2, 250)}`;
      // The public address it had before the data plane: still drawn, so every later ID of a seed stays.
      if (spec.addressType === 'Internet') drawPublicAddress(prng);
      zoneMappings.push({
        zoneId: zones[z]!,
        vSwitchId: vSwitches[spec.vpc]![z]!,
        status: 'Active',
        addresses: [
          {
            // Where the local data plane serves the instance.
            address: instanceAddress(loadBalancerId),
            intranetAddress: intranet,
            ...(spec.ipVersion === 'DualStack'
              ? {
                  ipv6Address: `2408:4005:3de:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}`,
                }
              : {}),
          },
        ],
      });
    }
    return {
      loadBalancerId,
      loadBalancerName: spec.name,
      loadBalancerStatus: spec.status,
      loadBalancerBussinessStatus: 'Normal',
      loadBalancerEdition: spec.edition,
      addressType: spec.addressType,
      addressAllocatedMode: 'Dynamic',
      addressIpVersion: spec.ipVersion,
      dnsName: `${loadBalancerId}.${region}.alb.aliyuncs.com`,
      vpcId: vpcs[spec.vpc],
      createTime: apiTime(now - spec.ageDays * DAY - prng.int(0, DAY / 1000) * 1000),
      resourceGroupId: 'rg-acfm2pz25js4xxy',
      payType: 'PostPay',
      deletionProtectionEnabled: spec.status === 'Active' && spec.tags.some((t) => t.value === 'prod'),
      zoneMappings,
      tags: spec.tags,
      ...instanceExtras(spec, loadBalancerId, region),
    };
  };

  const addListener = (
    instance: LoadBalancer,
    spec: ListenerSpec,
    createdAt: number,
    quicListenerId?: string,
  ): StoredListener => {
    const listener: StoredListener = {
      listenerId: `lsn-${prng.alnum(20)}`,
      loadBalancerId: instance.loadBalancerId,
      listenerProtocol: spec.protocol,
      listenerPort: spec.port,
      listenerDescription: spec.name,
      listenerStatus: spec.status ?? 'Running',
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: {
            serverGroupTuples: [{ serverGroupId: serverGroupIds.get(spec.serverGroup) ?? '' }],
          },
        },
      ],
      gzipEnabled: spec.gzip ?? true,
      http2Enabled: spec.protocol === 'HTTPS',
      idleTimeout: spec.idleTimeout ?? 15,
      requestTimeout: spec.requestTimeout ?? 60,
      ...(spec.protocol === 'HTTPS'
        ? { securityPolicyId: policyIds[spec.policy ?? ''] ?? spec.policy ?? 'tls_cipher_policy_1_0' }
        : {}),
      quicConfig:
        spec.protocol === 'HTTPS'
          ? {
              quicUpgradeEnabled: quicListenerId !== undefined,
              ...(quicListenerId ? { quicListenerId } : {}),
            }
          : {},
      XForwardedForConfig: { ...defaultXForwardedFor(), ...spec.xff },
      ...(spec.certificate ? { certificates: [{ certificateId: certIds.get(spec.certificate) ?? '' }] } : {}),
      ...(spec.protocol === 'HTTPS'
        ? {
            caEnabled: spec.ca === true,
            caCertificates: spec.ca
              ? [{ certificateId: certIds.get('clientCa') ?? '', isDefault: true, status: 'Associated' }]
              : [],
          }
        : {}),
      tags: [],
      createTime: apiTime(createdAt),
      ...(spec.acl ? { aclConfig: { aclType: spec.acl, aclRelations: [aclRelation(spec.name)] } } : {}),
    };
    listeners.push(listener);
    return listener;
  };

  for (const spec of INSTANCES) {
    const instance = makeInstance(spec);
    loadBalancers.push(instance);
    const created = Date.parse(instance.createTime);
    const specs = LISTENERS[spec.key] ?? [];
    // QUIC listeners first, so the HTTPS listeners that upgrade to them can name them.
    const quicByPort = new Map<number, string>();
    for (const l of specs.filter((s) => s.protocol === 'QUIC')) {
      quicByPort.set(l.port, addListener(instance, l, created + prng.int(1, 30) * DAY).listenerId);
    }
    for (const l of specs.filter((s) => s.protocol !== 'QUIC')) {
      addListener(instance, l, created + prng.int(0, 30) * DAY, l.quic ? quicByPort.get(l.port) : undefined);
    }
  }

  if (scale)
    addScaleData(prng, scale, {
      region,
      now,
      vpcs,
      loadBalancers,
      listeners,
      makeInstance,
      addListener,
      serverGroupIds,
      certIds,
    });

  return {
    version: STATE_VERSION,
    region,
    seed,
    seededAt: now,
    ...(scale ? { scale } : {}),
    loadBalancers,
    listeners,
    certificates,
    customPolicies,
    serverGroups,
    servers,
    rules: seedRules(loadBalancers, listeners, serverGroups, scale?.rules),
    jobs: [],
    pending: [],
    clientTokens: {},
  };
}

interface ScaleContext {
  region: string;
  now: number;
  vpcs: readonly [string, string];
  loadBalancers: LoadBalancer[];
  listeners: StoredListener[];
  makeInstance: (spec: InstanceSpec) => LoadBalancer;
  addListener: (instance: LoadBalancer, spec: ListenerSpec, createdAt: number) => StoredListener;
  serverGroupIds: Map<string, string>;
  certIds: Map<string, string>;
}

/** Fills up to `scale.instances` instances and `scale.listeners` listeners with generated ones. */
function addScaleData(prng: Prng, scale: ScaleOptions, ctx: ScaleContext): void {
  const extraInstances = Math.max(0, Math.floor(scale.instances) - ctx.loadBalancers.length);
  for (let i = 0; i < extraInstances; i++) {
    const vpc = (i % 2) as 0 | 1;
    const roll = prng.next();
    ctx.loadBalancers.push(
      ctx.makeInstance({
        key: `scale${i}`,
        name: `scale-lb-${String(i + 1).padStart(4, '0')}`,
        edition: prng.pick(['Basic', 'Standard', 'Standard', 'StandardWithWaf'] as const),
        status: roll < 0.02 ? 'Inactive' : roll < 0.04 ? 'Configuring' : 'Active',
        vpc,
        addressType: prng.next() < 0.6 ? 'Internet' : 'Intranet',
        ipVersion: prng.next() < 0.2 ? 'DualStack' : 'IPv4',
        ageDays: prng.int(1, 900),
        zones: 2,
        tags: [{ key: 'env', value: prng.pick(['prod', 'staging', 'test']) }],
      }),
    );
  }
  const remaining = Math.max(0, Math.floor(scale.listeners) - ctx.listeners.length);
  if (remaining === 0) return;
  const hosts = extraInstances > 0 ? ctx.loadBalancers.slice(-extraInstances) : ctx.loadBalancers;
  const nextPort = new Map<string, number>();
  for (let n = 0; n < remaining; n++) {
    const instance = hosts[n % hosts.length]!;
    const vpc = instance.vpcId === ctx.vpcs[0] ? 0 : 1;
    const protocol = prng.pick(['HTTP', 'HTTPS', 'HTTPS', 'QUIC'] as const);
    // Distinct ports per instance keep every port space (HTTP/HTTPS and QUIC) free of clashes.
    const port = nextPort.get(instance.loadBalancerId) ?? 10_000;
    nextPort.set(instance.loadBalancerId, port + 1);
    const secure = protocol !== 'HTTP';
    ctx.addListener(
      instance,
      {
        protocol,
        port,
        name: `${protocol.toLowerCase()}_${port}`,
        serverGroup: vpc === 0 ? 'web' : 'stagingWeb',
        ...(secure ? { certificate: vpc === 0 ? 'wildcard' : 'staging' } : {}),
        ...(protocol === 'HTTPS'
          ? {
              policy: prng.pick([
                'tls_cipher_policy_1_0',
                'tls_cipher_policy_1_2',
                'tls_cipher_policy_1_2_strict',
              ]),
            }
          : {}),
      },
      Date.parse(instance.createTime) + prng.int(0, 30) * DAY,
    );
  }
}
