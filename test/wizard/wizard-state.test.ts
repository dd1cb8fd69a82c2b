import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { both } from '../../source/domain/i18n.js';
import { draftToRequest, newDraft } from '../../source/domain/listener-draft.js';
import { blocking, validateDraft, validateRequest } from '../../source/domain/listener-rules.js';
import {
  focusedField,
  initWizard,
  stepFields,
  visiblePickerOptions,
  wizardIssues,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from '../../source/ui/wizard/wizard-state.js';
import { CERT_EXPIRED, CERT_EXPIRING, CERT_VALID, SG_HTTP, context } from '../domain/fixtures.js';

function start(): WizardState {
  return initWizard({ loadBalancerId: 'alb-a', clientToken: 'token-1', context: context() });
}

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
  return actions.reduce(wizardReducer, state);
}

function focus(
  state: WizardState,
  field: Parameters<typeof stepFields>[0] extends never ? never : string,
): WizardState {
  return wizardReducer(state, { type: 'focus', field: field as never });
}

/** A wizard on the review step with a valid HTTPS draft on port 8443. */
function atReview(): WizardState {
  let s = run(start(), { type: 'edit', field: 'port', value: '8443' }, { type: 'next-step' });
  s = run(
    focus(s, 'certificateId'),
    { type: 'picker-open', filter: 'www' },
    { type: 'picker-choose' },
    { type: 'next-step' },
  );
  s = run(
    s,
    { type: 'picker-open', filter: SG_HTTP.serverGroupId },
    { type: 'picker-choose' },
    { type: 'next-step' },
  );
  return s;
}

describe('wizard reducer', () => {
  it('starts on step 1 with HTTPS and its fields', () => {
    const s = start();
    expect(s.step).toBe('listener');
    expect(s.draft.protocol).toBe('HTTPS');
    const ids = stepFields('listener', s.draft).map((f) => f.id);
    expect(ids.slice(0, 4)).toEqual(['protocol', 'port', 'name', 'http2']);
    expect(ids).toContain('header.clientCertSubjectDN');
    expect(ids).toContain('quicUpgrade');
    expect(ids).not.toContain('quicListenerId');
  });

  it('moves focus with wrap-around and toggles the focused switch', () => {
    let s = run(start(), { type: 'focus-prev' });
    expect(focusedField(s)?.id).toBe(stepFields('listener', s.draft).at(-1)!.id);
    s = focus(s, 'gzip');
    s = run(s, { type: 'toggle' });
    expect(s.draft.gzip).toBe(false);
  });

  it('switching protocol drops fields that stop applying', () => {
    const s = run(start(), { type: 'cycle', delta: 1 });
    expect(s.draft.protocol).toBe('HTTP');
    expect(s.draft.port).toBe('8080');
    const ids = stepFields('listener', s.draft).map((f) => f.id);
    expect(ids).not.toContain('http2');
    expect(ids).not.toContain('quicUpgrade');
    expect(ids).not.toContain('header.clientCertFingerprint');
  });

  it('shows the alias field only under its enabled header, and the QUIC picker only with the upgrade on', () => {
    let s = focus(start(), 'header.clientCertIssuerDN');
    s = run(s, { type: 'toggle' });
    expect(stepFields('listener', s.draft).map((f) => f.id)).toContain('alias.clientCertIssuerDN');
    s = run(focus(s, 'quicUpgrade'), { type: 'toggle' });
    expect(stepFields('listener', s.draft).map((f) => f.id)).toContain('quicListenerId');
  });

  it('validates as the user types and shows the message under the touched field', () => {
    const s = run(start(), { type: 'edit', field: 'port', value: '4.5' });
    expect(wizardIssues(s).shown.get('port')?.[0]?.en).toContain('1 to 65535');
    expect(wizardIssues(s).shown.has('name')).toBe(false);
  });

  it('will not leave an invalid step and focuses the first problem', () => {
    let s = run(
      start(),
      { type: 'edit', field: 'port', value: '8443' },
      { type: 'edit', field: 'idleTimeout', value: '99' },
      { type: 'focus', field: 'protocol' },
    );
    s = run(s, { type: 'next-step' });
    expect(s.step).toBe('listener');
    expect(focusedField(s)?.id).toBe('idleTimeout');
    expect(s.attempted).toContain('listener');
  });

  it('refuses a taken port on step 1 with the console message', () => {
    const s = run(start(), { type: 'edit', field: 'port', value: '443' }, { type: 'next-step' });
    expect(s.step).toBe('listener');
    expect(wizardIssues(s).shown.get('port')?.[0]?.['zh-CN']).toContain('端口 443 已被');
  });

  it('goes through the steps the protocol has: HTTP skips the certificate step', () => {
    const https = run(start(), { type: 'edit', field: 'port', value: '8443' }, { type: 'next-step' });
    expect(https.step).toBe('certificate');
    const http = run(
      start(),
      { type: 'cycle', delta: 1 },
      { type: 'edit', field: 'port', value: '8080' },
      { type: 'next-step' },
    );
    expect(http.step).toBe('serverGroup');
    expect(run(http, { type: 'prev-step' }).step).toBe('listener');
  });

  it('pickers filter as you type, mark expiring certificates and refuse expired ones', () => {
    let s = run(start(), { type: 'edit', field: 'port', value: '8443' }, { type: 'next-step' });
    s = run(s, { type: 'picker-open' });
    const all = visiblePickerOptions(s);
    expect(all.find((o) => o.id === CERT_EXPIRING.certificateId)?.warning?.en).toContain('12 days');
    expect(all.find((o) => o.id === CERT_EXPIRED.certificateId)?.disabledReason).toBeDefined();
    s = run(s, { type: 'picker-filter', filter: 'old.example' });
    expect(visiblePickerOptions(s).map((o) => o.id)).toEqual([CERT_EXPIRED.certificateId]);
    s = run(s, { type: 'picker-choose' });
    expect(s.draft.certificateId).toBe('');
    s = run(s, { type: 'picker-filter', filter: 'WWW' }, { type: 'picker-choose' });
    expect(s.draft.certificateId).toBe(CERT_VALID.certificateId);
    expect(s.picker).toBeUndefined();
  });

  it('greys out server groups of another VPC or protocol, with the reason', () => {
    const s = run(atReview(), { type: 'goto-step', step: 'serverGroup' }, { type: 'picker-open' });
    const far = visiblePickerOptions(s).find((o) => o.id === 'sgp-far');
    expect(far?.disabledReason?.en).toContain('vpc-b');
  });

  it('reaches the review only through valid steps', () => {
    const s = run(
      start(),
      { type: 'edit', field: 'port', value: '8443' },
      { type: 'goto-step', step: 'review' },
    );
    expect(s.step).toBe('certificate');
    expect(atReview().step).toBe('review');
  });

  it('ignores a precheck verdict for an older draft', () => {
    let s = run(atReview(), { type: 'precheck-started' });
    const version = s.version;
    s = run(s, { type: 'goto-step', step: 'listener' }, { type: 'edit', field: 'name', value: 'web-prod' });
    s = run(s, { type: 'precheck-finished', version, result: { ok: true } });
    expect(s.precheck.status).toBe('idle');
  });

  it('puts a server error after submit on the field it concerns, keeping every value', () => {
    let s = run(atReview(), { type: 'edit', field: 'name', value: '支付网关' }, { type: 'submit-started' });
    expect(s.submission.status).toBe('submitting');
    const before = s.draft;
    s = run(s, {
      type: 'submit-failed',
      code: 'ResourceAlreadyExist.Listener',
      message: both('Port 8443 is already used', '端口 8443 已被使用'),
      retryable: false,
    });
    expect(s.step).toBe('listener');
    expect(focusedField(s)?.id).toBe('port');
    expect(
      wizardIssues(s)
        .shown.get('port')
        ?.map((m) => m.en),
    ).toContain('Port 8443 is already used');
    expect(s.draft).toEqual(before);
    expect(s.clientToken).toBe('token-1');
    // Fixing the port clears the refusal (it was about the old request); the token stays.
    s = run(s, { type: 'edit', field: 'port', value: '10443' });
    expect(s.submission.status).toBe('idle');
    expect(wizardIssues(s).shown.has('port')).toBe(false);
    expect(s.clientToken).toBe('token-1');
  });

  it('keeps the wizard where it is on a retryable failure, and follows the listener to Running', () => {
    let s = run(atReview(), { type: 'submit-started' });
    s = run(s, {
      type: 'submit-failed',
      code: 'NetworkError',
      message: both('unreachable', '无法连接'),
      retryable: true,
    });
    expect(s.step).toBe('review');
    expect(s.submission.status).toBe('failed');
    s = run(s, { type: 'submit-started' }, { type: 'submit-accepted', listenerId: 'lsn-1' });
    expect(s.submission).toMatchObject({ status: 'provisioning', listenerStatus: 'Provisioning' });
    expect(run(s, { type: 'edit', field: 'port', value: '1' }).draft.port).toBe('8443');
    s = run(s, { type: 'listener-status', status: 'Running' });
    expect(s.submission).toEqual({ status: 'running', listenerId: 'lsn-1' });
  });

  it('will not submit an invalid draft', () => {
    const s = run(start(), { type: 'goto-step', step: 'review' }, { type: 'submit-started' });
    expect(s.submission.status).toBe('idle');
  });
});

describe('wizard properties', () => {
  const action: fc.Arbitrary<WizardAction> = fc.oneof(
    { arbitrary: fc.constant<WizardAction>({ type: 'submit-started' }), weight: 3 },
    fc.constantFrom<WizardAction>(
      { type: 'focus-next' },
      { type: 'focus-prev' },
      { type: 'toggle' },
      { type: 'cycle', delta: 1 },
      { type: 'cycle', delta: -1 },
      { type: 'picker-open' },
      { type: 'picker-choose' },
      { type: 'picker-close' },
      { type: 'next-step' },
      { type: 'prev-step' },
      { type: 'goto-step', step: 'review' },
      { type: 'submit-started' },
      { type: 'precheck-started' },
    ),
    fc.record({ type: fc.constant('picker-move' as const), delta: fc.integer({ min: -3, max: 3 }) }),
    fc.record({
      type: fc.constant('picker-filter' as const),
      filter: fc.constantFrom('', 'www', 'sgp', 'x', '支'),
    }),
    fc.record({
      type: fc.constant('edit' as const),
      field: fc.constantFrom(
        'port',
        'name',
        'idleTimeout',
        'requestTimeout',
        'alias.clientCertSubjectDN' as const,
      ),
      value: fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('8443', '9000', '80', '443', '15', 'web-1'),
      ),
    }),
  );

  it('random key sequences never crash and never submit a request the rules reject', () => {
    let submits = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(action, { maxLength: 60 }), (fromReview, actions) => {
        let s = fromReview ? atReview() : start();
        for (const a of actions) {
          const next = wizardReducer(s, a);
          if (next.submission.status === 'submitting' && s.submission.status !== 'submitting') {
            expect(blocking(validateDraft(next.draft, next.context))).toEqual([]);
            expect(validateRequest(draftToRequest(next.draft, 'alb-a'), next.context).ok).toBe(true);
            submits++;
          }
          s = next;
        }
      }),
      { numRuns: 300 },
    );
    // The property says nothing unless some sequences did reach a submit.
    expect(submits).toBeGreaterThan(10);
  });
});

describe('values already there', () => {
  it('says at once that the default port is taken, but not that a blank field is empty', () => {
    // A port from a profile or a draft: 443, taken on alb-a.
    const state = initWizard({
      loadBalancerId: 'alb-a',
      clientToken: 'token-1',
      context: context(),
      draft: newDraft('HTTPS'),
    });
    expect(state.draft.port).toBe('443');
    expect(wizardIssues(state).shown.get('port')?.[0]?.en).toContain('HTTPS_443');
    expect(wizardIssues(state).shown.has('certificateId')).toBe(false);
    const cleared = run(state, { type: 'edit', field: 'port', value: '' });
    expect(wizardIssues({ ...cleared, touched: [] }).shown.has('port')).toBe(false);
  });
});

describe('reopening a step from the review', () => {
  it('goes back to the review on the next step when every step is valid, and not when one is broken', () => {
    let s = run(atReview(), { type: 'goto-step', step: 'listener' });
    expect(s.step).toBe('listener');
    s = run(s, { type: 'edit', field: 'name', value: 'web-2' }, { type: 'next-step' });
    expect(s.step).toBe('review');
    expect(s.draft.name).toBe('web-2');
    // Walking through normally afterwards is step by step again.
    s = run(s, { type: 'prev-step' }, { type: 'next-step' });
    expect(s.step).toBe('review');
    const fresh = run(start(), { type: 'edit', field: 'port', value: '8443' }, { type: 'next-step' });
    expect(run(fresh, { type: 'next-step' }).step).not.toBe('review');
  });
});
