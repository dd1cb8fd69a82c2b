// Runs the dashboard full screen until the user leaves; resolves to the process exit status.
import { render } from 'ink';
import { App } from './app.js';
import type { Connection } from './connection.js';
import { FullScreen, describeError, guardScreen, type GuardedProcess } from './fullscreen.js';
import { t, type Lang } from './i18n.js';

export interface RunDashboardOptions {
  connection: Connection;
  lang: Lang;
  colour: boolean;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  process: GuardedProcess;
}

export async function runDashboard(options: RunDashboardOptions): Promise<number> {
  const { stdin, stdout, stderr, lang } = options;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(`${t(lang, 'needsTerminal')}\n`);
    return 1;
  }
  const screen = new FullScreen(stdout);
  guardScreen(screen, { process: options.process, stderr, crashHeading: t(lang, 'crashed') });
  screen.enter();
  // Raw mode from the start, not from Ink's first effect: a key pressed while the first frame is being
  // drawn is then kept for the app instead of being echoed, and Ctrl-C stays a key rather than a SIGINT.
  stdin.setRawMode(true);
  const instance = render(<App connection={options.connection} lang={lang} colour={options.colour} />, {
    stdin,
    stdout,
    stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  // Unmounting first puts Ink's final frame into the alternate screen, which is then discarded.
  screen.beforeLeave(() => instance.unmount());
  screen.beforeLeave(() => stdin.setRawMode(false));
  try {
    await instance.waitUntilExit();
    screen.restore();
    return 0;
  } catch (error) {
    screen.restore();
    stderr.write(`${t(lang, 'crashed')}\n${describeError(error)}\n`);
    return 1;
  }
}
