// Applying a profile to existing listeners, as lines: a title with the tally, one line per listener
// (its plan, then its result), the selected listener's diff in full (old → new), and the keys of the
// phase. Laid out as apply-render.ts lays out apply-to-many. Pure.
import { fieldSpec } from '../../domain/fields.js';
import type { Lang, Localized } from '../../domain/i18n.js';
import type { ChangeValue, FieldChange } from '../../domain/listener-diff.js';
import { cellWidth, padCells, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { listenerStatusWord } from '../dashboard/rows.js';
import type { Tone } from '../theme.js';
import { changeCount, listenerCount, tu } from './update-i18n.js';
import { changeable, updateCounts, type UpdateRow, type UpdateState } from './update-state.js';

export interface UpdateRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  spinner?: number;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

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

function say(message: Localized, lang: Lang): string {
  return message[lang];
}

/** The icon, words and tone of a row: its result once running, its plan before. */
export function updateVerdict(
  row: UpdateRow,
  lang: Lang,
  spin: string,
): { icon: string; text: string; tone: Tone } {
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
        text: tu(lang, 'planUnreadable', { reason: say(plan.message, lang) }),
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
        text: tu(lang, 'planBlocked', { reason: plan.problems.map((p) => say(p, lang)).join('; ') }),
        tone: 'danger',
      };
  }
}

function detailLines(row: UpdateRow, lang: Lang, width: number): Line[] {
  const lines: Line[] = [];
  const add = (label: string, texts: readonly string[], tone?: Tone) => {
    lines.push([seg(` ${label}`, { tone: 'muted' })]);
    for (const text of texts)
      for (const part of wrapCells(text, width - 3)) lines.push([seg(`   ${part}`, tone ? { tone } : {})]);
  };
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
        plan.notes.map((n) => say(n, lang)),
        'warning',
      );
  } else if (plan.status === 'planned' && plan.kind === 'blocked') {
    add(
      tu(lang, 'detailProblems'),
      plan.problems.map((p) => say(p, lang)),
      'danger',
    );
  } else if (plan.status === 'planned' && plan.kind === 'same') {
    lines.push([seg(`   ${tu(lang, 'planSame')}`, { tone: 'muted' })]);
  } else if (plan.status === 'unreadable') {
    add(tu(lang, 'detailProblems'), [say(plan.message, lang)], 'danger');
  }
  if (row.run?.status === 'failed' && row.run.message)
    add(tu(lang, 'detailProblems'), [say(row.run.message, lang)], 'danger');
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
  const spin = SPINNER[(options.spinner ?? 0) % SPINNER.length]!;
  const tally = updateCounts(state);
  const lines: Line[] = [
    fitLine(
      [
        seg(
          ` ${tu(lang, 'title', { name: state.profileName, listeners: listenerCount(state.rows.length) })}`,
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
    return [...lines, keysLine(state, lang)].slice(0, height);
  }
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
  lines.push(fitLine([seg(` ${progress}`, { tone: tally.failed > 0 ? 'danger' : 'accent' })], width));
  if (state.phase === 'review' || state.phase === 'planning')
    lines.push(fitLine([seg(` ${tu(lang, 'scope')}`, { tone: 'muted' })], width));

  const bottom: Line[] = [];
  if (state.confirm) {
    const count = tally.update;
    for (const text of wrapCells(tu(lang, 'confirm', { count }), width))
      bottom.push([seg(text, { tone: 'danger', bold: true })]);
    bottom.push([seg(`   ${state.confirm.text}`), seg(' ', { inverse: true })]);
    if (state.confirm.wrong)
      for (const text of wrapCells(tu(lang, 'confirmWrong', { count }), width))
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
  const labelWidth = Math.min(34, Math.max(10, ...state.rows.map((row) => cellWidth(row.listener.label))));
  for (const [index, row] of state.rows.slice(start, start + listRows).entries()) {
    const chosen = start + index === state.cursor;
    const verdict = updateVerdict(row, lang, spin);
    lines.push(
      fitLine(
        [
          seg(chosen ? '›' : ' ', { bold: chosen }),
          seg(`${verdict.icon} `, { tone: verdict.tone }),
          seg(`${padCells(truncateCells(row.listener.label, labelWidth), labelWidth)}  `, { bold: chosen }),
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
