// Key presses to wizard actions: the whole key map of the pane (ux.md "The wizard pane"), pure.
// `undefined` means "not the wizard's key": the root dispatcher may use it (Ctrl-C, `?` for help).
// An empty list means the wizard took the key and nothing changes (a letter typed into the port).
import { keyId, type KeyPress } from '../keys.js';
import { editText, splitPress, typedText } from '../line-edit.js';
import { isPickerField } from './wizard-options.js';
import { isBusy, type ScreenAction, type WizardScreen } from './wizard-screen.js';
import {
  focusedField,
  focusedReviewAction,
  stepFields,
  textOf,
  visiblePickerOptions,
  type WizardAction,
} from './wizard-state.js';
import type { WizardStep } from '../../domain/fields.js';

// Text editing is the app's one line editor; re-exported for the wizard's callers and tests.
export { editText, splitPress, typedText, type TextEdit } from '../line-edit.js';

/**
 * The one key that sends the create request: a control key, so typing into a field can never hit it,
 * and Enter (which moves through the steps) never submits. Named on the review and in help.
 */
export const SUBMIT_KEY = 'ctrl+s';

/** Rows a picker moves on PgUp / PgDn. */
export const PICKER_PAGE = 5;

const STEP_KEYS: Record<string, WizardStep> = {
  '1': 'listener',
  '2': 'certificate',
  '3': 'serverGroup',
  '4': 'review',
};

/** Keys the root keeps wherever the wizard is not taking text: `?` help and `:` the command line. */
function isRootKey(id: string | undefined): boolean {
  return id === '?' || id === ':';
}

/** Pickers whose options have more to say than one line holds: → shows it, ← hides it. */
export function hasMoreFacts(field: string): boolean {
  return field === 'securityPolicyId' || field === 'certificateId' || field === 'caCertificateId';
}

function wizard(action: WizardAction): ScreenAction {
  return { type: 'wizard', action };
}

function promptKeys(screen: WizardScreen, press: KeyPress): ScreenAction[] {
  const prompt = screen.prompt!;
  const id = keyId(press);
  if (id === 'escape') return [{ type: 'prompt-cancel' }];
  switch (prompt.kind) {
    case 'export-target':
      if (id === 'f' || id === 'enter') return [{ type: 'prompt-choose', choice: 'file' }];
      if (id === 'c') return [{ type: 'prompt-choose', choice: 'copy' }];
      if (id === 'tab' || id === 'right' || id === 'l') return [{ type: 'export-format', step: 1 }];
      if (id === 'backtab' || id === 'left' || id === 'h') return [{ type: 'export-format', step: -1 }];
      if (id === 'down' || id === 'j') return [{ type: 'export-scroll', delta: 1 }];
      if (id === 'up' || id === 'k') return [{ type: 'export-scroll', delta: -1 }];
      if (id === 'pagedown' || id === ' ') return [{ type: 'export-scroll', delta: PICKER_PAGE * 2 }];
      if (id === 'pageup') return [{ type: 'export-scroll', delta: -PICKER_PAGE * 2 }];
      if (id === 'g' || id === 'home') return [{ type: 'export-scroll', delta: -Infinity }];
      if (id === 'G' || id === 'end') return [{ type: 'export-scroll', delta: Infinity }];
      return [];
    case 'confirm-overwrite':
    case 'confirm-profile-replace':
      if (id === 'y') return [{ type: 'prompt-choose', choice: 'yes' }];
      if (id === 'n' || id === 'enter') return [{ type: 'prompt-choose', choice: 'no' }];
      return [];
    case 'export-path':
    case 'profile-name':
    case 'confirm-submit': {
      if (id === 'enter') return [{ type: 'prompt-submit' }];
      // The caret of a prompt stays at the end: paths and names are short.
      const edit = editText(prompt.text, undefined, press);
      return edit && edit.text !== prompt.text ? [{ type: 'prompt-text', text: edit.text }] : [];
    }
  }
}

function pickerKeys(screen: WizardScreen, press: KeyPress): ScreenAction[] {
  const picker = screen.wizard.picker!;
  const id = keyId(press);
  switch (id) {
    case 'escape':
      return [wizard({ type: 'picker-close' })];
    case 'up':
      return [wizard({ type: 'picker-move', delta: -1 })];
    case 'down':
      return [wizard({ type: 'picker-move', delta: 1 })];
    case 'pageup':
      return [wizard({ type: 'picker-move', delta: -PICKER_PAGE })];
    case 'pagedown':
      return [wizard({ type: 'picker-move', delta: PICKER_PAGE })];
    case 'home':
      return [wizard({ type: 'picker-move', delta: -Number.MAX_SAFE_INTEGER })];
    case 'end':
      return [wizard({ type: 'picker-move', delta: Number.MAX_SAFE_INTEGER })];
    case 'enter':
      if (visiblePickerOptions(screen.wizard)[picker.cursor]?.create)
        return [wizard({ type: 'picker-close' }), { type: 'nest-quic' }];
      return [wizard({ type: 'picker-choose' })];
    case 'tab':
      return [wizard({ type: 'picker-close' }), wizard({ type: 'focus-next' })];
    case 'backtab':
      return [wizard({ type: 'picker-close' }), wizard({ type: 'focus-prev' })];
    case 'right':
      return hasMoreFacts(picker.field) ? [{ type: 'toggle-suites', show: true }] : [];
    case 'left':
      return hasMoreFacts(picker.field) ? [{ type: 'toggle-suites', show: false }] : [];
  }
  const edit = editText(picker.filter, undefined, press);
  if (edit && edit.text !== picker.filter) return [wizard({ type: 'picker-filter', filter: edit.text })];
  return [];
}

function reviewKeys(screen: WizardScreen, press: KeyPress): ScreenAction[] | undefined {
  const id = keyId(press);
  const submission = screen.wizard.submission;
  switch (id) {
    case 'escape':
      return [{ type: 'leave' }];
    case 'left':
    case 'backtab':
      return [wizard({ type: 'focus-prev' })];
    case 'right':
    case 'tab':
      return [wizard({ type: 'focus-next' })];
    case 'up':
      return [{ type: 'review-scroll', delta: -1 }];
    case 'down':
      return [{ type: 'review-scroll', delta: 1 }];
    case 'enter':
    case ' ': {
      const action = focusedReviewAction(screen.wizard);
      return action ? [{ type: 'review-action', action }] : [];
    }
    case 'pageup':
      return [wizard({ type: 'prev-step' })];
    case 'pagedown':
      return [];
    case 'p':
      return [{ type: 'precheck' }];
    case SUBMIT_KEY:
      return [{ type: 'submit-request' }];
    case 'r':
      if (submission.status !== 'failed' || !submission.retryable) return [];
      // After a failed job it is a new submission (a new ClientToken): asked again like Ctrl-S.
      return submission.jobFailed ? [{ type: 'submit-request' }] : [{ type: 'submit' }];
    case 'ctrl+r':
      return [{ type: 'reload' }];
    case 'E':
      if (screen.edit) return [{ type: 'edit-as-text' }];
      break;
    case 't':
    case 'm':
      if (screen.edit?.resume?.conflicts.length)
        return [{ type: 'conflict-pick', pick: id === 't' ? 'theirs' : 'mine' }];
      break;
    case 'c':
      if (screen.edit?.resume?.conflicts.length) return [{ type: 'conflict-next' }];
      break;
  }
  const step = id === undefined ? undefined : STEP_KEYS[id];
  if (step) return [wizard({ type: 'goto-step', step })];
  // Other printable keys do nothing here, but they are the wizard's: `?` stays with the root.
  return isRootKey(id) ? undefined : typedText(press) !== undefined ? [] : undefined;
}

function fieldKeys(screen: WizardScreen, press: KeyPress): ScreenAction[] | undefined {
  const { wizard: state } = screen;
  const id = keyId(press);
  const field = focusedField(state);
  const fields = stepFields(state.step, state.draft);
  const isLast = state.focus >= fields.length - 1;
  const advance = isLast ? wizard({ type: 'next-step' }) : wizard({ type: 'focus-next' });
  switch (id) {
    case 'escape':
      return [{ type: 'leave' }];
    case 'pagedown':
      return [wizard({ type: 'next-step' })];
    case 'pageup':
      return [wizard({ type: 'prev-step' })];
    case 'up':
    case 'backtab':
      return [wizard({ type: 'focus-prev' })];
    case 'down':
    case 'tab':
      return [wizard({ type: 'focus-next' })];
    case 'ctrl+r':
      return [{ type: 'reload' }];
    case SUBMIT_KEY:
      // Only the review submits; from a step the key shows the review first.
      return [{ type: 'submit-request' }];
  }
  if (!field) return typedText(press) !== undefined ? [] : undefined;
  switch (field.kind) {
    case 'text': {
      if (id === 'enter') return [advance];
      const value = textOf(screen.wizard.draft, field.id);
      const edit = editText(value, screen.caret, press);
      if (!edit) return [];
      const out: ScreenAction[] = [];
      if (edit.text !== value) out.push(wizard({ type: 'edit', field: field.id, value: edit.text }));
      out.push({ type: 'caret', position: edit.caret });
      return out;
    }
    case 'switch':
      if (id === ' ') return [wizard({ type: 'toggle' })];
      if (id === 'enter') return [advance];
      break;
    case 'choice':
      if (id === 'left') return [wizard({ type: 'cycle', delta: -1 })];
      if (id === 'right' || id === ' ') return [wizard({ type: 'cycle', delta: 1 })];
      if (id === 'enter') return [advance];
      break;
    case 'picker': {
      const empty = isPickerField(field.id) && state.draft[field.id] === '';
      if (id === 'enter') return empty ? [wizard({ type: 'picker-open' })] : [advance];
      if (id === ' ') return [wizard({ type: 'picker-open' })];
      if (id === 'right' && hasMoreFacts(field.id)) return [{ type: 'toggle-suites', show: true }];
      if (id === 'left' && hasMoreFacts(field.id)) return [{ type: 'toggle-suites', show: false }];
      const typed = typedText(press);
      if (typed !== undefined && !isRootKey(id)) return [wizard({ type: 'picker-open', filter: typed })];
      break;
    }
  }
  // A letter on a switch or the protocol is swallowed; `?` and unknown keys are the root's.
  if (isRootKey(id)) return undefined;
  return typedText(press) !== undefined ? [] : undefined;
}

/**
 * What a key press does in the wizard pane, by priority: leaving → resume offer → loading → prompt →
 * submission in progress → open picker → review → the step's fields.
 */
export function wizardKeyToActions(screen: WizardScreen, press: KeyPress): ScreenAction[] | undefined {
  const id = keyId(press);
  if (id === 'ctrl+c') return undefined;
  if (screen.leaving) return [];
  if (screen.offers) {
    if (id === 'enter' || id === 'r' || id === 'y') return [{ type: 'resume' }];
    if (id === 'n' || id === 'f') return [{ type: 'start-fresh' }];
    if (id === 'up' || id === 'k') return [{ type: 'offer-move', delta: -1 }];
    if (id === 'down' || id === 'j') return [{ type: 'offer-move', delta: 1 }];
    if (id === 'd' || id === 'x' || id === 'ctrl+d') return [{ type: 'discard-offer' }];
    if (id === 'escape') return [{ type: 'leave' }];
    return isRootKey(id) ? undefined : [];
  }
  if (screen.load.status !== 'ready') {
    if (id === 'escape') return [{ type: 'leave' }];
    if (screen.load.status === 'failed' && (id === 'r' || id === 'ctrl+r')) return [{ type: 'reload' }];
    return isRootKey(id) ? undefined : [];
  }
  if (screen.prompt) return promptKeys(screen, press);
  // The listener was made, some of its profile's rules not: retry them, or leave with the listener.
  if (screen.rulesRun?.status === 'failed') {
    if (id === 'ctrl+s') return [{ type: 'rules-retry' }];
    if (id === 'escape') return [{ type: 'leave' }];
  }
  if (isBusy(screen)) return isRootKey(id) ? undefined : [];
  if (screen.wizard.picker) return pickerKeys(screen, press);
  if (screen.wizard.step === 'review') return reviewKeys(screen, press);
  return fieldKeys(screen, press);
}

/** An action with what the reducer cannot make up: fresh identities for a run made in place. */
export function withRunIds(action: ScreenAction, newId: () => string): ScreenAction {
  return action.type === 'nest-quic' && !action.ids
    ? { ...action, ids: { clientToken: newId(), draftId: newId() } }
    : action;
}

/** Runs key presses through the map and the reducer, as the pane does (tests, scripted input). */
export function pressAll(
  screen: WizardScreen,
  presses: readonly KeyPress[],
  reducer: (screen: WizardScreen, action: ScreenAction) => WizardScreen,
  newId?: () => string,
): WizardScreen {
  let current = screen;
  for (const press of presses.flatMap(splitPress)) {
    for (const action of wizardKeyToActions(current, press) ?? [])
      current = reducer(current, newId ? withRunIds(action, newId) : action);
  }
  return current;
}
