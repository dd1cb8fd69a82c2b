// Data on the first frame: a second start shows the last listing at once, marked stale, while the
// local ALB holds back every reply; the fresh listing then replaces it in place, the selection kept.
// A damaged cache changes nothing but its own replacement.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useLocalAlb, type Home } from '../helpers/e2e-local-alb.js';
import { TerminalSession } from '../helpers/terminal.js';

const suite = useLocalAlb({ homePrefix: 'alb-tui-cache-' });
const sessions: TerminalSession[] = [];
afterEach(async () => {
  suite.emulator.setFaults({});
  await Promise.all(sessions.splice(0).map((session) => session.dispose()));
});

const STALE = /stale: cached \d+ s ago/;

function start(home: Home): TerminalSession {
  const alb = suite.emulator;
  const session = TerminalSession.start(['--endpoint', alb.endpoint, '--lang', 'en'], {
    cols: 120,
    rows: 40,
    env: {
      ...home,
      XDG_DATA_HOME: join(home.HOME, '.local', 'share'),
      ALIBABA_CLOUD_ACCESS_KEY_ID: alb.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: alb.accessKeySecret,
    },
  });
  sessions.push(session);
  return session;
}

function cacheDir(home: Home): string {
  return join(home.HOME, '.local', 'share', 'alb-tui', 'listing-cache');
}

function cacheFiles(home: Home): string[] {
  const dir = cacheDir(home);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== 'index.json')
    .map((name) => join(dir, name));
}

/** A first run that lists and quits at once: the quit still keeps the listing it drew. */
async function firstRun(home: Home): Promise<void> {
  const session = start(home);
  await session.waitForText(/› prod-web/);
  await session.waitForText('web_http_80');
  await session.press('q');
  expect(await session.waitForExit()).toBe(0);
  expect(cacheFiles(home)).toHaveLength(1);
  expect(existsSync(join(cacheDir(home), 'index.json'))).toBe(true);
}

describe('the listing cache', () => {
  it('shows the last listing before any call answers, stale, then the fresh one in its place', async () => {
    const home = suite.home();
    await firstRun(home);

    // Every reply of the local ALB now takes 4 s: the first frame comes well before any of them, even
    // on a loaded machine, and the keys below land while the rows are still the cached ones.
    suite.emulator.setFaults({ latencyMs: 4000 });
    const session = start(home);
    await session.waitFor(
      () => STALE.test(session.screen()[0] ?? '') && /› prod-web/.test(session.screenText()),
      'the cached listing with the stale mark',
    );
    expect(session.screenText()).toContain('web_http_80');
    // The keys work on it: web_http_80 selected while the listing is still the cached one.
    await session.press('tab');
    await session.press('down');
    await session.waitForText(/› HTTP +80 +web_http_80/);
    expect(session.screen()[0]).toMatch(STALE);

    // The fresh listing arrives: the mark goes, the same listener stays selected.
    await session.waitFor(() => !STALE.test(session.screen()[0] ?? ''), 'the stale mark cleared', 30_000);
    expect(session.screen()[0]).toMatch(/↻/);
    expect(session.screenText()).toMatch(/› HTTP +80 +web_http_80/);
    expect(session.screenText()).toMatch(/› prod-web/);
  });

  it('ignores a corrupt cache and replaces it, never failing the start', async () => {
    const home = suite.home();
    await firstRun(home);
    const [file] = cacheFiles(home);
    const text = readFileSync(file!, 'utf8');
    writeFileSync(file!, text.slice(0, Math.floor(text.length / 2)));

    const session = start(home);
    await session.waitForText(/› prod-web/);
    expect(session.screen()[0]).not.toMatch(STALE);
    await session.waitFor(() => {
      try {
        return JSON.parse(readFileSync(file!, 'utf8')).version === 1;
      } catch {
        return false;
      }
    }, 'the cache rewritten whole');
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
