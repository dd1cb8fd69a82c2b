// The wizard pane in edit mode through Ink, with the store on disk and an in-memory ALB: what is sent,
// with which token, what is kept between runs, and what the create wizard does not offer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCallback, useRef } from 'react';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlbError } from '../../source/alb/errors.js';
import { openStore, type Store } from '../../source/store/index.js';
import type { RunEditor } from '../../source/ui/edit-text/external-editor.js';
import { keyFromInk } from '../../source/ui/keys.js';
import { ThemeProvider } from '../../source/ui/theme.js';
import type { ViewKeyHandler } from '../../source/ui/view-keys.js';
import { WizardView } from '../../source/ui/wizard/wizard-view.js';
import { KEYS, settle } from '../helpers/ink.js';
import { FakeAlb } from '../wizard/fake-alb.js';
import { httpsListener } from './fixtures.js';

let dir: string;
let store: Store;
let cleanup: (() => void) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-edit-view-'));
  store = await openStore({ dir: path.join(dir, 'config'), env: {} });
});

afterEach(async () => {
  cleanup?.();
  cleanup = undefined;
  await settle(50);
  await rm(dir, { recursive: true, force: true });
});

function fakeAlb(): FakeAlb {
  const client = new FakeAlb();
  client.details.set('lsn-https443', httpsListener({ quicConfig: { quicUpgradeEnabled: false } }));
  return client;
}

function show(options: { client: FakeAlb; edit?: string; runEditor?: RunEditor; asText?: boolean }) {
  const closed: Array<{ listenerId?: string } | undefined> = [];
  const flashes: string[] = [];
  let tokens = 0;
  function Harness() {
    const handler = useRef<ViewKeyHandler | undefined>(undefined);
    useInput((input, key) => {
      const press = keyFromInk(input, key);
      if (press) handler.current?.(press);
    });
    const registerKeys = useCallback((next: ViewKeyHandler | undefined) => {
      handler.current = next;
    }, []);
    return (
      <ThemeProvider colour={false}>
        <WizardView
          client={options.client}
          store={store}
          loadBalancerId="alb-a"
          loadBalancerName="web-prod"
          lang="en"
          readOnly={false}
          {...(options.edit ? { editListenerId: options.edit } : {})}
          {...(options.asText ? { editAsText: true } : {})}
          width={100}
          height={30}
          registerKeys={registerKeys}
          onClose={(result) => closed.push(result)}
          flash={(message) => flashes.push(message.en)}
          writeTerminal={() => undefined}
          environment={{
            saveDelayMs: 0,
            pollIntervalMs: 1,
            cwd: dir,
            newClientToken: () => (tokens++ === 0 ? 'edit-token' : `edit-token-${tokens}`),
            ...(options.runEditor ? { runEditor: options.runEditor } : {}),
          }}
        />
      </ThemeProvider>
    );
  }
  const instance = render(<Harness />);
  cleanup = instance.unmount;
  return { ...instance, closed, flashes };
}

type Shown = ReturnType<typeof show>;

async function waitFor(check: () => boolean, what: string, ms = 4000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

const waitForText = (shown: Shown, text: string | RegExp) =>
  waitFor(
    () => {
      const frame = shown.lastFrame() ?? '';
      return typeof text === 'string' ? frame.includes(text) : text.test(frame);
    },
    `${String(text)} in\n${shown.lastFrame() ?? ''}`,
  );

async function keys(shown: Shown, ...names: string[]): Promise<void> {
  const bytes: Record<string, string> = { ...KEYS, ctrlU: '\u0015', ctrlS: '\u0013' };
  await settle();
  for (const name of names) {
    const chunks = name.startsWith('type:') ? [...name.slice(5)] : [bytes[name] ?? name];
    for (const chunk of chunks) {
      shown.stdin.write(chunk);
      await settle(5);
    }
  }
}

describe('edit mode in the pane', () => {
  it('sends only the changed field with the edit’s ClientToken, follows it to Running, and clears the kept edit', async () => {
    const client = fakeAlb();
    const shown = show({ client, edit: 'lsn-https443' });
    await waitForText(shown, '› Listener name');
    await keys(shown, 'down', 'down', 'ctrlU', 'type:33');
    await waitFor(
      () => store.loadDraft('alb-a', 'lsn-https443')?.draft.idleTimeout === '33',
      'the edit to be kept',
    );
    await keys(shown, 'ctrlS');
    await waitForText(shown, 'Precheck passed');
    await keys(shown, 'ctrlS');
    await waitFor(() => shown.closed.length > 0, 'the pane to close');
    const sent = client.changes.calls.filter((c) => c.action === 'UpdateListenerAttribute');
    expect(sent.map((c) => [c.dryRun, c.clientToken, c.request])).toEqual([
      [true, expect.any(String), { listenerId: 'lsn-https443', idleTimeout: 33 }],
      [false, 'edit-token', { listenerId: 'lsn-https443', idleTimeout: 33 }],
    ]);
    expect(shown.closed).toEqual([{ listenerId: 'lsn-https443' }]);
    expect(shown.flashes.at(-1)).toBe('Listener lsn-https443 changed; it is Running.');
    expect((await client.getListener('lsn-https443')).idleTimeout).toBe(33);
    await waitFor(() => store.loadDraft('alb-a', 'lsn-https443') === undefined, 'the kept edit to go');
  });

  it('a lost reply is retried with the same token and the change is made once', async () => {
    const client = fakeAlb();
    client.changes.loseReplies = 1;
    const shown = show({ client, edit: 'lsn-https443' });
    await waitForText(shown, '› Listener name');
    await keys(shown, 'down', 'down', 'down', 'ctrlU', 'type:90', 'ctrlS');
    await waitForText(shown, 'Precheck passed');
    await keys(shown, 'ctrlS');
    await waitForText(shown, 'r retries with the same ClientToken');
    await keys(shown, 'r');
    await waitFor(() => shown.closed.length > 0, 'the pane to close');
    const real = client.changes.calls.filter((c) => c.action === 'UpdateListenerAttribute' && !c.dryRun);
    expect(real.map((c) => c.clientToken)).toEqual(['edit-token', 'edit-token']);
    expect((await client.getListener('lsn-https443')).requestTimeout).toBe(90);
  });

  it('a change whose job fails says nothing changed, keeps the edit, and r sends it with a new token', async () => {
    const client = fakeAlb();
    const follow = client.waitForListener.bind(client);
    let failures = 1;
    client.waitForListener = ((listenerId: string, options: Parameters<FakeAlb['waitForListener']>[1]) => {
      if (failures > 0 && options.jobId) {
        failures -= 1;
        // As the SDK client ends a wait whose job failed: ALB rolled the change back.
        client.details.set('lsn-https443', httpsListener({ quicConfig: { quicUpgradeEnabled: false } }));
        return Promise.reject(
          new AlbError({
            kind: 'state',
            code: 'InternalError',
            action: 'UpdateListenerAttribute',
            failedJobId: options.jobId,
            message: { en: `job ${options.jobId} failed (InternalError)`, 'zh-CN': '任务失败' },
          }),
        );
      }
      return follow(listenerId, options);
    }) as FakeAlb['waitForListener'];
    const shown = show({ client, edit: 'lsn-https443' });
    await waitForText(shown, '› Listener name');
    await keys(shown, 'down', 'down', 'down', 'ctrlU', 'type:90', 'ctrlS');
    await waitForText(shown, 'Precheck passed');
    await keys(shown, 'ctrlS');
    await waitForText(shown, 'Not changed: job');
    expect(shown.lastFrame()).toContain('ALB rolled the change back');
    expect(shown.lastFrame()).not.toContain('Not created');
    await keys(shown, 'r');
    await waitFor(() => shown.closed.length > 0, 'the pane to close');
    const real = client.changes.calls.filter((c) => c.action === 'UpdateListenerAttribute' && !c.dryRun);
    expect(real).toHaveLength(2);
    expect(real[0]!.clientToken).not.toBe(real[1]!.clientToken);
    expect((await client.getListener('lsn-https443')).requestTimeout).toBe(90);
  });

  it('keeps an edit left with Esc under the listener, offers it back, and never as a new listener', async () => {
    const client = fakeAlb();
    const first = show({ client, edit: 'lsn-https443' });
    await waitForText(first, '› Listener name');
    await keys(first, 'down', 'down', 'ctrlU', 'type:44', 'escape');
    await waitFor(() => first.closed.length > 0, 'the pane to close');
    expect(store.loadDraft('alb-a', 'lsn-https443')?.draft.idleTimeout).toBe('44');
    first.unmount();

    const create = show({ client });
    await waitForText(create, '› Protocol');
    expect(create.lastFrame()).not.toContain('Drafts saved');
    create.unmount();

    const again = show({ client, edit: 'lsn-https443' });
    await waitForText(again, 'An unfinished edit of this listener was kept');
    await keys(again, 'enter', 'ctrlS');
    await waitForText(again, /Idle timeout +15 → 44/);
  });

  it('as text: the editor runs on the listener as YAML and the review shows what the text changes', async () => {
    const client = fakeAlb();
    const given: string[] = [];
    const runEditor: RunEditor = async (text) => {
      given.push(text);
      return { ok: true, text: text.replace('GzipEnabled: true', 'GzipEnabled: false') };
    };
    const shown = show({ client, edit: 'lsn-https443', asText: true, runEditor });
    await waitForText(shown, /Gzip compression +on → off/);
    await waitForText(shown, 'Precheck passed');
    expect(given).toHaveLength(1);
    expect(given[0]).toContain('Listener HTTPS 443 (lsn-https443)');
    await keys(shown, 'ctrlS');
    await waitFor(() => shown.closed.length > 0, 'the pane to close');
    expect((await client.getListener('lsn-https443')).gzipEnabled).toBe(false);
  });

  it('as text with no editor to run: says so and leaves', async () => {
    const shown = show({ client: fakeAlb(), edit: 'lsn-https443', asText: true });
    await waitFor(() => shown.closed.length > 0, 'the pane to close');
    expect(shown.flashes.at(-1)).toContain('No editor can be run here');
  });
});
