// The `:ctx` picker's state: the cursor, and the connections marked to open together (Space marks,
// `*` marks all or none, Enter opens the marked ones, or the one under the cursor when none is); `r`
// turns a saved connection's read-only flag on at once, or off after `y` (it lets changes through);
// Ctrl-D removes a saved connection that is not open, after `y`. Pure: the view saves what it asks.
import { cursorKey } from '../list-cursor.js';

export interface PickerState {
  readonly cursor: number;
  readonly marked: ReadonlySet<string>;
  /** A question waiting for `y`: any other key drops it. */
  readonly asking?: { kind: 'writable' | 'remove'; name: string };
}

/** What the picker knows of a connection beyond its name. */
export interface PickerEntry {
  readOnly: boolean;
  /** The built-in local ALB: never saved, so neither flagged nor removed. */
  builtin: boolean;
  /** Open in the view now. */
  open: boolean;
}

export type PickerChange =
  { kind: 'read-only'; name: string; readOnly: boolean } | { kind: 'remove'; name: string };

export type PickerNotice = 'builtinFixed' | 'removeOpen';

export interface PickerStep {
  state: PickerState;
  /** What Enter opens: one name, or several joined by commas (as `--connection` takes them). */
  open?: string;
  /** A change to the saved connections, for the view to make. */
  change?: PickerChange;
  notice?: PickerNotice;
  handled: boolean;
}

function answer(state: PickerState, key: string | undefined): PickerStep {
  const { asking, ...rest } = state;
  if (key !== 'y' || !asking) return { state: rest, handled: true };
  const change: PickerChange =
    asking.kind === 'remove'
      ? { kind: 'remove', name: asking.name }
      : { kind: 'read-only', name: asking.name, readOnly: false };
  return { state: rest, change, handled: true };
}

function editKey(state: PickerState, key: 'r' | 'ctrl+d', name: string, entry: PickerEntry): PickerStep {
  if (entry.builtin) return { state, notice: 'builtinFixed', handled: true };
  if (key === 'ctrl+d') {
    if (entry.open) return { state, notice: 'removeOpen', handled: true };
    return { state: { ...state, asking: { kind: 'remove', name } }, handled: true };
  }
  // Read-only on is safe and immediate; off lets changes through, so it is asked.
  if (!entry.readOnly) return { state, change: { kind: 'read-only', name, readOnly: true }, handled: true };
  return { state: { ...state, asking: { kind: 'writable', name } }, handled: true };
}

export function initPicker(names: readonly string[], current: string): PickerState {
  const open = current.split(',').map((name) => name.trim());
  const cursor = Math.max(0, names.indexOf(open[0] ?? ''));
  // Several open now: they start marked, so Enter keeps them and Space adds or drops one.
  const marked = new Set(open.length > 1 ? open.filter((name) => names.includes(name)) : []);
  return { cursor, marked };
}

/** The picker once `name` is removed and `left` connections remain: still on a row, `name` unmarked. */
export function withoutConnection(state: PickerState, name: string, left: number): PickerState {
  const marked = new Set(state.marked);
  marked.delete(name);
  return { ...state, marked, cursor: Math.max(0, Math.min(state.cursor, left - 1)) };
}

export function pickerKey(
  state: PickerState,
  key: string | undefined,
  names: readonly string[],
  entryOf?: (name: string) => PickerEntry | undefined,
): PickerStep {
  if (state.asking) return answer(state, key);
  if ((key === 'r' || key === 'ctrl+d') && entryOf) {
    const name = names[state.cursor];
    const entry = name === undefined ? undefined : entryOf(name);
    if (name !== undefined && entry) return editKey(state, key, name, entry);
  }
  const cursor = cursorKey(key, state.cursor, names.length);
  if (cursor !== undefined) return { state: { ...state, cursor }, handled: true };
  switch (key) {
    case ' ': {
      const name = names[state.cursor];
      if (name === undefined) return { state, handled: true };
      const marked = new Set(state.marked);
      if (marked.has(name)) marked.delete(name);
      else marked.add(name);
      return { state: { cursor: Math.min(names.length - 1, state.cursor + 1), marked }, handled: true };
    }
    case '*': {
      const all = names.every((name) => state.marked.has(name));
      return { state: { ...state, marked: new Set(all ? [] : names) }, handled: true };
    }
    case 'enter': {
      const chosen = names.filter((name) => state.marked.has(name));
      const open = chosen.length > 0 ? chosen.join(',') : names[state.cursor];
      return open === undefined ? { state, handled: true } : { state, open, handled: true };
    }
    default:
      return { state, handled: false };
  }
}
