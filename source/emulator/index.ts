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
import type { ServedRegion } from './regions.js';
import { nextDemoPort, regionStatePath, seedSecondRegion, servedRegionIds } from './regions-state.js';
import { claimState, type StateClaim } from './state-owner.js';
import { removeStaleTempFiles } from './stale-temp-files.js';
import type { DataPlane, DataPlaneOptions, RegionTraffic } from './traffic/data-plane.js';
import type { RequestHandler } from './traffic/request-context.js';

export type { AccessKeyPair } from './credentials.js';
export type { FaultOptions, FaultSpec } from './faults.js';
export { FAULT_CODES } from './faults.js';
export type { EmulatorState, ScaleOptions } from './state.js';
export type { HealthSource, ServerHealth } from './server-groups.js';
export { ALB_VERSION, CAS_VERSION } from './core.js';
export { DEFAULT_SERVER_TIMEOUTS, type ServerTimeouts } from './server.js';
export { DEFAULT_REGIONS, regionLocalName, type ServedRegion } from './regions.js';
export { regionStatePath } from './regions-state.js';
export { StateInUseError, isAlive, readStateOwner, type StateOwner } from './state-owner.js';
export { resolveAccessKeyPair } from './credentials.js';
export type { DataPlane, RegionTraffic, ServedLogEntry } from './traffic/data-plane.js';
export { DEFAULT_PORT_OFFSET } from './traffic/port-offset.js';
export type { RequestContext, RequestHandler } from './traffic/request-context.js';

/** What a handler factory is told of the region it serves. */
export interface RegionServing {
  regionId: string;
  /** Where this region's servers' health comes from from now on (its GetListenerHealthStatus). */
  useHealthSource(source: HealthSource | undefined): void;
  /** Changes whenever the region's state does (lets a pipeline index it once per change). */
  revision(): number;
}

/** What `serveTraffic` takes: the data plane's options but the regions, which are the emulator's. */
export type ServeTrafficOptions = Omit<DataPlaneOptions, 'regions'> & {
  /** The request pipeline, or a function that makes one over a region's live state (once per region). */
  handler: RequestHandler | ((state: EmulatorState, region: RegionServing) => RequestHandler);
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
  /**
   * The region the caller works in (`endpoint` and `region` of the result are its). Served besides the
   * state file's own region and `regions`; a fresh state is seeded in it.
   */
  region?: string;
  /** The other regions served, each with its own state (`DEFAULT_REGIONS` unless given; `[]`: one region). */
  regions?: readonly string[];
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
  /** The region asked for (or the state file's own): `endpoint` and `port` are its. */
  region: string;
  /** Every region served, with its own endpoint (`DescribeRegions` answers the same). */
  regions: ServedRegion[];
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
  /** A deep copy of a region's current state (`region`'s unless named), for tests and diagnostics. */
  snapshot(regionId?: string): EmulatorState;
  /** Where servers' health comes from from now on (the data plane, once it runs). */
  useHealthSource(source: HealthSource | undefined): void;
  /**
   * The data plane over the listeners of every region this local ALB serves, made by `create` once
   * (later calls return the same one) and closed with the local ALB. `serveTraffic`
   * (traffic/serve-traffic.ts) makes it; kept apart so that answering the API never loads it.
   */
  attachDataPlane(
    create: (regions: (handler: ServeTrafficOptions['handler']) => RegionTraffic[]) => DataPlane,
  ): DataPlane;
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
  for (const other of options.regions ?? []) {
    if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(other))
      throw new Error(`region "${other}" does not look like a region ID (e.g. cn-shanghai)`);
  }
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

/** One served region: its state, the file it is kept in, its core, and (once listening) its endpoint. */
interface RegionRuntime {
  regionId: string;
  state: EmulatorState;
  statePath?: string;
  writer?: DebouncedFileWriter;
  core: AlbCore;
  /** Bumped on every change to the region's state (the data plane's indexes follow it). */
  changes: { revision: number };
  endpoint: string;
  port: number;
}

async function startClaimed(options: EmulatorOptions, context: StartContext): Promise<RunningEmulator> {
  const { now, port, requestedRegion, provisioningDelayMs, faults, seed, warnings, claim } = context;
  const credentials = await resolveAccessKeyPair(
    options.credentials,
    options.credentialsPath,
    now(),
    warnings,
  );
  const loaded = await loadRegions(options, requestedRegion, seed, now(), warnings, claim !== undefined);

  const injector = new FaultInjector(faults, seed);
  const runtimes: RegionRuntime[] = [];
  const served = (): ServedRegion[] =>
    runtimes.filter((r) => r.port > 0).map((r) => ({ regionId: r.regionId, endpoint: r.endpoint }));
  for (const { regionId, state, statePath, fresh } of loaded) {
    let writer: DebouncedFileWriter | undefined;
    if (statePath) {
      const debounceMs = options.saveDebounceMs ?? 200;
      writer = new DebouncedFileWriter(
        statePath,
        () => JSON.stringify(state),
        debounceMs,
        Math.max(2000, debounceMs),
        () => {
          /* a failed background write is retried by the next change and reported by close() */
        },
      );
      if (fresh) await writeFileAtomic(statePath, JSON.stringify(state));
    }
    const changes = { revision: 0 };
    const core = new AlbCore(state, {
      now,
      provisioningDelayMs,
      onChange: () => {
        changes.revision++;
        writer?.markDirty();
      },
      keepRenderedItems: options.keepRenderedItems ?? false,
      asyncFailure: (action) => injector.decideAsync(action),
      regions: served,
      ...(options.health ? { health: options.health } : {}),
    });
    core.settle();
    runtimes.push({
      regionId,
      state,
      ...(statePath ? { statePath } : {}),
      ...(writer ? { writer } : {}),
      core,
      changes,
      endpoint: '',
      port: 0,
    });
  }
  const closeCores = async (): Promise<void> => {
    for (const runtime of runtimes) runtime.core.close();
    await Promise.all(runtimes.map((runtime) => runtime.writer?.flush()));
  };

  let journal: NonceJournal | undefined;
  const nonces = new NonceCache(undefined, (key, expiry) => journal?.record(key, expiry));
  if (options.statePath) {
    try {
      journal = await NonceJournal.open(nonceJournalPath(options.statePath), nonces, now);
    } catch (error) {
      await closeCores();
      throw error;
    }
  }
  const server = new EmulatorServer({
    core: runtimes[0]!.core,
    coreOf: (regionId) => runtimes.find((r) => r.regionId === regionId)?.core,
    faults: injector,
    nonces,
    ...(journal ? { noncesKept: () => journal.settled() } : {}),
    secretFor: (id) => (id === credentials.accessKeyId ? credentials.accessKeySecret : undefined),
    now,
    ...(options.serverTimeouts ? { timeouts: options.serverTimeouts } : {}),
  });
  try {
    // The first region on the port asked for; each other region on a free port of its own.
    for (const [index, runtime] of runtimes.entries()) {
      runtime.port = await server.listen(index === 0 ? port : 0, runtime.core);
      runtime.endpoint = `http://${LOOPBACK}:${runtime.port}`;
    }
  } catch (error) {
    await server.close();
    await closeCores();
    await journal?.close();
    throw error;
  }

  const primary = runtimes[0]!;
  // The region asked for, else the state file's own (not the default a fresh state would be seeded in).
  const main = runtimes.find((r) => r.regionId === options.region) ?? primary;
  try {
    await claim?.publish({
      endpoint: primary.endpoint,
      accessKeyId: credentials.accessKeyId,
      region: primary.regionId,
      regions: served(),
    });
  } catch (error) {
    await server.close();
    await closeCores();
    await journal?.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  let dataPlane: DataPlane | undefined;
  return {
    endpoint: main.endpoint,
    host: LOOPBACK,
    port: main.port,
    region: main.regionId,
    regions: served(),
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(options.statePath ? { statePath: options.statePath } : {}),
    warnings,
    close() {
      closing ??= (async () => {
        await dataPlane?.close();
        for (const runtime of runtimes) runtime.core.close();
        await server.close();
        await Promise.all(runtimes.map((runtime) => runtime.writer?.flush()));
        await journal?.close();
        await claim?.release();
      })();
      return closing;
    },
    flush: async () => {
      await Promise.all(runtimes.map((runtime) => runtime.writer?.flush()));
    },
    setFaults(next) {
      const issue = faultProblem(next);
      if (issue) throw new Error(issue);
      injector.set(next);
    },
    snapshot: (regionId = main.regionId) => {
      const runtime = runtimes.find((r) => r.regionId === regionId);
      if (!runtime) throw new Error(`the local ALB does not serve region ${regionId}`);
      return structuredClone(runtime.state);
    },
    useHealthSource: (source) => main.core.useHealthSource(source),
    attachDataPlane(create) {
      if (closing && !dataPlane) throw new Error('the local ALB is closed');
      // The main region first: its listeners take the sockets first when there is a limit.
      const ordered = [main, ...runtimes.filter((runtime) => runtime !== main)];
      dataPlane ??= create((handler) =>
        ordered.map((runtime) => ({
          regionId: runtime.regionId,
          state: runtime.state,
          observeListeners: (observer) => runtime.core.observeListeners(observer),
          handler:
            typeof handler === 'function'
              ? handler(runtime.state, {
                  regionId: runtime.regionId,
                  useHealthSource: (source) => runtime.core.useHealthSource(source),
                  revision: () => runtime.changes.revision,
                })
              : handler,
        })),
      );
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

/**
 * The state of every served region: the state file's own region first (seeded in the region asked
 * for when there is none), then the others, each from its own file or seeded afresh.
 */
async function loadRegions(
  options: EmulatorOptions,
  requestedRegion: string,
  seed: number,
  now: number,
  warnings: string[],
  claimed: boolean,
): Promise<{ regionId: string; state: EmulatorState; statePath?: string; fresh: boolean }[]> {
  // The state is ours alone now (the claim): temp files of its interrupted writes go.
  if (claimed && options.statePath) await removeStaleTempFiles(options.statePath);
  const first = await loadOrSeed(options, requestedRegion, seed, now, warnings);
  const primary = first.state.region;
  const regionIds = servedRegionIds(primary, options.region, options.regions);
  const loaded = [
    { regionId: primary, ...first, ...(options.statePath ? { statePath: options.statePath } : {}) },
  ];
  for (const regionId of regionIds.slice(1)) {
    const path = options.statePath ? regionStatePath(options.statePath, regionId) : undefined;
    if (claimed && path) await removeStaleTempFiles(path);
    const seedFresh = () => ({
      state: seedSecondRegion({
        region: regionId,
        seed,
        now,
        certificates: first.state.certificates,
        demoPortsFrom: nextDemoPort(loaded.map((entry) => entry.state)),
      }),
      fresh: true,
    });
    let entry: { state: EmulatorState; fresh: boolean } = seedFresh();
    if (path && !options.reset) {
      const read = await readJsonFile<EmulatorState>(path, stateProblem, now);
      if (read.kind === 'ok' && read.value.region === regionId) entry = { state: read.value, fresh: false };
      else if (read.kind === 'ok' || read.kind === 'corrupt') {
        const reason = read.kind === 'ok' ? `it holds region ${read.value.region}` : read.reason;
        warnings.push(
          `The local ALB state file ${path} could not be used (${reason}); fresh demo data was created for ${regionId}. / ` +
            `本地 ALB 状态文件 ${path} 无法使用（${reason}），已为 ${regionId} 生成新的演示数据。`,
        );
      }
    }
    loaded.push({ regionId, ...entry, ...(path ? { statePath: path } : {}) });
  }
  return loaded;
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
