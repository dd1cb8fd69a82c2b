import { describe, expect, it } from 'vitest';
import { exportRequest } from '../../source/domain/exporters.js';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { rulesToAliyunCli, rulesToTerraform, terraformName } from '../../source/domain/rule-exporters.js';
import type { RuleSpec } from '../../source/domain/rule-types.js';
import { ruleFromApi } from '../../source/domain/rule-wire.js';
import { unflatten } from '../../source/domain/wire.js';

const canary: RuleSpec = {
  ruleName: 'api canary 金丝雀',
  priority: 10,
  direction: 'Request',
  ruleConditions: [
    { type: 'Host', hostConfig: { values: ['api.example.com', '*.api.example.com'] } },
    { type: 'Cookie', cookieConfig: { values: [{ key: 'group', value: 'beta' }] } },
  ],
  ruleActions: [
    {
      order: 1,
      type: 'InsertHeader',
      insertHeaderConfig: { key: 'x-from', value: "it's ${host}", valueType: 'UserDefined' },
    },
    {
      order: 2,
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: [
          { serverGroupId: 'sgp-v2', weight: 80 },
          { serverGroupId: 'sgp-v1', weight: 20 },
        ],
        serverGroupStickySession: { enabled: true, timeout: 300 },
      },
    },
  ],
};

const maintenance: RuleSpec = {
  ruleName: 'maintenance',
  priority: 20,
  direction: 'Request',
  ruleConditions: [{ type: 'Path', pathConfig: { values: ['/admin/*'] } }],
  ruleActions: [
    { order: 1, type: 'TrafficLimit', trafficLimitConfig: { qps: 100 } },
    {
      order: 2,
      type: 'FixedResponse',
      fixedResponseConfig: { httpCode: '503', contentType: 'text/plain', content: 'back soon' },
    },
  ],
};

/** POSIX shell words of one command (backslash-newline joins lines; '…' and "…" quoting). */
function shellWords(text: string): string[] {
  const joined = text.replace(/\\\n/g, ' ');
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < joined.length; i += 1) {
    const c = joined[i]!;
    if (c === "'") {
      const end = joined.indexOf("'", i + 1);
      current += joined.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      const end = joined.indexOf('"', i + 1);
      current += joined.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '\\') {
      current += joined[i + 1] ?? '';
      i += 1;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

function parseCreateRules(command: string): { listenerId: string; rules: unknown } {
  const words = shellWords(command);
  const params: Record<string, string> = {};
  for (let i = 3; i < words.length; i += 1) {
    const word = words[i]!;
    if (word === '--force' || word === '--insecure') continue;
    params[word.replace(/^--/, '')] = words[i + 1]!;
    i += 1;
  }
  const { Rules, ListenerId } = unflatten(params) as { Rules: unknown; ListenerId: string };
  return { listenerId: ListenerId, rules: ruleFromApi(Rules) };
}

describe('aliyun CreateRules', () => {
  it('one command per 10 rules whose parameters read back as the rules', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      ...maintenance,
      ruleName: `r${i}`,
      priority: 100 + i,
    }));
    const rules = [canary, ...many];
    const text = rulesToAliyunCli(rules, { region: 'cn-hangzhou', listener: { id: 'lsn-123' } });
    const commands = text.trim().split(/\n(?=aliyun )/);
    expect(commands).toHaveLength(2);
    const first = parseCreateRules(commands[0]!);
    expect(first.listenerId).toBe('lsn-123');
    expect(first.rules).toEqual(rules.slice(0, 10));
    expect(parseCreateRules(commands[1]!).rules).toEqual(rules.slice(10));
    expect(commands[0]).toContain('--endpoint alb.cn-hangzhou.aliyuncs.com');
  });

  it('a local endpoint over HTTP adds --insecure; a shell expression for the listener is kept as written', () => {
    const text = rulesToAliyunCli([maintenance], {
      region: 'cn-hangzhou',
      endpoint: 'http://127.0.0.1:18081',
      listener: { expression: '"$LISTENER_ID"' },
    });
    expect(text).toContain('--insecure');
    expect(text).toContain('--ListenerId "$LISTENER_ID"');
    expect(rulesToAliyunCli([], { region: 'cn-hangzhou', listener: { id: 'lsn-1' } })).toBe('');
  });
});

/** Enough HCL to read back what the exporter writes: blocks, `k = v`, lists, maps of strings. */
function parseHcl(text: string): { type: string; name: string; body: Record<string, unknown> }[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const resources: { type: string; name: string; body: Record<string, unknown> }[] = [];
  const hclValue = (raw: string): unknown => JSON.parse(raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
  let i = 0;
  const body = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    while (i < lines.length) {
      const line = lines[i++]!;
      if (line === '}') return out;
      const block = /^([a-z_]+) \{$/.exec(line);
      const map = /^([a-z_]+) = \{$/.exec(line);
      if (block) {
        const list = (out[block[1]!] ??= []) as unknown[];
        list.push(body());
      } else if (map) out[map[1]!] = body();
      else {
        const [, key, value] = /^("?[^=]+?"?)\s*=\s*(.*)$/.exec(line)!;
        out[key!.startsWith('"') ? (JSON.parse(key!) as string) : key!] = hclValue(value!);
      }
    }
    return out;
  };
  while (i < lines.length) {
    const head = /^resource "([^"]+)" "([^"]+)" \{$/.exec(lines[i++]!)!;
    resources.push({ type: head[1]!, name: head[2]!, body: body() });
  }
  return resources;
}

const SINGLE_BLOCKS = new Set([
  'hostConfig',
  'pathConfig',
  'cookieConfig',
  'forwardGroupConfig',
  'serverGroupStickySession',
  'insertHeaderConfig',
  'fixedResponseConfig',
  'trafficLimitConfig',
]);
function camel(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => camel(v));
    return SINGLE_BLOCKS.has(key) ? items[0] : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const name = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      return [name, camel(v, name)];
    }),
  );
}

describe('Terraform alicloud_alb_rule', () => {
  it('blocks with the provider arguments that read back as the rules', () => {
    const text = rulesToTerraform([canary, maintenance], {
      region: 'cn-hangzhou',
      listener: { expression: 'alicloud_alb_listener.https_443.id' },
      resourcePrefix: 'https_443',
    });
    expect(text).toContain('listener_id = alicloud_alb_listener.https_443.id');
    expect(text).toContain('server_group_tuples {');
    expect(text).toContain('"it\'s $${host}"');
    const parsed = parseHcl(
      text.replace(/listener_id = alicloud_alb_listener\.https_443\.id/g, 'listener_id = "ref"'),
    );
    expect(parsed.map((r) => [r.type, r.name])).toEqual([
      ['alicloud_alb_rule', 'https_443_api_canary'],
      ['alicloud_alb_rule', 'https_443_maintenance'],
    ]);
    const back = parsed.map((r) => {
      const { listener_id: _listener, ...rest } = r.body;
      return camel(rest);
    });
    expect(back).toEqual([canary, maintenance]);
  });

  it('resource names: safe characters, never starting with a digit, unique', () => {
    expect(terraformName('9 lives')).toBe('rule_9_lives');
    const text = rulesToTerraform([maintenance, maintenance], { region: 'r', listener: { id: 'lsn-1' } });
    expect(text).toContain('resource "alicloud_alb_rule" "maintenance" {');
    expect(text).toContain('resource "alicloud_alb_rule" "maintenance_2" {');
    expect(text).toContain('listener_id = "lsn-1"');
  });
});

describe('a listener export carries its rules', () => {
  const request = {
    loadBalancerId: 'alb-1',
    listenerProtocol: 'HTTPS',
    listenerPort: 443,
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-web' }] } },
    ],
    certificates: [{ certificateId: '1001-cn-hangzhou' }],
  } as unknown as CreateListenerRequest;

  it('aliyun: CreateRules after CreateListener, on the listener it printed', () => {
    const text = exportRequest(request, 'aliyun', { region: 'cn-hangzhou', rules: [canary] });
    expect(text.indexOf('aliyun alb CreateListener')).toBeLessThan(text.indexOf('aliyun alb CreateRules'));
    expect(text).toContain('--ListenerId "$LISTENER_ID"');
    expect(exportRequest(request, 'aliyun', { region: 'cn-hangzhou' })).not.toContain('CreateRules');
  });

  it('terraform: alicloud_alb_rule blocks referring to the listener resource', () => {
    const text = exportRequest(request, 'terraform', { region: 'cn-hangzhou', rules: [maintenance] });
    expect(text).toContain('resource "alicloud_alb_listener" "https_443" {');
    expect(text).toContain('resource "alicloud_alb_rule" "https_443_maintenance" {');
    expect(text).toContain('listener_id = alicloud_alb_listener.https_443.id');
  });
});
