// The certificate view as lines (pure): the list and the target picker here; the plan, the run and
// its results in rotation-render.ts.
import type { Lang } from '../../domain/i18n.js';
import { uncoveredNames, type RotationWarning } from '../../domain/certificate-names.js';
import { changesOf, type RotationPlan } from '../../domain/rotation.js';
import { padCells, truncateCells } from '../../domain/text.js';
import { fitLine, seg, type Line } from '../components/lines.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import { scrollPosition } from '../components/scroll-position.js';
import { enumWord } from '../dashboard/enum-words.js';
import { expiryTone } from '../dashboard/rows.js';
import type { Tone } from '../theme.js';
import { tc, type CertsTextKey } from './certs-i18n.js';
import {
  certificateOf,
  rotationWarningsOf,
  runnable,
  selectedRow,
  targetChoices,
  visibleRows,
  type CertRow,
  type CertsMode,
  type CertsState,
} from './certs-state.js';
import { windowStart } from '../list-cursor.js';
import { listenerLabel, nameList, planLines, roleText, runLines } from './rotation-render.js';

export interface CertsRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  /** The reason of the last failure, for the notices that name one. */
  reason?: string;
  /** Where a rotation goes: named on its plan and confirmation. */
  target?: readonly ChangeTarget[];
}

function targetLines(options: CertsRenderOptions): Line[] {
  const where = targetLine(options.target, options.lang);
  return where ? [[seg(` ${where}`, { bold: true })]] : [];
}

function expiryCell(days: number | undefined, lang: Lang): string {
  if (days === undefined) return '—';
  return days < 0 ? tc(lang, 'expired') : tc(lang, 'days', { days });
}

export function renderCerts(state: CertsState, options: CertsRenderOptions): Line[] {
  const { width, height } = options;
  const body = bodyLines(state, state.mode, options);
  const notice = state.notice
    ? [
        [
          seg(
            ` ${tc(options.lang, `notice${state.notice.key[0]!.toUpperCase()}${state.notice.key.slice(1)}` as CertsTextKey, { reason: options.reason ?? '' })}`,
            { tone: state.notice.tone },
          ),
        ],
      ]
    : [];
  const keys: Line = [seg(` ${tc(options.lang, keysFor(state.mode))}`, { dim: true })];
  const room = Math.max(1, height - notice.length - 1);
  return [
    ...body.slice(0, room),
    ...Array.from({ length: Math.max(0, room - body.length) }, () => []),
    ...notice,
    keys,
  ]
    .slice(0, height)
    .map((line) => fitLine(line, width));
}

function keysFor(mode: CertsMode): CertsTextKey {
  switch (mode.kind) {
    case 'pick':
      return 'pickKeys';
    case 'plan':
    case 'confirm':
      return 'planKeys';
    case 'done':
      return 'doneKeys';
    default:
      return 'listKeys';
  }
}

function bodyLines(state: CertsState, mode: CertsMode, options: CertsRenderOptions): Line[] {
  const { lang } = options;
  if (state.status === 'failed' && state.rows.length === 0)
    return [
      [seg(` ${tc(lang, 'failed', { reason: state.error?.message[lang] ?? '' })}`, { tone: 'danger' })],
    ];
  if (state.status === 'loading' && state.rows.length === 0)
    return [[seg(` ${tc(lang, 'loading')}`, { tone: 'muted' })]];
  switch (mode.kind) {
    case 'list':
      return listLines(state, options);
    case 'pick':
      return pickLines(state, mode, options);
    case 'planning':
      return [[seg(` ${tc(lang, 'planning')}`, { tone: 'muted' })]];
    case 'plan':
      return [
        ...targetLines(options),
        ...planLines(mode, lang, options.width, warningsOf(state, mode.plan)).slice(mode.scroll),
      ];
    case 'confirm': {
      const count = changesOf(runnable(mode)).length;
      return [
        ...targetLines(options),
        [
          seg(` ${tc(lang, state.production ? 'confirm' : 'confirmNames', { count, text: mode.text })}`, {
            tone: 'danger',
            bold: true,
          }),
        ],
        ...(mode.wrong ? [[seg(` ${tc(lang, 'confirmWrong', { count })}`, { tone: 'danger' })]] : []),
        [],
        ...planLines(mode, lang, options.width, warningsOf(state, mode.plan)),
      ];
    }
    case 'running':
    case 'done':
      return runLines(mode.plan, mode.progress, mode.kind === 'done', lang, options.width);
  }
}

function listLines(state: CertsState, { lang, width, height }: CertsRenderOptions): Line[] {
  const rows = visibleRows(state);
  const sort = tc(
    lang,
    state.sort === 'expiry' ? 'sortExpiry' : state.sort === 'name' ? 'sortName' : 'sortUses',
  );
  const title: Line = [
    seg(` ${tc(lang, 'title')} · ${rows.length}`, { bold: true, tone: 'accent' }),
    seg(`  ${tc(lang, 'sortedBy', { sort })}`, { dim: true }),
    ...(state.filtering || state.filter
      ? [
          seg(`  ${tc(lang, 'filter', { text: state.filter })}${state.filtering ? '▏' : ''}`, {
            tone: 'accent',
          }),
        ]
      : []),
  ];
  const lines: Line[] = [title];
  const idWidth = 22;
  const usesWidth = 10;
  const nameWidth = Math.max(10, width - 2 - 9 - 2 - idWidth - 2 - usesWidth - 2);
  const row = (expiry: string, id: string, name: string, uses: string) =>
    `${padCells(expiry, 9)}  ${padCells(truncateCells(id, idWidth), idWidth)}  ${padCells(truncateCells(name, nameWidth), nameWidth)}  ${uses}`;
  lines.push([
    seg(
      `  ${row(tc(lang, 'columnExpiry'), tc(lang, 'columnId'), tc(lang, 'columnName'), tc(lang, 'columnUses'))}`,
      { dim: true },
    ),
  ]);
  if (rows.length === 0) return [...lines, [seg(` ${tc(lang, 'none')}`, { tone: 'muted' })]];
  const chosen = selectedRow(state)!;
  const detail = detailLines(chosen, lang);
  const room = Math.max(3, height - 4 - Math.min(detail.length, Math.max(0, height - 10)));
  const at = Math.min(state.cursor, rows.length - 1);
  const { first, shown } = window(rows, at, room);
  for (const r of shown) {
    const selected = r === chosen;
    const c = r.certificate;
    const name = c.name === c.commonName ? c.commonName : `${c.name} (${c.commonName})`;
    lines.push([
      seg(selected ? '›' : ' ', { tone: 'accent', bold: true }),
      seg(' '),
      seg(padCells(expiryCell(r.days, lang), 9), {
        ...(expiryTone(r.days) ? { tone: expiryTone(r.days)! } : {}),
      }),
      seg(
        `  ${row('', c.certificateId, name, r.uses.length === 0 ? '—' : String(r.uses.length)).slice(11)}`,
        selected ? { inverse: true } : {},
      ),
    ]);
  }
  const position = scrollPosition(lang, first, room, rows.length);
  lines.push([seg(`─${position ? ` ${position} ` : ''}`.padEnd(width, '─'), { dim: true })]);
  return [...lines, ...detail];
}

function detailLines(row: CertRow, lang: Lang): Line[] {
  const c = row.certificate;
  const lines: Line[] = [];
  if (c.sans.length > 0)
    lines.push([seg(` ${tc(lang, 'sans')}: `, { tone: 'muted' }), seg(c.sans.join(', '))]);
  if (row.uses.length === 0) {
    lines.push([seg(` ${tc(lang, 'unused')}`, { tone: 'muted' })]);
    return lines;
  }
  lines.push([seg(` ${tc(lang, 'usedBy', { count: row.uses.length })}`, { tone: 'muted' })]);
  for (const use of row.uses) {
    lines.push([
      seg(`   ${listenerLabel(use.listener)}`),
      seg(` · ${roleText(use.role, lang)} · ${enumWord('certificateStatus', use.status, lang)}`, {
        tone: 'muted',
      }),
    ]);
  }
  return lines;
}

function pickLines(
  state: CertsState,
  mode: Extract<CertsMode, { kind: 'pick' }>,
  { lang, height }: CertsRenderOptions,
): Line[] {
  const choices = targetChoices(state, mode.from, mode.filter);
  const lines: Line[] = [
    [seg(` ${tc(lang, 'pickTitle', { from: mode.from })}`, { bold: true, tone: 'accent' })],
    [seg(` ${tc(lang, 'pickFilter', { text: mode.filter })}▏`)],
  ];
  if (choices.length === 0) return [...lines, [seg(` ${tc(lang, 'noticeNoTarget')}`, { tone: 'muted' })]];
  const source = certificateOf(state, mode.from);
  const { shown } = window(choices, mode.cursor, Math.max(1, height - 6));
  for (const choice of shown) {
    const selected = choice === choices[mode.cursor];
    const c = choice.certificate;
    const expired = choice.days !== undefined && choice.days < 0;
    const soon = !expired && choice.days !== undefined && choice.days <= 30;
    const misses = source ? uncoveredNames(source, c) : [];
    const tone: Tone | undefined = expiryTone(choice.days);
    lines.push([
      seg(selected ? '›' : ' ', { tone: 'accent', bold: true }),
      seg(` ${padCells(expiryCell(choice.days, lang), 9)}`, {
        ...(tone ? { tone } : {}),
        ...(expired ? { dim: true } : {}),
      }),
      seg(`  ${c.certificateId}`, {
        ...(selected ? { inverse: true } : {}),
        ...(expired ? { dim: true } : {}),
      }),
      // The marks before the names: a long SAN list must not push them off the line.
      ...(expired ? [seg(`  ${tc(lang, 'notChoosable')}`, { tone: 'danger' })] : []),
      ...(soon ? [seg(`  ${tc(lang, 'expiringSoon')}`, { tone: 'warning' })] : []),
      ...(misses.length > 0 && !expired ? [seg(`  ${tc(lang, 'notAllNames')}`, { tone: 'warning' })] : []),
      seg(`  ${c.commonName}${c.sans.length > 0 ? ` (${c.sans.join(', ')})` : ''}`, {
        ...(expired ? { dim: true } : {}),
      }),
    ]);
  }
  // Which names the chosen one would leave without a certificate, said before Enter plans anything.
  const chosen = choices[mode.cursor];
  const misses = source && chosen ? uncoveredNames(source, chosen.certificate) : [];
  if (misses.length > 0)
    lines.push(
      [],
      [
        seg(` ${tc(lang, 'pickMisses', { names: nameList(misses, lang), from: mode.from })}`, {
          tone: 'warning',
        }),
      ],
    );
  return lines;
}

function warningsOf(state: CertsState, plan: RotationPlan): RotationWarning[] {
  return rotationWarningsOf(state, plan.from, plan.to);
}

function window<T>(items: readonly T[], at: number, room: number): { first: number; shown: T[] } {
  const first = windowStart(at, items.length, room);
  return { first, shown: items.slice(first, first + room) };
}
