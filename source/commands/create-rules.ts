// `alb-tui create --profile NAME` with a profile that carries forwarding rules: the rules resolved on
// the target (server groups by name → IDs) and checked before the listener is created, then created on
// it once it is Running, 10 a call, each call's ClientToken derived from the listener's so that a rerun
// with --client-token repeats the same calls.
import { isDryRunPassed } from '../alb/client.js';
import { both, type Localized } from '../domain/i18n.js';
import { RULES_PER_CALL } from '../domain/rule-limits.js';
import type { RuleSpec } from '../domain/rule-types.js';
import { ruleErrors, ruleIssueText, validateRules } from '../domain/rule-validation.js';
import { resolveProfileRules } from '../store/index.js';
import { signalOf, usageError, type CommandContext } from './context.js';
import type { PreparedListener } from './listener-request.js';
import { inBatches, runBatches, type BatchResult, type BatchWork } from './rules-change.js';
import type { AlbClient } from '../alb/client.js';

/** The profile's rules as they will be created on this instance; usage errors when they cannot be. */
export function profileRulesFor(prepared: PreparedListener): RuleSpec[] {
  if (!prepared.profileRules?.length) return [];
  const { rules, problems } = resolveProfileRules(prepared.profileRules, prepared.context.serverGroups);
  if (problems.length > 0) throw usageError(problems);
  const issues: Localized[] = [];
  for (const [index, batch] of inBatches(rules).entries()) {
    const found = ruleErrors(
      validateRules(batch, {
        edition: prepared.context.instance.edition,
        listener: { protocol: prepared.draft.protocol, http2Enabled: prepared.draft.http2 },
        vpcId: prepared.context.instance.vpcId,
        serverGroups: prepared.context.serverGroups,
        existingRules: rules
          .filter((_, i) => Math.floor(i / RULES_PER_CALL) !== index)
          .map((r, i) => ({ ruleId: `(profile rule ${i + 1})`, ruleName: r.ruleName, priority: r.priority })),
      }),
    );
    for (const issue of found) {
      const shifted =
        issue.ruleIndex === undefined
          ? issue
          : { ...issue, ruleIndex: issue.ruleIndex + index * RULES_PER_CALL };
      issues.push({ en: ruleIssueText(shifted, 'en'), 'zh-CN': ruleIssueText(shifted, 'zh-CN') });
    }
  }
  if (issues.length > 0)
    throw usageError([
      both("the profile's forwarding rules cannot be created here:", '模板中的转发规则无法在此创建：'),
      ...issues,
    ]);
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
  return runBatches(context, client, works, `${listenerClientToken.slice(0, 50)}-rules`, 'created');
}
