// Benchmark: the full listing (instances + all their listeners) of 10,000 listeners over 500
// instances, against the local ALB with 50 ms of latency on every call, through the real client.
// Reported beside the lower bound for the same run: round trips needed ÷ concurrency × latency.
// Two figures: a client's first listing (a new client each run: nothing remembered), and a refresh
// (the same client again: it starts from what its previous listing found, as the dashboard does).
//
// The local ALB runs in a child process: a remote service does not share the client's CPU, and
// the number measured here is the client's.
//
// Alone: node --import tsx scripts/bench/listing.ts [--concurrency N] [--runs N] [--latency MS]
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import { startEmulator } from '../../source/emulator/index.js';
import { clientFor, type LocalAlb } from '../../test/helpers/local-alb-client.js';
import { argument, isMain, printBeside, type BenchResult, type ScaledBenchOptions } from './_common.js';
import { applyStartupFlags } from '../../source/boot/v8-flags.js';
import { forkServing, localAlbOf } from './_listing-common.js';

const SERVE_FLAG = '--serve-emulator';

export interface ListingBenchOptions extends ScaledBenchOptions {
  /** Measured runs of each kind, after warm-up runs; the median is reported. */
  runs?: number;
}

const PAGE_SIZE = 100;

export async function run(options: ListingBenchOptions = {}): Promise<BenchResult[]> {
  const instances = options.instances ?? 500;
  const listeners = options.listeners ?? 10_000;
  const latencyMs = options.latencyMs ?? 50;
  const concurrency = options.concurrency ?? 16;
  const runs = Math.max(1, options.runs ?? 3);

  // The client measured here collects garbage as the app does (bin/alb-tui.js).
  // The client measured in this process collects garbage as the app does.
  applyStartupFlags();
  const { emulator, stop, cpuMs } = await forkEmulator(instances, listeners, latencyMs);
  try {
    const newClient = () => clientFor(emulator, { concurrency });
    const measure = async (client: SdkAlbClient): Promise<Sample> => {
      const emulatorBefore = await cpuMs();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const listing = await client.listLoadBalancersAndListeners({ concurrency });
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const seenListeners = [...listing.listenersByLoadBalancer.values()].reduce((n, l) => n + l.length, 0);
      if (listing.loadBalancers.length !== instances || seenListeners !== listeners) {
        throw new Error(
          `listing incomplete: ${listing.loadBalancers.length}/${instances} instances, ${seenListeners}/${listeners} listeners`,
        );
      }
      return {
        ms: elapsed,
        clientCpuMs: (cpu.user + cpu.system) / 1000,
        emulatorCpuMs: (await cpuMs()) - emulatorBefore,
        requests: listing.requests,
      };
    };
    // One listing first, unmeasured, so that both figures run warmed-up code.
    await measure(newClient());
    const first: Sample[] = [];
    const refresh: Sample[] = [];
    const refreshing = newClient();
    await measure(refreshing);
    // Interleaved, so that both see the same moments of a shared machine.
    for (let i = 0; i < runs; i++) {
      first.push(await measure(newClient()));
      refresh.push(await measure(refreshing));
    }
    // Every call returns at most 100 items: that many calls at least, `concurrency` of them at a time.
    const roundTrips = Math.ceil(instances / PAGE_SIZE) + Math.ceil(listeners / PAGE_SIZE);
    const bound = (roundTrips / concurrency) * latencyMs;
    const row = (label: string, samples: Sample[]): BenchResult => {
      const times = samples.map((s) => s.ms).sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      const mean = (pick: (s: Sample) => number) =>
        Math.round(samples.reduce((sum, s) => sum + pick(s), 0) / samples.length);
      return {
        name: `full listing, ${label}: ${listeners} listeners / ${instances} instances @ ${latencyMs} ms`,
        value: Math.round(median),
        baseline: Math.round(bound),
        unit: 'ms',
        note:
          `${(median / bound).toFixed(2)}× the bound (${roundTrips} round trips ÷ ${concurrency} × ${latencyMs} ms; aim ≤ 1.5×); ` +
          `${samples.at(-1)!.requests} calls made; median of ${runs} (${times.map((t) => Math.round(t)).join(', ')} ms); ` +
          `CPU per listing: client ${mean((s) => s.clientCpuMs)} ms, local ALB ${mean((s) => s.emulatorCpuMs)} ms`,
      };
    };
    return [row('first', first), row('refresh', refresh)];
  } finally {
    stop();
  }
}

interface Sample {
  ms: number;
  clientCpuMs: number;
  emulatorCpuMs: number;
  requests: number;
}

/** Starts the local ALB in a child process (this file with SERVE_FLAG) and waits for its endpoint. */
async function forkEmulator(
  instances: number,
  listeners: number,
  latencyMs: number,
): Promise<{ emulator: LocalAlb; stop: () => void; cpuMs: () => Promise<number> }> {
  const { child, served: emulator } = await forkServing<LocalAlb>(
    import.meta.url,
    SERVE_FLAG,
    [instances, listeners, latencyMs],
    'the local ALB',
  );
  const cpuMs = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMs: number }).cpuMs));
      child.send('cpu');
    });
  return { emulator, stop: () => child.kill(), cpuMs };
}

async function serveEmulator(args: string[]): Promise<void> {
  const [instances, listeners, latencyMs] = args.map(Number) as [number, number, number];
  // As `alb-tui emulator` runs it: on its own, keeping rendered items.
  const emulator = await startEmulator({
    port: 0,
    scale: { instances, listeners },
    faults: { latencyMs },
    keepRenderedItems: true,
  });
  process.send?.(localAlbOf(emulator));
  process.on('message', () => {
    const usage = process.cpuUsage();
    process.send?.({ cpuMs: (usage.user + usage.system) / 1000 });
  });
  // Ends with the parent, however the parent ends.
  process.on('disconnect', () => {
    void emulator.close().finally(() => process.exit(0));
  });
}

if (isMain(import.meta.url) && process.argv[2] === SERVE_FLAG) {
  await serveEmulator(process.argv.slice(3));
} else if (isMain(import.meta.url)) {
  const results = await run({
    concurrency: argument('concurrency'),
    runs: argument('runs'),
    latencyMs: argument('latency'),
  });
  printBeside(results, 'bound');
}
