import { describe, expect, it } from 'vitest';
import { listenerProfileSchema, type ListenerProfile } from '../../source/store/schema.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import { initScreen, screenReducer } from '../../source/ui/wizard/wizard-screen.js';
import { context } from '../domain/fixtures.js';
import { sampleProfile } from '../store/fixtures/profiles.js';

function profile(hints: ListenerProfile['hints']): ListenerProfile {
  return listenerProfileSchema.parse({
    ...sampleProfile('web', { port: 7443, namePattern: 'web-{port}', idleTimeout: 30 }),
    hints,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  });
}

describe('the wizard started from a profile', () => {
  it('fills the draft from the profile once the instance is known, picks resolved, no resume offer', () => {
    let screen = initScreen({
      loadBalancerId: 'alb-a',
      clientToken: 't',
      profile: profile({ certificate: { domain: 'www.example.com' }, serverGroup: { name: 'sgp-http' } }),
      offers: [
        {
          draftId: 'd-old',
          draft: sampleDraftOffer(),
          step: 'listener',
          clientToken: 'old',
          savedAt: '2026-11-20T10:00:00Z',
        },
      ],
    });
    expect(screen.offers).toBeUndefined();
    screen = screenReducer(screen, { type: 'target-loaded', context: context(), instanceName: 'web-prod' });
    const { draft } = screen.wizard;
    expect(draft).toMatchObject({
      port: '7443',
      name: 'web-7443',
      idleTimeout: '30',
      certificateId: '1001-cn-hangzhou',
    });
    expect(screen.persist).toBe(true);
    expect(screen.notice?.message.en).toBe('Filled in from profile web.');
  });

  it('flags a pick the profile cannot make here, on its step, until it is made', () => {
    let screen = initScreen({
      loadBalancerId: 'alb-a',
      clientToken: 't',
      profile: profile({ certificate: { domain: 'nowhere.example.org' } }),
    });
    screen = screenReducer(screen, { type: 'target-loaded', context: context() });
    expect(screen.wizard.draft.certificateId).toBe('');
    expect(screen.notice?.message.en).toContain('could not be made here');
    const onStep2 = {
      ...screen,
      notice: undefined,
      wizard: { ...screen.wizard, step: 'certificate' as const },
    };
    expect(renderWizardText(onStep2, { lang: 'en', width: 100, height: 30 }).join('\n')).toMatch(
      /From profile: Server certificate: .*nowhere\.example\.org/,
    );
    const picked = {
      ...onStep2,
      wizard: { ...onStep2.wizard, draft: { ...onStep2.wizard.draft, certificateId: '1001-cn-hangzhou' } },
    };
    expect(renderWizardText(picked, { lang: 'en', width: 100, height: 30 }).join('\n')).not.toContain(
      'From profile',
    );
  });
});

function sampleDraftOffer() {
  return initScreen({ loadBalancerId: 'alb-a', clientToken: 'x', context: context() }).wizard.draft;
}
