// An interrupted state write leaves its temp file; the next local ALB on that state removes it
// (issue 14), and no one else's file.
import { mkdtemp, rm, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';

const running: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('temp files of interrupted state writes', () => {
  it('are removed when the local ALB starts on the state, whatever pid they name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alb-temp-'));
    dirs.push(dir);
    const statePath = join(dir, 'local-alb.json');
    const left = [
      `.local-alb.json.${process.pid}.0123456789ab.tmp`,
      '.local-alb.json.1.ffffffffffff.tmp',
      '.local-alb.json.999999.a1b2c3d4e5f6.tmp',
    ];
    const others = ['.other.json.1.ffffffffffff.tmp', 'local-alb.json.notes', '.local-alb.json.1.xyz.tmp'];
    for (const name of [...left, ...others]) await writeFile(join(dir, name), '{"half":');
    running.push(await startEmulator({ statePath }));
    const names = await readdir(dir);
    for (const name of left) expect(names).not.toContain(name);
    for (const name of others) expect(names).toContain(name);
    expect(names).toContain('local-alb.json');
  });
});
