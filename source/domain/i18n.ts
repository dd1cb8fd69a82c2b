export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];
export type Localized = Record<Lang, string>;

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * The user's language from the environment, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG.
 * Any `zh*` locale means Simplified Chinese; everything else English.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

/** Parses a `--lang` value, accepting the usual spellings (`zh`, `zh_CN`, `zh-cn`, `en_US`). */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans' || v.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

export function both(en: string, zh: string): Localized {
  return { en, 'zh-CN': zh };
}

// `{count} listener(s)`: the word after a number placeholder, written `(s)` in the template, is singular
// for 1 and plural otherwise once the number is known (only English templates write it).
const COUNTED_WORD = /\{(\w+)\}((?: [A-Za-z]+)*? [A-Za-z]+)\(s\)/g;

/** The template with each `{n} word(s)` settled by the number `value(n)` gives (left as is when none). */
export function settlePlurals(template: string, value: (name: string) => unknown): string {
  if (!template.includes('(s)')) return template;
  return template.replace(COUNTED_WORD, (whole, name: string, words: string) => {
    const given = value(name);
    const counted = typeof given === 'number' || (typeof given === 'string' && /^\d+$/.test(given));
    return counted ? `{${name}}${words}${Number(given) === 1 ? '' : 's'}` : whole;
  });
}
