// The demo data's backends: small local HTTP(S) servers, one per demo server (127.0.0.1 and a port from
// DEMO_BACKEND_PORTS), started with the local ALB. Each answers JSON with what it received — method,
// path, query, headers, body — and which server it is, so a user sees at once what a listener did to a
// request. A few query keys shape the answer for trying timeouts, health and gzip by hand:
// `echo.status=503`, `echo.delay=2000` (ms), `echo.type=text/css`, `echo.size=4096` (pads the body),
// `echo.cookie=NAME=VALUE` (sets a cookie).
import { randomBytes } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { BackendServer } from '../../domain/resources.js';
import type { EmulatorState } from '../state.js';
import { DEMO_BACKEND_HOST, isDemoServer } from './demo-ports.js';

export { DEMO_BACKEND_HOST, DEMO_BACKEND_PORTS, isDemoServer } from './demo-ports.js';

const MAX_ECHOED_BODY = 64 * 1024;
const MAX_DELAY_MS = 600_000;
const MAX_PAD = 1024 * 1024;

export interface EchoIdentity {
  /** What the answer says it is, e.g. `web-frontend-http-1`. */
  name: string;
  serverGroupId?: string;
  serverId?: string;
}

export interface EchoBackend {
  readonly port: number;
  readonly identity: EchoIdentity;
  close(): Promise<void>;
}

function echo(identity: EchoIdentity, port: number, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://backend');
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_ECHOED_BODY) chunks.push(chunk);
  });
  req.on('end', () => {
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const previous = query[key];
      query[key] =
        previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    const status = Number(url.searchParams.get('echo.status') ?? 200);
    const delay = Math.min(Number(url.searchParams.get('echo.delay') ?? 0) || 0, MAX_DELAY_MS);
    const pad = Math.min(Number(url.searchParams.get('echo.size') ?? 0) || 0, MAX_PAD);
    const type = url.searchParams.get('echo.type') ?? 'application/json';
    const cookie = url.searchParams.get('echo.cookie');
    const answer = JSON.stringify(
      {
        server: { ...identity, address: `${DEMO_BACKEND_HOST}:${port}` },
        request: {
          method: req.method,
          path: url.pathname,
          query,
          headers: req.headers,
          httpVersion: req.httpVersion,
          remoteAddress: req.socket.remoteAddress,
          bodyBytes: size,
          ...(size > 0 ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
        },
        ...(pad > 0 ? { padding: 'x'.repeat(pad) } : {}),
      },
      null,
      2,
    );
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(Number.isInteger(status) && status >= 200 && status <= 599 ? status : 200, {
        'content-type': type,
        'content-length': Buffer.byteLength(answer),
        'x-served-by': identity.name,
        ...(cookie ? { 'set-cookie': `${cookie}; Path=/` } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : answer);
    };
    if (delay > 0) setTimeout(send, delay).unref();
    else send();
  });
}

let selfSigned: Promise<{ key: string; cert: string }> | undefined;
/** A throwaway certificate for 127.0.0.1: the HTTPS demo backends' (ALB does not verify its backends). */
export function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  selfSigned ??= makeSelfSigned().catch((error: unknown) => {
    selfSigned = undefined;
    throw error;
  });
  return selfSigned;
}

async function makeSelfSigned(): Promise<{ key: string; cert: string }> {
  // Loaded only when an HTTPS demo backend starts: node-forge is large.
  const [{ default: forge }, { newKeyPair, signCertificate }] = await Promise.all([
    import('node-forge'),
    import('./local-ca.js'),
  ]);
  // Made off the thread: the local ALB's thread goes on answering meanwhile.
  const { privatePem: privateKey, publicPem: publicKey } = await newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 825 * 86_400_000);
  const name = [{ name: 'commonName', value: 'alb-tui demo backend' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: DEMO_BACKEND_HOST }] }]);
  signCertificate(cert, privateKey);
  return { key: privateKey, cert: forge.pki.certificateToPem(cert) };
}

/** Starts one echo server on 127.0.0.1 (port 0: any free port). */
export async function startEchoBackend(
  identity: EchoIdentity,
  options: { port?: number; tls?: boolean } = {},
): Promise<EchoBackend> {
  let port = options.port ?? 0;
  const handler = (req: IncomingMessage, res: ServerResponse): void => echo(identity, port, req, res);
  const server: Server = options.tls
    ? createHttpsServer(await selfSignedCertificate(), handler)
    : createHttpServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, DEMO_BACKEND_HOST, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        identity,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

export interface DemoBackends {
  backends: EchoBackend[];
  /** Demo servers whose port could not be bound (taken by something else), with the reason. */
  failed: { server: BackendServer; reason: string }[];
  close(): Promise<void>;
}

/** Starts an echo backend for every demo server in the state (one per port). */
export async function startDemoBackends(state: EmulatorState): Promise<DemoBackends> {
  const byPort = new Map<number, BackendServer>();
  for (const server of state.servers)
    if (isDemoServer(server) && !byPort.has(server.port)) byPort.set(server.port, server);
  const backends: EchoBackend[] = [];
  const failed: DemoBackends['failed'] = [];
  await Promise.all(
    [...byPort.values()].map(async (server) => {
      const group = state.serverGroups.find((g) => g.serverGroupId === server.serverGroupId);
      try {
        backends.push(
          await startEchoBackend(
            {
              name: server.description ?? server.serverId,
              serverGroupId: server.serverGroupId,
              serverId: server.serverId,
            },
            { port: server.port, tls: group?.protocol === 'HTTPS' },
          ),
        );
      } catch (error) {
        failed.push({ server, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      }
    }),
  );
  return {
    backends,
    failed,
    close: async () => {
      await Promise.all(backends.map((b) => b.close()));
    },
  };
}
