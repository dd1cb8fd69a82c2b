import { describe, expect, it } from 'vitest';
import { chunk, createLimiter } from '../../source/alb/concurrency.js';
import {
  groupSize,
  instanceQueries,
  ListenerCollector,
  MAX_IDS_PER_CALL,
  MAX_PAGES_PER_GROUP,
  PRIORITY,
  readInstances,
  RepeatedTokenError,
  type FetchListenerPage,
  type InstancePage,
  type ListenerPage,
} from '../../source/alb/listing.js';
import type { LoadBalancerFilter } from '../../source/alb/client.js';
import type { Listener, LoadBalancer } from '../../source/domain/resources.js';
import { instance } from '../ui/fake-client.js';

function listener(loadBalancerId: string, n: number): Listener {
  return {
    listenerId: `lsn-${loadBalancerId}-${n}`,
    loadBalancerId,
    listenerProtocol: 'HTTP',
    listenerPort: 1000 + n,
    listenerDescription: '',
    listenerStatus: 'Running',
    defaultActions: [],
    gzipEnabled: true,
    http2Enabled: false,
    idleTimeout: 15,
    requestTimeout: 60,
    quicConfig: {},
    XForwardedForConfig: {},
    tags: [],
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A fake ListListeners with offset tokens that records every call and the peak of calls in flight. */
function fakeService(
  counts: Record<string, number>,
  options: { failOnCall?: number; omitTotal?: boolean } = {},
) {
  const all = Object.entries(counts).flatMap(([id, count]) =>
    Array.from({ length: count }, (_, n) => listener(id, n)),
  );
  const calls: { ids: string[]; token: string | undefined }[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetchPage = async (
    ids: string[],
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<ListenerPage> => {
    calls.push({ ids, token });
    const callNumber = calls.length;
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      await tick();
      await tick();
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      if (callNumber === options.failOnCall) throw new Error(`call ${callNumber} failed`);
      if (ids.length > MAX_IDS_PER_CALL) throw new Error('too many ids');
      const wanted = new Set(ids);
      const matching = all.filter((l) => wanted.has(l.loadBalancerId));
      const offset = token ? Number(token) : 0;
      const pageItems = matching.slice(offset, offset + 100);
      const next = offset + 100 < matching.length ? String(offset + 100) : undefined;
      return {
        listeners: pageItems,
        nextToken: next,
        totalCount: options.omitTotal ? undefined : matching.length,
      };
    } finally {
      inFlight--;
    }
  };
  return { fetchPage, calls, peak: () => peak, all };
}

/** A collector over a fake service, `limit` calls at a time, 100 a page. */
function collectorOver(service: { fetchPage: FetchListenerPage }, limit: number): ListenerCollector {
  return new ListenerCollector({
    fetchPage: service.fetchPage,
    limiter: createLimiter(limit),
    pageSize: 100,
  });
}

function uniform(instances: number, perInstance: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: instances }, (_, i) => [`alb-${i}`, perInstance]));
}

describe('chunk and createLimiter', () => {
  it('chunks in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 20)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('never runs more than the limit and starts higher priorities first', async () => {
    const limiter = createLimiter(2);
    const started: string[] = [];
    let running = 0;
    let peak = 0;
    const task = (name: string) => async () => {
      started.push(name);
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      return name;
    };
    const results = await Promise.all([
      limiter.run(task('a')),
      limiter.run(task('b')),
      limiter.run(task('low1'), 0),
      limiter.run(task('low2'), 0),
      limiter.run(task('high'), 2),
      limiter.run(task('mid'), 1),
    ]);
    expect(results).toEqual(['a', 'b', 'low1', 'low2', 'high', 'mid']);
    expect(peak).toBe(2);
    expect(started).toEqual(['a', 'b', 'high', 'mid', 'low1', 'low2']);
  });

  it('keeps a reserved slot free for its priority, and frees it on release', async () => {
    const limiter = createLimiter(3);
    const release = limiter.reserve(2);
    const gates: (() => void)[] = [];
    const started: string[] = [];
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        gates.push(() => resolve(name));
      });
    const low = ['l1', 'l2', 'l3'].map((name) => limiter.run(task(name), 0));
    await tick();
    // Two of three slots: the third waits for the reservation's owner.
    expect(started).toEqual(['l1', 'l2']);
    const high = limiter.run(task('h'), 2);
    await tick();
    expect(started).toEqual(['l1', 'l2', 'h']);
    gates.shift()!(); // l1 ends; h is running, so its reservation is in use and l3 may go
    await tick();
    expect(started).toEqual(['l1', 'l2', 'h', 'l3']);
    release();
    release(); // twice is harmless
    for (const open of gates.splice(0)) open();
    await Promise.all([...low, high]);
    expect(limiter.active).toBe(0);
  });

  it('lets one task run under a reservation that takes every slot', async () => {
    const limiter = createLimiter(1);
    const release = limiter.reserve(2);
    await expect(limiter.run(() => Promise.resolve('ran'), 0)).resolves.toBe('ran');
    release();
  });

  it('passes a failing task on without blocking the queue', async () => {
    const limiter = createLimiter(1);
    const failing = limiter.run(() => Promise.reject(new Error('boom')));
    const after = limiter.run(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('next');
  });
});

describe('groupSize', () => {
  it('fills about one page per call by default, with room above the average, 1–20 instances', () => {
    expect(groupSize(20, 100)).toBe(4);
    expect(groupSize(19, 100)).toBe(5);
    expect(groupSize(3, 100)).toBe(20);
    expect(groupSize(0, 100)).toBe(20);
    expect(groupSize(250, 100)).toBe(1);
    expect(groupSize(7, 100)).toBe(13);
  });

  it('fills the pages it is given, up to MAX_PAGES_PER_GROUP', () => {
    expect(groupSize(20, 100, 2)).toBe(9);
    expect(groupSize(20, 100, 4)).toBe(19);
    expect(groupSize(20, 100, 9)).toBe(groupSize(20, 100, MAX_PAGES_PER_GROUP));
    expect(groupSize(20, 100, 0)).toBe(groupSize(20, 100, 1));
    expect(groupSize(2, 100, 4)).toBe(MAX_IDS_PER_CALL);
  });
});

describe('ListenerCollector', () => {
  it('lists every listener of every instance exactly once, ≤20 instances per call, under the cap', async () => {
    const counts = { ...uniform(137, 13), 'alb-empty': 0, 'alb-big': 250 };
    const service = fakeService(counts);
    const collector = collectorOver(service, 5);
    collector.add(Object.keys(counts));
    const map = await collector.finish();

    expect([...map.keys()].sort()).toEqual(Object.keys(counts).sort());
    for (const [id, count] of Object.entries(counts)) {
      const listeners = map.get(id)!;
      expect(listeners).toHaveLength(count);
      expect(listeners.every((l) => l.loadBalancerId === id)).toBe(true);
    }
    const ids = [...map.values()].flat().map((l) => l.listenerId);
    expect(new Set(ids).size).toBe(service.all.length);
    expect(service.calls.every((c) => c.ids.length >= 1 && c.ids.length <= MAX_IDS_PER_CALL)).toBe(true);
    expect(service.peak()).toBeLessThanOrEqual(5);
    expect(service.peak()).toBeGreaterThan(1);
    expect(collector.requestCount).toBe(service.calls.length);
  });

  it('sizes later groups from the first pages: long chains first, one-page groups at the end', async () => {
    const counts = uniform(500, 20);
    const service = fakeService(counts);
    const collector = collectorOver(service, 4);
    collector.add(Object.keys(counts));
    await collector.finish();
    const firstPages = service.calls.filter((c) => c.token === undefined);
    // Before any answer, the first groups take 20 instances (4 pages each here).
    expect(firstPages.slice(0, 4).map((c) => c.ids.length)).toEqual([20, 20, 20, 20]);
    expect(collector.averagePerInstance).toBe(20);
    // Then groups of several full pages while much is left, and groups of one page at the end.
    const later = firstPages.slice(4).map((c) => c.ids.length);
    expect(later.slice(0, 10)).toEqual(Array(10).fill(groupSize(20, 100, MAX_PAGES_PER_GROUP)));
    expect(later.at(-1)).toBeLessThanOrEqual(groupSize(20, 100, 1));
    // 10,000 listeners need 100 full pages; groups whose last page is not full cost a few more.
    expect(service.calls.length).toBeGreaterThanOrEqual(100);
    expect(service.calls.length).toBeLessThanOrEqual(110);
  });

  it('sizes the first groups from a count of every listener, before any group answers', async () => {
    const counts = uniform(100, 20);
    const service = fakeService(counts);
    const collector = collectorOver(service, 4);
    let counted = 0;
    collector.countListeners(async () => {
      counted++;
      await tick();
      return 2000;
    });
    await tick();
    await tick();
    await tick();
    collector.expectInstances({ instances: 0, pages: 0 });
    collector.add(Object.keys(counts));
    await collector.finish();
    expect(counted).toBe(1);
    expect(collector.averagePerInstance).toBe(20);
    expect(service.calls[0]!.ids.length).toBeLessThan(MAX_IDS_PER_CALL);
    // The count is one of the listing's calls.
    expect(collector.requestCount).toBe(service.calls.length + 1);
  });

  it('ignores a count that fails', async () => {
    const counts = uniform(30, 2);
    const service = fakeService(counts);
    const collector = collectorOver(service, 2);
    collector.countListeners(() => Promise.reject(new Error('throttled')));
    collector.add(Object.keys(counts));
    const map = await collector.finish();
    expect([...map.values()].flat()).toHaveLength(60);
  });

  it('spreads the last instances over the free slots rather than leaving one more round', async () => {
    // 72 instances of 20 listeners and 16 slots: groups of 4 (room above the average) would need
    // 18 calls, two rounds; groups of 5 fill one page each, all in one round.
    const counts = uniform(72, 20);
    const service = fakeService(counts);
    const collector = collectorOver(service, 16);
    collector.countListeners(async () => 72 * 20);
    await tick();
    collector.expectInstances({ instances: 0, pages: 0 });
    collector.add(Object.keys(counts));
    await collector.finish();
    const sizes = service.calls.map((c) => c.ids.length);
    expect(service.peak()).toBeLessThanOrEqual(16);
    expect(sizes.length).toBeLessThanOrEqual(16);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(72);
    expect(service.calls.every((c) => c.token === undefined)).toBe(true);
  });

  it('starts from the previous listing: groups packed by its counts, from the first round', async () => {
    // Uneven counts, as in a real account.
    const counts = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`alb-${i}`, (i * 37) % 61]));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const service = fakeService(counts);
    const collector = collectorOver(service, 16);
    collector.startFrom({
      instances: Object.entries(counts).map(([loadBalancerId, listeners]) => ({ loadBalancerId, listeners })),
    });
    // Calls go out before the instance side has found anything.
    expect(service.calls.length).toBe(16);
    collector.expectInstances({ instances: 0, pages: 0 });
    collector.add(Object.keys(counts));
    const map = await collector.finish();
    expect([...map.values()].flat()).toHaveLength(total);
    expect(service.calls.every((c) => c.ids.length <= MAX_IDS_PER_CALL)).toBe(true);
    // Packed by count: hardly more calls than full pages need.
    expect(service.calls.length).toBeLessThanOrEqual(Math.ceil(total / 100) + 8);
  });

  it('packs known counts into at most MAX_PAGES_PER_GROUP pages a group, filling them', async () => {
    // 21 listeners each: 20 instances would make 420, five pages with a last one of 20.
    const counts = uniform(500, 21);
    const service = fakeService(counts);
    const collector = collectorOver(service, 16);
    collector.startFrom({
      instances: Object.keys(counts).map((loadBalancerId) => ({ loadBalancerId, listeners: 21 })),
    });
    collector.expectInstances({ instances: 0, pages: 0 });
    collector.add(Object.keys(counts));
    await collector.finish();
    const groups = service.calls.filter((c) => c.token === undefined);
    expect(groups.every((c) => c.ids.length * 21 <= MAX_PAGES_PER_GROUP * 100)).toBe(true);
    expect(service.calls.length).toBeLessThanOrEqual(Math.ceil((500 * 21) / 100) + 8);
  });

  it('leaves out instances of the previous listing that this one does not find again', async () => {
    const counts = uniform(40, 3);
    const service = fakeService(counts);
    const collector = collectorOver(service, 4);
    const ids = Object.keys(counts);
    collector.startFrom({ instances: ids.map((loadBalancerId) => ({ loadBalancerId, listeners: 3 })) });
    // alb-0 … alb-4 are gone; alb-new is new.
    collector.add([...ids.slice(5), 'alb-new']);
    const map = await collector.finish();
    expect([...map.keys()].sort()).toEqual([...ids.slice(5), 'alb-new'].sort());
  });

  it('estimates from the listeners seen when the service gives no TotalCount', async () => {
    const counts = uniform(60, 10);
    const service = fakeService(counts, { omitTotal: true });
    const collector = collectorOver(service, 1);
    collector.add(Object.keys(counts));
    const map = await collector.finish();
    expect([...map.values()].flat()).toHaveLength(600);
    expect(collector.averagePerInstance).toBe(10);
  });

  it('accepts instances as they arrive and reports progress', async () => {
    const counts = uniform(45, 3);
    const service = fakeService(counts);
    const progress: { instancesDone: number; instancesTotal: number; listeners: number }[] = [];
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(3),
      pageSize: 100,
      onProgress: (p) => progress.push(p),
    });
    const ids = Object.keys(counts);
    collector.add(ids.slice(0, 20));
    await tick();
    collector.add(ids.slice(20, 40));
    collector.add(ids.slice(15, 45)); // overlaps are listed once
    const map = await collector.finish();
    expect(map.size).toBe(45);
    expect([...map.values()].flat()).toHaveLength(135);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ instancesDone: 45, instancesTotal: 45, listeners: 135 });
    expect(progress.map((p) => p.listeners)).toEqual(
      [...progress.map((p) => p.listeners)].sort((a, b) => a - b),
    );
  });

  it('fails as a whole on the first failed call and stops sending the rest', async () => {
    const counts = uniform(400, 20);
    const service = fakeService(counts, { failOnCall: 3 });
    const collector = collectorOver(service, 2);
    collector.add(Object.keys(counts));
    await expect(collector.finish()).rejects.toThrow('call 3 failed');
    expect(service.calls.length).toBeLessThan(10);
  });

  it('stops when the outer signal aborts', async () => {
    const counts = uniform(400, 20);
    const service = fakeService(counts);
    const controller = new AbortController();
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(2),
      pageSize: 100,
      signal: controller.signal,
    });
    collector.add(Object.keys(counts));
    const done = collector.finish();
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(service.calls.length).toBeLessThan(10);
  });

  it('lists a listener once when a create shifts it into the next page of its group', async () => {
    const owned = Array.from({ length: 150 }, (_, n) => listener('alb-a', n));
    const calls: (string | undefined)[] = [];
    const collector = new ListenerCollector({
      limiter: createLimiter(2),
      pageSize: 100,
      fetchPage: async (_ids, token) => {
        calls.push(token);
        await tick();
        // A listener created after the first page sorts first: everything after it moves up one place.
        if (token !== undefined) owned.unshift(listener('alb-a', 999));
        const offset = token ? Number(token) : 0;
        const next = offset + 100 < owned.length ? String(offset + 100) : undefined;
        return { listeners: owned.slice(offset, offset + 100), nextToken: next, totalCount: owned.length };
      },
    });
    collector.add(['alb-a']);
    const listed = (await collector.finish()).get('alb-a')!.map((l) => l.listenerId);
    expect(calls).toEqual([undefined, '100']);
    expect(listed).toHaveLength(150);
    expect(new Set(listed).size).toBe(150);
  });

  it('resolves an empty map for no instances without any call', async () => {
    const service = fakeService({});
    const collector = collectorOver(service, 2);
    collector.add([]);
    expect((await collector.finish()).size).toBe(0);
    expect(service.calls).toHaveLength(0);
  });
});

/** A fake ListLoadBalancers over `instances`, with its filters on address type and IP version. */
function fakeInstanceService(
  instances: LoadBalancer[],
  options: {
    omitTotal?: boolean;
    repeatToken?: boolean;
    failOn?: (query: LoadBalancerFilter) => boolean;
  } = {},
) {
  const calls: { query: LoadBalancerFilter; token: string | undefined }[] = [];
  const fetchPage = async (
    query: LoadBalancerFilter,
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<InstancePage> => {
    calls.push({ query, token });
    await tick();
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    if (options.failOn?.(query)) throw new Error('instance page failed');
    const ids = new Set(query.loadBalancerIds ?? []);
    const matching = instances.filter(
      (lb) =>
        (ids.size === 0 || ids.has(lb.loadBalancerId)) &&
        (query.addressType === undefined || lb.addressType === query.addressType) &&
        (query.addressIpVersion === undefined || lb.addressIpVersion === query.addressIpVersion),
    );
    const offset = token ? Number(token) : 0;
    const next = offset + 100 < matching.length ? String(offset + 100) : undefined;
    return {
      loadBalancers: matching.slice(offset, offset + 100),
      nextToken: options.repeatToken && next ? '100' : next,
      totalCount: options.omitTotal ? undefined : matching.length,
    };
  };
  return { fetchPage, calls };
}

function instances(count: number, shape: (i: number) => Partial<LoadBalancer> = () => ({})): LoadBalancer[] {
  return Array.from({ length: count }, (_, i) => instance(`alb-${i}`, `lb-${i}`, shape(i)));
}

const mixed = (i: number): Partial<LoadBalancer> => ({
  addressType: i % 5 < 3 ? 'Internet' : 'Intranet',
  addressIpVersion: i % 7 === 0 ? 'DualStack' : 'IPv4',
});

describe('readInstances', () => {
  const collectorFor = (counts: Record<string, number>, limit = 16) =>
    new ListenerCollector({
      fetchPage: fakeService(counts).fetchPage,
      limiter: createLimiter(limit),
      pageSize: 100,
    });

  it('reads disjoint parts at once, each instance once, the whole first page first', async () => {
    const all = instances(350, mixed);
    const service = fakeInstanceService(all);
    const collector = collectorFor(Object.fromEntries(all.map((lb) => [lb.loadBalancerId, 2])));
    const found = await readInstances(collector, instanceQueries({}, 16), service.fetchPage, 100);
    const listeners = await collector.finish();

    expect(found.map((lb) => lb.loadBalancerId).sort()).toEqual(all.map((lb) => lb.loadBalancerId).sort());
    expect(found.slice(0, 100)).toEqual(all.slice(0, 100));
    expect(listeners.size).toBe(350);
    expect([...listeners.values()].flat()).toHaveLength(700);
    // The whole query is read for its first page only; the four parts to their ends.
    expect(service.calls.filter((c) => c.query.addressType === undefined)).toHaveLength(1);
    const parts = new Set(service.calls.map((c) => `${c.query.addressType}/${c.query.addressIpVersion}`));
    expect(parts).toEqual(
      new Set([
        'undefined/undefined',
        'Internet/IPv4',
        'Internet/DualStack',
        'Intranet/IPv4',
        'Intranet/DualStack',
      ]),
    );
    // Instance pages count among the listing's calls, with at least 7 listener pages.
    expect(collector.requestCount).toBeGreaterThanOrEqual(service.calls.length + 7);
  });

  it('stops the parts when the whole first page holds every instance', async () => {
    const all = instances(60, mixed);
    const service = fakeInstanceService(all);
    const collector = collectorFor({});
    const found = await readInstances(collector, instanceQueries({}, 16), service.fetchPage, 100);
    expect(found).toEqual(all);
    expect(service.calls.every((c) => c.token === undefined)).toBe(true);
    expect(service.calls).toHaveLength(5);
  });

  it('reads the whole query to its end when the parts find fewer instances than it counts', async () => {
    // A value the parts do not name (a service may add one): only the whole query finds these.
    const all = instances(250, (i) =>
      i % 50 === 0 ? { addressIpVersion: 'IPv6' as LoadBalancer['addressIpVersion'] } : mixed(i),
    );
    const service = fakeInstanceService(all);
    const collector = collectorFor({});
    const found = await readInstances(collector, instanceQueries({}, 16), service.fetchPage, 100);
    expect(found).toHaveLength(250);
    expect(new Set(found.map((lb) => lb.loadBalancerId)).size).toBe(250);
    expect(service.calls.filter((c) => c.query.addressType === undefined).map((c) => c.token)).toEqual([
      undefined,
      '100',
      '200',
    ]);
    // The service's order when it was read whole.
    expect(found).toEqual(all);
  });

  it('reads the whole query to its end when it gives no TotalCount', async () => {
    const all = instances(150, mixed);
    const service = fakeInstanceService(all, { omitTotal: true });
    const found = await readInstances(collectorFor({}), instanceQueries({}, 16), service.fetchPage, 100);
    expect(found).toEqual(all);
    expect(service.calls.filter((c) => c.query.addressType === undefined)).toHaveLength(2);
  });

  it('reads named instances 20 per call, without a whole query', async () => {
    const all = instances(90, mixed);
    const service = fakeInstanceService(all);
    const wanted = all.slice(5, 50).map((lb) => lb.loadBalancerId);
    const queries = instanceQueries({ loadBalancerIds: wanted }, 16);
    expect(queries.whole).toBeUndefined();
    const found = await readInstances(collectorFor({}), queries, service.fetchPage, 100);
    expect(found.map((lb) => lb.loadBalancerId)).toEqual(wanted);
    expect(service.calls.map((c) => c.query.loadBalancerIds?.length)).toEqual([20, 20, 5]);
  });

  it('refuses a repeated NextToken and passes a failed page on', async () => {
    const all = instances(450, mixed);
    await expect(
      readInstances(
        collectorFor({}),
        { parts: [], whole: {} },
        fakeInstanceService(all, { repeatToken: true }).fetchPage,
        100,
      ),
    ).rejects.toBeInstanceOf(RepeatedTokenError);
    await expect(
      readInstances(
        collectorFor({}),
        instanceQueries({}, 16),
        fakeInstanceService(all, { failOn: (q) => q.addressType === 'Intranet' }).fetchPage,
        100,
      ),
    ).rejects.toThrow('instance page failed');
  });

  it('keeps a slot for the instance pages while listener calls fill the rest', async () => {
    const all = instances(400, mixed);
    const service = fakeInstanceService(all);
    const limiter = createLimiter(4);
    let instancesRead = false;
    const waiting: (() => void)[] = [];
    let listenerCallsInFlight = 0;
    let peakListenerCalls = 0;
    const collector = new ListenerCollector({
      limiter,
      pageSize: 100,
      // Listener calls hang until every instance page is read: without a slot kept for them, the
      // instance pages would wait behind these forever.
      fetchPage: async () => {
        listenerCallsInFlight++;
        peakListenerCalls = Math.max(peakListenerCalls, listenerCallsInFlight);
        if (!instancesRead) await new Promise<void>((resolve) => waiting.push(resolve));
        listenerCallsInFlight--;
        return { listeners: [], nextToken: undefined, totalCount: 0 };
      },
    });
    let peakWhileReading = 0;
    const found = await readInstances(
      collector,
      { parts: [], whole: {} },
      (query, token, signal) => {
        peakWhileReading = Math.max(peakWhileReading, peakListenerCalls);
        return service.fetchPage(query, token, signal);
      },
      100,
    );
    instancesRead = true;
    for (const resume of waiting) resume();
    await collector.finish();
    expect(found).toHaveLength(400);
    expect(service.calls).toHaveLength(4);
    expect(peakWhileReading).toBe(3);
    expect(PRIORITY.instancePage).toBeGreaterThan(PRIORITY.nextListenerPage);
  });
});

describe('instanceQueries', () => {
  it('splits an open filter by address type and IP version, when slots allow', () => {
    const queries = instanceQueries({ vpcIds: ['vpc-1'] }, 16);
    expect(queries.whole).toEqual({ vpcIds: ['vpc-1'] });
    expect(queries.parts).toHaveLength(4);
    expect(queries.parts.every((p) => p.vpcIds?.[0] === 'vpc-1')).toBe(true);
  });

  it('splits only by what the filter leaves open', () => {
    const queries = instanceQueries({ addressType: 'Intranet' }, 16);
    expect(queries.parts).toEqual([
      { addressType: 'Intranet', addressIpVersion: 'IPv4' },
      { addressType: 'Intranet', addressIpVersion: 'DualStack' },
    ]);
    expect(instanceQueries({ addressType: 'Intranet', addressIpVersion: 'IPv4' }, 16).parts).toEqual([]);
  });

  it('does not split when the previous listing found one page of instances or less', () => {
    expect(instanceQueries({}, 16, 100)).toEqual({ parts: [], whole: {} });
    expect(instanceQueries({}, 16, 101).parts).toHaveLength(4);
  });

  it('does not split when the parts would take every slot', () => {
    expect(instanceQueries({}, 5)).toEqual({ parts: [], whole: {} });
    expect(instanceQueries({}, 6).parts).toHaveLength(4);
  });
});
