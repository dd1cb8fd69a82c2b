// The set-up the subcommand tests against a real local ALB share: one sandbox for the test file (the
// `test`, `prod` and `audit` connections on a fresh local ALB), the CLI run on `test`, an SDK client
// to check through the API what a command did, and the seeded listeners and certificates by name.
import { afterAll, beforeAll } from 'vitest';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import type { Listener } from '../../source/domain/resources.js';
import type { RunningEmulator } from '../../source/emulator/index.js';
import {
  localAlbSandbox,
  runIn,
  type LocalAlbSandbox,
  type RunOptions,
  type RunResult,
  type Sandbox,
} from '../commands/helpers.js';
import { clientFor } from './local-alb-client.js';

export interface LocalAlbCli {
  /** These three once the file's beforeAll has run (inside tests and hooks). */
  readonly box: Sandbox;
  readonly emulator: RunningEmulator;
  readonly env: NodeJS.ProcessEnv;
  /** The CLI with `--connection test` (or the connection named). */
  run(argv: string[], options?: RunOptions & { connection?: string }): Promise<RunResult>;
  /** A new SDK client of the local ALB. */
  api(): SdkAlbClient;
  /** The seeded listener whose description is `name`. */
  listenerNamed(name: string): Listener;
}

/** Starts the local ALB before the file's tests and stops it after them. */
export function useLocalAlbCli(): LocalAlbCli {
  let local: LocalAlbSandbox | undefined;
  beforeAll(async () => {
    local = await localAlbSandbox();
  });
  afterAll(() => local?.close());
  const started = (): LocalAlbSandbox => {
    if (!local) throw new Error('the local ALB starts in beforeAll: use it inside a test or hook');
    return local;
  };
  return {
    get box() {
      return started().box;
    },
    get emulator() {
      return started().emulator;
    },
    get env() {
      return started().env;
    },
    run: (argv, { connection = 'test', ...options } = {}) =>
      runIn(started().env, [...argv, '--connection', connection], options),
    api: () => clientFor(started().emulator),
    listenerNamed(name) {
      const found = started()
        .emulator.snapshot()
        .listeners.find((l) => l.listenerDescription === name);
      if (!found) throw new Error(`no listener ${name}`);
      return found as unknown as Listener;
    },
  };
}
