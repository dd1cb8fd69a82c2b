import { describe, expect, it } from 'vitest';
import type { RuleCondition } from '../../source/domain/rule-types.js';
import { conditionSummary } from '../../source/ui/rule-form/rule-diff.js';

describe('conditionSummary (the rule form review’s line for a condition)', () => {
  const cases: [RuleCondition, string][] = [
    [
      { type: 'Host', hostConfig: { values: ['a.example.com', 'b.example.com'] } },
      'a.example.com | b.example.com',
    ],
    [{ type: 'Method', methodConfig: { values: ['GET'] } }, 'GET'],
    [
      { type: 'Header', headerConfig: { key: 'X-Env', values: ['canary', 'blue'] } },
      'X-Env: canary | X-Env: blue',
    ],
    [{ type: 'ResponseHeader', responseHeaderConfig: { key: 'X-Cache', values: ['HIT'] } }, 'X-Cache: HIT'],
    [{ type: 'QueryString', queryStringConfig: { values: [{ key: 'v', value: '2' }] } }, 'v=2'],
    [
      {
        type: 'Cookie',
        cookieConfig: {
          values: [
            { key: 'beta', value: 'on' },
            { key: 'x', value: '' },
          ],
        },
      },
      'beta=on | x=',
    ],
    [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['200', '204'] } }, '200 | 204'],
  ];

  it.each(cases)('%j', (condition, values) => {
    expect(conditionSummary(condition, 'en').endsWith(` ${values}`)).toBe(true);
  });
});
