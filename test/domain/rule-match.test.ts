import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIp } from '../../source/domain/ip-cidr.js';
import { compileGlob, globMatches, matchGlob } from '../../source/domain/rule-glob.js';
import {
  compileRules,
  compileRuleSet,
  conditionValues,
  findRule,
  matchRequest,
  whichRule,
  type MatchableRule,
} from '../../source/domain/rule-match.js';
import type { MatchRequest, RuleAction, RuleCondition } from '../../source/domain/rule-types.js';

const FORWARD = (serverGroupId: string): RuleAction => ({
  order: 1,
  type: 'ForwardGroup',
  forwardGroupConfig: { serverGroupTuples: [{ serverGroupId }] },
});

function rule(
  name: string,
  priority: number,
  conditions: RuleCondition[],
  actions?: RuleAction[],
): MatchableRule {
  return {
    ruleId: `rule-${name}`,
    ruleName: name,
    priority,
    direction: 'Request',
    ruleConditions: conditions,
    ruleActions: actions ?? [FORWARD(`sgp-${name}`)],
  };
}

const host = (...values: string[]): RuleCondition => ({ type: 'Host', hostConfig: { values } });
const path = (...values: string[]): RuleCondition => ({ type: 'Path', pathConfig: { values } });
const method = (...values: string[]): RuleCondition => ({ type: 'Method', methodConfig: { values } });
const header = (key: string, ...values: string[]): RuleCondition => ({
  type: 'Header',
  headerConfig: { key, values },
});
const query = (key: string, value: string): RuleCondition => ({
  type: 'QueryString',
  queryStringConfig: { values: [{ key, value }] },
});
const cookie = (key: string, value: string): RuleCondition => ({
  type: 'Cookie',
  cookieConfig: { values: [{ key, value }] },
});
const sourceIp = (...values: string[]): RuleCondition => ({ type: 'SourceIp', sourceIpConfig: { values } });

const DEFAULT = [
  {
    type: 'ForwardGroup' as const,
    forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-default' }] },
  },
];

function request(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return {
    method: 'GET',
    host: 'www.example.com',
    path: '/',
    query: [],
    headers: [],
    cookies: [],
    sourceIp: '203.0.113.7',
    protocol: 'http',
    port: 80,
    ...overrides,
  };
}

function taker(rules: MatchableRule[], req: MatchRequest): string {
  const result = whichRule(rules, DEFAULT, req);
  const fast = findRule(compileRuleSet(rules, DEFAULT), req);
  expect(fast?.ruleName).toBe(result.rule?.ruleName);
  return result.rule?.ruleName ?? 'default';
}

describe('wildcards', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['?', '', false],
    ['?', 'a', true],
    ['?', 'ab', false],
    ['a*b', 'ab', true],
    ['a*b', 'axxb', true],
    ['a*b', 'axxbc', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', true],
    ['/api/*', '/api/', true],
    ['/api/*', '/api', false],
    ['/v?/*', '/v2/users', true],
    ['/v?/*', '/v10/users', false],
    ['*a*a*a*a*a*a*a*a*b', 'a'.repeat(120), false],
    ['**', 'x', true],
    ['a?c*', 'abcdef', true],
    // a walk's literal ends are checked first: they must fit, and may not overlap
    ['svc1-??.example.com', 'svc1-ab.example.com', true],
    ['svc1-??.example.com', 'svc1-abc.example.com', false],
    ['svc1-??.example.com', 'svc2-ab.example.com', false],
    ['ab*?ba', 'aba', false],
    ['ab*?ba', 'abxba', true],
    ['a*a', 'a', false],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
    expect(matchGlob(compileGlob(pattern, false), text)).toBe(expected);
  });

  it('a case-insensitive glob compares lower-cased text with the lower-cased pattern', () => {
    expect(matchGlob(compileGlob('API.Example.*', true), 'api.example.com')).toBe(true);
    expect(matchGlob(compileGlob('API.Example.*', false), 'api.example.com')).toBe(false);
  });
});

describe('conditions', () => {
  it('Host: case-insensitive with wildcards; values are alternatives', () => {
    const rules = [rule('api', 1, [host('api.example.com', '*.api.example.com')])];
    expect(taker(rules, request({ host: 'API.Example.COM' }))).toBe('api');
    expect(taker(rules, request({ host: 'eu.api.example.com' }))).toBe('api');
    expect(taker(rules, request({ host: 'api.example.org' }))).toBe('default');
  });

  it('Path: case-sensitive, `?` is one character, the query is not part of it', () => {
    const rules = [rule('v', 1, [path('/v?/items')])];
    expect(taker(rules, request({ path: '/v2/items' }))).toBe('v');
    expect(taker(rules, request({ path: '/V2/items' }))).toBe('default');
    expect(taker(rules, request({ path: '/v22/items' }))).toBe('default');
    expect(taker(rules, request({ path: '/v2/items', query: [{ key: 'a', value: 'b' }] }))).toBe('v');
  });

  it('Method: exact', () => {
    const rules = [rule('writes', 1, [method('POST', 'PUT')])];
    expect(taker(rules, request({ method: 'PUT' }))).toBe('writes');
    expect(taker(rules, request({ method: 'GET' }))).toBe('default');
  });

  it('Header: name case-insensitive, values case-insensitive wildcards, repeated headers each tried', () => {
    const rules = [rule('canary', 1, [header('X-Canary', 'yes', 'beta-*')])];
    expect(taker(rules, request({ headers: [{ key: 'x-canary', value: 'YES' }] }))).toBe('canary');
    expect(
      taker(
        rules,
        request({
          headers: [
            { key: 'x-canary', value: 'no' },
            { key: 'X-CANARY', value: 'Beta-7' },
          ],
        }),
      ),
    ).toBe('canary');
    expect(taker(rules, request({ headers: [{ key: 'x-canary', value: 'no' }] }))).toBe('default');
    expect(taker(rules, request())).toBe('default');
  });

  it('QueryString: key and value with wildcards, case-insensitive; an empty value takes any', () => {
    const rules = [rule('q', 1, [query('ver*', 'v?')]), rule('any', 2, [query('debug', '')])];
    expect(taker(rules, request({ query: [{ key: 'Version', value: 'V2' }] }))).toBe('q');
    expect(taker(rules, request({ query: [{ key: 'version', value: 'v22' }] }))).toBe('default');
    expect(taker(rules, request({ query: [{ key: 'debug', value: 'whatever' }] }))).toBe('any');
    // key and value must come from the same pair
    expect(
      taker(
        rules,
        request({
          query: [
            { key: 'version', value: 'x' },
            { key: 'other', value: 'v1' },
          ],
        }),
      ),
    ).toBe('default');
  });

  it('Cookie: key=value pairs with wildcards', () => {
    const rules = [rule('beta', 1, [cookie('group', 'beta*')])];
    expect(taker(rules, request({ cookies: [{ key: 'group', value: 'beta-2' }] }))).toBe('beta');
    expect(taker(rules, request({ cookies: [{ key: 'grp', value: 'beta' }] }))).toBe('default');
  });

  it('SourceIp: addresses and CIDR blocks, IPv4, IPv6 and IPv4-mapped IPv6', () => {
    const rules = [rule('office', 1, [sourceIp('10.0.0.0/8', '2001:db8::/32', '192.168.1.10')])];
    expect(taker(rules, request({ sourceIp: '10.200.3.4' }))).toBe('office');
    expect(taker(rules, request({ sourceIp: '11.0.0.1' }))).toBe('default');
    expect(taker(rules, request({ sourceIp: '2001:db8:1::5' }))).toBe('office');
    expect(taker(rules, request({ sourceIp: '2001:db9::5' }))).toBe('default');
    expect(taker(rules, request({ sourceIp: '::ffff:10.1.1.1' }))).toBe('office');
    expect(taker(rules, request({ sourceIp: '192.168.1.10' }))).toBe('office');
    expect(taker(rules, request({ sourceIp: '192.168.1.11' }))).toBe('default');
    const bad = whichRule(rules, DEFAULT, request({ sourceIp: 'not-an-ip' }));
    expect(bad.rule).toBeUndefined();
    expect(bad.tried[0]?.conditions[0]?.problem).toBe('badSourceIp');
  });

  it('every condition of a rule must match', () => {
    const rules = [rule('both', 1, [host('api.example.com'), path('/v2/*')])];
    expect(taker(rules, request({ host: 'api.example.com', path: '/v2/x' }))).toBe('both');
    expect(taker(rules, request({ host: 'api.example.com', path: '/v1/x' }))).toBe('default');
    expect(taker(rules, request({ host: 'www.example.com', path: '/v2/x' }))).toBe('default');
  });

  it('a Response condition on a Request rule never matches, and says why', () => {
    const rules = [
      rule('odd', 1, [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['200'] } }]),
    ];
    const result = whichRule(rules, DEFAULT, request());
    expect(result.rule).toBeUndefined();
    expect(result.tried[0]?.conditions[0]).toMatchObject({ matched: false, problem: 'responseOnly' });
  });
});

describe('priority and direction', () => {
  it('the lowest priority number wins whatever the order given; Response rules never take a request', () => {
    const rules = [
      rule('late', 20, [path('/*')]),
      { ...rule('response', 1, [path('/*')]), direction: 'Response' as const },
      rule('early', 10, [path('/*')]),
    ];
    const result = whichRule(rules, DEFAULT, request());
    expect(result.rule?.ruleName).toBe('early');
    expect(result.responseRulesSkipped).toBe(1);
    expect(result.tried.map((trial) => trial.rule.ruleName)).toEqual(['early']);
  });

  it('priorities 1 and 10000 are both tried, in that order', () => {
    const rules = [rule('last', 10000, []), rule('first', 1, [path('/admin')])];
    expect(taker(rules, request({ path: '/admin' }))).toBe('first');
    expect(taker(rules, request({ path: '/x' }))).toBe('last');
  });

  it('explains every rule tried before the taker, each condition ticked or not', () => {
    const rules = [
      rule('a', 1, [host('api.example.com'), path('/v2/*')]),
      rule('b', 2, [header('x-env', 'staging')]),
      rule('c', 3, [path('/v1/*')]),
    ];
    const result = whichRule(rules, DEFAULT, request({ host: 'api.example.com', path: '/v1/x' }));
    expect(result.rule?.ruleName).toBe('c');
    expect(result.tried.map((trial) => [trial.rule.ruleName, trial.matched])).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
    ]);
    expect(result.tried[0]?.conditions.map((c) => [c.type, c.matched, c.seen])).toEqual([
      ['Host', true, ['api.example.com']],
      ['Path', false, ['/v1/x']],
    ]);
    expect(result.tried[0]?.conditions[0]?.matchedValue).toBe('api.example.com');
    expect(result.tried[1]?.conditions[0]).toMatchObject({ key: 'x-env', seen: [], matched: false });
    // --json prints the explanation: the verdicts survive serialisation
    const printed = JSON.parse(JSON.stringify(result)) as { tried: { conditions: { matched: boolean }[] }[] };
    expect(printed.tried[0]?.conditions.map((c) => c.matched)).toEqual([true, false]);
  });

  it('no rule matches: the default action, every rule tried', () => {
    const result = whichRule([rule('a', 1, [path('/a')])], DEFAULT, request());
    expect(result.rule).toBeUndefined();
    expect(result.tried).toHaveLength(1);
    expect(result.effects).toEqual([
      { type: 'ForwardGroup', groups: [{ serverGroupId: 'sgp-default', weight: 100, percent: 100 }] },
    ]);
  });
});

describe('what the actions do', () => {
  const req = request({
    host: 'shop.example.com',
    path: '/cart',
    query: [{ key: 'id', value: '7 8' }],
    headers: [{ key: 'x-user', value: 'u-1' }],
    protocol: 'http',
    port: 80,
  });

  it('weights normalised to percent; absent weight is 100; sticky session kept', () => {
    const actions: RuleAction[] = [
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: {
          serverGroupTuples: [
            { serverGroupId: 'sgp-v2', weight: 80 },
            { serverGroupId: 'sgp-v1', weight: 20 },
            { serverGroupId: 'sgp-off', weight: 0 },
          ],
          serverGroupStickySession: { enabled: true, timeout: 300 },
        },
      },
    ];
    const result = whichRule([rule('canary', 1, [], actions)], DEFAULT, req);
    expect(result.effects).toEqual([
      {
        type: 'ForwardGroup',
        groups: [
          { serverGroupId: 'sgp-v2', weight: 80, percent: 80 },
          { serverGroupId: 'sgp-v1', weight: 20, percent: 20 },
          { serverGroupId: 'sgp-off', weight: 0, percent: 0 },
        ],
        stickySession: { timeoutSeconds: 300 },
      },
    ]);
    const thirds = whichRule(
      [
        rule(
          'thirds',
          1,
          [],
          [
            {
              order: 1,
              type: 'ForwardGroup',
              forwardGroupConfig: {
                serverGroupTuples: [
                  { serverGroupId: 'a', weight: 1 },
                  { serverGroupId: 'b', weight: 2 },
                ],
              },
            },
          ],
        ),
      ],
      DEFAULT,
      req,
    );
    expect(thirds.effects[0]).toMatchObject({ groups: [{ percent: 33.3 }, { percent: 66.7 }] });
  });

  it('redirect: variables filled in, default port dropped, empty query dropped', () => {
    const toHttps: RuleAction = {
      order: 1,
      type: 'Redirect',
      redirectConfig: { httpCode: '301', protocol: 'HTTPS', port: '443' },
    };
    expect(whichRule([rule('r', 1, [], [toHttps])], DEFAULT, req).effects).toEqual([
      { type: 'Redirect', httpCode: '301', url: 'https://shop.example.com/cart?id=7%208' },
    ]);
    const moved: RuleAction = {
      order: 1,
      type: 'Redirect',
      redirectConfig: { host: 'new.example.com', path: '/old${path}', port: '8443', query: 'from=${host}' },
    };
    expect(whichRule([rule('r', 1, [], [moved])], DEFAULT, req).effects).toEqual([
      {
        type: 'Redirect',
        httpCode: '301',
        url: 'http://new.example.com:8443/old/cart?from=shop.example.com',
      },
    ]);
    expect(
      whichRule([rule('r', 1, [], [{ ...toHttps, order: 1 }])], DEFAULT, request()).effects[0],
    ).toMatchObject({
      url: 'https://www.example.com/',
    });
  });

  it('fixed reply, rewrite, headers and traffic limit, in action order', () => {
    const actions: RuleAction[] = [
      { order: 30, type: 'FixedResponse', fixedResponseConfig: { httpCode: '503', content: 'maintenance' } },
      {
        order: 10,
        type: 'InsertHeader',
        insertHeaderConfig: { key: 'x-from', value: 'x-user', valueType: 'ReferenceHeader' },
      },
      {
        order: 20,
        type: 'InsertHeader',
        insertHeaderConfig: { key: 'x-ip', value: 'ClientSrcIp', valueType: 'SystemDefined' },
      },
      { order: 5, type: 'RemoveHeader', removeHeaderConfig: { key: 'x-debug' } },
      { order: 1, type: 'TrafficLimit', trafficLimitConfig: { qps: 100, perIpQps: 10 } },
    ];
    expect(whichRule([rule('m', 1, [], actions)], DEFAULT, req).effects).toEqual([
      { type: 'TrafficLimit', qps: 100, perIpQps: 10 },
      { type: 'RemoveHeader', key: 'x-debug' },
      { type: 'InsertHeader', key: 'x-from', value: 'u-1', valueType: 'ReferenceHeader' },
      { type: 'InsertHeader', key: 'x-ip', value: '203.0.113.7', valueType: 'SystemDefined' },
      { type: 'FixedResponse', httpCode: '503', contentType: 'text/plain', content: 'maintenance' },
    ]);
    const rewrite: RuleAction[] = [
      { order: 1, type: 'Rewrite', rewriteConfig: { path: '/v2${path}', query: 'src=${protocol}' } },
      FORWARD('sgp-v2'),
    ];
    rewrite[1] = { ...FORWARD('sgp-v2'), order: 2 };
    expect(whichRule([rule('rw', 1, [], rewrite)], DEFAULT, req).effects[0]).toEqual({
      type: 'Rewrite',
      host: 'shop.example.com',
      path: '/v2/cart',
      query: 'src=http',
    });
  });
});

describe('IP parsing', () => {
  it('rejects malformed addresses and blocks', () => {
    for (const text of [
      '1.2.3',
      '1.2.3.256',
      '1::2::3',
      '12345::',
      'fe80::1/129',
      '10.0.0.0/33',
      '10.0.0.0/x',
    ]) {
      expect(parseCidr(text)).toBeUndefined();
    }
    expect(parseIp('fe80::1%eth0')?.version).toBe(6);
  });

  it('prefix edges: /0 takes all of its family, /32 one address', () => {
    const all = parseCidr('0.0.0.0/0');
    const one = parseCidr('10.0.0.1/32');
    const v6 = parseIp('::1');
    const ip = parseIp('10.0.0.1');
    if (!all || !one || !v6 || !ip) throw new Error('parse failed');
    expect(cidrContains(all, ip)).toBe(true);
    expect(cidrContains(all, v6)).toBe(false);
    expect(cidrContains(one, ip)).toBe(true);
    const next = parseIp('10.0.0.2');
    if (!next) throw new Error('parse failed');
    expect(cidrContains(one, next)).toBe(false);
  });
});

describe('compiled set', () => {
  it('matches the same across requests (no state kept between calls)', () => {
    const set = compileRuleSet([rule('a', 1, [path('/a')]), rule('b', 2, [path('/b')])], DEFAULT);
    expect(matchRequest(set, request({ path: '/b' })).rule?.ruleName).toBe('b');
    expect(matchRequest(set, request({ path: '/a' })).rule?.ruleName).toBe('a');
    expect(matchRequest(set, request({ path: '/c' })).rule).toBeUndefined();
  });
});

describe('compiled matcher (compileRules)', () => {
  const rules = [
    rule('late', 20, [sourceIp('10.0.0.0/8'), method('GET'), path('/a/*'), host('*.example.com')]),
    rule('early', 10, [header('x-env', 'canary'), path('/a/*')]),
  ];
  const matcher = compileRules(rules, DEFAULT);

  it('decides and explains as whichRule does, request after request', () => {
    for (const req of [
      request({ path: '/a/1', host: 'api.example.com' }),
      request({ path: '/a/1', headers: [{ key: 'X-Env', value: 'Canary' }] }),
      request({ path: '/b' }),
    ]) {
      const expected = whichRule(rules, DEFAULT, req);
      expect(matcher.find(req)?.ruleName).toBe(expected.rule?.ruleName);
      expect(JSON.parse(JSON.stringify(matcher.match(req)))).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  it('explains conditions in the rule’s own order, whatever order it decides in', () => {
    const result = matcher.match(request({ path: '/a/1', host: 'api.example.com', sourceIp: '10.1.2.3' }));
    expect(result.rule?.ruleName).toBe('late');
    expect(result.tried.map((trial) => trial.rule.ruleName)).toEqual(['early', 'late']);
    expect(result.tried[1]?.conditions.map((verdict) => verdict.type)).toEqual([
      'SourceIp',
      'Method',
      'Path',
      'Host',
    ]);
    expect(result.tried[0]?.partlyMatched).toBe(true);
    expect(result.tried[0]?.conditions.map((verdict) => verdict.matched)).toEqual([false, true]);
  });
});

describe('conditionValues', () => {
  const responseHeader: RuleCondition = {
    type: 'ResponseHeader',
    responseHeaderConfig: { key: 'X-Cache', values: ['HIT', 'MISS'] },
  };

  it('gives each alternative as text: pairs as key=value, header values bare by default', () => {
    expect(conditionValues(host('a.example.com', '*.b.example.com'))).toEqual([
      'a.example.com',
      '*.b.example.com',
    ]);
    expect(conditionValues(query('v', '2'))).toEqual(['v=2']);
    expect(conditionValues(cookie('beta', 'on'))).toEqual(['beta=on']);
    expect(conditionValues(header('X-Env', 'canary', 'blue'))).toEqual(['canary', 'blue']);
    expect(conditionValues(responseHeader)).toEqual(['HIT', 'MISS']);
  });

  it('names the header in each value when keyed (the rule form’s review); other types unchanged', () => {
    expect(conditionValues(header('X-Env', 'canary', 'blue'), 'keyed')).toEqual([
      'X-Env: canary',
      'X-Env: blue',
    ]);
    expect(conditionValues(responseHeader, 'keyed')).toEqual(['X-Cache: HIT', 'X-Cache: MISS']);
    expect(conditionValues(query('v', '2'), 'keyed')).toEqual(['v=2']);
    expect(conditionValues(path('/a/*'), 'keyed')).toEqual(['/a/*']);
  });
});
