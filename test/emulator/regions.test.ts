// The local ALB serves several regions: DescribeRegions, a state (and a port) per region, the demo
// spread over two regions, each region persisted on its own, requests for a region it does not serve refused.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { seedState } from '../../source/emulator/seed.js';
import { rawCaller } from '../conformance/raw-call.js';
import { $Alb, albClient, failure } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-emulator-regions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sdkFor(emulator: RunningEmulator, regionId: string) {
  const endpoint = emulator.regions.find((r) => r.regionId === regionId)?.endpoint;
  if (!endpoint) throw new Error(`${regionId} not served`);
  return albClient(
    new $OpenApiUtil.Config({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: endpoint.replace('http://', ''),
      protocol: 'http',
      regionId,
      readTimeout: 5000,
      connectTimeout: 5000,
    }),
  );
}

async function instanceIds(emulator: RunningEmulator, regionId: string): Promise<string[]> {
  const { body } = await sdkFor(emulator, regionId).listLoadBalancers(
    new $Alb.ListLoadBalancersRequest({ maxResults: 100 }),
  );
  return (body?.loadBalancers ?? []).map((lb) => lb.loadBalancerId ?? '');
}

describe('several regions', () => {
  test('DescribeRegions lists every served region with its own endpoint, named in the language asked', async () => {
    const emulator = await startEmulator({});
    try {
      expect(emulator.regions.map((r) => r.regionId)).toEqual(['cn-hangzhou', 'cn-shanghai']);
      const sdk = sdkFor(emulator, 'cn-hangzhou');
      const zh = await sdk.describeRegions(new $Alb.DescribeRegionsRequest({}));
      expect(zh.body?.regions?.map((r) => [r.regionId, r.localName, r.regionEndpoint])).toEqual([
        ['cn-hangzhou', '华东1（杭州）', emulator.regions[0]!.endpoint],
        ['cn-shanghai', '华东2（上海）', emulator.regions[1]!.endpoint],
      ]);
      const en = await sdk.describeRegions(new $Alb.DescribeRegionsRequest({ acceptLanguage: 'en-US' }));
      expect(en.body?.regions?.map((r) => r.localName)).toEqual(['China (Hangzhou)', 'China (Shanghai)']);
      // Every region's endpoint answers the same list.
      const fromShanghai = await sdkFor(emulator, 'cn-shanghai').describeRegions(
        new $Alb.DescribeRegionsRequest({}),
      );
      expect(fromShanghai.body?.regions?.map((r) => r.regionId)).toEqual(['cn-hangzhou', 'cn-shanghai']);
    } finally {
      await emulator.close();
    }
  });

  test('each region has its own demo instances (the second fewer), and a change in one stays there', async () => {
    const emulator = await startEmulator({ provisioningDelayMs: 0 });
    try {
      const hangzhou = await instanceIds(emulator, 'cn-hangzhou');
      const shanghai = await instanceIds(emulator, 'cn-shanghai');
      expect(shanghai.length).toBeGreaterThan(0);
      expect(shanghai.length).toBeLessThan(hangzhou.length);
      expect(shanghai.filter((id) => hangzhou.includes(id))).toEqual([]);
      const state = emulator.snapshot('cn-shanghai');
      expect(state.region).toBe('cn-shanghai');
      expect(state.loadBalancers.every((lb) => lb.dnsName.includes('.cn-shanghai.'))).toBe(true);
      // The account's certificates are the same in both regions, and the listeners name them.
      const certs = new Set(emulator.snapshot('cn-hangzhou').certificates.map((c) => c.certificateId));
      const named = state.listeners.flatMap((l) => (l.certificates ?? []).map((c) => c.certificateId));
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((id) => !certs.has(id))).toEqual([]);

      const listener = state.listeners.find((l) => l.listenerStatus === 'Running')!;
      await sdkFor(emulator, 'cn-shanghai').stopListener(
        new $Alb.StopListenerRequest({ listenerId: listener.listenerId }),
      );
      const inHangzhou = await failure(
        sdkFor(emulator, 'cn-hangzhou').getListenerAttribute(
          new $Alb.GetListenerAttributeRequest({ listenerId: listener.listenerId }),
        ),
      );
      expect(inHangzhou.code).toBe('ResourceNotFound.Listener');
    } finally {
      await emulator.close();
    }
  });

  test('the demo is the same every run (deterministic per region)', async () => {
    const a = await startEmulator({ now: () => 1_700_000_000_000 });
    const b = await startEmulator({ now: () => 1_700_000_000_000 });
    try {
      expect(a.snapshot('cn-shanghai').listeners.map((l) => l.listenerId)).toEqual(
        b.snapshot('cn-shanghai').listeners.map((l) => l.listenerId),
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('a request naming a region it does not serve is refused; one naming a served region goes there', async () => {
    const emulator = await startEmulator({});
    try {
      const call = rawCaller(emulator);
      const refused = await call('alb', 'ListLoadBalancers', { RegionId: 'eu-west-1' });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.code).toBe('InvalidRegionId');
        expect(refused.status).toBe(400);
      }
      const routed = await call('alb', 'ListLoadBalancers', { RegionId: 'cn-shanghai', MaxResults: '100' });
      expect(routed.ok).toBe(true);
      const ids = ((routed.body['LoadBalancers'] as { LoadBalancerId: string }[]) ?? []).map(
        (lb) => lb.LoadBalancerId,
      );
      expect(ids.sort()).toEqual((await instanceIds(emulator, 'cn-shanghai')).sort());
    } finally {
      await emulator.close();
    }
  });

  test('each region is kept in its own file across restarts; an older single-region file still loads', async () => {
    const statePath = join(dir, 'state.json');
    // A state file from before regions: one region, nothing beside it.
    const old = seedState({ region: 'cn-hangzhou', seed: 3, now: Date.now() });
    await writeFile(statePath, JSON.stringify(old), { mode: 0o600 });
    const first = await startEmulator({ statePath, provisioningDelayMs: 0 });
    const shanghaiIds = await instanceIds(first, 'cn-shanghai');
    expect((await instanceIds(first, 'cn-hangzhou')).sort()).toEqual(
      old.loadBalancers.map((lb) => lb.loadBalancerId).sort(),
    );
    const listener = first.snapshot('cn-shanghai').listeners.find((l) => l.listenerStatus === 'Running')!;
    await sdkFor(first, 'cn-shanghai').stopListener(
      new $Alb.StopListenerRequest({ listenerId: listener.listenerId }),
    );
    await first.close();
    const kept = JSON.parse(await readFile(join(dir, 'state.cn-shanghai.json'), 'utf8')) as {
      region: string;
    };
    expect(kept.region).toBe('cn-shanghai');

    const second = await startEmulator({ statePath, provisioningDelayMs: 0 });
    try {
      expect((await instanceIds(second, 'cn-shanghai')).sort()).toEqual(shanghaiIds.sort());
      const again = second
        .snapshot('cn-shanghai')
        .listeners.find((l) => l.listenerId === listener.listenerId);
      expect(again?.listenerStatus).toBe('Stopped');
      expect(second.snapshot('cn-hangzhou').listeners.map((l) => l.listenerId)).toEqual(
        old.listeners.map((l) => l.listenerId),
      );
    } finally {
      await second.close();
    }
  });

  test('regions: [] serves the one region only', async () => {
    const emulator = await startEmulator({ regions: [], region: 'ap-southeast-1' });
    try {
      expect(emulator.regions.map((r) => r.regionId)).toEqual(['ap-southeast-1']);
      expect(emulator.regions[0]!.endpoint).toBe(emulator.endpoint);
    } finally {
      await emulator.close();
    }
  });
});
