// Data on the first frame with several connections (issue 19): a second start with `--connection a,b`
// shows both connections' last listings at once, each connection's rows marked (!) until its own fresh
// listing arrives; the slow one's rows stay marked while the quick one's are already current.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { useLocalAlb, type Home } from '../helpers/e2e-local-alb.js';
import { TerminalSession } from '../helpers/terminal.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'alb-tui.js');
const suite = useLocalAlb({ homePrefix: 'alb-tui-cache-mixed-' });
let shanghai: RunningEmulator;
const sessions: TerminalSession[] = [];

beforeAll(async () => {
  shanghai = await startEmulator({ port: 0, region: 'cn-shanghai', seed: 7 });
});
afterAll(async () => {
  await shanghai?.close();
});
afterEach(async () => {
  suite.emulator.setFaults({});
  shanghai?.setFaults({});
  await Promise.all(sessions.splice(0).map((session) => session.dispose()));
});

const STALE = /stale: cached \d+ s ago/;

function addConnection(home: Home, name: string, region: string, alb: RunningEmulator): void {
  const file = join(home.HOME, `${name}.ini`);
  writeFileSync(
    file,
    `[default]\ntype = access_key\naccess_key_id = ${alb.accessKeyId}\naccess_key_secret = ${alb.accessKeySecret}\n`,
    { mode: 0o600 },
  );
  execFileSync(
    process.execPath,
    [
      BIN,
      ...['connections', 'add', name, '--region', region, '--endpoint', alb.endpoint],
      ...['--credentials', `credentials-file:${file}#default`],
    ],
    { env: { ...process.env, ...home } },
  );
}

function start(home: Home): TerminalSession {
  const session = TerminalSession.start(['--connection', 'hz,sh', '--lang', 'en'], {
    cols: 120,
    rows: 40,
    env: home,
  });
  sessions.push(session);
  return session;
}

function cacheFiles(home: Home): string[] {
  const dir = join(home.XDG_DATA_HOME!, 'alb-tui', 'listing-cache');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name !== 'index.json') : [];
}

/** Whether the cache's index says which listings the start `--connection NAME` opened. */
function cacheIndexNames(home: Home, name: string): boolean {
  const index = join(home.XDG_DATA_HOME!, 'alb-tui', 'listing-cache', 'index.json');
  if (!existsSync(index)) return false;
  const { starts } = JSON.parse(readFileSync(index, 'utf8')) as { starts: [string, ...string[]][] };
  return starts.some(([start]) => (JSON.parse(start) as unknown[])[0] === name);
}

/** The instance rows of one connection, and whether any of them is marked as from an earlier listing. */
function rowsOf(session: TerminalSession, name: string): { count: number; marked: boolean } {
  const rows = session.screen().filter((line) => new RegExp(`│[› ] .* (! )?${name} `).test(line));
  return { count: rows.length, marked: rows.some((line) => line.includes(`! ${name} `)) };
}

describe('the listing cache of a mixed view', () => {
  it('shows both connections at once, each marked until its own fresh listing arrives', async () => {
    const home = suite.home();
    addConnection(home, 'hz', 'cn-hangzhou', suite.emulator);
    addConnection(home, 'sh', 'cn-shanghai', shanghai);
    const first = start(home);
    await first.waitForText(/2 connections · hz@cn-hangzhou sh@cn-shanghai/, 30_000);
    await first.waitFor(() => rowsOf(first, 'sh').count > 0 && rowsOf(first, 'hz').count > 0, 'both listed');
    await first.waitFor(() => cacheFiles(home).length === 2, 'both listings cached', 15_000);
    await first.waitFor(() => cacheIndexNames(home, 'hz,sh'), 'the start remembered', 15_000);
    await first.press('q');
    expect(await first.waitForExit()).toBe(0);

    // Hangzhou now answers after 4 s, shanghai after 1 s: long enough that the frame with both cached
    // listings is on screen on its own even when this process is too busy to read the terminal at once.
    suite.emulator.setFaults({ latencyMs: 4000 });
    shanghai.setFaults({ latencyMs: 1000 });
    const second = start(home);
    await second.waitFor(
      () =>
        STALE.test(second.screen()[0] ?? '') && rowsOf(second, 'hz').marked && rowsOf(second, 'sh').marked,
      'both cached listings, marked',
    );
    await second.waitFor(
      () => !rowsOf(second, 'sh').marked && rowsOf(second, 'sh').count > 0,
      'shanghai current',
      20_000,
    );
    expect(rowsOf(second, 'hz').marked).toBe(true);
    expect(second.screen()[0]).toMatch(STALE);
    await second.waitFor(() => !STALE.test(second.screen()[0] ?? ''), 'all current', 40_000);
    expect(rowsOf(second, 'hz')).toMatchObject({ marked: false });
  }, 120_000);
});
