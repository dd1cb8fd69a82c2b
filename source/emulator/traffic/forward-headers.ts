// The request headers a backend receives: the client's, without hop-by-hop ones, plus the
// `X-Forwarded-*` family the listener's `XForwardedForConfig` switches on (and only those).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { cidrContains, parseCidr, parseIp, type CidrBlock } from '../../domain/ip-cidr.js';
import type { XForwardedForConfig } from '../../domain/resources.js';
import type { ClientCertificateInfo } from './request-context.js';

export type { ClientCertificateInfo };

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

/** A header to set to a value, or (value undefined) to remove; the name is lower-case. */
export type HeaderEdit = readonly [name: string, value: string | undefined];

/**
 * The listener's forwarding headers as edits (a header switched off is left alone): one list for
 * both the header object and the raw header list the pipeline sends.
 */
export function forwardedHeaderEdits(
  config: XForwardedForConfig,
  context: ForwardContext,
  previousForwardedFor: string | undefined,
): HeaderEdit[] {
  const edits: HeaderEdit[] = [];
  if (config.XForwardedForEnabled !== false)
    edits.push([
      'x-forwarded-for',
      config.XForwardedForProcessingMode === 'remove'
        ? undefined
        : previousForwardedFor
          ? `${previousForwardedFor}, ${context.remoteAddress}`
          : context.remoteAddress,
    ]);
  if (config.XForwardedForProtoEnabled) edits.push(['x-forwarded-proto', context.protocol]);
  if (config.XForwardedForSLBPortEnabled) edits.push(['x-forwarded-port', String(context.listenerPort)]);
  if (config.XForwardedForClientSrcPortEnabled)
    edits.push(['x-forwarded-client-port', String(context.remotePort)]);
  if (config.XForwardedForHostEnabled) edits.push(['x-forwarded-host', context.host]);
  if (config.XForwardedForSLBIdEnabled) edits.push(['slb-id', context.loadBalancerId]);
  addClientCertEdits(edits, config, context.clientCertificate);
  return edits;
}

/** Adds (or, for a header switched off, leaves alone) the listener's forwarding headers. */
export function addForwardedHeaders(
  headers: OutgoingHttpHeaders,
  config: XForwardedForConfig,
  context: ForwardContext,
): void {
  const previous = headers['x-forwarded-for'];
  const list = Array.isArray(previous) ? previous.join(', ') : previous;
  for (const [name, value] of forwardedHeaderEdits(
    config,
    context,
    list === undefined ? undefined : String(list),
  )) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
}

/** The same edits on a raw header list (`[name, value, name, value, …]`, names lower-case). */
export function applyHeaderEdits(pairs: string[], edits: readonly HeaderEdit[]): void {
  for (const [name, value] of edits) {
    for (let i = pairs.length - 2; i >= 0; i -= 2) if (pairs[i] === name) pairs.splice(i, 2);
    if (value !== undefined) pairs.push(name, value);
  }
}

function addClientCertEdits(
  edits: HeaderEdit[],
  config: XForwardedForConfig,
  certificate: ClientCertificateInfo | undefined,
): void {
  if (
    !config.XForwardedForClientCertSubjectDNEnabled &&
    !config.XForwardedForClientCertIssuerDNEnabled &&
    !config.XForwardedForClientCertFingerprintEnabled &&
    !config.XForwardedForClientCertClientVerifyEnabled
  )
    return;
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
  // A client must not be able to claim a certificate it did not present: its own header goes.
  for (const [enabled, alias, standard, value] of fields)
    if (enabled) edits.push([(alias || standard).toLowerCase(), value]);
}

/** What the pipeline reads of an HTTP/1.1 request, from its raw header list in one pass. */
export interface ScannedHeaders {
  /** Every header but the hop-by-hop ones and Host, names lower-cased: `[name, value, …]`. */
  pairs: string[];
  host: string | undefined;
  /** Every `X-Forwarded-For` line, joined with `, `. */
  forwardedFor: string | undefined;
  /** Every `Cookie` line, joined with `; `. */
  cookie: string | undefined;
  acceptEncoding: string | undefined;
  hasBody: boolean;
}

/**
 * `copyRequestHeaders` on node's raw header list, without building the request's header object:
 * the per-request path of a listener with no rules.
 */
export function scanRawHeaders(raw: readonly string[]): ScannedHeaders {
  const pairs: string[] = [];
  const scanned: ScannedHeaders = {
    pairs,
    host: undefined,
    forwardedFor: undefined,
    cookie: undefined,
    acceptEncoding: undefined,
    hasBody: false,
  };
  let connection: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    switch (name) {
      case 'host':
        scanned.host ??= value;
        continue;
      case 'connection':
        connection = connection === undefined ? value : `${connection}, ${value}`;
        continue;
      case 'x-forwarded-for':
        scanned.forwardedFor =
          scanned.forwardedFor === undefined ? value : `${scanned.forwardedFor}, ${value}`;
        break;
      case 'cookie':
        scanned.cookie = scanned.cookie === undefined ? value : `${scanned.cookie}; ${value}`;
        break;
      case 'accept-encoding':
        scanned.acceptEncoding ??= value;
        break;
      case 'content-length':
      case 'transfer-encoding':
        scanned.hasBody = true;
        break;
      default:
        if (HOP_BY_HOP.has(name)) continue;
    }
    pairs.push(name, value);
  }
  // Names the client lists in `Connection` are hop-by-hop too.
  if (connection && connection !== 'keep-alive' && connection !== 'close')
    for (const token of connection.split(',')) {
      const hop = token.trim().toLowerCase();
      for (let i = pairs.length - 2; i >= 0; i -= 2) if (pairs[i] === hop) pairs.splice(i, 2);
    }
  return scanned;
}

const trustedCache = new Map<string, CidrBlock[]>();
function trustedBlocks(list: string): CidrBlock[] {
  let blocks = trustedCache.get(list);
  if (!blocks) {
    blocks = list
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((item) => parseCidr(item.includes('/') ? item : `${item}/${item.includes(':') ? 128 : 32}`))
      .filter((block): block is CidrBlock => block !== undefined);
    if (trustedCache.size > 100) trustedCache.clear();
    trustedCache.set(list, blocks);
  }
  return blocks;
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) as `1.2.3.4`. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The client's address as the listener sees it: the connection's peer, or, with
 * `XForwardedForClientSourceIpsEnabled`, the first address from the right of `X-Forwarded-For` that is
 * not one of the trusted proxies (`XForwardedForClientSourceIpsTrusted`) when the peer is one of them.
 */
export function clientAddress(
  remoteAddress: string,
  forwardedFor: string | string[] | undefined,
  config: XForwardedForConfig,
): string {
  const peer = plainAddress(remoteAddress);
  if (!config.XForwardedForClientSourceIpsEnabled || !forwardedFor) return peer;
  const blocks = trustedBlocks(config.XForwardedForClientSourceIpsTrusted ?? '');
  const trusted = (address: string): boolean => {
    const ip = parseIp(address);
    return ip !== undefined && blocks.some((block) => cidrContains(block, ip));
  };
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((item) => plainAddress(item.trim()))
    .filter(Boolean);
  let client = peer;
  while (trusted(client) && chain.length > 0) {
    const next = chain.pop()!;
    if (parseIp(next) === undefined) break;
    client = next;
  }
  return client;
}
