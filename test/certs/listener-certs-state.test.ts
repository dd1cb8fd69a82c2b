// A listener's certificates: default first then extras, with expiry; add several from the picker
// (Space marks, expired refused), remove an extra but never the default, replace the default; each
// previewed, typed on production, refused read-only.
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../source/domain/resources.js';
import { lineText } from '../../source/ui/components/lines.js';
import { renderListenerCerts } from '../../source/ui/certs/listener-certs-render.js';
import {
  initListenerCerts,
  listenerCertsReducer,
  type ListenerCertsAction,
  type ListenerCertsEffect,
  type ListenerCertsState,
} from '../../source/ui/certs/listener-certs-state.js';
import { keyFromId } from '../../source/ui/keys.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const cert = (casId: number, name: string, days: number): Certificate => ({
  certificateId: `${casId}-cn-hangzhou`,
  casId,
  name,
  commonName: `${name}.example.com`,
  sans: [`${name}.example.com`],
  issuer: 'CA',
  startDate: '2025-01-01T00:00:00Z',
  endDate: new Date(NOW + days * 86_400_000).toISOString(),
  fingerprint: 'ff',
  isCa: false,
});
const CERTS = [
  cert(1, 'main', 200),
  cert(2, 'sni', 100),
  cert(3, 'soon', 10),
  cert(4, 'late', 300),
  cert(5, 'dead', -1),
];

function run(state: ListenerCertsState, ...actions: (ListenerCertsAction | string)[]) {
  let current = state;
  const effects: ListenerCertsEffect[] = [];
  for (const action of actions) {
    const next = listenerCertsReducer(
      current,
      typeof action === 'string' ? { type: 'key', key: keyFromId(action) } : action,
    );
    current = next.state;
    effects.push(...next.effects);
  }
  return { state: current, effects };
}

function loaded(options = { readOnly: false, production: false }) {
  return run(initListenerCerts({ listenerId: 'lsn-1', port: 443, now: NOW, ...options }), {
    type: 'loaded',
    certificates: CERTS,
    bound: [
      { certificateId: '2-cn-hangzhou', certificateType: 'Server', isDefault: false, status: 'Associated' },
      { certificateId: '1-cn-hangzhou', certificateType: 'Server', isDefault: true, status: 'Associated' },
    ],
  }).state;
}

describe('a listener’s certificates', () => {
  it('lists the default first, then the extras, with expiry, SANs and status', () => {
    const text = renderListenerCerts(loaded(), 'en', 100, 20).map(lineText).join('\n');
    expect(text.indexOf('default')).toBeLessThan(text.indexOf('extra '));
    expect(text).toContain('200 d');
    expect(text).toContain('SANs: sni.example.com');
    expect(text).toContain('Associated');
  });

  it('adds several marked with Space; expired ones cannot be marked; expiring ones are marked as such', () => {
    const picking = run(loaded(), 'a').state;
    const text = renderListenerCerts(picking, 'en', 120, 20).map(lineText).join('\n');
    expect(text).not.toContain('main.example.com  main');
    expect(text).toContain('expires within 30 days');
    expect(text).toContain('expired: cannot be chosen');
    // late (300 d) first, then soon (10 d), then dead (expired).
    const marked = run(picking, ' ', ' ', ' ');
    expect(marked.state.notice).toBe('expiredNotChoosable');
    const previewed = run(marked.state, 'enter');
    expect(previewed.state.mode).toMatchObject({
      kind: 'preview',
      change: { kind: 'add', certificateIds: ['4-cn-hangzhou', '3-cn-hangzhou'] },
    });
    expect(renderListenerCerts(previewed.state, 'en', 100, 20).map(lineText).join('\n')).toContain(
      '+ extra 4-cn-hangzhou',
    );
    expect(run(previewed.state, 'ctrl+s').effects).toEqual([
      { kind: 'apply', change: { kind: 'add', certificateIds: ['4-cn-hangzhou', '3-cn-hangzhou'] } },
    ]);
  });

  it('keeps the cursor on the list when j/k are pressed before the list has loaded', () => {
    const early = run(
      initListenerCerts({ listenerId: 'lsn-1', port: 443, now: NOW, readOnly: false, production: false }),
      'j',
      'j',
    );
    expect(early.state.cursor).toBe(0);
    const later = run(early.state, {
      type: 'loaded',
      certificates: CERTS,
      bound: [
        { certificateId: '1-cn-hangzhou', certificateType: 'Server', isDefault: true, status: 'Associated' },
      ],
    });
    // The first row is under the cursor: x on the default says why it stays.
    expect(run(later.state, 'x').state.notice).toBe('defaultNotRemovable');
    expect(run(later.state, 'k', 'k').state.cursor).toBe(0);
  });

  it('never removes the default; removes an extra after a preview', () => {
    const onDefault = run(loaded(), 'x');
    expect(onDefault.state.notice).toBe('defaultNotRemovable');
    expect(onDefault.effects).toEqual([]);
    const onExtra = run(loaded(), 'j', 'x', 'enter');
    expect(onExtra.effects).toEqual([
      { kind: 'apply', change: { kind: 'remove', certificateIds: ['2-cn-hangzhou'] } },
    ]);
  });

  it('replaces the default (from → to), with the port typed on production; read-only refuses', () => {
    const production = run(loaded({ readOnly: false, production: true }), 'D', 'enter');
    expect(production.state.mode).toMatchObject({
      kind: 'preview',
      change: { kind: 'replace-default', from: '1-cn-hangzhou', to: '4-cn-hangzhou' },
    });
    expect(run(production.state, 'enter').effects).toEqual([]);
    expect(run(production.state, '4', '4', '3', 'enter').effects).toHaveLength(1);
    const readOnly = run(loaded({ readOnly: true, production: false }), 'a');
    expect(readOnly.state.mode.kind).toBe('list');
    expect(readOnly.state.notice).toBe('readOnly');
  });
});

describe('where a listener’s certificate change goes', () => {
  it('names the connection and region on the preview, in both languages', () => {
    const previewed = run(loaded({ readOnly: false, production: true }), 'j', 'x').state;
    expect(previewed.mode.kind).toBe('preview');
    const target = [{ profile: 'local', region: 'cn-shanghai' }];
    const text = (lang: 'en' | 'zh-CN') =>
      renderListenerCerts(previewed, lang, 100, 20, target).map(lineText).join('\n');
    expect(text('en')).toContain('Target: local · cn-shanghai');
    expect(text('zh-CN')).toContain('目标：local · cn-shanghai');
    expect(renderListenerCerts(previewed, 'en', 100, 20).map(lineText).join('\n')).not.toContain('Target:');
  });
});
