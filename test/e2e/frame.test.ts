// The frame in a real terminal: alternate screen in, the same screen restored on every way out.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, TerminalSession, type StartOptions } from '../helpers/terminal.js';

const HEADER = 'alb-tui  local ALB · cn-hangzhou · profile local';
const FOOTER = /q quit {2}\? help/;

const sessions: TerminalSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.dispose()));
});

function start(args: string[] = [], options: StartOptions = {}): TerminalSession {
  const session = TerminalSession.start(args, options);
  sessions.push(session);
  return session;
}

async function startFrame(args: string[] = [], options: StartOptions = {}): Promise<TerminalSession> {
  const session = start(args, options);
  await session.waitForText(FOOTER);
  return session;
}

/** The normal screen after the app left: the frame must be gone with the alternate buffer. */
async function expectRestored(session: TerminalSession): Promise<void> {
  // The pty may hand over the last bytes a little after the exit under load.
  await session.waitFor(() => !session.isAlternateScreen(), 'the normal screen');
  expect(session.screenText()).not.toContain('q quit');
  expect(session.screenText()).not.toContain(HEADER);
  // The cursor was shown again.
  expect(session.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(session.output.lastIndexOf('\x1b[?25l'));
}

describe('full-screen frame', () => {
  it('draws header and footer in the alternate screen, within rows - 1 lines', async () => {
    const session = await startFrame();
    expect(session.isAlternateScreen()).toBe(true);
    const screen = session.screen();
    expect(screen[0]).toContain(HEADER);
    expect(screen[0]?.trimEnd().endsWith('? help')).toBe(true);
    expect(screen[28]).toMatch(FOOTER);
    expect(screen[29]).toBe('');
  });

  it('quits on q with status 0 and gives the normal screen back', async () => {
    const session = await startFrame();
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
    await expectRestored(session);
  });

  it('quits on Ctrl-C with status 0 and gives the normal screen back', async () => {
    const session = await startFrame();
    await session.press('ctrl+c');
    expect(await session.waitForExit()).toBe(0);
    await expectRestored(session);
  });

  it('takes Ctrl-C pressed before the first frame as a key, not a signal', async () => {
    // Raw mode is on from the moment the alternate screen is, so the tty does not turn ^C into SIGINT
    // (which would exit 130) while Ink is still starting.
    const session = start();
    await session.waitFor(() => session.isAlternateScreen(), 'the alternate screen');
    session.pty.write('\x03');
    expect(await session.waitForExit()).toBe(0);
    await expectRestored(session);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('restores the screen on %s and exits with %i', async (signal, code) => {
    const session = await startFrame();
    session.kill(signal);
    expect(await session.waitForExit()).toBe(code);
    await expectRestored(session);
  });

  it('opens help on ? and goes back on Esc', async () => {
    const session = await startFrame();
    await session.press('?');
    await session.waitForText('Help · keys of this view');
    await session.press('escape');
    await session.waitForText('┌ Instances');
    expect(session.screenText()).not.toContain('Help · keys of this view');
  });

  it('says the terminal is too small below 60×15 and draws the frame again when it grows', async () => {
    const session = await startFrame();
    session.resize(50, 12);
    await session.waitForText('Terminal too small (need 60×15, have 50×12)');
    expect(session.screenText()).not.toContain('q quit');
    session.resize(100, 30);
    await session.waitForText(FOOTER);
    expect(session.screen()[0]).toContain(HEADER);
    expect(session.screenText()).not.toContain('too small');
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('speaks Chinese with --lang zh-CN', async () => {
    const session = start(['--lang', 'zh-CN']);
    await session.waitForText('q 退出');
    expect(session.screen()[0]).toContain('alb-tui  本地 ALB · cn-hangzhou · 配置 local');
    await session.waitForText('┌ 实例');
  });

  it('speaks Chinese when the locale is Chinese', async () => {
    const session = start([], { env: { LANG: 'zh_CN.UTF-8' } });
    await session.waitForText('? 帮助');
  });

  it('shows an Alibaba Cloud connection with --endpoint', async () => {
    // A closed local port: nothing is ever sent to the real cloud.
    const session = start(['--endpoint', 'http://127.0.0.1:1', '--region', 'cn-shanghai'], {
      cols: 120,
    });
    await session.waitForText('Alibaba Cloud · cn-shanghai · http://127.0.0.1:1');
  });

  it('colours the header, and does not under NO_COLOR', async () => {
    const coloured = await startFrame([], { env: { NO_COLOR: undefined } });
    const at = coloured.find('alb-tui');
    expect(at).toBeDefined();
    expect(coloured.cell(at?.x ?? 0, at?.y ?? 0)?.defaultForeground).toBe(false);

    const plain = await startFrame([], { env: { NO_COLOR: '1' } });
    const plainAt = plain.find('alb-tui');
    expect(plain.cell(plainAt?.x ?? 0, plainAt?.y ?? 0)?.defaultForeground).toBe(true);
    expect(plain.output).not.toMatch(/\x1b\[(?:3[0-7]|9[0-7]|38;)/);
  });
});

describe('command line', () => {
  it('rejects an unknown flag with status 2 and a message, without touching the screen', async () => {
    const session = start(['--bogus']);
    expect(await session.waitForExit()).toBe(2);
    expect(session.screenText()).toContain("alb-tui: unknown option '--bogus'");
    expect(session.screenText()).toContain("Run 'alb-tui --help' for usage.");
    expect(session.output).not.toContain('\x1b[?1049h');
  });

  it('says so in Chinese when the user reads Chinese', async () => {
    const session = start(['--bogus'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(await session.waitForExit()).toBe(2);
    expect(session.screenText()).toContain("未知选项 '--bogus'");
  });

  it('prints usage for --help and the version for --version', async () => {
    const help = start(['--help']);
    expect(await help.waitForExit()).toBe(0);
    expect(help.screenText()).toContain('Usage:');
    expect(help.screenText()).toContain('--endpoint URL');

    const version = start(['--version']);
    expect(await version.waitForExit()).toBe(0);
    const { version: expected } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.screenText().trim()).toBe(expected);
  });

  it('refuses to start the dashboard without a terminal', () => {
    const result = spawnSync(process.execPath, [BIN], {
      cwd: REPO_ROOT,
      input: '',
      encoding: 'utf8',
      env: { ...process.env, CI: 'false', LANG: 'C.UTF-8', LC_ALL: undefined },
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('needs an interactive terminal');
    expect(result.stdout).not.toContain('\x1b[?1049h');
  });
});
