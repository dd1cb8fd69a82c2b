// A listener's certificates as lines (pure): default and extra ones, the picker, the preview of what
// changes, the change being followed, a failure.
import type { Lang } from '../../domain/i18n.js';
import { fitLine, seg, type Line } from '../components/lines.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import { enumWord } from '../dashboard/enum-words.js';
import { expiryTone } from '../dashboard/rows.js';
import { tc } from './certs-i18n.js';
import { tl } from './listener-certs-i18n.js';
import { pickChoices, type CertChange, type ListenerCertsState } from './listener-certs-state.js';

function expiry(days: number | undefined, lang: Lang): string {
  if (days === undefined) return '—';
  return days < 0 ? tc(lang, 'expired') : tc(lang, 'days', { days });
}

export function changeLines(change: CertChange, lang: Lang): Line[] {
  switch (change.kind) {
    case 'add':
      return change.certificateIds.map((id) => [seg(`   + ${tl(lang, 'extra')} ${id}`, { tone: 'good' })]);
    case 'remove':
      return change.certificateIds.map((id) => [seg(`   − ${tl(lang, 'extra')} ${id}`, { tone: 'danger' })]);
    case 'replace-default':
      return [[seg(`   ${tl(lang, 'default')}: ${change.from ?? '—'} → ${change.to}`, { tone: 'warning' })]];
  }
}

export function renderListenerCerts(
  state: ListenerCertsState,
  lang: Lang,
  width: number,
  height: number,
  target?: readonly ChangeTarget[],
): Line[] {
  const lines: Line[] = [
    [
      seg(` ${tl(lang, 'title', { id: state.listenerId, port: state.port })}`, {
        bold: true,
        tone: 'accent',
      }),
    ],
  ];
  if (state.status === 'failed' && state.bound.length === 0)
    lines.push([seg(` ${state.error?.message[lang] ?? ''}`, { tone: 'danger' })]);
  else if (state.status === 'loading' && state.bound.length === 0)
    lines.push([seg(` ${tc(lang, 'loading')}`, { tone: 'muted' })]);
  const mode = state.mode;
  if (mode.kind === 'pick') {
    lines.push([
      seg(
        ` ${tl(lang, mode.purpose === 'add' ? 'pickAdd' : 'pickDefault')}  ${tc(lang, 'pickFilter', { text: mode.filter })}▏`,
      ),
    ]);
    const choices = pickChoices(state, mode.filter);
    choices.forEach((choice, index) => {
      const c = choice.certificate;
      const marked = mode.marked.has(c.certificateId);
      const isExpired = choice.days !== undefined && choice.days < 0;
      const soon = !isExpired && choice.days !== undefined && choice.days <= 30;
      const tone = expiryTone(choice.days);
      lines.push([
        seg(index === mode.cursor ? '›' : ' ', { tone: 'accent', bold: true }),
        seg(mode.purpose === 'add' ? (marked ? '[x] ' : '[ ] ') : ' '),
        seg(`${expiry(choice.days, lang).padEnd(9)} `, tone ? { tone } : {}),
        seg(`${c.certificateId}  ${c.commonName}  ${c.sans.join(', ')}`, {
          ...(index === mode.cursor ? { inverse: true } : {}),
          ...(isExpired ? { dim: true } : {}),
        }),
        ...(isExpired ? [seg(`  ${tc(lang, 'notChoosable')}`, { tone: 'danger' })] : []),
        ...(soon ? [seg(`  ${tc(lang, 'expiringSoon')}`, { tone: 'warning' })] : []),
      ]);
    });
    lines.push([
      seg(` ${tl(lang, mode.purpose === 'add' ? 'pickAddKeys' : 'pickDefaultKeys')}`, { dim: true }),
    ]);
    return lines.slice(0, height).map((line) => fitLine(line, width));
  }
  state.bound.forEach((row, index) => {
    const c = row.certificate;
    const tone = expiryTone(row.days);
    lines.push([
      seg(index === state.cursor ? '›' : ' ', { tone: 'accent', bold: true }),
      seg(` ${(row.bound.isDefault ? tl(lang, 'default') : tl(lang, 'extra')).padEnd(8)} `, {
        bold: row.bound.isDefault,
      }),
      seg(`${expiry(row.days, lang).padEnd(9)} `, tone ? { tone } : {}),
      seg(
        `${row.bound.certificateId}  ${c?.commonName ?? ''}`,
        index === state.cursor ? { inverse: true } : {},
      ),
      seg(`  ${enumWord('certificateStatus', row.bound.status, lang)}`, {
        tone: row.bound.status === 'Associated' ? 'good' : 'warning',
      }),
    ]);
    if (c && c.sans.length > 0)
      lines.push([seg(`     ${tc(lang, 'sans')}: ${c.sans.join(', ')}`, { tone: 'muted' })]);
  });
  lines.push([]);
  if (mode.kind === 'preview') {
    lines.push([seg(` ${tl(lang, 'preview')}`, { bold: true })]);
    const where = targetLine(target, lang);
    if (where) lines.push([seg(` ${where}`, { bold: true })]);
    lines.push(...changeLines(mode.change, lang));
    if (state.production)
      lines.push([
        seg(` ${tl(lang, 'confirmPort', { port: state.port, text: mode.text })}`, {
          tone: 'danger',
          bold: true,
        }),
      ]);
    if (mode.wrong)
      lines.push([seg(` ${tl(lang, 'confirmWrong', { port: state.port })}`, { tone: 'danger' })]);
    lines.push([seg(` ${tl(lang, state.production ? 'previewKeysTyped' : 'previewKeys')}`, { dim: true })]);
  } else if (mode.kind === 'running') {
    lines.push(
      [
        seg(` ${tl(lang, 'running')}`, { tone: 'warning' }),
        seg(mode.status ? ` · ${enumWord('certificateStatus', mode.status, lang)}` : ''),
      ],
      ...changeLines(mode.change, lang),
    );
  } else if (mode.kind === 'failed') {
    lines.push(
      [seg(` ${tl(lang, 'failed', { reason: mode.error.message[lang] })}`, { tone: 'danger' })],
      ...changeLines(mode.change, lang),
    );
    lines.push([seg(` ${tl(lang, 'failedKeys')}`, { dim: true })]);
  } else {
    if (state.notice)
      lines.push([
        seg(` ${tl(lang, `notice_${state.notice}`)}`, { tone: state.notice === 'done' ? 'good' : 'warning' }),
      ]);
    lines.push([seg(` ${tl(lang, 'listKeys')}`, { dim: true })]);
  }
  return lines.slice(0, height).map((line) => fitLine(line, width));
}
