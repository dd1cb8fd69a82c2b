// A bordered, windowed list: only the rows that fit are rendered, each exactly one line of the pane's
// width, each row memoised so moving the cursor redraws two rows, not the list.
import { memo, useMemo, type ReactElement } from 'react';
import { Box, Text } from 'ink';
import { cellWidth, fitCells, truncateCells } from '../../domain/text.js';
import { rowSegments, titleLine, type FittedColumn, type RowContext } from '../dashboard/columns.js';
import { clampOffset, type AnyRow, type ListModel } from '../dashboard/list-model.js';
import type { PaneBox } from '../layout.js';
import type { Lang } from '../i18n.js';
import { useTheme, type Tone } from '../theme.js';
import { scrollPosition } from './scroll-position.js';

export interface PaneMessage {
  text: string;
  hint?: string;
  tone?: Tone;
}

export interface ListPaneProps<Row extends AnyRow> {
  /** `Instances`, `Listeners · prod-web (alb-…)`. */
  title: string;
  /** `9`, `3/9`, `· by name ↑`: shown after the title. */
  info: string;
  focused: boolean;
  box: PaneBox;
  model: ListModel<Row>;
  columns: readonly FittedColumn<Row>[];
  context: RowContext;
  lang: Lang;
  /** Shown instead of rows when there are none. */
  message?: PaneMessage;
}

function topBorder(title: string, info: string, width: number): string {
  const inner = Math.max(0, width - 2);
  // The title gives way before the count: `┌ Listeners · a-very-long-na… 12 ─┐`.
  const tail = info ? ` ${info} ` : ' ';
  const titleRoom = Math.max(0, inner - 2 - cellWidth(tail));
  const label = truncateCells(` ${truncateCells(title, titleRoom)}${tail}`, Math.max(0, inner - 1));
  return `┌${label}${'─'.repeat(Math.max(0, inner - cellWidth(label)))}┐`;
}

function bottomBorder(position: string, width: number): string {
  const inner = Math.max(0, width - 2);
  const label = position && cellWidth(position) + 3 <= inner ? ` ${position} ` : '';
  return `└${'─'.repeat(Math.max(0, inner - cellWidth(label) - 1))}${label}${inner > cellWidth(label) ? '─' : ''}┘`;
}

interface RowProps<R extends AnyRow> {
  row: R;
  columns: readonly FittedColumn<R>[];
  context: RowContext;
  selected: boolean;
  focused: boolean;
  width: number;
  border: string | undefined;
}

const Row = memo(function Row<R extends AnyRow>({
  row,
  columns,
  context,
  selected,
  focused,
  width,
  border,
}: RowProps<R>) {
  const theme = useTheme();
  const segments = rowSegments(row, columns, context, selected, width);
  const highlight = selected && focused;
  return (
    <Text wrap="truncate-end">
      <Text color={border}>│</Text>
      <Text inverse={highlight} bold={selected}>
        {segments.map((segment, index) => (
          <Text
            key={index}
            color={
              highlight
                ? undefined
                : segment.colour
                  ? theme.colour
                    ? segment.colour
                    : undefined
                  : segment.tone
                    ? theme.tone(segment.tone)
                    : undefined
            }
          >
            {segment.text}
          </Text>
        ))}
      </Text>
      <Text color={border}>│</Text>
    </Text>
  );
}) as <R extends AnyRow>(props: RowProps<R>) => ReactElement;

function PlainLine({
  text,
  border,
  tone,
  width,
}: {
  text: string;
  border: string | undefined;
  tone?: string;
  width: number;
}) {
  return (
    <Text wrap="truncate-end">
      <Text color={border}>│</Text>
      <Text color={tone}>{fitCells(text, width)}</Text>
      <Text color={border}>│</Text>
    </Text>
  );
}

export function ListPane<Row extends AnyRow>({
  title,
  info,
  focused,
  box,
  model,
  columns,
  context,
  lang,
  message,
}: ListPaneProps<Row>) {
  const theme = useTheme();
  const border = theme.tone(focused ? 'accent' : 'muted');
  const inner = Math.max(0, box.columns - 2);
  const rows = box.rows;
  const offset = clampOffset(model.offset, model.cursor, model.matches.length, rows);
  const visible = model.matches.slice(offset, offset + rows);
  const titles = useMemo(() => titleLine(columns, lang, inner), [columns, lang, inner]);
  const position = scrollPosition(lang, offset, rows, model.matches.length);

  const body: ReactElement[] = [];
  if (visible.length === 0 && message) {
    const lines = [message.text, ...(message.hint ? [message.hint] : [])];
    for (let i = 0; i < rows; i += 1) {
      const text = i === 0 ? '' : (lines[i - 1] ?? '');
      body.push(
        <PlainLine
          key={`m${i}`}
          text={text ? ` ${text}` : ''}
          border={border}
          tone={i === 1 ? theme.tone(message.tone ?? 'muted') : theme.tone('muted')}
          width={inner}
        />,
      );
    }
  } else {
    visible.forEach((row, index) => {
      body.push(
        <Row
          key={row.id}
          row={row}
          columns={columns}
          context={context}
          selected={offset + index === model.cursor}
          focused={focused}
          width={inner}
          border={border}
        />,
      );
    });
    for (let i = visible.length; i < rows; i += 1)
      body.push(<PlainLine key={`b${i}`} text="" border={border} width={inner} />);
  }

  return (
    <Box flexDirection="column" width={box.columns} height={box.height} flexShrink={0}>
      <Text wrap="truncate-end" color={border} bold={focused}>
        {topBorder(title, info, box.columns)}
      </Text>
      {box.columnTitles ? (
        <PlainLine text={titles} border={border} tone={theme.tone('muted')} width={inner} />
      ) : null}
      {body}
      <Text wrap="truncate-end" color={border}>
        {bottomBorder(position, box.columns)}
      </Text>
    </Box>
  );
}
