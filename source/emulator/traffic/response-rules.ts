// A listener's Response-direction rules: tried in priority order on the backend's answer, the first
// whose conditions all hold (ResponseStatusCode, ResponseHeader; header names case-insensitive, values
// case-insensitive wildcards as for request headers) inserts or removes response headers.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { compileGlob, matchGlob, type GlobMatcher } from '../../domain/rule-glob.js';
import type { Rule, RuleAction } from '../../domain/rule-types.js';

type ResponseTest = (status: number, headers: IncomingHttpHeaders) => boolean;

export interface ResponseRule {
  rule: Rule;
  test: ResponseTest;
  actions: RuleAction[];
}

function headerValues(headers: IncomingHttpHeaders, key: string): string[] {
  const value = headers[key.toLowerCase()];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function compileTest(rule: Rule): ResponseTest {
  const tests: ResponseTest[] = rule.ruleConditions.map((condition) => {
    if (condition.type === 'ResponseStatusCode') {
      const codes = new Set(condition.responseStatusCodeConfig.values.map((v) => v.trim()));
      return (status) => codes.has(String(status));
    }
    if (condition.type === 'ResponseHeader') {
      const { key, values } = condition.responseHeaderConfig;
      const globs: GlobMatcher[] = values.map((value) => compileGlob(value, true));
      return (_status, headers) =>
        headerValues(headers, key).some((seen) => globs.some((glob) => matchGlob(glob, seen)));
    }
    // A request condition on a Response rule: the API refuses it; here it never holds.
    return () => false;
  });
  return (status, headers) => tests.every((test) => test(status, headers));
}

export function compileResponseRules(rules: readonly Rule[]): ResponseRule[] {
  return rules
    .filter((rule) => rule.direction === 'Response')
    .sort((a, b) => a.priority - b.priority)
    .map((rule) => ({
      rule,
      test: compileTest(rule),
      actions: [...rule.ruleActions].sort((a, b) => a.order - b.order),
    }));
}

/** Applies the first matching Response rule's header actions to the headers about to go to the client. */
export function applyResponseRules(
  rules: readonly ResponseRule[],
  status: number,
  incoming: IncomingHttpHeaders,
  outgoing: OutgoingHttpHeaders,
): Rule | undefined {
  const taking = rules.find((rule) => rule.test(status, incoming));
  if (!taking) return undefined;
  for (const action of taking.actions) {
    if (action.type === 'InsertHeader') {
      const { key, value, valueType } = action.insertHeaderConfig;
      outgoing[key.toLowerCase()] =
        valueType === 'ReferenceHeader' ? headerValues(incoming, value).join(', ') : value;
    } else if (action.type === 'RemoveHeader') delete outgoing[action.removeHeaderConfig.key.toLowerCase()];
  }
  return taking.rule;
}
