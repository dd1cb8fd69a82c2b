// An in-memory ALB for the rules pane: rules per listener, Conflict.Priority on a clash (checked per
// change, in the order sent, as a careful server would), every call recorded.
import type { CreatedRules, ListenerChange, RuleFilter, RuleUpdate } from '../../../source/alb/client.js';
import { AlbError } from '../../../source/alb/errors.js';
import type { Listener, ServerGroup } from '../../../source/domain/resources.js';
import type { Rule, RuleSpec } from '../../../source/domain/rule-types.js';
import type { RulesClient } from '../../../source/ui/rules/rules-view.js';

export interface RecordedCall {
  action: 'CreateRules' | 'UpdateRulesAttribute' | 'DeleteRules';
  count: number;
}

export class FakeRulesClient implements RulesClient {
  readonly calls: RecordedCall[] = [];
  private next = 1;
  /** Makes the next call of this action fail with this code. */
  failNext?: { action: RecordedCall['action']; code: string };

  constructor(
    public rules: Rule[],
    private readonly listeners: Record<string, { loadBalancerId: string; groups: string[] }>,
  ) {}

  async *listRules(filter: RuleFilter): AsyncIterable<Rule> {
    for (const rule of this.rules) {
      if (filter.listenerIds && !filter.listenerIds.includes(rule.listenerId)) continue;
      yield structuredClone(rule);
    }
  }

  private clash(listenerId: string, priority: number, except?: string) {
    const holder = this.rules.find(
      (rule) => rule.listenerId === listenerId && rule.priority === priority && rule.ruleId !== except,
    );
    if (holder)
      throw new AlbError({
        kind: 'conflict',
        code: 'Conflict.Priority',
        message: { en: `Conflict.Priority ${priority}`, 'zh-CN': `优先级冲突 ${priority}` },
        noEffect: true,
      });
  }

  private failIf(action: RecordedCall['action']) {
    if (this.failNext?.action !== action) return;
    const { code } = this.failNext;
    this.failNext = undefined;
    throw new AlbError({ kind: 'invalid', code, message: { en: code, 'zh-CN': code }, noEffect: true });
  }

  async createRules(listenerId: string, specs: readonly RuleSpec[]): Promise<CreatedRules> {
    this.calls.push({ action: 'CreateRules', count: specs.length });
    if (specs.length > 10) throw new Error('more than 10 rules in one call');
    this.failIf('CreateRules');
    for (const spec of specs) this.clash(listenerId, spec.priority);
    const loadBalancerId = this.listeners[listenerId]?.loadBalancerId ?? 'alb-x';
    const ruleIds = specs.map((spec) => {
      const ruleId = `rule-new-${this.next++}`;
      this.rules.push({
        ...structuredClone(spec),
        ruleId,
        listenerId,
        loadBalancerId,
        ruleStatus: 'Available',
      });
      return ruleId;
    });
    return { ruleIds, jobId: `job-${this.next}`, clientToken: 't' };
  }

  async updateRules(updates: readonly RuleUpdate[]): Promise<ListenerChange> {
    this.calls.push({ action: 'UpdateRulesAttribute', count: updates.length });
    if (updates.length > 10) throw new Error('more than 10 rules in one call');
    this.failIf('UpdateRulesAttribute');
    for (const update of updates) {
      const rule = this.rules.find((candidate) => candidate.ruleId === update.ruleId)!;
      if (update.priority !== undefined) this.clash(rule.listenerId, update.priority, rule.ruleId);
      Object.assign(rule, update);
    }
    return { jobId: `job-${this.next++}`, clientToken: 't' };
  }

  async deleteRules(ruleIds: readonly string[]): Promise<ListenerChange> {
    this.calls.push({ action: 'DeleteRules', count: ruleIds.length });
    if (ruleIds.length > 10) throw new Error('more than 10 rules in one call');
    this.failIf('DeleteRules');
    this.rules = this.rules.filter((rule) => !ruleIds.includes(rule.ruleId));
    return { jobId: `job-${this.next++}`, clientToken: 't' };
  }

  async waitForRules(ruleIds: readonly string[], options: { until: 'Available' | 'gone' }): Promise<Rule[]> {
    return options.until === 'gone' ? [] : this.rules.filter((rule) => ruleIds.includes(rule.ruleId));
  }

  async getListener(listenerId: string): Promise<Listener> {
    const known = this.listeners[listenerId];
    return {
      listenerId,
      loadBalancerId: known?.loadBalancerId ?? 'alb-x',
      listenerProtocol: 'HTTPS',
      listenerPort: 443,
      listenerDescription: 'web',
      listenerStatus: 'Running',
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: {
            serverGroupTuples: (known?.groups ?? []).map((serverGroupId) => ({ serverGroupId })),
          },
        },
      ],
      gzipEnabled: true,
      http2Enabled: true,
      idleTimeout: 15,
      requestTimeout: 60,
      quicConfig: {},
      XForwardedForConfig: {},
    } as Listener;
  }

  async *listServerGroups(): AsyncIterable<ServerGroup> {
    yield* [];
  }
}
