// The `:ctx` picker's state: the cursor, and the connections marked to open together (Space marks,
// `*` marks all or none, Enter opens the marked ones, or the one under the cursor when none is). Pure.
import { cursorKey } from '../list-cursor.js';

export interface PickerState {
  readonly cursor: number;
  readonly marked: ReadonlySet<string>;
}

export interface PickerStep {
  state: PickerState;
  /** What Enter opens: one name, or several joined by commas (as `--connection` takes them). */
  open?: string;
  handled: boolean;
}

export function initPicker(names: readonly string[], current: string): PickerState {
  const open = current.split(',').map((name) => name.trim());
  const cursor = Math.max(0, names.indexOf(open[0] ?? ''));
  // Several open now: they start marked, so Enter keeps them and Space adds or drops one.
  const marked = new Set(open.length > 1 ? open.filter((name) => names.includes(name)) : []);
  return { cursor, marked };
}

export function pickerKey(state: PickerState, key: string | undefined, names: readonly string[]): PickerStep {
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
