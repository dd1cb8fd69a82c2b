// The wizard started from a profile that carries forwarding rules, without Ink: the rules checked on the
// instance before submit (server groups by their names), shown on the review, created once the listener
// is Running with ClientTokens derived from the listener's, a result per rule, a failure that never
// hides the listener.
import { describe, expect, it } from 'vitest';
import { profileRulesToken } from '../../source/alb/rule-batches.js';
import type { TargetContext } from '../../source/domain/listener-rules.js';
import { listenerProfileSchema, type ListenerProfile } from '../../source/store/schema.js';
import { keyFromId } from '../../source/ui/keys.js';
import { pressAll } from '../../source/ui/wizard/wizard-keys.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import {
  initScreen,
  screenReducer,
  type ScreenAction,
  type WizardEffect,
  type WizardScreen,
} from '../../source/ui/wizard/wizard-screen.js';
import { context } from '../domain/fixtures.js';
import { sampleProfile } from '../store/fixtures/profiles.js';

/** The instance, its HTTP server group named as a person would name it (not by its ID). */
function target(groupName = 'web-pool'): TargetContext {
  const base = context();
  return {
    ...base,
    serverGroups: base.serverGroups.map((g) =>
      g.serverGroupId === 'sgp-http' ? { ...g, serverGroupName: groupName } : g,
    ),
  };
}

const RULES = [
  {
    ruleName: 'maintenance',
    priority: 20,
    direction: 'Request',
    ruleConditions: [{ type: 'Host', hostConfig: { values: ['down.example.com'] } }],
    ruleActions: [
      { order: 1, type: 'FixedResponse', fixedResponseConfig: { httpCode: '503', content: 'back soon' } },
    ],
  },
  {
    ruleName: 'api',
    priority: 10,
    direction: 'Request',
    ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
    ruleActions: [
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupName: 'web-pool' }] },
      },
    ],
  },
];

function profile(rules: unknown[] = RULES): ListenerProfile {
  return listenerProfileSchema.parse({
    ...sampleProfile('web-prod', { port: 8443 }),
    hints: { certificate: { domain: 'www.example.com' }, serverGroup: { name: 'web-pool' } },
    rules,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  });
}

function atReview(
  options: { groupName?: string; rules?: unknown[]; production?: boolean } = {},
): WizardScreen {
  let screen = initScreen({
    loadBalancerId: 'alb-a',
    clientToken: 'tok-listener',
    profile: profile(options.rules),
    ...(options.production ? { production: true } : {}),
  });
  screen = screenReducer(screen, {
    type: 'target-loaded',
    context: target(options.groupName),
    instanceName: 'web-prod',
  });
  // A group the hint could not find is picked by hand, as the user would on step 3.
  if (screen.wizard.draft.serverGroupId === '')
    screen = screenReducer(screen, {
      type: 'wizard',
      action: { type: 'edit', field: 'serverGroupId', value: 'sgp-http' },
    });
  screen = screenReducer(screen, { type: 'wizard', action: { type: 'goto-step', step: 'review' } });
  expect(screen.wizard.step).toBe('review');
  return screen;
}

function apply(screen: WizardScreen, ...actions: ScreenAction[]): WizardScreen {
  return actions.reduce(screenReducer, screen);
}

function keys(screen: WizardScreen, ...ids: string[]): WizardScreen {
  return pressAll(screen, ids.map(keyFromId), screenReducer);
}

const effectsOf = (screen: WizardScreen, kind: WizardEffect['kind']) =>
  screen.effects.map((queued) => queued.effect).filter((effect) => effect.kind === kind);

const text = (screen: WizardScreen, lang: 'en' | 'zh-CN' = 'en', width = 120, height = 40) =>
  renderWizardText(screen, { lang, width, height }).join('\n');

/** Submitted and Running: what the effect runner reports for the listener. */
function running(screen: WizardScreen): WizardScreen {
  const submitted = keys(screen, 'ctrl+s');
  expect(effectsOf(submitted, 'submit')).toHaveLength(1);
  return apply(
    submitted,
    { type: 'wizard', action: { type: 'submit-accepted', listenerId: 'lsn-new' } },
    { type: 'wizard', action: { type: 'listener-status', status: 'Running' } },
  );
}

describe('the wizard creates the rules of the profile it started from', () => {
  it('the review says what will be created after the listener, each rule summarised, in both languages', () => {
    const screen = atReview();
    const en = text(screen);
    expect(en).toContain('+ 2 forwarding rules (from profile web-prod), created after the listener');
    expect(en).toMatch(/10 {2}api {2}Path \/api\/\* → web-pool/);
    expect(en).toMatch(/20 {2}maintenance {2}Host down\.example\.com → fixed 503 “back soon”/);
    // In priority order, as they will be tried.
    expect(en.indexOf(' api ')).toBeLessThan(en.indexOf('maintenance'));
    const zh = text(screen, 'zh-CN');
    expect(zh).toContain('+ 2 条转发规则（来自配置模板 web-prod），在监听创建后创建');
    expect(zh).toMatch(/路径 \/api\/\* → web-pool/);
  });

  it('a server group the profile names but the instance lacks is said before submit, and submit is refused', () => {
    const picked = atReview({ groupName: 'other-name', rules: [RULES[1]!] });
    const en = text(picked);
    expect(en).toContain('rule "api": no server group named "web-pool" on this instance\'s VPC');
    expect(en).toContain('create or rename the server groups named, or edit the profile');
    // Said beside the submit key too, however the review is scrolled (80x24).
    expect(text(picked, 'en', 80, 24)).toContain(
      'The 1 forwarding rules of profile web-prod cannot be created',
    );
    expect(text(picked, 'zh-CN', 80, 24)).toContain('配置模板 web-prod 中的 1 条转发规则无法在此');
    const refused = keys(picked, 'ctrl+s');
    expect(effectsOf(refused, 'submit')).toEqual([]);
    expect(refused.wizard.submission.status).toBe('idle');
    expect(refused.notice?.tone).toBe('danger');
    expect(refused.notice?.message.en).toContain(
      'Not submitted: the forwarding rules of profile web-prod cannot be created here',
    );
    expect(refused.notice?.message['zh-CN']).toContain('未提交：配置模板 web-prod 中的转发规则无法在此创建');
    expect(text(picked, 'zh-CN')).toContain('转发规则 "api"：此实例的 VPC 中没有名为 "web-pool" 的服务器组');
  });

  it('once the listener is Running its rules are sent, groups by ID, tokens from the listener’s; all made → leave', () => {
    let screen = running(atReview());
    // Not left yet: the rules come first.
    expect(effectsOf(screen, 'leave')).toEqual([]);
    const [create] = effectsOf(screen, 'create-rules');
    expect(create).toMatchObject({ listenerId: 'lsn-new', listenerClientToken: 'tok-listener' });
    if (create?.kind !== 'create-rules') throw new Error('no create-rules effect');
    expect(create.rules.map((r) => r.ruleName)).toEqual(['maintenance', 'api']);
    expect(create.rules[1]!.ruleActions[0]).toMatchObject({
      forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http' }] },
    });
    expect(text(screen)).toContain('Listener lsn-new is Running. Creating its forwarding rules: 0 of 2');
    expect(text(screen)).toContain(
      'Please wait: creating the forwarding rules · Ctrl-C quits (the listener stays)',
    );
    // The listener exists: its draft is not kept to be resumed (the rules would not come with it).
    expect(effectsOf(screen, 'discard-saved-draft')).toEqual([
      { kind: 'discard-saved-draft', draftId: screen.draftId },
    ]);
    expect(screen.persist).toBe(false);
    // Esc waits while the rules are sent.
    expect(keys(screen, 'escape').leaving).toBeUndefined();
    screen = apply(
      screen,
      { type: 'rules-event', index: 0, phase: 'sending' },
      { type: 'rules-event', index: 1, phase: 'sending' },
      { type: 'rules-event', index: 0, phase: 'done', ruleId: 'rule-a' },
    );
    expect(text(screen)).toMatch(/✓ +20 maintenance {2}created rule-a/);
    screen = apply(
      screen,
      { type: 'rules-event', index: 1, phase: 'done', ruleId: 'rule-b' },
      { type: 'rules-finished' },
    );
    const [leave] = effectsOf(screen, 'leave');
    expect(leave).toMatchObject({ created: 'lsn-new', message: { tone: 'good' } });
    if (leave?.kind !== 'leave') throw new Error('no leave');
    expect(leave.message?.message.en).toBe(
      'Created listener lsn-new (Running) and its 2 forwarding rules from profile web-prod.',
    );
  });

  it('a failed call: the listener is said to exist, each rule’s result shown; ^S retries the same calls, Esc leaves with it', () => {
    let screen = apply(
      running(atReview()),
      { type: 'rules-event', index: 0, phase: 'sending' },
      { type: 'rules-event', index: 1, phase: 'sending' },
      {
        type: 'rules-event',
        index: 0,
        phase: 'failed',
        error: { en: 'Conflict.Priority: priority 20 is taken', 'zh-CN': '优先级 20 已被占用' },
      },
      {
        type: 'rules-event',
        index: 1,
        phase: 'failed',
        error: { en: 'Conflict.Priority: priority 20 is taken', 'zh-CN': '优先级 20 已被占用' },
      },
      { type: 'rules-finished' },
    );
    expect(effectsOf(screen, 'leave')).toEqual([]);
    const en = text(screen);
    expect(en).toContain(
      'Listener lsn-new was created and is Running, but 2 of 2 forwarding rules were not.',
    );
    expect(en).toMatch(/✗ +20 maintenance {2}not created: Conflict\.Priority: priority 20 is taken/);
    expect(en).toContain('^S retry the rules (same ClientTokens) · Esc leave, the listener stays');
    expect(text(screen, 'zh-CN')).toContain(
      '监听 lsn-new 已创建并运行（Running），但 2 条转发规则中有 2 条未创建',
    );

    const retried = keys(screen, 'ctrl+s');
    const creates = effectsOf(retried, 'create-rules');
    expect(creates).toHaveLength(2);
    expect(creates[1]).toEqual(creates[0]);
    expect(retried.rulesRun?.status).toBe('running');
    expect(retried.rulesRun?.outcomes.every((o) => o.phase === 'waiting')).toBe(true);

    screen = keys(screen, 'escape');
    const [leave] = effectsOf(screen, 'leave');
    expect(leave).toMatchObject({ created: 'lsn-new', message: { tone: 'warning' } });
    if (leave?.kind !== 'leave') throw new Error('no leave');
    expect(leave.message?.message.en).toBe(
      'Created listener lsn-new (Running); 2 of 2 forwarding rules from profile web-prod were not created: r on it lists the rules it has.',
    );
  });

  it('a profile without rules leaves as soon as the listener is Running; the token is the one create --profile derives', () => {
    const screen = running(atReview({ rules: [] }));
    expect(effectsOf(screen, 'create-rules')).toEqual([]);
    expect(effectsOf(screen, 'leave')).toMatchObject([{ created: 'lsn-new' }]);
    expect(text(atReview({ rules: [] }))).not.toContain('forwarding rules');
    expect(profileRulesToken('tok-listener')).toBe('tok-listener-rules');
  });
});
