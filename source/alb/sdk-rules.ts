// Forwarding rules through the official SDK's typed calls (issue 17): ListRules (20 IDs a filter,
// NextToken paging), CreateRules, UpdateRulesAttribute, DeleteRules (at most 10 rules a call, as the
// API takes them: the caller batches) and the wait that follows them. SdkAlbClient lends it its
// plumbing (retrying transport, job look-up, clock) and delegates to it.
import * as $Alb from '@alicloud/alb20200616';
import type * as $dara from '@darabonba/typescript';
import { RULES_PER_CALL } from '../domain/rule-limits.js';
import { RULE_STATUSES, type Rule, type RuleSpec, type RuleStatus } from '../domain/rule-types.js';
import { ruleFromSdk, ruleToSdk } from '../domain/rule-wire.js';
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
} from './client.js';
import { AlbError } from './errors.js';
import {
  changeOf,
  changeSettings,
  pollUntil,
  sendChange,
  type ChangeReply,
  type PollChannel,
  type SentChange,
} from './sdk-change.js';
import { clampPageSize, idGroups, type SdkTransport } from './sdk-transport.js';

/** What the SDK client lends: as for listener changes, with its typed listing (NextToken, retries). */
export interface RuleChannel extends PollChannel, Pick<SdkTransport, 'typedItems'> {}

/** What sendChange says to check when a dry run of a rules change was taken as real. */
const CHECK_THE_RULES = { en: 'check the rules', 'zh-CN': '请检查转发规则' };

/** A change's reply; CreateRules' also pairs each new rule's ID with its priority. */
interface RulesReply extends ChangeReply {
  body?:
    | {
        jobId?: string | undefined;
        requestId?: string | undefined;
        ruleIds?: { ruleId?: string | undefined; priority?: number | undefined }[] | undefined;
      }
    | undefined;
}

type SdkRule = $Alb.ListRulesResponseBodyRules;

/** A rule of a ListRules reply in the domain's shape. */
export function ruleFromReply(rule: SdkRule): Rule {
  const shaped = ruleFromSdk(rule) as Partial<Rule> & { tags?: { key?: string; value?: string }[] };
  const status = RULE_STATUSES.includes(rule.ruleStatus as RuleStatus)
    ? (rule.ruleStatus as RuleStatus)
    : 'Provisioning';
  return {
    ruleId: rule.ruleId ?? '',
    ruleName: rule.ruleName ?? '',
    listenerId: rule.listenerId ?? '',
    loadBalancerId: rule.loadBalancerId ?? '',
    priority: rule.priority ?? 0,
    direction: rule.direction === 'Response' ? 'Response' : 'Request',
    ruleStatus: status,
    ruleConditions: shaped.ruleConditions ?? [],
    ruleActions: shaped.ruleActions ?? [],
    tags: (shaped.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
  };
}

export class SdkRules implements RuleChanges {
  constructor(private readonly channel: RuleChannel) {}

  /** 20 IDs a filter: a longer list of each becomes several listings. */
  async *listRules(filter: RuleFilter, options: ListOptions = {}): AsyncGenerator<Rule> {
    const pageSize = clampPageSize(options.pageSize);
    for (const listenerIds of idGroups(filter.listenerIds))
      for (const loadBalancerIds of idGroups(filter.loadBalancerIds))
        for (const ruleIds of idGroups(filter.ruleIds))
          yield* this.channel.typedItems(
            'ListRules',
            {
              request: (nextToken) =>
                new $Alb.ListRulesRequest({
                  listenerIds,
                  loadBalancerIds,
                  ruleIds,
                  direction: filter.direction,
                  maxResults: pageSize,
                  nextToken,
                }),
              send: (request, rt) => this.channel.alb.listRulesWithOptions(request, rt),
              items: (body) => (body?.rules ?? []).map((rule) => ruleFromReply(rule)),
            },
            options.signal,
          );
  }

  async createRules(
    listenerId: string,
    rules: readonly RuleSpec[],
    options: UpdateOptions = {},
  ): Promise<CreatedRules | DryRunPassed> {
    this.checkCount('CreateRules', 'Rules', rules.length);
    const result = await this.change('CreateRules', options, (clientToken, dryRun) => {
      const model = new $Alb.CreateRulesRequest({
        listenerId,
        rules: ruleToSdk(rules) as $Alb.CreateRulesRequestRules[],
        clientToken,
        dryRun,
      });
      return (rt) => this.channel.alb.createRulesWithOptions(model, rt);
    });
    if ('dryRun' in result) return result;
    // The reply pairs each new ID with its priority: the order of the rules given follows from it.
    const byPriority = new Map((result.reply.body?.ruleIds ?? []).map((r) => [r.priority, r.ruleId ?? '']));
    const ruleIds = rules.map(
      (r, i) => byPriority.get(r.priority) ?? result.reply.body?.ruleIds?.[i]?.ruleId ?? '',
    );
    return { ...result.change, ruleIds };
  }

  async updateRules(
    updates: readonly RuleUpdate[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    this.checkCount('UpdateRulesAttribute', 'Rules', updates.length);
    const result = await this.change('UpdateRulesAttribute', options, (clientToken, dryRun) => {
      const model = new $Alb.UpdateRulesAttributeRequest({
        rules: ruleToSdk(updates) as $Alb.UpdateRulesAttributeRequestRules[],
        clientToken,
        dryRun,
      });
      return (rt) => this.channel.alb.updateRulesAttributeWithOptions(model, rt);
    });
    return changeOf(result);
  }

  async deleteRules(
    ruleIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    this.checkCount('DeleteRules', 'RuleIds', ruleIds.length);
    const result = await this.change('DeleteRules', options, (clientToken, dryRun) => {
      const model = new $Alb.DeleteRulesRequest({ ruleIds: [...ruleIds], clientToken, dryRun });
      return (rt) => this.channel.alb.deleteRulesWithOptions(model, rt);
    });
    return changeOf(result);
  }

  async waitForRules(
    ruleIds: readonly string[],
    options: CallOptions & {
      until: 'Available' | 'gone';
      jobId?: string;
      intervalMs?: number;
      timeoutMs?: number;
    },
  ): Promise<Rule[]> {
    let found: Rule[] = [];
    return pollUntil(
      this.channel,
      'ListRules',
      options,
      async () => {
        found = [];
        for await (const rule of this.listRules({ ruleIds: [...ruleIds] }, { signal: options.signal }))
          found.push(rule);
        const byId = new Map(found.map((r) => [r.ruleId, r]));
        if (options.until === 'gone' && found.length === 0) return { done: [] };
        if (options.until === 'Available') {
          if (ruleIds.every((id) => byId.get(id)?.ruleStatus === 'Available'))
            return { done: ruleIds.map((id) => byId.get(id)!) };
          const gone = ruleIds.filter((id) => !byId.has(id));
          if (gone.length > 0) {
            if (options.jobId) await this.channel.throwIfJobFailed(options.jobId, options.signal);
            throw new AlbError({
              kind: 'notFound',
              action: 'ListRules',
              endpoint: this.channel.endpoint,
              message: {
                en: `rules ${gone.join(', ')} are gone (their creation may have failed)`,
                'zh-CN': `转发规则 ${gone.join('、')} 不存在（可能创建失败）`,
              },
            });
          }
        }
        if (options.jobId) await this.channel.throwIfJobFailed(options.jobId, options.signal);
        return undefined;
      },
      (timeoutMs) => this.timeout(found, options.until, timeoutMs),
    );
  }

  /** Sends one change of rules (see sendChange). */
  private change(
    action: string,
    options: UpdateOptions,
    build: (clientToken: string, dryRun: boolean) => (runtime: $dara.RuntimeOptions) => Promise<RulesReply>,
  ): Promise<SentChange<RulesReply> | DryRunPassed> {
    return sendChange(this.channel, action, changeSettings(options), CHECK_THE_RULES, build);
  }

  private checkCount(action: string, parameter: string, count: number): void {
    if (count >= 1 && count <= RULES_PER_CALL) return;
    throw new AlbError({
      kind: 'invalid',
      action,
      parameter,
      message: {
        en: `${action} takes 1 to ${RULES_PER_CALL} rules a call, not ${count}; send them in batches of ${RULES_PER_CALL}`,
        'zh-CN': `${action} 每次可提交 1～${RULES_PER_CALL} 条转发规则，而不是 ${count} 条；请分批提交`,
      },
    });
  }

  private timeout(found: readonly Rule[], until: 'Available' | 'gone', timeoutMs: number): AlbError {
    const seconds = Math.round(timeoutMs / 1000);
    const list = found.map((r) => `${r.ruleId}: ${r.ruleStatus}`).join(', ');
    const goal =
      until === 'Available' ? { en: 'become Available', zh: '变为可用' } : { en: 'go', zh: '删除完成' };
    return new AlbError({
      kind: 'timeout',
      action: 'ListRules',
      endpoint: this.channel.endpoint,
      message: {
        en: `rules did not ${goal.en} within ${seconds} s (${list}); check them again later`,
        'zh-CN': `转发规则未在 ${seconds} 秒内${goal.zh}（${list}）；请稍后再查看`,
      },
    });
  }
}
