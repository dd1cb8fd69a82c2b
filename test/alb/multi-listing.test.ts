// Listing across connections: one limit of calls in flight for all, each connection within its own
// concurrency, outcomes told per connection as they come, one failing connection leaving the others whole.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FullListing, FullListingOptions } from '../../source/alb/client.js';
import { createLimiter } from '../../source/alb/concurrency.js';
import { AlbError } from '../../source/alb/errors.js';
import { gatedCall, withCallGate } from '../../source/alb/multi-listing-gate.js';
import {
  listAcrossConnections,
  type ConnectionListingEvent,
  type ListingConnection,
} from '../../source/alb/multi-listing.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { FakeAlbClient } from '../ui/fake-client.js';

/** Calls in flight right now, across every fake connection, and the most ever seen. */
const wire = { inFlight: 0, most: 0 };

/**
 * A connection whose listing makes `calls` calls, `concurrency` at a time (as the SDK client does),
 * each sent through the shared gate like the SDK client's, each taking a few milliseconds; it fails
 * with `failWith` after `failAfter` calls when given.
 */
class CountingConnection extends FakeAlbClient {
  mostOwn = 0;
  private own = 0;
  sent = 0;

  constructor(
    readonly calls: number,
    readonly failAfter?: { calls: number; error: AlbError },
  ) {
    super();
  }

  override async listLoadBalancersAndListeners(options: FullListingOptions = {}): Promise<FullListing> {
    const limiter = createLimiter(options.concurrency ?? 16);
    await Promise.all(
      Array.from({ length: this.calls }, (_, index) =>
        limiter.run(() =>
          gatedCall(async () => {
            if (this.failAfter && index >= this.failAfter.calls) throw this.failAfter.error;
            wire.inFlight++;
            this.own++;
            wire.most = Math.max(wire.most, wire.inFlight);
            this.mostOwn = Math.max(this.mostOwn, this.own);
            await new Promise((resolve) => setTimeout(resolve, 1 + (index % 3)));
            wire.inFlight--;
            this.own--;
            this.sent++;
            options.onProgress?.({
              instancesDone: 0,
              instancesTotal: 0,
              listeners: this.sent,
              requests: this.sent,
            });
          }),
        ),
      ),
    );
    return super.listLoadBalancersAndListeners();
  }
}

describe('with fakes', () => {
  test('the global limit is never exceeded, though the connections together would run more', async () => {
    wire.most = 0;
    const connections = [4, 6, 8, 10].map(
      (concurrency, n): ListingConnection & { client: CountingConnection } => ({
        id: `c${n}`,
        client: new CountingConnection(60),
        concurrency,
      }),
    );
    const result = await listAcrossConnections(connections, { maxInFlight: 12 });
    expect(result.failures.size).toBe(0);
    expect(result.listings.size).toBe(4);
    expect(wire.most).toBeLessThanOrEqual(12);
    // The limit was the bound, not the connections' own concurrency (4 + 6 + 8 + 10 = 28).
    expect(wire.most).toBe(12);
    for (const { client, concurrency } of connections) {
      expect(client.sent).toBe(60);
      expect(client.mostOwn).toBeLessThanOrEqual(concurrency!);
    }
  });

  test('one failing connection is told with its reason; the others list in full', async () => {
    const refused = new AlbError({
      kind: 'credentials',
      code: 'InvalidAccessKeyId.NotFound',
      message: { en: 'the AccessKey ID is not known', 'zh-CN': 'AccessKey ID 不存在' },
    });
    const good = [new CountingConnection(40), new CountingConnection(40)];
    const bad = new CountingConnection(40, { calls: 5, error: refused });
    const events: ConnectionListingEvent[] = [];
    const result = await listAcrossConnections(
      [
        { id: 'hz', client: good[0]!, concurrency: 4 },
        { id: 'broken', client: bad, concurrency: 4 },
        { id: 'sh', client: good[1]!, concurrency: 4 },
      ],
      { maxInFlight: 6, onEvent: (event) => events.push(event) },
    );
    expect([...result.failures]).toEqual([['broken', refused]]);
    expect([...result.listings.keys()]).toEqual(['hz', 'sh']);
    const sample = new FakeAlbClient().data;
    for (const listing of result.listings.values()) {
      expect(listing.loadBalancers).toHaveLength(sample.loadBalancers.length);
      expect([...listing.listenersByLoadBalancer.values()].flat()).toHaveLength(sample.listeners.length);
    }
    expect(good.map((client) => client.sent)).toEqual([40, 40]);
    // Streamed: the failure is told before the others finish, then each listing as it ends.
    const outcomes = events.filter((e) => e.kind !== 'progress').map((e) => `${e.kind} ${e.id}`);
    expect(outcomes[0]).toBe('failed broken');
    expect(outcomes.slice(1).sort()).toEqual(['listed hz', 'listed sh']);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(new Set(progress.map((e) => e.id))).toEqual(new Set(['hz', 'sh', 'broken']));
  });

  test('two connections of the same name are refused', async () => {
    const client = new CountingConnection(1);
    await expect(
      listAcrossConnections([
        { id: 'a', client },
        { id: 'a', client },
      ]),
    ).rejects.toThrow(/both named "a"/);
  });
});

describe('through the SDK client against the local ALB', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({});
  });
  afterAll(() => emulator.close());

  test("every call of the SDK client's listing waits for the gate of its run", async () => {
    const client = clientFor(emulator, { concurrency: 8 });
    const limiter = createLimiter(2);
    let passed = 0;
    let most = 0;
    const listing = await withCallGate(
      (send) =>
        limiter.run(() => {
          passed++;
          most = Math.max(most, limiter.active);
          return send();
        }),
      () => client.listLoadBalancersAndListeners({ concurrency: 8 }),
    );
    expect(passed).toBe(client.stats().requests);
    expect(passed).toBeGreaterThanOrEqual(2);
    expect(most).toBe(2);
    expect(listing.loadBalancers.length).toBe(emulator.snapshot().loadBalancers.length);
    // Outside a gated run nothing is held.
    await client.listLoadBalancersAndListeners();
    expect(passed).toBeLessThan(client.stats().requests);
  });

  test('two regions and a connection whose credentials are refused: both regions whole, the third said', async () => {
    const [hangzhou, shanghai] = emulator.regions;
    const regionClient = (region: { regionId: string; endpoint: string }) =>
      clientFor({ ...emulator, region: region.regionId, endpoint: region.endpoint });
    const refused = clientFor({ ...emulator, accessKeyId: 'LTAI5tNotKnownHere000000' });
    const result = await listAcrossConnections(
      [
        { id: 'local/cn-hangzhou', client: regionClient(hangzhou!), concurrency: 4 },
        { id: 'local/cn-shanghai', client: regionClient(shanghai!), concurrency: 4 },
        { id: 'other-account', client: refused, concurrency: 4 },
      ],
      { maxInFlight: 3 },
    );
    expect(result.failures.get('other-account')?.kind).toBe('credentials');
    for (const region of ['cn-hangzhou', 'cn-shanghai']) {
      const listing = result.listings.get(`local/${region}`)!;
      const state = emulator.snapshot(region);
      expect(listing.loadBalancers.map((lb) => lb.loadBalancerId).sort()).toEqual(
        state.loadBalancers.map((lb) => lb.loadBalancerId).sort(),
      );
      expect([...listing.listenersByLoadBalancer.values()].flat().length).toBe(state.listeners.length);
    }
  });
});
