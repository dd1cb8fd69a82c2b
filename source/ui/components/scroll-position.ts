// Where a scrolled list or text stands, said one way everywhere: `1–29 of 39`.
import { t, type Lang } from '../i18n.js';

/** Rows `from`–`to` (counted from 1) of `total`; empty when everything shows. */
export function scrollPosition(lang: Lang, first: number, shown: number, total: number): string {
  if (total <= shown) return '';
  return t(lang, 'scrollPosition', { from: first + 1, to: Math.min(first + shown, total), total });
}
