// The app under a pseudo-terminal against a local ALB, recording the work of each key itself
// (ALB_TUI_PERF_LOG, source/ui/run.tsx): what the dashboard and rules-pane benchmarks share. (A
// helper, not a benchmark: its name starts with `_`.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../source/emulator/index.js';
import { TerminalSession } from '../../test/helpers/terminal.js';
import { delay } from './_common.js';

/** The terminal the key benchmarks measure in. */
export const COLUMNS = 120;
export const ROWS = 40;

/** What a key benchmark takes besides its data. */
export interface KeyBenchOptions {
  /** Scroll key presses measured per data set. */
  keys?: number;
  runs?: number;
}

/**
 * Keys are sent this long after the previous frame showed, so that Ink's render throttle (30 fps,
 * 34 ms) never holds a frame back: key → frame is then the work one key costs, not queueing.
 */
export const KEY_GAP_MS = 45;

/** What the app records per key (source/ui/run.tsx, ALB_TUI_PERF_LOG). */
export interface Sample {
  key: string;
  /** Key arrival to the end of writing its frame. */
  keyToFrameMs: number;
  /** CPU time of the app over the same span: the work, not stretched by other processes. */
  cpuMs: number;
  /** Ink's render (tree to text) within it. */
  renderMs: number;
  /** Time Ink's 30 fps throttle may have held the frame back (the key came < 34 ms after a frame). */
  throttledMs: number;
  /** Frames drawn since the previous sample. */
  frames: number;
}

export interface RecordedSession {
  session: TerminalSession;
  /** Every key the app has recorded so far, in order. */
  samples(): Sample[];
  /** Ends the app and removes its record. */
  dispose(): Promise<void>;
}

/** `alb-tui` against `emulator` (English, no refresh) in a `cols`×`rows` pty, recording each key. */
export function startRecordedSession(
  emulator: RunningEmulator,
  size: { cols: number; rows: number },
  tempPrefix: string,
): RecordedSession {
  const dir = mkdtempSync(join(tmpdir(), tempPrefix));
  const perfLog = join(dir, 'perf.jsonl');
  const session = TerminalSession.start(['--endpoint', emulator.endpoint, '--refresh', '0', '--lang', 'en'], {
    ...size,
    keyDelayMs: 30,
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
      ALB_TUI_PERF_LOG: perfLog,
    },
  });
  return {
    session,
    samples: () =>
      readFileSync(perfLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Sample),
    dispose: async () => {
      await session.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes one key and waits for `watched` to show its effect, then KEY_GAP_MS more. */
export async function keyAndWait(
  session: TerminalSession,
  bytes: string,
  watched: () => string | undefined,
  what: string,
): Promise<void> {
  const before = watched();
  session.pty.write(bytes);
  await session.waitFor(() => watched() !== before, what);
  await delay(KEY_GAP_MS);
}

/** A key that moves the selection. */
export const isScrollKey = (sample: Sample) => sample.key === 'down' || sample.key === 'up';

/** A key typed into or deleted from a filter (not the `/` that opens it, nor the Esc that closes it). */
export const isFilterKey = (sample: Sample) => /^[a-z0-9]$/.test(sample.key) || sample.key === 'backspace';
