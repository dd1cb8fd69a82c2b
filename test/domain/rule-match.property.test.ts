import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileRules,
  compileRuleSet,
  findRule,
  matchRequest,
  type MatchableRule,
} from '../../source/domain/rule-match.js';
import type { KeyValue, MatchRequest, RuleAction, RuleCondition } from '../../source/domain/rule-types.js';

// The reference: obviously correct, slow, written from the rules in changes-and-rules.md and nothing else.
function refGlob(pattern: string, text: string): boolean {
  if (pattern === '') return text === '';
  const [head, rest] = [pattern[0], pattern.slice(1)];
  if (head === '*') return refGlob(rest, text) || (text !== '' && refGlob(pattern, text.slice(1)));
  if (text === '') return false;
  if (head === '?' || head === text[0]) return refGlob(rest, text.slice(1));
  return false;
}

function refPair(pattern: KeyValue, pair: KeyValue): boolean {
  const keyOk = pattern.key === '' || refGlob(pattern.key.toLowerCase(), pair.key.toLowerCase());
  const valueOk = pattern.value === '' || refGlob(pattern.value.toLowerCase(), pair.value.toLowerCase());
  return keyOk && valueOk;
}

function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255))
    return undefined;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

function refIp(block: string, ip: string): boolean {
  const [base = '', bits = '32'] = block.split('/');
  const a = ipv4Number(base);
  const b = ipv4Number(ip);
  if (a === undefined || b === undefined) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(a / size) === Math.floor(b / size);
}

function refCondition(condition: RuleCondition, request: MatchRequest): boolean {
  switch (condition.type) {
    case 'Host':
      return condition.hostConfig.values.some((v) => refGlob(v.toLowerCase(), request.host.toLowerCase()));
    case 'Path':
      return condition.pathConfig.values.some((v) => refGlob(v, request.path));
    case 'Method':
      return condition.methodConfig.values.includes(request.method);
    case 'Header':
      return condition.headerConfig.values.some((v) =>
        request.headers.some(
          (h) =>
            h.key.toLowerCase() === condition.headerConfig.key.toLowerCase() &&
            refGlob(v.toLowerCase(), h.value.toLowerCase()),
        ),
      );
    case 'QueryString':
      return condition.queryStringConfig.values.some((p) => request.query.some((q) => refPair(p, q)));
    case 'Cookie':
      return condition.cookieConfig.values.some((p) => request.cookies.some((c) => refPair(p, c)));
    case 'SourceIp':
      return condition.sourceIpConfig.values.some((block) => refIp(block, request.sourceIp));
    default:
      return false;
  }
}

function refTaker(rules: MatchableRule[], request: MatchRequest): MatchableRule | undefined {
  let best: MatchableRule | undefined;
  for (const rule of rules) {
    if (rule.direction !== 'Request') continue;
    if (!rule.ruleConditions.every((condition) => refCondition(condition, request))) continue;
    if (!best || rule.priority < best.priority) best = rule;
  }
  return best;
}

// Small alphabets so that random patterns and requests actually meet.
const word = fc.string({ unit: fc.constantFrom('a', 'B', 'c', '.', '/'), maxLength: 6 });
const pattern = fc.string({ unit: fc.constantFrom('a', 'b', 'C', '.', '/', '*', '?'), maxLength: 6 });
const pair = fc.record({ key: word, value: word });
const patternPair = fc.record({ key: pattern, value: pattern });
const octet = fc.constantFrom(0, 10, 128, 255);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
const block = fc
  .tuple(ipv4, fc.constantFrom(0, 1, 8, 9, 16, 24, 31, 32))
  .map(([ip, bits]) => `${ip}/${bits}`);
const values = <T>(item: fc.Arbitrary<T>) => fc.array(item, { minLength: 1, maxLength: 3 });

const condition: fc.Arbitrary<RuleCondition> = fc.oneof(
  values(pattern).map((v): RuleCondition => ({ type: 'Host', hostConfig: { values: v } })),
  values(pattern).map((v): RuleCondition => ({ type: 'Path', pathConfig: { values: v } })),
  values(fc.constantFrom('GET', 'POST', 'PUT')).map((v): RuleCondition => ({
    type: 'Method',
    methodConfig: { values: v },
  })),
  fc
    .tuple(fc.constantFrom('x-a', 'X-B'), values(pattern))
    .map(([key, v]): RuleCondition => ({ type: 'Header', headerConfig: { key, values: v } })),
  values(patternPair).map((v): RuleCondition => ({ type: 'QueryString', queryStringConfig: { values: v } })),
  values(patternPair).map((v): RuleCondition => ({ type: 'Cookie', cookieConfig: { values: v } })),
  values(block).map((v): RuleCondition => ({ type: 'SourceIp', sourceIpConfig: { values: v } })),
);

const ruleSet = fc
  .uniqueArray(fc.integer({ min: 1, max: 10000 }), { minLength: 0, maxLength: 12 })
  .chain((priorities) =>
    fc.tuple(
      ...priorities.map((priority) =>
        fc.record({
          ruleName: fc.constant(`r${priority}`),
          priority: fc.constant(priority),
          direction: fc.constantFrom('Request' as const, 'Request' as const, 'Response' as const),
          ruleConditions: fc.array(condition, { maxLength: 3 }),
          ruleActions: fc.constant<RuleAction[]>([
            {
              order: 1,
              type: 'ForwardGroup' as const,
              forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-x' }] },
            },
          ]),
        }),
      ),
    ),
  );

const matchRequestArb: fc.Arbitrary<MatchRequest> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'get'),
  host: word,
  path: word,
  query: fc.array(pair, { maxLength: 3 }),
  headers: fc.array(fc.record({ key: fc.constantFrom('x-a', 'x-b', 'X-A'), value: word }), { maxLength: 3 }),
  cookies: fc.array(pair, { maxLength: 3 }),
  sourceIp: ipv4,
  protocol: fc.constantFrom('http' as const, 'https' as const),
  port: fc.constantFrom(80, 443, 8080),
});

describe('rule matcher properties', () => {
  it('agrees with the brute-force reference on random rule sets and requests', () => {
    fc.assert(
      fc.property(ruleSet, matchRequestArb, (rules, request) => {
        const set = compileRuleSet(rules, []);
        const expected = refTaker(rules, request)?.ruleName;
        const explained = matchRequest(set, request);
        expect(explained.rule?.ruleName).toBe(expected);
        expect(findRule(set, request)?.ruleName).toBe(expected);
        // the matcher held across requests (as the data plane and the tester hold it) agrees too
        const matcher = compileRules(rules);
        expect(matcher.find(request)?.ruleName).toBe(expected);
        expect(matcher.match(request).rule?.ruleName).toBe(expected);
        expect(matcher.find({ ...request, path: `${request.path}/` })?.ruleName).toBe(
          refTaker(rules, { ...request, path: `${request.path}/` })?.ruleName,
        );
        // the explanation agrees with itself: only the last trial matched, every verdict consistent
        for (const [index, trial] of explained.tried.entries()) {
          const isTaker = explained.rule !== undefined && index === explained.tried.length - 1;
          expect(trial.matched).toBe(isTaker);
          expect(trial.matched).toBe(trial.conditions.every((c) => c.matched));
          for (const [i, verdict] of trial.conditions.entries()) {
            const original = trial.rule.ruleConditions[i];
            if (original) expect(verdict.matched).toBe(refCondition(original, request));
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws, whatever the rules and the request hold', () => {
    const anything = fc.string({ unit: 'binary', maxLength: 20 });
    const wildCondition: fc.Arbitrary<RuleCondition> = fc.oneof(
      fc.array(anything).map((v): RuleCondition => ({ type: 'Host', hostConfig: { values: v } })),
      fc.array(anything).map((v): RuleCondition => ({ type: 'SourceIp', sourceIpConfig: { values: v } })),
      fc
        .array(fc.record({ key: anything, value: anything }))
        .map((v): RuleCondition => ({ type: 'Cookie', cookieConfig: { values: v } })),
      fc
        .tuple(anything, fc.array(anything))
        .map(([key, v]): RuleCondition => ({ type: 'Header', headerConfig: { key, values: v } })),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ruleName: anything,
            priority: fc.integer(),
            direction: fc.constantFrom('Request' as const, 'Response' as const),
            ruleConditions: fc.array(wildCondition, { maxLength: 4 }),
            ruleActions: fc.constant<RuleAction[]>([]),
          }),
          { maxLength: 6 },
        ),
        fc.record({
          method: anything,
          host: anything,
          path: anything,
          query: fc.array(fc.record({ key: anything, value: anything })),
          headers: fc.array(fc.record({ key: anything, value: anything })),
          cookies: fc.array(fc.record({ key: anything, value: anything })),
          sourceIp: anything,
          protocol: fc.constantFrom('http' as const, 'https' as const),
          port: fc.integer(),
        }),
        (rules, request) => {
          expect(() => {
            const result = matchRequest(compileRuleSet(rules, []), request);
            JSON.stringify(result.tried.map((trial) => trial.conditions));
          }).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
