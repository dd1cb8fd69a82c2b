// The listing cache on disk: what is kept (only what the lists show), where (0600 in 0700), within
// which bounds, and that a damaged or foreign file reads as absent and is replaced, never fatal.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Listener } from '../../source/domain/resources.js';
import {
  encodeListingCache,
  listingCacheDir,
  listingCacheKey,
  MAX_CACHE_BYTES,
  readListingCache,
  readListingCacheFor,
  writeListingCache,
  type CachedConnection,
  type ListingToCache,
} from '../../source/store/listing-cache.js';
import { instance, listener } from '../ui/fake-client.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'listing-cache-'));
  dirs.push(dir);
  return join(dir, 'alb-tui');
}

const PROD: CachedConnection = {
  kind: 'cloud',
  region: 'cn-shanghai',
  profile: 'prod',
  endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
  production: true,
  readOnly: true,
};

function listing(instances = 2, perInstance = 2, connection = PROD): ListingToCache {
  const loadBalancers = Array.from({ length: instances }, (_, i) =>
    instance(`alb-${i}`, `lb-${i}`, {
      createTime: `2025-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
      tags: [{ key: 'env', value: 'prod' }],
    }),
  );
  const listenersByLoadBalancer = new Map<string, Listener[]>(
    loadBalancers.map((lb) => [
      lb.loadBalancerId,
      Array.from({ length: perInstance }, (_, j) =>
        listener(`lsn-${lb.loadBalancerId}-${j}`, lb.loadBalancerId, 'HTTPS', 443 + j, `https_${j}`, {
          quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-quic' },
        }),
      ),
    ]),
  );
  return {
    connection,
    savedAt: 1_700_000_000_000,
    loadBalancers,
    listenersByLoadBalancer,
    serverGroupNames: new Map([
      ['sgp-web', 'web-frontend'],
      ['sgp-unused', 'nobody'],
    ]),
    policyNames: new Map([['tls-custom', 'my-policy']]),
  };
}

function cacheFiles(dir: string): string[] {
  return readdirSync(listingCacheDir(dir)).filter((name) => name !== 'index.json');
}

describe('listing cache', () => {
  it('keeps what the lists show and reads it back, 0600 in 0700 folders', async () => {
    const dir = dataDir();
    const original = listing();
    await writeListingCache(dir, original, ['start']);
    const read = await readListingCache(dir, listingCacheKey(PROD));
    expect(read?.connection).toEqual(PROD);
    // A colour is not kept (it would reach Ink as a method name): the store's checked one comes on open.
    await writeListingCache(dir, { ...original, connection: { ...PROD, colour: 'constructor' } as never });
    expect((await readListingCache(dir, listingCacheKey(PROD)))?.connection).toEqual(PROD);
    expect(read?.savedAt).toBe(original.savedAt);
    expect(read?.loadBalancers.map((lb) => [lb.loadBalancerId, lb.loadBalancerName, lb.tags])).toEqual([
      ['alb-0', 'lb-0', [{ key: 'env', value: 'prod' }]],
      ['alb-1', 'lb-1', [{ key: 'env', value: 'prod' }]],
    ]);
    const first = read?.listenersByLoadBalancer.get('alb-0')?.[0];
    expect(first).toMatchObject({
      listenerId: 'lsn-alb-0-0',
      loadBalancerId: 'alb-0',
      listenerProtocol: 'HTTPS',
      listenerPort: 443,
      listenerDescription: 'https_0',
      securityPolicyId: 'tls_cipher_policy_1_2',
      quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-quic' },
      defaultActions: [{ forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-web' }] } }],
    });
    // Only the names the listeners use.
    expect([...(read?.serverGroupNames ?? [])]).toEqual([['sgp-web', 'web-frontend']]);
    expect(read?.truncated).toBe(false);
    expect((await readListingCacheFor(dir, 'start'))?.key).toEqual(listingCacheKey(PROD));
    expect(await readListingCacheFor(dir, 'another start')).toBeUndefined();

    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(listingCacheDir(dir)).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(listingCacheDir(dir)))
      expect(statSync(join(listingCacheDir(dir), name)).mode & 0o777).toBe(0o600);
    // Certificates and forwarding headers of a listing are not what the lists show: not kept.
    const text = readFileSync(join(listingCacheDir(dir), cacheFiles(dir)[0]!), 'utf8');
    expect(text).not.toContain('1001-cn-hangzhou');
    expect(text).not.toContain('XForwardedFor');
  });

  it('keeps one file per profile, region and endpoint; another key does not read it', async () => {
    const dir = dataDir();
    await writeListingCache(dir, listing(1, 1, PROD));
    await writeListingCache(dir, listing(2, 1, { ...PROD, region: 'cn-beijing' }));
    await writeListingCache(dir, listing(3, 1, { kind: 'local', region: 'cn-shanghai', profile: 'prod' }));
    expect(cacheFiles(dir)).toHaveLength(3);
    expect((await readListingCache(dir, listingCacheKey(PROD)))?.loadBalancers).toHaveLength(1);
    expect(
      (await readListingCache(dir, listingCacheKey({ ...PROD, region: 'cn-beijing' })))?.loadBalancers,
    ).toHaveLength(2);
    expect(await readListingCache(dir, { ...listingCacheKey(PROD), profile: 'staging' })).toBeUndefined();
  });

  it('keeps the newest instances within the listener count and the byte cap', () => {
    const many = listing(10, 3);
    const byCount = JSON.parse(encodeListingCache(many, { maxListeners: 9 })!);
    expect(byCount.truncated).toBe(true);
    // Created on the 10th, 9th and 8th: the newest three, in the order the listing gave them.
    expect(byCount.instances.map((i: { id: string }) => i.id)).toEqual(['alb-7', 'alb-8', 'alb-9']);
    const full = encodeListingCache(many)!;
    const capped = encodeListingCache(many, { maxBytes: Math.floor(full.length / 3) })!;
    expect(capped.length).toBeLessThanOrEqual(full.length / 3);
    expect(JSON.parse(capped).truncated).toBe(true);
    expect(JSON.parse(full).truncated).toBe(false);
  });

  const damaged: [string, (text: string) => string | Buffer][] = [
    ['corrupt', () => '{"version":1,"connection":'],
    ['truncated', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['of another version', (text) => text.replace('"version":1', '"version":99')],
    ['of another connection', (text) => text.replace('"profile":"prod"', '"profile":"other"')],
    ['with a field of the wrong type', (text) => text.replace('"port":443', '"port":"443"')],
    ['not JSON at all', () => Buffer.from([0xff, 0xfe, 0x00, 0x01])],
    ['oversized', () => `{"version":1,"pad":"${'x'.repeat(MAX_CACHE_BYTES)}"}`],
  ];
  it.each(damaged)('reads a %s file as absent, and the next write replaces it', async (_, damage) => {
    const dir = dataDir();
    await writeListingCache(dir, listing(), ['start']);
    const file = join(listingCacheDir(dir), cacheFiles(dir)[0]!);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    expect(await readListingCache(dir, listingCacheKey(PROD))).toBeUndefined();
    expect(await readListingCacheFor(dir, 'start')).toBeUndefined();
    await writeListingCache(dir, listing(1, 1), ['start']);
    expect((await readListingCacheFor(dir, 'start'))?.loadBalancers).toHaveLength(1);
  });

  it('reads a damaged index as empty and rewrites it', async () => {
    const dir = dataDir();
    mkdirSync(listingCacheDir(dir), { recursive: true });
    writeFileSync(join(listingCacheDir(dir), 'index.json'), '[[[');
    expect(await readListingCacheFor(dir, 'start')).toBeUndefined();
    await writeListingCache(dir, listing(), ['start']);
    expect((await readListingCacheFor(dir, 'start'))?.loadBalancers).toHaveLength(2);
  });

  it('reads a missing folder as no cache', async () => {
    expect(await readListingCacheFor(dataDir(), 'start')).toBeUndefined();
  });
});
