// What the listing benchmarks share (listing.ts, multi-listing.ts, dashboard.ts): local ALBs served
// from a child process (a remote service does not share the client's CPU), the client's garbage
// collection as the app's, and a listing loaded into the dashboard's list model by the app's reducer.
// (A helper, not a benchmark: its name starts with `_`.)
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningEmulator } from '../../source/emulator/index.js';
import { appReducer, initialAppState, type AppState } from '../../source/ui/app-state.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { keyFromId } from '../../source/ui/keys.js';
import type { LocalAlb } from '../../test/helpers/local-alb-client.js';

/** What a child serving a local ALB tells its parent: where it is and its keys. */
export function localAlbOf(emulator: RunningEmulator): LocalAlb {
  return {
    endpoint: emulator.endpoint,
    region: emulator.region,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  };
}

/**
 * Runs the benchmark at `moduleUrl` again in a child process with `flag` and `args` (its local ALBs'
 * side) and waits for the child's first message: what it serves. `what` names it in an early exit.
 */
export async function forkServing<Served>(
  moduleUrl: string,
  flag: string,
  args: readonly number[],
  what: string,
): Promise<{ child: ChildProcess; served: Served }> {
  const child = fork(fileURLToPath(moduleUrl), [flag, ...args.map(String)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const served = await new Promise<Served>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Served));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${what} exited early (code ${code})`)));
  });
  return { child, served };
}

/** The app's state with `snapshot` listed and every listener shown (`:listeners`), as the reducer builds it. */
export function listenersShown(snapshot: Snapshot, terminal: { columns: number; rows: number }): AppState {
  let state: AppState = initialAppState({
    lang: 'en',
    connection: { kind: 'local', region: 'cn-hangzhou', profile: 'local' },
    terminal,
    refreshSeconds: 0,
  });
  state = appReducer(state, {
    type: 'session-opened',
    generation: 1,
    connection: state.session.connection,
    warnings: [],
  });
  state = appReducer(state, { type: 'listing-loaded', generation: 1, snapshot, at: 0 });
  for (const id of [':', ...'listeners', 'enter'])
    state = appReducer(state, { type: 'key', key: keyFromId(id) });
  return state;
}
