// An exclusive lock file shared by every alb-tui process on this machine (conf alone is not safe
// across processes). The lock is a file created with O_EXCL holding who took it and when; a lock
// whose holder is gone, or that is older than `staleMs`, is taken over.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from './errors.js';
import { storeMessages } from './messages.js';

export interface LockOptions {
  /** A lock held longer than this is considered abandoned (the critical sections take milliseconds). */
  staleMs: number;
  /** Give up waiting after this long. */
  timeoutMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { staleMs: 10_000, timeoutMs: 60_000 };

/**
 * Waiters poll with jittered, growing sleeps up to this cap. Measured with 20 processes writing at
 * once, polling costs half the CPU of waking every waiter through `fs.watch`, and hands the lock on
 * as quickly: with many waiters one of them is always about to look.
 */
const MAX_POLL_MS = 50;
const STALE_CHECK_INTERVAL_MS = 250;

interface LockContent {
  pid: number;
  host: string;
  acquiredAt: number;
  token: string;
}

const HOST = os.hostname();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readLock(lockPath: string): { raw: string; content?: LockContent; mtimeMs: number } | undefined {
  try {
    const raw = fs.readFileSync(lockPath, 'utf8');
    const { mtimeMs } = fs.statSync(lockPath);
    try {
      return { raw, content: JSON.parse(raw) as LockContent, mtimeMs };
    } catch {
      return { raw, mtimeMs };
    }
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lock: { content?: LockContent; mtimeMs: number }, staleMs: number, now: number): boolean {
  if (now - lock.mtimeMs > staleMs) return true;
  const { content } = lock;
  // A holder on this machine that has exited will never release it. (Empty content: the holder is
  // between creating and writing the file; only age can tell.)
  return (
    content !== undefined &&
    content.host === HOST &&
    typeof content.pid === 'number' &&
    content.pid !== process.pid &&
    !processIsAlive(content.pid)
  );
}

/**
 * Removes an abandoned lock. Renaming is atomic, so of several processes taking over the same lock
 * only one succeeds; if what was renamed turns out not to be the abandoned lock (a fresh one was
 * created in between), it is put back.
 */
function breakLock(lockPath: string, seen: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return;
  }
  let taken = '';
  try {
    taken = fs.readFileSync(aside, 'utf8');
  } catch {
    // Unreadable: treat as the abandoned one.
  }
  if (taken !== seen && taken !== '') {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // Someone else holds the lock now; the holder we displaced will find its token gone on release.
    }
  }
  try {
    fs.unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

function tryCreate(lockPath: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') {
      // The directory was removed under us; recreate it as ours.
      fs.mkdirSync(path.dirname(lockPath), { recursive: true, mode: 0o700 });
      return tryCreate(lockPath, content);
    }
    throw new StoreError('io', storeMessages.writeFailed(lockPath, code ?? 'error'));
  }
  try {
    fs.writeSync(fd, JSON.stringify(content));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function release(lockPath: string, token: string): void {
  const current = readLock(lockPath);
  // Only remove our own lock: if it was taken over as stale, it belongs to someone else now.
  if (current?.content?.token !== token) return;
  try {
    fs.unlinkSync(lockPath);
  } catch {
    // Already gone.
  }
}

/**
 * Runs `critical` while holding the lock file `lockPath`. `critical` is synchronous on purpose: the
 * lock is never held across an await, so a process cannot stall with it.
 */
export async function withFileLock<T>(
  lockPath: string,
  critical: () => T,
  options: LockOptions = DEFAULT_LOCK_OPTIONS,
): Promise<T> {
  const started = Date.now();
  const content: LockContent = {
    pid: process.pid,
    host: HOST,
    acquiredAt: 0,
    token: randomBytes(12).toString('hex'),
  };
  let lastStaleCheck = 0;
  let delay = 1;
  for (;;) {
    content.acquiredAt = Date.now();
    if (tryCreate(lockPath, content)) break;
    const now = Date.now();
    // Looking inside costs reads; the lock is checked for abandonment only now and then.
    if (now - lastStaleCheck >= STALE_CHECK_INTERVAL_MS) {
      lastStaleCheck = now;
      const held = readLock(lockPath);
      if (held && isStale(held, options.staleMs, now)) {
        breakLock(lockPath, held.raw);
        continue;
      }
    }
    if (now - started > options.timeoutMs) {
      throw new StoreError(
        'locked',
        storeMessages.lockTimeout(path.basename(lockPath), Math.round(options.timeoutMs / 1000)),
      );
    }
    // Jittered, so that waiters spread out instead of waking together.
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 1.5, MAX_POLL_MS);
  }
  try {
    return critical();
  } finally {
    release(lockPath, content.token);
  }
}
