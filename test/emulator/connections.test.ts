// The local ALB lets go of slow and idle clients (header, request and keep-alive timeouts), with real
// sockets, and still keeps a connection alive between the calls of a client that makes them.
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_SERVER_TIMEOUTS, startEmulator, type RunningEmulator } from '../../source/emulator/index.js';

/** Short timeouts, so a client held past them shows within a test; checked often. */
const SHORT = { headersMs: 300, requestMs: 600, keepAliveMs: 1000, checkIntervalMs: 50 };
/** Far longer than any of SHORT: a socket still open by then was not closed by them. */
const PATIENCE_MS = 8_000;

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface Probe {
  socket: Socket;
  /** Resolves true when the server closed the socket, false when PATIENCE_MS passed first. */
  closed: Promise<boolean>;
  received(): string;
}

function probe(port: number): Probe {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  socket.on('error', () => {});
  const closed = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), PATIENCE_MS);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return { socket, closed, received: () => text };
}

/** Sends one more header line at every tick, the way a slowloris keeps a request from ending. */
function trickle(socket: Socket, everyMs: number): () => number {
  let lines = 0;
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return clearInterval(timer);
    socket.write(`X-Slow-${lines++}: still here\r\n`);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
  return () => lines;
}

describe('slow and idle clients', () => {
  test('a client that trickles header lines is answered 408 and closed after the headers timeout', async () => {
    emulator = await startEmulator({ seed: 5, serverTimeouts: SHORT });
    const clients = Array.from({ length: 20 }, () => probe(emulator!.port));
    const sent = clients.map((client) => trickle(client.socket, 50));
    const closed = await Promise.all(clients.map((client) => client.closed));
    expect(closed.every(Boolean)).toBe(true);
    for (const [index, client] of clients.entries()) {
      expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(client.received()).toContain('"Code":"RequestTimeout"');
      // It kept sending (it was not closed for being silent) and still could not hold the socket.
      expect(sent[index]!()).toBeGreaterThan(0);
    }
  });

  test('a client that connects and sends nothing is closed too', async () => {
    emulator = await startEmulator({ seed: 5, serverTimeouts: SHORT });
    const client = probe(emulator.port);
    expect(await client.closed).toBe(true);
  });

  test('a body sent too slowly is cut off after the request timeout', async () => {
    emulator = await startEmulator({ seed: 5, serverTimeouts: SHORT });
    const client = probe(emulator.port);
    client.socket.write(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n',
    );
    const timer = setInterval(() => client.socket.writable && client.socket.write('a'), 50);
    const closed = await client.closed;
    clearInterval(timer);
    expect(closed).toBe(true);
  });

  test('an idle keep-alive connection is closed after the keep-alive timeout, and says so', async () => {
    emulator = await startEmulator({ seed: 5, serverTimeouts: SHORT });
    const client = probe(emulator.port);
    // An unsigned request is answered (a JSON refusal) on a connection that stays open for more.
    client.socket.write('GET /?Action=ListLoadBalancers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await client.closed).toBe(true);
    expect(client.received()).toMatch(/^HTTP\/1\.1 400 /);
    expect(client.received()).toMatch(/keep-alive: timeout=1\r\n/i);
  });
});

describe('keep-alive for clients that use it', () => {
  async function get(agent: Agent, port: number): Promise<{ res: IncomingMessage; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ res, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('the default keeps a connection for 30 s, well above a client’s pause between calls', async () => {
    expect(DEFAULT_SERVER_TIMEOUTS.keepAliveMs).toBeGreaterThanOrEqual(30_000);
    expect(DEFAULT_SERVER_TIMEOUTS.headersMs).toBeLessThanOrEqual(DEFAULT_SERVER_TIMEOUTS.requestMs);
    emulator = await startEmulator({ seed: 5 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, emulator.port);
      expect(first.res.headers['keep-alive']).toBe('timeout=30');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await get(agent, emulator.port);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});
