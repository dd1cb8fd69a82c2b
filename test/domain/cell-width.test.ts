// The fast width (a sum over characters that are each one cluster) must give string-width's answers.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import cellWidthCompatible, { simpleCells, simpleWidth } from '../../source/domain/cell-width.js';
import { cellWidth, truncateCells } from '../../source/domain/text.js';

const simpleCodes: number[] = [];
for (let code = 0; code < 0x10000; code++) {
  if (simpleWidth(String.fromCharCode(code)) !== undefined) simpleCodes.push(code);
}
const simpleChar = fc.constantFrom(...simpleCodes).map((code) => String.fromCharCode(code));
/** Characters the fast path must hand on: joiners, marks, selectors, controls, emoji halves, fillers. */
const trickyChar = fc.constantFrom(
  '\u0301',
  '\u200d',
  '\ufe0f',
  '\u3099',
  '\u302e',
  '\uff9e',
  '\u3164',
  '\u00ad',
  '\u1100',
  '\u1161',
  '\u11a8',
  '\u001b',
  '\u0007',
  '\ud83d\udc4d',
  '\ud83c\udffd',
  '\u20e3',
  '\u0e33',
  '\u0915\u094d',
);

describe('cell width', () => {
  it('covers the characters the screen is made of', () => {
    for (const text of ['a', '─', '│', '┌', '…', '·', '✓', '中', 'ア', '한', '，', 'Ａ', '→', '°'])
      expect(simpleWidth(text), text).toBeDefined();
  });

  it('gives string-width’s width for every simple character on its own', () => {
    const differing = simpleCodes.filter((code) => {
      const text = String.fromCharCode(code);
      return simpleWidth(text) !== stringWidth(text);
    });
    expect(differing).toEqual([]);
    expect(simpleCodes.length).toBeGreaterThan(40_000);
  });

  it('gives string-width’s width for any text of simple characters', () => {
    fc.assert(
      fc.property(fc.array(simpleChar, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(simpleWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands any text with another character to string-width, and agrees with it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(simpleChar, trickyChar), { minLength: 1, maxLength: 12 }), (chars) => {
        const text = chars.join('');
        if (chars.some((c) => simpleWidth(c) === undefined)) expect(simpleWidth(text)).toBeUndefined();
        expect(cellWidthCompatible(text)).toBe(stringWidth(text));
        expect(cellWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts colour sequences as nothing, as string-width does, and hands other escapes on', () => {
    const sgr = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.constant('')), { maxLength: 5 })
      .map((params) => `\u001b[${params.join(';')}m`);
    const escape = fc.constantFrom(
      '\u001b]8;;https://x\u0007',
      '\u001b[2J',
      '\u001b[?25l',
      '\u001b',
      '\u001b[;1m',
      '\u001b[',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(simpleChar, sgr, escape), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(cellWidthCompatible(text)).toBe(stringWidth(text));
      }),
      { numRuns: 3000 },
    );
    expect(simpleWidth('\u001b[31m中文\u001b[39m ok')).toBe(7);
    expect(simpleWidth('\u001b[38;2;255;0;0m─\u001b[0m')).toBe(1);
  });

  it('follows string-width’s options and odd arguments', () => {
    expect(cellWidthCompatible('±×', { ambiguousIsNarrow: false })).toBe(
      stringWidth('±×', { ambiguousIsNarrow: false }),
    );
    expect(cellWidthCompatible('±×', { ambiguousIsNarrow: false })).toBe(4);
    expect(cellWidthCompatible('\u001b[31mred\u001b[39m')).toBe(3);
    expect(cellWidthCompatible('ab', { countAnsiEscapeCodes: true })).toBe(2);
    expect(cellWidthCompatible('')).toBe(0);
  });

  it('cuts simple text where string-width’s clusters would be cut', () => {
    fc.assert(
      fc.property(
        fc.array(simpleChar, { maxLength: 20 }),
        fc.integer({ min: 1, max: 30 }),
        (chars, width) => {
          const text = chars.join('');
          const cut = truncateCells(text, width);
          expect(stringWidth(cut)).toBeLessThanOrEqual(width);
          if (stringWidth(text) <= width) expect(cut).toBe(text);
          else {
            expect(cut.endsWith('…')).toBe(true);
            // Nothing more would have fitted: the next character is too wide for what is left.
            const kept = cut.slice(0, -1);
            const next = text.charAt(kept.length);
            expect(text.startsWith(kept)).toBe(true);
            expect(stringWidth(kept) + stringWidth(next) + 1).toBeGreaterThan(width);
          }
          expect(simpleCells(text)?.length ?? text.length).toBe(text.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
