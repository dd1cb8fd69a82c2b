import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCallback, useRef } from 'react';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlbError } from '../../source/alb/errors.js';
import { newDraft } from '../../source/domain/listener-draft.js';
import { openStore, type Store } from '../../source/store/index.js';
import { keyFromInk, keyId } from '../../source/ui/keys.js';
import { ThemeProvider } from '../../source/ui/theme.js';
import type { ViewKeyHandler } from '../../source/ui/view-keys.js';
import { WizardView } from '../../source/ui/wizard/wizard-view.js';
import { KEYS, settle } from '../helpers/ink.js';
import { FakeAlb } from './fake-alb.js';

let dir: string;
let store: Store;
let cleanup: (() => void) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-wizard-view-'));
  store = await openStore({ dir: path.join(dir, 'config'), env: {} });
});

afterEach(async () => {
  cleanup?.();
  cleanup = undefined;
  await settle(50);
  await rm(dir, { recursive: true, force: true });
});

interface Shown {
  lastFrame: () => string | undefined;
  stdin: { write(data: string): void };
  unmount: () => void;
  closed: Array<{ listenerId?: string } | undefined>;
  flashes: string[];
  unhandled: string[];
  terminal: string[];
  client: FakeAlb;
}

function show(
  options: {
    client?: FakeAlb;
    lang?: 'en' | 'zh-CN';
    readOnly?: boolean;
    production?: boolean;
    noStore?: boolean;
    saveDelayMs?: number;
    newClientToken?: () => string;
    profileName?: string;
  } = {},
): Shown {
  const client = options.client ?? new FakeAlb();
  const closed: Shown['closed'] = [];
  const unhandled: string[] = [];
  const terminal: string[] = [];
  const flashes: string[] = [];
  function Harness() {
    const handler = useRef<ViewKeyHandler | undefined>(undefined);
    // The root's dispatcher, as app.tsx does it: the view first, then the root's own keys.
    useInput((input, key) => {
      const press = keyFromInk(input, key);
      if (press && !handler.current?.(press)) unhandled.push(keyId(press) ?? 'paste');
    });
    const registerKeys = useCallback((next: ViewKeyHandler | undefined) => {
      handler.current = next;
    }, []);
    return (
      <ThemeProvider colour={false}>
        <WizardView
          client={client}
          store={options.noStore ? undefined : store}
          loadBalancerId="alb-a"
          loadBalancerName="web-prod"
          {...(options.profileName ? { profileName: options.profileName } : {})}
          lang={options.lang ?? 'en'}
          readOnly={options.readOnly ?? false}
          production={options.production ?? false}
          width={100}
          height={30}
          registerKeys={registerKeys}
          onClose={(result) => closed.push(result)}
          flash={(message) => flashes.push(message.en)}
          writeTerminal={(bytes) => terminal.push(bytes)}
          environment={{
            saveDelayMs: options.saveDelayMs ?? 20,
            pollIntervalMs: 1,
            cwd: dir,
            newClientToken: options.newClientToken ?? (() => 'token-view'),
          }}
        />
      </ThemeProvider>
    );
  }
  const instance = render(<Harness />);
  cleanup = instance.unmount;
  return { ...instance, closed, flashes, unhandled, terminal, client };
}

async function waitFor(check: () => boolean, what: string, ms = 4000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

async function waitForText(shown: Shown, text: string | RegExp): Promise<string> {
  let frame = '';
  await waitFor(
    () => {
      frame = shown.lastFrame() ?? '';
      return typeof text === 'string' ? frame.includes(text) : text.test(frame);
    },
    `${String(text)} in\n${shown.lastFrame() ?? ''}`,
  );
  return frame;
}

/** Sends keys one write each (a longer write would read as a paste); `type:` text one character at a time. */
async function keys(shown: Shown, ...names: string[]): Promise<void> {
  const bytes: Record<string, string> = {
    ...KEYS,
    right: '\u001B[C',
    left: '\u001B[D',
    pagedown: '\u001B[6~',
    pageup: '\u001B[5~',
    space: ' ',
    ctrlU: '\u0015',
    ctrlS: '\u0013',
    end: '\u001B[F',
  };
  await settle();
  for (const name of names) {
    const chunks = name.startsWith('type:') ? [...name.slice(5)] : [bytes[name] ?? name];
    for (const chunk of chunks) {
      shown.stdin.write(chunk);
      await settle(5);
    }
  }
  await settle();
}

/** From step 1 to the review: port 8443, the www certificate, the HTTP server group. */
async function fillToReview(shown: Shown): Promise<void> {
  await waitForText(shown, 'Listener port');
  await keys(shown, 'down', 'ctrlU', 'type:8443', 'pagedown');
  await waitForText(shown, '› Server certificate');
  await keys(shown, 'enter', 'type:www', 'enter', 'pagedown');
  await waitForText(shown, '› Server group');
  await keys(shown, 'enter', 'type:sgp-http', 'enter', 'enter');
  await waitForText(shown, '1 Listener   press 1 to edit');
}

describe('wizard view', () => {
  it('loads the instance and draws step 1 with its fields', async () => {
    const shown = show();
    const frame = await waitForText(shown, 'Listener port');
    expect(frame).toContain('Create listener · web-prod (alb-a)');
    expect(frame).toContain('1 Listener › 2 Certificate › 3 Server group › 4 Review');
    expect(frame).toMatch(/› Protocol +\[HTTPS\]/);
    expect(frame).toContain('[x] X-Forwarded-For');
  });

  it('speaks Chinese', async () => {
    const shown = show({ lang: 'zh-CN' });
    const frame = await waitForText(shown, '监听端口');
    expect(frame).toContain('1 配置监听 › 2 配置SSL证书 › 3 选择服务器组 › 4 配置审核');
    expect(frame).toContain('连接空闲超时时间');
  });

  it('says what went wrong when the instance cannot be loaded, and tries again with r', async () => {
    const client = new FakeAlb();
    client.loadError = new AlbError({
      kind: 'unreachable',
      message: { en: 'cannot reach http://127.0.0.1:9', 'zh-CN': '无法连接 http://127.0.0.1:9' },
    });
    const shown = show({ client });
    await waitForText(shown, 'Could not load instance alb-a: cannot reach http://127.0.0.1:9');
    client.loadError = undefined;
    await keys(shown, 'r');
    await waitForText(shown, 'Listener port');
  });

  it('validates as the user types and shows the message under the field', async () => {
    const shown = show();
    await waitForText(shown, 'Listener port');
    await keys(shown, 'down', 'ctrlU', 'type:99999');
    const frame = await waitForText(shown, 'Port must be a whole number from 1 to 65535');
    const lines = frame.split('\n');
    const port = lines.findIndex((l) => l.includes('Listener port'));
    expect(lines[port + 1]).toContain('Port must be');
    await keys(shown, 'pagedown');
    expect(shown.lastFrame()).toContain('› Listener port');
  });

  it('shows step 2 pickers and step 3 servers', async () => {
    const shown = show();
    await waitForText(shown, 'Listener port');
    await keys(shown, 'down', 'ctrlU', 'type:8443', 'pagedown', 'enter');
    let frame = await waitForText(shown, 'filter:');
    expect(frame).toMatch(/! soon\.example\.com/);
    expect(frame).toMatch(/✗ old\.example\.com/);
    await keys(shown, 'enter', 'down', 'space', 'right');
    frame = await waitForText(shown, 'Cipher suites of tls_cipher_policy_1_0');
    expect(frame).toContain('ECDHE-RSA-AES128-GCM-SHA256');
    await keys(shown, 'escape', 'pagedown', 'enter');
    frame = await waitForText(shown, /i-web1 \(10\.0\.0\.11\) +8080 +100 +Available/);
    expect(frame).toContain('Backend servers of sgp-http');
  });

  it('creates the listener from key presses: precheck, submit, follow to Running, leave with it', async () => {
    const shown = show();
    await fillToReview(shown);
    await waitForText(shown, '✓ Precheck passed');
    await keys(shown, 'ctrlS');
    await waitFor(() => shown.closed.length > 0, 'the wizard to close');
    expect(shown.closed).toEqual([{ listenerId: 'lsn-new1' }]);
    expect(shown.flashes).toEqual(['Created listener lsn-new1: it is Running.']);
    const creates = shown.client.calls.filter((c) => !c.dryRun);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.request).toMatchObject({
      listenerProtocol: 'HTTPS',
      listenerPort: 8443,
      clientToken: 'token-view',
      certificates: [{ certificateId: '1001-cn-hangzhou' }],
    });
    expect(shown.client.calls.filter((c) => c.dryRun)).toHaveLength(1);
    await waitFor(() => store.loadDraft('alb-a') === undefined, 'the draft to be cleared');
  });

  it('puts a server error after submit on the field it concerns, keeping every value', async () => {
    const shown = show();
    await fillToReview(shown);
    await waitForText(shown, '✓ Precheck passed');
    // Someone takes the port between the precheck and the submit.
    shown.client.context.listeners.push({
      listenerId: 'lsn-other',
      loadBalancerId: 'alb-a',
      protocol: 'HTTP',
      port: 8443,
      name: 'other',
    });
    await keys(shown, 'ctrlS');
    const frame = await waitForText(shown, /› Listener port +8443/);
    const lines = frame.split('\n');
    const port = lines.findIndex((l) => l.includes('Listener port'));
    expect(lines[port + 1]).toMatch(/Port 8443 .*other/);
    expect(shown.closed).toEqual([]);
    expect(shown.client.created.size).toBe(0);
    await keys(shown, 'pagedown');
    expect(await waitForText(shown, '› Listener port')).toBeTruthy();
  });

  it('retries a network failure with the same ClientToken: never a second listener', async () => {
    const client = new FakeAlb();
    client.failAfterCreate = 1;
    const shown = show({ client });
    await fillToReview(shown);
    await waitForText(shown, '✓ Precheck passed');
    await keys(shown, 'ctrlS');
    await waitForText(shown, 'Press r to retry with the same ClientToken');
    await keys(shown, 'r');
    await waitFor(() => shown.closed.length > 0, 'the wizard to close');
    expect(shown.closed).toEqual([{ listenerId: 'lsn-new1' }]);
    const tokens = client.calls.filter((c) => !c.dryRun).map((c) => c.request.clientToken);
    expect(tokens).toEqual(['token-view', 'token-view']);
    expect(client.created.size).toBe(1);
  });

  it('says which job failed when the creation is rolled back, keeps the form, and r submits anew', async () => {
    const client = new FakeAlb();
    client.failJobs = 1;
    // Text from the API reaches the screen sanitised.
    client.jobFailure = { code: 'InternalError', message: 'Disk \u001B[31mfull\u001B[0m on the node.' };
    let tokens = 0;
    const shown = show({ client, newClientToken: () => `token-${++tokens}` });
    await fillToReview(shown);
    await waitForText(shown, '✓ Precheck passed');
    await keys(shown, 'ctrlS');
    const frame = await waitForText(shown, 'Not created: job job-lsn-new1 failed (InternalError): Disk');
    expect(frame).toContain('full on the node.');
    expect(frame).not.toContain('\u001B');
    // The message wraps: read it as one line.
    expect(frame.replace(/\s+/g, ' ')).toContain('ALB rolled the listener back; your settings are kept.');
    expect(frame).toContain('r submit again');
    // The form as it was: still the review, every value there; nothing left behind.
    expect(frame).toMatch(/Listener port +8443/);
    expect(frame).toContain('1001-cn-hangzhou');
    expect(shown.closed).toEqual([]);
    expect(client.context.listeners.some((l) => l.listenerId === 'lsn-new1')).toBe(false);
    // The same token would be answered with the same failed job: r goes with a new one.
    await keys(shown, 'r');
    await waitFor(() => shown.closed.length > 0, 'the wizard to close');
    expect(shown.closed).toEqual([{ listenerId: 'lsn-new2' }]);
    const sent = client.calls.filter((c) => !c.dryRun);
    expect(sent.map((c) => c.request.clientToken)).toEqual(['token-1', 'token-2']);
    expect(sent[1]?.request).toEqual({ ...sent[0]?.request, clientToken: 'token-2' });
  });

  it('says which job failed in Chinese', async () => {
    const client = new FakeAlb();
    client.failJobs = 1;
    const shown = show({ client, lang: 'zh-CN' });
    await waitForText(shown, '监听端口');
    await keys(shown, 'down', 'ctrlU', 'type:8443', 'pagedown', 'enter', 'type:www', 'enter', 'pagedown');
    await keys(shown, 'enter', 'type:sgp-http', 'enter', 'enter');
    await waitForText(shown, '预检通过');
    await keys(shown, 'ctrlS');
    const frame = await waitForText(shown, '未创建：任务 job-lsn-new1 失败（InternalError）');
    expect(frame.replace(/\s+/g, '')).toContain('ALB已回滚该监听，您的设置已保留。按r重新提交');
    expect(shown.closed).toEqual([]);
  });

  it('does not create on Enter at the review, and names the submit key', async () => {
    const shown = show();
    await fillToReview(shown);
    await waitForText(shown, '✓ Precheck passed');
    const frame = await waitForText(shown, '^S submit');
    expect(frame).toContain('Submit (^S)');
    await keys(shown, 'enter', 'enter');
    await waitForText(shown, 'Enter does not submit: press Ctrl-S to create the listener.');
    expect(shown.client.calls.filter((c) => !c.dryRun)).toEqual([]);
    expect(shown.closed).toEqual([]);
  });

  it('on a production connection creates only after the instance’s name or ID is typed', async () => {
    const shown = show({ production: true });
    await fillToReview(shown);
    await waitForText(shown, '✓ Precheck passed');
    await keys(shown, 'ctrlS');
    await waitForText(shown, 'Production connection. To create HTTPS 8443 on web-prod');
    await keys(shown, 'type:web', 'enter');
    await waitForText(shown, 'nothing was sent');
    expect(shown.client.calls.filter((c) => !c.dryRun)).toEqual([]);
    await keys(shown, 'type:-prod', 'enter');
    await waitFor(() => shown.closed.length > 0, 'the wizard to close');
    expect(shown.client.calls.filter((c) => !c.dryRun)).toHaveLength(1);
  });

  it('refuses to submit on a read-only connection', async () => {
    const shown = show({ readOnly: true });
    await fillToReview(shown);
    await keys(shown, 'ctrlS');
    await waitForText(shown, 'This connection is read-only');
    expect(shown.client.calls.filter((c) => !c.dryRun)).toEqual([]);
  });

  it('saves the draft as the user types, and on leaving with Esc keeps it', async () => {
    const shown = show();
    await waitForText(shown, 'Listener port');
    await keys(shown, 'down', 'down', 'type:web-1');
    await waitFor(() => store.loadDraft('alb-a')?.draft.name === 'web-1', 'the draft to be saved');
    expect(store.loadDraft('alb-a')).toMatchObject({ step: 'listener', clientToken: 'token-view' });
    await keys(shown, 'type:2', 'escape');
    await waitFor(() => shown.closed.length > 0, 'the wizard to close');
    expect(shown.closed).toEqual([undefined]);
    expect(store.loadDraft('alb-a')?.draft.name).toBe('web-12');
  });

  it('writes what was typed when it goes away before the save was due (Ctrl-C, the app closing)', async () => {
    // A save that would be due only in a minute: only the flush on the way out can write it.
    const shown = show({ saveDelayMs: 60_000 });
    await waitForText(shown, 'Listener port');
    await keys(shown, 'down', 'down', 'type:ab');
    shown.unmount();
    cleanup = undefined;
    await waitFor(() => store.loadDraft('alb-a')?.draft.name === 'ab', 'the draft to be flushed');
  });

  it('writes every change at once, one write at a time, the newest last', async () => {
    const written: string[] = [];
    let inFlight = 0;
    let overlapped = false;
    const save = store.saveDraft.bind(store);
    store.saveDraft = async (instanceId, draft, meta) => {
      inFlight++;
      if (inFlight > 1) overlapped = true;
      try {
        await save(instanceId, draft, meta);
        written.push(draft.name);
      } finally {
        inFlight--;
      }
    };
    const shown = show({ saveDelayMs: 0 });
    await waitForText(shown, 'Listener port');
    await keys(shown, 'down', 'down');
    shown.stdin.write('a');
    // No debounce: the first key is on disk without waiting for a pause in typing.
    await waitFor(() => store.loadDraft('alb-a')?.draft.name === 'a', 'the first key to be written');
    for (const ch of 'bcdefgh') shown.stdin.write(ch);
    await waitFor(() => store.loadDraft('alb-a')?.draft.name === 'abcdefgh', 'the last key to be written');
    expect(overlapped).toBe(false);
    expect(written.at(-1)).toBe('abcdefgh');
  });

  it('offers to resume a saved draft, with its step and ClientToken', async () => {
    await store.saveDraft(
      'alb-a',
      { ...newDraft('HTTPS'), port: '9443', name: 'resumed' },
      { step: 'certificate', clientToken: 'old-token' },
    );
    const shown = show();
    await waitForText(shown, 'Drafts saved for this instance (1)');
    await keys(shown, 'enter');
    const frame = await waitForText(shown, '› Server certificate');
    expect(frame).toContain('2 Certificate');
    await keys(shown, 'pageup');
    await waitForText(shown, /Listener name +resumed/);
    await waitFor(() => store.loadDraft('alb-a')?.clientToken === 'old-token', 'the token kept');
  });

  it('starts a new listener beside the saved draft (kept), and d discards a draft', async () => {
    await store.saveDraft(
      'alb-a',
      { ...newDraft('HTTP'), port: '8080' },
      { step: 'listener', clientToken: 'old', draftId: 'd-old' },
    );
    const shown = show();
    await waitForText(shown, 'Drafts saved for this instance (1)');
    await keys(shown, 'n');
    await waitForText(shown, /Listener port +8443/);
    await keys(shown, 'down', 'down', 'type:new-one');
    await waitFor(() => store.listDrafts('alb-a').length === 2, 'both drafts kept');
    expect(store.loadDraft('alb-a', 'd-old')?.draft.port).toBe('8080');
    shown.unmount();
    const again = show();
    await waitForText(again, 'Drafts saved for this instance (2)');
    await keys(again, 'down', 'd');
    await waitForText(again, 'Draft discarded.');
    await waitFor(() => store.loadDraft('alb-a', 'd-old') === undefined, 'the old draft discarded');
    expect(store.listDrafts('alb-a')).toHaveLength(1);
  });

  it('makes the QUIC listener in place: both drafts kept meanwhile, back to HTTPS with it chosen', async () => {
    let n = 0;
    const shown = show({ newClientToken: () => `token-${++n}` });
    await waitForText(shown, 'Listener port');
    // HTTPS on 8443 named web-h, QUIC upgrade on, then “+ New QUIC listener” from the picker.
    await keys(shown, 'down', 'ctrlU', 'type:8443', 'down', 'type:web-h');
    for (let i = 0; i < 14; i++) await keys(shown, 'down');
    await waitForText(shown, '› QUIC upgrade');
    await keys(shown, 'space', 'down', 'enter', 'end');
    await waitForText(shown, 'New QUIC listener… made here');
    await keys(shown, 'enter');
    await waitForText(shown, 'New QUIC listener for HTTPS 8443');
    await keys(shown, 'down', 'down', 'type:edge-q');
    // Meanwhile both drafts are in the store: a crash now loses neither.
    await waitFor(() => store.listDrafts('alb-a').length === 2, 'both drafts kept');
    expect(
      store
        .listDrafts('alb-a')
        .map((d) => d.draft.name)
        .sort(),
    ).toEqual(['edge-q', 'web-h']);
    await keys(
      shown,
      'pagedown',
      'enter',
      'type:www',
      'enter',
      'pagedown',
      'enter',
      'type:sgp-http',
      'enter',
    );
    await keys(shown, 'enter');
    await waitForText(shown, '✓ Precheck passed');
    await keys(shown, 'ctrlS');
    const frame = await waitForText(
      shown,
      /Created QUIC listener lsn-new\d \(UDP 9443\) and chose it for HTTPS 8443/,
    );
    expect(frame).toMatch(/Associated QUIC listener +edge-q/);
    expect(shown.closed).toEqual([]);
    const creates = shown.client.calls.filter((c) => !c.dryRun);
    expect(creates.map((c) => [c.request.listenerProtocol, c.request.listenerPort])).toEqual([
      ['QUIC', 9443],
    ]);
    await waitFor(
      () =>
        store
          .listDrafts('alb-a')
          .map((d) => d.draft.name)
          .join() === 'web-h',
      'only the HTTPS draft left',
    );
    await waitFor(
      () => store.listDrafts('alb-a')[0]?.draft.quicListenerId.startsWith('lsn-new') === true,
      'the HTTPS draft to hold the new QUIC listener',
    );
  });

  it('exports Terraform to a 0600 file and never replaces one without asking', async () => {
    const shown = show();
    await fillToReview(shown);
    await keys(shown, 'right', 'right', 'right', 'right', 'enter', 'f');
    await waitForText(shown, 'Write the Terraform block to file:');
    await keys(shown, 'enter');
    const file = path.join(dir, 'HTTPS_8443.tf');
    await waitForText(shown, `Wrote the Terraform block to ${file}`);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('resource "alicloud_alb_listener"');
    expect(text).toContain('listener_port');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await keys(shown, 'enter', 'f', 'enter');
    await waitForText(shown, 'exists. Replace it?');
    await keys(shown, 'n');
    await waitForText(shown, 'Write the Terraform block to file:');
    await keys(shown, 'escape');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('copies the aliyun CLI command through OSC 52', async () => {
    const shown = show();
    await fillToReview(shown);
    await keys(shown, 'right', 'right', 'right', 'enter', 'c');
    await waitForText(shown, 'Copied the aliyun CLI command to the clipboard');
    const sequence = shown.terminal.at(-1) ?? '';
    expect(sequence.startsWith('\u001b]52;c;')).toBe(true);
    const command = Buffer.from(sequence.slice(7, -1), 'base64').toString('utf8');
    expect(command).toContain('aliyun alb CreateListener');
    expect(command).toContain('--ListenerPort 8443');
    expect(command).toContain('--endpoint 127.0.0.1:9');
  });

  it('saves as a profile with the picks as hints', async () => {
    const shown = show();
    await fillToReview(shown);
    await keys(shown, 'right', 'right', 'enter', 'type:web-8443', 'enter');
    await waitForText(shown, 'Saved as profile web-8443.');
    expect(store.getProfile('web-8443')).toMatchObject({
      listener: { protocol: 'HTTPS', port: 8443 },
      hints: { certificate: { domain: 'www.example.com' }, serverGroup: { name: 'sgp-http' } },
    });
    await keys(shown, 'enter', 'type:web-8443', 'enter');
    await waitForText(shown, 'A profile named web-8443 exists. Replace it?');
  });

  it('leaves `?` to the root outside text fields, and takes it inside them', async () => {
    const shown = show();
    await waitForText(shown, 'Listener port');
    await keys(shown, '?');
    expect(shown.unhandled).toEqual(['?']);
    await keys(shown, 'down', 'down', '?');
    expect(shown.unhandled).toEqual(['?']);
    await waitForText(shown, /Listener name +\?/);
  });

  describe('started from a profile with forwarding rules', () => {
    const apiRule = (priority: number, name: string) => ({
      ruleName: name,
      priority,
      direction: 'Request',
      ruleConditions: [{ type: 'Path', pathConfig: { values: [`/${name}/*`] } }],
      ruleActions: [
        {
          order: 1,
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupName: 'sgp-http' }] },
        },
      ],
    });

    async function saveRulesProfile(rules: unknown[]): Promise<void> {
      await store.saveProfile({
        name: 'web-prod',
        listener: {
          protocol: 'HTTPS',
          port: 8443,
          namePattern: '{protocol}_{port}',
          http2: true,
          idleTimeout: 15,
          requestTimeout: 60,
          gzip: true,
          headers: { ...newDraft('HTTPS').headers },
          headerAliases: { ...newDraft('HTTPS').headerAliases },
          securityPolicyId: 'tls_cipher_policy_1_2',
          quicUpgrade: false,
          mutualTls: false,
        },
        hints: { certificate: { domain: 'www.example.com' }, serverGroup: { name: 'sgp-http' } },
        rules,
      } as Parameters<Store['saveProfile']>[0]);
    }

    it('creates the listener, then its rules with tokens from the listener’s, and says both on leaving', async () => {
      await saveRulesProfile([apiRule(10, 'api'), apiRule(20, 'shop')]);
      const shown = show({ profileName: 'web-prod' });
      await waitForText(shown, 'Filled in from profile web-prod.');
      await keys(shown, 'ctrlS');
      await waitForText(shown, '+ 2 forwarding rules (from profile web-prod)');
      await waitForText(shown, '✓ Precheck passed');
      await keys(shown, 'ctrlS');
      await waitFor(() => shown.closed.length > 0, 'the wizard to close');
      expect(shown.closed).toEqual([{ listenerId: 'lsn-new1' }]);
      expect(shown.flashes).toEqual([
        'Created listener lsn-new1 (Running) and its 2 forwarding rules from profile web-prod.',
      ]);
      const rules = shown.client.ruleChanges.rules.filter((r) => r.listenerId === 'lsn-new1');
      expect(rules.map((r) => [r.ruleName, r.ruleActions[0]])).toEqual([
        [
          'api',
          expect.objectContaining({
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http' }] },
          }),
        ],
        [
          'shop',
          expect.objectContaining({
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http' }] },
          }),
        ],
      ]);
      const creates = shown.client.ruleChanges.calls.filter((c) => c.action === 'CreateRules' && !c.dryRun);
      expect(creates.map((c) => c.clientToken)).toEqual(['token-view-rules']);
    });

    it('a refused rules call: the listener stays said and selectable, ^S retries with the same token', async () => {
      await saveRulesProfile([apiRule(10, 'api')]);
      const shown = show({ profileName: 'web-prod' });
      await waitForText(shown, 'Filled in from profile web-prod.');
      await keys(shown, 'ctrlS');
      await waitForText(shown, '✓ Precheck passed');
      shown.client.ruleChanges.failNext = new AlbError({
        kind: 'state',
        code: 'IncorrectStatus.Listener',
        message: { en: 'the listener is configuring', 'zh-CN': '监听正在配置中' },
      });
      await keys(shown, 'ctrlS');
      await waitForText(shown, 'Listener lsn-new1 was created and is Running, but 1 of 1 forwarding rules');
      await waitForText(shown, /✗ +10 api {2}not created: the listener is configuring/);
      expect(shown.closed).toEqual([]);
      await keys(shown, 'ctrlS');
      await waitFor(() => shown.closed.length > 0, 'the wizard to close');
      expect(shown.closed).toEqual([{ listenerId: 'lsn-new1' }]);
      const creates = shown.client.ruleChanges.calls.filter((c) => c.action === 'CreateRules' && !c.dryRun);
      expect(creates.map((c) => c.clientToken)).toEqual(['token-view-rules', 'token-view-rules']);
      expect(shown.client.ruleChanges.rules.filter((r) => r.listenerId === 'lsn-new1')).toHaveLength(1);
      // One listener, whatever happened to its rules.
      expect(shown.client.calls.filter((c) => !c.dryRun)).toHaveLength(1);
    });
  });
});
