// What the apply-to-many page (apply-render.ts) and the apply-to-existing-listeners page
// (update-render.ts) draw alike: a title, a problem that ends the page, or the tally line of the phase,
// a window of rows (each with its verdict) around the cursor, the selected row in full below a rule,
// and at the bottom the count confirmation, a notice and the keys of the phase; the verdicts and
// detail lines both give alike. Each page says, in a BatchDrawing, its words, rows and details. Pure.
import type { Lang, Localized } from '../../domain/i18n.js';
import { cellWidth, padCells, truncateCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import type { TextParams } from '../text-table.js';
import type { Tone } from '../theme.js';
import type { BatchPlan, BatchRow, BatchRun, BatchState } from './batch-state.js';

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

export interface BatchRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  spinner?: number;
  /** The connections the changes go to, named under the tally. */
  target?: readonly ChangeTarget[];
}

/** The words a page says in its language; built once a draw. */
export interface BatchWords {
  title: string;
  /** The tally line of each phase. */
  progress: {
    loading: string;
    planning: (done: number, count: number) => string;
    review: string;
    run: string;
  };
  confirm: { prompt: string; wrong: string };
  /** The keys of each phase; `back` where a problem ends the page. */
  keys: { confirm: string; review: string; running: string; done: string; back: string };
}

/** What a kind of batch draws its own way: its words, its rows' labels and verdicts, the selected row. */
export interface BatchDrawing<Row extends BatchRow> {
  words: BatchWords;
  /** How many rows failed: the tally turns red. */
  failed: number;
  notes?: readonly string[];
  row: (row: Row, spin: string) => { label: string; verdict: Verdict };
  labelWidth: BatchPage['labelWidth'];
  detail: (row: Row) => Line[];
}

function keysLine(state: BatchState<BatchRow, unknown>, keys: BatchWords['keys']): Line {
  switch (state.phase) {
    case 'review':
      return [seg(state.confirm ? keys.confirm : keys.review, { tone: 'muted' })];
    case 'running':
      return [seg(keys.running, { tone: 'muted' })];
    case 'done':
      return [seg(keys.done, { tone: 'muted' })];
    default:
      return [];
  }
}

function progressLine(state: BatchState<BatchRow, unknown>, progress: BatchWords['progress']): string {
  switch (state.phase) {
    case 'loading':
      return progress.loading;
    case 'planning': {
      const done = state.rows.filter((row) => row.plan.status !== 'loading').length;
      return progress.planning(done, state.rows.length);
    }
    case 'review':
      return progress.review;
    default:
      return progress.run;
  }
}

/** A batch's page: the title, the tally, the rows with their verdicts, the selected row, the keys. */
export function renderBatch<Row extends BatchRow, Own>(
  state: BatchState<Row, Own>,
  options: BatchRenderOptions,
  drawing: BatchDrawing<Row>,
): Line[] {
  const { lang, width, height } = options;
  const { words } = drawing;
  const spin = spinnerFrame(options.spinner);
  if (state.problem) {
    const back: Line = [seg(words.keys.back, { tone: 'muted' })];
    return problemPage(words.title, say(state.problem, lang), back, width, height);
  }
  const selected = state.rows[state.cursor];
  return renderBatchPage(
    {
      title: words.title,
      progress: progressLine(state, words.progress),
      progressTone: drawing.failed > 0 ? 'danger' : 'accent',
      ...(options.target ? { target: targetLine(options.target, lang) } : {}),
      ...(drawing.notes ? { notes: drawing.notes } : {}),
      ...bottomParts(state, lang, words.confirm),
      keys: keysLine(state, words.keys),
      rows: state.rows.map((row) => drawing.row(row, spin)),
      cursor: state.cursor,
      labelWidth: drawing.labelWidth,
      detail: selected ? drawing.detail(selected) : [],
    },
    width,
    height,
  );
}

/** The words of a row both pages say alike (each page has them in its own table, under these keys). */
export type RowWordKey =
  | 'runQueued'
  | 'runFailed'
  | 'runSkipped'
  | 'planLoading'
  | 'planUnreadable'
  | 'planBlocked'
  | 'detailProblems'
  | 'detailToken';

export type RowWords = (key: RowWordKey, params?: TextParams) => string;

/** A plan as the shared verdicts read it: blocked plans list their problems. */
type SharedPlan = BatchPlan | { status: 'planned'; kind: string; problems?: readonly Localized[] };

/**
 * The verdict of a row where both pages give it alike, once the page has drawn its own cases (a run on
 * its way or done, a plan to run): waiting, failed, skipped; reading, unreadable, blocked.
 */
export function sharedVerdict(
  row: { plan: SharedPlan; run?: BatchRun | undefined },
  lang: Lang,
  spin: string,
  words: RowWords,
): Verdict {
  const { run, plan } = row;
  if (run) {
    const reason = run.message?.[lang] ?? '';
    if (run.status === 'queued') return { icon: '·', text: words('runQueued'), tone: 'muted' };
    if (run.status === 'failed') return { icon: '✗', text: words('runFailed', { reason }), tone: 'danger' };
    return { icon: '–', text: words('runSkipped', { reason }), tone: 'muted' };
  }
  if (plan.status === 'loading') return { icon: spin, text: words('planLoading'), tone: 'muted' };
  if (plan.status === 'unreadable')
    return { icon: '✗', text: words('planUnreadable', { reason: say(plan.message, lang) }), tone: 'danger' };
  const problems = 'problems' in plan ? (plan.problems ?? []) : [];
  return {
    icon: '✗',
    text: words('planBlocked', { reason: problems.map((p) => say(p, lang)).join('; ') }),
    tone: 'danger',
  };
}

/**
 * The end of a selected row's detail both pages draw alike: why it cannot run (blocked, unreadable),
 * why its run failed, and the token a runnable row is sent with.
 */
export function detailTail(
  row: { plan: SharedPlan; run?: BatchRun | undefined; clientToken: string },
  runnable: boolean,
  lang: Lang,
  width: number,
  words: RowWords,
): Line[] {
  const lines: Line[] = [];
  const problems = (texts: readonly Localized[], tone: Tone) =>
    lines.push(
      ...detailSection(
        words('detailProblems'),
        texts.map((text) => say(text, lang)),
        width,
        tone,
      ),
    );
  const { plan, run } = row;
  if (plan.status === 'planned' && plan.kind === 'blocked' && 'problems' in plan && plan.problems)
    problems(plan.problems, 'danger');
  else if (plan.status === 'unreadable') problems([plan.message], 'danger');
  if (run?.status === 'failed' && run.message) problems([run.message], 'danger');
  if (runnable) lines.push([seg(` ${words('detailToken', { token: row.clientToken })}`, { tone: 'muted' })]);
  return lines;
}
