// The connection and its listing, as the root reducer sees them: open a connection (`:ctx`, again
// after a failure), list its instances and listeners (on start, Ctrl-R, the timer), take in what the
// listing brought or why it failed, and show the last listing kept from a previous run until the
// fresh one is in. Pure: the effect runner does the opening and the listing.
import type { Localized } from '../domain/i18n.js';
import type { AppAction, AppState } from './app-state.js';
import { flashMessage, onDashboard, queue, withReason } from './app-helpers.js';
import { connectionsText } from './connections/connections-i18n.js';
import { sameSource, type CachedDashboard } from './dashboard/cached-listing.js';
import { initialDashboard, selectTarget, withData } from './dashboard/dashboard-state.js';
import { buildDashboardData, sameRows, type DashboardData } from './dashboard/rows.js';
import type { ErrorInfo } from './error-info.js';

/** The cached listing on screen, its rows selected and sorted as a fresh one would be, marked stale. */
export function withCachedListing(state: AppState, cached: CachedDashboard): AppState {
  const data = buildDashboardData(cached.snapshot, cached.savedAt);
  const next: AppState = { ...state, session: { ...state.session, connection: cached.connection } };
  return onDashboard(next, (dashboard, heights) => ({
    ...withData(dashboard, data, heights),
    stale: { savedAt: cached.savedAt, connection: cached.connection },
  }));
}

/** Automatic refreshes wait while the user types, and while another view has the screen. */
export function refreshPaused(state: AppState): boolean {
  return state.input !== undefined || (state.view.kind !== 'dashboard' && state.view.kind !== 'detail');
}

export function startListing(state: AppState): AppState {
  if (state.session.status !== 'open' || state.dashboard.load.inFlight) return state;
  const next = {
    ...state,
    dashboard: { ...state.dashboard, load: { ...state.dashboard.load, inFlight: true, progress: undefined } },
  };
  return queue(next, { kind: 'load-listing', generation: state.session.generation });
}

/** Opens a connection: another one (`:ctx`, everything starts over) or the same one again (kept on screen). */
export function connect(
  state: AppState,
  name: string | undefined,
  again = false,
  reopened = false,
): AppState {
  const generation = state.session.generation + 1;
  const next: AppState = {
    ...state,
    session: {
      status: 'connecting',
      name,
      connection: state.session.connection,
      generation,
      ...(reopened ? { reopened } : {}),
    },
    dashboard: again
      ? { ...state.dashboard, load: { inFlight: false } }
      : { ...initialDashboard(), sorts: state.dashboard.sorts, allListeners: state.dashboard.allListeners },
    ...(again ? {} : { view: { kind: 'dashboard' } as const, detail: undefined }),
    input: undefined,
  };
  return queue(next, { kind: 'open-connection', name, generation });
}

/**
 * Ctrl-R and `r`: list again (and reload the detail). When the connection failed, or its endpoint
 * stopped answering (e.g. the other alb-tui whose local ALB this one used has quit), connect again.
 */
export function refreshNow(state: AppState): AppState {
  if (state.session.status === 'failed' || state.dashboard.load.error?.kind === 'unreachable') {
    return connect(state, state.session.name, true);
  }
  if (state.session.status !== 'open') return state;
  let next = startListing(state);
  if (state.view.kind === 'detail' && state.detail) {
    next = queue(
      { ...next, detail: { ...state.detail, status: state.detail.detail ? state.detail.status : 'loading' } },
      { kind: 'load-detail', listenerId: state.detail.listenerId, generation: state.session.generation },
    );
  }
  return next;
}

export function tick(state: AppState): AppState {
  if (state.refreshSeconds <= 0 || refreshPaused(state) || state.session.status !== 'open') return state;
  return refreshNow(state);
}

export function sessionOpened(
  state: AppState,
  action: Extract<AppAction, { type: 'session-opened' }>,
): AppState {
  let next: AppState = {
    ...state,
    session: { ...state.session, status: 'open', connection: action.connection, error: undefined },
  };
  // A cached listing of another connection (the profile now names another region): not shown.
  const stale = state.dashboard.stale;
  if (stale && !sameSource(stale.connection, action.connection)) {
    const { sorts, allListeners } = state.dashboard;
    next = { ...next, dashboard: { ...initialDashboard(), sorts, allListeners } };
  }
  for (const warning of action.warnings) next = flashMessage(next, warning, 'warning');
  next = startListing(next);
  // Reconnected with a detail open: read it again over the new connection.
  if (next.view.kind === 'detail' && next.detail) {
    next = queue(next, {
      kind: 'load-detail',
      listenerId: next.detail.listenerId,
      generation: next.session.generation,
    });
  }
  return next;
}

export function listingLoaded(
  state: AppState,
  action: Extract<AppAction, { type: 'listing-loaded' }>,
): AppState {
  const previous = state.dashboard.data;
  const data = buildDashboardData(action.snapshot, action.at, previous);
  const { reopened: _answered, ...session } = state.session;
  const { stale, ...dashboard } = state.dashboard;
  // A connection of several that has just failed: said once, with why (the header keeps naming it).
  const failure = newFailure(state.dashboard.data?.mixed?.failures, data);
  const told = failure ? flashMessage(state, failure, 'danger') : state;
  const next = onDashboard(
    { ...told, session, dashboard: { ...dashboard, load: { inFlight: false } } },
    (dashboard, heights) => {
      const loaded = withData(dashboard, data, heights);
      if (!loaded.pendingSelect) return loaded;
      const { state: selected, found } = selectTarget(loaded, loaded.pendingSelect, heights);
      return found ? { ...selected, pendingSelect: undefined } : loaded;
    },
  );
  // Written after the first listing of a connection and whenever a refresh changed something, not on
  // every refresh.
  if (previous && !stale && sameRows(previous, data)) return next;
  // A view of several connections is kept per connection (the effect saves those that listed).
  return queue(next, {
    kind: 'save-listing',
    name: state.session.name,
    connection: state.session.connection,
    snapshot: action.snapshot,
    at: action.at,
  });
}

export function newFailure(
  before: ReadonlyMap<string, ErrorInfo> | undefined,
  data: DashboardData,
): Localized | undefined {
  for (const [key, error] of data.mixed?.failures ?? []) {
    if (before?.has(key)) continue;
    const hasRows = data.instances.some((row) => row.connection === key);
    return connectionsText(hasRows ? 'failedStatus' : 'failedNoRows', { name: key, reason: error.message });
  }
  return undefined;
}

export function listingFailed(state: AppState, error: ErrorInfo): AppState {
  // The local ALB of another alb-tui that has just quit: open it again at once (this app then runs
  // its own), rather than show an error until the next refresh. Once, so a real outage is shown.
  if (error.kind === 'unreachable' && state.session.connection.kind === 'local' && !state.session.reopened)
    return connect(state, state.session.name, true, true);
  const next = { ...state, dashboard: { ...state.dashboard, load: { inFlight: false, error } } };
  // With data on screen, the failure is a message; without, the panes say it (see the view).
  return state.dashboard.data
    ? flashMessage(next, withReason('refreshFailed', error.message), 'danger')
    : next;
}
