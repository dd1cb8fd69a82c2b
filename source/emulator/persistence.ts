// The state file: read once at start, written atomically (temp file in the same directory, fsync,
// rename), 0600 in a 0700 directory, debounced so a burst of changes costs one write. A file that
// cannot be parsed is moved aside, never overwritten.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Creates `dir` (and missing parents) as 0700; directories that already exist are left alone. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true, mode: DIR_MODE });
  if (firstCreated === undefined) return;
  // Every directory from the first one created down to `dir` is ours: make sure umask did not widen it.
  const chain = relative(firstCreated, dir).split(sep).filter(Boolean);
  let current = firstCreated;
  await chmod(current, DIR_MODE);
  for (const part of chain) {
    current = join(current, part);
    await chmod(current, DIR_MODE);
  }
}

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', FILE_MODE);
  try {
    await handle.chmod(FILE_MODE);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename durable; not every platform lets a directory be opened, so this is best effort.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

export type JsonFileRead<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** The file was unreadable as ours and has been renamed to `movedTo`. */
  | { kind: 'corrupt'; movedTo: string; reason: string };

/**
 * Reads a JSON file we own. `problem` returns why a parsed value is not acceptable. A file that does
 * not parse or is refused is renamed to `<file>.corrupt-<timestamp>`; read errors other than "missing"
 * (permissions, a directory in the way) are thrown, because starting over would hide the user's data.
 */
export async function readJsonFile<T>(
  path: string,
  problem: (value: unknown) => string | undefined,
  now: number,
): Promise<JsonFileRead<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let reason: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
    reason = problem(value);
  } catch (error) {
    reason = `not valid JSON (${(error as Error).message})`;
  }
  if (reason === undefined) return { kind: 'ok', value: value as T };
  const movedTo = await moveAside(path, now);
  return { kind: 'corrupt', movedTo, reason };
}

async function moveAside(path: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('.', '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let attempt = 1; attempt < 100; attempt++) {
    if (!(await exists(target))) break;
    target = `${path}.corrupt-${stamp}-${attempt}`;
  }
  await rename(path, target);
  return target;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Debounced writer for one file: `markDirty()` after every change; writes happen at most every
 * `debounceMs` (and no later than `maxWaitMs` after the first unsaved change); `flush()` writes now.
 */
export class DebouncedFileWriter {
  private timer: NodeJS.Timeout | undefined;
  private firstDirtyAt: number | undefined;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    readonly path: string,
    private readonly serialize: () => string,
    private readonly debounceMs = 200,
    private readonly maxWaitMs = 2000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  markDirty(): void {
    this.dirty = true;
    const now = Date.now();
    this.firstDirtyAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstDirtyAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.flush().catch(this.onError);
    }, delay);
    this.timer.unref();
  }

  /** Writes pending changes; rejects if this or an earlier background write failed. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.firstDirtyAt = undefined;
    if (this.dirty) {
      this.dirty = false;
      const text = this.serialize();
      this.chain = this.chain
        .then(() => writeFileAtomic(this.path, text))
        .catch((error: unknown) => {
          this.failure = error;
          this.dirty = true;
        });
    }
    await this.chain;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }
}
