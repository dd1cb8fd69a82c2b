// The alternate screen, entered once and left exactly once on every way out: quit, Ctrl-C, a signal,
// a crash, or plain process exit (ink-notes §3.4). Ink 6.8 has no `alternateScreen` option (7.x only).
import { formatWithOptions } from 'node:util';

export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
/** 1049h keeps the cursor where the shell left it; Ink draws from the cursor, so start at the top. */
const CLEAR_AND_HOME = '\x1b[2J\x1b[H';

export interface ScreenOutput {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export class FullScreen {
  readonly #stdout: ScreenOutput;
  #entered = false;
  #restored = false;
  readonly #beforeLeave: (() => void)[] = [];

  constructor(stdout: ScreenOutput) {
    this.#stdout = stdout;
  }

  /** Switches to the alternate screen and hides the cursor; does nothing when stdout is not a terminal. */
  enter(): void {
    if (this.#entered || this.#restored || !this.#stdout.isTTY) return;
    this.#entered = true;
    this.#stdout.write(ENTER_ALTERNATE_SCREEN + CLEAR_AND_HOME + HIDE_CURSOR);
  }

  /** Runs before the screen is left, e.g. unmounting Ink so its last frame lands in the alternate screen. */
  beforeLeave(hook: () => void): void {
    this.#beforeLeave.push(hook);
  }

  /** Back to the normal screen with the cursor shown. Safe to call any number of times, from anywhere. */
  restore(): void {
    if (this.#restored) return;
    this.#restored = true;
    for (const hook of this.#beforeLeave) {
      try {
        hook();
      } catch {
        // Leaving the alternate screen matters more than a clean unmount.
      }
    }
    if (this.#entered) this.#stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  }

  get active(): boolean {
    return this.#entered && !this.#restored;
  }
}

/** The part of `process` the guards use, so tests can pass an EventEmitter. */
export interface GuardedProcess {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code?: number): void;
}

export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Leaves the screen on process exit, on SIGTERM/SIGHUP/SIGINT (SIGINT reaches us only outside raw mode,
 * e.g. from `kill`), and on an uncaught exception or unhandled rejection — then prints the error on
 * stderr, where it stays readable, and exits with status 1. Returns a function that removes the guards.
 */
export function guardScreen(
  screen: FullScreen,
  options: { process: GuardedProcess; stderr: ScreenOutput; crashHeading: string },
): () => void {
  const { process: proc, stderr, crashHeading } = options;
  const onExit = () => screen.restore();
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => () => {
    screen.restore();
    proc.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const onCrash = (error: unknown) => {
    screen.restore();
    stderr.write(`${crashHeading}\n${describeError(error)}\n`);
    proc.exit(1);
  };
  const listeners: [string, (...args: unknown[]) => void][] = [
    ['exit', onExit],
    ['SIGTERM', onSignal('SIGTERM')],
    ['SIGHUP', onSignal('SIGHUP')],
    ['SIGINT', onSignal('SIGINT')],
    ['uncaughtException', onCrash],
    ['unhandledRejection', onCrash],
  ];
  for (const [event, listener] of listeners) proc.on(event, listener);
  return () => {
    for (const [event, listener] of listeners) proc.removeListener(event, listener);
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error && error.stack) return error.stack;
  return formatWithOptions({ colors: false, depth: 4 }, '%O', error);
}
