// `npm run bench`: speed figures that tests must not assert (they vary by machine), printed as a table.
//
// Each benchmark is a module in scripts/bench/ (`.mjs` or `.ts`; files starting with `_` are skipped)
// of one of two shapes:
// - `export default async (context) => rows`, a row being `{ name, value, note? }` with `value`
//   already formatted; the context gives the run count and helpers (see `context` below), including
//   the real-terminal harness of the e2e tests;
// - `export async function run(options) => results`, a result being
//   `{ name, value: number, baseline: number, unit, note }`; `options.runs` is passed only when
//   `--runs` was given, so each such benchmark keeps its own default.
// Run one with `--only <file name without extension>`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const benchDir = join(here, 'bench');

const { values } = parseArgs({
  options: { runs: { type: 'string' }, only: { type: 'string' } },
});
const runs = Number(values.runs ?? '10');
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`bench: --runs must be a positive integer, got ${values.runs}\n`);
  process.exit(2);
}

// The harness and the sources are TypeScript; tsx loads them without a build step.
register();

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const context = {
  runs,
  root,
  median,
  formatMs: (ms) => `${ms.toFixed(0)} ms`,
  formatBytes: (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
  /** The e2e terminal harness: `TerminalSession.start(args, options)`, `waitForText`, `press` ... */
  loadHarness: () => import(pathToFileURL(join(root, 'test', 'helpers', 'terminal.ts')).href),
};

const benchName = (file) => file.replace(/\.(mjs|ts)$/, '');
const modules = readdirSync(benchDir)
  .filter((file) => /\.(mjs|ts)$/.test(file) && !file.endsWith('.d.ts') && !file.startsWith('_'))
  .filter((file) => !values.only || benchName(file) === values.only)
  .sort();
if (modules.length === 0) {
  process.stderr.write(`bench: no benchmark named ${values.only}\n`);
  process.exit(2);
}

/** Rows of a `run(options)` benchmark: the figure beside its baseline. */
function resultRows(results) {
  const format = (number) => (Number.isInteger(number) ? String(number) : number.toFixed(1));
  return results.map((result) => ({
    name: result.name,
    value: `${format(result.value)} ${result.unit}`,
    note: [`baseline ${format(result.baseline)} ${result.unit}`, result.note].filter(Boolean).join('; '),
  }));
}

const rows = [];
for (const file of modules) {
  const benchmark = await import(pathToFileURL(join(benchDir, file)).href);
  process.stderr.write(`bench: ${file}…\n`);
  let produced;
  if (typeof benchmark.default === 'function') produced = await benchmark.default(context);
  else if (typeof benchmark.run === 'function') {
    produced = resultRows(await benchmark.run(values.runs === undefined ? {} : { runs }));
  } else {
    process.stderr.write(`bench: ${file} exports neither a default function nor run(); skipped\n`);
    continue;
  }
  for (const row of produced) rows.push({ group: benchName(file), ...row });
}

const header = { group: 'bench', name: 'measure', value: 'value', note: 'note' };
const table = [header, ...rows.map((row) => ({ note: '', ...row }))];
const widths = Object.fromEntries(
  ['group', 'name', 'value'].map((key) => [key, Math.max(...table.map((row) => String(row[key]).length))]),
);
const line = (row) =>
  `${String(row.group).padEnd(widths.group)}  ${String(row.name).padEnd(widths.name)}  ${String(row.value).padStart(widths.value)}  ${row.note}`.trimEnd();
process.stdout.write(`${line(header)}\n${'-'.repeat(line(header).length + 10)}\n`);
for (const row of rows) process.stdout.write(`${line({ note: '', ...row })}\n`);
process.exit(0);
