// Which rule of a listener takes a request, why, and what its actions do. One pure function shared by
// "which rule takes this request?" (CLI, rules pane) and the local ALB's data plane, which calls it per
// request: rules are compiled once (`compileRuleSet`), then `matchRequest` explains and `findRule` only
// decides (no explanation objects, short-circuits on the first failed condition).
//
// Matching as ALB does it: Request-direction rules in ascending priority (ties keep the given order);
// a rule matches when all its conditions do; the values of one condition are alternatives. Host: case-
// insensitive wildcards. Path: case-sensitive wildcards (the query string is not part of it). Header:
// name case-insensitive, values case-insensitive wildcards (ALB documents no case rule for values; AWS
// ALB's is case-insensitive, and the Alibaba console lower-cases what it compares). QueryString and
// Cookie: key and value case-insensitive wildcards (the API only takes lower-case patterns); an empty key
// or value stands for any. Method: exact, upper case. SourceIp: IPv4/IPv6 address or CIDR block.
import { cidrContains, parseCidr, parseIp, type IpAddress } from './ip-cidr.js';
import type { DefaultAction } from './resources.js';
import { compileGlob, type GlobMatcher } from './rule-glob.js';
import { describeActions, type ActionEffect } from './rule-effects.js';
import type {
  KeyValue,
  MatchRequest,
  RuleAction,
  RuleCondition,
  RuleConditionType,
  RuleSpec,
} from './rule-types.js';

export type { ActionEffect };

/** A rule as the matcher takes it: a `Rule` from ListRules, or a spec not yet created. */
export type MatchableRule = RuleSpec & { ruleId?: string };

export interface ConditionVerdict {
  type: RuleConditionType;
  matched: boolean;
  /** The header, query or cookie key the condition looks at, if any. */
  key?: string;
  /** The condition's values as written (`key=value` for query and cookie pairs). */
  values: string[];
  /** The value that matched. */
  matchedValue?: string;
  /** What the request had for it (empty: nothing; e.g. the header was absent). */
  seen: string[];
  /** Why it cannot match at all: a Response condition on a Request rule, or the request's source IP unreadable. */
  problem?: 'responseOnly' | 'badSourceIp';
}

export interface RuleTrial<R extends MatchableRule = MatchableRule> {
  rule: R;
  matched: boolean;
  /** Each condition ticked or not, and why; worked out when first read (the data plane never reads it). */
  readonly conditions: ConditionVerdict[];
}

/** A trial whose verdicts are computed on first read: explaining 1,000 rules costs nothing until shown. */
class LazyTrial<R extends MatchableRule> implements RuleTrial<R> {
  private verdicts: ConditionVerdict[] | undefined;
  constructor(
    readonly rule: R,
    readonly matched: boolean,
    private readonly compiled: readonly ExplainedCondition[],
    private readonly request: PreparedRequest,
  ) {}
  get conditions(): ConditionVerdict[] {
    this.verdicts ??= this.compiled.map((condition) => verdict(condition, this.request));
    return this.verdicts;
  }
  toJSON(): { rule: R; matched: boolean; conditions: ConditionVerdict[] } {
    return { rule: this.rule, matched: this.matched, conditions: this.conditions };
  }
}

export interface RuleMatch<R extends MatchableRule = MatchableRule> {
  /** The rule that takes the request; undefined: the listener's default action does. */
  rule?: R;
  /** Every rule tried, in order; the last one is the taking rule when there is one. */
  tried: RuleTrial<R>[];
  /** What the taking rule's (or the default) actions do, in their order. */
  effects: ActionEffect[];
  /** Response-direction rules, which never take a request. */
  responseRulesSkipped: number;
}

export interface CompiledRuleSet<R extends MatchableRule = MatchableRule> {
  readonly rules: readonly CompiledRule<R>[];
  readonly defaultActions: readonly RuleAction[];
  readonly responseRulesSkipped: number;
}

interface CompiledRule<R extends MatchableRule> {
  rule: R;
  actions: RuleAction[];
  conditions: ExplainedCondition[];
}

interface CompiledCondition {
  condition: RuleCondition;
  /** The index of the value that matched, or -1. */
  test: (request: PreparedRequest) => number;
  seen: (request: PreparedRequest) => string[];
  problem?: ConditionVerdict['problem'];
}

/** What the explanation repeats for every verdict, computed once per condition. */
interface ExplainedCondition extends CompiledCondition {
  values: string[];
  key: string | undefined;
}

interface PreparedRequest {
  source: MatchRequest;
  host: string;
  headers: Map<string, string[]>;
  query: KeyValue[];
  cookies: KeyValue[];
  ip: IpAddress | undefined;
  /** The request's values per field, as verdicts show them: shared by all verdicts on the same field. */
  seenByField: Map<string, string[]>;
}

export function compileRuleSet<R extends MatchableRule>(
  rules: readonly R[],
  defaultActions: readonly DefaultAction[] | readonly RuleAction[],
): CompiledRuleSet<R> {
  const requestRules = rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.direction !== 'Response')
    .sort((a, b) => a.rule.priority - b.rule.priority || a.index - b.index)
    .map(({ rule }) => ({
      rule,
      actions: [...rule.ruleActions].sort((a, b) => a.order - b.order),
      conditions: rule.ruleConditions.map(explainable),
    }));
  return {
    rules: requestRules,
    defaultActions: defaultActions.map(asRuleAction),
    responseRulesSkipped: rules.length - requestRules.length,
  };
}

/** The rule that takes the request (undefined: the default action), without explanation. */
export function findRule<R extends MatchableRule>(
  set: CompiledRuleSet<R>,
  request: MatchRequest,
): R | undefined {
  const prepared = prepare(request);
  for (const compiled of set.rules) {
    if (compiled.conditions.every((condition) => condition.test(prepared) >= 0)) return compiled.rule;
  }
  return undefined;
}

export function matchRequest<R extends MatchableRule>(
  set: CompiledRuleSet<R>,
  request: MatchRequest,
): RuleMatch<R> {
  const prepared = prepare(request);
  const tried: RuleTrial<R>[] = [];
  for (const compiled of set.rules) {
    const matched = compiled.conditions.every((condition) => condition.test(prepared) >= 0);
    tried.push(new LazyTrial(compiled.rule, matched, compiled.conditions, prepared));
    if (matched) {
      return {
        rule: compiled.rule,
        tried,
        effects: describeActions(compiled.actions, request),
        responseRulesSkipped: set.responseRulesSkipped,
      };
    }
  }
  return {
    tried,
    effects: describeActions(set.defaultActions, request),
    responseRulesSkipped: set.responseRulesSkipped,
  };
}

/** Compiles and matches in one call (for a single question; the data plane keeps the compiled set). */
export function whichRule<R extends MatchableRule>(
  rules: readonly R[],
  defaultActions: readonly DefaultAction[] | readonly RuleAction[],
  request: MatchRequest,
): RuleMatch<R> {
  return matchRequest(compileRuleSet(rules, defaultActions), request);
}

function asRuleAction(action: DefaultAction | RuleAction, index: number): RuleAction {
  if ('order' in action) return action;
  return {
    order: index + 1,
    type: 'ForwardGroup',
    forwardGroupConfig: {
      serverGroupTuples: action.forwardGroupConfig.serverGroupTuples.map(({ serverGroupId }) => ({
        serverGroupId,
      })),
    },
  };
}

function prepare(request: MatchRequest): PreparedRequest {
  const headers = new Map<string, string[]>();
  for (const { key, value } of request.headers) {
    const name = key.toLowerCase();
    const values = headers.get(name);
    if (values) values.push(value.toLowerCase());
    else headers.set(name, [value.toLowerCase()]);
  }
  return {
    source: request,
    host: request.host.toLowerCase(),
    headers,
    query: request.query.map(lowerPair),
    cookies: request.cookies.map(lowerPair),
    ip: parseIp(request.sourceIp),
    seenByField: new Map(),
  };
}

function lowerPair({ key, value }: KeyValue): KeyValue {
  return { key: key.toLowerCase(), value: value.toLowerCase() };
}

function explainable(condition: RuleCondition): ExplainedCondition {
  return { ...compileCondition(condition), values: conditionValues(condition), key: conditionKey(condition) };
}

function verdict(compiled: ExplainedCondition, request: PreparedRequest): ConditionVerdict {
  const { condition, values, key } = compiled;
  const index = compiled.test(request);
  const field = key === undefined ? condition.type : `${condition.type}:${key.toLowerCase()}`;
  let seen = request.seenByField.get(field);
  if (seen === undefined) {
    seen = compiled.seen(request);
    request.seenByField.set(field, seen);
  }
  const result: ConditionVerdict = { type: condition.type, matched: index >= 0, values, seen };
  if (key !== undefined) result.key = key;
  if (index >= 0) result.matchedValue = values[index];
  const problem =
    compiled.problem ??
    (condition.type === 'SourceIp' && request.ip === undefined ? 'badSourceIp' : undefined);
  if (problem) result.problem = problem;
  return result;
}

function conditionKey(condition: RuleCondition): string | undefined {
  if (condition.type === 'Header') return condition.headerConfig.key;
  if (condition.type === 'ResponseHeader') return condition.responseHeaderConfig.key;
  return undefined;
}

export function conditionValues(condition: RuleCondition): string[] {
  switch (condition.type) {
    case 'Host':
      return condition.hostConfig.values;
    case 'Path':
      return condition.pathConfig.values;
    case 'Method':
      return condition.methodConfig.values;
    case 'Header':
      return condition.headerConfig.values;
    case 'QueryString':
      return condition.queryStringConfig.values.map(pairText);
    case 'Cookie':
      return condition.cookieConfig.values.map(pairText);
    case 'SourceIp':
      return condition.sourceIpConfig.values;
    case 'ResponseHeader':
      return condition.responseHeaderConfig.values;
    case 'ResponseStatusCode':
      return condition.responseStatusCodeConfig.values;
  }
}

function pairText({ key, value }: KeyValue): string {
  return `${key}=${value}`;
}

function firstMatch<T>(matchers: readonly T[], accepts: (matcher: T) => boolean): number {
  for (let index = 0; index < matchers.length; index += 1) {
    if (accepts(matchers[index] as T)) return index;
  }
  return -1;
}

const NEVER = (): number => -1;

function compileCondition(condition: RuleCondition): CompiledCondition {
  switch (condition.type) {
    case 'Host': {
      const globs = condition.hostConfig.values.map((value) => compileGlob(value, true));
      return {
        condition,
        test: (request) => firstMatch(globs, (glob) => glob(request.host)),
        seen: (request) => [request.source.host],
      };
    }
    case 'Path': {
      const globs = condition.pathConfig.values.map((value) => compileGlob(value, false));
      return {
        condition,
        test: (request) => firstMatch(globs, (glob) => glob(request.source.path)),
        seen: (request) => [request.source.path],
      };
    }
    case 'Method': {
      const methods = condition.methodConfig.values;
      return {
        condition,
        test: (request) => methods.indexOf(request.source.method),
        seen: (request) => [request.source.method],
      };
    }
    case 'Header': {
      const name = condition.headerConfig.key.toLowerCase();
      const globs = condition.headerConfig.values.map((value) => compileGlob(value, true));
      return {
        condition,
        test: (request) => {
          const seen = request.headers.get(name);
          return seen ? firstMatch(globs, (glob) => seen.some(glob)) : -1;
        },
        seen: (request) =>
          request.source.headers.filter(({ key }) => key.toLowerCase() === name).map(({ value }) => value),
      };
    }
    case 'QueryString':
      return compilePairs(condition, condition.queryStringConfig.values, (request) => request.query, 'query');
    case 'Cookie':
      return compilePairs(condition, condition.cookieConfig.values, (request) => request.cookies, 'cookies');
    case 'SourceIp': {
      const blocks = condition.sourceIpConfig.values.map(parseCidr);
      return {
        condition,
        test: (request) => {
          const ip = request.ip;
          return ip ? firstMatch(blocks, (block) => block !== undefined && cidrContains(block, ip)) : -1;
        },
        seen: (request) => [request.source.sourceIp],
      };
    }
    case 'ResponseHeader':
    case 'ResponseStatusCode':
      return { condition, test: NEVER, seen: () => [], problem: 'responseOnly' };
  }
}

function compilePairs(
  condition: RuleCondition,
  pairs: readonly KeyValue[],
  pick: (request: PreparedRequest) => KeyValue[],
  field: 'query' | 'cookies',
): CompiledCondition {
  const matchers = pairs.map(({ key, value }) => ({
    key: key === '' ? undefined : compileGlob(key, true),
    value: value === '' ? undefined : compileGlob(value, true),
  }));
  const accepts = (matcher: { key?: GlobMatcher; value?: GlobMatcher }, pair: KeyValue): boolean =>
    (matcher.key === undefined || matcher.key(pair.key)) &&
    (matcher.value === undefined || matcher.value(pair.value));
  return {
    condition,
    test: (request) => {
      const seen = pick(request);
      return firstMatch(matchers, (matcher) => seen.some((pair) => accepts(matcher, pair)));
    },
    seen: (request) => request.source[field].map(pairText),
  };
}
