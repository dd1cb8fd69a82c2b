// Several connections in one view: the merged listing with partial failure, the rows' connection and
// filter terms, routing and read-only refusal in the client, and the reducer refusing change keys on
// a read-only connection's rows while naming where a change goes.
import { describe, expect, it } from 'vitest';
import type { FullListing, FullListingOptions } from '../../../source/alb/client.js';
import { createLimiter } from '../../../source/alb/concurrency.js';
import { isAlbError } from '../../../source/alb/errors.js';
import { gatedCall } from '../../../source/alb/multi-listing-gate.js';
import { DEFAULT_MAX_IN_FLIGHT } from '../../../source/alb/multi-listing.js';
import { appReducer, initialAppState, type AppAction, type AppState } from '../../../source/ui/app-state.js';
import { headerText } from '../../../source/ui/components/header-layout.js';
import type { Connection } from '../../../source/ui/connection.js';
import { membersOf, parseMemberName, splitConnectionSpec } from '../../../source/ui/connections/members.js';
import { loadMixedSnapshot } from '../../../source/ui/connections/mixed-listing.js';
import { refusingChanges, routingClient } from '../../../source/ui/connections/routing-client.js';
import { selectedInstance, selectedListener } from '../../../source/ui/dashboard/dashboard-state.js';
import { filterTerms, matchesFilter } from '../../../source/ui/dashboard/list-model.js';
import { buildDashboardData, type Snapshot } from '../../../source/ui/dashboard/rows.js';
import { keyFromId } from '../../../source/ui/keys.js';
import { rulesViewInputs } from '../../../source/ui/rules/rules-inputs.js';
import { Sessions } from '../../../source/ui/session.js';
import { credentialsError, FakeAlbClient, instance, listener, NOW, sampleData } from '../fake-client.js';

const HZ: Connection = { kind: 'local', region: 'cn-hangzhou', profile: 'local' };
const SH: Connection = { kind: 'local', region: 'cn-shanghai', profile: 'local' };
const RO: Connection = {
  kind: 'cloud',
  region: 'cn-beijing',
  profile: 'audit',
  readOnly: true,
  colour: 'magenta',
};
const BAD: Connection = { kind: 'cloud', region: 'cn-hangzhou', profile: 'bad' };

function shanghaiClient(): FakeAlbClient {
  return new FakeAlbClient({
    ...sampleData(),
    loadBalancers: [instance('alb-sh', 'shanghai-web')],
    listeners: [listener('lsn-sh', 'alb-sh', 'HTTP', 8080, 'sh_http_8080')],
  });
}

function auditClient(): FakeAlbClient {
  return new FakeAlbClient({
    ...sampleData(),
    loadBalancers: [instance('alb-audit', 'audit-web')],
    listeners: [listener('lsn-audit', 'alb-audit', 'HTTPS', 443, 'audit_https')],
  });
}

function openMembers(entries: [Connection, FakeAlbClient][]) {
  const members = membersOf(entries.map(([connection]) => connection));
  return entries.map(([, client], index) => ({ member: members[index]!, client }));
}

describe('connection names', () => {
  it('splits a list, drops blanks and repeats, and reads name@region', () => {
    expect(splitConnectionSpec(' prod, ,staging,prod ')).toEqual(['prod', 'staging']);
    expect(parseMemberName('local@cn-shanghai')).toEqual({ profile: 'local', region: 'cn-shanghai' });
    expect(parseMemberName('prod')).toEqual({ profile: 'prod' });
  });

  it("colours each connection: the profile's own colour, else the palette by position", () => {
    const members = membersOf([HZ, RO, SH]);
    expect(members.map((m) => m.key)).toEqual(['local@cn-hangzhou', 'audit@cn-beijing', 'local@cn-shanghai']);
    expect(members[1]!.colour).toBe('magenta');
    expect(new Set(members.map((m) => m.colour)).size).toBe(3);
  });
});

/** Calls in flight right now over every counting connection, and the most ever seen. */
const wire = { inFlight: 0, most: 0 };

async function oneCall(index: number): Promise<void> {
  wire.inFlight++;
  wire.most = Math.max(wire.most, wire.inFlight);
  await new Promise((resolve) => setTimeout(resolve, 1 + (index % 3)));
  wire.inFlight--;
}

/**
 * A connection whose listing makes `calls` calls, `concurrency` at a time, and whose certificate
 * listing makes one more, each sent through the shared gate as the SDK client sends its calls.
 */
class CountingClient extends FakeAlbClient {
  constructor(
    readonly calls: number,
    readonly concurrency = 10,
  ) {
    super();
  }

  override async listLoadBalancersAndListeners(options: FullListingOptions = {}): Promise<FullListing> {
    const limiter = createLimiter(this.concurrency);
    await Promise.all(
      Array.from({ length: this.calls }, (_, index) => limiter.run(() => gatedCall(() => oneCall(index)))),
    );
    return super.listLoadBalancersAndListeners(options);
  }

  override async listCertificates() {
    await gatedCall(() => oneCall(0));
    return super.listCertificates();
  }
}

describe('the listing over several connections', () => {
  it('keeps to one limit of calls in flight over all connections, the extras included', async () => {
    const open = () =>
      openMembers(
        ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-chengdu'].map(
          (region): [Connection, FakeAlbClient] => [{ ...HZ, region }, new CountingClient(20)],
        ),
      );
    wire.most = 0;
    const listed: string[] = [];
    const small = await loadMixedSnapshot(open(), new Map(), {
      maxInFlight: 5,
      onListed: (key) => listed.push(key),
    });
    expect(listed).toHaveLength(6);
    expect(small.mixed?.failures.size).toBe(0);
    // Six connections of ten calls at a time each would run sixty at once without the limit.
    expect(wire.most).toBe(5);
    wire.most = 0;
    await loadMixedSnapshot(open(), new Map(), {});
    expect(wire.most).toBe(DEFAULT_MAX_IN_FLIGHT);
  });

  it('merges every connection, each instance and listener knowing its own', async () => {
    const open = openMembers([
      [HZ, new FakeAlbClient()],
      [SH, shanghaiClient()],
    ]);
    const owners: Record<string, string[]> = {};
    const snapshot = await loadMixedSnapshot(open, new Map(), {
      onListed: (key, ids) => (owners[key] = ids),
    });
    const data = buildDashboardData(snapshot, NOW);
    expect(data.instances.map((row) => [row.id, row.connection])).toEqual([
      ['alb-web', 'local@cn-hangzhou'],
      ['alb-pay', 'local@cn-hangzhou'],
      ['alb-old', 'local@cn-hangzhou'],
      ['alb-sh', 'local@cn-shanghai'],
    ]);
    expect(data.listeners.find((row) => row.id === 'lsn-sh')?.connection).toBe('local@cn-shanghai');
    expect(owners['local@cn-shanghai']).toEqual(expect.arrayContaining(['alb-sh', 'lsn-sh']));
    expect(data.mixed?.failures.size).toBe(0);
  });

  it('goes on without a connection whose credentials are refused, saying which and why', async () => {
    const bad = new FakeAlbClient();
    bad.listingError = credentialsError();
    const snapshot = await loadMixedSnapshot(
      openMembers([
        [SH, shanghaiClient()],
        [BAD, bad],
      ]),
      new Map(),
      {},
    );
    const data = buildDashboardData(snapshot, NOW);
    expect(data.instances.map((row) => row.id)).toEqual(['alb-sh']);
    expect([...(data.mixed?.failures.keys() ?? [])]).toEqual(['bad@cn-hangzhou']);
    expect(data.mixed?.failures.get('bad@cn-hangzhou')?.kind).toBe('credentials');
  });

  it('keeps a failing connection’s last rows, marked stale, while the others are fresh', async () => {
    const flaky = shanghaiClient();
    const open = openMembers([
      [HZ, new FakeAlbClient()],
      [SH, flaky],
    ]);
    const last = new Map<string, Snapshot>();
    await loadMixedSnapshot(open, last, {});
    flaky.listingError = credentialsError();
    const data = buildDashboardData(await loadMixedSnapshot(open, last, {}), NOW);
    const sh = data.instances.find((row) => row.id === 'alb-sh');
    expect(sh?.stale).toBe(true);
    expect(data.instances.find((row) => row.id === 'alb-web')?.stale).toBeUndefined();
    expect(data.listeners.find((row) => row.id === 'lsn-sh')?.stale).toBe(true);
  });

  it('fails only when every connection fails and none was listed before', async () => {
    const bad = new FakeAlbClient();
    bad.listingError = credentialsError();
    const worse = new FakeAlbClient();
    worse.listingError = credentialsError();
    await expect(
      loadMixedSnapshot(
        openMembers([
          [BAD, bad],
          [HZ, worse],
        ]),
        new Map(),
        {},
      ),
    ).rejects.toMatchObject({ kind: 'credentials' });
  });

  it('finds rows by ctx:name and region:id beside the usual terms', async () => {
    const snapshot = await loadMixedSnapshot(
      openMembers([
        [HZ, new FakeAlbClient()],
        [SH, shanghaiClient()],
        [RO, auditClient()],
      ]),
      new Map(),
      {},
    );
    const data = buildDashboardData(snapshot, NOW);
    const ids = (filter: string) =>
      data.instances.filter((row) => matchesFilter(row, filterTerms(filter))).map((row) => row.id);
    expect(ids('region:cn-shanghai')).toEqual(['alb-sh']);
    expect(ids('ctx:audit')).toEqual(['alb-audit']);
    expect(ids('ctx:local web')).toEqual(['alb-web', 'alb-sh']);
  });
});

describe('the client of a mixed view', () => {
  it('sends a call about a resource to the connection that listed it, others to the focused one', async () => {
    const hz = new FakeAlbClient();
    const sh = shanghaiClient();
    let focused: FakeAlbClient = hz;
    const owners = new Map<string, FakeAlbClient>([['lsn-sh', sh]]);
    const client = routingClient({ owner: (id) => owners.get(id), focused: () => focused });
    expect((await client.getListener('lsn-sh')).listenerDescription).toBe('sh_http_8080');
    await client.listLoadBalancersAndListeners();
    expect([hz.listings, sh.listings]).toEqual([1, 0]);
    focused = sh;
    await client.listLoadBalancersAndListeners();
    expect([hz.listings, sh.listings]).toEqual([1, 1]);
  });

  it('refuses every change on a read-only connection before sending it, naming the connection', async () => {
    const inner = auditClient();
    const client = refusingChanges(inner, 'audit@cn-beijing');
    const refused = await client.stopListener('lsn-audit').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isAlbError(refused) && refused.code).toBe('ReadOnlyConnection');
    expect(isAlbError(refused) && refused.message.en).toContain('audit@cn-beijing');
    expect(isAlbError(refused) && refused.message['zh-CN']).toContain('只读');
    await expect(client.deleteListener('lsn-audit')).rejects.toMatchObject({ code: 'ReadOnlyConnection' });
    expect(inner.data.listeners.find((l) => l.listenerId === 'lsn-audit')?.listenerStatus).toBe('Running');
    expect(inner.deleted).toEqual([]);
    // Reads still work.
    expect((await client.getListener('lsn-audit')).listenerId).toBe('lsn-audit');
  });

  it('names the connection and region of a change in the operations log with one connection too', async () => {
    const client = shanghaiClient();
    const sessions = new Sessions(async () => ({
      client,
      connection: SH,
      warnings: [],
      close: async () => undefined,
    }));
    await sessions.switchTo(undefined);
    await sessions.client!.stopListener('lsn-sh');
    expect(sessions.opsLog.entries().at(-1)?.connection).toBe('local@cn-shanghai');
    await sessions.close();
  });

  it('opens several connections in one session, one that cannot open said, and logs changes by connection', async () => {
    const clients: Record<string, FakeAlbClient> = {
      local: new FakeAlbClient(),
      'local@cn-shanghai': shanghaiClient(),
    };
    const connections: Record<string, Connection> = { local: HZ, 'local@cn-shanghai': SH };
    const sessions = new Sessions(async (name) => {
      const key = name ?? 'local';
      if (!(key in clients)) throw new Error(`no connection named ${key}`);
      return {
        client: clients[key]!,
        connection: connections[key]!,
        warnings: [],
        close: async () => undefined,
      };
    });
    const opened = await sessions.switchTo('local,local@cn-shanghai,nope');
    expect(opened.connection.members?.map((m) => m.key)).toEqual(['local@cn-hangzhou', 'local@cn-shanghai']);
    expect(opened.warnings.map((w) => w.en).join()).toContain('nope: not opened');
    sessions.noteOwners('local@cn-shanghai', ['lsn-sh']);
    // An ID two connections listed stays with the first, as the merged list shows it.
    sessions.noteOwners('local@cn-hangzhou', ['lsn-web-http']);
    sessions.noteOwners('local@cn-shanghai', ['lsn-web-http']);
    await sessions.client!.stopListener('lsn-web-http');
    expect(sessions.opsLog.entries().at(-1)?.connection).toBe('local@cn-hangzhou');
    await sessions.client!.stopListener('lsn-sh');
    const entry = sessions.opsLog.entries().at(-1);
    expect(entry?.connection).toBe('local@cn-shanghai');
    expect(entry?.command).toContain('cn-shanghai');
    expect(clients['local@cn-shanghai']!.data.listeners[0]!.listenerStatus).toBe('Stopped');
    await sessions.close();
  });
});

describe('the reducer in a mixed view', () => {
  function mixedState(): AppState {
    const members = membersOf([HZ, RO]);
    const connection: Connection = { ...HZ, members };
    const snapshotOf = async () =>
      loadMixedSnapshot(
        [
          { member: members[0]!, client: new FakeAlbClient() },
          { member: members[1]!, client: auditClient() },
        ],
        new Map(),
        {},
      );
    return { connection, snapshotOf } as unknown as AppState;
  }

  async function ready(): Promise<AppState> {
    const { connection, snapshotOf } = mixedState() as unknown as {
      connection: Connection;
      snapshotOf: () => Promise<Snapshot>;
    };
    const actions: AppAction[] = [
      { type: 'session-opened', generation: 1, connection, warnings: [] },
      { type: 'listing-loaded', generation: 1, snapshot: await snapshotOf(), at: NOW },
    ];
    return actions.reduce(
      appReducer,
      initialAppState({ lang: 'en', connection: HZ, terminal: { columns: 120, rows: 36 } }),
    );
  }
  const press = (state: AppState, ...ids: string[]) =>
    ids.reduce((current, id) => appReducer(current, { type: 'key', key: keyFromId(id) }), state);

  it('refuses create, edit, start/stop and delete on a read-only connection’s rows, naming it, before anything', async () => {
    let state = press(await ready(), 'G');
    expect(selectedInstance(state.dashboard)?.id).toBe('alb-audit');
    const created = press(state, 'c');
    expect(created.view.kind).toBe('dashboard');
    expect(created.flash?.message.en).toBe(
      'Connection audit (cn-beijing) is read-only: no change is made on its rows.',
    );
    expect(created.flash?.message['zh-CN']).toContain('连接 audit（cn-beijing）为只读');
    state = press(state, 'tab');
    expect(selectedListener(state.dashboard)?.id).toBe('lsn-audit');
    for (const key of ['ctrl+d', 's', 'e', 'E']) {
      const next = press(state, key);
      expect(next.input, key).toBeUndefined();
      expect(next.view.kind, key).toBe('dashboard');
      expect(next.flash?.message.en, key).toContain('audit (cn-beijing) is read-only');
      expect(next.effects.length, key).toBe(state.effects.length);
    }
  });

  it('names each listener’s connection where rules may be copied to', async () => {
    const { targets } = rulesViewInputs(await ready(), 'lsn-audit', 'alb-audit');
    expect(targets.find((target) => target.id === 'lsn-audit')?.label).toMatch(/ · audit@cn-beijing$/);
    expect(targets.find((target) => target.id === 'lsn-web-https')?.label).toMatch(/ · local@cn-hangzhou$/);
  });

  it('names the connection and region a change goes to in its confirmation', async () => {
    const state = press(await ready(), 'tab', 'j', 'ctrl+d');
    expect(state.input?.kind).toBe('delete');
    expect(state.input?.kind === 'delete' && state.input.target?.en).toBe('on local · cn-hangzhou');
    const stop = press(await ready(), 'tab', 's');
    expect(stop.input?.kind === 'startstop' && stop.input.target?.['zh-CN']).toBe('目标 local · cn-hangzhou');
  });

  it('says a connection that has just failed, with why, once', async () => {
    const members = membersOf([HZ, BAD]);
    const bad = new FakeAlbClient();
    bad.listingError = credentialsError();
    const open = [
      { member: members[0]!, client: new FakeAlbClient() },
      { member: members[1]!, client: bad },
    ];
    const last = new Map<string, Snapshot>();
    let state = initialAppState({ lang: 'en', connection: HZ, terminal: { columns: 120, rows: 36 } });
    state = appReducer(state, {
      type: 'session-opened',
      generation: 1,
      connection: { ...HZ, members },
      warnings: [],
    });
    state = appReducer(state, {
      type: 'listing-loaded',
      generation: 1,
      snapshot: await loadMixedSnapshot(open, last, {}),
      at: NOW,
    });
    expect(state.flash?.message.en).toMatch(
      /^bad@cn-hangzhou failed: .+ The other connections are listed\.$/,
    );
    const flashId = state.flash?.id;
    state = appReducer(state, {
      type: 'listing-loaded',
      generation: 1,
      snapshot: await loadMixedSnapshot(open, last, {}),
      at: NOW + 1,
    });
    expect(state.flash?.id).toBe(flashId);
  });
});

describe('the header of a mixed view', () => {
  it('counts the connections and names the failed ones, in both languages', () => {
    const connection: Connection = { ...HZ, members: membersOf([HZ, SH, BAD, RO]) };
    const en = headerText(connection, 'en', 160, undefined, false, ['bad@cn-hangzhou']);
    expect(en.where).toContain('4 connections · local@cn-hangzhou local@cn-shanghai');
    expect(en.failed).toBe('  1 failed: bad@cn-hangzhou');
    expect(en.readOnly).toBe('  1 read-only');
    const zh = headerText(connection, 'zh-CN', 80, undefined, false, ['bad@cn-hangzhou']);
    expect(zh.failed).toBe('  1 个失败：bad@cn-hangzhou');
    expect(zh.where.startsWith('4 个连接')).toBe(true);
  });

  it('is as today with one connection', () => {
    expect(headerText(HZ, 'en', 120, undefined).where).toBe('local ALB · cn-hangzhou · profile local');
  });
});

describe(':region', () => {
  const run = (state: AppState, line: string) => {
    let next = appReducer(state, { type: 'key', key: keyFromId(':') });
    for (const char of line)
      next = appReducer(next, { type: 'key', key: { kind: 'char', char, ctrl: false, meta: false } });
    return appReducer(next, { type: 'key', key: keyFromId('enter') });
  };
  const opened = (connection: Connection) =>
    appReducer(initialAppState({ lang: 'en', connection, terminal: { columns: 120, rows: 36 } }), {
      type: 'session-opened',
      generation: 1,
      connection,
      warnings: [],
    });
  const lastOpen = (state: AppState) =>
    state.effects
      .map((queued) => queued.effect)
      .filter((effect) => effect.kind === 'open-connection')
      .at(-1);

  it('switches the connection to another region, or adds the region beside it', () => {
    expect(lastOpen(run(opened(HZ), 'region cn-shanghai'))).toMatchObject({ name: 'local@cn-shanghai' });
    expect(lastOpen(run(opened(HZ), 'region +cn-shanghai'))).toMatchObject({
      name: 'local@cn-hangzhou,local@cn-shanghai',
    });
    const mixed = opened({ ...HZ, members: membersOf([HZ, RO]) });
    expect(lastOpen(run(mixed, 'region +cn-shenzhen'))).toMatchObject({
      name: 'local@cn-hangzhou,audit@cn-beijing,local@cn-shenzhen',
    });
  });

  it('opens the picker without a region, and refuses what is not a region ID', () => {
    expect(run(opened(HZ), 'region').view.kind).toBe('regions');
    const bad = run(opened(HZ), 'region Hangzhou!');
    expect(bad.flash?.message.en).toContain('Not a region ID');
    expect(lastOpen(bad)).toMatchObject({ name: undefined });
  });

  it('says an --endpoint connection has no profile to open elsewhere', () => {
    const adHoc: Connection = {
      kind: 'cloud',
      region: 'cn-hangzhou',
      profile: 'http://127.0.0.1:1',
      endpoint: 'http://127.0.0.1:1',
    };
    expect(run(opened(adHoc), 'region cn-shanghai').flash?.message.en).toContain('no profile');
  });
});
