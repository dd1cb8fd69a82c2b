// Into and out of the rules pane from the root: `r` on a listener (dashboard or detail), `:rules` for
// the selected one; Esc back to where it was opened; the rule form (view 'rule-form') and back.
// Pure: app-state.ts routes keys here.
import type { AppState, View } from '../app-state.js';
import { selectedListener } from '../dashboard/dashboard-state.js';
import { reopenDetail } from '../detail-return.js';
import { localized } from '../i18n.js';

type RulesView = Extract<View, { kind: 'rules' }>;

function refuse(state: AppState): AppState {
  const id = state.nextFlashId;
  return {
    ...state,
    flash: { id, message: localized('rulesWhichListener'), tone: 'warning' },
    nextFlashId: id + 1,
  };
}

/** The listener `r` and `:rules` mean: the detail's, or the one selected in the listeners pane. */
export function rulesTarget(state: AppState): { id: string; loadBalancerId: string } | undefined {
  if (state.view.kind === 'detail')
    return { id: state.view.listenerId, loadBalancerId: state.view.loadBalancerId };
  if (state.view.kind === 'rules' || state.view.kind === 'rule-form')
    return { id: state.view.listenerId, loadBalancerId: state.view.loadBalancerId };
  if (
    state.view.kind === 'dashboard' &&
    (state.dashboard.focus === 'listeners' || state.dashboard.allListeners)
  ) {
    const row = selectedListener(state.dashboard);
    return row ? { id: row.id, loadBalancerId: row.loadBalancerId } : undefined;
  }
  return undefined;
}

export function openRules(state: AppState): AppState {
  const target = rulesTarget(state);
  if (!target) return refuse(state);
  const from = state.view.kind === 'detail' ? 'detail' : 'dashboard';
  const view: RulesView = {
    kind: 'rules',
    listenerId: target.id,
    loadBalancerId: target.loadBalancerId,
    from,
  };
  return { ...state, view, input: undefined };
}

/** Esc in the rules pane: back to the detail it was opened from (read again), or the dashboard. */
export function leaveRules(state: AppState): AppState {
  const view = state.view;
  if (view.kind !== 'rules' || view.from !== 'detail')
    return { ...state, view: { kind: 'dashboard' }, detail: undefined };
  return reopenDetail(state, view);
}

/** Out of the rule form (Esc, or after a save): back to the rules of its listener, read again. */
export function leaveRuleForm(state: AppState): AppState {
  const view = state.view;
  if (view.kind !== 'rule-form') return state;
  return {
    ...state,
    view: {
      kind: 'rules',
      listenerId: view.listenerId,
      loadBalancerId: view.loadBalancerId,
      from: 'dashboard',
    },
  };
}
