// The "Forwarding rules" section of the listener detail: the count, the first five in priority order in
// one line each, what is left for `r`; none; a failed read; both languages.
import { describe, expect, it } from 'vitest';
import { detailLines, type ListenerDetail } from '../../../source/ui/detail/listener-detail.js';
import { listener, NOW } from '../fake-client.js';
import { demoRules, forward, path, rule } from './fixtures.js';

function detail(rules: ListenerDetail['rules']): ListenerDetail {
  return {
    listener: listener('lsn-1', 'alb-web', 'HTTP', 80, 'web'),
    certificates: { ok: true, value: [] },
    serverGroups: { ok: true, value: [] },
    servers: new Map(),
    ...(rules ? { rules } : {}),
  };
}

const texts = (d: ListenerDetail, lang: 'en' | 'zh-CN' = 'en') =>
  detailLines(d, {
    lang,
    now: NOW,
    serverGroupNames: new Map([
      ['sgp-api-v2', 'sg-api-v2'],
      ['sgp-api-v1', 'sg-api-v1'],
    ]),
  }).map((line) => (line.kind === 'text' || line.kind === 'heading' ? line.text : ''));

describe('rules in the listener detail', () => {
  it('counts them and shows the first five in priority order', () => {
    const many = [
      ...demoRules(),
      ...[50, 60, 5].map((p) => rule(p, `extra-${p}`, [path(`/e${p}`)], [forward(['sgp-web'])])),
    ];
    const lines = texts(detail({ ok: true, value: many }));
    const at = lines.indexOf('Forwarding rules');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('7 rules, tried in priority order; then the default action');
    expect(lines[at + 2]).toMatch(/^\s+5 {2}extra-5/);
    expect(lines[at + 3]).toBe(
      '     10  api-v2-canary  Host api.example.com · Path /v2/* → 80% sg-api-v2, 20% sg-api-v1',
    );
    expect(lines[at + 7]).toBe('… 2 more: r opens them all');
  });

  it('says when there are none, or they could not be read; nothing without a rules reader', () => {
    expect(texts(detail({ ok: true, value: [] }))).toContain(
      'No rules: every request takes the default action (r opens the rules)',
    );
    const failed = texts(
      detail({ ok: false, error: { kind: 'server', message: { en: 'boom', 'zh-CN': '出错' } } }),
      'zh-CN',
    );
    expect(failed.some((line) => line.includes('出错'))).toBe(true);
    expect(texts(detail(undefined))).not.toContain('Forwarding rules');
  });

  it('in Chinese', () => {
    const lines = texts(detail({ ok: true, value: demoRules() }), 'zh-CN');
    expect(lines).toContain('转发规则');
    expect(lines.some((line) => line.includes('域名 api.example.com · 路径 /v2/*'))).toBe(true);
  });
});
