import { describe, expect, it } from 'vitest';
import { ALL_MESSAGES, chooseLang, localized, t } from '../../source/ui/i18n.js';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('UI messages', () => {
  it('exist in both languages with the same placeholders', () => {
    for (const [key, message] of Object.entries(ALL_MESSAGES)) {
      expect(message.en, key).not.toBe('');
      expect(message['zh-CN'], key).not.toBe('');
      expect(placeholders(message['zh-CN']), key).toEqual(placeholders(message.en));
    }
  });

  it('are translated, not copied, where there is prose', () => {
    const sameInBoth = Object.entries(ALL_MESSAGES)
      .filter(([, message]) => message.en === message['zh-CN'])
      .map(([key]) => key);
    // Names and symbols that read the same in both.
    expect(sameInBoth).toEqual(['appName', 'refreshing', 'markedInfo']);
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(t('en', 'profile', { name: 'prod' })).toBe('profile prod');
    expect(t('en', 'deleted', { what: 'HTTPS 443' })).toBe('Deleted HTTPS 443.');
    expect(t('zh-CN', 'profile', { name: 'prod' })).toBe('配置 prod');
    expect(t('en', 'profile')).toBe('profile {name}');
    expect(localized('unknownOption', { option: '-x' })).toEqual({
      en: 'unknown option -x',
      'zh-CN': '未知选项 -x',
    });
  });
});

describe('chooseLang', () => {
  it('prefers the flag, then LC_ALL, LC_MESSAGES, LANG', () => {
    expect(chooseLang('zh-CN', { LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(chooseLang('zh', {})).toBe('zh-CN');
    expect(chooseLang(undefined, { LC_ALL: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(chooseLang(undefined, { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(chooseLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLang(undefined, { LANG: 'C' })).toBe('en');
  });

  it('falls back to the environment when the flag is not a language', () => {
    expect(chooseLang('fr', { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });
});
