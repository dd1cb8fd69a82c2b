// The command line, parsed into what to do. Pure (argv and environment in, a request out), so every
// message and exit path is tested without starting anything.
import { parseArgs } from 'node:util';
import { CLI_OPTIONS } from './cli-options.js';
import { AlbError } from '../alb/errors.js';
import { resolveEndpoint } from '../alb/endpoint.js';
import { parseLang } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';
import { DEFAULT_REGION, LOCAL_PROFILE, type Connection } from './connection.js';
import { ct } from './connections/connections-i18n.js';
import { isMultiSpec, splitConnectionSpec } from './connections/members.js';
import { chooseLang, t, type Lang } from './i18n.js';

export type CliRequest =
  | { kind: 'help'; lang: Lang }
  | { kind: 'version'; lang: Lang }
  /** `alb-tui emulator ...`: everything after the word `emulator` belongs to that command. */
  | { kind: 'emulator'; lang: Lang; argv: string[] }
  | {
      kind: 'dashboard';
      lang: Lang;
      /** `--lang` was given: a language saved with `:lang` does not override it. */
      langExplicit: boolean;
      /** The region as the user gave it; undefined leaves it to the connection (or the local ALB's state). */
      region: string | undefined;
      /** The endpoint as the user gave it; undefined means the local ALB or a saved connection. */
      endpoint: string | undefined;
      /** `--connection NAME`: a saved connection profile. */
      connectionName: string | undefined;
      /** Seconds between automatic refreshes; 0 turns them off. */
      refreshSeconds: number;
      /** What the header shows until the connection is open. */
      connection: Connection;
      /** The local ALB serves its listeners (`--no-data-plane` turns it off), moved by `--port-offset`. */
      dataPlane: false | { portOffset: number };
    }
  /** A usage error: print `message` on stderr and exit with status 2. */
  | { kind: 'error'; lang: Lang; message: string };

export const USAGE_ERROR_EXIT = 2;
export const DEFAULT_REFRESH_SECONDS = 10;
export const MAX_REFRESH_SECONDS = 3600;
export const DEFAULT_PORT_OFFSET = 10_000;

const OPTIONS = CLI_OPTIONS;

type OptionName = keyof typeof OPTIONS;

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/** Region IDs look like `cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`. */
const REGION_ID = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

/** A value as it may appear in a message: sanitized, quoted, and not endless. */
function quoted(value: string): string {
  const safe = sanitizeForTerminal(value);
  return `'${safe.length > 60 ? `${safe.slice(0, 59)}…` : safe}'`;
}

/** Whether a word after an option is another option rather than its value: `-x`, not `-1`. */
export function isOptionLike(word: string): boolean {
  return word.startsWith('-') && word !== '-' && !/^-\d/.test(word);
}

export function parseCommandLine(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): CliRequest {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  // The language is needed for the error messages themselves, so it is read before anything is judged.
  const langToken = tokens.find((token) => token.kind === 'option' && token.name === 'lang');
  const langValue = langToken?.kind === 'option' ? langToken.value : undefined;
  const lang = chooseLang(langValue, env);
  const fail = (message: string): CliRequest => ({
    kind: 'error',
    lang,
    message: `alb-tui: ${message}\n${t(lang, 'tryHelp')}`,
  });

  const values: Partial<Record<OptionName, string | boolean>> = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (token.value === 'emulator') return { kind: 'emulator', lang, argv: argv.slice(token.index + 1) };
      return fail(t(lang, 'unknownCommand', { command: quoted(token.value) }));
    }
    if (!isOptionName(token.name)) return fail(t(lang, 'unknownOption', { option: quoted(token.rawName) }));
    if (OPTIONS[token.name].type === 'boolean') {
      if (token.value !== undefined)
        return fail(t(lang, 'unexpectedValue', { option: quoted(token.rawName) }));
      values[token.name] = true;
      continue;
    }
    // Without `=`, a following option is not taken as this one's value: `--lang --help` lacks a value.
    const value = token.value;
    // A negative number (`--refresh -1`) is a value, judged (and refused) as one.
    if (value === undefined || value === '' || (!token.inlineValue && isOptionLike(value))) {
      return fail(t(lang, 'missingValue', { option: quoted(token.rawName) }));
    }
    values[token.name] = value;
  }

  if (values.help) return { kind: 'help', lang };
  if (values.version) return { kind: 'version', lang };

  if (typeof values.lang === 'string' && parseLang(values.lang) === undefined) {
    return fail(t(lang, 'badLang', { value: quoted(values.lang) }));
  }

  const regionGiven = typeof values.region === 'string' ? values.region.trim() : undefined;
  const region = regionGiven ?? DEFAULT_REGION;
  if (!REGION_ID.test(region)) return fail(t(lang, 'badRegion', { value: quoted(region) }));

  let refreshSeconds = DEFAULT_REFRESH_SECONDS;
  if (typeof values.refresh === 'string') {
    const text = values.refresh.trim();
    const seconds = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
    if (!(seconds >= 0 && seconds <= MAX_REFRESH_SECONDS))
      return fail(t(lang, 'badRefresh', { value: quoted(values.refresh) }));
    refreshSeconds = seconds;
  }

  let portOffset = DEFAULT_PORT_OFFSET;
  const offsetText = values['port-offset'];
  if (typeof offsetText === 'string') {
    const offset = /^\d{1,5}$/.test(offsetText.trim()) ? Number(offsetText.trim()) : Number.NaN;
    if (!(offset >= 0 && offset <= 65535))
      return fail(t(lang, 'badPortOffset', { value: quoted(offsetText) }));
    portOffset = offset;
  }

  const connectionName = typeof values.connection === 'string' ? values.connection.trim() : undefined;
  const endpoint = typeof values.endpoint === 'string' ? values.endpoint.trim() : undefined;
  // `--connection a,b` or `all`: several connections in one view (the header counts them once open).
  if (connectionName !== undefined && splitConnectionSpec(connectionName).length === 0)
    return fail(t(lang, 'missingValue', { option: quoted('--connection') }));
  if (isMultiSpec(connectionName) && endpoint !== undefined) return fail(ct(lang, 'endpointOne'));
  let connection: Connection = { kind: 'local', region, profile: connectionName ?? LOCAL_PROFILE };
  if (connectionName !== undefined && connectionName !== LOCAL_PROFILE) {
    connection = { kind: 'cloud', region, profile: connectionName };
  }
  if (endpoint !== undefined) {
    try {
      const resolved = resolveEndpoint(endpoint, `alb.${region}.aliyuncs.com`);
      connection = {
        kind: 'cloud',
        region,
        endpoint: resolved.display,
        profile: connectionName ?? resolved.display,
      };
    } catch (error) {
      if (error instanceof AlbError) return fail(error.message[lang]);
      throw error;
    }
  }
  return {
    kind: 'dashboard',
    lang,
    langExplicit: typeof values.lang === 'string',
    region: regionGiven,
    endpoint,
    connectionName,
    refreshSeconds,
    connection,
    dataPlane: values['no-data-plane'] ? false : { portOffset },
  };
}
