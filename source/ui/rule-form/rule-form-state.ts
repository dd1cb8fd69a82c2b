// The rule form as a reducer: the rows, focus and editing, the type and server-group pickers, the
// review with its diff and precheck, the submission (one ClientToken per submit, reused on
// retries), the production confirmation, and the offer to resume a kept draft. Pure: the view runs
// the effects it asks for (rule-form-view.tsx).
import type { RuleUpdate } from '../../alb/client.js';
import type { Localized } from '../../domain/i18n.js';
import type { TargetContext } from '../../domain/listener-rules.js';
import type { ListenerProtocol, ServerGroup } from '../../domain/resources.js';
import type {
  Rule,
  RuleActionType,
  RuleConditionType,
  RuleSpec,
  RuleStatus,
} from '../../domain/rule-types.js';
import {
  conditionTypesFor,
  draftToSpec,
  FORM_ACTION_TYPES,
  hasWeights,
  newRuleDraft,
  ruleToDraft,
  suggestedPriority,
  type RuleDraft,
} from './rule-draft.js';
import { updateOf } from './rule-diff.js';
import {
  addAction,
  addCondition,
  addGroup,
  cycleAt,
  formRows,
  insertValue,
  itemOf,
  moveItem,
  removeGroup,
  removeItem,
  removeValue,
  setActionType,
  setConditionType,
  setTextAt,
  textAt,
  type FormRow,
} from './rule-form-rows.js';
import { blockingIssues, fieldOfRuleError, type FormIssue } from './rule-issues.js';
import { clampCursor } from '../list-cursor.js';

/** What the form needs to know about where the rule lives. */
export interface RuleFormFacts {
  context: TargetContext;
  listener: {
    listenerId: string;
    protocol: ListenerProtocol;
    port: number;
    name: string;
    http2Enabled?: boolean;
  };
  /** The listener's rules (the edited one included). */
  rules: Rule[];
  instanceName?: string;
}

export interface KeptDraft {
  draft: RuleDraft;
  clientToken: string;
  savedAt: string;
}

export interface ServerIssue {
  code: string;
  field?: string;
  message: Localized;
}

export type Picker =
  | { kind: 'condition-type'; index: number; adding: boolean; cursor: number }
  | { kind: 'action-type'; index: number; adding: boolean; cursor: number }
  | { kind: 'group'; action: number; group: number; adding: boolean; cursor: number; filter: string };

export type Submission =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'provisioning'; ruleId: string; ruleStatus: RuleStatus }
  | { status: 'done'; ruleId: string }
  | { status: 'failed'; issue: ServerIssue; retryable: boolean };

export type Precheck =
  | { status: 'idle' }
  | { status: 'running'; version: number }
  | { status: 'passed'; version: number }
  | { status: 'failed'; version: number; issue: ServerIssue };

export type RuleFormEffect =
  | { kind: 'load' }
  | { kind: 'precheck'; version: number; request: RuleRequest }
  | { kind: 'submit'; request: RuleRequest; clientToken: string }
  | { kind: 'edit-text'; retry?: { text: string; errors: Localized[] } }
  | { kind: 'discard-draft' }
  | { kind: 'leave'; ruleId?: string; message?: Localized };

export type RuleRequest =
  { kind: 'create'; listenerId: string; spec: RuleSpec } | { kind: 'update'; update: RuleUpdate };

export interface RuleFormState {
  listenerId: string;
  ruleId?: string;
  load: { status: 'loading' } | { status: 'failed'; message: Localized } | { status: 'ready' };
  facts?: RuleFormFacts;
  /** The rule as read (edit): what the review compares with. */
  original?: RuleSpec;
  draft: RuleDraft;
  mode: 'form' | 'review';
  focus: number;
  caret?: number;
  touched: string[];
  /** The user asked for the review: every problem is shown, touched or not. */
  attempted: boolean;
  picker?: Picker;
  version: number;
  precheck: Precheck;
  submission: Submission;
  /** One per submit, reused on every retry of it. */
  clientToken: string;
  serverIssues: ServerIssue[];
  production: boolean;
  readOnly: boolean;
  /** The production confirmation being typed. */
  confirm?: { text: string; wrong: boolean };
  offer?: KeptDraft;
  /** The draft is worth keeping (the user changed something); false after a submit or a discard. */
  persist: boolean;
  /** Open as YAML first (`E` on a rule in the pane). */
  asText: boolean;
  reviewScroll: number;
  notice?: { message: Localized; tone: 'good' | 'warning' | 'danger' };
}

export type RuleFormAction =
  | { type: 'loaded'; facts: RuleFormFacts; kept?: KeptDraft }
  | { type: 'load-failed'; message: Localized }
  | { type: 'reload' }
  | { type: 'focus'; delta: number }
  | { type: 'focus-row'; id: string }
  | { type: 'edit'; id: string; value: string; caret?: number | undefined }
  | { type: 'caret'; caret: number | undefined }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'add' }
  | { type: 'remove' }
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'value-enter' }
  | { type: 'value-remove' }
  | { type: 'picker-open'; filter?: string }
  | { type: 'picker-move'; delta: number }
  | { type: 'picker-filter'; filter: string }
  | { type: 'picker-choose' }
  | { type: 'picker-close' }
  | { type: 'review' }
  | { type: 'back' }
  | { type: 'review-scroll'; delta: number }
  | { type: 'precheck' }
  | { type: 'precheck-finished'; version: number; ok: true }
  | {
      type: 'precheck-finished';
      version: number;
      ok: false;
      code: string;
      message: Localized;
      parameter?: string;
    }
  | { type: 'submit' }
  | { type: 'confirm-text'; text: string }
  | { type: 'confirm-cancel' }
  | { type: 'retry' }
  | { type: 'submit-accepted'; ruleId: string }
  | { type: 'rule-status'; status: RuleStatus }
  | { type: 'submit-done' }
  | {
      type: 'submit-failed';
      code: string;
      message: Localized;
      parameter?: string;
      retryable: boolean;
      /** The service refused the request: the next submit is a new one, with this token. */
      nextClientToken?: string;
    }
  | { type: 'resume' }
  | { type: 'start-fresh' }
  | { type: 'discard-kept' }
  | { type: 'edit-as-text' }
  | { type: 'text-read'; outcome: TextOutcome }
  | { type: 'leave' }
  | { type: 'notice'; message: Localized; tone: 'good' | 'warning' | 'danger' };

export type TextOutcome =
  | { kind: 'cancel' }
  | { kind: 'failed'; message: Localized }
  | { kind: 'invalid'; text: string; errors: Localized[] }
  | { kind: 'ok'; draft: RuleDraft };

export interface Step {
  state: RuleFormState;
  effects: RuleFormEffect[];
}

export interface RuleFormInit {
  listenerId: string;
  ruleId?: string;
  clientToken: string;
  production?: boolean;
  readOnly?: boolean;
  asText?: boolean;
}

export function initRuleForm(init: RuleFormInit): Step {
  return {
    state: {
      listenerId: init.listenerId,
      ...(init.ruleId ? { ruleId: init.ruleId } : {}),
      load: { status: 'loading' },
      draft: newRuleDraft(1),
      mode: 'form',
      focus: 0,
      touched: [],
      attempted: false,
      version: 0,
      precheck: { status: 'idle' },
      submission: { status: 'idle' },
      clientToken: init.clientToken,
      serverIssues: [],
      production: init.production ?? false,
      readOnly: init.readOnly ?? false,
      persist: false,
      asText: init.asText ?? false,
      reviewScroll: 0,
    },
    effects: [{ kind: 'load' }],
  };
}

export function rows(state: RuleFormState): FormRow[] {
  return formRows(state.draft);
}

export function focusedRow(state: RuleFormState): FormRow | undefined {
  return rows(state)[state.focus];
}

/** The server groups a ForwardGroup may pick: those in the instance's VPC. */
export function vpcGroups(state: RuleFormState): ServerGroup[] {
  const context = state.facts?.context;
  if (!context) return [];
  return context.serverGroups.filter((g) => g.vpcId === context.instance.vpcId);
}

/** The options of the open picker, filtered. */
export function pickerOptions(state: RuleFormState): { id: string; label: string; facts?: ServerGroup }[] {
  const picker = state.picker;
  if (!picker) return [];
  if (picker.kind === 'condition-type')
    return conditionTypesFor(state.draft.direction).map((t) => ({ id: t, label: t }));
  if (picker.kind === 'action-type') return FORM_ACTION_TYPES.map((t) => ({ id: t, label: t }));
  const filter = picker.filter.toLowerCase();
  return vpcGroups(state)
    .filter((g) => filter === '' || `${g.serverGroupId} ${g.serverGroupName}`.toLowerCase().includes(filter))
    .map((g) => ({ id: g.serverGroupId, label: g.serverGroupName, facts: g }));
}

/** Every problem of the draft now, and those to show on their rows. */
export function formIssues(state: RuleFormState): { all: FormIssue[]; shown: Map<string, Localized[]> } {
  const all = state.facts ? blockingIssues(state.draft, state.facts, state.ruleId) : [];
  const shown = new Map<string, Localized[]>();
  const show = (field: string, message: Localized) =>
    shown.set(field, [...(shown.get(field) ?? []), message]);
  for (const issue of all) {
    const visible =
      state.attempted ||
      issue.severity === 'warning' ||
      state.touched.some(
        (t) => issue.field === t || issue.field.startsWith(`${t}.`) || t.startsWith(`${issue.field}.`),
      ) ||
      // A value already there that is wrong (a resumed draft, a rule read) is said at once; only a
      // blank field waits until the user has been at it.
      textAt(state.draft, issue.field).trim() !== '' ||
      // Lists and quotas are said at once: they follow from adding, not typing.
      issue.field === 'conditions' ||
      issue.field === 'actions' ||
      issue.field === 'priority';
    if (visible) show(issue.field, issue.message);
  }
  for (const issue of state.serverIssues) show(issue.field ?? 'ruleName', issue.message);
  return { all, shown };
}

export function isValid(state: RuleFormState): boolean {
  return formIssues(state).all.every((i) => i.severity !== 'error');
}

/** The request the form stands for (create, or the update with just the fields that change). */
export function requestOf(state: RuleFormState): RuleRequest {
  const spec = draftToSpec(state.draft);
  if (state.ruleId && state.original)
    return { kind: 'update', update: updateOf(state.ruleId, state.original, spec) };
  return { kind: 'create', listenerId: state.listenerId, spec };
}

export function changeCount(state: RuleFormState): number {
  const request = requestOf(state);
  return request.kind === 'update' ? Object.keys(request.update).length - 1 : 1;
}

function touch(state: RuleFormState, id: string): string[] {
  return state.touched.includes(id) ? state.touched : [...state.touched, id];
}

/** A change of the draft: focus kept in range, the server's word on it and any precheck forgotten. */
function changeDraft(state: RuleFormState, id: string, draft: RuleDraft, focusId?: string): RuleFormState {
  const next = formRows(draft);
  const wanted = focusId ? next.findIndex((r) => r.id === focusId) : -1;
  return {
    ...state,
    draft,
    touched: touch(state, id),
    focus: wanted >= 0 ? wanted : Math.min(state.focus, next.length - 1),
    version: state.version + 1,
    precheck: { status: 'idle' },
    submission: state.submission.status === 'failed' ? { status: 'idle' } : state.submission,
    serverIssues: state.serverIssues.filter((i) => i.field !== id && !(i.field ?? '').startsWith(`${id}.`)),
    persist: true,
    ...(state.offer ? {} : {}),
  };
}

const same = (state: RuleFormState): Step => ({ state, effects: [] });
const only = (state: RuleFormState, ...effects: RuleFormEffect[]): Step => ({ state, effects });

function issueOf(code: string, message: Localized, parameter?: string): ServerIssue {
  const field = fieldOfRuleError(code, parameter);
  return { code, message, ...(field ? { field } : {}) };
}

function firstInvalid(state: RuleFormState): number {
  const issues = formIssues(state).all.filter((i) => i.severity === 'error');
  const all = rows(state);
  for (const issue of issues) {
    const at = all.findIndex((r) => r.id === issue.field || r.id.startsWith(`${issue.field}.`));
    if (at >= 0) return at;
  }
  return state.focus;
}

/** To the review: only a valid form gets there; it starts the precheck at once. */
function review(state: RuleFormState): Step {
  if (!isValid(state)) {
    const marked = { ...state, attempted: true, picker: undefined };
    return same({ ...marked, focus: firstInvalid(marked) });
  }
  const at: RuleFormState = { ...state, mode: 'review', reviewScroll: 0, picker: undefined, attempted: true };
  if (changeCount(at) === 0) return same(at);
  return precheck(at);
}

function precheck(state: RuleFormState): Step {
  return only(
    { ...state, precheck: { status: 'running', version: state.version } },
    { kind: 'precheck', version: state.version, request: requestOf(state) },
  );
}

function send(state: RuleFormState): Step {
  return only(
    { ...state, confirm: undefined, submission: { status: 'submitting' } },
    { kind: 'submit', request: requestOf(state), clientToken: state.clientToken },
  );
}

/** Ctrl-S on the review: production connections type the listener port first. */
function submit(state: RuleFormState): Step {
  if (state.mode !== 'review') return review(state);
  if (!isValid(state) || changeCount(state) === 0) return same(state);
  if (state.submission.status === 'submitting' || state.submission.status === 'provisioning')
    return same(state);
  if (state.production && !state.confirm) return same({ ...state, confirm: { text: '', wrong: false } });
  if (state.production && state.confirm) {
    const port = String(state.facts?.listener.port ?? '');
    if (state.confirm.text.trim() !== port)
      return same({ ...state, confirm: { ...state.confirm, wrong: true } });
  }
  return send(state);
}

function loaded(state: RuleFormState, facts: RuleFormFacts, kept: KeptDraft | undefined): RuleFormState {
  const rule = state.ruleId ? facts.rules.find((r) => r.ruleId === state.ruleId) : undefined;
  const others = facts.rules.filter((r) => r.ruleId !== state.ruleId).map((r) => r.priority);
  const draft = rule ? ruleToDraft(rule) : newRuleDraft(suggestedPriority(others));
  // Compared as the form writes it (a weight left out is 100, a sticky session off is left out), so
  // only what the user changed shows as a change.
  const original: RuleSpec | undefined = rule ? draftToSpec(draft) : undefined;
  return {
    ...state,
    load: { status: 'ready' },
    facts,
    draft,
    ...(original ? { original } : {}),
    focus: 0,
    version: state.version + 1,
    ...(kept ? { offer: kept } : {}),
  };
}

function pickerLength(state: RuleFormState): number {
  return pickerOptions(state).length;
}

function choose(state: RuleFormState): Step {
  const picker = state.picker;
  if (!picker) return same(state);
  const option = pickerOptions(state)[picker.cursor];
  if (!option) return same(state);
  const closed = { ...state, picker: undefined };
  if (picker.kind === 'condition-type') {
    const type = option.id as RuleConditionType;
    const draft = picker.adding
      ? addCondition(state.draft, type, picker.index)
      : setConditionType(state.draft, picker.index, type);
    const first = `conditions.${picker.index}`;
    const row = formRows(draft).find((r) => r.id.startsWith(`${first}.`))?.id ?? first;
    return same(changeDraft(closed, first, draft, row));
  }
  if (picker.kind === 'action-type') {
    const type = option.id as RuleActionType;
    const draft = picker.adding
      ? addAction(state.draft, type, picker.index)
      : setActionType(state.draft, picker.index, type);
    const first = `actions.${picker.index}`;
    const row = formRows(draft).find((r) => r.id.startsWith(`${first}.`))?.id ?? first;
    return same(changeDraft(closed, first, draft, row));
  }
  const id = `actions.${picker.action}.groups.${picker.group}`;
  const draft = picker.adding
    ? addGroup(state.draft, picker.action, picker.group, option.id)
    : setTextAt(state.draft, id, option.id);
  const weighted = hasWeights(draft.actions[picker.action]?.type ?? 'ForwardGroup');
  return same(changeDraft(closed, id, draft, weighted ? `${id}.weight` : id));
}

/** `a`: a condition or action after the focused one (its type picked first), or a server group. */
function add(state: RuleFormState): Step {
  const row = focusedRow(state);
  if (!row) return same(state);
  const item = itemOf(row.id);
  if (row.id === 'conditions' || item?.list === 'conditions') {
    const index = row.id === 'conditions' ? state.draft.conditions.length : item!.index + 1;
    return same({ ...state, picker: { kind: 'condition-type', index, adding: true, cursor: 0 } });
  }
  if (item?.group !== undefined)
    return same({
      ...state,
      picker: {
        kind: 'group',
        action: item.index,
        group: item.group + 1,
        adding: true,
        cursor: 0,
        filter: '',
      },
    });
  if (row.id === 'actions' || item?.list === 'actions') {
    // New actions go before the final one by default: the final action stays last.
    const index = row.id === 'actions' ? Math.max(0, state.draft.actions.length - 1) : item!.index + 1;
    return same({ ...state, picker: { kind: 'action-type', index, adding: true, cursor: 0 } });
  }
  return same(state);
}

function remove(state: RuleFormState): Step {
  const row = focusedRow(state);
  const item = row && itemOf(row.id);
  if (!row || !item) return same(state);
  if (row.kind === 'group' && item.group !== undefined)
    return same(
      changeDraft(state, `actions.${item.index}`, removeGroup(state.draft, item.index, item.group)),
    );
  if (row.kind !== 'item') return same(state);
  return same(changeDraft(state, item.list, removeItem(state.draft, item.list, item.index)));
}

function move(state: RuleFormState, delta: 1 | -1): Step {
  const row = focusedRow(state);
  const item = row && itemOf(row.id);
  if (!row || row.kind !== 'item' || !item) return same(state);
  const draft = moveItem(state.draft, item.list, item.index, delta);
  if (draft === state.draft) return same(state);
  return same(changeDraft(state, item.list, draft, `${item.list}.${item.index + delta}`));
}

function openPicker(state: RuleFormState, filter: string): Step {
  const row = focusedRow(state);
  const item = row && itemOf(row.id);
  if (!row || !item) return same(state);
  if (row.kind === 'group' && item.group !== undefined) {
    const current = textAt(state.draft, row.id);
    const base = {
      ...state,
      picker: {
        kind: 'group' as const,
        action: item.index,
        group: item.group,
        adding: false,
        cursor: 0,
        filter,
      },
    };
    const at = pickerOptions(base).findIndex((o) => o.id === current);
    return same({ ...base, picker: { ...base.picker, cursor: Math.max(0, at) } });
  }
  if (row.kind !== 'item') return same(state);
  if (item.list === 'conditions') {
    const at = conditionTypesFor(state.draft.direction).indexOf(state.draft.conditions[item.index]!.type);
    return same({
      ...state,
      picker: { kind: 'condition-type', index: item.index, adding: false, cursor: Math.max(0, at) },
    });
  }
  const at = FORM_ACTION_TYPES.indexOf(state.draft.actions[item.index]!.type);
  return same({
    ...state,
    picker: { kind: 'action-type', index: item.index, adding: false, cursor: Math.max(0, at) },
  });
}

function valueEnter(state: RuleFormState): Step {
  const row = focusedRow(state);
  const path = row?.id.split('.');
  if (!row?.listValue || !path) return same(state);
  const c = Number(path[1]);
  const v = Number(path[3]);
  const values = state.draft.conditions[c]?.values ?? [];
  const value = values[v] ?? '';
  if (value.trim() === '' && values.length > 1) {
    // An empty value ends the list: it goes, and the focus moves past the list.
    const draft = removeValue(state.draft, c, v);
    const moved = changeDraft(state, `conditions.${c}`, draft);
    const after = formRows(draft).findIndex(
      (r, at) => at >= state.focus && !r.id.startsWith(`conditions.${c}.values`),
    );
    return same({ ...moved, focus: after >= 0 ? after : moved.focus, caret: undefined });
  }
  if (v === values.length - 1 && value.trim() !== '' && values.length < 10) {
    const draft = insertValue(state.draft, c, v + 1);
    return same({
      ...changeDraft(state, row.id, draft, `conditions.${c}.values.${v + 1}`),
      caret: undefined,
    });
  }
  return same({ ...state, focus: Math.min(state.focus + 1, rows(state).length - 1), caret: undefined });
}

function valueRemove(state: RuleFormState): Step {
  const row = focusedRow(state);
  const path = row?.id.split('.');
  if (!row?.listValue || !path) return same(state);
  const c = Number(path[1]);
  const v = Number(path[3]);
  if ((state.draft.conditions[c]?.values.length ?? 0) <= 1) return same(state);
  const draft = removeValue(state.draft, c, v);
  return same({
    ...changeDraft(state, `conditions.${c}`, draft, `conditions.${c}.values.${Math.max(0, v - 1)}`),
    caret: undefined,
  });
}

function textRead(state: RuleFormState, outcome: TextOutcome): Step {
  const textOnly = state.asText && state.mode !== 'review' && !state.persist;
  switch (outcome.kind) {
    case 'cancel':
    case 'failed': {
      const message = outcome.kind === 'failed' ? outcome.message : undefined;
      if (textOnly) return only(state, { kind: 'leave', ...(message ? { message } : {}) });
      return same(message ? { ...state, notice: { message, tone: 'danger' } } : state);
    }
    case 'invalid':
      return only(state, { kind: 'edit-text', retry: { text: outcome.text, errors: outcome.errors } });
    case 'ok': {
      const changed = changeDraft(state, 'ruleName', outcome.draft);
      return review({ ...changed, touched: [], serverIssues: [], submission: { status: 'idle' } });
    }
  }
}

function busy(state: RuleFormState): boolean {
  return state.submission.status === 'submitting' || state.submission.status === 'provisioning';
}

const WHILE_BUSY = new Set([
  'submit-accepted',
  'rule-status',
  'submit-done',
  'submit-failed',
  'precheck-finished',
  'notice',
]);

export function ruleFormReducer(state: RuleFormState, action: RuleFormAction): Step {
  if (busy(state) && !WHILE_BUSY.has(action.type)) return same(state);
  switch (action.type) {
    case 'loaded': {
      const ready = loaded(state, action.facts, action.kept);
      // As text, a kept draft is taken up at once: there is no form to offer it in.
      if (state.asText) {
        const taken = action.kept
          ? { ...ready, draft: action.kept.draft, clientToken: action.kept.clientToken, offer: undefined }
          : ready;
        return only(taken, { kind: 'edit-text' });
      }
      return same(ready);
    }
    case 'load-failed':
      return same({ ...state, load: { status: 'failed', message: action.message } });
    case 'reload':
      return state.load.status === 'failed'
        ? only({ ...state, load: { status: 'loading' } }, { kind: 'load' })
        : same(state);
    case 'focus': {
      const count = rows(state).length;
      const focus = clampCursor(state.focus + action.delta, count);
      return same({ ...state, focus, caret: undefined });
    }
    case 'focus-row': {
      const at = rows(state).findIndex((r) => r.id === action.id);
      return same(at < 0 ? state : { ...state, focus: at, caret: undefined });
    }
    case 'edit': {
      const draft = setTextAt(state.draft, action.id, action.value);
      return same({ ...changeDraft(state, action.id, draft), caret: action.caret });
    }
    case 'caret':
      return same({ ...state, caret: action.caret });
    case 'cycle': {
      const row = focusedRow(state);
      if (row?.kind !== 'choice') return same(state);
      if (row.id === 'direction' && state.ruleId) return same(state);
      return same(changeDraft(state, row.id, cycleAt(state.draft, row.id, action.delta), row.id));
    }
    case 'add':
      return add(state);
    case 'remove':
      return remove(state);
    case 'move':
      return move(state, action.delta);
    case 'value-enter':
      return valueEnter(state);
    case 'value-remove':
      return valueRemove(state);
    case 'picker-open':
      return openPicker(state, action.filter ?? '');
    case 'picker-move': {
      if (!state.picker) return same(state);
      const count = pickerLength(state);
      const cursor = clampCursor(state.picker.cursor + action.delta, count);
      return same({ ...state, picker: { ...state.picker, cursor } });
    }
    case 'picker-filter':
      return state.picker?.kind === 'group'
        ? same({ ...state, picker: { ...state.picker, filter: action.filter, cursor: 0 } })
        : same(state);
    case 'picker-choose':
      return choose(state);
    case 'picker-close':
      return same({ ...state, picker: undefined });
    case 'review':
      return review(state);
    case 'back':
      return same({ ...state, mode: 'form', confirm: undefined });
    case 'review-scroll':
      return same({ ...state, reviewScroll: Math.max(0, state.reviewScroll + action.delta) });
    case 'precheck':
      return state.mode === 'review' && isValid(state) && changeCount(state) > 0
        ? precheck(state)
        : same(state);
    case 'precheck-finished': {
      if (action.version !== state.version) return same(state);
      if (action.ok) return same({ ...state, precheck: { status: 'passed', version: action.version } });
      const issue = issueOf(action.code, action.message, action.parameter);
      return same({
        ...state,
        precheck: { status: 'failed', version: action.version, issue },
        serverIssues: [...state.serverIssues.filter((i) => i.field !== issue.field), issue],
      });
    }
    case 'submit':
      return submit(state);
    case 'confirm-text':
      return state.confirm ? same({ ...state, confirm: { text: action.text, wrong: false } }) : same(state);
    case 'confirm-cancel':
      return same({ ...state, confirm: undefined });
    case 'retry':
      return state.submission.status === 'failed' && state.submission.retryable ? send(state) : same(state);
    case 'submit-accepted':
      return same({
        ...state,
        submission: { status: 'provisioning', ruleId: action.ruleId, ruleStatus: 'Provisioning' },
      });
    case 'rule-status':
      return state.submission.status === 'provisioning'
        ? same({ ...state, submission: { ...state.submission, ruleStatus: action.status } })
        : same(state);
    case 'submit-done': {
      if (state.submission.status !== 'provisioning') return same(state);
      const ruleId = state.submission.ruleId;
      return only(
        { ...state, submission: { status: 'done', ruleId }, persist: false },
        { kind: 'discard-draft' },
        { kind: 'leave', ruleId },
      );
    }
    case 'submit-failed': {
      const issue = issueOf(action.code, action.message, action.parameter);
      const failed: RuleFormState = {
        ...state,
        submission: { status: 'failed', issue, retryable: action.retryable },
        ...(action.nextClientToken ? { clientToken: action.nextClientToken } : {}),
      };
      if (action.retryable || !issue.field) return same(failed);
      // Refused for a field: the form as it was, the message on that field.
      const at = rows(failed).findIndex((r) => r.id === issue.field || r.id.startsWith(`${issue.field}.`));
      return same({
        ...failed,
        mode: 'form',
        serverIssues: [...state.serverIssues.filter((i) => i.field !== issue.field), issue],
        focus: at >= 0 ? at : state.focus,
      });
    }
    case 'resume': {
      const kept = state.offer;
      if (!kept) return same(state);
      return same({
        ...state,
        draft: kept.draft,
        clientToken: kept.clientToken,
        offer: undefined,
        version: state.version + 1,
        focus: 0,
      });
    }
    case 'start-fresh':
      return same({ ...state, offer: undefined });
    case 'discard-kept':
      return only({ ...state, offer: undefined, persist: false }, { kind: 'discard-draft' });
    case 'edit-as-text':
      return state.load.status === 'ready' ? only(state, { kind: 'edit-text' }) : same(state);
    case 'text-read':
      return textRead(state, action.outcome);
    case 'leave':
      return only(state, { kind: 'leave' });
    case 'notice':
      return same({ ...state, notice: { message: action.message, tone: action.tone } });
  }
}
