import { describe, expect, it } from 'vitest';
import { both } from '../../source/domain/i18n.js';
import { keyFromId } from '../../source/ui/keys.js';
import { WIZARD_TEXT } from '../../source/ui/wizard/wizard-i18n.js';
import { pressAll } from '../../source/ui/wizard/wizard-keys.js';
import {
  initScreen,
  screenReducer,
  type WizardEffect,
  type WizardScreen,
} from '../../source/ui/wizard/wizard-screen.js';
import { reviewActions } from '../../source/ui/wizard/wizard-state.js';
import { SG_HTTP, context } from '../domain/fixtures.js';

function start(): WizardScreen {
  return initScreen({ loadBalancerId: 'alb-a', clientToken: 'token-1', context: context() });
}

function press(screen: WizardScreen, ...keys: string[]): WizardScreen {
  const presses = keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((c) => keyFromId(c)) : [keyFromId(key)],
  );
  return pressAll(screen, presses, screenReducer);
}

function effects(screen: WizardScreen): WizardEffect[] {
  return screen.effects.map((e) => e.effect);
}

function toReview(): WizardScreen {
  let s = press(start(), 'down', 'ctrl+u', 'type:8443', 'pagedown', 'enter', 'type:www', 'enter', 'pagedown');
  s = press(s, 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter', 'enter');
  expect(s.wizard.step).toBe('review');
  return s;
}

describe('wizard strings', () => {
  it('has every string in both languages, with the same placeholders', () => {
    for (const [key, text] of Object.entries(WIZARD_TEXT)) {
      expect(text.en, key).not.toBe('');
      expect(text['zh-CN'], key).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text['zh-CN']), key).toEqual(names(text.en));
    }
  });
});

describe('wizard screen', () => {
  it('keeps no draft until there is something to keep, then saves every change', () => {
    const s = start();
    expect(s.persist).toBe(false);
    expect(press(s, 'down').persist).toBe(false);
    expect(press(s, 'down', 'type:1').persist).toBe(true);
  });

  it('reads the facts again after the service refused for a reason of state, not after a network failure', () => {
    const submitted = press(toReview(), 'ctrl+s');
    const refused = screenReducer(submitted, {
      type: 'wizard',
      action: {
        type: 'submit-failed',
        code: 'ResourceAlreadyExist.Listener',
        message: both('taken', '占用'),
        retryable: false,
      },
    });
    expect(effects(refused)).toContainEqual({ kind: 'refresh-target' });
    expect(refused.wizard.step).toBe('listener');
    const network = screenReducer(submitted, {
      type: 'wizard',
      action: { type: 'submit-failed', code: 'unreachable', message: both('down', '断开'), retryable: true },
    });
    expect(effects(network)).not.toContainEqual({ kind: 'refresh-target' });
  });

  it('leaves with the listener once it is Running, and stops keeping the draft', () => {
    let s = press(toReview(), 'ctrl+s');
    s = screenReducer(s, { type: 'wizard', action: { type: 'submit-accepted', listenerId: 'lsn-1' } });
    expect(s.leaving).toBeUndefined();
    s = screenReducer(s, { type: 'wizard', action: { type: 'listener-status', status: 'Running' } });
    expect(s.leaving).toEqual({ created: 'lsn-1' });
    expect(s.persist).toBe(false);
    expect(effects(s).filter((e) => e.kind === 'leave')).toEqual([{ kind: 'leave', created: 'lsn-1' }]);
  });

  it('has no certificate step for HTTP: not in the review actions, and 2 does nothing', () => {
    expect(reviewActions('HTTP')).not.toContain('editCertificate');
    let s = press(start(), 'right', 'down', 'ctrl+u', 'type:8080', 'pagedown');
    expect(s.wizard.step).toBe('serverGroup');
    s = press(s, 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter', 'enter');
    expect(s.wizard.step).toBe('review');
    expect(press(s, '2').wizard.step).toBe('review');
    expect(press(s, '3').wizard.step).toBe('serverGroup');
  });

  it('scrolls the review with ↑↓ and starts at the top on every visit', () => {
    let s = press(toReview(), 'down', 'down', 'down', 'up');
    expect(s.reviewScroll).toBe(2);
    s = press(s, 'up', 'up', 'up');
    expect(s.reviewScroll).toBe(0);
    s = press(s, 'down', 'pageup', 'pagedown');
    expect(s.wizard.step).toBe('review');
    expect(s.reviewScroll).toBeUndefined();
  });

  it('reloads on request, listing the servers again', () => {
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
      'enter',
    );
    expect(s.servers['sgp-http']).toEqual({ status: 'loading' });
    s = press(s, 'escape', 'ctrl+r');
    expect(s.load.status).toBe('loading');
    expect(s.servers).toEqual({});
    expect(effects(s).at(-1)).toEqual({ kind: 'load-target' });
    s = screenReducer(s, { type: 'target-loaded', context: context(), instanceName: 'web-prod' });
    expect(s.instanceName).toBe('web-prod');
    expect(s.load.status).toBe('ready');
  });

  it('keeps a refused profile name with the reason, and says when the draft could not be saved', () => {
    let s = press(toReview(), 'right', 'right', 'enter', 'type:x', 'enter');
    s = screenReducer(s, {
      type: 'profile-failed',
      name: 'x',
      problems: [both('too short', '太短'), both('bad', '无效')],
    });
    expect(s.prompt).toEqual({
      kind: 'profile-name',
      text: 'x',
      error: { en: 'too short; bad', 'zh-CN': '太短；无效' },
    });
    s = screenReducer(s, { type: 'draft-save-failed', message: both('read-only file', '文件只读') });
    expect(s.notice).toEqual({
      message: { en: 'The draft could not be saved: read-only file', 'zh-CN': '草稿无法保存：文件只读' },
      tone: 'warning',
    });
  });
});
