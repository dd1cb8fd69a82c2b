// The dashboard's local ALB in its worker thread (dist/cli/local-alb-worker.js, built by the global
// set-up): served to the main thread's SDK client, its warnings and served addresses carried across,
// its state written and released on close.
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { openConnection } from '../../source/cli/connect.js';
import {
  activeConnectionGuess,
  LocalAlbThread,
  localAlbStart,
  type LocalAlbStart,
} from '../../source/cli/local-alb-thread.js';

const workerUrl = pathToFileURL(
  path.join(import.meta.dirname, '..', '..', 'dist', 'cli', 'local-alb-worker.js'),
);

let dir: string;
let env: NodeJS.ProcessEnv;
let threads: LocalAlbThread[];
const startThread = (start: LocalAlbStart): Promise<LocalAlbThread> => {
  const thread = new LocalAlbThread(workerUrl, start);
  threads.push(thread);
  return Promise.resolve(thread);
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-thread-'));
  env = { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') };
  threads = [];
});
afterEach(async () => {
  await Promise.all(threads.map((thread) => thread.close().catch(() => undefined)));
  await rm(dir, { recursive: true, force: true });
});

const dataDir = () => path.join(dir, 'data');
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function eventually<T>(read: () => T | undefined): Promise<T> {
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('serves the SDK client from the worker, and close writes the state and releases it', async () => {
  const connection = await openConnection({
    lang: 'en',
    env,
    dataDir: dataDir(),
    localAlbThread: startThread,
  });
  expect(threads).toHaveLength(1);
  expect(connection.info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const listeners = await collect(connection.client.listListeners());
  const running = listeners.find((l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP');
  expect(running).toBeDefined();
  await connection.client.stopListener(running!.listenerId);
  const statePath = path.join(dataDir(), 'local-alb.json');
  // The worker owns the state while it runs.
  expect(await exists(`${statePath}.owner`)).toBe(true);
  await connection.close();
  expect(await exists(`${statePath}.owner`)).toBe(false);
  const state = JSON.parse(await readFile(statePath, 'utf8')) as {
    listeners: { listenerId: string; listenerStatus: string }[];
  };
  // Written as the worker last had it: stopping (Configuring) or stopped.
  expect(state.listeners.find((l) => l.listenerId === running!.listenerId)?.listenerStatus).not.toBe(
    'Running',
  );
});

it('carries the local ALB warnings across the thread (a corrupt state file moved aside)', async () => {
  await mkdir(dataDir(), { recursive: true });
  await writeFile(path.join(dataDir(), 'local-alb.json'), '{ not json');
  const connection = await openConnection({
    lang: 'en',
    env,
    dataDir: dataDir(),
    localAlbThread: startThread,
  });
  try {
    const warning = connection.warnings.map((w) => w.en).join('\n');
    expect(warning).toContain('could not be read');
    expect(connection.warnings.map((w) => w['zh-CN']).join('\n')).toContain('无法读取');
  } finally {
    await connection.close();
  }
});

it('tells the main thread where each listener is served as the data plane binds them', async () => {
  const connection = await openConnection({
    lang: 'en',
    env,
    dataDir: dataDir(),
    dataPlane: {},
    localAlbThread: startThread,
  });
  try {
    const listeners = await collect(connection.client.listListeners());
    const { served } = connection;
    expect(served).toBeDefined();
    // Each listener's answer arrives from the worker: served, or why not (never "starting" for long).
    for (const listener of listeners) {
      const answer = await eventually(() => {
        const status = served!.servedAt(listener.listenerId);
        return status?.kind === 'not-served' && status.reason === 'starting' ? undefined : status;
      });
      expect(answer.kind === 'served' || answer.reason !== 'starting').toBe(true);
    }
    expect(served!.caCertificatePath?.()).toBe(path.join(dataDir(), 'local-ca', 'ca.pem'));
  } finally {
    await connection.close();
  }
  expect(await exists(path.join(dataDir(), 'local-alb.json.owner'))).toBe(false);
});

it('reports a local ALB that cannot start, without a thread left running', async () => {
  // The data directory is a file: nothing can be kept there.
  await writeFile(path.join(dir, 'data'), 'not a directory');
  const start = localAlbStart(path.join(dir, 'data'), undefined, false, 'en');
  const thread = await startThread(start);
  const started = await thread.started;
  expect(started.kind).toBe('failed');
  await thread.close();
});

it('guesses the connection a start opens from the profiles file, before the store loads', async () => {
  const config = path.join(dir, 'config');
  expect(activeConnectionGuess(config)).toBe('local');
  await mkdir(config, { recursive: true });
  const profiles = (active: string, names: string[]) =>
    writeFile(
      path.join(config, 'profiles.json'),
      JSON.stringify({ activeConnection: active, connections: names.map((name) => ({ name })) }),
    );
  await profiles('prod', ['prod']);
  expect(activeConnectionGuess(config)).toBe('prod');
  // An active name with no saved connection: the store falls back to the local ALB, so does the guess.
  await profiles('gone', ['prod']);
  expect(activeConnectionGuess(config)).toBe('local');
  await writeFile(path.join(config, 'profiles.json'), '{ not json');
  expect(activeConnectionGuess(config)).toBeUndefined();
});
