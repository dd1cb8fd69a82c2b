// `npx alb-tui …` right after `npm install` (no `npm start` yet) builds the bundle instead of failing,
// in a clone; without the build script (an installed package) it says how to build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const made: string[] = [];

/** A copy of the project without dist/: bin and the build script copied, the rest linked. */
function cloneWithoutBundle(withBuildScript: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'alb-tui-clone-'));
  made.push(dir);
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  if (withBuildScript) cpSync(join(root, 'scripts', 'build.mjs'), join(dir, 'scripts', 'build.mjs'));
  for (const linked of ['source', 'node_modules']) symlinkSync(join(root, linked), join(dir, linked));
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bin/alb-tui.js without a bundle', () => {
  it('builds it once in a clone, then runs the command', () => {
    const dir = cloneWithoutBundle(true);
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'alb-tui.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.stderr).toContain('building it once');
    expect(existsSync(join(dir, 'dist', 'alb-tui.js'))).toBe(true);
  });

  it('says how to build it where there is no build script', () => {
    const dir = cloneWithoutBundle(false);
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'alb-tui.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run build');
  });
});
