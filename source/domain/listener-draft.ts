// The wizard's draft (what the user typed and toggled) and its mapping to and from the exact
// `CreateListener` request, defaults filled in.
import type { CreateListenerRequest } from './create-request.js';
import {
  CLIENT_CERT_HEADER_KEYS,
  HEADERS,
  headersFor,
  type ClientCertHeaderKey,
  type HeaderKey,
} from './fields.js';
import { DEFAULT_PORT, IDLE_TIMEOUT, REQUEST_TIMEOUT } from './limits.js';
import type { ListenerProtocol, XForwardedForConfig } from './resources.js';
import { parseDecimalInteger } from './text-rules.js';
import { DEFAULT_SECURITY_POLICY_ID } from './tls-policies.js';

export interface ListenerDraft {
  protocol: ListenerProtocol;
  /** Text fields hold what the user typed; blank timeouts and name mean "use the default". */
  port: string;
  name: string;
  http2: boolean;
  idleTimeout: string;
  requestTimeout: string;
  gzip: boolean;
  headers: Record<HeaderKey, boolean>;
  headerAliases: Record<ClientCertHeaderKey, string>;
  quicUpgrade: boolean;
  quicListenerId: string;
  certificateId: string;
  securityPolicyId: string;
  mutualTls: boolean;
  caCertificateId: string;
  serverGroupId: string;
}

function defaultHeaders(): Record<HeaderKey, boolean> {
  return Object.fromEntries(HEADERS.map((h) => [h.key, h.defaultOn])) as Record<HeaderKey, boolean>;
}

function emptyAliases(): Record<ClientCertHeaderKey, string> {
  return Object.fromEntries(CLIENT_CERT_HEADER_KEYS.map((k) => [k, ''])) as Record<
    ClientCertHeaderKey,
    string
  >;
}

export function newDraft(protocol: ListenerProtocol = 'HTTPS'): ListenerDraft {
  return {
    protocol,
    port: String(DEFAULT_PORT[protocol]),
    name: '',
    http2: true,
    idleTimeout: String(IDLE_TIMEOUT.default),
    requestTimeout: String(REQUEST_TIMEOUT.default),
    gzip: true,
    headers: defaultHeaders(),
    headerAliases: emptyAliases(),
    quicUpgrade: false,
    quicListenerId: '',
    certificateId: '',
    securityPolicyId: protocol === 'HTTPS' ? DEFAULT_SECURITY_POLICY_ID : '',
    mutualTls: false,
    caCertificateId: '',
    serverGroupId: '',
  };
}

/**
 * Changes the protocol. Fields that stop applying are dropped back to their defaults; a port that
 * was the old protocol's default follows to the new one's (443 → 80), a port the user chose stays.
 */
export function switchProtocol(draft: ListenerDraft, protocol: ListenerProtocol): ListenerDraft {
  if (draft.protocol === protocol) return draft;
  const fresh = newDraft(protocol);
  const portWasDefault = draft.port.trim() === String(DEFAULT_PORT[draft.protocol]);
  const applicable = new Set(headersFor(protocol).map((h) => h.key));
  const headers = { ...fresh.headers };
  for (const key of applicable) headers[key] = draft.headers[key];
  const keepsTls = protocol !== 'HTTP';
  const isHttps = protocol === 'HTTPS';
  return {
    ...draft,
    protocol,
    port: portWasDefault ? fresh.port : draft.port,
    http2: isHttps ? draft.http2 : fresh.http2,
    headers,
    headerAliases: isHttps ? draft.headerAliases : fresh.headerAliases,
    quicUpgrade: isHttps ? draft.quicUpgrade : false,
    quicListenerId: isHttps ? draft.quicListenerId : '',
    certificateId: keepsTls ? draft.certificateId : '',
    securityPolicyId: isHttps ? draft.securityPolicyId || DEFAULT_SECURITY_POLICY_ID : '',
    mutualTls: isHttps ? draft.mutualTls : false,
    caCertificateId: isHttps ? draft.caCertificateId : '',
  };
}

/** The name a listener gets when the user leaves it empty, e.g. `HTTPS_443`. */
export function defaultListenerName(protocol: ListenerProtocol, port: number): string {
  return `${protocol}_${port}`;
}

function integerOr(text: string, fallback: number): number {
  if (text.trim() === '') return fallback;
  return parseDecimalInteger(text) ?? Number.NaN;
}

/**
 * The exact request a draft stands for, every default written out. Call it on a draft the rules
 * accept; an invalid number becomes NaN, which the request rules reject again.
 */
export function draftToRequest(
  draft: ListenerDraft,
  loadBalancerId: string,
  options: { clientToken?: string; dryRun?: boolean } = {},
): CreateListenerRequest {
  const { protocol } = draft;
  const port = integerOr(draft.port, Number.NaN);
  const xff: XForwardedForConfig = {};
  for (const spec of headersFor(protocol)) {
    xff[spec.apiField] = draft.headers[spec.key];
    if (spec.aliasField && protocol === 'HTTPS' && draft.headers[spec.key]) {
      const alias = draft.headerAliases[spec.key as ClientCertHeaderKey];
      if (alias !== '') xff[spec.aliasField] = alias;
    }
  }
  const request: CreateListenerRequest = {
    loadBalancerId,
    listenerProtocol: protocol,
    listenerPort: port,
    listenerDescription: draft.name === '' ? defaultListenerName(protocol, port) : draft.name,
    idleTimeout: integerOr(draft.idleTimeout, IDLE_TIMEOUT.default),
    requestTimeout: integerOr(draft.requestTimeout, REQUEST_TIMEOUT.default),
    gzipEnabled: draft.gzip,
    defaultActions: [
      {
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: draft.serverGroupId }] },
      },
    ],
    XForwardedForConfig: xff,
  };
  if (protocol !== 'HTTP') request.certificates = [{ certificateId: draft.certificateId }];
  if (protocol === 'HTTPS') {
    request.http2Enabled = draft.http2;
    request.securityPolicyId = draft.securityPolicyId || DEFAULT_SECURITY_POLICY_ID;
    request.caEnabled = draft.mutualTls;
    if (draft.mutualTls) request.caCertificates = [{ certificateId: draft.caCertificateId }];
    request.quicConfig = draft.quicUpgrade
      ? { quicUpgradeEnabled: true, quicListenerId: draft.quicListenerId }
      : { quicUpgradeEnabled: false };
  }
  if (options.clientToken !== undefined) request.clientToken = options.clientToken;
  if (options.dryRun !== undefined) request.dryRun = options.dryRun;
  return request;
}

/** The draft a request came from (e.g. to reopen an exported request or a profile in the wizard). */
export function requestToDraft(request: CreateListenerRequest): ListenerDraft {
  const protocol = request.listenerProtocol;
  const draft = newDraft(protocol);
  const port = request.listenerPort;
  draft.port = String(port);
  const description = request.listenerDescription ?? '';
  draft.name = description === defaultListenerName(protocol, port) ? '' : description;
  if (request.idleTimeout !== undefined) draft.idleTimeout = String(request.idleTimeout);
  if (request.requestTimeout !== undefined) draft.requestTimeout = String(request.requestTimeout);
  if (request.gzipEnabled !== undefined) draft.gzip = request.gzipEnabled;
  if (request.http2Enabled !== undefined) draft.http2 = request.http2Enabled;
  const xff = request.XForwardedForConfig ?? {};
  for (const spec of headersFor(protocol)) {
    const on = xff[spec.apiField];
    if (on !== undefined) draft.headers[spec.key] = on;
    const alias = spec.aliasField ? xff[spec.aliasField] : undefined;
    if (alias !== undefined) draft.headerAliases[spec.key as ClientCertHeaderKey] = alias;
  }
  draft.quicUpgrade = request.quicConfig?.quicUpgradeEnabled ?? false;
  draft.quicListenerId = request.quicConfig?.quicListenerId ?? '';
  draft.certificateId = request.certificates?.[0]?.certificateId ?? '';
  if (protocol === 'HTTPS') draft.securityPolicyId = request.securityPolicyId ?? DEFAULT_SECURITY_POLICY_ID;
  draft.mutualTls = request.caEnabled ?? false;
  draft.caCertificateId = request.caCertificates?.[0]?.certificateId ?? '';
  draft.serverGroupId =
    request.defaultActions[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId ?? '';
  return draft;
}
