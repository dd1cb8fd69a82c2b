// The local ALB's thread started idle by the boot: the guess of when a start will list the local ALB
// first, and a thread started idle that serves the start it is handed, as one started with it does.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { openConnection } from '../../source/cli/connect.js';
import {
  likelyListsLocalAlbFirst,
  startIdleWorker,
  takeIdleWorker,
} from '../../source/cli/idle-local-alb-worker.js';
import { LocalAlbThread } from '../../source/cli/local-alb-thread.js';

const workerUrl = pathToFileURL(
  path.join(import.meta.dirname, '..', '..', 'dist', 'cli', 'local-alb-worker.js'),
);

let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-idle-'));
  env = {
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_DATA_HOME: path.join(dir, 'data'),
  };
});
afterEach(async () => {
  await takeIdleWorker()?.terminate();
  await rm(dir, { recursive: true, force: true });
});

describe('likelyListsLocalAlbFirst', () => {
  it('is so for the dashboard on the local connection with no listing kept', () => {
    for (const argv of [[], ['--lang', 'en'], ['--region', 'cn-shanghai'], ['--connection', 'local']])
      expect(likelyListsLocalAlbFirst(argv, env), argv.join(' ')).toBe(true);
  });

  it('is not for a subcommand, help, the version, another endpoint or connection', () => {
    for (const argv of [
      ['listeners'],
      ['emulator', '--port', '0'],
      ['--help'],
      ['-v'],
      ['--endpoint', 'http://127.0.0.1:1'],
      ['--connection', 'prod'],
    ])
      expect(likelyListsLocalAlbFirst(argv, env), argv.join(' ')).toBe(false);
  });

  it('is not when a listing is kept to draw first, unless the listing cache is off', async () => {
    await mkdir(path.join(dir, 'data', 'alb-tui', 'listing-cache'), { recursive: true });
    expect(likelyListsLocalAlbFirst([], env)).toBe(false);
    expect(likelyListsLocalAlbFirst([], { ...env, ALB_TUI_LISTING_CACHE: '0' })).toBe(true);
  });

  it('is not when the saved active connection is another', async () => {
    await mkdir(path.join(dir, 'config', 'alb-tui'), { recursive: true });
    await writeFile(
      path.join(dir, 'config', 'alb-tui', 'profiles.json'),
      JSON.stringify({ activeConnection: 'prod', connections: [{ name: 'prod' }] }),
    );
    expect(likelyListsLocalAlbFirst([], env)).toBe(false);
    expect(likelyListsLocalAlbFirst(['--connection', 'local'], env)).toBe(true);
  });
});

it('a thread started idle serves the start it is handed, once', async () => {
  startIdleWorker(workerUrl);
  const threads: LocalAlbThread[] = [];
  const connection = await openConnection({
    lang: 'en',
    env,
    dataDir: path.join(dir, 'data'),
    localAlbThread: (start) => {
      const thread = new LocalAlbThread(workerUrl, start, takeIdleWorker());
      threads.push(thread);
      return Promise.resolve(thread);
    },
  });
  try {
    expect(takeIdleWorker()).toBeUndefined();
    const listeners = await collect(connection.client.listListeners());
    expect(listeners.length).toBeGreaterThan(0);
  } finally {
    await connection.close();
  }
  expect(threads).toHaveLength(1);
});
