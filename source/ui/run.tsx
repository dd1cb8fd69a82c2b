// Runs the dashboard full screen until the user leaves; resolves to the process exit status.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import type { Store } from '../store/index.js';
import { App } from './app.js';
import type { UiStateLoaded } from './app-state.js';
import { ExternalEditorProvider } from './edit-text/editor-provider.js';
import type { Connection } from './connection.js';
import type { ListingCache } from './dashboard/cached-listing.js';
import { FullScreen, describeError, guardScreen, type GuardedProcess } from './fullscreen.js';
import { t, type Lang } from './i18n.js';
import { Sessions, type ConnectionOpener } from './session.js';

export interface RunDashboardOptions {
  /** What the header shows until the connection is open. */
  connection: Connection;
  /** Opens a connection profile (undefined: the one the command line chose); called again by `:ctx`. */
  openConnection: ConnectionOpener;
  /** Every saved connection's name (`--connection all`). */
  listConnections?: () => Promise<readonly string[]>;
  store?: () => Promise<Store | undefined>;
  connectionName?: string;
  refreshSeconds?: number;
  /** The last listing of each connection (shown on the first frame, stale until the fresh one). */
  listingCache?: ListingCache;
  /** The UI state read ahead of the store, so the first frame has the user's sorts and view. */
  uiState?: UiStateLoaded;
  lang: Lang;
  langExplicit?: boolean;
  colour: boolean;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  process: GuardedProcess;
  /**
   * Where to write key-to-frame timings when the dashboard exits (ALB_TUI_PERF_LOG, used by
   * `npm run bench`): one JSON object per frame that followed a key press.
   */
  perfLog?: string;
  /**
   * Ink's incremental rendering: only the lines that changed are rewritten (ink-notes §3.1). Off
   * unless asked for (ALB_TUI_INCREMENTAL_RENDERING=1) until it is tested on more terminals.
   */
  incrementalRendering?: boolean;
}

/** Ink's default frame rate: a render within this many ms of the previous one waits (Ink's throttle). */
const INK_THROTTLE_MS = Math.ceil(1000 / 30);

export interface PerfSample {
  key: string;
  /** From the key's arrival to the end of writing the frame it caused (reducer, React, layout, Ink). */
  keyToFrameMs: number;
  /**
   * CPU time the process spent over the same span (all its threads): the work itself, which other
   * processes competing for the CPU do not stretch the way they stretch `keyToFrameMs`.
   */
  cpuMs: number;
  /** Ink's own render (tree to text) within it. */
  renderMs: number;
  /**
   * How long Ink's render throttle may have held the frame back: the key came within
   * INK_THROTTLE_MS of the previous frame. Waiting, not work.
   */
  throttledMs: number;
  /** Frames drawn since the previous sample (1 when a key caused exactly one frame). */
  frames: number;
  /** Resident memory when the frame was written (bytes). */
  rss: number;
}

/**
 * Times from a key press to the end of writing the frame it caused, and Ink's own part of it, tagged
 * with the key. Ink calls `onRender` right after building the frame and before writing it, so the end
 * is taken once the synchronous write is done.
 */
function perfRecorder(path: string | undefined) {
  if (!path) return undefined;
  const samples: PerfSample[] = [];
  let pending: { key: string; at: number; cpu: NodeJS.CpuUsage; throttledMs: number } | undefined;
  let lastRenderAt = Number.NEGATIVE_INFINITY;
  let frames = 0;
  return {
    onKey: (key: string) => {
      if (pending) return;
      const at = performance.now();
      pending = {
        key,
        at,
        cpu: process.cpuUsage(),
        throttledMs: Math.max(0, lastRenderAt + INK_THROTTLE_MS - at),
      };
    },
    onRender: ({ renderTime }: { renderTime: number }) => {
      lastRenderAt = performance.now() - renderTime;
      frames += 1;
      const key = pending;
      if (!key) return;
      pending = undefined;
      process.nextTick(() => {
        const cpu = process.cpuUsage(key.cpu);
        samples.push({
          key: key.key,
          keyToFrameMs: performance.now() - key.at,
          cpuMs: (cpu.user + cpu.system) / 1000,
          renderMs: renderTime,
          throttledMs: key.throttledMs,
          frames,
          rss: process.memoryUsage.rss(),
        });
        frames = 0;
      });
    },
    save: () =>
      writeFileSync(path, samples.map((sample) => JSON.stringify(sample)).join('\n') + '\n', { mode: 0o600 }),
  };
}

export async function runDashboard(options: RunDashboardOptions): Promise<number> {
  const { stdin, stdout, stderr, lang } = options;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(`${t(lang, 'needsTerminal')}\n`);
    return 1;
  }
  const sessions = new Sessions(
    options.openConnection,
    options.listConnections ? { listNames: options.listConnections } : {},
  );
  const perf = perfRecorder(options.perfLog);
  const screen = new FullScreen(stdout);
  guardScreen(screen, { process: options.process, stderr, crashHeading: t(lang, 'crashed') });
  // Raw mode from the start, not from Ink's first effect, and before the alternate screen shows: a key
  // pressed as soon as the screen changes is then kept for the app instead of being echoed, and
  // Ctrl-C stays a key rather than a SIGINT.
  stdin.setRawMode(true);
  screen.enter();
  const instance = render(
    <ExternalEditorProvider env={process.env} alternateScreen={screen.active}>
      <App
        connection={options.connection}
        sessions={sessions}
        lang={lang}
        langExplicit={options.langExplicit ?? false}
        colour={options.colour}
        {...(options.store ? { store: options.store } : {})}
        {...(options.connectionName === undefined ? {} : { connectionName: options.connectionName })}
        {...(options.refreshSeconds === undefined ? {} : { refreshSeconds: options.refreshSeconds })}
        {...(options.listingCache ? { listingCache: options.listingCache } : {})}
        {...(options.uiState ? { uiState: options.uiState } : {})}
        // OSC 52 goes straight to the terminal: it draws nothing and moves no cursor, so it cannot disturb
        // Ink's frame, while Ink's own stdout.write would redraw the whole frame around it.
        writeTerminal={(bytes) => stdout.write(bytes)}
        {...(perf ? { onKey: perf.onKey } : {})}
      />
    </ExternalEditorProvider>,
    {
      stdin,
      stdout,
      stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering:
        options.incrementalRendering ?? process.env['ALB_TUI_INCREMENTAL_RENDERING'] === '1',
      ...(perf ? { onRender: perf.onRender } : {}),
    },
  );
  // Unmounting first puts Ink's final frame into the alternate screen, which is then discarded.
  screen.beforeLeave(() => instance.unmount());
  screen.beforeLeave(() => stdin.setRawMode(false));
  try {
    await instance.waitUntilExit();
    screen.restore();
    perf?.save();
    // The local ALB writes its state before the process ends.
    await sessions.close().catch(() => undefined);
    return 0;
  } catch (error) {
    screen.restore();
    stderr.write(`${t(lang, 'crashed')}\n${describeError(error)}\n`);
    await sessions.close().catch(() => undefined);
    return 1;
  }
}
