// Asking a person at the terminal, for every subcommand that changes something: yes/no and typed
// confirmations on stderr, whether anyone can be asked at all, and the `--json` codes of the client's
// own refusals.
import { createInterface } from 'node:readline';
import { isAlbError } from '../alb/errors.js';
import { emit, type CommandIo } from './context.js';

/** Asks on stderr and reads one line; undefined when there is nothing to read. */
async function ask(io: CommandIo, question: string): Promise<string | undefined> {
  const input = io.stdin;
  if (!input) return undefined;
  await emit(io.stderr, question);
  const lines = createInterface({ input, terminal: false });
  try {
    return await new Promise<string | undefined>((resolve) => {
      lines.once('line', (line) => resolve(line));
      lines.once('close', () => resolve(undefined));
    });
  } finally {
    lines.close();
  }
}

/** Asks a yes/no question on stderr and reads one line; anything but yes (or no answer at all) is no. */
export async function confirm(io: CommandIo, question: string): Promise<boolean> {
  const answer = await ask(io, question);
  return answer !== undefined && /^\s*(y|yes|\u662f|\u786e\u8ba4)\s*$/i.test(answer);
}

/** The typed confirmation of a production connection: the answer must be one of `accepted`, exactly. */
export async function confirmTyped(
  io: CommandIo,
  question: string,
  accepted: readonly string[],
): Promise<boolean> {
  const answer = (await ask(io, question))?.trim();
  return answer !== undefined && answer !== '' && accepted.includes(answer);
}

/** `--json` codes of the client's own refusals. */
export const READ_ONLY_CODE = 'ReadOnlyConnection';
export const NOT_CONFIRMED_CODE = 'NotConfirmed';

/**
 * Whether a failed call may still have done its work: the request may have reached the service
 * (a connection lost after sending, no answer in time, a server error, an interrupt). A refusal
 * (a rule, a conflict, a missing resource, credentials) or a request never sent did nothing.
 */
export function mayHaveHappened(error: unknown): boolean {
  if (!isAlbError(error)) return true;
  if (error.noEffect) return false;
  return ['unreachable', 'timeout', 'server', 'protocol', 'aborted', 'unknown'].includes(error.kind);
}

/** Whether a person can be asked: a terminal, and somewhere to read the answer from. */
export function canAsk(io: CommandIo): boolean {
  return io.isTTY && io.stdin !== undefined;
}
