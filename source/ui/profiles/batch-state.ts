// What applying a profile to many instances (apply-state.ts) and to many listeners (update-state.ts)
// share: the whole flow (read the profile, plan each target, review, run, a result per target, retry
// the failed ones) with its keys, queued effects and the production confirmation that takes the
// count. Each kind says, in a BatchKind, what its rows are, what running one sends, and its words.
import { randomUUID } from 'node:crypto';
import type { Localized } from '../../domain/i18n.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit, typedText } from '../line-edit.js';
import type { Tone } from '../theme.js';

export interface EffectQueue<Effect> {
  effects: readonly { seq: number; effect: Effect }[];
  nextEffectSeq: number;
}

export function queueEffects<Effect, State extends EffectQueue<Effect>>(
  state: State,
  effects: readonly Effect[],
): State {
  let seq = state.nextEffectSeq;
  const queued = effects.map((effect) => ({ seq: seq++, effect }));
  return { ...state, effects: [...state.effects, ...queued], nextEffectSeq: seq };
}

/** `state` with the rows `matches` picks changed; the same object when none is. */
export function withRowWhere<Row, State extends { rows: readonly Row[] }>(
  state: State,
  matches: (row: Row) => boolean,
  change: (row: Row) => Row,
): State {
  let changed = false;
  const rows = state.rows.map((row) => {
    if (!matches(row)) return row;
    changed = true;
    return change(row);
  });
  return changed ? { ...state, rows } : state;
}

export interface CountConfirmation {
  text: string;
  wrong: boolean;
}

export type CountConfirmStep =
  | { kind: 'cancel' }
  | { kind: 'confirmed' }
  | { kind: 'typing'; confirm: CountConfirmation }
  | { kind: 'ignored' };

/** A key while the user types how many changes to run (production): digits, ⌫, Enter, Esc. */
export function countConfirmKey(
  confirm: CountConfirmation,
  count: number,
  press: KeyPress,
): CountConfirmStep {
  const id = keyId(press);
  if (id === 'escape') return { kind: 'cancel' };
  if (id === 'enter') {
    return confirm.text === String(count)
      ? { kind: 'confirmed' }
      : { kind: 'typing', confirm: { ...confirm, wrong: true } };
  }
  const typed = typedText(press);
  if (typed !== undefined && !/^\d+$/.test(typed)) return { kind: 'ignored' };
  const text = edit(confirm.text, press);
  if (text === undefined || text.length > 6) return { kind: 'ignored' };
  return { kind: 'typing', confirm: { text, wrong: false } };
}

/** The steps of a batch: read the profile, plan each target, review, run, results. */
export type BatchPhase = 'loading' | 'planning' | 'review' | 'running' | 'done';

/** What every row's plan can be before it is planned, or when its target cannot be read. */
export type BatchPlan =
  { status: 'loading' } | { status: 'unreadable'; message: Localized } | { status: 'planned'; kind: string };

export interface BatchRun {
  status: string;
  message?: Localized;
}

/** A row of a batch: one target, the token its change is sent with, its plan and, once run, its result. */
export interface BatchRow {
  /** One per target for the life of the view: a retry sends the same token. */
  clientToken: string;
  plan: BatchPlan;
  run?: BatchRun;
}

/** Where the results lead: the listener made or changed first. */
export interface BatchSelect {
  loadBalancerId: string;
  listenerId: string;
}

/**
 * Leaves the view: to the profiles view it came from, or to the listeners (the first listener made or
 * changed selected). `applied`: changes were sent, so the marks that chose the targets go.
 */
export interface BatchClose {
  kind: 'close';
  to: 'profiles' | 'listeners';
  applied: boolean;
  select?: BatchSelect;
}

/** The effects of a batch: read the profile, its own (plan, run a row), leave. */
export type BatchEffect<Own> = { kind: 'load-profile' } | Own | BatchClose;

export interface BatchState<Row extends BatchRow, Own> extends EffectQueue<BatchEffect<Own>> {
  profileName: string;
  phase: BatchPhase;
  /** The profile could not be read: nothing else happens. */
  problem?: Localized;
  rows: readonly Row[];
  cursor: number;
  readOnly: boolean;
  /** A production connection: running asks for the number of listeners to be typed. */
  production: boolean;
  /** The typed confirmation being asked for (production only). */
  confirm?: CountConfirmation;
  notice?: { message: Localized; tone: Tone };
}

/** The actions of a batch; a row is named by its target's ID under `IdKey` (`instanceId`, `listenerId`). */
export type BatchAction<Row extends BatchRow, IdKey extends string> =
  | { type: 'key'; press: KeyPress }
  | { type: 'profile-loaded' }
  | { type: 'profile-missing'; message: Localized }
  | ({ type: 'planned'; plan: Row['plan'] } & Record<IdKey, string>)
  | ({
      type: 'run-status';
      run: NonNullable<Row['run']>;
      /** The row's next token: its job failed, and the service would answer the old one with that failure. */
      nextClientToken?: string;
    } & Record<IdKey, string>)
  | { type: 'effects-taken'; upTo: number };

/** What a batch's words say, in both languages. */
export interface BatchTexts {
  /** Nothing in the plan can run. */
  nothing: Localized;
  /** Enter was pressed in the review: it never runs, and names the key that does. */
  enterDoesNotRun: (count: number) => Localized;
  readOnly: Localized;
  /** Leaving was asked while the changes run. */
  wait: Localized;
  nothingToRetry: Localized;
}

/** What one kind of batch (create on instances, update listeners) says and does its own way. */
export interface BatchKind<Row extends BatchRow, Own, IdKey extends string> {
  idKey: IdKey;
  /** The target's ID, as actions and effects name it. */
  id(row: Row): string;
  /** Whether the row's plan is a change to run. */
  runnable(row: Row): boolean;
  /** The effect that runs a runnable row. */
  runEffect(row: Row): Own;
  /** The effect that plans the targets. */
  planEffect(ids: readonly string[]): Own;
  /** Why a row that is not run is skipped, as its result says. */
  skipReason(plan: Row['plan']): Localized | undefined;
  /** The run status a row ends well with. */
  succeeded: string;
  /** Where ⏎ on the results leads when this row is the first one there. */
  selectAfter(row: Row): BatchSelect | undefined;
  texts: BatchTexts;
  /** ↑↓ still move the cursor while the count is typed (apply to instances). */
  cursorWhileConfirming?: boolean;
}

/** The key that runs the changes: a control key, named on screen; Enter never runs them. */
export const BATCH_RUN_KEY = 'ctrl+s';

export interface BatchInit<Target> {
  profileName: string;
  targets: readonly Target[];
  readOnly: boolean;
  production?: boolean;
  newClientToken?: () => string;
}

function queue<Row extends BatchRow, Own>(
  state: BatchState<Row, Own>,
  effects: readonly BatchEffect<Own>[],
): BatchState<Row, Own> {
  return queueEffects<BatchEffect<Own>, BatchState<Row, Own>>(state, effects);
}

/** The first state: a row per target, each with its own token, and the profile to read. */
export function initBatch<Target, Row extends BatchRow, Own>(
  init: BatchInit<Target>,
  row: (target: Target, clientToken: string) => Row,
): BatchState<Row, Own> {
  const token = init.newClientToken ?? randomUUID;
  const state: BatchState<Row, Own> = {
    profileName: init.profileName,
    phase: 'loading',
    rows: init.targets.map((target) => row(target, token())),
    cursor: 0,
    readOnly: init.readOnly,
    production: init.production ?? false,
    effects: [],
    nextEffectSeq: 1,
  };
  return queue(state, [{ kind: 'load-profile' }]);
}

function finished<Row extends BatchRow, Own, IdKey extends string>(
  state: BatchState<Row, Own>,
  kind: BatchKind<Row, Own, IdKey>,
): BatchState<Row, Own> {
  const ended = (run: BatchRun | undefined) =>
    run !== undefined &&
    (run.status === kind.succeeded || run.status === 'failed' || run.status === 'skipped');
  if (state.phase !== 'running' || !state.rows.every((row) => ended(row.run))) return state;
  return { ...state, phase: 'done' };
}

/** Runs the given rows (every runnable one at first, the failed ones on retry), each with its own token. */
function start<Row extends BatchRow, Own, IdKey extends string>(
  state: BatchState<Row, Own>,
  rows: readonly Row[],
  kind: BatchKind<Row, Own, IdKey>,
): BatchState<Row, Own> {
  const ids = new Set(rows.map(kind.id));
  // Every kind's run takes a bare status: its other fields are optional.
  const run = (value: BatchRun) => value as NonNullable<Row['run']>;
  const next: BatchState<Row, Own> = {
    ...state,
    phase: 'running',
    notice: undefined,
    rows: state.rows.map((row) => {
      if (ids.has(kind.id(row))) return { ...row, run: run({ status: 'queued' }) };
      if (row.run) return row;
      const reason = kind.skipReason(row.plan);
      return { ...row, run: run({ status: 'skipped', ...(reason ? { message: reason } : {}) }) };
    }),
  };
  return queue(next, rows.filter(kind.runnable).map(kind.runEffect));
}

function notice<State extends { notice?: { message: Localized; tone: Tone } }>(
  state: State,
  message: Localized,
  tone: Tone,
): State {
  return { ...state, notice: { message, tone } };
}

/** Leaves to the profiles view, or to the listeners on the first listener made or changed. */
function close<Row extends BatchRow, Own, IdKey extends string>(
  state: BatchState<Row, Own>,
  to: BatchClose['to'],
  kind: BatchKind<Row, Own, IdKey>,
): BatchState<Row, Own> {
  const applied = state.rows.some((row) => row.run !== undefined && row.run.status !== 'skipped');
  let select: BatchSelect | undefined;
  if (to === 'listeners')
    for (const row of state.rows) if ((select = kind.selectAfter(row)) !== undefined) break;
  return queue(state, [{ kind: 'close', to, applied, ...(select ? { select } : {}) }]);
}

/** A key press: the new state and whether the view used it (keys it leaves reach the root). */
export function batchKey<Row extends BatchRow, Own, IdKey extends string>(
  state: BatchState<Row, Own>,
  press: KeyPress,
  kind: BatchKind<Row, Own, IdKey>,
): { state: BatchState<Row, Own>; used: boolean } {
  const id = keyId(press);
  const used = (next: BatchState<Row, Own>) => ({ state: next, used: true });
  const unused = { state, used: false };
  const base = state.notice ? { ...state, notice: undefined } : state;
  const { texts } = kind;
  if (!state.confirm || kind.cursorWhileConfirming) {
    const last = Math.max(0, state.rows.length - 1);
    if (id === 'down' || id === 'j') return used({ ...base, cursor: Math.min(last, state.cursor + 1) });
    if (id === 'up' || id === 'k') return used({ ...base, cursor: Math.max(0, state.cursor - 1) });
    if (id === 'g' || id === 'home') return used({ ...base, cursor: 0 });
    if (id === 'G' || id === 'end') return used({ ...base, cursor: last });
  }
  switch (state.phase) {
    case 'loading':
    case 'planning':
      // Nothing was sent yet: back to the profiles view it came from.
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles', kind));
      return unused;
    case 'review': {
      const rows = state.rows.filter(kind.runnable);
      if (state.confirm) return used(confirmKey(base, state.confirm, rows, press, kind));
      if (id === 'enter' || id === 'y') {
        // Enter (or an old habit's `y`) never runs: it names the key that does.
        if (rows.length === 0) return used(notice(base, texts.nothing, 'warning'));
        return used(notice(base, texts.enterDoesNotRun(rows.length), 'warning'));
      }
      if (id === BATCH_RUN_KEY) {
        if (state.readOnly) return used(notice(base, texts.readOnly, 'danger'));
        if (rows.length === 0) return used(notice(base, texts.nothing, 'warning'));
        if (state.production) return used({ ...base, confirm: { text: '', wrong: false } });
        return used(start(base, rows, kind));
      }
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles', kind));
      return unused;
    }
    case 'running':
      // Changes are on their way: leaving now would hide how they end.
      if (id === 'escape' || id === 'q' || id === 'enter') return used(notice(base, texts.wait, 'warning'));
      return unused;
    case 'done': {
      // A page ended by a problem (the profile is gone) says "⏎ or Esc back": both go back.
      if (state.problem) {
        if (id === 'escape' || id === 'q' || id === 'enter') return used(close(base, 'profiles', kind));
        return unused;
      }
      if (id === 'r') {
        const failed = state.rows.filter((row) => row.run?.status === 'failed');
        if (failed.length === 0) return used(notice(base, texts.nothingToRetry, 'muted'));
        if (state.readOnly) return used(notice(base, texts.readOnly, 'danger'));
        return used(start(base, failed, kind));
      }
      if (id === 'enter') return used(close(base, 'listeners', kind));
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles', kind));
      return unused;
    }
  }
}

/** Keys while the production confirmation is asked: digits, ⌫, Enter to check, Esc to cancel. */
function confirmKey<Row extends BatchRow, Own, IdKey extends string>(
  state: BatchState<Row, Own>,
  confirm: CountConfirmation,
  rows: readonly Row[],
  press: KeyPress,
  kind: BatchKind<Row, Own, IdKey>,
): BatchState<Row, Own> {
  const step = countConfirmKey(confirm, rows.length, press);
  switch (step.kind) {
    case 'cancel':
      return { ...state, confirm: undefined };
    case 'confirmed':
      return start({ ...state, confirm: undefined }, rows, kind);
    case 'typing':
      return { ...state, confirm: step.confirm };
    case 'ignored':
      return state;
  }
}

export function batchReducer<Row extends BatchRow, Own, IdKey extends string>(
  state: BatchState<Row, Own>,
  action: BatchAction<Row, IdKey>,
  kind: BatchKind<Row, Own, IdKey>,
): BatchState<Row, Own> {
  switch (action.type) {
    case 'key':
      return batchKey(state, action.press, kind).state;
    case 'profile-loaded':
      if (state.phase !== 'loading') return state;
      return queue({ ...state, phase: 'planning' }, [kind.planEffect(state.rows.map(kind.id))]);
    case 'profile-missing':
      return { ...state, phase: 'done', problem: action.message };
    case 'planned': {
      const id = action[kind.idKey];
      const next = withRowWhere(
        state,
        (row: Row) => kind.id(row) === id,
        (row) => ({ ...row, plan: action.plan }),
      );
      const planned = next.rows.every((row) => row.plan.status !== 'loading');
      return planned && next.phase === 'planning' ? { ...next, phase: 'review' } : next;
    }
    case 'run-status': {
      const id = action[kind.idKey];
      const { run, nextClientToken } = action;
      return finished(
        withRowWhere(
          state,
          (row: Row) => kind.id(row) === id,
          (row) => ({ ...row, run, ...(nextClientToken ? { clientToken: nextClientToken } : {}) }),
        ),
        kind,
      );
    }
    case 'effects-taken': {
      const effects = state.effects.filter((queued) => queued.seq > action.upTo);
      return effects.length === state.effects.length ? state : { ...state, effects };
    }
  }
}
