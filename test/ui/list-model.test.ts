import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampOffset,
  emptyList,
  filterTerms,
  moveBy,
  moveTo,
  page,
  resetRows,
  selectId,
  selectedRow,
  windowOf,
  withFilter,
  withContextSearch,
  withRows,
  type ListModel,
} from '../../source/ui/dashboard/list-model.js';
import { searchForm } from '../../source/ui/dashboard/search-form.js';

interface Row {
  id: string;
  search: string;
}

const row = (id: string, text = id): Row => ({ id, search: searchForm(`${id} ${text}`) });
const rows = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => row(`${prefix}${i}`));
const list = (items: Row[], height = 5): ListModel<Row> => withRows(emptyList<Row>(), items, height);

describe('list model', () => {
  it('starts at the top and moves within bounds', () => {
    let model = list(rows(10));
    expect(selectedRow(model)?.id).toBe('r0');
    model = moveBy(model, -1, 5);
    expect(model.cursor).toBe(0);
    model = moveBy(model, 7, 5);
    expect(model.cursor).toBe(7);
    expect(model.offset).toBe(3);
    model = moveBy(model, 100, 5);
    expect(model.cursor).toBe(9);
    expect(model.offset).toBe(5);
    expect(moveTo(model, 0, 5)).toMatchObject({ cursor: 0, offset: 0 });
  });

  it('returns the same model when nothing moves', () => {
    const model = list(rows(3));
    expect(moveBy(model, -1, 5)).toBe(model);
    expect(withFilter(model, '', 5)).toBe(model);
  });

  it('windows only the rows that fit', () => {
    const model = moveTo(list(rows(10_000)), 5_000, 20);
    const shown = windowOf(model, 20);
    expect(shown).toHaveLength(20);
    expect(shown.map((r) => r.id)).toContain('r5000');
  });

  it('pages like a pager', () => {
    let model = page(list(rows(30), 5), 1, 5);
    expect(model).toMatchObject({ cursor: 5, offset: 5 });
    model = page(model, 1, 5);
    expect(model).toMatchObject({ cursor: 10, offset: 10 });
    model = page(model, -1, 5);
    expect(model).toMatchObject({ cursor: 5, offset: 5 });
  });

  it('keeps the selection and the top row by ID across new rows', () => {
    let model = moveTo(list(rows(20)), 12, 5);
    const top = model.matches[model.offset]?.id;
    const next = [row('new-a'), row('new-b'), ...rows(20).filter((r) => r.id !== 'r3')];
    model = withRows(model, next, 5);
    expect(selectedRow(model)?.id).toBe('r12');
    expect(model.matches[model.offset]?.id).toBe(top);
  });

  it('gives back the matches of a filter it just had when a letter is deleted, without searching again', () => {
    const r = withFilter(list(rows(50)), 'r', 5);
    const r1 = withFilter(r, 'r1', 5);
    const r12 = withFilter(r1, 'r12', 5);
    const back = withFilter(r12, 'r1', 5);
    // The very list it had for `r1`, not a new search.
    expect(back.matches).toBe(r1.matches);
    expect(withFilter(back, 'r', 5).matches).toBe(r.matches);
    // New rows: what was remembered of the old ones is dropped.
    const refreshed = withRows(back, rows(50), 5);
    expect(refreshed.recentMatches).toBeUndefined();
    expect(withFilter(refreshed, 'r', 5).matches).not.toBe(r.matches);
  });

  it('selects a neighbour of the selected row when it disappears: the next one left, else the one before', () => {
    let model = moveTo(list(rows(5)), 2, 5);
    model = withRows(
      model,
      rows(5).filter((r) => r.id !== 'r2'),
      5,
    );
    expect(selectedRow(model)?.id).toBe('r3');
    // r4 selected; r3 and r4 gone, r2 back: r1 was its nearest neighbour still there.
    model = moveTo(model, 3, 5);
    model = withRows(model, rows(3), 5);
    expect(selectedRow(model)?.id).toBe('r1');
  });

  it('resets to the top for another set of rows', () => {
    const model = resetRows(moveTo(list(rows(20)), 12, 5), rows(4, 'x'), 5);
    expect(model).toMatchObject({ cursor: 0, offset: 0 });
  });

  it('filters on every term, case-insensitive, Chinese and full-width included', () => {
    const items = [row('a', 'Web HTTPS 443'), row('b', '支付网关 HTTPS 443'), row('c', 'api HTTP 80')];
    expect(withFilter(list(items), 'https', 5).matches.map((r) => r.id)).toEqual(['a', 'b']);
    expect(withFilter(list(items), '支付', 5).matches.map((r) => r.id)).toEqual(['b']);
    expect(withFilter(list(items), '４４３ 网关', 5).matches.map((r) => r.id)).toEqual(['b']);
    expect(withFilter(list(items), '  ', 5).matches).toHaveLength(3);
    expect(filterTerms(' A  Ｂ ').map((term) => term.text)).toEqual(['a', 'b']);
  });

  it('matches a number term to a whole number: the port, or a number in a name or ID, never part of one', () => {
    const items = [
      row('https-443', 'HTTPS 443 web_https_443'),
      row('https-8443', 'HTTPS 8443 api_v2_8443'),
      row('https-9443', 'HTTPS 9443 grpc_orders_9443'),
      row('http-80', 'HTTP 80 web_80'),
      row('http-8080', 'HTTP 8080 preview'),
      row('named', 'HTTPS 10443 edge443'),
    ];
    const ids = (filter: string) => withFilter(list(items), filter, 5).matches.map((r) => r.id);
    expect(ids('https 443')).toEqual(['https-443', 'named']);
    expect(ids('443')).toEqual(['https-443', 'named']);
    expect(ids('8443')).toEqual(['https-8443']);
    expect(ids('80')).toEqual(['http-80']);
    expect(ids('8080')).toEqual(['http-8080']);
    expect(ids('４４３ https')).toEqual(['https-443', 'named']);
    // A term with letters still matches inside words and numbers.
    expect(ids('v2_84')).toEqual(['https-8443']);
    expect(ids('s_9')).toEqual(['https-9443']);
  });

  it("searches a row's context (its instance) only in a list that asks for it", () => {
    const items = [
      { id: 'a', search: searchForm('a HTTPS 443'), contextSearch: searchForm('web-prod alb-web') },
      { id: 'b', search: searchForm('b HTTP 80'), contextSearch: searchForm('支付网关 alb-pay') },
    ];
    const narrow = list(items);
    expect(withFilter(narrow, '支付', 5).matches).toHaveLength(0);
    const wide = withContextSearch(narrow, true, 5);
    expect(withFilter(wide, '支付', 5).matches.map((r) => r.id)).toEqual(['b']);
    expect(withFilter(wide, 'web 443', 5).matches.map((r) => r.id)).toEqual(['a']);
    // Turned on under a filter already typed, the matches follow.
    const filtered = withFilter(narrow, 'alb-pay', 5);
    expect(withContextSearch(filtered, true, 5).matches.map((r) => r.id)).toEqual(['b']);
    expect(withContextSearch(withContextSearch(filtered, true, 5), false, 5).matches).toHaveLength(0);
  });

  it('answers each row on its own context when rows of several instances alternate', () => {
    // Rows of one instance share its context string (rows.ts); the filter keeps a term's last answer on it.
    const web = searchForm('web-prod alb-web');
    const pay = searchForm('支付网关 alb-pay');
    const items = ['web', 'pay', 'pay', 'web', 'pay', 'web', 'web'].map((context, index) => ({
      id: `${context}-${index}`,
      search: searchForm(`listener-${index} HTTPS`),
      contextSearch: context === 'web' ? web : pay,
    }));
    const wide = withContextSearch(list(items), true, 10);
    expect(withFilter(wide, 'alb-pay', 10).matches.map((r) => r.id)).toEqual(['pay-1', 'pay-2', 'pay-4']);
    expect(withFilter(wide, 'https web', 10).matches.map((r) => r.id)).toEqual([
      'web-0',
      'web-3',
      'web-5',
      'web-6',
    ]);
  });

  it('gives the same matches whether the filter is typed letter by letter or set at once', () => {
    fc.assert(
      fc.property(
        // Digits often, so number terms (whole numbers only) meet the letter-by-letter narrowing.
        fc.array(fc.string({ maxLength: 6, unit: fc.constantFrom('4', '3', '8', 'a', '_', ' ', 'é') }), {
          maxLength: 30,
        }),
        fc.string({ maxLength: 5, unit: fc.constantFrom('4', '3', '8', 'a', '_', ' ') }),
        (texts, filter) => {
          const items = texts.map((text, i) => row(`i${i}`, text));
          let typed = list(items);
          for (let n = 1; n <= filter.length; n += 1) typed = withFilter(typed, filter.slice(0, n), 5);
          const direct = withFilter(list(items), filter, 5);
          expect(typed.matches.map((r) => r.id)).toEqual(direct.matches.map((r) => r.id));
        },
      ),
    );
  });

  it('always keeps the cursor on screen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 20 }),
        (count, height, moves) => {
          let model = list(rows(count), height);
          for (const delta of moves) model = moveBy(model, delta, height);
          if (count === 0) return;
          expect(model.cursor).toBeGreaterThanOrEqual(model.offset);
          expect(model.cursor).toBeLessThan(model.offset + height);
          expect(model.offset).toBeLessThanOrEqual(Math.max(0, count - height));
        },
      ),
    );
  });

  it('clamps an offset that would show blank rows at the end', () => {
    expect(clampOffset(8, 9, 10, 5)).toBe(5);
    expect(clampOffset(0, 0, 0, 5)).toBe(0);
  });

  it('selects by ID', () => {
    const model = selectId(list(rows(10)), 'r7', 5);
    expect(selectedRow(model)?.id).toBe('r7');
    expect(selectId(model, 'missing', 5)).toBe(model);
  });
});
