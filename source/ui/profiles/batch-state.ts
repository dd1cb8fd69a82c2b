// What applying a profile to many instances (apply-state.ts) and to many listeners (update-state.ts)
// share: queued effects, a change to one row, and the production confirmation that takes the count.
import { keyId, type KeyPress } from '../keys.js';
import { edit, typedText } from '../line-edit.js';

export interface EffectQueue<Effect> {
  effects: readonly { seq: number; effect: Effect }[];
  nextEffectSeq: number;
}

export function queueEffects<Effect, State extends EffectQueue<Effect>>(
  state: State,
  effects: readonly Effect[],
): State {
  let seq = state.nextEffectSeq;
  const queued = effects.map((effect) => ({ seq: seq++, effect }));
  return { ...state, effects: [...state.effects, ...queued], nextEffectSeq: seq };
}

/** `state` with the rows `matches` picks changed; the same object when none is. */
export function withRowWhere<Row, State extends { rows: readonly Row[] }>(
  state: State,
  matches: (row: Row) => boolean,
  change: (row: Row) => Row,
): State {
  let changed = false;
  const rows = state.rows.map((row) => {
    if (!matches(row)) return row;
    changed = true;
    return change(row);
  });
  return changed ? { ...state, rows } : state;
}

export interface CountConfirmation {
  text: string;
  wrong: boolean;
}

export type CountConfirmStep =
  | { kind: 'cancel' }
  | { kind: 'confirmed' }
  | { kind: 'typing'; confirm: CountConfirmation }
  | { kind: 'ignored' };

/** A key while the user types how many changes to run (production): digits, ⌫, Enter, Esc. */
export function countConfirmKey(
  confirm: CountConfirmation,
  count: number,
  press: KeyPress,
): CountConfirmStep {
  const id = keyId(press);
  if (id === 'escape') return { kind: 'cancel' };
  if (id === 'enter') {
    return confirm.text === String(count)
      ? { kind: 'confirmed' }
      : { kind: 'typing', confirm: { ...confirm, wrong: true } };
  }
  const typed = typedText(press);
  if (typed !== undefined && !/^\d+$/.test(typed)) return { kind: 'ignored' };
  const text = edit(confirm.text, press);
  if (text === undefined || text.length > 6) return { kind: 'ignored' };
  return { kind: 'typing', confirm: { text, wrong: false } };
}
