// Benchmark: the full listing (instances + all their listeners) of 10,000 listeners over 500
// instances, against the local ALB with 50 ms of latency on every call, through the real client.
// Reported beside the lower bound for the same run: round trips needed ÷ concurrency × latency.
//
// The local ALB runs in a child process: a remote service does not share the client's CPU, and
// the number measured here is the client's.
//
// Alone: node --import tsx scripts/bench/listing.ts [--concurrency N] [--runs N] [--latency MS]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSdkAlbClient } from '../../source/alb/sdk-client.js';
import { startEmulator } from '../../source/emulator/index.js';

const SERVE_FLAG = '--serve-emulator';

interface EmulatorInfo {
  endpoint: string;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface BenchResult {
  name: string;
  value: number;
  baseline: number;
  unit: string;
  note: string;
}

export interface ListingBenchOptions {
  instances?: number;
  listeners?: number;
  latencyMs?: number;
  concurrency?: number;
  /** Measured runs after one warm-up run; the median is reported. */
  runs?: number;
}

const PAGE_SIZE = 100;

export async function run(options: ListingBenchOptions = {}): Promise<BenchResult[]> {
  const instances = options.instances ?? 500;
  const listeners = options.listeners ?? 10_000;
  const latencyMs = options.latencyMs ?? 50;
  const concurrency = options.concurrency ?? 16;
  const runs = Math.max(1, options.runs ?? 3);

  const { emulator, stop, cpuMs } = await forkEmulator(instances, listeners, latencyMs);
  try {
    const client = createSdkAlbClient({
      region: emulator.region,
      endpoint: emulator.endpoint,
      credentials: {
        kind: 'static',
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
      },
      concurrency,
    });
    const timings: number[] = [];
    const cpuTimes: number[] = [];
    let requests = 0;
    let seenInstances = 0;
    let seenListeners = 0;
    let emulatorCpu = 0;
    for (let i = 0; i <= runs; i++) {
      const emulatorBefore = await cpuMs();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const listing = await client.listLoadBalancersAndListeners({ concurrency });
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      seenInstances = listing.loadBalancers.length;
      seenListeners = [...listing.listenersByLoadBalancer.values()].reduce((n, list) => n + list.length, 0);
      if (i > 0) {
        timings.push(elapsed);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
        requests = listing.requests;
        emulatorCpu += (await cpuMs()) - emulatorBefore;
      }
    }
    if (seenInstances !== instances || seenListeners !== listeners) {
      throw new Error(
        `listing incomplete: ${seenInstances}/${instances} instances, ${seenListeners}/${listeners} listeners`,
      );
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)]!;
    // Every call returns at most 100 items: that many calls at least, `concurrency` of them at a time.
    const roundTrips = Math.ceil(seenInstances / PAGE_SIZE) + Math.ceil(seenListeners / PAGE_SIZE);
    const bound = (roundTrips / concurrency) * latencyMs;
    // Instance pages follow each other's NextToken; one listener call must follow the last of them.
    const chainFloor = (Math.ceil(seenInstances / PAGE_SIZE) + 1) * latencyMs;
    return [
      {
        name: `full listing: ${seenListeners} listeners / ${seenInstances} instances @ ${latencyMs} ms`,
        value: Math.round(median),
        baseline: Math.round(bound),
        unit: 'ms',
        note:
          `${(median / bound).toFixed(2)}× the bound (${roundTrips} round trips ÷ ${concurrency} × ${latencyMs} ms); ` +
          `${requests} calls made; median of ${runs} (${timings.map((t) => Math.round(t)).join(', ')} ms); ` +
          `CPU per listing: client ${Math.round(cpuTimes.reduce((a, b) => a + b, 0) / cpuTimes.length)} ms, ` +
          `local ALB ${Math.round(emulatorCpu / runs)} ms; ` +
          `NextToken chain floor ${chainFloor} ms`,
      },
    ];
  } finally {
    stop();
  }
}

/** Starts the local ALB in a child process (this file with SERVE_FLAG) and waits for its endpoint. */
async function forkEmulator(
  instances: number,
  listeners: number,
  latencyMs: number,
): Promise<{ emulator: EmulatorInfo; stop: () => void; cpuMs: () => Promise<number> }> {
  const child = fork(
    fileURLToPath(import.meta.url),
    [SERVE_FLAG, String(instances), String(listeners), String(latencyMs)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const emulator = await new Promise<EmulatorInfo>((resolve, reject) => {
    child.once('message', (message) => resolve(message as EmulatorInfo));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the local ALB exited early (code ${code})`)));
  });
  const cpuMs = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMs: number }).cpuMs));
      child.send('cpu');
    });
  return { emulator, stop: () => child.kill(), cpuMs };
}

async function serveEmulator(args: string[]): Promise<void> {
  const [instances, listeners, latencyMs] = args.map(Number) as [number, number, number];
  const emulator = await startEmulator({ port: 0, scale: { instances, listeners }, faults: { latencyMs } });
  const info: EmulatorInfo = {
    endpoint: emulator.endpoint,
    region: emulator.region,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  };
  process.send?.(info);
  process.on('message', () => {
    const usage = process.cpuUsage();
    process.send?.({ cpuMs: (usage.user + usage.system) / 1000 });
  });
  // Ends with the parent, however the parent ends.
  process.on('disconnect', () => {
    void emulator.close().finally(() => process.exit(0));
  });
}

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain && process.argv[2] === SERVE_FLAG) {
  await serveEmulator(process.argv.slice(3));
} else if (isMain) {
  const results = await run({
    concurrency: argument('concurrency'),
    runs: argument('runs'),
    latencyMs: argument('latency'),
  });
  for (const r of results)
    console.log(`${r.name}: ${r.value} ${r.unit} (bound ${r.baseline} ${r.unit}) — ${r.note}`);
}
