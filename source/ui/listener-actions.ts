// Changing a listener from the dashboard and the detail: `e` opens the wizard in edit mode, `s`
// starts or stops it (asked first: y on ordinary connections, the port typed on production ones,
// refused on read-only ones), its status followed in its row as it changes; and what depends on a
// listener, said before it is deleted or stopped. Pure: app-state.ts routes keys and actions here.
import { changeTarget, targetConnection } from './connections/targets.js';
import type { Lang, Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';
import { listenerImpact, type ImpactListener, type ImpactSentence } from '../domain/listener-impact.js';
import { wrapCells } from './components/lines.js';
import { flashLines } from './components/status-line.js';
import type { Tone } from './theme.js';
import type { ListenerStatus } from '../domain/resources.js';
import type { AppState, Flash, InputLine } from './app-state.js';
import { flash, paneHeights, queue } from './app-helpers.js';
import { isProduction } from './connection.js';
import { withData } from './dashboard/dashboard-state.js';
import type { ListenerRow } from './dashboard/rows.js';
import { t } from './i18n.js';
import { checkCertificateUse } from './certificate-use.js';
import { keyId, type KeyPress } from './keys.js';
import { edit, typedText } from './line-edit.js';

export interface StartStopLine {
  kind: 'startstop';
  listenerId: string;
  loadBalancerId: string;
  protocol: string;
  port: number;
  name: string;
  action: 'start' | 'stop';
  /** Production: the port must be typed. */
  typed: boolean;
  text: string;
  wrong: boolean;
  impact: readonly ImpactSentence[];
  /** The certificates its siblings serve are still being read (certificate-use.ts). */
  impactPending?: boolean;
  /** They could not be read: the impact counts only those known. */
  impactUnchecked?: boolean;
  /** With several connections open: the connection and region it goes to. */
  target?: Localized;
}

type RowLike = Pick<ListenerRow, 'id' | 'loadBalancerId' | 'port' | 'name'> & {
  protocol: string;
  connection?: string;
  status?: ListenerStatus;
};

/**
 * The listeners the app knows, with the certificates of those whose certificates it has read
 * (ListListenerCertificates before a confirmation: default and extra), else of those it has read whole
 * (peeked or in detail: the default only).
 */
export function knownListeners(state: AppState): ImpactListener[] {
  const peeked = state.dashboard.peeked;
  const detail = state.detail?.detail?.listener;
  const read = state.listenerCertificates;
  return (state.dashboard.data?.listeners ?? []).map((row) => {
    const bound = read?.get(row.id);
    const full = detail?.listenerId === row.id ? detail : peeked.get(row.id);
    const certificateIds = bound ?? full?.certificates?.map((c) => c.certificateId);
    return {
      listenerId: row.id,
      loadBalancerId: row.loadBalancerId,
      protocol: row.protocol,
      port: row.port,
      name: row.name,
      quicConfig: { quicUpgradeEnabled: row.quicUpgrade, quicListenerId: row.quicListenerId },
      ...(certificateIds ? { certificateIds } : {}),
    };
  });
}

/** What depends on the listener, for the delete and stop confirmations. */
export function impactOf(state: AppState, row: RowLike, action: 'delete' | 'stop'): ImpactSentence[] {
  const known = knownListeners(state);
  const target = known.find((l) => l.listenerId === row.id) ?? {
    listenerId: row.id,
    protocol: row.protocol,
    port: row.port,
    name: row.name,
  };
  return listenerImpact(target, known, action);
}

export function openEdit(state: AppState, row: RowLike | undefined, asText = false): AppState {
  if (!row) return flash(state, 'selectListenerFirst', 'warning');
  return {
    ...state,
    view: {
      kind: 'wizard',
      loadBalancerId: row.loadBalancerId,
      editListenerId: row.id,
      ...(asText ? { editAsText: true } : {}),
    },
    input: undefined,
  };
}

function statusOf(state: AppState, row: RowLike): ListenerStatus | undefined {
  const listed = state.dashboard.data?.listeners.find((r) => r.id === row.id)?.status;
  return listed ?? row.status;
}

export function askStartStop(state: AppState, row: RowLike | undefined): AppState {
  if (!row) return flash(state, 'selectListenerFirst', 'warning');
  if (state.session.connection.readOnly) return flash(state, 'startStopReadOnly', 'danger');
  const status = statusOf(state, row);
  if (status !== 'Running' && status !== 'Stopped')
    return flash(state, 'startStopBusy', 'warning', { status: status ?? '?' });
  const action = status === 'Running' ? 'stop' : 'start';
  const line: StartStopLine = {
    kind: 'startstop',
    listenerId: row.id,
    loadBalancerId: row.loadBalancerId,
    protocol: row.protocol,
    port: row.port,
    name: row.name,
    action,
    typed: isProduction(targetConnection(state, row)),
    text: '',
    wrong: false,
    impact: action === 'stop' ? impactOf(state, row, 'stop') : [],
    ...(changeTarget(state, row) ? { target: changeTarget(state, row) } : {}),
  };
  const asking = { ...state, input: line };
  return action === 'stop' ? checkCertificateUse(asking, row, queue) : asking;
}

export function startStopKey(state: AppState, line: StartStopLine, press: KeyPress): AppState {
  const id = keyId(press);
  if (id === 'escape' || (!line.typed && id === 'n')) return { ...state, input: undefined };
  const confirmed = line.typed ? id === 'enter' && line.text === String(line.port) : id === 'y';
  if (line.typed && id === 'enter' && !confirmed) return { ...state, input: { ...line, wrong: true } };
  if (confirmed) {
    const next = withListenerStatus({ ...state, input: undefined }, line.listenerId, 'Configuring');
    return queue(next, {
      kind: 'start-stop-listener',
      listenerId: line.listenerId,
      action: line.action,
      generation: state.session.generation,
    });
  }
  if (!line.typed) return state;
  const typed = typedText(press);
  if (typed !== undefined && !/^\d+$/.test(typed)) return state;
  const text = edit(line.text, press);
  if (text === undefined || text.length > 5) return state;
  return { ...state, input: { ...line, text, wrong: false } };
}

/** The row of a listener shows the status it has now (Configuring → Stopped / Running). */
export function withListenerStatus(state: AppState, listenerId: string, status: ListenerStatus): AppState {
  const open = state.detail?.detail;
  if (
    open &&
    state.detail &&
    open.listener.listenerId === listenerId &&
    open.listener.listenerStatus !== status
  )
    state = {
      ...state,
      detail: {
        ...state.detail,
        detail: { ...open, listener: { ...open.listener, listenerStatus: status } },
      },
    };
  const data = state.dashboard.data;
  const row = data?.listeners.find((r) => r.id === listenerId);
  if (!data || !row || row.status === status) return state;
  const replace = (r: ListenerRow) => (r.id === listenerId ? { ...r, status } : r);
  const listenersByInstance = new Map(data.listenersByInstance);
  const siblings = listenersByInstance.get(row.loadBalancerId);
  if (siblings) listenersByInstance.set(row.loadBalancerId, siblings.map(replace));
  const next = { ...data, listeners: data.listeners.map(replace), listenersByInstance };
  const dashboard = withData(state.dashboard, next, paneHeights(state));
  return { ...state, dashboard: { ...dashboard, peeked: state.dashboard.peeked } };
}

/**
 * While a delete or stop is asked: what depends on the listener, under the prompt, in at most two
 * lines of `columns` (the body gives up its last row for the second); with counts instead of names
 * when the names do not fit in two.
 */
export function impactNotice(
  input: InputLine | undefined,
  lang: Lang,
  columns = Infinity,
): { notice?: string; noticeRows?: number } {
  if (input?.kind !== 'delete' && input?.kind !== 'startstop') return {};
  const said = (brief: boolean) =>
    [
      ...(input.impact ?? []).map((sentence) =>
        sanitizeForTerminal((brief ? sentence.brief : sentence)[lang]),
      ),
      ...(input.impactPending ? [t(lang, 'impactChecking')] : []),
      ...(input.impactUnchecked ? [t(lang, 'impactUnchecked')] : []),
    ].join(' ');
  const full = said(false);
  if (full === '') return {};
  const rows = (text: string) =>
    columns === Infinity ? 1 : wrapCells(text, Math.max(1, columns - 2)).length;
  const notice = rows(`⚠ ${full}`) <= 2 ? `⚠ ${full}` : `⚠ ${said(true)}`;
  return { notice, noticeRows: Math.min(2, rows(notice)) };
}

/** A message too long for the status line goes on below it, in place of the key hints. */
export function flashContinued(
  input: InputLine | undefined,
  flash: Flash | undefined,
  lang: Lang,
  columns: number,
): { notice?: string; noticeTone?: Tone } {
  if (input || !flash) return {};
  const rest = flashLines(flash, lang, columns).slice(1);
  return rest.length > 0 ? { notice: rest.join(' '), noticeTone: flash.tone } : {};
}

export function isStartStopLine(line: InputLine | undefined): line is StartStopLine {
  return line?.kind === 'startstop';
}
