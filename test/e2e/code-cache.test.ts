// The code cache end to end: a first start of the dashboard (on the local ALB, in its thread) runs
// with the build's cache and keeps its own once the first listing is drawn; the next start runs the
// app and the local ALB's thread with those. Each bundle's run is logged, so the log also counts the
// local ALB's threads a start begins.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalSession } from '../helpers/terminal.js';

const sessions: TerminalSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.dispose()));
});

describe('the code cache', () => {
  it('is kept by a first start and used by the next, in both threads', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alb-tui-code-cache-e2e-'));
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_STATE_HOME: join(home, '.local', 'state'),
      XDG_CACHE_HOME: join(home, '.cache'),
      ALB_TUI_CODE_CACHE_LOG: join(home, 'code-cache.log'),
    };
    for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_STATE_HOME, env.XDG_CACHE_HOME])
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    const codeDir = join(env.XDG_CACHE_HOME, 'alb-tui', 'code');
    const kept = () =>
      existsSync(codeDir) ? readdirSync(codeDir).filter((file) => file.endsWith('.bin')) : [];
    const outcomes = () => readFileSync(env.ALB_TUI_CODE_CACHE_LOG, 'utf8').trim().split('\n').sort();

    const first = TerminalSession.start(['--lang', 'en'], { cols: 120, rows: 36, env });
    sessions.push(first);
    await first.waitForText(/› prod-web/);
    await first.waitFor(() => kept().length === 2, 'both code caches kept');
    await first.press('q');
    expect(await first.waitForExit()).toBe(0);
    expect(outcomes()).toEqual(['alb-tui shipped', 'local-alb-worker shipped']);
    expect(kept().sort()).toEqual([
      expect.stringMatching(/^alb-tui-\w+-\d+\.bin$/),
      expect.stringMatching(/^local-alb-worker-\w+-\d+\.bin$/),
    ]);

    const second = TerminalSession.start(['--lang', 'en'], {
      cols: 120,
      rows: 36,
      env: { ...env, ALB_TUI_LISTING_CACHE: '0' },
    });
    sessions.push(second);
    await second.waitForText(/› prod-web/);
    await second.press('q');
    expect(await second.waitForExit()).toBe(0);
    expect(outcomes()).toEqual([
      'alb-tui shipped',
      'alb-tui user',
      'local-alb-worker shipped',
      'local-alb-worker user',
    ]);

    // With the listing kept, the thread starts once the first frame asks for the connection, which
    // names the region the listing came from: the one thread serves it (it was stopped and started anew).
    const third = TerminalSession.start(['--lang', 'en'], { cols: 120, rows: 36, env });
    sessions.push(third);
    await third.waitForText(/› prod-web/);
    await third.waitFor(() => !(third.screen()[0] ?? '').includes('stale'), 'the fresh listing');
    await third.press('q');
    expect(await third.waitForExit()).toBe(0);
    expect(outcomes().filter((line) => line.startsWith('local-alb-worker'))).toEqual([
      'local-alb-worker shipped',
      'local-alb-worker user',
      'local-alb-worker user',
    ]);
  });
});
