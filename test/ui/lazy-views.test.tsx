// The wizard, profiles and `:ctx` views stay out of the first frame's code and are loaded once the
// first listing is in, so that opening one later draws at once.
import { render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { App } from '../../source/ui/app.js';
import { viewsLoaded } from '../../source/ui/lazy-views.js';
import { settle } from '../helpers/ink.js';
import { FakeAlbClient, fakeSessions, LOCAL, NOW } from './fake-client.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

it('loads the other views after the first listing, not before', async () => {
  const client = new FakeAlbClient();
  let releaseListing: () => void = () => undefined;
  const listingHeld = new Promise<void>((resolve) => {
    releaseListing = resolve;
  });
  const list = client.listLoadBalancersAndListeners.bind(client);
  client.listLoadBalancersAndListeners = async (...args) => {
    await listingHeld;
    return list(...args);
  };
  const app = render(
    <App
      connection={LOCAL}
      sessions={fakeSessions(client, LOCAL)}
      lang="en"
      colour={false}
      size={{ columns: 100, rows: 30 }}
      now={() => NOW}
      refreshSeconds={0}
    />,
  );
  cleanups.push(app.unmount);
  await until(() => (app.lastFrame() ?? '').includes('alb-tui'), 'the first frame');
  await settle(50);
  expect(viewsLoaded()).toBe(false);
  releaseListing();
  await until(() => (app.lastFrame() ?? '').includes('web_https_443'), 'the listing');
  await until(viewsLoaded, 'the views to load');
});
