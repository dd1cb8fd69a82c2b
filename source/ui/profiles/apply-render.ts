// The apply-to-many view as lines: a title with the tally, one line per instance (its plan, then
// its result), the selected instance in full, and the keys of the phase. Pure.
import type { Lang } from '../../domain/i18n.js';
import { fitLine, seg, type Line } from '../components/lines.js';
import type { Tone } from '../theme.js';
import * as page from './batch-render.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import type { Verdict } from './batch-render.js';
import { counts, creatable, type ApplyRow, type ApplyState } from './apply-state.js';
import { ta } from './apply-i18n.js';
import { tp } from './profiles-i18n.js';

export interface ApplyRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  spinner?: number;
  /** The connections the changes go to, named under the tally. */
  target?: readonly ChangeTarget[];
}

/** The icon, words and tone of a row: its result once running, its plan before. */
export function rowVerdict(row: ApplyRow, lang: Lang, spin: string): Verdict {
  const run = row.run;
  if (run) {
    switch (run.status) {
      case 'queued':
        return { icon: '·', text: tp(lang, 'runQueued'), tone: 'muted' };
      case 'creating':
        return { icon: spin, text: tp(lang, 'runCreating'), tone: 'accent' };
      case 'provisioning':
        return {
          icon: spin,
          text: tp(lang, 'runProvisioning', {
            id: run.listenerId ?? '',
            status: run.listenerStatus ?? 'Provisioning',
          }),
          tone: 'warning',
        };
      case 'rules':
        return {
          icon: spin,
          text: ta(lang, 'runRules', { id: run.listenerId ?? '', count: run.rules?.total ?? 0 }),
          tone: 'accent',
        };
      case 'created': {
        const id = run.listenerId ?? '';
        const rules = run.rules;
        if (rules?.problem)
          return {
            icon: '!',
            text: ta(lang, 'runRulesFailed', {
              id,
              created: rules.created,
              count: rules.total,
              reason: rules.problem[lang],
            }),
            tone: 'warning',
          };
        if (rules && rules.total > 0)
          return { icon: '✓', text: ta(lang, 'runCreatedRules', { id, count: rules.created }), tone: 'good' };
        return { icon: '✓', text: tp(lang, 'runCreated', { id }), tone: 'good' };
      }
      case 'failed':
        return {
          icon: '✗',
          text: tp(lang, run.jobFailed ? 'runJobFailed' : 'runFailed', { reason: run.message?.[lang] ?? '' }),
          tone: 'danger',
        };
      case 'skipped':
        return {
          icon: '–',
          text: tp(lang, 'runSkipped', { reason: run.message?.[lang] ?? '' }),
          tone: 'muted',
        };
    }
  }
  const plan = row.plan;
  switch (plan.status) {
    case 'loading':
      return { icon: spin, text: tp(lang, 'planLoading'), tone: 'muted' };
    case 'unreadable':
      return {
        icon: '✗',
        text: tp(lang, 'planUnreadable', { reason: page.say(plan.message, lang) }),
        tone: 'danger',
      };
    case 'planned':
      if (plan.kind === 'create')
        return { icon: '+', text: tp(lang, 'planCreate', { summary: plan.summary }), tone: 'good' };
      if (plan.kind === 'clash')
        return {
          icon: '–',
          text: tp(lang, 'planClash', { reason: page.say(plan.message, lang) }),
          tone: 'warning',
        };
      return {
        icon: '✗',
        text: tp(lang, 'planBlocked', { reason: plan.problems.map((p) => page.say(p, lang)).join('; ') }),
        tone: 'danger',
      };
  }
}

function detailLines(row: ApplyRow, lang: Lang, width: number): Line[] {
  const lines: Line[] = [];
  const add = (label: string, texts: readonly string[], tone?: Tone) =>
    lines.push(...page.detailSection(label, texts, width, tone));
  const name = row.instance.name ? `${row.instance.name} (${row.instance.id})` : row.instance.id;
  lines.push(fitLine([seg(` ${name}`, { bold: true })], width));
  const plan = row.plan;
  if (plan.status === 'planned' && plan.kind === 'create') {
    add(tp(lang, 'detailWillCreate'), [plan.summary[lang]]);
    if (plan.notes.length > 0)
      add(
        tp(lang, 'detailNotes'),
        plan.notes.map((n) => page.say(n, lang)),
        'warning',
      );
  } else if (plan.status === 'planned' && plan.kind === 'blocked') {
    add(
      tp(lang, 'detailProblems'),
      plan.problems.map((p) => page.say(p, lang)),
      'danger',
    );
  } else if (plan.status === 'planned' && plan.kind === 'clash') {
    add(tp(lang, 'detailProblems'), [page.say(plan.message, lang)], 'warning');
  } else if (plan.status === 'unreadable') {
    add(tp(lang, 'detailProblems'), [page.say(plan.message, lang)], 'danger');
  }
  if (row.run?.status === 'failed' && row.run.message)
    add(tp(lang, 'detailProblems'), [page.say(row.run.message, lang)], 'danger');
  if (creatable(row))
    lines.push([seg(` ${tp(lang, 'detailToken', { token: row.clientToken })}`, { tone: 'muted' })]);
  return lines.map((line) => fitLine(line, width));
}

function keysLine(state: ApplyState, lang: Lang): Line {
  const tally = counts(state);
  switch (state.phase) {
    case 'review':
      if (state.confirm) return [seg(ta(lang, 'confirmKeys'), { tone: 'muted' })];
      return [
        seg(
          tally.create === 1 ? ta(lang, 'reviewKeysOne') : ta(lang, 'reviewKeys', { count: tally.create }),
          { tone: 'muted' },
        ),
      ];
    case 'running':
      return [seg(tp(lang, 'applyRunningKeys'), { tone: 'muted' })];
    case 'done':
      return [seg(ta(lang, 'doneKeys'), { tone: 'muted' })];
    default:
      return [];
  }
}

export function renderApply(state: ApplyState, options: ApplyRenderOptions): Line[] {
  const { lang, width, height } = options;
  const spin = page.spinnerFrame(options.spinner);
  const tally = counts(state);
  const title =
    state.rows.length === 1
      ? tp(lang, 'applyTitleOne', { name: state.profileName })
      : tp(lang, 'applyTitle', { name: state.profileName, count: state.rows.length });
  if (state.problem)
    return page.problemPage(
      title,
      page.say(state.problem, lang),
      [seg(tp(lang, 'applyBackKeys'), { tone: 'muted' })],
      width,
      height,
    );
  const progress =
    state.phase === 'loading'
      ? tp(lang, 'applyLoading', { name: state.profileName })
      : state.phase === 'planning'
        ? tp(lang, 'applyPlanning', {
            done: state.rows.length - state.rows.filter((r) => r.plan.status === 'loading').length,
            count: state.rows.length,
          })
        : state.phase === 'review'
          ? tp(lang, 'applyPlanSummary', { create: tally.create, skip: tally.skip })
          : tp(lang, 'applyRunSummary', {
              created: tally.created,
              running: tally.queued + tally.creating + tally.provisioning + tally.rules,
              failed: tally.failed,
              skipped: tally.skipped,
            });
  const count = tally.create;
  const selected = state.rows[state.cursor];
  return page.renderBatchPage(
    {
      title,
      progress,
      progressTone: tally.failed > 0 ? 'danger' : 'accent',
      ...(options.target ? { target: targetLine(options.target, lang) } : {}),
      ...page.bottomParts(state, lang, {
        prompt: ta(lang, 'confirm', { count }),
        wrong: ta(lang, 'confirmWrong', { count }),
      }),
      keys: keysLine(state, lang),
      rows: state.rows.map((row) => ({
        label: row.instance.name || row.instance.id,
        verdict: rowVerdict(row, lang, spin),
      })),
      cursor: state.cursor,
      labelWidth: { min: 10, max: 30 },
      detail: selected ? detailLines(selected, lang, width) : [],
    },
    width,
    height,
  );
}
