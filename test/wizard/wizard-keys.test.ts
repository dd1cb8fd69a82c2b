import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { both } from '../../source/domain/i18n.js';
import { draftToRequest, newDraft } from '../../source/domain/listener-draft.js';
import { blocking, validateDraft, validateRequest } from '../../source/domain/listener-rules.js';
import { keyFromId, type KeyPress } from '../../source/ui/keys.js';
import { editText, pressAll, splitPress, wizardKeyToActions } from '../../source/ui/wizard/wizard-keys.js';
import {
  initScreen,
  screenReducer,
  type ScreenAction,
  type WizardEffect,
  type WizardScreen,
} from '../../source/ui/wizard/wizard-screen.js';
import {
  focusedField,
  stepFields,
  visiblePickerOptions,
  wizardIssues,
} from '../../source/ui/wizard/wizard-state.js';
import { SG_HTTP, context } from '../domain/fixtures.js';

function start(overrides: Parameters<typeof initScreen>[0] | object = {}): WizardScreen {
  return initScreen({ loadBalancerId: 'alb-a', clientToken: 'token-1', context: context(), ...overrides });
}

/** Key ids as keyId writes them, and `type:text` for typing text one character at a time. */
function presses(...keys: string[]): KeyPress[] {
  return keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((char) => keyFromId(char)) : [keyFromId(key)],
  );
}

function press(screen: WizardScreen, ...keys: string[]): WizardScreen {
  return pressAll(screen, presses(...keys), screenReducer);
}

function effectsOf(screen: WizardScreen): WizardEffect[] {
  return screen.effects.map((e) => e.effect);
}

function focusOn(screen: WizardScreen, field: string): WizardScreen {
  let s = screen;
  for (let i = 0; i < 40 && focusedField(s.wizard)?.id !== field; i++) s = press(s, 'down');
  expect(focusedField(s.wizard)?.id).toBe(field);
  return s;
}

/** Step 1 with port 8443, then a certificate, then the HTTP server group: on the review. */
function toReview(): WizardScreen {
  let s = press(start(), 'down', 'ctrl+u', 'type:8443', 'pagedown');
  expect(s.wizard.step).toBe('certificate');
  s = press(s, 'enter', 'type:www', 'enter', 'pagedown');
  expect(s.wizard.step).toBe('serverGroup');
  s = press(s, 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter', 'enter');
  expect(s.wizard.step).toBe('review');
  return s;
}

describe('text editing keys', () => {
  it('inserts at the caret, deletes before it, moves it and clears', () => {
    let edit = editText('8443', undefined, keyFromId('left'));
    expect(edit).toEqual({ text: '8443', caret: 3 });
    edit = editText(edit!.text, edit!.caret, keyFromId('backspace'));
    expect(edit).toEqual({ text: '843', caret: 2 });
    edit = editText(edit!.text, edit!.caret, keyFromId('9'));
    expect(edit).toEqual({ text: '8493', caret: 3 });
    expect(editText('8493', 3, keyFromId('end'))).toEqual({ text: '8493', caret: undefined });
    expect(editText('8493', undefined, keyFromId('home'))).toEqual({ text: '8493', caret: 0 });
    expect(editText('8493', 0, keyFromId('backspace'))).toEqual({ text: '8493', caret: 0 });
    expect(editText('8493', 2, keyFromId('ctrl+u'))).toEqual({ text: '', caret: undefined });
  });

  it('treats a Chinese character as one step of the caret, and a paste as text without controls', () => {
    expect(editText('支付网关', 2, keyFromId('backspace'))).toEqual({ text: '支网关', caret: 1 });
    expect(editText('a', undefined, { kind: 'paste', text: 'b\x1b[2Jc\n' })).toEqual({
      text: 'ab[2Jc',
      caret: undefined,
    });
  });
});

describe('keys that arrive together', () => {
  it('splits a chunk at its control characters: Enter, Tab, Backspace, Ctrl keys', () => {
    expect(splitPress({ kind: 'paste', text: '\r*.ex' })).toEqual([
      keyFromId('enter'),
      { kind: 'paste', text: '*.ex' },
    ]);
    expect(splitPress({ kind: 'paste', text: 'a\x7f\x15b\t' })).toEqual([
      keyFromId('a'),
      keyFromId('backspace'),
      keyFromId('ctrl+u'),
      keyFromId('b'),
      keyFromId('tab'),
    ]);
    expect(splitPress({ kind: 'paste', text: 'web-1' })).toEqual([{ kind: 'paste', text: 'web-1' }]);
  });

  it('types a port and moves on when Enter came in the same chunk', () => {
    const s = pressAll(press(start(), 'down', 'ctrl+u'), [{ kind: 'paste', text: '8443\r' }], screenReducer);
    expect(s.wizard.draft.port).toBe('8443');
    expect(focusedField(s.wizard)?.id).toBe('name');
  });
});

describe('wizard key map: step 1', () => {
  it('moves between fields with ↑↓ and Tab/Shift-Tab, wrapping around', () => {
    let s = press(start(), 'down', 'tab');
    expect(focusedField(s.wizard)?.id).toBe('name');
    s = press(s, 'backtab', 'up', 'up');
    expect(focusedField(s.wizard)?.id).toBe(stepFields('listener', s.wizard.draft).at(-1)!.id);
  });

  it('types into the port, validating as the user types', () => {
    const s = press(start(), 'down', 'backspace', 'backspace', 'backspace', 'backspace', 'type:8x');
    expect(s.wizard.draft.port).toBe('8x');
    expect(s.wizard.touched).toContain('port');
  });

  it('takes every printable key in a text field, `?` and `q` included, so the root does not act on them', () => {
    const s = press(start(), 'down', 'down');
    for (const key of ['?', 'q', ':', 'c', ' ']) {
      expect(wizardKeyToActions(s, keyFromId(key))).not.toBeUndefined();
    }
    expect(press(s, 'type:q?').wizard.draft.name).toBe('q?');
  });

  it('leaves `?`, `:` and Ctrl-C to the root outside text fields', () => {
    const s = start();
    expect(wizardKeyToActions(s, keyFromId('?'))).toBeUndefined();
    expect(wizardKeyToActions(s, keyFromId(':'))).toBeUndefined();
    expect(wizardKeyToActions(toReview(), keyFromId(':'))).toBeUndefined();
    expect(wizardKeyToActions(toReview(), keyFromId('q'))).toEqual([]);
    expect(wizardKeyToActions(s, keyFromId('ctrl+c'))).toBeUndefined();
    expect(wizardKeyToActions(press(s, 'down'), keyFromId('ctrl+c'))).toBeUndefined();
  });

  it('changes the protocol with ←/→ and Space, dropping fields that stop applying', () => {
    let s = press(start(), 'right');
    expect(s.wizard.draft.protocol).toBe('HTTP');
    // HTTP 80 is taken on alb-a: the default is the next usual HTTP port.
    expect(s.wizard.draft.port).toBe('8080');
    expect(stepFields('listener', s.wizard.draft).map((f) => f.id)).not.toContain('http2');
    s = press(s, ' ');
    expect(s.wizard.draft.protocol).toBe('QUIC');
    s = press(s, 'left', 'left');
    expect(s.wizard.draft.protocol).toBe('HTTPS');
  });

  it('toggles switches with Space only; Enter moves on', () => {
    let s = focusOn(start(), 'gzip');
    s = press(s, ' ');
    expect(s.wizard.draft.gzip).toBe(false);
    s = press(s, 'enter');
    expect(focusedField(s.wizard)?.id).toBe('header.xForwardedFor');
    expect(s.wizard.draft.gzip).toBe(false);
  });

  it('shows the alias under an enabled client-certificate header, editable by typing', () => {
    let s = focusOn(start(), 'header.clientCertSubjectDN');
    s = press(s, ' ', 'down', 'type:x-cert-subject');
    expect(s.wizard.draft.headerAliases.clientCertSubjectDN).toBe('x-cert-subject');
  });

  it('opens the QUIC listener picker with only eligible listeners selectable', () => {
    let s = focusOn(start(), 'quicUpgrade');
    s = press(s, ' ', 'down', 'enter');
    expect(s.wizard.picker?.field).toBe('quicListenerId');
    s = press(s, 'type:QUIC_443', 'enter');
    // QUIC_443 is already associated with HTTPS_443: it cannot be chosen.
    expect(s.wizard.draft.quicListenerId).toBe('');
    // A filter that lets several through puts the cursor on the first that can be chosen.
    s = press(s, 'ctrl+u', 'type:443', 'enter');
    expect(s.wizard.draft.quicListenerId).toBe('lsn-quic8443');
  });

  it('will not leave step 1 while the port is taken, and goes on once it is free', () => {
    let s = press(start(), 'down', 'ctrl+u', 'type:443', 'up', 'pagedown');
    expect(s.wizard.step).toBe('listener');
    expect(focusedField(s.wizard)?.id).toBe('port');
    s = press(s, 'ctrl+u', 'type:8443', 'pagedown');
    expect(s.wizard.step).toBe('certificate');
  });

  it('Enter on the last field goes to the next step', () => {
    let s = press(start(), 'down', 'ctrl+u', 'type:8443');
    s = focusOn(s, 'quicUpgrade');
    s = press(s, 'enter');
    expect(s.wizard.step).toBe('certificate');
  });

  it('Esc asks to leave (the draft stays) and then ignores every key', () => {
    const s = press(start(), 'down', 'type:1', 'escape');
    expect(s.leaving).toEqual({});
    expect(effectsOf(s)).toContainEqual({ kind: 'leave' });
    expect(press(s, 'type:2').wizard.draft.port).toBe('84431');
  });
});

describe('wizard key map: steps 2 and 3', () => {
  it('filters the certificate picker as the user types and refuses an expired certificate', () => {
    let s = press(start(), 'down', 'ctrl+u', 'type:8443', 'pagedown', 'type:old', 'enter');
    expect(s.wizard.picker?.field).toBe('certificateId');
    expect(s.wizard.draft.certificateId).toBe('');
    s = press(s, 'backspace', 'backspace', 'backspace', 'type:www', 'enter');
    expect(s.wizard.draft.certificateId).toBe('1001-cn-hangzhou');
    expect(s.wizard.picker).toBeUndefined();
  });

  it('shows the cipher suites of the highlighted policy with →, and hides them with ←', () => {
    let s = press(start(), 'down', 'ctrl+u', 'type:8443', 'pagedown', 'down', ' ', 'down', 'right');
    expect(s.suitesOf).toBe('tls_cipher_policy_1_1');
    s = press(s, 'left');
    expect(s.suitesOf).toBeUndefined();
    s = press(s, 'escape', 'right');
    expect(s.suitesOf).toBe('tls_cipher_policy_1_0');
  });

  it('turns on mutual TLS and asks for a CA certificate before going on', () => {
    let s = press(start(), 'down', 'ctrl+u', 'type:8443', 'pagedown', 'enter', 'type:www', 'enter');
    s = press(s, 'down', 'down', ' ', 'pagedown');
    expect(s.wizard.step).toBe('certificate');
    expect(focusedField(s.wizard)?.id).toBe('caCertificateId');
    s = press(s, 'enter', 'enter', 'pagedown');
    expect(s.wizard.draft.caCertificateId).toBe('1004-cn-hangzhou');
    expect(s.wizard.step).toBe('serverGroup');
  });

  it('asks for the servers of the highlighted server group as the cursor moves', () => {
    let s = press(
      start(),
      'down',
      'ctrl+u',
      'type:8443',
      'pagedown',
      'enter',
      'type:www',
      'enter',
      'pagedown',
    );
    s = press(s, 'enter');
    expect(effectsOf(s)).toContainEqual({ kind: 'load-servers', serverGroupId: 'sgp-http' });
    s = press(s, 'down');
    expect(effectsOf(s)).toContainEqual({ kind: 'load-servers', serverGroupId: 'sgp-https' });
    expect(s.servers['sgp-https']).toEqual({ status: 'loading' });
  });

  it('PgUp goes back a step, keeping every value', () => {
    const s = press(toReview(), 'pageup', 'pageup', 'pageup');
    expect(s.wizard.step).toBe('listener');
    expect(s.wizard.draft.port).toBe('8443');
    expect(s.wizard.draft.certificateId).toBe('1001-cn-hangzhou');
  });
});

describe('wizard key map: review', () => {
  it('runs the precheck on entering the review, with this run’s ClientToken and DryRun', () => {
    const s = toReview();
    expect(s.wizard.precheck.status).toBe('running');
    const precheck = effectsOf(s).find((e) => e.kind === 'precheck');
    expect(precheck).toMatchObject({ request: { dryRun: true, clientToken: 'token-1', listenerPort: 8443 } });
  });

  it('reopens steps with 1, 2, 3 and from the action list', () => {
    expect(press(toReview(), '2').wizard.step).toBe('certificate');
    expect(press(toReview(), '3').wizard.step).toBe('serverGroup');
    let s = toReview();
    for (let i = 0; i < 6; i++) s = press(s, 'right');
    expect(s.wizard.focus).toBe(6);
    expect(press(s, 'enter').wizard.step).toBe('listener');
  });

  it('never submits on Enter: Enter on Submit names the submit key, and only Ctrl-S sends', () => {
    const review = toReview();
    const entered = press(review, 'enter', 'enter', ' ');
    expect(entered.wizard.submission.status).toBe('idle');
    expect(effectsOf(entered).some((e) => e.kind === 'submit')).toBe(false);
    expect(entered.notice?.message.en).toBe('Enter does not submit: press Ctrl-S to create the listener.');
    // Typing on step 3 then Enter twice (the accident of issue 14) ends on the review, nothing sent.
    const twice = press(
      press(start(), 'down', 'ctrl+u', 'type:8443', 'pagedown', 'enter', 'type:www', 'enter', 'pagedown'),
      'enter',
      `type:${SG_HTTP.serverGroupId}`,
      'enter',
      'enter',
      'enter',
      'enter',
    );
    expect(twice.wizard.step).toBe('review');
    expect(effectsOf(twice).some((e) => e.kind === 'submit')).toBe(false);
  });

  it('Ctrl-S on a step goes to the review first; on a blank step it marks what is missing', () => {
    const onStep = press(start(), 'down', 'ctrl+u', 'type:8443', 'ctrl+s');
    expect(onStep.wizard.step).toBe('certificate');
    expect(effectsOf(onStep).some((e) => e.kind === 'submit')).toBe(false);
    // Said in the status line, in both languages: which field holds it back, and why.
    expect(onStep.notice?.tone).toBe('danger');
    expect(onStep.notice?.message.en).toMatch(
      /^Not submitted: fix the field marked ✗ first \(Server certificate: Choose a server certificate\)$/,
    );
    expect(onStep.notice?.message['zh-CN']).toMatch(/^未提交：请先修正标有 ✗ 的字段（.+：.+）$/);
    const s = press(toReview(), 'pageup', 'ctrl+s');
    expect(s.wizard.step).toBe('review');
    expect(effectsOf(s).some((e) => e.kind === 'submit')).toBe(false);
  });

  it('on a production connection asks for the instance’s name or ID before sending', () => {
    let s = toReview();
    s = { ...s, production: true, instanceName: 'web-prod' };
    s = press(s, 'ctrl+s');
    expect(s.prompt).toEqual({ kind: 'confirm-submit', text: '' });
    s = press(s, 'type:web-pro', 'enter');
    expect(s.prompt?.kind).toBe('confirm-submit');
    expect(s.prompt && 'error' in s.prompt ? s.prompt.error?.en : '').toContain('web-prod');
    expect(effectsOf(s).some((e) => e.kind === 'submit')).toBe(false);
    expect(press(s, 'escape').prompt).toBeUndefined();
    expect(effectsOf(press(s, 'escape')).some((e) => e.kind === 'submit')).toBe(false);
    const byName = press(s, 'type:d', 'enter');
    expect(byName.prompt).toBeUndefined();
    expect(byName.wizard.submission.status).toBe('submitting');
    const byId = press(press({ ...toReview(), production: true }, 'ctrl+s'), 'type:alb-a', 'enter');
    expect(effectsOf(byId).filter((e) => e.kind === 'submit')).toHaveLength(1);
  });

  it('submits with Ctrl-S, then ignores keys while the listener is created', () => {
    const s = press(toReview(), 'ctrl+s');
    expect(s.wizard.submission.status).toBe('submitting');
    const submit = effectsOf(s).find((e) => e.kind === 'submit');
    expect(submit).toMatchObject({ request: { clientToken: 'token-1' } });
    expect(submit && 'request' in submit ? submit.request.dryRun : 'x').toBeUndefined();
    expect(press(s, 'escape', '1').wizard.step).toBe('review');
  });

  it('offers r to retry a network failure, with the same ClientToken', () => {
    let s = press(toReview(), 'ctrl+s');
    s = screenReducer(s, {
      type: 'wizard',
      action: { type: 'submit-failed', code: 'unreachable', message: both('down', '断开'), retryable: true },
    });
    expect(press(s, 'x').wizard.submission.status).toBe('failed');
    s = press(s, 'r');
    expect(s.wizard.submission.status).toBe('submitting');
    const submits = effectsOf(s).filter((e) => e.kind === 'submit');
    expect(submits).toHaveLength(2);
    expect(submits.map((e) => (e.kind === 'submit' ? e.request.clientToken : ''))).toEqual([
      'token-1',
      'token-1',
    ]);
  });

  it('exports to a file: asks where, suggests a name, never replaces without a yes', () => {
    let s = toReview();
    s = press(s, 'right', 'right', 'right', 'right', 'enter');
    expect(s.prompt).toEqual({ kind: 'export-target', format: 'terraform' });
    s = press(s, 'f');
    expect(s.prompt).toMatchObject({ kind: 'export-path', text: 'HTTPS_8443.tf' });
    s = press(s, 'ctrl+u', 'type:out.tf', 'enter');
    expect(effectsOf(s)).toContainEqual(
      expect.objectContaining({ kind: 'export-file', path: 'out.tf', replace: false }),
    );
    s = screenReducer(s, { type: 'export-exists', format: 'terraform', path: 'out.tf' });
    expect(s.prompt).toEqual({ kind: 'confirm-overwrite', format: 'terraform', path: 'out.tf' });
    const no = press(s, 'n');
    expect(no.prompt).toMatchObject({ kind: 'export-path', text: 'out.tf' });
    const yes = press(s, 'y');
    expect(effectsOf(yes).at(-1)).toMatchObject({ kind: 'export-file', path: 'out.tf', replace: true });
  });

  it('copies an export via the clipboard, and Esc cancels a prompt', () => {
    let s = press(toReview(), 'right', 'right', 'right', 'enter');
    expect(s.prompt).toEqual({ kind: 'export-target', format: 'aliyun' });
    expect(press(s, 'escape').prompt).toBeUndefined();
    s = press(s, 'c');
    expect(effectsOf(s).at(-1)).toMatchObject({ kind: 'export-copy', format: 'aliyun' });
  });

  it('saves as a profile after asking for a name', () => {
    let s = press(toReview(), 'right', 'right', 'enter');
    expect(s.prompt).toEqual({ kind: 'profile-name', text: '' });
    s = press(s, 'enter');
    expect(s.prompt).toMatchObject({ kind: 'profile-name', error: { en: 'Write a name for the profile.' } });
    s = press(s, 'type:web 8443', 'enter');
    expect(effectsOf(s).at(-1)).toMatchObject({ kind: 'save-profile', name: 'web 8443', replace: false });
  });
});

describe('wizard key map: before the fields', () => {
  const offer = {
    draftId: 'd-http',
    draft: { ...newDraft('HTTP'), port: '8080', name: 'resumed' },
    step: 'serverGroup' as const,
    clientToken: 'saved-token',
    savedAt: '2026-11-24T10:00:00.000Z',
  };
  const quic = {
    draftId: 'd-quic',
    draft: { ...newDraft('QUIC'), port: '9443' },
    step: 'listener' as const,
    clientToken: 'quic-token',
    savedAt: '2026-11-24T09:00:00.000Z',
  };

  it('resumes a saved draft with its step, ClientToken and draft ID', () => {
    const s = press(start({ offers: [offer] }), 'enter');
    expect(s.offers).toBeUndefined();
    expect(s.wizard.draft.name).toBe('resumed');
    expect(s.wizard.step).toBe('serverGroup');
    expect(s.wizard.clientToken).toBe('saved-token');
    expect(s.draftId).toBe('d-http');
    expect(s.persist).toBe(true);
  });

  it('offers every draft of the instance: ↓ then Enter resumes the second', () => {
    const s = press(start({ offers: [offer, quic] }), 'down', 'enter');
    expect(s.wizard.draft.protocol).toBe('QUIC');
    expect(s.draftId).toBe('d-quic');
    expect(s.wizard.clientToken).toBe('quic-token');
  });

  it('starts a new listener with n, keeping the saved drafts under their own IDs', () => {
    const s = press(start({ offers: [offer, quic], draftId: 'd-new' }), 'n');
    expect(s.offers).toBeUndefined();
    expect(s.wizard.draft).toEqual({ ...newDraft('HTTPS'), port: '8443' });
    expect(s.wizard.clientToken).toBe('token-1');
    expect(s.draftId).toBe('d-new');
    expect(effectsOf(s).some((e) => e.kind === 'discard-saved-draft')).toBe(false);
  });

  it('discards the highlighted draft with d; the last one gone, the form starts new', () => {
    let s = press(start({ offers: [offer, quic] }), 'down', 'd');
    expect(s.offers?.map((o) => o.draftId)).toEqual(['d-http']);
    expect(effectsOf(s)).toContainEqual({ kind: 'discard-saved-draft', draftId: 'd-quic' });
    s = press(s, 'd');
    expect(s.offers).toBeUndefined();
    expect(effectsOf(s)).toContainEqual({ kind: 'discard-saved-draft', draftId: 'd-http' });
  });

  it('while loading only Esc works; a failed load retries with r', () => {
    let s = initScreen({ loadBalancerId: 'alb-a', clientToken: 't' });
    expect(effectsOf(s)).toEqual([{ kind: 'load-target' }]);
    expect(wizardKeyToActions(s, keyFromId('pagedown'))).toEqual([]);
    s = screenReducer(s, {
      type: 'target-failed',
      problem: { message: both('boom', '失败'), kind: 'unreachable' },
    });
    s = press(s, 'r');
    expect(s.load.status).toBe('loading');
    expect(effectsOf(s).filter((e) => e.kind === 'load-target')).toHaveLength(2);
  });
});

describe('wizard key map properties', () => {
  const key = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        'up',
        'down',
        'tab',
        'backtab',
        'left',
        'right',
        ' ',
        'enter',
        'pagedown',
        'pageup',
        'backspace',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'escape',
        'home',
        'end',
        'ctrl+u',
        'ctrl+r',
        '1',
        '2',
        '3',
        '4',
        'p',
        'r',
        'ctrl+s',
        'y',
        'n',
        'f',
        'c',
        '?',
      ),
    },
    { weight: 3, arbitrary: fc.constantFrom('8', '4', '3', '0', 'w', 's', 'g', '支', '-', '_') },
    // The submit key, often enough that submits happen from the review.
    { weight: 1, arbitrary: fc.constant('ctrl+s') },
  );

  it('random key sequences never crash and never submit a request the rules reject', () => {
    let submits = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(key, { maxLength: 80 }), (fromReview, keys) => {
        let s = fromReview ? toReview() : start();
        for (const id of keys) {
          const actions: ScreenAction[] = wizardKeyToActions(s, keyFromId(id)) ?? [];
          for (const action of actions) {
            const before = s;
            s = screenReducer(s, action);
            const newSubmits = s.effects.filter(
              (e) => e.effect.kind === 'submit' && !before.effects.includes(e),
            );
            for (const queued of newSubmits) {
              if (queued.effect.kind !== 'submit') continue;
              submits += 1;
              expect(blocking(validateDraft(s.wizard.draft, s.wizard.context))).toEqual([]);
              expect(
                validateRequest({ ...queued.effect.request, clientToken: undefined }, s.wizard.context).ok,
              ).toBe(true);
              expect(queued.effect.request).toEqual(
                draftToRequest(s.wizard.draft, 'alb-a', { clientToken: 'token-1' }),
              );
            }
          }
          // The screen stays drawable: focus within the step, the picker cursor within its options.
          const count = s.wizard.step === 'review' ? 9 : stepFields(s.wizard.step, s.wizard.draft).length;
          expect(s.wizard.focus).toBeLessThan(Math.max(1, count));
        }
      }),
      { numRuns: 300 },
    );
    expect(submits).toBeGreaterThan(5);
  });
});

describe('a QUIC listener made in place from the QUIC upgrade field', () => {
  let ids = 0;
  const newId = () => `id-${++ids}`;
  const go = (screen: WizardScreen, ...keys: string[]) =>
    pressAll(screen, presses(...keys), screenReducer, newId);

  /** An HTTPS draft on 8443 with QUIC upgrade on and the QUIC picker open on “+ New QUIC listener”. */
  function atNewQuic(): WizardScreen {
    let s = press(start({ draftId: 'd-https' }), 'down', 'ctrl+u', 'type:8443', 'down', 'type:web');
    s = focusOn(s, 'quicUpgrade');
    s = press(s, ' ', 'down', 'enter', 'end');
    expect(s.wizard.picker?.field).toBe('quicListenerId');
    return s;
  }

  it('offers “+ New QUIC listener” last in the picker, and it is not a pick', () => {
    const s = atNewQuic();
    expect(visiblePickerOptions(s.wizard).at(-1)?.create).toBe(true);
    expect(press(s, 'enter').wizard.draft.quicListenerId).toBe('');
    // Filtering never hides it.
    expect(visiblePickerOptions(press(s, 'type:zzz').wizard).map((o) => o.create)).toEqual([true]);
  });

  it('opens a QUIC run of its own (own draft ID and ClientToken, first free UDP port), the HTTPS run kept', () => {
    const s = go(atNewQuic(), 'enter');
    expect(s.parent?.draftId).toBe('d-https');
    expect(s.parent?.wizard.draft).toMatchObject({ name: 'web', quicUpgrade: true, port: '8443' });
    expect(s.wizard.draft.protocol).toBe('QUIC');
    expect(s.wizard.draft.port).toBe('9443');
    expect(s.draftId).not.toBe('d-https');
    expect(s.wizard.clientToken).not.toBe('token-1');
    // Its protocol stays QUIC.
    expect(go(s, 'up', 'up', 'right').wizard.draft.protocol).toBe('QUIC');
  });

  it('Esc goes back to the HTTPS run, keeping the QUIC draft, taken up again next time', () => {
    let s = go(atNewQuic(), 'enter', 'down', 'down', 'type:edge');
    const quicDraft = s.draftId;
    s = go(s, 'escape');
    expect(s.leaving).toBeUndefined();
    expect(s.parent).toBeUndefined();
    expect(s.draftId).toBe('d-https');
    expect(s.wizard.draft.name).toBe('web');
    expect(effectsOf(s).some((e) => e.kind === 'discard-saved-draft')).toBe(false);
    s = go(s, 'enter', 'end', 'enter');
    expect(s.draftId).toBe(quicDraft);
    expect(s.wizard.draft.name).toBe('edge');
  });

  it('once the QUIC listener is Running: back to HTTPS with it chosen, its draft dropped, nothing left', () => {
    let s = go(atNewQuic(), 'enter', 'pagedown');
    expect(s.wizard.step).toBe('certificate');
    s = go(s, 'enter', 'type:www', 'enter', 'pagedown', 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter');
    s = go(s, 'enter', 'ctrl+s');
    expect(s.wizard.submission.status).toBe('submitting');
    const quicDraft = s.draftId;
    s = screenReducer(s, { type: 'wizard', action: { type: 'submit-accepted', listenerId: 'lsn-q9443' } });
    s = screenReducer(s, { type: 'wizard', action: { type: 'listener-status', status: 'Running' } });
    expect(s.parent).toBeUndefined();
    expect(s.leaving).toBeUndefined();
    expect(s.draftId).toBe('d-https');
    expect(s.wizard.draft).toMatchObject({ protocol: 'HTTPS', name: 'web', quicListenerId: 'lsn-q9443' });
    expect(focusedField(s.wizard)?.id).toBe('quicListenerId');
    expect(wizardIssues(s.wizard).shown.get('quicListenerId')).toBeUndefined();
    expect(effectsOf(s)).toContainEqual({ kind: 'discard-saved-draft', draftId: quicDraft });
    expect(effectsOf(s)).toContainEqual({ kind: 'refresh-target' });
    expect(effectsOf(s).some((e) => e.kind === 'leave')).toBe(false);
    expect(s.notice?.message.en).toContain(
      'Created QUIC listener lsn-q9443 (UDP 9443) and chose it for HTTPS 8443',
    );
  });
});
