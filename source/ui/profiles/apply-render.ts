// The apply-to-many view as lines: a title with the tally, one line per instance (its plan, then
// its result), the selected instance in full, and the keys of the phase. Pure.
import type { Lang, Localized } from '../../domain/i18n.js';
import { cellWidth, padCells, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import type { Tone } from '../theme.js';
import { counts, creatable, type ApplyRow, type ApplyState } from './apply-state.js';
import { ta } from './apply-i18n.js';
import { tp } from './profiles-i18n.js';

export interface ApplyRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  spinner?: number;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

function say(message: Localized, lang: Lang): string {
  return message[lang];
}

/** The icon, words and tone of a row: its result once running, its plan before. */
export function rowVerdict(
  row: ApplyRow,
  lang: Lang,
  spin: string,
): { icon: string; text: string; tone: Tone } {
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
      case 'created':
        return { icon: '✓', text: tp(lang, 'runCreated', { id: run.listenerId ?? '' }), tone: 'good' };
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
        text: tp(lang, 'planUnreadable', { reason: say(plan.message, lang) }),
        tone: 'danger',
      };
    case 'planned':
      if (plan.kind === 'create')
        return { icon: '+', text: tp(lang, 'planCreate', { summary: plan.summary }), tone: 'good' };
      if (plan.kind === 'clash')
        return {
          icon: '–',
          text: tp(lang, 'planClash', { reason: say(plan.message, lang) }),
          tone: 'warning',
        };
      return {
        icon: '✗',
        text: tp(lang, 'planBlocked', { reason: plan.problems.map((p) => say(p, lang)).join('; ') }),
        tone: 'danger',
      };
  }
}

function detailLines(row: ApplyRow, lang: Lang, width: number): Line[] {
  const lines: Line[] = [];
  const add = (label: string, texts: readonly string[], tone?: Tone) => {
    lines.push([seg(` ${label}`, { tone: 'muted' })]);
    for (const text of texts)
      for (const part of wrapCells(text, width - 3)) lines.push([seg(`   ${part}`, tone ? { tone } : {})]);
  };
  const name = row.instance.name ? `${row.instance.name} (${row.instance.id})` : row.instance.id;
  lines.push(fitLine([seg(` ${name}`, { bold: true })], width));
  const plan = row.plan;
  if (plan.status === 'planned' && plan.kind === 'create') {
    add(tp(lang, 'detailWillCreate'), [plan.summary[lang]]);
    if (plan.notes.length > 0)
      add(
        tp(lang, 'detailNotes'),
        plan.notes.map((n) => say(n, lang)),
        'warning',
      );
  } else if (plan.status === 'planned' && plan.kind === 'blocked') {
    add(
      tp(lang, 'detailProblems'),
      plan.problems.map((p) => say(p, lang)),
      'danger',
    );
  } else if (plan.status === 'planned' && plan.kind === 'clash') {
    add(tp(lang, 'detailProblems'), [say(plan.message, lang)], 'warning');
  } else if (plan.status === 'unreadable') {
    add(tp(lang, 'detailProblems'), [say(plan.message, lang)], 'danger');
  }
  if (row.run?.status === 'failed' && row.run.message)
    add(tp(lang, 'detailProblems'), [say(row.run.message, lang)], 'danger');
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
  const spin = SPINNER[(options.spinner ?? 0) % SPINNER.length]!;
  const tally = counts(state);
  const lines: Line[] = [
    fitLine(
      [
        seg(
          ` ${
            state.rows.length === 1
              ? tp(lang, 'applyTitleOne', { name: state.profileName })
              : tp(lang, 'applyTitle', { name: state.profileName, count: state.rows.length })
          }`,
          {
            bold: true,
          },
        ),
      ],
      width,
    ),
  ];
  if (state.problem) {
    for (const text of wrapCells(say(state.problem, lang), width - 1))
      lines.push([seg(` ${text}`, { tone: 'danger' })]);
    while (lines.length < height - 1) lines.push([]);
    return [...lines, [seg(tp(lang, 'applyBackKeys'), { tone: 'muted' })]].slice(0, height);
  }
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
              running: tally.queued + tally.creating + tally.provisioning,
              failed: tally.failed,
              skipped: tally.skipped,
            });
  lines.push(fitLine([seg(` ${progress}`, { tone: tally.failed > 0 ? 'danger' : 'accent' })], width));

  const bottom: Line[] = [];
  if (state.confirm) {
    const count = tally.create;
    for (const text of wrapCells(ta(lang, 'confirm', { count }), width))
      bottom.push([seg(text, { tone: 'danger', bold: true })]);
    bottom.push([seg(`   ${state.confirm.text}`), seg(' ', { inverse: true })]);
    if (state.confirm.wrong)
      for (const text of wrapCells(ta(lang, 'confirmWrong', { count }), width))
        bottom.push([seg(text, { tone: 'danger' })]);
  }
  if (state.notice)
    for (const text of wrapCells(say(state.notice.message, lang), width))
      bottom.push([seg(text, { tone: state.notice.tone })]);
  bottom.push(keysLine(state, lang));

  const selected = state.rows[state.cursor];
  const detail = selected ? detailLines(selected, lang, width) : [];
  const room = height - lines.length - bottom.length;
  const listRows = Math.max(
    1,
    Math.min(state.rows.length, room - Math.min(detail.length + 1, Math.floor(room / 2))),
  );
  const start = Math.max(0, Math.min(state.cursor - Math.floor(listRows / 2), state.rows.length - listRows));
  const nameWidth = Math.min(
    30,
    Math.max(10, ...state.rows.map((row) => cellWidth(row.instance.name || row.instance.id))),
  );
  for (const [index, row] of state.rows.slice(start, start + listRows).entries()) {
    const chosen = start + index === state.cursor;
    const verdict = rowVerdict(row, lang, spin);
    lines.push(
      fitLine(
        [
          seg(chosen ? '›' : ' ', { bold: chosen }),
          seg(`${verdict.icon} `, { tone: verdict.tone }),
          seg(`${padCells(truncateCells(row.instance.name || row.instance.id, nameWidth), nameWidth)}  `, {
            bold: chosen,
          }),
          seg(verdict.text, { tone: verdict.tone }),
        ],
        width,
      ),
    );
  }
  const detailRoom = height - lines.length - bottom.length - 1;
  if (detailRoom > 0 && detail.length > 0) {
    lines.push([seg('─'.repeat(width), { tone: 'muted' })]);
    lines.push(...detail.slice(0, detailRoom));
  }
  while (lines.length < height - bottom.length) lines.push([]);
  return [...lines.slice(0, height - bottom.length), ...bottom].slice(0, height);
}
