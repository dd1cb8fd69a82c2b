// The width the app measures is the width a terminal draws: for any text from the API, once
// sanitised, cellWidth() equals how far a real terminal emulator (xterm.js, headless) moves its
// cursor printing it. A name measured one cell wider or narrower than drawn shifts the pane border.
import xterm from '@xterm/headless';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth, fitCells, sanitizeForTerminal } from '../../source/domain/text.js';

const { Terminal } = xterm;

/**
 * Cells the terminal moves its cursor printing `text` after a border, as the app prints every cell
 * (a combining mark at the start of a name joins what stands before it, in both counts).
 */
function drawnWidth(terminal: InstanceType<typeof Terminal>, text: string): Promise<number> {
  return new Promise((resolve) =>
    terminal.write(`\r\x1b[2K│${text}`, () => resolve(terminal.buffer.active.cursorX - 1)),
  );
}

/** Every format character (Cf) and a sample of the other zero-width and default-ignorable ones. */
const FORMAT_CHARACTERS: string[] = [];
for (let code = 0; code <= 0x10ffff; code += 1) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const char = String.fromCodePoint(code);
  if (/\p{Cf}/u.test(char)) FORMAT_CHARACTERS.push(char);
}
const IGNORABLE = ['\u034f', '\u115f', '\u3164', '\ufe0f', '\ufe00', '\u{E0100}', '\uffa0'];

// xterm.js draws by the Unicode 6 width tables unless an addon says otherwise, so emoji (wide only
// since Unicode 9) are left out here; test/domain/cell-width.test.ts covers them against string-width.
const PRINTABLE = ['a', 'Z', '0', '-', ' ', 'é', 'e\u0301', '支', '付', 'ｗ', '…', 'ß', 'Ж', 'ア', '한'];
const CONTROLS = [
  '\x1b',
  '\x1b[2J',
  '\x1b]0;x\x07',
  '\x07',
  '\x00',
  '\x7f',
  '\x9b',
  '\x85',
  '\n',
  '\t',
  '\ud800',
];

const hostileText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PRINTABLE) },
      { weight: 3, arbitrary: fc.constantFrom(...FORMAT_CHARACTERS, ...IGNORABLE) },
      { weight: 1, arbitrary: fc.constantFrom(...CONTROLS) },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('measured width equals drawn width', () => {
  it('for any sanitised text, format and zero-width characters included', async () => {
    const terminal = new Terminal({ cols: 200, rows: 5, allowProposedApi: true });
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const safe = sanitizeForTerminal(text);
        expect(await drawnWidth(terminal, safe)).toBe(cellWidth(safe));
        // And a cell fitted to a column takes exactly that column.
        expect(await drawnWidth(terminal, `${fitCells(safe, 12)}│`)).toBe(13);
      }),
      { numRuns: 500 },
    );
    terminal.dispose();
  });

  it('the names of the issue: U+200B, U+200D, U+2060, U+FEFF', async () => {
    const terminal = new Terminal({ cols: 80, rows: 5, allowProposedApi: true });
    for (const char of ['\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad']) {
      const safe = sanitizeForTerminal(`web${char}prod`);
      expect(await drawnWidth(terminal, `${fitCells(safe, 10)}│`)).toBe(11);
    }
    terminal.dispose();
  });
});
