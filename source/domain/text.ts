// Text as the terminal will show it: made safe (no control characters or escape sequences reach the
// terminal) and measured in cells (a CJK character or an emoji takes two).
import stringWidth from 'string-width';
import { simpleCells, simpleWidth } from './cell-width.js';

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
/** C1 introducers of control strings: DCS, SOS, OSC, PM, APC. Their payload runs to ST. */
const C1_STRING_INTRODUCERS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** The same introducers in their 7-bit form, the byte after ESC: P, X, ], ^, _. */
const STRING_INTRODUCERS = new Set(['P', 'X', ']', '^', '_']);

/** Shown where a lone ESC stood, so a damaged sequence is visible rather than silently gone. */
const ESC_PICTURE = '\u241b';
const REPLACEMENT = '\ufffd';

const SAFE_ASCII = /^[\x20-\x7e]*$/;
const NEEDS_WORK = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const LONE_SURROGATE = /[\ud800-\udfff]/gu;
/**
 * Format characters (Unicode category Cf) and the other default-ignorable ones (variation selectors,
 * Hangul fillers, the combining grapheme joiner), dropped:
 * - bidirectional controls (Trojan Source, CVE-2021-42574) reorder the characters around them, so a
 *   name could read differently from what it is;
 * - the rest draw as nothing or as one cell depending on the terminal (tmux draws a soft hyphen and
 *   U+0600 one cell wide, string-width counts them as none; U+200B, U+2060 and U+FEFF are none in one
 *   terminal and a box in another), so a name holding one would shift the pane's border.
 * That includes the zero-width joiner inside emoji sequences: terminals disagree on whether 👨‍👩‍👧 is
 * one wide cell or three, but all agree on 👨👩👧, which is what it reads as once the joiners are gone
 * (the fallback the emoji standard itself gives). Likewise VS16: tmux draws ❤️ one cell wide where
 * string-width counts two; ❤ without it is one cell everywhere.
 */
const INVISIBLE_FORMAT = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Makes text from outside (API names, descriptions, arguments) safe to print:
 * - escape sequences (CSI, OSC — including OSC 52 clipboard writes —, DCS, SOS, PM, APC, and the short
 *   ESC forms), in 7-bit and 8-bit form, are dropped whole;
 * - an introducer whose string never ends is kept visible as `␛` and the rest shown as plain text;
 * - other C0 controls become their Unicode control pictures (`\x07` → `␇`), DEL becomes `␡`, tab and
 *   line breaks become a space, other C1 controls and lone surrogates become `�`;
 * - format characters (category Cf: bidi controls, zero-width spaces and joiners, the BOM, tags) and
 *   the other default-ignorable characters are dropped (see INVISIBLE_FORMAT).
 * The result is one line of printable text.
 */
export function sanitizeForTerminal(text: string): string {
  if (SAFE_ASCII.test(text) || !NEEDS_WORK.test(text)) return text;
  const wellFormed = text.replace(LONE_SURROGATE, REPLACEMENT);
  let out = '';
  let i = 0;
  while (i < wellFormed.length) {
    const code = wellFormed.charCodeAt(i);
    if (code === ESC) {
      const end = escapeSequenceEnd(wellFormed, i);
      if (end === undefined) {
        out += ESC_PICTURE;
        i += 1;
      } else {
        i = end;
      }
    } else if (code === C1_CSI) {
      i = controlSequenceEnd(wellFormed, i + 1);
    } else if (C1_STRING_INTRODUCERS.has(code)) {
      const end = controlStringEnd(wellFormed, i + 1);
      if (end === undefined) {
        out += REPLACEMENT;
        i += 1;
      } else {
        i = end;
      }
    } else {
      out += visibleControl(code) ?? wellFormed[i];
      i += 1;
    }
  }
  return out.replace(INVISIBLE_FORMAT, '');
}

function visibleControl(code: number): string | undefined {
  if (code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d) return ' ';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  if (code >= 0x80 && code <= 0x9f) return code === 0x85 ? ' ' : REPLACEMENT;
  if (code === 0x2028 || code === 0x2029) return ' ';
  return undefined;
}

/** Index just past the escape sequence that starts with ESC at `start`, or undefined for a lone ESC. */
function escapeSequenceEnd(text: string, start: number): number | undefined {
  const next = text[start + 1];
  if (next === undefined) return undefined;
  if (next === '[') return controlSequenceEnd(text, start + 2);
  if (STRING_INTRODUCERS.has(next)) return controlStringEnd(text, start + 2);
  // nF (ESC, intermediates 0x20–0x2F, final 0x30–0x7E) and the two-byte Fp/Fe/Fs forms (ESC 7, ESC c ...).
  let i = start + 1;
  while (i < text.length && isIntermediate(text.charCodeAt(i))) i += 1;
  const final = text.charCodeAt(i);
  if (final >= 0x30 && final <= 0x7e) return i + 1;
  return undefined;
}

/**
 * Index just past a CSI's final byte. Parameter (0x30–0x3F) and intermediate (0x20–0x2F) bytes are
 * consumed; any other byte ends the sequence there (terminals abort it), and so does the end of text.
 */
function controlSequenceEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 0x40 && code <= 0x7e) return i + 1;
    if (!(code >= 0x20 && code <= 0x3f)) return i;
    i += 1;
  }
  return i;
}

/** Index just past the string terminator (ST as ESC \ or 0x9C, or BEL), or undefined when there is none. */
function controlStringEnd(text: string, start: number): number | undefined {
  for (let i = start; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === BEL || code === C1_ST) return i + 1;
    if (code === ESC && text[i + 1] === '\\') return i + 2;
  }
  return undefined;
}

function isIntermediate(code: number): boolean {
  return code >= 0x20 && code <= 0x2f;
}

/** Made when first needed: constructing one costs about 15 ms, and most text never needs it. */
let segmenter: Intl.Segmenter | undefined;

/** Cells the text takes in a terminal. Expects sanitized text (escape sequences count as nothing). */
export function cellWidth(text: string): number {
  if (SAFE_ASCII.test(text)) return text.length;
  return simpleWidth(text) ?? stringWidth(text);
}

const ELLIPSIS = '…';

/**
 * The text cut to at most `width` cells, ending in `…` when something was cut. Cuts only between
 * grapheme clusters, so a wide character, an emoji sequence or a letter with its accents is either
 * kept whole or dropped whole; the result may then be one cell short of `width`.
 */
export function truncateCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  if (SAFE_ASCII.test(text)) return text.slice(0, width - 1) + ELLIPSIS;
  const budget = width - cellWidth(ELLIPSIS);
  let used = 0;
  const cells = simpleCells(text);
  if (cells) {
    let end = 0;
    while (end < cells.length && used + cells[end]! <= budget) used += cells[end++]!;
    return text.slice(0, end) + ELLIPSIS;
  }
  let kept = '';
  segmenter ??= new Intl.Segmenter();
  for (const { segment } of segmenter.segment(text)) {
    const segmentWidth = stringWidth(segment);
    if (used + segmentWidth > budget) break;
    kept += segment;
    used += segmentWidth;
  }
  return kept + ELLIPSIS;
}

export type Align = 'left' | 'right';

/** The text with spaces added to fill `width` cells; text already that wide or wider is returned as is. */
export function padCells(text: string, width: number, align: Align = 'left'): string {
  const missing = width - cellWidth(text);
  if (missing <= 0) return text;
  const padding = ' '.repeat(missing);
  return align === 'left' ? text + padding : padding + text;
}

/** Exactly `width` cells: cut with `…` when too wide, padded with spaces when too narrow. */
export function fitCells(text: string, width: number, align: Align = 'left'): string {
  return padCells(truncateCells(text, width), Math.max(0, width), align);
}

/** The longest start of `text` that fits `width` cells, cut between grapheme clusters, and the rest. */
export function splitAtCells(text: string, width: number): [string, string] {
  if (cellWidth(text) <= width) return [text, ''];
  if (SAFE_ASCII.test(text)) return [text.slice(0, Math.max(0, width)), text.slice(Math.max(0, width))];
  let used = 0;
  let end = 0;
  const cells = simpleCells(text);
  if (cells) {
    while (end < cells.length && used + cells[end]! <= width) used += cells[end++]!;
    return [text.slice(0, end), text.slice(end)];
  }
  segmenter ??= new Intl.Segmenter();
  for (const { segment, index } of segmenter.segment(text)) {
    const segmentWidth = stringWidth(segment);
    if (used + segmentWidth > width) return [text.slice(0, index), text.slice(index)];
    used += segmentWidth;
    end = index + segment.length;
  }
  return [text.slice(0, end), text.slice(end)];
}

/**
 * The text as lines of at most `width` cells, broken after a space, a comma or an ideographic comma
 * where one is near enough, else in the middle of a word. Nothing is lost: the lines joined give the
 * text back, less the spaces at the breaks.
 */
export function wrapCells(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let rest = text;
  while (cellWidth(rest) > room) {
    let [head, tail] = splitAtCells(rest, room);
    if (head === '') [head, tail] = splitAtCells(rest, 2); // a wide character in a one-cell room
    if (head === '') break;
    const breakAt = Math.max(head.lastIndexOf(' '), head.lastIndexOf(','), head.lastIndexOf('、'));
    // Break at a separator only when it leaves a line at least half full.
    if (breakAt > 0 && tail !== '' && cellWidth(head.slice(0, breakAt + 1)) >= room / 2) {
      tail = head.slice(breakAt + 1) + tail;
      head = head.slice(0, breakAt + 1);
    }
    lines.push(head.trimEnd());
    rest = tail.trimStart();
  }
  lines.push(rest);
  return lines;
}

let nameCollator: Intl.Collator | undefined;

/**
 * Compares names as people read them: Chinese by pinyin, numbers inside names by value (`web-9` before
 * `web-10`), case aside. The collator is made on the first comparison: ICU's collation data costs a
 * few ms, and the first frame is seldom sorted by name.
 */
export function compareNames(a: string, b: string): number {
  nameCollator ??= new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
  return nameCollator.compare(a, b);
}
