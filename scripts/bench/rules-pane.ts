// Benchmark: the rules pane under a pseudo-terminal with 1,000 rules on one listener (the local ALB's
// scale.rules on prod-web's HTTPS 443), each figure beside the same listener's demo rules in the same
// run — "hundreds of rules scroll like ten".
//
// - key to frame while scrolling the rules (p50, p95): the app's own record of each key, from its
//   arrival to the end of writing the frame it caused (ALB_TUI_PERF_LOG), as CPU time and as wall time;
//   keys are paced so Ink's 30 fps throttle never holds a frame back;
// - key to frame per filter keystroke over the rules (typing, then deleting).
//
// Alone: node --import tsx scripts/bench/rules-pane.ts [--runs N]
import { loadavg } from 'node:os';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { delay, isMain, percentile, round, type BenchResult } from './_common.js';
import {
  COLUMNS,
  isFilterKey,
  isScrollKey,
  KEY_GAP_MS,
  keyAndWait,
  ROWS,
  startRecordedSession,
  type KeyBenchOptions,
  type Sample,
} from './_pty-keys.js';

export interface RulesPaneBenchOptions extends KeyBenchOptions {
  rules?: number;
}

/** Typed into the filter, then deleted: the bulk rules' names hold it (svc-0901 …), the demo ones do not. */
const FILTER_TEXT = 'svc-09';

interface PaneFigures {
  scroll: Sample[];
  filter: Sample[];
  shown: number;
}

/** One app against `emulator`: open prod-web's HTTPS 443 rules, scroll, filter, quit. */
async function measurePane(emulator: RunningEmulator, keys: number): Promise<PaneFigures> {
  const recorded = startRecordedSession(emulator, { cols: COLUMNS, rows: ROWS }, 'alb-tui-bench-rules-');
  const { session } = recorded;
  try {
    await session.waitForText('┌ Listeners ·', 120_000);
    // prod-web is selected first; its HTTPS 443 is the third listener.
    await session.press('tab');
    await session.press('down');
    await session.press('down');
    await session.waitForText('│› HTTPS    443', 10_000);
    await session.press('r');
    // The count shows once the rules are read (all of them: ListRules pages through them first).
    await session.waitForText(/┌ Rules · HTTPS 443 web_https_443 \d+ · by priority/, 60_000);
    await delay(500);
    const title = session.screen().find((line) => line.startsWith('┌ Rules')) ?? '';
    const shown = Number(/web_https_443 (\d+) /.exec(title)?.[1] ?? Number.NaN);
    const screenText = () => session.screen().join('\n');
    const key = (bytes: string, what: string) => keyAndWait(session, bytes, screenText, what);
    const rows = Number.isFinite(shown) ? shown + 1 : 2;
    for (let i = 0; i < keys; i += 1) {
      // Down to the end of a short list, then back up: every key moves the selection.
      const down = Math.floor(i / Math.max(1, rows - 1)) % 2 === 0;
      await key(down ? '\x1b[B' : '\x1b[A', 'the selection to move');
    }
    await key('/', 'the filter to open');
    for (const character of FILTER_TEXT) await key(character, 'the filter to change');
    for (let i = 0; i < FILTER_TEXT.length; i += 1) await key('\x7f', 'the filter to change');
    await session.press('escape');
    await session.press('escape');
    await session.press('q');
    await session.waitForExit(30_000);
    const samples = recorded.samples();
    const opened = samples.findIndex((sample) => sample.key === 'r');
    const afterOpen = samples.slice(opened + 1);
    const slash = afterOpen.findIndex((sample) => sample.key === '/');
    return {
      scroll: afterOpen.slice(0, slash).filter(isScrollKey),
      filter: afterOpen.slice(slash + 1).filter(isFilterKey),
      shown,
    };
  } finally {
    await recorded.dispose();
  }
}

export async function run(options: RulesPaneBenchOptions = {}): Promise<BenchResult[]> {
  const rules = options.rules ?? 1000;
  const keys = options.keys ?? 120;
  const scaled = await startEmulator({ port: 0, scale: { instances: 9, listeners: 38, rules } });
  const demo = await startEmulator({ port: 0 });
  try {
    const small = await measurePane(demo, keys);
    const big = await measurePane(scaled, keys);
    const work = (samples: Sample[]) =>
      samples.map((sample) => sample.keyToFrameMs - (sample.throttledMs ?? 0));
    const cpu = (samples: Sample[]) => samples.map((sample) => sample.cpuMs);
    const label = `rules pane, ${big.shown.toLocaleString('en')} rules`;
    const baseLabel = `baseline: the demo listener's ${small.shown} rules`;
    const aim = (value: number, limit: number) =>
      value <= limit ? `aim ≤ ${limit} ms: met` : `aim ≤ ${limit} ms: NOT met`;
    const load = loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
    const scrollP95 = round(percentile(work(big.scroll), 95));
    const filterP95 = round(percentile(work(big.filter), 95));
    const cpuP95 = round(percentile(cpu(big.scroll), 95));
    return [
      {
        name: `${label}: scroll, CPU per key, p50`,
        value: round(percentile(cpu(big.scroll), 50)),
        baseline: round(percentile(cpu(small.scroll), 50)),
        unit: 'ms',
        note: `${baseLabel}; the app's CPU time from a key's arrival to the end of writing its frame (reducer, React, layout, Ink's render and write)`,
      },
      {
        name: `${label}: scroll, CPU per key, p95`,
        value: cpuP95,
        baseline: round(percentile(cpu(small.scroll), 95)),
        unit: 'ms',
        note: `${aim(cpuP95, 16)} (work per key)`,
      },
      {
        name: `${label}: scroll key → frame, p50`,
        value: round(percentile(work(big.scroll), 50)),
        baseline: round(percentile(work(small.scroll), 50)),
        unit: 'ms',
        note: `${baseLabel}; ${big.scroll.length} keys, each ${KEY_GAP_MS} ms after the previous frame showed; wall time (load ${load})`,
      },
      {
        name: `${label}: scroll key → frame, p95`,
        value: scrollP95,
        baseline: round(percentile(work(small.scroll), 95)),
        unit: 'ms',
        note: `${aim(scrollP95, 16)} (wall: stretched when other processes share the CPU)`,
      },
      {
        name: `${label}: filter keystroke → frame, p95`,
        value: filterP95,
        baseline: round(percentile(work(small.filter), 95)),
        unit: 'ms',
        note: `typing “${FILTER_TEXT}” and deleting it, ${big.filter.length} keys; CPU p95 ${round(percentile(cpu(big.filter), 95))} ms`,
      },
    ];
  } finally {
    await Promise.all([scaled.close(), demo.close()]);
  }
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--runs');
  const results = await run(at > 0 ? { runs: Number(process.argv[at + 1]) } : {});
  for (const result of results)
    process.stdout.write(
      `${result.name}: ${result.value} ${result.unit} (baseline ${result.baseline}) — ${result.note}\n`,
    );
}
