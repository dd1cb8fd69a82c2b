// Colours as the terminal gets them. Chalk decides on colour when it loads, from the environment, so
// this file forces colour before anything is imported; NO_COLOR is then the app's own switch.
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../source/ui/app.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import type { Connection } from '../../source/ui/connection.js';
import { settle } from '../helpers/ink.js';
import { FakeAlbClient, fakeSessions, LOCAL, NOW } from './fake-client.js';

vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

const cleanups: (() => void)[] = [];
// The app loads its later views once the first listing is in: let that finish before the file ends.
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function frameOf(options: { colour: boolean; connection?: Connection }): Promise<string> {
  const client = new FakeAlbClient();
  const app = render(
    <App
      connection={options.connection ?? LOCAL}
      sessions={fakeSessions(client, options.connection ?? LOCAL)}
      lang="en"
      colour={options.colour}
      size={{ columns: 140, rows: 20 }}
      now={() => NOW}
      refreshSeconds={0}
    />,
  );
  cleanups.push(app.unmount);
  for (let i = 0; i < 100 && !(app.lastFrame() ?? '').includes('web_https_443'); i += 1) await settle(10);
  return app.lastFrame() ?? '';
}

describe('colours', () => {
  it('colours statuses: Running green, Stopped red, Inactive yellow', async () => {
    const frame = await frameOf({ colour: true });
    expect(frame).toMatch(/\x1b\[32mRunning/);
    expect(frame).toMatch(/\x1b\[31mStopped/);
    expect(frame).toMatch(/\x1b\[33mInactive/);
  });

  it('marks a production connection in red', async () => {
    const cloud: Connection = {
      kind: 'cloud',
      region: 'cn-shanghai',
      profile: 'prod',
      endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
      production: true,
    };
    const frame = await frameOf({ colour: true, connection: cloud });
    const header = frame.split('\n')[0] ?? '';
    expect(header).toMatch(/\x1b\[31m(?:\x1b\[1m)?Alibaba Cloud · cn-shanghai/);
  });

  it('uses no colour at all under NO_COLOR, only bold and inverse', async () => {
    const frame = await frameOf({ colour: false });
    expect(frame).toContain('\x1b[7m');
    expect(frame).not.toMatch(/\x1b\[(?:3[0-7]|9[0-7]|38;)/);
  });
});
