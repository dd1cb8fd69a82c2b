// The non-interactive subcommands' entry: finds the command word, reads the options in the user's
// language, opens the store and the connection only when the command asks, and turns every way a
// command can end into an exit status (0 success, 1 failure, 2 invalid usage or input).
import { setMaxListeners } from 'node:events';
import { isAliyunHost, resolveEndpoint } from '../alb/endpoint.js';
import { describeError, isAlbError } from '../alb/errors.js';
import { both, langFromEnv, parseLang, type Lang, type Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';
import { albErrorCode } from '../commands/errors.js';
import { terminalOutput } from '../commands/output.js';
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
  printWarnings,
  USAGE_ERROR_CODE,
  wantsJson,
  writeJsonLine,
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
export async function runSubcommand(
  argv: readonly string[],
  rawIo: SubcommandIo,
): Promise<number | undefined> {
  const found = findCommandWord(argv);
  const command = found ? COMMANDS.get(found.word) : undefined;
  if (!found || !command) return undefined;
  const name = command.name;
  const rest = [...argv.slice(0, found.index), ...argv.slice(found.index + 1)];
  // Every line any command writes passes the sanitiser; JSON is escaped safely instead.
  const io: SubcommandIo = {
    ...rawIo,
    stdout: terminalOutput(rawIo.stdout),
    stderr: terminalOutput(rawIo.stderr),
  };
  // Read before the options are judged: a usage error is JSON too under `--json`.
  const jsonErrors = wantsJson(rest);

  let lang: Lang = langFromEnv(io.env);
  const rawLang = rawLangOption(argv);
  if (rawLang !== undefined && !rawLang.startsWith('-')) {
    const parsed = parseLang(rawLang);
    if (!parsed) return usage(io, name, lang, commandMessages.badLang(rawLang), jsonErrors);
    lang = parsed;
  }

  let args;
  try {
    args = parseCommandArgs(rest, { ...GLOBAL_OPTIONS, ...command.options });
  } catch (error) {
    if (error instanceof UsageProblem) return usage(io, name, lang, error.localized, jsonErrors);
    throw error;
  }
  if (flag(args, 'help')) {
    await emit(io.stdout, helpText(command, lang));
    return EXIT.ok;
  }
  if (typeof command.positionals === 'number' && args.positionals.length > command.positionals) {
    return usage(
      io,
      name,
      lang,
      commandMessages.unexpectedArgument(args.positionals[command.positionals]!),
      jsonErrors,
    );
  }

  const stop = new AbortController();
  const signals: NodeJS.Signals[] = io.handleSignals ? ['SIGINT', 'SIGTERM'] : [];
  const onSignal = () => stop.abort();
  // `once`: a second Ctrl-C finds no handler and ends the process the usual way.
  for (const signal of signals) process.once(signal, onSignal);
  const signal = io.signal ? AbortSignal.any([io.signal, stop.signal]) : stop.signal;
  // Every call a command has in flight listens on its signal until it settles (alb/retry.ts removes the
  // listener then), and commands run many at once (a listing, a certificate's uses): Node's leak warning,
  // at 11, would print on stderr for a command that works.
  setMaxListeners(0, signal);

  let store: Promise<Store> | undefined;
  let connection: Promise<OpenConnection> | undefined;
  const context: CommandContext = {
    lang,
    io: { ...io, signal },
    json: flag(args, 'json'),
    store: () =>
      (store ??= openStore({ env: io.env }).then(async (opened) => {
        await printWarnings(
          context,
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
        await printWarnings(
          context,
          opened.warnings.map((w) => (context.json ? w[lang] : commandMessages.warning(w[lang])[lang])),
        );
        return opened;
      })();
      return toCommandConnection(await connection);
    },
  };

  try {
    return await command.run(context, args);
  } catch (error) {
    return report(io, name, lang, error, context.json);
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
  return {
    client: opened.client,
    info,
    ...(exportEndpoint === undefined ? {} : { exportEndpoint }),
    ...(opened.served ? { served: opened.served } : {}),
  };
}

/** How a command ended badly: its exit status and what is said about it. */
interface ErrorReport {
  exit: number;
  /** `code` under `--json`: the API's error code when the service answered with one. */
  code: string;
  lines: string[];
  requestId?: string | undefined;
  clientToken?: string | undefined;
  /** Text lines get `alb-tui COMMAND: ` in front (and a usage error the hint to --help). */
  prefixed: boolean;
}

async function usage(
  io: SubcommandIo,
  command: string,
  lang: Lang,
  message: Localized,
  json: boolean,
): Promise<number> {
  return say(io, command, lang, json, {
    exit: EXIT.usage,
    code: USAGE_ERROR_CODE,
    lines: [message[lang]],
    prefixed: true,
  });
}

/** Writes the report on stderr, as text or (under `--json`) as one `{code, message, requestId}` object. */
async function say(
  io: SubcommandIo,
  command: string,
  lang: Lang,
  json: boolean,
  report: ErrorReport,
): Promise<number> {
  if (json) {
    const [message = '', ...details] = report.lines;
    await writeJsonLine(io.stderr, {
      code: report.code,
      message,
      ...(report.requestId === undefined ? {} : { requestId: report.requestId }),
      ...(report.clientToken === undefined ? {} : { clientToken: report.clientToken }),
      ...(details.length > 0 ? { details } : {}),
    });
    return report.exit;
  }
  const lines = report.prefixed ? report.lines.map((line) => `alb-tui ${command}: ${line}`) : report.lines;
  if (report.exit === EXIT.usage && report.prefixed) lines.push(commandMessages.tryHelp(command)[lang]);
  await printLines(io.stderr, lines);
  return report.exit;
}

async function report(
  io: SubcommandIo,
  command: string,
  lang: Lang,
  error: unknown,
  json: boolean,
): Promise<number> {
  return say(io, command, lang, json, describeFailure(error, lang));
}

function describeFailure(error: unknown, lang: Lang): ErrorReport {
  if (error instanceof UsageProblem)
    return { exit: EXIT.usage, code: USAGE_ERROR_CODE, lines: [error.localized[lang]], prefixed: true };
  if (error instanceof CommandFailure) {
    return {
      exit: error.code,
      code: error.errorCode,
      lines: error.messages.map((m) => m[lang]),
      requestId: error.requestId,
      clientToken: error.clientToken,
      prefixed: false,
    };
  }
  if (isConnectionError(error)) {
    return {
      exit: error.usage ? EXIT.usage : EXIT.failure,
      code: error.usage ? USAGE_ERROR_CODE : 'ConnectionFailed',
      lines: [error.localized[lang]],
      prefixed: true,
    };
  }
  if (isStoreError(error)) {
    const isUsage = USAGE_STORE_ERRORS.has(error.code);
    return {
      exit: isUsage ? EXIT.usage : EXIT.failure,
      code: isUsage ? USAGE_ERROR_CODE : `Store.${error.code}`,
      lines: error.problems.map((p) => p[lang]),
      prefixed: false,
    };
  }
  if (isAlbError(error)) {
    return {
      exit: EXIT.failure,
      code: albErrorCode(error),
      lines: [describeError(error, lang)],
      requestId: error.requestId,
      prefixed: true,
    };
  }
  const text = sanitizeForTerminal(
    error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  );
  const message = both(`unexpected error: ${text}`, `意外错误：${text}`);
  return { exit: EXIT.failure, code: 'UnexpectedError', lines: [message[lang]], prefixed: true };
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
