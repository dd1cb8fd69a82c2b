// What the `run(options)` benchmarks share: their result's shape, the command-line options they take
// when run alone, and the small arithmetic of their figures. (A file whose name starts with `_` is a
// helper: scripts/bench.mjs does not run it as a benchmark.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A figure beside its baseline; scripts/bench.mjs prints it as one row. */
export interface BenchResult {
  name: string;
  value: number;
  baseline: number;
  unit: string;
  note: string;
}

/** The options of the benchmarks against a scaled local ALB with latency on every call. */
export interface ScaledBenchOptions {
  instances?: number;
  listeners?: number;
  latencyMs?: number;
  /** The client's limit of calls in flight. */
  concurrency?: number;
}

/** The p-th percentile (nearest rank); NaN when there are no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** To hundredths (of a millisecond). */
export const round = (ms: number) => Math.round(ms * 100) / 100;

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The resident memory of a process (Linux), NaN when /proc does not say. */
export function residentBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kib ? Number(kib) * 1024 : Number.NaN;
}

/** `--name N` of the command line of a benchmark run alone; undefined when absent or not a number. */
export function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Whether the module at `moduleUrl` is the one node was started with (a benchmark run alone). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1];
}

/** Prints a benchmark's results when it runs alone, each beside its baseline (or the bound no run can beat). */
export function printBeside(results: readonly BenchResult[], what: 'bound' | 'baseline'): void {
  for (const r of results)
    console.log(`${r.name}: ${r.value} ${r.unit} (${what} ${r.baseline} ${r.unit}) — ${r.note}`);
}
