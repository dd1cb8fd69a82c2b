// Benchmark: rotating one certificate across the listeners of 20 instances (200 listeners) on the
// local ALB with 50 ms of latency on every call and 2 s for every asynchronous change (association,
// dissociation, configuration), through the real client and the rotation engine the app and
// `alb-tui certs rotate` use. Reported beside the bound the API allows in the same run: each
// listener's changes run one after another (a listener takes one change at a time), listeners
// `concurrency` at a time, so the bound is ⌈listeners ÷ concurrency⌉ × (asynchronous changes per
// listener × delay).
//
// Alone: node --import tsx scripts/bench/rotation.ts [--concurrency N] [--latency MS] [--delay MS]
import { fileURLToPath } from 'node:url';
import { collect } from '../../source/alb/client.js';
import { readRotationListeners, runRotation } from '../../source/alb/rotation.js';
import { changesOf, planRotation } from '../../source/domain/rotation.js';
import { startEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../../test/helpers/local-alb-client.js';

export interface BenchResult {
  name: string;
  value: number;
  baseline: number;
  unit: string;
  note: string;
}

export interface RotationBenchOptions {
  instances?: number;
  listeners?: number;
  latencyMs?: number;
  delayMs?: number;
  concurrency?: number;
}

export async function run(options: RotationBenchOptions = {}): Promise<BenchResult[]> {
  const instances = options.instances ?? 20;
  const listeners = options.listeners ?? 200;
  const latencyMs = options.latencyMs ?? 50;
  const delayMs = options.delayMs ?? 2000;
  const concurrency = options.concurrency ?? 50;

  const emulator = await startEmulator({
    port: 0,
    scale: { instances, listeners },
    provisioningDelayMs: delayMs,
  });
  try {
    const client = clientFor(emulator, { concurrency });
    const certificates = (await client.listCertificates()).filter(
      (c) => !c.isCa && Date.parse(c.endDate) > Date.now(),
    );
    const [from, to] = certificates;
    if (!from || !to) throw new Error('the local ALB has fewer than two valid server certificates');

    // Set-up, unmeasured and without latency: every HTTPS listener gets A as an extra certificate,
    // every QUIC listener A as its default (HTTP listeners have none).
    // Listeners of an instance that is not Active refuse changes (the demo seeds one Configuring).
    const active = (await collect(client.listLoadBalancers()))
      .filter((lb) => lb.loadBalancerStatus === 'Active')
      .map((lb) => lb.loadBalancerId);
    const all = await collect(client.listListeners({ loadBalancerIds: active }));
    // An instance takes one change at a time: its listeners in turn, instances side by side.
    const byInstance = new Map<string, typeof all>();
    for (const listener of all)
      byInstance.set(listener.loadBalancerId, [...(byInstance.get(listener.loadBalancerId) ?? []), listener]);
    await Promise.all(
      [...byInstance.values()].map(async (ofInstance) => {
        for (const listener of ofInstance) {
          if (listener.listenerProtocol === 'HTTPS') {
            // A listener with A as its default already uses it.
            const associated = await client
              .associateCertificates(listener.listenerId, [from.certificateId])
              .then(() => true)
              .catch((error: unknown) => {
                if ((error as { code?: string }).code !== 'OperationDenied.DefaultCertificateUsed')
                  throw error;
                return false;
              });
            if (associated)
              await client.waitForCertificates(listener.listenerId, [from.certificateId], {
                until: 'Associated',
                intervalMs: 100,
              });
          } else if (listener.listenerProtocol === 'QUIC') {
            await client.updateListener({
              listenerId: listener.listenerId,
              certificates: [{ certificateId: from.certificateId }],
            });
            await client.waitForListener(listener.listenerId, { until: 'Running', intervalMs: 100 });
          }
        }
      }),
    );

    emulator.setFaults({ latencyMs });
    const started = performance.now();
    const current = await collect(client.listListeners({ loadBalancerIds: active }));
    const plan = planRotation(
      await readRotationListeners(client, current, { concurrency }),
      from.certificateId,
      to.certificateId,
    );
    const changes = changesOf(plan);
    const result = await runRotation(client, plan, { concurrency });
    const elapsed = performance.now() - started;
    if (!result.ok)
      throw new Error(`${result.outcomes.filter((o) => o.result === 'failed').length} listeners failed`);

    // Each listener's asynchronous changes: associate and dissociate for an extra, one update for a default.
    const asyncSteps = (steps: readonly { kind: string }[]) =>
      steps.filter((s) => s.kind === 'replaceDefault' || s.kind === 'associate' || s.kind === 'dissociate')
        .length;
    const chain = Math.max(...changes.map((c) => asyncSteps(c.steps)));
    const rounds = Math.ceil(changes.length / concurrency);
    const bound = rounds * chain * delayMs;
    const extras = changes.filter((c) => c.role !== 'default').length;
    return [
      {
        name: `certificate rotation: ${changes.length} listeners (${extras} extra, ${changes.length - extras} default) / ${instances} instances @ ${latencyMs} ms, ${delayMs} ms per change`,
        value: Math.round(elapsed),
        baseline: Math.round(bound),
        unit: 'ms',
        note:
          `${(elapsed / bound).toFixed(2)}× the bound (⌈${changes.length} ÷ ${concurrency}⌉ rounds × ${chain} changes × ${delayMs} ms; aim ≤ 1.5×); ` +
          `${listeners} listeners in all, reading them included`,
      },
    ];
  } finally {
    await emulator.close();
  }
}

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const results = await run({
    concurrency: argument('concurrency'),
    latencyMs: argument('latency'),
    delayMs: argument('delay'),
  });
  for (const r of results)
    console.log(`${r.name}: ${r.value} ${r.unit} (bound ${r.baseline} ${r.unit}) — ${r.note}`);
}
