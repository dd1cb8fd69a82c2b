import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleAction, RuleSpec } from '../../source/domain/rule-types.js';
import { actionsText, conditionsText } from '../../source/domain/rule-summary.js';
import { FakeRules, fakeConnection, refusal, runRules } from './rules-fake.js';

const forward = (...groups: [string, number?][]): RuleAction => ({
  order: 1,
  type: 'ForwardGroup',
  forwardGroupConfig: {
    serverGroupTuples: groups.map(([serverGroupId, weight]) => ({
      serverGroupId,
      ...(weight === undefined ? {} : { weight }),
    })),
  },
});

function pathRule(
  name: string,
  priority: number,
  pathValue: string,
  action: RuleAction = forward(['sgp-api']),
): RuleSpec {
  return {
    ruleName: name,
    priority,
    direction: 'Request',
    ruleConditions: [{ type: 'Path', pathConfig: { values: [pathValue] } }],
    ruleActions: [action],
  };
}

let fake: FakeRules;
let dir: string;
beforeEach(async () => {
  fake = new FakeRules();
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-rules-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const where = path.join(dir, name);
  await writeFile(where, text);
  return where;
}

describe('rules list / get', () => {
  it('lists in priority order with conditions and actions on one line, the default action last', async () => {
    fake.seed('lsn-a', [
      pathRule('late', 20, '/b/*'),
      { ...pathRule('canary', 10, '/api/*', forward(['sgp-api-v2', 80], ['sgp-api', 20])) },
    ]);
    const result = await runRules(fakeConnection(fake), ['list', 'lsn-a']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[1]).toMatch(
      /^\s*10\s+canary\s+Request\s+Path \/api\/\*\s+→ 80% api-v2, 20% api-v1\s+Available/,
    );
    expect(lines[2]).toMatch(/^\s*20\s+late/);
    expect(lines[3]).toMatch(/default.*→ sgp-web/);
  });

  it("summarises each rule as the app does (one summary, in the user's language)", async () => {
    const redirect: RuleAction = {
      order: 1,
      type: 'Redirect',
      redirectConfig: { httpCode: '301', protocol: 'HTTPS', port: '443' },
    };
    const [rule] = fake.seed('lsn-a', [pathRule('to-https', 7, '/shop/*', redirect)]);
    for (const lang of ['en', 'zh-CN'] as const) {
      const got = await runRules(fakeConnection(fake), ['get', rule!.ruleId], { lang });
      expect(got.code).toBe(0);
      expect(got.stdout).toContain(conditionsText(rule!.ruleConditions, lang));
      expect(got.stdout).toContain(actionsText(rule!.ruleActions, lang));
    }
    const en = await runRules(fakeConnection(fake), ['get', rule!.ruleId]);
    expect(en.stdout).toContain('redirect 301 https://${host}:443${path}?${query}');
    const zh = await runRules(fakeConnection(fake), ['list', 'lsn-a'], { lang: 'zh-CN' });
    expect(zh.stdout).toContain('路径 /shop/*');
    expect(zh.stdout).toContain('→ 重定向 301 https://');
  });

  it('names server groups as the app does (the ID where a group has no name); --json keeps the IDs', async () => {
    const [rule] = fake.seed('lsn-a', [
      pathRule('canary', 10, '/api/*', forward(['sgp-api-v2', 80], ['sgp-web', 20])),
    ]);
    for (const lang of ['en', 'zh-CN'] as const) {
      const listed = await runRules(fakeConnection(fake), ['list', 'lsn-a'], { lang });
      expect(listed.stdout).toContain('→ 80% api-v2, 20% sgp-web');
      expect(listed.stdout).not.toContain('sgp-api-v2');
      const got = await runRules(fakeConnection(fake), ['get', rule!.ruleId], { lang });
      expect(got.stdout).toContain('80% api-v2, 20% sgp-web');
      // The IDs are still one look away: `get` lists each group by name and ID.
      expect(got.stdout).toMatch(
        lang === 'en'
          ? /Server groups:\s+api-v2 \(sgp-api-v2\), sgp-web/
          : /服务器组[:：]\s*api-v2 \(sgp-api-v2\), sgp-web/,
      );
    }
    const json = JSON.parse((await runRules(fakeConnection(fake), ['list', 'lsn-a', '--json'])).stdout);
    expect(json.rules[0].ruleActions[0].forwardGroupConfig.serverGroupTuples[0].serverGroupId).toBe(
      'sgp-api-v2',
    );
    const tested = await runRules(
      fakeConnection(fake),
      ['test', 'lsn-a', '--url', 'http://x.example.com/api/1'],
      {
        lang: 'zh-CN',
      },
    );
    expect(tested.stdout).toContain('转发至 80% api-v2 (权重 80)');
    const testedJson = JSON.parse(
      (
        await runRules(fakeConnection(fake), [
          'test',
          'lsn-a',
          '--url',
          'http://x.example.com/api/1',
          '--json',
        ])
      ).stdout,
    );
    expect(testedJson.effects[0].groups[0].serverGroupId).toBe('sgp-api-v2');
  });

  it('lists by ID when the server groups cannot be read', async () => {
    fake.seed('lsn-a', [pathRule('canary', 10, '/api/*', forward(['sgp-api-v2']))]);
    const connection = fakeConnection(fake);
    (connection.client as { listServerGroups: unknown }).listServerGroups = async function* () {
      yield* [];
      throw refusal('Forbidden.RAM', 'not allowed to list server groups');
    };
    const listed = await runRules(connection, ['list', 'lsn-a']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('→ sgp-api-v2');
  });

  it('list --json and get --json give the rules; get of an unknown rule fails with the API code', async () => {
    const [rule] = fake.seed('lsn-a', [pathRule('one', 5, '/x')]);
    const listed = JSON.parse((await runRules(fakeConnection(fake), ['list', 'lsn-a', '--json'])).stdout);
    expect(listed.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual([rule!.ruleId]);
    expect(listed.defaultActions[0].forwardGroupConfig.serverGroupTuples[0].serverGroupId).toBe('sgp-web');
    const got = JSON.parse((await runRules(fakeConnection(fake), ['get', rule!.ruleId, '--json'])).stdout);
    expect(got).toMatchObject({ ruleName: 'one', priority: 5, listenerId: 'lsn-a' });
    const missing = await runRules(fakeConnection(fake), ['get', 'rule-nothere']);
    expect(missing).toMatchObject({ code: 1, errorCode: 'ResourceNotFound.Rule' });
    expect((await runRules(fakeConnection(fake), ['get', 'lsn-a'])).code).toBe(2);
  });

  it('says so in Chinese too', async () => {
    const result = await runRules(fakeConnection(fake), ['list', 'lsn-a'], { lang: 'zh-CN' });
    expect(result.stdout).toContain('优先级');
    expect(result.stdout).toContain('没有转发规则');
  });
});

describe('rules test', () => {
  beforeEach(() => {
    fake.seed('lsn-a', [
      pathRule('static', 10, '/static/*'),
      {
        ruleName: 'api-canary',
        priority: 20,
        direction: 'Request',
        ruleConditions: [
          { type: 'Host', hostConfig: { values: ['api.example.com'] } },
          { type: 'Header', headerConfig: { key: 'x-canary', values: ['yes'] } },
        ],
        ruleActions: [forward(['sgp-api-v2', 80], ['sgp-api', 20])],
      },
      {
        ruleName: 'to-https',
        priority: 30,
        direction: 'Request',
        ruleConditions: [{ type: 'SourceIp', sourceIpConfig: { values: ['2001:db8::/32'] } }],
        ruleActions: [
          { order: 1, type: 'Redirect', redirectConfig: { httpCode: '301', protocol: 'HTTPS', port: '443' } },
        ],
      },
    ]);
  });

  it('names the rule, ticks each condition of every rule tried, and says what it does', async () => {
    const result = await runRules(fakeConnection(fake), [
      'test',
      'lsn-a',
      '--url',
      'http://API.example.com/v2/users?id=7',
      '--header',
      'X-Canary: yes',
      '--all',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Taken by rule api-canary (priority 20');
    expect(result.stdout).toMatch(/✗\s+10\s+static: ✗ Path \/static\/\* \(got \/v2\/users\)/);
    expect(result.stdout).toMatch(/✓\s+20\s+api-canary: ✓ Host api.example.com · ✓ Header x-canary yes/);
    expect(result.stdout).toContain('forward to 80% api-v2 (weight 80), 20% api-v1 (weight 20)');
  });

  it('without --all, rules none of whose conditions match are counted, near misses listed', async () => {
    const result = await runRules(fakeConnection(fake), [
      'test',
      'lsn-a',
      '--url',
      'http://api.example.com/v2/users',
      '--header',
      'x-canary:no',
    ]);
    expect(result.stdout).toContain('Taken by the default action');
    expect(result.stdout).not.toContain('static:');
    expect(result.stdout).toMatch(
      /✗\s+20\s+api-canary: ✓ Host api.example.com · ✗ Header x-canary yes \(got no\)/,
    );
    expect(result.stdout).toContain('✗ 2 more rules: no condition matched (--all lists each)');
  });

  it('explains in Chinese with the console words and full-width punctuation', async () => {
    const result = await runRules(
      fakeConnection(fake),
      ['test', 'lsn-a', '--url', 'http://api.example.com/v2/users', '--header', 'x-canary:no'],
      { lang: 'zh-CN' },
    );
    expect(result.stdout).toContain('请求：GET http://api.example.com:80/v2/users');
    expect(result.stdout).toContain('由默认动作处理');
    expect(result.stdout).toContain('✗ HTTP标头 x-canary yes（实际为 no）');
    expect(result.stdout).toContain('转发至 100% sgp-web');
  });

  it('fills in the redirect URL, and falls to the default action when nothing matches (--json)', async () => {
    const redirect = await runRules(fakeConnection(fake), [
      'test',
      'lsn-a',
      '--url',
      'http://shop.example.com/cart?x=1',
      '--source-ip',
      '2001:db8::7',
    ]);
    expect(redirect.stdout).toContain('redirect 301 → https://shop.example.com/cart?x=1');
    const none = JSON.parse(
      (await runRules(fakeConnection(fake), ['test', 'lsn-a', '--url', 'http://shop.example.com/', '--json']))
        .stdout,
    );
    expect(none.rule).toBeNull();
    expect(none.defaultAction).toBe(true);
    expect(none.tried).toHaveLength(3);
    expect(none.tried[1].conditions[1]).toMatchObject({
      type: 'Header',
      key: 'x-canary',
      matched: false,
      seen: [],
    });
    expect(none.effects[0].groups[0]).toMatchObject({ serverGroupId: 'sgp-web', percent: 100 });
  });

  it.each([
    [['--url', 'not a url'], 'is not a URL'],
    [[], '--url is required'],
    [['--url', 'http://a.example.com/', '--header', 'novalue'], 'NAME:VALUE'],
    [['--url', 'http://a.example.com/', '--cookie', 'novalue'], 'NAME=VALUE'],
    [['--url', 'http://a.example.com/', '--source-ip', '300.1.1.1'], 'not an IPv4 or IPv6'],
    [['--url', 'http://a.example.com/', '--method', 'FETCH'], 'use GET'],
    [['--url', 'http://a.example.com/', '--yes'], 'does not apply'],
  ])('bad input %j is a usage error', async (extra, message) => {
    const result = await runRules(fakeConnection(fake), ['test', 'lsn-a', ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

function yamlRules(count: number, firstPriority = 100): string {
  return Array.from(
    { length: count },
    (_, i) => `- ruleName: r-${i + 1}
  priority: ${firstPriority + i}
  ruleConditions:
    - type: Path
      pathConfig: { values: ["/p${i + 1}/*"] }
  ruleActions:
    - order: 1
      type: ForwardGroup
      forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: sgp-api }] }
`,
  ).join('');
}

describe('rules create', () => {
  it('23 rules go in calls of 10, 10 and 3, each with its own ClientToken, per-call results', async () => {
    const rulesFile = await file('rules.yaml', yamlRules(23));
    const result = await runRules(fakeConnection(fake), [
      'create',
      'lsn-a',
      '--file',
      rulesFile,
      '--yes',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(fake.calls.map((c) => c.ruleCount)).toEqual([10, 10, 3]);
    expect(new Set(fake.calls.map((c) => c.clientToken)).size).toBe(3);
    const printed = JSON.parse(result.stdout);
    expect(printed.batches.map((b: { status: string }) => b.status)).toEqual(['done', 'done', 'done']);
    expect(fake.rules).toHaveLength(23);
  });

  it('checks every rule before any call: a bad priority, a clash with an existing rule or across calls', async () => {
    fake.seed('lsn-a', [pathRule('holder', 105, '/h')]);
    const clash = await runRules(fakeConnection(fake), [
      'create',
      'lsn-a',
      '--file',
      await file('a.yaml', yamlRules(12)),
      '--yes',
    ]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('rule 6');
    expect(fake.calls).toHaveLength(0);
    const zero = await runRules(fakeConnection(fake), [
      'create',
      'lsn-a',
      '--file',
      await file('b.yaml', yamlRules(1, 0)),
      '--yes',
    ]);
    expect(zero.code).toBe(2);
    const dup = `${yamlRules(1, 500)}${yamlRules(11, 490)
      .split('- ruleName')
      .slice(1)
      .map((r) => `- ruleName${r}`)
      .join('')}`;
    const across = await runRules(fakeConnection(fake), [
      'create',
      'lsn-a',
      '--file',
      await file('c.yaml', dup),
      '--yes',
    ]);
    expect(across.code).toBe(2);
    expect(fake.calls).toHaveLength(0);
  });

  it('--dry-run only prechecks; a read-only connection and a silent terminal refuse before any call', async () => {
    const rulesFile = await file('r.json', JSON.stringify({ rules: [pathRule('one', 7, '/one')] }));
    const dry = await runRules(fakeConnection(fake), ['create', 'lsn-a', '--file', rulesFile, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Precheck passed');
    expect(fake.calls).toEqual([expect.objectContaining({ dryRun: true })]);
    expect(fake.rules).toHaveLength(0);
    const readOnly = await runRules(fakeConnection(fake, { readOnly: true }), [
      'create',
      'lsn-a',
      '--file',
      rulesFile,
      '--yes',
    ]);
    expect(readOnly).toMatchObject({ code: 1, errorCode: 'ReadOnlyConnection' });
    const silent = await runRules(fakeConnection(fake), ['create', 'lsn-a', '--file', rulesFile]);
    expect(silent.code).toBe(2);
    expect(fake.calls).toHaveLength(1);
  });

  it('asks first; a production connection types the count', async () => {
    const rulesFile = await file('r.yaml', yamlRules(2));
    const no = await runRules(fakeConnection(fake), ['create', 'lsn-a', '--file', rulesFile], {
      isTTY: true,
      stdin: 'n\n',
    });
    expect(no).toMatchObject({ code: 1, errorCode: 'NotConfirmed' });
    expect(no.stderr).toContain('r-1');
    const wrong = await runRules(
      fakeConnection(fake, { production: true }),
      ['create', 'lsn-a', '--file', rulesFile],
      {
        isTTY: true,
        stdin: 'y\n',
      },
    );
    expect(wrong.code).toBe(1);
    expect(fake.calls).toHaveLength(0);
    const typed = await runRules(
      fakeConnection(fake, { production: true }),
      ['create', 'lsn-a', '--file', rulesFile],
      {
        isTTY: true,
        stdin: '2\n',
      },
    );
    expect(typed.code).toBe(0);
    expect(fake.rules).toHaveLength(2);
  });

  it('a failed call stops the later ones; each call is reported', async () => {
    fake.failCall = { call: 2, error: refusal('QuotaExceeded.RulesNum', 'quota') };
    const result = await runRules(fakeConnection(fake), [
      'create',
      'lsn-a',
      '--file',
      await file('r.yaml', yamlRules(25)),
      '--yes',
      '--json',
    ]);
    expect(result).toMatchObject({ code: 1, errorCode: 'QuotaExceeded.RulesNum' });
    expect(JSON.parse(result.stdout).batches.map((b: { status: string }) => b.status)).toEqual([
      'done',
      'failed',
      'skipped',
    ]);
    expect(fake.rules).toHaveLength(10);
  });

  it('reads what rules get --json printed back as input', async () => {
    const [rule] = fake.seed('lsn-a', [pathRule('copied', 9, '/c')]);
    const printed = (await runRules(fakeConnection(fake), ['get', rule!.ruleId, '--json'])).stdout;
    const copy = await file('copy.json', printed);
    const result = await runRules(fakeConnection(fake), ['create', 'lsn-b', '--file', copy, '--yes']);
    expect(result.code).toBe(0);
    expect(fake.rules.find((r) => r.listenerId === 'lsn-b')).toMatchObject({
      ruleName: 'copied',
      priority: 9,
    });
  });

  it('a file that is not YAML, or holds no rules, is bad input', async () => {
    expect(
      (await runRules(fakeConnection(fake), ['create', 'lsn-a', '--file', await file('x', '{ a: [')])).code,
    ).toBe(2);
    expect(
      (await runRules(fakeConnection(fake), ['create', 'lsn-a', '--file', await file('y', 'a: 1')])).code,
    ).toBe(2);
    expect(
      (await runRules(fakeConnection(fake), ['create', 'lsn-a', '--file', path.join(dir, 'none')])).code,
    ).toBe(2);
  });
});

describe('rules update / delete', () => {
  it('update --set priority shows old → new, checks clashes, sends only the change', async () => {
    const [a] = fake.seed('lsn-a', [pathRule('a', 10, '/a'), pathRule('b', 20, '/b')]);
    const clash = await runRules(fakeConnection(fake), [
      'update',
      a!.ruleId,
      '--set',
      'priority=20',
      '--yes',
    ]);
    expect(clash.code).toBe(2);
    expect(fake.calls).toHaveLength(0);
    const result = await runRules(
      fakeConnection(fake),
      ['update', a!.ruleId, '--set', 'priority=15', '--set', 'name=a2'],
      {
        isTTY: true,
        stdin: 'y\n',
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Priority: 10 → 15');
    expect(fake.calls[0]?.update).toEqual({ ruleId: a!.ruleId, priority: 15, ruleName: 'a2' });
    expect(
      (await runRules(fakeConnection(fake), ['update', a!.ruleId, '--set', 'colour=red', '--yes'])).code,
    ).toBe(2);
  });

  it('delete batches ≤ 10 a call and one instance a call', async () => {
    const onA = fake.seed(
      'lsn-a',
      Array.from({ length: 12 }, (_, i) => pathRule(`a${i}`, i + 1, `/a${i}`)),
    );
    const onB = fake.seed('lsn-b', [pathRule('b', 1, '/b')]);
    const ids = [...onA, ...onB].map((r) => r.ruleId);
    const result = await runRules(fakeConnection(fake), ['delete', ...ids, '--yes', '--json']);
    expect(result.code).toBe(0);
    expect(fake.calls.map((c) => c.ruleCount)).toEqual([10, 2, 1]);
    expect(fake.rules).toHaveLength(0);
  });

  it('delete of an unknown rule changes nothing', async () => {
    const [a] = fake.seed('lsn-a', [pathRule('a', 10, '/a')]);
    const result = await runRules(fakeConnection(fake), ['delete', a!.ruleId, 'rule-ghost', '--yes']);
    expect(result).toMatchObject({ code: 1, errorCode: 'ResourceNotFound.Rule' });
    expect(result.stderr).toContain('rule-ghost');
    expect(fake.calls).toHaveLength(0);
  });
});
