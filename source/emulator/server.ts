// The HTTP face of the local ALB: loopback only, both signature styles, JSON for every answer
// (the SDK cannot parse anything else, even on a 404 route or a crash), faults applied around the work.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { MUTATING_ACTIONS, type AlbCore } from './core.js';
import { ApiError, actionNotFound, internalError, throttled } from './errors.js';
import { faultError, type FaultDecision, type FaultInjector } from './faults.js';
import { authenticate, type NonceCache } from './signature.js';
import { encodeReply } from './render.js';
import { regionNotServed } from './regions.js';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
/** After an error answer to a broken or late request, how long the client has to read it. */
const CLOSE_GRACE_MS = 1000;

/**
 * How long the local ALB waits on a client. Without limits, a client that never finishes its headers
 * (slowloris) or an idle keep-alive connection holds a socket for ever.
 */
export interface ServerTimeouts {
  /** From the connection (or the end of the previous answer) to the end of the request headers. */
  headersMs: number;
  /** To receive the whole request, body included (not the answer: a held fault stays held). */
  requestMs: number;
  /**
   * An idle keep-alive connection is closed after this. Well above what a client waits between calls
   * (the dashboard refreshes every 10 s; the listing bench calls back to back), so connections are
   * reused; Node's client also reads it from the `Keep-Alive` header and lets go of a socket first.
   */
  keepAliveMs: number;
  /** How often the header and request timeouts are checked (Node checks them on a timer). */
  checkIntervalMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 30_000,
  checkIntervalMs: 1_000,
};

/** Why a set of timeouts cannot be used, or undefined. */
export function serverTimeoutsProblem(timeouts: ServerTimeouts): string | undefined {
  for (const [name, value] of Object.entries(timeouts)) {
    if (!Number.isInteger(value) || value < 1)
      return `server timeout ${name} must be a whole number of ms ≥ 1`;
  }
  if (timeouts.headersMs > timeouts.requestMs)
    return 'the headers timeout must not exceed the request timeout';
  return undefined;
}

export interface ServerDeps {
  core: AlbCore;
  faults: FaultInjector;
  nonces: NonceCache;
  secretFor(accessKeyId: string): string | undefined;
  now(): number;
  timeouts?: Partial<ServerTimeouts>;
  /** The core of a served region (requests naming their `RegionId`); none: only the port's region is served. */
  coreOf?: (regionId: string) => AlbCore | undefined;
  /** Resolves once the nonces seen so far are kept across restarts (the nonce journal). */
  noncesKept?: () => Promise<void>;
}

export class EmulatorServer {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly timeouts: ServerTimeouts;
  private closing = false;

  constructor(private readonly deps: ServerDeps) {
    this.timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...deps.timeouts };
    const problem = serverTimeoutsProblem(this.timeouts);
    if (problem) throw new Error(problem);
  }

  /** One HTTP server per port: each answers for its own region's core (the SDKs pick a region by endpoint). */
  private httpServer(core: AlbCore): Server {
    const timeouts = this.timeouts;
    const server = createServer(
      {
        headersTimeout: timeouts.headersMs,
        requestTimeout: timeouts.requestMs,
        keepAliveTimeout: timeouts.keepAliveMs,
        connectionsCheckingInterval: timeouts.checkIntervalMs,
      },
      (req, res) => {
        void this.handle(req, res, core);
      },
    );
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const body = JSON.stringify(
        timedOut
          ? {
              Code: 'RequestTimeout',
              Message: 'The request was not received in time.',
              RequestId: newRequestId(),
            }
          : {
              Code: 'BadRequest',
              Message: 'The HTTP request could not be parsed.',
              RequestId: newRequestId(),
            },
      );
      const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status}\r\ncontent-type: application/json;charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
        // A client that never closes its side (as a slowloris would not) must not keep the socket.
        setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
      } else {
        socket.destroy();
      }
    });
    return server;
  }

  /**
   * Listens on 127.0.0.1 (never another interface) for `core`'s region (the first core unless given);
   * resolves with the port.
   */
  listen(port: number, core: AlbCore = this.deps.core): Promise<number> {
    const server = this.httpServer(core);
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen({ port, host: LOOPBACK }, () => {
        server.off('error', onError);
        const address = server.address();
        if (address === null || typeof address === 'string')
          reject(new Error('the server has no TCP address'));
        else resolve(address.port);
      });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = this.servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) resolve();
          else server.close(() => resolve());
        }),
    );
    // Held (timed-out) and keep-alive connections would keep close() waiting forever.
    for (const server of this.servers) server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closed);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, portCore: AlbCore): Promise<void> {
    const requestId = newRequestId();
    let core = portCore;
    let product: 'alb' | 'cas' = 'alb';
    try {
      const target = req.url ?? '/';
      const queryStart = target.indexOf('?');
      const path = queryStart >= 0 ? target.slice(0, queryStart) : target;
      const search = queryStart >= 0 ? target.slice(queryStart + 1) : '';
      if (path !== '/') throw actionNotFound();
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'POST') {
        throw new ApiError(
          'UnsupportedHTTPMethod',
          405,
          `The HTTP method ${method} is not supported; use GET or POST.`,
        );
      }
      const body = await readBody(req);
      const contentType = (req.headers['content-type'] ?? '').toLowerCase();
      const form = contentType.startsWith('application/x-www-form-urlencoded')
        ? toRecord(new URLSearchParams(body.toString('utf8')))
        : {};
      const auth = authenticate(
        {
          method,
          path,
          query: toRecord(new URLSearchParams(search)),
          form,
          headers: req.headers,
          headersDistinct: req.headersDistinct as Record<string, string[]>,
          body,
        },
        { secretFor: (id) => this.deps.secretFor(id), now: this.deps.now(), nonces: this.deps.nonces },
      );
      // Served only once its nonce would survive a restart, so it can never be replayed after one.
      await this.deps.noncesKept?.();
      const found = core.productOf(auth.action, auth.version);
      if (!found) throw actionNotFound();
      product = found;
      core = this.regionCore(portCore, auth.params['RegionId']);
      res.once('close', core.claimClientToken(auth.action, auth.params));

      const fault = this.deps.faults.decide(auth.action, MUTATING_ACTIONS.has(auth.action));
      if (fault.delayMs > 0) await this.sleep(fault.delayMs);
      if (this.closing) return;
      if (!fault.afterWork && this.strike(fault, req)) return;
      let result: Record<string, unknown> | undefined;
      let failure: unknown;
      try {
        result = core.dispatch(auth.action, auth.version, auth.params);
      } catch (error) {
        failure = error;
      }
      if (fault.afterWork && this.strike(fault, req)) return;
      if (failure !== undefined) throw failure;
      send(res, 200, { RequestId: requestId, ...result }, requestId);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : internalError();
      const host = product === 'cas' ? 'cas.aliyuncs.com' : `alb.${core.region}.aliyuncs.com`;
      send(
        res,
        apiError.httpStatus,
        {
          RequestId: requestId,
          HostId: host,
          Code: apiError.code,
          Message: apiError.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(apiError.code)}&product=${product === 'cas' ? 'cas' : 'Alb'}&requestId=${requestId}`,
        },
        requestId,
        apiError.headers,
      );
    }
  }

  /**
   * The core a request is for: the one of the region it names (`RegionId`, which the aliyun CLI and
   * pop-core send), else its port's. A region this local ALB does not serve is refused, as ALB does.
   */
  private regionCore(portCore: AlbCore, regionId: string | undefined): AlbCore {
    if (regionId === undefined || regionId === '' || regionId === portCore.region) return portCore;
    const named = this.deps.coreOf?.(regionId);
    if (!named) throw regionNotServed(regionId);
    return named;
  }

  /** Applies a fault; true when the request has been dealt with (no normal answer must follow). */
  private strike(fault: FaultDecision, req: IncomingMessage): boolean {
    switch (fault.kind) {
      case 'none':
        return false;
      case 'throttle':
        throw throttled(fault.retryAfterMs);
      case 'error':
        throw fault.code ? faultError(fault.code) : internalError();
      case 'drop':
        req.socket.destroy();
        return true;
      case 'timeout':
        // Never answered: the client gives up (read timeout) or close() destroys the socket.
        return true;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function toRecord(params: URLSearchParams): Record<string, string> {
  // fromEntries defines own properties, so a `__proto__` parameter stays a plain key.
  return Object.fromEntries(params);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError('EntityTooLarge', 413, 'The request body is larger than 1 MiB.'));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  // Encoded once (see encodeReply): measuring a text with non-ASCII characters and then writing it
  // flattened and encoded a large reply twice.
  const json = encodeReply(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': json.length,
    'x-acs-request-id': requestId,
    // An oversized body was left unread: the connection cannot be reused.
    ...(status === 413 ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(json);
}
