// Shared by the listener change commands: asking before a change, sending it with its ClientToken,
// and following the listener until it settles.
import type { AlbClient, ListenerChange } from '../alb/client.js';
import { describeError, isAlbError } from '../alb/errors.js';
import type { Listener, ListenerStatus } from '../domain/resources.js';
import { flag, type ParsedArgs } from './args.js';
import { canAsk, confirm, confirmTyped, mayHaveHappened, NOT_CONFIRMED_CODE, READ_ONLY_CODE } from './ask.js';
import {
  emit,
  failure,
  signalOf,
  usageError,
  writeJsonLine,
  type CommandConnection,
  type CommandContext,
} from './context.js';
import { albErrorCode, callFailure, waitFailure } from './errors.js';
import { changeMessages as m, type ChangeAction } from './listener-change-messages.js';
import { commandMessages } from './messages.js';

/** Asks before a change: typed (the listener's port) on production, y/N otherwise, never with --yes. */
export async function confirmChange(
  context: CommandContext,
  connection: CommandConnection,
  listener: Listener,
  question: (where: string) => string,
): Promise<void> {
  const { io, lang } = context;
  const { info } = connection;
  const where = commandMessages.connectionWhere(info.name, info.kind, info.production)[lang];
  const port = listener.listenerPort;
  const confirmed = info.production
    ? await confirmTyped(io, m.typeToConfirm(where, port)[lang], [String(port)])
    : await confirm(io, question(where));
  if (!confirmed) throw failure(m.notConfirmed(), { errorCode: NOT_CONFIRMED_CODE });
}

/** The call made, or the reason it may or may not have been (then the token to retry with). */
export async function send(
  context: CommandContext,
  listenerId: string,
  clientToken: string,
  call: () => Promise<ListenerChange>,
): Promise<ListenerChange> {
  try {
    return await call();
  } catch (error) {
    if (!mayHaveHappened(error)) throw callFailure(error, (reason) => m.changeFailed(reason), context.lang);
    throw failure(m.outcomeUnknown(listenerId, describeError(error, context.lang), clientToken), {
      errorCode: isAlbError(error) ? albErrorCode(error) : 'OutcomeUnknown',
      requestId: isAlbError(error) ? error.requestId : undefined,
      clientToken,
    });
  }
}

/** Follows the listener until `until`, each status on stderr (a JSON line each under `--json`). */
export async function follow(
  context: CommandContext,
  client: AlbClient,
  listenerId: string,
  until: 'Running' | 'Stopped',
  jobId: string,
): Promise<ListenerStatus> {
  const { io, lang } = context;
  const onStatus = (seen: ListenerStatus | 'gone') => {
    void (context.json
      ? writeJsonLine(io.stderr, { listenerId, status: seen })
      : emit(io.stderr, `${commandMessages.status(listenerId, seen)[lang]}\n`));
  };
  try {
    const listener = await client.waitForListener(listenerId, {
      until,
      ...(jobId ? { jobId } : {}),
      ...signalOf(context),
      onStatus,
    });
    return listener.listenerStatus;
  } catch (error) {
    throw waitFailure(
      error,
      {
        jobFailed: (reason) => m.changeJobFailed(listenerId, reason),
        waitFailed: (reason) => m.waitFailed(listenerId, reason),
      },
      lang,
    );
  }
}

export function needsAsking(context: CommandContext, args: ParsedArgs, action: ChangeAction): boolean {
  const yes = flag(args, 'yes');
  if (!yes && !canAsk(context.io)) throw usageError(m.notInteractive(action));
  return !yes;
}

export async function writableConnection(
  context: CommandContext,
  dryRun = false,
): Promise<CommandConnection> {
  const connection = await context.connect();
  if (!dryRun && connection.info.readOnly)
    throw failure(m.readOnly(connection.info.name), { errorCode: READ_ONLY_CODE });
  return connection;
}
