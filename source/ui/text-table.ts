// A table of strings in both languages with `{name}` placeholders, as each view keeps its own words.
// A parameter may itself be in both languages: each language then takes its own.
import { settlePlurals, type Lang, type Localized } from '../domain/i18n.js';

export type TextParam = string | number | Localized;
export type TextParams = Record<string, TextParam>;

function fill(template: string, lang: Lang, params: TextParams): string {
  return settlePlurals(template, (name) => params[name]).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

export interface TextTable<Key extends string> {
  /** Both languages, placeholders filled. */
  text(key: Key, params?: TextParams): Localized;
  /** One language, placeholders filled. */
  say(lang: Lang, key: Key, params?: TextParams): string;
  /** Every entry, for the tests that check both languages carry the same placeholders. */
  entries: Readonly<Record<Key, Localized>>;
}

export function textTable<Key extends string>(entries: Record<Key, Localized>): TextTable<Key> {
  return {
    text: (key, params = {}) => ({
      en: fill(entries[key].en, 'en', params),
      'zh-CN': fill(entries[key]['zh-CN'], 'zh-CN', params),
    }),
    say: (lang, key, params = {}) => fill(entries[key][lang], lang, params),
    entries,
  };
}
