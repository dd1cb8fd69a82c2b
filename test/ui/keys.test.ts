import { describe, expect, it } from 'vitest';
import { keyFromId, keyFromInk, keyId, splitPaste } from '../../source/ui/keys.js';

const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

describe('keyFromInk', () => {
  it('reads a typed character', () => {
    expect(keyFromInk('q', NO_KEY)).toEqual({ kind: 'char', char: 'q', ctrl: false, meta: false });
    expect(keyFromInk('中', NO_KEY)).toEqual({ kind: 'char', char: '中', ctrl: false, meta: false });
  });

  it('reads Ctrl-C as ctrl+c', () => {
    const press = keyFromInk('c', { ...NO_KEY, ctrl: true });
    expect(press && keyId(press)).toBe('ctrl+c');
  });

  it('does not take Escape for Meta (Ink 6 sets both)', () => {
    const press = keyFromInk('', { ...NO_KEY, escape: true, meta: true });
    expect(press).toEqual({ kind: 'special', name: 'escape', ctrl: false, meta: false, shift: false });
    expect(press && keyId(press)).toBe('escape');
  });

  it('treats Delete (what 0x7F becomes in Ink 6) as Backspace', () => {
    expect(keyFromInk('', { ...NO_KEY, delete: true })).toMatchObject({ kind: 'special', name: 'backspace' });
    expect(keyFromInk('', { ...NO_KEY, backspace: true })).toMatchObject({
      kind: 'special',
      name: 'backspace',
    });
  });

  it('names Shift-Tab backtab', () => {
    expect(keyFromInk('', { ...NO_KEY, tab: true, shift: true })).toMatchObject({ name: 'backtab' });
    expect(keyFromInk('', { ...NO_KEY, tab: true })).toMatchObject({ name: 'tab' });
  });

  it('reads the navigation keys', () => {
    const cases = [
      ['upArrow', 'up'],
      ['downArrow', 'down'],
      ['leftArrow', 'left'],
      ['rightArrow', 'right'],
      ['pageUp', 'pageup'],
      ['pageDown', 'pagedown'],
      ['home', 'home'],
      ['end', 'end'],
      ['return', 'enter'],
    ] as const;
    for (const [flag, name] of cases)
      expect(keyFromInk('', { ...NO_KEY, [flag]: true })).toMatchObject({ name });
  });

  it('takes several characters in one chunk for a paste', () => {
    expect(keyFromInk('web-prod', NO_KEY)).toEqual({ kind: 'paste', text: 'web-prod' });
    // One emoji is one key even though it is two UTF-16 units.
    expect(keyFromInk('😀', NO_KEY)).toMatchObject({ kind: 'char', char: '😀' });
  });

  it('reports nothing for an empty input with no key', () => {
    expect(keyFromInk('', NO_KEY)).toBeUndefined();
  });
});

describe('keyId and keyFromId', () => {
  it('round-trip', () => {
    for (const id of [
      'q',
      '?',
      '+',
      'ctrl+c',
      'ctrl+r',
      'meta+x',
      'escape',
      'enter',
      'backtab',
      'up',
      'ctrl+meta+a',
    ]) {
      expect(keyId(keyFromId(id))).toBe(id);
    }
  });

  it('gives pastes no id', () => {
    expect(keyId({ kind: 'paste', text: 'abc' })).toBeUndefined();
  });
});

describe('splitPaste', () => {
  it('takes a chunk of keys typed while the app was busy as those keys, one by one', () => {
    expect(splitPaste({ kind: 'paste', text: 'jj' }).map(keyId)).toEqual(['j', 'j']);
    expect(splitPaste({ kind: 'paste', text: ':q\r' }).map(keyId)).toEqual([':', 'q', 'enter']);
    expect(splitPaste({ kind: 'paste', text: '44\x7f3\t\x04' }).map(keyId)).toEqual([
      '4',
      '4',
      'backspace',
      '3',
      'tab',
      'ctrl+d',
    ]);
    expect(splitPaste({ kind: 'paste', text: '支付😀' }).map(keyId)).toEqual(['支', '付', '😀']);
  });

  it('drops other control characters and leaves single keys alone', () => {
    expect(splitPaste({ kind: 'paste', text: 'a\x00\x9bb' }).map(keyId)).toEqual(['a', 'b']);
    const key = keyFromId('q');
    expect(splitPaste(key)).toEqual([key]);
  });
});
