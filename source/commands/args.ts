// Command-line parsing for the subcommands: node's parseArgs reads the tokens, and every problem
// (unknown option, missing value, stray argument) becomes a message in the user's language.
import { parseArgs } from 'node:util';
import type { Localized } from '../domain/i18n.js';
import { commandMessages } from './messages.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once; the values are kept in order. */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Options every subcommand takes, wherever they stand on the line. */
export const GLOBAL_OPTIONS = {
  lang: { type: 'string' },
  connection: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export interface ParsedArgs {
  strings: Map<string, string[]>;
  flags: Set<string>;
  positionals: string[];
}

export class UsageProblem extends Error {
  readonly localized: Localized;
  constructor(message: Localized) {
    super(message.en);
    this.name = 'UsageProblem';
    this.localized = message;
  }
}

/** Reads `argv` against `specs`; throws UsageProblem on anything it does not know. */
export function parseCommandArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}) };
  }
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const parsed: ParsedArgs = { strings: new Map(), flags: new Set(), positionals: [] };
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      parsed.positionals.push(token.value);
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) throw new UsageProblem(commandMessages.unknownOption(token.rawName));
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageProblem(commandMessages.unexpectedValue(token.rawName));
      parsed.flags.add(token.name);
      continue;
    }
    // Without `=`, a following option is not this one's value: `--instance --json` lacks a value.
    const value = token.value;
    // A negative number (`--latency -5`) is a value, judged (and refused) by the option itself.
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && !/^-(\d|$)/.test(value))) {
      throw new UsageProblem(commandMessages.missingValue(token.rawName));
    }
    const list = parsed.strings.get(token.name) ?? [];
    if (spec.multiple) list.push(value);
    else list.splice(0, list.length, value);
    parsed.strings.set(token.name, list);
  }
  return parsed;
}

/** The last value of a string option. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  return parsed.strings.get(name)?.at(-1);
}

export function listOption(parsed: ParsedArgs, name: string): string[] {
  return parsed.strings.get(name) ?? [];
}

export function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.flags.has(name);
}

/** Where the command word stands, skipping global options and their values; undefined when there is none. */
export function findCommandWord(argv: readonly string[]): { index: number; word: string } | undefined {
  const takesValue = new Set(
    Object.entries(GLOBAL_OPTIONS)
      .filter(([, spec]) => spec.type === 'string')
      .map(([name]) => `--${name}`),
  );
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return undefined;
    if (takesValue.has(arg)) {
      index++;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') continue;
    return { index, word: arg };
  }
  return undefined;
}

/** The value of `--lang` as written on the line, before anything else is judged. */
export function rawLangOption(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') break;
    if (arg === '--lang') found = argv[index + 1];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}

/** Whether `--json` is on the line (before any `--`), judged before the rest is: errors follow it. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
