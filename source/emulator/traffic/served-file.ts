// Where listeners are served, published to a file beside the state (0600) by the process that runs
// the data plane, so another alb-tui (a `listener get`, a second dashboard attached to it) can say
// where to curl. Written after changes settle; read fresh, at most once a second.
import { readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import type { ServedAddresses, ServedListener } from '../../domain/served-addresses.js';
import { ensurePrivateDir, FILE_MODE, writeFileAtomic } from '../persistence.js';
import { dirname } from 'node:path';

export interface ServedFile {
  pid: number;
  caCertificatePath?: string;
  listeners: Record<string, ServedListener>;
}

/** Writes `snapshot()` to `path` whenever `changed` is called, coalescing bursts. */
export function servedFilePublisher(path: string, snapshot: () => ServedFile): () => void {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      writing = writing
        .then(() => writeFileAtomic(path, JSON.stringify(snapshot())))
        .catch(() => undefined /* the next change writes again */);
    }, 100);
    timer.unref();
  };
}

/** Served addresses as the owner of the local ALB last published them; undefined when unknown. */
export function servedFileReader(path: string, isAlive: (pid: number) => boolean): ServedAddresses {
  let cached: { at: number; file: ServedFile | undefined } | undefined;
  const read = (): ServedFile | undefined => {
    const now = Date.now();
    if (cached && now - cached.at < 1000) return cached.file;
    let file: ServedFile | undefined;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as ServedFile;
      file = typeof parsed.pid === 'number' && isAlive(parsed.pid) ? parsed : undefined;
    } catch {
      file = undefined;
    }
    cached = { at: now, file };
    return file;
  };
  return {
    servedAt: (listenerId) => read()?.listeners[listenerId],
    caCertificatePath: () => read()?.caCertificatePath,
  };
}

/** Appends lines to the local ALB's log file (0600 in a 0700 directory). */
export function fileLog(path: string): (line: string) => void {
  let chain: Promise<void> = ensurePrivateDir(dirname(path)).catch(() => undefined);
  return (line) => {
    const stamped = `${new Date().toISOString()} ${line}\n`;
    chain = chain.then(() => appendFile(path, stamped, { mode: FILE_MODE })).catch(() => undefined);
  };
}
