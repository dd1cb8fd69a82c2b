// The non-interactive subcommands' entry: finds the command word, reads the options in the user's
// language, opens the store and the connection only when the command asks, and turns every way a
// command can end into an exit status (0 success, 1 failure, 2 invalid usage or input).
import { isAliyunHost, resolveEndpoint } from '../alb/endpoint.js';
import { describeError, isAlbError } from '../alb/errors.js';
import { both, langFromEnv, parseLang, type Lang, type Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';
import {
  COMMANDS,
  commandMessages,
  EXIT,
  findCommandWord,
  GLOBAL_OPTIONS,
  helpText,
  parseCommandArgs,
  printLines,
  rawLangOption,
  stringOption,
  flag,
  CommandFailure,
  UsageProblem,
  emit,
  type CommandConnection,
  type CommandContext,
  type CommandIo,
} from '../commands/index.js';
import {
  isStoreError,
  LOCAL_CONNECTION_NAME,
  openStore,
  type Store,
  type StoreErrorCode,
} from '../store/index.js';
import type { OpenConnection } from './connect.js';

export interface SubcommandIo extends CommandIo {
  /** Stop waiting on SIGINT/SIGTERM (and close the local ALB cleanly) instead of dying at once. */
  handleSignals?: boolean;
}

/** The port `alb-tui emulator` listens on by default, for exported aliyun CLI commands. */
const STANDALONE_LOCAL_ALB = 'http://127.0.0.1:18081';

const USAGE_STORE_ERRORS: ReadonlySet<StoreErrorCode> = new Set([
  'invalid',
  'not-found',
  'conflict',
  'builtin',
  'secret',
]);

/**
 * Runs `alb-tui <command> ...` for the non-interactive commands (instances, listeners, create,
 * profiles, export). Resolves the exit status, or undefined when `argv` names none of them, so the
 * caller goes on to the dashboard or the emulator.
 */
export async function runSubcommand(argv: readonly string[], io: SubcommandIo): Promise<number | undefined> {
  const found = findCommandWord(argv);
  const command = found ? COMMANDS.get(found.word) : undefined;
  if (!found || !command) return undefined;
  const name = command.name;
  const rest = [...argv.slice(0, found.index), ...argv.slice(found.index + 1)];

  let lang: Lang = langFromEnv(io.env);
  const rawLang = rawLangOption(argv);
  if (rawLang !== undefined && !rawLang.startsWith('-')) {
    const parsed = parseLang(rawLang);
    if (!parsed) return usage(io, name, lang, commandMessages.badLang(rawLang));
    lang = parsed;
  }

  let args;
  try {
    args = parseCommandArgs(rest, { ...GLOBAL_OPTIONS, ...command.options });
  } catch (error) {
    if (error instanceof UsageProblem) return usage(io, name, lang, error.localized);
    throw error;
  }
  if (flag(args, 'help')) {
    await emit(io.stdout, helpText(command, lang));
    return EXIT.ok;
  }
  if (typeof command.positionals === 'number' && args.positionals.length > command.positionals) {
    return usage(io, name, lang, commandMessages.unexpectedArgument(args.positionals[command.positionals]!));
  }

  const stop = new AbortController();
  const signals: NodeJS.Signals[] = io.handleSignals ? ['SIGINT', 'SIGTERM'] : [];
  const onSignal = () => stop.abort();
  // `once`: a second Ctrl-C finds no handler and ends the process the usual way.
  for (const signal of signals) process.once(signal, onSignal);
  const signal = io.signal ? AbortSignal.any([io.signal, stop.signal]) : stop.signal;

  let store: Promise<Store> | undefined;
  let connection: Promise<OpenConnection> | undefined;
  const context: CommandContext = {
    lang,
    io: { ...io, signal },
    json: flag(args, 'json'),
    store: () =>
      (store ??= openStore({ env: io.env }).then(async (opened) => {
        await printLines(
          io.stderr,
          opened.warnings.map((w) => w[lang]),
        );
        return opened;
      })),
    connect: async () => {
      connection ??= (async () => {
        const { openConnection } = await import('./connect.js');
        const endpoint = stringOption(args, 'endpoint');
        // Like the dashboard: without --connection or --endpoint, the active connection
        // (`alb-tui connections use`, or the last `:ctx`).
        const connectionName =
          stringOption(args, 'connection') ??
          (endpoint === undefined ? await activeConnectionName(context) : undefined);
        const opened = await openConnection({
          lang,
          env: io.env,
          ...optional('endpoint', endpoint),
          ...optional('region', stringOption(args, 'region')),
          ...optional('connectionName', connectionName),
          ...(connectionName !== undefined ? { store: await context.store() } : {}),
        });
        await printLines(
          io.stderr,
          opened.warnings.map((w) => commandMessages.warning(w[lang])[lang]),
        );
        return opened;
      })();
      return toCommandConnection(await connection);
    },
  };

  try {
    return await command.run(context, args);
  } catch (error) {
    return report(io, name, lang, error);
  } finally {
    for (const s of signals) process.off(s, onSignal);
    if (connection) {
      const opened = await connection.catch(() => undefined);
      await opened?.close();
    }
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function toCommandConnection(opened: OpenConnection): CommandConnection {
  const { info } = opened;
  let exportEndpoint: string | undefined;
  if (info.kind === 'local') {
    // The in-process local ALB is gone when the command ends; `alb-tui emulator` serves the same
    // state (and AccessKey pair) on its default port, so an exported command works against it.
    exportEndpoint = STANDALONE_LOCAL_ALB;
  } else {
    const host = resolveEndpoint(info.endpoint, `alb.${info.region}.aliyuncs.com`).host ?? '';
    if (!isAliyunHost(host)) exportEndpoint = info.endpoint;
  }
  return { client: opened.client, info, ...(exportEndpoint === undefined ? {} : { exportEndpoint }) };
}

async function usage(io: SubcommandIo, command: string, lang: Lang, message: Localized): Promise<number> {
  await printLines(io.stderr, [
    `alb-tui ${command}: ${message[lang]}`,
    commandMessages.tryHelp(command)[lang],
  ]);
  return EXIT.usage;
}

async function report(io: SubcommandIo, command: string, lang: Lang, error: unknown): Promise<number> {
  if (error instanceof UsageProblem) return usage(io, command, lang, error.localized);
  if (error instanceof CommandFailure) {
    await printLines(
      io.stderr,
      error.messages.map((m) => m[lang]),
    );
    return error.code;
  }
  if (isConnectionError(error)) {
    await printLines(io.stderr, [`alb-tui ${command}: ${error.localized[lang]}`]);
    return error.usage ? EXIT.usage : EXIT.failure;
  }
  if (isStoreError(error)) {
    await printLines(
      io.stderr,
      error.problems.map((p) => p[lang]),
    );
    return USAGE_STORE_ERRORS.has(error.code) ? EXIT.usage : EXIT.failure;
  }
  if (isAlbError(error)) {
    await printLines(io.stderr, [`alb-tui ${command}: ${describeError(error, lang)}`]);
    return EXIT.failure;
  }
  const text = sanitizeForTerminal(
    error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  );
  const message = both(`unexpected error: ${text}`, `意外错误：${text}`);
  await printLines(io.stderr, [`alb-tui ${command}: ${message[lang]}`]);
  return EXIT.failure;
}

/** The active connection's name; undefined (the local ALB) when the store cannot be read. */
async function activeConnectionName(context: { store: () => Promise<Store> }): Promise<string | undefined> {
  try {
    const name = (await context.store()).getActiveConnection().name;
    return name === LOCAL_CONNECTION_NAME ? undefined : name;
  } catch {
    return undefined;
  }
}

/** ConnectionError, recognised without importing connect.ts (and the local ALB) up front. */
function isConnectionError(error: unknown): error is Error & { localized: Localized; usage: boolean } {
  return (
    error instanceof Error && error.name === 'ConnectionError' && 'localized' in error && 'usage' in error
  );
}
