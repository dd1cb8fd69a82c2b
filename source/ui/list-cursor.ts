// The cursor keys of the small lists (the `:ctx` picker, groups, servers, certificates, operations),
// one meaning everywhere: the cursor stays on the list and does not wrap. Pure. The scrolling panes
// (listeners, rules) move through `dashboard/list-model.ts`, which also keeps the window in view.

/** `to` held on a list of `length` rows: 0 for an empty list, otherwise 0 … length − 1. */
export function clampCursor(to: number, length: number): number {
  return Math.max(0, Math.min(length - 1, to));
}

/**
 * Where a cursor key takes the cursor: j/k and ↓/↑ by one row, g/Home and G/End to the ends, and
 * PgDn/PgUp by `page` rows where the list pages (without `page` they are not cursor keys). Undefined
 * for any other key, so the caller goes on to its own keys.
 */
export function cursorKey(
  id: string | undefined,
  cursor: number,
  length: number,
  page?: number,
): number | undefined {
  switch (id) {
    case 'down':
    case 'j':
      return clampCursor(cursor + 1, length);
    case 'up':
    case 'k':
      return clampCursor(cursor - 1, length);
    case 'g':
    case 'home':
      return clampCursor(0, length);
    case 'G':
    case 'end':
      return clampCursor(length - 1, length);
    case 'pagedown':
      return page === undefined ? undefined : clampCursor(cursor + page, length);
    case 'pageup':
      return page === undefined ? undefined : clampCursor(cursor - page, length);
    default:
      return undefined;
  }
}

/** The first of `rows` rows shown of a list of `length`: the cursor kept mid-window where the list allows. */
export function windowStart(cursor: number, length: number, rows: number): number {
  return Math.max(0, Math.min(cursor - Math.floor(rows / 2), length - rows));
}
