// Shared helpers of the store tests: a fresh directory per test, removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) {
    // Restore modes a test may have taken away, so the directory can be removed.
    try {
      fs.chmodSync(dir, 0o700);
      for (const name of fs.readdirSync(dir)) {
        try {
          fs.chmodSync(path.join(dir, name), 0o700);
        } catch {
          // Gone.
        }
      }
    } catch {
      // Gone.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A new empty directory under the system temp directory; the store directory goes inside it. */
export function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alb-tui-store-'));
  made.push(dir);
  return dir;
}

/** A store directory path that does not exist yet. */
export function storeDir(): string {
  return path.join(tempRoot(), 'alb-tui');
}

export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Bundles a fixture script (store, domain, conf, zod in one file) for child processes. Started with
 * plain `node`, a child costs a fraction of a `node --import tsx` start, which matters when twenty
 * start at once. Readable by every user, for children run as another user. Returns the bundle's
 * path and a function that removes it.
 */
export async function bundleScript(entry: string): Promise<{ file: string; dispose: () => void }> {
  const { build } = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alb-tui-store-bundle-'));
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // conf's dependencies include CommonJS modules that call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  fs.chmodSync(file, 0o644);
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
