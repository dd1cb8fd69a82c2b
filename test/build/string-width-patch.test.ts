// The bundle builds string-width's RGI_Emoji pattern on first use, not when the module loads
// (scripts/build.mjs): the widths must stay string-width's own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import stringWidth from 'string-width';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fastStringWidth } from '../../scripts/build.mjs';

let dir: string;
let bundled: string;
let patchedWidth: (text: string) => number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alb-tui-string-width-patch-'));
  // An importer outside source/ is pointed at cell-width.ts, which falls back on the patched copy.
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, "export { default } from 'string-width';\n");
  const outfile = join(dir, 'out.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    nodePaths: [join(import.meta.dirname, '..', '..', 'node_modules')],
    plugins: [fastStringWidth()],
  });
  bundled = readFileSync(outfile, 'utf8');
  patchedWidth = ((await import(pathToFileURL(outfile).href)) as { default: (text: string) => number })
    .default;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('leaves the RGI_Emoji pattern unbuilt until a width needs it', () => {
  expect(bundled).toContain('rgiEmojiPattern ??=');
  expect(bundled).not.toMatch(/rgiEmojiRegex\s*=\s*(new RegExp|\/)/);
});

it('measures emoji, flags, keycaps, CJK and marks as string-width does', () => {
  for (const text of ['👍', '👨‍👩‍👧', '🇨🇳', '1️⃣', '#⃣', '支付网关', 'é', 'e\u0301', '☺', '☺️', 'a👍b', '\u200b'])
    expect(patchedWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
});
