// Health where the app shows it: the dashboard's rows (`1/2 healthy`, red when none; read only for the
// rows in view, after the listing is drawn), the listener detail (each server's state and reason), and
// `:groups` drawn through the session's client with the change recorded in `:ops`.
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import type { TerminalSize } from '../../source/ui/terminal-size.js';
import { pressKeys, settle } from '../helpers/ink.js';
import { FakeAlbClient, fakeSessions, LOCAL, NOW } from '../ui/fake-client.js';

const cleanups: (() => void)[] = [];
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function show(client: FakeAlbClient, size: TerminalSize = { columns: 140, rows: 30 }) {
  const instance = render(
    <App
      connection={LOCAL}
      sessions={fakeSessions(client, LOCAL)}
      lang="en"
      colour={false}
      size={size}
      now={() => NOW}
      writeTerminal={() => undefined}
      refreshSeconds={0}
    />,
  );
  cleanups.push(instance.unmount);
  const frame = () => instance.lastFrame() ?? '';
  const waitFor = async (text: string | RegExp, timeoutMs = 4000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (typeof text === 'string' ? current.includes(text) : text.test(current)) return;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}\n${current}`);
      await settle(10);
    }
  };
  return { frame, waitFor, keys: (...sequence: string[]) => pressKeys(instance.stdin, ...sequence) };
}

describe('listener health in the dashboard and the detail', () => {
  it('shows each listener row’s health once read, only for the rows in view', async () => {
    const client = new FakeAlbClient();
    client.serverChanges.health.set('sgp-web|i-two|80', {
      status: 'Unhealthy',
      reason: { reasonCode: 'CONNECT_FAILED' },
    });
    const app = show(client);
    await app.waitFor(/web_https_443 +Running +1\/2 +web-frontend/);
    // The selected instance's listeners are in view; the other instances' are not read.
    expect(client.serverChanges.healthReads).toContain('lsn-web-https');
    expect(client.serverChanges.healthReads).not.toContain('lsn-pay-https');
  });

  it('the detail shows each server with its health and reason', async () => {
    const client = new FakeAlbClient();
    client.serverChanges.health.set('sgp-web|i-two|80', {
      status: 'Unhealthy',
      reason: { reasonCode: 'RESPONSE_MISMATCH', actualResponse: '500', expectedResponse: 'HTTP_2xx' },
    });
    // Tall enough for the whole detail.
    const app = show(client, { columns: 140, rows: 60 });
    await app.waitFor('web_https_443');
    await app.keys('\t', '\r');
    await app.waitFor('unhealthy: HTTP 500, expected HTTP_2xx');
    expect(app.frame()).toMatch(/10\.0\.0\.1:80 .*healthy/);
  });
});
