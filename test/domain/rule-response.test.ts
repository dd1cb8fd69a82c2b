// Response-direction rules in domain: which applies to a backend's answer (status code, response
// headers), why, and what it does to the headers; the same functions the local ALB's data plane uses.
import { describe, expect, it } from 'vitest';
import {
  compileResponseRules,
  findResponseRule,
  matchResponse,
  type ResponseFacts,
} from '../../source/domain/rule-response.js';
import type { MatchableRule } from '../../source/domain/rule-match.js';
import type { RuleAction, RuleCondition } from '../../source/domain/rule-types.js';

const status = (...values: string[]): RuleCondition => ({
  type: 'ResponseStatusCode',
  responseStatusCodeConfig: { values },
});
const header = (key: string, ...values: string[]): RuleCondition => ({
  type: 'ResponseHeader',
  responseHeaderConfig: { key, values },
});
const insert = (
  key: string,
  value: string,
  valueType: 'UserDefined' | 'ReferenceHeader' | 'SystemDefined' = 'UserDefined',
  order = 1,
): RuleAction => ({
  order,
  type: 'InsertHeader',
  insertHeaderConfig: { key, value, valueType },
});
const remove = (key: string, order = 1): RuleAction => ({
  order,
  type: 'RemoveHeader',
  removeHeaderConfig: { key },
});

function rule(
  name: string,
  priority: number,
  conditions: RuleCondition[],
  actions: RuleAction[],
  direction: 'Request' | 'Response' = 'Response',
): MatchableRule {
  return { ruleName: name, priority, direction, ruleConditions: conditions, ruleActions: actions };
}

const answer = (code: number, ...headers: [string, string][]): ResponseFacts => ({
  status: code,
  headers: headers.map(([key, value]) => ({ key, value })),
});

const taker = (rules: MatchableRule[], response: ResponseFacts) =>
  matchResponse(compileResponseRules(rules), response).rule?.ruleName;

describe('Response rules', () => {
  it('ResponseStatusCode: the status is one of the values, exactly', () => {
    const rules = [rule('errors', 10, [status('500', '502', '503')], [insert('x-error', 'yes')])];
    expect(taker(rules, answer(502))).toBe('errors');
    expect(taker(rules, answer(504))).toBeUndefined();
    expect(taker(rules, answer(200))).toBeUndefined();
  });

  it('ResponseHeader: name case-insensitive, values case-insensitive wildcards, repeated headers each tried', () => {
    const rules = [rule('html', 10, [header('Content-Type', 'text/html*')], [remove('server')])];
    expect(taker(rules, answer(200, ['content-type', 'TEXT/HTML; charset=utf-8']))).toBe('html');
    expect(taker(rules, answer(200, ['set-cookie', 'a=1'], ['Content-Type', 'application/json']))).toBe(
      undefined,
    );
    const cookies = [rule('session', 10, [header('set-cookie', 'session=*')], [remove('x-debug')])];
    expect(taker(cookies, answer(200, ['Set-Cookie', 'theme=dark'], ['Set-Cookie', 'session=abc']))).toBe(
      'session',
    );
  });

  it('every condition must hold; the lowest priority number wins; Request rules never apply', () => {
    const rules = [
      rule('late', 20, [status('404')], [insert('x-which', 'late')]),
      rule('early', 10, [status('404'), header('x-cache', 'miss')], [insert('x-which', 'early')]),
      rule('a request rule', 1, [], [insert('x-which', 'request')], 'Request'),
    ];
    expect(taker(rules, answer(404, ['X-Cache', 'MISS']))).toBe('early');
    expect(taker(rules, answer(404, ['x-cache', 'hit']))).toBe('late');
    const explained = matchResponse(compileResponseRules(rules), answer(404, ['x-cache', 'hit']));
    expect(explained.tried.map((trial) => [trial.rule.ruleName, trial.matched])).toEqual([
      ['early', false],
      ['late', true],
    ]);
    expect(explained.tried[0]!.conditions.map((verdict) => [verdict.type, verdict.matched])).toEqual([
      ['ResponseStatusCode', true],
      ['ResponseHeader', false],
    ]);
    expect(explained.tried[0]!.conditions[1]).toMatchObject({ key: 'x-cache', seen: ['hit'] });
  });

  it('a request condition on a Response rule never holds, and says why', () => {
    const rules = [
      rule('odd', 10, [{ type: 'Path', pathConfig: { values: ['/*'] } }, status('200')], [remove('a')]),
    ];
    const explained = matchResponse(compileResponseRules(rules), answer(200));
    expect(explained.rule).toBeUndefined();
    expect(explained.tried[0]!.conditions[0]).toMatchObject({ matched: false, problem: 'requestOnly' });
  });

  it('what it does: headers inserted (a referenced header’s values) and removed, in action order', () => {
    const rules = [
      rule(
        'edit',
        10,
        [status('200')],
        [
          remove('Server', 3),
          insert('X-Upstream', 'via', 'ReferenceHeader', 2),
          insert('X-Env', 'prod', 'UserDefined', 1),
        ],
      ),
    ];
    const result = matchResponse(
      compileResponseRules(rules),
      answer(200, ['Via', '1.1 a'], ['via', '1.1 b']),
    );
    expect(result.edits).toEqual([
      { type: 'InsertHeader', key: 'X-Env', value: 'prod', valueType: 'UserDefined' },
      { type: 'InsertHeader', key: 'X-Upstream', value: '1.1 a, 1.1 b', valueType: 'ReferenceHeader' },
      { type: 'RemoveHeader', key: 'Server' },
    ]);
  });

  it('find (the data plane’s call) agrees with match', () => {
    const rules = compileResponseRules([
      rule('a', 5, [status('301', '302')], [remove('x')]),
      rule('b', 6, [header('location', 'http://*')], [remove('y')]),
    ]);
    for (const response of [
      answer(302, ['location', 'http://x/']),
      answer(200, ['Location', 'HTTP://X/']),
      answer(200),
    ]) {
      const lookup = (name: string) =>
        response.headers.filter((h) => h.key.toLowerCase() === name).map((h) => h.value);
      expect(findResponseRule(rules, response.status, lookup)?.rule.ruleName).toBe(
        matchResponse(rules, response).rule?.ruleName,
      );
    }
  });
});
