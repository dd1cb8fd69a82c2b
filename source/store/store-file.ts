// One JSON file of the store, written through conf (atomic: temp file in the same directory, then
// rename; mode 0600). conf re-reads the file on every `store` access but is not safe across
// processes, so every read-modify-write here runs under a lock file and re-reads inside it.
//
// A file that does not parse, or whose shape is unusable, is moved aside (never overwritten, never
// deleted) and the user is told where. A file that cannot be read at all is left alone and the
// store runs read-only for it. A file from a newer alb-tui is left alone the same way.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { Localized } from '../domain/i18n.js';
import { StoreError } from './errors.js';
import { UnusableFileError, type FileCodec } from './files.js';
import { withFileLock, type LockOptions } from './lock.js';
import { storeMessages } from './messages.js';
import { migrate, type FileData } from './migrations.js';
import { assertNoSecretsInText } from './secrets.js';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export interface StoreFileContext {
  dir: string;
  lock: LockOptions;
  now: () => Date;
  secrets: readonly string[];
  warn: (message: Localized) => void;
}

/** What conf's deserializer hands back for text that is not JSON, so conf itself never throws on it. */
const UNPARSABLE = Symbol('unparsable');

type DiskRead =
  | { kind: 'missing' }
  | { kind: 'unchanged' }
  | { kind: 'unreadable'; code: string }
  | { kind: 'unparsable'; key: string }
  | { kind: 'data'; data: FileData; key: string };

type Interpreted<T> =
  | { kind: 'ok'; value: T; dropped: Localized[]; migratedFrom?: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unusable' };

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'error';
}

function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export class StoreFile<T> {
  readonly path: string;
  readonly codec: FileCodec<T>;
  readonly #context: StoreFileContext;
  readonly #lockPath: string;
  #conf: Conf<FileData> | undefined;
  #value: T;
  /** Identity of the on-disk version `#value` reflects (inode, size, mtime); undefined: none. */
  #key: string | undefined;
  #readOnly: Localized | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #lastText: string | undefined;
  #lastParsed: unknown;

  constructor(codec: FileCodec<T>, context: StoreFileContext) {
    this.codec = codec;
    this.#context = context;
    this.path = path.join(context.dir, codec.fileName);
    this.#lockPath = `${this.path}.lock`;
    this.#value = codec.empty();
  }

  get fileName(): string {
    return this.codec.fileName;
  }

  /** Why this file cannot be written in this session, if it cannot. */
  get readOnlyReason(): Localized | undefined {
    return this.#readOnly;
  }

  /** Opens the file: reads it, repairs or migrates it under the lock, reports what it did. */
  async open(): Promise<void> {
    try {
      await this.#exclusive(() => {
        this.#tidy();
        const base = this.#loadForWrite('open');
        if (base.rewrite) this.#write(base.value);
      });
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      if (error.code === 'read-only') return;
      this.#context.warn(error.localized);
      if (error.code === 'io' || error.code === 'locked') {
        // No lock can be taken here: show what is there and write nothing.
        this.#refresh(true);
        this.#readOnly = error.localized;
      }
    }
  }

  /** Opens the file for reading only: what is there is shown, nothing is written (`reason` says why). */
  openReadOnly(reason: Localized): void {
    this.#readOnly = reason;
    this.#refresh(true);
  }

  /** The current content, re-read from disk when another process has changed it since. */
  get value(): T {
    this.#refresh();
    return this.#value;
  }

  /** Read-modify-write under the lock. `change` gets the freshest content; returning it unchanged writes nothing. */
  update(change: (current: T) => T): Promise<T> {
    // Before the lock: a file that cannot be written may be in a folder where no lock can be taken.
    if (this.#readOnly)
      return Promise.reject(new StoreError('read-only', storeMessages.readOnlyFile(this.#readOnly)));
    return this.#exclusive(() => {
      if (this.#readOnly) throw new StoreError('read-only', storeMessages.readOnlyFile(this.#readOnly));
      const base = this.#loadForWrite('update');
      let next: T;
      try {
        next = change(base.value);
      } catch (error) {
        // What was moved aside or migrated must still be written, or other processes would see nothing.
        if (base.rewrite) this.#write(base.value);
        throw error;
      }
      if (next !== base.value || base.rewrite) this.#write(next);
      return next;
    });
  }

  // -------------------------------------------------------------------------------------------

  #exclusive<R>(critical: () => R): Promise<R> {
    const run = () => withFileLock(this.#lockPath, critical, this.#context.lock);
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #ensureConf(): Conf<FileData> {
    this.#conf ??= new Conf<FileData>({
      cwd: this.#context.dir,
      configName: path.basename(this.codec.fileName, '.json'),
      fileExtension: 'json',
      configFileMode: FILE_MODE,
      accessPropertiesByDotNotation: false,
      // Parsing is memoized: conf re-reads the file before each write to keep its internal keys.
      deserialize: (text: string) => {
        if (text === this.#lastText) return this.#lastParsed as FileData;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { [UNPARSABLE]: true };
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          parsed = { [UNPARSABLE]: true };
        this.#lastText = text;
        this.#lastParsed = parsed;
        return parsed as FileData;
      },
      serialize: (value: FileData) => {
        const text = `${JSON.stringify(value, null, 2)}\n`;
        // The last check before disk, on the very text written.
        assertNoSecretsInText(text, value, this.#context.secrets, this.fileName);
        // What we write is what the next read would parse; the encoded value is never mutated.
        this.#lastText = text;
        this.#lastParsed = value;
        return text;
      },
    });
    return this.#conf;
  }

  #read(): DiskRead {
    let stat: fs.BigIntStats;
    try {
      stat = fs.statSync(this.path, { bigint: true });
    } catch (error) {
      return errorCode(error) === 'ENOENT'
        ? { kind: 'missing' }
        : { kind: 'unreadable', code: errorCode(error) };
    }
    if (!stat.isFile()) return { kind: 'unreadable', code: stat.isDirectory() ? 'EISDIR' : 'not a file' };
    const key = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    if (key === this.#key) return { kind: 'unchanged' };
    let data: FileData;
    try {
      data = this.#ensureConf().store;
    } catch (error) {
      return errorCode(error) === 'ENOENT'
        ? { kind: 'missing' }
        : { kind: 'unreadable', code: errorCode(error) };
    }
    if (UNPARSABLE in data) return { kind: 'unparsable', key };
    return { kind: 'data', data, key };
  }

  #interpret(data: FileData): Interpreted<T> {
    const outcome = migrate(data, this.codec.chain, { now: this.#context.now().toISOString() });
    if (outcome.kind === 'newer') return outcome;
    if (outcome.kind === 'invalid') return { kind: 'unusable' };
    try {
      const decoded = this.codec.decode(outcome.data);
      return outcome.kind === 'migrated'
        ? { kind: 'ok', ...decoded, migratedFrom: outcome.from }
        : { kind: 'ok', ...decoded };
    } catch (error) {
      if (error instanceof UnusableFileError) return { kind: 'unusable' };
      throw error;
    }
  }

  /** Lock-free refresh for reads: takes what parses, repairs nothing (the next write does). */
  #refresh(evenIfReadOnly = false): void {
    if (this.#readOnly && !evenIfReadOnly) return;
    const read = this.#read();
    if (read.kind === 'missing') {
      if (this.#key !== undefined) {
        this.#value = this.codec.empty();
        this.#key = undefined;
      }
      return;
    }
    if (read.kind !== 'data') return;
    const interpreted = this.#interpret(read.data);
    if (interpreted.kind !== 'ok') return;
    this.#value = interpreted.value;
    // A file that needs repair (entries left out, an old version) is not marked as read, so the next
    // write, under the lock, sees it again and keeps the original aside before replacing it.
    const needsRepair = interpreted.dropped.length > 0 || interpreted.migratedFrom !== undefined;
    this.#key = needsRepair ? undefined : read.key;
  }

  /**
   * The freshest content, inside the lock. Anything that needs repair is repaired here: the damaged
   * file is moved aside and `rewrite` says the caller must write the result.
   */
  #loadForWrite(phase: 'open' | 'update'): { value: T; rewrite: boolean } {
    const read = this.#read();
    switch (read.kind) {
      case 'missing':
        this.#key = undefined;
        this.#value = this.codec.empty();
        return { value: this.#value, rewrite: false };
      case 'unchanged':
        return { value: this.#value, rewrite: false };
      case 'unreadable': {
        const message = storeMessages.unreadable(this.path, read.code);
        this.#readOnly = message;
        this.#context.warn(message);
        throw new StoreError('read-only', message);
      }
      case 'unparsable':
        return this.#setAside(phase);
      case 'data':
        break;
    }
    const interpreted = this.#interpret(read.data);
    if (interpreted.kind === 'newer') {
      const message = storeMessages.newerSchema(this.path, interpreted.version, this.codec.chain.current);
      this.#readOnly = message;
      this.#context.warn(message);
      throw new StoreError('read-only', message);
    }
    if (interpreted.kind === 'unusable') return this.#setAside(phase);
    if (interpreted.dropped.length > 0) {
      const movedTo = this.#moveAside();
      this.#context.warn(storeMessages.entriesDropped(this.path, interpreted.dropped.length, movedTo));
      for (const problem of interpreted.dropped.slice(0, 5)) this.#context.warn(problem);
      this.#value = interpreted.value;
      return { value: interpreted.value, rewrite: true };
    }
    if (interpreted.migratedFrom !== undefined) {
      this.#backup(interpreted.migratedFrom);
      this.#value = interpreted.value;
      return { value: interpreted.value, rewrite: true };
    }
    this.#value = interpreted.value;
    this.#key = read.key;
    return { value: interpreted.value, rewrite: false };
  }

  #setAside(phase: 'open' | 'update'): { value: T; rewrite: boolean } {
    const movedTo = this.#moveAside();
    this.#context.warn(storeMessages.corruptMoved(this.path, movedTo));
    this.#key = undefined;
    // During a session, keep what was last read well; at start there is nothing better than empty.
    const value = phase === 'open' ? this.codec.empty() : this.#value;
    this.#value = value;
    return { value, rewrite: phase === 'update' };
  }

  /** Moves the file to `<name>.corrupt-<time>.json` without ever replacing an existing file. */
  #moveAside(): string {
    const base = path.basename(this.codec.fileName, '.json');
    const stamp = fileStamp(this.#context.now());
    for (let attempt = 1; ; attempt++) {
      const suffix = attempt === 1 ? '' : `-${attempt}`;
      const target = path.join(this.#context.dir, `${base}.corrupt-${stamp}${suffix}.json`);
      try {
        // link + unlink: unlike rename, link refuses to replace an existing file.
        fs.linkSync(this.path, target);
        fs.unlinkSync(this.path);
      } catch (error) {
        if (errorCode(error) === 'EEXIST' && attempt < 100) continue;
        if (errorCode(error) === 'EEXIST')
          throw new StoreError('io', storeMessages.writeFailed(target, 'EEXIST'));
        if (fs.existsSync(target))
          throw new StoreError('io', storeMessages.writeFailed(target, errorCode(error)));
        // No hard links here (some file systems): rename, having checked the name is free.
        fs.renameSync(this.path, target);
      }
      try {
        fs.chmodSync(target, FILE_MODE);
      } catch {
        // Not ours to change; its bytes are what matters.
      }
      this.#lastText = undefined;
      return target;
    }
  }

  /** Keeps a copy of a file in an older schema version before it is rewritten in the current one. */
  #backup(fromVersion: number): void {
    const base = path.basename(this.codec.fileName, '.json');
    const target = path.join(
      this.#context.dir,
      `${base}.schema-v${fromVersion}-${fileStamp(this.#context.now())}.json`,
    );
    try {
      fs.copyFileSync(this.path, target, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(target, FILE_MODE);
    } catch {
      // A backup of that moment already exists.
    }
  }

  #write(value: T): void {
    const encoded = this.codec.encode(value);
    // conf re-reads the whole file before each write to carry over its own `__internal__` data,
    // unless the new value has that key. We use none of conf's internal data (migrations are ours),
    // so say so with a non-enumerable key: it is seen by conf's `in` check, never serialized.
    Object.defineProperty(encoded, '__internal__', { value: {}, enumerable: false });
    try {
      this.#ensureConf().store = encoded;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('io', storeMessages.writeFailed(this.path, errorCode(error)));
    }
    this.#value = value;
    try {
      const stat = fs.statSync(this.path, { bigint: true });
      this.#key = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    } catch {
      this.#key = undefined;
    }
  }

  /**
   * At open, under the lock: our files (this one, its lock, temp, moved-aside and backup files) 0600;
   * temp files of interrupted writes removed. Every write holds the lock, so a temp file found here
   * is no write in progress, unless its writer held the lock past `staleMs` and lost it: a temp file
   * younger than that is left for its writer.
   */
  #tidy(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.#context.dir);
    } catch {
      return;
    }
    const prefix = `${path.basename(this.codec.fileName, '.json')}.`;
    const now = Date.now();
    const { staleMs } = this.#context.lock;
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const full = path.join(this.#context.dir, name);
      try {
        const stat = fs.lstatSync(full);
        if (!stat.isFile()) continue;
        // conf writes through `atomically`: `<file>.tmp-<10 digits><6 hex>`.
        if (/\.json\.tmp-\d{10}[a-f0-9]{6}$/.test(name) && now - stat.mtimeMs > staleMs) {
          fs.unlinkSync(full);
          continue;
        }
        if ((stat.mode & 0o077) !== 0) fs.chmodSync(full, FILE_MODE);
      } catch {
        // Best effort.
      }
    }
  }
}
