// The operations log as lines: the entries newest first (time, action, target, job, status), then the
// chosen one in full — every status it went through, its result, its ClientToken and the aliyun CLI
// command, wrapped whole so it can be read and copied. Pure.
import type { ChangeAction } from '../../domain/change-commands.js';
import type { Lang } from '../../domain/i18n.js';
import { cellWidth, padCells, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { scrollPosition } from '../components/scroll-position.js';
import { enumWord } from '../dashboard/enum-words.js';
import type { Tone } from '../theme.js';
import type { OpEntry, OpStatus } from './ops-log.js';
import { newestFirst, selectedIndex, type OpsViewState } from './ops-state.js';
import { to } from './ops-i18n.js';
import { windowStart } from '../list-cursor.js';

const SHORT_ACTION: Record<ChangeAction, string> = {
  CreateListener: 'create',
  DeleteListener: 'delete',
  UpdateListenerAttribute: 'update',
  StartListener: 'start',
  StopListener: 'stop',
  AssociateAdditionalCertificatesWithListener: '+certs',
  DissociateAdditionalCertificatesFromListener: '-certs',
  AddServersToServerGroup: '+server',
  RemoveServersFromServerGroup: '-server',
  UpdateServerGroupServersAttribute: 'weight',
  CreateRules: '+rules',
  UpdateRulesAttribute: '~rules',
  DeleteRules: '-rules',
};

const STATUS_TONE: Record<OpStatus, Tone> = {
  sent: 'accent',
  accepted: 'warning',
  done: 'good',
  failed: 'danger',
};

function clock(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}

/** A status the resource reported, in the console's words where it has them. */
function statusWord(status: string, lang: Lang): string {
  const listener = enumWord('listenerStatus', status, lang);
  return listener !== status ? listener : enumWord('certificateStatus', status, lang);
}

/** What the list says of an entry: its last status while it runs, its end once it has one. */
export function statusText(entry: OpEntry, lang: Lang): string {
  const last = entry.progress[entry.progress.length - 1];
  if (entry.status === 'accepted' && last) return statusWord(last, lang);
  return to(lang, entry.status);
}

export interface OpsRenderOptions {
  lang: Lang;
  width: number;
  height: number;
}

export function renderOps(
  state: OpsViewState,
  entries: readonly OpEntry[],
  { lang, width, height }: OpsRenderOptions,
): Line[] {
  const shown = newestFirst(entries);
  const lines: Line[] = [[seg(` ${to(lang, 'title')} · ${entries.length}`, { bold: true, tone: 'accent' })]];
  if (shown.length === 0) {
    for (const text of wrapCells(to(lang, 'empty'), width - 2))
      lines.push([seg(` ${text}`, { tone: 'muted' })]);
    return lines.map((line) => fitLine(line, width));
  }
  const at = selectedIndex(state, shown);
  const chosen = shown[at]!;
  const detail = detailLines(chosen, lang, width);
  // The list keeps at least three rows; the detail takes the rest (its command wraps last, so it cuts first).
  const listRoom = Math.max(3, height - 3 - Math.min(detail.length, Math.max(0, height - 8)));
  const statusWidth = 14;
  const jobWidth = width >= 100 ? 20 : 12;
  const targetWidth = Math.max(8, width - 2 - 8 - 2 - 7 - 2 - statusWidth - 2 - jobWidth - 2);
  const row = (time: string, action: string, target: string, job: string, status: string) =>
    ` ${padCells(time, 8)}  ${padCells(action, 7)}  ${padCells(truncateCells(target, targetWidth), targetWidth)}  ${padCells(truncateCells(job, jobWidth), jobWidth)}  ${truncateCells(status, statusWidth)}`;
  lines.push([
    seg(
      row(
        to(lang, 'columnTime'),
        to(lang, 'columnAction'),
        to(lang, 'columnTarget'),
        to(lang, 'columnJob'),
        to(lang, 'columnStatus'),
      ),
      { dim: true },
    ),
  ]);
  // The connection and region (`local@cn-hangzhou`) only where entries went to several; after the target,
  // so a narrow column cuts it rather than the target. The chosen entry's detail always names it.
  const severalConnections = new Set(shown.map((entry) => entry.connection)).size > 1;
  const first = windowStart(at, shown.length, listRoom);
  for (const entry of shown.slice(first, first + listRoom)) {
    const selected = entry.id === chosen.id;
    const text = row(
      clock(entry.at),
      SHORT_ACTION[entry.action],
      severalConnections && entry.connection ? `${entry.target} · ${entry.connection}` : entry.target,
      entry.jobId ?? '—',
      statusText(entry, lang),
    );
    lines.push([
      seg(selected ? '›' : ' ', { tone: 'accent', bold: true }),
      seg(text.slice(1), { ...(selected ? { inverse: true } : {}), tone: STATUS_TONE[entry.status] }),
    ]);
  }
  const position = scrollPosition(lang, first, listRoom, shown.length);
  lines.push([seg(`─${position ? ` ${position} ` : ''}`.padEnd(width, '─'), { dim: true })]);
  lines.push(...detail);
  return lines.slice(0, height).map((line) => fitLine(line, width));
}

function detailLines(entry: OpEntry, lang: Lang, width: number): Line[] {
  const lines: Line[] = [];
  const field = (label: string, value: string, tone?: Tone) => {
    const pad = padCells(label, Math.max(12, cellWidth(label) + 1));
    lines.push([seg(` ${pad}`, { tone: 'muted' }), seg(value, tone ? { tone } : {})]);
  };
  lines.push([seg(` ${entry.action} · ${entry.target}`, { bold: true })]);
  if (entry.connection) field(to(lang, 'connection'), entry.connection);
  const steps = [
    to(lang, 'sent'),
    ...(entry.jobId ? [`${to(lang, 'columnJob').toLowerCase()} ${entry.jobId}`] : []),
    ...entry.progress.map((status) => statusWord(status, lang)),
    ...(entry.status === 'done' || entry.status === 'failed' ? [to(lang, entry.status)] : []),
  ];
  field(to(lang, 'progress'), steps.join(' → '), STATUS_TONE[entry.status]);
  if (entry.result) field(to(lang, 'result'), entry.result[lang], STATUS_TONE[entry.status]);
  if (entry.clientToken) field(to(lang, 'token'), entry.clientToken);
  lines.push([seg(` ${to(lang, 'command')}`, { tone: 'muted' })]);
  for (const text of wrapCells(entry.command, width - 3)) lines.push([seg(`  ${text}`)]);
  return lines;
}
