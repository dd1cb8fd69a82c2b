// The certificate view: usage per certificate, soonest-expiring first, filter and sort; rotation as
// the view drives it — pick A, pick B (expired ones refused), the plan per listener, confirmation
// (typed on production, refused read-only), progress from the engine's events, results, and a rerun
// that plans again from what the listeners have.
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../source/domain/resources.js';
import { planRotation, type RotationListener } from '../../source/domain/rotation.js';
import { lineText } from '../../source/ui/components/lines.js';
import { renderCerts } from '../../source/ui/certs/certs-render.js';
import {
  certsReducer,
  initCerts,
  selectedRow,
  visibleRows,
  type CertsAction,
  type CertsEffect,
  type CertsState,
} from '../../source/ui/certs/certs-state.js';
import { keyFromId } from '../../source/ui/keys.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

function cert(casId: number, name: string, days: number, alsoCovers: string[] = []): Certificate {
  return {
    certificateId: `${casId}-cn-hangzhou`,
    casId,
    name,
    commonName: `${name}.example.com`,
    sans: [`${name}.example.com`, `www.${name}.example.com`, ...alsoCovers],
    issuer: 'Test CA',
    startDate: '2025-01-01T00:00:00Z',
    endDate: new Date(NOW + days * DAY).toISOString(),
    fingerprint: 'ff',
    isCa: false,
  };
}

function https(id: string, port: number, bound: { id: string; isDefault: boolean }[]): RotationListener {
  return {
    listenerId: id,
    loadBalancerId: 'lb-1',
    protocol: 'HTTPS',
    port,
    name: `web_${port}`,
    status: 'Running',
    certificates: bound.map((b) => ({
      certificateId: b.id,
      certificateType: 'Server',
      isDefault: b.isDefault,
      status: 'Associated',
    })),
  };
}

const A = cert(100, 'old', 10);
/** The right replacement of A: it serves A's names too. */
const B = cert(200, 'new', 300, ['old.example.com', '*.old.example.com']);
const EXPIRED = cert(300, 'gone', -5);
/** Lives longest but serves none of A's names. */
const OTHER = cert(400, 'other', 400);
const LISTENERS = [
  https('lsn-1', 443, [{ id: A.certificateId, isDefault: true }]),
  https('lsn-2', 8443, [
    { id: B.certificateId, isDefault: true },
    { id: '100', isDefault: false },
  ]),
  https('lsn-3', 9443, [{ id: B.certificateId, isDefault: true }]),
];

/** The server's precheck, every change taken. */
const PASSED: CertsAction = { type: 'prechecked', refused: new Map() };

function run(
  state: CertsState,
  ...actions: (CertsAction | string)[]
): { state: CertsState; effects: CertsEffect[] } {
  let current = state;
  const effects: CertsEffect[] = [];
  for (const action of actions) {
    const step = certsReducer(
      current,
      typeof action === 'string' ? { type: 'key', key: keyFromId(action) } : action,
    );
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

function loaded(options = { readOnly: false, production: false }): CertsState {
  return run(initCerts(options), {
    type: 'loaded',
    certificates: [B, EXPIRED, A, OTHER],
    listeners: LISTENERS,
    now: NOW,
  }).state;
}

describe('the certificate list', () => {
  it('lists soonest-expiring first, each with the listeners that use it (by either ID form) and how', () => {
    const state = loaded();
    expect(visibleRows(state).map((row) => row.certificate.name)).toEqual(['gone', 'old', 'new', 'other']);
    const old = visibleRows(state)[1]!;
    expect(old.uses.map((use) => [use.listener.listenerId, use.role])).toEqual([
      ['lsn-1', 'default'],
      ['lsn-2', 'extra'],
    ]);
    expect(visibleRows(state)[2]!.uses).toHaveLength(2);
  });

  it('filters as typed and sorts by listeners with U', () => {
    const filtered = run(loaded(), '/', 'w', 'w', 'w', '.', 'n').state;
    expect(visibleRows(filtered).map((row) => row.certificate.name)).toEqual(['new']);
    const byUses = run(loaded(), 'U').state;
    expect(visibleRows(byUses)[0]!.uses.length).toBe(2);
  });

  it('shows expiry, marks the expired one, and the chosen certificate’s listeners', () => {
    const text = renderCerts(run(loaded(), 'j').state, { lang: 'en', width: 100, height: 20 })
      .map(lineText)
      .join('\n');
    expect(text).toContain('expired');
    expect(text).toContain('10 d');
    expect(text).toContain('Used by 2 listeners:');
    expect(text).toContain('HTTPS 8443 web_8443 (lsn-2) · extra · ');
  });
});

describe('rotation in the view', () => {
  function toPlan(state = loaded()) {
    // old is second (soonest after the expired one); R, then the picker: "new" is first, expired last.
    const picked = run(state, 'j', 'R');
    expect(picked.state.mode.kind).toBe('pick');
    const planned = run(picked.state, 'enter');
    expect(planned.effects).toEqual([{ kind: 'plan', from: A.certificateId, to: B.certificateId }]);
    const plan = planRotation(LISTENERS, A.certificateId, B.certificateId);
    return { state: run(planned.state, { type: 'planned', plan }, PASSED).state, plan };
  }

  it('will not rotate to an expired certificate', () => {
    const picked = run(loaded(), 'j', 'R', 'g', 'o', 'n', 'e');
    const refused = run(picked.state, 'enter');
    expect(refused.effects).toEqual([]);
    expect(refused.state.notice).toEqual({ key: 'targetExpired', tone: 'danger' });
  });

  it('shows the plan per listener: the default replaced, the extra added before the old one goes', () => {
    const { state } = toPlan();
    const text = renderCerts(state, { lang: 'en', width: 100, height: 30 }).map(lineText).join('\n');
    expect(text).toContain('Rotate 100-cn-hangzhou → 200-cn-hangzhou: 2 listeners to change');
    expect(text).toContain('HTTPS 443 web_443 (lsn-1) · default');
    expect(text).toContain('1. replace the default certificate with 200');
    expect(text).toContain('HTTPS 8443 web_8443 (lsn-2) · extra');
    expect(text).toContain('remove extra certificate 100');
    expect(text).not.toContain('lsn-3) · extra');
    const zh = renderCerts(state, { lang: 'zh-CN', width: 100, height: 30 }).map(lineText).join('\n');
    expect(zh).toContain('将默认证书替换为 200');
  });

  it('offers first the certificates that serve every name the old one does, and names what the others miss', () => {
    const picked = run(loaded(), 'j', 'R').state;
    const text = () => renderCerts(picked, { lang: 'en', width: 140, height: 20 }).map(lineText);
    const rows = text().filter((line) => /^[› ] /.test(line) && line.includes('-cn-hangzhou'));
    expect(rows.map((line) => line.match(/\d+-cn-hangzhou/)?.[0])).toEqual([
      B.certificateId,
      OTHER.certificateId,
      EXPIRED.certificateId,
    ]);
    expect(rows[0]).not.toContain('does not cover every name');
    expect(rows[1]).toContain('does not cover every name');
    // The chosen one covers all: nothing said; moving to the other says which names it misses.
    expect(text().join('\n')).not.toContain('Does not cover');
    const other = run(picked, 'down').state;
    const said = renderCerts(other, { lang: 'en', width: 140, height: 20 }).map(lineText).join('\n');
    expect(said).toContain(
      'Does not cover old.example.com, www.old.example.com, which 100-cn-hangzhou serves.',
    );
    const zh = renderCerts(other, { lang: 'zh-CN', width: 140, height: 20 }).map(lineText).join('\n');
    expect(zh).toContain('不包含 100-cn-hangzhou 所服务的域名 old.example.com、www.old.example.com。');
  });

  it('warns on the plan when the new certificate misses names, and then asks for the count typed', () => {
    const picked = run(loaded(), 'j', 'R', 'down');
    const planned = run(picked.state, 'enter');
    expect(planned.effects).toEqual([{ kind: 'plan', from: A.certificateId, to: OTHER.certificateId }]);
    const plan = planRotation(LISTENERS, A.certificateId, OTHER.certificateId);
    const state = run(planned.state, { type: 'planned', plan }, PASSED).state;
    const lines = renderCerts(state, { lang: 'en', width: 100, height: 30 }).map(lineText);
    const title = lines.findIndex((line) => line.includes('Rotate 100-cn-hangzhou → 400-cn-hangzhou'));
    expect(lines[title + 1]).toContain(
      'Warning: 400-cn-hangzhou does not cover old.example.com, www.old.example.com: clients',
    );
    // Not on production, yet Ctrl-S does not run it: it asks for the count.
    const asked = run(state, 'ctrl+s');
    expect(asked.effects).toEqual([]);
    expect(asked.state.mode.kind).toBe('confirm');
    const asking = renderCerts(asked.state, { lang: 'en', width: 140, height: 30 }).map(lineText).join('\n');
    expect(asking).toContain('Some names would be left without a certificate. Type 2');
    expect(asking).not.toContain('Production');
    expect(run(asked.state, '2', 'enter').effects).toEqual([{ kind: 'run', plan }]);
  });

  it('warns when the new certificate expires before the old one', () => {
    const EARLY = cert(500, 'early', 5, ['old.example.com', 'www.old.example.com']);
    const state = run(initCerts({ readOnly: false, production: false }), {
      type: 'loaded',
      certificates: [A, EARLY],
      listeners: LISTENERS,
      now: NOW,
    }).state;
    // Sooner-expiring first: early, then old.
    const planned = run(state, 'j', 'R', 'enter');
    expect(planned.effects).toEqual([{ kind: 'plan', from: A.certificateId, to: EARLY.certificateId }]);
    const plan = planRotation(LISTENERS, A.certificateId, EARLY.certificateId);
    const shown = run(planned.state, { type: 'planned', plan }, PASSED).state;
    const text = renderCerts(shown, { lang: 'zh-CN', width: 100, height: 30 }).map(lineText).join('\n');
    expect(text).toContain('警告：500-cn-hangzhou 比 100-cn-hangzhou 更早到期。');
    expect(text).not.toContain('不包含域名');
    // Only names left uncovered make Ctrl-S ask: an earlier expiry is said, not typed for.
    expect(run(shown, 'ctrl+s').effects).toEqual([{ kind: 'run', plan }]);
  });

  it('runs with Ctrl-S, follows the engine’s events, and offers a rerun that plans again', () => {
    const { state, plan } = toPlan();
    const started = run(state, 'ctrl+s');
    expect(started.effects).toEqual([{ kind: 'run', plan }]);
    const step = plan.listeners[0]!.action === 'change' ? plan.listeners[0]!.steps[0]! : undefined;
    const progressed = run(
      started.state,
      { type: 'event', event: { kind: 'step', listenerId: 'lsn-1', step: step!, phase: 'started' } },
      { type: 'event', event: { kind: 'status', listenerId: 'lsn-1', status: 'Configuring' } },
    ).state;
    const during = renderCerts(progressed, { lang: 'en', width: 120, height: 20 }).map(lineText).join('\n');
    expect(during).toContain('0/1 replace the default certificate with 200 · Configuring');
    const ended = run(
      progressed,
      {
        type: 'event',
        event: { kind: 'finished', outcome: { listenerId: 'lsn-1', result: 'rotated', stepsDone: [step!] } },
      },
      {
        type: 'event',
        event: {
          kind: 'finished',
          outcome: {
            listenerId: 'lsn-2',
            result: 'failed',
            stepsDone: [],
            failedStep: { kind: 'associate', certificateId: B.certificateId },
            error: new Error('Throttling'),
          },
        },
      },
      { type: 'run-ended' },
    ).state;
    const after = renderCerts(ended, { lang: 'en', width: 140, height: 20 }).map(lineText).join('\n');
    expect(after).toContain('1 rotated, 1 failed');
    expect(after).toContain('failed at: add extra certificate 200 — Throttling');
    // The rerun carries the listeners this run took on: those it finds on B are done, no others.
    expect(run(ended, 'r').effects).toEqual([
      {
        kind: 'plan',
        from: A.certificateId,
        to: B.certificateId,
        concerned: plan.listeners.map((l) => l.listener.listenerId),
      },
    ]);
  });

  it('has the server precheck the plan first, and waits for it before running', () => {
    const picked = run(loaded(), 'j', 'R', 'enter').state;
    const plan = planRotation(LISTENERS, A.certificateId, B.certificateId);
    const planned = run(picked, { type: 'planned', plan });
    expect(planned.effects).toEqual([{ kind: 'precheck', plan }]);
    const text = (state: CertsState, lang: 'en' | 'zh-CN' = 'en') =>
      renderCerts(state, { lang, width: 100, height: 30 }).map(lineText).join('\n');
    expect(text(planned.state)).toContain('Checking each change with the server first (DryRun)…');
    const early = run(planned.state, 'ctrl+s');
    expect(early.effects).toEqual([]);
    expect(early.state.notice).toEqual({ key: 'precheckPending', tone: 'warning' });
    expect(text(early.state)).toContain('Wait for the precheck to finish.');
    const checked = run(planned.state, PASSED).state;
    expect(text(checked)).toContain('Precheck passed: the server would take every change.');
    expect(text(checked, 'zh-CN')).toContain('预检通过：服务端将接受每项变更。');
  });

  it('leaves out the listeners the precheck refused, says why, and rotates the others', () => {
    const picked = run(loaded(), 'j', 'R', 'enter').state;
    const plan = planRotation(LISTENERS, A.certificateId, B.certificateId);
    const why = { en: 'the instance is not Active', 'zh-CN': '实例不在运行中' };
    const refused = run(
      picked,
      { type: 'planned', plan },
      { type: 'prechecked', refused: new Map([['lsn-1', { kind: 'state' as const, message: why }]]) },
    ).state;
    const lines = renderCerts(refused, { lang: 'en', width: 100, height: 30 }).map(lineText);
    const text = lines.join('\n');
    expect(text).toContain('Precheck: the server would refuse 1 listener; they are left as they are');
    const lsn1 = lines.findIndex((line) => line.includes('(lsn-1) · default'));
    expect(lines.slice(lsn1, lsn1 + 3).join('\n')).toContain(
      '✗ refused by the precheck: the instance is not Active',
    );
    const zh = renderCerts(refused, { lang: 'zh-CN', width: 100, height: 30 }).map(lineText).join('\n');
    expect(zh).toContain('✗ 预检未通过：实例不在运行中');

    const started = run(refused, 'ctrl+s');
    expect(started.effects).toHaveLength(1);
    const ran = (started.effects[0] as Extract<CertsEffect, { kind: 'run' }>).plan;
    expect(ran.listeners.map((l) => [l.listener.listenerId, l.action])).toEqual([
      ['lsn-1', 'untouched'],
      ['lsn-2', 'change'],
    ]);
    const ended = run(
      started.state,
      {
        type: 'event',
        event: { kind: 'finished', outcome: { listenerId: 'lsn-1', result: 'untouched', stepsDone: [] } },
      },
      {
        type: 'event',
        event: { kind: 'finished', outcome: { listenerId: 'lsn-2', result: 'rotated', stepsDone: [] } },
      },
      { type: 'run-ended' },
    ).state;
    const done = renderCerts(ended, { lang: 'en', width: 100, height: 30 }).map(lineText).join('\n');
    expect(done).toMatch(/\(lsn-1\) +left as it was: the precheck refused it/);
    expect(done).toContain('Rotation ended: 1 rotated, 0 failed, 1 left as they were');
  });

  it('asks a production connection to type the number of listeners, and refuses read-only', () => {
    const { state } = toPlan(loaded({ readOnly: false, production: true }));
    const asked = run(state, 'ctrl+s');
    expect(asked.effects).toEqual([]);
    expect(asked.state.mode.kind).toBe('confirm');
    const asking = renderCerts(asked.state, { lang: 'en', width: 140, height: 30 }).map(lineText).join('\n');
    expect(asking).toContain('Production connection. Type 2');
    expect(run(asked.state, '3', 'enter').effects).toEqual([]);
    expect(run(asked.state, '2', 'enter').effects[0]).toMatchObject({ kind: 'run' });

    const readOnly = run(loaded({ readOnly: true, production: false }), 'j', 'R');
    expect(readOnly.state.mode.kind).toBe('list');
    expect(readOnly.state.notice?.key).toBe('readOnly');
  });

  it('copies the chosen certificate’s ID with y', () => {
    const state = run(loaded(), 'j').state;
    expect(selectedRow(state)?.certificate.name).toBe('old');
    expect(run(state, 'y').effects).toEqual([{ kind: 'copy', text: A.certificateId }]);
  });
});

describe('where a rotation goes', () => {
  const TARGET = [{ profile: 'prod', region: 'cn-shanghai' }];
  const render = (state: CertsState, lang: 'en' | 'zh-CN') =>
    renderCerts(state, { lang, width: 100, height: 30, target: TARGET }).map(lineText).join('\n');

  it('names the connection and region on the plan and on the typed confirmation, in both languages', () => {
    const picked = run(loaded({ readOnly: false, production: true }), 'j', 'R', 'enter').state;
    const plan = planRotation(LISTENERS, A.certificateId, B.certificateId);
    const planned = run(picked, { type: 'planned', plan }, PASSED).state;
    expect(render(planned, 'en')).toContain('Target: prod · cn-shanghai');
    expect(render(planned, 'zh-CN')).toContain('目标：prod · cn-shanghai');
    const confirming = run(planned, 'ctrl+s').state;
    expect(confirming.mode.kind).toBe('confirm');
    expect(render(confirming, 'en')).toContain('Target: prod · cn-shanghai');
    expect(render(confirming, 'zh-CN')).toContain('目标：prod · cn-shanghai');
  });
});
