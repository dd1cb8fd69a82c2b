import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../source/store/errors.js';
import { withFileLock } from '../../source/store/lock.js';
import { openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { tempRoot } from './helpers.js';

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return child.pid!;
}

function plantLock(lockPath: string, pid: number, host = os.hostname(), ageMs = 0): void {
  fs.writeFileSync(lockPath, JSON.stringify({ pid, host, acquiredAt: Date.now() - ageMs, token: 'planted' }));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    fs.utimesSync(lockPath, then, then);
  }
}

const FAST = { staleMs: 5_000, timeoutMs: 300 };

describe('the lock file', () => {
  it('is held only during the critical section', async () => {
    const lock = path.join(tempRoot(), 'x.lock');
    const seen = await withFileLock(lock, () => JSON.parse(fs.readFileSync(lock, 'utf8')), FAST);
    expect(seen).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('is released when the critical section throws', async () => {
    const lock = path.join(tempRoot(), 'x.lock');
    await expect(
      withFileLock(
        lock,
        () => {
          throw new Error('inside');
        },
        FAST,
      ),
    ).rejects.toThrow('inside');
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('is taken over from a process on this machine that has exited', async () => {
    const lock = path.join(tempRoot(), 'x.lock');
    plantLock(lock, deadPid());
    expect(await withFileLock(lock, () => 'got it', FAST)).toBe('got it');
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('is waited for while its holder lives, then given up with a message in both languages', async () => {
    const lock = path.join(tempRoot(), 'x.lock');
    plantLock(lock, process.ppid);
    const error = await withFileLock(lock, () => 'never', FAST).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('locked');
    expect((error as StoreError).localized['zh-CN']).toContain('x.lock');
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).token).toBe('planted');
  });

  it('is taken over when older than the stale limit, even from a live holder or another host', async () => {
    const root = tempRoot();
    const live = path.join(root, 'live.lock');
    plantLock(live, process.ppid, os.hostname(), 60_000);
    expect(await withFileLock(live, () => 'ok', FAST)).toBe('ok');
    const remote = path.join(root, 'remote.lock');
    plantLock(remote, deadPid(), 'another-host', 60_000);
    expect(await withFileLock(remote, () => 'ok', FAST)).toBe('ok');
  });

  it('from another host is not judged by its pid, only by its age', async () => {
    const lock = path.join(tempRoot(), 'x.lock');
    plantLock(lock, deadPid(), 'another-host');
    await expect(withFileLock(lock, () => 'no', FAST)).rejects.toMatchObject({ code: 'locked' });
  });

  it('is released to a waiter as soon as it is freed', async () => {
    const lock = path.join(tempRoot(), 'x.lock');
    plantLock(lock, process.ppid);
    setTimeout(() => fs.unlinkSync(lock), 50);
    expect(await withFileLock(lock, () => 'after', { staleMs: 60_000, timeoutMs: 10_000 })).toBe('after');
  });
});

describe('writes in one process', () => {
  it('50 concurrent saves all land', async () => {
    const store = await openStore({ dir: path.join(tempRoot(), 'alb-tui') });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.saveProfile(sampleProfile(`p${i}`))));
    expect(store.listProfiles()).toHaveLength(50);
  });

  it('a failed write does not block the ones after it', async () => {
    const store = await openStore({ dir: path.join(tempRoot(), 'alb-tui') });
    const results = await Promise.allSettled([
      store.saveProfile(sampleProfile('a')),
      store.renameProfile('missing', 'b'),
      store.saveProfile(sampleProfile('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.listProfiles().map((p) => p.name)).toEqual(['a', 'c']);
  });
});
