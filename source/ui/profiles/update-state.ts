// Applying one listener profile to listeners that exist: plan (read each listener and its instance,
// lay the profile over it, check the update rules and the server's DryRun precheck), review, run
// (UpdateListenerAttribute with only the changed fields, followed through Configuring back to where
// the listener was), and a result per listener. Each listener gets one ClientToken for the life of
// the view, reused on every retry, so a retry never makes a change twice. Runs without Ink.
import type { Localized } from '../../domain/i18n.js';
import type { ListenerStatus } from '../../domain/resources.js';
import type { UpdateListenerRequest } from '../../domain/update-request.js';
import type { UpdatePlan } from '../../store/index.js';
import {
  batchKey,
  batchReducer,
  initBatch,
  type BatchAction,
  type BatchEffect,
  type BatchKind,
  type BatchState,
} from './batch-state.js';
import type { KeyPress } from '../keys.js';
import { listenerCount, updateText } from './update-i18n.js';

/** A listener chosen for the update, as the dashboard lists it. */
export interface ListenerRef {
  id: string;
  loadBalancerId: string;
  /** `HTTPS 443 web_443`, sanitised. */
  label: string;
  /** The instance's name (sanitised; may be empty). */
  instanceName: string;
}

export type UpdateRowPlan =
  | { status: 'loading' }
  /** The listener or its instance could not be read (gone, unreachable, …). */
  | { status: 'unreadable'; message: Localized }
  | ({
      status: 'planned';
      /** The listener was Stopped: the change is followed back to Stopped, not Running. */
      stopped?: boolean;
    } & UpdatePlan);

export type UpdateRunStatus = 'queued' | 'updating' | 'configuring' | 'updated' | 'failed' | 'skipped';

export interface UpdateRowRun {
  status: UpdateRunStatus;
  listenerStatus?: ListenerStatus;
  message?: Localized;
}

export interface UpdateRow {
  listener: ListenerRef;
  /** One per listener for the life of the view: a retry sends the same token. */
  clientToken: string;
  plan: UpdateRowPlan;
  run?: UpdateRowRun;
}

/** The effects only updating listeners has: plan the listeners, send one its change. */
type OwnEffect =
  | { kind: 'plan'; listenerIds: readonly string[] }
  | {
      kind: 'update';
      listenerId: string;
      request: UpdateListenerRequest;
      clientToken: string;
      until: 'Running' | 'Stopped';
    };

/**
 * Reads the profile, plans, sends a change; or leaves: to the profiles view, or to the listeners (the
 * first one changed selected); `applied`: changes were sent, so the marks that chose the listeners go.
 */
export type UpdateEffect = BatchEffect<OwnEffect>;

export type UpdateState = BatchState<UpdateRow, OwnEffect>;

export type UpdateAction = BatchAction<UpdateRow, 'listenerId'>;

export interface UpdateInit {
  profileName: string;
  listeners: readonly ListenerRef[];
  readOnly: boolean;
  production?: boolean;
  newClientToken?: () => string;
}

/** Rows whose plan is a change the rules and the precheck accepted. */
export function changeable(row: UpdateRow): row is UpdateRow & {
  plan: { status: 'planned'; kind: 'update' } & Extract<UpdatePlan, { kind: 'update' }>;
} {
  return row.plan.status === 'planned' && row.plan.kind === 'update';
}

/** Why a row is not changed, as its result says. */
export function skipReason(plan: UpdateRowPlan): Localized | undefined {
  if (plan.status === 'unreadable') return plan.message;
  if (plan.status !== 'planned') return undefined;
  if (plan.kind === 'same') return updateText('skippedSame');
  if (plan.kind === 'blocked') return plan.problems[0];
  return undefined;
}

export function updateCounts(
  state: UpdateState,
): Record<'update' | 'same' | 'blocked' | UpdateRunStatus, number> {
  const result = {
    update: 0,
    same: 0,
    blocked: 0,
    queued: 0,
    updating: 0,
    configuring: 0,
    updated: 0,
    failed: 0,
    skipped: 0,
  };
  for (const row of state.rows) {
    if (changeable(row)) result.update++;
    else if (row.plan.status === 'planned' && row.plan.kind === 'same') result.same++;
    else if (row.plan.status !== 'loading') result.blocked++;
    if (row.run) result[row.run.status]++;
  }
  return result;
}

const UPDATE: BatchKind<UpdateRow, OwnEffect, 'listenerId'> = {
  idKey: 'listenerId',
  id: (row) => row.listener.id,
  runnable: changeable,
  runEffect: (row) => {
    if (!changeable(row)) throw new Error(`listener ${row.listener.id} has nothing to change`);
    return {
      kind: 'update',
      listenerId: row.listener.id,
      request: row.plan.diff.request,
      clientToken: row.clientToken,
      until: row.plan.stopped ? 'Stopped' : 'Running',
    };
  },
  planEffect: (listenerIds) => ({ kind: 'plan', listenerIds }),
  skipReason,
  succeeded: 'updated',
  selectAfter: (row) =>
    row.run?.status === 'updated'
      ? { loadBalancerId: row.listener.loadBalancerId, listenerId: row.listener.id }
      : undefined,
  texts: {
    nothing: updateText('nothing'),
    enterDoesNotRun: (count) => updateText('enterDoesNotRun', { listeners: listenerCount(count) }),
    readOnly: updateText('readOnly'),
    wait: updateText('wait'),
    nothingToRetry: updateText('nothingToRetry'),
  },
};

export function initUpdate(init: UpdateInit): UpdateState {
  return initBatch({ ...init, targets: init.listeners }, (listener, clientToken): UpdateRow => ({
    listener,
    clientToken,
    plan: { status: 'loading' },
  }));
}

/** A key press: the new state and whether the view used it. */
export function updateKey(state: UpdateState, press: KeyPress): { state: UpdateState; used: boolean } {
  return batchKey(state, press, UPDATE);
}

export function updateReducer(state: UpdateState, action: UpdateAction): UpdateState {
  return batchReducer(state, action, UPDATE);
}
