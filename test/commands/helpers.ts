// Shared set-up for the subcommand tests: a temporary store and data directory, and runSubcommand
// with its output collected.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { collect } from '../../source/alb/client.js';
import { openConnection, type OpenConnection } from '../../source/cli/connect.js';
import { runSubcommand } from '../../source/cli/subcommands.js';
import type { LoadBalancer } from '../../source/domain/resources.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { openStore } from '../../source/store/index.js';
import { vi } from 'vitest';

export interface Sink {
  write(text: string, done?: () => void): boolean;
  readonly text: string;
}

export function sink(): Sink {
  let text = '';
  return {
    write(chunk: string, done?: () => void) {
      text += chunk;
      done?.();
      return true;
    },
    get text() {
      return text;
    },
  };
}

export interface RunResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  isTTY?: boolean;
  /** What the user types, when asked. */
  stdin?: string;
  signal?: AbortSignal;
}

export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** runSubcommand with this sandbox's environment. */
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
  /** A connection to the same local ALB state, for checking what a command did through the API. */
  withLocal<T>(use: (connection: OpenConnection) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

export async function sandbox(extraEnv: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-commands-'));
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    LANG: 'en_US.UTF-8',
    ...extraEnv,
  };
  return {
    dir,
    env,
    run: (argv, options = {}) => runIn(env, argv, options),
    async withLocal(use) {
      const connection = await openConnection({ lang: 'en', env });
      try {
        return await use(connection);
      } finally {
        await connection.close();
      }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function runIn(
  env: NodeJS.ProcessEnv,
  argv: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const stdout = sink();
  const stderr = sink();
  const code = await runSubcommand(argv, {
    stdout,
    stderr,
    env,
    isTTY: options.isTTY ?? false,
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The seeded demo instances by name. */
export async function instancesByName(box: Sandbox): Promise<Map<string, LoadBalancer>> {
  return box.withLocal(async ({ client }) => {
    const all = await collect(client.listLoadBalancers());
    return new Map(all.map((lb) => [lb.loadBalancerName, lb]));
  });
}

export interface LocalAlbSandbox {
  box: Sandbox;
  emulator: RunningEmulator;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * A sandbox whose saved connections point at a fresh local ALB: `test`, `prod` (production) and
 * `audit` (read-only). The AccessKey pair is stubbed into the environment until `close`.
 */
export async function localAlbSandbox(): Promise<LocalAlbSandbox> {
  const box = await sandbox();
  const emulator = await startEmulator({ port: 0, provisioningDelayMs: 20 });
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', emulator.accessKeyId);
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', emulator.accessKeySecret);
  const env = { ...box.env };
  const store = await openStore({ env });
  const base = {
    kind: 'aliyun' as const,
    region: 'cn-hangzhou',
    endpoint: emulator.endpoint,
    credentials: { source: 'environment' as const },
  };
  await store.saveConnection({ ...base, name: 'test', readOnly: false, production: false });
  await store.saveConnection({ ...base, name: 'prod', readOnly: false, production: true });
  await store.saveConnection({ ...base, name: 'audit', readOnly: true, production: false });
  return {
    box,
    emulator,
    env,
    async close() {
      vi.unstubAllEnvs();
      await emulator.close();
      await box.cleanup();
    },
  };
}
