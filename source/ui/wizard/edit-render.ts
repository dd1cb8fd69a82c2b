// The wizard's edit mode on screen: the title naming the listener, the diff the review shows instead
// of the whole request (only what changes, old → new), what depends on the listener, and the
// progress of the change through Configuring back to Running. Pure, like wizard-render.ts.
import { wireName } from '../../domain/create-request.js';
import { fieldSpec, type FieldId } from '../../domain/fields.js';
import type { Lang } from '../../domain/i18n.js';
import type { ChangeValue, FieldChange } from '../../domain/listener-diff.js';
import { cellWidth, padCells, sanitizeForTerminal, wrapCells } from '../../domain/text.js';
import { seg, type Line } from '../components/lines.js';
import { listenerStatusWord } from '../dashboard/rows.js';
import { te } from './edit-i18n.js';
import { editDiff, editImpact, editLabel } from './edit-mode.js';
import { mineNow, shownValue, tr } from './edit-resume.js';
import type { WizardScreen } from './wizard-screen.js';

function valueText(change: FieldChange, value: ChangeValue, lang: Lang): string {
  if (typeof value === 'boolean') return te(lang, value ? 'on' : 'off');
  if (value === '') return te(lang, 'empty');
  return sanitizeForTerminal(String(value));
}

function wrapped(text: string, width: number, indent: number, tone: 'muted' | 'warning' | 'accent'): Line[] {
  return wrapCells(text, Math.max(10, width - indent - 1)).map((part) => [
    seg(' '.repeat(indent)),
    seg(part, { tone }),
  ]);
}

export function editTitle(screen: WizardScreen, lang: Lang): string {
  const instance = screen.instanceName
    ? `${screen.instanceName} (${screen.loadBalancerId})`
    : screen.loadBalancerId;
  const name = screen.edit?.listener?.listenerDescription;
  const listener = `${editLabel(screen)}${name ? ` “${sanitizeForTerminal(name)}”` : ''} (${sanitizeForTerminal(screen.edit?.listenerId ?? '')})`;
  return te(lang, 'title', { listener, instance });
}

/** The review's summary in edit mode: each change old → new, what is sent, and what depends on it. */
export function editSummary(screen: WizardScreen, lang: Lang, width: number): Line[] {
  const diff = editDiff(screen);
  if (!diff) return [];
  const resumed = resumeSummary(screen, lang);
  if (diff.changes.length === 0)
    return [...resumed, [seg(' '), seg(te(lang, 'nothingToChange'), { tone: 'warning' })]];
  const lines: Line[] = [
    ...resumed,
    [seg(' '), seg(te(lang, 'diffTitle', { count: diff.changes.length }), { bold: true, tone: 'accent' })],
  ];
  const labels = diff.changes.map((c) => fieldSpec(c.field).label[lang]);
  const labelWidth = Math.min(28, Math.max(...labels.map(cellWidth)));
  diff.changes.forEach((change, index) => {
    lines.push([
      seg('   '),
      seg(padCells(labels[index]!, labelWidth), { tone: 'muted' }),
      seg('  '),
      seg(valueText(change, change.before, lang), { tone: 'danger' }),
      seg(' → ', { dim: true }),
      seg(valueText(change, change.after, lang), { bold: true, tone: 'good' }),
    ]);
  });
  const fields = [...new Set(diff.changes.map((c) => wireName(c.parameter)))].join(', ');
  lines.push(...wrapped(te(lang, 'sentFields', { fields }), width, 3, 'muted'));
  const impact = editImpact(screen, diff);
  if (impact.length > 0) {
    lines.push([], [seg(' '), seg(te(lang, 'impactTitle'), { bold: true, tone: 'warning' })]);
    for (const sentence of impact) lines.push(...wrapped(`• ${sentence[lang]}`, width, 3, 'warning'));
  }
  return lines;
}

/**
 * A resumed edit: the conflicts (theirs / mine, the highlighted one marked, each pick shown) and
 * what was taken from the listener, above the diff.
 */
function resumeSummary(screen: WizardScreen, lang: Lang): Line[] {
  const resume = screen.edit?.resume;
  if (!resume || (resume.conflicts.length === 0 && resume.taken.length === 0)) return [];
  const lines: Line[] = [];
  const labelOf = (field: FieldId) => fieldSpec(field).label[lang];
  const fields = [...resume.conflicts, ...resume.taken].map((c) => labelOf(c.field));
  const labelWidth = Math.min(24, Math.max(...fields.map(cellWidth)));
  if (resume.conflicts.length > 0) {
    lines.push([
      seg(' '),
      seg(tr(lang, 'conflictsTitle', { count: resume.conflicts.length }), { bold: true, tone: 'danger' }),
    ]);
    resume.conflicts.forEach((conflict, index) => {
      const pick = resume.picks[conflict.field];
      const here = index === resume.cursor;
      const side = (which: 'theirs' | 'mine', value: ChangeValue) =>
        seg(`${tr(lang, which)} ${shownValue(value)[lang]}`, {
          ...(pick === which ? { bold: true, tone: 'good' as const } : { dim: pick !== undefined }),
          ...(here && pick === undefined ? { tone: 'warning' as const } : {}),
        });
      lines.push([
        seg(here ? ' › ' : '   ', { tone: 'accent', bold: true }),
        seg(padCells(labelOf(conflict.field), labelWidth), { tone: here ? 'accent' : 'muted', bold: here }),
        seg('  '),
        seg(`${tr(lang, 'was')} ${shownValue(conflict.base)[lang]}`, { dim: true }),
        seg(' · '),
        side('theirs', conflict.theirs),
        seg(' · '),
        side('mine', mineNow(screen, conflict)),
        seg('  '),
        pick
          ? seg(`✓ ${tr(lang, pick)}`, { tone: 'good' })
          : seg(`? ${tr(lang, 'choose')}`, { tone: 'danger' }),
      ]);
    });
  }
  if (resume.taken.length > 0) {
    lines.push([seg(' '), seg(tr(lang, 'takenTitle'), { bold: true, tone: 'warning' })]);
    for (const change of resume.taken) {
      lines.push([
        seg('   '),
        seg(padCells(labelOf(change.field), labelWidth), { tone: 'muted' }),
        seg('  '),
        seg(shownValue(change.base)[lang], { dim: true }),
        seg(' → ', { dim: true }),
        seg(shownValue(change.theirs)[lang], { tone: 'warning' }),
      ]);
    }
  }
  lines.push([]);
  return lines;
}

/** The verdict lines that differ in edit mode (progress of the change); undefined where creation's apply. */
export function editVerdict(
  screen: WizardScreen,
  lang: Lang,
  width: number,
  spinner: string,
): Line[] | undefined {
  const { submission, precheck, clientToken } = screen.wizard;
  const token = clientToken.length > 13 ? `${clientToken.slice(0, 8)}…` : clientToken;
  switch (submission.status) {
    case 'submitting':
      return [[seg(' '), seg(`${spinner} ${te(lang, 'updating', { token })}`, { tone: 'accent' })]];
    case 'provisioning':
      return [
        [
          seg(' '),
          seg(
            `${spinner} ${te(lang, 'configuring', { id: submission.listenerId, status: submission.listenerStatus })}`,
            {
              tone: 'warning',
            },
          ),
        ],
      ];
    case 'running':
      return [
        [
          seg(' '),
          seg(
            `✓ ${te(lang, 'updated', { id: submission.listenerId, status: listenerStatusWord(screen.edit?.listener?.listenerStatus === 'Stopped' ? 'Stopped' : 'Running', lang) })}`,
            {
              tone: 'good',
            },
          ),
        ],
      ];
    case 'failed': {
      const reason = submission.issue.message[lang];
      const text = te(
        lang,
        submission.jobFailed
          ? 'submitJobFailed'
          : submission.retryable
            ? 'updateFailedRetry'
            : 'updateFailed',
        { reason },
      );
      return wrapped(text, width, 1, 'warning').map((line) =>
        line.map((s) => ({ ...s, tone: 'danger' as const })),
      );
    }
    case 'idle':
      if (precheck.status === 'idle' && (editDiff(screen)?.changes.length ?? 0) === 0)
        return [[seg(' '), seg(te(lang, 'nothingToSubmit'), { tone: 'muted' })]];
      return undefined;
  }
}

/** The production confirmation in edit mode: the listener's port, typed. */
export function editConfirmLabel(screen: WizardScreen, lang: Lang): string {
  return te(lang, 'confirmUpdate', {
    port: screen.edit?.listener?.listenerPort ?? '',
    listener: editLabel(screen),
    name: sanitizeForTerminal(screen.instanceName ?? screen.loadBalancerId),
    id: sanitizeForTerminal(screen.loadBalancerId),
  });
}
