// source/boot/code-cache.ts: a bundle runs the same with or without a cache; the user's cache is kept
// once the app says so (0600 in a 0700 directory) and used by the next start; a damaged one is
// refused and made anew; one in a directory others can write is not read; the build's cache is used
// when the user has none. Each start is a process of its own, as V8 keeps compiled code in memory.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { beforeEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** The module as one plain JavaScript file for the child processes. */
const moduleUrl = (() => {
  const outfile = join(mkdtempSync(join(tmpdir(), 'alb-tui-code-cache-module-')), 'code-cache.mjs');
  buildSync({
    entryPoints: [join(root, 'source', 'boot', 'code-cache.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  return pathToFileURL(outfile).href;
})();

let dir: string;
let bundleFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alb-tui-code-cache-'));
  bundleFile = join(dir, 'bundle.cjs');
  writeFileSync(
    bundleFile,
    `const path = require('node:path');
function answer() { return [1, 2, 3].map((n) => n * 14).reduce((a, b) => a + b, 0); }
module.exports = { answer };
process.stdout.write(JSON.stringify({ answer: answer(), file: path.basename(__filename) }) + '\\n');`,
  );
});

interface Start {
  outcome: string;
  answer: number;
  file: string;
}

/** One start: compiles and runs the bundle, says the app's first listing is drawn, waits for the save. */
function start(options: { buildId?: string; make?: boolean } = {}): Start {
  const script = `
    const { compileCachedBundle, makeShippedCache } = await import(${JSON.stringify(moduleUrl)});
    const bundle = {
      file: ${JSON.stringify(bundleFile)},
      name: 'bundle',
      buildId: ${JSON.stringify(options.buildId ?? 'build-1')},
      cacheDir: ${JSON.stringify(join(dir, 'user'))},
      shippedDir: ${JSON.stringify(join(dir, 'shipped'))},
      saveAfterMs: 60000,
    };
    if (${Boolean(options.make)}) makeShippedCache(bundle);
    else {
      const compiled = compileCachedBundle(bundle);
      process.stdout.write(JSON.stringify({ outcome: compiled.outcome }) + '\\n');
      compiled.run();
      globalThis[Symbol.for('alb-tui.code-cache.save')]?.();
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  if (options.make) return { outcome: 'made', answer: 0, file: '' };
  const [first, second] = result.stdout.trim().split('\n');
  return {
    ...(JSON.parse(first!) as { outcome: string }),
    ...(JSON.parse(second!) as Omit<Start, 'outcome'>),
  };
}

const userFiles = () => readdirSync(join(dir, 'user')).filter((file) => file.endsWith('.bin'));

describe('the code cache', () => {
  it('runs the bundle as a CommonJS module, and the next start with the cache the first one kept', () => {
    expect(start()).toEqual({ outcome: 'none', answer: 84, file: 'bundle.cjs' });
    const [kept] = userFiles();
    expect(kept).toMatch(/^bundle-build-1-\d+\.bin$/);
    expect(statSync(join(dir, 'user', kept!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'user')).mode & 0o777).toBe(0o700);
    expect(start()).toEqual({ outcome: 'user', answer: 84, file: 'bundle.cjs' });
  });

  it('refuses a damaged cache, runs all the same and keeps a good one', () => {
    start();
    const file = join(dir, 'user', userFiles()[0]!);
    const damaged = readFileSync(file);
    damaged.fill(7, 16, 200);
    writeFileSync(file, damaged);
    expect(start()).toMatchObject({ outcome: 'refused', answer: 84 });
    expect(start()).toMatchObject({ outcome: 'user', answer: 84 });
  });

  it('does not read a cache others could have written', () => {
    start();
    chmodSync(join(dir, 'user'), 0o777);
    expect(start().outcome).toBe('none');
  });

  it("uses the build's cache when the user has none, and a new build's own only", () => {
    start({ make: true });
    expect(start().outcome).toBe('shipped');
    expect(start().outcome).toBe('user');
    // Another build: neither of the old build's caches is used; its user cache goes once the new one is kept.
    expect(start({ buildId: 'build-2' }).outcome).toBe('none');
    expect(userFiles()).toEqual([expect.stringMatching(/^bundle-build-2-/)]);
  });
});
