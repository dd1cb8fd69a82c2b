// `alb-tui create --profile NAME` with a profile that carries forwarding rules: the rules resolved on
// the target (server groups by name → IDs) and checked before the listener is created, then created on
// it once it is Running, 10 a call, each call's ClientToken derived from the listener's so that a rerun
// with --client-token repeats the same calls.
import { isDryRunPassed } from '../alb/client.js';
import { profileRulesToken } from '../alb/rule-batches.js';
import { both } from '../domain/i18n.js';
import type { RuleSpec } from '../domain/rule-types.js';
import { checkProfileRules } from '../store/index.js';
import { signalOf, usageError, type CommandContext } from './context.js';
import type { PreparedListener } from './listener-request.js';
import { inBatches, runBatches, type BatchResult, type BatchWork } from './rules-change.js';
import type { AlbClient } from '../alb/client.js';

/** The profile's rules as they will be created on this instance; usage errors when they cannot be. */
export function profileRulesFor(prepared: PreparedListener): RuleSpec[] {
  if (!prepared.profileRules?.length) return [];
  const { rules, problems } = checkProfileRules(prepared.profileRules, {
    edition: prepared.context.instance.edition,
    listener: { protocol: prepared.draft.protocol, http2Enabled: prepared.draft.http2 },
    vpcId: prepared.context.instance.vpcId,
    serverGroups: prepared.context.serverGroups,
  });
  if (problems.length > 0) throw usageError(problems);
  return rules;
}

export const profileRulesLabel = both('Forwarding rules', '转发规则');

/** Creates the rules on the new (Running) listener; per-call results. */
export async function createProfileRules(
  context: CommandContext,
  client: AlbClient,
  listenerId: string,
  rules: readonly RuleSpec[],
  listenerClientToken: string,
): Promise<BatchResult[]> {
  const works: BatchWork[] = inBatches(rules).map((batch) => ({
    ruleNames: batch.map((r) => r.ruleName),
    ruleIds: [],
    until: 'Available',
    async call(clientToken: string) {
      const created = await client.createRules(listenerId, batch, { clientToken, ...signalOf(context) });
      return isDryRunPassed(created)
        ? { ruleIds: [], jobId: '' }
        : { ruleIds: created.ruleIds, jobId: created.jobId };
    },
  }));
  return runBatches(context, client, works, profileRulesToken(listenerClientToken), 'created');
}
