// The forwarding-rule checks at every edge (changes-and-rules.md, the API metadata), in both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleAction, RuleCondition, RuleSpec } from '../../source/domain/rule-types.js';
import {
  firstRuleError,
  ruleIssueParameter,
  ruleIssueText,
  validateRule,
  validateRuleUpdates,
  validateRules,
  type RuleContext,
  type RuleIssue,
} from '../../source/domain/rule-validation.js';
import { SG_GRPC, SG_HTTP, SG_HTTPS, SG_OTHER_VPC } from './fixtures.js';

const forward = (order = 10, ...groups: string[]): RuleAction => ({
  order,
  type: 'ForwardGroup',
  forwardGroupConfig: {
    serverGroupTuples: (groups.length ? groups : ['sgp-http']).map((serverGroupId) => ({
      serverGroupId,
      ...(groups.length > 1 ? { weight: 50 } : {}),
    })),
  },
});
const host = (...values: string[]): RuleCondition => ({ type: 'Host', hostConfig: { values } });
const path = (...values: string[]): RuleCondition => ({ type: 'Path', pathConfig: { values } });

function rule(overrides: Partial<RuleSpec> = {}): RuleSpec {
  return {
    ruleName: 'api-v2',
    priority: 10,
    direction: 'Request',
    ruleConditions: [host('api.example.com')],
    ruleActions: [forward()],
    ...overrides,
  };
}

const context: RuleContext = {
  edition: 'Standard',
  listener: { listenerId: 'lsn-1', protocol: 'HTTPS', http2Enabled: true },
  vpcId: 'vpc-a',
  existingRules: [{ ruleId: 'rule-holder', ruleName: '旧规则', priority: 7 }],
  serverGroups: [SG_HTTP, SG_HTTPS, SG_GRPC, SG_OTHER_VPC],
};

function codes(issues: readonly RuleIssue[]): string[] {
  return issues.map((i) => `${i.path} ${i.code}`);
}
function only(spec: unknown, ctx: RuleContext = context): RuleIssue[] {
  return validateRule(spec, ctx, 0);
}

describe('a valid rule', () => {
  it('has no issues; nor the demo-like rules of every kind', () => {
    expect(validateRules([rule()], context)).toEqual([]);
    const all = rule({
      ruleName: '灰度发布-canary',
      ruleConditions: [
        host('*.example.com'),
        path('/v2/*'),
        { type: 'Header', headerConfig: { key: 'X-Canary', values: ['on'] } },
        { type: 'QueryString', queryStringConfig: { values: [{ key: 'ver', value: 'v2' }] } },
        { type: 'Method', methodConfig: { values: ['GET', 'POST'] } },
        { type: 'Cookie', cookieConfig: { values: [{ key: 'beta', value: '1' }] } },
        { type: 'SourceIp', sourceIpConfig: { values: ['10.0.0.0/8', '2001:db8::/32'] } },
      ],
      ruleActions: [
        {
          order: 1,
          type: 'InsertHeader',
          insertHeaderConfig: { key: 'x-env', value: 'canary', valueType: 'UserDefined' },
        },
        { order: 2, type: 'Rewrite', rewriteConfig: { path: '/api/${path}' } },
        { order: 3, type: 'TrafficLimit', trafficLimitConfig: { qps: 1000, perIpQps: 999 } },
        {
          order: 4,
          type: 'ForwardGroup',
          forwardGroupConfig: {
            serverGroupTuples: [
              { serverGroupId: 'sgp-http', weight: 80 },
              { serverGroupId: 'sgp-http2', weight: 20 },
            ],
            serverGroupStickySession: { enabled: true, timeout: 86400 },
          },
        },
      ],
    });
    const groups = [...context.serverGroups!, { ...SG_HTTP, serverGroupId: 'sgp-http2' }];
    expect(validateRules([all], { ...context, serverGroups: groups })).toEqual([]);
  });
});

describe('priorities', () => {
  it.each([
    [0, false],
    [1, true],
    [10000, true],
    [10001, false],
    [1.5, false],
  ])('priority %s → ok %s', (priority, ok) => {
    const issues = only(rule({ priority }));
    expect(issues.length === 0).toBe(ok);
    if (!ok) expect(codes(issues)).toEqual(['priority InvalidParameter']);
  });

  it('a clash with a rule of the listener names the rule that holds it, in both languages', () => {
    const issues = validateRules([rule({ priority: 7 })], context);
    expect(codes(issues)).toEqual(['priority Conflict.Priority']);
    expect(issues[0]!.message.en).toBe('Priority 7 is already held by rule “旧规则” (rule-holder)');
    expect(issues[0]!.message['zh-CN']).toBe('优先级 7 已被转发规则「旧规则」（rule-holder）占用');
  });

  it('two rules of one call with the same priority: the second is refused', () => {
    const issues = validateRules([rule(), rule({ ruleName: 'other' })], context);
    expect(issues.map((i) => [i.ruleIndex, i.code])).toEqual([[1, 'Conflict.Priority']]);
    expect(issues[0]!.message['zh-CN']).toContain('第 1 条');
  });
});

describe('rules per call', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => rule({ priority: 100 + i }));
  it('10 pass, 11 are refused as a whole, 0 is missing', () => {
    expect(validateRules(many(10), context)).toEqual([]);
    const eleven = validateRules(many(11), context);
    expect(eleven.map((i) => [i.ruleIndex, i.code])).toEqual([[undefined, 'InvalidParameter']]);
    expect(eleven[0]!.message.en).toContain('At most 10 rules a call (now 11)');
    expect(eleven[0]!.message['zh-CN']).toContain('每次调用最多 10 条转发规则（当前 11 条）');
    expect(codes(validateRules([], context))).toEqual([' MissingParameter']);
  });
});

describe('the rule name', () => {
  it.each([
    ['ab', true],
    ['a', false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['维护页面', true],
    ['1abc', false],
    ['-abc', false],
    ['a b', false],
    ['a.b_c-d', true],
  ])('%j → ok %s', (ruleName, ok) => {
    expect(only(rule({ ruleName })).length === 0).toBe(ok);
  });
  it('says what is allowed in both languages', () => {
    const [issue] = only(rule({ ruleName: 'a b' }));
    expect(issue!.message.en).toBe(
      'Rule name may contain Chinese characters, letters, digits, . _ and - only (space is not allowed)',
    );
    expect(issue!.message['zh-CN']).toBe('转发规则名称只能包含中文、字母、数字、. _ 和 -（不允许 空格）');
  });
});

describe('conditions', () => {
  it.each([
    ['example.com', true],
    ['*.example.com', true],
    ['api-?.example.com', true],
    ['ab', false],
    ['localhost', false],
    ['.example.com', false],
    ['example.com1', false],
    ['-a.example.com', false],
    ['API.example.com', false],
    [`${'a'.repeat(120)}.example`, true],
    [`${'a'.repeat(121)}.example`, false],
  ])('host %j → ok %s', (value, ok) => {
    expect(only(rule({ ruleConditions: [host(value)] })).length === 0).toBe(ok);
  });

  it.each([
    ['/', true],
    ['/v2/*', true],
    ['/a?c', true],
    ['v2', false],
    ['/a b', false],
    ['/a#b', false],
    ['/' + 'a'.repeat(127), true],
    ['/' + 'a'.repeat(128), false],
  ])('path %j → ok %s', (value, ok) => {
    expect(only(rule({ ruleConditions: [path(value)] })).length === 0).toBe(ok);
  });

  it('10 values in a condition pass, 11 do not; an empty list is missing; repeats are refused', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `/p${i}`);
    expect(only(rule({ ruleConditions: [path(...values(10))] }))).toEqual([]);
    expect(codes(only(rule({ ruleConditions: [path(...values(11))] })))).toEqual([
      'ruleConditions[0].pathConfig.values InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleConditions: [path()] })))).toEqual([
      'ruleConditions[0].pathConfig.values MissingParameter',
    ]);
    expect(codes(only(rule({ ruleConditions: [path('/a', '/a')] })))).toEqual([
      'ruleConditions[0].pathConfig.values[1] InvalidParameter',
    ]);
  });

  it('header keys: 1–40 of letters, digits, - _; not Host or Cookie; values printable without outer blanks', () => {
    const header = (key: string, ...values: string[]): RuleCondition => ({
      type: 'Header',
      headerConfig: { key, values },
    });
    expect(only(rule({ ruleConditions: [header('a'.repeat(40), 'x')] }))).toEqual([]);
    expect(codes(only(rule({ ruleConditions: [header('a'.repeat(41), 'x')] })))).toEqual([
      'ruleConditions[0].headerConfig.key InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleConditions: [header('Cookie', 'x')] })))).toEqual([
      'ruleConditions[0].headerConfig.key InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleConditions: [header('x', ' padded')] })))).toEqual([
      'ruleConditions[0].headerConfig.values[0] InvalidParameter',
    ]);
  });

  it('query and cookie pairs: lower case, no forbidden characters; cookie values up to 128', () => {
    const query = (key: string, value: string): RuleCondition => ({
      type: 'QueryString',
      queryStringConfig: { values: [{ key, value }] },
    });
    expect(codes(only(rule({ ruleConditions: [query('Ver', 'v2')] })))).toEqual([
      'ruleConditions[0].queryStringConfig.values[0].key InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleConditions: [query('ver', 'a&b')] })))).toEqual([
      'ruleConditions[0].queryStringConfig.values[0].value InvalidParameter',
    ]);
    const cookie = (value: string): RuleCondition => ({
      type: 'Cookie',
      cookieConfig: { values: [{ key: 'k', value }] },
    });
    expect(only(rule({ ruleConditions: [cookie('v'.repeat(128))] }))).toEqual([]);
    expect(codes(only(rule({ ruleConditions: [cookie('a;b')] })))).toEqual([
      'ruleConditions[0].cookieConfig.values[0].value InvalidParameter',
    ]);
  });

  it('methods from the list; source IPs as addresses or CIDR, at most 5 a rule', () => {
    const method = (...values: string[]): RuleCondition => ({ type: 'Method', methodConfig: { values } });
    expect(codes(only(rule({ ruleConditions: [method('GET', 'FETCH')] })))).toEqual([
      'ruleConditions[0].methodConfig.values[1] InvalidParameter',
    ]);
    const ip = (...values: string[]): RuleCondition => ({ type: 'SourceIp', sourceIpConfig: { values } });
    expect(
      only(rule({ ruleConditions: [ip('1.2.3.4', '10.0.0.0/8', '::1', 'fe80::/10', '::ffff:1.2.3.4')] })),
    ).toEqual([]);
    for (const bad of ['256.0.0.1', '10.0.0.0/33', '1.2.3', 'fe80::/129', '1::2::3', 'example'])
      expect(codes(only(rule({ ruleConditions: [ip(bad)] }))), bad).toEqual([
        'ruleConditions[0].sourceIpConfig.values[0] InvalidParameter',
      ]);
    expect(
      codes(
        only(
          rule({
            ruleConditions: [ip('1.1.1.1', '2.2.2.2', '3.3.3.3'), ip('4.4.4.4', '5.5.5.5', '6.6.6.6')],
          }),
        ),
      ),
    ).toEqual(['ruleConditions InvalidParameter']);
  });

  it('direction: Response rules take response conditions only, Request rules the others', () => {
    const response = rule({
      direction: 'Response',
      ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['503'] } }],
      ruleActions: [
        {
          order: 1,
          type: 'InsertHeader',
          insertHeaderConfig: { key: 'x-retry', value: '1', valueType: 'UserDefined' },
        },
      ],
    });
    expect(only(response)).toEqual([]);
    expect(codes(only({ ...response, ruleConditions: [host('a.example.com')] }))).toEqual([
      'ruleConditions[0].type InvalidParameter',
    ]);
    expect(codes(only({ ...response, ruleActions: [forward()] }))).toEqual([
      'ruleActions[0].type InvalidParameter',
    ]);
    expect(
      codes(
        only(
          rule({
            ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['200'] } }],
          }),
        ),
      ),
    ).toEqual(['ruleConditions[0].type InvalidParameter']);
    expect(
      codes(
        only({
          ...response,
          ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['600'] } }],
        }),
      ),
    ).toEqual(['ruleConditions[0].responseStatusCodeConfig.values[0] InvalidParameter']);
    const basic = only(response, { ...context, edition: 'Basic' });
    expect(codes(basic)).toEqual(['direction InvalidParameter']);
    expect(basic[0]!.message['zh-CN']).toContain('基础版');
  });
});

describe('edition quotas', () => {
  const conditions = (n: number) => Array.from({ length: n }, (_, i) => path(`/p${i}`));
  const actions = (n: number): RuleAction[] => [
    ...Array.from({ length: n - 1 }, (_, i): RuleAction => ({
      order: i + 1,
      type: 'InsertHeader',
      insertHeaderConfig: { key: `x-h${i}`, value: 'v', valueType: 'UserDefined' },
    })),
    forward(100),
  ];
  const wildcards = (n: number) => [path('/' + '*'.repeat(n))];
  it.each([
    ['Basic', 5, 3, 5],
    ['Standard', 10, 5, 10],
    ['StandardWithWaf', 10, 5, 10],
  ] as const)('%s: %i conditions, %i actions, %i wildcards, one more refused', (edition, c, a, w) => {
    const ctx = { ...context, edition };
    expect(only(rule({ ruleConditions: conditions(c) }), ctx)).toEqual([]);
    expect(codes(only(rule({ ruleConditions: conditions(c + 1) }), ctx))).toEqual([
      'ruleConditions QuotaExceeded.RuleMatchEvaluationsNum',
    ]);
    expect(only(rule({ ruleActions: actions(a) }), ctx)).toEqual([]);
    expect(codes(only(rule({ ruleActions: actions(a + 1) }), ctx))).toEqual([
      'ruleActions QuotaExceeded.RuleActionsNum',
    ]);
    expect(only(rule({ ruleConditions: wildcards(w) }), ctx)).toEqual([]);
    const over = only(rule({ ruleConditions: wildcards(w + 1) }), ctx);
    expect(codes(over)).toEqual(['ruleConditions QuotaExceeded.RuleWildcardsNum']);
    expect(over[0]!.message.en).toContain(`at most ${w} wildcards`);
    expect(over[0]!.message['zh-CN']).toContain(`最多 ${w} 个通配符`);
  });
});

describe('actions', () => {
  it('order 1–50000, unique', () => {
    expect(only(rule({ ruleActions: [forward(1)] }))).toEqual([]);
    expect(only(rule({ ruleActions: [forward(50000)] }))).toEqual([]);
    expect(codes(only(rule({ ruleActions: [forward(0)] })))).toEqual([
      'ruleActions[0].order InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleActions: [forward(50001)] })))).toEqual([
      'ruleActions[0].order InvalidParameter',
    ]);
    const twice = rule({
      ruleActions: [{ order: 5, type: 'RemoveHeader', removeHeaderConfig: { key: 'x-a' } }, forward(5)],
    });
    expect(codes(only(twice))).toContain('ruleActions[1].order InvalidParameter');
  });

  it('exactly one final action, and it last', () => {
    const insert: RuleAction = { order: 20, type: 'RemoveHeader', removeHeaderConfig: { key: 'x-a' } };
    const none = only(rule({ ruleActions: [insert] }));
    expect(codes(none)).toEqual(['ruleActions InvalidParameter']);
    expect(none[0]!.message['zh-CN']).toContain('终结动作');
    const fixed: RuleAction = { order: 30, type: 'FixedResponse', fixedResponseConfig: { httpCode: '503' } };
    expect(codes(only(rule({ ruleActions: [forward(10), fixed] })))).toEqual([
      'ruleActions[1].type InvalidParameter',
    ]);
    const notLast = only(rule({ ruleActions: [forward(10), insert] }));
    expect(codes(notLast)).toEqual(['ruleActions[0].order InvalidParameter']);
    expect(notLast[0]!.message.en).toContain('must come last');
  });

  it('a Rewrite needs a ForwardGroup', () => {
    const issues = only(
      rule({
        ruleActions: [
          { order: 1, type: 'Rewrite', rewriteConfig: { path: '/x' } },
          { order: 2, type: 'FixedResponse', fixedResponseConfig: { httpCode: '200' } },
        ],
      }),
    );
    expect(codes(issues)).toEqual(['ruleActions[0] OperationDenied.RewriteMissingForwardGroup']);
    expect(issues[0]!.message['zh-CN']).toBe('重写动作须与转发至服务器组动作同时配置');
  });

  it('ForwardGroup: at most 5 groups, weights 0–100 and required beyond one group, sticky 1–86400', () => {
    const groups = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...SG_HTTP, serverGroupId: `sgp-${i}` }));
    const ctx = { ...context, serverGroups: groups(6) };
    const tuples = (n: number, weight: number | null = 20) =>
      Array.from({ length: n }, (_, i) => ({
        serverGroupId: `sgp-${i}`,
        ...(weight === null ? {} : { weight }),
      }));
    const fg = (
      serverGroupTuples: { serverGroupId: string; weight?: number }[],
      timeout?: number,
    ): RuleAction => ({
      order: 1,
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples,
        ...(timeout === undefined ? {} : { serverGroupStickySession: { enabled: true, timeout } }),
      },
    });
    expect(only(rule({ ruleActions: [fg(tuples(5))] }), ctx)).toEqual([]);
    expect(codes(only(rule({ ruleActions: [fg(tuples(6))] }), ctx))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples InvalidParameter',
    ]);
    expect(only(rule({ ruleActions: [fg(tuples(2, 0))] }), ctx)).toEqual([]);
    expect(codes(only(rule({ ruleActions: [fg(tuples(2, 101))] }), ctx))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples[0].weight InvalidParameter',
      'ruleActions[0].forwardGroupConfig.serverGroupTuples[1].weight InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleActions: [fg(tuples(2, null))] }), ctx))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples MissingParameter',
    ]);
    expect(only(rule({ ruleActions: [fg(tuples(1, null))] }), ctx)).toEqual([]);
    expect(only(rule({ ruleActions: [fg(tuples(1), 1)] }), ctx)).toEqual([]);
    expect(only(rule({ ruleActions: [fg(tuples(1), 86400)] }), ctx)).toEqual([]);
    expect(codes(only(rule({ ruleActions: [fg(tuples(1), 0)] }), ctx))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupStickySession.timeout InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleActions: [fg(tuples(1), 86401)] }), ctx))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupStickySession.timeout InvalidParameter',
    ]);
  });

  it('server groups are checked as for listeners: known, same VPC, protocol, gRPC needs HTTP/2', () => {
    const to = (id: string) => rule({ ruleActions: [forward(1, id)] });
    expect(codes(only(to('sgp-none')))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples[0].serverGroupId ResourceNotFound.ServerGroup',
    ]);
    expect(only(to('sgp-none'))[0]!.httpStatus).toBe(404);
    const far = only(to('sgp-far'));
    expect(codes(far)).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples[0].serverGroupId Mismatch.VpcId',
    ]);
    expect(far[0]!.message['zh-CN']).toContain('服务器组 sgp-far 位于 vpc-b');
    const onHttp = { ...context, listener: { protocol: 'HTTP' as const } };
    expect(codes(only(to('sgp-https'), onHttp))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples[0].serverGroupId Mismatch.Protocol',
    ]);
    const noH2 = { ...context, listener: { protocol: 'HTTPS' as const, http2Enabled: false } };
    expect(codes(only(to('sgp-grpc'), noH2))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples[0].serverGroupId OperationDenied.GRPCServerGroup',
    ]);
    const mixed = rule({ ruleActions: [forward(1, 'sgp-http', 'sgp-https')] });
    expect(codes(only(mixed))).toEqual([
      'ruleActions[0].forwardGroupConfig.serverGroupTuples OperationDenied.ProtocolMustSameForForwardGroupAction',
    ]);
  });

  it('Redirect: codes 301/302/303/307/308, not all defaults, HTTPS listeners redirect to HTTPS only', () => {
    const redirect = (redirectConfig: Record<string, string>): RuleAction => ({
      order: 1,
      type: 'Redirect',
      redirectConfig,
    });
    for (const httpCode of ['301', '302', '303', '307', '308'])
      expect(only(rule({ ruleActions: [redirect({ httpCode, protocol: 'HTTPS' })] }))).toEqual([]);
    expect(codes(only(rule({ ruleActions: [redirect({ httpCode: '304', protocol: 'HTTPS' })] })))).toEqual([
      'ruleActions[0].redirectConfig.httpCode InvalidParameter',
    ]);
    const loop = only(rule({ ruleActions: [redirect({ httpCode: '301', host: '${host}' })] }));
    expect(codes(loop)).toEqual(['ruleActions[0].redirectConfig InvalidParameter']);
    expect(loop[0]!.message.en).toContain('would loop');
    expect(codes(only(rule({ ruleActions: [redirect({ protocol: 'HTTP' })] })))).toEqual([
      'ruleActions[0].redirectConfig.protocol InvalidParameter',
    ]);
    const onHttp = { ...context, listener: { protocol: 'HTTP' as const } };
    expect(only(rule({ ruleActions: [redirect({ protocol: 'HTTPS', port: '443' })] }), onHttp)).toEqual([]);
    expect(codes(only(rule({ ruleActions: [redirect({ port: '0' })] })))).toEqual([
      'ruleActions[0].redirectConfig.port InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleActions: [redirect({ port: '65536' })] })))).toEqual([
      'ruleActions[0].redirectConfig.port InvalidParameter',
    ]);
    expect(
      only(rule({ ruleActions: [redirect({ path: '/new/${path}', query: '${query}&from=old' })] })),
    ).toEqual([
      expect.objectContaining({ path: 'ruleActions[0].redirectConfig.query', code: 'InvalidParameter' }),
    ]);
    expect(only(rule({ ruleActions: [redirect({ path: '/new/${path}', query: 'from=old' })] }))).toEqual([]);
    expect(codes(only(rule({ ruleActions: [redirect({ path: '/${path}/${path}' })] })))).toEqual([
      'ruleActions[0].redirectConfig.path InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleActions: [redirect({ host: 'www.${host}' })] })))).toEqual([
      'ruleActions[0].redirectConfig.host InvalidParameter',
    ]);
  });

  it('FixedResponse: 2xx/4xx/5xx, body at most 1 KB of ASCII, content type from the list', () => {
    const fixed = (httpCode: string, content?: string, contentType?: string): RuleAction => ({
      order: 1,
      type: 'FixedResponse',
      fixedResponseConfig: {
        httpCode,
        ...(content === undefined ? {} : { content }),
        ...(contentType ? { contentType } : {}),
      },
    });
    for (const code of ['200', '404', '503']) expect(only(rule({ ruleActions: [fixed(code)] }))).toEqual([]);
    for (const code of ['302', '600', '20'])
      expect(codes(only(rule({ ruleActions: [fixed(code)] })))).toEqual([
        'ruleActions[0].fixedResponseConfig.httpCode InvalidParameter',
      ]);
    expect(only(rule({ ruleActions: [fixed('503', 'x'.repeat(1024), 'text/html')] }))).toEqual([]);
    const big = only(rule({ ruleActions: [fixed('503', 'x'.repeat(1025))] }));
    expect(codes(big)).toEqual(['ruleActions[0].fixedResponseConfig.content InvalidParameter']);
    expect(big[0]!.message['zh-CN']).toBe('固定响应内容最多 1024 字节（当前 1025 字节）');
    expect(codes(only(rule({ ruleActions: [fixed('503', '维护中')] })))).toEqual([
      'ruleActions[0].fixedResponseConfig.content InvalidParameter',
    ]);
    expect(codes(only(rule({ ruleActions: [fixed('503', 'x', 'text/xml')] })))).toEqual([
      'ruleActions[0].fixedResponseConfig.contentType InvalidParameter',
    ]);
  });

  it('InsertHeader: name 1–40 of a–z 0–9 _ -, reserved names refused, unique; values by type', () => {
    const insert = (
      key: string,
      value = 'v',
      valueType: 'UserDefined' | 'ReferenceHeader' | 'SystemDefined' = 'UserDefined',
      order = 1,
    ): RuleAction => ({
      order,
      type: 'InsertHeader',
      insertHeaderConfig: { key, value, valueType },
    });
    const with1 = (...actions: RuleAction[]) => only(rule({ ruleActions: [...actions, forward(99)] }));
    expect(with1(insert('a'.repeat(40)))).toEqual([]);
    expect(codes(with1(insert('a'.repeat(41))))).toEqual([
      'ruleActions[0].insertHeaderConfig.key InvalidParameter',
    ]);
    expect(codes(with1(insert('')))).toEqual(['ruleActions[0].insertHeaderConfig.key InvalidParameter']);
    const reserved = with1(insert('X-Forwarded-For'));
    expect(codes(reserved)).toEqual(['ruleActions[0].insertHeaderConfig.key InvalidParameter']);
    expect(reserved[0]!.message['zh-CN']).toContain('保留字段');
    expect(codes(with1(insert('x-a', 'v', 'UserDefined', 1), insert('X-A', 'w', 'UserDefined', 2)))).toEqual([
      'ruleActions[1] InvalidParameter',
    ]);
    expect(with1(insert('x-ip', 'ClientSrcIp', 'SystemDefined'))).toEqual([]);
    expect(codes(with1(insert('x-ip', 'ClientIp', 'SystemDefined')))).toEqual([
      'ruleActions[0].insertHeaderConfig.value InvalidParameter',
    ]);
    expect(codes(with1(insert('x-ref', 'User-Agent', 'ReferenceHeader')))).toEqual([
      'ruleActions[0].insertHeaderConfig.value InvalidParameter',
    ]);
  });

  it('TrafficLimit: 1–1,000,000, per-IP below QPS', () => {
    const limit = (config: { qps?: number; perIpQps?: number }): RuleAction => ({
      order: 1,
      type: 'TrafficLimit',
      trafficLimitConfig: config,
    });
    const with1 = (a: RuleAction) => only(rule({ ruleActions: [a, forward(99)] }));
    expect(with1(limit({ qps: 1 }))).toEqual([]);
    expect(with1(limit({ qps: 1_000_000, perIpQps: 999_999 }))).toEqual([]);
    expect(codes(with1(limit({ qps: 0 })))).toEqual([
      'ruleActions[0].trafficLimitConfig.qps InvalidParameter',
    ]);
    expect(codes(with1(limit({ qps: 1_000_001 })))).toEqual([
      'ruleActions[0].trafficLimitConfig.qps InvalidParameter',
    ]);
    const equal = with1(limit({ qps: 100, perIpQps: 100 }));
    expect(codes(equal)).toEqual(['ruleActions[0].trafficLimitConfig.perIpQps InvalidParameter']);
    expect(equal[0]!.message['zh-CN']).toBe('单 IP QPS（100）须小于 QPS（100）');
    expect(codes(with1(limit({})))).toEqual(['ruleActions[0].trafficLimitConfig MissingParameter']);
  });

  it('TrafficMirror: HTTP groups only, not the forwarded one; Cors origins and headers', () => {
    const mirror = (id: string): RuleAction => ({
      order: 1,
      type: 'TrafficMirror',
      trafficMirrorConfig: {
        targetType: 'ForwardGroupMirror',
        mirrorGroupConfig: { serverGroupTuples: [{ serverGroupId: id }] },
      },
    });
    const with1 = (a: RuleAction, to = 'sgp-http') => only(rule({ ruleActions: [a, forward(99, to)] }));
    expect(with1(mirror('sgp-http'), 'sgp-https')).toEqual([]);
    expect(codes(with1(mirror('sgp-http')))).toEqual([
      'ruleActions[0].trafficMirrorConfig OperationDenied.SameGroupForForwardAndMirrorAction',
    ]);
    expect(codes(with1(mirror('sgp-https')))).toEqual([
      'ruleActions[0].trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples[0].serverGroupId OperationDenied.MirrorActionSupportHttpGroupOnly',
    ]);
    const cors = (allowOrigin: string[], allowHeaders?: string[]): RuleAction => ({
      order: 1,
      type: 'Cors',
      corsConfig: { allowOrigin, ...(allowHeaders ? { allowHeaders } : {}), maxAge: 172800 },
    });
    expect(with1(cors(['*']))).toEqual([]);
    expect(with1(cors(['https://*.example.com:8443', 'http://a.example.com'], ['X-Token']))).toEqual([]);
    expect(codes(with1(cors(['example.com'])))).toEqual([
      'ruleActions[0].corsConfig.allowOrigin[0] InvalidParameter',
    ]);
    expect(codes(with1(cors(['*'], ['-x'])))).toEqual([
      'ruleActions[0].corsConfig.allowHeaders[0] InvalidParameter',
    ]);
  });
});

describe('updates', () => {
  const existing = [
    {
      ruleId: 'rule-a',
      ruleName: 'a-rule',
      priority: 1,
      listenerId: 'lsn-1',
      loadBalancerId: 'alb-1',
      ruleStatus: 'Available' as const,
      direction: 'Request' as const,
      ruleConditions: [path('/a')],
      ruleActions: [forward()],
    },
    {
      ruleId: 'rule-b',
      ruleName: 'b-rule',
      priority: 2,
      listenerId: 'lsn-1',
      loadBalancerId: 'alb-1',
      ruleStatus: 'Available' as const,
      direction: 'Request' as const,
      ruleConditions: [path('/b')],
      ruleActions: [forward()],
    },
    {
      ruleId: 'rule-c',
      ruleName: 'c-rule',
      priority: 3,
      listenerId: 'lsn-2',
      loadBalancerId: 'alb-1',
      ruleStatus: 'Configuring' as const,
      direction: 'Request' as const,
      ruleConditions: [path('/c')],
      ruleActions: [forward()],
    },
  ];
  const ctx = { ...context, existingRules: existing };
  it('swapping two priorities in one call is no clash; moving onto a third rule is', () => {
    expect(
      validateRuleUpdates(
        [
          { ruleId: 'rule-a', priority: 2 },
          { ruleId: 'rule-b', priority: 1 },
        ],
        ctx,
      ),
    ).toEqual([]);
    const clash = validateRuleUpdates([{ ruleId: 'rule-a', priority: 2 }], ctx);
    expect(codes(clash)).toEqual(['priority Conflict.Priority']);
    expect(clash[0]!.message.en).toContain('“b-rule” (rule-b)');
  });
  it('unknown, busy and cross-listener rules are refused with the API codes', () => {
    expect(codes(validateRuleUpdates([{ ruleId: 'rule-x', ruleName: 'xx' }], ctx))).toEqual([
      'ruleId ResourceNotFound.Rule',
    ]);
    expect(codes(validateRuleUpdates([{ ruleId: 'rule-c', ruleName: 'cc' }], ctx))).toEqual([
      'ruleId IncorrectStatus.Rule',
    ]);
    expect(
      codes(
        validateRuleUpdates(
          [
            { ruleId: 'rule-a', ruleName: 'aa' },
            { ruleId: 'rule-c', ruleName: 'cc' },
          ],
          ctx,
        ),
      ),
    ).toContain('ruleId OperationDenied.ListenerIdInconsistent');
  });
  it('the rule as it would be after the update is checked whole', () => {
    expect(codes(validateRuleUpdates([{ ruleId: 'rule-a', ruleActions: [] }], ctx))).toEqual([
      'ruleActions MissingParameter',
    ]);
    expect(codes(validateRuleUpdates([{ ruleId: 'rule-a', ruleConditions: [path('x')] }], ctx))).toEqual([
      'ruleConditions[0].pathConfig.values[0] InvalidParameter',
    ]);
  });
});

describe('reporting', () => {
  it('names the wire parameter, single or batch', () => {
    const issue = { ruleIndex: 1, path: 'ruleConditions[1].hostConfig.values[0]' };
    expect(ruleIssueParameter(issue, true)).toBe('Rules.2.RuleConditions.2.HostConfig.Values.1');
    expect(ruleIssueParameter(issue, false)).toBe('RuleConditions.2.HostConfig.Values.1');
    expect(ruleIssueParameter({ ruleIndex: 0, path: 'ruleActions[0].trafficLimitConfig.qps' }, false)).toBe(
      'RuleActions.1.TrafficLimitConfig.QPS',
    );
  });
  it('the first error is the one the API answers: missing before invalid before the rest', () => {
    const issues = validateRules([rule({ priority: 7, ruleName: 'x', ruleActions: [] })], context);
    expect(firstRuleError(issues)!.code).toBe('MissingParameter');
    expect(ruleIssueText(firstRuleError(issues)!, 'zh-CN')).toBe('第 1 条 ruleActions: 请填写转发动作');
    expect(ruleIssueText(firstRuleError(issues)!, 'en')).toBe('rule 1 ruleActions: Actions is required');
  });
});

describe('never throws', () => {
  it('random input → issues or none, no exception', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        const issues = validateRules(input, context);
        expect(Array.isArray(issues)).toBe(true);
        validateRuleUpdates(input, { ...context, existingRules: [] });
      }),
      { numRuns: 300 },
    );
  });
  it('random rule-shaped input with wrong leaves → issues, no exception', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.double(),
      fc.boolean(),
      fc.array(fc.string()),
    );
    const condition = fc.record({
      type: fc.oneof(
        fc.constantFrom(
          'Host',
          'Path',
          'Header',
          'QueryString',
          'Method',
          'Cookie',
          'SourceIp',
          'ResponseHeader',
          'ResponseStatusCode',
        ),
        leaf,
      ),
      hostConfig: fc.record({ values: fc.oneof(fc.array(leaf), leaf) }),
      pathConfig: fc.record({ values: fc.oneof(fc.array(leaf), leaf) }),
      headerConfig: fc.record({ key: leaf, values: fc.array(leaf) }),
      queryStringConfig: fc.record({
        values: fc.array(fc.oneof(fc.record({ key: leaf, value: leaf }), leaf)),
      }),
      cookieConfig: fc.record({ values: fc.array(fc.oneof(fc.record({ key: leaf, value: leaf }), leaf)) }),
    });
    const action = fc.record({
      order: leaf,
      type: fc.oneof(
        fc.constantFrom(
          'ForwardGroup',
          'Redirect',
          'FixedResponse',
          'Rewrite',
          'InsertHeader',
          'RemoveHeader',
          'TrafficLimit',
          'TrafficMirror',
          'Cors',
        ),
        leaf,
      ),
      forwardGroupConfig: fc.record({
        serverGroupTuples: fc.oneof(fc.array(fc.record({ serverGroupId: leaf, weight: leaf })), leaf),
        serverGroupStickySession: fc.oneof(fc.record({ enabled: leaf, timeout: leaf }), leaf),
      }),
      redirectConfig: fc.record({
        host: leaf,
        path: leaf,
        port: leaf,
        protocol: leaf,
        query: leaf,
        httpCode: leaf,
      }),
      rewriteConfig: fc.record({ host: leaf, path: leaf, query: leaf }),
      fixedResponseConfig: fc.record({ httpCode: leaf, content: leaf, contentType: leaf }),
      insertHeaderConfig: fc.record({ key: leaf, value: leaf, valueType: leaf }),
      removeHeaderConfig: fc.record({ key: leaf }),
      trafficLimitConfig: fc.record({ qps: leaf, perIpQps: leaf }),
      trafficMirrorConfig: fc.record({
        targetType: leaf,
        mirrorGroupConfig: fc.oneof(
          fc.record({ serverGroupTuples: fc.array(fc.record({ serverGroupId: leaf })) }),
          leaf,
        ),
      }),
      corsConfig: fc.record({
        allowOrigin: fc.oneof(fc.array(leaf), leaf),
        allowMethods: fc.oneof(fc.array(leaf), leaf),
        maxAge: leaf,
      }),
    });
    const spec = fc.record({
      ruleName: leaf,
      priority: leaf,
      direction: fc.oneof(fc.constantFrom('Request', 'Response'), leaf),
      ruleConditions: fc.oneof(fc.array(condition, { maxLength: 12 }), leaf),
      ruleActions: fc.oneof(fc.array(action, { maxLength: 7 }), leaf),
      tags: fc.oneof(fc.array(fc.record({ key: leaf, value: leaf })), leaf),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { maxLength: 12 }),
        fc.constantFrom('Basic', 'Standard', 'StandardWithWaf') as fc.Arbitrary<'Basic'>,
        (specs, edition) => {
          for (const issue of validateRules(specs, { ...context, edition })) {
            expect(issue.message.en.length).toBeGreaterThan(0);
            expect(issue.message['zh-CN'].length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
