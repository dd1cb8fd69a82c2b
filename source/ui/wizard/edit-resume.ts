// Resuming a kept edit of a listener that changed meanwhile: the kept edit (mine) is compared with
// the listener as it was when the edit began (its base, kept with it) and as it is now (theirs).
// What only the server changed is taken into the form and named; what both changed differently is a
// conflict the review shows, and the change is not sent until each is resolved (t theirs, m mine).
// Pure: the screen reducer (wizard-screen.ts) calls these.
import {
  copyPart,
  mergeEdit,
  partValue,
  resolveConflict,
  type ConflictPick,
  type EditConflict,
  type MergeChange,
} from '../../domain/edit-merge.js';
import { fieldSpec, type FieldId } from '../../domain/fields.js';
import type { Localized } from '../../domain/i18n.js';
import type { ChangeValue } from '../../domain/listener-diff.js';
import type { ListenerDraft } from '../../domain/listener-draft.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { textTable, type TextParam } from '../text-table.js';
import type { DraftOffer, WizardScreen } from './wizard-screen.js';
import { highlightedOffer, resumeOffer } from './wizard-runs.js';

export interface EditResume {
  /** The kept edit as it was saved, to go back to when a conflict is turned to mine again. */
  mine: ListenerDraft;
  /** The listener when the edit began; null when the kept edit did not record it. */
  base: ListenerDraft | null;
  /** Changed only on the server: taken into the form. */
  taken: readonly MergeChange[];
  conflicts: readonly EditConflict[];
  picks: Readonly<Partial<Record<FieldId, ConflictPick>>>;
  /** The conflict the review highlights. */
  cursor: number;
}

const TEXT = {
  takenNotice: {
    en: 'Changed since you began: {changes} (taken).',
    'zh-CN': '开始编辑后监听已被修改：{changes}（已采用）。',
  },
  conflictNotice: {
    en: '{count} field(s) changed both here and on the listener since you began: choose on the review (t theirs · m mine).',
    'zh-CN':
      '开始编辑后，{count} 个字段在此处和监听上都被修改：请在预览中选择（t 采用监听当前值 · m 保留我的修改）。',
  },
  baseUnknown: {
    en: 'This edit was kept before alb-tui recorded the listener as it was when the edit began: changes made to the listener meanwhile cannot be told apart from yours. Check the changes before sending.',
    'zh-CN':
      '此编辑保存时尚未记录开始编辑时的监听配置：无法区分期间他人对监听的修改与您的修改。提交前请核对变更。',
  },
  unresolved: {
    en: 'Not sent: {count} conflict(s) left — choose theirs (t) or mine (m) on each.',
    'zh-CN': '未提交：还有 {count} 处冲突 — 请逐一选择采用监听当前值（t）或保留我的修改（m）。',
  },
  conflictsTitle: {
    en: 'Changed here and on the listener since you began ({count}):',
    'zh-CN': '开始编辑后此处和监听上都被修改（{count} 项）：',
  },
  conflictKeys: {
    en: 't take theirs · m keep mine · c next conflict',
    'zh-CN': 't 采用监听当前值 · m 保留我的修改 · c 下一处冲突',
  },
  takenTitle: {
    en: 'Changed on the listener since you began (taken into the form):',
    'zh-CN': '开始编辑后监听上的修改（已采用到表单）：',
  },
  theirs: { en: 'theirs', 'zh-CN': '监听当前值' },
  mine: { en: 'mine', 'zh-CN': '我的修改' },
  was: { en: 'was', 'zh-CN': '原值' },
  choose: { en: 'choose', 'zh-CN': '待选择' },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },
  empty: { en: '(none)', 'zh-CN': '（无）' },
  yamlTaken: {
    en: 'Changed on the listener since you began, taken: {changes}',
    'zh-CN': '开始编辑后监听上的修改，已采用：{changes}',
  },
  yamlConflict: {
    en: 'Changed here and on the listener: {field} — theirs {theirs}, yours {mine} (kept below; choose on the review)',
    'zh-CN':
      '此处和监听上都被修改：{field} — 监听当前值 {theirs}，您的修改 {mine}（下文为您的修改；请在预览中选择）',
  },
} satisfies Record<string, Localized>;

const TABLE = textTable(TEXT);
export const resumeText = TABLE.text;
export const tr = TABLE.say;
/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const RESUME_TEXT: Readonly<Record<keyof typeof TEXT, Localized>> = TEXT;

/** A value as the notice and the review show it, in both languages. */
export function shownValue(value: ChangeValue): Localized {
  if (typeof value === 'boolean') return resumeText(value ? 'on' : 'off');
  if (value === '') return resumeText('empty');
  const text = sanitizeForTerminal(String(value));
  return { en: text, 'zh-CN': text };
}

function joined(parts: readonly Localized[], separator: { en: string; 'zh-CN': string }): Localized {
  return {
    en: parts.map((p) => p.en).join(separator.en),
    'zh-CN': parts.map((p) => p['zh-CN']).join(separator['zh-CN']),
  };
}

function changeText(change: MergeChange): Localized {
  const label = fieldSpec(change.field).label;
  const from = shownValue(change.base);
  const to = shownValue(change.theirs);
  return {
    en: `${label.en.toLowerCase()} ${from.en} → ${to.en}`,
    'zh-CN': `${label['zh-CN']} ${from['zh-CN']} → ${to['zh-CN']}`,
  };
}

const SEPARATOR = { en: ', ', 'zh-CN': '，' };

/** What the resume says at once: what was taken, how many conflicts wait, or that the base is unknown. */
function resumeNotice(resume: EditResume): Localized | undefined {
  if (resume.base === null) return resumeText('baseUnknown');
  const parts: Localized[] = [];
  if (resume.taken.length > 0)
    parts.push(resumeText('takenNotice', { changes: joined(resume.taken.map(changeText), SEPARATOR) }));
  if (resume.conflicts.length > 0)
    parts.push(resumeText('conflictNotice', { count: resume.conflicts.length }));
  return parts.length > 0 ? joined(parts, { en: ' ', 'zh-CN': '' }) : undefined;
}

/** The kept edit merged with the listener as it is now: the form it resumes with, and what to say. */
export function mergeOffer(
  offer: DraftOffer,
  theirs: ListenerDraft,
): { draft: ListenerDraft; resume: EditResume; notice?: Localized } {
  const base = offer.base ?? null;
  const merge = base
    ? mergeEdit(base, offer.draft, theirs)
    : { draft: { ...offer.draft, protocol: theirs.protocol, port: theirs.port }, taken: [], conflicts: [] };
  const resume: EditResume = {
    mine: offer.draft,
    base,
    taken: merge.taken,
    conflicts: merge.conflicts,
    picks: {},
    cursor: 0,
  };
  const notice = resumeNotice(resume);
  return { draft: merge.draft, resume, ...(notice ? { notice } : {}) };
}

/** Resumes the highlighted kept edit against the listener as it is now. */
export function resumeEdit(screen: WizardScreen): WizardScreen {
  const offer = highlightedOffer(screen);
  const theirs = screen.edit?.original;
  if (!offer || !theirs || !screen.edit) return resumeOffer(screen);
  const { draft, resume, notice } = mergeOffer(offer, theirs);
  const offers = (screen.offers ?? []).map((o) => (o === offer ? { ...o, draft } : o));
  const resumed = resumeOffer({ ...screen, offers });
  return {
    ...resumed,
    edit: { ...screen.edit, resume },
    ...(notice ? { notice: { message: notice, tone: 'warning' as const } } : {}),
  };
}

export function unresolvedConflicts(screen: WizardScreen): EditConflict[] {
  const resume = screen.edit?.resume;
  if (!resume) return [];
  return resume.conflicts.filter((c) => resume.picks[c.field] === undefined);
}

/** Mine for a conflict as it stands: the form's value unless theirs was taken, then the one kept. */
export function mineNow(screen: WizardScreen, conflict: EditConflict): ChangeValue {
  const resume = screen.edit?.resume;
  if (!resume) return conflict.mine;
  const from = resume.picks[conflict.field] === 'theirs' ? resume.mine : screen.wizard.draft;
  return partValue(from, conflict.field);
}

/** The notice Ctrl-S gives while conflicts are left, the cursor moved to the first of them. */
export function refuseUnresolved(screen: WizardScreen): WizardScreen | undefined {
  const left = unresolvedConflicts(screen);
  const resume = screen.edit?.resume;
  if (left.length === 0 || !resume || !screen.edit) return undefined;
  const cursor = resume.conflicts.indexOf(left[0]!);
  return {
    ...screen,
    edit: { ...screen.edit, resume: { ...resume, cursor } },
    reviewScroll: 0,
    notice: { message: resumeText('unresolved', { count: left.length }), tone: 'danger' },
  };
}

/** `t` / `m` on the review: the highlighted conflict resolved; the cursor goes on to the next left. */
export function pickConflict(screen: WizardScreen, pick: ConflictPick): WizardScreen {
  const edit = screen.edit;
  const resume = edit?.resume;
  const conflict = resume?.conflicts[resume.cursor];
  if (!edit?.original || !resume || !conflict) return screen;
  // Taking theirs keeps what the form held for the field (typed since, or in the YAML) as mine, so
  // turning back to mine restores it.
  const mine =
    pick === 'theirs' && resume.picks[conflict.field] !== 'theirs'
      ? copyPart(resume.mine, screen.wizard.draft, conflict.field)
      : resume.mine;
  const draft = resolveConflict(screen.wizard.draft, conflict.field, pick, { theirs: edit.original, mine });
  const picks = { ...resume.picks, [conflict.field]: pick };
  const next = resume.conflicts.findIndex((c, i) => i > resume.cursor && picks[c.field] === undefined);
  const first = resume.conflicts.findIndex((c) => picks[c.field] === undefined);
  const cursor = next >= 0 ? next : first >= 0 ? first : resume.cursor;
  const wizard = screen.wizard;
  return {
    ...screen,
    edit: { ...edit, resume: { ...resume, mine, picks, cursor } },
    wizard: {
      ...wizard,
      draft,
      version: wizard.version + 1,
      precheck: { status: 'idle' },
      serverIssues: [],
    },
    notice: undefined,
  };
}

/** `c` on the review: the next conflict highlighted (round). */
export function nextConflict(screen: WizardScreen): WizardScreen {
  const resume = screen.edit?.resume;
  if (!screen.edit || !resume || resume.conflicts.length < 2) return screen;
  const cursor = (resume.cursor + 1) % resume.conflicts.length;
  return { ...screen, edit: { ...screen.edit, resume: { ...resume, cursor } } };
}

/**
 * The base kept with the edit's draft: the listener as it was when the edit began while conflicts
 * are left (so a later resume finds them again), else the listener as it is now, which the form
 * was compared with and merged into. Undefined for drafts of new listeners.
 */
export function baseToKeep(screen: WizardScreen): ListenerDraft | null | undefined {
  const edit = screen.edit;
  if (!edit) return undefined;
  const resume = edit.resume;
  if (resume?.base && unresolvedConflicts(screen).length > 0) return resume.base;
  return edit.original ?? null;
}

/** Lines for the YAML file's header: what was taken, and each conflict (the file holds mine). */
export function yamlNotes(resume: EditResume): Localized[] {
  const notes: Localized[] = [];
  if (resume.base === null) notes.push(resumeText('baseUnknown'));
  if (resume.taken.length > 0)
    notes.push(resumeText('yamlTaken', { changes: joined(resume.taken.map(changeText), SEPARATOR) }));
  for (const c of resume.conflicts) {
    const params: Record<string, TextParam> = {
      field: fieldSpec(c.field).label,
      theirs: shownValue(c.theirs),
      mine: shownValue(c.mine),
    };
    notes.push(resumeText('yamlConflict', params));
  }
  return notes;
}
