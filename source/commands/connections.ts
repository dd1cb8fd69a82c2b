// `alb-tui connections list|show|add|rm|use`: the saved connection profiles, over the store. A
// connection names where credentials come from, never a secret; values that might be one are never
// echoed back in a message either.
import path from 'node:path';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import {
  CONNECTION_COLORS,
  connectionColor,
  LOCAL_CONNECTION_NAME,
  type ConnectionColor,
  type ConnectionProfile,
  type ConnectionProfileInput,
  type CredentialsSource,
  formatCredentials,
} from '../store/index.js';
import { flag, stringOption, UsageProblem, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { canAsk, confirm } from './ask.js';
import { EXIT, printJson, printLines, usageError, type CommandContext } from './context.js';
import { otherActionsOption, pickAction } from './actions.js';
import { commandMessages, q } from './messages.js';
import { renderFields, renderTable, type Column } from './table.js';

const ACTIONS = ['list', 'show', 'add', 'rm', 'use'] as const;
type Action = (typeof ACTIONS)[number];

const connectionOptions = {
  credentials: { type: 'string' },
  'read-only': { type: 'boolean' },
  production: { type: 'boolean' },
  color: { type: 'string' },
  description: { type: 'string' },
  replace: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
} as const;

/** Options that mean something to one action only; `region` and `endpoint` are global ones add reads. */
const ACTION_OPTIONS: Record<Action, readonly string[]> = {
  list: [],
  show: [],
  add: ['region', 'endpoint', ...Object.keys(connectionOptions).filter((o) => o !== 'yes')],
  rm: ['yes'],
  use: [],
};
const ACTION_SPECIFIC = new Set(['region', 'endpoint', ...Object.keys(connectionOptions)]);

/** What `add` uses when --credentials is not given; see the help text for why. */
const DEFAULT_CREDENTIALS: CredentialsSource = { source: 'cli-profile', profile: 'default' };

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+){1,5}$/;
const REGION_MAX = 64;
const ENDPOINT_MAX = 256;
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*$`);

type Listed = ConnectionProfile & { active: boolean };

// ---- values the user typed, shown back only when they cannot be a secret ----------------------

const SECRET_ENV_NAME = /SECRET|TOKEN|PASSW|ACCESS_KEY|PRIVATE_KEY|API_KEY|CREDENTIAL/i;

/**
 * The value quoted for a message, or undefined when it might be a credential (AccessKey shapes,
 * URLs with user info, long mixed-case tokens, or a credential the environment holds).
 */
function echo(value: string, env: NodeJS.ProcessEnv): string | undefined {
  if (value.length > 64 || /LTAI|STS\.|CAIS|PRIVATE KEY|@|:\/\//.test(value)) return undefined;
  if (value.length >= 16 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value)) return undefined;
  for (const [name, secret] of Object.entries(env)) {
    if (secret && secret.length >= 8 && SECRET_ENV_NAME.test(name) && value.includes(secret))
      return undefined;
  }
  return q(value);
}

// ---- parsing what `add` is given -----------------------------------------------------------------

function regionProblem(region: string, env: NodeJS.ProcessEnv): Localized | undefined {
  return REGION_ID.test(region) && region.length <= REGION_MAX
    ? undefined
    : commandMessages.badRegion(echo(region, env));
}

/**
 * Every problem of an endpoint, each said on its own: accepted are `host`, `host:port` and
 * `http(s)://host[:port]` (a trailing `/` is fine), as the store's schema is.
 */
export function endpointProblems(endpoint: string, env: NodeJS.ProcessEnv): Localized[] {
  if (endpoint === '') return [commandMessages.endpointEmpty()];
  if (endpoint.length > ENDPOINT_MAX) return [commandMessages.endpointTooLong(ENDPOINT_MAX)];
  const problems: Localized[] = [];
  let rest = endpoint;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1]!)) problems.push(commandMessages.endpointScheme(echo(scheme[1]!, env)));
    rest = rest.slice(scheme[0].length);
  }
  const authorityEnd = rest.search(/[/?#]/);
  let authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    problems.push(commandMessages.endpointUserInfo());
    authority = authority.slice(at + 1);
  }
  const queryAt = tail.search(/[?#]/);
  const pathPart = queryAt < 0 ? tail : tail.slice(0, queryAt);
  if (pathPart !== '' && pathPart !== '/') problems.push(commandMessages.endpointPath());
  if (queryAt >= 0) problems.push(commandMessages.endpointQuery());

  let host = authority;
  let port: string | undefined;
  const ipv6 = /^(\[[0-9A-Fa-f:.]+\])(?::(.*))?$/.exec(authority);
  if (ipv6) {
    host = ipv6[1]!;
    port = ipv6[2];
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.slice(0, colon);
      port = authority.slice(colon + 1);
    }
  }
  if (!ipv6 && !HOST_NAME.test(host)) problems.push(commandMessages.endpointHost());
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    problems.push(commandMessages.endpointPort());
  }
  return problems;
}

/** A relative path made absolute, so the connection works from any directory; `~/` is kept (expanded when used). */
function absolutePath(file: string): string {
  return file === '~' || file.startsWith('~/') ? file : path.resolve(file);
}

/**
 * `cli-profile[:NAME]` (NAME defaults to `default`), `environment`, `credentials-file[:PATH][#SECTION]`
 * or `ecs-ram-role[:ROLE]`.
 */
export function parseCredentials(
  text: string,
  env: NodeJS.ProcessEnv,
): { source: CredentialsSource } | { problem: Localized } {
  const FILE = 'credentials-file';
  if (text === FILE || text.startsWith(`${FILE}:`) || text.startsWith(`${FILE}#`)) {
    const spec = text.slice(FILE.length);
    const hash = spec.lastIndexOf('#');
    const section = hash < 0 ? undefined : spec.slice(hash + 1);
    const pathPart = hash < 0 ? spec : spec.slice(0, hash);
    if (section === '') return { problem: commandMessages.credentialsEmptyPart('section') };
    if (pathPart === ':') return { problem: commandMessages.credentialsEmptyPart('path') };
    const file = pathPart === '' ? undefined : absolutePath(pathPart.slice(1));
    return {
      source: {
        source: 'credentials-file',
        ...(file === undefined ? {} : { path: file }),
        ...(section === undefined ? {} : { section }),
      },
    };
  }
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const value = colon < 0 ? undefined : text.slice(colon + 1);
  switch (kind) {
    case 'cli-profile':
      if (value === '') return { problem: commandMessages.credentialsEmptyPart('profile') };
      return { source: { source: 'cli-profile', profile: value ?? 'default' } };
    case 'environment':
      if (value !== undefined) return { problem: commandMessages.credentialsTakesNothing(kind) };
      return { source: { source: 'environment' } };
    case 'ecs-ram-role':
      if (value === '') return { problem: commandMessages.credentialsEmptyPart('role') };
      return { source: { source: 'ecs-ram-role', ...(value === undefined ? {} : { roleName: value }) } };
    default: {
      // Only a word that could be a source's name is echoed: the rest may be a pasted AccessKey.
      const shown = /^[a-z][a-z-]{0,30}$/.test(kind) ? echo(kind, env) : undefined;
      return { problem: commandMessages.credentialsUnknown(shown) };
    }
  }
}

// ---- showing connections -------------------------------------------------------------------------

function yesNo(value: boolean, lang: Lang): string {
  return (value ? commandMessages.yes : commandMessages.no)[lang];
}

function credentialsText(connection: ConnectionProfile, lang: Lang): string {
  return connection.kind === 'local'
    ? both('built-in', '内置')[lang]
    : formatCredentials(connection.credentials);
}

function colourText(connection: ConnectionProfile, lang: Lang): string {
  const colour = connectionColor(connection);
  if (colour === undefined) return commandMessages.none[lang];
  return connection.color === undefined
    ? `${colour} ${lang === 'en' ? '(production)' : '（生产环境）'}`
    : colour;
}

function columns(lang: Lang): Column<Listed>[] {
  return [
    // A blank, not '', so the table does not print its "—" for rows that are not active.
    { header: both(' ', ' '), value: (c) => (c.active ? '*' : ' '), max: 1 },
    { header: both('NAME', '名称'), value: (c) => c.name, max: 32 },
    { header: both('KIND', '类型'), value: (c) => c.kind, max: 6 },
    { header: both('REGION', '地域'), value: (c) => c.region, max: 24 },
    {
      header: both('ENDPOINT', '接入点'),
      value: (c) => (c.kind === 'aliyun' ? c.endpoint : undefined),
      max: 40,
    },
    { header: both('CREDENTIALS', '凭据来源'), value: (c) => credentialsText(c, lang), max: 40 },
    { header: both('READ-ONLY', '只读'), value: (c) => yesNo(c.readOnly, lang), max: 9 },
    { header: both('PRODUCTION', '生产环境'), value: (c) => yesNo(c.production, lang), max: 10 },
    {
      header: both('COLOUR', '颜色'),
      value: (c) => connectionColor(c),
      max: 8,
    },
    { header: both('DESCRIPTION', '描述'), value: (c) => c.description, max: 40 },
  ];
}

function credentialsDescription(connection: ConnectionProfile, lang: Lang): string {
  if (connection.kind === 'local')
    return both("the local ALB's own AccessKey pair (built in)", '本地 ALB 自带的 AccessKey（内置）')[lang];
  const c = connection.credentials;
  const source = formatCredentials(c);
  switch (c.source) {
    case 'cli-profile':
      return (
        both(`aliyun CLI profile ${q(c.profile)}`, `aliyun CLI 配置 ${q(c.profile)}`)[lang] + ` (${source})`
      );
    case 'environment':
      return (
        both(
          'environment variables ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET',
          '环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        )[lang] + ` (${source})`
      );
    case 'credentials-file': {
      const file = c.path === undefined ? undefined : q(c.path);
      const section = c.section === undefined ? undefined : q(c.section);
      return (
        both(
          `credentials file ${file ?? '$ALIBABA_CLOUD_CREDENTIALS_FILE or ~/.alibabacloud/credentials'}, section ${section ?? '$ALIBABA_CLOUD_PROFILE or "default"'}`,
          `凭据文件 ${file ?? '$ALIBABA_CLOUD_CREDENTIALS_FILE 或 ~/.alibabacloud/credentials'}，节 ${section ?? '$ALIBABA_CLOUD_PROFILE 或 "default"'}`,
        )[lang] + ` (${source})`
      );
    }
    case 'ecs-ram-role':
      return (
        (c.roleName === undefined
          ? both('ECS RAM role of this instance', '本实例的 ECS RAM 角色')
          : both(`ECS RAM role ${q(c.roleName)}`, `ECS RAM 角色 ${q(c.roleName)}`))[lang] + ` (${source})`
      );
  }
}

function connectionFields(connection: Listed, lang: Lang): [Localized, string][] {
  const endpoint =
    connection.kind === 'local'
      ? both('started in-process', '在进程内启动')[lang]
      : (connection.endpoint ??
        both(
          `default for the region (https://alb.${connection.region}.aliyuncs.com)`,
          `地域默认接入点（https://alb.${connection.region}.aliyuncs.com）`,
        )[lang]);
  return [
    [both('Connection', '连接'), connection.name],
    [
      both('Kind', '类型'),
      connection.kind === 'local'
        ? both('local ALB (local)', '本地 ALB（local）')[lang]
        : both('Alibaba Cloud (aliyun)', '阿里云（aliyun）')[lang],
    ],
    [both('Active', '当前使用'), yesNo(connection.active, lang)],
    [both('Region', '地域'), connection.region],
    [both('Endpoint', '接入点'), endpoint],
    [both('Credentials', '凭据来源'), credentialsDescription(connection, lang)],
    [both('Read-only', '只读'), yesNo(connection.readOnly, lang)],
    [both('Production', '生产环境'), yesNo(connection.production, lang)],
    [both('Colour', '颜色'), colourText(connection, lang)],
    [both('Description', '描述'), connection.description || commandMessages.none[lang]],
  ];
}

// ---- the actions -----------------------------------------------------------------------------------

function oneName(names: string[]): string {
  if (names.length === 0) throw usageError(commandMessages.missingArgument(commandMessages.connectionName));
  if (names.length > 1) throw usageError(commandMessages.unexpectedArgument(names[1]!));
  return names[0]!;
}

async function listed(context: CommandContext): Promise<Listed[]> {
  const store = await context.store();
  const active = store.getActiveConnection().name;
  return store.listConnections().map((c) => ({ ...c, active: c.name === active }));
}

async function find(context: CommandContext, name: string): Promise<Listed> {
  const all = await listed(context);
  const found = all.find((c) => c.name === name);
  if (!found)
    throw usageError(
      commandMessages.connectionNotFound(
        name,
        all.map((c) => c.name),
      ),
    );
  return found;
}

async function list(context: CommandContext, names: string[]): Promise<number> {
  if (names.length > 0) throw usageError(commandMessages.unexpectedArgument(names[0]!));
  const all = await listed(context);
  if (context.json) {
    await printJson(context, all);
    return EXIT.ok;
  }
  const lines = renderTable(all, columns(context.lang), context.lang);
  if (all.length === 1) lines.push('', commandMessages.noSavedConnections()[context.lang]);
  await printLines(context.io.stdout, lines);
  return EXIT.ok;
}

async function show(context: CommandContext, names: string[]): Promise<number> {
  const connection = await find(context, oneName(names));
  if (context.json) await printJson(context, connection);
  else
    await printLines(
      context.io.stdout,
      renderFields(connectionFields(connection, context.lang), context.lang),
    );
  return EXIT.ok;
}

async function add(context: CommandContext, args: ParsedArgs, names: string[]): Promise<number> {
  const { env } = context.io;
  const name = oneName(names);
  if (name === LOCAL_CONNECTION_NAME) throw usageError(commandMessages.localIsBuiltIn(name, 'add'));
  const problems: Localized[] = [];

  const region = stringOption(args, 'region');
  if (region === undefined) problems.push(commandMessages.missingOption('--region'));
  else {
    const problem = regionProblem(region, env);
    if (problem) problems.push(problem);
  }
  const endpoint = stringOption(args, 'endpoint');
  if (endpoint !== undefined) problems.push(...endpointProblems(endpoint, env));

  let credentials = DEFAULT_CREDENTIALS;
  const credentialsText = stringOption(args, 'credentials');
  if (credentialsText !== undefined) {
    const parsed = parseCredentials(credentialsText, env);
    if ('problem' in parsed) problems.push(parsed.problem);
    else credentials = parsed.source;
  }

  const color = stringOption(args, 'color');
  if (color !== undefined && !(CONNECTION_COLORS as readonly string[]).includes(color)) {
    problems.push(commandMessages.badColor(echo(color, env), CONNECTION_COLORS));
  }
  if (problems.length > 0) throw usageError(problems);

  const description = stringOption(args, 'description');
  const input: ConnectionProfileInput = {
    kind: 'aliyun',
    name,
    region: region!,
    readOnly: flag(args, 'read-only'),
    production: flag(args, 'production'),
    credentials,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(color === undefined ? {} : { color: color as ConnectionColor }),
    ...(description === undefined || description === '' ? {} : { description }),
  };

  const store = await context.store();
  const existed = store.getConnection(name) !== undefined;
  if (existed && !flag(args, 'replace')) throw usageError(commandMessages.connectionExists(name));
  // The store judges the rest (name, description) and refuses anything that looks like a secret;
  // its StoreError reaches the user in their language, with exit 2.
  const saved = await store.saveConnection(input);
  const active = store.getActiveConnection().name === saved.name;
  if (context.json) {
    await printJson(context, { added: saved.name, replaced: existed, connection: { ...saved, active } });
  } else {
    await printLines(context.io.stdout, [
      commandMessages.connectionAdded(saved.name, existed)[context.lang],
      ...(active ? [] : [commandMessages.howToUseConnection(saved.name)[context.lang]]),
    ]);
  }
  return EXIT.ok;
}

async function remove(context: CommandContext, args: ParsedArgs, names: string[]): Promise<number> {
  const name = oneName(names);
  if (name === LOCAL_CONNECTION_NAME) throw usageError(commandMessages.localIsBuiltIn(name, 'rm'));
  const connection = await find(context, name);
  if (!flag(args, 'yes')) {
    if (!canAsk(context.io)) throw usageError(commandMessages.notInteractiveRemove());
    const question = commandMessages.confirmRemoveConnection(name, connection.active)[context.lang];
    if (!(await confirm(context.io, question))) {
      await printLines(context.io.stderr, [commandMessages.notRemoved()[context.lang]]);
      return EXIT.failure;
    }
  }
  const store = await context.store();
  if (!(await store.deleteConnection(name))) {
    throw usageError(
      commandMessages.connectionNotFound(
        name,
        store.listConnections().map((c) => c.name),
      ),
    );
  }
  const active = store.getActiveConnection().name;
  if (context.json) await printJson(context, { removed: name, active });
  else
    await printLines(context.io.stdout, [
      commandMessages.connectionRemoved(name)[context.lang],
      ...(connection.active ? [commandMessages.activeFellBackToLocal()[context.lang]] : []),
    ]);
  return EXIT.ok;
}

async function use(context: CommandContext, names: string[]): Promise<number> {
  const name = oneName(names);
  await find(context, name);
  const store = await context.store();
  const active = await store.setActiveConnection(name);
  if (context.json) await printJson(context, { active: active.name });
  else await printLines(context.io.stdout, [commandMessages.nowActive(active.name)[context.lang]]);
  return EXIT.ok;
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const [action, ...rest] = args.positionals;
  const known = pickAction('connections', action, ACTIONS, { remove: 'rm' });
  const other = otherActionsOption(args, ACTION_SPECIFIC, ACTION_OPTIONS[known]);
  if (other !== undefined) throw new UsageProblem(commandMessages.optionNotForAction(`--${other}`, known));
  switch (known) {
    case 'list':
      return list(context, rest);
    case 'show':
      return show(context, rest);
    case 'add':
      return add(context, args, rest);
    case 'rm':
      return remove(context, args, rest);
    case 'use':
      return use(context, rest);
  }
}

export const connectionsCommand: CommandDefinition = {
  name: 'connections',
  options: connectionOptions,
  positionals: 'any',
  help: both(
    `Usage: alb-tui connections <command> [arguments]

Saved connection profiles: where alb-tui talks to (the local ALB, or Alibaba Cloud in a region)
and where the credentials come from. A connection never holds a secret.

Commands:
  list                          list the connections, the built-in local ALB first; * marks the
                                active one
  show NAME                     show one connection
  add NAME --region REGION [options]
                                save an Alibaba Cloud connection; a name already taken is
                                refused unless --replace
  rm NAME [--yes]               remove a connection (asks first unless --yes); the built-in
                                "local" cannot be removed; removing the active one makes the
                                local ALB active
  use NAME                      make NAME the active connection: the one the dashboard
                                (alb-tui) opens when started without --connection or --endpoint
                                ("use local" goes back to the local ALB)

Options of add:
  --region REGION               region ID, e.g. cn-hangzhou (required)
  --endpoint URL                host, host:port or http(s)://host[:port], without user, path or
                                query (default: https://alb.REGION.aliyuncs.com)
  --credentials SOURCE          where credentials come from (default: cli-profile:default):
                                  cli-profile[:NAME]   a profile of the aliyun CLI
                                                       (~/.aliyun/config.json; NAME default "default")
                                  environment          ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET
                                                       (and ALIBABA_CLOUD_SECURITY_TOKEN)
                                  credentials-file[:PATH][#SECTION]
                                                       an Alibaba Cloud credentials file (default
                                                       $ALIBABA_CLOUD_CREDENTIALS_FILE, else
                                                       ~/.alibabacloud/credentials; section default
                                                       $ALIBABA_CLOUD_PROFILE, else "default");
                                                       a relative PATH is saved as absolute
                                  ecs-ram-role[:ROLE]  the RAM role of the ECS instance
                                The default is the aliyun CLI's "default" profile, set up by
                                'aliyun configure': a saved connection then always uses the same
                                account, whatever the shell's environment holds. For CI, give
                                --credentials environment.
  --read-only                   refuse every change through this connection
  --production                  mark it as production (shown in red unless --color)
  --color COLOR                 ${CONNECTION_COLORS.join(', ')}
  --description TEXT            a note shown by list and show
  --replace                     replace a connection of the same name entirely (options left
                                out take their defaults)
`,
    `用法：alb-tui connections <子命令> [参数]

已保存的连接：alb-tui 连接到哪里（本地 ALB，或阿里云某地域）以及凭据从哪里获取。
连接中从不保存密钥。

子命令：
  list                          列出连接，内置的本地 ALB 在最前；* 标记当前使用的连接
  show NAME                     显示一个连接
  add NAME --region REGION [选项]
                                保存一个阿里云连接；名称已存在时拒绝，除非指定 --replace
  rm NAME [--yes]               删除连接（未指定 --yes 时先询问）；内置的 "local" 不能删除；
                                删除当前使用的连接后，本地 ALB 成为当前连接
  use NAME                      将 NAME 设为当前连接：启动控制台（alb-tui）时若未指定
                                --connection 或 --endpoint，将打开此连接
                                （"use local" 切回本地 ALB）

add 的选项：
  --region REGION               地域 ID，例如 cn-hangzhou（必填）
  --endpoint URL                主机、主机:端口 或 http(s)://主机[:端口]，不能包含用户、路径或
                                查询参数（默认：https://alb.REGION.aliyuncs.com）
  --credentials SOURCE          凭据来源（默认：cli-profile:default）：
                                  cli-profile[:NAME]   aliyun CLI 的配置
                                                       （~/.aliyun/config.json；NAME 默认为 "default"）
                                  environment          环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET
                                                       （以及 ALIBABA_CLOUD_SECURITY_TOKEN）
                                  credentials-file[:PATH][#SECTION]
                                                       阿里云凭据文件（默认取 $ALIBABA_CLOUD_CREDENTIALS_FILE，
                                                       否则 ~/.alibabacloud/credentials；节默认取
                                                       $ALIBABA_CLOUD_PROFILE，否则 "default"）；
                                                       相对路径将保存为绝对路径
                                  ecs-ram-role[:ROLE]  ECS 实例的 RAM 角色
                                默认使用 aliyun CLI 的 "default" 配置（由 'aliyun configure' 创建）：
                                这样已保存的连接始终使用同一账号，不受当前 shell 环境变量影响。
                                在 CI 中请指定 --credentials environment。
  --read-only                   禁止通过此连接进行任何更改
  --production                  标记为生产环境（未指定 --color 时以红色显示）
  --color COLOR                 ${CONNECTION_COLORS.join('、')}
  --description TEXT            备注，由 list 和 show 显示
  --replace                     完整替换同名连接（未指定的选项取默认值）
`,
  ),
  run,
};
