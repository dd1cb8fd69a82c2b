// Styled lines of text: what the wizard, profiles and apply views lay out as pure functions of their
// state (testable without Ink) before a thin component paints them. Every line is cut to a width in
// terminal cells, and text is made terminal-safe on its way to the screen.
import { cellWidth, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import type { Tone } from '../theme.js';

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}
export type Line = Segment[];

export const seg = (text: string, style: Omit<Segment, 'text'> = {}): Segment => ({ text, ...style });

/** The plain text of a line, as a test or a screen reader reads it. */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Cuts a line to `width` cells (the last segment that overflows ends in `…`), text made terminal-safe. */
export function fitLine(line: Line, width: number): Line {
  const out: Line = [];
  let used = 0;
  for (const segment of line) {
    const text = sanitizeForTerminal(segment.text);
    const room = width - used;
    if (room <= 0) break;
    const w = cellWidth(text);
    if (w <= room) {
      out.push({ ...segment, text });
      used += w;
    } else {
      out.push({ ...segment, text: truncateCells(text, room) });
      break;
    }
  }
  return out;
}

/** Breaks text into lines of at most `width` cells, at spaces where it can (CJK anywhere). */
export function wrapCells(text: string, width: number): string[] {
  if (width <= 1) return [text];
  const safe = sanitizeForTerminal(text);
  if (cellWidth(safe) <= width) return [safe];
  const lines: string[] = [];
  let current = '';
  const words = safe.split(/(\s+)/).filter((w) => w !== '');
  const push = () => {
    if (current.trim() !== '') lines.push(current.trimEnd());
    current = '';
  };
  for (const word of words) {
    if (cellWidth(current + word) <= width) {
      current += word;
      continue;
    }
    if (/^\s+$/.test(word)) {
      push();
      continue;
    }
    if (cellWidth(word) <= width) {
      push();
      current = word;
      continue;
    }
    // Too long for a line: broken between CJK characters and after CJK punctuation, keeping a run of
    // other characters (`:rules`, an ID) whole where it fits.
    for (const piece of word.match(CJK_OR_RUN) ?? [word]) {
      if (cellWidth(current + piece) <= width) {
        current += piece;
        continue;
      }
      if (cellWidth(piece) <= width) {
        push();
        current = piece;
        continue;
      }
      for (const ch of piece) {
        if (cellWidth(current + ch) > width) push();
        current += ch;
      }
    }
  }
  push();
  return lines;
}

/** One CJK character or punctuation mark, or a run of anything else. */
const CJK_OR_RUN = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+/gu;
