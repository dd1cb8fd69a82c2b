// Resource IDs and tokens from the command line, checked for shape before anything is called: a
// malformed or endless value is bad usage (exit 2), said without echoing all of it.
import { listOption, stringOption, type ParsedArgs } from './args.js';
import { usageError } from './context.js';
import { commandMessages } from './messages.js';

/** The longest ID taken; ALB's are about 24 characters. */
export const MAX_ID_LENGTH = 64;
/** The API's limit on ClientToken: ASCII, at most 64 characters. */
export const MAX_CLIENT_TOKEN_LENGTH = 64;

export type IdKind = 'instance' | 'listener';

const PREFIX: Record<IdKind, string> = { instance: 'alb-', listener: 'lsn-' };

/** Whether `value` has the shape of an ID of that kind (`alb-…`, `lsn-…`). */
export function isIdShape(kind: IdKind, value: string): boolean {
  return (
    value.length <= MAX_ID_LENGTH &&
    value.startsWith(PREFIX[kind]) &&
    /^[A-Za-z0-9]+$/.test(value.slice(PREFIX[kind].length))
  );
}

/** `value` trimmed, or a usage error saying what an ID of that kind looks like. */
export function checkId(kind: IdKind, value: string, where?: string): string {
  const id = value.trim();
  if (id === '' && where !== undefined) throw usageError(commandMessages.missingValue(where));
  if (!isIdShape(kind, id)) throw usageError(commandMessages.badId(where, kind, id, MAX_ID_LENGTH));
  return id;
}

/** The value of an ID option (`--instance`), checked; required ones fail when absent. */
export function instanceIdOption(args: ParsedArgs, option: string, required: true): string;
export function instanceIdOption(args: ParsedArgs, option: string, required: false): string | undefined;
export function instanceIdOption(args: ParsedArgs, option: string, required: boolean): string | undefined {
  const value = stringOption(args, option);
  if (value === undefined || value.trim() === '') {
    if (required) throw usageError(commandMessages.missingOption(`--${option}`));
    if (value === undefined) return undefined;
  }
  return checkId('instance', value, `--${option}`);
}

/** Every value of a repeatable ID option, checked, without repeats, in order. */
export function instanceIdsOption(args: ParsedArgs, option: string): string[] {
  return [...new Set(listOption(args, option).map((value) => checkId('instance', value, `--${option}`)))];
}

/** `--client-token`: ASCII without blanks, at most 64 characters; undefined when not given. */
export function clientTokenOption(args: ParsedArgs): string | undefined {
  const value = stringOption(args, 'client-token');
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]+$/.test(value) || value.length > MAX_CLIENT_TOKEN_LENGTH)
    throw usageError(commandMessages.badClientToken(value, MAX_CLIENT_TOKEN_LENGTH));
  return value;
}
