// The local CA's client certificates (mutual TLS): issued once per CA even when asked for twice at once,
// and a key and certificate on disk that are not one pair are issued again, never served.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startEmulator } from '../../../source/emulator/index.js';
import { LocalCa } from '../../../source/emulator/traffic/local-ca.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-tui-local-ca-'));
});
afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

async function demoClientCa() {
  const emulator = await startEmulator({ seed: 18_018 });
  const clientCa = emulator.snapshot().certificates.find((certificate) => certificate.isCa)!;
  await emulator.close();
  return clientCa;
}

function isPair(key: string, cert: string): boolean {
  return new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
}

test('two asks at once for a CA’s client certificate give one pair, the one written to disk', async () => {
  const clientCa = await demoClientCa();
  const ca = await LocalCa.open(dir);
  const [first, second] = await Promise.all([
    ca.clientCertificateFor(clientCa),
    ca.clientCertificateFor(clientCa),
  ]);
  expect(second.cert).toBe(first.cert);
  const onDisk = {
    key: await readFile(first.keyPath!, 'utf8'),
    cert: await readFile(first.certPath!, 'utf8'),
  };
  expect(onDisk).toEqual({ key: first.key, cert: first.cert });
  expect(isPair(onDisk.key, onDisk.cert)).toBe(true);
});

test('a key and certificate on disk that are not one pair are issued again', async () => {
  const clientCa = await demoClientCa();
  const ca = await LocalCa.open(dir);
  const kept = await ca.clientCertificateFor(clientCa);
  await expect((await LocalCa.open(dir)).clientCertificateFor(clientCa)).resolves.toMatchObject({
    cert: kept.cert,
  });
  // Another pair's key beside the certificate (a write cut between the two files).
  const other = await (await LocalCa.open(join(dir, 'other'))).clientCertificateFor(clientCa);
  await writeFile(kept.keyPath!, other.key);
  const again = await (await LocalCa.open(dir)).clientCertificateFor(clientCa);
  expect(again.cert).not.toBe(kept.cert);
  expect(isPair(again.key, again.cert)).toBe(true);
  expect(isPair(await readFile(again.keyPath!, 'utf8'), await readFile(again.certPath!, 'utf8'))).toBe(true);
});
