// The one place the local ALB is wired in: picks where the ALB client talks to (the in-process local
// ALB, an endpoint given on the command line, or a saved Alibaba Cloud connection) and opens it.
import { createHash } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type { AlbClient } from '../alb/client.js';
import { isAliyunHost, resolveEndpoint } from '../alb/endpoint.js';
import { cliProfileRegion, type CredentialsOption } from '../alb/credentials.js';
import { isAlbError } from '../alb/errors.js';
import { createSdkAlbClient } from '../alb/sdk-client.js';
import { readOnlyClient } from '../alb/read-only-client.js';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import type { ServedAddresses } from '../domain/served-addresses.js';
import { sanitizeForTerminal } from '../domain/text.js';
// Not the emulator's index: the dashboard's local ALB runs in a worker thread, so this module (loaded
// on the main thread before the first listing) imports only what attaching to a running one needs.
import { resolveAccessKeyPair } from '../emulator/credentials.js';
import { StateInUseError, isAlive, readStateOwner } from '../emulator/state-owner.js';
// The store's code (conf, zod) loads only for a saved connection: opening the local ALB, the first
// listing of most starts, does not wait for it.
import type { ConnectionProfile, CredentialsSource, Store } from '../store/index.js';
import { LOCAL_CONNECTION_NAME } from '../store/local-connection.js';
import { dataDir as defaultDataDir } from '../store/paths.js';
import { localAlbStart, type LocalAlbStart, type LocalAlbThread } from './local-alb-thread.js';
import type { TrafficOptions } from './traffic.js';

export { LOCAL_CREDENTIALS_FILE, LOCAL_STATE_FILE } from './local-alb-thread.js';
export const DEFAULT_REGION = 'cn-hangzhou';

/** Region IDs look like `cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`. */
const REGION_ID = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

export interface OpenConnectionOptions {
  /** `http://127.0.0.1:PORT`, `https://host` or `host[:port]`: talk to this endpoint instead of the local ALB. */
  endpoint?: string;
  region?: string;
  /** A saved connection profile; `local` (the built-in one) means the local ALB. */
  connectionName?: string;
  lang: Lang;
  env: NodeJS.ProcessEnv;
  /** Where the local ALB keeps its state; the store's data directory unless given. */
  dataDir?: string;
  /** The store to look connection profiles up in; opened from `env` when needed and absent. */
  store?: Store;
  /** Serve the local ALB's listeners (the dashboard does unless `--no-data-plane`; commands do not). */
  dataPlane?: TrafficOptions;
  /**
   * Runs the local ALB in a worker thread (the dashboard); without it, it runs in this thread. Not
   * with a `dataPlane.log` function, which cannot cross to the thread.
   */
  localAlbThread?: (start: LocalAlbStart) => Promise<LocalAlbThread>;
}

export interface ConnectionInfo {
  kind: 'local' | 'aliyun';
  /** The connection profile's name; the endpoint for an ad-hoc `--endpoint`. */
  name: string;
  region: string;
  endpoint: string;
  readOnly: boolean;
  production: boolean;
  color?: string;
}

export interface OpenConnection {
  client: AlbClient;
  info: ConnectionInfo;
  /** What the user should be told (e.g. a corrupt local ALB state file moved aside). */
  warnings: Localized[];
  /** Stops the local ALB (its state written); nothing to do for a remote endpoint. */
  close(): Promise<void>;
  /** Where the local ALB serves each listener (local connections only). */
  served?: ServedAddresses;
  /**
   * The local ALB only: a client of the same running local ALB for another region (`local@cn-shanghai`
   * beside `local` in one view), without starting a second one. Closing it closes nothing.
   */
  forRegion?(region: string): OpenConnection;
}

/** Why a connection could not be opened. `usage` errors come from what the user asked for (exit 2). */
export class ConnectionError extends Error {
  readonly localized: Localized;
  readonly usage: boolean;

  constructor(message: Localized, options: { usage: boolean; cause?: unknown }) {
    super(message.en, { cause: options.cause });
    this.name = 'ConnectionError';
    this.localized = message;
    this.usage = options.usage;
  }
}

function quoted(value: string): string {
  const safe = sanitizeForTerminal(value);
  return JSON.stringify([...safe].length > 60 ? `${[...safe].slice(0, 59).join('')}…` : safe);
}

const connectMessages = {
  unknownConnection(name: string, known: string[]): Localized {
    const list = known.map((n) => quoted(n)).join(', ');
    return both(
      `no connection named ${quoted(name)} (known: ${list})`,
      `没有名为 ${quoted(name)} 的连接（已有：${list}）`,
    );
  },
  badRegion(value: string): Localized {
    return both(
      `invalid region ${quoted(value)}: write a region ID such as cn-hangzhou or ap-southeast-1`,
      `地域 ${quoted(value)} 无效：请填写地域 ID，例如 cn-hangzhou 或 ap-southeast-1`,
    );
  },
  attachedToRunning(endpoint: string, pid: number): Localized {
    return both(
      `the local ALB is already running (process ${pid}); connected to it at ${endpoint}`,
      `本地 ALB 已在运行（进程 ${pid}），已连接到 ${endpoint}`,
    );
  },
  localAlbBusy(pid: number, path: string): Localized {
    return both(
      `the local ALB state ${path} is in use by process ${pid}, which does not answer; stop it, or pass --endpoint`,
      `本地 ALB 状态文件 ${path} 正被进程 ${pid} 使用，但该进程未响应；请先停止它，或使用 --endpoint`,
    );
  },
  localAlbOtherKey(endpoint: string): Localized {
    return both(
      `the local ALB at ${endpoint} runs with an AccessKey pair of its own; connect with --endpoint ${endpoint} and set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET to that pair`,
      `${endpoint} 上的本地 ALB 使用了单独指定的 AccessKey；请使用 --endpoint ${endpoint} 并将 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET 设置为该密钥对`,
    );
  },
  emulatorFailed(reason: string): Localized {
    return both(`could not start the local ALB: ${reason}`, `无法启动本地 ALB：${reason}`);
  },
};

/**
 * The emulator reports its warnings as `English / 中文`; the English part never holds ` / ` (paths
 * have no blanks around their slashes).
 */
export function splitBilingual(text: string): Localized {
  const at = text.indexOf(' / ');
  if (at < 0) return both(text, text);
  return both(text.slice(0, at), text.slice(at + 3));
}

/** Opens the connection the options ask for. Throws ConnectionError when it cannot. */
export async function openConnection(options: OpenConnectionOptions): Promise<OpenConnection> {
  const explicitRegion = options.region?.trim();
  if (explicitRegion !== undefined && !REGION_ID.test(explicitRegion)) {
    throw new ConnectionError(connectMessages.badRegion(explicitRegion), { usage: true });
  }
  const endpoint = options.endpoint?.trim() || undefined;
  const name = options.connectionName;
  const builtIn = name === undefined || name === LOCAL_CONNECTION_NAME;
  if (!endpoint && builtIn) return openLocal(options, explicitRegion);
  const { LOCAL_CONNECTION } = await import('../store/index.js');
  const profile = builtIn ? LOCAL_CONNECTION : await findConnection(name, options);
  if (!endpoint && profile.kind === 'local') {
    return openLocal(options, explicitRegion);
  }
  return openRemote(profile, endpoint, explicitRegion);
}

async function findConnection(name: string, options: OpenConnectionOptions): Promise<ConnectionProfile> {
  const store = options.store ?? (await (await import('../store/index.js')).openStore({ env: options.env }));
  const found = store.getConnection(name);
  if (!found) {
    const known = store.listConnections().map((c) => c.name);
    throw new ConnectionError(connectMessages.unknownConnection(name, known), { usage: true });
  }
  return found;
}

/** Whether something accepts connections at `endpoint` (`http://127.0.0.1:PORT`), within a moment. */
function answers(endpoint: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      resolve(false);
      return;
    }
    const socket = net.connect({ host: url.hostname, port: Number(url.port) || 80 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A local ALB this process started, in this thread or in a worker: what openLocal needs of it. */
interface StartedLocal {
  endpoint: string;
  region: string;
  regions: readonly { regionId: string; endpoint: string }[];
  accessKeyId: string;
  accessKeySecret: string;
  warnings: string[];
  close(): Promise<void>;
  served: ServedAddresses;
  /** Told once the first full listing is answered (the worker's data plane waits for it). */
  listed?: () => void;
}

const NO_DATA_PLANE: ServedAddresses = {
  servedAt: (id) => (id ? { kind: 'not-served', reason: 'no-data-plane' } : undefined),
};

/** Starts the local ALB; throws StateInUseError when another process runs it. */
async function startLocal(options: OpenConnectionOptions, start: LocalAlbStart): Promise<StartedLocal> {
  if (options.localAlbThread && !options.dataPlane?.log) {
    const thread = await options.localAlbThread(start);
    const started = await thread.started;
    if (started.kind === 'busy') throw new StateInUseError(start.statePath, started.owner);
    if (started.kind === 'failed') throw new Error(started.message);
    return {
      ...started,
      close: () => thread.close(),
      served: start.dataPlane ? thread.served() : NO_DATA_PLANE,
      listed: () => thread.serveTraffic(),
    };
  }
  const { startEmulator } = await import('../emulator/index.js');
  const emulator = await startEmulator({
    port: 0,
    statePath: start.statePath,
    credentialsPath: start.credentialsPath,
    ...(start.region === undefined ? {} : { region: start.region }),
  });
  let served = NO_DATA_PLANE;
  if (options.dataPlane) {
    try {
      const { serveLocalTraffic } = await import('./traffic.js');
      served = serveLocalTraffic(emulator, start.dataDir, { lang: options.lang, ...options.dataPlane });
    } catch (error) {
      await emulator.close();
      throw error;
    }
  }
  return {
    endpoint: emulator.endpoint,
    region: emulator.region,
    regions: emulator.regions,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    warnings: emulator.warnings,
    close: () => emulator.close(),
    served,
  };
}

/**
 * Node sets up its hashing streams on the first hash: about 10 ms, which the first signed request
 * would pay. Done while the local ALB starts, it costs the first listing nothing.
 */
function warmRequestSigning(): void {
  createHash('sha256').update('').digest('hex');
}

/**
 * How long after the first listing settles the local ALB's data plane is told it may start: its start
 * (undici, certificates, a server a listener) takes the second core for tens of milliseconds, which the
 * first frame with the listing (React, Ink and their garbage collection, in parallel) needs meanwhile.
 */
const DATA_PLANE_AFTER_FIRST_FRAME_MS = 150;

/** `client`, telling `listed` once its first full listing (the dashboard's first) has settled and is drawn. */
function tellingFirstListing(client: AlbClient, listed: () => void): AlbClient {
  let told = false;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'listLoadBalancersAndListeners' || told) return value.bind(target);
      return (...args: unknown[]) => {
        const listing = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const tell = () => {
          if (told) return;
          told = true;
          setTimeout(listed, DATA_PLANE_AFTER_FIRST_FRAME_MS).unref();
        };
        listing.then(tell, tell);
        return listing;
      };
    },
  });
}

async function openLocal(
  options: OpenConnectionOptions,
  region: string | undefined,
  retried = false,
): Promise<OpenConnection> {
  const dir = options.dataDir ?? defaultDataDir(options.env);
  // Only a region the user asked for: otherwise the state file's own region stands, unwarned.
  const start = localAlbStart(dir, region, options.dataPlane, options.lang);
  const { statePath, credentialsPath } = start;
  let emulator: StartedLocal;
  try {
    const starting = startLocal(options, start);
    warmRequestSigning();
    emulator = await starting;
  } catch (error) {
    if (error instanceof StateInUseError) {
      // An owner that no longer listens is on its way out (its alb-tui is quitting): let it go, then
      // take its place, rather than attach to an endpoint that is about to vanish.
      const { owner } = error;
      if (!retried && owner.endpoint && !(await answers(owner.endpoint))) {
        for (let waited = 0; isAlive(owner.pid) && waited < 3000; waited += 100)
          await new Promise((resolve) => setTimeout(resolve, 100));
        return openLocal(options, region, true);
      }
      return attachToRunning(statePath, credentialsPath, error, region);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectionError(connectMessages.emulatorFailed(sanitizeForTerminal(reason)), {
      usage: false,
      cause: error,
    });
  }
  let client: AlbClient;
  try {
    client = createSdkAlbClient({
      region: emulator.region,
      endpoint: emulator.endpoint,
      credentials: {
        kind: 'static',
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
      },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  if (emulator.listed) client = tellingFirstListing(client, emulator.listed);
  const credentials = {
    kind: 'static' as const,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  };
  const forRegion = (other: string): OpenConnection => {
    if (!REGION_ID.test(other)) throw new ConnectionError(connectMessages.badRegion(other), { usage: true });
    // A local ALB serving several regions answers each on its own endpoint; one serving a single region
    // tells a request's region by its RegionId.
    const endpoint =
      emulator.regions.find((entry) => entry.regionId === other)?.endpoint ?? emulator.endpoint;
    return {
      client: createSdkAlbClient({ region: other, endpoint, credentials }),
      info: {
        kind: 'local',
        name: LOCAL_CONNECTION_NAME,
        region: other,
        endpoint,
        readOnly: false,
        production: false,
      },
      warnings: [],
      close: async () => {},
      // One data plane serves every region's listeners: each region's connection reads the same one.
      served: emulator.served,
    };
  };
  return {
    client,
    info: {
      kind: 'local',
      name: LOCAL_CONNECTION_NAME,
      region: emulator.region,
      endpoint: emulator.endpoint,
      readOnly: false,
      production: false,
    },
    warnings: emulator.warnings.map(splitBilingual),
    close: () => emulator.close(),
    served: emulator.served,
    forRegion,
  };
}

/**
 * Another alb-tui process (`alb-tui emulator`, or a second dashboard) already serves this state:
 * use it rather than start a second local ALB that would overwrite its changes.
 */
async function attachToRunning(
  statePath: string,
  credentialsPath: string,
  busy: StateInUseError,
  region: string | undefined,
): Promise<OpenConnection> {
  let owner = busy.owner;
  // The owner may still be starting: its endpoint appears once it listens.
  for (let waited = 0; !owner.endpoint && waited < 3000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    owner = (await readStateOwner(statePath)) ?? owner;
  }
  if (!owner.endpoint) {
    throw new ConnectionError(connectMessages.localAlbBusy(owner.pid, statePath), {
      usage: false,
      cause: busy,
    });
  }
  const credentials = await resolveAccessKeyPair(undefined, credentialsPath, Date.now(), []);
  if (owner.accessKeyId && owner.accessKeyId !== credentials.accessKeyId) {
    throw new ConnectionError(connectMessages.localAlbOtherKey(owner.endpoint), {
      usage: false,
      cause: busy,
    });
  }
  // The region asked for when the running local ALB serves it (each region answers on its own port).
  const served = owner.regions?.find((r) => r.regionId === region);
  region = served?.regionId ?? owner.region ?? region;
  const endpoint = served?.endpoint ?? owner.endpoint;
  const client = createSdkAlbClient({
    region: region ?? DEFAULT_REGION,
    endpoint,
    credentials: {
      kind: 'static',
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
    },
  });
  return {
    client,
    info: {
      kind: 'local',
      name: LOCAL_CONNECTION_NAME,
      region: region ?? DEFAULT_REGION,
      endpoint,
      readOnly: false,
      production: false,
    },
    warnings: [connectMessages.attachedToRunning(owner.endpoint, owner.pid)],
    close: async () => {},
    served: (await import('./traffic.js')).servedByOwner(path.dirname(statePath)),
  };
}

async function openRemote(
  profile: ConnectionProfile,
  endpoint: string | undefined,
  explicitRegion: string | undefined,
): Promise<OpenConnection> {
  const isProfile = profile.kind === 'aliyun';
  const credentials: CredentialsOption = isProfile
    ? credentialsOption(profile.credentials)
    : { kind: 'chain' };
  // A connection on a CLI profile without a region of its own takes the profile's `region_id`.
  const saved: string | undefined = profile.region;
  const region =
    explicitRegion ||
    saved ||
    (credentials.kind === 'cli-profile' ? await cliProfileRegion(credentials.profile) : undefined) ||
    DEFAULT_REGION;
  const target = endpoint ?? (profile.kind === 'aliyun' ? profile.endpoint : undefined);
  let client: AlbClient;
  try {
    client = createSdkAlbClient({
      region,
      ...(target === undefined ? {} : { endpoint: target }),
      credentials,
    });
  } catch (error) {
    if (isAlbError(error)) throw new ConnectionError(error.message, { usage: true, cause: error });
    throw error;
  }
  const host = resolveEndpoint(client.endpoint, `alb.${region}.aliyuncs.com`).host ?? '';
  const production = isProfile ? profile.production : isAliyunHost(host);
  const { connectionColor } = await import('../store/index.js');
  const color = isProfile ? connectionColor(profile) : production ? 'red' : undefined;
  const name = isProfile ? profile.name : client.endpoint;
  return {
    // Read-only is enforced in the client itself: every change is refused before a request leaves.
    client: profile.readOnly ? readOnlyClient(client, name) : client,
    info: {
      kind: 'aliyun',
      name,
      region,
      endpoint: client.endpoint,
      readOnly: profile.readOnly,
      production,
      ...(color === undefined ? {} : { color }),
    },
    warnings: [],
    close: async () => {},
  };
}

/** Where a saved connection's credentials come from, as the SDK adapter takes it. */
function credentialsOption(source: CredentialsSource): CredentialsOption {
  switch (source.source) {
    case 'cli-profile':
      return { kind: 'cli-profile', profile: source.profile };
    case 'environment':
      return { kind: 'environment' };
    case 'credentials-file':
      return { kind: 'credentials-file', path: source.path, section: source.section };
    case 'ecs-ram-role':
      return { kind: 'ecs-ram-role', roleName: source.roleName };
  }
}
