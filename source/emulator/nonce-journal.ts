// The signature nonces the local ALB has seen, kept beside its state file (`<state>.nonces`) so that a
// request cannot be replayed after a restart while its timestamp is still good (15 minutes).
//
// Why a journal and not the state file: read calls change no state, and writing the whole state (MBs
// at scale) on every call for one nonce would be most of a listing's cost. Saving nonces only with the
// next state write would lose, on a crash, every nonce since the last change. So each nonce is
// appended (one line, ~60 bytes) and the request is served only once its line is written: a killed
// process loses none (the data is in the page cache), only a crash of the whole machine could. Lines
// from calls that arrive together are written in one go. The file is compacted (expired nonces
// dropped) at start and whenever it holds many more lines than live nonces, and the NonceCache's
// bound caps how many there are.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { FILE_MODE, ensurePrivateDir, writeFileAtomic } from './persistence.js';
import type { NonceCache } from './signature.js';
import { dirname } from 'node:path';

export function nonceJournalPath(statePath: string): string {
  return `${statePath}.nonces`;
}

/** Compact when the file has this many lines more than live nonces (and at least twice as many). */
const COMPACT_SLACK = 10_000;
const LINE = /^(\d{1,15}) ([A-Za-z0-9_-]{43})$/;

export class NonceJournal {
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private lines = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private readonly cache: NonceCache,
    private readonly now: () => number,
  ) {}

  /**
   * Reads the nonces kept by earlier runs into `cache` (expired ones dropped, torn or foreign lines
   * skipped), rewrites the file with the live ones, and opens it for appending.
   */
  static async open(path: string, cache: NonceCache, now: () => number): Promise<NonceJournal> {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const at = now();
    for (const line of text.split('\n')) {
      const match = LINE.exec(line);
      if (match) cache.restore(match[2]!, Number(match[1]), at);
    }
    await ensurePrivateDir(dirname(path));
    const live = cache.live(at);
    await writeFileAtomic(path, live.map(([key, expiry]) => `${expiry} ${key}\n`).join(''));
    const journal = new NonceJournal(path, await open(path, 'a', FILE_MODE), cache, now);
    journal.lines = live.length;
    return journal;
  }

  /** Notes a nonce just remembered (the NonceCache's `onClaim`). */
  record(key: string, expiry: number): void {
    if (this.closed) return;
    this.pending.push(`${expiry} ${key}\n`);
    if (this.scheduled) return;
    this.scheduled = true;
    // Lines of calls that arrive in the same turn of the event loop go out in one write.
    this.writing = this.writing.then(() => this.writePending());
  }

  /** Resolves once every nonce recorded so far is written (or its write has failed). */
  settled(): Promise<void> {
    return this.writing;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    await this.handle.close();
  }

  private async writePending(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      await this.handle.write(batch.join(''));
      this.lines += batch.length;
      if (this.lines > COMPACT_SLACK + 2 * this.cache.size) await this.compact();
    } catch {
      // Kept in memory all the same; tried again with the next nonce.
      this.pending = [...batch, ...this.pending];
    }
  }

  private async compact(): Promise<void> {
    const live = this.cache.live(this.now());
    await writeFileAtomic(this.path, live.map(([key, expiry]) => `${expiry} ${key}\n`).join(''));
    const previous = this.handle;
    this.handle = await open(this.path, 'a', FILE_MODE);
    this.lines = live.length;
    await previous.close();
  }
}
