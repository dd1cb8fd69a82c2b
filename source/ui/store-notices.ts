// What the app says about its settings store: the warnings of its opening (files moved aside,
// files it cannot write) in full, wrapped to the width, for the help overlay; and the short summary
// the status line gives at start.
import type { Lang, Localized } from '../domain/i18n.js';
import { wrapCells } from './components/lines.js';
import { t } from './i18n.js';

/** Each notice wrapped to `width` cells, a blank line between two: nothing cut, paths whole. */
export function storeNoticeLines(notices: readonly Localized[], lang: Lang, width: number): string[] {
  const room = Math.max(10, width);
  return notices.flatMap((notice, index) => [
    ...(index > 0 ? [' '] : []),
    // Continuation lines are indented under the bullet, within the same width.
    ...wrapCells(`• ${notice[lang]}`, room - 2).map((line, at) => (at === 0 ? line : `  ${line}`)),
  ]);
}

/** Lines the help overlay gives the notices: a title, the notices, a blank line; none without notices. */
export function helpNoticeLineCount(notices: readonly Localized[], lang: Lang, columns: number): number {
  return notices.length === 0 ? 0 : storeNoticeLines(notices, lang, helpNoticeWidth(columns)).length + 2;
}

export function helpNoticeWidth(columns: number): number {
  return Math.max(10, columns - 4);
}

/** The status line's one-line summary: how many, that `?` shows them whole, and the first. */
export function storeNoticeSummary(notices: readonly Localized[]): Localized {
  const first = notices[0] ?? { en: '', 'zh-CN': '' };
  const say = (lang: Lang) =>
    notices.length > 1
      ? t(lang, 'storeWarningMore', { reason: first[lang], count: notices.length })
      : t(lang, 'storeWarning', { reason: first[lang] });
  return { en: say('en'), 'zh-CN': say('zh-CN') };
}
