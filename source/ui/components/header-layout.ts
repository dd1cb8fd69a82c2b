// What the header keeps when the terminal is narrow. The connection's name (the profile) says which
// account the keys act on: it is the last thing to go. Before it go, in this order, the endpoint,
// the refresh state, the help hint, the product name, the kind of connection and the region; only
// then is the name cut. The read-only and settings-not-saved marks stay with the name. Pure.
import { cellWidth, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import type { Connection } from '../connection.js';
import { ct } from '../connections/connections-i18n.js';
import { t, type Lang } from '../i18n.js';

export interface HeaderText {
  product: string;
  /** The connection: kind, region, endpoint, name, whichever are kept, joined by ` · `. */
  where: string;
  readOnly: string;
  /** Several connections open: those whose last listing failed (`1 failed: bad@cn-hangzhou`). */
  failed: string;
  gap: string;
  refresh: string;
  help: string;
}

type Part = 'endpoint' | 'refresh' | 'help' | 'product' | 'kind' | 'region';

/** First dropped first. */
const DROP_ORDER: readonly Part[] = ['endpoint', 'refresh', 'help', 'product', 'kind', 'region'];

export function headerText(
  connection: Connection,
  lang: Lang,
  columns: number,
  refreshText: string | undefined,
  settingsUnsaved = false,
  failed: readonly string[] = [],
): HeaderText {
  const members = connection.members;
  if (members && members.length > 1) return mixedHeaderText(connection, lang, columns, refreshText, failed);
  const kind = t(lang, connection.kind === 'local' ? 'localAlb' : 'alibabaCloud');
  const endpoint = connection.kind === 'cloud' && connection.endpoint ? connection.endpoint : '';
  // An ad-hoc `--endpoint` connection is named by its endpoint: the name then says it.
  const named = connection.profile !== connection.endpoint;
  const name = named ? t(lang, 'profile', { name: connection.profile }) : endpoint;
  const dropped = new Set<Part>();
  const build = (): HeaderText => {
    const where = [
      dropped.has('kind') ? '' : kind,
      dropped.has('region') ? '' : connection.region,
      named && !dropped.has('endpoint') ? endpoint : '',
      name,
    ]
      .filter((part) => part !== '')
      .map(sanitizeForTerminal)
      .join(' · ');
    return {
      product: dropped.has('product') ? ' ' : ` ${t(lang, 'appName')}  `,
      where,
      readOnly:
        (connection.readOnly ? `  ${t(lang, 'readOnly')}` : '') +
        (settingsUnsaved ? `  ${t(lang, 'settingsNotSaved')}` : ''),
      failed: '',
      gap: '',
      refresh: refreshText && !dropped.has('refresh') ? `${refreshText}  ` : '',
      help: dropped.has('help') ? '' : ` ${t(lang, 'helpHint')} `,
    };
  };
  let text = build();
  for (const part of DROP_ORDER) {
    if (fits(text, columns)) break;
    dropped.add(part);
    text = build();
  }
  // At least one blank between the connection and what follows it.
  const room = Math.max(0, columns - fixedWidth(text));
  const where = truncateCells(text.where, Math.max(0, room - 1));
  return { ...text, where, gap: ' '.repeat(Math.max(0, room - cellWidth(where))) };
}

function fixedWidth(text: HeaderText): number {
  return (
    cellWidth(text.product) +
    cellWidth(text.readOnly) +
    cellWidth(text.failed) +
    cellWidth(text.refresh) +
    cellWidth(text.help)
  );
}

/**
 * `3 connections · local@cn-hangzhou local@cn-shanghai bad@cn-hangzhou  1 failed: bad@cn-hangzhou`:
 * the count and the failed ones stay longest; the list of names is cut first.
 */
function mixedHeaderText(
  connection: Connection,
  lang: Lang,
  columns: number,
  refreshText: string | undefined,
  failedKeys: readonly string[],
): HeaderText {
  const members = connection.members ?? [];
  const readOnlyCount = members.filter((member) => member.connection.readOnly).length;
  const failed =
    failedKeys.length > 0
      ? `  ${ct(lang, 'headerFailed', { count: failedKeys.length, names: failedKeys.map(sanitizeForTerminal).join(', ') })}`
      : '';
  const text: HeaderText = {
    product: ` ${t(lang, 'appName')}  `,
    where: [
      ct(lang, 'headerConnections', { count: members.length }),
      members.map((m) => sanitizeForTerminal(m.key)).join(' '),
    ].join(' · '),
    readOnly: readOnlyCount > 0 ? `  ${ct(lang, 'headerReadOnly', { count: readOnlyCount })}` : '',
    failed,
    gap: '',
    refresh: refreshText ? `${refreshText}  ` : '',
    help: ` ${t(lang, 'helpHint')} `,
  };
  let fitted = text;
  for (const drop of ['refresh', 'help', 'product'] as const) {
    if (fits(fitted, columns)) break;
    fitted = { ...fitted, [drop]: drop === 'product' ? ' ' : '' };
  }
  const room = Math.max(0, columns - fixedWidth(fitted));
  const where = truncateCells(fitted.where, Math.max(0, room - 1));
  return { ...fitted, where, gap: ' '.repeat(Math.max(0, room - cellWidth(where))) };
}

function fits(text: HeaderText, columns: number): boolean {
  return fixedWidth(text) + cellWidth(text.where) + 1 <= columns;
}
