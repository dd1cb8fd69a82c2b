// The operations log view's state: which entry is chosen (newest first) and what a key does. Pure.
import { keyId, type KeyPress } from '../keys.js';
import { cursorKey } from '../list-cursor.js';
import type { OpEntry } from './ops-log.js';

export interface OpsViewState {
  /** The chosen entry's ID, so it stays chosen as new entries arrive above it. */
  selectedId?: number;
}

export type OpsKeyResult =
  { kind: 'state'; state: OpsViewState } | { kind: 'copy'; entry: OpEntry } | { kind: 'unused' };

/** Newest first, as lazygit's command log reads. */
export function newestFirst(entries: readonly OpEntry[]): OpEntry[] {
  return [...entries].reverse();
}

export function selectedIndex(state: OpsViewState, shown: readonly OpEntry[]): number {
  if (shown.length === 0) return -1;
  const at = shown.findIndex((entry) => entry.id === state.selectedId);
  return at < 0 ? 0 : at;
}

export function opsKey(state: OpsViewState, entries: readonly OpEntry[], press: KeyPress): OpsKeyResult {
  const shown = newestFirst(entries);
  const at = selectedIndex(state, shown);
  const id = keyId(press);
  const cursor = cursorKey(id, at, shown.length, 10);
  if (cursor !== undefined) {
    const target = shown[cursor];
    return { kind: 'state', state: target ? { selectedId: target.id } : state };
  }
  switch (id) {
    case 'y': {
      const entry = shown[at];
      return entry ? { kind: 'copy', entry } : { kind: 'state', state };
    }
    default:
      return { kind: 'unused' };
  }
}
