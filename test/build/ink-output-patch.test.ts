// The bundle's edits of Ink's output module (scripts/build.mjs) must draw exactly what Ink draws,
// frame after frame, while its caches outlive each frame and rows turn to text by a faster route.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import stringWidth from 'string-width';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fasterInkOutput } from '../../scripts/build.mjs';

interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
interface OutputInstance {
  write(x: number, y: number, text: string, options: { transformers: ((line: string) => string)[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputInstance;

// Ink's package exports only its entry, so its output module is found next to it.
const outputModule = join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
const sanitizeModule = join(dirname(outputModule), 'sanitize-ansi.js');
let dir: string;
let Patched: OutputClass;
let Original: OutputClass;
let patchedSanitize: (text: string) => string;
let originalSanitize: (text: string) => string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alb-tui-ink-patch-'));
  const outfile = join(dir, 'output.mjs');
  await build({
    entryPoints: [outputModule],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [fasterInkOutput()],
  });
  Patched = ((await import(pathToFileURL(outfile).href)) as { default: OutputClass }).default;
  Original = ((await import(pathToFileURL(outputModule).href)) as { default: OutputClass }).default;
  const sanitizeFile = join(dir, 'sanitize.mjs');
  await build({
    entryPoints: [sanitizeModule],
    outfile: sanitizeFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [fasterInkOutput()],
  });
  type Sanitize = { default: (text: string) => string };
  patchedSanitize = ((await import(pathToFileURL(sanitizeFile).href)) as Sanitize).default;
  originalSanitize = ((await import(pathToFileURL(sanitizeModule).href)) as Sanitize).default;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const styled = fc.constantFrom(
  (text: string) => text,
  (text: string) => `\u001b[31m${text}\u001b[39m`,
  (text: string) => `\u001b[1m\u001b[36m${text}\u001b[39m\u001b[22m`,
  (text: string) => `\u001b[7m${text}\u001b[27m`,
  (text: string) => `\u001b[1m\u001b[2m${text}\u001b[22m`,
  (text: string) => `\u001b[2m${text}\u001b[22m\u001b[1m!\u001b[22m`,
);
const words = fc.constantFrom(
  'web_https_443',
  '支付网关-prod',
  'Running',
  '─────',
  '│ ',
  '› ',
  'QUIC',
  '…',
  '👍',
  'é',
);
const writeOf = (styles: fc.Arbitrary<(text: string) => string>) =>
  fc.record({
    x: fc.integer({ min: 0, max: 30 }),
    y: fc.integer({ min: 0, max: 8 }),
    text: fc
      .tuple(fc.array(words, { minLength: 1, maxLength: 4 }), styles)
      .map(([parts, style]) => style(parts.join(' '))),
  });
const write = writeOf(styled);

it('draws every frame exactly as Ink does, with lines repeating from frame to frame', () => {
  fc.assert(
    fc.property(fc.array(fc.array(write, { maxLength: 12 }), { minLength: 1, maxLength: 8 }), (frames) => {
      for (const operations of frames) {
        const patched = new Patched({ width: 40, height: 10 });
        const original = new Original({ width: 40, height: 10 });
        for (const { x, y, text } of operations) {
          patched.write(x, y, text, { transformers: [] });
          original.write(x, y, text, { transformers: [] });
        }
        expect(patched.get()).toEqual(original.get());
      }
    }),
    { numRuns: 300 },
  );
});

// A Box with overflow hidden clips what is written inside it. A line cut by the clip is cut as Ink cuts
// it; a write that fits is drawn whole, as Ink draws it unclipped (Ink's cut of a line it need not
// cut can lose a style: `\e[1m\e[2m…\e[22m` came out dim but not bold).
const clip = fc.record(
  {
    x1: fc.integer({ min: 0, max: 20 }),
    x2: fc.integer({ min: 10, max: 40 }),
    y1: fc.integer({ min: 0, max: 4 }),
    y2: fc.integer({ min: 4, max: 10 }),
  },
  { requiredKeys: [] },
);
const clippedWrite = fc.record({ clip: fc.option(clip, { nil: undefined }), write });

/** The clip as Ink applies it to a write that fits across it: vertically only. */
function asDrawnWhole(area: Clip, x: number, text: string): Clip {
  if (area.x1 === undefined || area.x2 === undefined) return area;
  const widest = Math.max(...text.split('\n').map((line) => stringWidth(line)));
  if (x < area.x1 || x + widest > area.x2) return area;
  return {
    ...(area.y1 === undefined ? {} : { y1: area.y1 }),
    ...(area.y2 === undefined ? {} : { y2: area.y2 }),
  };
}

it('draws clipped writes as Ink does: cut where the clip cuts them, whole where they fit', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(clippedWrite, { maxLength: 10 }), { minLength: 1, maxLength: 6 }),
      (frames) => {
        for (const operations of frames) {
          const patched = new Patched({ width: 40, height: 10 });
          const original = new Original({ width: 40, height: 10 });
          for (const {
            clip: area,
            write: { x, y, text },
          } of operations) {
            if (area) patched.clip(area);
            patched.write(x, y, text, { transformers: [] });
            if (area) patched.unclip();
            const reference = area ? asDrawnWhole(area, x, text) : undefined;
            if (reference) original.clip(reference);
            original.write(x, y, text, { transformers: [] });
            if (reference) original.unclip();
          }
          expect(patched.get()).toEqual(original.get());
        }
      },
    ),
    { numRuns: 300 },
  );
});

it('inside a clip, a line that fits keeps bold with dim, as it is drawn outside one (Ink’s cut lost the bold)', () => {
  const text = '\u001b[1m\u001b[2mtitle\u001b[22m';
  const unclipped = new Original({ width: 20, height: 1 });
  unclipped.write(0, 0, text, { transformers: [] });
  const clipped = new Patched({ width: 20, height: 1 });
  clipped.clip({ x1: 0, x2: 20, y1: 0, y2: 1 });
  clipped.write(0, 0, text, { transformers: [] });
  clipped.unclip();
  expect(clipped.get()).toEqual(unclipped.get());
});

it('keeps its caches from one frame to the next, within a bound', () => {
  const first = new Patched({ width: 40, height: 3 }) as OutputInstance & { caches: unknown };
  const second = new Patched({ width: 40, height: 3 }) as OutputInstance & { caches: unknown };
  expect(second.caches).toBe(first.caches);
  const caches = first.caches as {
    styledChars: { current: Map<string, unknown>; previous: Map<string, unknown> };
  };
  for (let i = 0; i < 5000; i++) {
    const frame = new Patched({ width: 40, height: 1 });
    frame.write(0, 0, `line ${i}`, { transformers: [] });
    frame.get();
  }
  expect(caches.styledChars.current.size + caches.styledChars.previous.size).toBeLessThanOrEqual(512);
  const rows = (first.caches as { rows: { current: Map<string, string>; previous: Map<string, string> } })
    .rows;
  expect(rows.current.size + rows.previous.size).toBeLessThanOrEqual(512);
});

it('keeps a row drawn before as text, and shares characters and their styles between lines', () => {
  const caches = (new Patched({ width: 40, height: 1 }) as OutputInstance & { caches: unknown }).caches as {
    rows: { get(key: string): string | undefined };
    getStyledChars(line: string): { value: string; styles: unknown }[];
  };
  const frame = new Patched({ width: 40, height: 2 });
  frame.write(0, 1, '\u001b[31mweb_https_443\u001b[39m', { transformers: [] });
  expect(frame.get().output).toBe('\n\u001b[31mweb_https_443\u001b[39m');
  expect(caches.rows.get('40\n0\n\u001b[31mweb_https_443\u001b[39m')).toBe(
    '\u001b[31mweb_https_443\u001b[39m',
  );
  const one = caches.getStyledChars('\u001b[31mab\u001b[39m c');
  const other = caches.getStyledChars('x\u001b[31mba\u001b[39m');
  expect(other[1]).toBe(one[1]);
  expect(other[2]).toBe(one[0]);
  expect(other[1]!.styles).toBe(one[0]!.styles);
  expect(Object.isFrozen(one[0])).toBe(true);
});

it('sanitizes text as Ink does, the same text asked again answered the same', () => {
  const escapes = fc.constantFrom(
    '',
    '\u001b[31m',
    '\u001b[39m',
    '\u001b[1;2m',
    '\u001b[2J',
    '\u001b[10;5H',
    '\u001b]8;;https://example.com\u0007',
    '\u001b]8;;\u0007',
    '\u009b1A',
    '\u001b[?25l',
    '\u001b[38;5;196m',
    '\u001b[38:2::255:0:0m',
    '\u001b[m',
    '\u001b[',
    '\u001b',
    '\u001b[31',
    '\u001b[1$m',
    '\u0085',
    '\u001b[>4m',
  );
  const text = fc.array(fc.oneof(escapes, words), { maxLength: 8 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 20 }), (texts) => {
      for (const one of [...texts, ...texts]) expect(patchedSanitize(one)).toBe(originalSanitize(one));
    }),
    { numRuns: 200 },
  );
});
