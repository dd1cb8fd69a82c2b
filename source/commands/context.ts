// What every non-interactive command is given: where to write, the user's language, and (opened
// only when a command asks) the store and the ALB connection. Commands never open either themselves.
import type { AlbClient } from '../alb/client.js';
import type { Lang, Localized } from '../domain/i18n.js';
import type { ServedAddresses } from '../domain/served-addresses.js';
import type { Store } from '../store/index.js';
import { writeJson } from './output.js';

/** A stream that calls back once the text is handed on, as node's streams do. */
export interface TextSink {
  write(text: string, done?: (error?: Error | null) => void): unknown;
}

export interface CommandIo {
  stdout: TextSink;
  stderr: TextSink;
  env: NodeJS.ProcessEnv;
  /** Whether a person is there to answer questions (stdin and stderr are terminals). */
  isTTY: boolean;
  /** Where answers to questions come from; without it nothing is asked. */
  stdin?: NodeJS.ReadableStream;
  /** Stops a long wait (Ctrl-C). */
  signal?: AbortSignal;
}

/** Where the ALB client talks to, as the commands need to know it. */
export interface CommandConnection {
  client: AlbClient;
  info: {
    kind: 'local' | 'aliyun';
    name: string;
    region: string;
    endpoint: string;
    readOnly: boolean;
    production: boolean;
  };
  /** The endpoint an exported aliyun CLI command should name, if any (e.g. the standalone local ALB). */
  exportEndpoint?: string;
  /** The local ALB: where its data plane serves each listener. */
  served?: ServedAddresses;
}

export interface CommandContext {
  lang: Lang;
  io: CommandIo;
  /** `--json`: plain JSON on stdout and nothing else there. */
  json: boolean;
  store(): Promise<Store>;
  connect(): Promise<CommandConnection>;
}

/** The exit statuses of every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A command that stops with a message for stderr. `usage` (exit 2): what the user asked for is
 * wrong; `failure` (exit 1): it could not be done.
 */
export class CommandFailure extends Error {
  readonly code: ExitCode;
  readonly messages: Localized[];
  /** What `--json` reports as `code` (an API error code when the service refused), and its request. */
  readonly errorCode: string;
  readonly requestId: string | undefined;
  /** The ClientToken of a call whose outcome is unknown: a rerun with it is a safe retry. */
  readonly clientToken: string | undefined;

  constructor(code: ExitCode, messages: Localized | Localized[], detail: FailureDetail = {}) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list[0]?.en ?? 'failed');
    this.name = 'CommandFailure';
    this.code = code;
    this.messages = list;
    this.errorCode = detail.errorCode ?? (code === EXIT.usage ? USAGE_ERROR_CODE : 'Failed');
    this.requestId = detail.requestId;
    this.clientToken = detail.clientToken;
  }
}

export interface FailureDetail {
  errorCode?: string | undefined;
  requestId?: string | undefined;
  clientToken?: string | undefined;
}

/** The `code` of every usage error under `--json`. */
export const USAGE_ERROR_CODE = 'InvalidUsage';

export function usageError(messages: Localized | Localized[]): CommandFailure {
  return new CommandFailure(EXIT.usage, messages);
}

export function failure(messages: Localized | Localized[], detail: FailureDetail = {}): CommandFailure {
  return new CommandFailure(EXIT.failure, messages, detail);
}

/** The call options that make an API call stop when the user interrupts. */
export function signalOf(context: CommandContext): { signal?: AbortSignal } {
  return context.io.signal ? { signal: context.io.signal } : {};
}

/** Resolves once the text is handed on, so exiting right after cannot cut it off. */
export function emit(sink: TextSink, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve) => {
    sink.write(text, () => resolve());
  });
}

export function printJson(context: CommandContext, value: unknown): Promise<void> {
  return writeJson(context.io.stdout, value);
}

/** Warnings on stderr: lines of text, or under `--json` one `{"warning": …}` object a line. */
export async function printWarnings(context: CommandContext, warnings: readonly string[]): Promise<void> {
  if (!context.json) return printLines(context.io.stderr, warnings);
  for (const warning of warnings) await writeJsonLine(context.io.stderr, { warning });
}

/** One compact JSON object on its own line (stderr under `--json`). */
export function writeJsonLine(sink: TextSink, value: unknown): Promise<void> {
  return writeJson(sink, value, 0);
}

export function printLines(sink: TextSink, lines: readonly string[]): Promise<void> {
  return emit(sink, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}
