// The composition root: reads the command line and starts what it asks for. The emulator subcommand
// and the dashboard are imported on demand, so each path loads only its own code.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };
import {
  activeConnectionGuess,
  LocalAlbThread,
  localAlbStart,
  sameStart,
  type LocalAlbStart,
} from './cli/local-alb-thread.js';
import { saveCodeCacheSoon } from './boot/code-cache-save.js';
import { takeIdleWorker } from './cli/idle-local-alb-worker.js';
import { SharedLocal } from './cli/shared-local.js';
import { withoutFetch } from './boot/yoga.js';
import { mayBeSubcommand } from './cli/subcommand-names.js';
import type { Store } from './store/index.js';
import { configDir, dataDir, mayHaveCachedListing } from './store/paths.js';
import { peekUiState } from './store/ui-peek.js';
import { parseCommandLine, USAGE_ERROR_EXIT, type CliRequest } from './ui/cli-args.js';
import { parseMemberName } from './ui/connections/members.js';
import { t } from './ui/i18n.js';
import { colourEnabled } from './ui/theme.js';

/** Resolves once the text is handed to the OS, so exiting right after cannot cut it off (async pipes). */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function main(argv: string[]): Promise<number> {
  if (mayBeSubcommand(argv)) {
    const { runSubcommand } = await import('./cli/subcommands.js');
    const handled = await runSubcommand(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      isTTY: Boolean(process.stdin.isTTY && process.stderr.isTTY),
      stdin: process.stdin,
      handleSignals: true,
    });
    if (handled !== undefined) return handled;
  }
  const request = parseCommandLine(argv, process.env);
  switch (request.kind) {
    case 'error':
      await write(process.stderr, `${request.message}\n`);
      return USAGE_ERROR_EXIT;
    case 'help':
      await write(process.stdout, `${t(request.lang, 'usage')}\n`);
      return 0;
    case 'version':
      await write(process.stdout, `${packageJson.version}\n`);
      return 0;
    case 'emulator': {
      const { runEmulatorCommand } = await import('./cli/emulator-command.js');
      return runEmulatorCommand(request.argv);
    }
    case 'dashboard':
      return dashboard(request);
  }
}

/**
 * The dashboard's local ALB runs in a worker thread (local-alb-thread.ts says why). When this start
 * opens it (`--connection local`, or nothing pinned and the local ALB last chosen), the thread starts
 * as soon as the first frame asks for the connection, before the connection's code loads, so it
 * listens by the time the first listing asks. Not before the first frame when a cached listing is
 * there to draw: on two cores its start slowed that frame (227 -> 262 ms). Without one, the fresh
 * listing is the first data: the thread then starts at once. Without the worker's bundle (run from
 * the sources) the local ALB runs in this thread.
 */
function localAlbThreads(
  request: Extract<CliRequest, { kind: 'dashboard' }>,
  env: NodeJS.ProcessEnv,
  opensLocal: boolean,
) {
  const workerUrl = new URL('./cli/local-alb-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  let early: LocalAlbThread | undefined;
  let begun = false;
  /** Starts the thread ahead of the connection's code, once, when this start opens the local ALB. */
  const begin = (): void => {
    if (begun || !opensLocal) return;
    begun = true;
    early = new LocalAlbThread(
      workerUrl,
      localAlbStart(dataDir(env), request.region, request.dataPlane, request.lang),
      takeIdleWorker(),
    );
  };
  /** The early thread, unless what is asked for is another start (it stops first: one owner a state). */
  const take = async (start: LocalAlbStart): Promise<LocalAlbThread> => {
    begun = true;
    const thread = early;
    early = undefined;
    if (thread && sameStart(thread.start, start)) return thread;
    await thread?.close().catch(() => undefined);
    return new LocalAlbThread(workerUrl, start, takeIdleWorker());
  };
  /** Stops the early thread when nothing took it (the store chose a cloud connection). */
  const release = async (): Promise<void> => {
    const thread = early;
    early = undefined;
    await Promise.all([thread?.close().catch(() => undefined), takeIdleWorker()?.terminate()]);
  };
  return { begin, take, release };
}

/** How long a quit waits for the listing cache's last write. */
const CACHE_SETTLE_MS = 1000;

/**
 * The dashboard. Ink draws its first frame at once; the store and the connection (which may start the
 * local ALB) are opened after it, so the screen never waits on them.
 */
async function dashboard(request: Extract<CliRequest, { kind: 'dashboard' }>): Promise<number> {
  const env = process.env;
  // Whether this start opens the local ALB, read cheaply from the connection profiles' file: then the
  // first listing need not wait for the store (which opens after it), only the local ALB.
  const activeGuess = request.connectionName ?? activeConnectionGuess(configDir(env));
  const opensLocal = request.endpoint === undefined && activeGuess === 'local';
  const threads = localAlbThreads(request, env, opensLocal);
  // No listing kept to draw first (none kept yet, or the cache is off): the fresh listing is the first
  // data, so the local ALB starts now, beside the dashboard's own code. Otherwise once the cache is read.
  if (!mayHaveCachedListing(env)) threads?.begin();
  // The last listing is read while the dashboard's code loads, so the first frame can show it.
  const uiState = peekUiState(configDir(env));
  const [{ runDashboard }, listingCache] = await Promise.all([
    withoutFetch(() => import('./ui/run.js')),
    import('./cli/listing-cache.js')
      .then(({ openListingCache }) =>
        openListingCache(
          { connectionName: request.connectionName, endpoint: request.endpoint, region: request.region },
          env,
        ),
      )
      .catch(() => undefined)
      .then((cache) => {
        // Nothing cached to draw: the fresh listing is the first data, so the local ALB starts now,
        // beside the dashboard's code, rather than once the first frame asks for it.
        if (!cache?.initial) threads?.begin();
        return cache;
      }),
  ]);
  let store: Promise<Store | undefined> | undefined;
  const loadStore = () =>
    (store ??= import('./store/index.js')
      .then(
        ({ openStore }) => openStore({ env }),
        () => undefined,
      )
      .catch(() => undefined));
  const sharedLocal = new SharedLocal();
  const openConnection = async (name: string | undefined) => {
    if (name === undefined) threads?.begin();
    const asked = name === undefined;
    const { openConnection: open } = await import('./cli/connect.js');
    const opened = asked && opensLocal ? undefined : await loadStore();
    // `prod@cn-shanghai`: the profile `prod` in another region (`:region`, several regions in one view).
    const member = name === undefined ? undefined : parseMemberName(name);
    // Without --endpoint or --connection, the connection last chosen with `:ctx`.
    const connectionName =
      member?.profile ??
      request.connectionName ??
      (asked && opensLocal ? 'local' : undefined) ??
      (request.endpoint === undefined ? opened?.getActiveConnection().name : undefined);
    const region = member?.region ?? (asked ? request.region : undefined);
    const start = () =>
      open({
        ...(asked && request.endpoint !== undefined ? { endpoint: request.endpoint } : {}),
        ...(region === undefined ? {} : { region }),
        ...(connectionName === undefined ? {} : { connectionName }),
        lang: request.lang,
        env,
        ...(opened ? { store: opened } : {}),
        ...(request.dataPlane ? { dataPlane: request.dataPlane } : {}),
        ...(threads ? { localAlbThread: threads.take } : {}),
      });
    const local = (connectionName ?? 'local') === 'local' && !(asked && request.endpoint !== undefined);
    if (!local) void threads?.release();
    const connection = local ? await sharedLocal.open(region, start) : await start();
    const { info } = connection;
    return {
      client: connection.client,
      connection: {
        kind: info.kind === 'local' ? ('local' as const) : ('cloud' as const),
        region: info.region,
        profile: info.name,
        ...(info.kind === 'local' ? {} : { endpoint: info.endpoint }),
        readOnly: info.readOnly,
        production: info.production,
        ...(info.color === undefined ? {} : { colour: info.color }),
        ...(connection.served ? { served: connection.served } : {}),
      },
      warnings: connection.warnings,
      close: () => connection.close(),
    };
  };
  const status = await runDashboard({
    connection: request.connection,
    openConnection,
    listConnections: async () => (await loadStore())?.listConnections().map((profile) => profile.name) ?? [],
    // Asked for once the first listing is drawn: the code cache then holds what a start runs.
    store: () => {
      saveCodeCacheSoon();
      return loadStore();
    },
    ...(request.connectionName === undefined ? {} : { connectionName: request.connectionName }),
    refreshSeconds: request.refreshSeconds,
    ...(listingCache ? { listingCache } : {}),
    ...(uiState ? { uiState } : {}),
    lang: request.lang,
    langExplicit: request.langExplicit,
    colour: colourEnabled(env),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    process,
    ...(env['ALB_TUI_PERF_LOG'] ? { perfLog: env['ALB_TUI_PERF_LOG'] } : {}),
  });
  // A listing drawn just before the quit is kept for the next start; a stuck disk does not hold the exit.
  await Promise.race([
    listingCache?.settle?.(),
    new Promise((resolve) => setTimeout(resolve, CACHE_SETTLE_MS).unref()),
  ]);
  await threads?.release();
  return status;
}

// Exit explicitly: timers or sockets (polling, the local ALB) must not keep a closed dashboard alive.
void main(process.argv.slice(2)).then((status) => process.exit(status));
