import { describe, expect, it } from 'vitest';
import { chunk, createLimiter } from '../../source/alb/concurrency.js';
import {
  groupSize,
  ListenerCollector,
  MAX_IDS_PER_CALL,
  type ListenerPage,
} from '../../source/alb/listing.js';
import type { Listener } from '../../source/domain/resources.js';

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

  it('passes a failing task on without blocking the queue', async () => {
    const limiter = createLimiter(1);
    const failing = limiter.run(() => Promise.reject(new Error('boom')));
    const after = limiter.run(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('next');
  });
});

describe('groupSize', () => {
  it('fills about one page per call, 1–20 instances', () => {
    expect(groupSize(20, 100)).toBe(5);
    expect(groupSize(3, 100)).toBe(20);
    expect(groupSize(0, 100)).toBe(20);
    expect(groupSize(250, 100)).toBe(1);
    expect(groupSize(7, 100)).toBe(14);
  });
});

describe('ListenerCollector', () => {
  it('lists every listener of every instance exactly once, ≤20 instances per call, under the cap', async () => {
    const counts = { ...uniform(137, 13), 'alb-empty': 0, 'alb-big': 250 };
    const service = fakeService(counts);
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(5),
      pageSize: 100,
    });
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

  it('sizes later groups from the first pages so that each call fills about one page', async () => {
    const counts = uniform(500, 20);
    const service = fakeService(counts);
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(4),
      pageSize: 100,
    });
    collector.add(Object.keys(counts));
    await collector.finish();
    // The first 4 groups probe with 20 instances each (4 pages each); every later group takes 5.
    const firstPages = service.calls.filter((c) => c.token === undefined);
    expect(firstPages.slice(0, 4).map((c) => c.ids.length)).toEqual([20, 20, 20, 20]);
    expect(firstPages.slice(4).every((c) => c.ids.length === 5)).toBe(true);
    expect(collector.averagePerInstance).toBe(20);
    // 10,000 listeners need at least 100 full pages; the probes cost nothing extra here.
    expect(service.calls).toHaveLength(100);
  });

  it('estimates from the listeners seen when the service gives no TotalCount', async () => {
    const counts = uniform(60, 10);
    const service = fakeService(counts, { omitTotal: true });
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(1),
      pageSize: 100,
    });
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
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(2),
      pageSize: 100,
    });
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
    const collector = new ListenerCollector({
      fetchPage: service.fetchPage,
      limiter: createLimiter(2),
      pageSize: 100,
    });
    collector.add([]);
    expect((await collector.finish()).size).toBe(0);
    expect(service.calls).toHaveLength(0);
  });
});
