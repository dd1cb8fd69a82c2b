// The wizard's lines for a profile's forwarding rules: on the review, what will be created after the
// listener (each rule summarised as the rules pane does, server groups by the names the profile keeps)
// and why it cannot be, if so; after submit, each rule's result.
import type { Lang } from '../../domain/i18n.js';
import { ruleSummary } from '../../domain/rule-summary.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { profileRulesToShow } from '../../store/index.js';
import { seg, wrapCells, type Line } from '../components/lines.js';
import type { Tone } from '../theme.js';
import { checkedProfileRules, profileRulesOf, type RuleOutcome } from './profile-rules.js';
import { tw } from './wizard-i18n.js';
import type { WizardScreen } from './wizard-screen.js';

/** Rules listed one by one on the review; the rest are counted (the summary scrolls, but a profile may hold 100). */
const REVIEW_RULES_SHOWN = 20;
/** Per-rule results shown under the verdict: the failed ones first. */
const RESULTS_SHOWN = 6;

function wrapped(text: string, width: number, indent: number, tone: Tone, mark = ''): Line[] {
  return wrapCells(text, Math.max(10, width - indent - mark.length)).map((part, index) => [
    seg(' '.repeat(indent)),
    seg(`${index === 0 ? mark : ' '.repeat(mark.length)}${part}`, { tone }),
  ]);
}

/** The review's part for the profile's rules: a heading, one line per rule, what stands in the way. */
export function profileRulesReview(screen: WizardScreen, lang: Lang, width: number): Line[] {
  const plan = profileRulesOf(screen);
  if (!plan) return [];
  const shown = profileRulesToShow(plan.rules);
  const lines: Line[] = [
    [
      seg(' '),
      seg(
        tw(lang, 'rulesHeading', { count: plan.rules.length, name: sanitizeForTerminal(plan.profileName) }),
        {
          bold: true,
          tone: 'accent',
        },
      ),
    ],
  ];
  for (const rule of shown.slice(0, REVIEW_RULES_SHOWN)) {
    lines.push([
      seg(`   ${String(rule.priority).padStart(5)}  `, { tone: 'muted' }),
      seg(sanitizeForTerminal(rule.ruleName), { bold: true }),
      seg(`  ${ruleSummary(rule, lang)}`),
    ]);
  }
  if (shown.length > REVIEW_RULES_SHOWN)
    lines.push([
      seg(`   ${tw(lang, 'rulesMore', { count: shown.length - REVIEW_RULES_SHOWN })}`, { tone: 'muted' }),
    ]);
  const problems = checkedProfileRules(screen)?.problems ?? [];
  if (problems.length > 0) {
    for (const problem of problems) lines.push(...wrapped(problem[lang], width, 3, 'danger', '✗ '));
    lines.push(...wrapped(tw(lang, 'rulesCannot'), width, 3, 'warning'));
  }
  return lines;
}

/** Near the submit key, wherever the review is scrolled: the rules cannot be created here, so submit will not go. */
export function rulesVerdictLines(screen: WizardScreen, lang: Lang, width: number): Line[] {
  const plan = profileRulesOf(screen);
  if (!plan || screen.rulesRun || (checkedProfileRules(screen)?.problems.length ?? 0) === 0) return [];
  return wrapped(
    tw(lang, 'rulesVerdict', { count: plan.rules.length, name: sanitizeForTerminal(plan.profileName) }),
    width,
    1,
    'danger',
    '✗ ',
  );
}

function outcomeText(outcome: RuleOutcome, lang: Lang): string {
  switch (outcome.phase) {
    case 'done':
      return tw(lang, 'rulePhase_done', { id: outcome.ruleId ?? '' }).trimEnd();
    case 'failed':
      return tw(lang, 'rulePhase_failed', { reason: outcome.error?.[lang] ?? '' });
    default:
      return tw(lang, `rulePhase_${outcome.phase}`);
  }
}

const MARK: Record<RuleOutcome['phase'], { mark: string; tone: Tone }> = {
  waiting: { mark: '·', tone: 'muted' },
  sending: { mark: '…', tone: 'accent' },
  provisioning: { mark: '…', tone: 'warning' },
  done: { mark: '✓', tone: 'good' },
  failed: { mark: '✗', tone: 'danger' },
  skipped: { mark: '·', tone: 'muted' },
};

/** After submit: where the rules are, then a line per rule (failed ones first when they do not all fit). */
export function rulesRunLines(screen: WizardScreen, lang: Lang, width: number, spinner: string): Line[] {
  const run = screen.rulesRun;
  if (!run) return [];
  const count = run.rules.length;
  const done = run.outcomes.filter((o) => o.phase === 'done').length;
  const lines: Line[] =
    run.status === 'failed'
      ? wrapped(
          tw(lang, 'rulesFailed', { id: run.listenerId, failed: count - done, count }),
          width,
          1,
          'danger',
          '✗ ',
        )
      : [
          [
            seg(' '),
            seg(
              `${run.status === 'done' ? '✓' : spinner} ${tw(lang, 'rulesCreating', { id: run.listenerId, done, count })}`,
              { tone: run.status === 'done' ? 'good' : 'accent' },
            ),
          ],
        ];
  const order = run.rules.map((_, index) => index);
  if (run.rules.length > RESULTS_SHOWN)
    order.sort((a, b) => rank(run.outcomes[a]) - rank(run.outcomes[b]) || a - b);
  for (const index of order.slice(0, RESULTS_SHOWN)) {
    const rule = run.rules[index]!;
    const outcome = run.outcomes[index] ?? { phase: 'waiting' };
    const { mark, tone } = MARK[outcome.phase];
    lines.push([
      seg(`   ${mark} `, { tone }),
      seg(`${String(rule.priority).padStart(5)} ${sanitizeForTerminal(rule.ruleName)}  `),
      seg(outcomeText(outcome, lang), { tone }),
    ]);
  }
  if (run.rules.length > RESULTS_SHOWN)
    lines.push([
      seg(`   ${tw(lang, 'rulesMore', { count: run.rules.length - RESULTS_SHOWN })}`, { tone: 'muted' }),
    ]);
  return lines;
}

/** Failed first, then those under way, then the rest. */
function rank(outcome: RuleOutcome | undefined): number {
  switch (outcome?.phase) {
    case 'failed':
      return 0;
    case 'sending':
    case 'provisioning':
      return 1;
    case 'skipped':
      return 2;
    default:
      return 3;
  }
}
