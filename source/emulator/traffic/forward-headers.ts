// The request headers a backend receives: the client's, without hop-by-hop ones, plus the
// `X-Forwarded-*` family the listener's `XForwardedForConfig` switches on (and only those).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { XForwardedForConfig } from '../../domain/resources.js';

export interface ClientCertificateInfo {
  subject: string;
  issuer: string;
  fingerprint: string;
  verified: boolean;
}

export interface ForwardContext {
  remoteAddress: string;
  remotePort: number;
  listenerPort: number;
  protocol: 'http' | 'https';
  loadBalancerId: string;
  host: string;
  clientCertificate?: ClientCertificateInfo;
}

/** Lower-case names that describe one connection and never travel to the backend. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  'host',
]);

export const CLIENT_CERT_HEADERS = {
  subject: 'x-forwarded-clientcert-subjectdn',
  issuer: 'x-forwarded-clientcert-issuerdn',
  fingerprint: 'x-forwarded-clientcert-fingerprint',
  verify: 'x-forwarded-clientcert-clientverify',
} as const;

/** The copy of the client's headers that goes to the backend, before the listener's own headers. */
export function copyRequestHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connectionTokens = incoming.connection;
  for (const name in incoming) {
    if (name.charCodeAt(0) === 58 /* ':' HTTP/2 pseudo-headers */ || HOP_BY_HOP.has(name)) continue;
    out[name] = incoming[name];
  }
  // Names the client lists in `Connection` are hop-by-hop too.
  if (connectionTokens && connectionTokens !== 'keep-alive' && connectionTokens !== 'close')
    for (const token of connectionTokens.split(',')) delete out[token.trim().toLowerCase()];
  return out;
}

/** Adds (or, for a header switched off, leaves alone) the listener's forwarding headers. */
export function addForwardedHeaders(
  headers: OutgoingHttpHeaders,
  config: XForwardedForConfig,
  context: ForwardContext,
): void {
  if (config.XForwardedForEnabled !== false) {
    if (config.XForwardedForProcessingMode === 'remove') delete headers['x-forwarded-for'];
    else {
      const previous = headers['x-forwarded-for'];
      const list = Array.isArray(previous) ? previous.join(', ') : previous;
      headers['x-forwarded-for'] = list ? `${list}, ${context.remoteAddress}` : context.remoteAddress;
    }
  }
  if (config.XForwardedForProtoEnabled) headers['x-forwarded-proto'] = context.protocol;
  if (config.XForwardedForSLBPortEnabled) headers['x-forwarded-port'] = String(context.listenerPort);
  if (config.XForwardedForClientSrcPortEnabled)
    headers['x-forwarded-client-port'] = String(context.remotePort);
  if (config.XForwardedForHostEnabled) headers['x-forwarded-host'] = context.host;
  if (config.XForwardedForSLBIdEnabled) headers['slb-id'] = context.loadBalancerId;
  addClientCertHeaders(headers, config, context.clientCertificate);
}

function addClientCertHeaders(
  headers: OutgoingHttpHeaders,
  config: XForwardedForConfig,
  certificate: ClientCertificateInfo | undefined,
): void {
  const fields: [boolean | undefined, string | undefined, string, string | undefined][] = [
    [
      config.XForwardedForClientCertSubjectDNEnabled,
      config.XForwardedForClientCertSubjectDNAlias,
      CLIENT_CERT_HEADERS.subject,
      certificate?.subject,
    ],
    [
      config.XForwardedForClientCertIssuerDNEnabled,
      config.XForwardedForClientCertIssuerDNAlias,
      CLIENT_CERT_HEADERS.issuer,
      certificate?.issuer,
    ],
    [
      config.XForwardedForClientCertFingerprintEnabled,
      config.XForwardedForClientCertFingerprintAlias,
      CLIENT_CERT_HEADERS.fingerprint,
      certificate?.fingerprint,
    ],
    [
      config.XForwardedForClientCertClientVerifyEnabled,
      config.XForwardedForClientCertClientVerifyAlias,
      CLIENT_CERT_HEADERS.verify,
      certificate ? (certificate.verified ? 'SUCCESS' : 'FAILED') : undefined,
    ],
  ];
  for (const [enabled, alias, standard, value] of fields) {
    if (!enabled) continue;
    const name = (alias || standard).toLowerCase();
    // A client must not be able to claim a certificate it did not present.
    delete headers[name];
    if (value !== undefined) headers[name] = value;
  }
}
