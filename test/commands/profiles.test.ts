// `alb-tui profiles list|show|export|import|rm` over a temporary store.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type ListenerProfile } from '../../source/store/index.js';
import { webProfile } from './fixtures.js';
import { sandbox, type Sandbox } from './helpers.js';

let box: Sandbox;

beforeEach(async () => {
  box = await sandbox();
});
afterEach(() => box.cleanup());

async function saveTwo(): Promise<void> {
  const store = await openStore({ env: box.env });
  await store.saveProfile(webProfile('web'));
  await store.saveProfile({
    ...webProfile('批量-api', { protocol: 'HTTP', port: 8080, http2: true, securityPolicyId: '' }),
    description: 'API 模板',
  });
}

async function storedProfiles(): Promise<ListenerProfile[]> {
  return (await openStore({ env: box.env })).listProfiles();
}

describe('alb-tui profiles list and show', () => {
  it('says there are none, and prints [] with --json', async () => {
    const human = await box.run(['profiles', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('No listener profiles saved.');
    const json = await box.run(['profiles', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('lists the stored profiles as a table and as JSON', async () => {
    await saveTwo();
    const json = await box.run(['profiles', 'list', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(await storedProfiles());
    const table = await box.run(['profiles', 'list']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+PROTOCOL\s+PORT\s+CERTIFICATE\s+SERVER GROUP\s+DESCRIPTION$/);
    expect(lines[1]).toMatch(/^web\s+HTTPS\s+9443\s+www\.example\.com\s+web-frontend-http\s+profile web$/);
    expect(lines[2]).toMatch(/^批量-api\s+HTTP\s+8080\s+www\.example\.com\s+web-frontend-http\s+API 模板$/);
  });

  it('shows one profile, and refuses an unknown name with exit 2', async () => {
    await saveTwo();
    const human = await box.run(['profiles', 'show', 'web']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Listener port: +9443$/m);
    expect(human.stdout).toMatch(/^Server certificate: +www\.example\.com$/m);
    expect(human.stdout).toMatch(/^Extra HTTP headers: +X-Forwarded-For, X-Forwarded-Proto$/m);
    const json = await box.run(['profiles', 'show', 'web', '--json']);
    expect(JSON.parse(json.stdout)).toEqual((await storedProfiles())[0]);
    const missing = await box.run(['profiles', 'show', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no listener profile named "nope"');
    const none = await box.run(['profiles', 'show']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('missing a profile name');
  });
  it("lists the profile's forwarding rules, one summary line each, by priority", async () => {
    const store = await openStore({ env: box.env });
    const forward = (...groups: [string, number][]) => ({
      order: 1,
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: groups.map(([serverGroupName, weight]) => ({ serverGroupName, weight })),
      },
    });
    await store.saveProfile({
      ...webProfile('routed'),
      rules: [
        {
          ruleName: 'canary',
          priority: 20,
          direction: 'Request',
          ruleConditions: [{ type: 'Host', hostConfig: { values: ['api.example.com'] } }],
          ruleActions: [forward(['sg-api-v2', 80], ['sg-api-v1', 20])],
        },
        {
          ruleName: 'static',
          priority: 10,
          direction: 'Request',
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/static/*'] } }],
          ruleActions: [forward(['sg-static', 100])],
        },
      ],
    });
    const human = await box.run(['profiles', 'show', 'routed']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Forwarding rules: +2$/m);
    const lines = human.stdout.split('\n');
    const at = lines.indexOf('Forwarding rules:');
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '     10  static: Path /static/* → sg-static',
      '     20  canary: Host api.example.com → 80% sg-api-v2, 20% sg-api-v1',
    ]);
    const zh = await box.run(['profiles', 'show', 'routed', '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('     10  static: 路径 /static/* → sg-static');
    await store.saveProfile(webProfile('bare'));
    const bare = await box.run(['profiles', 'show', 'bare']);
    expect(bare.stdout).toMatch(/^Forwarding rules: +none$/m);
    expect(bare.stdout.split('\n')).not.toContain('Forwarding rules:');
  });
});

describe('alb-tui profiles export and import', () => {
  it('exports every profile to stdout, and named ones to a 0600 file', async () => {
    await saveTwo();
    const all = await box.run(['profiles', 'export']);
    expect(all.code).toBe(0);
    const document = JSON.parse(all.stdout) as { format: string; profiles: ListenerProfile[] };
    expect(document.format).toBe('alb-tui.listener-profiles');
    expect(document.profiles.map((p) => p.name)).toEqual(['web', '批量-api']);

    const file = path.join(box.dir, 'out.json');
    const one = await box.run(['profiles', 'export', 'web', '--output', file]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Exported 1 listener profile to');
    expect(
      (JSON.parse(await readFile(file, 'utf8')) as { profiles: ListenerProfile[] }).profiles.map(
        (p) => p.name,
      ),
    ).toEqual(['web']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const unknown = await box.run(['profiles', 'export', 'nope']);
    expect(unknown.code).toBe(2);
  });

  it('imports a document, skipping, replacing or renaming names already taken', async () => {
    await saveTwo();
    const file = path.join(box.dir, 'profiles.json');
    await writeFile(file, (await box.run(['profiles', 'export'])).stdout);
    const other = await sandbox();
    try {
      const first = await other.run(['profiles', 'import', file]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('imported "web"');
      expect(first.stdout).toContain('2 imported, 0 skipped, 0 invalid');
      const again = await other.run(['profiles', 'import', file]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('0 imported, 2 skipped, 0 invalid');
      const renamed = await other.run(['profiles', 'import', file, '--on-conflict', 'rename', '--json']);
      expect(renamed.code).toBe(0);
      const report = JSON.parse(renamed.stdout) as {
        ok: boolean;
        entries: { status: string; newName?: string }[];
      };
      expect(report.entries.map((e) => e.status)).toEqual(['renamed', 'renamed']);
      expect((await other.run(['profiles', 'list', '--json'])).stdout).toContain('"web (2)"');
    } finally {
      await other.cleanup();
    }
  });

  it('reads the document from stdin with -', async () => {
    await saveTwo();
    const text = (await box.run(['profiles', 'export', 'web'])).stdout;
    const other = await sandbox();
    try {
      const result = await other.run(['profiles', 'import', '-'], { stdin: text });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('1 imported');
    } finally {
      await other.cleanup();
    }
  });

  it('reads no more than 1 MiB: /dev/zero, a large file and a large stdin are refused (exit 2)', async () => {
    for (const [lang, expected] of [
      ['en', '"/dev/zero" is larger than 1 MiB: not a profile export'],
      ['zh-CN', '"/dev/zero" 超过 1 MiB：不是监听配置模板导出文件'],
    ] as const) {
      const zero = await box.run(['profiles', 'import', '/dev/zero', '--lang', lang]);
      expect(zero.code).toBe(2);
      expect(zero.stderr).toContain(expected);
    }
    const big = path.join(box.dir, 'big.json');
    await writeFile(big, `{"profiles": [], "pad": "${'x'.repeat(1024 * 1024)}"}`);
    const file = await box.run(['profiles', 'import', big, '--json']);
    expect(file.code).toBe(2);
    expect(JSON.parse(file.stderr)).toMatchObject({ code: 'InvalidUsage' });
    const stdin = await box.run(['profiles', 'import', '-'], { stdin: 'y'.repeat(1024 * 1024 + 1) });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('"-" is larger than 1 MiB');
  });

  it('refuses a file that is not an export (2), reports invalid entries (1)', async () => {
    const notJson = path.join(box.dir, 'bad.json');
    await writeFile(notJson, 'not json');
    const bad = await box.run(['profiles', 'import', notJson]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toBe('');

    const mixed = path.join(box.dir, 'mixed.json');
    const good = { ...webProfile('ok') };
    const broken = { ...webProfile('broken'), listener: { ...webProfile().listener, port: 70000 } };
    await writeFile(
      mixed,
      JSON.stringify({
        format: 'alb-tui.listener-profiles',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        profiles: [good, broken],
      }),
    );
    const result = await box.run(['profiles', 'import', mixed]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 imported, 0 skipped, 1 invalid');
    expect(result.stderr).toContain('broken');
    expect((await storedProfiles()).map((p) => p.name)).toEqual(['ok']);

    const missing = await box.run(['profiles', 'import', path.join(box.dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const policy = await box.run(['profiles', 'import', mixed, '--on-conflict', 'merge']);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain('--on-conflict must be one of skip, replace, rename');
  });
});

describe('alb-tui profiles rm', () => {
  it('removes with --yes, asks on a terminal, refuses when it cannot ask', async () => {
    await saveTwo();
    const refused = await box.run(['profiles', 'rm', 'web']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to remove without --yes when not interactive');
    const declined = await box.run(['profiles', 'rm', 'web'], { isTTY: true, stdin: '\n' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Remove listener profile "web"? [y/N]');
    expect((await storedProfiles()).map((p) => p.name)).toContain('web');
    const asked = await box.run(['profiles', 'rm', 'web'], { isTTY: true, stdin: 'yes\n' });
    expect(asked.code).toBe(0);
    const forced = await box.run(['profiles', 'rm', '批量-api', '--yes', '--json']);
    expect(JSON.parse(forced.stdout)).toEqual({ removed: '批量-api' });
    expect(await storedProfiles()).toEqual([]);
    const gone = await box.run(['profiles', 'rm', 'web', '--yes']);
    expect(gone.code).toBe(2);
  });
});

describe('alb-tui profiles usage', () => {
  it.each([
    [[], 'missing a command'],
    [['bogus'], 'unknown profiles command "bogus"'],
    [['list', '--output', 'x'], 'unknown option "--output"'],
    [['list', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await box.run(['profiles', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('answers --help', async () => {
    const result = await box.run(['profiles', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('import FILE [--on-conflict skip|replace|rename]');
  });
});
