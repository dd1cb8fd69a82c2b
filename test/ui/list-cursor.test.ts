import { describe, expect, it } from 'vitest';
import { clampCursor, cursorKey, windowStart } from '../../source/ui/list-cursor.js';

describe('clampCursor', () => {
  it('holds the cursor on the list, and at 0 on an empty one', () => {
    expect(clampCursor(-3, 5)).toBe(0);
    expect(clampCursor(2, 5)).toBe(2);
    expect(clampCursor(9, 5)).toBe(4);
    expect(clampCursor(1, 0)).toBe(0);
    expect(clampCursor(-1, 0)).toBe(0);
  });
});

describe('cursorKey', () => {
  it('moves one row with j/k and the arrows, and stops at the ends (no wrap)', () => {
    expect(cursorKey('j', 2, 5)).toBe(3);
    expect(cursorKey('down', 4, 5)).toBe(4);
    expect(cursorKey('k', 2, 5)).toBe(1);
    expect(cursorKey('up', 0, 5)).toBe(0);
  });

  it('goes to the ends with g/Home and G/End', () => {
    expect(cursorKey('g', 3, 5)).toBe(0);
    expect(cursorKey('home', 3, 5)).toBe(0);
    expect(cursorKey('G', 1, 5)).toBe(4);
    expect(cursorKey('end', 1, 5)).toBe(4);
  });

  it('pages by the given rows, clamped; without a page size PgUp/PgDn are not its keys', () => {
    expect(cursorKey('pagedown', 3, 30, 10)).toBe(13);
    expect(cursorKey('pagedown', 25, 30, 10)).toBe(29);
    expect(cursorKey('pageup', 13, 30, 10)).toBe(3);
    expect(cursorKey('pageup', 5, 30, 10)).toBe(0);
    expect(cursorKey('pagedown', 3, 30)).toBeUndefined();
    expect(cursorKey('pageup', 3, 30)).toBeUndefined();
  });

  it('keeps an empty list at 0 for every cursor key', () => {
    for (const id of ['j', 'k', 'down', 'up', 'g', 'G', 'home', 'end', 'pagedown', 'pageup'])
      expect(cursorKey(id, 0, 0, 10)).toBe(0);
  });

  it('leaves any other key to the caller', () => {
    expect(cursorKey('enter', 1, 5)).toBeUndefined();
    expect(cursorKey(' ', 1, 5)).toBeUndefined();
    expect(cursorKey(undefined, 1, 5)).toBeUndefined();
  });
});

describe('windowStart', () => {
  it('keeps the cursor mid-window, and the window inside the list', () => {
    expect(windowStart(0, 100, 10)).toBe(0);
    expect(windowStart(50, 100, 10)).toBe(45);
    expect(windowStart(99, 100, 10)).toBe(90);
    expect(windowStart(3, 4, 10)).toBe(0);
  });
});
