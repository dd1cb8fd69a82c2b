// Applying a profile to existing listeners, as lines: a title with the tally, one line per listener
// (its plan, then its result), the selected listener's diff in full (old → new), and the keys of the
// phase. Laid out by batch-render.ts, as apply-to-many is. Pure.
import { fieldSpec } from '../../domain/fields.js';
import type { Lang } from '../../domain/i18n.js';
import type { ChangeValue, FieldChange } from '../../domain/listener-diff.js';
import { cellWidth, padCells, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { listenerStatusWord } from '../dashboard/rows.js';
import * as page from './batch-render.js';
import type { BatchRenderOptions, RowWords, Verdict } from './batch-render.js';
import { changeCount, listenerCount, tu } from './update-i18n.js';
import { changeable, updateCounts, type UpdateRow, type UpdateState } from './update-state.js';

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

function rowWords(lang: Lang): RowWords {
  return (key, params) => tu(lang, key, params);
}

/** The icon, words and tone of a row: its result once running, its plan before. */
export function updateVerdict(row: UpdateRow, lang: Lang, spin: string): Verdict {
  const { run, plan } = row;
  if (run) {
    switch (run.status) {
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
    }
  } else if (plan.status === 'planned' && plan.kind === 'update') {
    return {
      icon: '~',
      text: tu(lang, 'planUpdate', {
        changes: changeCount(plan.diff.changes.length),
        summary: changesSummary(plan.diff.changes, lang, plan.names),
      }),
      tone: 'accent',
    };
  } else if (plan.status === 'planned' && plan.kind === 'same') {
    return { icon: '=', text: tu(lang, 'planSame'), tone: 'muted' };
  }
  return page.sharedVerdict(row, lang, spin, rowWords(lang));
}

function detailLines(row: UpdateRow, lang: Lang, width: number): Line[] {
  const instance = row.listener.instanceName
    ? `${row.listener.instanceName} (${row.listener.loadBalancerId})`
    : row.listener.loadBalancerId;
  const lines: Line[] = [
    fitLine(
      [
        seg(` ${row.listener.label}`, { bold: true }),
        seg(`  ${row.listener.id} · ${instance}`, { tone: 'muted' }),
      ],
      width,
    ),
  ];
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
      lines.push(
        ...page.detailSection(
          tu(lang, 'detailNotes'),
          plan.notes.map((n) => page.say(n, lang)),
          width,
          'warning',
        ),
      );
  } else if (plan.status === 'planned' && plan.kind === 'same') {
    lines.push([seg(`   ${tu(lang, 'planSame')}`, { tone: 'muted' })]);
  }
  lines.push(...page.detailTail(row, changeable(row), lang, width, rowWords(lang)));
  return lines.map((line) => fitLine(line, width));
}

export function renderUpdate(state: UpdateState, options: BatchRenderOptions): Line[] {
  const { lang, width } = options;
  const tally = updateCounts(state);
  const name = state.profileName;
  const count = tally.update;
  return page.renderBatch(state, options, {
    words: {
      title: tu(lang, 'title', { name, listeners: listenerCount(state.rows.length) }),
      progress: {
        loading: tu(lang, 'loading', { name }),
        planning: (done, count) => tu(lang, 'planning', { done, count }),
        review: tu(lang, 'planSummary', { update: tally.update, same: tally.same, blocked: tally.blocked }),
        run: tu(lang, 'runSummary', {
          updated: tally.updated,
          running: tally.queued + tally.updating + tally.configuring,
          failed: tally.failed,
          skipped: tally.skipped,
        }),
      },
      confirm: { prompt: tu(lang, 'confirm', { count }), wrong: tu(lang, 'confirmWrong', { count }) },
      keys: {
        confirm: tu(lang, 'confirmKeys'),
        review: tu(lang, 'reviewKeys', { listeners: listenerCount(count) }),
        running: tu(lang, 'runningKeys'),
        done: tu(lang, 'doneKeys'),
        back: tu(lang, 'backKeys'),
      },
    },
    failed: tally.failed,
    ...(state.phase === 'review' || state.phase === 'planning' ? { notes: [tu(lang, 'scope')] } : {}),
    row: (row, spin) => ({ label: row.listener.label, verdict: updateVerdict(row, lang, spin) }),
    labelWidth: { min: 10, max: 34 },
    detail: (row) => detailLines(row, lang, width),
  });
}
