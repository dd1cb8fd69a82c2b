// One local ALB per state file: two would each keep their own copy and the last writer would silently
// undo the other's changes. The owner leaves `<state>.owner` (pid, endpoint, AccessKey ID — never the
// secret) for as long as it runs, so a second process can attach to it instead of starting its own.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { ensurePrivateDir, writeFileAtomic, FILE_MODE } from './persistence.js';
import { dirname } from 'node:path';

export interface StateOwner {
  pid: number;
  /** Absent while the owner is still starting. */
  endpoint?: string;
  accessKeyId?: string;
  region?: string;
  /** Every region it serves, with its own endpoint (absent in owner files of older versions). */
  regions?: { regionId: string; endpoint: string }[];
  startedAt: string;
}

export class StateInUseError extends Error {
  constructor(
    readonly statePath: string,
    readonly owner: StateOwner,
  ) {
    super(
      owner.endpoint
        ? `the local ALB state ${statePath} is in use by process ${owner.pid}, serving ${owner.endpoint}`
        : `the local ALB state ${statePath} is in use by process ${owner.pid}, which is starting`,
    );
    this.name = 'StateInUseError';
  }
}

export interface StateClaim {
  /** Records where the owner can be reached, once it listens. */
  publish(details: {
    endpoint: string;
    accessKeyId: string;
    region: string;
    regions?: { regionId: string; endpoint: string }[];
  }): Promise<void>;
  release(): Promise<void>;
}

/** Owner files this process holds. */
const claimedHere = new Set<string>();

export function ownerPath(statePath: string): string {
  return `${statePath}.owner`;
}

/** Whether a process is alive (signal 0 delivered, or refused because it belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readStateOwner(statePath: string): Promise<StateOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(ownerPath(statePath), 'utf8')) as Partial<StateOwner>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid)) return undefined;
    return {
      pid: parsed.pid,
      startedAt: String(parsed.startedAt ?? ''),
      ...(typeof parsed.endpoint === 'string' ? { endpoint: parsed.endpoint } : {}),
      ...(typeof parsed.accessKeyId === 'string' ? { accessKeyId: parsed.accessKeyId } : {}),
      ...(typeof parsed.region === 'string' ? { region: parsed.region } : {}),
      ...(Array.isArray(parsed.regions)
        ? {
            regions: parsed.regions.filter(
              (r): r is { regionId: string; endpoint: string } =>
                typeof r === 'object' &&
                r !== null &&
                typeof (r as { regionId?: unknown }).regionId === 'string' &&
                typeof (r as { endpoint?: unknown }).endpoint === 'string',
            ),
          }
        : {}),
    };
  } catch {
    return undefined;
  }
}

/** Claims the state file for this process, or throws StateInUseError naming the live owner. */
export async function claimState(statePath: string, now: number): Promise<StateClaim> {
  const path = ownerPath(statePath);
  await ensurePrivateDir(dirname(path));
  const mine: StateOwner = { pid: process.pid, startedAt: new Date(now).toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', FILE_MODE);
      try {
        await handle.writeFile(JSON.stringify(mine));
      } finally {
        await handle.close();
      }
      claimedHere.add(path);
      return claimOf(path, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readStateOwner(statePath);
    if (owner) {
      // Our own pid in the file is either a claim this process holds, or a dead process's pid reused.
      const live = owner.pid === process.pid ? claimedHere.has(path) : isAlive(owner.pid);
      if (live) throw new StateInUseError(statePath, owner);
    }
    // The owner is gone (killed, crashed): take its place. Renaming first means only one of several
    // processes doing this at once removes the stale file.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      await rename(path, aside);
      await rm(aside, { force: true });
    } catch {
      /* someone else took it over first; try again */
    }
  }
  const owner = await readStateOwner(statePath);
  throw new StateInUseError(statePath, owner ?? { pid: -1, startedAt: '' });
}

function claimOf(path: string, mine: StateOwner): StateClaim {
  let released = false;
  return {
    async publish(details) {
      if (!released) await writeFileAtomic(path, JSON.stringify({ ...mine, ...details }));
    },
    async release() {
      if (released) return;
      released = true;
      claimedHere.delete(path);
      // Only remove the file if it is still ours.
      try {
        const current = JSON.parse(await readFile(path, 'utf8')) as Partial<StateOwner>;
        if (current.pid === mine.pid) await rm(path, { force: true });
      } catch {
        /* already gone */
      }
    },
  };
}
