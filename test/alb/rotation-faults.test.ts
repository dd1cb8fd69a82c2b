// Faults: 30 % of changes lose their reply after the work is done, during 100 edits and 50
// rotations; retrying (edits with their ClientToken, rotations by rerunning the plan) ends every
// listener exactly as intended, and no certificate the rotations were not asked about is touched.
// Seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { readRotationListeners, runRotation } from '../../source/alb/rotation.js';
import { createPrng } from '../../source/emulator/prng.js';
import type { Listener } from '../../source/domain/resources.js';
import { planRotation } from '../../source/domain/rotation.js';
import { apiError, FakeRotationAlb, server, type FakeListener } from './rotation-fake.js';

const cert = (n: number) => `${15000000 + n}-cn-hangzhou`;
const KEEP = '14999999-cn-hangzhou';

describe('rotation and edits under lost replies', () => {
  it('30 % lost replies over 100 edits and 50 rotations: every listener ends as intended', async () => {
    const prng = createPrng(16);
    const listeners: FakeListener[] = Array.from({ length: 6 }, (_, i) => ({
      listenerId: `lsn-${i}`,
      protocol: 'HTTPS',
      status: 'Running',
      // Half use the rotated certificate as the default, half as an extra beside one that stays.
      certificates: i % 2 === 0 ? [server(cert(0), true)] : [server(KEEP, true), server(cert(0))],
    }));
    const alb = new FakeRotationAlb(listeners);
    let lost = 0;
    alb.fail = (call, after) => {
      if (!after || !call.clientToken || prng.next() >= 0.3) return undefined;
      lost++;
      return apiError('server', 'InternalError', 'reply lost');
    };
    const listing = (): Listener[] =>
      [...alb.listeners.values()].map(
        (l) =>
          ({
            listenerId: l.listenerId,
            loadBalancerId: 'alb-1',
            listenerProtocol: l.protocol,
            listenerPort: 443,
            listenerDescription: '',
            listenerStatus: l.status,
          }) as Listener,
      );

    // 100 edits: each sets a default certificate with one token, retried with the same token.
    const intendedDefault = new Map<string, string>();
    for (let edit = 0; edit < 100; edit++) {
      const listenerId = `lsn-${edit % 6}`;
      const wanted = edit % 2 === 0 ? cert(1000 + edit) : cert(0);
      const token = `edit-${edit}`;
      for (let attempt = 0; ; attempt++) {
        expect(attempt).toBeLessThan(20);
        try {
          if (
            alb.listeners
              .get(listenerId)!
              .certificates.some((c) => !c.isDefault && c.certificateId === wanted)
          )
            break;
          await alb.client.updateListener(
            { listenerId, certificates: [{ certificateId: wanted }] },
            { clientToken: token },
          );
          await alb.client.waitForListener(listenerId, { until: 'Running' });
          intendedDefault.set(listenerId, wanted);
          break;
        } catch {
          // Lost reply: the same token again is the same edit.
        }
      }
    }
    for (const [listenerId, wanted] of intendedDefault)
      expect(alb.listeners.get(listenerId)!.certificates.find((c) => c.isDefault)!.certificateId).toBe(
        wanted,
      );

    // 50 rotations: cert(k) → cert(k + 1), each rerun until it reports every listener done.
    let calls = 0;
    for (let k = 0; k < 50; k++) {
      const from = cert(k);
      const to = cert(k + 1);
      for (let rerun = 0; ; rerun++) {
        expect(rerun).toBeLessThan(30);
        const plan = planRotation(await readRotationListeners(alb.client, listing()), from, to);
        const result = await runRotation(alb.client, plan, { concurrency: 3 });
        calls++;
        if (result.ok) break;
      }
      for (const listener of alb.listeners.values()) {
        const ids = listener.certificates.map((c) => c.certificateId);
        expect(ids).not.toContain(from);
      }
    }
    expect(lost).toBeGreaterThan(30);
    expect(calls).toBeGreaterThan(50);
    // No certificate twice, nothing left half-way, and the extras hold exactly the last certificate.
    for (const listener of alb.listeners.values()) {
      const usesRotated = listener.certificates.some((c) => c.certificateId === cert(50));
      if (usesRotated)
        expect(listener.certificates.filter((c) => c.certificateId === cert(50))).toHaveLength(1);
      expect(listener.certificates.every((c) => c.status === 'Associated')).toBe(true);
    }
    for (const i of [1, 3, 5]) {
      const extras = alb.listeners.get(`lsn-${i}`)!.certificates.filter((c) => !c.isDefault);
      expect(extras.map((c) => c.certificateId)).toEqual([cert(50)]);
    }
  });
});
