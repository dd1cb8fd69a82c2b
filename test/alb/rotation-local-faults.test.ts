// Faults against the real local ALB (its own fault injector, not the in-memory fake): 30 % of the
// changes during 100 edits and 50 rotations are dropped, half of them after the work is done (the reply lost). Edits retried with their
// ClientToken and rotations rerun until they report success end every listener exactly as intended:
// each edit done once, no certificate twice, none lost, nothing else touched. Seeded, so a failure
// reproduces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { isAlbError } from '../../source/alb/errors.js';
import { readRotationListeners, runRotation } from '../../source/alb/rotation.js';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import { planRotation } from '../../source/domain/rotation.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import type { FaultSpec } from '../../source/emulator/faults.js';
import { clientFor } from '../helpers/local-alb-client.js';

const EDITS = 100;
const ROTATIONS = 50;
const LISTENERS = 6;
const LOST: FaultSpec = { dropRate: 0.3, afterWorkShare: 0.5 };

let emulator: RunningEmulator;
/** Sees every fault: its own retries are off, so the retrying is the test's. */
let client: SdkAlbClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, provisioningDelayMs: 5, seed: 16 });
  client = clientFor(emulator, { retry: { maxAttempts: 1 } });
});
afterAll(() => emulator.close());

function certificateNamed(commonName: string): string {
  const found = emulator.snapshot().certificates.find((c) => c.commonName === commonName);
  if (!found) throw new Error(`no certificate ${commonName}`);
  return found.certificateId;
}

/** Every listener's certificates (default and extra) as the local ALB holds them. */
function boundCertificates(): Map<string, string> {
  return new Map(
    emulator
      .snapshot()
      .listeners.map((l) => [
        l.listenerId,
        JSON.stringify({ certificates: l.certificates ?? [], extras: l.extraCertificates ?? [] }),
      ]),
  );
}

async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      // Only what a dropped connection looks like is retried: anything else is a finding.
      if (attempt >= 30 || !isAlbError(error) || error.kind !== 'unreachable') throw error;
    }
  }
}

describe('edits and rotations under 30 % dropped changes, against the local ALB', () => {
  it('every listener ends exactly as intended: each edit once, no certificate twice or lost', async () => {
    const P = certificateNamed('data.example.cn');
    const Q = certificateNamed('pay.example.cn');
    const KEEP = certificateNamed('staging.example.com');
    const chosen = emulator
      .snapshot()
      .listeners.filter((l) => l.listenerProtocol === 'HTTPS' && l.listenerStatus === 'Running')
      .slice(0, LISTENERS)
      .map((l) => l.listenerId);
    expect(chosen).toHaveLength(LISTENERS);

    // Set-up, without faults: even listeners serve P as their default; odd ones KEEP, with P as an extra.
    const setup = clientFor(emulator);
    for (const [i, listenerId] of chosen.entries()) {
      const wantedDefault = i % 2 === 0 ? P : KEEP;
      const current = await setup.getListener(listenerId);
      if (current.certificates?.[0]?.certificateId !== wantedDefault) {
        await setup.updateListener({ listenerId, certificates: [{ certificateId: wantedDefault }] });
        await setup.waitForListener(listenerId, { until: 'Running', intervalMs: 5 });
      }
      if (i % 2 === 1) {
        await setup.associateCertificates(listenerId, [P]);
        await setup.waitForCertificates(listenerId, [P], { until: 'Associated', intervalMs: 5 });
      }
    }
    const others = new Map([...boundCertificates()].filter(([id]) => !chosen.includes(id)));
    const jobsBefore = new Set(emulator.snapshot().jobs.map((j) => j.id));

    emulator.setFaults({
      seed: 16,
      actions: {
        UpdateListenerAttribute: LOST,
        AssociateAdditionalCertificatesWithListener: LOST,
        DissociateAdditionalCertificatesFromListener: LOST,
      },
    });
    let failures = 0;
    const counting =
      <T>(work: () => Promise<T>) =>
      async () => {
        try {
          return await work();
        } catch (error) {
          failures++;
          throw error;
        }
      };

    // Edits: each one token, every retry the same token, until the listener is Running again.
    const intendedIdle = new Map<string, number>();
    for (let edit = 0; edit < EDITS; edit++) {
      const listenerId = chosen[edit % LISTENERS]!;
      const idleTimeout = 1 + (edit % 60);
      const clientToken = `edit-${edit}`;
      await retried(
        counting(async () => {
          await client.updateListener({ listenerId, idleTimeout }, { clientToken });
          await client.waitForListener(listenerId, { until: 'Running', intervalMs: 5 });
        }),
      );
      intendedIdle.set(listenerId, idleTimeout);
    }
    const editJobs = emulator.snapshot().jobs.filter((j) => !jobsBefore.has(j.id));
    // One job per edit: a retry after a lost reply was answered from its token, not done again.
    expect(editJobs.filter((j) => j.apiName === 'UpdateListenerAttribute')).toHaveLength(EDITS);
    for (const [listenerId, idleTimeout] of intendedIdle)
      expect((await client.getListener(listenerId)).idleTimeout).toBe(idleTimeout);

    // Rotations: P → Q, Q → P, …, each plan read again and rerun until the run reports success.
    let runs = 0;
    for (let rotation = 0; rotation < ROTATIONS; rotation++) {
      const [from, to] = rotation % 2 === 0 ? [P, Q] : [Q, P];
      for (;;) {
        expect(runs).toBeLessThan(ROTATIONS * 20);
        const listeners = (await collect(client.listListeners())).filter((l) =>
          chosen.includes(l.listenerId),
        );
        const plan = planRotation(await readRotationListeners(client, listeners), from, to);
        runs++;
        const result = await counting(async () => {
          const run = await runRotation(client, plan, { concurrency: 3, intervalMs: 5 });
          if (!run.ok) throw new Error('a listener failed');
          return run;
        })().catch(() => undefined);
        if (result) break;
      }
      for (const listenerId of chosen) {
        const ids = (await client.listListenerCertificates(listenerId)).map((c) => c.certificateId);
        expect(ids, `${listenerId} after rotation ${rotation}`).not.toContain(from);
        expect(
          ids.filter((id) => id === to),
          `${listenerId} after rotation ${rotation}`,
        ).toHaveLength(1);
      }
    }
    emulator.setFaults({});
    expect(failures).toBeGreaterThan(EDITS * 0.2);
    expect(runs).toBeGreaterThan(ROTATIONS);

    // The end: an even number of rotations brings every listener back to P, in the role it had.
    for (const [i, listenerId] of chosen.entries()) {
      const bound = (await client.listListenerCertificates(listenerId))
        .filter((c) => c.certificateType === 'Server')
        .map((c) => `${c.certificateId} ${c.isDefault ? 'default' : 'extra'} ${c.status}`)
        .sort();
      const expected =
        i % 2 === 0 ? [`${P} default Associated`] : [`${KEEP} default Associated`, `${P} extra Associated`];
      expect(bound, listenerId).toEqual(expected.sort());
      expect((await client.getListener(listenerId)).idleTimeout).toBe(intendedIdle.get(listenerId));
    }
    const othersAfter = new Map([...boundCertificates()].filter(([id]) => !chosen.includes(id)));
    expect(othersAfter).toEqual(others);
  });
});
