// `alb-tui emulator`: flags, the banner with endpoint and AccessKey pair, state beside the data
// directory, clean stop on abort and on SIGINT.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { defaultStatePath, runEmulatorCommand } from '../../source/cli/emulator-command.js';
import type { RunningEmulator } from '../../source/emulator/index.js';
import { $Alb, clients } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-emulator-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let ready: (emulator: RunningEmulator) => void = () => {};
  const started = new Promise<RunningEmulator>((resolve) => (ready = resolve));
  return {
    io: {
      stdout: {
        write: (text: string, done: () => void) => {
          out.push(text);
          done();
        },
      },
      stderr: {
        write: (text: string, done: () => void) => {
          err.push(text);
          done();
        },
      },
      env: { HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), LANG: 'en_US.UTF-8', ...env },
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

describe('flags', () => {
  test('--help prints the usage and exits 0', async () => {
    const run = capture();
    expect(await runEmulatorCommand(['--help'], run.io)).toBe(0);
    expect(run.stdout()).toContain('Usage: alb-tui emulator');
    expect(run.stdout()).toContain('--scale INSTANCES:LISTENERS');
  });

  test('--help names the signatures and clients known to work (those test/emulator, test/conformance and test/clients use)', async () => {
    for (const env of [{}, { LANG: 'zh_CN.UTF-8' }]) {
      const run = capture(env);
      expect(await runEmulatorCommand(['--help'], run.io)).toBe(0);
      for (const known of [
        'ACS3-HMAC-SHA256',
        'ACS3-HMAC-SM3',
        'HMAC-SHA1',
        '@alicloud/alb20200616 1.3.x',
        '1.2.x',
        '@alicloud/cas20200407 3.x',
        '@alicloud/openapi-core',
        '@alicloud/openapi-client',
        'v2 HMAC-SHA1',
        '@alicloud/rpc-client',
        '@alicloud/pop-core',
      ])
        expect(run.stdout()).toContain(known);
    }
  });

  test('--help speaks Chinese under a zh locale', async () => {
    const run = capture({ LANG: 'zh_CN.UTF-8' });
    expect(await runEmulatorCommand(['-h'], run.io)).toBe(0);
    expect(run.stdout()).toContain('用法');
  });

  test.each([
    [['--bogus']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--scale', '500']],
    [['--scale', '0:10']],
    [['--access-key-id', 'LTAIonly']],
    [['--fault-rate', '2']],
    [['--latency', '-5']],
    [['--region', 'Hangzhou']],
    [['extra-positional']],
  ])('%j is refused with exit code 2 and a message on stderr', async (argv) => {
    const run = capture();
    expect(await runEmulatorCommand(argv, run.io)).toBe(2);
    expect(run.stderr()).toMatch(/alb-tui emulator: .+/);
    expect(run.stdout()).toBe('');
  });

  test('the default state file is under $XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultStatePath({ XDG_DATA_HOME: '/x/data', HOME: '/home/u' })).toBe(
      '/x/data/alb-tui/local-alb.json',
    );
    expect(defaultStatePath({ XDG_DATA_HOME: 'relative', HOME: '/home/u' })).toBe(
      '/home/u/.local/share/alb-tui/local-alb.json',
    );
    expect(defaultStatePath({ HOME: '/home/u' })).toBe('/home/u/.local/share/alb-tui/local-alb.json');
  });
});

describe('running', () => {
  test('prints endpoint, region and the AccessKey pair, serves them, saves state and reuses the pair', async () => {
    const run = capture();
    const exit = runEmulatorCommand(['--port', '0', '--seed', '5', '--region', 'cn-shanghai'], run.io);
    const emulator = await run.started;
    const out = run.stdout();
    expect(out).toContain(`Endpoint:          ${emulator.endpoint}`);
    expect(out).toContain('Region:            cn-shanghai');
    const hangzhou = emulator.regions.find((r) => r.regionId === 'cn-hangzhou')!;
    expect(out).toContain(`Other regions:     cn-hangzhou ${hangzhou.endpoint}`);
    expect(out).toContain(`AccessKey ID:      ${emulator.accessKeyId}`);
    expect(out).toContain(`AccessKey secret:  ${emulator.accessKeySecret}`);
    expect(out).toContain(`aliyun alb ListLoadBalancers --endpoint 127.0.0.1:${emulator.port} --insecure`);
    expect(out).toContain(`export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.accessKeyId}`);
    const { body } = await clients(emulator).alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({}));
    expect(body?.totalCount).toBeGreaterThanOrEqual(8);
    run.stop();
    expect(await exit).toBe(0);
    expect(run.stdout()).toContain('Stopped; state saved');

    const statePath = join(dir, 'xdg', 'alb-tui', 'local-alb.json');
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'xdg', 'alb-tui'))).mode & 0o777).toBe(0o700);
    const credentials = JSON.parse(
      await readFile(join(dir, 'xdg', 'alb-tui', 'local-alb-credentials.json'), 'utf8'),
    ) as { accessKeyId: string };
    expect(credentials.accessKeyId).toBe(emulator.accessKeyId);

    const again = capture();
    const secondExit = runEmulatorCommand(['--port', '0'], again.io);
    const second = await again.started;
    expect(second.accessKeyId).toBe(emulator.accessKeyId);
    expect(second.region).toBe('cn-shanghai');
    again.stop();
    expect(await secondExit).toBe(0);
  });

  test('given keys, scale and faults are applied; warnings go to stderr', async () => {
    const statePath = join(dir, 'state.json');
    await writeFile(statePath, 'not json');
    const run = capture();
    const exit = runEmulatorCommand(
      [
        '--port',
        '0',
        '--state',
        statePath,
        '--access-key-id',
        'LTAIgiven',
        '--access-key-secret',
        'given-secret',
        '--scale',
        '12:100',
        '--fault-rate',
        '1',
      ],
      run.io,
    );
    const emulator = await run.started;
    expect(emulator.accessKeyId).toBe('LTAIgiven');
    expect(run.stderr()).toContain('moved to');
    expect(emulator.snapshot().listeners).toHaveLength(100);
    await expect(
      clients(emulator).alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({})),
    ).rejects.toMatchObject({ code: 'InternalError' });
    run.stop();
    expect(await exit).toBe(0);
  });

  test('a port in use is reported with exit code 1', async () => {
    const first = capture();
    const firstExit = runEmulatorCommand(['--port', '0', '--state', join(dir, 'one.json')], first.io);
    const running = await first.started;
    const second = capture();
    expect(
      await runEmulatorCommand(['--port', String(running.port), '--state', join(dir, 'two.json')], second.io),
    ).toBe(1);
    expect(second.stderr()).toContain('already in use');
    first.stop();
    await firstExit;
  });

  test('SIGINT stops the process cleanly with the state saved', async () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const runner = join(dir, 'runner.mjs');
    const entry = pathToFileURL(join(repo, 'source', 'cli', 'emulator-command.ts')).href;
    await writeFile(
      runner,
      `import { runEmulatorCommand } from ${JSON.stringify(entry)};\nprocess.exitCode = await runEmulatorCommand(process.argv.slice(2));\n`,
    );
    const statePath = join(dir, 'sigint', 'state.json');
    const child = spawn(process.execPath, ['--import', 'tsx', runner, '--port', '0', '--state', statePath], {
      cwd: repo,
      env: { ...process.env, HOME: dir, LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Press Ctrl+C')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${err}`)));
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped; state saved');
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as { listeners: unknown[] };
    expect(saved.listeners.length).toBeGreaterThan(30);
  });
});
