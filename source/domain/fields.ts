// The catalogue of wizard fields: labels in the console's own words, the API parameter behind each,
// and which protocols it applies to. Rules and messages (listener-rules.ts) and the wizard both read it.
import { both, type Localized } from './i18n.js';
import type { ListenerProtocol, XForwardedForConfig } from './resources.js';

export const HEADER_KEYS = [
  'xForwardedFor',
  'slbId',
  'proto',
  'clientCertSubjectDN',
  'clientCertIssuerDN',
  'clientCertFingerprint',
  'clientCertClientVerify',
  'slbPort',
  'clientSrcPort',
] as const;
export type HeaderKey = (typeof HEADER_KEYS)[number];

export const CLIENT_CERT_HEADER_KEYS = [
  'clientCertSubjectDN',
  'clientCertIssuerDN',
  'clientCertFingerprint',
  'clientCertClientVerify',
] as const satisfies readonly HeaderKey[];
export type ClientCertHeaderKey = (typeof CLIENT_CERT_HEADER_KEYS)[number];

type BooleanXffField = {
  [K in keyof XForwardedForConfig]-?: NonNullable<XForwardedForConfig[K]> extends boolean ? K : never;
}[keyof XForwardedForConfig];
type AliasXffField = Extract<keyof XForwardedForConfig, `${string}Alias`>;

export interface HeaderSpec {
  key: HeaderKey;
  /** The header the backend receives. */
  header: string;
  apiField: BooleanXffField;
  aliasField?: AliasXffField;
  protocols: readonly ListenerProtocol[];
  defaultOn: boolean;
  /** What the header carries, in plain words. */
  carries: Localized;
}

export const HEADERS: readonly HeaderSpec[] = [
  {
    key: 'xForwardedFor',
    header: 'X-Forwarded-For',
    apiField: 'XForwardedForEnabled',
    protocols: ['HTTP', 'HTTPS'],
    defaultOn: true,
    carries: both("the client's real IP address", '来访者真实IP'),
  },
  {
    key: 'slbId',
    header: 'SLB-ID',
    apiField: 'XForwardedForSLBIdEnabled',
    protocols: ['HTTP', 'HTTPS', 'QUIC'],
    defaultOn: false,
    carries: both('the load balancer instance ID', '负载均衡实例的ID'),
  },
  {
    key: 'proto',
    header: 'X-Forwarded-Proto',
    apiField: 'XForwardedForProtoEnabled',
    protocols: ['HTTP', 'HTTPS', 'QUIC'],
    defaultOn: false,
    carries: both("the listener's protocol", '实例的监听协议'),
  },
  {
    key: 'clientCertSubjectDN',
    header: 'X-Forwarded-Clientcert-subjectdn',
    apiField: 'XForwardedForClientCertSubjectDNEnabled',
    aliasField: 'XForwardedForClientCertSubjectDNAlias',
    protocols: ['HTTPS'],
    defaultOn: false,
    carries: both("the owner (subject) of the client's certificate", '客户端证书的所有者信息'),
  },
  {
    key: 'clientCertIssuerDN',
    header: 'X-Forwarded-Clientcert-issuerdn',
    apiField: 'XForwardedForClientCertIssuerDNEnabled',
    aliasField: 'XForwardedForClientCertIssuerDNAlias',
    protocols: ['HTTPS'],
    defaultOn: false,
    carries: both("the issuer of the client's certificate", '客户端证书的发行者信息'),
  },
  {
    key: 'clientCertFingerprint',
    header: 'X-Forwarded-Clientcert-fingerprint',
    apiField: 'XForwardedForClientCertFingerprintEnabled',
    aliasField: 'XForwardedForClientCertFingerprintAlias',
    protocols: ['HTTPS'],
    defaultOn: false,
    carries: both("the fingerprint of the client's certificate", '客户端证书的指纹取值'),
  },
  {
    key: 'clientCertClientVerify',
    header: 'X-Forwarded-Clientcert-clientverify',
    apiField: 'XForwardedForClientCertClientVerifyEnabled',
    aliasField: 'XForwardedForClientCertClientVerifyAlias',
    protocols: ['HTTPS'],
    defaultOn: false,
    carries: both("the result of verifying the client's certificate", '客户端证书的校验结果'),
  },
  {
    key: 'slbPort',
    header: 'X-Forwarded-Port',
    apiField: 'XForwardedForSLBPortEnabled',
    protocols: ['HTTP', 'HTTPS', 'QUIC'],
    defaultOn: false,
    carries: both("the listener's port", '实例的监听端口'),
  },
  {
    key: 'clientSrcPort',
    header: 'X-Forwarded-Client-Port',
    apiField: 'XForwardedForClientSrcPortEnabled',
    protocols: ['HTTP', 'HTTPS'],
    defaultOn: false,
    carries: both("the client's source port", '访问客户端的端口'),
  },
];

export function headerSpec(key: HeaderKey): HeaderSpec {
  return HEADERS.find((h) => h.key === key)!;
}

export function headersFor(protocol: ListenerProtocol): readonly HeaderSpec[] {
  return HEADERS.filter((h) => h.protocols.includes(protocol));
}

/** Fields of the wizard draft. Header switches and aliases are addressed as `header.<key>` / `alias.<key>`. */
export type FieldId =
  | 'instance'
  | 'protocol'
  | 'port'
  | 'name'
  | 'http2'
  | 'idleTimeout'
  | 'requestTimeout'
  | 'gzip'
  | `header.${HeaderKey}`
  | `alias.${ClientCertHeaderKey}`
  | 'quicUpgrade'
  | 'quicListenerId'
  | 'certificateId'
  | 'securityPolicyId'
  | 'mutualTls'
  | 'caCertificateId'
  | 'serverGroupId'
  | 'clientToken'
  | 'tags';

export const WIZARD_STEPS = ['listener', 'certificate', 'serverGroup', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_TITLES: Record<WizardStep, Localized> = {
  listener: both('Listener', '配置监听'),
  certificate: both('Certificate', '配置SSL证书'),
  serverGroup: both('Server group', '选择服务器组'),
  review: both('Review', '配置审核'),
};

/** The steps a protocol goes through: HTTP has no certificate step. */
export function stepsFor(protocol: ListenerProtocol): readonly WizardStep[] {
  return protocol === 'HTTP' ? ['listener', 'serverGroup', 'review'] : WIZARD_STEPS;
}

export interface FieldSpec {
  label: Localized;
  /** The API parameter, as the wire names it. */
  parameter: string;
  step: WizardStep;
  protocols: readonly ListenerProtocol[];
}

const ALL: readonly ListenerProtocol[] = ['HTTP', 'HTTPS', 'QUIC'];
const HTTPS_ONLY: readonly ListenerProtocol[] = ['HTTPS'];
const TLS: readonly ListenerProtocol[] = ['HTTPS', 'QUIC'];

const BASE_FIELDS = {
  instance: {
    label: both('Instance', '负载均衡实例'),
    parameter: 'LoadBalancerId',
    step: 'listener',
    protocols: ALL,
  },
  protocol: {
    label: both('Protocol', '负载均衡协议'),
    parameter: 'ListenerProtocol',
    step: 'listener',
    protocols: ALL,
  },
  port: {
    label: both('Listener port', '监听端口'),
    parameter: 'ListenerPort',
    step: 'listener',
    protocols: ALL,
  },
  name: {
    label: both('Listener name', '监听名称'),
    parameter: 'ListenerDescription',
    step: 'listener',
    protocols: ALL,
  },
  http2: {
    label: both('HTTP/2', '启用HTTP 2.0'),
    parameter: 'Http2Enabled',
    step: 'listener',
    protocols: HTTPS_ONLY,
  },
  idleTimeout: {
    label: both('Idle timeout', '连接空闲超时时间'),
    parameter: 'IdleTimeout',
    step: 'listener',
    protocols: ALL,
  },
  requestTimeout: {
    label: both('Request timeout', '连接请求超时时间'),
    parameter: 'RequestTimeout',
    step: 'listener',
    protocols: ALL,
  },
  gzip: {
    label: both('Gzip compression', 'Gzip数据压缩'),
    parameter: 'GzipEnabled',
    step: 'listener',
    protocols: ALL,
  },
  quicUpgrade: {
    label: both('QUIC upgrade', '开启QUIC升级'),
    parameter: 'QuicConfig.QuicUpgradeEnabled',
    step: 'listener',
    protocols: HTTPS_ONLY,
  },
  quicListenerId: {
    label: both('Associated QUIC listener', '关联的QUIC监听'),
    parameter: 'QuicConfig.QuicListenerId',
    step: 'listener',
    protocols: HTTPS_ONLY,
  },
  certificateId: {
    label: both('Server certificate', '服务器证书'),
    parameter: 'Certificates.1.CertificateId',
    step: 'certificate',
    protocols: TLS,
  },
  securityPolicyId: {
    label: both('TLS security policy', 'TLS安全策略'),
    parameter: 'SecurityPolicyId',
    step: 'certificate',
    protocols: HTTPS_ONLY,
  },
  mutualTls: {
    label: both('Mutual TLS', '双向认证'),
    parameter: 'CaEnabled',
    step: 'certificate',
    protocols: HTTPS_ONLY,
  },
  caCertificateId: {
    label: both('CA certificate', 'CA证书'),
    parameter: 'CaCertificates.1.CertificateId',
    step: 'certificate',
    protocols: HTTPS_ONLY,
  },
  serverGroupId: {
    label: both('Server group', '服务器组'),
    parameter: 'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId',
    step: 'serverGroup',
    protocols: ALL,
  },
  clientToken: {
    label: both('Client token', '客户端令牌'),
    parameter: 'ClientToken',
    step: 'review',
    protocols: ALL,
  },
  tags: { label: both('Tags', '标签'), parameter: 'Tag', step: 'review', protocols: ALL },
} as const satisfies Record<string, FieldSpec>;

export function fieldSpec(field: FieldId): FieldSpec {
  if (field.startsWith('header.')) {
    const spec = headerSpec(field.slice('header.'.length) as HeaderKey);
    return {
      label: both(`${spec.header} header`, `${spec.header}头字段`),
      parameter: `XForwardedForConfig.${spec.apiField}`,
      step: 'listener',
      protocols: spec.protocols,
    };
  }
  if (field.startsWith('alias.')) {
    const spec = headerSpec(field.slice('alias.'.length) as HeaderKey);
    return {
      label: both(`Custom name for ${spec.header}`, `${spec.header}自定义头名称`),
      parameter: `XForwardedForConfig.${spec.aliasField!}`,
      step: 'listener',
      protocols: spec.protocols,
    };
  }
  return BASE_FIELDS[field as keyof typeof BASE_FIELDS];
}
