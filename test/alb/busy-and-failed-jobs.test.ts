// alb-tui's client against the local ALB's busy states and failed jobs: a delete of a listener still
// Provisioning is retried (with a backoff of a second more per attempt) until it goes through, a busy
// code on demand is retried within the bound, and waiting on a creation whose job fails ends with its
// code and message instead of waiting forever.
import { afterEach, describe, expect, test } from 'vitest';
import { isAlbError } from '../../source/alb/errors.js';
import { collect } from '../../source/alb/client.js';
import { startEmulator, type FaultOptions, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';

const DELAY = 2000;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A local ALB and a client sharing one clock that moves only when the client sleeps. */
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
  return { client, slept, state: emulator.snapshot() };
}

const requestFor = (state: ReturnType<RunningEmulator['snapshot']>, port: number) => {
  const lb = state.loadBalancers.find((l) => l.loadBalancerStatus === 'Active')!;
  const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
  return {
    loadBalancerId: lb.loadBalancerId,
    listenerProtocol: 'HTTP' as const,
    listenerPort: port,
    defaultActions: [
      {
        type: 'ForwardGroup' as const,
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
      },
    ],
  };
};

describe('busy states', () => {
  test('deleting a listener still Provisioning waits it out: IncorrectStatus.Listener is retried', async () => {
    const { client, slept, state } = await setUp();
    const created = await client.createListener(requestFor(state, 18_500));
    if (!('listenerId' in created)) throw new Error('expected a listener');
    const deleted = await client.deleteListener(created.listenerId);
    expect(deleted.jobId).toMatch(/^[0-9a-f-]{36}$/);
    // 1 s, then 2 s: the listener was Running after 2 s.
    expect(slept).toEqual([1000, 2000]);
  });

  test('a busy code on demand is retried a bounded number of times, then reported', async () => {
    const { client, slept } = await setUp({
      actions: { ListLoadBalancers: { failureRate: 1, codes: ['Conflict.Lock'] } },
    });
    const error = await collect(client.listLoadBalancers()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAlbError(error) && error.code).toBe('Conflict.Lock');
    expect(isAlbError(error) && error.kind).toBe('state');
    expect(slept).toHaveLength(3);
  });
});

describe('asynchronous work that fails', () => {
  test('waiting on a creation whose job fails ends with the job code and message', async () => {
    const { client, state } = await setUp({ asyncFailureRate: 1 });
    const created = await client.createListener(requestFor(state, 18_501));
    if (!('listenerId' in created)) throw new Error('expected a listener');
    const error = await client
      .waitForListener(created.listenerId, { until: 'Running', jobId: created.jobId, intervalMs: 500 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isAlbError(error)).toBe(true);
    if (!isAlbError(error)) return;
    expect(error.code).toBe('InternalError');
    // Marked as the job's own outcome (the work settled as not done), not as a failure to follow it.
    expect(error.failedJobId).toBe(created.jobId);
    expect(error.message.en).toMatch(
      /failed \(InternalError\): The asynchronous task of CreateListener failed/,
    );
    expect(error.message['zh-CN']).toMatch(/失败（InternalError）/);
  });
});
