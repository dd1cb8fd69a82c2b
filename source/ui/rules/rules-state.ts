// The rules pane (`r` on a listener, `:rules`): the listener's rules as a windowed list (filter, sort,
// marks), moving a rule up or down (the fewest rules renumbered, the plan shown and confirmed, calls
// of ≤ 10 followed to Available), deleting the marked rules, copying them to other listeners (a plan
// that says each priority clash with the rule that holds it), and the request tester. Pure: the view
// runs the effects and dispatches what comes back.
import type { Localized } from '../../domain/i18n.js';
import {
  planReorder,
  priorityCalls,
  priorityHolder,
  type PriorityChange,
} from '../../domain/rule-priorities.js';
import type { Rule, RuleSpec } from '../../domain/rule-types.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import {
  emptyList,
  moveBy,
  moveTo,
  page,
  selectedRow,
  selectId,
  withFilter,
  withRows,
  type ListModel,
} from '../dashboard/list-model.js';
import { searchForm } from '../dashboard/search-form.js';
import type { ErrorInfo } from '../error-info.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit } from '../line-edit.js';
import type { GroupNames } from '../../domain/rule-summary.js';
import { RULES_TEXT, type RulesTextKey } from './rules-i18n.js';
import {
  DEFAULT_ROW_ID,
  defaultRow,
  nextRuleSort,
  ruleRow,
  sortRows,
  type RuleRow,
  type RuleSort,
  type RuleSortKey,
} from './rules-rows.js';
import { initTester, testerKey, type TesterState } from './tester-state.js';
import { clampCursor } from '../list-cursor.js';

export interface RulesListener {
  id: string;
  loadBalancerId: string;
  /** `HTTPS 443 web` (sanitised). */
  label: string;
  protocol: string;
  port: number;
}

/** A listener rules may be copied to. */
export interface CopyTarget {
  id: string;
  loadBalancerId: string;
  /** `HTTPS 443 web · instance-name` (sanitised). */
  label: string;
}

export type ItemPhase = 'waiting' | 'sending' | 'provisioning' | 'done' | 'failed' | 'skipped';

export interface RunItem {
  /** `10 canary` or `→ HTTPS 443 api: 10 canary`. */
  label: string;
  /** What is done to it (`priority 30 → 15`). */
  what?: Localized;
  phase: ItemPhase;
  reason?: Localized;
}

export interface ConfirmText {
  text: string;
  wrong: boolean;
}

export interface CopyEntry {
  targetId: string;
  rule: Rule;
  /** The priority it will be created at. */
  priority: number;
  /** Held by a rule of the target: not sent (unless renumbered). */
  clash?: { holderName: string; holderId: string };
}

export type RunKind = 'move' | 'delete' | 'copy';

export type RulesMode =
  | { kind: 'list' }
  | {
      kind: 'move';
      name: string;
      direction: -1 | 1;
      changes: PriorityChange[];
      calls: PriorityChange[][];
      confirm?: ConfirmText;
    }
  | { kind: 'delete'; rules: Rule[]; confirm?: ConfirmText }
  | { kind: 'copy-pick'; rules: Rule[]; cursor: number; filter: string; picked: ReadonlySet<string> }
  | { kind: 'copy-planning'; rules: Rule[]; targets: string[] }
  | {
      kind: 'copy-plan';
      rules: Rule[];
      entries: CopyEntry[];
      /** Each readable target's rules as read for the plan. */
      targetRules: ReadonlyMap<string, readonly Rule[]>;
      unreadable: { targetId: string; reason: Localized }[];
      scroll: number;
      confirm?: ConfirmText;
    }
  | { kind: 'running'; run: RunKind; items: RunItem[]; scroll: number }
  | { kind: 'done'; run: RunKind; items: RunItem[]; scroll: number }
  | { kind: 'tester'; tester: TesterState };

export interface RulesState {
  listener: RulesListener;
  status: 'loading' | 'ready' | 'failed';
  error?: ErrorInfo;
  rules: readonly Rule[];
  names: GroupNames;
  defaultGroupIds: readonly string[];
  model: ListModel<RuleRow>;
  sort: RuleSort;
  filtering: boolean;
  marked: ReadonlySet<string>;
  mode: RulesMode;
  notice?: { text: Localized; tone: 'warning' | 'danger' | 'good' };
  /** List rows that fit (the pane's inner height). */
  height: number;
  targets: readonly CopyTarget[];
  readOnly: boolean;
  production: boolean;
}

export type RulesEffect =
  | { kind: 'load' }
  | { kind: 'run-move'; calls: PriorityChange[][] }
  | { kind: 'run-delete'; ruleIds: string[] }
  | { kind: 'plan-copy'; targets: string[] }
  | { kind: 'run-copy'; targets: { listenerId: string; specs: RuleSpec[] }[] }
  | { kind: 'open-form'; listenerId: string; ruleId?: string; asText?: boolean }
  | { kind: 'copy'; text: string };

export type RulesAction =
  | { type: 'key'; key: KeyPress }
  | { type: 'resize'; height: number }
  | {
      type: 'loaded';
      rules: readonly Rule[];
      names: GroupNames;
      defaultGroupIds: readonly string[];
    }
  | { type: 'load-failed'; error: ErrorInfo }
  | {
      type: 'copy-planned';
      targets: readonly { listenerId: string; rules?: readonly Rule[]; error?: ErrorInfo }[];
    }
  | { type: 'run-event'; index: number; phase: ItemPhase; reason?: Localized }
  | { type: 'run-ended' };

export interface RulesStep {
  state: RulesState;
  effects: RulesEffect[];
  /** The key was the pane's (the root does nothing more with it). */
  used: boolean;
}

export interface RulesInit {
  listener: RulesListener;
  targets?: readonly CopyTarget[];
  names?: GroupNames;
  defaultGroupIds?: readonly string[];
  height: number;
  readOnly: boolean;
  production: boolean;
}

export function initRules(init: RulesInit): RulesState {
  return {
    listener: init.listener,
    status: 'loading',
    rules: [],
    names: init.names ?? new Map(),
    defaultGroupIds: init.defaultGroupIds ?? [],
    model: emptyList(),
    sort: { key: 'priority', direction: 'asc' },
    filtering: false,
    marked: new Set(),
    mode: { kind: 'list' },
    height: Math.max(1, init.height),
    targets: init.targets ?? [],
    readOnly: init.readOnly,
    production: init.production,
  };
}

const step = (state: RulesState, effects: RulesEffect[] = [], used = true): RulesStep => ({
  state,
  effects,
  used,
});

const say = (key: RulesTextKey, params: Record<string, string | number | Localized> = {}) =>
  RULES_TEXT.text(key, params);

function notice(state: RulesState, key: RulesTextKey, tone: 'warning' | 'danger' | 'good', params = {}) {
  return step({ ...state, notice: { text: say(key, params), tone } });
}

function buildRows(state: RulesState): RuleRow[] {
  const rows = state.rules.map((rule) => ruleRow(rule, state.names));
  rows.push(defaultRow(state.defaultGroupIds, state.names));
  return sortRows(rows, state.sort);
}

function withFreshRows(state: RulesState): RulesState {
  return { ...state, model: withRows(state.model, buildRows(state), state.height) };
}

export function selectedRule(state: RulesState): Rule | undefined {
  return selectedRow(state.model)?.rule;
}

/** The marked rules, in priority order; or the selected one when none is marked. */
export function actedOn(state: RulesState): Rule[] {
  const marked = state.rules.filter((rule) => state.marked.has(rule.ruleId));
  if (marked.length > 0) return [...marked].sort((a, b) => a.priority - b.priority);
  const selected = selectedRule(state);
  return selected ? [selected] : [];
}

const ruleLabel = (rule: Rule) => `${rule.priority} ${sanitizeForTerminal(rule.ruleName)}`;

// ---------------------------------------------------------------------------------------------
// The list

function planMoveOf(state: RulesState, direction: -1 | 1): RulesStep {
  const rule = selectedRule(state);
  if (selectedRow(state.model)?.id === DEFAULT_ROW_ID) return notice(state, 'moveDefault', 'warning');
  if (!rule) return step(state);
  if (state.readOnly) return notice(state, 'readOnly', 'danger');
  if (state.sort.key !== 'priority' || state.sort.direction !== 'asc')
    return notice(state, 'moveSortFirst', 'warning');
  // Priorities are unique per listener across both directions: the order planned over is every rule,
  // and the rule moves past its nearest neighbour of the same direction.
  const sorted = [...state.rules].sort((a, b) => a.priority - b.priority);
  const from = sorted.findIndex((candidate) => candidate.ruleId === rule.ruleId);
  let to = from + direction;
  while (to >= 0 && to < sorted.length && sorted[to]!.direction !== rule.direction) to += direction;
  if (to < 0 || to >= sorted.length)
    return notice(state, 'moveEdge', 'warning', { end: say(direction < 0 ? 'moveTop' : 'moveBottom') });
  const slots = sorted.map((candidate) => ({ ruleId: candidate.ruleId, priority: candidate.priority }));
  const plan = planReorder(slots, from, to);
  if (!plan.ok) return notice(state, 'moveEdge', 'warning', { end: say('moveBottom') });
  const busy = plan.changes
    .map((change) => state.rules.find((candidate) => candidate.ruleId === change.ruleId))
    .find((candidate) => candidate && candidate.ruleStatus !== 'Available');
  if (busy) return notice(state, 'moveBusy', 'warning', { status: busy.ruleStatus });
  const calls = priorityCalls(slots, plan.changes) ?? [plan.changes];
  return step({
    ...state,
    mode: {
      kind: 'move',
      name: sanitizeForTerminal(rule.ruleName),
      direction,
      changes: plan.changes,
      calls,
    },
  });
}

function toggleMark(state: RulesState): RulesStep {
  const row = selectedRow(state.model);
  if (!row) return step(state);
  if (row.id === DEFAULT_ROW_ID) return notice(state, 'markDefault', 'warning');
  const marked = new Set(state.marked);
  if (marked.has(row.id)) marked.delete(row.id);
  else marked.add(row.id);
  return step({ ...state, marked, model: moveBy(state.model, 1, state.height) });
}

function askDelete(state: RulesState): RulesStep {
  if (state.readOnly) return notice(state, 'readOnly', 'danger');
  const rules = actedOn(state);
  if (rules.length === 0) return notice(state, 'nothingMarked', 'warning');
  return step({ ...state, mode: { kind: 'delete', rules } });
}

function askCopy(state: RulesState): RulesStep {
  if (state.readOnly) return notice(state, 'readOnly', 'danger');
  const rules = actedOn(state);
  if (rules.length === 0) return notice(state, 'nothingMarked', 'warning');
  return step({ ...state, mode: { kind: 'copy-pick', rules, cursor: 0, filter: '', picked: new Set() } });
}

function sortBy(state: RulesState, key: RuleSortKey): RulesStep {
  const sort = nextRuleSort(state.sort, key);
  // The rows' summaries stay as they are: only their order changes.
  return step({
    ...state,
    sort,
    model: withRows(state.model, sortRows(state.model.rows, sort), state.height),
  });
}

function openForm(state: RulesState, withRule: boolean, asText = false): RulesStep {
  if (state.readOnly) return notice(state, 'readOnly', 'danger');
  const rule = selectedRule(state);
  if (withRule && !rule) return step(state);
  return step(state, [
    {
      kind: 'open-form',
      listenerId: state.listener.id,
      ...(withRule && rule ? { ruleId: rule.ruleId } : {}),
      ...(asText ? { asText: true } : {}),
    },
  ]);
}

function filterKey(state: RulesState, press: KeyPress): RulesStep {
  const id = keyId(press);
  if (id === 'escape')
    return step({ ...state, filtering: false, model: withFilter(state.model, '', state.height) });
  if (id === 'enter') return step({ ...state, filtering: false });
  if (id === 'down' || id === 'up')
    return step({ ...state, model: moveBy(state.model, id === 'down' ? 1 : -1, state.height) });
  const text = edit(state.model.filter, press);
  if (text === undefined) return step(state);
  return step({ ...state, model: withFilter(state.model, text, state.height) });
}

function listKey(state: RulesState, press: KeyPress): RulesStep {
  if (state.filtering) return filterKey(state, press);
  const id = keyId(press);
  const move = (model: ListModel<RuleRow>) => step({ ...state, model });
  // Shift+↑/↓ (where the terminal reports it) moves the rule, like K and J.
  if (press.kind === 'special' && press.shift && (press.name === 'up' || press.name === 'down'))
    return planMoveOf(state, press.name === 'up' ? -1 : 1);
  switch (id) {
    case 'down':
    case 'j':
      return move(moveBy(state.model, 1, state.height));
    case 'up':
    case 'k':
      return move(moveBy(state.model, -1, state.height));
    case 'pagedown':
    case 'ctrl+f':
      return move(page(state.model, 1, state.height));
    case 'pageup':
    case 'ctrl+b':
      return move(page(state.model, -1, state.height));
    case 'g':
    case 'home':
      return move(moveTo(state.model, 0, state.height));
    case 'G':
    case 'end':
      return move(moveTo(state.model, state.model.matches.length - 1, state.height));
    case '/':
      return step({ ...state, filtering: true });
    case 'P':
      return sortBy(state, 'priority');
    case 'N':
      return sortBy(state, 'name');
    case 'S':
      return sortBy(state, 'status');
    case 'K':
      return planMoveOf(state, -1);
    case 'J':
      return planMoveOf(state, 1);
    case ' ':
      return toggleMark(state);
    case 'ctrl+d':
      return askDelete(state);
    case 'c':
      return askCopy(state);
    case 'n':
      return openForm(state, false);
    case 'e':
    case 'enter':
      return openForm(state, true);
    case 'E':
      return openForm(state, true, true);
    case 't':
      return step({
        ...state,
        mode: {
          kind: 'tester',
          tester: initTester({ ...state.listener, defaultGroupIds: state.defaultGroupIds }, state.rules),
        },
      });
    case 'y': {
      const row = selectedRow(state.model);
      return step(state, row?.rule ? [{ kind: 'copy', text: row.rule.ruleId }] : []);
    }
    case 'ctrl+r':
      return step({ ...state, status: 'loading' }, [{ kind: 'load' }]);
    case 'escape':
      // Esc first clears a kept filter, then the marks; only then does it leave the pane.
      if (state.model.filter) return step({ ...state, model: withFilter(state.model, '', state.height) });
      if (state.marked.size > 0) return step({ ...state, marked: new Set() });
      return step(state, [], false);
    default:
      return step(state, [], false);
  }
}

// ---------------------------------------------------------------------------------------------
// Confirmation: a key on ordinary connections, the count typed on production ones.

type ConfirmOutcome = { kind: 'go' } | { kind: 'stay'; confirm?: ConfirmText } | { kind: 'back' };

function confirmStep(
  state: RulesState,
  confirm: ConfirmText | undefined,
  press: KeyPress,
  goKey: string,
  count: number,
): ConfirmOutcome {
  const id = keyId(press);
  if (confirm) {
    if (id === 'escape') return { kind: 'stay' };
    if (id === 'enter')
      return confirm.text.trim() === String(count)
        ? { kind: 'go' }
        : { kind: 'stay', confirm: { ...confirm, wrong: true } };
    const text = edit(confirm.text, press);
    if (text === undefined || !/^\d{0,5}$/.test(text)) return { kind: 'stay', confirm };
    return { kind: 'stay', confirm: { text, wrong: false } };
  }
  if (id === 'escape') return { kind: 'back' };
  if (id !== goKey) return { kind: 'stay' };
  if (state.readOnly) return { kind: 'stay' };
  if (state.production) return { kind: 'stay', confirm: { text: '', wrong: false } };
  return { kind: 'go' };
}

function running(state: RulesState, run: RunKind, items: RunItem[], effect: RulesEffect): RulesStep {
  return step({ ...state, mode: { kind: 'running', run, items, scroll: 0 } }, [effect]);
}

function moveKey(state: RulesState, mode: Extract<RulesMode, { kind: 'move' }>, press: KeyPress): RulesStep {
  const outcome = confirmStep(state, mode.confirm, press, 'ctrl+s', mode.changes.length);
  if (outcome.kind === 'back') return step({ ...state, mode: { kind: 'list' } });
  if (outcome.kind === 'stay') return step({ ...state, mode: withConfirm(mode, outcome.confirm) });
  const byId = new Map(state.rules.map((rule) => [rule.ruleId, rule]));
  const items: RunItem[] = mode.calls.flat().map((change) => {
    const rule = byId.get(change.ruleId);
    return {
      label: rule ? ruleLabel(rule) : change.ruleId,
      what: say('moveChange', { from: change.from, to: change.to }),
      phase: 'waiting',
    };
  });
  return running(state, 'move', items, { kind: 'run-move', calls: mode.calls });
}

function withConfirm<M extends { confirm?: ConfirmText }>(mode: M, confirm: ConfirmText | undefined): M {
  const { confirm: _dropped, ...rest } = mode;
  return (confirm ? { ...rest, confirm } : rest) as M;
}

function deleteKey(
  state: RulesState,
  mode: Extract<RulesMode, { kind: 'delete' }>,
  press: KeyPress,
): RulesStep {
  const outcome = confirmStep(state, mode.confirm, press, 'y', mode.rules.length);
  if (outcome.kind === 'back') return step({ ...state, mode: { kind: 'list' } });
  if (outcome.kind === 'stay') return step({ ...state, mode: withConfirm(mode, outcome.confirm) });
  const items = mode.rules.map((rule) => ({ label: ruleLabel(rule), phase: 'waiting' as const }));
  return running(state, 'delete', items, {
    kind: 'run-delete',
    ruleIds: mode.rules.map((rule) => rule.ruleId),
  });
}

export function copyChoices(state: RulesState, filter: string): CopyTarget[] {
  const words = searchForm(filter).split(/\s+/).filter(Boolean);
  return state.targets.filter(
    (target) =>
      target.id !== state.listener.id &&
      words.every((word) => searchForm(`${target.label} ${target.id}`).includes(word)),
  );
}

function copyPickKey(
  state: RulesState,
  mode: Extract<RulesMode, { kind: 'copy-pick' }>,
  press: KeyPress,
): RulesStep {
  const id = keyId(press);
  const choices = copyChoices(state, mode.filter);
  if (id === 'escape') return step({ ...state, mode: { kind: 'list' } });
  if (id === 'down' || id === 'up') {
    const cursor = clampCursor(mode.cursor + (id === 'down' ? 1 : -1), choices.length);
    return step({ ...state, mode: { ...mode, cursor } });
  }
  if (id === ' ') {
    const chosen = choices[mode.cursor];
    if (!chosen) return step(state);
    const picked = new Set(mode.picked);
    if (picked.has(chosen.id)) picked.delete(chosen.id);
    else picked.add(chosen.id);
    return step({ ...state, mode: { ...mode, picked } });
  }
  if (id === 'enter') {
    if (mode.picked.size === 0) return notice(state, 'copyNoTarget', 'warning');
    const targets = state.targets.filter((target) => mode.picked.has(target.id)).map((target) => target.id);
    return step({ ...state, mode: { kind: 'copy-planning', rules: mode.rules, targets } }, [
      { kind: 'plan-copy', targets },
    ]);
  }
  const filter = edit(mode.filter, press);
  if (filter === undefined) return step(state);
  return step({ ...state, mode: { ...mode, filter, cursor: 0 } });
}

/** Each copied rule on each target, at its own priority; a priority the target holds is a clash. */
export function planCopy(
  rules: readonly Rule[],
  targets: readonly { listenerId: string; rules: readonly Rule[] }[],
): CopyEntry[] {
  return targets.flatMap((target) =>
    rules.map((rule) => {
      const holder = priorityHolder(target.rules, rule.priority);
      return {
        targetId: target.listenerId,
        rule,
        priority: rule.priority,
        ...(holder
          ? { clash: { holderName: sanitizeForTerminal(holder.ruleName), holderId: holder.ruleId } }
          : {}),
      };
    }),
  );
}

/**
 * Clashing entries moved to the first free priority after their own on their target (free of the
 * target's rules and of the other entries), the order among the copied rules kept where it can be.
 */
export function renumberClashes(
  entries: readonly CopyEntry[],
  targetRules: ReadonlyMap<string, readonly Rule[]>,
): CopyEntry[] {
  const used = new Map<string, Set<number>>();
  for (const entry of entries) {
    const held =
      used.get(entry.targetId) ?? new Set((targetRules.get(entry.targetId) ?? []).map((r) => r.priority));
    if (!entry.clash) held.add(entry.priority);
    used.set(entry.targetId, held);
  }
  return entries.map((entry) => {
    if (!entry.clash) return entry;
    const held = used.get(entry.targetId)!;
    let priority = entry.priority + 1;
    while (held.has(priority) && priority <= 10000) priority += 1;
    if (priority > 10000) return entry;
    held.add(priority);
    return { targetId: entry.targetId, rule: entry.rule, priority };
  });
}

function specOf(rule: Rule, priority: number): RuleSpec {
  return {
    ruleName: rule.ruleName,
    priority,
    direction: rule.direction,
    ruleConditions: rule.ruleConditions,
    ruleActions: rule.ruleActions,
  };
}

function targetLabel(state: RulesState, id: string): string {
  return state.targets.find((target) => target.id === id)?.label ?? id;
}

function copyPlanKey(
  state: RulesState,
  mode: Extract<RulesMode, { kind: 'copy-plan' }>,
  press: KeyPress,
): RulesStep {
  const id = keyId(press);
  if (!mode.confirm) {
    if (id === 'down' || id === 'j') return step({ ...state, mode: { ...mode, scroll: mode.scroll + 1 } });
    if (id === 'up' || id === 'k')
      return step({ ...state, mode: { ...mode, scroll: Math.max(0, mode.scroll - 1) } });
    if (id === 'f')
      return step({ ...state, mode: { ...mode, entries: renumberClashes(mode.entries, mode.targetRules) } });
  }
  const sendable = mode.entries.filter((entry) => !entry.clash);
  if (!mode.confirm && id === 'ctrl+s' && sendable.length === 0)
    return notice(state, 'copyNothing', 'warning');
  const outcome = confirmStep(state, mode.confirm, press, 'ctrl+s', sendable.length);
  if (outcome.kind === 'back') return step({ ...state, mode: { kind: 'list' } });
  if (outcome.kind === 'stay') return step({ ...state, mode: withConfirm(mode, outcome.confirm) });
  const byTarget = new Map<string, CopyEntry[]>();
  for (const entry of sendable)
    byTarget.set(entry.targetId, [...(byTarget.get(entry.targetId) ?? []), entry]);
  const items: RunItem[] = [];
  const targets = [...byTarget].map(([listenerId, entries]) => {
    for (const entry of entries)
      items.push({
        label: `${targetLabel(state, listenerId)}: ${entry.priority} ${sanitizeForTerminal(entry.rule.ruleName)}`,
        phase: 'waiting',
      });
    return { listenerId, specs: entries.map((entry) => specOf(entry.rule, entry.priority)) };
  });
  return running(state, 'copy', items, { kind: 'run-copy', targets });
}

function doneKey(state: RulesState, mode: Extract<RulesMode, { kind: 'done' }>, press: KeyPress): RulesStep {
  const id = keyId(press);
  if (id === 'down' || id === 'j') return step({ ...state, mode: { ...mode, scroll: mode.scroll + 1 } });
  if (id === 'up' || id === 'k')
    return step({ ...state, mode: { ...mode, scroll: Math.max(0, mode.scroll - 1) } });
  if (id === 'escape' || id === 'enter') {
    // What was deleted or copied is no longer marked; the list is read again to show what changed.
    const marked = mode.run === 'move' ? state.marked : new Set<string>();
    return step({ ...state, marked, status: 'loading', mode: { kind: 'list' } }, [{ kind: 'load' }]);
  }
  return step(state);
}

function testerKeyOf(
  state: RulesState,
  mode: Extract<RulesMode, { kind: 'tester' }>,
  press: KeyPress,
): RulesStep {
  const id = keyId(press);
  if (id === 'escape') return step({ ...state, mode: { kind: 'list' } });
  if (id === 'enter' && mode.tester.result?.ruleId) {
    // Back to the list on the rule that takes the request.
    const model = selectId(
      withFilter(state.model, '', state.height),
      mode.tester.result.ruleId,
      state.height,
    );
    return step({ ...state, filtering: false, model, mode: { kind: 'list' } });
  }
  return step({ ...state, mode: { kind: 'tester', tester: testerKey(mode.tester, press, state.rules) } });
}

function onKey(state: RulesState, press: KeyPress): RulesStep {
  const base = state.notice ? { ...state, notice: undefined } : state;
  const mode = base.mode;
  switch (mode.kind) {
    case 'list':
      return listKey(base, press);
    case 'move':
      return moveKey(base, mode, press);
    case 'delete':
      return deleteKey(base, mode, press);
    case 'copy-pick':
      return copyPickKey(base, mode, press);
    case 'copy-planning':
      return step(keyId(press) === 'escape' ? { ...base, mode: { kind: 'list' } } : base);
    case 'copy-plan':
      return copyPlanKey(base, mode, press);
    case 'running':
      // Leaving mid-run would hide it, not stop it: the keys wait until every call has ended.
      return step(base);
    case 'done':
      return doneKey(base, mode, press);
    case 'tester':
      return testerKeyOf(base, mode, press);
  }
}

function copyPlanned(state: RulesState, action: Extract<RulesAction, { type: 'copy-planned' }>): RulesStep {
  if (state.mode.kind !== 'copy-planning') return step(state, [], false);
  const readable = action.targets.flatMap((target) =>
    target.rules ? [{ listenerId: target.listenerId, rules: target.rules }] : [],
  );
  const unreadable = action.targets.flatMap((target) =>
    target.error ? [{ targetId: target.listenerId, reason: target.error.message }] : [],
  );
  return step(
    {
      ...state,
      mode: {
        kind: 'copy-plan',
        rules: state.mode.rules,
        entries: planCopy(state.mode.rules, readable),
        targetRules: new Map(readable.map((target) => [target.listenerId, target.rules])),
        unreadable,
        scroll: 0,
      },
    },
    [],
    false,
  );
}

export function rulesReducer(state: RulesState, action: RulesAction): RulesStep {
  switch (action.type) {
    case 'key':
      return onKey(state, action.key);
    case 'resize': {
      const height = Math.max(1, action.height);
      if (height === state.height) return step(state, [], false);
      return step({ ...state, height, model: moveBy(state.model, 0, height) }, [], false);
    }
    case 'loaded': {
      const ids = new Set(action.rules.map((rule) => rule.ruleId));
      const marked = new Set([...state.marked].filter((id) => ids.has(id)));
      const next: RulesState = {
        ...state,
        status: 'ready',
        error: undefined,
        rules: action.rules,
        names: action.names,
        defaultGroupIds: action.defaultGroupIds,
        marked,
      };
      return step(withFreshRows(next), [], false);
    }
    case 'load-failed':
      return step({ ...state, status: 'failed', error: action.error }, [], false);
    case 'copy-planned':
      return copyPlanned(state, action);
    case 'run-event': {
      // A reason may come after the run ended (a clash's holder, read again).
      if (state.mode.kind !== 'running' && state.mode.kind !== 'done') return step(state, [], false);
      const items = state.mode.items.map((item, index) =>
        index === action.index
          ? { ...item, phase: action.phase, ...(action.reason ? { reason: action.reason } : {}) }
          : item,
      );
      return step({ ...state, mode: { ...state.mode, items } }, [], false);
    }
    case 'run-ended':
      if (state.mode.kind !== 'running') return step(state, [], false);
      return step({ ...state, mode: { ...state.mode, kind: 'done' as const } }, [], false);
  }
}

/** Why a change was refused, with the rule that holds a clashing priority when that was the reason. */
export function clashReason(
  rules: readonly Rule[],
  priority: number | undefined,
  reason: Localized,
  code: string | undefined,
): Localized {
  if (code !== 'Conflict.Priority' || priority === undefined) return reason;
  const holder = priorityHolder(rules, priority);
  if (!holder) return reason;
  return say('clashHolder', {
    priority,
    holder: sanitizeForTerminal(holder.ruleName),
    holderId: holder.ruleId,
  });
}
