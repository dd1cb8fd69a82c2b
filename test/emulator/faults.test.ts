// Fault injection: reproducible for a seed, per action, and able to strike after the work is done —
// the case where only a ClientToken keeps a retry from creating a second listener.
import { afterEach, describe, expect, test } from 'vitest';
import { startEmulator, type FaultOptions, type RunningEmulator } from '../../source/emulator/index.js';
import { $Alb, albClient, clients, failure, sdkConfig } from './helpers.js';

const running: RunningEmulator[] = [];
async function start(faults: FaultOptions, seed = 1): Promise<RunningEmulator> {
  const emulator = await startEmulator({ seed, faults });
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function outcomes(emulator: RunningEmulator, calls: number): Promise<string[]> {
  const { alb } = clients(emulator);
  const out: string[] = [];
  for (let i = 0; i < calls; i++) {
    try {
      await alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ maxResults: 1 }));
      out.push('ok');
    } catch (error) {
      out.push((error as { code?: string }).code ?? 'network');
    }
  }
  return out;
}

function createRequest(
  emulator: RunningEmulator,
  port: number,
  clientToken?: string,
): $Alb.CreateListenerRequest {
  const state = emulator.snapshot();
  return new $Alb.CreateListenerRequest({
    loadBalancerId: state.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!.loadBalancerId,
    listenerProtocol: 'HTTP',
    listenerPort: port,
    ...(clientToken ? { clientToken } : {}),
    defaultActions: [
      new $Alb.CreateListenerRequestDefaultActions({
        type: 'ForwardGroup',
        forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
          serverGroupTuples: [
            new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
              serverGroupId: state.serverGroups.find((g) => g.serverGroupName === 'web-frontend-http')!
                .serverGroupId,
            }),
          ],
        }),
      }),
    ],
  });
}

describe('fault injection', () => {
  test('the same seed gives the same faults; another seed other faults', async () => {
    const faults: FaultOptions = { failureRate: 0.3, throttleRate: 0.2 };
    const a = await outcomes(await start(faults, 42), 24);
    const b = await outcomes(await start(faults, 42), 24);
    const c = await outcomes(await start(faults, 43), 24);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a)).toEqual(new Set(['ok', 'InternalError', 'Throttling.User']));
  });

  test('setFaults restarts the sequence from the seed', async () => {
    const emulator = await start({ failureRate: 0.5, seed: 9 });
    const first = await outcomes(emulator, 12);
    emulator.setFaults({ failureRate: 0.5, seed: 9 });
    expect(await outcomes(emulator, 12)).toEqual(first);
    emulator.setFaults({});
    expect(await outcomes(emulator, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  test('a 500 is InternalError with a JSON body', async () => {
    const emulator = await start({ failureRate: 1 });
    const error = await failure(
      clients(emulator).alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({})),
    );
    expect(error.statusCode).toBe(500);
    expect(error.code).toBe('InternalError');
    expect(error.data['RequestId']).toBeTruthy();
  });

  test('throttling is Throttling.User with x-acs-retry-after in milliseconds', async () => {
    const emulator = await start({ throttleRate: 1, retryAfterMs: 750 });
    const error = await failure(clients(emulator).alb.listListeners(new $Alb.ListListenersRequest({})));
    expect(error.code).toBe('Throttling.User');
    expect((error as unknown as { name: string }).name).toBe('ThrottlingError');
    expect(error.retryAfter).toBe(750);
  });

  test('faults can target one action', async () => {
    const emulator = await start({ actions: { ListLoadBalancers: { failureRate: 1 } } });
    const { alb } = clients(emulator);
    await expect(alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({}))).rejects.toMatchObject({
      code: 'InternalError',
    });
    const { body } = await alb.listListeners(new $Alb.ListListenersRequest({}));
    expect(body?.totalCount).toBeGreaterThan(0);
  });

  test('a dropped connection gets no answer at all', async () => {
    const emulator = await start({ dropRate: 1 });
    const error = (await failure(
      clients(emulator).alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({})),
    )) as unknown as { statusCode?: number; message: string };
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
  });

  test('an unanswered request ends in the client read timeout, and close() does not wait for it', async () => {
    const emulator = await start({ timeoutRate: 1 });
    const config = sdkConfig(emulator);
    config.readTimeout = 200;
    const error = (await failure(
      albClient(config).listLoadBalancers(new $Alb.ListLoadBalancersRequest({})),
    )) as unknown as { message: string };
    expect(error.message).toMatch(/timeout/i);
    const held = albClient(sdkConfig(emulator))
      .listLoadBalancers(new $Alb.ListLoadBalancersRequest({}))
      .catch((e: Error) => e);
    await emulator.close();
    expect(await held).toBeInstanceOf(Error);
  });

  test('latency delays every answer', async () => {
    const emulator = await start({ latencyMs: 1500 });
    const config = sdkConfig(emulator);
    config.readTimeout = 100;
    const error = (await failure(
      albClient(config).listLoadBalancers(new $Alb.ListLoadBalancersRequest({})),
    )) as unknown as { message: string };
    expect(error.message).toMatch(/timeout/i);
  });

  test('CreateListener dropped after the work: the retry with the same ClientToken returns the listener created', async () => {
    const emulator = await start({ actions: { CreateListener: { dropRate: 1, afterWorkShare: 1 } } });
    const { alb } = clients(emulator);
    const before = emulator.snapshot().listeners.length;
    const error = (await failure(
      alb.createListener(createRequest(emulator, 7100, 'retry-me')),
    )) as unknown as { message: string };
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
    const created = emulator.snapshot().listeners.filter((l) => l.listenerPort === 7100);
    expect(created).toHaveLength(1);

    emulator.setFaults({});
    const { body } = await alb.createListener(createRequest(emulator, 7100, 'retry-me'));
    expect(body?.listenerId).toBe(created[0]!.listenerId);
    expect(emulator.snapshot().listeners.length).toBe(before + 1);
  });

  test('CreateListener failing before the work creates nothing', async () => {
    const emulator = await start({ actions: { CreateListener: { failureRate: 1, afterWorkShare: 0 } } });
    const before = emulator.snapshot().listeners.length;
    const error = await failure(clients(emulator).alb.createListener(createRequest(emulator, 7101, 'never')));
    expect(error.code).toBe('InternalError');
    expect(emulator.snapshot().listeners.length).toBe(before);
  });

  test('a 500 after the work: without a ClientToken the retry is refused as a duplicate port', async () => {
    const emulator = await start({ actions: { CreateListener: { failureRate: 1, afterWorkShare: 1 } } });
    const { alb } = clients(emulator);
    expect((await failure(alb.createListener(createRequest(emulator, 7102)))).code).toBe('InternalError');
    emulator.setFaults({});
    expect((await failure(alb.createListener(createRequest(emulator, 7102)))).code).toBe(
      'ResourceAlreadyExist.Listener',
    );
  });

  test('invalid settings are refused', async () => {
    await expect(startEmulator({ faults: { failureRate: 1.5 } })).rejects.toThrow(/failureRate/);
    await expect(startEmulator({ faults: { failureRate: 0.6, dropRate: 0.6 } })).rejects.toThrow(
      /more than 1/,
    );
  });
});
