// Benchmark: listing across connections — 4 connections × 10,000 listeners (500 instances each), every
// call 50 ms late, listed at once through the real SDK clients under one limit of calls in flight
// (listAcrossConnections), beside the lower bound for the same run, a first listing and a refresh;
// then memory with 40,000 listeners loaded in the dashboard's list model: the heap of the model as the
// app's reducer builds it from the four listings, and the resident memory of the app itself (pty)
// showing 40,000 listeners in `:listeners` (one connection holding them all; needs the build).
//
// The four local ALBs run in one child process: remote services do not share the client's CPU.
//
// Alone: node --import tsx scripts/bench/multi-listing.ts [--runs N] [--latency MS] [--max-in-flight N]
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FullListing } from '../../source/alb/client.js';
import { DEFAULT_MAX_IN_FLIGHT, listAcrossConnections } from '../../source/alb/multi-listing.js';
import type { Listener, LoadBalancer } from '../../source/domain/resources.js';
import { startEmulator } from '../../source/emulator/index.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { clientFor, type LocalAlb } from '../../test/helpers/local-alb-client.js';
import { argument, isMain, residentBytes, type BenchResult, type ScaledBenchOptions } from './_common.js';
import { applyStartupFlags } from '../../source/boot/v8-flags.js';
import { forkServing, listenersShown, localAlbOf } from './_listing-common.js';

const SERVE_FLAG = '--serve-emulators';
const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen'] as const;
const PAGE_SIZE = 100;

export interface MultiListingBenchOptions extends ScaledBenchOptions {
  /** Each connection's own limit of calls in flight (the SDK client's default). */
  concurrency?: number;
  maxInFlight?: number;
  runs?: number;
}

export async function run(options: MultiListingBenchOptions = {}): Promise<BenchResult[]> {
  const instances = options.instances ?? 500;
  const listeners = options.listeners ?? 10_000;
  const latencyMs = options.latencyMs ?? 50;
  const concurrency = options.concurrency ?? 16;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const runs = Math.max(1, options.runs ?? 3);

  // The client measured in this process collects garbage as the app does.
  applyStartupFlags();
  const collectGarbage = garbageCollector();

  const { emulators, stop } = await forkEmulators(instances, listeners, latencyMs);
  try {
    const newClients = () =>
      emulators.map((emulator) => ({
        id: emulator.region,
        client: clientFor(emulator, { concurrency }),
        concurrency,
      }));
    const listAll = async (
      connections = newClients(),
    ): Promise<{ ms: number; cpuMs: number; listings: Map<string, FullListing>; calls: number }> => {
      const requestsBefore = connections.reduce((n, c) => n + c.client.stats().requests, 0);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await listAcrossConnections(connections, { maxInFlight });
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      if (result.failures.size > 0) {
        const [id, error] = [...result.failures][0]!;
        throw new Error(`${id} failed: ${error.message.en}`);
      }
      for (const [id, listing] of result.listings) {
        const seen = [...listing.listenersByLoadBalancer.values()].reduce((n, l) => n + l.length, 0);
        if (listing.loadBalancers.length !== instances || seen !== listeners)
          throw new Error(`${id}: listing incomplete (${listing.loadBalancers.length}, ${seen})`);
      }
      const calls = connections.reduce((n, c) => n + c.client.stats().requests, 0) - requestsBefore;
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000, listings: result.listings, calls };
    };

    await listAll(); // warm-up, unmeasured
    type Run = Awaited<ReturnType<typeof listAll>>;
    const first: Run[] = [];
    const refresh: Run[] = [];
    // The dashboard refreshes with the same clients: each starts from what its previous listing found.
    const refreshing = newClients();
    await listAll(refreshing);
    let last: Run | undefined;
    // Interleaved, so that both see the same moments of a shared machine.
    for (let i = 0; i < runs; i++) {
      last = await listAll();
      first.push(last);
      refresh.push(await listAll(refreshing));
    }
    // Every call returns at most 100 items. Each connection needs its round trips, `concurrency` at
    // a time; all of them together share `maxInFlight`: the bound is the slower of the two.
    const perConnection = Math.ceil(instances / PAGE_SIZE) + Math.ceil(listeners / PAGE_SIZE);
    const total = perConnection * emulators.length;
    const bound = Math.max(perConnection / concurrency, total / maxInFlight) * latencyMs;

    const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    const row = (label: string, samples: Run[]): BenchResult => {
      const times = samples.map((s) => s.ms).sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      const cpu = Math.round(samples.reduce((n, s) => n + s.cpuMs, 0) / samples.length);
      return {
        name: `listing across ${emulators.length} connections, ${label}: ${emulators.length} × ${listeners} listeners / ${instances} instances @ ${latencyMs} ms`,
        value: Math.round(median),
        baseline: Math.round(bound),
        unit: 'ms',
        note:
          `${(median / bound).toFixed(2)}× the bound (aim ≤ 1.5×; ${total} round trips, ${concurrency} in flight per connection, ${maxInFlight} in all, × ${latencyMs} ms); ` +
          `median of ${runs} (${times.map((t) => Math.round(t)).join(', ')} ms); ${samples.at(-1)!.calls} calls; client CPU ${cpu} ms per listing; load ${loadavg()[0]!.toFixed(1)}`,
      };
    };
    const listingRows = [row('first', first), row('refresh', refresh)];
    // The 40,000 listeners in the dashboard's list model, as the app's reducer builds it (`:listeners`
    // shows every listener's row), in this process: what loading it adds to the heap after a full GC.
    const snapshot = merge([...last!.listings.values()]);
    last = undefined;
    first.length = 0;
    refresh.length = 0;
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    // The same terminal as appResidentMemory's.
    const state = listenersShown(snapshot, { columns: 160, rows: 48 });
    collectGarbage();
    const heapLoaded = process.memoryUsage().heapUsed;
    const rows = state.dashboard.listeners.rows.length;
    return [
      ...listingRows,
      {
        name: `heap with ${rows} listeners of ${emulators.length} connections in the dashboard's list model`,
        value: mib(heapLoaded),
        baseline: mib(heapBefore),
        unit: 'MiB',
        note: `the model adds ${mib(heapLoaded - heapBefore)} MiB; after a full GC; baseline: the same process holding the four listings, before loading them`,
      },
      await appResidentMemory(instances * emulators.length, listeners * emulators.length),
    ];
  } finally {
    stop();
  }
}

function merge(listings: FullListing[]): Snapshot {
  const loadBalancers: LoadBalancer[] = [];
  const listenersByLoadBalancer = new Map<string, Listener[]>();
  for (const listing of listings) {
    loadBalancers.push(...listing.loadBalancers);
    for (const [id, listeners] of listing.listenersByLoadBalancer) listenersByLoadBalancer.set(id, listeners);
  }
  return { loadBalancers, listenersByLoadBalancer };
}

/**
 * The resident memory of the app (`bin/alb-tui.js`, built) with `listeners` listeners loaded and shown
 * in `:listeners`, against a local ALB holding them all, beside the same app on the demo data.
 */
async function appResidentMemory(instances: number, listeners: number): Promise<BenchResult> {
  const { TerminalSession } = await import('../../test/helpers/terminal.js');
  const measure = async (scale?: {
    instances: number;
    listeners: number;
  }): Promise<{ rss: number; shown: number }> => {
    const emulator = await startEmulator({
      port: 0,
      regions: [],
      ...(scale ? { scale } : {}),
      keepRenderedItems: true,
    });
    const expected = emulator.snapshot().listeners.length;
    const session = TerminalSession.start(
      ['--endpoint', emulator.endpoint, '--refresh', '0', '--lang', 'en'],
      {
        cols: 160,
        rows: 48,
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
        },
      },
    );
    try {
      await session.waitForText('┌ Listeners ·', 180_000);
      await session.press(':');
      await session.type('listeners');
      await session.press('enter');
      await session.waitForText(`┌ All listeners ${expected} `, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rss = residentBytes(session.pty.pid);
      await session.press('q');
      await session.waitForExit(30_000);
      return { rss, shown: expected };
    } finally {
      await session.dispose();
      await emulator.close();
    }
  };
  const big = await measure({ instances, listeners });
  const demo = await measure();
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const mb = big.rss / 1e6;
  return {
    name: `resident memory of the app, ${big.shown} listeners loaded (:listeners)`,
    value: mib(big.rss),
    baseline: mib(demo.rss),
    unit: 'MiB',
    note: `aim ≤ 250 MB: ${mb.toFixed(0)} MB, ${mb <= 250 ? 'met' : 'NOT met'}; baseline: the demo data (${demo.shown} listeners); one connection holding all of them (${instances} instances), the local ALB in the bench process; needs \`node scripts/build.mjs\` first`,
  };
}

/** `gc()` without starting node with --expose-gc (the bench runs in `npm run bench`'s process). */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

/** Four local ALBs (one region each) in a child process (this file with SERVE_FLAG). */
async function forkEmulators(
  instances: number,
  listeners: number,
  latencyMs: number,
): Promise<{ emulators: LocalAlb[]; stop: () => void }> {
  const { child, served: emulators } = await forkServing<LocalAlb[]>(
    import.meta.url,
    SERVE_FLAG,
    [instances, listeners, latencyMs],
    'the local ALBs',
  );
  return { emulators, stop: () => child.kill() };
}

async function serveEmulators(args: string[]): Promise<void> {
  const [instances, listeners, latencyMs] = args.map(Number) as [number, number, number];
  const running = await Promise.all(
    REGIONS.map((region) =>
      startEmulator({
        port: 0,
        region,
        regions: [],
        scale: { instances, listeners },
        faults: { latencyMs },
        keepRenderedItems: true,
      }),
    ),
  );
  process.send?.(running.map(localAlbOf));
  process.on('disconnect', () => {
    void Promise.all(running.map((emulator) => emulator.close())).finally(() => process.exit(0));
  });
}

if (isMain(import.meta.url) && process.argv[2] === SERVE_FLAG) {
  await serveEmulators(process.argv.slice(3));
} else if (isMain(import.meta.url)) {
  const results = await run({
    runs: argument('runs'),
    latencyMs: argument('latency'),
    maxInFlight: argument('max-in-flight'),
  });
  for (const r of results)
    console.log(`${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline}) — ${r.note}`);
}
