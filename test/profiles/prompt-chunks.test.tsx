// Keys that arrive together (one read of the terminal holding several keys) reach the profiles
// view's prompts key by key, through the root's dispatcher as the app runs it (issue 14: three
// Backspaces in one write deleted nothing).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../source/store/index.js';
import { App } from '../../source/ui/app.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import { pressKeys, settle } from '../helpers/ink.js';
import { sampleProfile } from '../store/fixtures/profiles.js';
import { FakeAlbClient, fakeSessions, LOCAL, NOW } from '../ui/fake-client.js';

const cleanups: (() => void)[] = [];
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function showWithProfiles(): Promise<{ store: Store; app: ReturnType<typeof render> }> {
  const dir = mkdtempSync(join(tmpdir(), 'alb-tui-prompt-chunks-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = await openStore({ dir, env: {} });
  await store.saveProfile(sampleProfile('web-https', { port: 443 }));
  const client = new FakeAlbClient();
  const app = render(
    <App
      connection={LOCAL}
      sessions={fakeSessions(client, LOCAL)}
      lang="en"
      colour={false}
      size={{ columns: 100, rows: 30 }}
      now={() => NOW}
      writeTerminal={() => undefined}
      refreshSeconds={0}
      store={async () => store}
    />,
  );
  cleanups.push(app.unmount);
  return { store, app };
}

async function waitFor(app: ReturnType<typeof render>, text: string): Promise<string> {
  const until = Date.now() + 5000;
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (frame.includes(text)) return frame;
    if (Date.now() > until) throw new Error(`timed out waiting for ${text}\n${frame}`);
    await settle(10);
  }
}

describe('the profiles view prompts with keys that arrive together', () => {
  it('deletes once per Backspace of a chunk, and an Enter in the chunk submits what is typed', async () => {
    const { store, app } = await showWithProfiles();
    await waitFor(app, 'web_https_443');
    await pressKeys(app.stdin, 'p');
    await waitFor(app, '› web-https');
    await pressKeys(app.stdin, 'r');
    await waitFor(app, 'web-https▏');
    app.stdin.write('\x7f\x7f\x7f');
    await waitFor(app, ' web-ht▏');
    app.stdin.write('\x7f\x7fprod\r');
    await waitFor(app, 'Renamed web-https to web-prod.');
    expect(store.getProfile('web-prod')).toBeDefined();
    expect(store.getProfile('web-https')).toBeUndefined();
  });

  it('takes fourteen quick Backspaces as fourteen, in the duplicate prompt too', async () => {
    const { store, app } = await showWithProfiles();
    await waitFor(app, 'web_https_443');
    await pressKeys(app.stdin, 'p');
    await waitFor(app, '› web-https');
    await pressKeys(app.stdin, 'd');
    app.stdin.write('copy-of-web-https');
    await waitFor(app, 'copy-of-web-https▏');
    app.stdin.write('\x7f'.repeat(5));
    app.stdin.write('\x7f'.repeat(4));
    app.stdin.write('\x7f'.repeat(5));
    await waitFor(app, ' cop▏');
    app.stdin.write('y\r');
    await waitFor(app, 'as copy');
    expect(store.getProfile('copy')).toBeDefined();
  });
});
