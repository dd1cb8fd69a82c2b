// A listener profile's forwarding rules in the wizard: checked on the instance before anything is sent
// (server groups found by the names the profile keeps: the same check as `create --profile` and
// apply-to-many), shown on the review, created once the listener is Running (10 a call, each call's
// ClientToken derived from the listener's, so a retry makes none twice), with a result per rule. A
// failure of the rules never hides that the listener was made. Pure: the screen reducer calls these.
import type { Localized } from '../../domain/i18n.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import { checkProfileRules, type ResolvedProfileRules } from '../../store/index.js';
import { wizardText } from './wizard-i18n.js';
import type { Notice, WizardEffect, WizardScreen } from './wizard-screen.js';

/** The rules of the profile the wizard started from, as the profile keeps them (groups by name). */
export interface ProfileRules {
  profileName: string;
  rules: readonly unknown[];
}

export type RulePhase = 'waiting' | 'sending' | 'provisioning' | 'done' | 'failed' | 'skipped';

export interface RuleOutcome {
  phase: RulePhase;
  /** The created rule's ID. */
  ruleId?: string;
  error?: Localized;
}

/** The rules being created on the new listener, or what became of them. */
export interface RulesRun {
  listenerId: string;
  /** The listener's ClientToken: each call's token derives from it (alb/rule-batches.ts). */
  listenerClientToken: string;
  rules: readonly RuleSpec[];
  outcomes: readonly RuleOutcome[];
  status: 'running' | 'failed' | 'done';
}

export type RulesAction =
  | {
      type: 'rules-event';
      index: number;
      phase: Exclude<RulePhase, 'waiting'>;
      ruleId?: string;
      error?: Localized;
    }
  | { type: 'rules-finished' }
  /** ^S after a failure: the same calls again, with the same ClientTokens. */
  | { type: 'rules-retry' };

type Queue = (screen: WizardScreen, ...effects: WizardEffect[]) => WizardScreen;

/** The profile's rules this run will create: none in edit mode or in a QUIC listener made in place. */
export function profileRulesOf(screen: WizardScreen): ProfileRules | undefined {
  const plan = screen.profileRules;
  if (!plan || plan.rules.length === 0 || screen.parent || screen.edit) return undefined;
  return plan;
}

let lastCheck: { rules: readonly unknown[]; key: unknown[]; result: ResolvedProfileRules } | undefined;

/**
 * The profile's rules resolved and checked on this instance for the listener the draft makes; undefined
 * when there are none or the instance's facts are not loaded yet. Kept for the last inputs: the review
 * is drawn on every frame.
 */
export function checkedProfileRules(screen: WizardScreen): ResolvedProfileRules | undefined {
  const plan = profileRulesOf(screen);
  const context = screen.wizard.context;
  if (!plan || !context) return undefined;
  const { draft } = screen.wizard;
  const key = [context.instance, context.serverGroups, draft.protocol, draft.http2];
  if (lastCheck?.rules === plan.rules && lastCheck.key.every((part, i) => part === key[i]))
    return lastCheck.result;
  const result = checkProfileRules(plan.rules, {
    edition: context.instance.edition,
    listener: { protocol: draft.protocol, http2Enabled: draft.http2 },
    vpcId: context.instance.vpcId,
    serverGroups: context.serverGroups,
  });
  lastCheck = { rules: plan.rules, key, result };
  return result;
}

/** Why the profile's rules cannot be created here (said on the review, and submit refused). */
export function profileRulesProblems(screen: WizardScreen): Localized[] {
  return checkedProfileRules(screen)?.problems ?? [];
}

/** The notice a submit is refused with while the profile's rules cannot be created. */
export function rulesBlockedNotice(screen: WizardScreen): Notice | undefined {
  const problems = profileRulesProblems(screen);
  if (problems.length === 0) return undefined;
  // The first problem is a heading when the rules themselves are wrong; say the one that names a rule.
  const reason = problems.length > 1 && problems[0]!.en.endsWith(':') ? problems[1]! : problems[0]!;
  return {
    message: wizardText('rulesBlocked', { name: screen.profileRules?.profileName ?? '', reason }),
    tone: 'danger',
  };
}

function send(screen: WizardScreen, run: RulesRun, queue: Queue): WizardScreen {
  return queue(
    {
      ...screen,
      rulesRun: { ...run, status: 'running', outcomes: run.rules.map(() => ({ phase: 'waiting' })) },
    },
    {
      kind: 'create-rules',
      listenerId: run.listenerId,
      rules: run.rules,
      listenerClientToken: run.listenerClientToken,
    },
  );
}

/**
 * The listener is Running: its profile's rules are sent now, if it has any. Undefined when there is
 * nothing to create, so the wizard leaves as it does for a plain listener.
 */
export function startRules(screen: WizardScreen, listenerId: string, queue: Queue): WizardScreen | undefined {
  if (screen.rulesRun) return screen;
  const checked = checkedProfileRules(screen);
  if (!checked || checked.rules.length === 0) return undefined;
  // The listener exists: its draft is done with (a resumed draft would not bring the rules back).
  const done = queue({ ...screen, persist: false }, { kind: 'discard-saved-draft', draftId: screen.draftId });
  return send(
    done,
    {
      listenerId,
      listenerClientToken: screen.wizard.clientToken,
      rules: checked.rules,
      outcomes: [],
      status: 'running',
    },
    queue,
  );
}

function leaveNotice(run: RulesRun, profileName: string): Notice {
  const failed = run.outcomes.filter((o) => o.phase !== 'done').length;
  return failed === 0
    ? {
        message: wizardText('rulesCreated', {
          id: run.listenerId,
          count: run.rules.length,
          name: profileName,
        }),
        tone: 'good',
      }
    : {
        message: wizardText('rulesNotAll', {
          id: run.listenerId,
          failed,
          count: run.rules.length,
          name: profileName,
        }),
        tone: 'warning',
      };
}

/** Leaves for the new listener, saying what became of its rules. */
export function leaveAfterRules(screen: WizardScreen, queue: Queue): WizardScreen {
  const run = screen.rulesRun;
  if (!run || run.status === 'running' || screen.leaving) return screen;
  const created = run.listenerId;
  const message = leaveNotice(run, screen.profileRules?.profileName ?? '');
  return queue({ ...screen, leaving: { created }, persist: false }, { kind: 'leave', created, message });
}

export function rulesReducer(screen: WizardScreen, action: RulesAction, queue: Queue): WizardScreen {
  const run = screen.rulesRun;
  if (!run) return screen;
  switch (action.type) {
    case 'rules-event': {
      if (run.status !== 'running' || !run.outcomes[action.index]) return screen;
      const outcomes = [...run.outcomes];
      outcomes[action.index] = {
        phase: action.phase,
        ...(action.ruleId ? { ruleId: action.ruleId } : {}),
        ...(action.error ? { error: action.error } : {}),
      };
      return { ...screen, rulesRun: { ...run, outcomes } };
    }
    case 'rules-finished': {
      if (run.status !== 'running') return screen;
      const failed = run.outcomes.some((o) => o.phase !== 'done');
      const finished = {
        ...screen,
        rulesRun: { ...run, status: failed ? ('failed' as const) : ('done' as const) },
      };
      // All made: on to the listener. Not all: the results stay on screen until the user leaves.
      return failed ? finished : leaveAfterRules(finished, queue);
    }
    case 'rules-retry':
      return run.status === 'failed' ? send({ ...screen, notice: undefined }, run, queue) : screen;
  }
}
