// The listener detail's lines laid out as screen rows of a given width. Nothing is cut: a value
// longer than its room (a certificate's SANs, its issuer, trusted IP ranges) wraps onto the rows
// below it, in the value column. The view draws these rows; the reducer scrolls over their count.
// Pure.
import { cellWidth, fitCells, wrapCells } from '../../domain/text.js';
import type { Tone } from '../theme.js';
import type { DetailLine } from './listener-detail.js';

export type DetailRow =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; tone?: Tone }
  /** `label` is blank on the rows a long value continues on. */
  | { kind: 'field'; label: string; value: string; tone?: Tone; note: string }
  | { kind: 'blank' };

const TEXT_INDENT = '   ';
/** A wrapped text line's later rows stand further in, so they read as one line. */
const CONTINUATION_INDENT = '     ';

/** Labels take what the longest needs, up to 40% of the width; a longer one is cut, never run into its value. */
export function labelWidthFor(lines: readonly DetailLine[], inner: number): number {
  return Math.min(
    Math.max(12, Math.floor(inner * 0.4)),
    Math.max(0, ...lines.map((line) => (line.kind === 'field' ? cellWidth(line.label) : 0))) + 2,
  );
}

/** Every line as rows of exactly `inner` cells or less. */
export function detailRows(lines: readonly DetailLine[], inner: number): DetailRow[] {
  const labelWidth = labelWidthFor(lines, inner);
  const rows: DetailRow[] = [];
  for (const line of lines) {
    switch (line.kind) {
      case 'blank':
      case 'heading':
        rows.push(line);
        break;
      case 'text': {
        const pieces = wrapCells(line.text, Math.max(1, inner - CONTINUATION_INDENT.length));
        pieces.forEach((piece, index) =>
          rows.push({
            kind: 'text',
            text: (index === 0 ? TEXT_INDENT : CONTINUATION_INDENT) + piece,
            ...(line.tone ? { tone: line.tone } : {}),
          }),
        );
        break;
      }
      case 'field': {
        const label = fitCells(
          `${TEXT_INDENT}${fitCells(line.label, Math.max(1, labelWidth - 2))}  `,
          Math.min(inner, labelWidth + 3),
        );
        const blankLabel = ' '.repeat(cellWidth(label));
        const room = Math.max(1, inner - cellWidth(label));
        const values = wrapCells(line.value, room);
        const last = values[values.length - 1] ?? '';
        const note = line.note ? `  ${line.note}` : '';
        // The note (a TLS policy's versions) follows the value when it fits, else on rows of its own.
        const noteRows =
          note === ''
            ? []
            : cellWidth(last) + cellWidth(note) <= room
              ? []
              : wrapCells(line.note ?? '', room);
        const tone = line.tone ? { tone: line.tone } : {};
        values.forEach((value, index) =>
          rows.push({
            kind: 'field',
            label: index === 0 ? label : blankLabel,
            value,
            ...tone,
            note: index === values.length - 1 && noteRows.length === 0 ? note : '',
          }),
        );
        for (const piece of noteRows) rows.push({ kind: 'field', label: blankLabel, value: '', note: piece });
        break;
      }
    }
  }
  return rows;
}
