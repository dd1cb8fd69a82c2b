// Benchmark: rotating one certificate across exactly 200 HTTPS listeners (half using it as the
// default, half as an extra certificate) on 20 Active instances of the local ALB, with 50 ms of
// latency on every call and 2 s for every asynchronous change (association, dissociation,
// configuration), through the real client and the rotation engine the app and `alb-tui certs rotate`
// use. Reported beside the bound the API allows, in the same run: an instance takes one change at a
// time, instances side by side up to the concurrency, so no run can beat
// max(busiest instance's changes, ⌈all changes ÷ instances at once⌉) × delay.
//
// Alone: node --import tsx scripts/bench/rotation.ts [--concurrency N] [--latency MS] [--delay MS]
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../../source/alb/client.js';
import { readRotationListeners, runRotation } from '../../source/alb/rotation.js';
import { changesOf, planRotation } from '../../source/domain/rotation.js';
import {
  DEFAULT_REGION,
  DEFAULT_SEED,
  startEmulator,
  type EmulatorState,
} from '../../source/emulator/index.js';
import { seedState } from '../../source/emulator/seed.js';

const DAY = 86_400_000;
import { clientFor } from '../../test/helpers/local-alb-client.js';
import { argument, isMain, printBeside, type BenchResult, type ScaledBenchOptions } from './_common.js';

export interface RotationBenchOptions extends ScaledBenchOptions {
  delayMs?: number;
}

export async function run(options: RotationBenchOptions = {}): Promise<BenchResult[]> {
  const instances = options.instances ?? 20;
  const listeners = options.listeners ?? 200;
  const latencyMs = options.latencyMs ?? 50;
  const delayMs = options.delayMs ?? 2000;
  const concurrency = options.concurrency ?? 50;
  const directory = await mkdtemp(join(tmpdir(), 'alb-tui-rotation-bench-'));
  const statePath = join(directory, 'state.json');
  try {
    // Set-up, unmeasured: the demo state with enough instances and two certificates of its own (the
    // demo's are all in use, and this rotation is to concern the bench's listeners only); a local ALB
    // without delay or latency adds the listeners, then the measured one starts from its state.
    await writeFile(statePath, JSON.stringify(benchState(instances + 10)), { mode: 0o600 });
    const setup = await startEmulator({ port: 0, statePath, provisioningDelayMs: 0, saveDebounceMs: 0 });
    let from: string, to: string;
    try {
      ({ from, to } = await prepare(clientFor(setup, { concurrency }), instances, listeners));
    } finally {
      await setup.close();
    }

    const emulator = await startEmulator({ port: 0, statePath, provisioningDelayMs: delayMs });
    try {
      const client = clientFor(emulator, { concurrency });
      emulator.setFaults({ latencyMs });
      const started = performance.now();
      const current = await collect(client.listListeners());
      const plan = planRotation(await readRotationListeners(client, current, { concurrency }), from, to);
      const changes = changesOf(plan);
      const result = await runRotation(client, plan, { concurrency });
      const elapsed = performance.now() - started;
      if (!result.ok)
        throw new Error(`${result.outcomes.filter((o) => o.result === 'failed').length} listeners failed`);
      if (changes.length !== listeners)
        throw new Error(`the plan changes ${changes.length} listeners, not ${listeners}`);

      // The bound: an instance takes one asynchronous change at a time (associate, dissociate, or the
      // default's update), so the instances' changes run in `min(instances, concurrency)` lanes; the
      // run cannot end before its busiest instance nor before the changes divided among the lanes.
      const perInstance = new Map<string, number>();
      for (const change of changes) {
        const id = change.listener.loadBalancerId;
        perInstance.set(id, (perInstance.get(id) ?? 0) + asyncSteps(change.steps));
      }
      const total = [...perInstance.values()].reduce((sum, n) => sum + n, 0);
      const lanes = Math.min(perInstance.size, concurrency);
      const serial = Math.max(Math.max(...perInstance.values()), Math.ceil(total / lanes));
      const bound = serial * delayMs;
      const extras = changes.filter((c) => c.role !== 'default').length;
      return [
        {
          name: `certificate rotation: ${changes.length} HTTPS listeners (${extras} extra, ${changes.length - extras} default) / ${perInstance.size} instances @ ${latencyMs} ms, ${delayMs} ms per change`,
          value: Math.round(elapsed),
          baseline: Math.round(bound),
          unit: 'ms',
          note:
            `${(elapsed / bound).toFixed(2)}× the bound (${total} asynchronous changes, one at a time per instance, ` +
            `${lanes} instances at once: max(busiest instance, ⌈${total} ÷ ${lanes}⌉) = ${serial} × ${delayMs} ms; aim ≤ 1.5×); ` +
            `reading the listeners included`,
        },
      ];
    } finally {
      await emulator.close();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The demo state with at least `instances` instances and two fresh certificates (A and B). */
function benchState(instances: number): EmulatorState {
  const state = seedState({
    region: DEFAULT_REGION,
    seed: DEFAULT_SEED,
    now: Date.now(),
    scale: { instances, listeners: 1 },
  });
  const model = state.certificates.find((c) => !c.isCa && Date.parse(c.endDate) > Date.now() + 30 * DAY)!;
  const region = model.certificateId.slice(String(model.casId).length + 1);
  const fresh = (casId: number, name: string) => ({
    ...model,
    casId,
    certificateId: `${casId}-${region}`,
    name,
    fingerprint: createHash('sha256').update(name).digest('hex'),
    endDate: new Date(Date.now() + 365 * DAY).toISOString(),
  });
  state.certificates.push(fresh(19_990_001, 'rotation-bench-a'), fresh(19_990_002, 'rotation-bench-b'));
  return state;
}

/** Each listener's asynchronous changes: associate and dissociate for an extra, one update for a default. */
function asyncSteps(steps: readonly { kind: string }[]): number {
  return steps.filter((s) => s.kind === 'replaceDefault' || s.kind === 'associate' || s.kind === 'dissociate')
    .length;
}

/**
 * Exactly `listeners` HTTPS listeners using one certificate A, spread over `instances` Active
 * instances: half with A as the default, half with A as an extra beside another default. A is one no
 * other listener uses, so the rotation concerns these and nothing else.
 */
async function prepare(
  client: ReturnType<typeof clientFor>,
  instances: number,
  listeners: number,
): Promise<{ from: string; to: string }> {
  const all = await collect(client.listListeners());
  const used = new Set(
    (await readRotationListeners(client, all)).flatMap((l) => l.certificates.map((c) => c.certificateId)),
  );
  const valid = (await client.listCertificates()).filter(
    (c) => !c.isCa && Date.parse(c.endDate) > Date.now() + 86_400_000,
  );
  const unused = valid.filter((c) => !used.has(c.certificateId));
  const from = unused[0];
  const to = unused[1] ?? valid.find((c) => c !== from);
  const other = valid.find((c) => c !== from && c !== to);
  if (!from || !to || !other)
    throw new Error('the local ALB lacks an unused and two more valid certificates');

  const active = (await collect(client.listLoadBalancers()))
    .filter((lb) => lb.loadBalancerStatus === 'Active')
    .slice(0, instances);
  if (active.length < instances) throw new Error(`only ${active.length} Active instances`);
  const groups = await collect(client.listServerGroups());
  await Promise.all(
    active.map(async (lb, index) => {
      const group = groups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP');
      if (!group) throw new Error(`no HTTP server group in ${lb.vpcId}`);
      const count = Math.floor(listeners / instances) + (index < listeners % instances ? 1 : 0);
      for (let n = 0; n < count; n++) {
        const asDefault = n % 2 === 0;
        const created = await client.createListener({
          loadBalancerId: lb.loadBalancerId,
          listenerProtocol: 'HTTPS',
          listenerPort: 20_000 + n,
          listenerDescription: `rotation_bench_${n}`,
          certificates: [{ certificateId: (asDefault ? from : other).certificateId }],
          defaultActions: [
            {
              type: 'ForwardGroup',
              forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
            },
          ],
        });
        if (!('listenerId' in created)) throw new Error('creation answered as a dry run');
        await client.waitForListener(created.listenerId, { until: 'Running', intervalMs: 20 });
        if (asDefault) continue;
        await client.associateCertificates(created.listenerId, [from.certificateId]);
        await client.waitForCertificates(created.listenerId, [from.certificateId], {
          until: 'Associated',
          intervalMs: 20,
        });
      }
    }),
  );
  return { from: from.certificateId, to: to.certificateId };
}

if (isMain(import.meta.url)) {
  const results = await run({
    concurrency: argument('concurrency'),
    latencyMs: argument('latency'),
    delayMs: argument('delay'),
  });
  printBeside(results, 'bound');
}
