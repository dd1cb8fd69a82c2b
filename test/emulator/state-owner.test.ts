import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateInUseError, startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { ownerPath } from '../../source/emulator/state-owner.js';

const running: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempState(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'alb-owner-'));
  dirs.push(dir);
  return join(dir, 'local-alb.json');
}

describe('one local ALB per state file', () => {
  it('refuses a second local ALB on the same state, naming the first and where it listens', async () => {
    const statePath = await tempState();
    const first = await startEmulator({ statePath });
    running.push(first);
    const second = startEmulator({ statePath });
    await expect(second).rejects.toBeInstanceOf(StateInUseError);
    const error = (await second.catch((e: unknown) => e)) as StateInUseError;
    expect(error.owner).toMatchObject({
      pid: process.pid,
      endpoint: first.endpoint,
      accessKeyId: first.accessKeyId,
    });
  });

  it('records no secret in the owner file and removes it on close', async () => {
    const statePath = await tempState();
    const emulator = await startEmulator({ statePath });
    const owner = await readFile(ownerPath(statePath), 'utf8');
    expect(owner).not.toContain(emulator.accessKeySecret);
    await emulator.close();
    await expect(readFile(ownerPath(statePath), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    running.push(await startEmulator({ statePath }));
  });

  it('takes over from an owner that died without cleaning up', async () => {
    const statePath = await tempState();
    // A pid far above any pid_max: no such process.
    await writeFile(
      ownerPath(statePath),
      JSON.stringify({ pid: 2 ** 30, startedAt: 'x', endpoint: 'http://127.0.0.1:1' }),
    );
    const emulator = await startEmulator({ statePath });
    running.push(emulator);
    expect(JSON.parse(await readFile(ownerPath(statePath), 'utf8'))).toMatchObject({
      pid: process.pid,
      endpoint: emulator.endpoint,
    });
  });
});
