// Sorting the lists: by name, port or status (shift-N, shift-P, shift-S), each way. The order the API
// gave is the default. Pure; sorts are stable, ties broken by a second key so the order never jumps.
import type { InstanceRow, ListenerRow } from './rows.js';
import { compareNames } from '../../domain/text.js';

export type SortKey = 'name' | 'port' | 'status';
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  key: SortKey;
  direction: SortDirection;
}

/** The lists whose sort is remembered between runs (the store's `sort` table is keyed by these). */
export type SortedList = 'instances' | 'listeners';

export const SORT_KEYS: Record<SortedList, readonly SortKey[]> = {
  instances: ['name', 'status'],
  listeners: ['name', 'port', 'status'],
};

/** Pressing the key of the current sort turns it around; another key sorts ascending on it. */
export function nextSort(current: SortSpec | undefined, key: SortKey): SortSpec {
  if (current?.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

/** A sort read back from the store, if it is one this list knows. */
export function parseSort(
  list: SortedList,
  value: { key: string; direction: string } | undefined,
): SortSpec | undefined {
  if (!value) return undefined;
  const key = SORT_KEYS[list].find((candidate) => candidate === value.key);
  if (!key || (value.direction !== 'asc' && value.direction !== 'desc')) return undefined;
  return { key, direction: value.direction };
}

const LISTENER_STATUS_ORDER: Record<string, number> = {
  Running: 0,
  Provisioning: 1,
  Configuring: 2,
  Stopped: 3,
};
const INSTANCE_STATUS_ORDER: Record<string, number> = {
  Active: 0,
  Provisioning: 1,
  Configuring: 2,
  Inactive: 3,
  CreateFailed: 4,
};
const PROTOCOL_ORDER: Record<string, number> = { HTTP: 0, HTTPS: 1, QUIC: 2 };

const rank = (table: Record<string, number>, value: string) => table[value] ?? 99;

type Compare<Row> = (a: Row, b: Row) => number;

function byText<Row extends { name: string; id: string }>(a: Row, b: Row): number {
  return compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const INSTANCE_COMPARE: Partial<Record<SortKey, Compare<InstanceRow>>> = {
  name: byText,
  status: (a, b) =>
    rank(INSTANCE_STATUS_ORDER, a.status) - rank(INSTANCE_STATUS_ORDER, b.status) || byText(a, b),
};

const byPort: Compare<ListenerRow> = (a, b) =>
  a.port - b.port || rank(PROTOCOL_ORDER, a.protocol) - rank(PROTOCOL_ORDER, b.protocol) || byText(a, b);

const LISTENER_COMPARE: Record<SortKey, Compare<ListenerRow>> = {
  name: (a, b) => byText(a, b),
  port: byPort,
  status: (a, b) =>
    rank(LISTENER_STATUS_ORDER, a.status) - rank(LISTENER_STATUS_ORDER, b.status) || byPort(a, b),
};

function sorted<Row>(
  rows: readonly Row[],
  compare: Compare<Row> | undefined,
  direction: SortDirection,
): readonly Row[] {
  if (!compare) return rows;
  const out = [...rows];
  out.sort(direction === 'asc' ? compare : (a, b) => compare(b, a));
  return out;
}

// One cache entry per source array: the same rows under the same sort come back as the same array,
// so moving between instances or redrawing does not sort again.
const cache = new WeakMap<readonly object[], { spec: string; rows: readonly object[] }>();

function memoised<Row extends object>(
  rows: readonly Row[],
  spec: SortSpec | undefined,
  sort: () => readonly Row[],
): readonly Row[] {
  if (!spec) return rows;
  const key = `${spec.key}:${spec.direction}`;
  const hit = cache.get(rows);
  if (hit?.spec === key) return hit.rows as readonly Row[];
  const result = sort();
  cache.set(rows, { spec: key, rows: result });
  return result;
}

export function sortInstances(
  rows: readonly InstanceRow[],
  spec: SortSpec | undefined,
): readonly InstanceRow[] {
  return memoised(rows, spec, () =>
    sorted(rows, spec && INSTANCE_COMPARE[spec.key], spec?.direction ?? 'asc'),
  );
}

export function sortListeners(
  rows: readonly ListenerRow[],
  spec: SortSpec | undefined,
): readonly ListenerRow[] {
  return memoised(rows, spec, () =>
    sorted(rows, spec && LISTENER_COMPARE[spec.key], spec?.direction ?? 'asc'),
  );
}
