// The V8 flags alb-tui sets at run time (a bin script cannot put them on node's command line:
// `#!/usr/bin/env -S` is missing from BusyBox). They are set together, before any of the app's code
// compiles, because V8 stamps compiled code with the flags (`cachedDataVersionTag`) and refuses a code
// cache made under other flags (code-cache.ts).
//
// - The young generation stays at its initial size. Left alone, V8 doubles it whenever many objects
//   survive a scavenge, up to 32 MB on a 64-bit machine, and keeps it while the process stays busy:
//   start-up and every listing of a large account do exactly that, so the dashboard would hold 32 MB of
//   mostly empty young space for the whole session, a fifth of its memory. Frames and listings allocate
//   little enough that the extra scavenges cost a fraction of a millisecond a key (`npm run bench`).
//   V8 reads the growth factor each time it would grow the young generation, so setting it here works.
// - `--expose-gc`, for the one full collection after the first listing (ui/release-memory.ts).
//   Setting it there, later, would change the stamp after the code cache's start.
import { setFlagsFromString } from 'node:v8';

type Env = Readonly<Record<string, string | undefined>>;

/** The flags, unless the user sized the young generation on node's command line. */
export function startupFlags(
  env: Env = process.env,
  execArgv: readonly string[] = process.execArgv,
): string[] {
  const chosen = `${env['NODE_OPTIONS'] ?? ''} ${execArgv.join(' ')}`;
  const flags = ['--expose-gc'];
  if (!/semi[-_]space/.test(chosen)) flags.push('--semi-space-growth-factor=1');
  return flags;
}

/**
 * Sets them. Again whenever a worker thread has started: V8 sets the growth factor back to its
 * minimum of 2, for the whole process, as each new isolate configures its heap.
 */
export function applyStartupFlags(): void {
  for (const flag of startupFlags()) setFlagsFromString(flag);
}
