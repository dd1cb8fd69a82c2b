// runSubcommand as the entry point: which argv it takes, global flags anywhere, the language, the
// connection flags, and (once cli.tsx calls it) the built program.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoadBalancer } from '../../source/domain/resources.js';
import { runIn, sandbox, type Sandbox } from '../commands/helpers.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox();
});
afterAll(() => box.cleanup());

describe('runSubcommand: what it takes', () => {
  it.each([
    [[]],
    [['--help']],
    [['-v']],
    [['emulator', '--port', '0']],
    [['--endpoint', 'http://127.0.0.1:1']],
    [['bogus']],
    [['--lang', 'zh-CN']],
    [['--', 'instances']],
  ])('leaves %j to the dashboard or the emulator', async (argv) => {
    const result = await box.run(argv);
    expect(result).toEqual({ code: undefined, stdout: '', stderr: '' });
  });

  it('finds the command after global options and their values', async () => {
    const result = await box.run(['--lang', 'zh-CN', '--region', 'cn-hangzhou', 'instances', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法：alb-tui instances');
  });

  it('takes global options after the command too', async () => {
    const result = await box.run(['instances', '--json', '--lang=en', '--connection', 'local']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as LoadBalancer[]).length).toBeGreaterThan(0);
  });
});

describe('runSubcommand: language', () => {
  it('speaks Chinese when LC_ALL, LC_MESSAGES or LANG say so, and --lang wins', async () => {
    const zh = await runIn({ ...box.env, LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, [
      'instances',
      '--bogus',
    ]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('未知选项 "--bogus"');
    const en = await runIn({ ...box.env, LC_ALL: 'zh_CN.UTF-8' }, ['instances', '--bogus', '--lang', 'en']);
    expect(en.stderr).toContain('unknown option "--bogus"');
  });

  it('refuses an unknown --lang with exit 2', async () => {
    const result = await box.run(['instances', '--lang', 'fr']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown language "fr": use en or zh-CN');
  });

  it('refuses a boolean option given a value', async () => {
    const result = await box.run(['instances', '--json=yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('option "--json" takes no value');
  });
});

describe('runSubcommand: connection flags', () => {
  it('refuses an unknown --connection with exit 2', async () => {
    const result = await box.run(['instances', '--connection', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no connection named "nope"');
  });

  it('refuses a malformed --endpoint or --region with exit 2', async () => {
    const endpoint = await box.run(['instances', '--endpoint', 'ftp://x/y']);
    expect(endpoint.code).toBe(2);
    expect(endpoint.stderr).toContain('invalid endpoint');
    const region = await box.run(['listeners', '--region', 'HZ']);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('invalid region "HZ"');
  });

  it('fails with exit 1 and a clear message when the endpoint does not answer', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAIexample');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'example-secret');
    try {
      const result = await box.run(['instances', '--endpoint', 'http://127.0.0.1:1']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('cannot reach http://127.0.0.1:1 (ECONNREFUSED)');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('does not start the local ALB for profile commands', async () => {
    const other = await sandbox();
    try {
      expect((await other.run(['profiles', 'list'])).code).toBe(0);
      expect(existsSync(path.join(other.dir, 'data', 'alb-tui', 'local-alb.json'))).toBe(false);
    } finally {
      await other.cleanup();
    }
  });
});

// The built program, once cli.tsx hands subcommands to runSubcommand.
const root = path.resolve(import.meta.dirname, '../..');
const hooked = readFileSync(path.join(root, 'source/cli.tsx'), 'utf8').includes('runSubcommand');
const built = existsSync(path.join(root, 'dist/alb-tui.js'));

function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/alb-tui.js'), ...args], {
      env: { ...box.env, PATH: process.env['PATH'], ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!hooked || !built)('bin/alb-tui.js', () => {
  it('prints the instances as JSON and exits 0', async () => {
    const result = await runBin(['instances', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as LoadBalancer[]).length).toBeGreaterThan(0);
  });

  it('lists every listener without a word on stderr (no listener-leak warning from many calls at once)', async () => {
    const result = await runBin(['listeners', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBeGreaterThan(20);
    expect(result.stderr).toBe('');
  });

  it('exits 2 with the message on stderr for an unknown option', async () => {
    const result = await runBin(['listeners', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown option "--bogus"');
  });

  it('exits 1 when the connection fails', async () => {
    const result = await runBin(['instances', '--endpoint', 'http://127.0.0.1:1']);
    expect(result.code).toBe(1);
  });
});

describe('the names the CLI entry checks before loading the subcommands', () => {
  it('are exactly the subcommands', async () => {
    const { COMMANDS } = await import('../../source/commands/index.js');
    const { SUBCOMMAND_NAMES, mayBeSubcommand } = await import('../../source/cli/subcommand-names.js');
    expect([...SUBCOMMAND_NAMES].sort()).toEqual([...COMMANDS.keys()].sort());
    expect(mayBeSubcommand(['--lang', 'zh-CN', 'instances', '--json'])).toBe(true);
    expect(mayBeSubcommand(['--lang', 'zh-CN', '--refresh', '5'])).toBe(false);
  });
});

describe('runSubcommand: IDs and option values checked before any call', () => {
  it('refuses a malformed or 100 KB --instance as bad usage (exit 2), briefly', async () => {
    const huge = `alb-${'a'.repeat(100_000)}`;
    for (const argv of [
      ['listeners', '--instance', huge],
      ['export', '--instance', huge, '--profile', 'web', '--format', 'json'],
      ['create', '--instance', huge, '--set', 'port=80', '--yes'],
      ['listeners', '--instance', 'lsn-abc'],
    ]) {
      const result = await box.run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'is not an instance ID (alb- then letters and digits, at most 64 characters)',
      );
      expect(result.stderr.length).toBeLessThan(400);
    }
  });

  it('takes a negative number as a value and judges it, rather than saying it is missing', async () => {
    const result = await box.run(['listeners', '--instance', '-1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"-1" is not an instance ID');
    const missing = await box.run(['listeners', '--instance', '--json']);
    expect(JSON.parse(missing.stderr)).toEqual({
      code: 'InvalidUsage',
      message: 'option "--instance" needs a value',
    });
  });
});
