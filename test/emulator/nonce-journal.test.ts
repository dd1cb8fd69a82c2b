// Signature nonces outlive a restart of the local ALB (the nonce journal beside its state file), so a
// signed request cannot be replayed after one while its timestamp is still good.
import { createServer, request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import RPCClient from '@alicloud/pop-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { NonceJournal, nonceJournalPath } from '../../source/emulator/nonce-journal.js';
import { NonceCache, TIMESTAMP_WINDOW_MS, nonceKey } from '../../source/emulator/signature.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-emulator-nonces-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The exact URL pop-core (as the aliyun CLI) sends for a call: a V1 request, signed in its query. */
async function signedUrl(emulator: RunningEmulator, nonce: string): Promise<string> {
  let captured = '';
  const capture = createServer((req, res) => {
    captured = req.url ?? '';
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId":"x"}');
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const address = capture.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const client = new RPCClient({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: `http://127.0.0.1:${port}`,
      apiVersion: '2020-06-16',
    });
    await client.request('ListLoadBalancers', { SignatureNonce: nonce }, { method: 'GET' });
  } finally {
    capture.closeAllConnections();
    await new Promise<void>((resolve) => capture.close(() => resolve()));
  }
  return captured;
}

/** Sends that very request (a replay) and returns the answer's Code, or 'ok'. */
async function send(emulator: RunningEmulator, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: emulator.port, path: url, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        const code = (JSON.parse(body) as { Code?: string }).Code;
        resolve(code ?? 'ok');
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('nonces across a restart', () => {
  test('a signed request replayed after a restart on the same state file is SignatureNonceUsed', async () => {
    const statePath = join(dir, 'data', 'local-alb.json');
    const credentialsPath = join(dir, 'data', 'credentials.json');
    const first = await startEmulator({ statePath, credentialsPath });
    const url = await signedUrl(first, 'replay-me-1');
    expect(await send(first, url)).toBe('ok');
    expect(await send(first, url)).toBe('SignatureNonceUsed');
    // On disk before the answer came: a process killed now would not have forgotten it.
    expect(await readFile(nonceJournalPath(statePath), 'utf8')).toContain(
      nonceKey(first.accessKeyId, 'replay-me-1'),
    );
    await first.close();

    const second = await startEmulator({ statePath, credentialsPath });
    try {
      expect(second.accessKeyId).toBe(first.accessKeyId);
      expect(await send(second, url)).toBe('SignatureNonceUsed');
      // Another nonce is still welcome.
      expect(await send(second, await signedUrl(second, 'fresh-nonce-2'))).toBe('ok');
    } finally {
      await second.close();
    }
    expect((await stat(nonceJournalPath(statePath))).mode & 0o777).toBe(0o600);
  });

  test('the journal keeps no client text and only nonces that could still pass the time check', async () => {
    const path = join(dir, 'nonces');
    const t0 = 1_800_000_000_000;
    const live = nonceKey('LTAIexample', 'a nonce with\nnew lines and 中文');
    const expired = nonceKey('LTAIexample', 'old');
    await writeFile(
      path,
      `${t0 + 60_000} ${live}\n${t0 - 1} ${expired}\n` + 'garbage line\n' + `${t0 + 5} ${live.slice(0, 20)}`,
    );
    const cache = new NonceCache();
    const journal = await NonceJournal.open(path, cache, () => t0);
    try {
      expect(await readFile(path, 'utf8')).toBe(`${t0 + 60_000} ${live}\n`);
      expect(cache.claim(live, t0, t0)).toBe(false);
      expect(cache.claim(expired, t0, t0)).toBe(true);
    } finally {
      await journal.close();
    }
  });

  test('every nonce claimed is in the file once settled', async () => {
    const path = join(dir, 'nonces');
    const t0 = 1_800_000_000_000;
    // The journal hears of every claim; none happens before it is open.
    const cache = new NonceCache(1000, (key, expiry) => journal.record(key, expiry));
    const journal = await NonceJournal.open(path, cache, () => t0);
    try {
      for (let i = 0; i < 50; i++) cache.claim(nonceKey('ak', `n${i}`), t0, t0);
      await journal.settled();
      const lines = (await readFile(path, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(50);
      expect(lines[0]).toBe(`${t0 + TIMESTAMP_WINDOW_MS + 60_000} ${nonceKey('ak', 'n0')}`);
    } finally {
      await journal.close();
    }
  });

  test('the file stays bounded: rewritten with the live nonces once it holds many more lines', async () => {
    const path = join(dir, 'nonces');
    const t0 = 1_800_000_000_000;
    // The journal hears of every claim; none happens before it is open.
    const cache = new NonceCache(100, (key, expiry) => journal.record(key, expiry));
    const journal = await NonceJournal.open(path, cache, () => t0);
    try {
      for (let i = 0; i < 12_000; i++) cache.claim(nonceKey('ak', `n${i}`), t0, t0);
      await journal.settled();
      const lines = (await readFile(path, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(100);
      expect(lines.at(-1)).toContain(nonceKey('ak', 'n11999'));
    } finally {
      await journal.close();
    }
  });
});
