// Which rule of a listener takes a request, why, and what its actions do. One pure function shared by
// "which rule takes this request?" (CLI, rules pane) and the local ALB's data plane, which calls it per
// request: rules are compiled once (`compileRules`, held per listener or per rules change; each rule's
// conditions compile when a request first reaches it), then `match` explains and `find` only decides
// (no explanation objects, cheapest condition first, short-circuits on the first that fails).
// `compileRuleSet`/`findRule`/`matchRequest`/`whichRule` are the same, as functions.
//
// Matching as ALB does it: Request-direction rules in ascending priority (ties keep the given order);
// a rule matches when all its conditions do; the values of one condition are alternatives. Host: case-
// insensitive wildcards. Path: case-sensitive wildcards (the query string is not part of it). Header:
// name case-insensitive, values case-insensitive wildcards (ALB documents no case rule for values; AWS
// ALB's is case-insensitive, and the Alibaba console lower-cases what it compares). QueryString and
// Cookie: key and value case-insensitive wildcards (the API only takes lower-case patterns); an empty key
// or value stands for any. Method: exact, upper case. SourceIp: IPv4/IPv6 address or CIDR block.
import { cidrContains, parseCidr, parseIp, type CidrBlock, type IpAddress } from './ip-cidr.js';
import type { DefaultAction } from './resources.js';
import { compileGlob, matchGlob, type GlobMatcher } from './rule-glob.js';
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
  /**
   * Why it cannot match at all: a Response condition on a Request rule, a request condition on a
   * Response rule, or the request's source IP unreadable.
   */
  problem?: 'responseOnly' | 'requestOnly' | 'badSourceIp';
}

export interface RuleTrial<R extends MatchableRule = MatchableRule> {
  rule: R;
  matched: boolean;
  /** Each condition ticked or not, and why; worked out when first read (the data plane never reads it). */
  readonly conditions: ConditionVerdict[];
  /** Whether any of its conditions matched (a near miss, when the rule did not): cheap, no verdicts built. */
  readonly partlyMatched: boolean;
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
  get partlyMatched(): boolean {
    if (this.matched) return true;
    for (let index = 0; index < this.compiled.length; index += 1)
      if (testCondition(this.compiled[index]!, this.request) >= 0) return true;
    return false;
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

/**
 * A listener's rule set compiled once, to hold while the rules stay the same (the data plane per
 * listener, the tester per rules change): `find` only decides, `match` explains as well.
 */
export interface RuleMatcher<R extends MatchableRule = MatchableRule> {
  readonly set: CompiledRuleSet<R>;
  /** The rule that takes the request (undefined: the default action), without explanation. */
  find(request: MatchRequest): R | undefined;
  /** The rule that takes the request, every rule tried and why, and what the actions do. */
  match(request: MatchRequest): RuleMatch<R>;
}

export function compileRules<R extends MatchableRule>(
  rules: readonly R[],
  defaultActions: readonly DefaultAction[] | readonly RuleAction[] = [],
): RuleMatcher<R> {
  const set = compileRuleSet(rules, defaultActions);
  return {
    set,
    find: (request) => findRule(set, request),
    match: (request) => matchRequest(set, request),
  };
}

/**
 * A rule whose conditions compile when a request first reaches it (a one-off question pays only for
 * the rules it tries), then stay compiled for every later request.
 */
class CompiledRule<R extends MatchableRule> {
  private compiled: CompiledCondition[] | undefined;
  private decision: CompiledCondition[] | undefined;
  constructor(readonly rule: R) {}
  /** In the rule's own order, as the explanation shows them. */
  get conditions(): CompiledCondition[] {
    this.compiled ??= this.rule.ruleConditions.map(compileCondition);
    return this.compiled;
  }
  /** Cheapest and most telling first: all must hold, so the order changes the cost only. */
  get decisionOrder(): CompiledCondition[] {
    this.decision ??= inCostOrder(this.conditions)
      ? this.conditions
      : [...this.conditions].sort((a, b) => COST[a.condition.type] - COST[b.condition.type]);
    return this.decision;
  }
  matches(request: PreparedRequest): boolean {
    const conditions = this.decisionOrder;
    for (let index = 0; index < conditions.length; index += 1)
      if (testCondition(conditions[index]!, request) < 0) return false;
    return true;
  }
}

function inCostOrder(conditions: readonly CompiledCondition[]): boolean {
  for (let index = 1; index < conditions.length; index += 1)
    if (COST[conditions[index - 1]!.condition.type] > COST[conditions[index]!.condition.type]) return false;
  return true;
}

/** How early a condition is tried when deciding: never-matching ones, then exact compares, then scans. */
const COST: Record<RuleConditionType, number> = {
  ResponseHeader: 0,
  ResponseStatusCode: 0,
  Host: 1,
  Path: 2,
  Method: 3,
  Header: 4,
  QueryString: 5,
  Cookie: 6,
  SourceIp: 7,
};

/** A condition compiled to data (no closures: compiling 1,000 rules stays cheap); `testCondition` runs it. */
interface CompiledCondition {
  condition: RuleCondition;
  /** Host, Path, Header values; QueryString/Cookie keys. */
  globs: readonly GlobMatcher[];
  /** QueryString/Cookie values (undefined: any). */
  valueGlobs: readonly (GlobMatcher | undefined)[];
  keyGlobs: readonly (GlobMatcher | undefined)[];
  blocks: readonly (CidrBlock | undefined)[];
  /** Header: the lower-cased name. */
  name: string;
  problem: ConditionVerdict['problem'] | undefined;
  /** For the explanation: the values as written, and the header key. */
  values: string[];
  key: string | undefined;
}

type ExplainedCondition = CompiledCondition;

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
    .map(({ rule }) => new CompiledRule(rule));
  return {
    rules: requestRules,
    defaultActions: defaultActions.map(asRuleAction),
    responseRulesSkipped: rules.length - requestRules.length,
  };
}

/** The index in `set.rules` of the rule that takes the request, or -1. */
function takingIndex(set: CompiledRuleSet<MatchableRule>, prepared: PreparedRequest): number {
  const rules = set.rules;
  for (let index = 0; index < rules.length; index += 1) if (rules[index]!.matches(prepared)) return index;
  return -1;
}

/** The rule that takes the request (undefined: the default action), without explanation. */
export function findRule<R extends MatchableRule>(
  set: CompiledRuleSet<R>,
  request: MatchRequest,
): R | undefined {
  const index = takingIndex(set, prepare(request));
  return index < 0 ? undefined : set.rules[index]!.rule;
}

export function matchRequest<R extends MatchableRule>(
  set: CompiledRuleSet<R>,
  request: MatchRequest,
): RuleMatch<R> {
  const prepared = prepare(request);
  const index = takingIndex(set, prepared);
  const taking = index < 0 ? undefined : set.rules[index]!;
  return new ExplainedMatch(
    set.rules,
    index < 0 ? set.rules.length : index + 1,
    taking,
    prepared,
    describeActions(taking ? taking.rule.ruleActions : set.defaultActions, request),
    set.responseRulesSkipped,
  );
}

/** A match whose trials are built when first read: deciding over 1,000 rules allocates none of them. */
class ExplainedMatch<R extends MatchableRule> implements RuleMatch<R> {
  private trials: RuleTrial<R>[] | undefined;
  readonly rule?: R;
  constructor(
    private readonly rules: readonly CompiledRule<R>[],
    private readonly triedCount: number,
    taking: CompiledRule<R> | undefined,
    private readonly request: PreparedRequest,
    readonly effects: ActionEffect[],
    readonly responseRulesSkipped: number,
  ) {
    if (taking) this.rule = taking.rule;
  }
  get tried(): RuleTrial<R>[] {
    if (this.trials === undefined) {
      const trials: RuleTrial<R>[] = [];
      for (let index = 0; index < this.triedCount; index += 1) {
        const compiled = this.rules[index]!;
        const taking = this.rule !== undefined && index === this.triedCount - 1;
        trials.push(new LazyTrial(compiled.rule, taking, compiled.conditions, this.request));
      }
      this.trials = trials;
    }
    return this.trials;
  }
  toJSON(): Omit<RuleMatch<R>, 'rule'> & { rule?: R } {
    return {
      ...(this.rule ? { rule: this.rule } : {}),
      tried: this.tried,
      effects: this.effects,
      responseRulesSkipped: this.responseRulesSkipped,
    };
  }
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

function verdict(compiled: ExplainedCondition, request: PreparedRequest): ConditionVerdict {
  const { condition, values, key } = compiled;
  const index = testCondition(compiled, request);
  const field = key === undefined ? condition.type : `${condition.type}:${key.toLowerCase()}`;
  let seen = request.seenByField.get(field);
  if (seen === undefined) {
    seen = seenOf(compiled, request);
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

/** How a header condition's values read: `bare` as sent (`v1`), `keyed` with the header's name (`X-Env: v1`). */
export type HeaderValueStyle = 'bare' | 'keyed';

/**
 * A condition's values as text, one per alternative: query-string and cookie pairs as `key=value`, header
 * values bare or `key: value` (the rule form's review). Unmapped values are the condition's own array.
 */
export function conditionValues(condition: RuleCondition, headers: HeaderValueStyle = 'bare'): string[] {
  switch (condition.type) {
    case 'Host':
      return condition.hostConfig.values;
    case 'Path':
      return condition.pathConfig.values;
    case 'Method':
      return condition.methodConfig.values;
    case 'Header':
      return keyedValues(condition.headerConfig, headers);
    case 'QueryString':
      return condition.queryStringConfig.values.map(pairText);
    case 'Cookie':
      return condition.cookieConfig.values.map(pairText);
    case 'SourceIp':
      return condition.sourceIpConfig.values;
    case 'ResponseHeader':
      return keyedValues(condition.responseHeaderConfig, headers);
    case 'ResponseStatusCode':
      return condition.responseStatusCodeConfig.values;
  }
}

function keyedValues({ key, values }: { key: string; values: string[] }, style: HeaderValueStyle): string[] {
  return style === 'bare' ? values : values.map((value) => `${key}: ${value}`);
}

function pairText({ key, value }: KeyValue): string {
  return `${key}=${value}`;
}

/** Shared by the fields a condition type does not use: compiling 1,000 rules allocates no empty arrays. */
const NONE: readonly never[] = [];

function compileCondition(condition: RuleCondition): CompiledCondition {
  const compiled: CompiledCondition = {
    condition,
    globs: NONE,
    valueGlobs: NONE,
    keyGlobs: NONE,
    blocks: NONE,
    name: '',
    problem: undefined,
    values: conditionValues(condition),
    key: conditionKey(condition),
  };
  switch (condition.type) {
    case 'Host':
      compiled.globs = condition.hostConfig.values.map((value) => compileGlob(value, true));
      break;
    case 'Path':
      compiled.globs = condition.pathConfig.values.map((value) => compileGlob(value, false));
      break;
    case 'Header':
      compiled.name = condition.headerConfig.key.toLowerCase();
      compiled.globs = condition.headerConfig.values.map((value) => compileGlob(value, true));
      break;
    case 'QueryString':
    case 'Cookie': {
      const pairs =
        condition.type === 'Cookie' ? condition.cookieConfig.values : condition.queryStringConfig.values;
      compiled.keyGlobs = pairs.map(({ key }) => (key === '' ? undefined : compileGlob(key, true)));
      compiled.valueGlobs = pairs.map(({ value }) => (value === '' ? undefined : compileGlob(value, true)));
      break;
    }
    case 'SourceIp':
      compiled.blocks = condition.sourceIpConfig.values.map(parseCidr);
      break;
    case 'Method':
      break;
    case 'ResponseHeader':
    case 'ResponseStatusCode':
      compiled.problem = 'responseOnly';
      break;
  }
  return compiled;
}

function firstGlob(globs: readonly GlobMatcher[], text: string): number {
  for (let index = 0; index < globs.length; index += 1) if (matchGlob(globs[index]!, text)) return index;
  return -1;
}

/** The index of the condition's value that the request matches, or -1. */
function testCondition(compiled: CompiledCondition, request: PreparedRequest): number {
  const { condition } = compiled;
  switch (condition.type) {
    case 'Host':
      return firstGlob(compiled.globs, request.host);
    case 'Path':
      return firstGlob(compiled.globs, request.source.path);
    case 'Method':
      return condition.methodConfig.values.indexOf(request.source.method);
    case 'Header': {
      const seen = request.headers.get(compiled.name);
      if (!seen) return -1;
      for (let index = 0; index < compiled.globs.length; index += 1)
        for (const value of seen) if (matchGlob(compiled.globs[index]!, value)) return index;
      return -1;
    }
    case 'QueryString':
    case 'Cookie': {
      const pairs = condition.type === 'Cookie' ? request.cookies : request.query;
      for (let index = 0; index < compiled.keyGlobs.length; index += 1) {
        const keyGlob = compiled.keyGlobs[index];
        const valueGlob = compiled.valueGlobs[index];
        for (const pair of pairs)
          if (
            (keyGlob === undefined || matchGlob(keyGlob, pair.key)) &&
            (valueGlob === undefined || matchGlob(valueGlob, pair.value))
          )
            return index;
      }
      return -1;
    }
    case 'SourceIp': {
      const ip = request.ip;
      if (!ip) return -1;
      for (let index = 0; index < compiled.blocks.length; index += 1) {
        const block = compiled.blocks[index];
        if (block !== undefined && cidrContains(block, ip)) return index;
      }
      return -1;
    }
    case 'ResponseHeader':
    case 'ResponseStatusCode':
      return -1;
  }
}

/** What the request had for the condition, as the explanation shows it. */
function seenOf(compiled: CompiledCondition, request: PreparedRequest): string[] {
  const source = request.source;
  switch (compiled.condition.type) {
    case 'Host':
      return [source.host];
    case 'Path':
      return [source.path];
    case 'Method':
      return [source.method];
    case 'Header':
      return source.headers
        .filter(({ key }) => key.toLowerCase() === compiled.name)
        .map(({ value }) => value);
    case 'QueryString':
      return source.query.map(pairText);
    case 'Cookie':
      return source.cookies.map(pairText);
    case 'SourceIp':
      return [source.sourceIp];
    case 'ResponseHeader':
    case 'ResponseStatusCode':
      return [];
  }
}
