// The rotation runner against an in-memory ALB: the order of calls per listener, the ClientTokens,
// a failure that stops one listener and not the others, and a rerun that continues.
import { describe, expect, it } from 'vitest';
import {
  readRotationListeners,
  rotationClientToken,
  runRotation,
  type RotationEvent,
} from '../../source/alb/rotation.js';
import type { Listener } from '../../source/domain/resources.js';
import { concernedBy, planRotation } from '../../source/domain/rotation.js';
import { apiError, FakeRotationAlb, server, type FakeListener } from './rotation-fake.js';

const A = '14000001-cn-hangzhou';
const B = '14000002-cn-hangzhou';
const D = '14000003-cn-hangzhou';

function fakeListeners(): FakeListener[] {
  return [
    { listenerId: 'lsn-default', protocol: 'HTTPS', status: 'Running', certificates: [server(A, true)] },
    {
      listenerId: 'lsn-extra',
      protocol: 'HTTPS',
      status: 'Running',
      certificates: [server(D, true), server(A), server('14000004-cn-hangzhou')],
    },
    { listenerId: 'lsn-other', protocol: 'HTTPS', status: 'Running', certificates: [server(D, true)] },
    { listenerId: 'lsn-http', protocol: 'HTTP', status: 'Running', certificates: [] },
  ];
}

function asListing(alb: FakeRotationAlb): Listener[] {
  return [...alb.listeners.values()].map(
    (l) =>
      ({
        listenerId: l.listenerId,
        loadBalancerId: l.loadBalancerId ?? 'alb-1',
        listenerProtocol: l.protocol,
        listenerPort: 443,
        listenerDescription: l.listenerId,
        listenerStatus: l.status,
      }) as Listener,
  );
}

async function plan(alb: FakeRotationAlb, from = A, to = B, concerned: string[] = []) {
  return planRotation(await readRotationListeners(alb.client, asListing(alb)), from, to, concerned);
}

function certificatesOf(alb: FakeRotationAlb, listenerId: string) {
  return alb.listeners
    .get(listenerId)!
    .certificates.map((c) => `${c.certificateId}${c.isDefault ? '*' : ''}`);
}

describe('runRotation', () => {
  it('associates B, waits until Associated, then dissociates A; replaces a default in one update', async () => {
    const alb = new FakeRotationAlb(fakeListeners());
    const run = await runRotation(alb.client, await plan(alb), { concurrency: 4 });
    expect(run.ok).toBe(true);
    // Only the listeners using A are in the plan.
    expect(run.outcomes.map((o) => [o.listenerId, o.result])).toEqual([
      ['lsn-default', 'rotated'],
      ['lsn-extra', 'rotated'],
    ]);
    const extraCalls = alb.calls.filter((c) => c.listenerId === 'lsn-extra').map((c) => c.action);
    expect(extraCalls).toEqual([
      'AssociateAdditionalCertificatesWithListener',
      'wait:Associated',
      'DissociateAdditionalCertificatesFromListener',
      'wait:gone',
    ]);
    expect(alb.calls.filter((c) => c.listenerId === 'lsn-default').map((c) => c.action)).toEqual([
      'UpdateListenerAttribute',
    ]);
    expect(alb.calls.some((c) => c.listenerId === 'lsn-other' || c.listenerId === 'lsn-http')).toBe(false);
    expect(certificatesOf(alb, 'lsn-default')).toEqual([`${B}*`]);
    // The default and the other extra stay as they were.
    expect(certificatesOf(alb, 'lsn-extra')).toEqual([`${D}*`, '14000004-cn-hangzhou', B]);
  });

  it('every call carries the ClientToken derived from the run, the rotation, the listener and the step', async () => {
    const alb = new FakeRotationAlb(fakeListeners());
    const thePlan = await plan(alb);
    await runRotation(alb.client, thePlan, { runId: 'run-1' });
    const associate = alb.calls.find((c) => c.action === 'AssociateAdditionalCertificatesWithListener')!;
    expect(associate.clientToken).toBe(
      rotationClientToken(thePlan, 'lsn-extra', { kind: 'associate', certificateId: B }, 'run-1'),
    );
    expect(associate.clientToken).toMatch(/^[\x21-\x7e]{1,64}$/);
    const tokens = alb.calls.filter((c) => c.clientToken).map((c) => c.clientToken);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('a later run of the same rotation carries other ClientTokens, so no old reply is replayed', async () => {
    const first = new FakeRotationAlb(fakeListeners());
    await runRotation(first.client, await plan(first));
    const second = new FakeRotationAlb(fakeListeners());
    await runRotation(second.client, await plan(second));
    const tokensOf = (alb: FakeRotationAlb) => alb.calls.map((c) => c.clientToken).filter(Boolean);
    expect(tokensOf(first).length).toBeGreaterThan(0);
    for (const token of tokensOf(second)) expect(tokensOf(first)).not.toContain(token);
  });

  it('reports each step as it starts and ends, and each listener as it finishes', async () => {
    const alb = new FakeRotationAlb(fakeListeners());
    const events: RotationEvent[] = [];
    await runRotation(alb.client, await plan(alb), { onEvent: (e) => events.push(e) });
    const forExtra = events.filter(
      (e) => (e.kind === 'finished' ? e.outcome.listenerId : e.listenerId) === 'lsn-extra',
    );
    expect(
      forExtra.filter((e) => e.kind === 'step').map((e) => e.kind === 'step' && `${e.step.kind}:${e.phase}`),
    ).toEqual([
      'associate:started',
      'associate:done',
      'awaitAssociated:started',
      'awaitAssociated:done',
      'dissociate:started',
      'dissociate:done',
      'awaitDissociated:started',
      'awaitDissociated:done',
    ]);
    expect(
      forExtra.some((e) => e.kind === 'status' && e.certificateId === B && e.status === 'Associated'),
    ).toBe(true);
    expect(forExtra.at(-1)).toMatchObject({ kind: 'finished', outcome: { result: 'rotated' } });
  });

  it('a failure stops that listener where it is and says which step; the others go on; a rerun continues', async () => {
    const alb = new FakeRotationAlb(fakeListeners());
    alb.fail = (call, after) =>
      call.listenerId === 'lsn-extra' && call.action.startsWith('Dissociate') && !after
        ? apiError('server', 'InternalError', 'boom')
        : undefined;
    const firstPlan = await plan(alb);
    const first = await runRotation(alb.client, firstPlan);
    expect(first.ok).toBe(false);
    const failed = first.outcomes.find((o) => o.listenerId === 'lsn-extra')!;
    expect(failed).toMatchObject({
      result: 'failed',
      failedStep: { kind: 'dissociate', certificateId: A },
      stepsDone: [
        { kind: 'associate', certificateId: B },
        { kind: 'awaitAssociated', certificateId: B },
      ],
    });
    expect(first.outcomes.find((o) => o.listenerId === 'lsn-default')!.result).toBe('rotated');
    // Left with both: never without a certificate serving A's names.
    expect(certificatesOf(alb, 'lsn-extra')).toEqual([`${D}*`, A, '14000004-cn-hangzhou', B]);

    alb.fail = undefined;
    alb.calls.length = 0;
    const resumed = await plan(alb, A, B, concernedBy(firstPlan));
    const extra = resumed.listeners.find((l) => l.listener.listenerId === 'lsn-extra')!;
    expect(extra).toMatchObject({ action: 'change', resuming: true });
    const second = await runRotation(alb.client, resumed);
    expect(second.ok).toBe(true);
    expect(second.outcomes.map((o) => o.result)).toEqual(['done', 'rotated']);
    expect(alb.calls.map((c) => c.action)).toEqual([
      'DissociateAdditionalCertificatesFromListener',
      'wait:gone',
    ]);
    expect(certificatesOf(alb, 'lsn-extra')).toEqual([`${D}*`, '14000004-cn-hangzhou', B]);
  });

  it('a reply lost after the work: the rerun plans from what is there and does not repeat the call', async () => {
    const alb = new FakeRotationAlb(fakeListeners());
    alb.fail = (call, after) =>
      call.action.startsWith('Associate') && after ? apiError('server', 'InternalError', 'lost') : undefined;
    const first = await runRotation(alb.client, await plan(alb));
    expect(first.outcomes[1]).toMatchObject({ result: 'failed', failedStep: { kind: 'associate' } });
    alb.fail = undefined;
    alb.calls.length = 0;
    const second = await runRotation(alb.client, await plan(alb));
    expect(second.ok).toBe(true);
    expect(alb.calls.filter((c) => c.action.startsWith('Associate'))).toEqual([]);
    expect(certificatesOf(alb, 'lsn-extra')).toEqual([`${D}*`, '14000004-cn-hangzhou', B]);
  });

  it('a repeated call (same step, same token) is the same change, and "already associated" counts as done', async () => {
    const alb = new FakeRotationAlb(fakeListeners());
    const thePlan = await plan(alb);
    // Someone associated B between planning and running.
    alb.listeners.get('lsn-extra')!.certificates.push(server(B, false, 'Associating'));
    const run = await runRotation(alb.client, thePlan);
    expect(run.ok).toBe(true);
    expect(certificatesOf(alb, 'lsn-extra')).toEqual([`${D}*`, '14000004-cn-hangzhou', B]);
  });

  it('one change at a time per instance: its listeners in turn, instances side by side up to the cap', async () => {
    const many: FakeListener[] = Array.from({ length: 12 }, (_, i) => ({
      listenerId: `lsn-${i}`,
      loadBalancerId: `alb-${Math.floor(i / 3)}`,
      protocol: 'HTTPS' as const,
      status: 'Running' as const,
      certificates: i % 3 === 0 ? [server(A, true)] : [server(D, true), server(A)],
    }));
    const alb = new FakeRotationAlb(many);
    alb.oneChangePerInstance = true;
    let active = 0;
    let most = 0;
    const perInstance = new Map<string, number>();
    const client = alb.client;
    const instanceOf = (listenerId: string) => alb.listeners.get(listenerId)!.loadBalancerId!;
    const track =
      <Args extends [string, ...unknown[]], R>(call: (...args: Args) => Promise<R>) =>
      async (...args: Args): Promise<R> => {
        const instance = instanceOf(args[0]);
        perInstance.set(instance, (perInstance.get(instance) ?? 0) + 1);
        expect(perInstance.get(instance)).toBe(1);
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        try {
          return await call(...args);
        } finally {
          active--;
          perInstance.set(instance, perInstance.get(instance)! - 1);
        }
      };
    const tracked = {
      ...client,
      waitForCertificates: track(client.waitForCertificates),
      waitForListener: track(client.waitForListener) as typeof client.waitForListener,
    };
    const run = await runRotation(tracked, await plan(alb), { concurrency: 3 });
    expect(alb.instanceRefusals).toEqual([]);
    expect(run.ok).toBe(true);
    expect(run.outcomes.every((o) => o.result === 'rotated')).toBe(true);
    // Three of the four instances at once, never two changes on one.
    expect(most).toBe(3);
  });
});
