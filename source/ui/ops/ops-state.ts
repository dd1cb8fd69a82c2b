// The operations log view's state: which entry is chosen (newest first) and what a key does. Pure.
import { keyId, type KeyPress } from '../keys.js';
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
  const moveTo = (index: number): OpsKeyResult => {
    if (shown.length === 0) return { kind: 'state', state };
    const target = shown[Math.max(0, Math.min(shown.length - 1, index))]!;
    return { kind: 'state', state: { selectedId: target.id } };
  };
  switch (keyId(press)) {
    case 'down':
    case 'j':
      return moveTo(at + 1);
    case 'up':
    case 'k':
      return moveTo(at - 1);
    case 'pagedown':
      return moveTo(at + 10);
    case 'pageup':
      return moveTo(at - 10);
    case 'g':
    case 'home':
      return moveTo(0);
    case 'G':
    case 'end':
      return moveTo(shown.length - 1);
    case 'y': {
      const entry = shown[at];
      return entry ? { kind: 'copy', entry } : { kind: 'state', state };
    }
    default:
      return { kind: 'unused' };
  }
}
