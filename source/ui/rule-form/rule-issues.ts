// The form's problems come from the domain's one rule validator (domain/rule-validation.ts), the same
// the local ALB and the CLI use; here they are only moved onto the form's rows (`ruleConditions[1]
// .hostConfig.values[0]` → `conditions.1.values.0`), and the service's error codes onto a field.
import type { Localized } from '../../domain/i18n.js';
import { RULE_QUOTAS } from '../../domain/rule-limits.js';
import { wildcardCount } from '../../domain/rule-text.js';
import { validateRules, type RuleContext } from '../../domain/rule-validation.js';
import { asTyped, draftToSpec, type RuleDraft } from './rule-draft.js';
import type { RuleFormFacts } from './rule-form-state.js';
import { formText } from './rule-form-i18n.js';
import { textAt } from './rule-form-rows.js';

export interface FormIssue {
  /** A row ID of the form (or a section: `conditions`, `actions`). */
  field: string;
  code: string;
  message: Localized;
  severity: 'error' | 'warning';
}

/** Where the service's names for an action's fields sit in the form. */
const ACTION_FIELD_ROWS: Record<string, string> = {
  serverGroupStickySession: 'sticky',
  timeout: 'stickyTimeout',
  enabled: 'sticky',
};

/** A validator path (domain names, 0-based) as the form row it concerns. */
export function rowOfPath(path: string): string {
  const parts = path.split(/[.[\]]+/).filter((p) => p !== '');
  const [head, index, config, ...rest] = parts;
  if (head === 'ruleName' || head === 'priority' || head === 'direction') return head;
  if (head === 'ruleConditions') {
    if (index === undefined) return 'conditions';
    const base = `conditions.${index}`;
    if (config === undefined || rest.length === 0) return base;
    if (rest[0] === 'key') return `${base}.key`;
    if (rest[0] === 'values') return rest[1] === undefined ? base : `${base}.values.${rest[1]}`;
    return base;
  }
  if (head === 'ruleActions') {
    if (index === undefined) return 'actions';
    const base = `actions.${index}`;
    if (config === undefined || config === 'type' || config === 'order' || rest.length === 0) return base;
    // A forward's tuples, or a mirror's (under mirrorGroupConfig).
    const tuples = rest.indexOf('serverGroupTuples');
    if (tuples >= 0) {
      const [group, part] = rest.slice(tuples + 1);
      if (group === undefined) return base;
      return part === 'weight' ? `${base}.groups.${group}.weight` : `${base}.groups.${group}`;
    }
    // A list field's item (CORS `allowOrigin[1]`) is the field's row.
    const named = rest.filter((part) => !/^\d+$/.test(part));
    const field = named[named.length - 1] ?? rest[0]!;
    return `${base}.${ACTION_FIELD_ROWS[field] ?? field}`;
  }
  return 'ruleName';
}

export function ruleContextOf(facts: RuleFormFacts, ruleId: string | undefined): RuleContext {
  const { context, listener } = facts;
  return {
    edition: context.instance.edition,
    listener: {
      listenerId: listener.listenerId,
      protocol: listener.protocol,
      ...(listener.http2Enabled === undefined ? {} : { http2Enabled: listener.http2Enabled }),
    },
    vpcId: context.instance.vpcId,
    existingRules: facts.rules.filter((r) => r.ruleId !== ruleId),
    serverGroups: context.serverGroups,
  };
}

/** Every problem the validator finds in the draft, on the form's rows. */
export function blockingIssues(
  draft: RuleDraft,
  facts: RuleFormFacts,
  ruleId: string | undefined,
): FormIssue[] {
  const spec = draftToSpec(draft, asTyped);
  return validateRules([spec], ruleContextOf(facts, ruleId)).map((issue) => {
    const field = issue.path === '' ? 'ruleName' : rowOfPath(issue.path);
    // A group row not picked yet is not a group that does not exist.
    const unpicked = /^actions\.\d+\.groups\.\d+$/.test(field) && textAt(draft, field) === '';
    return {
      field,
      code: issue.code,
      message: unpicked ? formText('groupRequired') : issue.message,
      severity: issue.severity,
    };
  });
}

/** The edition's per-rule quotas, and the wildcards the draft uses. */
export function quotasOf(draft: RuleDraft, facts: RuleFormFacts) {
  const quota = RULE_QUOTAS[facts.context.instance.edition] ?? RULE_QUOTAS.Standard;
  let wildcards = 0;
  for (const c of draft.conditions)
    if (c.type === 'Host' || c.type === 'Path') for (const v of c.values) wildcards += wildcardCount(v);
  return { ...quota, wildcardsUsed: wildcards };
}

/** The form row an API error concerns, by its code and the parameter it names. */
export function fieldOfRuleError(code: string, parameter?: string): string | undefined {
  if (code === 'Conflict.Priority') return 'priority';
  if (code === 'QuotaExceeded.RuleMatchEvaluationsNum' || code === 'QuotaExceeded.RuleWildcardsNum')
    return 'conditions';
  if (code === 'QuotaExceeded.RuleActionsNum' || code === 'OperationDenied.RewriteMissingForwardGroup')
    return 'actions';
  if (
    code.startsWith('Mismatch.') ||
    code.includes('ServerGroup') ||
    code === 'OperationDenied.GRPCServerGroup'
  )
    return 'actions';
  if (code === 'IncorrectStatus.Rule' || code === 'ResourceNotFound.Rule') return undefined;
  if (!parameter) return undefined;
  // `RuleConditions.2.HostConfig.Values.1` (1-based, the API's names) → the form's row.
  const m = /(?:^|\.)(RuleName|Priority|Direction|RuleConditions|RuleActions)((?:\.[A-Za-z0-9]+)*)/i.exec(
    parameter,
  );
  if (!m) return undefined;
  const path = `${m[1]!}${m[2] ?? ''}`
    .split('.')
    .map((part) =>
      /^\d+$/.test(part) ? `[${Number(part) - 1}]` : `.${part.charAt(0).toLowerCase()}${part.slice(1)}`,
    )
    .join('')
    .replace(/^\./, '');
  return rowOfPath(path);
}
