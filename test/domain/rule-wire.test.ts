// Every rule set the checks accept survives request → wire → back unchanged (the path the local ALB and
// the aliyun CLI export take), and the SDK's spelling (QPS, tag) round-trips too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleAction, RuleCondition, RuleSpec } from '../../source/domain/rule-types.js';
import { validateRules } from '../../source/domain/rule-validation.js';
import {
  ruleFromApi,
  ruleFromSdk,
  rulesToWire,
  ruleToSdk,
  ruleToWire,
} from '../../source/domain/rule-wire.js';
import { unflatten } from '../../source/domain/wire.js';

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const hostName = fc
  .tuple(label, fc.constantFrom('com', 'cn', 'net'))
  .map(([a, tld]) => `${a}.example.${tld}`);
const pathValue = label.map((l) => `/${l}/*`);

const condition: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc
    .uniqueArray(hostName, { minLength: 1, maxLength: 3 })
    .map((values) => ({ type: 'Host' as const, hostConfig: { values } })),
  fc
    .uniqueArray(pathValue, { minLength: 1, maxLength: 3 })
    .map((values) => ({ type: 'Path' as const, pathConfig: { values } })),
  fc
    .tuple(label, fc.uniqueArray(label, { minLength: 1, maxLength: 3 }))
    .map(([key, values]) => ({ type: 'Header' as const, headerConfig: { key: `x-${key}`, values } })),
  fc
    .uniqueArray(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'), { minLength: 1, maxLength: 3 })
    .map((values) => ({ type: 'Method' as const, methodConfig: { values } })),
  fc.tuple(label, label).map(([key, value]) => ({
    type: 'QueryString' as const,
    queryStringConfig: { values: [{ key, value }] },
  })),
  fc
    .tuple(label, label)
    .map(([key, value]) => ({ type: 'Cookie' as const, cookieConfig: { values: [{ key, value }] } })),
  fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 8, max: 32 })).map(([a, prefix]) => ({
    type: 'SourceIp' as const,
    sourceIpConfig: { values: [`10.${a}.0.0/${prefix}`] },
  })),
);

const final: fc.Arbitrary<RuleAction> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.option(fc.integer({ min: 1, max: 86400 }), { nil: undefined }),
    )
    .map(([w1, w2, timeout]) => ({
      order: 100,
      type: 'ForwardGroup' as const,
      forwardGroupConfig: {
        serverGroupTuples: [
          { serverGroupId: 'sgp-a', weight: w1 },
          { serverGroupId: 'sgp-b', weight: w2 },
        ],
        ...(timeout === undefined ? {} : { serverGroupStickySession: { enabled: true, timeout } }),
      },
    })),
  fc.constantFrom('301', '302', '307').map((httpCode) => ({
    order: 100,
    type: 'Redirect' as const,
    redirectConfig: { httpCode, protocol: 'HTTPS', port: '443', path: '/new/${path}' },
  })),
  fc.tuple(fc.constantFrom('200', '403', '503'), label).map(([httpCode, content]) => ({
    order: 100,
    type: 'FixedResponse' as const,
    fixedResponseConfig: { httpCode, content, contentType: 'text/plain' },
  })),
);
const extra: fc.Arbitrary<RuleAction> = fc.oneof(
  label.map((key) => ({
    order: 1,
    type: 'InsertHeader' as const,
    insertHeaderConfig: { key: `x-${key}`, value: 'v', valueType: 'UserDefined' as const },
  })),
  fc
    .tuple(fc.integer({ min: 2, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }))
    .map(([qps, per]) => ({
      order: 2,
      type: 'TrafficLimit' as const,
      trafficLimitConfig: { qps, perIpQps: Math.min(per, qps - 1) },
    })),
);

const rule = (priority: number): fc.Arbitrary<RuleSpec> =>
  fc
    .record({
      ruleName: fc.stringMatching(/^[a-z规则][a-z0-9._-]{1,20}$/),
      conditions: fc.array(condition, { minLength: 1, maxLength: 4 }),
      extras: fc.option(extra, { nil: undefined }),
      final,
      tags: fc.array(fc.record({ key: label, value: label }), { maxLength: 2 }),
    })
    .map(({ ruleName, conditions, extras, final: last, tags }) => ({
      ruleName,
      priority,
      direction: 'Request' as const,
      ruleConditions: conditions,
      ruleActions: extras ? [extras, last] : [last],
      tags,
    }));

const ruleSet = fc
  .uniqueArray(fc.integer({ min: 1, max: 10000 }), { minLength: 1, maxLength: 10 })
  .chain((priorities) => fc.tuple(...priorities.map(rule)));

describe('rules on the wire', () => {
  it('every accepted rule set survives request → wire → back unchanged', () => {
    fc.assert(
      fc.property(ruleSet, (specs) => {
        const accepted = validateRules(specs, { edition: 'Standard' });
        fc.pre(accepted.length === 0);
        const wire = rulesToWire(specs);
        for (const value of Object.values(wire)) expect(typeof value).toBe('string');
        // An empty list is no parameter at all on the wire: no tags read back as none.
        const expected = specs.map(({ tags, ...rest }) => (tags?.length ? { ...rest, tags } : rest));
        expect((ruleFromApi(unflatten(wire)) as { rules: unknown }).rules).toEqual(expected);
        expect(ruleFromSdk(ruleToSdk(specs))).toEqual(specs);
      }),
      { numRuns: 300 },
    );
  });

  it('spells the API names: QPS, Tag on requests, 1-based indices', () => {
    const spec: RuleSpec = {
      ruleName: 'limit',
      priority: 3,
      direction: 'Request',
      ruleConditions: [{ type: 'Path', pathConfig: { values: ['/a'] } }],
      ruleActions: [
        { order: 1, type: 'TrafficLimit', trafficLimitConfig: { qps: 10 } },
        { order: 2, type: 'FixedResponse', fixedResponseConfig: { httpCode: '200' } },
      ],
      tags: [{ key: 'k', value: 'v' }],
    };
    expect(ruleToWire(spec)).toMatchObject({
      Priority: '3',
      'RuleConditions.1.PathConfig.Values.1': '/a',
      'RuleActions.1.TrafficLimitConfig.QPS': '10',
      'Tag.1.Key': 'k',
    });
    expect(ruleToSdk(spec)).toMatchObject({ tag: [{ key: 'k', value: 'v' }] });
  });
});
