// Small helpers the root reducer's modules share: queue an effect, show a message, change the
// dashboard and fit it to the layout, and the few transitions every view's keys use (quit, help,
// copy). Pure: only types from app-state.ts, so every module the reducer imports can use them.
import type { Localized } from '../domain/i18n.js';
import type { AppState, Effect } from './app-state.js';
import { fitDashboard, type DashboardState, type PaneHeights } from './dashboard/dashboard-state.js';
import { localized, type MessageKey } from './i18n.js';
import { dashboardLayout } from './layout.js';
import type { Tone } from './theme.js';

export function queue(state: AppState, ...effects: Effect[]): AppState {
  if (effects.length === 0) return state;
  let seq = state.nextEffectSeq;
  const queued = effects.map((effect) => ({ seq: seq++, effect }));
  return { ...state, effects: [...state.effects, ...queued], nextEffectSeq: seq };
}

export function flash(
  state: AppState,
  key: MessageKey,
  tone: Tone,
  params: Record<string, string | number> = {},
): AppState {
  return flashMessage(state, localized(key, params), tone);
}

/** A message with `{reason}` filled from a message that is itself in both languages. */
export function withReason(
  key: MessageKey,
  reason: Localized,
  params: Record<string, string | number> = {},
): Localized {
  return {
    en: localized(key, { ...params, reason: reason.en }).en,
    'zh-CN': localized(key, { ...params, reason: reason['zh-CN'] })['zh-CN'],
  };
}

export function flashMessage(state: AppState, message: Localized, tone: Tone): AppState {
  return { ...state, flash: { id: state.nextFlashId, message, tone }, nextFlashId: state.nextFlashId + 1 };
}

/** List rows that fit in each pane of the current layout. */
export function paneHeights(state: AppState, dashboard: DashboardState = state.dashboard): PaneHeights {
  const layout = dashboardLayout(
    state.terminal,
    dashboard.allListeners,
    dashboard.data?.instances.length ?? 0,
  );
  return { instances: layout.instances?.rows ?? 1, listeners: layout.listeners.rows };
}

/** Applies a change to the dashboard, then fits its lists to the (possibly new) layout. */
export function onDashboard(
  state: AppState,
  change: (dashboard: DashboardState, heights: PaneHeights) => DashboardState,
): AppState {
  const changed = change(state.dashboard, paneHeights(state));
  if (changed === state.dashboard) return state;
  const dashboard = fitDashboard(changed, paneHeights(state, changed));
  return { ...state, dashboard };
}

export const requestExit = (state: AppState): AppState => ({ ...state, exitRequested: true });
export const openHelp = (state: AppState): AppState => ({ ...state, overlay: 'help', helpScroll: 0 });
export const closeHelp = (state: AppState): AppState => ({ ...state, overlay: 'none' });

export function copyText(state: AppState, text: string | undefined, what: string = text ?? ''): AppState {
  if (!text) return state;
  return queue(flash(state, 'copied', 'good', { text: what }), { kind: 'copy', text });
}
