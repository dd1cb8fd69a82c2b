// `rules test … --response-status N --response-header K:V`: which Response rule would edit the
// backend's answer, why, and how, in text (both languages) and in --json.
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../source/commands/args.js';
import { rulesCommand } from '../../source/commands/rules.js';
import {
  matchJson,
  matchLines,
  requestFromOptions,
  responseFromOptions,
  type ResponseOutcome,
} from '../../source/commands/rules-test.js';
import { compileRules } from '../../source/domain/rule-match.js';
import { compileResponseRules, matchResponse } from '../../source/domain/rule-response.js';
import type { Rule } from '../../source/domain/rule-types.js';

const LISTENER = { listenerProtocol: 'HTTPS' as const, listenerPort: 443 };

function rule(partial: Partial<Rule> & Pick<Rule, 'ruleId' | 'ruleName' | 'priority'>): Rule {
  return {
    direction: 'Request',
    ruleConditions: [],
    ruleActions: [],
    listenerId: 'lsn-1',
    loadBalancerId: 'alb-1',
    ruleStatus: 'Available',
    ...partial,
  };
}

const RULES: Rule[] = [
  rule({
    ruleId: 'rule-api',
    ruleName: 'api',
    priority: 10,
    ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
    ruleActions: [
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-api' }] },
      },
    ],
  }),
  rule({
    ruleId: 'rule-retry',
    ruleName: 'retry-after-503',
    priority: 50,
    direction: 'Response',
    ruleConditions: [
      { type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['503'] } },
      { type: 'ResponseHeader', responseHeaderConfig: { key: 'content-type', values: ['text/*'] } },
    ],
    ruleActions: [
      {
        order: 1,
        type: 'InsertHeader',
        insertHeaderConfig: { key: 'retry-after', value: '120', valueType: 'UserDefined' },
      },
    ],
  }),
];

function outcome(argv: string[]) {
  const args = parseCommandArgs(['--url', 'https://x.example.com/api/a', ...argv], rulesCommand.options);
  const request = requestFromOptions(args, LISTENER);
  const answer = responseFromOptions(args);
  const compiled = compileResponseRules(RULES);
  const response: ResponseOutcome = {
    status: answer.status,
    rules: compiled.length,
    match: matchResponse(compiled, answer),
  };
  return { request, response, match: compileRules(RULES).match(request) };
}

describe('rules test: the Response rules', () => {
  it('on the default 200 answer none applies, and each is shown ticked or not', () => {
    const { request, response, match } = outcome([]);
    const text = matchLines(match, request, 'en', false, response).join('\n');
    expect(text).toContain('On a 200 answer: none of the 1 Response rule applies');
    expect(text).toContain('✗    50  retry-after-503: ✗ Response status 503 (got 200)');
  });

  it('--response-status and --response-header pick the rule and show its header edit, in both languages', () => {
    const { request, response, match } = outcome([
      '--response-status',
      '503',
      '--response-header',
      'Content-Type:TEXT/html',
    ]);
    expect(match.rule?.ruleId).toBe('rule-api');
    const en = matchLines(match, request, 'en', false, response).join('\n');
    expect(en).toContain('On a 503 answer: Response rule retry-after-503 applies (priority 50, rule-retry)');
    expect(en).toContain('insert header retry-after: 120');
    const zh = matchLines(match, request, 'zh-CN', false, response).join('\n');
    expect(zh).toContain('响应状态码为 503 时：应用响应方向规则 retry-after-503（优先级 50，rule-retry）');
    expect(zh).toContain('写入标头 retry-after: 120');
    const json = matchJson(match, request, 'lsn-1', response) as {
      response: { status: number; rule: { ruleId: string }; edits: unknown[] };
    };
    expect(json.response.status).toBe(503);
    expect(json.response.rule.ruleId).toBe('rule-retry');
    expect(json.response.edits).toEqual([
      { type: 'InsertHeader', key: 'retry-after', value: '120', valueType: 'UserDefined' },
    ]);
  });

  it('a bad status or header is a usage error in the user’s language', () => {
    expect(() => outcome(['--response-status', '99'])).toThrow(/a status code is 100–599/);
    expect(() => outcome(['--response-status', 'abc'])).toThrow(/--response-status/);
    expect(() => outcome(['--response-header', 'no-colon'])).toThrow(/NAME:VALUE/);
  });
});
