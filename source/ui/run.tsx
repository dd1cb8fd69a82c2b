// Runs the dashboard full screen until the user leaves; resolves to the process exit status.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import type { Store } from '../store/index.js';
import { App } from './app.js';
import type { Connection } from './connection.js';
import { FullScreen, describeError, guardScreen, type GuardedProcess } from './fullscreen.js';
import { t, type Lang } from './i18n.js';
import { Sessions, type ConnectionOpener } from './session.js';

export interface RunDashboardOptions {
  /** What the header shows until the connection is open. */
  connection: Connection;
  /** Opens a connection profile (undefined: the one the command line chose); called again by `:ctx`. */
  openConnection: ConnectionOpener;
  store?: () => Promise<Store | undefined>;
  connectionName?: string;
  refreshSeconds?: number;
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
}

/**
 * Times from a key press to the end of the frame it caused (the reducer, React and Ink's render), and
 * Ink's own part of it, tagged with the key.
 */
function perfRecorder(path: string | undefined) {
  if (!path) return undefined;
  const samples: { key: string; keyToFrameMs: number; renderMs: number }[] = [];
  let pending: { key: string; at: number } | undefined;
  return {
    onKey: (key: string) => {
      pending ??= { key, at: performance.now() };
    },
    onRender: ({ renderTime }: { renderTime: number }) => {
      if (!pending) return;
      samples.push({ key: pending.key, keyToFrameMs: performance.now() - pending.at, renderMs: renderTime });
      pending = undefined;
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
  const sessions = new Sessions(options.openConnection);
  const perf = perfRecorder(options.perfLog);
  const screen = new FullScreen(stdout);
  guardScreen(screen, { process: options.process, stderr, crashHeading: t(lang, 'crashed') });
  // Raw mode from the start, not from Ink's first effect, and before the alternate screen shows: a key
  // pressed as soon as the screen changes is then kept for the app instead of being echoed, and
  // Ctrl-C stays a key rather than a SIGINT.
  stdin.setRawMode(true);
  screen.enter();
  const instance = render(
    <App
      connection={options.connection}
      sessions={sessions}
      lang={lang}
      langExplicit={options.langExplicit ?? false}
      colour={options.colour}
      {...(options.store ? { store: options.store } : {})}
      {...(options.connectionName === undefined ? {} : { connectionName: options.connectionName })}
      {...(options.refreshSeconds === undefined ? {} : { refreshSeconds: options.refreshSeconds })}
      // OSC 52 goes straight to the terminal: it draws nothing and moves no cursor, so it cannot disturb
      // Ink's frame, while Ink's own stdout.write would redraw the whole frame around it.
      writeTerminal={(bytes) => stdout.write(bytes)}
      {...(perf ? { onKey: perf.onKey } : {})}
    />,
    {
      stdin,
      stdout,
      stderr,
      exitOnCtrlC: false,
      patchConsole: false,
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
