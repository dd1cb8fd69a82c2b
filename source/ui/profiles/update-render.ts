// Applying a profile to existing listeners, as lines: a title with the tally, one line per listener
// (its plan, then its result), the selected listener's diff in full (old → new), and the keys of the
// phase. Laid out as apply-render.ts lays out apply-to-many. Pure.
import { fieldSpec } from '../../domain/fields.js';
import type { Lang } from '../../domain/i18n.js';
import type { ChangeValue, FieldChange } from '../../domain/listener-diff.js';
import { cellWidth, padCells, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { listenerStatusWord } from '../dashboard/rows.js';
import type { Tone } from '../theme.js';
import * as page from './batch-render.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import type { Verdict } from './batch-render.js';
import { changeCount, listenerCount, tu } from './update-i18n.js';
import { changeable, updateCounts, type UpdateRow, type UpdateState } from './update-state.js';

export interface UpdateRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  spinner?: number;
  /** The connections the changes go to, named under the tally. */
  target?: readonly ChangeTarget[];
}

/** A value of the diff as words: on/off, a picked ID with its name, `(none)`. */
export function changeValue(
  value: ChangeValue,
  lang: Lang,
  names: Readonly<Record<string, string>> = {},
): string {
  if (typeof value === 'boolean') return tu(lang, value ? 'on' : 'off');
  if (value === '') return tu(lang, 'empty');
  const text = sanitizeForTerminal(String(value));
  const name = typeof value === 'string' ? names[value] : undefined;
  return name ? `${sanitizeForTerminal(name)} (${text})` : text;
}

/** `Idle timeout 15 → 30, GZIP on → off`: every change of a plan on one line. */
export function changesSummary(
  changes: readonly FieldChange[],
  lang: Lang,
  names: Readonly<Record<string, string>> = {},
): string {
  return changes
    .map(
      (c) =>
        `${fieldSpec(c.field).label[lang]} ${changeValue(c.before, lang, names)} → ${changeValue(c.after, lang, names)}`,
    )
    .join(lang === 'zh-CN' ? '；' : ', ');
}

/** The icon, words and tone of a row: its result once running, its plan before. */
export function updateVerdict(row: UpdateRow, lang: Lang, spin: string): Verdict {
  const run = row.run;
  if (run) {
    switch (run.status) {
      case 'queued':
        return { icon: '·', text: tu(lang, 'runQueued'), tone: 'muted' };
      case 'updating':
        return { icon: spin, text: tu(lang, 'runUpdating'), tone: 'accent' };
      case 'configuring':
        return {
          icon: spin,
          text: tu(lang, 'runConfiguring', {
            status: listenerStatusWord(run.listenerStatus ?? 'Configuring', lang),
          }),
          tone: 'warning',
        };
      case 'updated':
        return {
          icon: '✓',
          text: tu(lang, 'runUpdated', { status: listenerStatusWord(run.listenerStatus ?? 'Running', lang) }),
          tone: 'good',
        };
      case 'failed':
        return {
          icon: '✗',
          text: tu(lang, 'runFailed', { reason: run.message?.[lang] ?? '' }),
          tone: 'danger',
        };
      case 'skipped':
        return {
          icon: '–',
          text: tu(lang, 'runSkipped', { reason: run.message?.[lang] ?? '' }),
          tone: 'muted',
        };
    }
  }
  const plan = row.plan;
  switch (plan.status) {
    case 'loading':
      return { icon: spin, text: tu(lang, 'planLoading'), tone: 'muted' };
    case 'unreadable':
      return {
        icon: '✗',
        text: tu(lang, 'planUnreadable', { reason: page.say(plan.message, lang) }),
        tone: 'danger',
      };
    case 'planned':
      if (plan.kind === 'update')
        return {
          icon: '~',
          text: tu(lang, 'planUpdate', {
            changes: changeCount(plan.diff.changes.length),
            summary: changesSummary(plan.diff.changes, lang, plan.names),
          }),
          tone: 'accent',
        };
      if (plan.kind === 'same') return { icon: '=', text: tu(lang, 'planSame'), tone: 'muted' };
      return {
        icon: '✗',
        text: tu(lang, 'planBlocked', { reason: plan.problems.map((p) => page.say(p, lang)).join('; ') }),
        tone: 'danger',
      };
  }
}

function detailLines(row: UpdateRow, lang: Lang, width: number): Line[] {
  const lines: Line[] = [];
  const add = (label: string, texts: readonly string[], tone?: Tone) =>
    lines.push(...page.detailSection(label, texts, width, tone));
  const instance = row.listener.instanceName
    ? `${row.listener.instanceName} (${row.listener.loadBalancerId})`
    : row.listener.loadBalancerId;
  lines.push(
    fitLine(
      [
        seg(` ${row.listener.label}`, { bold: true }),
        seg(`  ${row.listener.id} · ${instance}`, { tone: 'muted' }),
      ],
      width,
    ),
  );
  const plan = row.plan;
  if (plan.status === 'planned' && plan.kind === 'update') {
    lines.push([seg(` ${tu(lang, 'detailChanges')}`, { tone: 'muted' })]);
    const labels = plan.diff.changes.map((c) => fieldSpec(c.field).label[lang]);
    const labelWidth = Math.min(28, Math.max(...labels.map(cellWidth)));
    plan.diff.changes.forEach((change, index) => {
      lines.push([
        seg('   '),
        seg(padCells(truncateCells(labels[index]!, labelWidth), labelWidth), { tone: 'muted' }),
        seg('  '),
        seg(changeValue(change.before, lang, plan.names), { tone: 'danger' }),
        seg(' → ', { dim: true }),
        seg(changeValue(change.after, lang, plan.names), { bold: true, tone: 'good' }),
      ]);
    });
    const fields = [...new Set(plan.diff.changes.map((c) => c.parameter))].join(', ');
    for (const part of wrapCells(tu(lang, 'detailSent', { fields }), width - 3))
      lines.push([seg(`   ${part}`, { tone: 'muted' })]);
    if (plan.notes.length > 0)
      add(
        tu(lang, 'detailNotes'),
        plan.notes.map((n) => page.say(n, lang)),
        'warning',
      );
  } else if (plan.status === 'planned' && plan.kind === 'blocked') {
    add(
      tu(lang, 'detailProblems'),
      plan.problems.map((p) => page.say(p, lang)),
      'danger',
    );
  } else if (plan.status === 'planned' && plan.kind === 'same') {
    lines.push([seg(`   ${tu(lang, 'planSame')}`, { tone: 'muted' })]);
  } else if (plan.status === 'unreadable') {
    add(tu(lang, 'detailProblems'), [page.say(plan.message, lang)], 'danger');
  }
  if (row.run?.status === 'failed' && row.run.message)
    add(tu(lang, 'detailProblems'), [page.say(row.run.message, lang)], 'danger');
  if (changeable(row))
    lines.push([seg(` ${tu(lang, 'detailToken', { token: row.clientToken })}`, { tone: 'muted' })]);
  return lines.map((line) => fitLine(line, width));
}

function keysLine(state: UpdateState, lang: Lang): Line {
  const tally = updateCounts(state);
  switch (state.phase) {
    case 'review':
      if (state.confirm) return [seg(tu(lang, 'confirmKeys'), { tone: 'muted' })];
      return [seg(tu(lang, 'reviewKeys', { listeners: listenerCount(tally.update) }), { tone: 'muted' })];
    case 'running':
      return [seg(tu(lang, 'runningKeys'), { tone: 'muted' })];
    case 'done':
      return [seg(tu(lang, state.problem ? 'backKeys' : 'doneKeys'), { tone: 'muted' })];
    default:
      return [];
  }
}

export function renderUpdate(state: UpdateState, options: UpdateRenderOptions): Line[] {
  const { lang, width, height } = options;
  const spin = page.spinnerFrame(options.spinner);
  const tally = updateCounts(state);
  const title = tu(lang, 'title', { name: state.profileName, listeners: listenerCount(state.rows.length) });
  if (state.problem)
    return page.problemPage(title, page.say(state.problem, lang), keysLine(state, lang), width, height);
  const progress =
    state.phase === 'loading'
      ? tu(lang, 'loading', { name: state.profileName })
      : state.phase === 'planning'
        ? tu(lang, 'planning', {
            done: state.rows.length - state.rows.filter((r) => r.plan.status === 'loading').length,
            count: state.rows.length,
          })
        : state.phase === 'review'
          ? tu(lang, 'planSummary', { update: tally.update, same: tally.same, blocked: tally.blocked })
          : tu(lang, 'runSummary', {
              updated: tally.updated,
              running: tally.queued + tally.updating + tally.configuring,
              failed: tally.failed,
              skipped: tally.skipped,
            });
  const count = tally.update;
  const selected = state.rows[state.cursor];
  return page.renderBatchPage(
    {
      title,
      progress,
      progressTone: tally.failed > 0 ? 'danger' : 'accent',
      ...(options.target ? { target: targetLine(options.target, lang) } : {}),
      ...(state.phase === 'review' || state.phase === 'planning' ? { notes: [tu(lang, 'scope')] } : {}),
      ...page.bottomParts(state, lang, {
        prompt: tu(lang, 'confirm', { count }),
        wrong: tu(lang, 'confirmWrong', { count }),
      }),
      keys: keysLine(state, lang),
      rows: state.rows.map((row) => ({ label: row.listener.label, verdict: updateVerdict(row, lang, spin) })),
      cursor: state.cursor,
      labelWidth: { min: 10, max: 34 },
      detail: selected ? detailLines(selected, lang, width) : [],
    },
    width,
    height,
  );
}
