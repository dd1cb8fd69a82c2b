// Temp files of interrupted writes (`writeFileAtomic` in persistence.ts names them
// `.<file>.<pid>.<12 hex>.tmp`): a write killed between creating its temp file and renaming it leaves
// it behind for ever. Called once the state is claimed (state-owner.ts): the claim is the lock, so
// no other live process writes these files, and this one has not started writing; every temp file
// of ours found then is left from an earlier run, whatever pid it names (pids are reused).
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the temp files of earlier writes of `path`; returns the names removed. */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.\\d+\\.[0-9a-f]{12}\\.tmp$`);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!pattern.test(name)) continue;
    try {
      await rm(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Best effort: it is only clutter.
    }
  }
  return removed;
}
