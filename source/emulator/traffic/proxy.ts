// Sends one request to the chosen server and streams its answer back: keep-alive agents, the listener's
// RequestTimeout (504), refused or reset connections (502), gzip for the listed types, sticky cookies.
import {
  Agent as HttpAgent,
  ServerResponse,
  type IncomingHttpHeaders,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createGzip, constants as zlibConstants } from 'node:zlib';
import { serverHost } from './health.js';
import { acceptsGzip, compressible, compressibleResponse } from './gzip.js';
import type { ServerChoice } from './backend-choice.js';
import type { ClientRequestLike, ClientResponseLike } from './http-shapes.js';

/** Response headers that describe one connection: never copied to the client (HTTP/2 forbids them). */
const RESPONSE_HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
]);

export interface ProxyAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function createAgents(): ProxyAgents {
  const options = { keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256, scheduling: 'lifo' as const };
  // ALB does not verify its backends' certificates; neither does the local one.
  return { http: new HttpAgent(options), https: new HttpsAgent({ ...options, rejectUnauthorized: false }) };
}

export interface ProxyRequest {
  choice: ServerChoice;
  method: string;
  /** Path and query as the backend is to receive them. */
  path: string;
  /** A header object, or a raw list `[name, value, …]` (sent as it is: no header object is built). */
  headers: OutgoingHttpHeaders | string[];
  /** Whether the client's request has a body (`Content-Length` or `Transfer-Encoding`). */
  hasBody: boolean;
  /** The client's `Accept-Encoding`. */
  acceptEncoding: string | undefined;
  requestTimeoutMs: number;
  gzip: boolean;
  setCookies: string[];
  onResponse?: (response: IncomingMessage) => void;
  /** Last word on the response headers (the listener's Response rules). */
  onHeaders?: (status: number, incoming: IncomingHttpHeaders, outgoing: OutgoingHttpHeaders) => void;
  onDone: () => void;
}

export function errorPage(
  res: ClientResponseLike,
  status: number,
  title: string,
  extra?: Record<string, string | string[]>,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>alb-tui local ALB</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, {
    'content-type': 'text/html',
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

export function proxy(
  agents: ProxyAgents,
  req: ClientRequestLike,
  res: ClientResponseLike,
  forward: ProxyRequest,
  retried = false,
): void {
  const { choice } = forward;
  const https = choice.group.protocol === 'HTTPS';
  let answered = false;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    forward.onDone();
  };
  const upstream = (https ? httpsRequest : httpRequest)({
    host: serverHost(choice.server),
    port: choice.server.port,
    method: forward.method,
    path: forward.path,
    headers: forward.headers,
    agent: https ? agents.https : agents.http,
  });
  const timer = setTimeout(() => {
    if (answered) return;
    upstream.destroy();
    finish();
    errorPage(res, 504, 'Gateway Time-out');
  }, forward.requestTimeoutMs);

  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (finished) return;
    // A keep-alive socket the backend closed just as it was reused: one more try on a fresh one.
    if (!answered && !retried && upstream.reusedSocket && error.code === 'ECONNRESET' && !forward.hasBody) {
      finished = true;
      clearTimeout(timer);
      proxy(agents, req, res, forward, true);
      return;
    }
    finish();
    if (answered) res.destroy();
    else errorPage(res, 502, 'Bad Gateway');
  });

  upstream.on('response', (response) => {
    answered = true;
    clearTimeout(timer);
    forward.onResponse?.(response);
    const status = response.statusCode ?? 502;
    const zip = writeResponseHead(res, response, status, forward);
    if (zip) response.pipe(createGzip({ level: zlibConstants.Z_BEST_SPEED })).pipe(res);
    else relay(response, res);
    response.on('end', finish);
    response.on('error', () => {
      finish();
      res.destroy();
    });
  });

  res.on('close', () => {
    if (!finished) {
      upstream.destroy();
      finish();
    }
  });
  if (retried || !forward.hasBody) upstream.end();
  else req.pipe(upstream);
}

/**
 * The response's status and headers to the client; whether its body is to be gzipped. On HTTP/1.1
 * without response hooks, the backend's raw header list is copied once (no header object is built).
 */
function writeResponseHead(
  res: ClientResponseLike,
  response: IncomingMessage,
  status: number,
  forward: ProxyRequest,
): boolean {
  if (forward.onHeaders || !(res instanceof ServerResponse))
    return writeResponseHeadFromObject(res, response, status, forward);
  const raw = response.rawHeaders;
  const out: string[] = [];
  let contentType: string | undefined;
  let contentEncoding: string | undefined;
  let vary: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (RESPONSE_HOP_BY_HOP.has(name)) continue;
    const value = raw[i + 1]!;
    if (name === 'content-type') contentType ??= value;
    else if (name === 'content-encoding') contentEncoding ??= value;
    else if (name === 'vary') {
      vary = vary === undefined ? value : `${vary}, ${value}`;
      continue;
    }
    out.push(raw[i]!, value);
  }
  for (const cookie of forward.setCookies) out.push('set-cookie', cookie);
  const zip =
    forward.gzip &&
    compressibleResponse(status, forward.method, contentType, contentEncoding) &&
    acceptsGzip(forward.acceptEncoding);
  if (zip) {
    for (let i = out.length - 2; i >= 0; i -= 2)
      if (out[i]!.toLowerCase() === 'content-length') out.splice(i, 2);
    out.push('content-encoding', 'gzip');
    vary = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
  }
  if (vary !== undefined) out.push('vary', vary);
  res.writeHead(status, out);
  return zip;
}

function writeResponseHeadFromObject(
  res: ClientResponseLike,
  response: IncomingMessage,
  status: number,
  forward: ProxyRequest,
): boolean {
  const headers: OutgoingHttpHeaders = {};
  for (const name in response.headers)
    if (!RESPONSE_HOP_BY_HOP.has(name)) headers[name] = response.headers[name];
  if (forward.setCookies.length > 0) {
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [
      ...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []),
      ...forward.setCookies,
    ];
  }
  const zip =
    forward.gzip &&
    compressible(status, forward.method, response.headers) &&
    acceptsGzip(forward.acceptEncoding);
  if (zip) {
    delete headers['content-length'];
    headers['content-encoding'] = 'gzip';
    const vary = headers['vary'];
    headers['vary'] = vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding';
  }
  forward.onHeaders?.(status, response.headers, headers);
  res.writeHead(status, headers);
  return zip;
}

/** The body to the client with write/end (cheaper than `pipe`'s listeners), pausing while it is full. */
function relay(from: IncomingMessage, res: ClientResponseLike): void {
  // Both response kinds take a Buffer; their `write` overloads only differ in the callback's type.
  const to = res as ServerResponse;
  const resume = (): void => {
    from.resume();
  };
  from.on('data', (chunk: Buffer) => {
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', resume);
    }
  });
  from.on('end', () => {
    to.end();
  });
}

/** A copy of a request to a mirror server: its answer and any failure are ignored, as ALB does. */
export function mirror(
  agents: ProxyAgents,
  choice: ServerChoice,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  timeoutMs: number,
  onDone: () => void,
): void {
  const https = choice.group.protocol === 'HTTPS';
  const copy = (https ? httpsRequest : httpRequest)({
    host: serverHost(choice.server),
    port: choice.server.port,
    method,
    path,
    headers,
    agent: https ? agents.https : agents.http,
    timeout: timeoutMs,
  });
  let done = false;
  const finish = (): void => {
    if (!done) {
      done = true;
      onDone();
    }
  };
  copy.on('response', (response) => {
    response.resume();
    response.on('end', finish);
    response.on('error', finish);
  });
  copy.on('timeout', () => copy.destroy());
  copy.on('error', finish);
  copy.on('close', finish);
  copy.end();
}
