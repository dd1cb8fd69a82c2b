// What the end-to-end suites that drive the real bundle against a local ALB share: the local ALB
// started for the suite, an API client to check what the app did, private home folders, and the app
// started against that ALB with `--endpoint` on the instance list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from './local-alb-client.js';
import { TerminalSession } from './terminal.js';

export interface Home extends Record<string, string> {
  HOME: string;
  XDG_CONFIG_HOME: string;
}

export interface LocalAlbSuite {
  /** Set once the suite's `beforeAll` has run. */
  readonly emulator: RunningEmulator;
  readonly api: SdkAlbClient;
  /** A home of its own (removed after the test): a second run of the app with it finds the first one's files. */
  home(): Home;
  /** The app against this local ALB, on the instance list with prod-web selected. */
  startApp(env?: Record<string, string>): Promise<TerminalSession>;
}

/** Registers the suite's hooks; call at the top of a test file. */
export function useLocalAlb(options: { homePrefix: string; provisioningDelayMs?: number }): LocalAlbSuite {
  let emulator: RunningEmulator | undefined;
  let api: SdkAlbClient | undefined;
  const sessions: TerminalSession[] = [];
  const homes: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, provisioningDelayMs: options.provisioningDelayMs ?? 600 });
    api = clientFor(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.dispose()));
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });

  const started = (): RunningEmulator => {
    if (!emulator) throw new Error('the local ALB starts in beforeAll');
    return emulator;
  };
  return {
    get emulator() {
      return started();
    },
    get api() {
      if (!api) throw new Error('the API client is made in beforeAll');
      return api;
    },
    home() {
      const home = mkdtempSync(join(tmpdir(), options.homePrefix));
      homes.push(home);
      return {
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_STATE_HOME: join(home, '.local', 'state'),
        XDG_CACHE_HOME: join(home, '.cache'),
      };
    },
    async startApp(env = {}) {
      const alb = started();
      const session = TerminalSession.start(['--endpoint', alb.endpoint, '--lang', 'en'], {
        cols: 120,
        rows: 40,
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: alb.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: alb.accessKeySecret,
          ...env,
        },
      });
      sessions.push(session);
      await session.waitForText(/› prod-web/, 30_000);
      // A second start in the same home shows the cached listing first; changes wait for the fresh one.
      await session.waitFor(
        () => !session.screenText().includes('stale: cached'),
        'the fresh listing',
        30_000,
      );
      return session;
    },
  };
}

/** Key names (`down`, `ctrl+u`) and `type:TEXT`, in order. */
export async function keys(session: TerminalSession, ...names: string[]): Promise<void> {
  for (const name of names) {
    if (name.startsWith('type:')) await session.type(name.slice(5));
    else await session.press(name);
  }
}
