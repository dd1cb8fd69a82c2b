// One scrollable, filterable list: the rows in display order, the ones the filter lets through, the
// selected row and the first row shown. Selection and scroll are kept by row ID across refreshes,
// sorts and filter changes. Pure; every function returns a new model (or the same one if nothing moved).
import { searchForm } from './search-form.js';
import { parseTagTerm, tagMatches, type TagTerm } from './tag-filter.js';

export interface ListModel<Row extends AnyRow> {
  /** Every row, sorted. */
  readonly rows: readonly Row[];
  /** The rows the filter lets through, in the same order. */
  readonly matches: readonly Row[];
  /** As the user typed it. */
  readonly filter: string;
  /** Index into `matches` of the selected row (0 when empty). */
  readonly cursor: number;
  /** Index into `matches` of the first row shown. */
  readonly offset: number;
  /** The filter also looks in each row's `contextSearch` (`:listeners`: the instance's name and ID). */
  readonly withContext?: boolean;
  /** The matches of the last few filters over these same rows, so deleting a letter costs no search. */
  readonly recentMatches?: RecentMatches<Row>;
}

/** Filters recently applied to `rows` and what they matched, newest last. */
export interface RecentMatches<Row extends AnyRow> {
  readonly rows: readonly Row[];
  readonly withContext: boolean;
  readonly entries: readonly { readonly filter: string; readonly matches: readonly Row[] }[];
}

const RECENT_FILTERS = 16;

export type AnyRow = {
  readonly id: string;
  /** searchForm() text the filter looks in. */
  readonly search: string;
  /** `key=value` entries, for `tag:key=value` terms. */
  readonly tags?: readonly string[];
  /** What the row belongs to (its instance), searched only in lists with `withContext`. */
  readonly contextSearch?: string;
};

export function emptyList<Row extends AnyRow>(filter = ''): ListModel<Row> {
  return { rows: [], matches: [], filter, cursor: 0, offset: 0 };
}

/** One term of the filter, ready to test rows with. */
export interface FilterTerm {
  readonly text: string;
  /** Digits only: the term matches a whole number (a port, a number in a name or ID), not part of one. */
  readonly number?: RegExp;
  /** A `tag:key[=value]` term: matched against the row's tags, not its text. */
  readonly tag?: TagTerm;
}

const DIGITS = /^[0-9]+$/;

/**
 * The filter's terms: every one must appear (in any order) for a row to match. A number term matches
 * a whole number only, so `443` finds port 443 and `web_443` but neither 8443 nor `api_9443`.
 */
export function filterTerms(filter: string): FilterTerm[] {
  return searchForm(filter)
    .split(/\s+/)
    .filter((term) => term !== '')
    .map((text) => {
      if (DIGITS.test(text)) return { text, number: new RegExp(`(?<![0-9])${text}(?![0-9])`) };
      const tag = parseTagTerm(text);
      return tag ? { text, tag } : { text };
    });
}

function termIn(term: FilterTerm, text: string): boolean {
  return term.number ? text.includes(term.text) && term.number.test(text) : text.includes(term.text);
}

export function matchesFilter(row: AnyRow, terms: readonly FilterTerm[], withContext = false): boolean {
  return rowTester(terms, withContext)(row);
}

/**
 * The test of rows against `terms`. The rows of one instance share its context text (rows.ts), and
 * lie side by side in most orders: a term's answer on the context is kept for the next row.
 */
function rowTester(terms: readonly FilterTerm[], withContext: boolean): (row: AnyRow) => boolean {
  const lastContext: (string | undefined)[] = terms.map(() => undefined);
  const lastAnswer: boolean[] = terms.map(() => false);
  const inContext = (index: number, context: string): boolean => {
    if (lastContext[index] !== context) {
      lastContext[index] = context;
      lastAnswer[index] = termIn(terms[index]!, context);
    }
    return lastAnswer[index]!;
  };
  return (row) => {
    for (let index = 0; index < terms.length; index += 1) {
      const term = terms[index]!;
      if (term.tag) {
        if (tagMatches(term.tag, row.tags)) continue;
        return false;
      }
      if (termIn(term, row.search)) continue;
      if (withContext && row.contextSearch !== undefined && inContext(index, row.contextSearch)) continue;
      return false;
    }
    return true;
  };
}

function applyFilter<Row extends AnyRow>(
  rows: readonly Row[],
  filter: string,
  withContext: boolean | undefined,
): readonly Row[] {
  const terms = filterTerms(filter);
  if (terms.length === 0) return rows;
  return rows.filter(rowTester(terms, withContext ?? false));
}

/**
 * Whether every row `next` lets through is among those `previous` let through, so only those need
 * testing. True when `next` only adds to `previous`, unless it extends a number term: `44` matched
 * 44 alone, and `443` is another number (and `44a` a text that `344a` holds).
 */
function narrows(previous: string, next: string): boolean {
  const before = searchForm(previous);
  const after = searchForm(next);
  if (!after.startsWith(before)) return false;
  // A tag term matches whole keys and values: `tag:en` finds no `env` tag, so `tag:env` is not narrower.
  if (before.includes('tag:')) return false;
  const lastTerm = /\S*$/.exec(before)?.[0] ?? '';
  return lastTerm === '' || !DIGITS.test(lastTerm) || !/^\S/.test(after.slice(before.length));
}

/** The first row to show so that the cursor is on screen, moving as little as possible. */
export function clampOffset(offset: number, cursor: number, count: number, height: number): number {
  const rows = Math.max(1, height);
  let next = Math.min(offset, Math.max(0, count - rows));
  if (cursor < next) next = cursor;
  if (cursor >= next + rows) next = cursor - rows + 1;
  return Math.max(0, next);
}

function place<Row extends AnyRow>(
  model: ListModel<Row>,
  matches: readonly Row[],
  cursor: number,
  offset: number,
  height: number,
): ListModel<Row> {
  const count = matches.length;
  const nextCursor = count === 0 ? 0 : Math.min(Math.max(0, cursor), count - 1);
  const nextOffset = clampOffset(offset, nextCursor, count, height);
  if (matches === model.matches && nextCursor === model.cursor && nextOffset === model.offset) return model;
  return { ...model, matches, cursor: nextCursor, offset: nextOffset };
}

function indexOfId<Row extends AnyRow>(rows: readonly Row[], id: string | undefined): number {
  if (id === undefined) return -1;
  for (let i = 0; i < rows.length; i += 1) if (rows[i]!.id === id) return i;
  return -1;
}

export function selectedRow<Row extends AnyRow>(model: ListModel<Row>): Row | undefined {
  return model.matches[model.cursor];
}

/**
 * Where the selection goes when the selected row is gone: the nearest row that followed it and is
 * still there, else the nearest before it; the same index when none of its neighbours is left.
 */
function neighbourOf<Row extends AnyRow>(
  before: readonly Row[],
  cursor: number,
  matches: readonly Row[],
): number {
  const at = new Map<string, number>();
  for (let i = 0; i < matches.length; i += 1) at.set(matches[i]!.id, i);
  for (let i = cursor + 1; i < before.length; i += 1) {
    const found = at.get(before[i]!.id);
    if (found !== undefined) return found;
  }
  for (let i = Math.min(cursor, before.length) - 1; i >= 0; i -= 1) {
    const found = at.get(before[i]!.id);
    if (found !== undefined) return found;
  }
  return cursor;
}

/**
 * New rows (a refresh, a new sort, another instance's listeners) under the same filter. The selected
 * row stays selected and the row at the top stays at the top when they still exist; when the
 * selected row is gone, its neighbour is selected.
 */
export function withRows<Row extends AnyRow>(
  model: ListModel<Row>,
  rows: readonly Row[],
  height: number,
): ListModel<Row> {
  if (rows === model.rows) return model;
  const matches = applyFilter(rows, model.filter, model.withContext);
  const selectedId = selectedRow(model)?.id;
  const { recentMatches: _older, ...kept } = model;
  const topId = model.matches[model.offset]?.id;
  const at = indexOfId(matches, selectedId);
  const cursor =
    at >= 0 || selectedId === undefined ? Math.max(at, 0) : neighbourOf(model.matches, model.cursor, matches);
  const top = indexOfId(matches, topId);
  const offset = top >= 0 ? top : model.offset;
  return place({ ...kept, rows }, matches, cursor, offset, height);
}

/** Fresh rows with the cursor at the top (another instance opened). */
export function resetRows<Row extends AnyRow>(
  model: ListModel<Row>,
  rows: readonly Row[],
  height: number,
): ListModel<Row> {
  const matches = applyFilter(rows, model.filter, model.withContext);
  const { recentMatches: _older, ...kept } = model;
  return place({ ...kept, rows, matches: [] }, matches, 0, 0, height);
}

/**
 * A new filter. Extending the filter only narrows the matches, so only they are searched again.
 * The selected row stays selected while it matches; otherwise the first match is.
 */
export function withFilter<Row extends AnyRow>(
  model: ListModel<Row>,
  filter: string,
  height: number,
): ListModel<Row> {
  if (filter === model.filter) return model;
  const withContext = model.withContext ?? false;
  const recent = model.recentMatches;
  const usable = recent && recent.rows === model.rows && recent.withContext === withContext;
  const entries = usable ? recent.entries : [{ filter: model.filter, matches: model.matches }];
  const known = entries.find((entry) => entry.filter === filter)?.matches;
  const matches =
    known ?? applyFilter(narrows(model.filter, filter) ? model.matches : model.rows, filter, withContext);
  const recentMatches: RecentMatches<Row> = {
    rows: model.rows,
    withContext,
    entries: [...entries.filter((entry) => entry.filter !== filter), { filter, matches }].slice(
      -RECENT_FILTERS,
    ),
  };
  const at = indexOfId(matches, selectedRow(model)?.id);
  return place(
    { ...model, filter, recentMatches },
    matches,
    at >= 0 ? at : 0,
    at >= 0 ? model.offset : 0,
    height,
  );
}

export function moveBy<Row extends AnyRow>(
  model: ListModel<Row>,
  delta: number,
  height: number,
): ListModel<Row> {
  return place(model, model.matches, model.cursor + delta, model.offset, height);
}

export function moveTo<Row extends AnyRow>(
  model: ListModel<Row>,
  index: number,
  height: number,
): ListModel<Row> {
  return place(model, model.matches, index, model.offset, height);
}

export function selectId<Row extends AnyRow>(
  model: ListModel<Row>,
  id: string,
  height: number,
): ListModel<Row> {
  const at = indexOfId(model.matches, id);
  return at >= 0 ? moveTo(model, at, height) : model;
}

/** A page down (or up): the cursor and the view move by the visible height, as in a pager. */
export function page<Row extends AnyRow>(
  model: ListModel<Row>,
  direction: 1 | -1,
  height: number,
): ListModel<Row> {
  const step = Math.max(1, height);
  return place(
    model,
    model.matches,
    model.cursor + direction * step,
    model.offset + direction * step,
    height,
  );
}

/** The same rows searched with or without their context (`:listeners` on or off), the filter kept. */
export function withContextSearch<Row extends AnyRow>(
  model: ListModel<Row>,
  withContext: boolean,
  height: number,
): ListModel<Row> {
  if ((model.withContext ?? false) === withContext) return model;
  const next = { ...model, withContext };
  return place(next, applyFilter(model.rows, model.filter, withContext), model.cursor, model.offset, height);
}

/** The same model fitted to another height (a resize). */
export function fitHeight<Row extends AnyRow>(model: ListModel<Row>, height: number): ListModel<Row> {
  return place(model, model.matches, model.cursor, model.offset, height);
}

/** The rows on screen: only these are ever rendered. */
export function windowOf<Row extends AnyRow>(model: ListModel<Row>, height: number): readonly Row[] {
  const offset = clampOffset(model.offset, model.cursor, model.matches.length, height);
  return model.matches.slice(offset, offset + Math.max(0, height));
}
