// The local ALB's worker thread, started by the boot (boot/main.ts) before the app's bundle compiles,
// when this start will most likely list the local ALB first: the dashboard, on the local connection,
// with no listing kept to draw. Node's start of the thread's own runtime and the local ALB's code
// (about 120 ms of the other core) then overlap the bundle's compile and the first frame, rather than
// follow them. The thread waits, idle, for the start the dashboard asks for (LocalAlbThread), or is
// stopped when the dashboard wants none. The bundle and the boot are separate module graphs: the
// thread is handed over on a global.
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { configDir, mayHaveCachedListing } from '../store/paths.js';
import { CLI_OPTIONS } from '../ui/cli-options.js';
import { activeConnectionGuess } from './local-alb-thread.js';
import { mayBeSubcommand } from './subcommand-names.js';

const KEY = Symbol.for('alb-tui.idle-local-alb-worker');
type Holder = Record<symbol, Worker | undefined>;

type Env = Readonly<Record<string, string | undefined>>;

/** A guess from the command line and two files: wrong, it costs a thread started for nothing. */
export function likelyListsLocalAlbFirst(argv: readonly string[], env: Env): boolean {
  if (mayBeSubcommand(argv)) return false;
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: CLI_OPTIONS,
    strict: false,
    allowPositionals: true,
  });
  if (positionals.length > 0 || values['help'] || values['version'] || values['endpoint'] !== undefined)
    return false;
  if (mayHaveCachedListing(env)) return false;
  const connection = values['connection'];
  return (
    (typeof connection === 'string' ? connection.trim() : activeConnectionGuess(configDir(env))) === 'local'
  );
}

export function startIdleWorker(url: URL): void {
  (globalThis as Holder)[KEY] = new Worker(url);
}

/** The idle thread, once: the first start of the local ALB takes it. */
export function takeIdleWorker(): Worker | undefined {
  const holder = globalThis as Holder;
  const worker = holder[KEY];
  holder[KEY] = undefined;
  return worker;
}
