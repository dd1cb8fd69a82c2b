// Opening and leaving views in the root reducer: the profiles, the listener detail (its scrolling,
// back to the dashboard on the listener that was open), a listener's certificates from its detail,
// and leaving any other view for the dashboard (selecting what it created). Pure.
import type { AppState } from './app-state.js';
import { flash, onDashboard } from './app-helpers.js';
import { startListing } from './app-session.js';
import { selectTarget, updateListeners, type RowTarget } from './dashboard/dashboard-state.js';
import { selectId } from './dashboard/list-model.js';
import { detailRows } from './detail/detail-rows.js';
import { detailContextFor, detailLines } from './detail/listener-detail.js';
import { reopenDetail } from './detail-return.js';
import { bodyHeight } from './layout.js';

export function openProfiles(state: AppState): AppState {
  return { ...state, view: { kind: 'profiles' }, detail: undefined, input: undefined };
}

/** Lines of the detail view's content area, for scrolling. */
export function detailViewHeight(state: AppState): number {
  return Math.max(1, bodyHeight(state.terminal) - 2);
}

/** Screen rows of the detail, long values wrapped as the view wraps them. */
export function detailLineCount(state: AppState): number {
  const detail = state.detail?.detail;
  if (!detail) return 0;
  const data = state.dashboard.data;
  // The listing's time stands in for the clock: only the expiry's day count depends on it.
  const context = detailContextFor(data, detail.listener.loadBalancerId, state.lang, data?.loadedAt ?? 0);
  return detailRows(detailLines(detail, context), Math.max(0, state.terminal.columns - 2)).length;
}

export function scrollDetail(
  state: AppState,
  to: (scroll: number, height: number, count: number) => number,
): AppState {
  if (!state.detail) return state;
  const height = detailViewHeight(state);
  const count = detailLineCount(state);
  const scroll = Math.max(0, Math.min(to(state.detail.scroll, height, count), count - height));
  return scroll === state.detail.scroll ? state : { ...state, detail: { ...state.detail, scroll } };
}

export function closeDetail(state: AppState): AppState {
  const detail = state.detail;
  const next: AppState = { ...state, view: { kind: 'dashboard' }, detail: undefined };
  // Back on the listener that was open.
  return detail
    ? onDashboard(next, (dashboard, heights) =>
        updateListeners(dashboard, (model) => selectId(model, detail.listenerId, heights.listeners), heights),
      )
    : next;
}

export function detailRow(state: AppState) {
  const detail = state.detail;
  if (!detail) return undefined;
  const listener = detail.detail?.listener;
  const row = state.dashboard.data?.listeners.find((candidate) => candidate.id === detail.listenerId);
  if (row) return row;
  if (!listener) return undefined;
  return {
    id: listener.listenerId,
    loadBalancerId: listener.loadBalancerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name: listener.listenerDescription,
  };
}

export function closeView(state: AppState, select?: RowTarget): AppState {
  let next: AppState = { ...state, view: { kind: 'dashboard' }, detail: undefined };
  if (select) {
    next = onDashboard(next, (dashboard, heights) => {
      const { state: selected, found } = selectTarget(dashboard, select, heights);
      // A listener just created shows with the next listing; it is selected then.
      return found ? { ...selected, pendingSelect: undefined } : { ...selected, pendingSelect: select };
    });
    next = startListing(next);
  }
  return next;
}

export const backToDashboard = (state: AppState) => closeView(state);

/** `C` in the detail: the listener's certificates (HTTPS and QUIC only). */
export function openListenerCerts(state: AppState): AppState {
  const listener = state.detail?.detail?.listener;
  if (!state.detail || !listener) return state;
  if (listener.listenerProtocol === 'HTTP') return flash(state, 'certsHttpsOnly', 'warning');
  return {
    ...state,
    view: {
      kind: 'listener-certs',
      listenerId: listener.listenerId,
      loadBalancerId: listener.loadBalancerId,
      port: listener.listenerPort,
    },
    input: undefined,
  };
}

/**
 * Esc from a listener's certificates: back to its detail (where `C` opened them), read again, since
 * what was added, removed or replaced there shows in the detail's certificate lines.
 */
export function backToDetail(state: AppState): AppState {
  const view = state.view;
  if (view.kind !== 'listener-certs') return closeView(state);
  return reopenDetail(state, view);
}
