// What a rule form changes: the rule's fields as one line each (conditions and actions summarised,
// `Path /v2/* · 80% sg-a, 20% sg-b`), old → new for an edit, the whole rule for a create, and the
// `UpdateRulesAttribute` entry that sends only what changed. Pure.
import type { RuleUpdate } from '../../alb/client.js';
import type { Lang } from '../../domain/i18n.js';
import { conditionValues } from '../../domain/rule-match.js';
import type { RuleAction, RuleCondition, RuleSpec } from '../../domain/rule-types.js';
import { actionName, conditionName, fsay } from './rule-form-i18n.js';

export function conditionSummary(condition: RuleCondition, lang: Lang): string {
  return `${conditionName(condition.type)[lang]} ${conditionValues(condition, 'keyed').join(' | ')}`;
}

export function actionSummary(action: RuleAction, lang: Lang, groupName?: (id: string) => string): string {
  const name = actionName(action.type)[lang];
  const label = (id: string) => groupName?.(id) ?? id;
  switch (action.type) {
    case 'ForwardGroup': {
      const tuples = action.forwardGroupConfig.serverGroupTuples;
      const total = tuples.reduce((sum, t) => sum + (t.weight ?? 100), 0);
      const parts = tuples.map((t) =>
        tuples.length === 1
          ? label(t.serverGroupId)
          : `${total === 0 ? 0 : Math.round(((t.weight ?? 100) * 100) / total)}% ${label(t.serverGroupId)}`,
      );
      const sticky = action.forwardGroupConfig.serverGroupStickySession;
      return `→ ${parts.join(', ')}${sticky?.enabled ? ` · ${fsay(lang, 'sticky')} ${sticky.timeout ?? ''}s` : ''}`;
    }
    case 'Redirect': {
      const r = action.redirectConfig;
      return `${name} ${r.httpCode ?? '302'} ${r.protocol ?? '${protocol}'}://${r.host ?? '${host}'}:${r.port ?? '${port}'}${r.path ?? '${path}'}?${r.query ?? '${query}'}`;
    }
    case 'FixedResponse': {
      const f = action.fixedResponseConfig;
      return `${name} ${f.httpCode} ${f.contentType ?? ''} ${JSON.stringify(f.content ?? '')}`;
    }
    case 'Rewrite': {
      const r = action.rewriteConfig;
      return `${name} ${[r.host, r.path, r.query].filter((v) => v !== undefined).join(' ')}`;
    }
    case 'InsertHeader':
      return `${name} ${action.insertHeaderConfig.key}: ${action.insertHeaderConfig.value} (${action.insertHeaderConfig.valueType})`;
    case 'RemoveHeader':
      return `${name} ${action.removeHeaderConfig.key}`;
    case 'TrafficLimit':
      return `${name} QPS ${action.trafficLimitConfig.qps ?? '—'} · per IP ${action.trafficLimitConfig.perIpQps ?? '—'}`;
    default:
      return name;
  }
}

export type DiffField = 'ruleName' | 'priority' | 'direction' | 'ruleConditions' | 'ruleActions';

export interface RuleChange {
  field: DiffField;
  old: string[];
  new: string[];
}

function summaries(
  spec: RuleSpec,
  field: DiffField,
  lang: Lang,
  groupName?: (id: string) => string,
): string[] {
  switch (field) {
    case 'ruleName':
      return [spec.ruleName];
    case 'priority':
      return [String(spec.priority)];
    case 'direction':
      return [spec.direction];
    case 'ruleConditions':
      return spec.ruleConditions.map((c) => conditionSummary(c, lang));
    case 'ruleActions':
      return [...spec.ruleActions]
        .sort((a, b) => a.order - b.order)
        .map((a) => actionSummary(a, lang, groupName));
  }
}

const FIELDS: readonly DiffField[] = ['ruleName', 'priority', 'direction', 'ruleConditions', 'ruleActions'];

/** Actions compared as a sequence: the `Order` numbers themselves do not matter, their order does. */
function comparable(spec: RuleSpec, field: DiffField): unknown {
  if (field === 'ruleActions')
    return [...spec.ruleActions].sort((a, b) => a.order - b.order).map(({ order: _order, ...rest }) => rest);
  return spec[field];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields that change (edit) or every field (create: `original` undefined). */
export function diffRule(
  original: RuleSpec | undefined,
  next: RuleSpec,
  lang: Lang,
  groupName?: (id: string) => string,
): RuleChange[] {
  return FIELDS.filter(
    (field) => !original || !same(comparable(original, field), comparable(next, field)),
  ).map((field) => ({
    field,
    old: original ? summaries(original, field, lang, groupName) : [],
    new: summaries(next, field, lang, groupName),
  }));
}

/** The `UpdateRulesAttribute` entry: the rule's ID and only the fields that change. */
export function updateOf(ruleId: string, original: RuleSpec, next: RuleSpec): RuleUpdate {
  const update: RuleUpdate = { ruleId };
  if (original.ruleName !== next.ruleName) update.ruleName = next.ruleName;
  if (original.priority !== next.priority) update.priority = next.priority;
  if (!same(comparable(original, 'ruleConditions'), comparable(next, 'ruleConditions')))
    update.ruleConditions = next.ruleConditions;
  if (!same(comparable(original, 'ruleActions'), comparable(next, 'ruleActions')))
    update.ruleActions = next.ruleActions;
  return update;
}
