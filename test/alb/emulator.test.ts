// The ALB client against the local ALB (the emulator), through the real SDKs and signatures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type LoadBalancerFilter } from '../../source/alb/client.js';
import type { SdkAlbClient, SdkClientOptions } from '../../source/alb/sdk-client.js';
import { loadTarget } from '../../source/alb/target-context.js';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor as localClient } from '../helpers/local-alb-client.js';

/** Fast retries: the tests inject faults and want them retried quickly. */
function clientFor(emulator: RunningEmulator, options: Partial<SdkClientOptions> = {}): SdkAlbClient {
  return localClient(emulator, { retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 50 }, ...options });
}

async function withEmulator(options: EmulatorOptions) {
  const emulator = await startEmulator({ port: 0, provisioningDelayMs: 40, ...options });
  return { emulator, client: clientFor(emulator) };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** An HTTP listener request on a port, forwarding to an HTTP server group in the instance's VPC. */
function httpRequest(emulator: RunningEmulator, loadBalancerId: string, port: number): CreateListenerRequest {
  const state = emulator.snapshot();
  const lb = state.loadBalancers.find((l) => l.loadBalancerId === loadBalancerId)!;
  const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
  return {
    loadBalancerId,
    listenerProtocol: 'HTTP',
    listenerPort: port,
    defaultActions: [
      {
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
      },
    ],
  };
}

/** Active instances that have an HTTP server group in their VPC, with their free listener slots. */
function creatableInstances(emulator: RunningEmulator): { loadBalancerId: string; free: number }[] {
  const state = emulator.snapshot();
  const used = countBy(state.listeners, (l) => l.loadBalancerId);
  return state.loadBalancers
    .filter(
      (lb) =>
        lb.loadBalancerStatus === 'Active' &&
        state.serverGroups.some((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP'),
    )
    .map((lb) => ({ loadBalancerId: lb.loadBalancerId, free: 50 - (used.get(lb.loadBalancerId) ?? 0) }));
}

describe('listing', () => {
  let emulator: RunningEmulator;
  let client: SdkAlbClient;
  beforeAll(async () => {
    ({ emulator, client } = await withEmulator({ scale: { instances: 47, listeners: 600 } }));
  });
  afterAll(() => emulator.close());

  it('visits every instance and listener exactly once with odd page sizes', async () => {
    const state = emulator.snapshot();
    for (const pageSize of [1, 7, 46, 100]) {
      const lbs = await collect(client.listLoadBalancers({}, { pageSize }));
      expect(lbs).toHaveLength(state.loadBalancers.length);
      expect(new Set(lbs.map((lb) => lb.loadBalancerId))).toEqual(
        new Set(state.loadBalancers.map((lb) => lb.loadBalancerId)),
      );
    }
    for (const pageSize of [13, 99]) {
      const listeners = await collect(client.listListeners({}, { pageSize }));
      expect(listeners).toHaveLength(state.listeners.length);
      expect(new Set(listeners.map((l) => l.listenerId))).toEqual(
        new Set(state.listeners.map((l) => l.listenerId)),
      );
    }
  });

  it('lists the listeners of many instances in parallel, each under its instance', async () => {
    const state = emulator.snapshot();
    const expected = countBy(state.listeners, (l) => l.loadBalancerId);
    const ids = state.loadBalancers.map((lb) => lb.loadBalancerId);
    const progress: number[] = [];
    const byInstance = await client.listListenersOfInstances(ids, {
      concurrency: 4,
      onProgress: (p) => progress.push(p.instancesDone),
    });
    expect(byInstance.size).toBe(ids.length);
    for (const id of ids) {
      const listeners = byInstance.get(id)!;
      expect(listeners.length).toBe(expected.get(id) ?? 0);
      expect(listeners.every((l) => l.loadBalancerId === id)).toBe(true);
    }
    expect(progress.at(-1)).toBe(ids.length);

    const full = await client.listLoadBalancersAndListeners({ concurrency: 6 });
    expect(full.loadBalancers).toHaveLength(ids.length);
    expect([...full.listenersByLoadBalancer.values()].flat()).toHaveLength(state.listeners.length);
    // 600 listeners need at least 6 pages, 47 instances one more.
    expect(full.requests).toBeGreaterThanOrEqual(7);
  });

  it('refreshes from the previous listing and still shows what changed since', async () => {
    const { emulator: local, client } = await withEmulator({ scale: { instances: 120, listeners: 900 } });
    try {
      const first = await client.listLoadBalancersAndListeners({ concurrency: 16 });
      const target = first.loadBalancers.find(
        (lb, i) => i > 100 && lb.loadBalancerStatus === 'Active',
      )!.loadBalancerId;
      await client.createListener(httpRequest(local, target, 65_001));
      const refreshed = await client.listLoadBalancersAndListeners({ concurrency: 16 });
      const fresh = await clientFor(local).listLoadBalancersAndListeners({ concurrency: 16 });
      expect(refreshed.loadBalancers).toEqual(fresh.loadBalancers);
      const ids = (listing: typeof fresh) =>
        [...listing.listenersByLoadBalancer.entries()].map(([id, list]) => [
          id,
          list.map((l) => l.listenerId),
        ]);
      expect(ids(refreshed)).toEqual(ids(fresh));
      expect(refreshed.listenersByLoadBalancer.get(target)!.map((l) => l.listenerPort)).toContain(65_001);
      expect(refreshed.listenersByLoadBalancer.get(target)).toHaveLength(
        first.listenersByLoadBalancer.get(target)!.length + 1,
      );
    } finally {
      await local.close();
    }
  });

  it('remembers a few listings, and forgets one that failed', async () => {
    const { emulator: local, client } = await withEmulator({});
    try {
      await client.listLoadBalancersAndListeners();
      expect(client.stats().rememberedListings).toBe(1);
      const filters: LoadBalancerFilter[] = [
        { status: 'Active' },
        { status: 'Inactive' },
        { addressType: 'Internet' },
        { addressType: 'Intranet' },
        { addressIpVersion: 'DualStack' },
      ];
      for (const filter of filters) await client.listLoadBalancersAndListeners({ filter });
      expect(client.stats().rememberedListings).toBe(4);
      local.setFaults({ actions: { ListListeners: { failureRate: 1 } } });
      await expect(
        client.listLoadBalancersAndListeners({ filter: { addressType: 'Intranet' } }),
      ).rejects.toThrow();
      expect(client.stats().rememberedListings).toBe(3);
      // A listing its caller gives up on keeps what was remembered.
      local.setFaults({ latencyMs: 200 });
      const controller = new AbortController();
      const given = client.listLoadBalancersAndListeners({
        filter: { addressType: 'Internet' },
        signal: controller.signal,
      });
      controller.abort();
      await expect(given).rejects.toMatchObject({ kind: 'aborted' });
      expect(client.stats().rememberedListings).toBe(3);
    } finally {
      await local.close();
    }
  });

  it('lists a large account through split instance queries: every instance and listener once, in order', async () => {
    const { emulator: big, client } = await withEmulator({ scale: { instances: 260, listeners: 3100 } });
    try {
      const state = big.snapshot();
      const expected = countBy(state.listeners, (l) => l.loadBalancerId);
      const full = await client.listLoadBalancersAndListeners({ concurrency: 16 });
      const ids = full.loadBalancers.map((lb) => lb.loadBalancerId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(state.loadBalancers.map((lb) => lb.loadBalancerId)));
      // The service's own order for its first page.
      const firstPage = await collect(client.listLoadBalancers({}, { pageSize: 100 }));
      expect(ids.slice(0, 100)).toEqual(firstPage.slice(0, 100).map((lb) => lb.loadBalancerId));
      for (const id of ids) {
        const listeners = full.listenersByLoadBalancer.get(id)!;
        expect(listeners.length).toBe(expected.get(id) ?? 0);
      }
      const listenerIds = [...full.listenersByLoadBalancer.values()].flat().map((l) => l.listenerId);
      expect(new Set(listenerIds).size).toBe(state.listeners.length);
      expect(listenerIds).toHaveLength(state.listeners.length);
      // 260 instances and 3,100 listeners: 3 + 31 pages at least, plus the split and the counts.
      expect(full.requests).toBeGreaterThanOrEqual(34);
      expect(full.requests).toBeLessThanOrEqual(48);
    } finally {
      await big.close();
    }
  });

  it('filters listeners by protocol', async () => {
    const state = emulator.snapshot();
    const quic = await collect(client.listListeners({ protocol: 'QUIC' }));
    expect(quic.length).toBe(state.listeners.filter((l) => l.listenerProtocol === 'QUIC').length);
    expect(quic.every((l) => l.listenerProtocol === 'QUIC')).toBe(true);
  });

  it('gets an instance with its zone mappings, and an HTTPS listener with its certificates', async () => {
    const state = emulator.snapshot();
    const https = state.listeners.find(
      (l) => l.listenerProtocol === 'HTTPS' && (l.certificates?.length ?? 0) > 0,
    )!;
    const listener = await client.getListener(https.listenerId);
    expect(listener.certificates).toEqual(https.certificates);
    expect(listener.securityPolicyId).toBe(https.securityPolicyId);
    const certificates = await client.listListenerCertificates(https.listenerId);
    expect(certificates.filter((c) => c.certificateType === 'Server').map((c) => c.certificateId)).toEqual(
      https.certificates!.map((c) => c.certificateId),
    );
    const fromList = (await collect(client.listListeners({ listenerIds: [https.listenerId] })))[0]!;
    expect(fromList.certificates).toBeUndefined();

    const lb = await client.getLoadBalancer(https.loadBalancerId);
    expect(lb.zoneMappings.length).toBeGreaterThanOrEqual(2);
    expect(lb.zoneMappings[0]!.zoneId).toMatch(/^cn-hangzhou-/);
  });

  it('reads every field of every instance as the local ALB keeps it (zone mappings only one by one)', async () => {
    const state = emulator.snapshot();
    // The local ALB keeps more of an instance than alb-tui reads (bandwidth package, access log, locks…).
    const kept = state.loadBalancers.map(
      ({
        bandwidthPackageId: _bandwidthPackageId,
        accessLog: _accessLog,
        modificationProtectionReason: _reason,
        operationLocks: _locks,
        ipv6AddressType: _ipv6AddressType,
        ...lb
      }) => lb,
    );
    const listed = await collect(client.listLoadBalancers());
    expect(listed).toEqual(kept.map((lb) => ({ ...lb, zoneMappings: [] })));
    for (const lb of kept) expect(await client.getLoadBalancer(lb.loadBalancerId)).toEqual(lb);
    // A tag some instances have and others do not: the filter reaches the service.
    const tag = state.loadBalancers
      .flatMap((lb) => lb.tags)
      .find((t) =>
        state.loadBalancers.some((lb) => !lb.tags.some((o) => o.key === t.key && o.value === t.value)),
      )!;
    const byTag = await collect(client.listLoadBalancers({ tags: [tag] }));
    expect(byTag.map((lb) => lb.loadBalancerId)).toEqual(
      state.loadBalancers
        .filter((lb) => lb.tags.some((t) => t.key === tag.key && t.value === tag.value))
        .map((lb) => lb.loadBalancerId),
    );
  });

  it('lists policies, certificates (expired ones too), server groups and their servers', async () => {
    const state = emulator.snapshot();
    const policies = await client.listSecurityPolicies();
    expect(policies.filter((p) => p.kind === 'system').map((p) => p.securityPolicyId)).toContain(
      'tls_cipher_policy_1_0',
    );
    expect(policies.filter((p) => p.kind === 'custom')).toHaveLength(state.customPolicies.length);

    const certificates = await client.listCertificates();
    expect(certificates.map((c) => c.certificateId).sort()).toEqual(
      state.certificates.map((c) => c.certificateId).sort(),
    );
    expect(certificates.some((c) => Date.parse(c.endDate) < Date.now())).toBe(true);
    expect(certificates.filter((c) => c.isCa).map((c) => c.casId)).toEqual(
      state.certificates.filter((c) => c.isCa).map((c) => c.casId),
    );

    const groups = await collect(client.listServerGroups());
    expect(groups).toHaveLength(state.serverGroups.length);
    const group = groups.find((g) => g.serverCount > 0)!;
    const servers = await client.listServerGroupServers(group.serverGroupId, { pageSize: 1 });
    expect(servers).toHaveLength(group.serverCount);
  });
});

describe('target context', () => {
  let emulator: RunningEmulator;
  let client: SdkAlbClient;
  beforeAll(async () => {
    ({ emulator, client } = await withEmulator({}));
  });
  afterAll(() => emulator.close());

  it('loads what the listener rules need about an instance, with a QUIC listener named from elsewhere', async () => {
    const state = emulator.snapshot();
    const upgraded = state.listeners.find(
      (l) => l.quicConfig.quicUpgradeEnabled && l.quicConfig.quicListenerId,
    )!;
    const other = state.listeners.find(
      (l) => l.loadBalancerId !== upgraded.loadBalancerId && l.listenerProtocol === 'QUIC',
    )!;
    const { context, loadBalancer } = await loadTarget(client, upgraded.loadBalancerId, {
      alsoListenerIds: [other.listenerId, 'lsn-doesnotexist0000000'],
      now: () => 42,
    });
    expect(loadBalancer.loadBalancerId).toBe(upgraded.loadBalancerId);
    expect(loadBalancer.zoneMappings.length).toBeGreaterThan(0);
    expect(context.instance).toEqual({
      loadBalancerId: loadBalancer.loadBalancerId,
      status: loadBalancer.loadBalancerStatus,
      edition: loadBalancer.loadBalancerEdition,
      vpcId: loadBalancer.vpcId,
    });
    const own = state.listeners.filter((l) => l.loadBalancerId === upgraded.loadBalancerId);
    expect(context.listeners.map((l) => l.listenerId).sort()).toEqual(
      [...own.map((l) => l.listenerId), other.listenerId].sort(),
    );
    expect(context.listeners.find((l) => l.listenerId === upgraded.listenerId)).toMatchObject({
      protocol: 'HTTPS',
      port: upgraded.listenerPort,
      associatedQuicListenerId: upgraded.quicConfig.quicListenerId,
    });
    expect(context.certificates).toHaveLength(state.certificates.length);
    expect(context.serverGroups).toHaveLength(state.serverGroups.length);
    expect(context.securityPolicies.some((p) => p.kind === 'system')).toBe(true);
    expect(context.now).toBe(42);
  });

  it('fails with notFound for an unknown instance', async () => {
    await expect(loadTarget(client, 'alb-doesnotexist0000000')).rejects.toMatchObject({
      kind: 'notFound',
      code: 'ResourceNotFound.LoadBalancer',
    });
  });
});

describe('creating and deleting', () => {
  let emulator: RunningEmulator;
  let client: SdkAlbClient;
  beforeAll(async () => {
    ({ emulator, client } = await withEmulator({}));
  });
  afterAll(() => emulator.close());

  it('prechecks with a dry run that creates nothing', async () => {
    const [target] = creatableInstances(emulator);
    const before = emulator.snapshot().listeners.length;
    const request = httpRequest(emulator, target!.loadBalancerId, 18080);
    await expect(client.createListener(request, { dryRun: true })).resolves.toEqual({ dryRun: 'passed' });
    const rejected = await client
      .createListener({ ...request, listenerPort: 70000 }, { dryRun: true })
      .catch((e: unknown) => e);
    expect(rejected).toMatchObject({ kind: 'invalid', code: 'InvalidParameter' });
    expect((rejected as { serverMessage: string }).serverMessage).toContain('70000');
    expect(emulator.snapshot().listeners.length).toBe(before);
  });

  it('creates a listener, follows it to Running, then deletes it and follows it until gone', async () => {
    const [target] = creatableInstances(emulator);
    const created = await client.createListener(httpRequest(emulator, target!.loadBalancerId, 18081));
    expect('listenerId' in created).toBe(true);
    if (!('listenerId' in created)) return;
    const statuses: string[] = [];
    const running = await client.waitForListener(created.listenerId, {
      until: 'Running',
      intervalMs: 10,
      timeoutMs: 10_000,
      jobId: created.jobId,
      onStatus: (s) => statuses.push(s),
    });
    expect(running).toMatchObject({
      listenerId: created.listenerId,
      listenerPort: 18081,
      listenerStatus: 'Running',
      listenerDescription: 'HTTP_18081',
    });
    expect(statuses.at(-1)).toBe('Running');
    expect(await client.getJob(created.jobId)).toMatchObject({
      id: created.jobId,
      status: 'Succeeded',
      resourceId: created.listenerId,
    });
    const jobs = await collect(client.listJobs({ resourceIds: [created.listenerId] }));
    expect(jobs.map((j) => j.id)).toContain(created.jobId);

    const deleted = await client.deleteListener(created.listenerId);
    const gone: string[] = [];
    await expect(
      client.waitForListener(created.listenerId, {
        until: 'gone',
        intervalMs: 10,
        timeoutMs: 10_000,
        onStatus: (s) => gone.push(s),
      }),
    ).resolves.toBeUndefined();
    expect(gone.at(-1)).toBe('gone');
    expect(await client.getJob(deleted.jobId)).toMatchObject({ status: 'Succeeded' });
    await expect(client.getListener(created.listenerId)).rejects.toMatchObject({ kind: 'notFound' });
  });

  it('maps missing resources, port conflicts and bad references to error kinds', async () => {
    await expect(client.getListener('lsn-doesnotexist0000000')).rejects.toMatchObject({
      kind: 'notFound',
      code: 'ResourceNotFound.Listener',
      httpStatus: 404,
    });
    await expect(client.getLoadBalancer('alb-doesnotexist0000000')).rejects.toMatchObject({
      kind: 'notFound',
      code: 'ResourceNotFound.LoadBalancer',
    });
    await expect(client.deleteListener('lsn-doesnotexist0000000')).rejects.toMatchObject({
      kind: 'notFound',
    });

    const taken = emulator
      .snapshot()
      .listeners.find(
        (l) =>
          l.listenerProtocol === 'HTTP' &&
          creatableInstances(emulator).some((c) => c.loadBalancerId === l.loadBalancerId),
      )!;
    const conflict = await client
      .createListener(httpRequest(emulator, taken.loadBalancerId, taken.listenerPort))
      .catch((e: unknown) => e);
    expect(conflict).toMatchObject({ kind: 'conflict', code: 'ResourceAlreadyExist.Listener' });
    expect((conflict as { message: { en: string } }).message.en).toContain('ResourceAlreadyExist.Listener');

    const [target] = creatableInstances(emulator);
    const request = httpRequest(emulator, target!.loadBalancerId, 18082);
    const badGroup = {
      ...request,
      defaultActions: [
        {
          type: 'ForwardGroup' as const,
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-doesnotexist00000' }] },
        },
      ],
    };
    await expect(client.createListener(badGroup)).rejects.toMatchObject({
      kind: 'notFound',
      code: 'ResourceNotFound.ServerGroup',
    });
  });

  it('answers a repeated ClientToken with the first listener', async () => {
    const [target] = creatableInstances(emulator);
    const request = {
      ...httpRequest(emulator, target!.loadBalancerId, 18083),
      clientToken: 'same-submission-1',
    };
    const first = await client.createListener(request);
    const second = await client.createListener(request);
    expect(second).toEqual(first);
    expect(
      emulator
        .snapshot()
        .listeners.filter((l) => l.loadBalancerId === target!.loadBalancerId && l.listenerPort === 18083),
    ).toHaveLength(1);
  });
});

describe('creating through failures', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      provisioningDelayMs: 20,
      faults: {
        seed: 7,
        // 30% of CreateListener calls fail; half of the failures strike after the listener was made.
        actions: {
          CreateListener: {
            failureRate: 0.1,
            dropRate: 0.1,
            timeoutRate: 0.05,
            throttleRate: 0.05,
            retryAfterMs: 20,
            afterWorkShare: 0.5,
          },
        },
      },
    });
  });
  afterAll(() => emulator.close());

  it('200 creates leave exactly the 200 intended listeners: none missing, none twice', async () => {
    const client = clientFor(emulator, {
      readTimeoutMs: 1_000,
      retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 },
    });
    const before = emulator.snapshot().listeners.length;
    const intended: { loadBalancerId: string; port: number }[] = [];
    for (const { loadBalancerId, free } of creatableInstances(emulator)) {
      for (let i = 0; i < free && intended.length < 200; i++)
        intended.push({ loadBalancerId, port: 30_000 + i });
    }
    expect(intended).toHaveLength(200);

    // Like the wizard: one token per submission, reused when the user retries a failed submission.
    const submit = async ({ loadBalancerId, port }: { loadBalancerId: string; port: number }) => {
      const request = {
        ...httpRequest(emulator, loadBalancerId, port),
        clientToken: `bulk-${loadBalancerId}-${port}`,
      };
      for (let attempt = 1; ; attempt++) {
        try {
          return await client.createListener(request);
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    };
    const queue = [...intended];
    const results: unknown[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) results.push(await submit(next));
      }),
    );
    expect(results).toHaveLength(200);
    const stats = client.stats();
    expect(stats.retries).toBeGreaterThan(20);

    const all = await collect(client.listListeners());
    expect(all).toHaveLength(before + 200);
    const created = all.filter((l) => l.listenerPort >= 30_000);
    const keys = countBy(created, (l) => `${l.loadBalancerId}:${l.listenerPort}`);
    expect(keys.size).toBe(200);
    expect([...keys.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(keys.keys())).toEqual(new Set(intended.map((i) => `${i.loadBalancerId}:${i.port}`)));
    const ids = new Set(results.map((r) => (r as { listenerId: string }).listenerId));
    expect(ids).toEqual(new Set(created.map((l) => l.listenerId)));
  }, 90_000);

  it('control: the same faults do make work-done-reply-lost cases, which a fresh token per try turns into conflicts', async () => {
    const client = clientFor(emulator, { readTimeoutMs: 1_000, retry: { maxAttempts: 1 } });
    const targets = creatableInstances(emulator).filter((t) => t.free > 0);
    let conflicts = 0;
    const tryUntilDone = async (n: number) => {
      const target = targets[n % targets.length]!;
      const request = httpRequest(emulator, target.loadBalancerId, 40_000 + n);
      // No ClientToken given: every try gets a new one, as a careless client would do.
      for (let attempt = 1; attempt <= 8; attempt++) {
        const outcome = await client.createListener(request).then(
          () => 'created',
          (error: unknown) => (error as { kind: string }).kind,
        );
        if (outcome === 'created') return;
        if (outcome === 'conflict') {
          conflicts++;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 60 }, (_, n) => tryUntilDone(n)));
    expect(conflicts).toBeGreaterThan(0);
  }, 90_000);
});
