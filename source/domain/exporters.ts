// A create request as something people run elsewhere: an aliyun CLI command, a Terraform
// `alicloud_alb_listener` block, or the JSON request of the API.
import { aliyunEndpoint, shellQuote } from './aliyun-cli.js';
import type { CreateListenerRequest } from './create-request.js';
import { requestToWire } from './listener-rules.js';
import type { XForwardedForConfig } from './resources.js';
import { rulesToAliyunCli, rulesToTerraform } from './rule-exporters.js';
import type { RuleSpec } from './rule-types.js';

export const EXPORT_FORMATS = ['aliyun', 'terraform', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// Kept where they were first exported; their home is aliyun-cli.ts.
export { aliyunEndpoint, shellQuote };

/** The port `alb-tui emulator` listens on unless told otherwise (its `--port`). */
export const STANDALONE_LOCAL_ALB_PORT = 18081;
export const STANDALONE_LOCAL_ALB_ENDPOINT = `http://127.0.0.1:${STANDALONE_LOCAL_ALB_PORT}`;

export interface ExportOptions {
  region: string;
  /**
   * The endpoint the aliyun CLI should call (`http://host:port` or `host`); the region's public
   * endpoint (`alb.<region>.aliyuncs.com`) when absent.
   */
  endpoint?: string;
  /**
   * The endpoint is a local ALB: the command says how to start one standalone, and its credentials.
   * Inferred from a loopback endpoint when absent.
   */
  localAlb?: boolean;
  /** Terraform resource name; derived from protocol and port when absent. */
  resourceName?: string;
  /** The listener's forwarding rules, created after it (aliyun CreateRules, alicloud_alb_rule). */
  rules?: readonly RuleSpec[];
}

export function exportRequest(
  request: CreateListenerRequest,
  format: ExportFormat,
  options: ExportOptions,
): string {
  switch (format) {
    case 'aliyun':
      return toAliyunCli(request, options);
    case 'terraform':
      return toTerraform(request, options);
    case 'json':
      return toJsonRequest(request);
  }
}

/**
 * The legacy RPC form of the aliyun CLI, which takes flattened parameters as they are on the wire.
 * `--force` is needed because the CLI cannot resolve nested parameter names on its own. The endpoint
 * is always named (the region's public one for Alibaba Cloud); a plain-HTTP one (the local ALB)
 * needs `--insecure`, the aliyun CLI's switch for HTTP. Comment lines say what the command needs.
 */
export function toAliyunCli(request: CreateListenerRequest, options: ExportOptions): string {
  const { DryRun: dryRun, ...params } = requestToWire(request);
  const { host, http } = aliyunEndpoint(options);
  const shown = (text: string) => text.replace(/[\x00-\x1f\x7f-\x9f]/g, '');
  const local = options.localAlb ?? /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i.test(host);
  const comments: string[] = [];
  if (local) {
    const port = /:(\d+)$/.exec(host)?.[1] ?? String(STANDALONE_LOCAL_ALB_PORT);
    comments.push(
      `# For the local ALB: start it first with  npx alb-tui emulator --port ${port}`,
      '# and export the AccessKey pair it prints (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET).',
    );
  } else {
    comments.push(
      `# ALB in ${shown(options.region)} at ${shown(host)}, with your aliyun CLI credentials (aliyun configure).`,
    );
  }
  const parts = [
    'aliyun alb CreateListener',
    `--region ${shellQuote(options.region)}`,
    `--endpoint ${shellQuote(host)}`,
  ];
  if (http) parts.push('--insecure');
  for (const [key, value] of Object.entries(params)) parts.push(`--${key} ${shellQuote(value)}`);
  if (dryRun === 'true') parts.push('--DryRun true');
  parts.push('--method POST', '--force');
  const listener = `${comments.join('\n')}\n${parts.join(' \\\n  ')}\n`;
  if (!options.rules?.length) return listener;
  return `${listener}\n${RULES_AFTER_LISTENER}\n${rulesToAliyunCli(options.rules, {
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    listener: { expression: '"$LISTENER_ID"' },
  })}`;
}

const RULES_AFTER_LISTENER = [
  '# Then its forwarding rules, 10 a call. Set LISTENER_ID to the ListenerId CreateListener printed',
  '# (e.g. LISTENER_ID=lsn-...) once the listener is Running.',
].join('\n');

/**
 * The request as the SDK takes it: the fields of `CreateListenerRequest` (@alicloud/alb20200616),
 * with their types — numbers, booleans, arrays and objects, not the strings of the wire.
 * `new CreateListenerRequest(JSON.parse(text))` is the request the app would send.
 */
export function toJsonRequest(request: CreateListenerRequest): string {
  return JSON.stringify(request, null, 2) + '\n';
}

/** Terraform attribute names of `x_forwarded_for_config` (the provider spells fingerprint `finger_print`). */
export const TERRAFORM_XFF_ATTRIBUTES: Record<keyof XForwardedForConfig, string> = {
  XForwardedForEnabled: 'x_forwarded_for_enabled',
  XForwardedForProcessingMode: 'x_forwarded_for_processing_mode',
  XForwardedForSLBIdEnabled: 'x_forwarded_for_slb_id_enabled',
  XForwardedForProtoEnabled: 'x_forwarded_for_proto_enabled',
  XForwardedForSLBPortEnabled: 'x_forwarded_for_slb_port_enabled',
  XForwardedForHostEnabled: 'x_forwarded_for_host_enabled',
  XForwardedForClientSrcPortEnabled: 'x_forwarded_for_client_src_port_enabled',
  XForwardedForClientSourceIpsEnabled: 'x_forwarded_for_client_source_ips_enabled',
  XForwardedForClientSourceIpsTrusted: 'x_forwarded_for_client_source_ips_trusted',
  XForwardedForClientCertSubjectDNEnabled: 'x_forwarded_for_client_cert_subject_dn_enabled',
  XForwardedForClientCertSubjectDNAlias: 'x_forwarded_for_client_cert_subject_dn_alias',
  XForwardedForClientCertIssuerDNEnabled: 'x_forwarded_for_client_cert_issuer_dn_enabled',
  XForwardedForClientCertIssuerDNAlias: 'x_forwarded_for_client_cert_issuer_dn_alias',
  XForwardedForClientCertFingerprintEnabled: 'x_forwarded_for_client_cert_finger_print_enabled',
  XForwardedForClientCertFingerprintAlias: 'x_forwarded_for_client_cert_finger_print_alias',
  XForwardedForClientCertClientVerifyEnabled: 'x_forwarded_for_client_cert_client_verify_enabled',
  XForwardedForClientCertClientVerifyAlias: 'x_forwarded_for_client_cert_client_verify_alias',
};

/** HCL string literal: JSON escaping, plus `${` and `%{` which HCL would otherwise interpolate. */
export function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

function hclValue(value: string | number | boolean): string {
  return typeof value === 'string' ? hclString(value) : String(value);
}

export function terraformResourceName(request: CreateListenerRequest): string {
  return `${request.listenerProtocol.toLowerCase()}_${request.listenerPort}`;
}

export function toTerraform(request: CreateListenerRequest, options: ExportOptions): string {
  const name = options.resourceName ?? terraformResourceName(request);
  const lines: string[] = [`resource "alicloud_alb_listener" ${hclString(name)} {`];
  const attributes = (indent: string, entries: [string, string | number | boolean | undefined][]) => {
    const present = entries.filter((e): e is [string, string | number | boolean] => e[1] !== undefined);
    const width = Math.max(0, ...present.map(([k]) => k.length));
    for (const [key, value] of present) lines.push(`${indent}${key.padEnd(width)} = ${hclValue(value)}`);
  };
  attributes('  ', [
    ['load_balancer_id', request.loadBalancerId],
    ['listener_protocol', request.listenerProtocol],
    ['listener_port', request.listenerPort],
    ['listener_description', request.listenerDescription],
    ['idle_timeout', request.idleTimeout],
    ['request_timeout', request.requestTimeout],
    ['gzip_enabled', request.gzipEnabled],
    ['http2_enabled', request.http2Enabled],
    ['security_policy_id', request.securityPolicyId],
    ['ca_enabled', request.caEnabled],
  ]);
  for (const certificate of request.certificates ?? []) {
    lines.push('', '  certificates {');
    attributes('    ', [['certificate_id', certificate.certificateId]]);
    lines.push('  }');
  }
  for (const certificate of request.caCertificates ?? []) {
    lines.push('', '  ca_certificates {');
    attributes('    ', [['certificate_id', certificate.certificateId]]);
    lines.push('  }');
  }
  for (const action of request.defaultActions) {
    lines.push('', '  default_actions {');
    attributes('    ', [['type', action.type]]);
    lines.push('    forward_group_config {');
    for (const tuple of action.forwardGroupConfig.serverGroupTuples) {
      lines.push('      server_group_tuples {');
      attributes('        ', [['server_group_id', tuple.serverGroupId]]);
      lines.push('      }');
    }
    lines.push('    }', '  }');
  }
  if (request.quicConfig) {
    lines.push('', '  quic_config {');
    attributes('    ', [
      ['quic_upgrade_enabled', request.quicConfig.quicUpgradeEnabled],
      ['quic_listener_id', request.quicConfig.quicListenerId],
    ]);
    lines.push('  }');
  }
  if (request.XForwardedForConfig && Object.keys(request.XForwardedForConfig).length > 0) {
    lines.push('', '  x_forwarded_for_config {');
    attributes(
      '    ',
      Object.entries(request.XForwardedForConfig).map(([key, value]) => [
        TERRAFORM_XFF_ATTRIBUTES[key as keyof XForwardedForConfig],
        value,
      ]),
    );
    lines.push('  }');
  }
  if (request.tag?.length) {
    lines.push('', '  tags = {');
    attributes(
      '    ',
      request.tag.map((t) => [hclString(t.key), t.value ?? '']),
    );
    lines.push('  }');
  }
  lines.push('}');
  const listener = lines.join('\n') + '\n';
  if (!options.rules?.length) return listener;
  return `${listener}\n${rulesToTerraform(options.rules, {
    region: options.region,
    listener: { expression: `alicloud_alb_listener.${name}.id` },
    resourcePrefix: name,
  })}`;
}
