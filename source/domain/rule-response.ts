// A listener's Response-direction rules: tried in priority order (ties keep the given order) on the
// backend's answer; the first whose conditions all hold edits the headers going back to the client
// (InsertHeader, RemoveHeader, in action order). ResponseStatusCode: the status is one of the values
// (three digits, exact). ResponseHeader: the name case-insensitive, the values case-insensitive
// wildcards, as for request headers; every value of a repeated header is tried. A request condition
// on a Response rule never holds (the API refuses it). Pure: the local ALB's data plane applies these
// edits to each answer, and the tester and `rules test` show them for a status and headers typed in.
import { compileGlob, matchGlob, type GlobMatcher } from './rule-glob.js';
import type { ConditionVerdict, MatchableRule } from './rule-match.js';
import type { KeyValue, RuleAction } from './rule-types.js';

/** The backend's answer as the rules see it. Header names in any case; a header may repeat. */
export interface ResponseFacts {
  status: number;
  headers: readonly KeyValue[];
}

/** What the taking rule does to the answer's headers, in action order. */
export type ResponseEdit =
  | { type: 'InsertHeader'; key: string; value: string; valueType: string }
  | { type: 'RemoveHeader'; key: string };

export interface ResponseTrial<R extends MatchableRule = MatchableRule> {
  rule: R;
  matched: boolean;
  /** Each condition ticked or not, in the rule's order. */
  conditions: ConditionVerdict[];
}

export interface ResponseMatch<R extends MatchableRule = MatchableRule> {
  /** The Response rule that applies; undefined: none does and the answer goes back as it came. */
  rule?: R;
  /** Every Response rule tried, in order; the last one applies when there is one. */
  tried: ResponseTrial<R>[];
  edits: ResponseEdit[];
}

interface CompiledResponseCondition {
  type: ConditionVerdict['type'];
  /** ResponseHeader: the lower-cased name. */
  name: string;
  key: string | undefined;
  values: string[];
  codes: ReadonlySet<string>;
  globs: readonly GlobMatcher[];
  /** A request condition: it never holds on the answer. */
  requestOnly: boolean;
}

export interface CompiledResponseRule<R extends MatchableRule = MatchableRule> {
  readonly rule: R;
  readonly conditions: readonly CompiledResponseCondition[];
  readonly actions: readonly RuleAction[];
}

/** The Response rules of a listener, in the order they are tried; compiled once per rules change. */
export function compileResponseRules<R extends MatchableRule>(
  rules: readonly R[],
): CompiledResponseRule<R>[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.direction === 'Response')
    .sort((a, b) => a.rule.priority - b.rule.priority || a.index - b.index)
    .map(({ rule }) => ({
      rule,
      conditions: rule.ruleConditions.map(compileCondition),
      actions: [...rule.ruleActions].sort((a, b) => a.order - b.order),
    }));
}

function compileCondition(condition: MatchableRule['ruleConditions'][number]): CompiledResponseCondition {
  const base = { type: condition.type, name: '', key: undefined, codes: NO_CODES, globs: [] };
  switch (condition.type) {
    case 'ResponseStatusCode': {
      const values = condition.responseStatusCodeConfig.values;
      return { ...base, values, codes: new Set(values.map((v) => v.trim())), requestOnly: false };
    }
    case 'ResponseHeader': {
      const { key, values } = condition.responseHeaderConfig;
      const globs = values.map((value) => compileGlob(value, true));
      return { ...base, name: key.toLowerCase(), key, values, globs, requestOnly: false };
    }
    default:
      return { ...base, values: [], requestOnly: true };
  }
}

const NO_CODES: ReadonlySet<string> = new Set();

/** A header's values by lower-cased name (lower-cased too: the values are compared case-insensitively). */
export type HeaderLookup = (lowerCaseName: string) => readonly string[];

function lookupOf(headers: readonly KeyValue[]): HeaderLookup {
  const byName = new Map<string, string[]>();
  for (const { key, value } of headers) {
    const name = key.toLowerCase();
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  return (name) => byName.get(name) ?? [];
}

/** The index of the condition's value the answer matches, or -1. */
function testCondition(condition: CompiledResponseCondition, status: number, headers: HeaderLookup): number {
  if (condition.requestOnly) return -1;
  if (condition.type === 'ResponseStatusCode') {
    const code = String(status);
    return condition.codes.has(code) ? condition.values.findIndex((v) => v.trim() === code) : -1;
  }
  const seen = headers(condition.name);
  for (let index = 0; index < condition.globs.length; index += 1)
    for (const value of seen) if (matchGlob(condition.globs[index]!, value.toLowerCase())) return index;
  return -1;
}

/** The Response rule that applies to the answer, without explanation (the data plane's per-answer call). */
export function findResponseRule<R extends MatchableRule>(
  rules: readonly CompiledResponseRule<R>[],
  status: number,
  headers: HeaderLookup,
): CompiledResponseRule<R> | undefined {
  return rules.find((rule) => rule.conditions.every((c) => testCondition(c, status, headers) >= 0));
}

/**
 * What the rule's header actions do to this answer: `ReferenceHeader` takes the answer's own header
 * (its values joined by `, `); other value types are written as given.
 */
export function responseEdits(actions: readonly RuleAction[], headers: HeaderLookup): ResponseEdit[] {
  const edits: ResponseEdit[] = [];
  for (const action of actions) {
    if (action.type === 'InsertHeader') {
      const { key, value, valueType } = action.insertHeaderConfig;
      const written = valueType === 'ReferenceHeader' ? headers(value.toLowerCase()).join(', ') : value;
      edits.push({ type: 'InsertHeader', key, value: written, valueType });
    } else if (action.type === 'RemoveHeader') {
      edits.push({ type: 'RemoveHeader', key: action.removeHeaderConfig.key });
    }
  }
  return edits;
}

/** Which Response rule applies to this answer, why (each rule tried, each condition ticked), and its edits. */
export function matchResponse<R extends MatchableRule>(
  rules: readonly CompiledResponseRule<R>[],
  response: ResponseFacts,
): ResponseMatch<R> {
  const headers = lookupOf(response.headers);
  const tried: ResponseTrial<R>[] = [];
  for (const compiled of rules) {
    const conditions = compiled.conditions.map((condition) => verdict(condition, response, headers));
    const matched = conditions.every((c) => c.matched);
    tried.push({ rule: compiled.rule, matched, conditions });
    if (matched) return { rule: compiled.rule, tried, edits: responseEdits(compiled.actions, headers) };
  }
  return { tried, edits: [] };
}

function verdict(
  condition: CompiledResponseCondition,
  response: ResponseFacts,
  headers: HeaderLookup,
): ConditionVerdict {
  const index = testCondition(condition, response.status, headers);
  const result: ConditionVerdict = {
    type: condition.type,
    matched: index >= 0,
    values: condition.values,
    seen:
      condition.type === 'ResponseStatusCode'
        ? [String(response.status)]
        : condition.requestOnly
          ? []
          : [...headers(condition.name)],
  };
  if (condition.key !== undefined) result.key = condition.key;
  if (index >= 0) result.matchedValue = condition.values[index];
  if (condition.requestOnly) result.problem = 'requestOnly';
  return result;
}
