// The cached listing in the dashboard's state: on screen from the first state, marked stale, then
// replaced in place by the fresh listing with the selection, scroll and filter kept; written only
// when there is something new to keep.
import { describe, expect, it } from 'vitest';
import type { Listener, LoadBalancer } from '../../source/domain/resources.js';
import {
  appReducer,
  initialAppState,
  type AppAction,
  type AppState,
  type Effect,
} from '../../source/ui/app-state.js';
import { ageText, staleText, type CachedDashboard } from '../../source/ui/dashboard/cached-listing.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { keyFromId } from '../../source/ui/keys.js';
import { instance, listener, LOCAL } from './fake-client.js';

function reduce(state: AppState, ...actions: AppAction[]): AppState {
  return actions.reduce(appReducer, state);
}

function press(state: AppState, ...ids: string[]): AppState {
  return ids.reduce((current, id) => appReducer(current, { type: 'key', key: keyFromId(id) }), state);
}

function typeText(state: AppState, text: string): AppState {
  return [...text].reduce(
    (current, char) =>
      appReducer(current, { type: 'key', key: { kind: 'char', char, ctrl: false, meta: false } }),
    state,
  );
}

function snapshot(loadBalancers: LoadBalancer[], listeners: Listener[]): Snapshot {
  const byInstance = new Map<string, Listener[]>(loadBalancers.map((lb) => [lb.loadBalancerId, []]));
  for (const l of listeners) byInstance.get(l.loadBalancerId)?.push(l);
  return { loadBalancers, listenersByLoadBalancer: byInstance };
}

const LBS = [instance('alb-a', 'alpha'), instance('alb-b', 'beta')];
const LISTENERS = Array.from({ length: 40 }, (_, i) =>
  listener(`lsn-${String(i).padStart(2, '0')}`, 'alb-a', 'HTTP', 8000 + i, `http_${8000 + i}`),
);
const SAVED_AT = Date.parse('2026-01-01T00:00:00Z');
const CACHED: CachedDashboard = { connection: LOCAL, savedAt: SAVED_AT, snapshot: snapshot(LBS, LISTENERS) };

function startCached(cached: CachedDashboard = CACHED): AppState {
  return initialAppState({ lang: 'en', connection: LOCAL, terminal: { columns: 100, rows: 20 }, cached });
}

const opened = (connection = LOCAL): AppAction => ({
  type: 'session-opened',
  generation: 1,
  connection,
  warnings: [],
});
const loaded = (data: Snapshot, at = SAVED_AT + 60_000): AppAction => ({
  type: 'listing-loaded',
  generation: 1,
  snapshot: data,
  at,
});
const saves = (state: AppState): Effect[] =>
  state.effects.map((queued) => queued.effect).filter((effect) => effect.kind === 'save-listing');
const selectedListenerId = (state: AppState) =>
  state.dashboard.listeners.matches[state.dashboard.listeners.cursor]?.id;

describe('the cached listing', () => {
  it('is on screen in the first state, marked stale with its age', () => {
    const state = startCached();
    expect(state.session.status).toBe('connecting');
    expect(state.dashboard.data?.instances.map((row) => row.id)).toEqual(['alb-a', 'alb-b']);
    expect(state.dashboard.listeners.rows).toHaveLength(40);
    expect(state.dashboard.stale).toEqual({ savedAt: SAVED_AT, connection: LOCAL });
    expect(staleText(SAVED_AT, SAVED_AT + 3 * 60_000, 'en')).toBe('stale: cached 3 min ago');
    expect(staleText(SAVED_AT, SAVED_AT + 3 * 60_000, 'zh-CN')).toBe('缓存数据：3 分钟前');
    expect(ageText(42_000, 'en')).toBe('42 s');
    expect(ageText(5 * 3_600_000, 'zh-CN')).toBe('5 小时');
    expect(ageText(3 * 86_400_000, 'en')).toBe('3 d');
    // Keys work on it at once.
    expect(selectedListenerId(press(startCached(), 'tab', 'down'))).toBe('lsn-01');
  });

  it('is replaced by the fresh listing in place: the same listener selected, scroll and filter kept', () => {
    let state = press(startCached(), 'tab');
    state = press(state, ...Array<string>(25).fill('down'));
    state = press(state, '/');
    state = typeText(state, 'http');
    state = press(state, 'enter');
    expect(selectedListenerId(state)).toBe('lsn-25');
    const offset = state.dashboard.listeners.offset;
    expect(offset).toBeGreaterThan(0);

    // The fresh listing has a new listener at the top and lsn-03 gone.
    const fresh = [
      listener('lsn-new', 'alb-a', 'HTTP', 7999, 'http_7999'),
      ...LISTENERS.filter((l) => l.listenerId !== 'lsn-03'),
    ];
    state = reduce(state, opened(), loaded(snapshot(LBS, fresh)));
    expect(state.dashboard.stale).toBeUndefined();
    expect(state.dashboard.data?.listeners).toHaveLength(40);
    expect(selectedListenerId(state)).toBe('lsn-25');
    expect(state.dashboard.listeners.filter).toBe('http');
    // The row at the top of the pane stays at the top.
    expect(state.dashboard.listeners.matches[state.dashboard.listeners.offset]?.id).toBe(
      `lsn-${String(offset).padStart(2, '0')}`,
    );
  });

  it('moves the selection to its neighbour when the selected listener is gone', () => {
    let state = press(startCached(), 'tab', 'down', 'down', 'down', 'down', 'down');
    expect(selectedListenerId(state)).toBe('lsn-05');
    const fresh = LISTENERS.filter((l) => !['lsn-05', 'lsn-06', 'lsn-00'].includes(l.listenerId));
    state = reduce(state, opened(), loaded(snapshot(LBS, fresh)));
    expect(selectedListenerId(state)).toBe('lsn-07');
    // The last one gone: the one before it.
    state = press(state, 'end');
    expect(selectedListenerId(state)).toBe('lsn-39');
    state = reduce(state, loaded(snapshot(LBS, fresh.slice(0, -1))));
    expect(selectedListenerId(state)).toBe('lsn-38');
  });

  it('refuses changes on the cached rows until the connection is open', () => {
    let state = press(startCached(), 'tab', 'ctrl+d');
    expect(state.input).toBeUndefined();
    expect(state.flash?.message.en).toBe(
      'This list is the cached one: changes wait until the connection is open.',
    );
    for (const key of ['s', 'e', 'c']) expect(press(state, key).view.kind).toBe('dashboard');
    expect(press(state, 's').input).toBeUndefined();
    // Open (the listing still the cached one): changes go ahead.
    state = press(reduce(state, opened()), 'ctrl+d');
    expect(state.input?.kind).toBe('delete');
  });

  it('stays, stale, when the fresh listing fails, and is dropped for another connection', () => {
    let state = reduce(startCached(), opened(), {
      type: 'listing-failed',
      generation: 1,
      error: { kind: 'unknown', message: { en: 'down', 'zh-CN': '断开' } },
    });
    expect(state.dashboard.stale).toBeDefined();
    expect(state.dashboard.data?.listeners).toHaveLength(40);

    state = reduce(startCached(), opened({ ...LOCAL, region: 'cn-beijing' }));
    expect(state.dashboard.data).toBeUndefined();
    expect(state.dashboard.stale).toBeUndefined();
    expect(state.dashboard.load.inFlight).toBe(true);
  });

  it('is written after the first fresh listing and after changes, not after a refresh that changed nothing', () => {
    let state = reduce(startCached(), opened(), loaded(snapshot(LBS, LISTENERS)));
    // Same rows as the cache, but the cache is stale: written so its age is the fresh one's.
    expect(saves(state)).toMatchObject([
      { kind: 'save-listing', name: undefined, connection: LOCAL, at: SAVED_AT + 60_000 },
    ]);
    state = reduce(state, { type: 'effects-taken', upTo: state.nextEffectSeq });
    state = reduce(state, loaded(snapshot(LBS, LISTENERS)));
    expect(saves(state)).toEqual([]);
    state = reduce(state, loaded(snapshot(LBS, LISTENERS.slice(1))));
    expect(saves(state)).toHaveLength(1);

    // Without a cache: the first listing is written.
    const plain = reduce(
      initialAppState({ lang: 'en', connection: LOCAL }),
      opened(),
      loaded(snapshot(LBS, LISTENERS)),
    );
    expect(saves(plain)).toHaveLength(1);
  });
});
