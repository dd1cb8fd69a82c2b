// Key presses to rule-form actions, pure. Typing goes into the focused text row (the app's one line
// editor, line-edit.ts); on the other rows the list keys work: `a` add, `x` or Delete remove, `K`/`J`
// move, ⏎/Space pick a type or a server group, ←/→/Space cycle a choice. Ctrl-S reviews, then
// submits; Enter never submits. `undefined` means "not the form's key" (the root's `?` and `:`).
import { keyId, type KeyPress } from '../keys.js';
import { editText, splitPress, typedText } from '../line-edit.js';
import {
  focusedRow,
  type RuleFormAction,
  type RuleFormEffect,
  type RuleFormState,
} from './rule-form-state.js';
import { textAt } from './rule-form-rows.js';

export const SUBMIT_KEY = 'ctrl+s';
const PAGE = 5;

function isRootKey(id: string | undefined): boolean {
  return id === '?' || id === ':';
}

/** A printable key the form swallows (so `q` typed on a choice does not quit), or the root's. */
function swallow(press: KeyPress): RuleFormAction[] | undefined {
  const id = keyId(press);
  if (isRootKey(id)) return undefined;
  return typedText(press) !== undefined ? [] : undefined;
}

function pickerKeys(state: RuleFormState, press: KeyPress): RuleFormAction[] {
  const id = keyId(press);
  switch (id) {
    case 'escape':
      return [{ type: 'picker-close' }];
    case 'up':
      return [{ type: 'picker-move', delta: -1 }];
    case 'down':
      return [{ type: 'picker-move', delta: 1 }];
    case 'pageup':
      return [{ type: 'picker-move', delta: -PAGE }];
    case 'pagedown':
      return [{ type: 'picker-move', delta: PAGE }];
    case 'enter':
      return [{ type: 'picker-choose' }];
  }
  if (state.picker?.kind === 'group') {
    const edit = editText(state.picker.filter, undefined, press);
    return edit && edit.text !== state.picker.filter ? [{ type: 'picker-filter', filter: edit.text }] : [];
  }
  if (id === 'k') return [{ type: 'picker-move', delta: -1 }];
  if (id === 'j') return [{ type: 'picker-move', delta: 1 }];
  if (id === ' ') return [{ type: 'picker-choose' }];
  return [];
}

function reviewKeys(state: RuleFormState, press: KeyPress): RuleFormAction[] | undefined {
  const id = keyId(press);
  if (state.confirm) {
    if (id === 'escape') return [{ type: 'confirm-cancel' }];
    if (id === 'enter') return [{ type: 'submit' }];
    const edit = editText(state.confirm.text, undefined, press);
    return edit && edit.text !== state.confirm.text ? [{ type: 'confirm-text', text: edit.text }] : [];
  }
  switch (id) {
    case 'escape':
    case 'pageup':
      return [{ type: 'back' }];
    case SUBMIT_KEY:
      return [{ type: 'submit' }];
    case 'p':
      return [{ type: 'precheck' }];
    case 'r':
      return [{ type: 'retry' }];
    case 'E':
      return [{ type: 'edit-as-text' }];
    case 'up':
    case 'k':
      return [{ type: 'review-scroll', delta: -1 }];
    case 'down':
    case 'j':
      return [{ type: 'review-scroll', delta: 1 }];
  }
  return swallow(press);
}

function formKeys(state: RuleFormState, press: KeyPress): RuleFormAction[] | undefined {
  const id = keyId(press);
  const row = focusedRow(state);
  switch (id) {
    case 'escape':
      return [{ type: 'leave' }];
    case 'up':
    case 'backtab':
      return [{ type: 'focus', delta: -1 }];
    case 'down':
    case 'tab':
      return [{ type: 'focus', delta: 1 }];
    case 'pageup':
      return [{ type: 'focus', delta: -PAGE }];
    case 'pagedown':
      return [{ type: 'focus', delta: PAGE }];
    case SUBMIT_KEY:
      return [{ type: 'review' }];
    case 'r':
      if (state.submission.status === 'failed' && state.submission.retryable && row?.kind !== 'text')
        return [{ type: 'retry' }];
  }
  if (!row) return swallow(press);
  switch (row.kind) {
    case 'text': {
      if (id === 'enter') return row.listValue ? [{ type: 'value-enter' }] : [{ type: 'focus', delta: 1 }];
      const value = textAt(state.draft, row.id);
      if (row.listValue && id === 'backspace' && value === '') return [{ type: 'value-remove' }];
      const edit = editText(value, state.caret, press);
      if (!edit) return isRootKey(id) ? undefined : [];
      if (edit.text === value) return [{ type: 'caret', caret: edit.caret }];
      return [{ type: 'edit', id: row.id, value: edit.text, caret: edit.caret }];
    }
    case 'choice':
      if (id === 'left' || id === 'h') return [{ type: 'cycle', delta: -1 }];
      if (id === 'right' || id === 'l' || id === ' ') return [{ type: 'cycle', delta: 1 }];
      if (id === 'enter') return [{ type: 'focus', delta: 1 }];
      break;
    case 'section':
      if (id === 'a' || id === 'enter' || id === ' ') return [{ type: 'add' }];
      if (id === 'E') return [{ type: 'edit-as-text' }];
      break;
    case 'item':
    case 'group':
      if (id === 'a') return [{ type: 'add' }];
      if (id === 'x' || id === 'backspace' || id === 'ctrl+d') return [{ type: 'remove' }];
      if (id === 'enter' || id === ' ') return [{ type: 'picker-open' }];
      if (row.kind === 'item' && id === 'K') return [{ type: 'move', delta: -1 }];
      if (row.kind === 'item' && id === 'J') return [{ type: 'move', delta: 1 }];
      if (id === 'E') return [{ type: 'edit-as-text' }];
      if (row.kind === 'group' && typedText(press) !== undefined && !isRootKey(id))
        return [{ type: 'picker-open', filter: typedText(press)! }];
      break;
  }
  if (id === 'E') return [{ type: 'edit-as-text' }];
  return swallow(press);
}

/** What a key does in the rule form, by priority: loading → resume offer → busy → picker → review → rows. */
export function ruleFormKeys(state: RuleFormState, press: KeyPress): RuleFormAction[] | undefined {
  const id = keyId(press);
  if (id === 'ctrl+c') return undefined;
  if (state.load.status !== 'ready') {
    if (id === 'escape') return [{ type: 'leave' }];
    if (state.load.status === 'failed' && (id === 'r' || id === 'ctrl+r')) return [{ type: 'reload' }];
    return swallow(press);
  }
  if (state.offer) {
    if (id === 'enter' || id === 'r' || id === 'y') return [{ type: 'resume' }];
    if (id === 'n' || id === 'f') return [{ type: 'start-fresh' }];
    if (id === 'd' || id === 'x') return [{ type: 'discard-kept' }];
    if (id === 'escape') return [{ type: 'leave' }];
    return swallow(press);
  }
  const submission = state.submission.status;
  if (submission === 'submitting' || submission === 'provisioning' || submission === 'done')
    return isRootKey(id) ? undefined : [];
  if (state.picker) return pickerKeys(state, press);
  if (state.mode === 'review') return reviewKeys(state, press);
  return formKeys(state, press);
}

/** Runs key presses through the map and the reducer, as the pane does (tests, scripted input). */
export function pressRuleForm(
  state: RuleFormState,
  presses: readonly KeyPress[],
  reducer: (
    state: RuleFormState,
    action: RuleFormAction,
  ) => { state: RuleFormState; effects: RuleFormEffect[] },
): { state: RuleFormState; effects: RuleFormEffect[] } {
  let current = state;
  const effects: RuleFormEffect[] = [];
  for (const press of presses.flatMap(splitPress)) {
    for (const action of ruleFormKeys(current, press) ?? []) {
      const step = reducer(current, action);
      current = step.state;
      effects.push(...step.effects);
    }
  }
  return { state: current, effects };
}
