// `alb-tui connections list|show|add|rm|use` over a temporary store (XDG_CONFIG_HOME in the sandbox).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpointProblems, parseCredentials } from '../../source/commands/connections.js';
import { formatCredentials } from '../../source/store/index.js';
import { openStore, type ConnectionProfile } from '../../source/store/index.js';
import { runIn, sandbox, type Sandbox } from './helpers.js';

type Listed = ConnectionProfile & { active: boolean };

let box: Sandbox;

beforeEach(async () => {
  box = await sandbox();
});
afterEach(() => box.cleanup());

async function listJson(target: Sandbox = box): Promise<Listed[]> {
  const result = await target.run(['connections', 'list', '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

async function stored(): Promise<ConnectionProfile[]> {
  return (await openStore({ env: box.env })).listConnections();
}

describe('alb-tui connections list and show', () => {
  it('lists the built-in local ALB, active, when nothing is saved', async () => {
    expect(await listJson()).toEqual([
      {
        kind: 'local',
        name: 'local',
        region: 'cn-hangzhou',
        readOnly: false,
        production: false,
        active: true,
      },
    ]);
    const human = await box.run(['connections', 'list']);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ +NAME\s+KIND\s+REGION\s+ENDPOINT\s+CREDENTIALS\s+READ-ONLY\s+PRODUCTION\s+COLOUR\s+DESCRIPTION$/,
    );
    expect(lines[1]).toMatch(/^\*\s+local\s+local\s+cn-hangzhou\s+—\s+built-in\s+no\s+no\s+—\s+—$/);
    expect(human.stdout).toContain('No saved connections.');
  });

  it('lists and shows saved connections, local first, with every field and never a secret', async () => {
    const add = await box.run([
      'connections',
      'add',
      'prod',
      '--region',
      'cn-shanghai',
      '--production',
      '--read-only',
      '--credentials',
      'cli-profile:ops',
      '--description',
      'main account',
    ]);
    expect(add.code).toBe(0);
    expect(
      (
        await box.run([
          'connections',
          'add',
          'lab',
          '--region',
          'ap-southeast-1',
          '--endpoint',
          'http://127.0.0.1:18081',
          '--credentials',
          'credentials-file:/etc/alb/creds#lab',
          '--color',
          'green',
        ])
      ).code,
    ).toBe(0);

    const all = await listJson();
    expect(all.map((c) => c.name)).toEqual(['local', 'prod', 'lab']);
    expect(all[1]).toEqual({
      kind: 'aliyun',
      name: 'prod',
      region: 'cn-shanghai',
      readOnly: true,
      production: true,
      description: 'main account',
      credentials: { source: 'cli-profile', profile: 'ops' },
      active: false,
    });
    expect(all[2]).toMatchObject({
      endpoint: 'http://127.0.0.1:18081',
      color: 'green',
      readOnly: false,
      production: false,
      credentials: { source: 'credentials-file', path: '/etc/alb/creds', section: 'lab' },
    });
    expect(all.map((c) => c.active)).toEqual([true, false, false]);

    const table = (await box.run(['connections', 'list'])).stdout.trimEnd().split('\n');
    expect(table[2]).toMatch(
      /^\s+prod\s+aliyun\s+cn-shanghai\s+—\s+cli-profile:ops\s+yes\s+yes\s+red\s+main account$/,
    );
    expect(table[3]).toMatch(
      /^\s+lab\s+aliyun\s+ap-southeast-1\s+http:\/\/127\.0\.0\.1:18081\s+credentials-file:\/etc\/alb\/creds#lab\s+no\s+no\s+green\s+—$/,
    );
    expect(table.join('\n')).not.toContain('No saved connections.');

    const show = await box.run(['connections', 'show', 'prod']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Kind: +Alibaba Cloud \(aliyun\)$/m);
    expect(show.stdout).toMatch(/^Credentials: +aliyun CLI profile "ops" \(cli-profile:ops\)$/m);
    expect(show.stdout).toMatch(
      /^Endpoint: +default for the region \(https:\/\/alb\.cn-shanghai\.aliyuncs\.com\)$/m,
    );
    expect(show.stdout).toMatch(/^Colour: +red \(production\)$/m);
    expect(show.stdout).toMatch(/^Read-only: +yes$/m);
    const json = await box.run(['connections', 'show', 'lab', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(all[2]);

    const zh = await box.run(['connections', 'show', 'prod', '--lang', 'zh-CN']);
    expect(zh.stdout).toMatch(/^凭据来源： +aliyun CLI 配置 "ops"/m);
    expect(zh.stdout).toMatch(/^只读： +是$/m);
  });

  it('refuses show of an unknown or missing name with exit 2', async () => {
    const missing = await box.run(['connections', 'show', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no connection named "nope" (known: "local")');
    const none = await box.run(['connections', 'show']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('missing a connection name');
    const zh = await box.run(['connections', 'show', 'nope', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('没有名为 "nope" 的连接');
  });
});

describe('alb-tui connections add', () => {
  it('defaults to the aliyun CLI profile "default", and says how to use the connection', async () => {
    const result = await box.run(['connections', 'add', 'staging', '--region', 'cn-hangzhou', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { added: string; replaced: boolean; connection: Listed };
    expect(report).toEqual({
      added: 'staging',
      replaced: false,
      connection: {
        kind: 'aliyun',
        name: 'staging',
        region: 'cn-hangzhou',
        readOnly: false,
        production: false,
        credentials: { source: 'cli-profile', profile: 'default' },
        active: false,
      },
    });
    expect(await stored()).toContainEqual({
      kind: 'aliyun',
      name: 'staging',
      region: 'cn-hangzhou',
      readOnly: false,
      production: false,
      credentials: { source: 'cli-profile', profile: 'default' },
    });
    const human = await box.run(['connections', 'add', 'other', '--region', 'cn-beijing']);
    expect(human.stdout).toContain('Added connection "other".');
    expect(human.stdout).toContain('alb-tui connections use other');
  });

  it('refuses a name already taken unless --replace, which replaces it whole', async () => {
    await box.run(['connections', 'add', 'prod', '--region', 'cn-shanghai', '--production', '--read-only']);
    const again = await box.run(['connections', 'add', 'prod', '--region', 'cn-beijing']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('a connection named "prod" already exists');
    expect(again.stderr).toContain('--replace');
    expect((await stored()).find((c) => c.name === 'prod')).toMatchObject({
      region: 'cn-shanghai',
      production: true,
      readOnly: true,
    });

    const replaced = await box.run([
      'connections',
      'add',
      'prod',
      '--region',
      'cn-beijing',
      '--credentials',
      'environment',
      '--replace',
    ]);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Replaced connection "prod".');
    expect((await stored()).filter((c) => c.name === 'prod')).toEqual([
      {
        kind: 'aliyun',
        name: 'prod',
        region: 'cn-beijing',
        readOnly: false,
        production: false,
        credentials: { source: 'environment' },
      },
    ]);
    const json = await box.run([
      'connections',
      'add',
      'prod',
      '--region',
      'cn-beijing',
      '--replace',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ added: 'prod', replaced: true });
    // --replace of a name not yet taken simply adds it.
    const fresh = await box.run(['connections', 'add', 'new', '--region', 'cn-beijing', '--replace']);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('Added connection "new".');
  });

  it('refuses the built-in name local, even with --replace', async () => {
    for (const extra of [[], ['--replace']]) {
      const result = await box.run(['connections', 'add', 'local', '--region', 'cn-beijing', ...extra]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('"local" is the built-in local ALB connection');
    }
    expect(await listJson()).toHaveLength(1);
  });

  it.each([
    [['--region', 'Hangzhou'], '--region "Hangzhou" is not a region ID'],
    [['--region', 'cn_hangzhou'], 'is not a region ID'],
    [[], '--region is required'],
    [
      ['--region', 'cn-hangzhou', '--endpoint', 'https://admin@alb.example.com'],
      'must not contain a user name',
    ],
    [['--region', 'cn-hangzhou', '--endpoint', 'https://alb.example.com/v1'], 'must not have a path'],
    [['--region', 'cn-hangzhou', '--endpoint', 'alb.example.com?x=1'], 'must not have a query'],
    [
      ['--region', 'cn-hangzhou', '--endpoint', 'ftp://alb.example.com'],
      'the scheme must be http:// or https://',
    ],
    [
      ['--region', 'cn-hangzhou', '--endpoint', 'alb.example.com:70000'],
      'the port must be a number from 1 to 65535',
    ],
    [['--region', 'cn-hangzhou', '--endpoint', 'bad_host!'], 'the host is not a valid host name'],
    [['--region', 'cn-hangzhou', '--endpoint='], '--endpoint is empty'],
    [['--region', 'cn-hangzhou', '--credentials', 'env'], '--credentials: unknown source "env"'],
    [['--region', 'cn-hangzhou', '--credentials', 'environment:x'], 'environment takes nothing after it'],
    [
      ['--region', 'cn-hangzhou', '--credentials', 'cli-profile:'],
      'the profile name after cli-profile: is empty',
    ],
    [
      ['--region', 'cn-hangzhou', '--credentials', 'credentials-file:'],
      'the path after credentials-file: is empty',
    ],
    [['--region', 'cn-hangzhou', '--credentials', 'credentials-file#'], 'the section after # is empty'],
    [
      ['--region', 'cn-hangzhou', '--credentials', 'ecs-ram-role:'],
      'the role name after ecs-ram-role: is empty',
    ],
    [['--region', 'cn-hangzhou', '--color', 'pink'], '--color must be one of red, yellow'],
    [['--region', 'cn-hangzhou', '--description', 'a\u0007b'], 'Description must be at most 256 characters'],
    [['--region', 'cn-hangzhou', '--yes'], "--yes does not apply to 'connections add'"],
  ])('refuses %j with exit 2 and saves nothing', async (options, message) => {
    const result = await box.run(['connections', 'add', 'bad', ...options]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(await listJson()).toHaveLength(1);
  });

  it('reports every problem at once, in the language asked for', async () => {
    const args = ['connections', 'add', 'bad', '--region', 'BAD', '--endpoint', 'ftp://h:0/p'];
    const en = await box.run([...args, '--credentials', 'nope', '--color', 'pink']);
    expect(en.code).toBe(2);
    const lines = en.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const zh = await box.run([...args, '--credentials', 'nope', '--color', 'pink', '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--region "BAD" 不是地域 ID');
    expect(zh.stderr).toContain('--endpoint：协议须为 http:// 或 https://（当前为 "ftp"）');
    expect(zh.stderr).toContain('--endpoint 不能包含路径');
    expect(zh.stderr).toContain('--endpoint：端口须为 1~65535 之间的数字');
    expect(zh.stderr).toContain('--credentials：未知的凭据来源 "nope"');
    expect(zh.stderr).toContain('--color 须为 red、yellow');
  });

  it('parses and formats every credentials source, the one a user types back', () => {
    const env = { HOME: '/home/u' };
    const cases: [string, unknown][] = [
      ['cli-profile', { source: 'cli-profile', profile: 'default' }],
      ['cli-profile:ops', { source: 'cli-profile', profile: 'ops' }],
      ['environment', { source: 'environment' }],
      ['credentials-file', { source: 'credentials-file' }],
      ['credentials-file:/a/b', { source: 'credentials-file', path: '/a/b' }],
      ['credentials-file:~/x#s', { source: 'credentials-file', path: '~/x', section: 's' }],
      ['credentials-file#s', { source: 'credentials-file', section: 's' }],
      ['ecs-ram-role', { source: 'ecs-ram-role' }],
      ['ecs-ram-role:AlbReader', { source: 'ecs-ram-role', roleName: 'AlbReader' }],
    ];
    for (const [text, source] of cases) {
      const parsed = parseCredentials(text, env);
      expect(parsed).toEqual({ source });
      if ('source' in parsed && text !== 'cli-profile') expect(formatCredentials(parsed.source)).toBe(text);
    }
    const relative = parseCredentials('credentials-file:creds.ini', env);
    expect(relative).toEqual({
      source: { source: 'credentials-file', path: path.resolve('creds.ini') },
    });
  });

  it('accepts the endpoint forms the store takes', () => {
    for (const endpoint of [
      'alb.cn-hangzhou.aliyuncs.com',
      'https://alb.cn-hangzhou.aliyuncs.com/',
      'http://127.0.0.1:18081',
      'localhost:8080',
      'http://[::1]:18081',
    ]) {
      expect(endpointProblems(endpoint, {})).toEqual([]);
    }
  });
});

describe('alb-tui connections and secrets', () => {
  const SECRET = 'Zx9kP2mQ7vR4tY8wB3nL6cF1hJ5sD0';
  const KEY_ID = 'LTAI5tQw3ErTy7UiOp9AsDfG';

  async function filesUnder(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  it('never writes nor echoes a secret, whatever option it comes in', async () => {
    const secretBox = await sandbox({
      ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
    });
    try {
      const ok = await secretBox.run([
        'connections',
        'add',
        'ci',
        '--region',
        'cn-hangzhou',
        '--credentials',
        'environment',
      ]);
      expect(ok.code).toBe(0);
      const attempts: string[][] = [
        ['--description', `the key is ${SECRET}`],
        ['--description', SECRET],
        ['--credentials', `cli-profile:${SECRET}`],
        ['--credentials', `ecs-ram-role:${SECRET}`],
        ['--credentials', `credentials-file:/tmp/x#${SECRET}`],
        ['--credentials', `${KEY_ID}:${SECRET}`],
        ['--credentials', SECRET],
        ['--endpoint', `https://${KEY_ID}:${SECRET}@alb.example.com`],
        ['--color', SECRET],
      ];
      for (const extra of attempts) {
        const result = await secretBox.run([
          'connections',
          'add',
          'leak',
          '--region',
          'cn-hangzhou',
          ...extra,
        ]);
        expect(result.code, extra.join(' ')).toBe(2);
        expect(result.stderr + result.stdout).not.toContain(SECRET);
        expect(result.stderr + result.stdout).not.toContain(KEY_ID);
      }
      const refused = await secretBox.run([
        'connections',
        'add',
        'leak',
        '--region',
        'cn-hangzhou',
        '--description',
        SECRET,
        '--lang',
        'zh-CN',
      ]);
      expect(refused.stderr).toContain('拒绝保存');
      expect(refused.stderr).toContain('疑似密钥');
      const region = await secretBox.run(['connections', 'add', 'leak', '--region', SECRET]);
      expect(region.code).toBe(2);
      expect(region.stderr).not.toContain(SECRET);

      expect((await listJson(secretBox)).map((c) => c.name)).toEqual(['local', 'ci']);
      await secretBox.run(['connections', 'use', 'ci']);
      const files = await filesUnder(path.join(secretBox.dir, 'config'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        expect(text, file).not.toContain(SECRET);
        expect(text, file).not.toContain(KEY_ID);
      }
      expect(files.some((f) => f.endsWith('profiles.json'))).toBe(true);
    } finally {
      await secretBox.cleanup();
    }
  });

  it('does not echo a value shaped like a secret, nor one the environment holds as a credential', async () => {
    const shaped = await box.run(['connections', 'add', 'x', '--region', SECRET]);
    expect(shaped.code).toBe(2);
    expect(shaped.stderr).toContain('--region is not a region ID');
    expect(shaped.stderr).not.toContain(SECRET);
    const plain = 'plainlowercasetoken';
    const envBox = await sandbox({ ALIBABA_CLOUD_SECURITY_TOKEN: plain });
    try {
      const held = await envBox.run(['connections', 'add', 'x', '--region', plain, '--color', plain]);
      expect(held.code).toBe(2);
      expect(held.stderr).toContain('--region is not a region ID');
      expect(held.stderr).not.toContain(plain);
    } finally {
      await envBox.cleanup();
    }
    // An ordinary mistake is shown, so the user sees what was wrong.
    const typo = await box.run(['connections', 'add', 'x', '--region', plain]);
    expect(typo.stderr).toContain(`--region "${plain}" is not a region ID`);
  });
});

describe('alb-tui connections rm', () => {
  it('removes with --yes, asks on a terminal, refuses when it cannot ask', async () => {
    await box.run(['connections', 'add', 'prod', '--region', 'cn-shanghai']);
    await box.run(['connections', 'add', 'lab', '--region', 'cn-shanghai']);
    const refused = await box.run(['connections', 'rm', 'prod']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to remove without --yes when not interactive');
    const declined = await box.run(['connections', 'rm', 'prod'], { isTTY: true, stdin: 'n\n' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Remove connection "prod"? [y/N]');
    expect((await stored()).map((c) => c.name)).toContain('prod');
    const asked = await box.run(['connections', 'rm', 'prod'], { isTTY: true, stdin: 'y\n' });
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('Removed connection "prod".');
    const forced = await box.run(['connections', 'rm', 'lab', '--yes', '--json']);
    expect(JSON.parse(forced.stdout)).toEqual({ removed: 'lab', active: 'local' });
    expect((await stored()).map((c) => c.name)).toEqual(['local']);
    const gone = await box.run(['connections', 'rm', 'lab', '--yes']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('no connection named "lab"');
  });

  it('refuses to remove the built-in local connection', async () => {
    for (const extra of [[], ['--yes']]) {
      const result = await box.run(['connections', 'rm', 'local', ...extra]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('"local" is the built-in local ALB connection: it cannot be removed');
    }
    const zh = await box.run(['connections', 'rm', 'local', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('内置的本地 ALB 连接，不能删除');
  });

  it('makes the local ALB active again when the active connection is removed', async () => {
    await box.run(['connections', 'add', 'prod', '--region', 'cn-shanghai']);
    await box.run(['connections', 'use', 'prod']);
    const asked = await box.run(['connections', 'rm', 'prod'], { isTTY: true, stdin: 'yes\n' });
    expect(asked.stderr).toContain('Remove connection "prod" (the active connection)? [y/N]');
    expect(asked.stdout).toContain('alb-tui now opens the local ALB');
    expect((await listJson()).filter((c) => c.active).map((c) => c.name)).toEqual(['local']);
    expect((await openStore({ env: box.env })).getActiveConnection().name).toBe('local');
  });
});

describe('alb-tui connections use', () => {
  it('sets the active connection, which list then marks', async () => {
    await box.run(['connections', 'add', 'prod', '--region', 'cn-shanghai']);
    const used = await box.run(['connections', 'use', 'prod']);
    expect(used.code).toBe(0);
    expect(used.stdout).toContain('Active connection: "prod".');
    expect((await listJson()).map((c) => [c.name, c.active])).toEqual([
      ['local', false],
      ['prod', true],
    ]);
    expect((await openStore({ env: box.env })).getActiveConnection().name).toBe('prod');
    const table = (await box.run(['connections', 'list'])).stdout.split('\n');
    expect(table[1]).toMatch(/^ +local /);
    expect(table[2]).toMatch(/^\* +prod /);

    const back = await box.run(['connections', 'use', 'local', '--json']);
    expect(JSON.parse(back.stdout)).toEqual({ active: 'local' });
    expect((await listJson()).find((c) => c.active)?.name).toBe('local');
  });

  it('makes the other commands talk to the active connection unless told otherwise', async () => {
    await box.run([
      'connections',
      'add',
      'nowhere',
      '--region',
      'cn-hangzhou',
      '--endpoint',
      'http://127.0.0.1:9',
      '--credentials',
      'environment',
    ]);
    await box.run(['connections', 'use', 'nowhere']);
    const env = box.env;
    // The saved connection is the one used: its credentials source (the environment, empty here) is
    // what stops it; the local ALB would have needed none.
    const viaActive = await runIn(env, ['instances']);
    expect(viaActive.code).toBe(1);
    expect(viaActive.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    const local = await runIn(env, ['instances', '--connection', 'local', '--json']);
    expect(local.code).toBe(0);
    expect((JSON.parse(local.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses an unknown name with exit 2 and leaves the active one alone', async () => {
    await box.run(['connections', 'add', 'prod', '--region', 'cn-shanghai']);
    await box.run(['connections', 'use', 'prod']);
    const result = await box.run(['connections', 'use', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no connection named "nope" (known: "local", "prod")');
    expect((await openStore({ env: box.env })).getActiveConnection().name).toBe('prod');
  });
});

describe('alb-tui connections usage', () => {
  it.each([
    [[], 'missing a command: list, show, add, rm, use'],
    [['bogus'], 'unknown connections command "bogus"'],
    [['list', 'extra'], 'unexpected argument "extra"'],
    [['list', '--region', 'cn-hangzhou'], "--region does not apply to 'connections list'"],
    [['use', 'local', '--replace'], "--replace does not apply to 'connections use'"],
    [['show', 'a', 'b'], 'unexpected argument "b"'],
    [['add', 'x', '--bogus'], 'unknown option "--bogus"'],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await box.run(['connections', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('answers --help in English and Chinese', async () => {
    const en = await box.run(['connections', 'add', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('add NAME --region REGION [options]');
    expect(en.stdout).toContain(
      '--credentials SOURCE          where credentials come from (default: cli-profile:default)',
    );
    const zh = await box.run(['connections', '--help', '--lang', 'zh-CN']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('用法：alb-tui connections <子命令> [参数]');
    expect(zh.stdout).toContain('凭据来源（默认：cli-profile:default）');
  });
});
