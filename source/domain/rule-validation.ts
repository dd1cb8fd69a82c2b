// The forwarding-rule checks of changes-and-rules.md and the API metadata, as pure functions shared
// by the rule form, the YAML editor, the CLI and the local ALB (one rule set, not two). They take
// anything (a typed RuleSpec, a half-typed draft, wire parameters read back) and never throw.
import type { Lang, Localized } from './i18n.js';
import { serverGroupProblem } from './listener-rules.js';
import type { ListenerProtocol, LoadBalancerEdition, ServerGroup } from './resources.js';
import { checkAction, type ActionFacts } from './rule-action-checks.js';
import { checkCondition, integerAt, isObj, stringAt, type IssueSink, type Severity } from './rule-checks.js';
import {
  RULE_NAME_LENGTH,
  RULE_PRIORITY,
  RULE_QUOTAS,
  RULES_PER_CALL,
  SOURCE_IPS_PER_RULE,
} from './rule-limits.js';
import { ruleMessages as m } from './rule-messages.js';
import { both } from './i18n.js';
import { FINAL_ACTION_TYPES, RULE_DIRECTIONS, type Rule } from './rule-types.js';
import { TAG } from './limits.js';

export interface RuleIssue {
  /** The rule's place in the list checked (0-based); undefined for the call as a whole. */
  ruleIndex?: number;
  /**
   * Within the rule, in the domain's names with 0-based indices, e.g.
   * `ruleConditions[1].hostConfig.values[0]`; '' for the rule (or the call) itself.
   */
  path: string;
  /** The API's error code (`Conflict.Priority`, `QuotaExceeded.RuleActionsNum`, `InvalidParameter` …). */
  code: string;
  httpStatus: number;
  severity: Severity;
  message: Localized;
}

/** The rules of a listener as the priority check needs them. */
export type ExistingRule = Pick<Rule, 'ruleId' | 'ruleName' | 'priority'> &
  Partial<Pick<Rule, 'listenerId' | 'loadBalancerId' | 'ruleStatus' | 'direction'>>;

/** What the checks know about where the rules go; plain data, no IO. Every part is optional. */
export interface RuleContext {
  /** The instance's edition: the per-rule quotas, and Basic takes no Response rules. Standard when absent. */
  edition?: LoadBalancerEdition;
  listener?: {
    listenerId?: string;
    protocol: ListenerProtocol;
    /** HTTPS listeners: gRPC server groups need HTTP/2 on. */
    http2Enabled?: boolean;
  };
  /** The instance's VPC (server groups must be in it). */
  vpcId?: string;
  /** The listener's rules now; the ones being changed are left out of the priority check. */
  existingRules?: readonly ExistingRule[];
  /** The server groups known; when absent, groups named by rules are not looked up. */
  serverGroups?: readonly ServerGroup[];
  /** The instance's rule quota and its rules count now (`ResourceQuotaExceeded.LoadBalancerRulesNum`). */
  ruleQuota?: { max: number; used: number };
}

class Sink implements IssueSink {
  readonly issues: RuleIssue[] = [];
  constructor(private readonly ruleIndex: number | undefined) {}
  add(path: string, code: string, message: Localized, severity: Severity = 'error'): void {
    const httpStatus = code.startsWith('ResourceNotFound') ? 404 : code.startsWith('Forbidden') ? 403 : 400;
    this.issues.push({
      ...(this.ruleIndex !== undefined ? { ruleIndex: this.ruleIndex } : {}),
      path,
      code,
      httpStatus,
      severity,
      message,
    });
  }
}

/**
 * Every problem with one rule on its own (fields, quotas, the final action, server groups), with
 * `ruleIndex` as given. `partial` (updates) leaves out the fields an update may omit.
 */
export function validateRule(
  spec: unknown,
  context: RuleContext = {},
  ruleIndex?: number,
  partial = false,
): RuleIssue[] {
  const sink = new Sink(ruleIndex);
  try {
    checkRule(sink, spec, context, partial);
  } catch {
    // The checks guard every access; this is the promise that a caller never sees an exception.
    sink.add('', 'InvalidParameter', both('The rule could not be read', '无法解析该转发规则'));
  }
  return sink.issues;
}

function checkRule(sink: Sink, spec: unknown, context: RuleContext, partial: boolean): void {
  if (!isObj(spec)) {
    sink.add('', 'InvalidParameter', m.notAnObject('rule'));
    return;
  }
  const edition = context.edition ?? 'Standard';
  const name = stringAt(sink, spec, 'ruleName', 'ruleName', 'ruleName', !partial);
  if (name !== undefined) checkRuleName(sink, name);
  integerAt(sink, spec, 'priority', 'priority', 'priority', RULE_PRIORITY, !partial);
  const rawDirection = spec['direction'] ?? 'Request';
  let direction = 'Request';
  if (typeof rawDirection !== 'string' || !(RULE_DIRECTIONS as readonly string[]).includes(rawDirection))
    sink.add('direction', 'InvalidParameter', m.oneOf('direction', RULE_DIRECTIONS, rawDirection));
  else direction = rawDirection;
  if (direction === 'Response' && edition === 'Basic')
    sink.add('direction', 'InvalidParameter', m.basicNoResponseRules());
  const quota = RULE_QUOTAS[edition] ?? RULE_QUOTAS.Standard;

  const conditions = spec['ruleConditions'];
  if (conditions === undefined || (Array.isArray(conditions) && conditions.length === 0)) {
    if (!partial || conditions !== undefined)
      sink.add('ruleConditions', 'MissingParameter', m.required('conditions'));
  } else if (!Array.isArray(conditions))
    sink.add('ruleConditions', 'InvalidParameter', m.notAList('conditions'));
  else {
    let wildcards = 0;
    let sourceIps = 0;
    conditions.forEach((c, i) => {
      const facts = checkCondition(sink, c, `ruleConditions[${i}]`, direction);
      wildcards += facts.wildcards;
      sourceIps += facts.sourceIps;
    });
    if (conditions.length > quota.conditions)
      sink.add(
        'ruleConditions',
        'QuotaExceeded.RuleMatchEvaluationsNum',
        m.quota('conditions', edition, quota.conditions, conditions.length),
      );
    if (wildcards > quota.wildcards)
      sink.add(
        'ruleConditions',
        'QuotaExceeded.RuleWildcardsNum',
        m.quota('wildcards', edition, quota.wildcards, wildcards),
      );
    if (sourceIps > SOURCE_IPS_PER_RULE)
      sink.add('ruleConditions', 'InvalidParameter', m.sourceIpsPerRule(SOURCE_IPS_PER_RULE, sourceIps));
  }

  const actions = spec['ruleActions'];
  if (actions === undefined || (Array.isArray(actions) && actions.length === 0)) {
    if (!partial || actions !== undefined) sink.add('ruleActions', 'MissingParameter', m.required('actions'));
  } else if (!Array.isArray(actions)) sink.add('ruleActions', 'InvalidParameter', m.notAList('actions'));
  else {
    const facts = actions.map((a, i) =>
      checkAction(sink, a, `ruleActions[${i}]`, direction, context.listener?.protocol),
    );
    if (actions.length > quota.actions)
      sink.add(
        'ruleActions',
        'QuotaExceeded.RuleActionsNum',
        m.quota('actions', edition, quota.actions, actions.length),
      );
    checkActionSet(sink, facts, direction);
    checkGroups(sink, actions, facts, context);
  }

  const tags = spec['tags'];
  if (tags !== undefined) checkTags(sink, tags);
}

function checkRuleName(sink: Sink, name: string): void {
  const characters = [...name];
  const bad = characters.find((c) => !(c.codePointAt(0)! > 0xff || /^[A-Za-z0-9._-]$/.test(c)));
  if (bad !== undefined) {
    sink.add(
      'ruleName',
      'InvalidParameter',
      m.characters(
        'ruleName',
        both('Chinese characters, letters, digits, . _ and -', '中文、字母、数字、. _ 和 -'),
        bad,
      ),
    );
    return;
  }
  if (characters.length < RULE_NAME_LENGTH.min || characters.length > RULE_NAME_LENGTH.max) {
    sink.add(
      'ruleName',
      'InvalidParameter',
      m.lengthRange('ruleName', RULE_NAME_LENGTH.min, RULE_NAME_LENGTH.max, characters.length),
    );
    return;
  }
  const first = characters[0]!;
  if (!(first.codePointAt(0)! > 0xff || /^[A-Za-z]$/.test(first)))
    sink.add(
      'ruleName',
      'InvalidParameter',
      m.format('ruleName', both('starts with a letter or a Chinese character', '须以字母或中文开头'), name),
    );
}

/** Order unique; exactly one final action and it last (Request rules); Rewrite with a ForwardGroup. */
function checkActionSet(sink: Sink, facts: readonly ActionFacts[], direction: string): void {
  const orders = new Map<number, number>();
  facts.forEach((f, i) => {
    if (f.order === undefined) return;
    if (orders.has(f.order))
      sink.add(`ruleActions[${i}].order`, 'InvalidParameter', m.duplicate('order', f.order));
    else orders.set(f.order, i);
  });
  const typed = facts.map((f, i) => ({ ...f, index: i })).filter((f) => f.type !== undefined);
  for (const type of ['Rewrite', 'TrafficLimit', 'TrafficMirror', 'Cors']) {
    const same = typed.filter((f) => f.type === type);
    if (same.length > 1)
      sink.add(`ruleActions[${same[1]!.index}].type`, 'InvalidParameter', m.onceOnly(type));
  }
  for (const type of ['InsertHeader', 'RemoveHeader']) {
    const seen = new Set<string>();
    for (const f of typed) {
      if (f.type !== type || f.headerKey === undefined) continue;
      const key = f.headerKey.toLowerCase();
      const label = type === 'InsertHeader' ? 'insertKey' : 'removeKey';
      if (seen.has(key))
        sink.add(`ruleActions[${f.index}]`, 'InvalidParameter', m.duplicate(label, f.headerKey));
      seen.add(key);
    }
  }
  if (direction === 'Response') return;
  const finals = typed.filter((f) => FINAL_ACTION_TYPES.includes(f.type as never));
  if (typed.length === facts.length && finals.length === 0)
    sink.add('ruleActions', 'InvalidParameter', m.finalMissing());
  if (finals.length > 1)
    sink.add(
      `ruleActions[${finals[1]!.index}].type`,
      'InvalidParameter',
      m.finalTwice(finals[0]!.type!, finals[1]!.type!),
    );
  const final = finals[0];
  if (final && final.order !== undefined) {
    const later = typed.find(
      (f) => f !== final && !finals.includes(f) && f.order !== undefined && f.order > final.order!,
    );
    if (later)
      sink.add(
        `ruleActions[${final.index}].order`,
        'InvalidParameter',
        m.finalNotLast(final.type!, later.type!),
      );
  }
  const rewrite = typed.find((f) => f.type === 'Rewrite');
  if (rewrite && !typed.some((f) => f.type === 'ForwardGroup'))
    sink.add(
      `ruleActions[${rewrite.index}]`,
      'OperationDenied.RewriteMissingForwardGroup',
      m.rewriteNeedsForward(),
    );
}

/** Server groups of ForwardGroup and TrafficMirror actions against the known groups (as for listeners). */
function checkGroups(
  sink: Sink,
  actions: readonly unknown[],
  facts: readonly ActionFacts[],
  context: RuleContext,
): void {
  const forwarded = new Set(facts.filter((f) => f.type === 'ForwardGroup').flatMap((f) => f.groupIds));
  facts.forEach((f, i) => {
    if (f.type === 'TrafficMirror')
      for (const id of f.groupIds)
        if (forwarded.has(id))
          sink.add(
            `ruleActions[${i}].trafficMirrorConfig`,
            'OperationDenied.SameGroupForForwardAndMirrorAction',
            m.mirrorSameAsForward(id),
          );
  });
  const known = context.serverGroups;
  if (!known) return;
  const protocol = context.listener?.protocol;
  facts.forEach((f, i) => {
    if (f.type !== 'ForwardGroup' && f.type !== 'TrafficMirror') return;
    const action = actions[i];
    const base =
      f.type === 'ForwardGroup'
        ? `ruleActions[${i}].forwardGroupConfig.serverGroupTuples`
        : `ruleActions[${i}].trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples`;
    const protocols = new Set<string>();
    f.groupIds.forEach((id, j) => {
      const path = `${base}[${j}].serverGroupId`;
      const group = known.find((g) => g.serverGroupId === id);
      if (!group) return sink.add(path, 'ResourceNotFound.ServerGroup', m.serverGroupNotFound(id));
      protocols.add(group.protocol);
      if (f.type === 'TrafficMirror') {
        if (group.serverGroupType === 'Ip')
          return sink.add(path, 'OperationDenied.IpGroupCanNotUsedForMirrorAction', m.mirrorIpGroup(id));
        if (group.protocol !== 'HTTP')
          return sink.add(
            path,
            'OperationDenied.MirrorActionSupportHttpGroupOnly',
            m.mirrorHttpOnly(id, group.protocol),
          );
      }
      if (protocol && context.vpcId !== undefined) {
        const problem = serverGroupProblem(group, protocol, context.vpcId);
        if (problem) {
          const code = problem.code === 'Mismatch.VpcId' ? problem.code : 'Mismatch.Protocol';
          return sink.add(path, code, problem.message);
        }
      }
      if (group.protocol === 'GRPC' && protocol === 'HTTPS' && context.listener?.http2Enabled === false)
        sink.add(path, 'OperationDenied.GRPCServerGroup', m.grpcNeedsHttp2(id));
    });
    if (f.type === 'ForwardGroup' && protocols.size > 1 && isObj(action))
      sink.add(
        base,
        'OperationDenied.ProtocolMustSameForForwardGroupAction',
        m.groupsMixedProtocol([...protocols]),
      );
  });
}

function checkTags(sink: Sink, tags: unknown): void {
  if (!Array.isArray(tags)) return sink.add('tags', 'InvalidParameter', m.notAList('tags'));
  if (tags.length > TAG.maxCount)
    sink.add('tags', 'InvalidParameter', m.tooMany('tags', TAG.maxCount, tags.length));
  tags.forEach((tag, i) => {
    if (!isObj(tag)) return sink.add(`tags[${i}]`, 'InvalidParameter', m.notAnObject('tags'));
    const key = stringAt(sink, tag, 'key', `tags[${i}].key`, 'tagKey', true);
    const value = stringAt(sink, tag, 'value', `tags[${i}].value`, 'tagValue', false);
    const rule = both(
      `at most ${TAG.maxKeyLength} characters, not starting with aliyun or acs:, without http:// or https://`,
      `最多 ${TAG.maxKeyLength} 个字符，不能以 aliyun 或 acs: 开头，不能包含 http:// 或 https://`,
    );
    if (
      key !== undefined &&
      (key === '' ||
        [...key].length > TAG.maxKeyLength ||
        /^(aliyun|acs:)/i.test(key) ||
        /https?:\/\//i.test(key))
    )
      sink.add(`tags[${i}].key`, 'InvalidParameter', m.format('tagKey', rule, key));
    if (
      value !== undefined &&
      ([...value].length > TAG.maxValueLength || /^(aliyun|acs:)/i.test(value) || /https?:\/\//i.test(value))
    )
      sink.add(`tags[${i}].value`, 'InvalidParameter', m.format('tagValue', rule, value));
  });
}

/** The call-level checks: 1–10 rules. */
function checkCount(specs: unknown, sink: Sink): unknown[] | undefined {
  if (specs === undefined || (Array.isArray(specs) && specs.length === 0)) {
    sink.add('', 'MissingParameter', m.required('rules'));
    return undefined;
  }
  if (!Array.isArray(specs)) {
    sink.add('', 'InvalidParameter', m.notAList('rules'));
    return undefined;
  }
  if (specs.length > RULES_PER_CALL)
    sink.add('', 'InvalidParameter', m.rulesPerCall(RULES_PER_CALL, specs.length));
  return specs;
}

/** Priorities unique within the call and against the listener's other rules (`Conflict.Priority`). */
function checkPriorities(
  priorities: readonly { index: number; priority: unknown }[],
  others: readonly ExistingRule[],
  out: RuleIssue[],
): void {
  const firstAt = new Map<number, number>();
  for (const { index, priority } of priorities) {
    if (typeof priority !== 'number' || !Number.isInteger(priority)) continue;
    const sink = new Sink(index);
    const holder = others.find((r) => r.priority === priority);
    if (holder) sink.add('priority', 'Conflict.Priority', m.priorityTaken(priority, holder));
    const earlier = firstAt.get(priority);
    if (earlier !== undefined) sink.add('priority', 'Conflict.Priority', m.priorityTwice(priority, earlier));
    else firstAt.set(priority, index);
    out.push(...sink.issues);
  }
}

/**
 * Every problem with the rules of one `CreateRules` call (or one rule of `CreateRule`, or the form):
 * the count, each rule, priorities against each other and the listener's rules, the rule quota.
 */
export function validateRules(specs: unknown, context: RuleContext = {}): RuleIssue[] {
  const call = new Sink(undefined);
  const list = checkCount(specs, call);
  const out = [...call.issues];
  if (!list) return out;
  list.forEach((spec, i) => out.push(...validateRule(spec, context, i)));
  checkPriorities(
    list.map((spec, index) => ({ index, priority: isObj(spec) ? spec['priority'] : undefined })),
    context.existingRules ?? [],
    out,
  );
  const quota = context.ruleQuota;
  if (quota && quota.used + list.length > quota.max) {
    const sink = new Sink(undefined);
    sink.add('', 'ResourceQuotaExceeded.LoadBalancerRulesNum', m.ruleQuota(quota.max));
    out.push(...sink.issues);
  }
  return out;
}

/**
 * Every problem with the updates of one `UpdateRulesAttribute` call: each rule known, Available and
 * of one listener; each rule as it would be after the update checked in full; priorities against
 * each other and the listener's other rules. `context.existingRules` must hold the full rules.
 */
export function validateRuleUpdates(
  updates: unknown,
  context: RuleContext & { existingRules: readonly (ExistingRule & Partial<Rule>)[] },
): RuleIssue[] {
  const call = new Sink(undefined);
  const list = checkCount(updates, call);
  const out = [...call.issues];
  if (!list) return out;
  const touched: { index: number; rule: ExistingRule & Partial<Rule>; priority: unknown }[] = [];
  const listeners = new Set<string>();
  list.forEach((update, index) => {
    const sink = new Sink(index);
    if (!isObj(update)) {
      sink.add('', 'InvalidParameter', m.notAnObject('rule'));
      out.push(...sink.issues);
      return;
    }
    const ruleId = stringAt(sink, update, 'ruleId', 'ruleId', 'ruleId', true);
    const rule = ruleId === undefined ? undefined : context.existingRules.find((r) => r.ruleId === ruleId);
    if (ruleId !== undefined && !rule) sink.add('ruleId', 'ResourceNotFound.Rule', m.ruleNotFound(ruleId));
    if (rule?.ruleStatus !== undefined && rule.ruleStatus !== 'Available')
      sink.add('ruleId', 'IncorrectStatus.Rule', m.ruleBusy(rule.ruleId, rule.ruleStatus));
    if (rule?.listenerId !== undefined) listeners.add(rule.listenerId);
    if (listeners.size > 1)
      sink.add('ruleId', 'OperationDenied.ListenerIdInconsistent', m.listenerInconsistent());
    out.push(...sink.issues);
    if (!rule) {
      out.push(...validateRule(update, context, index, true));
      return;
    }
    const after = { ...rule, ...definedOnly(update) };
    // The rule is checked whole, so an edition downgrade or a renamed group shows on the update too.
    out.push(...validateRule(after, context, index));
    touched.push({ index, rule, priority: after['priority'] });
  });
  const moving = new Set(touched.map((t) => t.rule.ruleId));
  checkPriorities(
    touched.map((t) => ({ index: t.index, priority: t.priority })),
    context.existingRules.filter((r) => !moving.has(r.ruleId)),
    out,
  );
  return out;
}

function definedOnly(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export function ruleErrors(issues: readonly RuleIssue[]): RuleIssue[] {
  return issues.filter((i) => i.severity === 'error');
}

/** The error the API answers first: missing, then invalid, then not found, then the rest. */
export function firstRuleError(issues: readonly RuleIssue[]): RuleIssue | undefined {
  const rank = (i: RuleIssue) =>
    i.code === 'MissingParameter'
      ? 0
      : i.code === 'InvalidParameter'
        ? 1
        : i.code.startsWith('ResourceNotFound')
          ? 2
          : 3;
  return [...ruleErrors(issues)].sort((a, b) => rank(a) - rank(b))[0];
}

const WIRE_EXCEPTIONS: Record<string, string> = { qps: 'QPS', tags: 'Tag' };

/**
 * The API parameter an issue names: `Rules.2.RuleConditions.1.HostConfig.Values.1` in a batch call,
 * `RuleConditions.1.HostConfig.Values.1` in a single one.
 */
export function ruleIssueParameter(issue: Pick<RuleIssue, 'ruleIndex' | 'path'>, batch: boolean): string {
  const segments: string[] = [];
  if (batch) segments.push('Rules');
  if (batch && issue.ruleIndex !== undefined) segments.push(String(issue.ruleIndex + 1));
  for (const part of issue.path.split('.')) {
    if (part === '') continue;
    const match = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    const name = match[1]!;
    segments.push(WIRE_EXCEPTIONS[name] ?? name.charAt(0).toUpperCase() + name.slice(1));
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(String(Number(index[1]) + 1));
  }
  return segments.join('.') || (batch ? 'Rules' : 'RuleId');
}

/** An issue as one line for the user: where (rule N, field) and what. */
export function ruleIssueText(issue: RuleIssue, lang: Lang): string {
  const where = [
    issue.ruleIndex !== undefined
      ? lang === 'en'
        ? `rule ${issue.ruleIndex + 1}`
        : `第 ${issue.ruleIndex + 1} 条`
      : '',
    issue.path,
  ]
    .filter((s) => s !== '')
    .join(' ');
  return where ? `${where}: ${issue.message[lang]}` : issue.message[lang];
}
