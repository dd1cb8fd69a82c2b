import { describe, expect, it } from 'vitest';
import { keyFromId } from '../../source/ui/keys.js';
import { EDIT_TEXT } from '../../source/ui/wizard/edit-i18n.js';
import { isEditDraftId } from '../../source/ui/wizard/edit-mode.js';
import { pressAll } from '../../source/ui/wizard/wizard-keys.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import {
  initScreen,
  screenReducer,
  type WizardEffect,
  type WizardScreen,
} from '../../source/ui/wizard/wizard-screen.js';
import { focusedField } from '../../source/ui/wizard/wizard-state.js';
import { context } from '../domain/fixtures.js';
import { httpsListener } from './fixtures.js';

function press(screen: WizardScreen, ...keys: string[]): WizardScreen {
  const presses = keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((c) => keyFromId(c)) : [keyFromId(key)],
  );
  return pressAll(screen, presses, screenReducer);
}

function effects(screen: WizardScreen): WizardEffect[] {
  return screen.effects.map((e) => e.effect);
}

function opened(options: { production?: boolean } = {}): WizardScreen {
  const screen = initScreen({
    loadBalancerId: 'alb-a',
    clientToken: 'edit-token',
    edit: { listenerId: 'lsn-https443' },
    ...(options.production ? { production: true } : {}),
  });
  expect(effects(screen)).toEqual([{ kind: 'load-edit' }]);
  expect(screen.draftId).toBe('lsn-https443');
  return screenReducer(screen, {
    type: 'edit-loaded',
    context: context(),
    instanceName: 'web-prod',
    listener: httpsListener({ securityPolicyId: 'tls_cipher_policy_1_0' }),
  });
}

/** From the first editable field (name): down to the idle timeout, type 30; down to the request timeout, type 90. */
function editTimeouts(screen: WizardScreen): WizardScreen {
  let s = press(screen, 'down', 'down');
  expect(focusedField(s.wizard)?.id).toBe('idleTimeout');
  s = press(s, 'ctrl+u', 'type:30', 'down', 'ctrl+u', 'type:90');
  return s;
}

function text(screen: WizardScreen, lang: 'en' | 'zh-CN' = 'en'): string {
  return renderWizardText(screen, { lang, width: 100, height: 30 }).join('\n');
}

describe('wizard in edit mode', () => {
  it('has every string in both languages, with the same placeholders', () => {
    for (const [key, value] of Object.entries(EDIT_TEXT)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(value['zh-CN']), key).toEqual(names(value.en));
    }
  });

  it('opens pre-filled from the listener, protocol and port shown and fixed', () => {
    const s = opened();
    expect(s.wizard.draft.port).toBe('443');
    expect(s.wizard.draft.name).toBe('web');
    expect(s.wizard.draft.certificateId).toBe('1001-cn-hangzhou');
    expect(focusedField(s.wizard)?.id).toBe('name');
    const screen = text(s);
    expect(screen).toContain('Edit listener HTTPS 443 “web” (lsn-https443)');
    expect(screen).toContain('(cannot change)');
    // The port: typing does nothing; the protocol does not cycle.
    const tried = press(s, 'up', 'ctrl+u', 'type:8443', 'up', 'right');
    expect(tried.wizard.draft.port).toBe('443');
    expect(tried.wizard.draft.protocol).toBe('HTTPS');
  });

  it('does not count the listener itself as taking its port or its QUIC listener', () => {
    const s = opened();
    const review = press(s, 'ctrl+s');
    expect(review.wizard.step).toBe('review');
    expect(text(review)).not.toContain('already');
  });

  it('reviews only what changes, prechecks and submits just those fields with one ClientToken', () => {
    let s = editTimeouts(opened());
    s = press(s, 'ctrl+s');
    expect(s.wizard.step).toBe('review');
    const screen = text(s);
    expect(screen).toContain('Changes (2)');
    expect(screen).toMatch(/Idle timeout\s+15 → 30/);
    expect(screen).toMatch(/Request timeout\s+60 → 90/);
    expect(screen).not.toContain('Gzip');
    const precheck = effects(s).find((e) => e.kind === 'precheck-update');
    expect(precheck).toMatchObject({
      request: { listenerId: 'lsn-https443', idleTimeout: 30, requestTimeout: 90 },
    });
    expect(Object.keys(precheck && 'request' in precheck ? precheck.request : {}).sort()).toEqual([
      'idleTimeout',
      'listenerId',
      'requestTimeout',
    ]);
    s = press(s, 'ctrl+s');
    const update = effects(s).find((e) => e.kind === 'update');
    expect(update).toEqual({
      kind: 'update',
      clientToken: 'edit-token',
      request: { listenerId: 'lsn-https443', idleTimeout: 30, requestTimeout: 90 },
    });
    // A retry after a lost reply sends the same token.
    s = screenReducer(s, {
      type: 'wizard',
      action: {
        type: 'submit-failed',
        code: 'unreachable',
        message: { en: 'x', 'zh-CN': 'x' },
        retryable: true,
      },
    });
    s = press(s, 'r');
    const updates = effects(s).filter((e) => e.kind === 'update');
    expect(updates.at(-1)).toMatchObject({ clientToken: 'edit-token' });
  });

  it('follows the change through Configuring back to Running, then leaves with the draft cleared', () => {
    let s = press(editTimeouts(opened()), 'ctrl+s', 'ctrl+s');
    s = screenReducer(s, { type: 'wizard', action: { type: 'submit-accepted', listenerId: 'lsn-https443' } });
    s = screenReducer(s, { type: 'wizard', action: { type: 'listener-status', status: 'Configuring' } });
    expect(text(s)).toContain('Listener lsn-https443 is Configuring');
    s = screenReducer(s, { type: 'wizard', action: { type: 'listener-status', status: 'Running' } });
    expect(s.leaving).toEqual({ created: 'lsn-https443' });
    expect(s.persist).toBe(false);
  });

  it('says there is nothing to change, and offers no submit', () => {
    const s = press(opened(), 'ctrl+s');
    expect(text(s)).toContain('Nothing to change');
    expect(effects(s).some((e) => e.kind === 'precheck-update')).toBe(false);
    const submitted = press(s, 'ctrl+s');
    expect(effects(submitted).some((e) => e.kind === 'update')).toBe(false);
    expect(submitted.notice?.message.en).toContain('Nothing to send');
    expect(text(s)).not.toContain('Export');
  });

  it('puts a refusal on the field it concerns, the form as it was', () => {
    let s = press(editTimeouts(opened()), 'ctrl+s', 'ctrl+s');
    s = screenReducer(s, {
      type: 'wizard',
      action: {
        type: 'submit-failed',
        code: 'InvalidParameter',
        message: { en: 'IdleTimeout is out of range', 'zh-CN': 'IdleTimeout 超出范围' },
        parameter: 'IdleTimeout',
        retryable: false,
      },
    });
    expect(s.wizard.step).toBe('listener');
    expect(focusedField(s.wizard)?.id).toBe('idleTimeout');
    expect(s.wizard.draft.idleTimeout).toBe('30');
    expect(text(s)).toContain('IdleTimeout is out of range');
  });

  it('on production asks for the listener port before sending', () => {
    let s = press(editTimeouts(opened({ production: true })), 'ctrl+s', 'ctrl+s');
    expect(s.prompt?.kind).toBe('confirm-submit');
    expect(text(s)).toContain('type the listener port 443');
    s = press(s, 'type:80', 'enter');
    expect(effects(s).some((e) => e.kind === 'update')).toBe(false);
    s = press(s, 'ctrl+u', 'backspace', 'backspace', 'type:443', 'enter');
    expect(effects(s).some((e) => e.kind === 'update')).toBe(true);
  });

  it('keeps the edit under the listener ID and offers it back next time', () => {
    const s = editTimeouts(opened());
    expect(s.persist).toBe(true);
    expect(isEditDraftId(s.draftId)).toBe(true);
    const again = screenReducer(
      initScreen({ loadBalancerId: 'alb-a', clientToken: 'other', edit: { listenerId: 'lsn-https443' } }),
      {
        type: 'edit-loaded',
        context: context(),
        listener: httpsListener(),
        saved: {
          draftId: 'lsn-https443',
          draft: s.wizard.draft,
          step: 'listener',
          clientToken: 'edit-token',
          savedAt: '2026-12-01T10:00:00Z',
        },
      },
    );
    expect(text(again)).toContain('An unfinished edit of this listener was kept');
    const resumed = press(again, 'enter');
    expect(resumed.wizard.draft.idleTimeout).toBe('30');
    expect(resumed.wizard.clientToken).toBe('edit-token');
    expect(resumed.wizard.editing).toBe(true);
    expect(text(press(resumed, 'ctrl+s'))).toMatch(/Idle timeout\s+15 → 30/);
  });

  it('says in Chinese what changes', () => {
    const s = press(editTimeouts(opened()), 'ctrl+s');
    const screen = text(s, 'zh-CN');
    expect(screen).toContain('变更（2 项）');
    expect(screen).toMatch(/连接空闲超时时间\s+15 → 30/);
  });

  it('applies the domain’s update rules: a busy listener is refused before any call', () => {
    const busy = screenReducer(
      initScreen({ loadBalancerId: 'alb-a', clientToken: 't', edit: { listenerId: 'lsn-https443' } }),
      {
        type: 'edit-loaded',
        context: context(),
        listener: httpsListener({ listenerStatus: 'Configuring' }),
      },
    );
    let s = press(editTimeouts(busy), 'ctrl+s');
    expect(s.wizard.precheck.status).toBe('failed');
    expect(effects(s).some((e) => e.kind === 'precheck-update')).toBe(false);
    s = press(s, 'ctrl+s');
    expect(effects(s).some((e) => e.kind === 'update')).toBe(false);
    expect(s.notice?.tone).toBe('danger');
  });

  it('says what depends on the listener when the edit changes its certificate', () => {
    const screen = initScreen({
      loadBalancerId: 'alb-a',
      clientToken: 't',
      edit: {
        listenerId: 'lsn-https443',
        siblings: [
          {
            listenerId: 'lsn-other',
            protocol: 'HTTPS',
            port: 8443,
            name: 'admin',
            certificateIds: ['1001-cn-hangzhou'],
          },
        ],
      },
    });
    const loaded = screenReducer(screen, {
      type: 'edit-loaded',
      context: context(),
      listener: httpsListener(),
    });
    const changed = screenReducer(loaded, {
      type: 'wizard',
      action: { type: 'edit', field: 'certificateId', value: '1002-cn-hangzhou' },
    });
    const review = press(changed, 'ctrl+s');
    const shown = text(review);
    expect(shown).toMatch(/Server certificate\s+1001-cn-hangzhou → 1002-cn-hangzhou/);
    expect(shown).toContain('What depends on it:');
    expect(shown).toContain('Certificate 1001-cn-hangzhou is also served by HTTPS 8443 “admin”');
    // A timeout alone touches neither: nothing to say.
    expect(text(press(editTimeouts(loaded), 'ctrl+s'))).not.toContain('What depends on it');
  });

  it('counts the siblings whose certificates were read with the listener, extras included', () => {
    const sibling = (listenerId: string, port: number) => ({
      listenerId,
      loadBalancerId: 'alb-a',
      protocol: 'HTTPS',
      port,
      name: `h${port}`,
    });
    const screen = initScreen({
      loadBalancerId: 'alb-a',
      clientToken: 't',
      edit: { listenerId: 'lsn-https443', siblings: [sibling('lsn-8443', 8443), sibling('lsn-9443', 9443)] },
    });
    const loaded = screenReducer(screen, {
      type: 'edit-loaded',
      context: context(),
      listener: httpsListener(),
      certificateUse: new Map([
        ['lsn-8443', ['1001-cn-hangzhou']],
        ['lsn-9443', ['1003-cn-hangzhou', '1001-cn-hangzhou']],
      ]),
    });
    const changed = screenReducer(loaded, {
      type: 'wizard',
      action: { type: 'edit', field: 'certificateId', value: '1002-cn-hangzhou' },
    });
    expect(text(press(changed, 'ctrl+s'))).toContain(
      'Certificate 1001-cn-hangzhou is also served by HTTPS 8443 “h8443”, HTTPS 9443 “h9443”',
    );
  });
});
