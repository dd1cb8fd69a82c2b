// The dashboard's transitions in the root reducer: moving in and between the panes, opening a
// listener's detail, the filter, sorting, all listeners or per instance, marks (Space) for applying a
// profile to many, asking before a delete, and what a finished delete, start or stop, or the saved UI
// state (sorts, last view, language) changes in the lists. Pure: effects are queued, not run.
import type { Lang, Localized } from '../domain/i18n.js';
import { deleteListenerRefusal } from '../domain/listener-usage.js';
import type { Listener } from '../domain/resources.js';
import type { AppAction, AppState, InstanceRef } from './app-state.js';
import { copyText, flash, flashMessage, onDashboard, queue, withReason } from './app-helpers.js';
import { checkCertificateUse } from './certificate-use.js';
import { changeTarget } from './connections/targets.js';
import { defaultCertificateOf } from './dashboard/cert-marks.js';
import {
  selectedInstance,
  selectedListener,
  updateInstances,
  updateListeners,
  withAllListeners,
  withDeleting,
  withFilterOn,
  withListenerGone,
  withSort,
  type DashboardState,
  type PaneId,
} from './dashboard/dashboard-state.js';
import { moveBy, moveTo, page, type ListModel } from './dashboard/list-model.js';
import { listenerStatusWord, type InstanceRow, type ListenerRow } from './dashboard/rows.js';
import { nextSort, parseSort, SORT_KEYS, type SortKey, type SortedList } from './dashboard/sort.js';
import { localized, t } from './i18n.js';
import { impactOf, withListenerStatus } from './listener-actions.js';
import type { ListenerRef } from './profiles/update-state.js';

export function focusedPane(state: AppState): PaneId {
  return state.dashboard.focus;
}

export function moveFocused(
  state: AppState,
  move: <Row extends InstanceRow | ListenerRow>(model: ListModel<Row>, height: number) => ListModel<Row>,
): AppState {
  return onDashboard(state, (dashboard, heights) =>
    focusedPane(state) === 'instances'
      ? updateInstances(dashboard, (model) => move(model, heights.instances), heights)
      : updateListeners(dashboard, (model) => move(model, heights.listeners), heights),
  );
}

export const moveDown = (state: AppState) => moveFocused(state, (model, height) => moveBy(model, 1, height));
export const moveUp = (state: AppState) => moveFocused(state, (model, height) => moveBy(model, -1, height));
export const pageDown = (state: AppState) => moveFocused(state, (model, height) => page(model, 1, height));
export const pageUp = (state: AppState) => moveFocused(state, (model, height) => page(model, -1, height));
export const moveFirst = (state: AppState) => moveFocused(state, (model, height) => moveTo(model, 0, height));
export const moveLast = (state: AppState) =>
  moveFocused(state, (model, height) => moveTo(model, model.matches.length - 1, height));

export function setFocus(state: AppState, focus: PaneId): AppState {
  if (state.dashboard.focus === focus) return state;
  if (focus === 'instances' && state.dashboard.allListeners) return state;
  return { ...state, dashboard: { ...state.dashboard, focus } };
}

export const toggleFocus = (state: AppState) =>
  setFocus(state, state.dashboard.focus === 'instances' ? 'listeners' : 'instances');

export function openDetail(state: AppState, row: ListenerRow): AppState {
  const next: AppState = {
    ...state,
    view: { kind: 'detail', listenerId: row.id, loadBalancerId: row.loadBalancerId },
    detail: { listenerId: row.id, loadBalancerId: row.loadBalancerId, status: 'loading', scroll: 0 },
  };
  return queue(next, { kind: 'load-detail', listenerId: row.id, generation: state.session.generation });
}

export function open(state: AppState): AppState {
  if (focusedPane(state) === 'instances') {
    return selectedInstance(state.dashboard) ? setFocus(state, 'listeners') : state;
  }
  const row = selectedListener(state.dashboard);
  return row ? openDetail(state, row) : state;
}

export function back(state: AppState): AppState {
  const pane = focusedPane(state);
  const model = pane === 'instances' ? state.dashboard.instances : state.dashboard.listeners;
  if (model.filter !== '')
    return onDashboard(state, (dashboard, heights) => withFilterOn(dashboard, pane, '', heights));
  if (state.dashboard.allListeners) return showInstances(state);
  if (pane === 'listeners') return setFocus(state, 'instances');
  return clearMarks(state);
}

export function startFilter(state: AppState): AppState {
  const pane = focusedPane(state);
  const model = pane === 'instances' ? state.dashboard.instances : state.dashboard.listeners;
  return { ...state, input: { kind: 'filter', pane, text: model.filter } };
}

/** The instance the wizard would create a listener on: the selected one, or the selected listener's. */
export function targetInstance(state: AppState): string | undefined {
  if (state.dashboard.allListeners || focusedPane(state) === 'listeners') {
    const listener = selectedListener(state.dashboard);
    if (listener) return listener.loadBalancerId;
  }
  return state.dashboard.allListeners ? undefined : selectedInstance(state.dashboard)?.id;
}

export function openWizard(state: AppState): AppState {
  const loadBalancerId = targetInstance(state);
  if (!loadBalancerId) return flash(state, 'selectInstanceFirst', 'warning');
  return { ...state, view: { kind: 'wizard', loadBalancerId } };
}

/** An instance by ID with its name as listed (sanitised there); the ID alone when it is not listed. */
export function instanceRef(state: AppState, id: string): InstanceRef {
  const row = state.dashboard.data?.instances.find((candidate) => candidate.id === id);
  return { id, name: row?.name ?? '' };
}

/** The marked instances that are still listed, in list order. */
export function markedInstances(state: AppState): InstanceRef[] {
  if (state.marked.size === 0) return [];
  return (state.dashboard.data?.instances ?? [])
    .filter((row) => state.marked.has(row.id))
    .map((row) => ({ id: row.id, name: row.name }));
}

/** The marked listeners that are still listed, in list order (a profile applied to them as updates). */
export function markedListeners(state: AppState): ListenerRef[] {
  if (state.marked.size === 0) return [];
  return (state.dashboard.data?.listeners ?? [])
    .filter((row) => state.marked.has(row.id))
    .map((row) => listenerRef(row));
}

/** A listener row as the views that act on it name it. */
export function listenerRef(row: ListenerRow): ListenerRef {
  return {
    id: row.id,
    loadBalancerId: row.loadBalancerId,
    label: `${row.protocol} ${row.port}${row.name ? ` ${row.name}` : ''}`,
    instanceName: row.instanceName,
  };
}

/**
 * Space on an instance or a listener: mark it (or unmark it), then move on so several are marked
 * quickly. Marked instances get new listeners from a profile; marked listeners take it as updates.
 */
export function toggleMark(state: AppState): AppState {
  const row =
    focusedPane(state) === 'instances'
      ? selectedInstance(state.dashboard)
      : selectedListener(state.dashboard);
  if (!row) return state;
  const marked = new Set(state.marked);
  if (marked.has(row.id)) marked.delete(row.id);
  else marked.add(row.id);
  return moveDown({ ...state, marked });
}

export function clearMarks(state: AppState, ids?: readonly string[]): AppState {
  if (state.marked.size === 0) return state;
  if (!ids) return { ...state, marked: new Set() };
  const marked = new Set(state.marked);
  for (const id of ids) marked.delete(id);
  return marked.size === state.marked.size ? state : { ...state, marked };
}

export function askDelete(
  state: AppState,
  row:
    | {
        id: string;
        loadBalancerId: string;
        protocol: string;
        port: number;
        name: string;
        connection?: string;
      }
    | undefined,
): AppState {
  if (!row) return flash(state, 'selectListenerFirst', 'warning');
  if (state.session.connection.readOnly) return flash(state, 'deleteReadOnly', 'danger');
  if (state.dashboard.deleting.has(row.id)) return flash(state, 'alreadyDeleting', 'warning');
  // Said instead of asking for the port: there is nothing to confirm, the service would refuse it.
  const inUse = quicListenerInUse(state, row);
  if (inUse) return flashMessage(state, inUse, 'warning');
  const asking: AppState = {
    ...state,
    input: {
      kind: 'delete',
      listenerId: row.id,
      loadBalancerId: row.loadBalancerId,
      protocol: row.protocol,
      port: row.port,
      name: row.name,
      text: '',
      wrong: false,
      impact: impactOf(state, row, 'delete'),
      ...withTarget(changeTarget(state, row)),
    },
  };
  return checkCertificateUse(asking, row, queue);
}

export function withTarget(target: Localized | undefined): { target?: Localized } {
  return target ? { target } : {};
}

/** Why ALB would refuse to delete this listener (a QUIC listener an HTTPS listener upgrades to). */
export function quicListenerInUse(
  state: AppState,
  row: { id: string; loadBalancerId: string; protocol: string; port: number; name: string },
): Localized | undefined {
  // Protocol and port say which listener of this instance it is; an ID would push the advice off the line.
  const mention = (r: ListenerRow) => ({ protocol: r.protocol, port: r.port, name: r.name });
  const siblings = (state.dashboard.data?.listenersByInstance.get(row.loadBalancerId) ?? []).map((r) => ({
    row: r,
    quicConfig: { quicUpgradeEnabled: r.quicUpgrade, quicListenerId: r.quicListenerId },
  }));
  const refusal = deleteListenerRefusal(
    { listenerId: row.id, protocol: row.protocol, port: row.port, name: row.name },
    siblings,
    (sibling) => mention(sibling.row),
  );
  return refusal?.message;
}

export function deleteSelected(state: AppState): AppState {
  if (focusedPane(state) !== 'listeners') return flash(state, 'deleteWhichListener', 'warning');
  return askDelete(state, selectedListener(state.dashboard));
}

export function copySelected(state: AppState): AppState {
  const row =
    focusedPane(state) === 'instances'
      ? selectedInstance(state.dashboard)
      : selectedListener(state.dashboard);
  return copyText(state, row?.id);
}

export function sortBy(state: AppState, key: SortKey): AppState {
  const list: SortedList = focusedPane(state);
  if (!SORT_KEYS[list].includes(key)) return flash(state, 'sortNotHere', 'warning');
  const sort = nextSort(state.dashboard.sorts[list], key);
  const next = onDashboard(state, (dashboard, heights) => withSort(dashboard, list, sort, heights));
  return queue(next, { kind: 'save-ui', patch: { sort: { [list]: sort } } });
}

export function showListeners(state: AppState): AppState {
  const next = onDashboard(
    { ...state, view: { kind: 'dashboard' }, detail: undefined },
    (dashboard, heights) => withAllListeners(dashboard, true, heights),
  );
  return next.dashboard.allListeners === state.dashboard.allListeners && state.view.kind === 'dashboard'
    ? next
    : queue(next, { kind: 'save-ui', patch: { lastView: 'listeners' } });
}

export function showInstances(state: AppState): AppState {
  const wasAll = state.dashboard.allListeners;
  const next = onDashboard(
    { ...state, view: { kind: 'dashboard' }, detail: undefined },
    (dashboard, heights) => ({
      ...withAllListeners(dashboard, false, heights),
      focus: 'instances' as const,
    }),
  );
  return wasAll ? queue(next, { kind: 'save-ui', patch: { lastView: 'instances' } }) : next;
}

export function deleteFinished(
  state: AppState,
  action: Extract<AppAction, { type: 'delete-finished' }>,
): AppState {
  const row = state.dashboard.data?.listeners.find((candidate) => candidate.id === action.listenerId);
  const what = row ? `${row.protocol} ${row.port}` : action.listenerId;
  if (action.error) {
    const next = { ...state, dashboard: withDeleting(state.dashboard, action.listenerId, false) };
    return flashMessage(next, withReason('deleteFailed', action.error.message, { what }), 'danger');
  }
  const next = onDashboard(state, (dashboard, heights) =>
    withListenerGone(dashboard, action.listenerId, heights),
  );
  return flash(next, 'deleted', 'good', { what });
}

export function listenerStatusChanged(
  state: AppState,
  action: Extract<AppAction, { type: 'listener-status' }>,
): AppState {
  let next = withListenerStatus(state, action.listenerId, action.status);
  if (!action.done) return next;
  // The detail open on it is read again: the service's word, not only the status seen while waiting.
  if (next.view.kind === 'detail' && next.detail?.listenerId === action.listenerId)
    next = queue(next, { kind: 'load-detail', listenerId: action.listenerId, generation: action.generation });
  const row = next.dashboard.data?.listeners.find((candidate) => candidate.id === action.listenerId);
  const what = row ? `${row.protocol} ${row.port}` : action.listenerId;
  if (action.error) {
    const verb = localized(action.action === 'start' ? 'actionStart' : 'actionStop');
    return flashMessage(
      next,
      {
        en: t('en', 'startStopFailed', { action: verb.en, what, reason: action.error.message.en }),
        'zh-CN': t('zh-CN', 'startStopFailed', {
          action: verb['zh-CN'],
          what,
          reason: action.error.message['zh-CN'],
        }),
      },
      'danger',
    );
  }
  const done = (lang: Lang) =>
    t(lang, 'startStopDone', { what, status: listenerStatusWord(action.status, lang) });
  return flashMessage(next, { en: done('en'), 'zh-CN': done('zh-CN') }, 'good');
}

export function uiStateLoaded(
  state: AppState,
  action: Extract<AppAction, { type: 'ui-state-loaded' }>,
): AppState {
  let next: AppState = { ...state, connections: action.connections };
  if (action.ui.language) next = { ...next, lang: action.ui.language };
  for (const list of ['instances', 'listeners'] as const) {
    const sort = parseSort(list, action.ui.sort[list]);
    if (sort) next = onDashboard(next, (dashboard, heights) => withSort(dashboard, list, sort, heights));
  }
  if (action.ui.lastView === 'listeners')
    next = onDashboard(next, (dashboard, heights) => withAllListeners(dashboard, true, heights));
  return next;
}

/** Remembers which certificate a listener read whole serves (the expiry marks in the rows). */
export function withDefaultCertificate(dashboard: DashboardState, listener: Listener): DashboardState {
  const certificateId = defaultCertificateOf(listener);
  if (dashboard.defaultCertificates?.get(listener.listenerId) === certificateId) return dashboard;
  const defaultCertificates = new Map(dashboard.defaultCertificates);
  defaultCertificates.set(listener.listenerId, certificateId);
  return { ...dashboard, defaultCertificates };
}
