import { describe, expect, it } from 'vitest';
import type { Listener, LoadBalancer } from '../../source/domain/resources.js';
import {
  activeBindings,
  appReducer,
  DASHBOARD_BINDINGS,
  DETAIL_BINDINGS,
  displayKey,
  GLOBAL_BINDINGS,
  HELP_BINDINGS,
  helpBindings,
  hintBindings,
  initialAppState,
  markedInstances,
  mode,
  paneHeights,
  refreshPaused,
  targetInstance,
  VIEW_BINDINGS,
  type AppAction,
  type AppState,
  type Effect,
} from '../../source/ui/app-state.js';
import { COMMANDS } from '../../source/ui/command-line.js';
import { selectedListener } from '../../source/ui/dashboard/dashboard-state.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { keyFromId, type KeyPress } from '../../source/ui/keys.js';
import { instance, listener, LOCAL, sampleData } from './fake-client.js';

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

function paste(state: AppState, text: string): AppState {
  return appReducer(state, { type: 'key', key: { kind: 'paste', text } });
}

function snapshot(loadBalancers: LoadBalancer[], listeners: Listener[]): Snapshot {
  const byInstance = new Map<string, Listener[]>(loadBalancers.map((lb) => [lb.loadBalancerId, []]));
  for (const l of listeners) byInstance.get(l.loadBalancerId)?.push(l);
  return { loadBalancers, listenersByLoadBalancer: byInstance };
}

const SAMPLE = sampleData();

function start(options: { rows?: number; columns?: number; readOnly?: boolean } = {}): AppState {
  return initialAppState({
    lang: 'en',
    connection: LOCAL,
    terminal: { columns: options.columns ?? 100, rows: options.rows ?? 30 },
  });
}

/** Connected and listed, as after start-up. */
function ready(
  options: { rows?: number; columns?: number; readOnly?: boolean; data?: Snapshot } = {},
): AppState {
  const state = start(options);
  return reduce(
    state,
    {
      type: 'session-opened',
      generation: 1,
      connection: { ...LOCAL, readOnly: options.readOnly ?? false },
      warnings: [],
    },
    {
      type: 'listing-loaded',
      generation: 1,
      snapshot: options.data ?? snapshot(SAMPLE.loadBalancers, SAMPLE.listeners),
      at: 0,
    },
  );
}

function effects(state: AppState): Effect[] {
  return state.effects.map((queued) => queued.effect);
}

const selectedInstanceId = (state: AppState) =>
  state.dashboard.instances.matches[state.dashboard.instances.cursor]?.id;
const selectedListenerId = (state: AppState) =>
  state.dashboard.listeners.matches[state.dashboard.listeners.cursor]?.id;

function manyListeners(count: number): Snapshot {
  const lb = instance('alb-big', 'big');
  const listeners = Array.from({ length: count }, (_, i) =>
    listener(`lsn-${String(i).padStart(5, '0')}`, 'alb-big', 'HTTP', 10_000 + i, `http_${10_000 + i}`),
  );
  return snapshot([lb, instance('alb-small', 'small')], listeners);
}

describe('start-up', () => {
  it('starts on the dashboard, connecting, with the connection to open queued', () => {
    const state = start();
    expect(state.view).toEqual({ kind: 'dashboard' });
    expect(state.session.status).toBe('connecting');
    expect(effects(state)).toEqual([{ kind: 'open-connection', name: undefined, generation: 1 }]);
  });

  it('lists once the connection is open, and shows the first instance and its listeners', () => {
    const opened = reduce(start(), {
      type: 'session-opened',
      generation: 1,
      connection: LOCAL,
      warnings: [],
    });
    expect(effects(opened)).toContainEqual({ kind: 'load-listing', generation: 1 });
    expect(opened.dashboard.load.inFlight).toBe(true);
    const state = ready();
    expect(state.dashboard.load.inFlight).toBe(false);
    expect(selectedInstanceId(state)).toBe('alb-web');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual([
      'lsn-web-https',
      'lsn-web-http',
      'lsn-web-8080',
    ]);
  });

  it('keeps a failed connection and reconnects on r', () => {
    const failed = reduce(start(), {
      type: 'session-failed',
      generation: 1,
      error: { kind: 'connection', message: { en: 'no', 'zh-CN': '否' } },
    });
    expect(failed.session.status).toBe('failed');
    const retried = press(failed, 'r');
    expect(retried.session.status).toBe('connecting');
    expect(retried.session.generation).toBe(2);
    expect(effects(retried)).toContainEqual({ kind: 'open-connection', name: undefined, generation: 2 });
  });

  it('drops answers from an older connection', () => {
    const state = ready();
    const switched = press(state, ':');
    const ctx = press(typeText(switched, 'ctx prod'), 'enter');
    expect(ctx.session.generation).toBe(2);
    const stale = appReducer(ctx, {
      type: 'listing-loaded',
      generation: 1,
      snapshot: snapshot([], []),
      at: 1,
    });
    expect(stale).toBe(ctx);
  });
});

describe('navigation', () => {
  it('moves with ↓ ↑ j k, stops at the ends, and jumps with g G Home End', () => {
    let state = ready();
    state = press(state, 'down');
    expect(selectedInstanceId(state)).toBe('alb-pay');
    state = press(state, 'j', 'j', 'j');
    expect(selectedInstanceId(state)).toBe('alb-old');
    state = press(state, 'k');
    expect(selectedInstanceId(state)).toBe('alb-pay');
    state = press(state, 'g');
    expect(selectedInstanceId(state)).toBe('alb-web');
    state = press(state, 'up');
    expect(selectedInstanceId(state)).toBe('alb-web');
    state = press(state, 'G');
    expect(selectedInstanceId(state)).toBe('alb-old');
    state = press(state, 'home');
    expect(selectedInstanceId(state)).toBe('alb-web');
    state = press(state, 'end');
    expect(selectedInstanceId(state)).toBe('alb-old');
  });

  it('shows the listeners of the selected instance, from the top', () => {
    let state = press(ready(), 'tab', 'down');
    expect(selectedListenerId(state)).toBe('lsn-web-http');
    state = press(state, 'tab', 'down');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-pay-https', 'lsn-pay-http']);
    expect(selectedListenerId(state)).toBe('lsn-pay-https');
  });

  it('switches panes with Tab, Shift-Tab, ← →, and Enter on an instance opens its listeners', () => {
    let state = ready();
    expect(state.dashboard.focus).toBe('instances');
    state = press(state, 'tab');
    expect(state.dashboard.focus).toBe('listeners');
    state = press(state, 'backtab');
    expect(state.dashboard.focus).toBe('instances');
    state = press(state, 'right');
    expect(state.dashboard.focus).toBe('listeners');
    state = press(state, 'left');
    expect(state.dashboard.focus).toBe('instances');
    state = press(state, 'enter');
    expect(state.dashboard.focus).toBe('listeners');
    state = press(state, 'escape');
    expect(state.dashboard.focus).toBe('instances');
  });

  it('pages by the visible height and keeps the cursor on screen', () => {
    let state = ready({ rows: 20, columns: 130, data: manyListeners(200) });
    state = press(state, 'tab');
    const height = paneHeights(state).listeners;
    state = press(state, 'pagedown');
    expect(state.dashboard.listeners.cursor).toBe(height);
    expect(state.dashboard.listeners.offset).toBeGreaterThan(0);
    const { cursor, offset } = state.dashboard.listeners;
    expect(cursor).toBeGreaterThanOrEqual(offset);
    expect(cursor).toBeLessThan(offset + height);
    state = press(state, 'end');
    expect(state.dashboard.listeners.cursor).toBe(199);
    expect(state.dashboard.listeners.offset).toBe(200 - height);
    state = press(state, 'pageup', 'pageup');
    expect(state.dashboard.listeners.cursor).toBe(199 - 2 * height);
  });

  it('keeps the cursor visible when the terminal shrinks', () => {
    let state = press(ready({ rows: 40, columns: 130, data: manyListeners(100) }), 'tab', 'end');
    state = reduce(state, { type: 'resize', size: { columns: 80, rows: 15 } });
    const height = paneHeights(state).listeners;
    const { cursor, offset } = state.dashboard.listeners;
    expect(cursor).toBe(99);
    expect(offset).toBe(100 - height);
  });

  it('opens a listener detail on Enter and comes back to it on Esc', () => {
    let state = press(ready(), 'tab', 'down', 'enter');
    expect(state.view).toEqual({ kind: 'detail', listenerId: 'lsn-web-http', loadBalancerId: 'alb-web' });
    expect(mode(state)).toBe('detail');
    expect(effects(state)).toContainEqual({ kind: 'load-detail', listenerId: 'lsn-web-http', generation: 1 });
    state = press(state, 'escape');
    expect(state.view).toEqual({ kind: 'dashboard' });
    expect(selectedListenerId(state)).toBe('lsn-web-http');
  });
});

describe('filter', () => {
  it('filters as you type on name, ID, port, protocol and status, and keeps the filter on Enter', () => {
    let state = press(ready(), 'tab', '/');
    expect(mode(state)).toBe('filter');
    state = typeText(state, '80');
    // A number is a whole number: 80 is not part of 8080.
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-http']);
    state = press(state, 'enter');
    expect(mode(state)).toBe('normal');
    expect(state.dashboard.listeners.filter).toBe('80');
    state = press(state, '/', 'ctrl+u');
    state = typeText(state, 'stopped');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-8080']);
    state = press(state, 'ctrl+u');
    state = typeText(state, 'lsn-web-h');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-https', 'lsn-web-http']);
    state = press(state, 'ctrl+u');
    state = typeText(state, 'https');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-https']);
  });

  it('filters on Chinese text, typed or committed by an input method in one piece', () => {
    let state = press(ready(), '/');
    state = paste(state, '支付');
    expect(state.dashboard.instances.matches.map((row) => row.id)).toEqual(['alb-pay']);
    state = press(state, 'enter', 'tab', '/');
    state = typeText(state, '回调');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-pay-http']);
    // The status words of both languages match, whatever language is on screen.
    state = press(state, 'ctrl+u');
    state = typeText(state, '运行中');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-pay-https']);
  });

  it('matches full-width digits and every word of several', () => {
    let state = press(ready(), 'tab', '/');
    state = paste(state, '８０８０');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-8080']);
    state = press(state, 'ctrl+u');
    state = typeText(state, 'http 80');
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-http']);
  });

  it('deletes a whole Chinese character on Backspace and clears on Esc', () => {
    let state = press(ready(), '/');
    state = paste(state, '支付');
    state = press(state, 'backspace');
    expect(state.input).toMatchObject({ kind: 'filter', text: '支' });
    state = press(state, 'escape');
    expect(state.input).toBeUndefined();
    expect(state.dashboard.instances.filter).toBe('');
    expect(state.dashboard.instances.matches).toHaveLength(3);
  });

  it('keeps the selected row while it matches, else selects the first match', () => {
    let state = press(ready(), 'tab', 'down', '/');
    state = typeText(state, 'web_http');
    expect(selectedListenerId(state)).toBe('lsn-web-http');
    state = press(state, 'ctrl+u');
    state = typeText(state, 'preview');
    expect(selectedListenerId(state)).toBe('lsn-web-8080');
    state = press(state, 'ctrl+u');
    state = typeText(state, 'nothing-like-this');
    expect(state.dashboard.listeners.matches).toEqual([]);
    expect(selectedListenerId(state)).toBeUndefined();
  });

  it('lets ↑ ↓ move through the matches while typing', () => {
    let state = press(ready(), 'tab', '/');
    state = typeText(state, 'http');
    state = press(state, 'down');
    expect(mode(state)).toBe('filter');
    expect(selectedListenerId(state)).toBe('lsn-web-http');
  });

  it('Esc in normal mode clears a kept filter before going back', () => {
    let state = press(ready(), 'tab', '/');
    state = press(typeText(state, 'http'), 'enter');
    state = press(state, 'escape');
    expect(state.dashboard.listeners.filter).toBe('');
    expect(state.dashboard.focus).toBe('listeners');
    state = press(state, 'escape');
    expect(state.dashboard.focus).toBe('instances');
  });

  it('ignores control characters in a paste', () => {
    const state = paste(press(ready(), '/'), 'we\x1b[31mb\x07');
    expect(state.input).toMatchObject({ kind: 'filter' });
    expect((state.input as { text: string }).text).not.toMatch(/[\x00-\x1f]/);
  });
});

describe('sort', () => {
  it('sorts listeners by port, name and status with shift letters, turning around on a second press', () => {
    let state = press(ready(), 'tab', 'P');
    expect(state.dashboard.listeners.matches.map((row) => row.port)).toEqual([80, 443, 8080]);
    expect(effects(state)).toContainEqual({
      kind: 'save-ui',
      patch: { sort: { listeners: { key: 'port', direction: 'asc' } } },
    });
    state = press(state, 'P');
    expect(state.dashboard.listeners.matches.map((row) => row.port)).toEqual([8080, 443, 80]);
    state = press(state, 'N');
    expect(state.dashboard.listeners.matches.map((row) => row.name)).toEqual([
      'preview',
      'web_http_80',
      'web_https_443',
    ]);
    state = press(state, 'S');
    expect(state.dashboard.listeners.matches.map((row) => row.status)).toEqual([
      'Running',
      'Running',
      'Stopped',
    ]);
  });

  it('keeps the selected row selected through a sort', () => {
    let state = press(ready(), 'tab', 'down');
    expect(selectedListenerId(state)).toBe('lsn-web-http');
    state = press(state, 'P', 'P');
    expect(selectedListenerId(state)).toBe('lsn-web-http');
  });

  it('sorts instances by name and status, and says port is not for them', () => {
    let state = press(ready(), 'S');
    expect(state.dashboard.instances.matches.map((row) => row.id)).toEqual(['alb-pay', 'alb-web', 'alb-old']);
    state = press(state, 'P');
    expect(state.flash?.message.en).toContain('Instances sort by name');
  });

  it('applies sorts saved in an earlier run', () => {
    const state = reduce(ready(), {
      type: 'ui-state-loaded',
      ui: {
        sort: {
          listeners: { key: 'port', direction: 'desc' },
          instances: { key: 'bogus', direction: 'asc' },
        },
      },
      connections: ['local'],
    });
    expect(state.dashboard.sorts).toEqual({ listeners: { key: 'port', direction: 'desc' } });
    expect(state.dashboard.listeners.matches.map((row) => row.port)).toEqual([8080, 443, 80]);
  });
});

describe('refresh', () => {
  it('keeps the selection and the scroll position by ID when rows come and go', () => {
    let state = press(ready({ rows: 20, columns: 130, data: manyListeners(100) }), 'tab');
    state = press(state, 'pagedown', 'down', 'down');
    const selected = selectedListenerId(state);
    const topBefore = state.dashboard.listeners.matches[state.dashboard.listeners.offset]?.id;
    const rows = manyListeners(100);
    // Two new listeners in front, one removed behind.
    const all = [...(rows.listenersByLoadBalancer.get('alb-big') ?? [])];
    all.unshift(
      listener('lsn-new-1', 'alb-big', 'HTTP', 1, 'new'),
      listener('lsn-new-2', 'alb-big', 'HTTP', 2, 'new'),
    );
    all.pop();
    const next = snapshot([instance('alb-big', 'big'), instance('alb-small', 'small')], all);
    state = reduce(state, { type: 'listing-loaded', generation: 1, snapshot: next, at: 1 });
    expect(selectedListenerId(state)).toBe(selected);
    expect(state.dashboard.listeners.matches[state.dashboard.listeners.offset]?.id).toBe(topBefore);
  });

  it('stays at the same place when the selected listener is gone', () => {
    let state = press(ready(), 'tab', 'down');
    const data = sampleData();
    data.listeners = data.listeners.filter((l) => l.listenerId !== 'lsn-web-http');
    state = reduce(state, {
      type: 'listing-loaded',
      generation: 1,
      snapshot: snapshot(data.loadBalancers, data.listeners),
      at: 1,
    });
    expect(selectedListenerId(state)).toBe('lsn-web-8080');
  });

  it('reuses unchanged rows, so a refresh that changed nothing redraws nothing', () => {
    const state = ready();
    const again = reduce(state, {
      type: 'listing-loaded',
      generation: 1,
      snapshot: snapshot(SAMPLE.loadBalancers, SAMPLE.listeners),
      at: 5,
    });
    expect(again.dashboard.instances.matches[0]).toBe(state.dashboard.instances.matches[0]);
    expect(again.dashboard.listeners.matches[0]).toBe(state.dashboard.listeners.matches[0]);
  });

  it('refreshes on each tick, but not while one is running or while the user types', () => {
    let state = ready();
    const before = state.effects.length;
    state = reduce(state, { type: 'tick' });
    expect(state.effects.length).toBe(before + 1);
    expect(state.dashboard.load.inFlight).toBe(true);
    expect(reduce(state, { type: 'tick' })).toBe(state);

    const idle = ready();
    for (const keys of [['/'], [':'], ['tab', 'ctrl+d']]) {
      const typing = press(idle, ...keys);
      expect(refreshPaused(typing)).toBe(true);
      expect(reduce(typing, { type: 'tick' })).toBe(typing);
    }
    const off = { ...idle, refreshSeconds: 0 };
    expect(reduce(off, { type: 'tick' })).toBe(off);
  });

  it('refreshes now on Ctrl-R, keeping what is on screen if the listing fails', () => {
    let state = press(ready(), 'ctrl+r');
    expect(effects(state)).toContainEqual({ kind: 'load-listing', generation: 1 });
    state = reduce(state, {
      type: 'listing-failed',
      generation: 1,
      error: { kind: 'server', message: { en: 'the service failed', 'zh-CN': '服务出错' } },
    });
    expect(state.dashboard.data?.instances).toHaveLength(3);
    expect(state.dashboard.load.error?.kind).toBe('server');
    expect(state.flash?.message.en).toBe('Refresh failed: the service failed (r retries)');
  });

  it('opens the local ALB again at once when it stops answering (another alb-tui quit), once', () => {
    const unreachable = {
      kind: 'unreachable' as const,
      message: { en: 'cannot reach', 'zh-CN': '无法连接' },
    };
    let state = reduce(press(ready(), 'ctrl+r'), {
      type: 'listing-failed',
      generation: 1,
      error: unreachable,
    });
    expect(state.session).toMatchObject({ status: 'connecting', generation: 2, reopened: true });
    expect(effects(state)).toContainEqual({ kind: 'open-connection', name: undefined, generation: 2 });
    expect(state.dashboard.data?.instances).toHaveLength(3);
    state = reduce(
      state,
      { type: 'session-opened', generation: 2, connection: LOCAL, warnings: [] },
      { type: 'listing-failed', generation: 2, error: unreachable },
    );
    // A second failure in a row is shown, not retried in a loop.
    expect(state.session).toMatchObject({ status: 'open', generation: 2 });
    expect(state.flash?.message.en).toBe('Refresh failed: cannot reach (r retries)');
    // A cloud endpoint that stops answering is reported at once.
    const cloud = reduce(
      reduce(start(), {
        type: 'session-opened',
        generation: 1,
        connection: { ...LOCAL, kind: 'cloud' },
        warnings: [],
      }),
      { type: 'listing-failed', generation: 1, error: unreachable },
    );
    expect(cloud.session.status).toBe('open');
    expect(cloud.dashboard.load.error?.kind).toBe('unreachable');
  });

  it('connects again on r when the endpoint stopped answering, keeping what is on screen', () => {
    let state = press(ready(), 'tab', 'down');
    state = reduce(
      state,
      { type: 'tick' },
      {
        type: 'listing-failed',
        generation: 1,
        error: { kind: 'unreachable', message: { en: 'cannot reach', 'zh-CN': '无法连接' } },
      },
    );
    state = press(state, 'r');
    expect(state.session).toMatchObject({ status: 'connecting', generation: 2 });
    expect(effects(state)).toContainEqual({ kind: 'open-connection', name: undefined, generation: 2 });
    expect(selectedListenerId(state)).toBe('lsn-web-http');
    state = reduce(state, { type: 'session-opened', generation: 2, connection: LOCAL, warnings: [] });
    expect(effects(state)).toContainEqual({ kind: 'load-listing', generation: 2 });
  });

  it('selects a listener created elsewhere once a listing has it', () => {
    let state = ready();
    state = { ...state, view: { kind: 'wizard', loadBalancerId: 'alb-pay' } };
    state = reduce(state, {
      type: 'close-view',
      select: { loadBalancerId: 'alb-pay', listenerId: 'lsn-brand-new' },
    });
    expect(state.view).toEqual({ kind: 'dashboard' });
    expect(selectedInstanceId(state)).toBe('alb-pay');
    expect(state.dashboard.pendingSelect).toEqual({ loadBalancerId: 'alb-pay', listenerId: 'lsn-brand-new' });
    state = listingWithBrandNewListener(state);
    expect(selectedListenerId(state)).toBe('lsn-brand-new');
    expect(state.dashboard.focus).toBe('listeners');
    expect(state.dashboard.pendingSelect).toBeUndefined();
  });
});

/** The sample listing again, with one listener more (lsn-brand-new on alb-pay). */
function listingWithBrandNewListener(state: AppState): AppState {
  const data = sampleData();
  data.listeners.push(listener('lsn-brand-new', 'alb-pay', 'HTTP', 8081, 'new'));
  return reduce(state, {
    type: 'listing-loaded',
    generation: 1,
    snapshot: snapshot(data.loadBalancers, data.listeners),
    at: 1,
  });
}

describe('command line', () => {
  it('shows every listener with :listeners and goes back with :instances or Esc', () => {
    let state = press(typeText(press(ready(), ':'), 'listeners'), 'enter');
    expect(state.dashboard.allListeners).toBe(true);
    expect(state.dashboard.listeners.matches).toHaveLength(5);
    expect(effects(state)).toContainEqual({ kind: 'save-ui', patch: { lastView: 'listeners' } });
    state = press(typeText(press(state, ':'), 'instances'), 'enter');
    expect(state.dashboard.allListeners).toBe(false);
    state = press(typeText(press(state, ':'), 'lsn'), 'enter', 'escape');
    expect(state.dashboard.allListeners).toBe(false);
    expect(state.dashboard.focus).toBe('instances');
  });

  it('filters :listeners on the instance name and ID too, and a port exactly', () => {
    const data = sampleData();
    data.listeners.push(
      listener('lsn-web-8443', 'alb-web', 'HTTPS', 8443, 'api_v2_8443'),
      listener('lsn-pay-9443', 'alb-pay', 'HTTPS', 9443, 'refund_api_9443'),
    );
    const all = press(
      typeText(press(ready({ data: snapshot(data.loadBalancers, data.listeners) }), ':'), 'listeners'),
      'enter',
    );
    const matching = (filter: string) =>
      typeText(press(all, '/'), filter).dashboard.listeners.matches.map((row) => row.id);
    expect(matching('https 443')).toEqual(['lsn-web-https', 'lsn-pay-https']);
    expect(matching('web-prod https')).toEqual(['lsn-web-https', 'lsn-web-8443']);
    expect(matching('支付网关-prod 443')).toEqual(['lsn-pay-https']);
    expect(matching('alb-pay')).toEqual(['lsn-pay-https', 'lsn-pay-http', 'lsn-pay-9443']);
    // One instance's listeners: its name would match every row, so it is not searched there.
    const one = press(typeText(press(all, ':'), 'instances'), 'enter', 'tab', '/');
    expect(typeText(one, 'web-prod').dashboard.listeners.matches).toHaveLength(0);
    expect(typeText(one, '443').dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-https']);
  });

  it('fills every listener in when the last view (all listeners) is restored before the listing', () => {
    let state = reduce(start(), {
      type: 'ui-state-loaded',
      ui: { sort: {}, lastView: 'listeners' },
      connections: ['local'],
    });
    expect(state.dashboard.allListeners).toBe(true);
    state = reduce(
      state,
      { type: 'session-opened', generation: 1, connection: LOCAL, warnings: [] },
      {
        type: 'listing-loaded',
        generation: 1,
        snapshot: snapshot(SAMPLE.loadBalancers, SAMPLE.listeners),
        at: 0,
      },
    );
    expect(state.dashboard.listeners.matches).toHaveLength(SAMPLE.listeners.length);
  });

  it('shows what a refresh brings while every listener is shown, keeping the selection', () => {
    let state = press(typeText(press(ready(), ':'), 'listeners'), 'enter', 'down');
    const selected = selectedListenerId(state);
    state = listingWithBrandNewListener(state);
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toContain('lsn-brand-new');
    expect(state.dashboard.listeners.matches).toHaveLength(SAMPLE.listeners.length + 1);
    expect(selectedListenerId(state)).toBe(selected);
  });

  it('completes with Tab, cycling through the candidates', () => {
    let state = typeText(press(ready(), ':'), 'l');
    state = press(state, 'tab');
    expect(state.input).toMatchObject({ kind: 'command', text: 'listeners' });
    state = press(state, 'tab');
    expect(state.input).toMatchObject({ kind: 'command', text: 'lang' });
    state = reduce(state, {
      type: 'ui-state-loaded',
      ui: { sort: {} },
      connections: ['local', 'prod', 'prod-readonly'],
    });
    state = press(state, 'escape', ':');
    state = typeText(state, 'ctx pr');
    state = press(state, 'tab');
    expect(state.input).toMatchObject({ text: 'ctx prod' });
  });

  it('switches language with :lang and saves it', () => {
    const state = press(typeText(press(ready(), ':'), 'lang zh-CN'), 'enter');
    expect(state.lang).toBe('zh-CN');
    expect(effects(state)).toContainEqual({ kind: 'save-ui', patch: { language: 'zh-CN' } });
    const bad = press(typeText(press(ready(), ':'), 'lang fr'), 'enter');
    expect(bad.lang).toBe('en');
    expect(bad.flash?.message.en).toContain('Unknown language fr');
  });

  it('switches connection with :ctx NAME and opens the picker with :ctx', () => {
    const picker = press(typeText(press(ready(), ':'), 'ctx'), 'enter');
    expect(picker.view).toEqual({ kind: 'connections' });
    expect(picker.session.generation).toBe(1);
    const chosen = reduce(picker, { type: 'switch-connection', name: 'staging' });
    expect(chosen.view).toEqual({ kind: 'dashboard' });
    expect(chosen.session).toMatchObject({ status: 'connecting', name: 'staging', generation: 2 });
    expect(press(picker, 'escape').view).toEqual({ kind: 'dashboard' });
    const state = press(typeText(press(ready(), ':'), 'ctx prod'), 'enter');
    expect(state.session).toMatchObject({ status: 'connecting', name: 'prod', generation: 2 });
    expect(state.dashboard.data).toBeUndefined();
    expect(effects(state)).toContainEqual({ kind: 'open-connection', name: 'prod', generation: 2 });
  });

  it('refuses a connection name the store does not know, keeping the open connection', () => {
    const known = reduce(ready(), {
      type: 'ui-state-loaded',
      ui: { sort: {} },
      connections: ['local', 'prod'],
    });
    const typo = press(typeText(press(known, ':'), 'ctx prdo'), 'enter');
    expect(typo.session).toMatchObject({ status: 'open', generation: 1 });
    expect(typo.flash?.message.en).toContain('No connection named prdo');
    expect(typo.flash?.message.en).toContain('local, prod');
    expect(press(typeText(press(known, ':'), 'ctx prod'), 'enter').session.generation).toBe(2);
    // Opening the line asks for the names again: one added meanwhile (alb-tui connections add) is known.
    const opened = press(known, ':');
    expect(effects(opened)).toContainEqual({ kind: 'list-connections' });
    const added = reduce(opened, { type: 'connections-listed', connections: ['local', 'prod', 'staging'] });
    expect(press(typeText(added, 'ctx staging'), 'enter').session).toMatchObject({
      name: 'staging',
      generation: 2,
    });
  });

  it('lists every key of the wizard in help over it', () => {
    const wizard: AppState = { ...ready(), view: { kind: 'wizard', loadBalancerId: 'alb-web' } };
    const labels = helpBindings(wizard).map((b) => b.label);
    for (const label of [
      'keyWizardField',
      'keyWizardNextStep',
      'keyWizardPreviousStep',
      'keyWizardEditStep',
      'keyWizardPrecheck',
    ])
      expect(labels).toContain(label);
    expect(hintBindings(wizard).map((b) => b.label)).toEqual(['keyWizardLeave', 'keyHelp']);
  });

  it('quits with :q and says what it does not know', () => {
    expect(press(typeText(press(ready(), ':'), 'q'), 'enter').exitRequested).toBe(true);
    const unknown = press(typeText(press(ready(), ':'), 'frobnicate'), 'enter');
    expect(unknown.exitRequested).toBe(false);
    expect(unknown.flash?.message.en).toContain('Unknown command :frobnicate');
    // Every command there is, in both languages.
    for (const command of COMMANDS) {
      expect(unknown.flash?.message.en).toContain(`:${command.name}`);
      expect(unknown.flash?.message['zh-CN']).toContain(`:${command.name}`);
    }
    expect(unknown.flash?.message.en).toContain(
      ':profiles, :certs, :ops, :rules, :groups, :ctx, :region, :lang, :help, :q.',
    );
  });

  it('recalls earlier commands with ↑', () => {
    let state = press(typeText(press(ready(), ':'), 'listeners'), 'enter');
    state = press(state, ':', 'up');
    expect(state.input).toMatchObject({ kind: 'command', text: 'listeners' });
  });

  it('takes q, ? and / as text while typing, not as keys', () => {
    const state = typeText(press(ready(), ':'), 'q?/');
    expect(state.exitRequested).toBe(false);
    expect(state.overlay).toBe('none');
    expect(state.input).toMatchObject({ kind: 'command', text: 'q?/' });
  });
});

describe('delete', () => {
  const toDelete = () => press(ready(), 'tab', 'down', 'ctrl+d');

  it('asks for the port, refuses a wrong one, and deletes on the right one', () => {
    let state = toDelete();
    expect(mode(state)).toBe('delete-confirm');
    expect(state.input).toMatchObject({ kind: 'delete', listenerId: 'lsn-web-http', port: 80 });
    state = press(typeText(state, 'x8'), 'enter');
    expect(state.input).toMatchObject({ kind: 'delete', text: '8', wrong: true });
    state = press(typeText(state, '0'), 'enter');
    expect(state.input).toBeUndefined();
    expect(state.dashboard.deleting.has('lsn-web-http')).toBe(true);
    expect(effects(state)).toContainEqual({
      kind: 'delete-listener',
      listenerId: 'lsn-web-http',
      generation: 1,
    });
  });

  it('removes the row once the listener is gone, and says so', () => {
    let state = press(typeText(toDelete(), '80'), 'enter');
    state = reduce(state, { type: 'delete-finished', generation: 1, listenerId: 'lsn-web-http' });
    expect(state.dashboard.deleting.size).toBe(0);
    expect(state.dashboard.listeners.matches.map((row) => row.id)).toEqual(['lsn-web-https', 'lsn-web-8080']);
    expect(state.dashboard.instances.matches[0]?.listenerCount).toBe(2);
    expect(state.flash?.message.en).toBe('Deleted HTTP 80.');
  });

  it('keeps the row and says why when the deletion fails', () => {
    let state = press(typeText(toDelete(), '80'), 'enter');
    state = reduce(state, {
      type: 'delete-finished',
      generation: 1,
      listenerId: 'lsn-web-http',
      error: { kind: 'state', message: { en: 'not possible now', 'zh-CN': '当前不允许' } },
    });
    expect(state.dashboard.deleting.size).toBe(0);
    expect(state.dashboard.listeners.matches).toHaveLength(3);
    expect(state.flash?.tone).toBe('danger');
    expect(state.flash?.message['zh-CN']).toContain('当前不允许');
  });

  it('cancels on Esc', () => {
    const state = press(toDelete(), 'escape');
    expect(state.input).toBeUndefined();
    expect(state.dashboard.deleting.size).toBe(0);
  });

  it('is refused on a read-only connection', () => {
    const state = press(ready({ readOnly: true }), 'tab', 'ctrl+d');
    expect(state.input).toBeUndefined();
    expect(state.flash?.message.en).toBe('This connection is read-only: deleting is turned off.');
    expect(effects(state).some((effect) => effect.kind === 'delete-listener')).toBe(false);
  });

  it('works from the detail view, going back to the list', () => {
    let state = press(ready(), 'tab', 'enter', 'ctrl+d');
    expect(state.input).toMatchObject({ kind: 'delete', listenerId: 'lsn-web-https' });
    state = press(typeText(state, '443'), 'enter');
    expect(state.view).toEqual({ kind: 'dashboard' });
    expect(state.dashboard.deleting.has('lsn-web-https')).toBe(true);
  });

  describe('a QUIC listener an HTTPS listener upgrades to', () => {
    const withQuic = (upgrade: boolean) =>
      snapshot(SAMPLE.loadBalancers, [
        ...SAMPLE.listeners.map((l) =>
          l.listenerId === 'lsn-web-https'
            ? { ...l, quicConfig: { quicUpgradeEnabled: upgrade, quicListenerId: 'lsn-web-quic' } }
            : l,
        ),
        listener('lsn-web-quic', 'alb-web', 'QUIC', 443, 'web_quic_443'),
      ]);
    const onQuic = (data: Snapshot): AppState => {
      let state = press(ready({ data }), 'tab');
      for (let i = 0; i < 5 && selectedListenerId(state) !== 'lsn-web-quic'; i++)
        state = press(state, 'down');
      expect(selectedListenerId(state)).toBe('lsn-web-quic');
      return state;
    };

    it('says which HTTPS listener uses it instead of asking for the port, in the list and the detail', () => {
      for (const keys of [['ctrl+d'], ['enter', 'ctrl+d']]) {
        const state = press(onQuic(withQuic(true)), ...keys);
        expect(state.input).toBeUndefined();
        expect(mode(state)).not.toBe('delete-confirm');
        expect(effects(state).some((effect) => effect.kind === 'delete-listener')).toBe(false);
        expect(state.flash?.message.en).toBe(
          'Not deleted: HTTPS 443 “web_https_443” upgrades to this QUIC listener; turn its QUIC upgrade off first',
        );
        expect(state.flash?.message['zh-CN']).toBe(
          '未删除：HTTPS 443「web_https_443」开启了QUIC升级并关联了此QUIC监听，请先关闭其QUIC升级',
        );
      }
    });

    it('asks for the port as usual once the upgrade is off', () => {
      const state = press(onQuic(withQuic(false)), 'ctrl+d');
      expect(state.input).toMatchObject({ kind: 'delete', listenerId: 'lsn-web-quic', port: 443 });
    });
  });

  it('asks to move to the listeners when pressed on the instances', () => {
    const state = press(ready(), 'ctrl+d');
    expect(state.input).toBeUndefined();
    expect(state.flash?.message.en).toContain('listeners pane');
  });
});

describe('other keys', () => {
  it('copies the selected ID with y', () => {
    const state = press(ready(), 'y');
    expect(effects(state)).toContainEqual({ kind: 'copy', text: 'alb-web' });
    expect(state.flash?.message.en).toContain('Copied alb-web');
    expect(effects(press(ready(), 'tab', 'y'))).toContainEqual({ kind: 'copy', text: 'lsn-web-https' });
  });

  it('opens the wizard for the selected instance on c, from either pane', () => {
    expect(press(ready(), 'down', 'c').view).toEqual({ kind: 'wizard', loadBalancerId: 'alb-pay' });
    expect(press(ready(), 'tab', 'c').view).toEqual({ kind: 'wizard', loadBalancerId: 'alb-web' });
    const wizard = press(ready(), 'c');
    expect(press(wizard, 'escape').view).toEqual({ kind: 'dashboard' });
  });

  it('pauses refreshes while the wizard is open', () => {
    const wizard = press(ready(), 'c');
    expect(refreshPaused(wizard)).toBe(true);
  });

  it('opens help on ?, scrolls it within its lines, and closes it with Esc, ? or q without quitting', () => {
    const help = press(ready({ rows: 15, columns: 60 }), '?');
    expect(mode(help)).toBe('help');
    const scrolled = press(help, ...Array.from({ length: 100 }, () => 'down'));
    expect(scrolled.helpScroll).toBeGreaterThan(0);
    expect(scrolled.helpScroll).toBeLessThan(DASHBOARD_BINDINGS.length + 10);
    for (const id of ['escape', '?', 'q']) {
      const closed = press(help, id);
      expect(closed.overlay).toBe('none');
      expect(closed.exitRequested).toBe(false);
    }
  });

  it('quits on q and on Ctrl-C, also while typing', () => {
    expect(press(ready(), 'q').exitRequested).toBe(true);
    expect(press(ready(), 'ctrl+c').exitRequested).toBe(true);
    expect(press(ready(), '/', 'ctrl+c').exitRequested).toBe(true);
    expect(press(ready(), '?', 'ctrl+c').exitRequested).toBe(true);
  });

  it('ignores keys it has no binding for, leaving the state object as it was', () => {
    const state = ready();
    for (const id of ['x', 'Q', 'ctrl+q', 'meta+q', '中']) expect(press(state, id)).toBe(state);
    expect(appReducer(state, { type: 'key', key: { kind: 'paste', text: 'qqq' } as KeyPress })).toBe(state);
  });

  it('dismisses a message on the next key, or when it expires', () => {
    const copied = press(ready(), 'y');
    expect(copied.flash).toBeDefined();
    expect(press(copied, 'x').flash).toBeUndefined();
    expect(reduce(copied, { type: 'flash-expired', id: copied.flash!.id }).flash).toBeUndefined();
    expect(reduce(copied, { type: 'flash-expired', id: -1 }).flash).toBeDefined();
  });
});

describe('bindings', () => {
  it('puts the global keys first, and only help keys while help is open', () => {
    const state = ready();
    expect(activeBindings(state).slice(0, GLOBAL_BINDINGS.length)).toEqual(GLOBAL_BINDINGS);
    const help = { ...state, overlay: 'help' as const };
    expect(activeBindings(help)).toEqual([...GLOBAL_BINDINGS, ...HELP_BINDINGS]);
  });

  it('hints the keys of the mode', () => {
    const state = ready();
    expect(hintBindings(state).map((b) => b.keys[0])).toEqual([
      'down',
      'enter',
      '/',
      'c',
      'p',
      'ctrl+r',
      ' ',
      'q',
      '?',
      'tab',
    ]);
    expect(hintBindings(press(state, 'tab')).map((b) => b.keys[0])).toContain('ctrl+d');
    expect(hintBindings(press(state, '/')).map((b) => b.label)).toEqual([
      'keyKeepFilter',
      'keyClearFilter',
      'keyMove',
    ]);
    expect(hintBindings(press(state, ':')).map((b) => b.label)).toContain('keyComplete');
    expect(hintBindings(press(state, 'tab', 'ctrl+d')).map((b) => b.label)).toEqual([
      'keyConfirmDelete',
      'keyCancel',
    ]);
    const failed = reduce(start(), {
      type: 'session-failed',
      generation: 1,
      error: { kind: 'unreachable', message: { en: 'x', 'zh-CN': 'x' } },
    });
    expect(hintBindings(failed).map((b) => b.keys[0])).toEqual(['r', 'p', ':', 'q', '?']);
  });

  it('lists in help the keys of the view under it and the global keys', () => {
    expect(helpBindings(ready())).toEqual([...DASHBOARD_BINDINGS, ...GLOBAL_BINDINGS]);
    expect(helpBindings(press(ready(), 'tab', 'enter'))).toEqual([...DETAIL_BINDINGS, ...GLOBAL_BINDINGS]);
  });

  it('never binds one key twice in the same layer', () => {
    const layers = [GLOBAL_BINDINGS, HELP_BINDINGS, ...Object.values(VIEW_BINDINGS)];
    for (const layer of layers) {
      const ids = layer.flatMap((binding) => binding.keys);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('displayKey', () => {
  it('writes keys the way the footer shows them', () => {
    expect(displayKey('q')).toBe('q');
    expect(displayKey('ctrl+c')).toBe('^c');
    expect(displayKey('escape')).toBe('esc');
    expect(displayKey('enter')).toBe('⏎');
    expect(displayKey('ctrl+r')).toBe('^r');
    expect(displayKey(' ')).toBe('Space');
  });
});

describe('marking instances and the profile views', () => {
  it('marks with Space, moving on, unmarks with Space again, and clears marks with Esc', () => {
    let state = press(ready(), ' ');
    expect([...state.marked]).toEqual(['alb-web']);
    expect(state.dashboard.instances.cursor).toBe(1);
    state = press(state, ' ');
    expect(markedInstances(state).map((ref) => ref.id)).toEqual(['alb-web', 'alb-pay']);
    expect(markedInstances(state)[1]?.name).toBe('支付网关-prod');
    state = press(state, 'up', ' ');
    expect([...state.marked]).toEqual(['alb-web']);
    expect(press(state, 'escape').marked.size).toBe(0);
  });

  it('unmarks once a profile was applied, and Esc on the apply view goes back to the profiles view', () => {
    const marked = press(ready(), ' ', ' ');
    expect(marked.marked.size).toBe(2);
    const applying = reduce(marked, {
      type: 'open-view',
      view: { kind: 'apply', profileName: 'web', instances: markedInstances(marked) },
    });
    expect(press(applying, 'escape').view).toEqual({ kind: 'profiles' });
    expect(press(applying, 'escape').marked.size).toBe(2);
    expect(reduce(applying, { type: 'clear-marks' }).marked.size).toBe(0);
  });

  it('marks listeners in the listeners pane (a profile is applied to them as updates)', () => {
    const state = press(ready(), 'tab', ' ');
    expect([...state.marked]).toEqual(['lsn-web-https']);
    expect(markedInstances(state)).toEqual([]);
  });

  it('keeps marks through a refresh and forgets instances no longer listed', () => {
    const marked = press(ready(), ' ', 'down', ' ');
    const refreshed = reduce(marked, {
      type: 'listing-loaded',
      generation: 1,
      snapshot: snapshot(
        SAMPLE.loadBalancers.filter((lb) => lb.loadBalancerId !== 'alb-web'),
        SAMPLE.listeners,
      ),
      at: 1,
    });
    expect(markedInstances(refreshed).map((ref) => ref.id)).toEqual(['alb-old']);
  });

  it('opens the profiles view with p and :profiles, from the dashboard and the detail, and leaves with Esc', () => {
    const viaKey = press(ready(), 'p');
    expect(viaKey.view).toEqual({ kind: 'profiles' });
    expect(refreshPaused(viaKey)).toBe(true);
    expect(press(typeText(press(ready(), ':'), 'profiles'), 'enter').view).toEqual({ kind: 'profiles' });
    const fromDetail = press(ready(), 'tab', 'enter', 'p');
    expect(fromDetail.view).toEqual({ kind: 'profiles' });
    expect(fromDetail.detail).toBeUndefined();
    expect(press(viaKey, 'escape').view).toEqual({ kind: 'dashboard' });
    expect(press(viaKey, 'q').exitRequested).toBe(false);
  });

  it('gives the profiles view the instance the wizard would use', () => {
    expect(targetInstance(ready())).toBe('alb-web');
    expect(targetInstance(press(ready(), 'down', 'tab'))).toBe('alb-pay');
  });

  it('opens the wizard from a profile and the apply view when a view asks, and comes back with a selection', () => {
    const wizard = reduce(press(ready(), 'p'), {
      type: 'open-view',
      view: { kind: 'wizard', loadBalancerId: 'alb-pay', profileName: 'web' },
    });
    expect(wizard.view).toEqual({ kind: 'wizard', loadBalancerId: 'alb-pay', profileName: 'web' });
    const apply = reduce(press(ready(), 'p'), {
      type: 'open-view',
      view: { kind: 'apply', profileName: 'web', instances: [{ id: 'alb-web', name: 'web-prod' }] },
    });
    expect(activeBindings(apply).map((b) => b.label)).toContain('keyRunApply');
    const back = reduce(apply, {
      type: 'close-view',
      select: { loadBalancerId: 'alb-web', listenerId: 'lsn-web-http' },
    });
    expect(back.view).toEqual({ kind: 'dashboard' });
    expect(selectedListener(back.dashboard)?.id).toBe('lsn-web-http');
    expect(effects(back)).toContainEqual({ kind: 'load-listing', generation: 1 });
  });
});
