import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cellWidth } from '../../source/domain/text.js';
import { openStore } from '../../source/store/index.js';
import { App } from '../../source/ui/app.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import type { Connection } from '../../source/ui/connection.js';
import { Sessions, type OpenedConnection } from '../../source/ui/session.js';
import type { TerminalSize } from '../../source/ui/terminal-size.js';
import { KEYS, pressKeys, settle } from '../helpers/ink.js';
import {
  credentialsError,
  FakeAlbClient,
  fakeSessions,
  instance,
  listener,
  LOCAL,
  NOW,
  sampleData,
  unreachableError,
} from './fake-client.js';

const CTRL_D = '\x04';
const { Terminal } = xterm;

/** How far a terminal's cursor moves printing the line. */
function drawnWidth(terminal: InstanceType<typeof Terminal>, line: string): Promise<number> {
  return new Promise((resolve) =>
    terminal.write(`\r\x1b[2K${line}`, () => resolve(terminal.buffer.active.cursorX)),
  );
}
const cleanups: (() => void)[] = [];
// The app loads its later views once the first listing is in: let that finish before the file ends.
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface ShowOptions {
  size?: TerminalSize;
  lang?: 'en' | 'zh-CN';
  client?: FakeAlbClient;
  sessions?: Sessions;
  colour?: boolean;
  connection?: Connection;
  store?: Awaited<ReturnType<typeof openStore>>;
  refreshSeconds?: number;
}

function show(options: ShowOptions = {}) {
  const size = options.size ?? { columns: 100, rows: 30 };
  const client = options.client ?? new FakeAlbClient();
  const written: string[] = [];
  const sessions = options.sessions ?? fakeSessions(client, options.connection ?? LOCAL);
  const instance = render(
    <App
      connection={options.connection ?? LOCAL}
      sessions={sessions}
      lang={options.lang ?? 'en'}
      colour={options.colour ?? false}
      size={size}
      now={() => NOW}
      writeTerminal={(bytes) => written.push(bytes)}
      refreshSeconds={options.refreshSeconds ?? 0}
      {...(options.store ? { store: async () => options.store } : {})}
    />,
  );
  cleanups.push(instance.unmount);
  const frame = () => instance.lastFrame() ?? '';
  const lines = () => frame().split('\n');
  const waitFor = async (text: string | RegExp, timeoutMs = 3000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (typeof text === 'string' ? current.includes(text) : text.test(current)) return;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}\n${current}`);
      await settle(10);
    }
  };
  const keys = (...sequence: string[]) => pressKeys(instance.stdin, ...sequence);
  return { ...instance, client, written, frame, lines, waitFor, keys };
}

async function ready(options: ShowOptions = {}) {
  const app = show(options);
  await app.waitFor('web_https_443');
  return app;
}

function expectFits(lines: string[], size: TerminalSize) {
  expect(lines).toHaveLength(size.rows - 1);
  for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(size.columns);
}

describe('the dashboard', () => {
  it('draws header, both panes, the detail line and key hints in rows - 1 lines', async () => {
    const app = await ready();
    const lines = app.lines();
    expectFits(lines, { columns: 100, rows: 30 });
    expect(lines[0]).toMatch(/^ alb-tui {2}local ALB · cn-hangzhou · profile local +↻ off {3}\? help/);
    expect(app.frame()).toContain('┌ Instances 3 ');
    expect(app.frame()).toContain('┌ Listeners · web-prod (alb-web) 3 ');
    expect(app.frame()).toMatch(/› web-prod +Active +3/);
    expect(app.frame()).toMatch(/HTTPS +443 +web_https_443 +Running +(—|\??\d?\/\d) +web-frontend/);
    expect(lines.at(-2)).toContain('web-prod · alb-web · Active · Internet IPv4');
    expect(lines.at(-1)).toMatch(
      /^ ↑↓ move {2}⏎ open {2}\/ filter {2}c create {2}p profiles {2}\^r refresh {2}Space mark {2}q quit/,
    );
  });

  it("keeps the connection's name whole in the header at 80 columns, dropping the endpoint first", async () => {
    const connection: Connection = {
      kind: 'cloud',
      region: 'cn-shanghai',
      profile: 'prod-shanghai-payments',
      endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
      production: true,
      readOnly: true,
    };
    for (const lang of ['en', 'zh-CN'] as const) {
      const app = show({ connection, lang, size: { columns: 80, rows: 24 } });
      await app.waitFor(lang === 'en' ? 'web_https_443' : '支付网关');
      const header = app.lines()[0] ?? '';
      expect(header).toContain('prod-shanghai-payments');
      expect(header).toContain(lang === 'en' ? 'read-only' : '只读');
      expect(header).not.toContain('aliyuncs.com');
      app.unmount();
    }
  });

  it('sits side by side when wide and stacked when narrow, always within the frame', async () => {
    const wide = await ready({ size: { columns: 140, rows: 30 } });
    const top = wide.lines()[1] ?? '';
    expect(top).toContain('┌ Instances');
    expect(top).toContain('┌ Listeners');
    expectFits(wide.lines(), { columns: 140, rows: 30 });

    for (const size of [
      { columns: 60, rows: 15 },
      { columns: 80, rows: 24 },
    ]) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const app = show({ size, lang });
        await app.waitFor(lang === 'en' ? 'web_https_443' : '支付网关');
        expectFits(app.lines(), size);
        const tops = app.lines().filter((line) => line.startsWith('┌'));
        expect(tops).toHaveLength(2);
        app.unmount();
      }
    }
  });

  it('aligns Chinese names in cells and cuts them with an ellipsis', async () => {
    const data = sampleData();
    data.loadBalancers.push(instance('alb-cn', '非常长的中文实例名称用来测试截断是否正确对齐的效果'));
    const app = await ready({ client: new FakeAlbClient(data), size: { columns: 130, rows: 20 } });
    const rows = app.lines().filter((line) => line.includes('Active') && line.startsWith('│'));
    const statusAt = rows.map((line) => cellWidth(line.slice(0, line.indexOf('Active'))));
    expect(new Set(statusAt).size).toBe(1);
    expect(app.frame()).toContain('非常长的中文');
    expect(app.frame()).toContain('…');
  });

  it('lines the pane borders up for names with zero-width and format characters', async () => {
    const data = sampleData();
    // (No emoji: the headless terminal draws them by Unicode 6 widths, one cell.)
    const odd = ['zero\u200bwidth', 'joined\u200d\u2060x', '\ufeffbom', 'soft\u00adhy\u0600'];
    odd.forEach((name, i) => data.loadBalancers.push(instance(`alb-odd${i}`, name)));
    data.listeners.push(listener('lsn-odd', 'alb-web', 'HTTPS', 8443, 'api\u200b\u00ad_8443'));
    const terminal = new Terminal({ cols: 200, rows: 5, allowProposedApi: true });
    for (const size of [
      { columns: 120, rows: 36 },
      { columns: 80, rows: 24 },
    ]) {
      const app = await ready({ client: new FakeAlbClient(data), size });
      await app.waitFor('zerowidth');
      await app.keys(KEYS.tab);
      await app.waitFor('api_8443');
      expect(app.frame()).not.toMatch(/[\p{Cf}]/u);
      // Drawn by a terminal, every line of the frame is exactly as wide as the screen.
      for (const line of app.lines().slice(1, -2))
        expect(await drawnWidth(terminal, line), line).toBe(size.columns);
      app.unmount();
    }
    terminal.dispose();
  });

  it('says where a list or the detail is scrolled to one way, by one function', async () => {
    const data = sampleData();
    for (let i = 0; i < 40; i += 1) data.loadBalancers.push(instance(`alb-x${i}`, `extra-${i}`));
    for (let i = 0; i < 30; i += 1)
      data.listeners.push(listener(`lsn-x${i}`, 'alb-web', 'HTTP', 9000 + i, `extra_${i}`));
    for (const lang of ['en', 'zh-CN'] as const) {
      const app = await ready({ client: new FakeAlbClient(data), size: { columns: 120, rows: 36 }, lang });
      const total = data.loadBalancers.length;
      const pattern = lang === 'en' ? /└─+ 1–(\d+) of (\d+) ─┘/g : /└─+ 1–(\d+)，共 (\d+) ─┘/g;
      // Both panes' bottom borders (side by side at 120 columns).
      const totals = [...app.frame().matchAll(pattern)].map((match) => match[2]);
      expect(totals).toEqual([String(total), '33']);
      await app.keys(KEYS.tab, KEYS.enter);
      await app.waitFor('1001-cn-hangzhou');
      await app.waitFor(new RegExp(pattern.source));
      app.unmount();
    }
  });

  it('names TLS policies whole: custom ones by their name, system ones by a short ID', async () => {
    const data = sampleData();
    data.policies.push({
      securityPolicyId: 'spy-4k2m9x7q1w',
      securityPolicyName: 'pci-dss-strict',
      kind: 'custom',
      tlsVersions: ['TLSv1.2'],
      ciphers: [],
    });
    data.listeners.push(
      listener('lsn-web-pci', 'alb-web', 'HTTPS', 8443, 'pci_8443', { securityPolicyId: 'spy-4k2m9x7q1w' }),
      listener('lsn-web-13', 'alb-web', 'HTTPS', 9443, 'modern_9443', {
        securityPolicyId: 'tls_cipher_policy_1_2_strict_with_1_3',
      }),
    );
    for (const lang of ['en', 'zh-CN'] as const) {
      // Stacked panes at 100 columns, side by side at 170 (narrower, the policy column goes before the
      // health column, and at 120 it is left out whole).
      for (const size of [
        { columns: 100, rows: 30 },
        { columns: 170, rows: 36 },
      ]) {
        const app = await ready({ client: new FakeAlbClient(data), size, lang });
        await app.keys(KEYS.tab);
        await app.waitFor('pci_8443');
        expect(app.frame()).toContain('pci-dss-strict');
        expect(app.frame()).toContain('tls_1_2_strict_with_1_3');
        expect(app.frame()).not.toContain('spy-4k2m9x7q1w');
        app.unmount();
      }
    }
    const app = await ready({ client: new FakeAlbClient(data) });
    await app.keys(KEYS.tab, '/', 'p', 'c', 'i', KEYS.enter, KEYS.enter);
    await app.waitFor('pci-dss-strict (spy-4k2m9x7q1w)');
  });

  it('moves, switches pane and shows the listeners of the selected instance', async () => {
    const app = await ready();
    await app.keys(KEYS.down);
    await app.waitFor('Listeners · 支付网关-prod (alb-pay) 2');
    await app.keys(KEYS.tab, KEYS.down);
    await app.waitFor(/› HTTP +80 +支付回调_80 +Provisioning/);
    expect(app.lines().at(-2)).toContain('HTTP 80 · lsn-pay-http');
  });

  it('filters as you type, Chinese included, and says when nothing matches', async () => {
    const app = await ready();
    await app.keys('/', '支', '付');
    await app.waitFor('Instances 1/3 /支付');
    expect(app.lines().at(-2)).toContain('/支付');
    expect(app.lines().at(-2)).toContain('1 of 3');
    await app.keys(KEYS.enter, KEYS.tab, '/', 'z', 'z');
    await app.waitFor('Nothing matches “zz”.');
    await app.keys(KEYS.escape);
    await app.waitFor('Listeners · 支付网关-prod (alb-pay) 2 ');
  });

  it('opens the full listener detail and scrolls it', async () => {
    const app = await ready();
    await app.keys(KEYS.tab, KEYS.enter);
    await app.waitFor('Extra HTTP headers');
    const frame = app.frame();
    expect(frame).toContain('┌ Listener HTTPS 443 · lsn-web-https');
    expect(frame).toContain(
      'default  1001-cn-hangzhou  example-wildcard (*.example.com)  expires 2026-08-01 (in 212 d)',
    );
    expect(frame).toMatch(/X-Forwarded-For +on — carries the client's real IP address/);
    expectFits(app.lines(), { columns: 100, rows: 30 });
    await app.keys('G');
    await app.waitFor('i-two');
    await app.keys(KEYS.escape);
    await app.waitFor('┌ Instances');
  });

  it("shows a certificate's SANs and issuer whole, wrapped, and scrolls to the last row", async () => {
    const data = sampleData();
    const sans = Array.from({ length: 24 }, (_, i) => `service-${i}.payments.example.com`);
    const issuer =
      'CN=Example Organization Validation Secure Server CA 2026, O=Example Trust Services Limited, L=Hangzhou, C=CN';
    data.certificates[0] = { ...data.certificates[0]!, sans, issuer };
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const size of [
        { columns: 120, rows: 36 },
        { columns: 80, rows: 24 },
      ]) {
        const app = await ready({ client: new FakeAlbClient(data), size, lang });
        await app.keys(KEYS.tab, KEYS.enter);
        await app.waitFor('1001-cn-hangzhou');
        // Everything the detail shows, page by page, down to its end.
        let seen = app.frame();
        for (let page = 0; page < 12; page += 1) {
          await app.keys(' ');
          seen += app.frame();
        }
        expectFits(app.lines(), size);
        const text = seen.replace(/[│\s]+/g, '');
        for (const san of sans) expect(text).toContain(`${san}`);
        expect(text).toContain(issuer.replace(/\s+/g, ''));
        expect(seen).toContain(lang === 'en' ? 'SANs' : '绑定域名');
        expect(seen).toContain(lang === 'en' ? 'Issuer' : '颁发机构');
        expect(seen).toContain('i-two');
        app.unmount();
      }
    }
  });

  it('shows the certificate of the selected listener on the detail line', async () => {
    const app = await ready();
    await app.keys(KEYS.tab);
    await app.waitFor('cert 1001-cn-hangzhou (expires in 212 d)');
  });

  it('deletes a listener after its port is typed, showing Deleting… until it is gone', async () => {
    const app = await ready();
    await app.keys(KEYS.tab, KEYS.down, CTRL_D);
    await app.waitFor('Delete listener HTTP 80 “web_http_80”? Type 80 and Enter');
    await app.keys('8', '1', KEYS.enter);
    await app.waitFor('Not 80');
    await app.keys(KEYS.backspace, '0', KEYS.enter);
    await app.waitFor(/HTTP +80 +web_http_80 +Deleting…/);
    // The call goes out from an effect, which runs after the frame that shows Deleting…; the wait for
    // the listener to go starts only once DeleteListener has answered: release the wait once it is there.
    await vi.waitFor(() => expect(app.client.deleted).toEqual(['lsn-web-http']), { timeout: 3000 });
    await vi.waitFor(() => expect(app.client.finishDelete).toBeDefined(), { timeout: 3000 });
    app.client.finishDelete!();
    await app.waitFor('Deleted HTTP 80.');
    expect(app.frame()).not.toContain('web_http_80');
    expect(app.frame()).toContain('Listeners · web-prod (alb-web) 2');
  });

  it('refuses to delete on a read-only connection', async () => {
    const app = await ready({ connection: { ...LOCAL, readOnly: true } });
    expect(app.lines()[0]).toContain('read-only');
    await app.keys(KEYS.tab, CTRL_D);
    await app.waitFor('This connection is read-only: deleting is turned off.');
    expect(app.client.deleted).toEqual([]);
  });

  it('copies the selected ID with OSC 52', async () => {
    const app = await ready();
    await app.keys('y');
    await app.waitFor('Copied alb-web to the clipboard');
    // The bytes are written by an effect, which runs after the frame that says so.
    await vi.waitFor(
      () => expect(app.written).toEqual([`\x1b]52;c;${Buffer.from('alb-web').toString('base64')}\x07`]),
      { timeout: 3000 },
    );
  });

  it('shows a name with escape sequences harmlessly', async () => {
    const data = sampleData();
    data.listeners[0]!.listenerDescription = 'evil\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x07name';
    const app = show({ client: new FakeAlbClient(data) });
    await app.waitFor('evil');
    const frame = app.frame();
    expect(frame).not.toContain('\x1b]');
    expect(frame).not.toContain('\x1b[2J');
    expect(frame).not.toContain('\x07');
    expect(frame).toContain('evil␇name');
  });

  it('opens the wizard for the selected instance on c, and Esc comes back', async () => {
    const app = await ready();
    await app.keys(KEYS.down, 'c');
    await app.waitFor('Create listener');
    expect(app.frame()).toContain('支付网关-prod');
    await app.keys(KEYS.escape);
    await app.waitFor('┌ Instances');
  });

  it('lists every key of the view in help, and the commands', async () => {
    const app = await ready({ size: { columns: 100, rows: 50 } });
    await app.keys('?');
    await app.waitFor('Help · keys of this view');
    const frame = app.frame();
    for (const text of ['sort by port', 'copy ID', 'page down', ':listeners', ':ctx NAME', ':lang en|zh-CN'])
      expect(frame).toContain(text);
    await app.keys(KEYS.escape);
    await app.waitFor('┌ Instances');
  });

  it('runs : commands with completion: :listeners, :lang', async () => {
    const app = await ready({ size: { columns: 130, rows: 30 } });
    await app.keys(':', 'l', 'i', KEYS.tab, KEYS.enter);
    await app.waitFor('┌ All listeners 5 ');
    expect(app.frame()).toMatch(/支付回调_80 +支付网关-prod/);
    await app.keys(':', 'l', 'a', 'n', 'g', ' ', 'z', KEYS.tab, KEYS.enter);
    await app.waitFor('┌ 全部监听 5 ');
    expect(app.lines().at(-1)).toContain('q 退出');
  });

  it('shows the exact hint when credentials are missing, and retries on r', async () => {
    const client = new FakeAlbClient();
    client.listingError = credentialsError();
    const app = show({ client });
    await app.waitFor('Credentials missing or refused');
    const text = app
      .lines()
      .map((line) => line.trim())
      .join(' ');
    expect(text).toContain(
      'credentials missing: run `aliyun configure` or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    );
    expect(text).toContain('Press r to retry');
    expect(app.lines().at(-1)).toMatch(/^ r retry/);
    client.listingError = undefined;
    await app.keys('r');
    await app.waitFor('web_https_443');
  });

  it('says when the endpoint is unreachable, with r to retry', async () => {
    const client = new FakeAlbClient();
    client.listingError = unreachableError();
    const app = show({ client, lang: 'zh-CN' });
    await app.waitFor('无法访问端点');
    expect(app.frame()).toContain('ECONNREFUSED');
    expect(app.frame()).toContain('按 r 重试');
  });

  it('wraps a long error at 60 columns between Chinese characters, nothing cut off', async () => {
    const client = new FakeAlbClient();
    client.listingError = unreachableError();
    const app = show({ client, lang: 'zh-CN', size: { columns: 60, rows: 20 } });
    await app.waitFor('无法访问端点');
    const body = app
      .lines()
      .slice(1, -1)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    for (const line of body) expect(cellWidth(line)).toBeLessThanOrEqual(56);
    expect(body.join('')).toContain('无法连接 http://127.0.0.1:1（ECONNREFUSED）；请检查端点和网络后重试');
    expect(body.some((line) => line.endsWith('…'))).toBe(false);
  });

  it('says when the connection cannot be opened', async () => {
    const sessions = new Sessions(async () => {
      throw Object.assign(new Error('no connection named "x"'), {
        name: 'ConnectionError',
        localized: {
          en: 'no connection named "x" (known: "local")',
          'zh-CN': '没有名为 "x" 的连接（已有："local"）',
        },
      });
    });
    const app = show({ sessions });
    await app.waitFor('Could not connect');
    expect(app.frame()).toContain('no connection named "x" (known: "local")');
  });

  it('says when the region has no instances', async () => {
    const app = show({ client: new FakeAlbClient({ ...sampleData(), loadBalancers: [], listeners: [] }) });
    await app.waitFor('No ALB instances in region cn-hangzhou.');
    expect(app.frame()).toContain(
      'Create one in the Alibaba Cloud console, or switch connection with :ctx. ^r refreshes.',
    );
  });

  it('says when an instance has no listeners', async () => {
    const app = await ready();
    await app.keys(KEYS.down, KEYS.down);
    await app.waitFor('No listeners on this instance.');
    expect(app.frame()).toContain('Press c to create one.');
  });

  it('shows the loading progress until the listing is there', async () => {
    const client = new FakeAlbClient();
    let release = () => {};
    client.hold = new Promise((resolve) => {
      release = resolve;
    });
    const app = show({ client });
    await app.waitFor('Loading instances…');
    release();
    await app.waitFor('web_https_443');
  });

  it('refreshes on its own and keeps the selection', async () => {
    const client = new FakeAlbClient();
    const app = show({ client, refreshSeconds: 1 });
    await app.waitFor('web_https_443');
    await app.keys(KEYS.down);
    await app.waitFor('› 支付网关-prod');
    client.data.loadBalancers.unshift(instance('alb-new', 'brand-new'));
    await app.waitFor('brand-new', 4000);
    expect(app.frame()).toContain('› 支付网关-prod');
    expect(client.listings).toBeGreaterThanOrEqual(2);
  });

  it('switches connection with :ctx', async () => {
    const asked: (string | undefined)[] = [];
    const client = new FakeAlbClient();
    const sessions = new Sessions(async (name): Promise<OpenedConnection> => {
      asked.push(name);
      return {
        client,
        connection: name ? { kind: 'cloud', region: 'cn-beijing', profile: name, readOnly: true } : LOCAL,
        warnings: [],
        close: async () => undefined,
      };
    });
    const app = await ready({ sessions, size: { columns: 130, rows: 30 } });
    await app.keys(':', 'c', 't', 'x', ' ', 'p', 'r', 'o', 'd', KEYS.enter);
    await app.waitFor('Alibaba Cloud · cn-beijing · profile prod  read-only');
    expect(asked).toEqual([undefined, 'prod']);
  });

  it('says at start where a settings file it could not read was moved, and still starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alb-tui-ui-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'state.json'), '{ this is not json');
    const store = await openStore({ dir, env: {} });
    const app = await ready({ store, size: { columns: 160, rows: 30 } });
    await app.waitFor('Settings (');
    expect(app.lines().join('\n')).toMatch(/Settings \(\? shows it whole\): .*state\.json/);
  });

  it('knows a connection added by another process since it started, and refuses a name nobody saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alb-tui-ui-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await openStore({ dir, env: {} });
    const asked: (string | undefined)[] = [];
    const client = new FakeAlbClient();
    const sessions = new Sessions(async (name): Promise<OpenedConnection> => {
      asked.push(name);
      return {
        client,
        connection: name ? { kind: 'cloud', region: 'cn-beijing', profile: name } : LOCAL,
        warnings: [],
        close: async () => undefined,
      };
    });
    const app = await ready({ sessions, store, size: { columns: 130, rows: 30 } });
    await settle(50);
    // What `alb-tui connections add` in another terminal does.
    const other = await openStore({ dir, env: {} });
    await other.saveConnection({
      kind: 'aliyun',
      name: 'prod',
      region: 'cn-beijing',
      credentials: { source: 'environment' },
    });
    await app.keys(':', ...'ctx nope', KEYS.enter);
    await app.waitFor('No connection named nope');
    await app.keys(':', ...'ctx prod', KEYS.enter);
    await app.waitFor('Alibaba Cloud · cn-beijing · profile prod');
    expect(asked).toEqual([undefined, 'prod']);
  });

  it('keeps the sort between runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alb-tui-ui-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await openStore({ dir, env: {} });
    const first = await ready({ store });
    await first.keys(KEYS.tab, 'P');
    await first.waitFor('by port ↑');
    await settle(50);
    first.unmount();
    expect(store.getUiState().sort['listeners']).toEqual({ key: 'port', direction: 'asc' });

    const again = await ready({ store: await openStore({ dir, env: {} }) });
    await again.waitFor('by port ↑');
    const rows = again.lines().filter((line) => /HTTPS? +\d+/.test(line));
    expect(rows.map((line) => /(\d+) /.exec(line.replace(/^[│› ]+\S+ +/, ''))?.[1])).toEqual([
      '80',
      '443',
      '8080',
    ]);
  });

  it('says the terminal is too small below 60×15', () => {
    const app = show({ size: { columns: 59, rows: 30 } });
    expect(app.frame()).toContain('Terminal too small (need 60×15, have 59×30)');
  });

  it('follows a listing with many rows without drawing more than fits', async () => {
    const data = sampleData();
    data.listeners = Array.from({ length: 2000 }, (_, i) =>
      listener(`lsn-${i}`, 'alb-web', 'HTTP', 10_000 + i, `http_${10_000 + i}`),
    );
    const app = show({ client: new FakeAlbClient(data), size: { columns: 100, rows: 24 } });
    await app.waitFor('http_10000');
    await app.keys(KEYS.tab, 'G');
    await app.waitFor('http_11999');
    expectFits(app.lines(), { columns: 100, rows: 24 });
    expect(app.frame()).toMatch(/\d+–2000 of 2000/);
    expect(app.frame()).not.toContain('http_10000');
  });
});
