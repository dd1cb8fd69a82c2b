// An in-memory RuleChanges for the fake clients of view and command tests: rules created, updated and
// deleted at once (Available), refused by the domain's own checks (the ones the local ALB runs), with
// DryRun, ClientToken replay, at most 10 rules a call, and a switch to make the next change fail.
import type {
  CallOptions,
  CreatedRules,
  DryRunPassed,
  ListenerChange,
  ListOptions,
  RuleChanges,
  RuleFilter,
  RuleUpdate,
  UpdateOptions,
} from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import { RULES_PER_CALL } from '../../source/domain/rule-limits.js';
import type { Rule, RuleSpec } from '../../source/domain/rule-types.js';
import {
  firstRuleError,
  validateRuleUpdates,
  validateRules,
  type RuleContext,
} from '../../source/domain/rule-validation.js';

export type RuleAction = 'CreateRules' | 'UpdateRulesAttribute' | 'DeleteRules';

export interface RuleCall {
  action: RuleAction;
  dryRun: boolean;
  clientToken: string;
  listenerId?: string;
  rules?: RuleSpec[];
  updates?: RuleUpdate[];
  ruleIds?: string[];
}

export class InMemoryRuleChanges implements RuleChanges {
  /** Every change asked for, dry runs included, in order. */
  readonly calls: RuleCall[] = [];
  /** Thrown by the next change before it does anything (then cleared). */
  failNext: AlbError | undefined;
  private readonly done = new Map<string, ListenerChange | CreatedRules>();
  private nextId = 1;
  private nextJob = 1;

  /**
   * `rules` is the fake's own list, changed in place; `context` gives the checks' context for a
   * listener (edition, server groups …), none when absent.
   */
  constructor(
    readonly rules: Rule[] = [],
    private readonly context: (listenerId: string) => RuleContext = () => ({}),
    private readonly loadBalancerOf: (listenerId: string) => string = () => 'alb-fake',
  ) {}

  async *listRules(filter: RuleFilter, _options?: ListOptions): AsyncIterable<Rule> {
    const matching = this.rules
      .filter(
        (r) =>
          (!filter.listenerIds?.length || filter.listenerIds.includes(r.listenerId)) &&
          (!filter.loadBalancerIds?.length || filter.loadBalancerIds.includes(r.loadBalancerId)) &&
          (!filter.ruleIds?.length || filter.ruleIds.includes(r.ruleId)) &&
          (!filter.direction || r.direction === filter.direction),
      )
      .sort((a, b) => a.priority - b.priority);
    for (const rule of matching) yield structuredClone(rule);
  }

  async createRules(
    listenerId: string,
    rules: readonly RuleSpec[],
    options: UpdateOptions = {},
  ): Promise<CreatedRules | DryRunPassed> {
    const call = this.begin('CreateRules', rules.length, options, { listenerId, rules: [...rules] });
    if ('replay' in call) return call.replay as CreatedRules;
    const issue = firstRuleError(
      validateRules(rules, {
        ...this.context(listenerId),
        existingRules: this.rules.filter((r) => r.listenerId === listenerId),
      }),
    );
    if (issue) throw refusal(issue.code, issue.message);
    if (options.dryRun) return { dryRun: 'passed' };
    const created = rules.map((spec): Rule => ({
      ...structuredClone(spec),
      tags: spec.tags ?? [],
      ruleId: `rule-fake${String(this.nextId++).padStart(14, '0')}`,
      listenerId,
      loadBalancerId: this.loadBalancerOf(listenerId),
      ruleStatus: 'Available',
    }));
    this.rules.push(...created);
    return this.finish(call.clientToken, { ruleIds: created.map((r) => r.ruleId) });
  }

  async updateRules(
    updates: readonly RuleUpdate[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    const call = this.begin('UpdateRulesAttribute', updates.length, options, { updates: [...updates] });
    if ('replay' in call) return call.replay;
    const listenerId = this.rules.find((r) => r.ruleId === updates[0]?.ruleId)?.listenerId ?? '';
    const ids = updates.map((u) => u.ruleId);
    const issue = firstRuleError(
      validateRuleUpdates(updates, {
        ...this.context(listenerId),
        existingRules: this.rules.filter((r) => r.listenerId === listenerId || ids.includes(r.ruleId)),
      }),
    );
    if (issue) throw refusal(issue.code, issue.message);
    if (options.dryRun) return { dryRun: 'passed' };
    for (const { ruleId, ...fields } of updates) {
      const rule = this.rules.find((r) => r.ruleId === ruleId)!;
      Object.assign(
        rule,
        structuredClone(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))),
      );
    }
    return this.finish(call.clientToken, {});
  }

  async deleteRules(
    ruleIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    const call = this.begin('DeleteRules', ruleIds.length, options, { ruleIds: [...ruleIds] });
    if ('replay' in call) return call.replay;
    const rules = ruleIds.map((id) => this.rules.find((r) => r.ruleId === id));
    const missing = ruleIds.find((_, i) => !rules[i]);
    if (missing)
      throw refusal('ResourceNotFound.Rule', {
        en: `Rule ${missing} does not exist`,
        'zh-CN': `转发规则 ${missing} 不存在`,
      });
    if (new Set(rules.map((r) => r!.loadBalancerId)).size > 1)
      throw refusal('OperationDenied.CrossLoadBalancerRules', {
        en: 'The rules of one call must all belong to the same instance',
        'zh-CN': '一次调用中的转发规则须属于同一个实例',
      });
    if (options.dryRun) return { dryRun: 'passed' };
    for (const id of ruleIds)
      this.rules.splice(
        this.rules.findIndex((r) => r.ruleId === id),
        1,
      );
    return this.finish(call.clientToken, {});
  }

  async waitForRules(
    ruleIds: readonly string[],
    options: CallOptions & { until: 'Available' | 'gone' },
  ): Promise<Rule[]> {
    if (options.until === 'gone') return [];
    return ruleIds.flatMap((id) => this.rules.filter((r) => r.ruleId === id)).map((r) => structuredClone(r));
  }

  private begin(
    action: RuleAction,
    count: number,
    options: UpdateOptions,
    details: Omit<RuleCall, 'action' | 'dryRun' | 'clientToken'>,
  ): { clientToken: string } | { replay: ListenerChange | CreatedRules } {
    const dryRun = options.dryRun === true;
    const clientToken = options.clientToken ?? `token-${this.nextJob}`;
    this.calls.push({ action, dryRun, clientToken, ...details });
    if (count < 1 || count > RULES_PER_CALL)
      throw new AlbError({
        kind: 'invalid',
        action,
        message: {
          en: `${action} takes 1 to ${RULES_PER_CALL} rules a call`,
          'zh-CN': `每次最多 ${RULES_PER_CALL} 条`,
        },
      });
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const replay = dryRun ? undefined : this.done.get(clientToken);
    return replay ? { replay } : { clientToken };
  }

  private finish<T extends object>(clientToken: string, extra: T): ListenerChange & T {
    const change = { jobId: `job-rule-${this.nextJob++}`, clientToken, ...extra };
    this.done.set(clientToken, change);
    return change;
  }
}

function refusal(code: string, message: { en: string; 'zh-CN': string }): AlbError {
  const kind = code.startsWith('ResourceNotFound')
    ? 'notFound'
    : code.startsWith('QuotaExceeded')
      ? 'quota'
      : code === 'Conflict.Priority'
        ? 'conflict'
        : 'invalid';
  return new AlbError({ kind, code, message });
}
