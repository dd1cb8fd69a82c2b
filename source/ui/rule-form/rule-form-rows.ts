// The rows of the rule form (one focusable line each) and the edits they make to the draft: a text
// typed, a choice cycled, an item added, removed or moved. Row IDs are paths into the draft
// (`conditions.0.values.1`, `actions.1.groups.0.weight`), so the validator's findings and the
// server's errors land on the row they concern. Pure.
import type { RuleActionType, RuleConditionType } from '../../domain/rule-types.js';
import {
  actionFields,
  conditionTypesFor,
  hasKey,
  hasWeights,
  newAction,
  newCondition,
  type ActionDraft,
  type RuleDraft,
} from './rule-draft.js';

export type RowKind = 'text' | 'choice' | 'section' | 'item' | 'group';

export interface FormRow {
  id: string;
  kind: RowKind;
  /** The list a value row belongs to (Enter adds the next value, ⌫ on an empty one removes it). */
  listValue?: boolean;
}

export function formRows(draft: RuleDraft): FormRow[] {
  const rows: FormRow[] = [
    { id: 'ruleName', kind: 'text' },
    { id: 'priority', kind: 'text' },
    { id: 'direction', kind: 'choice' },
    { id: 'conditions', kind: 'section' },
  ];
  draft.conditions.forEach((condition, c) => {
    rows.push({ id: `conditions.${c}`, kind: 'item' });
    if (hasKey(condition.type)) rows.push({ id: `conditions.${c}.key`, kind: 'text' });
    condition.values.forEach((_, v) =>
      rows.push({ id: `conditions.${c}.values.${v}`, kind: 'text', listValue: true }),
    );
  });
  rows.push({ id: 'actions', kind: 'section' });
  draft.actions.forEach((action, a) => {
    rows.push({ id: `actions.${a}`, kind: 'item' });
    action.groups.forEach((_, g) => {
      rows.push({ id: `actions.${a}.groups.${g}`, kind: 'group' });
      if (hasWeights(action.type)) rows.push({ id: `actions.${a}.groups.${g}.weight`, kind: 'text' });
    });
    for (const field of actionFields(action.type)) {
      if (field.name === 'stickyTimeout' && action.fields['sticky'] !== 'on') continue;
      rows.push({ id: `actions.${a}.${field.name}`, kind: field.kind });
    }
  });
  return rows;
}

/** A row ID split into its parts: `actions.1.groups.0.weight` → ['actions', 1, 'groups', 0, 'weight']. */
export function rowPath(id: string): (string | number)[] {
  return id.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** What a text row holds. */
export function textAt(draft: RuleDraft, id: string): string {
  const [head, i, what, j, sub] = rowPath(id);
  if (head === 'ruleName') return draft.ruleName;
  if (head === 'priority') return draft.priority;
  if (head === 'conditions' && typeof i === 'number') {
    const condition = draft.conditions[i];
    if (what === 'key') return condition?.key ?? '';
    if (what === 'values' && typeof j === 'number') return condition?.values[j] ?? '';
  }
  if (head === 'actions' && typeof i === 'number') {
    const action = draft.actions[i];
    if (what === 'groups' && typeof j === 'number') {
      const group = action?.groups[j];
      return sub === 'weight' ? (group?.weight ?? '') : (group?.serverGroupId ?? '');
    }
    if (typeof what === 'string') return action?.fields[what] ?? '';
  }
  return '';
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, at) => (at === index ? item : existing));
}

function setActionField(action: ActionDraft, name: string, value: string): ActionDraft {
  return { ...action, fields: { ...action.fields, [name]: value } };
}

/** The draft with a text row (or a group's server group) set; the same draft when the row is not one. */
export function setTextAt(draft: RuleDraft, id: string, value: string): RuleDraft {
  const [head, i, what, j, sub] = rowPath(id);
  if (head === 'ruleName') return { ...draft, ruleName: value };
  if (head === 'priority') return { ...draft, priority: value };
  if (head === 'conditions' && typeof i === 'number') {
    const condition = draft.conditions[i];
    if (!condition) return draft;
    if (what === 'key')
      return { ...draft, conditions: replaceAt(draft.conditions, i, { ...condition, key: value }) };
    if (what === 'values' && typeof j === 'number')
      return {
        ...draft,
        conditions: replaceAt(draft.conditions, i, {
          ...condition,
          values: replaceAt(condition.values, j, value),
        }),
      };
  }
  if (head === 'actions' && typeof i === 'number') {
    const action = draft.actions[i];
    if (!action) return draft;
    if (what === 'groups' && typeof j === 'number') {
      const group = action.groups[j];
      if (!group) return draft;
      const changed = sub === 'weight' ? { ...group, weight: value } : { ...group, serverGroupId: value };
      return {
        ...draft,
        actions: replaceAt(draft.actions, i, { ...action, groups: replaceAt(action.groups, j, changed) }),
      };
    }
    if (typeof what === 'string')
      return { ...draft, actions: replaceAt(draft.actions, i, setActionField(action, what, value)) };
  }
  return draft;
}

/** The choices of a choice row, and its current value. */
export function choicesAt(
  draft: RuleDraft,
  id: string,
): { choices: readonly string[]; value: string } | undefined {
  if (id === 'direction') return { choices: ['Request', 'Response'], value: draft.direction };
  const [head, i, what] = rowPath(id);
  if (head !== 'actions' || typeof i !== 'number' || typeof what !== 'string') return undefined;
  const action = draft.actions[i];
  const spec = action && actionFields(action.type).find((f) => f.name === what);
  if (!action || !spec?.choices) return undefined;
  return { choices: spec.choices, value: action.fields[what] ?? '' };
}

/** The next choice of a choice row. A new direction keeps only the conditions it allows. */
export function cycleAt(draft: RuleDraft, id: string, delta: 1 | -1): RuleDraft {
  const options = choicesAt(draft, id);
  if (!options) return draft;
  const index = options.choices.indexOf(options.value);
  const next = options.choices[(index + delta + options.choices.length) % options.choices.length]!;
  if (id === 'direction') {
    const direction = next as RuleDraft['direction'];
    const allowed = conditionTypesFor(direction);
    const kept = draft.conditions.filter((c) => allowed.includes(c.type));
    return { ...draft, direction, conditions: kept };
  }
  return setTextAt(draft, id, next);
}

/** Where an item row is: its list and index. */
export function itemOf(
  id: string,
): { list: 'conditions' | 'actions'; index: number; group?: number } | undefined {
  const [head, i, what, j] = rowPath(id);
  if ((head !== 'conditions' && head !== 'actions') || typeof i !== 'number') return undefined;
  if (head === 'actions' && what === 'groups' && typeof j === 'number')
    return { list: 'actions', index: i, group: j };
  return { list: head, index: i };
}

export function addCondition(draft: RuleDraft, type: RuleConditionType, at: number): RuleDraft {
  const conditions = [...draft.conditions];
  conditions.splice(at, 0, newCondition(type));
  return { ...draft, conditions };
}

export function addAction(draft: RuleDraft, type: RuleActionType, at: number): RuleDraft {
  const actions = [...draft.actions];
  actions.splice(at, 0, newAction(type));
  return { ...draft, actions };
}

/** Another server group under a ForwardGroup (after `at`). */
export function addGroup(draft: RuleDraft, action: number, at: number, serverGroupId: string): RuleDraft {
  const target = draft.actions[action];
  if (!target) return draft;
  const groups = [...target.groups];
  groups.splice(at, 0, { serverGroupId, weight: '100' });
  return { ...draft, actions: replaceAt(draft.actions, action, { ...target, groups }) };
}

export function removeItem(draft: RuleDraft, list: 'conditions' | 'actions', index: number): RuleDraft {
  return list === 'conditions'
    ? { ...draft, conditions: draft.conditions.filter((_, at) => at !== index) }
    : { ...draft, actions: draft.actions.filter((_, at) => at !== index) };
}

export function removeGroup(draft: RuleDraft, action: number, group: number): RuleDraft {
  const target = draft.actions[action];
  if (!target) return draft;
  return {
    ...draft,
    actions: replaceAt(draft.actions, action, {
      ...target,
      groups: target.groups.filter((_, at) => at !== group),
    }),
  };
}

/** Moves an item one place up or down its list; the same draft at an end. */
export function moveItem(
  draft: RuleDraft,
  list: 'conditions' | 'actions',
  index: number,
  delta: 1 | -1,
): RuleDraft {
  const items: unknown[] = [...draft[list]];
  const to = index + delta;
  if (to < 0 || to >= items.length) return draft;
  [items[index], items[to]] = [items[to], items[index]];
  return { ...draft, [list]: items } as RuleDraft;
}

export function setConditionType(draft: RuleDraft, index: number, type: RuleConditionType): RuleDraft {
  const condition = draft.conditions[index];
  if (!condition || condition.type === type) return draft;
  // Values carry over where they still mean something (a list of strings stays a list).
  return { ...draft, conditions: replaceAt(draft.conditions, index, { ...condition, type }) };
}

export function setActionType(draft: RuleDraft, index: number, type: RuleActionType): RuleDraft {
  const action = draft.actions[index];
  if (!action || action.type === type) return draft;
  return { ...draft, actions: replaceAt(draft.actions, index, newAction(type)) };
}

export function insertValue(draft: RuleDraft, condition: number, at: number): RuleDraft {
  const target = draft.conditions[condition];
  if (!target) return draft;
  const values = [...target.values];
  values.splice(at, 0, '');
  return { ...draft, conditions: replaceAt(draft.conditions, condition, { ...target, values }) };
}

export function removeValue(draft: RuleDraft, condition: number, at: number): RuleDraft {
  const target = draft.conditions[condition];
  if (!target || target.values.length <= 1) return draft;
  return {
    ...draft,
    conditions: replaceAt(draft.conditions, condition, {
      ...target,
      values: target.values.filter((_, i) => i !== at),
    }),
  };
}
