// The dashboard in a real terminal, against the real bundle and the local ALB on a temporary state:
// browse, filter on Chinese text, open a detail, resize, delete with confirmation, quit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../source/emulator/index.js';
import { cellWidth } from '../../source/domain/text.js';
import { TerminalSession, type StartOptions } from '../helpers/terminal.js';

const sessions: TerminalSession[] = [];
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.dispose()));
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(args: string[] = [], options: StartOptions = {}): TerminalSession {
  const session = TerminalSession.start(args, { cols: 120, rows: 36, ...options });
  sessions.push(session);
  return session;
}

const READY = '┌ Listeners · prod-web';

/** The line of the screen that holds `text`, or '' when none does. */
function lineWith(session: TerminalSession, text: string | RegExp): string {
  return (
    session.screen().find((line) => (typeof text === 'string' ? line.includes(text) : text.test(line))) ?? ''
  );
}

function expectFits(session: TerminalSession): void {
  const screen = session.screen();
  for (const line of screen) expect(cellWidth(line)).toBeLessThanOrEqual(session.cols);
  // The frame is rows - 1 lines: the last line stays empty.
  expect(screen[session.rows - 1]).toBe('');
}

async function expectRestored(session: TerminalSession): Promise<void> {
  await session.waitFor(() => !session.isAlternateScreen(), 'the normal screen');
  expect(session.screenText()).not.toContain('q quit');
  expect(session.screenText()).not.toContain('┌ Instances');
  expect(session.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(session.output.lastIndexOf('\x1b[?25l'));
}

describe('dashboard in a real terminal', () => {
  it('browses, filters on Chinese, opens a detail, follows resizes, deletes with confirmation and quits', async () => {
    const session = start();
    await session.waitForText(READY);
    await session.waitFor(() => (session.screen()[34] ?? '').includes('q quit'), 'the key hints');
    expect(session.isAlternateScreen()).toBe(true);
    expect(session.screen()[0]).toContain('alb-tui  local ALB · cn-hangzhou · profile local');
    expect(lineWith(session, '┌ Instances')).toContain('┌ Listeners');
    expect(lineWith(session, '› prod-web')).toMatch(/Active/);
    expectFits(session);

    // Running is green.
    const running = session.find('Running');
    expect(running).toBeDefined();
    expect(session.cell(running!.x, running!.y)?.defaultForeground).toBe(false);

    // Down to the payment gateway; its listeners follow.
    await session.press('j');
    await session.press('j');
    // A frame can arrive in more than one write: wait for the whole of it.
    await session.waitFor(
      () =>
        session.screenText().includes('┌ Listeners · 支付网关-prod') &&
        /Active/.test(lineWith(session, '› 支付网关-prod')),
      'the payment gateway selected, its listeners shown',
    );

    // Filter its listeners on Chinese text, one character at a time.
    await session.press('tab');
    await session.press('/');
    await session.type('支付');
    await session.waitForText(/Listeners · 支付网关-prod \(alb-\w+\) 3\/5 \/支付/);
    expect(session.screenText()).not.toContain('对账服务_8443');
    await session.press('enter');

    // The detail of 支付网关_443.
    await session.press('j');
    await session.waitFor(
      () => /›\s*HTTPS\s+443\s+支付网关_443/.test(lineWith(session, '支付网关_443')),
      'the listener selected',
    );
    await session.press('enter');
    await session.waitForText('Extra HTTP headers');
    expect(session.screenText()).toMatch(/Listener name\s+支付网关_443/);
    expect(session.screenText()).toMatch(/default\s+\d+-cn-hangzhou\s+pay-example-cn/);
    // The frame may still be arriving below the section title: wait for the line itself.
    await session.waitForText(/X-Forwarded-For\s+on — carries the client's real IP address/);
    expectFits(session);
    await session.press('G');
    await session.waitForText(/Backend servers: \d+/);
    await session.press('y');
    await session.waitForText('to the clipboard (OSC 52)');
    // The listener ID, base64, in an OSC 52 sequence straight to the terminal.
    await session.waitFor(() => /\x1b\]52;c;[A-Za-z0-9+/=]+\x07/.test(session.output), 'the OSC 52 sequence');
    await session.press('escape');
    await session.waitForText('┌ Instances');

    // Narrow: the panes stack, and the frame still fits.
    session.resize(80, 24);
    await session.waitFor(() => {
      const screen = session.screen();
      const instances = screen.findIndex((line) => line.startsWith('┌ Instances'));
      const listeners = screen.findIndex((line) => line.startsWith('┌ Listeners'));
      return instances >= 0 && listeners > instances;
    }, 'stacked panes');
    expectFits(session);
    session.resize(60, 15);
    // The 80-column frame also has two pane tops: wait for the one drawn at 60 columns.
    await session.waitFor(() => {
      const screen = session.screen();
      return (
        screen.filter((line) => line.startsWith('┌')).length === 2 &&
        screen.every((line) => cellWidth(line) <= 60)
      );
    }, 'the panes at 60×15');
    expectFits(session);
    session.resize(50, 12);
    await session.waitForText('Terminal too small');
    session.resize(120, 36);
    await session.waitForText('┌ Instances');
    expect(lineWith(session, '┌ Instances')).toContain('┌ Listeners');

    // Delete 支付回调_80 (HTTP 80) after typing its port; a wrong port is refused.
    await session.press('escape');
    await session.waitFor(() => !session.screenText().includes('/支付'), 'the filter cleared');
    await session.waitFor(
      () => /›\s*HTTPS\s+443\s+支付网关_443/.test(lineWith(session, '支付网关_443')),
      'the selection kept',
    );
    await session.press('j');
    await session.waitFor(
      () => /›\s*HTTP\s+80\s+支付回调_80/.test(lineWith(session, '支付回调_80')),
      'HTTP 80 selected',
    );
    await session.press('ctrl+d');
    await session.waitForText('Delete listener HTTP 80 “支付回调_80”?');
    await session.type('81');
    await session.press('enter');
    await session.waitForText('Not 80');
    await session.press('backspace');
    await session.type('0');
    await session.press('enter');
    await session.waitForText(/HTTP\s+80\s+支付回调_80\s+Deleting…/);
    await session.waitForText('Deleted HTTP 80.', 20_000);
    expect(session.screenText()).not.toContain('支付回调_80');
    await session.waitForText(/Listeners · 支付网关-prod \(alb-\w+\) 4/);

    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
    await expectRestored(session);
  }, 90_000);

  it('speaks Chinese with --lang zh-CN and switches language with :lang', async () => {
    const session = start(['--lang', 'zh-CN']);
    await session.waitForText('┌ 监听 · prod-web');
    await session.waitFor(() => (session.screen()[34] ?? '').includes('q 退出'), 'the key hints');
    expect(session.screenText()).toContain('运行中');
    await session.press(':');
    await session.type('lang en');
    await session.press('enter');
    await session.waitForText(READY);
    await session.press('ctrl+c');
    expect(await session.waitForExit()).toBe(0);
    await expectRestored(session);
  }, 60_000);

  it('shows a listener whose name holds escape sequences harmlessly', async () => {
    const data = mkdtempSync(join(tmpdir(), 'alb-tui-e2e-data-'));
    directories.push(data);
    const dir = join(data, 'alb-tui');
    const statePath = join(dir, 'local-alb.json');
    const emulator = await startEmulator({
      port: 0,
      statePath,
      credentialsPath: join(dir, 'local-alb-credentials.json'),
    });
    await emulator.close();
    // The API refuses such names, so they are written straight into the local ALB's state.
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
      listeners: { listenerDescription: string }[];
      loadBalancers: { loadBalancerName: string }[];
    };
    const evil = 'evil\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[31m\x07name';
    const target = state.listeners.find((l) => l.listenerDescription === 'web_http_80');
    expect(target).toBeDefined();
    target!.listenerDescription = evil;
    state.loadBalancers[0]!.loadBalancerName = `prod\x1b[8mhidden\x1b[0m-web`;
    writeFileSync(statePath, JSON.stringify(state), { mode: 0o600 });

    const session = start([], { env: { XDG_DATA_HOME: data } });
    await session.waitForText('┌ Listeners · prodhidden-web');
    await session.waitForText('evil␇name');
    // Nothing of it reached the terminal: no clear, no title, no clipboard write, no colour change.
    expect(session.output).not.toContain('pwned');
    expect(session.output).not.toContain('cHduZWQ=');
    expect(session.output).not.toContain('\x1b[8m');
    expect(session.screenText()).toContain('┌ Instances');
    const at = session.find('evil␇name');
    expect(session.cell(at!.x, at!.y)?.defaultForeground).toBe(true);
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  }, 60_000);

  it('says an endpoint is unreachable, with r to retry', async () => {
    const session = start(['--endpoint', 'http://127.0.0.1:1'], {
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'test-secret' },
    });
    await session.waitForText('Endpoint unreachable', 30_000);
    expect(session.screenText()).toContain('Press r to retry');
    expect(session.screenText()).toContain('127.0.0.1:1');
    expect(lineWith(session, 'r retry')).toMatch(/^ r retry/);
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  }, 60_000);

  it('says credentials are missing, with the exact hint', async () => {
    const session = start(['--endpoint', 'http://127.0.0.1:1'], {
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined },
    });
    await session.waitForText('Credentials missing or refused', 30_000);
    const text = session
      .screen()
      .map((line) => line.trim())
      .join(' ');
    expect(text).toContain(
      'run `aliyun configure` or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    );
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  }, 60_000);
});
