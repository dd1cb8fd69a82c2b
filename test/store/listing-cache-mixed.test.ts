// The cached first frame of a mixed view (`--connection a,b`): each connection's last listing kept in
// its own file (0600, bounded like one connection's), the start remembering all of them; the next
// start shows every connection at once, each one's rows stale until its fresh listing arrives; a
// connection with no usable cache (missing, corrupt) just waits, and its file is written again.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openListingCache } from '../../source/cli/listing-cache.js';
import type { Listener } from '../../source/domain/resources.js';
import {
  listingCacheDir,
  readListingCacheFor,
  readListingCachesFor,
  writeListingCaches,
  listingCacheKey,
  type CachedConnection,
  type ListingToCache,
} from '../../source/store/listing-cache.js';
import { appReducer, initialAppState } from '../../source/ui/app-state.js';
import type { Connection } from '../../source/ui/connection.js';
import { membersOf } from '../../source/ui/connections/members.js';
import { loadMixedSnapshot } from '../../source/ui/connections/mixed-listing.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { FakeAlbClient, instance, listener, sampleData } from '../ui/fake-client.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(): { env: NodeJS.ProcessEnv; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'listing-cache-mixed-'));
  dirs.push(dir);
  return { env: { XDG_DATA_HOME: dir }, dataDir: join(dir, 'alb-tui') };
}

const HZ: Connection = { kind: 'local', region: 'cn-hangzhou', profile: 'local' };
const SH: Connection = { kind: 'local', region: 'cn-shanghai', profile: 'local' };
const SPEC = 'local@cn-hangzhou,local@cn-shanghai';
const START = JSON.stringify([SPEC, null, null]);

function snapshotOf(id: string, name: string): Snapshot {
  return {
    loadBalancers: [instance(id, name)],
    listenersByLoadBalancer: new Map<string, Listener[]>([
      [id, [listener(`lsn-${id}`, id, 'HTTP', 80, `${name}_80`)]],
    ]),
  };
}

function toCache(connection: CachedConnection, snapshot: Snapshot): ListingToCache {
  return {
    connection,
    savedAt: 1_700_000_000_000,
    loadBalancers: [...snapshot.loadBalancers],
    listenersByLoadBalancer: new Map(
      [...snapshot.listenersByLoadBalancer].map(([id, listeners]) => [id, [...listeners]]),
    ),
    serverGroupNames: new Map(),
    policyNames: new Map(),
  };
}

const MIXED: Connection = { ...HZ, members: membersOf([HZ, SH]) };

describe('the cache of a mixed view on disk', () => {
  it('keeps each connection in its own 0600 file and remembers that the start opened both', async () => {
    const { dataDir } = home();
    await writeListingCaches(
      dataDir,
      [toCache(HZ, snapshotOf('alb-hz', 'hz-web')), toCache(SH, snapshotOf('alb-sh', 'sh-web'))],
      [listingCacheKey(HZ), listingCacheKey(SH)],
      [START],
    );
    const dir = listingCacheDir(dataDir);
    const files = readdirSync(dir).filter((name) => name !== 'index.json');
    expect(files).toHaveLength(2);
    for (const file of [...files, 'index.json'])
      expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const read = await readListingCachesFor(dataDir, START);
    expect(read.map(({ key, listing }) => [key.region, listing?.loadBalancers[0]?.loadBalancerId])).toEqual([
      ['cn-hangzhou', 'alb-hz'],
      ['cn-shanghai', 'alb-sh'],
    ]);
    // The one-connection reader does not take one of several for the whole.
    expect(await readListingCacheFor(dataDir, START)).toBeUndefined();
  });
});

describe('the next start with --connection a,b', () => {
  it('shows every connection at once, stale, and a connection whose file is corrupt waits', async () => {
    const { env, dataDir } = home();
    const first = await openListingCache({ connectionName: SPEC }, env);
    expect(first?.initial).toBeUndefined();
    await first!.saveMixed!(SPEC, MIXED, [
      { connection: HZ, savedAt: 1_000, snapshot: snapshotOf('alb-hz', 'hz-web') },
      { connection: SH, savedAt: 2_000, snapshot: snapshotOf('alb-sh', 'sh-web') },
    ]);

    const second = await openListingCache({ connectionName: SPEC }, env);
    const initial = second!.initial!;
    expect(initial.connection.members?.map((member) => member.key)).toEqual([
      'local@cn-hangzhou',
      'local@cn-shanghai',
    ]);
    expect(initial.savedAt).toBe(1_000);
    const state = initialAppState({ lang: 'en', connection: HZ, connectionName: SPEC, cached: initial });
    expect(state.dashboard.stale).toBeDefined();
    expect(state.dashboard.data?.instances.map((row) => [row.id, row.connection, row.stale])).toEqual([
      ['alb-hz', 'local@cn-hangzhou', true],
      ['alb-sh', 'local@cn-shanghai', true],
    ]);

    // A damaged file of one connection: the other is still shown; the damaged one waits.
    const dir = listingCacheDir(dataDir);
    const [damaged] = readdirSync(dir).filter((name) => name !== 'index.json');
    writeFileSync(join(dir, damaged!), '{"version":1,');
    const third = await openListingCache({ connectionName: SPEC }, env);
    const rows = initialAppState({ lang: 'en', connection: HZ, cached: third!.initial! }).dashboard.data;
    expect(rows?.instances).toHaveLength(1);
    expect(third!.initial!.connection.members).toHaveLength(2);
    // The next save writes it again.
    await third!.saveMixed!(SPEC, MIXED, [
      { connection: HZ, savedAt: 3_000, snapshot: snapshotOf('alb-hz', 'hz-web') },
      { connection: SH, savedAt: 3_000, snapshot: snapshotOf('alb-sh', 'sh-web') },
    ]);
    const fourth = await openListingCache({ connectionName: SPEC }, env);
    expect(
      initialAppState({ lang: 'en', connection: HZ, cached: fourth!.initial! }).dashboard.data?.instances,
    ).toHaveLength(2);
  });

  it('keeps no secret: only what the lists show', async () => {
    const { env, dataDir } = home();
    const cache = await openListingCache({ connectionName: SPEC }, env);
    const secret = 'LTAI-secret-key-id';
    const withSecret = { ...HZ, accessKeyId: secret } as Connection;
    await cache!.saveMixed!(SPEC, MIXED, [
      { connection: withSecret, savedAt: 1_000, snapshot: snapshotOf('alb-hz', 'hz-web') },
    ]);
    const dir = listingCacheDir(dataDir);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(secret);
  });
});

describe('a cached mixed view replaced connection by connection', () => {
  it('marks each connection’s rows stale until it lists; the header stays stale until all have', async () => {
    const { env } = home();
    const cache = await openListingCache({ connectionName: SPEC }, env);
    await cache!.saveMixed!(SPEC, MIXED, [
      { connection: HZ, savedAt: 1_000, snapshot: snapshotOf('alb-web', 'old-name') },
      { connection: SH, savedAt: 1_000, snapshot: snapshotOf('alb-sh', 'sh-web') },
    ]);
    const initial = (await openListingCache({ connectionName: SPEC }, env))!.initial!;
    let state = initialAppState({ lang: 'en', connection: HZ, connectionName: SPEC, cached: initial });
    state = appReducer(state, { type: 'session-opened', generation: 1, connection: MIXED, warnings: [] });
    expect(state.dashboard.stale).toBeDefined();

    const hangzhou = new FakeAlbClient();
    const shanghai = new FakeAlbClient({ ...sampleData(), loadBalancers: [instance('alb-sh', 'sh-web')] });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.assign(shanghai, {
      listLoadBalancersAndListeners: async (
        ...args: Parameters<FakeAlbClient['listLoadBalancersAndListeners']>
      ) => {
        await held;
        return FakeAlbClient.prototype.listLoadBalancersAndListeners.apply(shanghai, args);
      },
    });
    const members = MIXED.members!;
    const partials: Snapshot[] = [];
    const done = loadMixedSnapshot(
      [
        { member: members[0]!, client: hangzhou },
        { member: members[1]!, client: slow },
      ],
      new Map(initial.parts ?? []),
      { onPartial: (snapshot) => partials.push(snapshot) },
    );
    for (let i = 0; i < 50 && partials.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(partials).toHaveLength(1);
    state = appReducer(state, { type: 'listing-partial', generation: 1, snapshot: partials[0]!, at: 5_000 });
    const rows = state.dashboard.data!.instances;
    expect(rows.find((row) => row.id === 'alb-web')).toMatchObject({ name: 'web-prod' });
    expect(rows.find((row) => row.id === 'alb-web')?.stale).toBeUndefined();
    expect(rows.find((row) => row.id === 'alb-sh')?.stale).toBe(true);
    expect(state.dashboard.stale).toBeDefined();
    release();
    state = appReducer(state, { type: 'listing-loaded', generation: 1, snapshot: await done, at: 6_000 });
    expect(state.dashboard.stale).toBeUndefined();
    expect(state.dashboard.data!.instances.every((row) => row.stale === undefined)).toBe(true);
    // Saved per connection, as a mixed view.
    expect(state.effects.at(-1)?.effect).toMatchObject({ kind: 'save-listing', connection: MIXED });
  });
});
