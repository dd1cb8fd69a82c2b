// The one place the local ALB is wired in: picks where the ALB client talks to (the in-process local
// ALB, an endpoint given on the command line, or a saved Alibaba Cloud connection) and opens it.
import path from 'node:path';
import type { AlbClient } from '../alb/client.js';
import { isAliyunHost, resolveEndpoint } from '../alb/endpoint.js';
import { isAlbError } from '../alb/errors.js';
import { createSdkAlbClient } from '../alb/sdk-client.js';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';
import {
  StateInUseError,
  readStateOwner,
  resolveAccessKeyPair,
  startEmulator,
  type RunningEmulator,
} from '../emulator/index.js';
import {
  connectionColor,
  dataDir as defaultDataDir,
  LOCAL_CONNECTION,
  LOCAL_CONNECTION_NAME,
  openStore,
  type ConnectionProfile,
  type CredentialsSource,
  type Store,
} from '../store/index.js';

export const LOCAL_STATE_FILE = 'local-alb.json';
export const LOCAL_CREDENTIALS_FILE = 'local-alb-credentials.json';
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
  credentialsHint(connection: string, source: Localized, variable: string, value: string): Localized {
    return both(
      `connection ${quoted(connection)} takes credentials from ${source.en}; alb-tui reads them through the default credential chain, so set ${variable}=${quoted(value)} to make sure it uses them`,
      `连接 ${quoted(connection)} 的凭据来自${source['zh-CN']}；alb-tui 通过默认凭据链读取凭据，请设置 ${variable}=${quoted(value)} 以确保使用该凭据`,
    );
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
  const profile = await findConnection(options);
  const endpoint = options.endpoint?.trim() || undefined;
  if (!endpoint && profile.kind === 'local') {
    return openLocal(options, explicitRegion);
  }
  return openRemote(options, profile, endpoint, explicitRegion);
}

async function findConnection(options: OpenConnectionOptions): Promise<ConnectionProfile> {
  const name = options.connectionName;
  if (name === undefined || name === LOCAL_CONNECTION_NAME) return LOCAL_CONNECTION;
  const store = options.store ?? (await openStore({ env: options.env }));
  const found = store.getConnection(name);
  if (!found) {
    const known = store.listConnections().map((c) => c.name);
    throw new ConnectionError(connectMessages.unknownConnection(name, known), { usage: true });
  }
  return found;
}

async function openLocal(
  options: OpenConnectionOptions,
  region: string | undefined,
): Promise<OpenConnection> {
  const dir = options.dataDir ?? defaultDataDir(options.env);
  const statePath = path.join(dir, LOCAL_STATE_FILE);
  const credentialsPath = path.join(dir, LOCAL_CREDENTIALS_FILE);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      port: 0,
      statePath,
      credentialsPath,
      // Only a region the user asked for: otherwise the state file's own region stands, unwarned.
      ...(region === undefined ? {} : { region }),
    });
  } catch (error) {
    if (error instanceof StateInUseError) return attachToRunning(statePath, credentialsPath, error, region);
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
  region = owner.region ?? region;
  const client = createSdkAlbClient({
    region: region ?? DEFAULT_REGION,
    endpoint: owner.endpoint,
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
      endpoint: owner.endpoint,
      readOnly: false,
      production: false,
    },
    warnings: [connectMessages.attachedToRunning(owner.endpoint, owner.pid)],
    close: async () => {},
  };
}

async function openRemote(
  options: OpenConnectionOptions,
  profile: ConnectionProfile,
  endpoint: string | undefined,
  explicitRegion: string | undefined,
): Promise<OpenConnection> {
  const region = explicitRegion ?? profile.region ?? DEFAULT_REGION;
  const isProfile = profile.kind === 'aliyun';
  const target = endpoint ?? (profile.kind === 'aliyun' ? profile.endpoint : undefined);
  let client: AlbClient;
  try {
    client = createSdkAlbClient({
      region,
      ...(target === undefined ? {} : { endpoint: target }),
      credentials: { kind: 'chain' },
    });
  } catch (error) {
    if (isAlbError(error)) throw new ConnectionError(error.message, { usage: true, cause: error });
    throw error;
  }
  const host = resolveEndpoint(client.endpoint, `alb.${region}.aliyuncs.com`).host ?? '';
  const production = isProfile ? profile.production : isAliyunHost(host);
  const color = isProfile ? connectionColor(profile) : production ? 'red' : undefined;
  const warnings =
    profile.kind === 'aliyun' ? credentialHints(profile.name, profile.credentials, options.env) : [];
  return {
    client,
    info: {
      kind: 'aliyun',
      name: isProfile ? profile.name : client.endpoint,
      region,
      endpoint: client.endpoint,
      readOnly: profile.readOnly,
      production,
      ...(color === undefined ? {} : { color }),
    },
    warnings,
    close: async () => {},
  };
}

/**
 * The SDK adapter reads credentials through the default chain, which picks a CLI profile, a
 * credentials file or a RAM role by environment variable. When the connection names one and the
 * environment does not select it, say how to.
 */
function credentialHints(name: string, source: CredentialsSource, env: NodeJS.ProcessEnv): Localized[] {
  const hint = (what: Localized, variable: string, value: string): Localized[] => {
    if (env[variable] === value) return [];
    return [connectMessages.credentialsHint(name, what, variable, value)];
  };
  switch (source.source) {
    case 'environment':
      return [];
    case 'cli-profile':
      return hint(
        both(`aliyun CLI profile ${quoted(source.profile)}`, ` aliyun CLI 配置 ${quoted(source.profile)}`),
        'ALIBABA_CLOUD_PROFILE',
        source.profile,
      );
    case 'credentials-file': {
      const out: Localized[] = [];
      if (source.path)
        out.push(
          ...hint(
            both(`the credentials file ${quoted(source.path)}`, `凭据文件 ${quoted(source.path)}`),
            'ALIBABA_CLOUD_CREDENTIALS_FILE',
            source.path,
          ),
        );
      if (source.section)
        out.push(
          ...hint(
            both(
              `the credentials file section ${quoted(source.section)}`,
              `凭据文件的 ${quoted(source.section)} 节`,
            ),
            'ALIBABA_CLOUD_PROFILE',
            source.section,
          ),
        );
      return out;
    }
    case 'ecs-ram-role':
      return source.roleName
        ? hint(
            both(`the ECS RAM role ${quoted(source.roleName)}`, ` ECS RAM 角色 ${quoted(source.roleName)}`),
            'ALIBABA_CLOUD_ECS_METADATA',
            source.roleName,
          )
        : [];
  }
}
