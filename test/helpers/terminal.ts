// A real terminal for end-to-end tests and the bench: runs `node bin/alb-tui.js ...` under a pty and
// feeds what it prints into a headless xterm, so assertions read the screen a person would see
// (cursor moves, erases, the alternate buffer) rather than a byte log (ink-notes §5).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { cellWidth } from '../../source/domain/text.js';

const { Terminal } = xterm;
type HeadlessTerminal = InstanceType<typeof Terminal>;

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The entry under test; ALB_TUI_E2E_BIN points the suite at another build (e.g. an installed package). */
export const BIN = process.env['ALB_TUI_E2E_BIN'] || join(REPO_ROOT, 'bin', 'alb-tui.js');

/** Generous, because CI machines are slow; a passing wait returns as soon as the text is there. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface StartOptions {
  cols?: number;
  rows?: number;
  /** Merged over the prepared environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Run this executable instead of `node bin/alb-tui.js` (the bench's bare-node baseline). */
  command?: { file: string; args: string[] };
  /** Pause after each key, so the app sees one key per read (a burst reads as a paste). */
  keyDelayMs?: number;
}

export interface ExitStatus {
  exitCode: number;
  signal: number | undefined;
}

const NAMED_KEYS: Record<string, string> = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  backtab: '\x1b[Z',
  backspace: '\x7f',
  delete: '\x1b[3~',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  space: ' ',
};

/** The bytes a terminal sends for a key name (`enter`, `ctrl+c`, `pagedown`) or a single character. */
export function keyBytes(key: string): string {
  const named = NAMED_KEYS[key];
  if (named !== undefined) return named;
  const ctrl = /^ctrl\+([a-z])$/.exec(key);
  if (ctrl?.[1]) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96);
  if ([...key].length !== 1) throw new Error(`unknown key ${JSON.stringify(key)}`);
  return key;
}

/**
 * The environment the app sees: a private HOME and XDG directories (nothing of the real user's is
 * read or written), English, and no CI variables: under CI Ink prints only the last frame and ignores
 * resize. CI is removed rather than set to `false`, because chalk turns colour off whenever `CI` exists.
 */
function childEnv(home: string, overrides: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    LANGUAGE: undefined,
    CI: undefined,
    CONTINUOUS_INTEGRATION: undefined,
    NODE_OPTIONS: undefined,
    ...overrides,
  };
  for (const directory of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME']) {
    const path = env[directory];
    if (path) mkdirSync(path, { recursive: true, mode: 0o700 });
  }
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export class TerminalSession {
  readonly pty: IPty;
  readonly term: HeadlessTerminal;
  /** When the process was spawned (performance.now()). */
  readonly startedAt: number;
  /** When the process exited (performance.now()), once it has. */
  exitedAt: number | undefined;
  /** Everything the app printed, for failure messages. */
  output = '';
  readonly home: string;

  readonly #keyDelayMs: number;
  readonly #exit: Promise<ExitStatus>;
  readonly #watchers = new Set<() => void>();
  #unparsed = 0;
  #lastDataAt: number;
  #exitStatus: ExitStatus | undefined;
  #disposed = false;

  static start(args: string[] = [], options: StartOptions = {}): TerminalSession {
    return new TerminalSession(args, options);
  }

  private constructor(args: string[], options: StartOptions) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 30;
    this.#keyDelayMs = options.keyDelayMs ?? 40;
    this.home = mkdtempSync(join(tmpdir(), 'alb-tui-e2e-'));
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    const command = options.command ?? { file: process.execPath, args: [BIN, ...args] };
    this.startedAt = performance.now();
    this.#lastDataAt = this.startedAt;
    this.pty = spawn(command.file, command.args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: REPO_ROOT,
      env: childEnv(this.home, options.env ?? {}),
    });
    this.pty.onData((data) => {
      this.output += data;
      this.#lastDataAt = performance.now();
      this.#unparsed += 1;
      this.term.write(data, () => {
        this.#unparsed -= 1;
        this.#notify();
      });
    });
    this.#exit = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.exitedAt = performance.now();
        this.#exitStatus = { exitCode, signal: signal || undefined };
        resolve(this.#exitStatus);
        this.#notify();
      });
    });
  }

  #notify(): void {
    for (const watcher of this.#watchers) watcher();
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  get exited(): boolean {
    return this.#exitStatus !== undefined;
  }

  /** The visible lines, trailing blanks trimmed. */
  screen(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y += 1) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines;
  }

  screenText(): string {
    return this.screen().join('\n');
  }

  /** The app switched to the alternate screen (`?1049h`) and has not left it. */
  isAlternateScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  /** Where `text` first appears on screen, in cells; undefined when it does not. */
  find(text: string): { x: number; y: number } | undefined {
    const lines = this.screen();
    for (let y = 0; y < lines.length; y += 1) {
      const index = lines[y]?.indexOf(text) ?? -1;
      if (index >= 0) {
        return { x: cellWidth(lines[y]?.slice(0, index) ?? ''), y };
      }
    }
    return undefined;
  }

  /** How the cell at (x, y) is drawn: its characters, whether it has the default colour, and boldness. */
  cell(x: number, y: number): { chars: string; defaultForeground: boolean; bold: boolean } | undefined {
    const buffer = this.term.buffer.active;
    const cell = buffer.getLine(buffer.viewportY + y)?.getCell(x);
    if (!cell) return undefined;
    return { chars: cell.getChars(), defaultForeground: cell.isFgDefault(), bold: cell.isBold() !== 0 };
  }

  /**
   * Resolves with the time (performance.now()) at which `check` first held, checked after every chunk
   * the terminal parses and every 50 ms; rejects after `timeoutMs` with the screen in the message.
   */
  waitFor(check: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearInterval(interval);
        clearTimeout(timer);
        this.#watchers.delete(probe);
        outcome();
      };
      const probe = () => {
        if (holds(check)) {
          const at = performance.now();
          finish(() => resolve(at));
        }
      };
      const interval = setInterval(probe, 50);
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${what}\n` +
                `--- screen (${this.isAlternateScreen() ? 'alternate' : 'normal'} buffer, ${this.cols}×${this.rows}) ---\n` +
                `${this.screenText()}\n--- exit: ${JSON.stringify(this.#exitStatus)} ---`,
            ),
          ),
        );
      }, timeoutMs);
      this.#watchers.add(probe);
      probe();
    });
  }

  waitForText(text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    const matches = () => {
      const screen = this.screenText();
      return typeof text === 'string' ? screen.includes(text) : text.test(screen);
    };
    return this.waitFor(matches, `text ${String(text)}`, timeoutMs);
  }

  /** Sends one key (`q`, `enter`, `ctrl+c`, `pagedown` ...) in its own write, then lets the app settle. */
  async press(key: string): Promise<void> {
    this.pty.write(keyBytes(key));
    await delay(this.#keyDelayMs);
  }

  /** Types text one character per write, as a person would (a single write would read as a paste). */
  async type(text: string): Promise<void> {
    for (const character of text) {
      this.pty.write(character);
      await delay(this.#keyDelayMs);
    }
  }

  /** Resizes the pty (the app gets SIGWINCH) and the screen model together. */
  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.pty.kill(signal);
  }

  /**
   * Waits for the process to exit and for its last output to reach the screen model, then gives the
   * exit code (128 + n for a death by signal n, as a shell reports it).
   */
  async waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    await this.waitFor(() => this.exited, 'the process to exit', timeoutMs);
    // The pty may deliver the last bytes just after the exit event.
    while (performance.now() - this.#lastDataAt < 50 || this.#unparsed > 0) await delay(20);
    const status = this.#exitStatus ?? { exitCode: -1, signal: undefined };
    return status.signal ? 128 + status.signal : status.exitCode;
  }

  /** Kills the app if it still runs and removes its temporary HOME. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    if (!this.exited) {
      this.pty.kill('SIGKILL');
      await Promise.race([this.#exit, delay(2_000)]);
    }
    this.term.dispose();
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** A check that throws (e.g. reading a line that is not there yet) simply does not hold yet. */
function holds(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
