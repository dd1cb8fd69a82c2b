// The recording client's part for forwarding rules: each CreateRules, UpdateRulesAttribute and
// DeleteRules (not a dry run) written to the operations log with its aliyun command, and the wait that
// follows it. A rule change names only rule IDs; the rules this client listed or created tell which
// listener they are on and what they are called, so the log says `lsn-… · api-v2 → 3`, not IDs alone.
import { randomUUID } from 'node:crypto';
import type { AlbClient, ListOptions, RuleFilter, RuleUpdate, UpdateOptions } from '../../alb/client.js';
import { rulesCommand, type CommandTarget } from '../../domain/change-commands.js';
import type { Rule, RuleSpec } from '../../domain/rule-types.js';
import type { OpHandle, OpsLog, FollowChange, FollowWait } from './ops-log.js';

type RuleAction = 'CreateRules' | 'UpdateRulesAttribute' | 'DeleteRules';

/** What the log knows of a rule: its listener and name. */
interface KnownRule {
  listenerId: string;
  ruleName: string;
}

/** `a, b, c, d, e +3`: the first five, and how many more. */
function shortList(items: readonly string[]): string {
  return `${items.slice(0, 5).join(', ')}${items.length > 5 ? ` +${items.length - 5}` : ''}`;
}

export function ruleWrappers(
  inner: AlbClient,
  log: OpsLog,
  target: CommandTarget,
  follow: FollowChange,
  followWait: FollowWait,
): Record<string, unknown> {
  const known = new Map<string, KnownRule>();
  /** The change each rule's wait reports into: the newest one the service took for that rule. */
  const pending = new Map<string, { op: OpHandle; action: RuleAction }>();

  const learn = (rule: Pick<Rule, 'ruleId' | 'listenerId' | 'ruleName'>) =>
    known.set(rule.ruleId, { listenerId: rule.listenerId, ruleName: rule.ruleName });
  const label = (ruleId: string) => known.get(ruleId)?.ruleName || ruleId;
  /** The listener of these rules, when the log knows it and it is one. */
  const listenerOf = (ruleIds: readonly string[]): string | undefined => {
    const listeners = new Set(ruleIds.map((id) => known.get(id)?.listenerId));
    const [only] = listeners;
    return listeners.size === 1 ? only : undefined;
  };
  const targetLine = (listenerId: string | undefined, labels: readonly string[]) =>
    listenerId ? `${listenerId} · ${shortList(labels)}` : shortList(labels);

  /**
   * Sends a change with a ClientToken (the one given, or one made here, as the SDK client would) so
   * the log and its command carry the token the call really went with; logs it and follows the call.
   */
  const send = <T extends object>(
    action: RuleAction,
    entry: { target: string; listenerId: string | undefined; command: (clientToken: string) => string },
    options: UpdateOptions | undefined,
    call: (options: UpdateOptions) => Promise<T>,
    ruleIdsOf: (result: T) => readonly string[],
  ): Promise<T> => {
    if (options?.dryRun) return call(options);
    const clientToken = options?.clientToken || randomUUID();
    const op = log.begin({
      action,
      target: entry.target,
      command: entry.command(clientToken),
      clientToken,
      ...(entry.listenerId ? { listenerId: entry.listenerId } : {}),
    });
    return follow(op, call({ ...options, clientToken })).then((result) => {
      for (const ruleId of ruleIdsOf(result)) pending.set(ruleId, { op, action });
      return result;
    });
  };

  return {
    listRules: async function* (filter: RuleFilter, options?: ListOptions) {
      for await (const rule of inner.listRules(filter, options)) {
        learn(rule);
        yield rule;
      }
    },
    createRules: (listenerId: string, rules: readonly RuleSpec[], options?: UpdateOptions) =>
      send(
        'CreateRules',
        {
          target: targetLine(
            listenerId,
            rules.map((rule) => rule.ruleName),
          ),
          listenerId,
          command: (clientToken) =>
            rulesCommand({ action: 'CreateRules', listenerId, rules }, target, clientToken),
        },
        options,
        (sent) => inner.createRules(listenerId, rules, sent),
        (result) => {
          const ruleIds = 'ruleIds' in result ? result.ruleIds : [];
          ruleIds.forEach((ruleId, at) => learn({ ruleId, listenerId, ruleName: rules[at]?.ruleName ?? '' }));
          return ruleIds;
        },
      ),
    updateRules: (updates: readonly RuleUpdate[], options?: UpdateOptions) => {
      const ruleIds = updates.map((update) => update.ruleId);
      const listenerId = listenerOf(ruleIds);
      return send(
        'UpdateRulesAttribute',
        {
          target: targetLine(
            listenerId,
            // A move is a new priority: say which.
            updates.map((update) =>
              update.priority === undefined
                ? label(update.ruleId)
                : `${label(update.ruleId)} → ${update.priority}`,
            ),
          ),
          listenerId,
          command: (clientToken) =>
            rulesCommand({ action: 'UpdateRulesAttribute', updates }, target, clientToken),
        },
        options,
        (sent) => inner.updateRules(updates, sent),
        () => {
          for (const update of updates) {
            const before = known.get(update.ruleId);
            if (before && update.ruleName) known.set(update.ruleId, { ...before, ruleName: update.ruleName });
          }
          return ruleIds;
        },
      );
    },
    deleteRules: (ruleIds: readonly string[], options?: UpdateOptions) => {
      const listenerId = listenerOf(ruleIds);
      return send(
        'DeleteRules',
        {
          target: targetLine(listenerId, ruleIds.map(label)),
          listenerId,
          command: (clientToken) => rulesCommand({ action: 'DeleteRules', ruleIds }, target, clientToken),
        },
        options,
        (sent) => inner.deleteRules(ruleIds, sent),
        () => ruleIds,
      );
    },
    waitForRules: (ruleIds: readonly string[], options: Parameters<AlbClient['waitForRules']>[1]) => {
      const waited: readonly RuleAction[] =
        options.until === 'gone' ? ['DeleteRules'] : ['CreateRules', 'UpdateRulesAttribute'];
      const ops = new Set<OpHandle>();
      for (const ruleId of ruleIds) {
        const change = pending.get(ruleId);
        if (change && waited.includes(change.action)) ops.add(change.op);
      }
      const handle: OpHandle | undefined =
        ops.size === 0
          ? undefined
          : {
              id: [...ops][0]!.id,
              accepted: () => undefined,
              progress: (status) => ops.forEach((op) => op.progress(status)),
              succeeded: (result) => ops.forEach((op) => op.succeeded(result)),
              failed: (reason) => ops.forEach((op) => op.failed(reason)),
            };
      return followWait(handle, inner.waitForRules(ruleIds, options))
        .then((rules) => {
          if (options.until === 'gone') for (const ruleId of ruleIds) known.delete(ruleId);
          return rules;
        })
        .finally(() => {
          for (const ruleId of ruleIds) {
            const change = pending.get(ruleId);
            if (change && ops.has(change.op)) pending.delete(ruleId);
          }
        });
    },
  };
}
