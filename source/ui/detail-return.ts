// Back to a listener's detail from a view opened on it (its certificates, its rules). Pure: only types
// from app-state.ts, so the modules app-state.ts routes keys to can use it.
import type { AppState } from './app-state.js';

/**
 * The listener's detail, kept if it is the one open, read again either way: what the view changed
 * (certificates, rules) shows in the detail's lines.
 */
export function reopenDetail(
  state: AppState,
  listener: { listenerId: string; loadBalancerId: string },
): AppState {
  const { listenerId, loadBalancerId } = listener;
  const kept = state.detail?.listenerId === listenerId ? state.detail : undefined;
  const generation = state.session.generation;
  return {
    ...state,
    view: { kind: 'detail', listenerId, loadBalancerId },
    detail: kept ?? { listenerId, loadBalancerId, status: 'loading', scroll: 0 },
    effects: [
      ...state.effects,
      { seq: state.nextEffectSeq, effect: { kind: 'load-detail', listenerId, generation } },
    ],
    nextEffectSeq: state.nextEffectSeq + 1,
  };
}
