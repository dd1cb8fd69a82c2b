// The apply-to-many view as lines: a title with the tally, one line per instance (its plan, then
// its result), the selected instance in full, and the keys of the phase. Laid out by batch-render.ts;
// this says what is apply's own: its words, its create results, what a create plan shows. Pure.
import type { Lang } from '../../domain/i18n.js';
import { fitLine, seg, type Line } from '../components/lines.js';
import * as page from './batch-render.js';
import type { BatchRenderOptions, RowWords, Verdict } from './batch-render.js';
import { counts, creatable, type ApplyRow, type ApplyState } from './apply-state.js';
import { ta } from './apply-i18n.js';
import { tp } from './profiles-i18n.js';

function rowWords(lang: Lang): RowWords {
  return (key, params) => tp(lang, key, params);
}

/** The icon, words and tone of a row: its result once running, its plan before. */
export function rowVerdict(row: ApplyRow, lang: Lang, spin: string): Verdict {
  const { run, plan } = row;
  if (run) {
    switch (run.status) {
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
        if (run.jobFailed)
          return {
            icon: '✗',
            text: tp(lang, 'runJobFailed', { reason: run.message?.[lang] ?? '' }),
            tone: 'danger',
          };
        break;
    }
  } else if (plan.status === 'planned' && plan.kind === 'create') {
    return { icon: '+', text: tp(lang, 'planCreate', { summary: plan.summary }), tone: 'good' };
  } else if (plan.status === 'planned' && plan.kind === 'clash') {
    return {
      icon: '–',
      text: tp(lang, 'planClash', { reason: page.say(plan.message, lang) }),
      tone: 'warning',
    };
  }
  return page.sharedVerdict(row, lang, spin, rowWords(lang));
}

function detailLines(row: ApplyRow, lang: Lang, width: number): Line[] {
  const name = row.instance.name ? `${row.instance.name} (${row.instance.id})` : row.instance.id;
  const lines: Line[] = [fitLine([seg(` ${name}`, { bold: true })], width)];
  const plan = row.plan;
  if (plan.status === 'planned' && plan.kind === 'create') {
    lines.push(...page.detailSection(tp(lang, 'detailWillCreate'), [plan.summary[lang]], width));
    if (plan.notes.length > 0)
      lines.push(
        ...page.detailSection(
          tp(lang, 'detailNotes'),
          plan.notes.map((n) => page.say(n, lang)),
          width,
          'warning',
        ),
      );
  } else if (plan.status === 'planned' && plan.kind === 'clash') {
    lines.push(
      ...page.detailSection(tp(lang, 'detailProblems'), [page.say(plan.message, lang)], width, 'warning'),
    );
  }
  lines.push(...page.detailTail(row, creatable(row), lang, width, rowWords(lang)));
  return lines.map((line) => fitLine(line, width));
}

export function renderApply(state: ApplyState, options: BatchRenderOptions): Line[] {
  const { lang, width } = options;
  const tally = counts(state);
  const name = state.profileName;
  const count = tally.create;
  return page.renderBatch(state, options, {
    words: {
      title:
        state.rows.length === 1
          ? tp(lang, 'applyTitleOne', { name })
          : tp(lang, 'applyTitle', { name, count: state.rows.length }),
      progress: {
        loading: tp(lang, 'applyLoading', { name }),
        planning: (done, count) => tp(lang, 'applyPlanning', { done, count }),
        review: tp(lang, 'applyPlanSummary', { create: tally.create, skip: tally.skip }),
        run: tp(lang, 'applyRunSummary', {
          created: tally.created,
          running: tally.queued + tally.creating + tally.provisioning + tally.rules,
          failed: tally.failed,
          skipped: tally.skipped,
        }),
      },
      confirm: { prompt: ta(lang, 'confirm', { count }), wrong: ta(lang, 'confirmWrong', { count }) },
      keys: {
        confirm: ta(lang, 'confirmKeys'),
        review: count === 1 ? ta(lang, 'reviewKeysOne') : ta(lang, 'reviewKeys', { count }),
        running: tp(lang, 'applyRunningKeys'),
        done: ta(lang, 'doneKeys'),
        back: tp(lang, 'applyBackKeys'),
      },
    },
    failed: tally.failed,
    row: (row, spin) => ({
      label: row.instance.name || row.instance.id,
      verdict: rowVerdict(row, lang, spin),
    }),
    labelWidth: { min: 10, max: 30 },
    detail: (row) => detailLines(row, lang, width),
  });
}
