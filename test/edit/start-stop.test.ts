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
import { flashContinued, impactNotice } from '../../source/ui/listener-actions.js';
import { flashLines } from '../../source/ui/components/status-line.js';
import { wrapCells } from '../../source/ui/components/lines.js';
import { cellWidth } from '../../source/domain/text.js';
import { readCertificateUse } from '../../source/ui/loaders.js';
import { AlbError } from '../../source/alb/errors.js';
import { both } from '../../source/domain/i18n.js';
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

describe('impact before a delete', () => {
  it('names the other listeners known to serve the same certificate, on the line under the prompt', () => {
    const full = (id: string, port: number) =>
      listener(id, 'alb-web', 'HTTPS', port, `h${port}`, {
        certificates: [{ certificateId: '1001-cn-hangzhou' }],
      });
    const extra = full('lsn-web-9443', 9443);
    let s = ready({}, [extra]);
    for (const peek of [full('lsn-web-https', 443), extra])
      s = appReducer(s, { type: 'listener-peeked', generation: 1, listener: peek });
    s = press(on(s, 'lsn-web-https'), 'ctrl+d');
    expect(s.input?.kind).toBe('delete');
    const notice = impactNotice(s.input, 'en').notice ?? '';
    expect(notice).toContain('Certificate 1001-cn-hangzhou is also served by HTTPS 9443 “h9443”');
    expect(impactNotice(press(s, 'escape').input, 'en')).toEqual({});
  });

  it('reads the certificates of the instance’s HTTPS and QUIC listeners first, saying "checking…", then counts every one sharing it', () => {
    const plain = (id: string, port: number) => listener(id, 'alb-web', 'HTTPS', port, `h${port}`);
    const extra = [plain('lsn-web-9443', 9443), plain('lsn-web-9444', 9444)];
    let s = press(on(ready({}, extra), 'lsn-web-https'), 'ctrl+d');
    // Nothing was peeked: without the read the confirmation would say nothing shares it.
    const read = effects(s).find((e) => e.kind === 'read-certificate-use');
    expect(read).toMatchObject({ forListenerId: 'lsn-web-https', generation: 1 });
    expect(read?.kind === 'read-certificate-use' && [...read.listenerIds].sort()).toEqual(
      ['lsn-web-9443', 'lsn-web-9444', 'lsn-web-https'].sort(),
    );
    expect(impactNotice(s.input, 'en').notice).toBe('⚠ Checking which listeners share its certificate…');
    expect(impactNotice(s.input, 'zh-CN').notice).toBe('⚠ 正在检查哪些监听共用其证书…');
    s = appReducer(s, {
      type: 'certificate-use-read',
      generation: 1,
      forListenerId: 'lsn-web-https',
      certificates: new Map([
        ['lsn-web-https', ['1001-cn-hangzhou']],
        // One uses it as an extra certificate: it counts too.
        ['lsn-web-9443', ['2002-cn-hangzhou', '1001-cn-hangzhou']],
        ['lsn-web-9444', ['1001-cn-hangzhou']],
      ]),
    });
    expect(s.input).toMatchObject({ kind: 'delete', listenerId: 'lsn-web-https' });
    expect(impactNotice(s.input, 'en').notice).toBe(
      '⚠ Certificate 1001-cn-hangzhou is also served by HTTPS 9443 “h9443”, HTTPS 9444 “h9444” (they keep it).',
    );
  });

  it('says so when the certificates could not be read; an HTTP listener needs no read', () => {
    let s = press(on(ready(), 'lsn-web-https'), 's');
    expect(s.input).toMatchObject({ kind: 'startstop', action: 'stop', impactPending: true });
    s = appReducer(s, {
      type: 'certificate-use-failed',
      generation: 1,
      forListenerId: 'lsn-web-https',
      error: { code: 'unreachable', message: { en: 'down', 'zh-CN': '断开' } } as never,
    });
    expect(impactNotice(s.input, 'en').notice).toBe(
      '⚠ Could not check which other listeners share its certificate.',
    );
    const http = press(on(ready(), 'lsn-web-http'), 'ctrl+d');
    expect(effects(http).some((e) => e.kind === 'read-certificate-use')).toBe(false);
    expect(impactNotice(http.input, 'en')).toEqual({});
  });
});

describe('the impact line at 80 columns', () => {
  it('says the same with counts instead of names when the names do not fit, in both languages', () => {
    const plain = (id: string, port: number) => listener(id, 'alb-web', 'HTTPS', port, `web-${port}`);
    const siblings = [plain('lsn-web-9443', 9443), plain('lsn-web-9444', 9444), plain('lsn-web-9445', 9445)];
    let s = press(on(ready({}, siblings), 'lsn-web-https'), 'ctrl+d');
    s = appReducer(s, {
      type: 'certificate-use-read',
      generation: 1,
      forListenerId: 'lsn-web-https',
      certificates: new Map([
        ['lsn-web-https', ['14933501-cn-hangzhou']],
        ['lsn-web-9443', ['14933501-cn-hangzhou']],
        ['lsn-web-9444', ['14933501-cn-hangzhou']],
        ['lsn-web-9445', ['14933501-cn-hangzhou']],
      ]),
    });
    // Wide: one line with the names.
    expect(impactNotice(s.input, 'en', 200)).toMatchObject({ noticeRows: 1 });
    expect(impactNotice(s.input, 'en', 200).notice).toContain('“web-9443”');
    // 80 columns: the names in two lines (the body gives up its last row), nothing cut.
    for (const lang of ['en', 'zh-CN'] as const) {
      const at80 = impactNotice(s.input, lang, 80);
      expect(at80.noticeRows).toBe(2);
      expect(at80.notice).toMatch(/9443.*9444.*9445/);
      expect(wrapCells(at80.notice!, 78)).toHaveLength(2);
    }
    // Narrower still: the same with counts.
    expect(impactNotice(s.input, 'en', 60)).toEqual({
      notice: '⚠ 3 other listeners serve certificate 14933501-cn-hangzhou too (they keep it).',
      noticeRows: 2,
    });
    expect(impactNotice(s.input, 'zh-CN', 60).notice).toBe(
      '⚠ 另有 3 个监听使用证书 14933501-cn-hangzhou（不受影响）。',
    );
  });
});

describe('a message longer than the status line', () => {
  it('goes on below it in place of the key hints, so nothing of it is lost at 80 columns', () => {
    const s = press(ready(), ':', ...'foo'.split(''), 'enter');
    for (const lang of ['en', 'zh-CN'] as const) {
      const message = s.flash!.message[lang];
      expect(message).toContain(':q');
      const first = flashLines(s.flash!, lang, 80)[0]!;
      const rest = flashContinued(undefined, s.flash, lang, 80);
      expect(cellWidth(first)).toBeLessThanOrEqual(78);
      expect(rest.noticeTone).toBe('danger');
      expect(cellWidth(rest.notice!)).toBeLessThanOrEqual(78);
      expect(`${first}${lang === 'en' ? ' ' : ''}${rest.notice}`).toBe(message);
    }
    // Wide enough: one line, the hints stay.
    expect(flashContinued(undefined, s.flash, 'en', 200)).toEqual({});
  });
});

describe('reading which certificates listeners serve', () => {
  it('lists default and extra server certificates, not CA ones nor those leaving; a listener gone counts as none', async () => {
    const client = {
      listListenerCertificates: async (listenerId: string) => {
        if (listenerId === 'lsn-gone')
          throw new AlbError({
            kind: 'notFound',
            code: 'ResourceNotFound.Listener',
            message: both('gone', '不存在'),
          });
        return [
          { certificateId: 'a', certificateType: 'Server' as const, isDefault: true, status: 'Associated' },
          { certificateId: 'b', certificateType: 'Server' as const, isDefault: false, status: 'Associated' },
          { certificateId: 'c', certificateType: 'Ca' as const, isDefault: false, status: 'Associated' },
          {
            certificateId: 'd',
            certificateType: 'Server' as const,
            isDefault: false,
            status: 'Diassociating',
          },
        ];
      },
    };
    const read = await readCertificateUse(client, ['lsn-1', 'lsn-gone'], new AbortController().signal);
    expect([...read]).toEqual([
      ['lsn-1', ['a', 'b']],
      ['lsn-gone', []],
    ]);
  });
});
