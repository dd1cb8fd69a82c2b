// What the apply-to-many page (apply-render.ts) and the apply-to-existing-listeners page
// (update-render.ts) draw alike: a title, a problem that ends the page, or the tally line, a window of
// rows (each with its verdict) around the cursor, the selected row in full below a rule, and at the
// bottom the count confirmation, a notice and the keys. Each page says what its rows, verdicts and
// texts are. Pure.
import type { Localized } from '../../domain/i18n.js';
import { cellWidth, padCells, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import type { Tone } from '../theme.js';

export const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** The icon, words and tone of a row: its result once running, its plan before. */
export interface Verdict {
  icon: string;
  text: string;
  tone: Tone;
}

export function spinnerFrame(frame = 0): string {
  return SPINNER[frame % SPINNER.length]!;
}

/** A labelled part of the selected row's detail: the label, then each text wrapped and indented. */
export function detailSection(label: string, texts: readonly string[], width: number, tone?: Tone): Line[] {
  const lines: Line[] = [[seg(` ${label}`, { tone: 'muted' })]];
  for (const text of texts)
    for (const part of wrapCells(text, width - 3)) lines.push([seg(`   ${part}`, tone ? { tone } : {})]);
  return lines;
}

export interface BatchPage {
  title: string;
  /** Something that ends the page (the profile is gone, nothing to apply to): said instead of the rows. */
  problem?: string;
  /** The tally or the progress, under the title. */
  progress: string;
  progressTone: Tone;
  /** Where the changes go (`Target: prod · cn-shanghai`), under the tally. */
  target?: string;
  /** Lines under the tally (e.g. what the changes leave alone). */
  notes?: readonly string[];
  /** The production confirmation: what to type, what was typed, and what was wrong with it. */
  confirm?: { prompt: string; text: string; wrong?: string };
  notice?: { text: string; tone: Tone };
  keys: Line;
  rows: readonly { label: string; verdict: Verdict }[];
  cursor: number;
  /** The label column's width: at least `min` cells, at most `max`. */
  labelWidth: { min: number; max: number };
  /** The selected row in full. */
  detail: readonly Line[];
}

export function renderBatchPage(page: BatchPage, width: number, height: number): Line[] {
  const lines: Line[] = [fitLine([seg(` ${page.title}`, { bold: true })], width)];
  if (page.problem !== undefined) {
    for (const text of wrapCells(page.problem, width - 1)) lines.push([seg(` ${text}`, { tone: 'danger' })]);
    while (lines.length < height - 1) lines.push([]);
    return [...lines, page.keys].slice(0, height);
  }
  lines.push(fitLine([seg(` ${page.progress}`, { tone: page.progressTone })], width));
  if (page.target) lines.push(fitLine([seg(` ${page.target}`, { bold: true })], width));
  for (const note of page.notes ?? []) lines.push(fitLine([seg(` ${note}`, { tone: 'muted' })], width));

  const bottom: Line[] = [];
  if (page.confirm) {
    for (const text of wrapCells(page.confirm.prompt, width))
      bottom.push([seg(text, { tone: 'danger', bold: true })]);
    bottom.push([seg(`   ${page.confirm.text}`), seg(' ', { inverse: true })]);
    if (page.confirm.wrong !== undefined)
      for (const text of wrapCells(page.confirm.wrong, width)) bottom.push([seg(text, { tone: 'danger' })]);
  }
  if (page.notice)
    for (const text of wrapCells(page.notice.text, width))
      bottom.push([seg(text, { tone: page.notice.tone })]);
  bottom.push(page.keys);

  const { rows, cursor, detail } = page;
  const room = height - lines.length - bottom.length;
  const listRows = Math.max(
    1,
    Math.min(rows.length, room - Math.min(detail.length + 1, Math.floor(room / 2))),
  );
  const start = Math.max(0, Math.min(cursor - Math.floor(listRows / 2), rows.length - listRows));
  const labelWidth = Math.min(
    page.labelWidth.max,
    Math.max(page.labelWidth.min, ...rows.map((row) => cellWidth(row.label))),
  );
  for (const [index, row] of rows.slice(start, start + listRows).entries()) {
    const chosen = start + index === cursor;
    const { verdict } = row;
    lines.push(
      fitLine(
        [
          seg(chosen ? '›' : ' ', { bold: chosen }),
          seg(`${verdict.icon} `, { tone: verdict.tone }),
          seg(`${padCells(truncateCells(row.label, labelWidth), labelWidth)}  `, { bold: chosen }),
          seg(verdict.text, { tone: verdict.tone }),
        ],
        width,
      ),
    );
  }
  const detailRoom = height - lines.length - bottom.length - 1;
  if (detailRoom > 0 && detail.length > 0) {
    lines.push([seg('─'.repeat(width), { tone: 'muted' })]);
    lines.push(...detail.slice(0, detailRoom));
  }
  while (lines.length < height - bottom.length) lines.push([]);
  return [...lines.slice(0, height - bottom.length), ...bottom].slice(0, height);
}

/** A page that ends in a problem (the profile is gone, nothing to apply to): the title, it, the keys. */
export function problemPage(
  title: string,
  problem: string,
  keys: Line,
  width: number,
  height: number,
): Line[] {
  return renderBatchPage(
    {
      title,
      problem,
      progress: '',
      progressTone: 'accent',
      keys,
      rows: [],
      cursor: 0,
      labelWidth: { min: 0, max: 0 },
      detail: [],
    },
    width,
    height,
  );
}

/** The confirmation and the notice of a page's state, as the page says them. */
export function bottomParts(
  state: {
    confirm?: { text: string; wrong: boolean } | undefined;
    notice?: { message: Localized; tone: Tone } | undefined;
  },
  lang: 'en' | 'zh-CN',
  texts: { prompt: string; wrong: string },
): Pick<BatchPage, 'confirm' | 'notice'> {
  return {
    ...(state.confirm
      ? {
          confirm: {
            prompt: texts.prompt,
            text: state.confirm.text,
            ...(state.confirm.wrong ? { wrong: texts.wrong } : {}),
          },
        }
      : {}),
    ...(state.notice ? { notice: { text: say(state.notice.message, lang), tone: state.notice.tone } } : {}),
  };
}

/** A message in the page's language. */
export function say(message: Localized, lang: 'en' | 'zh-CN'): string {
  return message[lang];
}
