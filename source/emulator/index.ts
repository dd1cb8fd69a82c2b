// The local ALB: an emulator of the ALB (2020-06-16) and CAS (2020-04-07) OpenAPI that the official
// SDKs, @alicloud/pop-core and the aliyun CLI can use in place of the cloud.
import { AlbCore } from './core.js';
import type { HealthSource } from './server-groups.js';
import { resolveAccessKeyPair, type AccessKeyPair } from './credentials.js';
import { FaultInjector, faultProblem, type FaultOptions } from './faults.js';
import { NonceJournal, nonceJournalPath } from './nonce-journal.js';
import { DebouncedFileWriter, readJsonFile, writeFileAtomic } from './persistence.js';
import { seedState } from './seed.js';
import {
  DEFAULT_SERVER_TIMEOUTS,
  LOOPBACK,
  EmulatorServer,
  serverTimeoutsProblem,
  type ServerTimeouts,
} from './server.js';
import { NonceCache } from './signature.js';
import { stateProblem, type EmulatorState, type ScaleOptions } from './state.js';
import { claimState, type StateClaim } from './state-owner.js';
import { removeStaleTempFiles } from './stale-temp-files.js';
import { DataPlane, type DataPlaneOptions } from './traffic/data-plane.js';
import type { RequestHandler } from './traffic/request-context.js';

export type { AccessKeyPair } from './credentials.js';
export type { FaultOptions, FaultSpec } from './faults.js';
export { FAULT_CODES } from './faults.js';
export type { EmulatorState, ScaleOptions } from './state.js';
export type { HealthSource, ServerHealth } from './server-groups.js';
export { ALB_VERSION, CAS_VERSION } from './core.js';
export { DEFAULT_SERVER_TIMEOUTS, type ServerTimeouts } from './server.js';
export { StateInUseError, isAlive, readStateOwner, type StateOwner } from './state-owner.js';
export { resolveAccessKeyPair } from './credentials.js';
export { DataPlane, DEFAULT_PORT_OFFSET, type ServedLogEntry } from './traffic/data-plane.js';
export type { RequestContext, RequestHandler } from './traffic/request-context.js';

/** What `serveTraffic` takes: the data plane's options but the state, which is the emulator's. */
export type ServeTrafficOptions = Omit<DataPlaneOptions, 'state' | 'observeListeners' | 'handler'> & {
  /** The request pipeline, or a function that makes it over the local ALB's live state. */
  handler: RequestHandler | ((state: EmulatorState) => RequestHandler);
};

export const DEFAULT_REGION = 'cn-hangzhou';
export const DEFAULT_PROVISIONING_DELAY_MS = 2000;
export const DEFAULT_SEED = 20_160_616;
export const MAX_SCALE = { instances: 5_000, listeners: 100_000 } as const;

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The state file; in-memory only when absent. */
  statePath?: string;
  region?: string;
  credentials?: AccessKeyPair;
  /** Where the generated AccessKey pair is kept (0600), so restarts reuse it. */
  credentialsPath?: string;
  /** Ignore the existing state file and seed afresh. */
  reset?: boolean;
  /** Seed this many instances and listeners in total (applies when the state is seeded). */
  scale?: ScaleOptions;
  faults?: FaultOptions;
  /** How long asynchronous work (listener creation and deletion) takes (`alb-tui emulator --async-delay`). */
  provisioningDelayMs?: number;
  seed?: number;
  now?: () => number;
  /** How long state changes are coalesced before the file is written. */
  saveDebounceMs?: number;
  /**
   * Keep each listener's and instance's rendered list JSON (about 1 KB a listener) until it
   * changes. The local ALB on its own (`alb-tui emulator`) does: rendering every item of every page
   * was most of its time in a large listing, and it serves listings to others. Inside the app it does
   * not: there the memory is the dashboard's.
   */
  keepRenderedItems?: boolean;
  /** How long it waits on slow or idle clients (defaults: `DEFAULT_SERVER_TIMEOUTS`); for tests. */
  serverTimeouts?: Partial<ServerTimeouts>;
  /** Servers' health for GetListenerHealthStatus (the data plane's checker); none: no checks run. */
  health?: HealthSource;
}

export interface RunningEmulator {
  endpoint: string;
  host: string;
  port: number;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  statePath?: string;
  /** Things the caller should tell the user (English / 简体中文), e.g. a corrupt state file moved aside. */
  warnings: string[];
  /** Stops the server and writes the state. */
  close(): Promise<void>;
  /** Writes pending state changes now. */
  flush(): Promise<void>;
  /** Replaces the fault settings (and restarts the fault PRNG from its seed). */
  setFaults(faults: FaultOptions): void;
  /** A deep copy of the current state, for tests and diagnostics. */
  snapshot(): EmulatorState;
  /** Where servers' health comes from from now on (the data plane, once it runs). */
  useHealthSource(source: HealthSource | undefined): void;
  /**
   * Starts the data plane over this local ALB's listeners (once; later calls return the same one).
   * It binds and creates keys in the background: the caller need not wait for it.
   */
  serveTraffic(options: ServeTrafficOptions): DataPlane;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`port must be an integer 0–65535, got ${port}`);
  const requestedRegion = options.region ?? DEFAULT_REGION;
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(requestedRegion))
    throw new Error(`region "${requestedRegion}" does not look like a region ID (e.g. cn-hangzhou)`);
  const provisioningDelayMs = options.provisioningDelayMs ?? DEFAULT_PROVISIONING_DELAY_MS;
  if (!Number.isFinite(provisioningDelayMs) || provisioningDelayMs < 0)
    throw new Error('provisioningDelayMs must be a non-negative number');
  if (options.scale) checkScale(options.scale);
  const faults = options.faults ?? {};
  const faultIssue = faultProblem(faults);
  if (faultIssue) throw new Error(faultIssue);
  const timeoutIssue = serverTimeoutsProblem({ ...DEFAULT_SERVER_TIMEOUTS, ...options.serverTimeouts });
  if (timeoutIssue) throw new Error(timeoutIssue);
  const seed = options.seed ?? DEFAULT_SEED;

  const warnings: string[] = [];
  const claim: StateClaim | undefined = options.statePath
    ? await claimState(options.statePath, now())
    : undefined;
  try {
    return await startClaimed(options, {
      now,
      port,
      requestedRegion,
      provisioningDelayMs,
      faults,
      seed,
      warnings,
      claim,
    });
  } catch (error) {
    await claim?.release();
    throw error;
  }
}

interface StartContext {
  now: () => number;
  port: number;
  requestedRegion: string;
  provisioningDelayMs: number;
  faults: FaultOptions;
  seed: number;
  warnings: string[];
  claim: StateClaim | undefined;
}

async function startClaimed(options: EmulatorOptions, context: StartContext): Promise<RunningEmulator> {
  const { now, port, requestedRegion, provisioningDelayMs, faults, seed, warnings, claim } = context;
  // The state is ours alone now (the claim): temp files of its interrupted writes go.
  if (claim && options.statePath) await removeStaleTempFiles(options.statePath);
  const credentials = await resolveAccessKeyPair(
    options.credentials,
    options.credentialsPath,
    now(),
    warnings,
  );
  const { state, fresh } = await loadOrSeed(options, requestedRegion, seed, now(), warnings);

  let writer: DebouncedFileWriter | undefined;
  if (options.statePath) {
    const debounceMs = options.saveDebounceMs ?? 200;
    writer = new DebouncedFileWriter(
      options.statePath,
      () => JSON.stringify(state),
      debounceMs,
      Math.max(2000, debounceMs),
      () => {
        /* a failed background write is retried by the next change and reported by close() */
      },
    );
    if (fresh) await writeFileAtomic(options.statePath, JSON.stringify(state));
  }
  const injector = new FaultInjector(faults, seed);
  const core = new AlbCore(state, {
    now,
    provisioningDelayMs,
    onChange: () => writer?.markDirty(),
    keepRenderedItems: options.keepRenderedItems ?? false,
    asyncFailure: (action) => injector.decideAsync(action),
    ...(options.health ? { health: options.health } : {}),
  });
  core.settle();

  let journal: NonceJournal | undefined;
  const nonces = new NonceCache(undefined, (key, expiry) => journal?.record(key, expiry));
  if (options.statePath) {
    try {
      journal = await NonceJournal.open(nonceJournalPath(options.statePath), nonces, now);
    } catch (error) {
      core.close();
      await writer?.flush();
      throw error;
    }
  }
  const server = new EmulatorServer({
    core,
    faults: injector,
    nonces,
    ...(journal ? { noncesKept: () => journal.settled() } : {}),
    secretFor: (id) => (id === credentials.accessKeyId ? credentials.accessKeySecret : undefined),
    now,
    ...(options.serverTimeouts ? { timeouts: options.serverTimeouts } : {}),
  });
  let listeningPort: number;
  try {
    listeningPort = await server.listen(port);
  } catch (error) {
    core.close();
    await writer?.flush();
    await journal?.close();
    throw error;
  }

  const endpoint = `http://${LOOPBACK}:${listeningPort}`;
  try {
    await claim?.publish({ endpoint, accessKeyId: credentials.accessKeyId, region: state.region });
  } catch (error) {
    core.close();
    await server.close();
    await writer?.flush();
    await journal?.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  let dataPlane: DataPlane | undefined;
  return {
    endpoint,
    host: LOOPBACK,
    port: listeningPort,
    region: state.region,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(options.statePath ? { statePath: options.statePath } : {}),
    warnings,
    close() {
      closing ??= (async () => {
        await dataPlane?.close();
        core.close();
        await server.close();
        await writer?.flush();
        await journal?.close();
        await claim?.release();
      })();
      return closing;
    },
    flush: async () => {
      await writer?.flush();
    },
    setFaults(next) {
      const issue = faultProblem(next);
      if (issue) throw new Error(issue);
      injector.set(next);
    },
    snapshot: () => structuredClone(state),
    useHealthSource: (source) => core.useHealthSource(source),
    serveTraffic(trafficOptions) {
      if (closing && !dataPlane) throw new Error('the local ALB is closed');
      const { handler } = trafficOptions;
      dataPlane ??= new DataPlane({
        ...trafficOptions,
        handler: typeof handler === 'function' ? handler(state) : handler,
        state,
        observeListeners: (observer) => core.observeListeners(observer),
      });
      return dataPlane;
    },
  };
}

function checkScale(scale: ScaleOptions): void {
  const ok = (value: number, max: number): boolean => Number.isInteger(value) && value >= 1 && value <= max;
  if (!ok(scale.instances, MAX_SCALE.instances))
    throw new Error(`scale.instances must be an integer 1–${MAX_SCALE.instances}`);
  if (!ok(scale.listeners, MAX_SCALE.listeners))
    throw new Error(`scale.listeners must be an integer 1–${MAX_SCALE.listeners}`);
}

async function loadOrSeed(
  options: EmulatorOptions,
  region: string,
  seed: number,
  now: number,
  warnings: string[],
): Promise<{ state: EmulatorState; fresh: boolean }> {
  const seedFresh = (): { state: EmulatorState; fresh: boolean } => ({
    state: seedState({ region, seed, now, ...(options.scale ? { scale: options.scale } : {}) }),
    fresh: true,
  });
  if (!options.statePath || options.reset) return seedFresh();
  const read = await readJsonFile<EmulatorState>(options.statePath, stateProblem, now);
  if (read.kind === 'missing') return seedFresh();
  if (read.kind === 'corrupt') {
    warnings.push(
      `The local ALB state file ${options.statePath} could not be read (${read.reason}); it was moved to ${read.movedTo} and fresh demo data was created. / ` +
        `本地 ALB 状态文件 ${options.statePath} 无法读取（${read.reason}），已移至 ${read.movedTo}，并已生成新的演示数据。`,
    );
    return seedFresh();
  }
  const state = read.value;
  if (options.region !== undefined && options.region !== state.region) {
    warnings.push(
      `The state file holds region ${state.region}; the requested region ${options.region} is ignored (use --reset to start over in ${options.region}). / ` +
        `状态文件属于地域 ${state.region}，已忽略所请求的地域 ${options.region}（如需在 ${options.region} 重新开始，请使用 --reset）。`,
    );
  }
  if (
    options.scale &&
    (state.scale?.instances !== options.scale.instances || state.scale?.listeners !== options.scale.listeners)
  ) {
    warnings.push(
      'The scale setting applies only when the state is created; the existing state file was kept (use --reset to regenerate it). / ' +
        '规模参数仅在创建状态时生效；已保留现有状态文件（如需重新生成，请使用 --reset）。',
    );
  }
  return { state, fresh: false };
}
