// `alb-tui listener update|start|stop|certs ID`: changes to an existing listener, each shown before
// it is made and asked about (typed on a production connection, refused on a read-only one), sent
// with one ClientToken reused on every retry, and optionally followed until the listener settles.
import { randomUUID } from 'node:crypto';
import { isDryRunPassed } from '../alb/client.js';
import { loadTarget } from '../alb/target-context.js';
import { resolveCertificate } from '../domain/certificate-ids.js';
import type { FieldId } from '../domain/fields.js';
import { blocking, validateDraft } from '../domain/listener-rules.js';
import { validateUpdate } from '../domain/update-rules.js';
import type { ListenerStatus } from '../domain/resources.js';
import { flag, listOption, UsageProblem, type ParsedArgs } from './args.js';
import {
  EXIT,
  failure,
  printJson,
  printLines,
  printWarnings,
  signalOf,
  usageError,
  type CommandContext,
} from './context.js';
import { callFailure } from './errors.js';
import { clientTokenOption } from './ids.js';
import { confirmChange, follow, needsAsking, send, writableConnection } from './listener-change-common.js';
import { changeMessages as m, type ChangeAction } from './listener-change-messages.js';
import { certs } from './listener-certs.js';
import {
  draftRequest,
  listenerToDraft,
  listenerToRequest,
  updateDiffRows,
  updateRequestBetween,
} from './listener-change-request.js';
import { parseSetPairs, violationMessage } from './listener-request.js';
import { commandMessages } from './messages.js';
import { renderFields } from './table.js';

/** The options each change action takes (beyond the listener command's `--yes` and the global ones). */
export const CHANGE_OPTIONS: Record<ChangeAction, readonly string[]> = {
  update: ['set', 'dry-run', 'wait', 'client-token'],
  start: ['wait', 'client-token'],
  stop: ['wait', 'client-token'],
  certs: ['add', 'remove'],
};

async function update(context: CommandContext, args: ParsedArgs, listenerId: string): Promise<number> {
  const { io, lang } = context;
  const sets = parseSetPairs(listOption(args, 'set'));
  if (sets.length === 0) throw usageError(commandMessages.missingOption('--set'));
  const fixed = sets.find((s) => s.setter.field === 'protocol' || s.setter.field === 'port');
  if (fixed) throw usageError(m.fixedField(fixed.setter.key));
  const givenToken = clientTokenOption(args);
  const dryRun = flag(args, 'dry-run');
  const ask = !dryRun && needsAsking(context, args, 'update');
  const connection = await writableConnection(context, dryRun);
  const { client } = connection;

  const listener = await client.getListener(listenerId, signalOf(context));
  const target = await loadTarget(client, listener.loadBalancerId, signalOf(context));
  // The listener itself holds its port: that is no clash.
  const targetContext = {
    ...target.context,
    listeners: target.context.listeners.filter((l) => l.listenerId !== listenerId),
  };
  const draft = listenerToDraft(listener);
  const changedFields = new Set<FieldId>();
  for (const { setter, value } of sets) {
    let given = value;
    // A certificate may be named by its CAS number: the listener takes ALB's form.
    if (
      typeof value === 'string' &&
      (setter.field === 'certificateId' || setter.field === 'caCertificateId')
    ) {
      const resolved = resolveCertificate(value, targetContext.certificates);
      if (resolved.ok) given = resolved.certificate.certificateId;
    }
    setter.apply(draft, given);
    changedFields.add(setter.field);
  }
  const notApplicable = sets.filter((s) => !s.setter.protocols.includes(draft.protocol));
  if (notApplicable.length > 0) {
    throw usageError(
      notApplicable.map((s) =>
        commandMessages.setNotForProtocol(s.setter.key, draft.protocol, s.setter.protocols),
      ),
    );
  }
  const before = listenerToRequest(listener);
  const request = updateRequestBetween(listenerId, before, draftRequest(draft, listener));
  // The rules judge what changes (a setting the listener already had is the service's business):
  // the draft's own (text as typed), then the update rules on the request itself.
  const draftViolations = validateDraft(draft, targetContext).filter((v) => changedFields.has(v.field));
  const seen = new Set(draftViolations.map((v) => v.field));
  const violations = [
    ...draftViolations,
    ...(request ? validateUpdate(listener, request, targetContext) : []).filter(
      (v) => !seen.has(v.field) && seen.add(v.field),
    ),
  ];
  const errors = blocking(violations);
  if (errors.length > 0) throw usageError(errors.map(violationMessage));
  await printWarnings(
    context,
    violations
      .filter((v) => v.severity === 'warning')
      .map((v) =>
        context.json ? violationMessage(v)[lang] : commandMessages.warning(violationMessage(v)[lang])[lang],
      ),
  );
  if (!request) {
    if (context.json) await printJson(context, { listenerId, changed: {} });
    else await printLines(io.stdout, [m.nothingToChange(listenerId)[lang]]);
    return EXIT.ok;
  }
  const diff = renderFields(updateDiffRows(before, request, lang), lang).map((line) => `  ${line}`);

  if (dryRun) {
    try {
      await client.updateListener(request, { dryRun: true, ...signalOf(context) });
    } catch (error) {
      throw callFailure(error, (reason) => commandMessages.precheckFailed(reason), lang);
    }
    if (context.json) await printJson(context, { dryRun: 'passed', listenerId, changed: withoutId(request) });
    else await printLines(io.stdout, [m.willUpdate(listenerId)[lang], ...diff, m.precheckPassed()[lang]]);
    return EXIT.ok;
  }
  if (ask) {
    await printLines(io.stderr, [m.willUpdate(listenerId)[lang], ...diff]);
    await confirmChange(context, connection, listener, (where) => m.confirmUpdate(where)[lang]);
  }
  const clientToken = givenToken ?? randomUUID();
  const change = await send(context, listenerId, clientToken, async () => {
    const result = await client.updateListener(request, { clientToken, ...signalOf(context) });
    if (isDryRunPassed(result)) throw failure(m.changeFailed('dry run answer'));
    return result;
  });
  let status: ListenerStatus = 'Configuring';
  if (flag(args, 'wait')) {
    if (!context.json) await printLines(io.stderr, [m.changing(listenerId, change.jobId)[lang]]);
    status = await follow(
      context,
      client,
      listenerId,
      listener.listenerStatus === 'Stopped' ? 'Stopped' : 'Running',
      change.jobId,
    );
  }
  if (context.json) {
    await printJson(context, {
      listenerId,
      jobId: change.jobId,
      clientToken,
      changed: withoutId(request),
      status,
    });
  } else {
    await printLines(io.stdout, [
      ...(ask ? [] : [m.willUpdate(listenerId)[lang], ...diff]),
      status === 'Configuring'
        ? m.changing(listenerId, change.jobId)[lang]
        : m.changed(listenerId, status)[lang],
    ]);
  }
  return EXIT.ok;
}

function withoutId<T extends { listenerId: string }>(request: T): Omit<T, 'listenerId'> {
  const rest: Partial<T> = { ...request };
  delete rest.listenerId;
  return rest as Omit<T, 'listenerId'>;
}

async function startStop(
  context: CommandContext,
  args: ParsedArgs,
  action: 'start' | 'stop',
  listenerId: string,
): Promise<number> {
  const { io, lang } = context;
  const givenToken = clientTokenOption(args);
  const ask = needsAsking(context, args, action);
  const connection = await writableConnection(context);
  const { client } = connection;
  const listener = await client.getListener(listenerId, signalOf(context));
  const goal = action === 'start' ? 'Running' : 'Stopped';
  if (listener.listenerStatus === goal) {
    if (context.json) await printJson(context, { listenerId, status: goal, changed: false });
    else await printLines(io.stdout, [m.already(listenerId, goal)[lang]]);
    return EXIT.ok;
  }
  if (ask)
    await confirmChange(context, connection, listener, (where) => m.confirmStartStop(action, where)[lang]);
  const clientToken = givenToken ?? randomUUID();
  const change = await send(context, listenerId, clientToken, () =>
    action === 'start'
      ? client.startListener(listenerId, { clientToken, ...signalOf(context) })
      : client.stopListener(listenerId, { clientToken, ...signalOf(context) }),
  );
  let status: ListenerStatus = 'Configuring';
  if (flag(args, 'wait')) {
    if (!context.json) await printLines(io.stderr, [m.changing(listenerId, change.jobId)[lang]]);
    status = await follow(context, client, listenerId, goal, change.jobId);
  }
  if (context.json)
    await printJson(context, { listenerId, jobId: change.jobId, clientToken, status, changed: true });
  else
    await printLines(io.stdout, [
      status === 'Configuring'
        ? m.changing(listenerId, change.jobId)[lang]
        : m.changed(listenerId, status)[lang],
    ]);
  return EXIT.ok;
}

/** Runs one of the change actions of `alb-tui listener`. */
export async function runListenerChange(
  context: CommandContext,
  args: ParsedArgs,
  action: ChangeAction,
  listenerId: string,
): Promise<number> {
  for (const option of ['set', 'dry-run', 'wait', 'client-token', 'add', 'remove']) {
    const given = args.strings.has(option) || args.flags.has(option);
    if (given && !CHANGE_OPTIONS[action].includes(option))
      throw new UsageProblem(m.optionNotFor(`--${option}`, action));
  }
  switch (action) {
    case 'update':
      return update(context, args, listenerId);
    case 'start':
    case 'stop':
      return startStop(context, args, action, listenerId);
    case 'certs':
      return certs(context, args, listenerId);
  }
}
