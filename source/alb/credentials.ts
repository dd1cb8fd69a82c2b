// Where an Alibaba Cloud connection's AccessKey comes from, read through the providers of
// `@alicloud/credentials`, with a precise message in both languages when a source has none. The
// files named here hold secrets: we look at them only for names, modes and which keys are present,
// and never put a value into a message.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  ProfileCredentialsProvider,
  type CredentialsProvider,
} from '@alicloud/credentials';
import { both, type Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';
import { AlbError, isAlbError } from './errors.js';

export type CredentialsOption =
  | { kind: 'static'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  /** The default chain: env, OIDC, aliyun CLI profile, ~/.alibabacloud/credentials, ECS RAM role, credentials URI. */
  | { kind: 'chain' }
  /** A profile of the aliyun CLI's `~/.aliyun/config.json`, in any mode `@alicloud/credentials` supports. */
  | { kind: 'cli-profile'; profile: string }
  /** ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN), read at every call. */
  | { kind: 'environment' }
  /**
   * An INI credentials file: `path` (`~/` allowed), else ALIBABA_CLOUD_CREDENTIALS_FILE, else
   * `~/.alibabacloud/credentials`; `section`, else ALIBABA_CLOUD_PROFILE, else `default`.
   */
  | { kind: 'credentials-file'; path?: string; section?: string }
  /** This ECS instance's RAM role: `roleName`, else ALIBABA_CLOUD_ECS_METADATA, else the one the metadata service names. */
  | { kind: 'ecs-ram-role'; roleName?: string };

/** The sources read here; `static` and `chain` are set up directly in the SDK's config. */
export type CredentialsSourceOption = Exclude<CredentialsOption, { kind: 'static' } | { kind: 'chain' }>;

/**
 * A credentials provider for `new Credential(null, provider)`. The source is opened on the first
 * call, and opened again after a failure, so a profile or variable fixed meanwhile is picked up.
 * Every failure is an AlbError of kind `credentials`.
 */
export function credentialsSourceProvider(option: CredentialsSourceOption): CredentialsProvider {
  switch (option.kind) {
    case 'cli-profile':
      return cliProfileProvider(option.profile);
    case 'environment':
      return new SourceProvider('env', openEnvironment, environmentError);
    case 'credentials-file':
      return credentialsFileProvider(option.path, option.section);
    case 'ecs-ram-role':
      return new SourceProvider(
        'ecs_ram_role',
        async () => {
          const builder = ECSRAMRoleCredentialsProvider.builder();
          if (option.roleName) builder.withRoleName(option.roleName);
          return builder.build();
        },
        (error) => credentialsError(ecsRamRoleFailure(error, option.roleName), error),
      );
  }
}

/**
 * The `region_id` of an aliyun CLI profile, if it has one. Never fails: a profile that cannot be
 * read is reported, precisely, by its credentials on the first call.
 */
export async function cliProfileRegion(profile: string): Promise<string | undefined> {
  try {
    const config = await readCliConfig(profile);
    return config.profiles.find((p) => p.name === profile)?.region;
  } catch {
    return undefined;
  }
}

class SourceProvider implements CredentialsProvider {
  private opening: Promise<CredentialsProvider> | undefined;
  private readonly name: string;
  private readonly open: () => Promise<CredentialsProvider>;
  private readonly explain: (error: unknown) => AlbError;

  constructor(name: string, open: () => Promise<CredentialsProvider>, explain: (error: unknown) => AlbError) {
    this.name = name;
    this.open = open;
    this.explain = explain;
  }

  async getCredentials(): ReturnType<CredentialsProvider['getCredentials']> {
    try {
      // Shared, so the parallel first calls of a listing open the source once.
      const inner = await (this.opening ??= this.open());
      return await inner.getCredentials();
    } catch (error) {
      this.opening = undefined;
      throw isAlbError(error) ? error : this.explain(error);
    }
  }

  getProviderName(): string {
    return this.name;
  }
}

function credentialsError(message: Localized, cause?: unknown): AlbError {
  return new AlbError({
    kind: 'credentials',
    code: 'InvalidCredentials',
    message,
    noEffect: true,
    // Only network failures are kept as the cause: other library messages may quote a secret.
    ...(networkCode(cause) === undefined ? {} : { cause }),
  });
}

// ---- aliyun CLI profile -------------------------------------------------------------------------

interface CliProfileFacts {
  name: string;
  mode: string;
  region?: string;
  /** Keys the mode needs that the profile lacks or leaves empty. */
  missing: string[];
}

/** What `~/.aliyun/config.json` says, without a single secret. */
interface CliConfigFacts {
  file: string;
  profiles: CliProfileFacts[];
}

/** Keys a mode cannot do without; an empty key would make the library fall back to the environment's. */
const CLI_MODE_KEYS: Record<string, string[]> = {
  AK: ['access_key_id', 'access_key_secret'],
  StsToken: ['access_key_id', 'access_key_secret', 'sts_token'],
  RamRoleArn: ['access_key_id', 'access_key_secret', 'ram_role_arn'],
};

function cliConfigFile(): string {
  return path.join(os.homedir(), '.aliyun', 'config.json');
}

async function readCliConfig(profile: string): Promise<CliConfigFacts> {
  const file = cliConfigFile();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = errnoCode(error) ?? 'error';
    throw credentialsError(
      code === 'ENOENT'
        ? messages.cliConfigMissing(profile, shown(file))
        : messages.cliConfigUnreadable(profile, shown(file), code),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never the parser's message: it quotes the file.
    throw credentialsError(messages.cliConfigNotJson(profile, shown(file)));
  }
  const entries = isRecord(parsed) && Array.isArray(parsed['profiles']) ? parsed['profiles'] : [];
  const profiles = entries.filter(isRecord).map((entry): CliProfileFacts => {
    const mode = typeof entry['mode'] === 'string' ? entry['mode'] : '';
    const region = typeof entry['region_id'] === 'string' ? entry['region_id'].trim() : '';
    return {
      name: typeof entry['name'] === 'string' ? entry['name'] : '',
      mode,
      ...(region ? { region } : {}),
      missing: (CLI_MODE_KEYS[mode] ?? []).filter((key) => !filled(entry[key])),
    };
  });
  return { file, profiles };
}

function cliProfileProvider(profile: string): CredentialsProvider {
  let mode = '';
  return new SourceProvider(
    'cli_profile',
    async () => {
      const config = await readCliConfig(profile);
      const found = config.profiles.find((p) => p.name === profile);
      if (!found) {
        throw credentialsError(
          messages.cliProfileNotFound(
            profile,
            shown(config.file),
            config.profiles.map((p) => p.name),
          ),
        );
      }
      mode = found.mode;
      if (found.missing.length > 0) {
        throw credentialsError(
          messages.cliProfileIncomplete(profile, mode, shown(config.file), found.missing),
        );
      }
      // Not through `builder().build()`: that refuses when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true, a
      // switch for the default chain, while this connection names its profile explicitly.
      return new CLIProfileCredentialsProvider(
        CLIProfileCredentialsProvider.builder().withProfileName(profile),
      );
    },
    (error) => {
      const subject = messages.cliProfileSubject(profile, mode);
      if (mode === 'EcsRamRole') return credentialsError(prefixed(subject, ecsRamRoleFailure(error)), error);
      const text = libraryReason(error);
      if (/unsupported profile mode/.test(text))
        return credentialsError(messages.cliModeUnsupported(profile, mode));
      return credentialsError(messages.noCredentials(subject, text), error);
    },
  );
}

// ---- environment --------------------------------------------------------------------------------

const ENV_KEYS = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'];

async function openEnvironment(): Promise<CredentialsProvider> {
  if (ENV_KEYS.some((key) => !process.env[key])) throw environmentError();
  return EnvironmentVariableCredentialsProvider.builder().build();
}

function environmentError(): AlbError {
  const unset = ENV_KEYS.filter((key) => !process.env[key]);
  return credentialsError(messages.environmentUnset(unset.length > 0 ? unset : ENV_KEYS));
}

// ---- credentials file ---------------------------------------------------------------------------

const FILE_TYPE_KEYS: Record<string, string[]> = {
  access_key: ['access_key_id', 'access_key_secret'],
  ecs_ram_role: [],
  ram_role_arn: ['access_key_id', 'access_key_secret', 'role_arn'],
};

function credentialsFileProvider(givenPath: string | undefined, givenSection: string | undefined) {
  let type = '';
  let where = { file: '', section: '' };
  return new SourceProvider(
    'profile',
    async () => {
      const fromEnv = process.env['ALIBABA_CLOUD_CREDENTIALS_FILE'];
      const file = givenPath
        ? expandHome(givenPath)
        : fromEnv || path.join(os.homedir(), '.alibabacloud', 'credentials');
      const section = givenSection || process.env['ALIBABA_CLOUD_PROFILE'] || 'default';
      where = { file: shown(file), section };
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        const code = errnoCode(error) ?? 'error';
        throw credentialsError(
          code === 'ENOENT'
            ? messages.fileMissing(where.file, !givenPath && Boolean(fromEnv))
            : messages.fileUnreadable(where.file, code),
        );
      }
      const sections = parseIni(text);
      const entry = sections.get(section);
      if (!entry) throw credentialsError(messages.fileNoSection(where.file, section, [...sections.keys()]));
      type = entry.get('type') ?? '';
      const needed = FILE_TYPE_KEYS[type];
      if (!needed) throw credentialsError(messages.fileBadType(where.file, section, type));
      const missing = needed.filter((key) => !entry.get(key));
      if (missing.length > 0) throw credentialsError(messages.fileIncomplete(where.file, section, missing));
      // The library's own mapping of a section to a provider, fed only the section in use.
      return ProfileCredentialsProvider.builder()
        .withProfileName(section)
        .build()
        .getCredentialsProvider({ [section]: Object.fromEntries(entry) });
    },
    (error) => {
      const subject = messages.fileSubject(where.file, where.section);
      if (type === 'ecs_ram_role')
        return credentialsError(prefixed(subject, ecsRamRoleFailure(error)), error);
      return credentialsError(messages.noCredentials(subject, libraryReason(error)), error);
    },
  );
}

/**
 * INI as the `ini` package (used by `@alicloud/credentials`) reads a credentials file: `[section]`,
 * `key = value`, `;`/`#` comments, quoted values; section names are kept whole (no dotted nesting).
 */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      const name = iniValue(header[1] ?? '');
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (equals <= 0 || !current) continue;
    current.set(iniValue(line.slice(0, equals)), iniValue(line.slice(equals + 1)));
  }
  return sections;
}

function iniValue(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === ';' || char === '#') break;
    if (char === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      out += '\\;#'.includes(next) ? next : `\\${next}`;
      continue;
    }
    out += char;
  }
  return out.trim();
}

// ---- ECS RAM role -------------------------------------------------------------------------------

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Why the instance metadata service gave no credentials, as the user can act on it. */
export function ecsRamRoleFailure(error: unknown, roleName?: string): Localized {
  const role = roleName ? ` ${quote(roleName)}` : '';
  const text = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (/IMDS credentials is disabled/.test(text)) return messages.ecsDisabled();
  const code = networkCode(error);
  if (
    (code !== undefined && UNREACHABLE_CODES.has(code)) ||
    name.includes('RequestTimeout') ||
    /ConnectTimeout|ReadTimeout/.test(text)
  ) {
    return messages.ecsUnreachable();
  }
  if (/get role name failed.*\b404\b/.test(text)) return messages.ecsNoRole();
  if (/get sts token failed, httpStatus: 404\b/.test(text)) return messages.ecsRoleNotAttached(role);
  return messages.ecsFailed(role, libraryReason(error));
}

// ---- helpers ------------------------------------------------------------------------------------

/**
 * A library message fit to show: one line, and cut before whatever it quotes from a file or an answer
 * it could not parse (such text may hold a secret).
 */
function libraryReason(error: unknown): string {
  let text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const quoting = /unmarshal fail|parse|result:/i.exec(text);
  if (quoting) {
    const colon = text.indexOf(':', quoting.index);
    if (colon >= 0) text = text.slice(0, colon);
  }
  text = sanitizeForTerminal(text).trim();
  return [...text].length > 200 ? `${[...text].slice(0, 199).join('')}…` : text;
}

function networkCode(error: unknown): string | undefined {
  const code = errnoCode(error);
  return code !== undefined && UNREACHABLE_CODES.has(code) ? code : undefined;
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function expandHome(file: string): string {
  if (file === '~') return os.homedir();
  if (file.startsWith('~/')) return path.join(os.homedir(), file.slice(2));
  return path.resolve(file);
}

/** A path as shown to the user: under the home directory as `~/…`. */
function shown(file: string): string {
  const home = os.homedir();
  const relative = path.relative(home, file);
  const inside = home && relative && !relative.startsWith('..') && !path.isAbsolute(relative);
  return sanitizeForTerminal(inside ? `~/${relative.split(path.sep).join('/')}` : file);
}

/** A name from a file or the user, safe to print and at most 60 characters. */
function bare(name: string): string {
  const safe = [...sanitizeForTerminal(name)];
  return safe.length > 60 ? `${safe.slice(0, 59).join('')}…` : safe.join('');
}

function quote(name: string): string {
  return `'${bare(name)}'`;
}

function nameList(names: string[]): string {
  const shownNames = names.slice(0, 10).map((n) => (n ? bare(n) : "''"));
  return names.length > 10 ? `${shownNames.join(', ')}, …` : shownNames.join(', ');
}

function prefixed(subject: Localized, detail: Localized): Localized {
  return both(`${subject.en}: ${detail.en}`, `${subject['zh-CN']}：${detail['zh-CN']}`);
}

const messages = {
  cliConfigMissing: (profile: string, file: string) =>
    both(
      `aliyun CLI profile ${quote(profile)}: ${file} does not exist; run \`aliyun configure --profile ${bare(profile)}\``,
      `aliyun CLI 配置 ${quote(profile)}：${file} 不存在；请运行 \`aliyun configure --profile ${bare(profile)}\``,
    ),
  cliConfigUnreadable: (profile: string, file: string, code: string) =>
    both(
      `aliyun CLI profile ${quote(profile)}: cannot read ${file} (${code})`,
      `aliyun CLI 配置 ${quote(profile)}：无法读取 ${file}（${code}）`,
    ),
  cliConfigNotJson: (profile: string, file: string) =>
    both(
      `aliyun CLI profile ${quote(profile)}: ${file} is not valid JSON; fix it or run \`aliyun configure\``,
      `aliyun CLI 配置 ${quote(profile)}：${file} 不是有效的 JSON；请修正或运行 \`aliyun configure\``,
    ),
  cliProfileNotFound: (profile: string, file: string, names: string[]) =>
    both(
      `aliyun CLI profile ${quote(profile)} not found in ${file} (${names.length > 0 ? `profiles there: ${nameList(names)}` : 'no profiles there'})`,
      `在 ${file} 中找不到 aliyun CLI 配置 ${quote(profile)}（${names.length > 0 ? `其中的配置：${nameList(names)}` : '其中没有任何配置'}）`,
    ),
  cliProfileIncomplete: (profile: string, mode: string, file: string, missing: string[]) =>
    both(
      `aliyun CLI profile ${quote(profile)} (mode ${mode}) in ${file} has no ${missing.join(', ')}; run \`aliyun configure --profile ${bare(profile)}\``,
      `${file} 中的 aliyun CLI 配置 ${quote(profile)}（模式 ${mode}）缺少 ${missing.join('、')}；请运行 \`aliyun configure --profile ${bare(profile)}\``,
    ),
  cliModeUnsupported: (profile: string, mode: string) =>
    both(
      `aliyun CLI profile ${quote(profile)} uses mode ${quote(mode)}, which alb-tui cannot read (supported: AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, OAuth, External)`,
      `aliyun CLI 配置 ${quote(profile)} 使用的模式 ${quote(mode)} 无法被 alb-tui 读取（支持：AK、StsToken、RamRoleArn、EcsRamRole、OIDC、ChainableRamRoleArn、CloudSSO、OAuth、External）`,
    ),
  cliProfileSubject: (profile: string, mode: string) =>
    both(
      `aliyun CLI profile ${quote(profile)}${mode ? ` (mode ${mode})` : ''}`,
      `aliyun CLI 配置 ${quote(profile)}${mode ? `（模式 ${mode}）` : ''}`,
    ),
  environmentUnset: (unset: string[]) =>
    both(
      unset.length > 1
        ? `environment variables ${unset.join(' / ')} are not set`
        : `environment variable ${unset.join('')} is not set`,
      `环境变量 ${unset.join(' / ')} 未设置`,
    ),
  fileMissing: (file: string, fromEnv: boolean) =>
    both(
      `credentials file ${file}${fromEnv ? ' (from ALIBABA_CLOUD_CREDENTIALS_FILE)' : ''} does not exist`,
      `凭据文件 ${file}${fromEnv ? '（来自 ALIBABA_CLOUD_CREDENTIALS_FILE）' : ''}不存在`,
    ),
  fileUnreadable: (file: string, code: string) =>
    both(`cannot read credentials file ${file} (${code})`, `无法读取凭据文件 ${file}（${code}）`),
  fileNoSection: (file: string, section: string, names: string[]) =>
    both(
      `credentials file ${file} has no section [${bare(section)}] (${names.length > 0 ? `sections there: ${nameList(names)}` : 'no sections there'})`,
      `凭据文件 ${file} 中没有 [${bare(section)}] 节（${names.length > 0 ? `其中的节：${nameList(names)}` : '其中没有任何节'}）`,
    ),
  fileBadType: (file: string, section: string, type: string) =>
    both(
      `section [${bare(section)}] of credentials file ${file} ${type ? `has type ${quote(type)}` : 'has no type'}; use type = access_key, ecs_ram_role or ram_role_arn`,
      `凭据文件 ${file} 的 [${bare(section)}] 节${type ? `的类型 ${quote(type)} 不受支持` : '缺少 type'}；请使用 type = access_key、ecs_ram_role 或 ram_role_arn`,
    ),
  fileIncomplete: (file: string, section: string, missing: string[]) =>
    both(
      `section [${bare(section)}] of credentials file ${file} has no ${missing.join(', ')}`,
      `凭据文件 ${file} 的 [${bare(section)}] 节缺少 ${missing.join('、')}`,
    ),
  fileSubject: (file: string, section: string) =>
    both(`credentials file ${file}, section [${bare(section)}]`, `凭据文件 ${file} 的 [${bare(section)}] 节`),
  noCredentials: (subject: Localized, reason: string) =>
    both(`${subject.en} gave no credentials: ${reason}`, `${subject['zh-CN']}未能提供凭据：${reason}`),
  ecsDisabled: () =>
    both(
      'ECS RAM role: the instance metadata service is disabled (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)',
      'ECS RAM 角色：实例元数据服务已被禁用（ALIBABA_CLOUD_ECS_METADATA_DISABLED=true）',
    ),
  ecsUnreachable: () =>
    both(
      'ECS RAM role: the instance metadata service is not reachable (not on ECS?)',
      'ECS RAM 角色：无法访问实例元数据服务（当前不在 ECS 实例上？）',
    ),
  ecsNoRole: () =>
    both(
      'ECS RAM role: no RAM role is attached to this ECS instance',
      'ECS RAM 角色：此 ECS 实例未绑定 RAM 角色',
    ),
  ecsRoleNotAttached: (role: string) =>
    both(
      `ECS RAM role${role} is not attached to this ECS instance`,
      `ECS RAM 角色${role}未绑定到此 ECS 实例`,
    ),
  ecsFailed: (role: string, reason: string) =>
    both(
      `ECS RAM role${role}: the instance metadata service gave no credentials: ${reason}`,
      `ECS RAM 角色${role}：实例元数据服务未能提供凭据：${reason}`,
    ),
};
