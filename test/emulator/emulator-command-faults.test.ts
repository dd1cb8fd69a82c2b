// `alb-tui emulator` flags for busy states and asynchronous work: --fault-codes, --async-fail and
// --async-delay reach the local ALB it starts; bad values are refused with exit code 2.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runEmulatorCommand } from '../../source/cli/emulator-command.js';
import type { RunningEmulator } from '../../source/emulator/index.js';
import { $Alb, clients, failure } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-emulator-faults-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture(lang = 'en_US.UTF-8') {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let ready: (emulator: RunningEmulator) => void = () => {};
  const started = new Promise<RunningEmulator>((resolve) => (ready = resolve));
  const sink = (into: string[]) => ({
    write: (text: string, done: () => void) => {
      into.push(text);
      done();
    },
  });
  return {
    io: {
      stdout: sink(out),
      stderr: sink(err),
      env: { HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), LANG: lang },
      signal: controller.signal,
      onReady: (emulator: RunningEmulator) => ready(emulator),
      handleSignals: false,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    stop: () => controller.abort(),
    started,
  };
}

describe('alb-tui emulator busy-state and async flags', () => {
  async function running(flags: string[]) {
    const run = capture();
    const exit = runEmulatorCommand(['--port', '0', '--state', join(dir, 'state.json'), ...flags], run.io);
    const emulator = await run.started;
    return {
      emulator,
      sdk: clients(emulator),
      stop: async () => {
        run.stop();
        expect(await exit).toBe(0);
      },
    };
  }

  test('--fault-rate with --fault-codes answers with those codes and their statuses', async () => {
    const { sdk, stop } = await running(['--fault-rate', '1', '--fault-codes', 'SystemBusy']);
    const busy = await failure(sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({})));
    expect([busy.code, busy.statusCode]).toEqual(['SystemBusy', 503]);
    await stop();
  });

  test('--async-fail ends jobs Failed; --async-delay 0 makes them end at once', async () => {
    const { emulator, sdk, stop } = await running(['--async-fail', '1', '--async-delay', '0']);
    // An HTTP listener: nothing depends on it (a QUIC one in use is refused, ResourceInUse.Listener).
    const target = emulator
      .snapshot()
      .listeners.find((l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP')!;
    const deleted = await sdk.alb.deleteListener(
      new $Alb.DeleteListenerRequest({ listenerId: target.listenerId }),
    );
    const jobs = await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [deleted.body!.jobId!] }));
    expect(jobs.body?.jobs?.[0]?.status).toBe('Failed');
    expect(jobs.body?.jobs?.[0]?.errorCode).toBe('InternalError');
    await stop();
  });

  test.each([
    [['--fault-codes', 'SystemBusy']],
    [['--fault-rate', '0.5', '--fault-codes', 'Made.Up']],
    [['--fault-rate', '0.5', '--fault-codes', ',']],
    [['--async-fail', '1.5']],
    [['--async-delay', '-1']],
    [['--async-delay', 'soon']],
  ])('%j is refused with exit code 2 and a message on stderr', async (argv) => {
    const run = capture();
    expect(await runEmulatorCommand(argv, run.io)).toBe(2);
    expect(run.stderr()).toMatch(/alb-tui emulator: .*--(fault-codes|async-fail|async-delay)/);
    expect(run.stdout()).toBe('');
  });

  test('the help names the flags, in Chinese too', async () => {
    for (const [lang, word] of [
      ['en_US.UTF-8', 'busy states'],
      ['zh_CN.UTF-8', '繁忙状态'],
    ] as const) {
      const run = capture(lang);
      expect(await runEmulatorCommand(['--help'], run.io)).toBe(0);
      expect(run.stdout()).toContain('--fault-codes');
      expect(run.stdout()).toContain('--async-delay');
      expect(run.stdout()).toContain(word);
    }
  });
});
