// The connection and region columns of a mixed view: each connection's name in its colour, a `!` on
// rows whose connection failed this time (shown from its last listing). Only with several open. A
// profile open in more than one region is named `profile@region` in the connection column, so its
// rows stay apart where the region column does not fit. Pure.
import { cellWidth } from '../../domain/text.js';
import type { ColumnSpec } from '../dashboard/columns.js';
import { t, type Lang } from '../i18n.js';
import type { ConnectionMember } from './members.js';

interface OriginRow {
  readonly connection?: string;
  readonly stale?: boolean;
}

const NAME_MAX = 16;
const STALE_MARK_CELLS = 2;
/** Room for `profile@region` when one profile is open in several regions. */
const QUALIFIED_MAX = 26;

/** What the connection column says for each member: its profile, or `profile@region` when that is not unique. */
export function connectionLabels(members: readonly ConnectionMember[]): Map<string, string> {
  const profiles = new Map<string, number>();
  for (const member of members)
    profiles.set(member.connection.profile, (profiles.get(member.connection.profile) ?? 0) + 1);
  return new Map(
    members.map((member) => [
      member.key,
      (profiles.get(member.connection.profile) ?? 0) > 1 ? member.key : member.connection.profile,
    ]),
  );
}

export function originColumns<Row extends OriginRow>(
  members: readonly ConnectionMember[],
  lang: Lang,
): ColumnSpec<Row>[] {
  const byKey = new Map(members.map((member) => [member.key, member]));
  const labels = connectionLabels(members);
  const names = [...labels.values()].map(cellWidth);
  const qualified = members.some((member) => labels.get(member.key) !== member.connection.profile);
  const regions = members.map((member) => cellWidth(member.connection.region));
  return [
    {
      id: 'connection',
      title: 'columnConnection',
      // Room for the `! ` of rows from an earlier listing (a failed or not yet listed connection).
      width:
        Math.min(
          qualified ? QUALIFIED_MAX : NAME_MAX,
          Math.max(cellWidth(t(lang, 'columnConnection')), ...names),
        ) + STALE_MARK_CELLS,
      // Which account and region a row is in outweighs its status in a narrow pane; the region goes
      // before the IDs do.
      priority: 0.5,
      cell: (row) => {
        const member = row.connection === undefined ? undefined : byKey.get(row.connection);
        return {
          text: member ? (labels.get(member.key) ?? member.connection.profile) : '—',
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
