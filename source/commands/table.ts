// Plain-text tables for the terminal: one line per row, columns measured in terminal cells (a
// Chinese character takes two), long values cut with `…`, text from outside sanitized first.
import type { Lang, Localized } from '../domain/i18n.js';
import { cellWidth, padCells, sanitizeForTerminal, truncateCells } from '../domain/text.js';

export interface Column<T> {
  header: Localized;
  value: (row: T) => string | number | undefined;
  /** Widest the column gets, in cells. */
  max: number;
  align?: 'left' | 'right';
}

const GAP = '  ';

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], lang: Lang): string[] {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = column.value(row);
      const text = value === undefined || value === '' ? '—' : sanitizeForTerminal(String(value));
      return truncateCells(text, column.max);
    }),
  );
  const headers = columns.map((column) => truncateCells(column.header[lang], column.max));
  const widths = columns.map((_, i) =>
    Math.max(cellWidth(headers[i]!), ...cells.map((row) => cellWidth(row[i]!))),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => {
        const last = i === values.length - 1;
        const align = columns[i]!.align ?? 'left';
        return last && align === 'left' ? value : padCells(value, widths[i]!, align);
      })
      .join(GAP)
      .trimEnd();
  return [line(headers), ...cells.map(line)];
}

/** `label: value` lines with the labels padded to one width. */
export function renderFields(fields: readonly [Localized, string][], lang: Lang): string[] {
  const labels = fields.map(([label]) => `${label[lang]}${lang === 'en' ? ':' : '：'}`);
  const width = Math.max(0, ...labels.map(cellWidth));
  return fields.map(([, value], i) => `${padCells(labels[i]!, width)} ${sanitizeForTerminal(value)}`);
}
