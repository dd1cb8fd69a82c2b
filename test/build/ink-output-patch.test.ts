// The bundle's edits of Ink's output module (scripts/build.mjs) must draw exactly what Ink draws,
// frame after frame, while its caches outlive each frame and rows turn to text by a faster route.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fasterInkOutput } from '../../scripts/build.mjs';

interface OutputInstance {
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  write(x: number, y: number, text: string, options: { transformers: ((line: string) => string)[] }): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputInstance;

// Ink's package exports only its entry, so its output module is found next to it.
const outputModule = join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
let dir: string;
let Patched: OutputClass;
let Original: OutputClass;

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
const write = fc.record({
  x: fc.integer({ min: 0, max: 30 }),
  y: fc.integer({ min: 0, max: 8 }),
  text: fc
    .tuple(fc.array(words, { minLength: 1, maxLength: 4 }), styled)
    .map(([parts, style]) => style(parts.join(' '))),
});

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

// Not bold and dim closed by one code: slice-ansi drops the bold of such a line even when nothing is
// cut, where a line that fits is now drawn as Ink draws it unclipped.
const clippedWrite = fc.record({
  x: fc.integer({ min: 0, max: 30 }),
  y: fc.integer({ min: 0, max: 8 }),
  text: fc
    .tuple(
      fc.array(words, { minLength: 1, maxLength: 4 }),
      fc.constantFrom(
        (text: string) => text,
        (text: string) => `\u001b[31m${text}\u001b[39m`,
        (text: string) => `\u001b[1m\u001b[36m${text}\u001b[39m\u001b[22m`,
        (text: string) => `\u001b[7m${text}\u001b[27m`,
      ),
    )
    .map(([parts, style]) => style(parts.join(' '))),
});
const box = fc.record({
  x1: fc.integer({ min: 0, max: 20 }),
  width: fc.integer({ min: 1, max: 30 }),
  y1: fc.integer({ min: 0, max: 5 }),
  height: fc.integer({ min: 1, max: 8 }),
});

it('clips lines in a box exactly as Ink does, whether they fit or are cut', () => {
  fc.assert(
    fc.property(box, fc.array(clippedWrite, { minLength: 1, maxLength: 12 }), (clip, operations) => {
      const outputs = [new Patched({ width: 40, height: 10 }), new Original({ width: 40, height: 10 })];
      for (const output of outputs) {
        output.clip({ x1: clip.x1, x2: clip.x1 + clip.width, y1: clip.y1, y2: clip.y1 + clip.height });
        for (const { x, y, text } of operations) output.write(x, y, text, { transformers: [] });
        output.unclip();
      }
      expect(outputs[0]!.get()).toEqual(outputs[1]!.get());
    }),
    { numRuns: 300 },
  );
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
});
