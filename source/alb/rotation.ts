// Certificate rotation, run: each listener's steps (domain/rotation.ts) one after another, the
// listeners of one instance one after another, instances side by side under a cap. ALB takes one
// change at a time on a listener and on an instance (a second is refused with the busy codes while the
// first is configuring), so that is the most that can usefully be in flight. A failure stops that
// listener where it is; the others go on. Nothing is remembered between runs: a rerun reads the
// listeners again and plans from what they have, and every call's ClientToken is derived from the
// run, the rotation, the listener and the step, so repeating a call whose reply was lost is the same
// call, while a later run (B back to A, then A to B again within the 24 h a token lives) is never
// answered with an old call's reply.
import { createHash, randomUUID } from 'node:crypto';
import { certificateKey } from '../domain/certificate-ids.js';
import type { Listener } from '../domain/resources.js';
import {
  CALL_STEPS,
  stepTokenSource,
  type BoundCertificate,
  type ListenerRotation,
  type RotationListener,
  type RotationPlan,
  type RotationStep,
} from '../domain/rotation.js';
import type { AlbClient, CallOptions, ListenerChanges } from './client.js';
import { createLimiter } from './concurrency.js';
import { isAlbError } from './errors.js';

/** What rotation needs of a client. */
export type RotationClient = ListenerChanges &
  Pick<AlbClient, 'getListener' | 'listListenerCertificates' | 'waitForListener'>;

/** Instances rotating at once unless told otherwise. */
export const DEFAULT_ROTATION_CONCURRENCY = 16;
/** Between polls of an association or a listener's status. */
export const DEFAULT_ROTATION_POLL_MS = 500;

export interface ReadOptions extends CallOptions {
  concurrency?: number;
}

function rotationListener(listener: Listener, certificates: readonly BoundCertificate[]): RotationListener {
  const defaultCertificateId = listener.certificates?.[0]?.certificateId;
  return {
    listenerId: listener.listenerId,
    loadBalancerId: listener.loadBalancerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name: listener.listenerDescription,
    status: listener.listenerStatus,
    ...(defaultCertificateId ? { defaultCertificateId } : {}),
    certificates,
  };
}

/**
 * The listeners as rotation plans them: each HTTPS or QUIC listener's certificates
 * (ListListenerCertificates lists the default too); HTTP listeners have none to read.
 */
export async function readRotationListeners(
  client: Pick<AlbClient, 'listListenerCertificates'>,
  listeners: readonly Listener[],
  options: ReadOptions = {},
): Promise<RotationListener[]> {
  const limiter = createLimiter(Math.max(1, options.concurrency ?? DEFAULT_ROTATION_CONCURRENCY));
  const signal = options.signal ? { signal: options.signal } : {};
  return Promise.all(
    listeners.map(async (listener) => {
      if (listener.listenerProtocol === 'HTTP') return rotationListener(listener, []);
      const certificates = await limiter.run(() =>
        client.listListenerCertificates(listener.listenerId, signal),
      );
      return rotationListener(listener, certificates);
    }),
  );
}

/** The ClientToken of a step: at most 64 ASCII characters, the same on every retry of it within a run. */
export function rotationClientToken(
  plan: Pick<RotationPlan, 'from' | 'to'>,
  listenerId: string,
  step: RotationStep,
  runId: string,
): string {
  const digest = createHash('sha256')
    .update(`${runId}\n${stepTokenSource(plan, listenerId, step)}`)
    .digest('hex');
  return `rot-${digest.slice(0, 40)}`;
}

export type RotationEvent =
  | { kind: 'step'; listenerId: string; step: RotationStep; phase: 'started' | 'done' }
  /** A status seen while waiting: the listener's, or one certificate's association. */
  | { kind: 'status'; listenerId: string; certificateId?: string; status: string }
  | { kind: 'finished'; outcome: ListenerOutcome };

export type ListenerResult =
  /** Every step of the plan done. */
  | 'rotated'
  /** Nothing was left to do: already on B. */
  | 'done'
  /** Not using A (or HTTP): left as it was. */
  | 'untouched'
  | 'failed';

export interface ListenerOutcome {
  listenerId: string;
  result: ListenerResult;
  stepsDone: RotationStep[];
  /** The step that failed, the listener left as it was after the steps done. */
  failedStep?: RotationStep;
  error?: unknown;
}

export interface RunOptions extends CallOptions {
  /** Instances changed at once (one listener of each at a time); DEFAULT_ROTATION_CONCURRENCY unless given. */
  concurrency?: number;
  /** Between polls while waiting; DEFAULT_ROTATION_POLL_MS unless given. */
  intervalMs?: number;
  /** How long one wait may take before the listener counts as failed. */
  timeoutMs?: number;
  onEvent?: (event: RotationEvent) => void;
  /** This run's identity, part of every ClientToken; random unless given. */
  runId?: string;
}

export interface RotationRun {
  outcomes: ListenerOutcome[];
  /** Whether every listener ended as planned (none failed). */
  ok: boolean;
}

/** The API's own ways of saying a step was already done: the desired state holds. */
function alreadyDone(step: RotationStep, error: unknown): boolean {
  if (!isAlbError(error)) return false;
  if (step.kind === 'associate') return error.code === 'ResourceAlreadyAssociated.Certificate';
  if (step.kind === 'dissociate') return error.code === 'ResourceNotAssociated.Certificate';
  return false;
}

async function runStep(
  client: RotationClient,
  plan: RotationPlan,
  rotation: Extract<ListenerRotation, { action: 'change' }>,
  step: RotationStep,
  options: RunOptions,
): Promise<void> {
  const { listenerId } = rotation.listener;
  const signal = options.signal ? { signal: options.signal } : {};
  const clientToken = CALL_STEPS.has(step.kind)
    ? rotationClientToken(plan, listenerId, step, options.runId ?? '')
    : undefined;
  const waitOptions = {
    ...signal,
    intervalMs: options.intervalMs ?? DEFAULT_ROTATION_POLL_MS,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const onCertificateStatus = (certificateId: string, status: string) =>
    options.onEvent?.({ kind: 'status', listenerId, certificateId, status });
  try {
    switch (step.kind) {
      case 'replaceDefault': {
        const change = await client.updateListener(
          { listenerId, certificates: [{ certificateId: step.to }] },
          { ...signal, clientToken: clientToken! },
        );
        // A stopped listener takes the change and stays stopped.
        const until = rotation.listener.status === 'Stopped' ? 'Stopped' : 'Running';
        await client.waitForListener(listenerId, {
          ...waitOptions,
          until,
          ...('jobId' in change && change.jobId ? { jobId: change.jobId } : {}),
          onStatus: (status) => options.onEvent?.({ kind: 'status', listenerId, status }),
        });
        return;
      }
      case 'associate':
        await client.associateCertificates(listenerId, [step.certificateId], {
          ...signal,
          clientToken: clientToken!,
        });
        return;
      case 'dissociate':
        await client.dissociateCertificates(listenerId, [step.certificateId], {
          ...signal,
          clientToken: clientToken!,
        });
        return;
      case 'awaitAssociated':
        await client.waitForCertificates(listenerId, [step.certificateId], {
          ...waitOptions,
          until: 'Associated',
          onStatus: onCertificateStatus,
        });
        return;
      case 'awaitDissociated':
        await client.waitForCertificates(listenerId, [step.certificateId], {
          ...waitOptions,
          until: 'gone',
          onStatus: onCertificateStatus,
        });
        return;
    }
  } catch (error) {
    if (alreadyDone(step, error)) return;
    throw error;
  }
}

async function rotateListener(
  client: RotationClient,
  plan: RotationPlan,
  rotation: Extract<ListenerRotation, { action: 'change' }>,
  options: RunOptions,
): Promise<ListenerOutcome> {
  const { listenerId } = rotation.listener;
  const stepsDone: RotationStep[] = [];
  for (const step of rotation.steps) {
    options.onEvent?.({ kind: 'step', listenerId, step, phase: 'started' });
    try {
      await runStep(client, plan, rotation, step, options);
    } catch (error) {
      return { listenerId, result: 'failed', stepsDone, failedStep: step, error };
    }
    stepsDone.push(step);
    options.onEvent?.({ kind: 'step', listenerId, step, phase: 'done' });
  }
  return { listenerId, result: 'rotated', stepsDone };
}

/**
 * Runs the plan: the listeners of one instance one after another (ALB refuses a change to an instance
 * while another of its listeners is changing: the busy codes), instances side by side, `concurrency`
 * instances at a time; each listener one step at a time. Resolves with one outcome per listener of
 * the plan (in its order) once all have ended; a failed listener never stops the others.
 */
export async function runRotation(
  client: RotationClient,
  plan: RotationPlan,
  options: RunOptions = {},
): Promise<RotationRun> {
  options = { ...options, runId: options.runId ?? randomUUID() };
  const limiter = createLimiter(Math.max(1, Math.floor(options.concurrency ?? DEFAULT_ROTATION_CONCURRENCY)));
  const byInstance = new Map<string, Extract<ListenerRotation, { action: 'change' }>[]>();
  for (const rotation of plan.listeners) {
    if (rotation.action !== 'change') continue;
    const key = rotation.listener.loadBalancerId;
    byInstance.set(key, [...(byInstance.get(key) ?? []), rotation]);
  }
  const results = new Map<string, ListenerOutcome>();
  const finish = (outcome: ListenerOutcome) => {
    results.set(outcome.listenerId, outcome);
    options.onEvent?.({ kind: 'finished', outcome });
  };
  for (const rotation of plan.listeners)
    if (rotation.action !== 'change')
      finish({ listenerId: rotation.listener.listenerId, result: rotation.action, stepsDone: [] });
  await Promise.all(
    [...byInstance.values()].map((rotations) =>
      limiter.run(async () => {
        for (const rotation of rotations) finish(await rotateListener(client, plan, rotation, options));
      }),
    ),
  );
  const outcomes = plan.listeners.map((rotation) => results.get(rotation.listener.listenerId)!);
  return { outcomes, ok: outcomes.every((o) => o.result !== 'failed') };
}

/** Whether an error is the API's answer, not the lack of one (no connection, a timeout, a busy server). */
function refusedByServer(error: unknown): boolean {
  return (
    isAlbError(error) && !['unreachable', 'timeout', 'throttled', 'server', 'aborted'].includes(error.kind)
  );
}

/** What the precheck sends: the plan's calls with DryRun. */
export type PrecheckClient = Pick<
  ListenerChanges,
  'updateListener' | 'associateCertificates' | 'dissociateCertificates'
>;

/**
 * The server's precheck of a plan: every call of every listener's steps sent with `DryRun=true`
 * (nothing changes), `concurrency` listeners at a time. Resolves with why the server would refuse each
 * listener it would (an instance that is not Active, a certificate it will not take ...); those not in
 * the map would be taken, or could not be checked. A call the API answers with "already so" counts as
 * taken, as in a run.
 */
export async function precheckRotation(
  client: PrecheckClient,
  plan: RotationPlan,
  options: ReadOptions = {},
): Promise<Map<string, unknown>> {
  const limiter = createLimiter(Math.max(1, options.concurrency ?? DEFAULT_ROTATION_CONCURRENCY));
  const signal = options.signal ? { signal: options.signal } : {};
  const dryRun = { ...signal, dryRun: true as const };
  const refused = new Map<string, unknown>();
  const check = (listenerId: string, step: RotationStep): Promise<unknown> => {
    switch (step.kind) {
      case 'replaceDefault':
        return client.updateListener({ listenerId, certificates: [{ certificateId: step.to }] }, dryRun);
      case 'associate':
        return client.associateCertificates(listenerId, [step.certificateId], dryRun);
      case 'dissociate':
        return client.dissociateCertificates(listenerId, [step.certificateId], dryRun);
      default:
        return Promise.resolve();
    }
  };
  await Promise.all(
    plan.listeners.map((rotation) =>
      rotation.action !== 'change'
        ? undefined
        : limiter.run(async () => {
            for (const step of rotation.steps) {
              try {
                await check(rotation.listener.listenerId, step);
              } catch (error) {
                if (options.signal?.aborted) throw error;
                if (alreadyDone(step, error)) continue;
                // Only the server's own refusal counts: a check that got no answer leaves the
                // listener to the run, which retries with its own tokens and says how it ended.
                if (!refusedByServer(error)) return;
                refused.set(rotation.listener.listenerId, error);
                return;
              }
            }
          }),
    ),
  );
  return refused;
}

/** Whether a listener's certificates show B in place of A (after a run, read them again to check). */
export function isOnTarget(listener: RotationListener, plan: Pick<RotationPlan, 'from' | 'to'>): boolean {
  const keys = listener.certificates
    .filter((c) => c.certificateType !== 'Ca')
    .map((c) => certificateKey(c.certificateId));
  return !keys.includes(certificateKey(plan.from)) && keys.includes(certificateKey(plan.to));
}
