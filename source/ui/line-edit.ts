// The one way a line of text is edited, for every text input of the app: the filter, the command
// line, the delete confirmation, the wizard's fields and prompts, the profiles view's prompts.
// Typed characters and pastes, Backspace by grapheme (a CJK character or an emoji goes whole),
// a caret (← → Home End), Ctrl-U and Ctrl-W; and the splitting of keys that arrive together.
import { keyId, type KeyPress, type SpecialKey } from './keys.js';

const CONTROLS = /[\x00-\x1f\x7f-\x9f]+/g;

/** Text a key adds to a line: one printable character, or a paste with its controls dropped. */
export function typedText(press: KeyPress): string | undefined {
  if (press.kind === 'paste') {
    const text = press.text.replace(CONTROLS, '');
    return text === '' ? undefined : text;
  }
  if (press.kind === 'char' && !press.ctrl && !press.meta)
    return /[\x00-\x1f\x7f-\x9f]/.test(press.char) ? undefined : press.char;
  return undefined;
}

const graphemes = new Intl.Segmenter();

function split(text: string): string[] {
  return [...graphemes.segment(text)].map((s) => s.segment);
}

export interface TextEdit {
  text: string;
  /** Caret after the edit, in graphemes; undefined when it is at the end. */
  caret: number | undefined;
}

/** How many graphemes Ctrl-W takes before the caret: the word and the blanks around it. */
function wordBefore(parts: readonly string[], at: number): number {
  let from = at;
  while (from > 0 && /^\s+$/.test(parts[from - 1]!)) from--;
  while (from > 0 && !/^\s+$/.test(parts[from - 1]!)) from--;
  return at - from;
}

/**
 * Editing keys of a one-line text with a caret: typing inserts, ⌫ deletes before the caret,
 * ←/→/Home/End (Ctrl-A, Ctrl-E) move it, Ctrl-U clears, Ctrl-W (Meta-⌫) deletes the word before it.
 * Undefined for keys that are not editing keys.
 */
export function editText(text: string, caret: number | undefined, press: KeyPress): TextEdit | undefined {
  const parts = split(text);
  const at = Math.min(caret ?? parts.length, parts.length);
  const result = (next: string[], position: number): TextEdit => ({
    text: next.join(''),
    caret: position >= next.length ? undefined : position,
  });
  const typed = typedText(press);
  if (typed !== undefined) {
    const inserted = split(typed);
    return result([...parts.slice(0, at), ...inserted, ...parts.slice(at)], at + inserted.length);
  }
  switch (keyId(press)) {
    case 'backspace':
      if (at === 0) return { text, caret };
      return result([...parts.slice(0, at - 1), ...parts.slice(at)], at - 1);
    case 'ctrl+w':
    case 'meta+backspace': {
      const count = wordBefore(parts, at);
      return result([...parts.slice(0, at - count), ...parts.slice(at)], at - count);
    }
    case 'left':
      return result(parts, Math.max(0, at - 1));
    case 'right':
      return result(parts, Math.min(parts.length, at + 1));
    case 'home':
    case 'ctrl+a':
      return result(parts, 0);
    case 'end':
    case 'ctrl+e':
      return result(parts, parts.length);
    case 'ctrl+u':
      return { text: '', caret: undefined };
    default:
      return undefined;
  }
}

/** Editing keys of a line whose caret stays at the end; undefined when the key is not one. */
export function edit(text: string, press: KeyPress): string | undefined {
  const id = keyId(press);
  // Without a caret, the keys that only move it are not editing keys.
  if (id === 'left' || id === 'right' || id === 'home' || id === 'end' || id === 'ctrl+a' || id === 'ctrl+e')
    return undefined;
  return editText(text, undefined, press)?.text;
}

const CONTROL_KEYS: Record<string, SpecialKey> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
};

/**
 * The key presses in one chunk of input. A terminal that is read slowly hands over several keys at
 * once (`⌫⌫⌫`, `\r*`: Enter, then `*`), which arrive as one "paste"; it is split at its control
 * characters and each counts as itself. Printable runs stay pastes, for a text input to take whole.
 */
export function splitPress(press: KeyPress): KeyPress[] {
  if (press.kind !== 'paste' || !/[\x00-\x1f\x7f]/.test(press.text)) return [press];
  const out: KeyPress[] = [];
  let run = '';
  const flushRun = () => {
    if (run === '') return;
    out.push(
      [...run].length > 1
        ? { kind: 'paste', text: run }
        : { kind: 'char', char: run, ctrl: false, meta: false },
    );
    run = '';
  };
  for (const ch of press.text) {
    const special = CONTROL_KEYS[ch];
    const code = ch.codePointAt(0) ?? 0;
    if (special) {
      flushRun();
      out.push({ kind: 'special', name: special, ctrl: false, meta: false, shift: false });
    } else if (code >= 0x01 && code < 0x20) {
      flushRun();
      out.push({ kind: 'char', char: String.fromCharCode(code + 0x60), ctrl: true, meta: false });
    } else if (code !== 0) {
      run += ch;
    }
  }
  flushRun();
  return out;
}
