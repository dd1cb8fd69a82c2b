// Where everything goes for a terminal size: the frame is `rows - 1` lines (ink-notes §3.3), with a
// header line, the body, a detail line and a key-hint line. The dashboard's two panes sit side by side
// when the terminal is wide and one above the other when it is narrow. Pure.
import type { TerminalSize } from './terminal-size.js';

/** Header, detail line and key-hint line. */
export const CHROME_ROWS = 3;
/** From this width the panes sit side by side. */
export const SIDE_BY_SIDE_COLUMNS = 120;

export interface PaneBox {
  /** Outer width, borders included. */
  columns: number;
  /** Outer height, borders included. */
  height: number;
  /** Whether a line of column titles fits under the top border. */
  columnTitles: boolean;
  /** List rows that fit. */
  rows: number;
}

export interface DashboardLayout {
  arrangement: 'side-by-side' | 'stacked' | 'listeners-only';
  /** Absent when only the listeners show (the all-listeners view). */
  instances?: PaneBox;
  listeners: PaneBox;
}

export function bodyHeight(size: TerminalSize): number {
  return Math.max(1, size.rows - 1 - CHROME_ROWS);
}

export function pane(columns: number, height: number): PaneBox {
  const inner = Math.max(0, height - 2);
  const columnTitles = inner >= 6;
  return { columns, height, columnTitles, rows: Math.max(1, inner - (columnTitles ? 1 : 0)) };
}

/**
 * The panes for a terminal size. `instanceCount` lets a short instance list leave its space to the
 * listeners when they are stacked.
 */
export function dashboardLayout(
  size: TerminalSize,
  listenersOnly: boolean,
  instanceCount: number,
): DashboardLayout {
  const body = bodyHeight(size);
  if (listenersOnly) return { arrangement: 'listeners-only', listeners: pane(size.columns, body) };
  if (size.columns >= SIDE_BY_SIDE_COLUMNS) {
    const left = Math.min(70, Math.max(44, Math.round(size.columns * 0.4)));
    return {
      arrangement: 'side-by-side',
      instances: pane(left, body),
      listeners: pane(size.columns - left, body),
    };
  }
  const most = Math.max(4, Math.floor(body * 0.4));
  const wanted = Math.max(1, instanceCount) + 2 + (most - 2 >= 6 ? 1 : 0);
  const top = Math.max(4, Math.min(most, wanted));
  return {
    arrangement: 'stacked',
    instances: pane(size.columns, top),
    listeners: pane(size.columns, Math.max(3, body - top)),
  };
}
