// Which responses a listener with `GzipEnabled` compresses: exactly the content types ALB's
// documentation lists (text/xml, text/plain, text/css, application/javascript, application/x-javascript,
// application/rss+xml, application/atom+xml, application/xml), and only for a client that accepts gzip.
import type { IncomingHttpHeaders } from 'node:http';

export const GZIP_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'text/xml',
  'text/plain',
  'text/css',
  'application/javascript',
  'application/x-javascript',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
]);

/** Whether the client's `Accept-Encoding` takes gzip (and does not refuse it with `q=0`). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Whether a backend's response is one to compress. */
export function compressible(status: number, method: string, headers: IncomingHttpHeaders): boolean {
  return compressibleResponse(status, method, headers['content-type'], headers['content-encoding']);
}

/** `compressible`, from the response's `Content-Type` and `Content-Encoding` values. */
export function compressibleResponse(
  status: number,
  method: string,
  type: string | undefined,
  encoding: string | undefined,
): boolean {
  if (method === 'HEAD' || status < 200 || status === 204 || status === 206 || status === 304) return false;
  if (encoding && encoding !== 'identity') return false;
  if (!type) return false;
  const semicolon = type.indexOf(';');
  return GZIP_CONTENT_TYPES.has((semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase());
}
