// Expiry marks in the listener rows: ✗ expired, ! expiring within 30 days — a character beside the
// name, so the mark reads without colour — and the detail line says it in words.
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app.js';
import { certificateMarks, certMark, listenersToRead } from '../../source/ui/dashboard/cert-marks.js';
import { fitColumns, listenerColumns, rowSegments } from '../../source/ui/dashboard/columns.js';
import { buildDashboardData } from '../../source/ui/dashboard/rows.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import { KEYS, pressKeys, settle } from '../helpers/ink.js';
import { FakeAlbClient, fakeSessions, instance, listener, LOCAL, NOW, sampleData } from './fake-client.js';

const DAY = 86_400_000;

function certificate(casId: number, commonName: string, daysLeft: number) {
  return {
    certificateId: `${casId}-cn-hangzhou`,
    casId,
    name: `cert-${casId}`,
    commonName,
    sans: [commonName],
    issuer: 'Test CA',
    startDate: '2025-01-01',
    endDate: new Date(NOW + daysLeft * DAY).toISOString(),
    fingerprint: `fp-${casId}`,
    isCa: false,
  };
}

/** web-prod with an expired, an expiring and a valid HTTPS listener, and one HTTP one. */
function data() {
  const base = sampleData();
  const cert = (id: number) => ({ certificates: [{ certificateId: `${id}-cn-hangzhou` }] });
  return {
    ...base,
    loadBalancers: [instance('alb-web', 'web-prod')],
    listeners: [
      listener('lsn-old', 'alb-web', 'HTTPS', 443, 'old_443', cert(3001)),
      listener('lsn-soon', 'alb-web', 'HTTPS', 8443, 'soon_8443', cert(3002)),
      listener('lsn-fine', 'alb-web', 'HTTPS', 9443, 'fine_9443', cert(3003)),
      listener('lsn-http', 'alb-web', 'HTTP', 80, 'plain_80'),
    ],
    certificates: [
      certificate(3001, 'old.example.com', -3),
      certificate(3002, 'soon.example.com', 12),
      certificate(3003, 'fine.example.com', 200),
    ],
  };
}

describe('the marks, pure', () => {
  it('marks expired and expiring (≤ 30 days) certificates with a character, nothing beyond', () => {
    expect(certMark('c', -1)).toMatchObject({ kind: 'expired', char: '✗', tone: 'danger' });
    expect(certMark('c', 0)).toMatchObject({ kind: 'expiring', char: '!', tone: 'warning' });
    expect(certMark('c', 30)).toMatchObject({ kind: 'expiring' });
    expect(certMark('c', 31)).toBeUndefined();
    expect(certMark('c', undefined)).toBeUndefined();
  });

  it('draws the mark beside the name, the row staying its width', () => {
    const d = data();
    const rows = buildDashboardData(
      {
        loadBalancers: d.loadBalancers,
        listenersByLoadBalancer: new Map([['alb-web', d.listeners]]),
        certificates: d.certificates,
      },
      NOW,
    );
    const defaults = new Map([
      ['lsn-old', '3001-cn-hangzhou'],
      ['lsn-soon', '3002-cn-hangzhou'],
      ['lsn-fine', '3003-cn-hangzhou'],
    ]);
    const marks = certificateMarks(defaults, rows.certificates, NOW);
    expect([...marks.keys()]).toEqual(['lsn-old', 'lsn-soon']);
    const columns = fitColumns(listenerColumns('en', false), 80);
    const text = (id: string) =>
      rowSegments(
        rows.listeners.find((r) => r.id === id)!,
        columns,
        { lang: 'en', deleting: new Set(), certificateMarks: marks },
        false,
        80,
      );
    const old = text('lsn-old');
    expect(old.map((s) => s.text).join('')).toMatch(/HTTPS +443 {2}✗ old_443/);
    expect(old.find((s) => s.text === '✗')?.tone).toBe('danger');
    expect(text('lsn-soon').find((s) => s.text === '!')?.tone).toBe('warning');
    expect(
      text('lsn-fine')
        .map((s) => s.text)
        .join(''),
    ).not.toMatch(/[✗!]/);
    for (const id of ['lsn-old', 'lsn-fine'])
      expect(
        text(id)
          .map((s) => s.text)
          .join(''),
      ).toHaveLength(80);
    // Only TLS listeners whose certificate is not known yet are read.
    expect(listenersToRead(rows.listeners, new Map([['lsn-old', '3001-cn-hangzhou']]))).toEqual([
      'lsn-soon',
      'lsn-fine',
    ]);
  });
});

const cleanups: (() => void)[] = [];
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function show(lang: 'en' | 'zh-CN') {
  const client = new FakeAlbClient(data());
  const app = render(
    <App
      connection={LOCAL}
      sessions={fakeSessions(client, LOCAL)}
      lang={lang}
      colour={false}
      size={{ columns: 100, rows: 24 }}
      now={() => NOW}
      writeTerminal={() => undefined}
      refreshSeconds={0}
    />,
  );
  cleanups.push(app.unmount);
  const frame = () => app.lastFrame() ?? '';
  const waitFor = async (pattern: RegExp) => {
    const until = Date.now() + 4000;
    while (!pattern.test(frame())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(pattern)}\n${frame()}`);
      await settle(20);
    }
  };
  return { app, frame, waitFor };
}

describe('the marks in the app (no colour)', () => {
  it('marks the rows once their certificates are read in the background, and the detail line says it', async () => {
    const { app, frame, waitFor } = await show('en');
    await waitFor(/✗ old_443/);
    await waitFor(/! soon_8443/);
    expect(frame()).toMatch(/ {2}fine_9443/);
    expect(frame()).not.toMatch(/[✗!] fine_9443/);
    expect(frame()).not.toMatch(/[✗!] plain_80/);
    await pressKeys(app.stdin, KEYS.tab);
    await waitFor(/✗ certificate expired: cert 3001-cn-hangzhou \(expired 3 d ago\)/);
    await pressKeys(app.stdin, KEYS.down);
    await waitFor(/! certificate expiring: cert 3002-cn-hangzhou \(expires in 12 d\)/);
  });

  it('in Simplified Chinese too', async () => {
    const { app, waitFor } = await show('zh-CN');
    await waitFor(/✗ old_443/);
    await pressKeys(app.stdin, KEYS.tab);
    await waitFor(/✗ 证书已过期：证书 3001-cn-hangzhou（已过期 3 天）/);
  });
});
