// A listener profile's forwarding rules: kept as the rules say them, with each server group named by its
// name (a hint that holds on other instances, as the profile's own server group is), and turned back
// into rules with the target instance's server group IDs when the profile is applied. Pure.
import { z } from 'zod';
import { both, type Localized } from '../domain/i18n.js';
import type { ServerGroup } from '../domain/resources.js';
import type { RuleSpec } from '../domain/rule-types.js';
import { inCalls } from '../domain/rule-priorities.js';
import { RULES_PER_CALL } from '../domain/rule-limits.js';
import {
  ruleErrors,
  ruleIssueText,
  validateRule,
  validateRules,
  type RuleContext,
} from '../domain/rule-validation.js';

/** At most this many rules in a profile (a listener's quota is far above what a profile should carry). */
export const PROFILE_RULES_MAX = 100;

/** A server group in a profile rule: by name (a hint), or by ID when it had no name to go by. */
export type ProfileGroupRef =
  { serverGroupName: string; weight?: number } | { serverGroupId: string; weight?: number };

const PLACEHOLDER_GROUP = 'sgp-profilehint';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every server group reference of a rule (forward tuples and mirror tuples), rewritten by `map`. */
function mapGroups(rule: unknown, map: (tuple: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!isRecord(rule) || !Array.isArray(rule['ruleActions'])) return rule;
  return {
    ...rule,
    ruleActions: rule['ruleActions'].map((action: unknown) => {
      if (!isRecord(action)) return action;
      const forward = action['forwardGroupConfig'];
      if (isRecord(forward) && Array.isArray(forward['serverGroupTuples']))
        return {
          ...action,
          forwardGroupConfig: {
            ...forward,
            serverGroupTuples: forward['serverGroupTuples'].map((t: unknown) => (isRecord(t) ? map(t) : t)),
          },
        };
      const mirror = action['trafficMirrorConfig'];
      const group = isRecord(mirror) ? mirror['mirrorGroupConfig'] : undefined;
      if (isRecord(mirror) && isRecord(group) && Array.isArray(group['serverGroupTuples']))
        return {
          ...action,
          trafficMirrorConfig: {
            ...mirror,
            mirrorGroupConfig: {
              ...group,
              serverGroupTuples: group['serverGroupTuples'].map((t: unknown) => (isRecord(t) ? map(t) : t)),
            },
          },
        };
      return action;
    }),
  };
}

/** A profile rule checked as a rule, its group names standing in for IDs. */
export const profileRuleSchema = z.unknown().superRefine((value, ctx) => {
  // One stand-in ID per name, so that a group named twice in one action is still caught.
  const standIns = new Map<string, string>();
  const asRule = mapGroups(value, (tuple) => {
    const name = tuple['serverGroupName'];
    if (typeof name !== 'string') return tuple;
    const { serverGroupName: _name, ...rest } = tuple;
    if (!standIns.has(name)) standIns.set(name, `${PLACEHOLDER_GROUP}${standIns.size}`);
    return { ...rest, serverGroupId: standIns.get(name) };
  });
  for (const issue of ruleErrors(validateRule(asRule, {}))) {
    const message = { en: ruleIssueText(issue, 'en'), 'zh-CN': ruleIssueText(issue, 'zh-CN') };
    ctx.addIssue({ code: 'custom', message: message.en, params: { localized: message } });
  }
});

export const profileRulesSchema = z.array(profileRuleSchema).max(PROFILE_RULES_MAX);

/** A listener's rules for a profile: read-back fields dropped, server groups by name where known. */
export function rulesToProfile(rules: readonly RuleSpec[], serverGroups: readonly ServerGroup[]): unknown[] {
  return rules.map((rule) => {
    const spec: RuleSpec = {
      ruleName: rule.ruleName,
      priority: rule.priority,
      direction: rule.direction,
      ruleConditions: rule.ruleConditions,
      ruleActions: rule.ruleActions,
      ...(rule.tags && rule.tags.length > 0 ? { tags: rule.tags } : {}),
    };
    return mapGroups(structuredClone(spec), (tuple) => {
      const group = serverGroups.find((g) => g.serverGroupId === tuple['serverGroupId']);
      if (!group?.serverGroupName) return tuple;
      const { serverGroupId: _id, ...rest } = tuple;
      return { serverGroupName: group.serverGroupName, ...rest };
    });
  });
}

export interface ResolvedProfileRules {
  rules: RuleSpec[];
  /** A server group name that matches no group, or several, on the target. */
  problems: Localized[];
}

/** The profile's rules on a target whose server groups are `serverGroups`: names become IDs. */
export function resolveProfileRules(
  profileRules: readonly unknown[],
  serverGroups: readonly ServerGroup[],
): ResolvedProfileRules {
  const problems: Localized[] = [];
  const rules = profileRules.map((rule) =>
    mapGroups(structuredClone(rule), (tuple) => {
      const name = tuple['serverGroupName'];
      if (typeof name !== 'string') return tuple;
      const { serverGroupName: _name, ...rest } = tuple;
      const matches = serverGroups.filter((g) => g.serverGroupName === name);
      const ruleName = isRecord(rule) ? String(rule['ruleName']) : '';
      if (matches.length === 1) return { serverGroupId: matches[0]!.serverGroupId, ...rest };
      problems.push(
        matches.length === 0
          ? both(
              `rule ${JSON.stringify(ruleName)}: no server group named ${JSON.stringify(name)} on this instance's VPC`,
              `转发规则 ${JSON.stringify(ruleName)}：此实例的 VPC 中没有名为 ${JSON.stringify(name)} 的服务器组`,
            )
          : both(
              `rule ${JSON.stringify(ruleName)}: ${matches.length} server groups are named ${JSON.stringify(name)}; rename one or edit the profile`,
              `转发规则 ${JSON.stringify(ruleName)}：有 ${matches.length} 个服务器组名为 ${JSON.stringify(name)}；请重命名其一或修改模板`,
            ),
      );
      return { serverGroupId: '', ...rest };
    }),
  ) as RuleSpec[];
  return { rules, problems };
}

/** The server group names a profile's rules go by (for the hints a user sees). */
export function profileRuleGroupNames(profileRules: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (const rule of profileRules)
    mapGroups(rule, (tuple) => {
      if (typeof tuple['serverGroupName'] === 'string') names.add(tuple['serverGroupName']);
      return tuple;
    });
  return [...names];
}

/**
 * A profile's rules to be shown: each server group by the name the profile keeps (in place of an ID,
 * which a profile does not have), ordered by priority. Rules the schema would refuse are left out.
 */
export function profileRulesToShow(profileRules: readonly unknown[]): RuleSpec[] {
  const rules = profileRules
    .filter(
      (rule) => isRecord(rule) && Array.isArray(rule['ruleConditions']) && Array.isArray(rule['ruleActions']),
    )
    .map((rule) =>
      mapGroups(structuredClone(rule), (tuple) => {
        const name = tuple['serverGroupName'];
        if (typeof name !== 'string') return tuple;
        const { serverGroupName: _name, ...rest } = tuple;
        return { serverGroupId: name, ...rest };
      }),
    ) as RuleSpec[];
  return rules.sort((a, b) => a.priority - b.priority);
}

/** Where a profile's rules would be created: the instance and its server groups, the new listener. */
export type ProfileRulesTarget = Required<
  Pick<RuleContext, 'edition' | 'listener' | 'vpcId' | 'serverGroups'>
>;

/**
 * A profile's rules as they will be created on a target (server groups by name resolved there), each
 * call of 10 checked as the service checks it and against the rules of the other calls; the problems
 * say why they cannot be, in both languages. Shared by `create --profile` and the app.
 */
export function checkProfileRules(
  profileRules: readonly unknown[],
  target: ProfileRulesTarget,
): ResolvedProfileRules {
  if (profileRules.length === 0) return { rules: [], problems: [] };
  const { rules, problems } = resolveProfileRules(profileRules, target.serverGroups);
  if (problems.length > 0) return { rules, problems };
  const issues: Localized[] = [];
  for (const [index, batch] of inCalls(rules).entries()) {
    const found = ruleErrors(
      validateRules(batch, {
        ...target,
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
  if (issues.length === 0) return { rules, problems: [] };
  return {
    rules,
    problems: [
      both("the profile's forwarding rules cannot be created here:", '模板中的转发规则无法在此创建：'),
      ...issues,
    ],
  };
}
