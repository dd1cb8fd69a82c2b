// The rules pane's rows and columns: one line per rule (priority, name, direction, conditions →
// actions, status), the listener's default action last as the rule that takes what no other does;
// sorted by priority, name or status. Pure.
import type { Lang, Localized } from '../../domain/i18n.js';
import type { Rule, RuleStatus } from '../../domain/rule-types.js';
import { cellWidth, compareNames, sanitizeForTerminal } from '../../domain/text.js';
import type { ColumnSpec } from '../dashboard/columns.js';
import { searchForm } from '../dashboard/search-form.js';
import { t } from '../i18n.js';
import type { Tone } from '../theme.js';
import { groupsText, ruleSummary, type GroupNames } from '../../domain/rule-summary.js';
import { RULES_TEXT } from './rules-i18n.js';

/** The row of the listener's default action; no rule has this ID. */
export const DEFAULT_ROW_ID = '(default)';

export interface RuleRow {
  readonly id: string;
  /** Absent on the default action's row. */
  readonly rule?: Rule;
  readonly priority?: number;
  /** Sanitised. */
  readonly name: string;
  readonly summary: Localized;
  readonly status?: RuleStatus;
  readonly search: string;
}

export type RuleSortKey = 'priority' | 'name' | 'status';
export interface RuleSort {
  key: RuleSortKey;
  direction: 'asc' | 'desc';
}

const STATUS_WORDS: Record<RuleStatus, Localized> = {
  Available: { en: 'Available', 'zh-CN': '可用' },
  Provisioning: { en: 'Provisioning', 'zh-CN': '创建中' },
  Configuring: { en: 'Configuring', 'zh-CN': '变更中' },
};

export function ruleStatusWord(status: RuleStatus, lang: Lang): string {
  return STATUS_WORDS[status]?.[lang] ?? sanitizeForTerminal(status);
}

export function ruleStatusTone(status: RuleStatus): Tone {
  return status === 'Available' ? 'good' : 'warning';
}

function both(make: (lang: Lang) => string): Localized {
  return { en: make('en'), 'zh-CN': make('zh-CN') };
}

export function ruleRow(rule: Rule, names: GroupNames): RuleRow {
  const name = sanitizeForTerminal(rule.ruleName);
  const summary = both((lang) => ruleSummary(rule, lang, names));
  const status = rule.ruleStatus;
  return {
    id: rule.ruleId,
    rule,
    priority: rule.priority,
    name,
    summary,
    status,
    search: searchForm(
      [
        String(rule.priority),
        rule.ruleId,
        name,
        rule.direction,
        summary.en,
        summary['zh-CN'],
        status,
        STATUS_WORDS[status]?.['zh-CN'] ?? '',
      ].join(' '),
    ),
  };
}

/** The default action: forward to the listener's server groups, for any request no rule takes. */
export function defaultRow(groupIds: readonly string[], names: GroupNames): RuleRow {
  const target = groupsText(
    groupIds.map((serverGroupId) => ({ serverGroupId })),
    names,
  );
  const summary = both((lang) => `${RULES_TEXT.say(lang, 'defaultConditions')} → ${target || '—'}`);
  const name = both((lang) => RULES_TEXT.say(lang, 'defaultName'));
  return {
    id: DEFAULT_ROW_ID,
    name: name.en,
    summary,
    search: searchForm(`default ${name.en} ${name['zh-CN']} ${summary.en} ${summary['zh-CN']}`),
  };
}

const STATUS_ORDER: Record<string, number> = { Available: 0, Provisioning: 1, Configuring: 2 };

const COMPARE: Record<RuleSortKey, (a: RuleRow, b: RuleRow) => number> = {
  priority: (a, b) => (a.priority ?? 0) - (b.priority ?? 0),
  name: (a, b) => compareNames(a.name, b.name) || (a.priority ?? 0) - (b.priority ?? 0),
  status: (a, b) =>
    (STATUS_ORDER[a.status ?? ''] ?? 9) - (STATUS_ORDER[b.status ?? ''] ?? 9) ||
    (a.priority ?? 0) - (b.priority ?? 0),
};

/**
 * Rules sorted, Request rules before Response rules when sorted by priority (each direction keeps its
 * own order), and the default action last whatever the sort.
 */
export function sortRows(rows: readonly RuleRow[], sort: RuleSort): RuleRow[] {
  const rules = rows.filter((row) => row.id !== DEFAULT_ROW_ID);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const direction = (row: RuleRow) => (row.rule?.direction === 'Response' ? 1 : 0);
  rules.sort(
    (a, b) => (sort.key === 'priority' ? direction(a) - direction(b) : 0) || sign * COMPARE[sort.key](a, b),
  );
  const fallback = rows.find((row) => row.id === DEFAULT_ROW_ID);
  return fallback ? [...rules, fallback] : rules;
}

export function nextRuleSort(current: RuleSort, key: RuleSortKey): RuleSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

const NAME_MAX = 28;

/** The pane's columns; the name fits the longest name up to 28 cells, the summary takes the rest. */
export function ruleColumns(lang: Lang, rows: readonly RuleRow[]): ColumnSpec<RuleRow>[] {
  const longestName = rows.reduce((widest, row) => Math.max(widest, cellWidth(row.name)), 0);
  const directions = [RULES_TEXT.say(lang, 'directionRequest'), RULES_TEXT.say(lang, 'directionResponse')];
  const statuses = Object.values(STATUS_WORDS).map((word) => word[lang]);
  const widest = (words: string[], title: string) => Math.max(cellWidth(title), ...words.map(cellWidth));
  return [
    {
      id: 'priority',
      title: 'columnPriority',
      width: Math.max(5, cellWidth(t(lang, 'columnPriority'))),
      align: 'right',
      priority: 0,
      cell: (row) =>
        row.priority === undefined ? { text: '—', tone: 'muted' } : { text: String(row.priority) },
    },
    {
      id: 'name',
      title: 'columnName',
      width: Math.min(NAME_MAX, Math.max(12, longestName, cellWidth(t(lang, 'columnName')))),
      priority: 2,
      cell: (row, context) =>
        row.rule
          ? { text: row.name || '—' }
          : { text: RULES_TEXT.say(context.lang, 'defaultName'), tone: 'muted' },
    },
    {
      id: 'direction',
      title: 'columnDirection',
      width: widest(directions, t(lang, 'columnDirection')),
      priority: 3,
      cell: (row, context) =>
        row.rule
          ? {
              text: RULES_TEXT.say(
                context.lang,
                row.rule.direction === 'Response' ? 'directionResponse' : 'directionRequest',
              ),
              ...(row.rule.direction === 'Response' ? { tone: 'accent' as const } : {}),
            }
          : { text: '' },
    },
    {
      id: 'summary',
      title: 'columnRule',
      width: 'flex',
      min: 24,
      priority: 0,
      cell: (row, context) => ({
        text: row.summary[context.lang],
        ...(row.rule ? {} : { tone: 'muted' as const }),
      }),
    },
    {
      id: 'status',
      title: 'columnStatus',
      width: widest(statuses, t(lang, 'columnStatus')),
      priority: 1,
      cell: (row, context) =>
        row.status
          ? { text: ruleStatusWord(row.status, context.lang), tone: ruleStatusTone(row.status) }
          : { text: '' },
    },
  ];
}
