// Busy states and asynchronous work that fails, in the local ALB: the codes Terraform's provider
// retries, where the metadata lists them and on demand (`codes`), a ClientToken repeated while its
// first call still runs, and jobs that end `Failed` (`asyncFailureRate`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorState, type RunningEmulator } from '../../source/emulator/index.js';
import { flatten } from '../../source/domain/wire.js';
import { AlbCore } from '../../source/emulator/core.js';
import { seedState } from '../../source/emulator/seed.js';
import { $Alb, clients, expectErrorBody, failure, type Clients } from './helpers.js';

const DELAY = 2000;
let emulator: RunningEmulator | undefined;
let clock = Date.now();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<{
  sdk: Clients;
  state: EmulatorState;
}> {
  clock = Date.now();
  emulator = await startEmulator({ seed: 11, provisioningDelayMs: DELAY, now: () => clock, ...options });
  return { sdk: clients(emulator), state: emulator.snapshot() };
}

const httpListenerRequest = (state: EmulatorState, port: number, token?: string) => {
  const lb = state.loadBalancers.find((l) => l.loadBalancerStatus === 'Active')!;
  const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
  return new $Alb.CreateListenerRequest({
    loadBalancerId: lb.loadBalancerId,
    listenerProtocol: 'HTTP',
    listenerPort: port,
    defaultActions: [
      new $Alb.CreateListenerRequestDefaultActions({
        type: 'ForwardGroup',
        forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
          serverGroupTuples: [
            new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
              serverGroupId: group.serverGroupId,
            }),
          ],
        }),
      }),
    ],
    ...(token ? { clientToken: token } : {}),
  });
};

const job = async (sdk: Clients, jobId: string) =>
  (await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [jobId] }))).body?.jobs?.[0];

describe('busy states where the metadata lists them', () => {
  test('DeleteListener: IncorrectStatus.Listener while Provisioning, ResourceInConfiguring.Listener while Configuring', async () => {
    const { sdk, state } = await start();
    const created = await sdk.alb.createListener(httpListenerRequest(state, 18_080));
    const listenerId = created.body!.listenerId!;
    const provisioning = await failure(
      sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId })),
    );
    expectErrorBody(provisioning.data, 'IncorrectStatus.Listener');
    clock += DELAY;
    await sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId }));
    const configuring = await failure(sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId })));
    expect(configuring.statusCode).toBe(400);
    expectErrorBody(configuring.data, 'ResourceInConfiguring.Listener');
  });

  test('CreateListener on an instance whose business status is Abnormal: IncorrectBusinessStatus.LoadBalancer', async () => {
    const seeded = await start();
    const abnormal = structuredClone(seeded.state);
    abnormal.loadBalancers[0]!.loadBalancerBussinessStatus = 'Abnormal';
    abnormal.loadBalancers[0]!.loadBalancerStatus = 'Active';
    await emulator!.close();
    const dir = await mkdtemp(join(tmpdir(), 'alb-busy-'));
    try {
      const statePath = join(dir, 'state.json');
      await writeFile(statePath, JSON.stringify(abnormal), { mode: 0o600 });
      const { sdk } = await start({ statePath });
      const refused = await failure(sdk.alb.createListener(httpListenerRequest(abnormal, 18_081)));
      expectErrorBody(refused.data, 'IncorrectBusinessStatus.LoadBalancer');
      await emulator!.close();
      emulator = undefined;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the same ClientToken while the first call has not done its work: IdempotenceProcessing; once done, the replay', () => {
    const state = seedState({ region: 'cn-hangzhou', seed: 11, now: clock });
    const core = new AlbCore(state, {
      now: () => clock,
      provisioningDelayMs: DELAY,
      onChange: () => undefined,
    });
    try {
      const params = flatten(httpListenerRequest(state, 18_082, 'token-busy-1').toMap());
      const release = core.claimClientToken('CreateListener', params);
      expect(() => core.claimClientToken('CreateListener', params)).toThrow(
        expect.objectContaining({ code: 'IdempotenceProcessing', httpStatus: 400 }),
      );
      // Another token, another action, or a dry run are not held up.
      expect(() =>
        core.claimClientToken('CreateListener', { ...params, ClientToken: 'other' }),
      ).not.toThrow();
      expect(() => core.claimClientToken('DeleteListener', params)).not.toThrow();
      expect(() => core.claimClientToken('CreateListener', { ...params, DryRun: 'true' })).not.toThrow();
      // The first call does its work (its answer not yet sent): a repeat is now a replay.
      const first = core.dispatch('CreateListener', '2020-06-16', params);
      expect(() => core.claimClientToken('CreateListener', params)).not.toThrow();
      expect(core.dispatch('CreateListener', '2020-06-16', params)).toEqual(first);
      release();
    } finally {
      core.close();
    }
  });
});

describe('busy states on demand (faults.codes)', () => {
  test('failures answer with the chosen codes and statuses, before any work', async () => {
    const { sdk, state } = await start({
      faults: { actions: { CreateListener: { failureRate: 1, codes: ['SystemBusy', 'Conflict.Lock'] } } },
    });
    const seen = new Map<string, number>();
    for (let port = 18_100; port < 18_110; port++) {
      const refused = await failure(sdk.alb.createListener(httpListenerRequest(state, port)));
      seen.set(refused.code, refused.statusCode);
      expect(typeof refused.data['Message']).toBe('string');
    }
    expect(Object.fromEntries(seen)).toEqual({ SystemBusy: 503, 'Conflict.Lock': 400 });
    expect(emulator!.snapshot().listeners).toHaveLength(state.listeners.length);
    // Reads are untouched: the setting is per action.
    await sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({}));
  });

  test('an unknown code is refused with the known ones named', async () => {
    await expect(startEmulator({ faults: { codes: ['Nope.Busy'] } })).rejects.toThrow(
      /unknown code "Nope.Busy".*SystemBusy/,
    );
  });
});

describe('asynchronous work that fails (faults.asyncFailureRate)', () => {
  test('a creation whose job fails: the job ends Failed with ErrorCode and ErrorMessage, the listener is rolled back', async () => {
    const { sdk, state } = await start({ faults: { asyncFailureRate: 1 } });
    const created = await sdk.alb.createListener(httpListenerRequest(state, 18_090));
    const { listenerId, jobId } = created.body!;
    expect((await job(sdk, jobId!))?.status).toBe('Processing');
    clock += DELAY;
    const failed = await job(sdk, jobId!);
    expect(failed?.status).toBe('Failed');
    expect(failed?.errorCode).toBe('InternalError');
    expect(failed?.errorMessage).toMatch(/CreateListener failed/);
    const gone = await failure(
      sdk.alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId })),
    );
    expect(gone.code).toBe('ResourceNotFound.Listener');
  });

  test('a deletion whose job fails leaves the listener Running', async () => {
    const { sdk, state } = await start({ faults: { actions: { DeleteListener: { asyncFailureRate: 1 } } } });
    // An HTTP listener: nothing depends on it (a QUIC one in use is refused, ResourceInUse.Listener).
    const target = state.listeners.find(
      (l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP',
    )!;
    const deleted = await sdk.alb.deleteListener(
      new $Alb.DeleteListenerRequest({ listenerId: target.listenerId }),
    );
    clock += DELAY;
    expect((await job(sdk, deleted.body!.jobId!))?.status).toBe('Failed');
    const still = await sdk.alb.getListenerAttribute(
      new $Alb.GetListenerAttributeRequest({ listenerId: target.listenerId }),
    );
    expect(still.body?.listenerStatus).toBe('Running');
  });

  test('without the setting jobs succeed', async () => {
    const { sdk, state } = await start();
    const created = await sdk.alb.createListener(httpListenerRequest(state, 18_091));
    clock += DELAY;
    expect((await job(sdk, created.body!.jobId!))?.status).toBe('Succeeded');
  });
});
