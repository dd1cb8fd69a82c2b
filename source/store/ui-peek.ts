// The UI state (sorts, the last view, the language) read straight from state.json, without the store:
// the store (conf, zod, migrations, locks) opens after the first listing, so that the listing is not
// kept waiting for it, while the first frame already shows the user's sort and view. Anything not of
// the expected shape is left out; the store's own reading, when it opens, is the authority.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isLang, type Lang } from '../domain/i18n.js';

export interface UiStatePeek {
  sort: Record<string, { key: string; direction: 'asc' | 'desc' }>;
  lastView?: string;
  language?: Lang;
}

const UI_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortOf(value: unknown): UiStatePeek['sort'] {
  const sort: UiStatePeek['sort'] = {};
  if (!isRecord(value)) return sort;
  for (const [list, entry] of Object.entries(value)) {
    if (!UI_KEY.test(list) || !isRecord(entry)) continue;
    const { key, direction } = entry;
    if (typeof key === 'string' && UI_KEY.test(key) && (direction === 'asc' || direction === 'desc'))
      sort[list] = { key, direction };
  }
  return sort;
}

/** The UI state kept in `configDirectory`, or undefined when there is none or it cannot be read. */
export function peekUiState(configDirectory: string): UiStatePeek | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path.join(configDirectory, 'state.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(data) || !isRecord(data['ui'])) return undefined;
  const { lastView, language, sort } = data['ui'];
  return {
    sort: sortOf(sort),
    ...(typeof lastView === 'string' && UI_KEY.test(lastView) ? { lastView } : {}),
    ...(typeof language === 'string' && isLang(language) ? { language } : {}),
  };
}
