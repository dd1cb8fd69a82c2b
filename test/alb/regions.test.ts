// describeRegions through the official SDK against the local ALB: every region with its console name in
// the language asked for, and an endpoint a client can be pointed at to work in that region.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({});
});
afterAll(() => emulator.close());

test('lists the regions in Chinese by default and in English when asked', async () => {
  const client = clientFor(emulator);
  expect(await client.describeRegions()).toEqual([
    { regionId: 'cn-hangzhou', localName: '华东1（杭州）', endpoint: emulator.regions[0]!.endpoint },
    { regionId: 'cn-shanghai', localName: '华东2（上海）', endpoint: emulator.regions[1]!.endpoint },
  ]);
  expect((await client.describeRegions({ language: 'en' })).map((r) => r.localName)).toEqual([
    'China (Hangzhou)',
    'China (Shanghai)',
  ]);
});

test("a region's endpoint gives a client that works in that region", async () => {
  const [, shanghai] = await clientFor(emulator).describeRegions();
  const client = clientFor(
    { ...emulator, region: shanghai!.regionId, endpoint: shanghai!.endpoint! },
    { concurrency: 4 },
  );
  const listing = await client.listLoadBalancersAndListeners();
  const expected = emulator.snapshot('cn-shanghai').loadBalancers.map((lb) => lb.loadBalancerId);
  expect(listing.loadBalancers.map((lb) => lb.loadBalancerId).sort()).toEqual(expected.sort());
});
