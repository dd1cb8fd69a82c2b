// The columns of the two lists, and how they fit a width: every row is exactly one line of the pane's
// inner width in terminal cells. Columns that do not fit are left out, least important first; the
// name column takes what is left. Pure.
import type { Lang } from '../../domain/i18n.js';
import { cellWidth, fitCells, type Align } from '../../domain/text.js';
import { t, type MessageKey } from '../i18n.js';
import type { Tone } from '../theme.js';
import {
  addressTypeWord,
  editionWord,
  instanceStatusTone,
  instanceStatusWord,
  listenerStatusTone,
  listenerStatusWord,
  type InstanceRow,
  type ListenerRow,
} from './rows.js';

export interface Cell {
  text: string;
  tone?: Tone;
  /** A connection's own colour (mixed views), painted only when colour is on. */
  colour?: string;
  /** A character drawn before the text in the same column, in its own tone (an expiry mark). */
  mark?: { char: string; tone: Tone };
}

export interface RowContext {
  lang: Lang;
  /** Listener IDs being deleted: their status reads "Deleting…". */
  deleting: ReadonlySet<string>;
  /** Instance IDs marked with Space (for applying a profile to many): a `✓` beside the cursor. */
  marked?: ReadonlySet<string>;
  /** Listener ID → the expiry mark of its default certificate (expired or expiring). */
  certificateMarks?: ReadonlyMap<string, { char: string; tone: Tone }>;
  /** Listener ID → its servers' health in words (`2/3 healthy`), once read. */
  health?: Pick<ReadonlyMap<string, Cell>, 'get'>;
}

export interface ColumnSpec<Row> {
  id: string;
  title: MessageKey;
  /** Cells wide; `flex` takes the room left (at least `min`). */
  width: number | 'flex';
  min?: number;
  align?: Align;
  /** Lower stays longer; 0 never goes. */
  priority: number;
  cell(row: Row, context: RowContext): Cell;
}

export interface FittedColumn<Row> {
  spec: ColumnSpec<Row>;
  width: number;
}

/** The selection marker (`›`) and the blank after it. */
export const MARKER_CELLS = 2;
export const COLUMN_GAP = 2;
const GAP = ' '.repeat(COLUMN_GAP);

const EMPTY = '—';

function widest(words: readonly string[], title: string): number {
  return Math.max(cellWidth(title), ...words.map(cellWidth));
}

export function instanceColumns(lang: Lang): ColumnSpec<InstanceRow>[] {
  const statuses = (['Active', 'Inactive', 'Provisioning', 'Configuring', 'CreateFailed'] as const).map((s) =>
    instanceStatusWord(s, lang),
  );
  const editions = (['Basic', 'Standard', 'StandardWithWaf'] as const).map((e) => editionWord(e, lang));
  const addressTypes = (['Internet', 'Intranet'] as const).map((a) => addressTypeWord(a, lang));
  return [
    {
      id: 'name',
      title: 'columnName',
      width: 'flex',
      // Names matter more than the edition: it goes before a name is cut below this.
      min: 18,
      priority: 0,
      cell: (row) => ({ text: row.name || EMPTY }),
    },
    {
      id: 'status',
      title: 'columnStatus',
      width: widest(statuses, t(lang, 'columnStatus')),
      priority: 1,
      cell: (row) => ({ text: instanceStatusWord(row.status, lang), tone: instanceStatusTone(row.status) }),
    },
    {
      id: 'listeners',
      title: 'columnListenerCount',
      width: Math.max(5, cellWidth(t(lang, 'columnListenerCount'))),
      align: 'right',
      priority: 2,
      cell: (row) => ({ text: String(row.listenerCount) }),
    },
    {
      id: 'edition',
      title: 'columnEdition',
      width: widest(editions, t(lang, 'columnEdition')),
      priority: 3,
      cell: (row) => ({ text: editionWord(row.edition, lang) }),
    },
    {
      id: 'address',
      title: 'columnAddressType',
      width: widest(addressTypes, t(lang, 'columnAddressType')),
      priority: 5,
      cell: (row) => ({ text: addressTypeWord(row.addressType, lang) }),
    },
    {
      id: 'id',
      title: 'columnId',
      width: 24,
      // The ID is what `y` copies and what the API and console know the instance by: it stays longer
      // than the address type.
      priority: 4,
      cell: (row) => ({ text: row.id, tone: 'muted' }),
    },
  ];
}

/** The policy and server group columns fit their longest name, up to these; a longer one is cut. */
const POLICY_MAX_WIDTH = 32;
const SERVER_GROUP_MAX_WIDTH = 24;

/** Cells the listeners' policy and server group names take at most, for listenerColumns(). */
export interface ListenerContentWidths {
  policy: number;
  serverGroup: number;
}

export function listenerContentWidths(rows: readonly ListenerRow[]): ListenerContentWidths {
  let policy = 0;
  let serverGroup = 0;
  for (const row of rows) {
    policy = Math.max(policy, cellWidth(row.securityPolicy));
    serverGroup = Math.max(serverGroup, cellWidth(row.serverGroup));
  }
  return { policy, serverGroup };
}

/** As wide as the title and the widest content, up to `max`. */
function contentWidth(lang: Lang, title: MessageKey, content: number, max: number): number {
  return Math.min(max, Math.max(content, cellWidth(t(lang, title)), cellWidth(EMPTY)));
}

export function listenerColumns(
  lang: Lang,
  withInstance: boolean,
  widths: ListenerContentWidths = { policy: 22, serverGroup: 18 },
): ColumnSpec<ListenerRow>[] {
  const statuses = [
    ...(['Running', 'Provisioning', 'Configuring', 'Stopped'] as const).map((s) =>
      listenerStatusWord(s, lang),
    ),
    t(lang, 'deleting'),
  ];
  const columns: ColumnSpec<ListenerRow>[] = [
    {
      id: 'protocol',
      title: 'columnProtocol',
      width: Math.max(5, cellWidth(t(lang, 'columnProtocol'))),
      priority: 0,
      cell: (row) => ({ text: row.protocol }),
    },
    {
      id: 'port',
      title: 'columnPort',
      width: Math.max(5, cellWidth(t(lang, 'columnPort'))),
      align: 'right',
      priority: 0,
      cell: (row) => ({ text: String(row.port) }),
    },
    {
      id: 'name',
      title: 'columnName',
      width: 'flex',
      // Room for the names the console gives (`HTTPS_443`) and most people write
      // (`grpc_orders_9443`): the ID column goes before a name is cut below this.
      min: 16,
      priority: 0,
      cell: (row, context) => {
        const mark = context.certificateMarks?.get(row.id);
        return { text: row.name || EMPTY, ...(mark ? { mark: { char: mark.char, tone: mark.tone } } : {}) };
      },
    },
    {
      id: 'status',
      title: 'columnStatus',
      width: widest(statuses, t(lang, 'columnStatus')),
      priority: 1,
      cell: (row, context) =>
        context.deleting.has(row.id)
          ? { text: t(lang, 'deleting'), tone: 'warning' }
          : { text: listenerStatusWord(row.status, lang), tone: listenerStatusTone(row.status) },
    },
    {
      id: 'health',
      title: 'columnHealth',
      // `2/3` under "Healthy": narrow enough to stay beside the server group and the policy.
      width: Math.max(7, cellWidth(t(lang, 'columnHealth'))),
      align: 'right',
      priority: 2,
      cell: (row, context) => context.health?.get(row.id) ?? { text: EMPTY, tone: 'muted' },
    },
    {
      id: 'serverGroup',
      title: 'columnServerGroup',
      width: contentWidth(lang, 'columnServerGroup', widths.serverGroup, SERVER_GROUP_MAX_WIDTH),
      priority: 2,
      cell: (row) => ({ text: row.serverGroup || EMPTY }),
    },
    {
      id: 'policy',
      title: 'columnPolicy',
      width: contentWidth(lang, 'columnPolicy', widths.policy, POLICY_MAX_WIDTH),
      priority: 3,
      cell: (row) => (row.securityPolicy ? { text: row.securityPolicy } : { text: EMPTY, tone: 'muted' }),
    },
    {
      id: 'id',
      title: 'columnId',
      width: 24,
      priority: 5,
      cell: (row) => ({ text: row.id, tone: 'muted' }),
    },
  ];
  if (withInstance) {
    columns.splice(3, 0, {
      id: 'instance',
      title: 'columnInstance',
      width: 18,
      priority: 2,
      cell: (row) => ({ text: row.instanceName || row.loadBalancerId }),
    });
  }
  return columns;
}

function totalWidth<Row>(columns: readonly ColumnSpec<Row>[]): number {
  const cells = columns.reduce(
    (sum, column) => sum + (column.width === 'flex' ? (column.min ?? 1) : column.width),
    0,
  );
  return MARKER_CELLS + cells + COLUMN_GAP * Math.max(0, columns.length - 1);
}

/** The columns that fit `width` cells, with their widths; the flex column takes the rest. */
export function fitColumns<Row>(specs: readonly ColumnSpec<Row>[], width: number): FittedColumn<Row>[] {
  let kept = [...specs];
  while (totalWidth(kept) > width) {
    const droppable = kept.filter((column) => column.priority > 0);
    if (droppable.length === 0) break;
    const least = droppable.reduce((worst, column) => (column.priority >= worst.priority ? column : worst));
    kept = kept.filter((column) => column !== least);
  }
  const fixed =
    totalWidth(kept.filter((column) => column.width !== 'flex')) +
    (kept.some((c) => c.width === 'flex') ? COLUMN_GAP : 0);
  const room = Math.max(1, width - fixed);
  return kept.map((spec) => ({ spec, width: spec.width === 'flex' ? room : spec.width }));
}

export interface Segment {
  text: string;
  tone?: Tone;
  colour?: string;
}

/** One row as segments whose widths add up to exactly `width` cells. */
export function rowSegments<Row extends { readonly id: string }>(
  row: Row,
  columns: readonly FittedColumn<Row>[],
  context: RowContext,
  selected: boolean,
  width: number,
): Segment[] {
  const mark = context.marked?.has(row.id) ? '✓' : ' ';
  const segments: Segment[] = [{ text: `${selected ? '›' : ' '}${mark}` }];
  let used = MARKER_CELLS;
  columns.forEach((column, index) => {
    const cell = column.spec.cell(row, context);
    const gap = index > 0 ? GAP : '';
    append(segments, { text: gap });
    let room = column.width;
    if (cell.mark && room > 2) {
      append(segments, { text: cell.mark.char, tone: cell.mark.tone });
      append(segments, { text: ' ' });
      room -= cellWidth(cell.mark.char) + 1;
    }
    const text = fitCells(cell.text, room, column.spec.align);
    append(
      segments,
      cell.colour ? { text, colour: cell.colour } : cell.tone ? { text, tone: cell.tone } : { text },
    );
    used += gap.length + column.width;
  });
  return fillTo(segments, used, width);
}

/** Adds a segment, joined to the last one when neither has a colour (fewer nodes for Ink to lay out). */
function append(segments: Segment[], segment: Segment): void {
  if (segment.text === '') return;
  const last = segments[segments.length - 1];
  if (last && !last.tone && !segment.tone && !last.colour && !segment.colour) last.text += segment.text;
  else segments.push(segment);
}

/** The column titles, as one line of exactly `width` cells. */
export function titleLine<Row>(columns: readonly FittedColumn<Row>[], lang: Lang, width: number): string {
  let line = ' '.repeat(MARKER_CELLS);
  columns.forEach((column, index) => {
    line += (index > 0 ? GAP : '') + fitCells(t(lang, column.spec.title), column.width, column.spec.align);
  });
  return fitCells(line, width);
}

function fillTo(segments: Segment[], used: number, width: number): Segment[] {
  if (used === width) return segments;
  if (used < width) return [...segments, { text: ' '.repeat(width - used) }];
  // Too wide (a pane narrower than its fixed columns): cut from the end, keeping whole segments first.
  const out: Segment[] = [];
  let room = width;
  for (const segment of segments) {
    if (room <= 0) break;
    const cells = cellWidth(segment.text);
    if (cells <= room) {
      out.push(segment);
      room -= cells;
    } else {
      out.push({ ...segment, text: fitCells(segment.text, room) });
      room = 0;
    }
  }
  return out;
}
