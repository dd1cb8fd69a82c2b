// Marking listeners for a profile applied as updates, Esc from a listener's certificates back to its
// detail, and the certificates the expiry marks come from.
import { describe, expect, it } from 'vitest';
import type { Listener } from '../../source/domain/resources.js';
import {
  appReducer,
  initialAppState,
  markedInstances,
  markedListeners,
  type AppAction,
  type AppState,
} from '../../source/ui/app-state.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { keyFromId } from '../../source/ui/keys.js';
import { listener, LOCAL, sampleData } from './fake-client.js';

const SAMPLE = sampleData();

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

function snapshot(): Snapshot {
  const byInstance = new Map<string, Listener[]>(SAMPLE.loadBalancers.map((lb) => [lb.loadBalancerId, []]));
  for (const l of SAMPLE.listeners) byInstance.get(l.loadBalancerId)?.push(l);
  return { loadBalancers: SAMPLE.loadBalancers, listenersByLoadBalancer: byInstance };
}

function ready(): AppState {
  const state = initialAppState({ lang: 'en', connection: LOCAL, terminal: { columns: 100, rows: 30 } });
  return reduce(
    state,
    { type: 'session-opened', generation: 1, connection: LOCAL, warnings: [] },
    { type: 'listing-loaded', generation: 1, snapshot: snapshot(), at: 0 },
  );
}

describe('marking listeners', () => {
  it('marks and unmarks listeners with Space in the listeners pane, moving on, named as the views show them', () => {
    let state = press(ready(), 'tab', ' ', ' ');
    expect(markedListeners(state).map((ref) => ref.id)).toEqual(['lsn-web-https', 'lsn-web-http']);
    expect(markedListeners(state)[0]).toEqual({
      id: 'lsn-web-https',
      loadBalancerId: 'alb-web',
      label: 'HTTPS 443 web_https_443',
      instanceName: 'web-prod',
    });
    state = press(state, 'up', ' ');
    expect(markedListeners(state).map((ref) => ref.id)).toEqual(['lsn-web-https']);
  });

  it('marks across instances in :listeners, and keeps instance marks apart', () => {
    let state = press(ready(), ' ');
    state = press(typeText(press(state, ':'), 'listeners'), 'enter');
    state = press(state, 'G', ' ');
    expect(markedInstances(state).map((ref) => ref.id)).toEqual(['alb-web']);
    expect(markedListeners(state).map((ref) => ref.id)).toEqual(['lsn-pay-http']);
  });

  it('unmarks only the listeners a profile was applied to', () => {
    const state = press(press(ready(), ' '), 'tab', ' ');
    expect(state.marked.size).toBe(2);
    const cleared = reduce(state, { type: 'clear-marks', ids: markedListeners(state).map((ref) => ref.id) });
    expect([...cleared.marked]).toEqual(['alb-web']);
  });

  it('opens the update view from the profiles view, and Esc there goes back to the profiles', () => {
    const state = reduce(press(ready(), 'tab', ' '), {
      type: 'open-view',
      view: { kind: 'apply-update', profileName: 'web', listeners: [] },
    });
    expect(press(state, 'escape').view).toEqual({ kind: 'profiles' });
  });
});

describe('listener certificates', () => {
  it('Esc from the certificates (C in the detail) goes back to the detail and reads it again', () => {
    let state = press(ready(), 'tab', 'enter');
    state = reduce(state, {
      type: 'detail-loaded',
      generation: 1,
      listenerId: 'lsn-web-https',
      detail: { listener: SAMPLE.listeners[0]! } as never,
    });
    state = press(state, 'C');
    expect(state.view.kind).toBe('listener-certs');
    const seq = state.nextEffectSeq;
    state = press(state, 'escape');
    expect(state.view).toEqual({ kind: 'detail', listenerId: 'lsn-web-https', loadBalancerId: 'alb-web' });
    expect(state.detail?.listenerId).toBe('lsn-web-https');
    expect(state.effects.filter((e) => e.seq >= seq).map((e) => e.effect)).toContainEqual({
      kind: 'load-detail',
      listenerId: 'lsn-web-https',
      generation: 1,
    });
  });

  it('Esc from the rules opened in the detail (r) goes back to that detail, kept, and reads it again', () => {
    let state = press(ready(), 'tab', 'enter');
    state = reduce(state, {
      type: 'detail-loaded',
      generation: 1,
      listenerId: 'lsn-web-https',
      detail: { listener: SAMPLE.listeners[0]! } as never,
    });
    const detail = state.detail;
    state = press(state, 'r');
    expect(state.view).toMatchObject({ kind: 'rules', listenerId: 'lsn-web-https', from: 'detail' });
    const seq = state.nextEffectSeq;
    state = press(state, 'escape');
    expect(state.view).toEqual({ kind: 'detail', listenerId: 'lsn-web-https', loadBalancerId: 'alb-web' });
    expect(state.detail).toBe(detail);
    expect(state.effects.filter((e) => e.seq >= seq).map((e) => e.effect)).toEqual([
      { kind: 'load-detail', listenerId: 'lsn-web-https', generation: 1 },
    ]);
    expect(state.nextEffectSeq).toBe(seq + 1);
  });

  it('remembers each listener’s default certificate from a read, across listings', () => {
    let state = reduce(ready(), {
      type: 'listener-peeked',
      generation: 1,
      listener: listener('lsn-web-https', 'alb-web', 'HTTPS', 443, 'web', {
        certificates: [{ certificateId: '1001-cn-hangzhou' }],
      }),
    });
    expect(state.dashboard.defaultCertificates?.get('lsn-web-https')).toBe('1001-cn-hangzhou');
    state = reduce(state, { type: 'listing-loaded', generation: 1, snapshot: snapshot(), at: 1 });
    expect(state.dashboard.defaultCertificates?.get('lsn-web-https')).toBe('1001-cn-hangzhou');
  });
});
