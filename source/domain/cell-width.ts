// Terminal cells of text, as string-width counts them, without string-width's cost where it can be
// avoided. string-width splits text into grapheme clusters (Intl.Segmenter) and tests each cluster
// against Unicode-property patterns: its first call on non-ASCII text costs tens of milliseconds
// (ICU's break data, the RGI_Emoji set) and each later one far more than a lookup. Most text on our
// screen (ASCII, Latin, punctuation, arrows and box drawing, CJK, kana, Hangul syllables, full-width
// forms) is made of characters that are each a cluster of their own and as wide as their East Asian
// Width says: for such text the width is a sum. Anything else goes to string-width itself;
// test/domain/cell-width.test.ts holds the two to the same answers.
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';

/** UTF-16 code units whose characters are simple, as above (all in the BMP, none a surrogate). */
const SIMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x2ff],
  [0x370, 0x482],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20c0],
  [0x2100, 0x2bff],
  [0x2e80, 0x303f],
  [0x3041, 0x30ff],
  [0x3105, 0x31ff],
  [0x3200, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe6f],
  [0xff01, 0xffee],
];

/**
 * Inside those ranges but not simple: invisible (soft hyphen, Hangul fillers) or joining the
 * character before them (combining tone and sound marks).
 */
const NOT_SIMPLE: readonly number[] = [
  0xad, 0x302a, 0x302b, 0x302c, 0x302d, 0x302e, 0x302f, 0x3099, 0x309a, 0x3164, 0xff9e, 0xff9f, 0xffa0,
];

const NOT_SIMPLE_MARK = 3;

/**
 * Per code unit: 0 until first seen, then the cells it takes (1 or 2), or NOT_SIMPLE_MARK. Filled as
 * characters turn up: a screen uses few distinct ones, and filling all 45,000 at once cost ~10 ms of
 * start-up.
 */
const cells = new Uint8Array(0x10000);

function cellsOf(code: number): number {
  let known = cells[code]!;
  if (known === 0) {
    const simple =
      !NOT_SIMPLE.includes(code) && SIMPLE_RANGES.some(([first, last]) => code >= first && code <= last);
    known = simple ? eastAsianWidth(code) : NOT_SIMPLE_MARK;
    cells[code] = known;
  }
  return known;
}

/** The cells of each UTF-16 unit of `text`, when all of them are simple; undefined otherwise. */
export function simpleCells(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const width = cellsOf(text.charCodeAt(i));
    if (width === NOT_SIMPLE_MARK) return undefined;
    out[i] = width;
  }
  return out;
}

const ESC = 0x1b;

/**
 * The width of `text` when all of its characters are simple; undefined otherwise. Colour sequences
 * (SGR: ESC [ digits and semicolons m, as string-width's ANSI pattern matches them) count as nothing,
 * as string-width counts them: Ink measures its lines after colouring them.
 */
export function simpleWidth(text: string): number | undefined {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === ESC) {
      const end = sgrEnd(text, i);
      if (end === undefined) return undefined;
      i = end;
      continue;
    }
    const width = cellsOf(code);
    if (width === NOT_SIMPLE_MARK) return undefined;
    total += width;
  }
  return total;
}

/** Index of the `m` ending the SGR sequence at `start` (ESC), or undefined for anything else. */
function sgrEnd(text: string, start: number): number | undefined {
  if (text.charCodeAt(start + 1) !== 0x5b) return undefined;
  let digits = 0;
  let first = true;
  for (let i = start + 2; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      if (++digits > 4) return undefined;
    } else if (code === 0x3b) {
      // The first parameter may not be empty when there are more (string-width's pattern).
      if (first && digits === 0) return undefined;
      first = false;
      digits = 0;
    } else if (code === 0x6d) {
      return i;
    } else {
      return undefined;
    }
  }
  return undefined;
}

export interface StringWidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

/**
 * string-width's own signature and answers, for the libraries that call it: the bundle points their
 * `string-width` here (scripts/build.mjs), so Ink measures the frame the fast way too.
 */
export default function cellWidthCompatible(text: string, options?: StringWidthOptions): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  const plain = options?.ambiguousIsNarrow !== false && options?.countAnsiEscapeCodes !== true;
  return (plain ? simpleWidth(text) : undefined) ?? stringWidth(text, options);
}
