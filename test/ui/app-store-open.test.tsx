// The store opens after the first listing (it is not on the listing's path); the UI state read ahead
// of it (cli.tsx peeks at state.json) already sorts the first frame; a sort chosen before the store is
// open is saved once it is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../source/store/index.js';
import { App } from '../../source/ui/app.js';
import type { UiStateLoaded } from '../../source/ui/app-state.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import { KEYS, pressKeys, settle } from '../helpers/ink.js';
import { FakeAlbClient, fakeSessions, LOCAL, NOW } from './fake-client.js';

const cleanups: (() => void)[] = [];
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function heldClient() {
  const client = new FakeAlbClient();
  let release = () => {};
  client.hold = new Promise((resolve) => (release = resolve));
  return { client, release: () => release() };
}

async function tempStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'alb-tui-store-open-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return openStore({ dir, env: {} });
}

function show(
  client: FakeAlbClient,
  options: { store?: () => Promise<Store | undefined>; uiState?: UiStateLoaded },
) {
  const instance = render(
    <App
      connection={LOCAL}
      sessions={fakeSessions(client, LOCAL)}
      lang="en"
      colour={false}
      size={{ columns: 100, rows: 30 }}
      now={() => NOW}
      refreshSeconds={0}
      {...(options.store ? { store: options.store } : {})}
      {...(options.uiState ? { uiState: options.uiState } : {})}
    />,
  );
  cleanups.push(instance.unmount);
  const frame = () => instance.lastFrame() ?? '';
  const waitFor = async (text: string | RegExp, timeoutMs = 3000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (typeof text === 'string' ? frame().includes(text) : text.test(frame())) return;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}\n${frame()}`);
      await settle(10);
    }
  };
  return { frame, waitFor, keys: (...keys: string[]) => pressKeys(instance.stdin, ...keys) };
}

it('opens the store only once the first listing is in, and saves a sort chosen before it opened', async () => {
  const { client, release } = heldClient();
  const store = await tempStore();
  let asked = 0;
  let opened: (store: Store) => void = () => undefined;
  const app = show(client, {
    store: () => {
      asked += 1;
      return new Promise<Store | undefined>((resolve) => (opened = resolve));
    },
  });
  await app.waitFor('Loading instances…');
  await settle(100);
  expect(asked).toBe(0);
  release();
  await app.waitFor('web_https_443');
  for (let waited = 0; asked === 0 && waited < 2000; waited += 10) await settle(10);
  expect(asked).toBe(1);
  await app.keys(KEYS.tab, 'P');
  await app.waitFor('by port ↑');
  expect(store.getUiState().sort['listeners']).toBeUndefined();
  opened(store);
  for (let waited = 0; !store.getUiState().sort['listeners'] && waited < 2000; waited += 10) await settle(10);
  expect(store.getUiState().sort['listeners']).toEqual({ key: 'port', direction: 'asc' });
});

it('sorts the first listing by the UI state read ahead, without waiting for the store', async () => {
  const { client, release } = heldClient();
  const app = show(client, {
    store: () => new Promise<Store | undefined>(() => undefined),
    uiState: { sort: { listeners: { key: 'port', direction: 'desc' } }, lastView: 'listeners' },
  });
  release();
  await app.waitFor('by port ↓');
  await app.waitFor('web_https_443');
  expect(app.frame()).toContain('All listeners 5 · by port ↓');
  const ports = app
    .frame()
    .split('\n')
    .map((line) => /^│.*HTTPS? +(\d+) /.exec(line)?.[1])
    .filter((port) => port !== undefined);
  expect(ports).toEqual(['8080', '443', '443', '80', '80']);
});

it('opens the store after a while when the listing takes long', async () => {
  const { client, release } = heldClient();
  const store = await tempStore();
  let asked = 0;
  show(client, { store: async () => (asked++, store) });
  await settle(300);
  expect(asked).toBe(0);
  for (let waited = 0; asked === 0 && waited < 4000; waited += 20) await settle(20);
  expect(asked).toBe(1);
  release();
});
