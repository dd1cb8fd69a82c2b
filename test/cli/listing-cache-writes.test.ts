// How the dashboard's listing cache writes: a moment after a listing is drawn (off the key path), one
// write at a time in the order asked, and at once when the dashboard quits (`settle`), so a quit right
// after the first listing still keeps it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openListingCache } from '../../source/cli/listing-cache.js';
import { listingCacheDir } from '../../source/store/listing-cache.js';
import type { Connection } from '../../source/ui/connection.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { instance } from '../ui/fake-client.js';

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(): { env: NodeJS.ProcessEnv; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'listing-cache-writes-'));
  dirs.push(dir);
  return { env: { XDG_DATA_HOME: dir }, dataDir: join(dir, 'alb-tui') };
}

const LOCAL: Connection = { kind: 'local', region: 'cn-hangzhou', profile: 'local' };

function listingOf(...names: string[]): { connection: Connection; savedAt: number; snapshot: Snapshot } {
  return {
    connection: LOCAL,
    savedAt: 1_700_000_000_000,
    snapshot: {
      loadBalancers: names.map((name, at) => instance(`alb-${at}`, name)),
      listenersByLoadBalancer: new Map(),
    },
  };
}

const flushIo = () => new Promise((resolve) => setImmediate(resolve));

describe('the listing cache of a start', () => {
  it('writes a moment after the listing, not on the key path', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { env, dataDir } = home();
    const cache = await openListingCache({}, env);
    const written = cache!.save(undefined, listingOf('web'));
    await flushIo();
    expect(existsSync(listingCacheDir(dataDir))).toBe(false);
    await vi.advanceTimersByTimeAsync(250);
    await written;
    const next = await openListingCache({}, env);
    expect(next?.initial?.snapshot.loadBalancers.map((lb) => lb.loadBalancerName)).toEqual(['web']);
  });

  it('writes what is queued at once when settled, the last listing asked for winning', async () => {
    // No timer ever fires: only settle can get these written.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { env } = home();
    const cache = await openListingCache({}, env);
    void cache!.save(undefined, listingOf('old'));
    void cache!.save(undefined, listingOf('new', 'newer'));
    await cache!.settle!();
    const next = await openListingCache({}, env);
    expect(next?.initial?.snapshot.loadBalancers.map((lb) => lb.loadBalancerName)).toEqual(['new', 'newer']);
  });

  it('settles at once when nothing is queued', async () => {
    const { env } = home();
    const cache = await openListingCache({}, env);
    await expect(cache!.settle!()).resolves.toBeUndefined();
  });
});
