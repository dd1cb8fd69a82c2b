// Changes to an existing listener: UpdateListenerAttribute, StartListener, StopListener. Each is
// asynchronous as in ALB: the listener turns `Configuring`, a job is listed in ListAsynJobs, and the
// change settles (or fails, rolled back) after the provisioning delay. The rules are the domain's
// (update-rules.ts), the same the app checks as the user types.
import type { TargetContext } from '../domain/listener-rules.js';
import type { AsyncJob } from '../domain/resources.js';
import { busyRefusal, checkUpdateListener } from '../domain/update-rules.js';
import type { WireParams } from '../domain/wire.js';
import type { Args } from './args.js';
import { ApiError, dryRunPassed, invalidParameter, missingParameter } from './errors.js';
import type { AsyncFailure } from './faults.js';
import type { EmulatorState, PendingTransition, StoredListener } from './state.js';

type Json = Record<string, unknown>;
export type ActionTable = Record<string, (args: Args) => Json>;

/** What the listener-change families borrow from the core: the shared state and its machinery. */
export interface ListenerChangeHost {
  readonly state: EmulatorState;
  now(): number;
  readonly delayMs: number;
  findListener(listenerId: string): StoredListener;
  targetContext(loadBalancerId: string, params: WireParams): TargetContext | undefined;
  /** The first answer to this call's ClientToken, when it was seen before (throws on other parameters). */
  replay(action: string, args: Args): Json | undefined;
  remember(action: string, args: Args, response: Record<string, string>): void;
  startJob(apiName: string, operateType: AsyncJob['operateType'], resourceId: string): string;
  asyncOutcome(action: string): { failure?: AsyncFailure };
  /** A listener changed in place: drop what was rendered of it. */
  changed(listener: StoredListener): void;
  /** After every change: persist, and schedule the next settling. */
  committed(): void;
}

/**
 * The common course of a change: replay by ClientToken, the listener busy, the instance's state, the
 * action's own checks, DryRun, then `Configuring` with a job that settles later.
 */
export function runChange(
  host: ListenerChangeHost,
  action: string,
  kind: PendingTransition['kind'],
  args: Args,
  check: (listener: StoredListener) => Partial<PendingTransition> | void,
  options: {
    instanceStatus: boolean;
    /** Shows the change under way on the listener (e.g. certificates `Associating`). */
    begin?: (transition: PendingTransition, listener: StoredListener) => void;
  } = { instanceStatus: true },
): Json {
  const dryRun = args.boolean('DryRun') === true;
  const replayed = dryRun ? undefined : host.replay(action, args);
  if (replayed) return replayed;
  const listener = host.findListener(args.required('ListenerId'));
  const busy = busyRefusal(listener);
  if (busy) throw new ApiError(busy.code, busy.httpStatus, busyMessage(busy.code, listener));
  if (options.instanceStatus) instanceRefusal(host, listener);
  const details = check(listener) ?? {};
  if (dryRun) throw dryRunPassed();

  const now = host.now();
  const returnTo = listener.listenerStatus === 'Stopped' ? 'Stopped' : 'Running';
  listener.listenerStatus = 'Configuring';
  host.changed(listener);
  const jobId = host.startJob(action, 'Update', listener.listenerId);
  const transition: PendingTransition = {
    kind,
    listenerId: listener.listenerId,
    jobId,
    dueAt: now + host.delayMs,
    returnTo,
    ...details,
    ...host.asyncOutcome(action),
  };
  options.begin?.(transition, listener);
  host.state.pending.push(transition);
  const response = { JobId: jobId };
  host.remember(action, args, response);
  host.committed();
  return response;
}

function busyMessage(code: string, listener: StoredListener): string {
  return code === 'ResourceInConfiguring.Listener'
    ? `The specified resource of ${listener.listenerId} is being configured, please try again later.`
    : `The status of ${listener.listenerId} [${listener.listenerStatus}] is incorrect.`;
}

function instanceRefusal(host: ListenerChangeHost, listener: StoredListener): void {
  const lb = host.state.loadBalancers.find((l) => l.loadBalancerId === listener.loadBalancerId);
  if (!lb) return;
  if (lb.loadBalancerBussinessStatus === 'Abnormal')
    throw new ApiError(
      'IncorrectBusinessStatus.LoadBalancer',
      400,
      `The business status of ${lb.loadBalancerId} [Abnormal]  is incorrect.`,
    );
  if (lb.loadBalancerStatus !== 'Active')
    throw new ApiError(
      'IncorrectStatus.LoadBalancer',
      400,
      `The status of ${lb.loadBalancerId} [${lb.loadBalancerStatus}] is incorrect.`,
    );
}

export function listenerActions(host: ListenerChangeHost): ActionTable {
  return {
    UpdateListenerAttribute: (args) =>
      runChange(host, 'UpdateListenerAttribute', 'update', args, (listener) => {
        const context = host.targetContext(listener.loadBalancerId, args.params);
        const check = checkUpdateListener(
          args.params,
          listener,
          context && {
            ...context,
            extraCertificateIds: (listener.extraCertificates ?? []).map((c) => c.certificateId),
          },
        );
        if (!check.ok) {
          const { code, httpStatus, parameter, message } = check.violation;
          if (code === 'MissingParameter') throw missingParameter(parameter);
          if (code === 'InvalidParameter') throw invalidParameter(parameter, message.en);
          throw new ApiError(code, httpStatus, message.en);
        }
        const { listenerId: _id, clientToken: _token, dryRun: _dryRun, ...fields } = check.request as Json;
        return { update: fields };
      }),
    StartListener: (args) =>
      runChange(host, 'StartListener', 'start', args, (listener) => {
        if (listener.listenerStatus !== 'Stopped') throw statusRefusal(listener);
      }),
    StopListener: (args) =>
      runChange(host, 'StopListener', 'stop', args, (listener) => {
        if (listener.listenerStatus !== 'Running') throw statusRefusal(listener);
      }),
  };
}

function statusRefusal(listener: StoredListener): ApiError {
  return new ApiError(
    'IncorrectStatus.Listener',
    400,
    `The status of ${listener.listenerId} [${listener.listenerStatus}] is incorrect.`,
  );
}

/** Completes an update, start or stop that is due: the change applies, or (failed) the listener is as before. */
export function settleListenerChange(transition: PendingTransition, listener: StoredListener): void {
  const failed = transition.failure !== undefined;
  let status = transition.returnTo ?? 'Running';
  if (!failed) {
    if (transition.kind === 'start') status = 'Running';
    if (transition.kind === 'stop') status = 'Stopped';
    if (transition.kind === 'update' && transition.update) applyUpdate(listener, transition.update);
  }
  listener.listenerStatus = status;
}

/** Sets what an update names: XForwardedFor header by header, the rest field by field. */
function applyUpdate(listener: StoredListener, update: Json): void {
  const { XForwardedForConfig, quicConfig, caCertificates, certificates, defaultActions, ...plain } = update;
  for (const [key, value] of Object.entries(plain)) {
    if (value !== undefined) (listener as unknown as Json)[key] = value;
  }
  if (isObject(XForwardedForConfig))
    listener.XForwardedForConfig = { ...listener.XForwardedForConfig, ...definedOnly(XForwardedForConfig) };
  if (isObject(quicConfig)) {
    const enabled = quicConfig['quicUpgradeEnabled'] === true;
    const id = quicConfig['quicListenerId'];
    listener.quicConfig = {
      quicUpgradeEnabled: enabled,
      ...(enabled && typeof id === 'string' ? { quicListenerId: id } : {}),
    };
  }
  if (Array.isArray(certificates))
    listener.certificates = certificates.slice(0, 1).map((c) => ({ certificateId: idOf(c) }));
  if (Array.isArray(caCertificates))
    listener.caCertificates = caCertificates.map((c) => ({
      certificateId: idOf(c),
      isDefault: true,
      status: 'Associated',
    }));
  if (listener.caEnabled === false) listener.caCertificates = [];
  if (Array.isArray(defaultActions))
    listener.defaultActions = defaultActions.map((action) => ({
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: tuplesOf(action).map((serverGroupId) => ({ serverGroupId })),
      },
    }));
}

function tuplesOf(action: unknown): string[] {
  const config = isObject(action) ? action['forwardGroupConfig'] : undefined;
  const tuples = isObject(config) ? config['serverGroupTuples'] : undefined;
  return Array.isArray(tuples) ? tuples.map((t) => (isObject(t) ? String(t['serverGroupId']) : '')) : [];
}

function idOf(item: unknown): string {
  return isObject(item) ? String(item['certificateId']) : '';
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
