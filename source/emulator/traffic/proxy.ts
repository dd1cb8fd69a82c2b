// Sends one request to the chosen server and streams its answer back: keep-alive agents, the listener's
// RequestTimeout (504), refused or reset connections (502), gzip for the listed types, sticky cookies.
import { ServerResponse, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { createGzip, constants as zlibConstants, type Gzip } from 'node:zlib';
import { Agent, type Dispatcher } from 'undici';
import { serverHost } from './health.js';
import { acceptsGzip, compressible, compressibleResponse } from './gzip.js';
import type { ServerChoice } from './backend-choice.js';
import type { ClientRequestLike, ClientResponseLike } from './http-shapes.js';
import { rawResponseHeaders, responseHeaderObject, upstreamRequestHeaders } from './upstream-headers.js';

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

/**
 * The upstream client: undici (the Node.js project's HTTP client), one keep-alive pool per backend,
 * one request at a time per connection. It costs about half the CPU per request of node's
 * `http.request` with a keep-alive agent, which decides the local ALB's requests/s.
 */
export interface ProxyAgents {
  upstream: Agent;
}

export function createAgents(): ProxyAgents {
  return {
    upstream: new Agent({
      pipelining: 1,
      // The listener's RequestTimeout is the proxy's own timer (504); a body may take its time.
      headersTimeout: 0,
      bodyTimeout: 0,
      // ALB does not verify its backends' certificates; neither does the local one.
      connect: { rejectUnauthorized: false },
    }),
  };
}

export function closeAgents(agents: ProxyAgents): void {
  agents.upstream.destroy().catch(() => undefined);
}

function originOf(choice: ServerChoice): string {
  const host = serverHost(choice.server);
  const scheme = choice.group.protocol === 'HTTPS' ? 'https' : 'http';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${choice.server.port}`;
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
  /** The backend's response headers (as node's header object), before anything is sent on. */
  onResponse?: (headers: IncomingHttpHeaders) => void;
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

/** Errors of a kept-alive connection the backend closed as it was reused: worth one more try. */
const RETRYABLE = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export function proxy(
  agents: ProxyAgents,
  req: ClientRequestLike,
  res: ClientResponseLike,
  forward: ProxyRequest,
  retried = false,
): void {
  let answered = false;
  let finished = false;
  let abort: ((reason?: Error) => void) | undefined;
  let zip: Gzip | undefined;
  let resumeUpstream: (() => void) | undefined;
  // Both response kinds take a Buffer; their `write` overloads only differ in the callback's type.
  const to = res as ServerResponse;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    res.off('close', onClientClose);
    forward.onDone();
  };
  const onClientClose = (): void => {
    if (finished) return;
    finish();
    abort?.();
  };
  const timer = setTimeout(() => {
    if (answered || finished) return;
    finish();
    abort?.();
    errorPage(res, 504, 'Gateway Time-out');
  }, forward.requestTimeoutMs);
  res.on('close', onClientClose);

  const handler: Dispatcher.DispatchHandler = {
    onConnect(abortRequest) {
      // Called as the request is written: one given up while it waited for a connection stops here.
      if (finished) abortRequest();
      else abort = abortRequest;
    },
    onHeaders(status, rawHeaders, resume) {
      // 1xx interim answers (103 Early Hints) are not passed on, as node's client does not.
      if (status < 200 || finished) return true;
      answered = true;
      clearTimeout(timer);
      const headers = rawResponseHeaders(rawHeaders as Buffer[]);
      if (forward.onResponse) forward.onResponse(responseHeaderObject(headers));
      resumeUpstream = resume;
      if (writeResponseHead(res, headers, status, forward)) {
        zip = createGzip({ level: zlibConstants.Z_BEST_SPEED });
        zip.pipe(to);
      }
      return true;
    },
    onData(chunk) {
      if (finished) return true;
      const sink = zip ?? to;
      if (sink.write(chunk)) return true;
      // Full: the backend's socket pauses until the client has taken what was written.
      sink.once('drain', () => resumeUpstream?.());
      return false;
    },
    onComplete() {
      if (finished) return;
      finish();
      if (zip) zip.end();
      else to.end();
    },
    onError(error) {
      if (finished) return;
      const code = (error as NodeJS.ErrnoException).code ?? '';
      // A keep-alive connection the backend closed just as it was reused: one more try on another.
      if (!answered && !retried && !forward.hasBody && RETRYABLE.has(code)) {
        finished = true;
        clearTimeout(timer);
        res.off('close', onClientClose);
        proxy(agents, req, res, forward, true);
        return;
      }
      finish();
      if (answered) res.destroy();
      else errorPage(res, 502, 'Bad Gateway');
    },
  };
  const options: Dispatcher.DispatchOptions = {
    origin: originOf(forward.choice),
    method: forward.method as Dispatcher.HttpMethod,
    path: forward.path,
    headers: upstreamRequestHeaders(forward.headers),
    body: forward.hasBody && !retried ? req : null,
  };
  try {
    agents.upstream.dispatch(options, handler);
  } catch (error) {
    handler.onError?.(error as Error);
  }
}

/**
 * The response's status and headers to the client; whether its body is to be gzipped. On HTTP/1.1
 * without response hooks, the backend's raw header list is copied once (no header object is built).
 */
function writeResponseHead(
  res: ClientResponseLike,
  raw: readonly string[],
  status: number,
  forward: ProxyRequest,
): boolean {
  if (forward.onHeaders || !(res instanceof ServerResponse))
    return writeResponseHeadFromObject(res, responseHeaderObject(raw), status, forward);
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
  incoming: IncomingHttpHeaders,
  status: number,
  forward: ProxyRequest,
): boolean {
  const headers: OutgoingHttpHeaders = {};
  for (const name in incoming) if (!RESPONSE_HOP_BY_HOP.has(name)) headers[name] = incoming[name];
  if (forward.setCookies.length > 0) {
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [
      ...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []),
      ...forward.setCookies,
    ];
  }
  const zip =
    forward.gzip && compressible(status, forward.method, incoming) && acceptsGzip(forward.acceptEncoding);
  if (zip) {
    delete headers['content-length'];
    headers['content-encoding'] = 'gzip';
    const vary = headers['vary'];
    headers['vary'] = vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding';
  }
  forward.onHeaders?.(status, incoming, headers);
  res.writeHead(status, headers);
  return zip;
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
  let done = false;
  const finish = (): void => {
    if (!done) {
      done = true;
      onDone();
    }
  };
  const handler: Dispatcher.DispatchHandler = {
    onConnect: () => undefined,
    onHeaders: () => true,
    onData: () => true,
    onComplete: finish,
    onError: finish,
  };
  try {
    agents.upstream.dispatch(
      {
        origin: originOf(choice),
        method: method as Dispatcher.HttpMethod,
        path,
        headers: upstreamRequestHeaders(headers),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      handler,
    );
  } catch {
    finish();
  }
}
