// One vocabulary for key presses, so reducers and binding tables never see Ink's `Key` flags.
import type { Key } from 'ink';

export type SpecialKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'backtab'
  | 'backspace';

export type KeyPress =
  /** A named key, possibly with modifiers. */
  | { kind: 'special'; name: SpecialKey; ctrl: boolean; meta: boolean; shift: boolean }
  /** One typed character (`q`, `?`, `中`), possibly with Ctrl or Meta. */
  | { kind: 'char'; char: string; ctrl: boolean; meta: boolean }
  /** Several characters in one chunk: a paste. Only text fields accept it. */
  | { kind: 'paste'; text: string };

type InkKey = Pick<
  Key,
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'ctrl'
  | 'shift'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'meta'
>;

function specialName(key: InkKey): SpecialKey | undefined {
  // Escape first: Ink 6 also sets `meta` for it (ink-notes §3.5).
  if (key.escape) return 'escape';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.tab) return key.shift ? 'backtab' : 'tab';
  // Most terminals send 0x7F for Backspace, which Ink 6 reports as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  return undefined;
}

/** Turns what Ink's `useInput` reports into a KeyPress, or undefined for nothing usable. */
export function keyFromInk(input: string, key: InkKey): KeyPress | undefined {
  const name = specialName(key);
  if (name) {
    const meta = name === 'escape' ? false : key.meta;
    return { kind: 'special', name, ctrl: key.ctrl, meta, shift: key.shift };
  }
  if (input === '') return undefined;
  if ([...input].length > 1 && !key.ctrl && !key.meta) return { kind: 'paste', text: input };
  return { kind: 'char', char: input, ctrl: key.ctrl, meta: key.meta };
}

/**
 * A short, stable name for binding tables: `q`, `?`, `ctrl+c`, `escape`, `shift+tab` is `backtab`.
 * Pastes have no id: they are never a binding.
 */
export function keyId(press: KeyPress): string | undefined {
  if (press.kind === 'paste') return undefined;
  const base = press.kind === 'special' ? press.name : press.char;
  return `${press.ctrl ? 'ctrl+' : ''}${press.meta ? 'meta+' : ''}${base}`;
}

const SPECIAL_KEYS: readonly SpecialKey[] = [
  'up',
  'down',
  'left',
  'right',
  'pageup',
  'pagedown',
  'home',
  'end',
  'enter',
  'escape',
  'tab',
  'backtab',
  'backspace',
];

function isSpecialKey(name: string): name is SpecialKey {
  return (SPECIAL_KEYS as readonly string[]).includes(name);
}

/** Builds a KeyPress from a binding id; the inverse of keyId, used by tests and scripted input. */
export function keyFromId(id: string): KeyPress {
  let rest = id;
  let ctrl = false;
  let meta = false;
  for (;;) {
    if (rest.length > 5 && rest.startsWith('ctrl+')) ctrl = true;
    else if (rest.length > 5 && rest.startsWith('meta+')) meta = true;
    else break;
    rest = rest.slice(5);
  }
  if (isSpecialKey(rest)) return { kind: 'special', name: rest, ctrl, meta, shift: rest === 'backtab' };
  return { kind: 'char', char: rest, ctrl, meta };
}

/**
 * The keys in a chunk of input. A terminal sends one read per key when the app keeps up; when it is
 * busy (or a key is held, or a fast typist types), several keys arrive as one chunk, which Ink hands
 * over as one string. Outside a text field that chunk is what was typed, key by key: `jjj` is three
 * moves and `:q⏎` runs `:q`. Line breaks become Enter, DEL Backspace, Ctrl-letters Ctrl-letters.
 */
export function splitPaste(press: KeyPress): KeyPress[] {
  if (press.kind !== 'paste') return [press];
  const keys: KeyPress[] = [];
  const special = (name: SpecialKey): KeyPress => ({
    kind: 'special',
    name,
    ctrl: false,
    meta: false,
    shift: false,
  });
  for (const character of press.text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '\r' || character === '\n') keys.push(special('enter'));
    else if (character === '\t') keys.push(special('tab'));
    else if (code === 0x7f || code === 0x08) keys.push(special('backspace'));
    else if (code >= 0x01 && code <= 0x1a) {
      keys.push({ kind: 'char', char: String.fromCharCode(code + 96), ctrl: true, meta: false });
    } else if (code >= 0x20 && !(code >= 0x7f && code <= 0x9f)) {
      keys.push({ kind: 'char', char: character, ctrl: false, meta: false });
    }
  }
  return keys;
}
