import { describe, expect, it } from 'vitest';
import type { Listener, LoadBalancer } from '../../source/domain/resources.js';
import {
  appReducer,
  DETAIL_BINDINGS,
  hintBindings,
  initialAppState,
  type AppAction,
  type AppState,
  type Effect,
} from '../../source/ui/app-state.js';
import type { Connection } from '../../source/ui/connection.js';
import type { Snapshot } from '../../source/ui/dashboard/rows.js';
import { keyFromId } from '../../source/ui/keys.js';
import { listener, LOCAL, sampleData } from '../ui/fake-client.js';

function press(state: AppState, ...ids: string[]): AppState {
  return ids.reduce((current, id) => appReducer(current, { type: 'key', key: keyFromId(id) }), state);
}

function snapshot(loadBalancers: LoadBalancer[], listeners: Listener[]): Snapshot {
  const byInstance = new Map<string, Listener[]>(loadBalancers.map((lb) => [lb.loadBalancerId, []]));
  for (const l of listeners) byInstance.get(l.loadBalancerId)?.push(l);
  return { loadBalancers, listenersByLoadBalancer: byInstance };
}

function ready(connection: Partial<Connection> = {}, extra: Listener[] = []): AppState {
  const data = sampleData();
  const state = initialAppState({ lang: 'en', connection: LOCAL, terminal: { columns: 120, rows: 30 } });
  const actions: AppAction[] = [
    { type: 'session-opened', generation: 1, connection: { ...LOCAL, ...connection }, warnings: [] },
    {
      type: 'listing-loaded',
      generation: 1,
      snapshot: snapshot(data.loadBalancers, [...data.listeners, ...extra]),
      at: 0,
    },
  ];
  return actions.reduce(appReducer, state);
}

const effects = (state: AppState): Effect[] => state.effects.map((queued) => queued.effect);
const statusOf = (state: AppState, id: string) =>
  state.dashboard.data?.listeners.find((row) => row.id === id)?.status;

/** The listeners pane, on the listener with this ID. */
function on(state: AppState, id: string): AppState {
  let s = press(state, 'tab');
  for (let i = 0; i < 10 && s.dashboard.listeners.matches[s.dashboard.listeners.cursor]?.id !== id; i++)
    s = press(s, 'down');
  expect(s.dashboard.listeners.matches[s.dashboard.listeners.cursor]?.id).toBe(id);
  return s;
}

describe('start and stop from the dashboard', () => {
  it('asks before stopping a running listener, then follows its status in the row', () => {
    let s = press(on(ready(), 'lsn-web-https'), 's');
    expect(s.input).toMatchObject({
      kind: 'startstop',
      action: 'stop',
      listenerId: 'lsn-web-https',
      typed: false,
    });
    expect(effects(s).some((e) => e.kind === 'start-stop-listener')).toBe(false);
    s = press(s, 'y');
    expect(s.input).toBeUndefined();
    expect(effects(s)).toContainEqual({
      kind: 'start-stop-listener',
      listenerId: 'lsn-web-https',
      action: 'stop',
      generation: 1,
    });
    expect(statusOf(s, 'lsn-web-https')).toBe('Configuring');
    s = appReducer(s, {
      type: 'listener-status',
      generation: 1,
      listenerId: 'lsn-web-https',
      status: 'Stopped',
      done: true,
      action: 'stop',
    });
    expect(statusOf(s, 'lsn-web-https')).toBe('Stopped');
    expect(s.flash?.message.en).toContain('HTTPS 443 is Stopped');
  });

  it('starts a stopped listener; Esc cancels without a call', () => {
    const asked = press(on(ready(), 'lsn-web-8080'), 's');
    expect(asked.input).toMatchObject({ action: 'start' });
    const cancelled = press(asked, 'escape');
    expect(cancelled.input).toBeUndefined();
    expect(effects(cancelled).some((e) => e.kind === 'start-stop-listener')).toBe(false);
  });

  it('on production the port must be typed', () => {
    let s = press(on(ready({ production: true }), 'lsn-web-https'), 's');
    expect(s.input).toMatchObject({ typed: true });
    s = press(s, 'y', 'enter');
    expect(effects(s).some((e) => e.kind === 'start-stop-listener')).toBe(false);
    expect(s.input).toMatchObject({ wrong: true });
    s = press(s, '4', '4', '3', 'enter');
    expect(effects(s).some((e) => e.kind === 'start-stop-listener')).toBe(true);
  });

  it('is refused on a read-only connection and while the listener is busy', () => {
    const readOnly = press(on(ready({ readOnly: true }), 'lsn-web-https'), 's');
    expect(readOnly.input).toBeUndefined();
    expect(readOnly.flash?.message.en).toContain('read-only');
    const configuring = listener('lsn-web-busy', 'alb-web', 'HTTP', 81, 'busy', {
      listenerStatus: 'Configuring',
    });
    const busy = press(on(ready({}, [configuring]), 'lsn-web-busy'), 's');
    expect(busy.input).toBeUndefined();
    expect(busy.flash?.message.en).toContain('Configuring');
  });

  it('a failure says why and puts the status back', () => {
    let s = press(on(ready(), 'lsn-web-https'), 's', 'y');
    s = appReducer(s, {
      type: 'listener-status',
      generation: 1,
      listenerId: 'lsn-web-https',
      status: 'Running',
      done: true,
      action: 'stop',
      error: { kind: 'server', message: { en: 'busy', 'zh-CN': '忙' } } as never,
    });
    expect(statusOf(s, 'lsn-web-https')).toBe('Running');
    expect(s.flash?.message.en).toBe('Could not stop HTTPS 443: busy');
  });

  it('says which HTTPS listeners upgrade to a QUIC listener before stopping it', () => {
    const extra = [
      listener('lsn-web-quic', 'alb-web', 'QUIC', 443, 'quic'),
      listener('lsn-web-h3', 'alb-web', 'HTTPS', 8443, 'h3', {
        quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-web-quic' },
      }),
    ];
    const s = press(on(ready({}, extra), 'lsn-web-quic'), 's');
    expect(s.input?.kind).toBe('startstop');
    const impact = s.input?.kind === 'startstop' ? s.input.impact.map((i) => i.en) : [];
    expect(impact.join(' ')).toContain('HTTPS 8443 “h3” upgrades to this QUIC listener');
  });
});

describe('edit from the dashboard and the detail', () => {
  it('e opens the wizard in edit mode on the selected listener', () => {
    const s = press(on(ready(), 'lsn-web-http'), 'e');
    expect(s.view).toEqual({ kind: 'wizard', loadBalancerId: 'alb-web', editListenerId: 'lsn-web-http' });
  });

  it('the detail names e and s in its hint line', () => {
    const s = press(on(ready(), 'lsn-web-http'), 'enter');
    const hinted = hintBindings(s).map((b) => b.keys[0]);
    expect(hinted).toContain('e');
    expect(hinted).toContain('s');
    expect(DETAIL_BINDINGS.find((b) => b.keys.includes('e'))?.label).toBe('keyEdit');
    expect(press(s, 'e').view).toMatchObject({ kind: 'wizard', editListenerId: 'lsn-web-http' });
  });
});
