import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellWidth,
  fitCells,
  padCells,
  sanitizeForTerminal,
  truncateCells,
  wrapCells,
} from '../../source/domain/text.js';

const ESC = '\x1b';
/** Everything a terminal would act on rather than print. */
const TERMINAL_CONTROLS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('sanitizeForTerminal', () => {
  it('returns ordinary text unchanged, Chinese and emoji included', () => {
    for (const text of ['web-prod', 'HTTPS 443', '批量-测试', '👨👩👧 family', 'café', 'e\u0301', '🇨🇳', '']) {
      expect(sanitizeForTerminal(text)).toBe(text);
    }
  });

  it('drops CSI sequences whole (colours, cursor moves, screen clears)', () => {
    expect(sanitizeForTerminal(`${ESC}[31mred${ESC}[0m`)).toBe('red');
    expect(sanitizeForTerminal(`a${ESC}[2J${ESC}[H${ESC}[?1049lb`)).toBe('ab');
    expect(sanitizeForTerminal(`x${ESC}[38;2;255;0;0mz`)).toBe('xz');
  });

  it('drops OSC sequences with their payload, whether ended by BEL or ST', () => {
    // OSC 52 would write the clipboard; OSC 0 would retitle the window; OSC 8 makes a hidden link.
    expect(sanitizeForTerminal(`name${ESC}]52;c;cm0gLXJmIH4=\x07end`)).toBe('nameend');
    expect(sanitizeForTerminal(`${ESC}]0;pwned${ESC}\\title`)).toBe('title');
    expect(sanitizeForTerminal(`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`)).toBe(
      'click',
    );
  });

  it('drops DCS, SOS, PM and APC strings', () => {
    expect(sanitizeForTerminal(`a${ESC}P+q544e${ESC}\\b`)).toBe('ab');
    expect(sanitizeForTerminal(`a${ESC}Xsos${ESC}\\b`)).toBe('ab');
    expect(sanitizeForTerminal(`a${ESC}^pm${ESC}\\b`)).toBe('ab');
    expect(sanitizeForTerminal(`a${ESC}_Gf=100;AAAA${ESC}\\b`)).toBe('ab');
  });

  it('drops the short ESC forms (save cursor, reset, charset selection)', () => {
    expect(sanitizeForTerminal(`a${ESC}7b${ESC}8c`)).toBe('abc');
    expect(sanitizeForTerminal(`a${ESC}cb`)).toBe('ab');
    expect(sanitizeForTerminal(`a${ESC}(0b`)).toBe('ab');
  });

  it('drops 8-bit C1 sequences (CSI 0x9B, OSC 0x9D ... ST 0x9C)', () => {
    expect(sanitizeForTerminal('a\x9b2Jb')).toBe('ab');
    expect(sanitizeForTerminal('a\x9d52;c;AAAA\x9cb')).toBe('ab');
    expect(sanitizeForTerminal('a\x90q\x9cb')).toBe('ab');
  });

  it('keeps an unterminated string visible instead of swallowing the rest', () => {
    expect(sanitizeForTerminal(`id ${ESC}]52;c;AAAA`)).toBe('id \u241b]52;c;AAAA');
    expect(sanitizeForTerminal('id \x9d52;c;AAAA')).toBe('id \ufffd52;c;AAAA');
  });

  it('shows a lone ESC as ␛', () => {
    expect(sanitizeForTerminal(`a${ESC}`)).toBe('a\u241b');
    expect(sanitizeForTerminal(`a${ESC}中`)).toBe('a\u241b中');
    expect(sanitizeForTerminal(`${ESC}${ESC}[1mx`)).toBe('\u241bx');
  });

  it('makes C0 controls and DEL visible as control pictures, and breaks lines into spaces', () => {
    expect(sanitizeForTerminal('bell\x07')).toBe('bell\u2407');
    expect(sanitizeForTerminal('nul\x00')).toBe('nul\u2400');
    expect(sanitizeForTerminal('back\x08space')).toBe('back\u2408space');
    expect(sanitizeForTerminal('del\x7f')).toBe('del\u2421');
    expect(sanitizeForTerminal('two\nlines\r\tx')).toBe('two lines  x');
    expect(sanitizeForTerminal('ls\u2028ps\u2029')).toBe('ls ps ');
  });

  it('replaces other C1 controls and lone surrogates with U+FFFD', () => {
    expect(sanitizeForTerminal('a\x80b\x9ac')).toBe('a\ufffdb\ufffdc');
    expect(sanitizeForTerminal('a\ud800b')).toBe('a\ufffdb');
    expect(sanitizeForTerminal('a\udc00')).toBe('a\ufffd');
  });

  it('drops bidirectional overrides and isolates (Trojan Source)', () => {
    expect(sanitizeForTerminal('admin\u202e\u2066nimda\u2069\u202c')).toBe('adminnimda');
    expect(sanitizeForTerminal('\u200f\u200e\u061cx')).toBe('x');
  });

  it('drops zero-width and format characters (Cf) and the other default-ignorable ones', () => {
    expect(sanitizeForTerminal('web\u200bprod')).toBe('webprod');
    expect(sanitizeForTerminal('\ufeffweb\u2060-\u200dprod\u200c')).toBe('web-prod');
    expect(sanitizeForTerminal('soft\u00adhyphen\u0600\u180e\u2061\ufff9')).toBe('softhyphen');
    expect(sanitizeForTerminal('tag\u{E0001}\u{E0041}\u{1D173}')).toBe('tag');
    expect(sanitizeForTerminal('fill\u3164\u115f\u034f\ufe00er')).toBe('filler');
    // Joined emoji read as their parts; a subdivision flag as the black flag its tags hang on.
    expect(sanitizeForTerminal('👨\u200d👩\u200d👧')).toBe('👨👩👧');
    expect(sanitizeForTerminal('\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}')).toBe(
      '\u{1F3F4}',
    );
    expect(sanitizeForTerminal('\u2764\ufe0f')).toBe('\u2764');
    // Every Cf character there is.
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (/\p{Cf}/u.test(char)) expect(sanitizeForTerminal(`a${char}b`), code.toString(16)).toBe('ab');
    }
  });

  it('never lets a control character or bidi control through, for any input', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(
          fc.constantFrom(
            ESC,
            '[',
            ']',
            'P',
            '\\',
            '\x07',
            '\x9b',
            '\x9c',
            '\x9d',
            '\u202e',
            '\u200b',
            '\u200d',
            '\ufeff',
            'a',
            '中',
            '\n',
            '1',
            ';',
          ),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = sanitizeForTerminal(text);
        expect(safe).not.toMatch(TERMINAL_CONTROLS);
        expect(safe).not.toMatch(/[\ud800-\udfff]/u);
        expect(safe).not.toMatch(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u);
        expect(sanitizeForTerminal(safe)).toBe(safe);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cellWidth', () => {
  it('counts ASCII as one cell each', () => {
    expect(cellWidth('')).toBe(0);
    expect(cellWidth('HTTPS 443')).toBe(9);
  });

  it('counts CJK characters and emoji as two cells', () => {
    expect(cellWidth('批量-测试')).toBe(9);
    expect(cellWidth('监听端口')).toBe(8);
    expect(cellWidth('😀')).toBe(2);
    expect(cellWidth('👨‍👩‍👧')).toBe(2);
    expect(cellWidth('🇨🇳')).toBe(2);
  });

  it('counts combining marks as part of their letter', () => {
    expect(cellWidth('e\u0301')).toBe(1);
    expect(cellWidth('cafe\u0301')).toBe(4);
  });

  it('counts fullwidth forms as two cells', () => {
    expect(cellWidth('ＡＢ')).toBe(4);
  });
});

describe('truncateCells', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateCells('web-prod', 8)).toBe('web-prod');
    expect(truncateCells('批量', 4)).toBe('批量');
  });

  it('cuts ASCII with an ellipsis in the last cell', () => {
    expect(truncateCells('alb-7kq2abcdef', 8)).toBe('alb-7kq…');
    expect(cellWidth(truncateCells('alb-7kq2abcdef', 8))).toBe(8);
  });

  it('never splits a wide character: the result may be one cell short', () => {
    // 批量测试 is 8 cells; in 6 cells, two characters (4) + … (1) fit, a third would need 7.
    expect(truncateCells('批量测试', 6)).toBe('批量…');
    expect(truncateCells('批量测试', 5)).toBe('批量…');
    expect(truncateCells('a批量测试', 5)).toBe('a批…');
  });

  it('keeps emoji sequences and combining marks whole', () => {
    expect(truncateCells('👨‍👩‍👧👨‍👩‍👧', 3)).toBe('👨‍👩‍👧…');
    expect(truncateCells('👨‍👩‍👧👨‍👩‍👧', 2)).toBe('…');
    expect(truncateCells('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
  });

  it('handles the degenerate widths', () => {
    expect(truncateCells('abc', 0)).toBe('');
    expect(truncateCells('abc', -3)).toBe('');
    expect(truncateCells('abc', 1)).toBe('…');
    expect(truncateCells('中', 1)).toBe('…');
  });

  it('always fits and always keeps a prefix of the text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '中', '测', '😀', 'e\u0301', '👨‍👩‍👧', 'ｗ') });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 30 }), (input, width) => {
        const cut = truncateCells(input, width);
        expect(cellWidth(cut)).toBeLessThanOrEqual(width);
        if (cut !== input && width > 0) {
          expect(cut.endsWith('…')).toBe(true);
          expect(input.startsWith(cut.slice(0, -1))).toBe(true);
          expect(cellWidth(cut)).toBeGreaterThanOrEqual(width - 1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('padCells and fitCells', () => {
  it('pads by cells, not by UTF-16 length', () => {
    expect(padCells('中文', 6)).toBe('中文  ');
    expect(padCells('中文', 6, 'right')).toBe('  中文');
    expect(padCells('abc', 2)).toBe('abc');
  });

  it('fitCells gives exactly the width asked for', () => {
    expect(fitCells('批量测试', 6)).toBe('批量… ');
    expect(fitCells('批量测试', 5)).toBe('批量…');
    expect(fitCells('ab', 4, 'right')).toBe('  ab');
    const text = fc.string({ unit: fc.constantFrom('a', '中', '😀', 'e\u0301', ' ') });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 30 }), (input, width) => {
        expect(cellWidth(fitCells(input, width))).toBe(width);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('wrapCells', () => {
  it('breaks after commas and spaces, each line within the width', () => {
    const sans = 'a.example.com, b.example.com, c.example.com, d.example.com';
    expect(wrapCells(sans, 32)).toEqual(['a.example.com, b.example.com,', 'c.example.com, d.example.com']);
    expect(wrapCells('short', 32)).toEqual(['short']);
  });

  it('breaks a word longer than the line in its middle, and Chinese between characters', () => {
    expect(wrapCells('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapCells('支付网关支付网关', 5)).toEqual(['支付', '网关', '支付', '网关']);
    expect(wrapCells('证书、域名、颁发机构', 8)).toEqual(['证书、', '域名、', '颁发机构']);
  });

  it('loses nothing and never exceeds the width, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '支', '、', '😀', 'e\u0301') }),
        fc.integer({ min: 2, max: 30 }),
        (raw, width) => {
          const text = raw.trim();
          const lines = wrapCells(text, width);
          for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(width);
          expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        },
      ),
    );
  });
});
