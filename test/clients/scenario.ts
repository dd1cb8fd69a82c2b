// One scenario every official client runs against the local ALB: list with NextToken paging, create
// with DryRun and a ClientToken replay, provoke an error (as that client surfaces it), delete.
import { expect } from 'vitest';
import type { EmulatorState, RunningEmulator } from '../../source/emulator/index.js';

export type Params = Record<string, string>;

/** What a client gives back: the reply body, or its error as that client shapes it. */
export interface RpcCaller {
  call(action: string, params: Params): Promise<Record<string, unknown>>;
  /** The code and message a failed call carries, as the client surfaces them. */
  errorOf(error: unknown): { code: string; message: string };
  /** How the client spells the service's code (rpc-client appends `Error`). */
  codeOf?(serviceCode: string): string;
}

async function refusal(
  caller: RpcCaller,
  action: string,
  params: Params,
): Promise<{ code: string; message: string }> {
  try {
    await caller.call(action, params);
  } catch (error) {
    return caller.errorOf(error);
  }
  throw new Error(`${action} was expected to fail`);
}

/** A CreateListener request on a free port of an active instance, flattened as the wire has it. */
export function createParams(state: EmulatorState, port: number): Params {
  const lb = state.loadBalancers.find((l) => l.loadBalancerStatus === 'Active')!;
  const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
  return {
    LoadBalancerId: lb.loadBalancerId,
    ListenerProtocol: 'HTTP',
    ListenerPort: String(port),
    'DefaultActions.1.Type': 'ForwardGroup',
    'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': group.serverGroupId,
  };
}

export async function runScenario(caller: RpcCaller, emulator: RunningEmulator, port: number): Promise<void> {
  const code = (serviceCode: string) => caller.codeOf?.(serviceCode) ?? serviceCode;
  const state = emulator.snapshot();

  // Paging: every listener once, in pages of 7.
  const seen: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await caller.call('ListListeners', {
      MaxResults: '7',
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    const listeners = page['Listeners'] as { ListenerId: string }[];
    expect(listeners.length).toBeLessThanOrEqual(7);
    seen.push(...listeners.map((l) => l.ListenerId));
    expect(Number(page['TotalCount'])).toBe(state.listeners.length);
    nextToken =
      typeof page['NextToken'] === 'string' && page['NextToken'] !== '' ? page['NextToken'] : undefined;
    pages++;
  } while (nextToken);
  expect(pages).toBe(Math.ceil(state.listeners.length / 7));
  expect(seen).toEqual(state.listeners.map((l) => l.listenerId));

  // DryRun: checked, nothing created.
  const request = createParams(state, port);
  const dryRun = await refusal(caller, 'CreateListener', { ...request, DryRun: 'true' });
  expect(dryRun.code).toBe(code('DryRunOperation'));
  expect(emulator.snapshot().listeners).toHaveLength(state.listeners.length);

  // ClientToken: the repeat answers the first call's listener, and creates nothing more.
  const token = `client-test-${port}`;
  const created = await caller.call('CreateListener', { ...request, ClientToken: token });
  const listenerId = created['ListenerId'];
  expect(listenerId).toMatch(/^lsn-/);
  const repeated = await caller.call('CreateListener', { ...request, ClientToken: token });
  expect(repeated['ListenerId']).toBe(listenerId);
  expect(emulator.snapshot().listeners).toHaveLength(state.listeners.length + 1);

  // An error: the same port again, without the token, is refused with the code and message ALB gives.
  const taken = await refusal(caller, 'CreateListener', request);
  expect(taken.code).toBe(code('ResourceAlreadyExist.Listener'));
  expect(taken.message).toMatch(/already exist|is already|in use/i);
  const missing = await refusal(caller, 'GetListenerAttribute', { ListenerId: 'lsn-nosuchlistener00000' });
  expect(missing.code).toBe(code('ResourceNotFound.Listener'));
  expect(missing.message).toContain('lsn-nosuchlistener00000');

  // Delete (the local ALB runs with no asynchronous delay here): the listener is gone.
  const deleted = await caller.call('DeleteListener', { ListenerId: String(listenerId) });
  expect(deleted['JobId']).toMatch(/^[0-9a-f-]{36}$/);
  const gone = await refusal(caller, 'GetListenerAttribute', { ListenerId: String(listenerId) });
  expect(gone.code).toBe(code('ResourceNotFound.Listener'));
}
