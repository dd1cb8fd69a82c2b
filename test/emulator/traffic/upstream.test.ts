// The upstream leg (the local ALB → its backends): request bodies however the client frames them,
// HTTPS backends, responses of any framing, a backend's keep-alive connection closed under reuse.
import {
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../../source/emulator/traffic/demo-backends.js';
import { send, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
const extra: Server[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const server of extra.splice(0)) server.close();
});

async function listen(server: Server): Promise<number> {
  extra.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A request whose body goes out in pieces with no length (`Transfer-Encoding: chunked`). */
function sendChunked(port: number, pieces: string[], headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/up', method: 'POST', headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

describe('the upstream leg', () => {
  it('passes a chunked request body on whole, and one sent after Expect: 100-continue', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-body', servers: 1 }] });
    const chunked = await sendChunked(h.port, ['a=1', '&b=2', '&c=3']);
    expect(chunked.status).toBe(200);
    expect((JSON.parse(chunked.text) as { request: { body: string } }).request.body).toBe('a=1&b=2&c=3');
    const expecting = await send(h.port, '/up', {
      method: 'POST',
      headers: { expect: '100-continue', 'content-type': 'text/plain' },
      body: 'after continue',
    });
    expect(expecting.status).toBe(200);
    expect(expecting.echo?.request.body).toBe('after continue');
  });

  it('forwards to an HTTPS server group without verifying the backend certificate, as ALB does', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-tls', servers: 1 }] });
    const certificate = await selfSignedCertificate();
    const port = await listen(
      createHttpsServer(certificate, (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`tls ${req.method} ${req.url}`);
      }),
    );
    h.state.serverGroups[0]!.protocol = 'HTTPS';
    h.state.servers[0]!.port = port;
    const answer = await send(h.port, '/secure?x=1');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('tls GET /secure?x=1');
  });

  it('streams a chunked response of unknown length back whole', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-stream', servers: 1 }] });
    const port = await listen(
      createHttpServer((_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        let sent = 0;
        const next = (): void => {
          if (sent === 50) return void res.end();
          sent++;
          res.write('y'.repeat(10_000));
          setImmediate(next);
        };
        next();
      }),
    );
    h.state.servers[0]!.port = port;
    const answer = await send(h.port, '/');
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(500_000);
  });

  it('holds the backend back while a slow client catches up, and then delivers everything', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-big', servers: 1 }] });
    let backendFinished = false;
    let finishedBeforeClientRead: boolean | undefined;
    const port = await listen(
      createHttpServer((_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        let sent = 0;
        const next = (): void => {
          while (sent < 256) {
            sent++;
            if (!res.write(Buffer.alloc(64 * 1024, 1))) return void res.once('drain', next);
          }
          res.end(() => (backendFinished = true));
        };
        next();
      }),
    );
    h.state.servers[0]!.port = port;
    const received = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h!.port, path: '/', agent: false }, (res) => {
        // The client reads nothing at first: the proxy's writes fill up and it must stop reading.
        res.pause();
        let bytes = 0;
        setTimeout(() => {
          finishedBeforeClientRead = backendFinished;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
          res.resume();
        }, 300);
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toBe(256 * 64 * 1024);
    // 16 MB is far more than the sockets between hold: had the proxy read on regardless, the
    // backend would have finished while the client read nothing.
    expect(finishedBeforeClientRead).toBe(false);
  });

  it('retries once on a fresh connection when the backend closed the kept-alive one as it was reused', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-reset', servers: 1 }] });
    let requests = 0;
    const port = await listen(
      createHttpServer((req, res) => {
        requests++;
        // Every second request: the connection is dropped with no answer, as a backend closing an
        // idle keep-alive connection at the moment the proxy reuses it.
        if (requests % 2 === 0) return void req.socket.destroy();
        res.writeHead(200, { 'content-type': 'text/plain', 'keep-alive': 'timeout=60' });
        res.end('ok');
      }),
    );
    h.state.servers[0]!.port = port;
    expect((await send(h.port, '/')).text).toBe('ok');
    const second = await send(h.port, '/');
    expect(second.status).toBe(200);
    expect(second.text).toBe('ok');
    expect(requests).toBe(3);
    // A request with a body is not sent twice: the client gets 502.
    requests = 1;
    const posted = await send(h.port, '/', { method: 'POST', body: 'once' });
    expect(posted.status).toBe(502);
  });
});
