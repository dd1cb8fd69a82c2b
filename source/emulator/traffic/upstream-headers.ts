// Header lists between the local ALB and its backends in the shapes the upstream client (undici) takes
// and gives: a flat `[name, value, …]` list out, raw `Buffer` pairs back.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * Request headers the upstream client frames itself or refuses: the body's framing is its own
 * (chunked when the length is unknown), and `Expect: 100-continue` is answered by the local ALB's
 * server to the client, not passed on.
 */
const FRAMED_BY_CLIENT = new Set(['transfer-encoding', 'expect', 'connection', 'keep-alive', 'upgrade']);

/** The request headers as the flat list the upstream client sends as they are (names lower-case). */
export function upstreamRequestHeaders(headers: OutgoingHttpHeaders | string[]): string[] {
  if (Array.isArray(headers)) {
    let clean = true;
    for (let i = 0; i < headers.length; i += 2)
      if (FRAMED_BY_CLIENT.has(headers[i]!)) {
        clean = false;
        break;
      }
    if (clean) return headers;
    const kept: string[] = [];
    for (let i = 0; i < headers.length; i += 2)
      if (!FRAMED_BY_CLIENT.has(headers[i]!)) kept.push(headers[i]!, headers[i + 1]!);
    return kept;
  }
  const list: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || FRAMED_BY_CLIENT.has(name)) continue;
    if (Array.isArray(value)) for (const one of value) list.push(name, one);
    else list.push(name, String(value));
  }
  return list;
}

/** Headers of which node keeps the first line only (as `IncomingMessage.headers` does). */
const FIRST_ONLY = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/** A backend's raw response header lines as strings, `[name, value, …]` (names as sent). */
export function rawResponseHeaders(raw: readonly Buffer[]): string[] {
  const out = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw[i]!.toString('latin1');
  return out;
}

/** The header object node would build from the same lines (lower-case names, `set-cookie` a list). */
export function responseHeaderObject(raw: readonly string[]): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'set-cookie') {
      (headers['set-cookie'] ??= []).push(value);
      continue;
    }
    const existing = headers[name] as string | undefined;
    if (existing === undefined) headers[name] = value;
    else if (!FIRST_ONLY.has(name))
      headers[name] = name === 'cookie' ? `${existing}; ${value}` : `${existing}, ${value}`;
  }
  return headers;
}
