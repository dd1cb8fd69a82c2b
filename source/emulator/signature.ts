// Request authentication as the OpenAPI gateway does it, for both styles in use:
// - V3 (`ACS3-HMAC-SHA256`, and `ACS3-HMAC-SM3` on request, @alicloud/openapi-core): canonical request from method, path, sorted query,
//   the signed headers and the body hash, mirroring OpenApiUtil.getAuthorization byte for byte;
// - V1 RPC (`HMAC-SHA1`, @alicloud/pop-core, the aliyun CLI): signature over the sorted, encoded
//   parameters (query and form body together).
// Both reject stale timestamps (±15 min) and reused nonces.
import { createHash, createHmac, getHashes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';

export const TIMESTAMP_WINDOW_MS = 15 * 60_000;

/** The parameters of a V1 request that belong to the signature, not to the action. */
export const V1_COMMON_PARAMETERS = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
  'RegionId',
]);

/** encodeURIComponent plus `! ' ( ) *`, as both SDKs encode. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');
}

export interface SignedRequest {
  method: string;
  /** The raw path of the request target, without the query. */
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Decoded `application/x-www-form-urlencoded` body parameters (empty otherwise). */
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Every value of every header, as node keeps them (`req.headersDistinct`). */
  headersDistinct: Record<string, string[]>;
  body: Buffer;
}

export interface Authenticated {
  style: 'v3' | 'v1';
  accessKeyId: string;
  action: string;
  version: string;
  /** The action's own parameters (V1 common parameters removed). */
  params: Record<string, string>;
}

export interface AuthDeps {
  secretFor(accessKeyId: string): string | undefined;
  now: number;
  nonces: NonceCache;
}

const incomplete = (detail: string): ApiError =>
  new ApiError(
    'IncompleteSignature',
    400,
    `The request signature does not conform to Aliyun standards: ${detail}.`,
  );
const signatureMismatch = (): ApiError =>
  new ApiError(
    'SignatureDoesNotMatch',
    400,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

export function authenticate(request: SignedRequest, deps: AuthDeps): Authenticated {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization !== undefined && authorization.trimStart().startsWith('ACS3-'))
    return authenticateV3(request, authorization, deps);
  const params = { ...request.query, ...request.form };
  if (params['Signature'] !== undefined || params['SignatureMethod'] !== undefined)
    return authenticateV1(request, params, deps);
  throw incomplete('no Authorization header and no Signature parameter');
}

function authenticateV3(request: SignedRequest, authorization: string, deps: AuthDeps): Authenticated {
  const match = /^\s*(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(authorization);
  if (!match) throw incomplete('malformed Authorization header');
  const [, algorithm, rest] = match as unknown as [string, string, string];
  const digest = V3_DIGESTS[algorithm];
  if (digest === undefined) throw incomplete(`unsupported signature algorithm ${algorithm}`);
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaderList = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || signedHeaderList === undefined || !signature)
    throw incomplete('Credential, SignedHeaders and Signature are required');

  const signedHeaders = signedHeaderList
    .split(';')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  // Everything that steers the request must be covered by the signature.
  const mustSign = ['host', ...Object.keys(request.headers).filter((h) => h.startsWith('x-acs-'))];
  for (const name of mustSign)
    if (!signedHeaders.includes(name)) throw incomplete(`header "${name}" is not signed`);

  const action = headerValue(request.headers, 'x-acs-action');
  const version = headerValue(request.headers, 'x-acs-version');
  const date = headerValue(request.headers, 'x-acs-date');
  const nonce = headerValue(request.headers, 'x-acs-signature-nonce');
  if (!action) throw new ApiError('MissingParameter', 400, 'The header "x-acs-action" is required.');
  if (!version) throw new ApiError('MissingParameter', 400, 'The header "x-acs-version" is required.');
  if (!date) throw new ApiError('MissingParameter', 400, 'The header "x-acs-date" is required.');
  if (!nonce) throw new ApiError('MissingParameter', 400, 'The header "x-acs-signature-nonce" is required.');
  const requestTime = checkTimestamp(date, deps.now);

  const secret = deps.secretFor(accessKeyId);
  if (secret === undefined) throw unknownAccessKey();

  const payloadHash = hashHex(digest, request.body);
  const declaredHash = headerValue(request.headers, 'x-acs-content-sha256');
  if (declaredHash !== undefined && declaredHash !== payloadHash) throw signatureMismatch();

  const canonicalUri = request.path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const canonicalQuery = Object.keys(request.query)
    .sort()
    .map((key) => `${key}=${percentEncode(request.query[key] ?? '')}`)
    .join('&');
  const canonicalHeaders = [...signedHeaders]
    .sort()
    .map(
      (name) =>
        `${name}:${(request.headersDistinct[name] ?? [])
          .map((v) => v.trim())
          .sort()
          .join(',')}\n`,
    )
    .join('');
  const sortedSigned = [...signedHeaders].sort().join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    sortedSigned,
    payloadHash,
  ].join('\n');
  const stringToSign = `${algorithm}\n${hashHex(digest, Buffer.from(canonicalRequest, 'utf8'))}`;
  const expected = createHmac(digest, secret).update(stringToSign).digest('hex');
  if (!safeEqual(expected, signature.toLowerCase())) throw signatureMismatch();

  rememberNonce(deps, accessKeyId, nonce, requestTime);
  return { style: 'v3', accessKeyId, action, version, params: { ...request.query, ...request.form } };
}

function authenticateV1(
  request: SignedRequest,
  params: Record<string, string>,
  deps: AuthDeps,
): Authenticated {
  for (const key of Object.keys(request.query)) {
    if (Object.hasOwn(request.form, key) && request.form[key] !== request.query[key]) {
      throw new ApiError(
        'InvalidParameter',
        400,
        `The parameter "${key}" is given twice with different values.`,
      );
    }
  }
  const required = [
    'AccessKeyId',
    'Signature',
    'SignatureMethod',
    'SignatureNonce',
    'Timestamp',
    'Action',
    'Version',
  ];
  for (const name of required) {
    if (!params[name])
      throw new ApiError(
        'MissingParameter',
        400,
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
      );
  }
  if (params['SignatureMethod'] !== 'HMAC-SHA1')
    throw incomplete(`unsupported SignatureMethod ${params['SignatureMethod']}`);
  if (params['SignatureVersion'] !== undefined && params['SignatureVersion'] !== '1.0')
    throw incomplete(`unsupported SignatureVersion ${params['SignatureVersion']}`);
  const requestTime = checkTimestamp(params['Timestamp'] ?? '', deps.now);
  const accessKeyId = params['AccessKeyId'] ?? '';
  const secret = deps.secretFor(accessKeyId);
  if (secret === undefined) throw unknownAccessKey();

  const canonical = Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
    .join('&');
  const stringToSign = `${request.method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
  const expected = createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
  if (!safeEqual(expected, params['Signature'] ?? '')) throw signatureMismatch();

  rememberNonce(deps, accessKeyId, params['SignatureNonce'] ?? '', requestTime);
  const actionParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(params))
    if (!V1_COMMON_PARAMETERS.has(key)) actionParams[key] = value;
  return {
    style: 'v1',
    accessKeyId,
    action: params['Action'] ?? '',
    version: params['Version'] ?? '',
    params: actionParams,
  };
}

function unknownAccessKey(): ApiError {
  return new ApiError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.');
}

/** Accepts `YYYY-MM-DDThh:mm:ssZ` (optionally with milliseconds); returns the time in ms. */
function checkTimestamp(value: string, now: number): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ApiError(
      'InvalidTimeStamp.Format',
      400,
      'Specified time stamp or date value is not well formatted.',
    );
  }
  const time = Date.parse(value);
  if (Math.abs(now - time) > TIMESTAMP_WINDOW_MS) {
    throw new ApiError(
      'InvalidTimeStamp.Expired',
      400,
      `Specified time stamp or date value is expired (request ${value}, server ${new Date(now).toISOString()}).`,
    );
  }
  return time;
}

/**
 * The key a nonce is remembered by: a digest of the AccessKey ID and the nonce, so what is kept (and
 * written to the nonce journal) has a fixed size and holds nothing the client chose verbatim.
 */
export function nonceKey(accessKeyId: string, nonce: string): string {
  return createHash('sha256').update(accessKeyId).update('\0').update(nonce).digest('base64url');
}

function rememberNonce(deps: AuthDeps, accessKeyId: string, nonce: string, requestTime: number): void {
  if (!deps.nonces.claim(nonceKey(accessKeyId, nonce), deps.now, requestTime)) {
    throw new ApiError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.');
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function hashHex(digest: string, data: Buffer): string {
  return createHash(digest).update(data).digest('hex');
}

/**
 * The V3 algorithms and the digest each hashes and signs with. SM3 comes from node's OpenSSL, as the
 * SDKs (openapi-util, openapi-core) take it; where OpenSSL lacks it neither side can sign with it.
 * The SDKs send the SM3 payload hash in `x-acs-content-sha256` too.
 */
const V3_DIGESTS: Readonly<Record<string, string>> = Object.freeze({
  'ACS3-HMAC-SHA256': 'sha256',
  ...(getHashes().includes('sm3') ? { 'ACS3-HMAC-SM3': 'sm3' } : {}),
});

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Nonces seen recently. A nonce must be remembered while a request carrying it could still pass the
 * timestamp check, i.e. until its timestamp + 15 minutes; memory is also capped (oldest dropped first).
 */
export class NonceCache {
  private readonly expiries = new Map<string, number>();

  /** `onClaim` hears of every nonce remembered (the nonce journal keeps them across restarts). */
  constructor(
    private readonly maxEntries = 200_000,
    private readonly onClaim?: (key: string, expiry: number) => void,
  ) {}

  get size(): number {
    return this.expiries.size;
  }

  /** Puts back a nonce remembered before a restart (nothing when it has expired). */
  restore(key: string, expiry: number, now: number): void {
    if (expiry <= now) return;
    this.expiries.set(key, Math.max(expiry, this.expiries.get(key) ?? 0));
    this.trim();
  }

  /** The nonces still remembered at `now`, with their expiry. */
  live(now: number): [key: string, expiry: number][] {
    this.sweep(now);
    return [...this.expiries];
  }

  /** Records the nonce; false when it was seen before and has not expired. */
  claim(key: string, now: number, requestTime: number): boolean {
    this.sweep(now);
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.expiries.delete(key);
    const newExpiry = Math.max(now, requestTime) + TIMESTAMP_WINDOW_MS + 60_000;
    this.expiries.set(key, newExpiry);
    this.trim();
    this.onClaim?.(key, newExpiry);
    return true;
  }

  private trim(): void {
    while (this.expiries.size > this.maxEntries) {
      const oldest = this.expiries.keys().next();
      if (oldest.done) break;
      this.expiries.delete(oldest.value);
    }
  }

  private sweep(now: number): void {
    // Entries are kept in insertion order, which is close to expiry order: drop from the front.
    for (const [key, expiry] of this.expiries) {
      if (expiry > now) break;
      this.expiries.delete(key);
    }
  }
}
