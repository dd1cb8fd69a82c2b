// A listener's certificates (from its detail, `C`): the default and the extra (SNI) ones, each with
// domain, SANs, expiry and association status; add extra ones from a picker (Space marks several,
// typing filters, expired ones cannot be chosen, expiring ones are marked), remove an extra one (never
// the default), replace the default — each previewed, confirmed (the port typed on production, refused
// on read-only) and followed until Associated / gone. Pure: the view runs the effects.
import type { ListenerCertificate } from '../../alb/client.js';
import { certificateKey } from '../../domain/certificate-ids.js';
import type { Certificate } from '../../domain/resources.js';
import { daysUntil } from '../dashboard/rows.js';
import type { ErrorInfo } from '../error-info.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit } from '../line-edit.js';
import { clampCursor } from '../list-cursor.js';

export type CertChange =
  | { kind: 'add'; certificateIds: string[] }
  | { kind: 'remove'; certificateIds: string[] }
  | { kind: 'replace-default'; from?: string; to: string };

export interface BoundRow {
  bound: ListenerCertificate;
  certificate?: Certificate;
  days?: number;
}

export type ListenerCertsMode =
  | { kind: 'list' }
  | {
      kind: 'pick';
      purpose: 'add' | 'replace-default';
      cursor: number;
      filter: string;
      marked: ReadonlySet<string>;
    }
  | { kind: 'preview'; change: CertChange; text: string; wrong: boolean }
  | { kind: 'running'; change: CertChange; status?: string }
  | { kind: 'failed'; change: CertChange; error: ErrorInfo };

export interface ListenerCertsState {
  listenerId: string;
  port: number;
  status: 'loading' | 'ready' | 'failed';
  error?: ErrorInfo;
  bound: BoundRow[];
  available: Certificate[];
  cursor: number;
  mode: ListenerCertsMode;
  readOnly: boolean;
  production: boolean;
  notice?: 'readOnly' | 'defaultNotRemovable' | 'expiredNotChoosable' | 'nothingMarked' | 'done';
  now: number;
}

export type ListenerCertsEffect = { kind: 'load' } | { kind: 'apply'; change: CertChange };

export type ListenerCertsAction =
  | { type: 'key'; key: KeyPress }
  | {
      type: 'loaded';
      bound: readonly ListenerCertificate[];
      certificates: readonly Certificate[];
      defaultId?: string;
    }
  | { type: 'load-failed'; error: ErrorInfo }
  | { type: 'status'; status: string }
  | { type: 'applied' }
  | { type: 'apply-failed'; error: ErrorInfo };

export interface LcStep {
  state: ListenerCertsState;
  effects: ListenerCertsEffect[];
  used: boolean;
}

export function initListenerCerts(options: {
  listenerId: string;
  port: number;
  readOnly: boolean;
  production: boolean;
  now: number;
}): ListenerCertsState {
  return { ...options, status: 'loading', bound: [], available: [], cursor: 0, mode: { kind: 'list' } };
}

/** Default first, then the extra ones; CA certificates (mutual TLS) are not server certificates here. */
export function boundRows(
  bound: readonly ListenerCertificate[],
  certificates: readonly Certificate[],
  now: number,
): BoundRow[] {
  const byKey = new Map(certificates.map((c) => [certificateKey(c.certificateId), c]));
  return bound
    .filter((b) => b.certificateType !== 'Ca')
    .map((b) => {
      const certificate = byKey.get(certificateKey(b.certificateId));
      const days = certificate ? daysUntil(certificate.endDate, now) : undefined;
      return { bound: b, ...(certificate ? { certificate } : {}), ...(days === undefined ? {} : { days }) };
    })
    .sort((a, b) => Number(b.bound.isDefault) - Number(a.bound.isDefault));
}

/** What the picker offers: server certificates not already on the listener, filtered as typed. */
export function pickChoices(
  state: ListenerCertsState,
  filter: string,
): { certificate: Certificate; days?: number }[] {
  const on = new Set(state.bound.map((row) => certificateKey(row.bound.certificateId)));
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return state.available
    .filter((c) => !c.isCa && !on.has(certificateKey(c.certificateId)))
    .filter((c) =>
      words.every((word) =>
        [c.certificateId, c.name, c.commonName, ...c.sans].join(' ').toLowerCase().includes(word),
      ),
    )
    .map((certificate) => {
      const days = daysUntil(certificate.endDate, state.now);
      return { certificate, ...(days === undefined ? {} : { days }) };
    })
    .sort((a, b) => (b.days ?? 0) - (a.days ?? 0));
}

const step = (state: ListenerCertsState, effects: ListenerCertsEffect[] = [], used = true): LcStep => ({
  state,
  effects,
  used,
});

const expired = (days: number | undefined) => days !== undefined && days < 0;

function listKey(state: ListenerCertsState, press: KeyPress): LcStep {
  const id = keyId(press);
  const row = state.bound[state.cursor];
  switch (id) {
    case 'down':
    case 'j':
      return step({ ...state, cursor: clampCursor(state.cursor + 1, state.bound.length) });
    case 'up':
    case 'k':
      return step({ ...state, cursor: clampCursor(state.cursor - 1, state.bound.length) });
    case 'ctrl+r':
      return step({ ...state, status: 'loading' }, [{ kind: 'load' }]);
    case 'a':
    case 'D':
      if (state.readOnly) return step({ ...state, notice: 'readOnly' });
      return step({
        ...state,
        mode: {
          kind: 'pick',
          purpose: id === 'a' ? 'add' : 'replace-default',
          cursor: 0,
          filter: '',
          marked: new Set(),
        },
      });
    case 'x':
    case 'delete':
      if (!row) return step(state);
      if (state.readOnly) return step({ ...state, notice: 'readOnly' });
      if (row.bound.isDefault) return step({ ...state, notice: 'defaultNotRemovable' });
      return step({
        ...state,
        mode: {
          kind: 'preview',
          change: { kind: 'remove', certificateIds: [row.bound.certificateId] },
          text: '',
          wrong: false,
        },
      });
    default:
      return step(state, [], false);
  }
}

function pickKey(
  state: ListenerCertsState,
  mode: Extract<ListenerCertsMode, { kind: 'pick' }>,
  press: KeyPress,
): LcStep {
  const id = keyId(press);
  const choices = pickChoices(state, mode.filter);
  const current = choices[mode.cursor];
  if (id === 'escape') return step({ ...state, mode: { kind: 'list' } });
  if (id === 'down' || id === 'up') {
    const cursor = clampCursor(mode.cursor + (id === 'down' ? 1 : -1), choices.length);
    return step({ ...state, mode: { ...mode, cursor } });
  }
  if (id === ' ' && mode.purpose === 'add') {
    if (!current) return step(state);
    if (expired(current.days)) return step({ ...state, notice: 'expiredNotChoosable' });
    const marked = new Set(mode.marked);
    const key = current.certificate.certificateId;
    if (marked.has(key)) marked.delete(key);
    else marked.add(key);
    return step({
      ...state,
      mode: { ...mode, marked, cursor: Math.min(choices.length - 1, mode.cursor + 1) },
    });
  }
  if (id === 'enter') {
    if (mode.purpose === 'replace-default') {
      if (!current) return step(state);
      if (expired(current.days)) return step({ ...state, notice: 'expiredNotChoosable' });
      const from = state.bound.find((row) => row.bound.isDefault)?.bound.certificateId;
      const change: CertChange = {
        kind: 'replace-default',
        ...(from ? { from } : {}),
        to: current.certificate.certificateId,
      };
      return step({ ...state, mode: { kind: 'preview', change, text: '', wrong: false } });
    }
    // Enter with nothing marked takes the highlighted one, as a single choice.
    const ids =
      mode.marked.size > 0
        ? [...mode.marked]
        : current && !expired(current.days)
          ? [current.certificate.certificateId]
          : [];
    if (ids.length === 0)
      return step({ ...state, notice: current ? 'expiredNotChoosable' : 'nothingMarked' });
    return step({
      ...state,
      mode: { kind: 'preview', change: { kind: 'add', certificateIds: ids }, text: '', wrong: false },
    });
  }
  const filter = edit(mode.filter, press);
  if (filter === undefined) return step(state);
  return step({ ...state, mode: { ...mode, filter, cursor: 0 } });
}

function previewKey(
  state: ListenerCertsState,
  mode: Extract<ListenerCertsMode, { kind: 'preview' }>,
  press: KeyPress,
): LcStep {
  const id = keyId(press);
  if (id === 'escape') return step({ ...state, mode: { kind: 'list' } });
  const go = () =>
    step({ ...state, mode: { kind: 'running', change: mode.change } }, [
      { kind: 'apply', change: mode.change },
    ]);
  if (state.production) {
    if (id === 'enter')
      return mode.text === String(state.port) ? go() : step({ ...state, mode: { ...mode, wrong: true } });
    const text = edit(mode.text, press);
    if (text === undefined || !/^\d{0,5}$/.test(text)) return step(state);
    return step({ ...state, mode: { ...mode, text, wrong: false } });
  }
  if (id === 'ctrl+s' || id === 'enter') return go();
  return step(state);
}

export function listenerCertsReducer(state: ListenerCertsState, action: ListenerCertsAction): LcStep {
  switch (action.type) {
    case 'key': {
      const base = state.notice ? { ...state, notice: undefined } : state;
      const mode = base.mode;
      if (mode.kind === 'list') return listKey(base, action.key);
      if (mode.kind === 'pick') return pickKey(base, mode, action.key);
      if (mode.kind === 'preview') return previewKey(base, mode, action.key);
      if (mode.kind === 'failed') {
        const id = keyId(action.key);
        if (id === 'r')
          return step({ ...base, mode: { kind: 'running', change: mode.change } }, [
            { kind: 'apply', change: mode.change },
          ]);
        if (id === 'escape') return step({ ...base, mode: { kind: 'list' } }, [{ kind: 'load' }]);
        return step(base);
      }
      return step(base);
    }
    case 'loaded':
      return step(
        {
          ...state,
          status: 'ready',
          bound: boundRows(action.bound, action.certificates, state.now),
          available: [...action.certificates],
          cursor: Math.min(state.cursor, Math.max(0, action.bound.length - 1)),
        },
        [],
        false,
      );
    case 'load-failed':
      return step({ ...state, status: 'failed', error: action.error }, [], false);
    case 'status':
      if (state.mode.kind !== 'running') return step(state, [], false);
      return step({ ...state, mode: { ...state.mode, status: action.status } }, [], false);
    case 'applied':
      return step(
        { ...state, mode: { kind: 'list' }, notice: 'done', status: 'loading' },
        [{ kind: 'load' }],
        false,
      );
    case 'apply-failed':
      if (state.mode.kind !== 'running') return step(state, [], false);
      return step(
        { ...state, mode: { kind: 'failed', change: state.mode.change, error: action.error } },
        [],
        false,
      );
  }
}
