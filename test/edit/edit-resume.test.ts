import { describe, expect, it } from 'vitest';
import { listenerToDraft } from '../../source/domain/listener-diff.js';
import type { ListenerDraft } from '../../source/domain/listener-draft.js';
import type { Listener } from '../../source/domain/resources.js';
import { keyFromId } from '../../source/ui/keys.js';
import { baseToKeep, RESUME_TEXT } from '../../source/ui/wizard/edit-resume.js';
import { pressAll } from '../../source/ui/wizard/wizard-keys.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import {
  initScreen,
  screenReducer,
  type WizardEffect,
  type WizardScreen,
} from '../../source/ui/wizard/wizard-screen.js';
import { context } from '../domain/fixtures.js';
import { httpsListener } from './fixtures.js';

function press(screen: WizardScreen, ...keys: string[]): WizardScreen {
  return pressAll(
    screen,
    keys.map((k) => keyFromId(k)),
    screenReducer,
  );
}

function effects(screen: WizardScreen): WizardEffect[] {
  return screen.effects.map((e) => e.effect);
}

function text(screen: WizardScreen, lang: 'en' | 'zh-CN' = 'en', width = 100): string {
  return renderWizardText(screen, { lang, width, height: 36 }).join('\n');
}

const BASE = listenerToDraft(httpsListener());

/** The edit opened on `now` (the listener as it is), with a kept edit `mine` made on `base`. */
function reopened(
  now: Listener,
  mine: Partial<ListenerDraft>,
  base: ListenerDraft | null = BASE,
  options: { asText?: boolean } = {},
): WizardScreen {
  const screen = initScreen({
    loadBalancerId: 'alb-a',
    clientToken: 'fresh-token',
    edit: { listenerId: 'lsn-https443', ...(options.asText ? { asText: true } : {}) },
  });
  return screenReducer(screen, {
    type: 'edit-loaded',
    context: context(),
    listener: now,
    saved: {
      draftId: 'lsn-https443',
      draft: { ...BASE, ...mine },
      step: 'listener',
      clientToken: 'kept-token',
      savedAt: '2026-12-01T10:00:00Z',
      base,
    },
  });
}

function sentUpdate(screen: WizardScreen) {
  return effects(screen).find((e) => e.kind === 'update');
}

describe('resuming a kept edit of a listener changed meanwhile', () => {
  it('has every string in both languages, with the same placeholders', () => {
    for (const [key, value] of Object.entries(RESUME_TEXT)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(value['zh-CN']), key).toEqual(names(value.en));
      expect(value['zh-CN'], key).not.toBe('');
    }
  });

  it('takes what only the server changed, says so, and sends only mine', () => {
    const s = press(reopened(httpsListener({ idleTimeout: 30 }), { gzip: false }), 'enter');
    expect(s.wizard.draft.idleTimeout).toBe('30');
    expect(s.wizard.draft.gzip).toBe(false);
    expect(s.wizard.clientToken).toBe('kept-token');
    expect(s.notice?.message.en).toBe('Changed since you began: idle timeout 15 → 30 (taken).');
    expect(s.notice?.message['zh-CN']).toContain('连接空闲超时时间 15 → 30');
    const review = press(s, 'ctrl+s');
    expect(text(review)).toContain('Changed on the listener since you began (taken into the form):');
    const sent = press(review, 'ctrl+s');
    expect(sentUpdate(sent)).toEqual({
      kind: 'update',
      clientToken: 'kept-token',
      request: { listenerId: 'lsn-https443', gzipEnabled: false },
    });
    // Resolved: the base kept with the draft is now the listener as it is.
    expect(baseToKeep(s)?.idleTimeout).toBe('30');
  });

  it('the same change on both sides is no conflict and nothing left to send', () => {
    const s = press(reopened(httpsListener({ idleTimeout: 30 }), { idleTimeout: '30' }), 'enter');
    expect(s.edit?.resume?.conflicts).toEqual([]);
    expect(s.notice).toBeUndefined();
    const sent = press(s, 'ctrl+s', 'ctrl+s');
    expect(sentUpdate(sent)).toBeUndefined();
    expect(sent.notice?.message.en).toContain('Nothing to send');
  });

  it('shows a conflict as theirs / mine on the review and refuses Ctrl-S until each is resolved', () => {
    const now = httpsListener({
      idleTimeout: 30,
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-https' }] },
        },
      ],
    });
    let s = press(reopened(now, { idleTimeout: '45', serverGroupId: 'sgp-grpc' }), 'enter');
    expect(s.wizard.step).toBe('review');
    expect(s.notice?.message.en).toContain('2 fields changed both here and on the listener');
    const shown = text(s);
    expect(shown).toContain('Changed here and on the listener since you began (2):');
    expect(shown).toMatch(/› Idle timeout\s+was 15 · theirs 30 · mine 45\s+\? choose/);
    expect(shown).toMatch(/was sgp-http · theirs sgp-https · mine sgp-grpc\s+\? choose/);
    expect(shown).toContain('t take theirs · m keep mine · c next conflict');
    expect(text(s, 'zh-CN')).toContain('监听当前值 30');
    // Unresolved: the base kept with the draft stays the old one, so a later resume finds them again.
    expect(baseToKeep(s)?.idleTimeout).toBe('15');

    s = press(s, 'ctrl+s');
    expect(sentUpdate(s)).toBeUndefined();
    expect(s.notice?.message.en).toBe('Not sent: 2 conflicts left — choose theirs (t) or mine (m) on each.');

    // The precheck's answer arriving meanwhile leaves the refusal on screen.
    const prechecked = screenReducer(s, {
      type: 'wizard',
      action: { type: 'precheck-finished', version: s.wizard.version, result: { ok: true } },
    });
    expect(prechecked.notice?.message.en).toContain('2 conflicts left');

    s = press(s, 't');
    expect(s.wizard.draft.idleTimeout).toBe('30');
    expect(text(s)).toMatch(/Idle timeout\s+was 15 · theirs 30 · mine 45\s+✓ theirs/);
    s = press(s, 'ctrl+s');
    expect(sentUpdate(s)).toBeUndefined();
    expect(s.notice?.message.en).toContain('1 conflict left');

    // Changing one's mind: back to the first, mine after all; then the second, mine.
    s = press(s, 'c', 'm');
    expect(s.wizard.draft.idleTimeout).toBe('45');
    s = press(s, 'm');
    expect(baseToKeep(s)?.idleTimeout).toBe('30');
    s = press(s, 'ctrl+s');
    expect(sentUpdate(s)).toEqual({
      kind: 'update',
      clientToken: 'kept-token',
      request: {
        listenerId: 'lsn-https443',
        idleTimeout: 45,
        defaultActions: [
          {
            type: 'ForwardGroup',
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-grpc' }] },
          },
        ],
      },
    });
  });

  it('taking theirs on every conflict leaves nothing to send', () => {
    let s = press(reopened(httpsListener({ idleTimeout: 30 }), { idleTimeout: '45' }), 'enter');
    s = press(s, 't', 'ctrl+s');
    expect(sentUpdate(s)).toBeUndefined();
    expect(s.notice?.message.en).toContain('Nothing to send');
  });

  it('mine is what the form holds for the field: typed after resuming, it is what m restores', () => {
    let s = press(reopened(httpsListener({ idleTimeout: 30 }), { idleTimeout: '45' }), 'enter', '1');
    s = screenReducer(s, { type: 'wizard', action: { type: 'edit', field: 'idleTimeout', value: '50' } });
    s = press(s, 'ctrl+s');
    expect(text(s)).toMatch(/Idle timeout\s+was 15 · theirs 30 · mine 50\s+\? choose/);
    s = press(s, 't');
    expect(s.wizard.draft.idleTimeout).toBe('30');
    expect(text(s)).toMatch(/theirs 30 · mine 50\s+✓ theirs/);
    s = press(s, 'm');
    expect(s.wizard.draft.idleTimeout).toBe('50');
    expect(sentUpdate(press(s, 'ctrl+s'))).toMatchObject({ request: { idleTimeout: 50 } });
  });

  it('t and m are plain keys when there is no conflict', () => {
    const s = press(reopened(httpsListener(), { idleTimeout: '45' }), 'enter', 'ctrl+s');
    expect(press(s, 't', 'm').wizard.draft).toEqual(s.wizard.draft);
  });

  it('an edit kept without a base resumes as it was kept, and says the base is unknown', () => {
    const s = press(reopened(httpsListener({ idleTimeout: 30 }), { gzip: false }, null), 'enter');
    expect(s.wizard.draft.idleTimeout).toBe('15');
    expect(s.notice?.message.en).toContain('cannot be told apart');
    expect(s.notice?.message['zh-CN']).toContain('无法区分');
    // From now on the base is the listener as read.
    expect(baseToKeep(s)?.idleTimeout).toBe('30');
  });

  it('as text: the file starts from the merged edit and names what changed meanwhile', () => {
    const s = reopened(httpsListener({ idleTimeout: 30, gzipEnabled: false }), { idleTimeout: '45' }, BASE, {
      asText: true,
    });
    const effect = effects(s).find((e) => e.kind === 'edit-text');
    expect(effect).toMatchObject({ kind: 'edit-text', draft: { idleTimeout: '45', gzip: false } });
    const notes = effect && effect.kind === 'edit-text' ? (effect.notes ?? []) : [];
    expect(notes.map((n) => n.en)).toEqual([
      'Changed on the listener since you began, taken: gzip compression on → off',
      'Changed here and on the listener: Idle timeout — theirs 30, yours 45 (kept below; choose on the review)',
    ]);
    expect(s.edit?.resume?.conflicts).toHaveLength(1);
  });
});
