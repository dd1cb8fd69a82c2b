// The certificate view (`:certs`): every certificate with its expiry and the listeners that use it
// (default or extra), soonest-expiring first; filter and sort as in the other lists; and rotation of
// one certificate to another across every listener that uses it — pick A, pick B, the plan per
// listener, confirm (typed on production, refused read-only), run with progress, per-listener result,
// rerun after a failure (the plan is computed again from what the listeners have). Pure: the view runs
// the effects (reading, planning, running through alb/rotation.ts) and dispatches what comes back.
import { certificateKey, sameCertificate } from '../../domain/certificate-ids.js';
import { rotationWarnings, uncoveredNames, type RotationWarning } from '../../domain/certificate-names.js';
import type { Certificate } from '../../domain/resources.js';
import {
  changesOf,
  leaveOut,
  type RotationListener,
  type RotationPlan,
  type RotationStep,
  concernedBy,
} from '../../domain/rotation.js';
import type { ListenerOutcome, RotationEvent } from '../../alb/rotation.js';
import { daysUntil } from '../dashboard/rows.js';
import type { ErrorInfo } from '../error-info.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit } from '../line-edit.js';
import { clampCursor, cursorKey } from '../list-cursor.js';

export type CertSort = 'expiry' | 'name' | 'uses';

export interface CertUse {
  listener: RotationListener;
  role: 'default' | 'extra';
  status: string;
}

export interface CertRow {
  certificate: Certificate;
  days: number | undefined;
  uses: CertUse[];
}

export interface ListenerProgress {
  step?: RotationStep;
  status?: string;
  done: number;
  outcome?: ListenerOutcome;
}

export type CertsMode =
  | { kind: 'list' }
  | { kind: 'pick'; from: string; cursor: number; filter: string }
  | { kind: 'planning'; from: string; to: string }
  | { kind: 'plan'; plan: RotationPlan; scroll: number; precheck: Precheck }
  | { kind: 'confirm'; plan: RotationPlan; text: string; wrong: boolean; precheck: Precheck }
  | { kind: 'running'; plan: RotationPlan; progress: ReadonlyMap<string, ListenerProgress> }
  | { kind: 'done'; plan: RotationPlan; progress: ReadonlyMap<string, ListenerProgress> };

export interface CertsState {
  status: 'loading' | 'ready' | 'failed';
  error?: ErrorInfo;
  rows: CertRow[];
  cursor: number;
  filter: string;
  filtering: boolean;
  sort: CertSort;
  mode: CertsMode;
  /** Something to say on the view's own line (a refusal, a failed plan). */
  notice?: { key: CertsNotice; tone: 'warning' | 'danger' | 'good' };
  readOnly: boolean;
  production: boolean;
}

/**
 * The server's precheck of a plan (DryRun of each call): under way, or done with why the server would
 * refuse the listeners it would (those are left out of the run). Skipped on a read-only connection.
 */
export type Precheck =
  { state: 'checking' } | { state: 'skipped' } | { state: 'done'; refused: ReadonlyMap<string, ErrorInfo> };

export type CertsNotice =
  | 'readOnly'
  | 'precheckPending'
  | 'noTarget'
  | 'targetExpired'
  | 'sameCertificate'
  | 'nothingToRotate'
  | 'planFailed'
  | 'notInUse';

export type CertsEffect =
  | { kind: 'load' }
  /** `concerned`: the listeners an earlier run of this rotation planned (a rerun continues it). */
  | { kind: 'plan'; from: string; to: string; concerned?: readonly string[] }
  | { kind: 'precheck'; plan: RotationPlan }
  | { kind: 'run'; plan: RotationPlan }
  | { kind: 'copy'; text: string };

export type CertsAction =
  | { type: 'key'; key: KeyPress }
  | {
      type: 'loaded';
      certificates: readonly Certificate[];
      listeners: readonly RotationListener[];
      now: number;
    }
  | { type: 'load-failed'; error: ErrorInfo }
  | { type: 'planned'; plan: RotationPlan }
  | { type: 'plan-failed'; error: ErrorInfo }
  | { type: 'prechecked'; refused: ReadonlyMap<string, ErrorInfo> }
  | { type: 'event'; event: RotationEvent }
  | { type: 'run-ended' };

export interface Step {
  state: CertsState;
  effects: CertsEffect[];
  /** The key was the view's (the root does nothing more with it). */
  used: boolean;
}

export function initCerts(options: { readOnly: boolean; production: boolean }): CertsState {
  return {
    status: 'loading',
    rows: [],
    cursor: 0,
    filter: '',
    filtering: false,
    sort: 'expiry',
    mode: { kind: 'list' },
    readOnly: options.readOnly,
    production: options.production,
  };
}

/** Each certificate with the listeners that bind it now (a dissociated one no longer counts). */
export function certRows(
  certificates: readonly Certificate[],
  listeners: readonly RotationListener[],
  now: number,
): CertRow[] {
  const uses = new Map<string, CertUse[]>();
  for (const listener of listeners) {
    for (const bound of listener.certificates) {
      if (bound.certificateType === 'Ca' || bound.status === 'Diassociated') continue;
      const key = certificateKey(bound.certificateId);
      const list = uses.get(key) ?? [];
      list.push({ listener, role: bound.isDefault ? 'default' : 'extra', status: bound.status });
      uses.set(key, list);
    }
  }
  return certificates
    .filter((certificate) => !certificate.isCa)
    .map((certificate) => ({
      certificate,
      days: daysUntil(certificate.endDate, now),
      uses: uses.get(certificateKey(certificate.certificateId)) ?? [],
    }));
}

const SORTS: Record<CertSort, (a: CertRow, b: CertRow) => number> = {
  expiry: (a, b) => (a.days ?? Infinity) - (b.days ?? Infinity),
  name: (a, b) => a.certificate.name.localeCompare(b.certificate.name),
  uses: (a, b) => b.uses.length - a.uses.length,
};

function searchText(row: CertRow): string {
  const c = row.certificate;
  return [c.certificateId, String(c.casId), c.name, c.commonName, ...c.sans].join(' ').toLowerCase();
}

/** The rows shown: filtered (every word must match ID, name, domain or SANs), then sorted. */
export function visibleRows(state: Pick<CertsState, 'rows' | 'filter' | 'sort'>): CertRow[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = state.rows.filter((row) => words.every((word) => searchText(row).includes(word)));
  return rows.sort(
    (a, b) =>
      SORTS[state.sort](a, b) || a.certificate.certificateId.localeCompare(b.certificate.certificateId),
  );
}

export function selectedRow(state: CertsState): CertRow | undefined {
  const rows = visibleRows(state);
  return rows[Math.min(state.cursor, rows.length - 1)];
}

/**
 * The certificates B may be: not A, filtered as typed (expired ones are listed but refused on Enter);
 * first those that cover every name A serves, each group the longest-lived first.
 */
export function targetChoices(state: CertsState, from: string, filter: string): CertRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const source = certificateOf(state, from);
  const misses = (row: CertRow) => (source ? uncoveredNames(source, row.certificate).length > 0 : false);
  return visibleRows({ rows: state.rows, filter: '', sort: 'expiry' })
    .filter((row) => !sameCertificate(row.certificate.certificateId, from))
    .filter((row) => words.every((word) => searchText(row).includes(word)))
    .map((row) => ({ row, misses: misses(row) }))
    .sort((a, b) => Number(a.misses) - Number(b.misses) || (b.row.days ?? 0) - (a.row.days ?? 0))
    .map(({ row }) => row);
}

/** A listed certificate by either form of its ID; undefined when the list does not have it. */
export function certificateOf(state: CertsState, id: string): Certificate | undefined {
  return state.rows.find((row) => sameCertificate(row.certificate.certificateId, id))?.certificate;
}

/** What a rotation from `from` to `to` should warn of before it runs (both must be listed). */
export function rotationWarningsOf(state: CertsState, from: string, to: string): RotationWarning[] {
  const [source, target] = [certificateOf(state, from), certificateOf(state, to)];
  return source && target ? rotationWarnings(source, target) : [];
}

const step = (state: CertsState, effects: CertsEffect[] = [], used = true): Step => ({
  state,
  effects,
  used,
});

function listKey(state: CertsState, press: KeyPress): Step {
  const id = keyId(press);
  if (state.filtering) {
    if (id === 'escape') return step({ ...state, filtering: false, filter: '', cursor: 0 });
    if (id === 'enter') return step({ ...state, filtering: false });
    if (id === 'down' || id === 'up')
      return step({
        ...state,
        cursor: clampCursor(state.cursor + (id === 'down' ? 1 : -1), visibleRows(state).length),
      });
    const filter = edit(state.filter, press);
    if (filter === undefined) return step(state);
    return step({ ...state, filter, cursor: 0 });
  }
  const cursor = cursorKey(id, state.cursor, visibleRows(state).length, 10);
  if (cursor !== undefined) return step({ ...state, cursor });
  switch (id) {
    case '/':
      return step({ ...state, filtering: true });
    case 'E':
      return step({ ...state, sort: 'expiry', cursor: 0 });
    case 'N':
      return step({ ...state, sort: 'name', cursor: 0 });
    case 'U':
      return step({ ...state, sort: 'uses', cursor: 0 });
    case 'ctrl+r':
      return step({ ...state, status: 'loading' }, [{ kind: 'load' }]);
    case 'y': {
      const row = selectedRow(state);
      return step(state, row ? [{ kind: 'copy', text: row.certificate.certificateId }] : []);
    }
    case 'R': {
      const row = selectedRow(state);
      if (!row) return step(state);
      if (state.readOnly) return step({ ...state, notice: { key: 'readOnly', tone: 'danger' } });
      if (row.uses.length === 0) return step({ ...state, notice: { key: 'notInUse', tone: 'warning' } });
      return step({
        ...state,
        mode: { kind: 'pick', from: row.certificate.certificateId, cursor: 0, filter: '' },
      });
    }
    default:
      return step(state, [], false);
  }
}

function pickKey(state: CertsState, mode: Extract<CertsMode, { kind: 'pick' }>, press: KeyPress): Step {
  const id = keyId(press);
  const choices = targetChoices(state, mode.from, mode.filter);
  if (id === 'escape') return step({ ...state, mode: { kind: 'list' } });
  if (id === 'down' || id === 'up') {
    const cursor = clampCursor(mode.cursor + (id === 'down' ? 1 : -1), choices.length);
    return step({ ...state, mode: { ...mode, cursor } });
  }
  if (id === 'enter') {
    const chosen = choices[mode.cursor];
    if (!chosen) return step({ ...state, notice: { key: 'noTarget', tone: 'warning' } });
    if (chosen.days !== undefined && chosen.days < 0)
      return step({ ...state, notice: { key: 'targetExpired', tone: 'danger' } });
    const to = chosen.certificate.certificateId;
    return step({ ...state, mode: { kind: 'planning', from: mode.from, to } }, [
      { kind: 'plan', from: mode.from, to },
    ]);
  }
  const filter = edit(mode.filter, press);
  if (filter === undefined) return step(state);
  return step({ ...state, mode: { ...mode, filter, cursor: 0 } });
}

function startRun(state: CertsState, plan: RotationPlan): Step {
  return step({ ...state, mode: { kind: 'running', plan, progress: new Map() } }, [{ kind: 'run', plan }]);
}

/** The plan as it will run: without the listeners the precheck found the server would refuse. */
export function runnable(mode: { plan: RotationPlan; precheck: Precheck }): RotationPlan {
  return mode.precheck.state === 'done'
    ? leaveOut(mode.plan, new Set(mode.precheck.refused.keys()))
    : mode.plan;
}

function planKey(state: CertsState, mode: Extract<CertsMode, { kind: 'plan' }>, press: KeyPress): Step {
  const id = keyId(press);
  if (id === 'escape') return step({ ...state, mode: { kind: 'list' } });
  if (id === 'down' || id === 'j') return step({ ...state, mode: { ...mode, scroll: mode.scroll + 1 } });
  if (id === 'up' || id === 'k')
    return step({ ...state, mode: { ...mode, scroll: Math.max(0, mode.scroll - 1) } });
  if (id === 'ctrl+s') {
    if (state.readOnly) return step({ ...state, notice: { key: 'readOnly', tone: 'danger' } });
    if (mode.precheck.state === 'checking')
      return step({ ...state, notice: { key: 'precheckPending', tone: 'warning' } });
    if (changesOf(runnable(mode)).length === 0)
      return step({ ...state, notice: { key: 'nothingToRotate', tone: 'good' } });
    // A rotation that would leave names without a certificate is typed for, as on production.
    const risky = rotationWarningsOf(state, mode.plan.from, mode.plan.to).some(
      (warning) => warning.kind === 'namesNotCovered',
    );
    if (state.production || risky)
      return step({
        ...state,
        mode: { kind: 'confirm', plan: mode.plan, text: '', wrong: false, precheck: mode.precheck },
      });
    return startRun(state, runnable(mode));
  }
  return step(state);
}

function confirmKey(state: CertsState, mode: Extract<CertsMode, { kind: 'confirm' }>, press: KeyPress): Step {
  const id = keyId(press);
  if (id === 'escape')
    return step({ ...state, mode: { kind: 'plan', plan: mode.plan, scroll: 0, precheck: mode.precheck } });
  if (id === 'enter') {
    const plan = runnable(mode);
    if (mode.text.trim() !== String(changesOf(plan).length))
      return step({ ...state, mode: { ...mode, wrong: true } });
    return startRun(state, plan);
  }
  const text = edit(mode.text, press);
  if (text === undefined) return step(state);
  return step({ ...state, mode: { ...mode, text, wrong: false } });
}

function doneKey(state: CertsState, mode: Extract<CertsMode, { kind: 'done' }>, press: KeyPress): Step {
  const id = keyId(press);
  if (id === 'r') {
    // A rerun reads the listeners again and plans from what they have now; those this run took on
    // and finds on B are done, the others holding B are none of its business.
    const { from, to } = mode.plan;
    return step({ ...state, mode: { kind: 'planning', from, to } }, [
      { kind: 'plan', from, to, concerned: concernedBy(mode.plan) },
    ]);
  }
  if (id === 'escape' || id === 'enter')
    return step({ ...state, status: 'loading', mode: { kind: 'list' } }, [{ kind: 'load' }]);
  return step(state);
}

function onEvent(
  progress: ReadonlyMap<string, ListenerProgress>,
  event: RotationEvent,
): Map<string, ListenerProgress> {
  const next = new Map(progress);
  const listenerId = event.kind === 'finished' ? event.outcome.listenerId : event.listenerId;
  const before = next.get(listenerId) ?? { done: 0 };
  if (event.kind === 'step')
    next.set(listenerId, {
      ...before,
      step: event.step,
      ...(event.phase === 'done' ? { done: before.done + 1 } : {}),
      ...(event.phase === 'started' ? { status: undefined } : {}),
    });
  else if (event.kind === 'status') next.set(listenerId, { ...before, status: event.status });
  else next.set(listenerId, { ...before, outcome: event.outcome });
  return next;
}

export function certsReducer(state: CertsState, action: CertsAction): Step {
  switch (action.type) {
    case 'key': {
      const base = state.notice ? { ...state, notice: undefined } : state;
      const mode = base.mode;
      switch (mode.kind) {
        case 'list':
          return listKey(base, action.key);
        case 'pick':
          return pickKey(base, mode, action.key);
        case 'plan':
          return planKey(base, mode, action.key);
        case 'confirm':
          return confirmKey(base, mode, action.key);
        case 'done':
          return doneKey(base, mode, action.key);
        case 'planning':
          return step(keyId(action.key) === 'escape' ? { ...base, mode: { kind: 'list' } } : base);
        case 'running':
          // Leaving mid-run would hide it, not stop it: the keys wait until every listener has ended.
          return step(base);
      }
      return step(base);
    }
    case 'loaded': {
      const rows = certRows(action.certificates, action.listeners, action.now);
      return step({ ...state, status: 'ready', error: undefined, rows }, [], false);
    }
    case 'load-failed':
      return step({ ...state, status: 'failed', error: action.error }, [], false);
    case 'planned': {
      if (state.mode.kind !== 'planning') return step(state, [], false);
      // The server checks each change first (read-only connections change nothing, so check nothing).
      const check = !state.readOnly && changesOf(action.plan).length > 0;
      const precheck: Precheck = check ? { state: 'checking' } : { state: 'skipped' };
      return step(
        { ...state, mode: { kind: 'plan', plan: action.plan, scroll: 0, precheck } },
        check ? [{ kind: 'precheck', plan: action.plan }] : [],
        false,
      );
    }
    case 'prechecked':
      if (state.mode.kind !== 'plan' || state.mode.precheck.state !== 'checking')
        return step(state, [], false);
      return step(
        { ...state, mode: { ...state.mode, precheck: { state: 'done', refused: action.refused } } },
        [],
        false,
      );
    case 'plan-failed':
      if (state.mode.kind !== 'planning') return step(state, [], false);
      return step(
        {
          ...state,
          mode: { kind: 'list' },
          error: action.error,
          notice: { key: 'planFailed', tone: 'danger' },
        },
        [],
        false,
      );
    case 'event':
      if (state.mode.kind !== 'running') return step(state, [], false);
      return step(
        { ...state, mode: { ...state.mode, progress: onEvent(state.mode.progress, action.event) } },
        [],
        false,
      );
    case 'run-ended':
      if (state.mode.kind !== 'running') return step(state, [], false);
      return step(
        { ...state, mode: { kind: 'done', plan: state.mode.plan, progress: state.mode.progress } },
        [],
        false,
      );
  }
}
