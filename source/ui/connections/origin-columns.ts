// The connection and region columns of a mixed view: each connection's name in its colour, a `!` on
// rows whose connection failed this time (shown from its last listing). Only with several open. Pure.
import { cellWidth } from '../../domain/text.js';
import type { ColumnSpec } from '../dashboard/columns.js';
import { t, type Lang } from '../i18n.js';
import type { ConnectionMember } from './members.js';

interface OriginRow {
  readonly connection?: string;
  readonly stale?: boolean;
}

const NAME_MAX = 16;

export function originColumns<Row extends OriginRow>(
  members: readonly ConnectionMember[],
  lang: Lang,
): ColumnSpec<Row>[] {
  const byKey = new Map(members.map((member) => [member.key, member]));
  const names = members.map((member) => cellWidth(member.connection.profile));
  const regions = members.map((member) => cellWidth(member.connection.region));
  return [
    {
      id: 'connection',
      title: 'columnConnection',
      width: Math.min(NAME_MAX, Math.max(cellWidth(t(lang, 'columnConnection')), ...names)),
      // Which account and region a row is in outweighs its status in a narrow pane; the region goes
      // before the IDs do.
      priority: 0.5,
      cell: (row) => {
        const member = row.connection === undefined ? undefined : byKey.get(row.connection);
        return {
          text: member?.connection.profile ?? '—',
          ...(member ? { colour: member.colour } : {}),
          ...(row.stale ? { mark: { char: '!', tone: 'danger' as const } } : {}),
        };
      },
    },
    {
      id: 'region',
      title: 'columnRegion',
      width: Math.max(cellWidth(t(lang, 'columnRegion')), ...regions),
      priority: 3.5,
      cell: (row) => {
        const member = row.connection === undefined ? undefined : byKey.get(row.connection);
        return { text: member?.connection.region ?? '—', tone: 'muted' };
      },
    },
  ];
}
