// Applying one listener profile to listeners that exist: plan (read each listener and its instance,
// lay the profile over it, check the update rules and the server's DryRun precheck), review, run
// (UpdateListenerAttribute with only the changed fields, followed through Configuring back to where
// the listener was), and a result per listener. Each listener gets one ClientToken for the life of
// the view, reused on every retry, so a retry never makes a change twice. Runs without Ink.
import { randomUUID } from 'node:crypto';
import type { Localized } from '../../domain/i18n.js';
import type { ListenerStatus } from '../../domain/resources.js';
import type { UpdateListenerRequest } from '../../domain/update-request.js';
import type { UpdatePlan } from '../../store/index.js';
import { countConfirmKey, queueEffects, withRowWhere } from './batch-state.js';
import { keyId, type KeyPress } from '../keys.js';
import type { Tone } from '../theme.js';
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

export type UpdatePhase = 'loading' | 'planning' | 'review' | 'running' | 'done';

export type UpdateEffect =
  | { kind: 'load-profile' }
  | { kind: 'plan'; listenerIds: readonly string[] }
  | {
      kind: 'update';
      listenerId: string;
      request: UpdateListenerRequest;
      clientToken: string;
      until: 'Running' | 'Stopped';
    }
  /**
   * Leaves the view: to the profiles view, or to the listeners (the first one changed selected).
   * `applied`: changes were sent, so the marks that chose the listeners go.
   */
  | {
      kind: 'close';
      to: 'profiles' | 'listeners';
      applied: boolean;
      select?: { loadBalancerId: string; listenerId: string };
    };

export interface UpdateState {
  profileName: string;
  phase: UpdatePhase;
  /** The profile could not be read: nothing else happens. */
  problem?: Localized;
  rows: readonly UpdateRow[];
  cursor: number;
  readOnly: boolean;
  /** A production connection: running asks for the number of listeners to be typed. */
  production: boolean;
  confirm?: { text: string; wrong: boolean };
  notice?: { message: Localized; tone: Tone };
  effects: readonly { seq: number; effect: UpdateEffect }[];
  nextEffectSeq: number;
}

export type UpdateAction =
  | { type: 'key'; press: KeyPress }
  | { type: 'profile-loaded' }
  | { type: 'profile-missing'; message: Localized }
  | { type: 'planned'; listenerId: string; plan: UpdateRowPlan }
  | { type: 'run-status'; listenerId: string; run: UpdateRowRun }
  | { type: 'effects-taken'; upTo: number };

export interface UpdateInit {
  profileName: string;
  listeners: readonly ListenerRef[];
  readOnly: boolean;
  production?: boolean;
  newClientToken?: () => string;
}

export function initUpdate(init: UpdateInit): UpdateState {
  const token = init.newClientToken ?? randomUUID;
  return queue(
    {
      profileName: init.profileName,
      phase: 'loading',
      rows: init.listeners.map((listener) => ({
        listener,
        clientToken: token(),
        plan: { status: 'loading' },
      })),
      cursor: 0,
      readOnly: init.readOnly,
      production: init.production ?? false,
      effects: [],
      nextEffectSeq: 1,
    },
    { kind: 'load-profile' },
  );
}

function queue(state: UpdateState, ...effects: UpdateEffect[]): UpdateState {
  return queueEffects(state, effects);
}

function withRow(state: UpdateState, listenerId: string, change: (row: UpdateRow) => UpdateRow): UpdateState {
  return withRowWhere(state, (row: UpdateRow) => row.listener.id === listenerId, change);
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

const FINISHED: readonly UpdateRunStatus[] = ['updated', 'failed', 'skipped'];

function afterRun(state: UpdateState): UpdateState {
  if (state.phase !== 'running' || !state.rows.every((row) => row.run && FINISHED.includes(row.run.status)))
    return state;
  return { ...state, phase: 'done' };
}

/** Runs the given rows (every changeable one at first, the failed ones on retry), each with its own token. */
function start(state: UpdateState, rows: readonly UpdateRow[]): UpdateState {
  const ids = new Set(rows.map((row) => row.listener.id));
  const next: UpdateState = {
    ...state,
    phase: 'running',
    notice: undefined,
    rows: state.rows.map((row) => {
      if (ids.has(row.listener.id)) return { ...row, run: { status: 'queued' } };
      if (row.run) return row;
      const reason = skipReason(row.plan);
      return { ...row, run: { status: 'skipped', ...(reason ? { message: reason } : {}) } };
    }),
  };
  return queue(
    next,
    ...rows.filter(changeable).map((row): UpdateEffect => ({
      kind: 'update',
      listenerId: row.listener.id,
      request: row.plan.diff.request,
      clientToken: row.clientToken,
      until: row.plan.stopped ? 'Stopped' : 'Running',
    })),
  );
}

function notice(state: UpdateState, message: Localized, tone: Tone): UpdateState {
  return { ...state, notice: { message, tone } };
}

/** The key that runs the changes: a control key, named on screen; Enter never runs them. */
export const UPDATE_RUN_KEY = 'ctrl+s';

function close(state: UpdateState, to: 'profiles' | 'listeners'): UpdateState {
  const changed = state.rows.find((row) => row.run?.status === 'updated');
  const applied = state.rows.some((row) => row.run !== undefined && row.run.status !== 'skipped');
  return queue(state, {
    kind: 'close',
    to,
    applied,
    ...(to === 'listeners' && changed
      ? { select: { loadBalancerId: changed.listener.loadBalancerId, listenerId: changed.listener.id } }
      : {}),
  });
}

/** A key press: the new state and whether the view used it. */
export function updateKey(state: UpdateState, press: KeyPress): { state: UpdateState; used: boolean } {
  const id = keyId(press);
  const used = (next: UpdateState) => ({ state: next, used: true });
  const base = state.notice ? { ...state, notice: undefined } : state;
  if (!state.confirm) {
    if (id === 'down' || id === 'j')
      return used({ ...base, cursor: Math.min(state.rows.length - 1, state.cursor + 1) });
    if (id === 'up' || id === 'k') return used({ ...base, cursor: Math.max(0, state.cursor - 1) });
    if (id === 'g' || id === 'home') return used({ ...base, cursor: 0 });
    if (id === 'G' || id === 'end') return used({ ...base, cursor: Math.max(0, state.rows.length - 1) });
  }
  switch (state.phase) {
    case 'loading':
    case 'planning':
      // Nothing was sent yet: back to the profiles view it came from.
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles'));
      return { state, used: false };
    case 'review': {
      const rows = state.rows.filter(changeable);
      if (state.confirm) return used(confirmKey(base, state.confirm, rows, press));
      if (id === 'enter' || id === 'y') {
        if (rows.length === 0) return used(notice(base, updateText('nothing'), 'warning'));
        return used(
          notice(base, updateText('enterDoesNotRun', { listeners: listenerCount(rows.length) }), 'warning'),
        );
      }
      if (id === UPDATE_RUN_KEY) {
        if (state.readOnly) return used(notice(base, updateText('readOnly'), 'danger'));
        if (rows.length === 0) return used(notice(base, updateText('nothing'), 'warning'));
        if (state.production) return used({ ...base, confirm: { text: '', wrong: false } });
        return used(start(base, rows));
      }
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles'));
      return { state, used: false };
    }
    case 'running':
      // Changes are on their way: leaving now would hide how they end.
      if (id === 'escape' || id === 'q' || id === 'enter')
        return used(notice(base, updateText('wait'), 'warning'));
      return { state, used: false };
    case 'done': {
      if (state.problem) {
        if (id === 'escape' || id === 'q' || id === 'enter') return used(close(base, 'profiles'));
        return { state, used: false };
      }
      if (id === 'r') {
        const failed = state.rows.filter((row) => row.run?.status === 'failed');
        if (failed.length === 0) return used(notice(base, updateText('nothingToRetry'), 'muted'));
        if (state.readOnly) return used(notice(base, updateText('readOnly'), 'danger'));
        return used(start(base, failed));
      }
      if (id === 'enter') return used(close(base, 'listeners'));
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles'));
      return { state, used: false };
    }
  }
}

/** Keys while the production confirmation is asked: digits, ⌫, Enter to check, Esc to cancel. */
function confirmKey(
  state: UpdateState,
  confirm: NonNullable<UpdateState['confirm']>,
  rows: readonly UpdateRow[],
  press: KeyPress,
): UpdateState {
  const step = countConfirmKey(confirm, rows.length, press);
  switch (step.kind) {
    case 'cancel':
      return { ...state, confirm: undefined };
    case 'confirmed':
      return start({ ...state, confirm: undefined }, rows);
    case 'typing':
      return { ...state, confirm: step.confirm };
    case 'ignored':
      return state;
  }
}

export function updateReducer(state: UpdateState, action: UpdateAction): UpdateState {
  switch (action.type) {
    case 'key':
      return updateKey(state, action.press).state;
    case 'profile-loaded':
      if (state.phase !== 'loading') return state;
      return queue(
        { ...state, phase: 'planning' },
        { kind: 'plan', listenerIds: state.rows.map((row) => row.listener.id) },
      );
    case 'profile-missing':
      return { ...state, phase: 'done', problem: action.message };
    case 'planned': {
      const next = withRow(state, action.listenerId, (row) => ({ ...row, plan: action.plan }));
      const planned = next.rows.every((row) => row.plan.status !== 'loading');
      return planned && next.phase === 'planning' ? { ...next, phase: 'review' } : next;
    }
    case 'run-status':
      return afterRun(withRow(state, action.listenerId, (row) => ({ ...row, run: action.run })));
    case 'effects-taken': {
      const effects = state.effects.filter((queued) => queued.seq > action.upTo);
      return effects.length === state.effects.length ? state : { ...state, effects };
    }
  }
}
