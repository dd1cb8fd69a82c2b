// The dashboard's state: the data of the last listing, the two lists (instances, and the listeners
// of the selected instance or of all instances), which one has the focus, sorts, deletions in
// flight. Pure functions; the root reducer (app-state.ts) calls them with the list heights of the
// current layout.
import type { HealthSummary } from '../../domain/server-health.js';
import type { ListingProgress } from '../../alb/client.js';
import type { Listener } from '../../domain/resources.js';
import type { Connection } from '../connection.js';
import type { ErrorInfo } from '../error-info.js';
import {
  emptyList,
  fitHeight,
  resetRows,
  selectedRow,
  selectId,
  withFilter,
  withContextSearch,
  withRows,
  type ListModel,
} from './list-model.js';
import { withoutListener, type DashboardData, type InstanceRow, type ListenerRow } from './rows.js';
import { sortInstances, sortListeners, type SortedList, type SortSpec } from './sort.js';

export type PaneId = 'instances' | 'listeners';

export interface LoadState {
  /** A listing is on its way. */
  inFlight: boolean;
  progress?: ListingProgress;
  /** Why the last listing failed; cleared by the next one that succeeds. */
  error?: ErrorInfo;
}

export interface DashboardState {
  data?: DashboardData;
  load: LoadState;
  focus: PaneId;
  /** The listeners of every instance in one list (`:listeners`) rather than the selected instance's. */
  allListeners: boolean;
  instances: ListModel<InstanceRow>;
  listeners: ListModel<ListenerRow>;
  sorts: Partial<Record<SortedList, SortSpec>>;
  /** Listeners whose deletion was asked for and has not finished. */
  deleting: ReadonlySet<string>;
  /** `GetListenerAttribute` of listeners the user looked at (for the certificate on the detail line). */
  peeked: ReadonlyMap<string, Listener>;
  /**
   * Listener ID → its default certificate ('' for none), from every listener read whole this session
   * (peeked, detail). Not cleared by a listing, which does not carry certificates: for the expiry marks.
   */
  defaultCertificates?: ReadonlyMap<string, string>;
  /** A row to select once a listing has it (a listener the wizard just created). */
  pendingSelect?: RowTarget;
  /** Listener ID → its servers' health (GetListenerHealthStatus), read for the rows in view. */
  listenerHealth?: ReadonlyMap<string, HealthSummary>;
  /**
   * The data is the cached listing of a previous run (the header says so, with its age) until the
   * fresh one replaces it.
   */
  stale?: { savedAt: number; connection: Connection };
}

export interface RowTarget {
  loadBalancerId: string;
  listenerId?: string;
}

export interface PaneHeights {
  instances: number;
  listeners: number;
}

export function initialDashboard(): DashboardState {
  return {
    load: { inFlight: false },
    focus: 'instances',
    allListeners: false,
    instances: emptyList(),
    listeners: emptyList(),
    sorts: {},
    deleting: new Set(),
    peeked: new Map(),
  };
}

export function selectedInstance(state: DashboardState): InstanceRow | undefined {
  return selectedRow(state.instances);
}

export function selectedListener(state: DashboardState): ListenerRow | undefined {
  return selectedRow(state.listeners);
}

/** The listeners the listeners pane shows, sorted: all of them, or the selected instance's. */
export function listenerRowsFor(
  state: DashboardState,
  instanceId = selectedInstance(state)?.id,
): readonly ListenerRow[] {
  const data = state.data;
  if (!data) return [];
  const rows = state.allListeners
    ? data.listeners
    : instanceId === undefined
      ? []
      : (data.listenersByInstance.get(instanceId) ?? []);
  return sortListeners(rows, state.sorts.listeners);
}

/**
 * The instances list changed (moved, filtered, sorted, refreshed). When another instance is now
 * selected, its listeners show from the top; otherwise the listeners keep their place.
 */
function afterInstances(before: DashboardState, next: DashboardState, heights: PaneHeights): DashboardState {
  if (next.allListeners) {
    // Every listener shows whatever instance is selected: only a new listing changes the rows.
    if (next.data === before.data) return next;
    // In every instance's listeners the filter finds them by their instance's name and ID too.
    const scoped = withContextSearch(next.listeners, true, heights.listeners);
    const listeners = withRows(scoped, listenerRowsFor(next), heights.listeners);
    return listeners === next.listeners ? next : { ...next, listeners };
  }
  const previousId = selectedInstance(before)?.id;
  const currentId = selectedInstance(next)?.id;
  const rows = listenerRowsFor(next, currentId);
  const listeners =
    previousId === currentId
      ? withRows(next.listeners, rows, heights.listeners)
      : resetRows(next.listeners, rows, heights.listeners);
  return listeners === next.listeners ? next : { ...next, listeners };
}

export function updateInstances(
  state: DashboardState,
  update: (model: ListModel<InstanceRow>) => ListModel<InstanceRow>,
  heights: PaneHeights,
): DashboardState {
  const instances = update(state.instances);
  if (instances === state.instances) return state;
  return afterInstances(state, { ...state, instances }, heights);
}

export function updateListeners(
  state: DashboardState,
  update: (model: ListModel<ListenerRow>) => ListModel<ListenerRow>,
  _heights?: PaneHeights,
): DashboardState {
  const listeners = update(state.listeners);
  return listeners === state.listeners ? state : { ...state, listeners };
}

/** A new listing: everything keeps its selection and scroll position by ID. */
export function withData(state: DashboardState, data: DashboardData, heights: PaneHeights): DashboardState {
  const next: DashboardState = {
    ...state,
    data,
    // What was peeked may have changed; the selection is peeked again.
    peeked: new Map(),
    instances: withRows(
      state.instances,
      sortInstances(data.instances, state.sorts.instances),
      heights.instances,
    ),
  };
  return afterInstances(state, next, heights);
}

export function withFilterOn(
  state: DashboardState,
  pane: PaneId,
  filter: string,
  heights: PaneHeights,
): DashboardState {
  return pane === 'instances'
    ? updateInstances(state, (model) => withFilter(model, filter, heights.instances), heights)
    : updateListeners(state, (model) => withFilter(model, filter, heights.listeners), heights);
}

export function withSort(
  state: DashboardState,
  list: SortedList,
  sort: SortSpec,
  heights: PaneHeights,
): DashboardState {
  const next = { ...state, sorts: { ...state.sorts, [list]: sort } };
  if (!state.data) return next;
  if (list === 'instances') {
    return updateInstances(
      next,
      (model) => withRows(model, sortInstances(state.data!.instances, sort), heights.instances),
      heights,
    );
  }
  return { ...next, listeners: withRows(next.listeners, listenerRowsFor(next), heights.listeners) };
}

export function withAllListeners(
  state: DashboardState,
  allListeners: boolean,
  heights: PaneHeights,
): DashboardState {
  if (state.allListeners === allListeners) return state;
  const next: DashboardState = { ...state, allListeners, focus: allListeners ? 'listeners' : state.focus };
  const current = selectedListener(state);
  let listeners = resetRows(
    { ...next.listeners, withContext: allListeners },
    listenerRowsFor(next),
    heights.listeners,
  );
  // Keep the listener that was selected, when the new list has it.
  if (current) {
    const at = listeners.matches.findIndex((row) => row.id === current.id);
    if (at >= 0) listeners = { ...listeners, cursor: at };
  }
  return { ...next, listeners: fitHeight(listeners, heights.listeners) };
}

/** The same lists fitted to new heights (a resize, another arrangement). */
export function fitDashboard(state: DashboardState, heights: PaneHeights): DashboardState {
  const instances = fitHeight(state.instances, heights.instances);
  const listeners = fitHeight(state.listeners, heights.listeners);
  if (instances === state.instances && listeners === state.listeners) return state;
  return { ...state, instances, listeners };
}

export function withDeleting(state: DashboardState, listenerId: string, deleting: boolean): DashboardState {
  if (state.deleting.has(listenerId) === deleting) return state;
  const next = new Set(state.deleting);
  if (deleting) next.add(listenerId);
  else next.delete(listenerId);
  return { ...state, deleting: next };
}

/** A deleted listener leaves the lists at once, without waiting for the next refresh. */
export function withListenerGone(
  state: DashboardState,
  listenerId: string,
  heights: PaneHeights,
): DashboardState {
  const cleared = withDeleting(state, listenerId, false);
  if (!cleared.data) return cleared;
  const data = withoutListener(cleared.data, listenerId);
  if (data === cleared.data) return cleared;
  return { ...withData(cleared, data, heights), peeked: cleared.peeked };
}

/** Selects an instance (and one of its listeners). `found` says whether the target was there. */
export function selectTarget(
  state: DashboardState,
  target: RowTarget,
  heights: PaneHeights,
): { state: DashboardState; found: boolean } {
  let next: DashboardState = {
    ...state,
    focus: target.listenerId || state.allListeners ? 'listeners' : 'instances',
  };
  if (!next.allListeners) {
    next = updateInstances(
      next,
      (model) => selectId(model, target.loadBalancerId, heights.instances),
      heights,
    );
    if (selectedInstance(next)?.id !== target.loadBalancerId) return { state: next, found: false };
  }
  if (!target.listenerId) return { state: next, found: true };
  next = updateListeners(next, (model) => selectId(model, target.listenerId!, heights.listeners), heights);
  return { state: next, found: selectedListener(next)?.id === target.listenerId };
}
