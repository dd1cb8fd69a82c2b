// Forwarding rules: ListRules, CreateRule(s), UpdateRule(s)Attribute, DeleteRule(s). Changes are
// asynchronous as in ALB: rules are `Provisioning` (created) or `Configuring` (updated, being deleted)
// with a job, and settle after the provisioning delay. Every check is the domain's
// (rule-validation.ts), the same the rule form runs as the user types.
import type { Rule, RuleSpec } from '../domain/rule-types.js';
import { RULE_DIRECTIONS } from '../domain/rule-types.js';
import { LIST_RULES_FILTER_MAX, RULES_PER_CALL } from '../domain/rule-limits.js';
import {
  firstRuleError,
  ruleIssueParameter,
  validateRuleUpdates,
  validateRules,
  type RuleContext,
  type RuleIssue,
} from '../domain/rule-validation.js';
import { ruleFromApi, ruleToApi } from '../domain/rule-wire.js';
import { busyRefusal } from '../domain/update-rules.js';
import { unflatten, type WireParams } from '../domain/wire.js';
import { matchesTags, paginate, type Args } from './args.js';
import { randomInt } from 'node:crypto';
import { ApiError, dryRunPassed, invalidParameter, missingParameter } from './errors.js';
import type { ActionTable, ListenerChangeHost } from './listener-actions.js';
import type { EmulatorState, PendingTransition, StoredListener } from './state.js';

type Json = Record<string, unknown>;

export const RULE_ACTIONS = [
  'ListRules',
  'CreateRule',
  'CreateRules',
  'UpdateRuleAttribute',
  'UpdateRulesAttribute',
  'DeleteRule',
  'DeleteRules',
] as const;

export function rulesOf(state: EmulatorState): Rule[] {
  state.rules ??= [];
  return state.rules;
}

/** A rule as ListRules answers it: exactly the fields of the reply's metadata. */
export function renderRule(rule: Rule): Json {
  return {
    RuleId: rule.ruleId,
    RuleName: rule.ruleName,
    ListenerId: rule.listenerId,
    LoadBalancerId: rule.loadBalancerId,
    Priority: rule.priority,
    Direction: rule.direction,
    RuleStatus: rule.ruleStatus,
    RuleConditions: ruleToApi(rule.ruleConditions),
    RuleActions: ruleToApi(rule.ruleActions),
    Tags: (rule.tags ?? []).map((t) => ({ Key: t.key, Value: t.value })),
  };
}

/** A refusal from the domain's checks, as the API answers it. */
function refusal(issue: RuleIssue, batch: boolean): ApiError {
  const parameter = ruleIssueParameter(issue, batch);
  if (issue.code === 'MissingParameter') return missingParameter(parameter);
  if (issue.code === 'InvalidParameter') return invalidParameter(parameter, issue.message.en);
  return new ApiError(issue.code, issue.httpStatus, issue.message.en);
}

/** The wire parameters of a call read back into the domain's shape (numbers and booleans typed). */
function readTree(params: WireParams): Json {
  return ruleFromApi(unflatten(params)) as Json;
}

/** What the checks need to know about a listener, from the current state. */
export function ruleContext(
  state: EmulatorState,
  listener: StoredListener,
  excludeRuleIds: string[] = [],
): RuleContext {
  const lb = state.loadBalancers.find((l) => l.loadBalancerId === listener.loadBalancerId);
  return {
    ...(lb ? { edition: lb.loadBalancerEdition, vpcId: lb.vpcId } : {}),
    listener: {
      listenerId: listener.listenerId,
      protocol: listener.listenerProtocol,
      http2Enabled: listener.http2Enabled,
    },
    existingRules: rulesOf(state).filter(
      (r) => r.listenerId === listener.listenerId && !excludeRuleIds.includes(r.ruleId),
    ),
    serverGroups: state.serverGroups,
  };
}

export function ruleActions(host: ListenerChangeHost): ActionTable {
  const state = host.state;

  const newRuleId = (): string => {
    const taken = new Set(rulesOf(state).map((r) => r.ruleId));
    for (;;) {
      const id = `rule-${randomAlnum(18)}`;
      if (!taken.has(id)) return id;
    }
  };

  /** Starts the job of a rule change and queues its settling. */
  const schedule = (
    action: string,
    kind: PendingTransition['kind'],
    listenerId: string,
    ruleIds: string[],
    extra: Partial<PendingTransition> = {},
  ): string => {
    const operateType = kind === 'rule-create' ? 'Create' : kind === 'rule-delete' ? 'Delete' : 'Update';
    const jobId = host.startJob(action, operateType, ruleIds[0] ?? listenerId);
    const job = state.jobs.find((j) => j.id === jobId);
    if (job) job.resourceType = 'rule';
    state.pending.push({
      kind,
      listenerId,
      jobId,
      dueAt: host.now() + host.delayMs,
      ruleIds,
      ...extra,
      ...host.asyncOutcome(action),
    });
    return jobId;
  };

  const listenerFor = (action: string, args: Args): StoredListener => {
    const listener = host.findListener(args.required('ListenerId'));
    const busy = busyRefusal(listener);
    if (busy) {
      // CreateRules lists only IncorrectStatus.Listener for a listener that is not ready.
      const code = action === 'CreateRules' ? 'IncorrectStatus.Listener' : busy.code;
      throw new ApiError(
        code,
        400,
        `The status of ${listener.listenerId} [${listener.listenerStatus}] is incorrect.`,
      );
    }
    return listener;
  };

  const create = (action: 'CreateRule' | 'CreateRules', args: Args): Json => {
    const dryRun = args.boolean('DryRun') === true;
    const replayed = dryRun ? undefined : host.replay(action, args);
    if (replayed) return revive(replayed);
    const batch = action === 'CreateRules';
    const tree = readTree(args.params);
    const listener = listenerFor(action, args);
    const specs: unknown = batch ? tree['rules'] : [ruleOfCall(tree)];
    const issues = validateRules(specs, ruleContext(state, listener));
    const first = firstRuleError(issues);
    if (first) throw refusal(first, batch);
    if (dryRun) throw dryRunPassed();
    const created = (specs as RuleSpec[]).map((spec): Rule => ({
      ruleId: newRuleId(),
      ruleName: spec.ruleName,
      priority: spec.priority,
      direction: spec.direction ?? 'Request',
      ruleConditions: spec.ruleConditions,
      ruleActions: spec.ruleActions,
      tags: (spec.tags ?? []).map((t) => ({ key: t.key, value: t.value ?? '' })),
      listenerId: listener.listenerId,
      loadBalancerId: listener.loadBalancerId,
      ruleStatus: 'Provisioning',
    }));
    rulesOf(state).push(...created);
    const ids = created.map((r) => r.ruleId);
    const jobId = schedule(action, 'rule-create', listener.listenerId, ids);
    const response: Record<string, string> = batch
      ? {
          JobId: jobId,
          RuleIds: JSON.stringify(created.map((r) => ({ RuleId: r.ruleId, Priority: r.priority }))),
        }
      : { JobId: jobId, RuleId: ids[0]! };
    host.remember(action, args, response);
    host.committed();
    return revive(response);
  };

  const update = (action: 'UpdateRuleAttribute' | 'UpdateRulesAttribute', args: Args): Json => {
    const dryRun = args.boolean('DryRun') === true;
    const replayed = dryRun ? undefined : host.replay(action, args);
    if (replayed) return replayed;
    const batch = action === 'UpdateRulesAttribute';
    const tree = readTree(args.params);
    if (!batch) args.required('RuleId');
    // Only what the update actions take: direction and tags stay as they were.
    const updates: unknown = batch
      ? Array.isArray(tree['rules'])
        ? tree['rules'].map((u: unknown) => (isJson(u) ? pick(u, UPDATABLE) : u))
        : tree['rules']
      : [pick(tree, UPDATABLE)];
    const ids = Array.isArray(updates) ? updates.map((u) => (isJson(u) ? u['ruleId'] : undefined)) : [];
    const first = rulesOf(state).find((r) => ids.includes(r.ruleId));
    const listener = first ? state.listeners.find((l) => l.listenerId === first.listenerId) : undefined;
    if (listener && !batch) {
      const busy = busyRefusal(listener);
      if (busy?.code === 'ResourceInConfiguring.Listener')
        throw new ApiError(
          busy.code,
          400,
          `The specified listener ${listener.listenerId} is being configured, please try again later.`,
        );
    }
    const context = listener ? ruleContext(state, listener) : {};
    // The listener's rules (priorities) and every rule the call names (a rule elsewhere is refused).
    const existingRules = rulesOf(state).filter(
      (r) => r.listenerId === listener?.listenerId || ids.includes(r.ruleId),
    );
    const issues = validateRuleUpdates(updates, { ...context, existingRules });
    const error = firstRuleError(issues);
    if (error) throw refusal(error, batch);
    if (dryRun) throw dryRunPassed();
    const fields: Record<string, Record<string, unknown>> = {};
    for (const u of updates as Json[]) {
      const { ruleId, ...rest } = u;
      const rule = rulesOf(state).find((r) => r.ruleId === ruleId)!;
      rule.ruleStatus = 'Configuring';
      fields[rule.ruleId] = { ...fields[rule.ruleId], ...definedOnly(rest) };
    }
    const jobId = schedule(action, 'rule-update', listener?.listenerId ?? '', Object.keys(fields), {
      ruleUpdates: fields,
    });
    const response = { JobId: jobId };
    host.remember(action, args, response);
    host.committed();
    return response;
  };

  const remove = (action: 'DeleteRule' | 'DeleteRules', args: Args): Json => {
    const dryRun = args.boolean('DryRun') === true;
    const replayed = dryRun ? undefined : host.replay(action, args);
    if (replayed) return replayed;
    const ids = action === 'DeleteRule' ? [args.required('RuleId')] : args.list('RuleIds', RULES_PER_CALL);
    if (ids.length === 0) throw missingParameter('RuleIds');
    const rules = ids.map((id) => {
      const rule = rulesOf(state).find((r) => r.ruleId === id);
      if (!rule)
        throw new ApiError('ResourceNotFound.Rule', 404, `The specified resource ${id} is not found.`);
      return rule;
    });
    if (new Set(rules.map((r) => r.loadBalancerId)).size > 1)
      throw new ApiError(
        'OperationDenied.CrossLoadBalancerRules',
        400,
        'The operation is not allowed because of the rules belong to more than one load balancer.',
      );
    for (const rule of rules)
      if (rule.ruleStatus !== 'Available')
        throw new ApiError(
          'IncorrectStatus.Rule',
          400,
          `The status of ${rule.ruleId} [${rule.ruleStatus}] is incorrect.`,
        );
    if (action === 'DeleteRule') {
      const listener = state.listeners.find((l) => l.listenerId === rules[0]!.listenerId);
      if (listener?.listenerStatus === 'Configuring')
        throw new ApiError(
          'ResourceInConfiguring.Listener',
          400,
          `The specified listener ${listener.listenerId} is being configured, please try again later.`,
        );
    }
    if (dryRun) throw dryRunPassed();
    for (const rule of rules) rule.ruleStatus = 'Configuring';
    const jobId = schedule(action, 'rule-delete', rules[0]!.listenerId, [...new Set(ids)]);
    const response = { JobId: jobId };
    host.remember(action, args, response);
    host.committed();
    return response;
  };

  return {
    ListRules: (args) => listRules(state, args),
    CreateRule: (args) => create('CreateRule', args),
    CreateRules: (args) => create('CreateRules', args),
    UpdateRuleAttribute: (args) => update('UpdateRuleAttribute', args),
    UpdateRulesAttribute: (args) => update('UpdateRulesAttribute', args),
    DeleteRule: (args) => remove('DeleteRule', args),
    DeleteRules: (args) => remove('DeleteRules', args),
  };
}

function listRules(state: EmulatorState, args: Args): Json {
  const listenerIds = args.list('ListenerIds', LIST_RULES_FILTER_MAX);
  const loadBalancerIds = args.list('LoadBalancerIds', LIST_RULES_FILTER_MAX);
  const ruleIds = args.list('RuleIds', LIST_RULES_FILTER_MAX);
  const direction = args.oneOf('Direction', RULE_DIRECTIONS);
  const tags = args.tags();
  const listenerOrder = new Map(state.listeners.map((l, i) => [l.listenerId, i]));
  const matching = rulesOf(state)
    .filter(
      (r) =>
        (listenerIds.length === 0 || listenerIds.includes(r.listenerId)) &&
        (loadBalancerIds.length === 0 || loadBalancerIds.includes(r.loadBalancerId)) &&
        (ruleIds.length === 0 || ruleIds.includes(r.ruleId)) &&
        (!direction || r.direction === direction) &&
        matchesTags(r.tags ?? [], tags),
    )
    .sort(
      (a, b) =>
        (listenerOrder.get(a.listenerId) ?? 0) - (listenerOrder.get(b.listenerId) ?? 0) ||
        a.priority - b.priority,
    );
  const page = paginate(matching, args, 'ListRules');
  return { Rules: page.items.map(renderRule), ...page.paging };
}

const UPDATABLE = ['ruleId', 'ruleName', 'priority', 'ruleConditions', 'ruleActions'];

function pick(value: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}

/** The rule fields of a single-rule call (`CreateRule`, `UpdateRuleAttribute`), from its parameters. */
function ruleOfCall(tree: Json): Json {
  const out: Json = {};
  for (const key of ['ruleName', 'priority', 'direction', 'ruleConditions', 'ruleActions', 'tags'])
    if (tree[key] !== undefined) out[key] = tree[key];
  return out;
}

/** Replayed answers keep lists as JSON text (the idempotency record holds strings). */
function revive(response: Json): Json {
  const ids = response['RuleIds'];
  return typeof ids === 'string' ? { ...response, RuleIds: JSON.parse(ids) as unknown } : response;
}

/** Completes a rule change that is due: created rules turn Available (or vanish when it failed), and so on. */
export function settleRuleChange(state: EmulatorState, transition: PendingTransition): void {
  const ids = new Set(transition.ruleIds ?? []);
  const failed = transition.failure !== undefined;
  const rules = rulesOf(state);
  if (transition.kind === 'rule-create') {
    if (failed) state.rules = rules.filter((r) => !ids.has(r.ruleId));
    else
      for (const r of rules)
        if (ids.has(r.ruleId) && r.ruleStatus === 'Provisioning') r.ruleStatus = 'Available';
    return;
  }
  if (transition.kind === 'rule-delete' && !failed) {
    state.rules = rules.filter((r) => !ids.has(r.ruleId));
    return;
  }
  for (const rule of rules) {
    if (!ids.has(rule.ruleId)) continue;
    const fields = transition.ruleUpdates?.[rule.ruleId];
    if (!failed && fields) Object.assign(rule, fields);
    rule.ruleStatus = 'Available';
  }
}

export function isRuleTransition(transition: PendingTransition): boolean {
  return transition.kind.startsWith('rule-');
}

/** A listener's rules go with it. */
export function dropListenerRules(state: EmulatorState, listenerId: string): void {
  if (state.rules) state.rules = state.rules.filter((r) => r.listenerId !== listenerId);
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}
