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
