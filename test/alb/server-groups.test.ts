// alb-tui's client (the official SDK's typed calls) against the local ALB for a server group's servers:
// add, update, remove, each followed to its end; DryRun; ClientToken replay; a busy group retried; a
// failed job ending the wait; listeners' health from an injected health source.
import { afterEach, describe, expect, test } from 'vitest';
import { collect, isDryRunPassed, type ListenerChange } from '../../source/alb/client.js';
import { isAlbError } from '../../source/alb/errors.js';
import { serverKey } from '../../source/domain/server-rules.js';
import { startEmulator, type FaultOptions, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';

const DELAY = 2000;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp(faults: FaultOptions = {}) {
  let clock = Date.now();
  emulator = await startEmulator({ seed: 7, provisioningDelayMs: DELAY, now: () => clock, faults });
  const slept: number[] = [];
  const client = clientFor(emulator, {
    now: () => clock,
    retryEnvironment: {
      random: () => 0,
      sleep: (ms) => {
        slept.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    },
  });
  const state = emulator.snapshot();
  const ipGroup = state.serverGroups.find((g) => g.serverGroupType === 'Ip')!;
  return { client, slept, state, ipGroup, running: emulator };
}

const local = (port: number, weight?: number) => ({
  serverId: '127.0.0.1',
  serverType: 'Ip' as const,
  port,
  ...(weight === undefined ? {} : { weight }),
});

describe('a server group’s servers through the SDK', () => {
  test('add, update the weight, remove: each followed until Available / gone', async () => {
    const { client, ipGroup } = await setUp();
    const id = ipGroup.serverGroupId;
    const statuses: string[] = [];
    const added = (await client.addServers(id, [
      { ...local(18080, 30), description: 'mine' },
    ])) as ListenerChange;
    expect(added.jobId).not.toBe('');
    let servers = await client.waitForServers(id, [local(18080)], {
      until: 'Available',
      jobId: added.jobId,
      onStatus: (_key, status) => statuses.push(status),
    });
    expect(statuses).toEqual(['Adding', 'Available']);
    expect(servers.find((s) => s.port === 18080)).toMatchObject({ weight: 30, description: 'mine' });
    expect((await collect(client.listServerGroups({ serverGroupIds: [id] })))[0]!.serverCount).toBe(
      ipGroup.serverCount + 1,
    );

    // The group is Configuring a moment after a change: the next one is retried, not refused.
    const updated = (await client.updateServers(id, [local(18080, 0)])) as ListenerChange;
    servers = await client.waitForServers(id, [local(18080)], { until: 'Available', jobId: updated.jobId });
    expect(servers.find((s) => s.port === 18080)!.weight).toBe(0);

    const removed = (await client.removeServers(id, [local(18080)])) as ListenerChange;
    const gone: string[] = [];
    servers = await client.waitForServers(id, [local(18080)], {
      until: 'gone',
      jobId: removed.jobId,
      onStatus: (key, status) => gone.push(`${key} ${status}`),
    });
    expect(gone).toEqual([`${serverKey(local(18080))} Removing`, `${serverKey(local(18080))} gone`]);
    expect(servers.some((s) => s.port === 18080)).toBe(false);
  });

  test('a change right after another is retried on the busy group until it goes through', async () => {
    const { client, ipGroup, slept } = await setUp();
    await client.addServers(ipGroup.serverGroupId, [local(18081)]);
    const second = await client.addServers(ipGroup.serverGroupId, [local(18082)]);
    expect(isDryRunPassed(second)).toBe(false);
    expect(slept.length).toBeGreaterThan(0);
  });

  test('DryRun passes without a change; a refusal carries the service’s code', async () => {
    const { client, ipGroup, running } = await setUp();
    const before = running.snapshot().servers.length;
    expect(await client.addServers(ipGroup.serverGroupId, [local(18083)], { dryRun: true })).toEqual({
      dryRun: 'passed',
    });
    expect(running.snapshot().servers.length).toBe(before);
    const existing = running.snapshot().servers.find((s) => s.serverGroupId === ipGroup.serverGroupId)!;
    const refused = await client
      .addServers(ipGroup.serverGroupId, [
        { serverId: existing.serverId, serverType: 'Ip', port: existing.port },
      ])
      .catch((error: unknown) => error);
    expect(isAlbError(refused) && refused.code).toBe('Conflict.BackendServer');
    const tooMany = await client
      .updateServers(
        ipGroup.serverGroupId,
        Array.from({ length: 41 }, (_, i) => local(20_000 + i)),
      )
      .catch((error: unknown) => error);
    expect(isAlbError(tooMany) && tooMany.kind).toBe('invalid');
  });

  test('a ClientToken makes a repeat the same change (one job)', async () => {
    const { client, ipGroup } = await setUp();
    const first = (await client.addServers(ipGroup.serverGroupId, [local(18084)], {
      clientToken: 'add-once',
    })) as ListenerChange;
    const again = (await client.addServers(ipGroup.serverGroupId, [local(18084)], {
      clientToken: 'add-once',
    })) as ListenerChange;
    expect(again.jobId).toBe(first.jobId);
    const jobs = await collect(client.listJobs({ apiName: 'AddServersToServerGroup' }));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.resourceType).toBe('servergroup');
  });

  test('a failed job ends the wait with its error, and the server is rolled back', async () => {
    const { client, ipGroup, running } = await setUp({
      actions: { AddServersToServerGroup: { asyncFailureRate: 1 } },
    });
    const added = (await client.addServers(ipGroup.serverGroupId, [local(18085)])) as ListenerChange;
    const error = await client
      .waitForServers(ipGroup.serverGroupId, [local(18085)], { until: 'Available', jobId: added.jobId })
      .catch((e: unknown) => e);
    expect(isAlbError(error) && error.failedJobId).toBe(added.jobId);
    expect(running.snapshot().servers.some((s) => s.port === 18085)).toBe(false);
  });

  test('listener health: every page, states and reasons from the health source', async () => {
    const { client, state, running } = await setUp();
    const listener = state.listeners.find((l) => l.defaultActions.length > 0)!;
    const groupId = listener.defaultActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId;
    const inGroup = state.servers.filter((s) => s.serverGroupId === groupId);
    // Without checks every server is Initial.
    let health = await client.getListenerHealth(listener.listenerId);
    expect(health.listenerProtocol).toBe(listener.listenerProtocol);
    expect(health.serverGroups.find((g) => g.serverGroupId === groupId)!.nonNormalServers).toHaveLength(
      inGroup.length,
    );
    running.useHealthSource({
      statusOf: (_group, serverId) =>
        serverId === inGroup[0]!.serverId ? { state: 'Unhealthy', reason: 'HTTP 500' } : { state: 'Healthy' },
    });
    health = await client.getListenerHealth(listener.listenerId);
    expect(health.serverGroups.find((g) => g.serverGroupId === groupId)!.nonNormalServers).toEqual([
      {
        serverId: inGroup[0]!.serverId,
        serverIp: inGroup[0]!.serverIp,
        port: inGroup[0]!.port,
        status: 'Unhealthy',
        reason: {
          reasonCode: 'RESPONSE_MISMATCH',
          actualResponse: '500',
          expectedResponse: 'HTTP_2xx,HTTP_3xx',
        },
      },
    ]);
  });
});
