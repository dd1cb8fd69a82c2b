// Reading forwarding rules for the `rules` commands: the client's rule calls, rule IDs checked for
// shape, a listener's rules in the order they are tried, one rule by ID.
import { collect, type AlbClient } from '../alb/client.js';
import type { GroupNames } from '../domain/rule-summary.js';
import type { Rule, RuleAction } from '../domain/rule-types.js';
import { failure, signalOf, usageError, type CommandContext } from './context.js';
import { rulesMessages as m } from './rules-messages.js';

/** The client the rules commands use (every AlbClient has the rule calls). */
export type RulesClient = AlbClient;

const RULE_ID = /^rule-[A-Za-z0-9]+$/;

export function checkRuleId(value: string): string {
  const id = value.trim();
  if (id.length > 64 || !RULE_ID.test(id)) throw usageError(m.badRuleId(value));
  return id;
}

/** Request rules first, each direction by priority: the order they are tried in. */
export function byPriority(rules: readonly Rule[]): Rule[] {
  return [...rules].sort(
    (a, b) =>
      Number(a.direction === 'Response') - Number(b.direction === 'Response') || a.priority - b.priority,
  );
}

export async function listenerRules(
  context: CommandContext,
  client: RulesClient,
  listenerId: string,
): Promise<Rule[]> {
  return byPriority(await collect(client.listRules({ listenerIds: [listenerId] }, signalOf(context))));
}

export async function readRule(context: CommandContext, client: RulesClient, ruleId: string): Promise<Rule> {
  const [rule] = await collect(client.listRules({ ruleIds: [ruleId] }, signalOf(context)));
  if (!rule) throw failure(m.ruleNotFound(ruleId), { errorCode: 'ResourceNotFound.Rule' });
  return rule;
}

/** The server groups an action sends to or mirrors to. */
function actionGroupIds(action: RuleAction): string[] {
  if (action.type === 'ForwardGroup')
    return action.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId);
  if (action.type === 'TrafficMirror')
    return action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples.map((t) => t.serverGroupId);
  return [];
}

/** Every server group the rules (and the listener's default action) name. */
export function ruleGroupIds(
  rules: readonly { ruleActions: readonly RuleAction[] }[],
  defaultGroupIds: readonly string[] = [],
): string[] {
  return [
    ...new Set([...rules.flatMap((rule) => rule.ruleActions.flatMap(actionGroupIds)), ...defaultGroupIds]),
  ];
}

/**
 * The names of these server groups, as the app shows them (a group with no name keeps its ID). One
 * read; when it fails the output still goes out, by ID: the names are an aid, not the answer.
 */
export async function groupNames(
  context: CommandContext,
  client: RulesClient,
  serverGroupIds: readonly string[],
): Promise<GroupNames> {
  const names = new Map<string, string>();
  if (serverGroupIds.length === 0) return names;
  try {
    for await (const group of client.listServerGroups(
      { serverGroupIds: [...serverGroupIds] },
      signalOf(context),
    ))
      if (group.serverGroupName) names.set(group.serverGroupId, group.serverGroupName);
  } catch (error) {
    if (context.io.signal?.aborted) throw error;
  }
  return names;
}
