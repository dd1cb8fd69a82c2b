// Editing a one-line text input (the filter, the command line, a prompt): typed characters and
// pastes, Backspace by grapheme (a CJK character or an emoji goes whole), Ctrl-U and Ctrl-W.
import { keyId, type KeyPress } from './keys.js';

/** Text a key adds to a line: one character, or a paste with line breaks and controls made spaces. */
export function typedText(press: KeyPress): string | undefined {
  if (press.kind === 'paste') return press.text.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ');
  if (press.kind === 'char' && !press.ctrl && !press.meta)
    return /[\x00-\x1f\x7f-\x9f]/.test(press.char) ? undefined : press.char;
  return undefined;
}

const graphemes = new Intl.Segmenter();

function dropLast(text: string): string {
  let last = 0;
  for (const { index } of graphemes.segment(text)) last = index;
  return text.slice(0, last);
}

function dropWord(text: string): string {
  return text.replace(/\s*\S+\s*$/, '');
}

/** Editing keys every line shares; undefined when the key is not one. */
export function edit(text: string, press: KeyPress): string | undefined {
  const typed = typedText(press);
  if (typed !== undefined) return text + typed;
  const id = keyId(press);
  if (id === 'backspace') return dropLast(text);
  if (id === 'ctrl+u') return '';
  if (id === 'ctrl+w' || id === 'meta+backspace') return dropWord(text);
  return undefined;
}
