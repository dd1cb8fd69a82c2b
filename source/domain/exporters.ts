// A create request as something people run elsewhere: an aliyun CLI command, a Terraform
// `alicloud_alb_listener` block, or the JSON request of the API.
import type { CreateListenerRequest } from './create-request.js';
import { requestToWire } from './listener-rules.js';
import type { XForwardedForConfig } from './resources.js';
import { unflatten } from './wire.js';

export const EXPORT_FORMATS = ['aliyun', 'terraform', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  region: string;
  /** For the local ALB: the endpoint the aliyun CLI should call instead of the cloud (`host:port`). */
  endpoint?: string;
  /** Terraform resource name; derived from protocol and port when absent. */
  resourceName?: string;
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

/** POSIX shell quoting: bare when safe, else single quotes with `'\''` for embedded quotes. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The legacy RPC form of the aliyun CLI, which takes flattened parameters as they are on the wire.
 * `--force` is needed because the CLI cannot resolve nested parameter names on its own.
 */
export function toAliyunCli(request: CreateListenerRequest, options: ExportOptions): string {
  const { DryRun: dryRun, ...params } = requestToWire(request);
  const parts = ['aliyun alb CreateListener', `--region ${shellQuote(options.region)}`];
  if (options.endpoint) parts.push(`--endpoint ${shellQuote(options.endpoint.replace(/^https?:\/\//, ''))}`);
  for (const [key, value] of Object.entries(params)) parts.push(`--${key} ${shellQuote(value)}`);
  if (dryRun === 'true') parts.push('--DryRun true');
  parts.push('--method POST', '--force');
  return parts.join(' \\\n  ') + '\n';
}

export function toJsonRequest(request: CreateListenerRequest): string {
  return JSON.stringify(unflatten(requestToWire(request)), null, 2) + '\n';
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
  return lines.join('\n') + '\n';
}
