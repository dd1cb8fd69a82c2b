// bin/young-generation.js keeps V8's young generation at its initial size for the whole process,
// unless the user sized it on node's command line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const helper = pathToFileURL(join(import.meta.dirname, '..', '..', 'bin', 'young-generation.js')).href;

/** MiB of young generation after a workload whose objects outlive scavenges, as a listing's do. */
function youngGenerationAfterWork(options: { keepSmall: boolean; nodeOptions?: string }): number {
  const script = `
    ${options.keepSmall ? `(await import(${JSON.stringify(helper)})).keepYoungGenerationSmall();` : ''}
    const { getHeapSpaceStatistics } = await import('node:v8');
    let kept = [];
    for (let i = 0; i < 3_000_000; i++) {
      kept.push({ index: i, name: 'listener-' + i });
      if (kept.length > 50_000) kept = [];
    }
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    console.log(young.space_size / 1048576);
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: options.nodeOptions ?? '' },
  });
  expect(result.stderr).toBe('');
  return Number(result.stdout.trim());
}

describe('keepYoungGenerationSmall', () => {
  it('keeps the young generation at its initial size where V8 would grow it', () => {
    expect(youngGenerationAfterWork({ keepSmall: false })).toBeGreaterThanOrEqual(8);
    expect(youngGenerationAfterWork({ keepSmall: true })).toBeLessThanOrEqual(2);
  });

  it('leaves it to the user who sized it on the command line', () => {
    expect(
      youngGenerationAfterWork({ keepSmall: true, nodeOptions: '--max-semi-space-size=8' }),
    ).toBeGreaterThanOrEqual(8);
  });
});
