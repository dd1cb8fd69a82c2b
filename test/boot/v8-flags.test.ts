// source/boot/v8-flags.ts keeps V8's young generation at its initial size for the whole process,
// unless the user sized it on node's command line, also once a worker thread has started (whose
// isolate sets the growth back), and exposes gc without changing V8's code-cache stamp later.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { startupFlags } from '../../source/boot/v8-flags.js';

/** The module as plain JavaScript: a TypeScript loader would start a thread of its own in the child. */
function flagsModuleUrl(): string {
  const source = readFileSync(join(import.meta.dirname, '..', '..', 'source', 'boot', 'v8-flags.ts'), 'utf8');
  const file = join(mkdtempSync(join(tmpdir(), 'alb-tui-flags-')), 'v8-flags.mjs');
  writeFileSync(file, transformSync(source, { loader: 'ts', format: 'esm' }).code);
  return pathToFileURL(file).href;
}
const flagsModule = flagsModuleUrl();

interface ChildReport {
  youngMiB: number;
  stampStable: boolean;
}

/** MiB of young generation after a workload whose objects outlive scavenges, as a listing's do. */
function youngGenerationAfterWork(options: {
  apply: boolean;
  nodeOptions?: string;
  workerBetween?: boolean;
}): ChildReport {
  const script = `
    const v8 = await import('node:v8');
    const flags = await import(${JSON.stringify(flagsModule)});
    if (${options.apply}) flags.applyStartupFlags();
    const stamp = v8.cachedDataVersionTag();
    if (${Boolean(options.workerBetween)}) {
      const { Worker } = await import('node:worker_threads');
      await new Promise((resolve) => new Worker('1', { eval: true }).on('exit', resolve));
      if (${options.apply}) flags.applyStartupFlags();
    }
    let kept = [];
    for (let i = 0; i < 3_000_000; i++) {
      kept.push({ index: i, name: 'listener-' + i });
      if (kept.length > 50_000) kept = [];
    }
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    console.log(JSON.stringify({ youngMiB: young.space_size / 1048576, stampStable: stamp === v8.cachedDataVersionTag() }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: options.nodeOptions ?? '' },
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout.trim()) as ChildReport;
}

describe('startup flags', () => {
  it('keep the young generation at its initial size where V8 would grow it', () => {
    expect(youngGenerationAfterWork({ apply: false }).youngMiB).toBeGreaterThanOrEqual(8);
    expect(youngGenerationAfterWork({ apply: true }).youngMiB).toBeLessThanOrEqual(2);
  });

  it('keep it so after a worker thread started, set again, and the code-cache stamp with it', () => {
    const unset = youngGenerationAfterWork({ apply: false, workerBetween: true });
    expect(unset.youngMiB).toBeGreaterThanOrEqual(8);
    const set = youngGenerationAfterWork({ apply: true, workerBetween: true });
    expect(set.youngMiB).toBeLessThanOrEqual(2);
    expect(set.stampStable).toBe(true);
  });

  it('leave it to the user who sized it on the command line', () => {
    expect(
      youngGenerationAfterWork({ apply: true, nodeOptions: '--max-semi-space-size=8' }).youngMiB,
    ).toBeGreaterThanOrEqual(8);
    expect(startupFlags({ NODE_OPTIONS: '--max-semi-space-size=8' }, [])).toEqual(['--expose-gc']);
    expect(startupFlags({}, ['--semi_space_growth_factor=3'])).toEqual(['--expose-gc']);
    expect(startupFlags({}, [])).toEqual(['--expose-gc', '--semi-space-growth-factor=1']);
  });
});
