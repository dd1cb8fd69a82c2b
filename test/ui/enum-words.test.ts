// Every enumerated value the screen shows has its words in both languages. The values are read from
// the official API metadata (the `- **Value**：…` list in each field's description), so a value a
// new release of the metadata adds fails here until the table has it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { XForwardedForConfig } from '../../source/domain/resources.js';
import { ENUM_WORDS, enumWord, type EnumField } from '../../source/ui/dashboard/enum-words.js';

/** Written from the metadata by scripts/enum-values.ts (where each list is: test/ui/enum-sources.ts). */
const LISTED = JSON.parse(
  readFileSync(new URL('./fixtures/alb-enum-values.json', import.meta.url), 'utf8'),
) as { fields: Record<EnumField, string[]>; serverTypes: string[] };

const XFF_MODES: Record<NonNullable<XForwardedForConfig['XForwardedForProcessingMode']>, true> = {
  append: true,
  remove: true,
};
const SERVER_TYPES = ['Ecs', 'Eni', 'Eci', 'Ip', 'Fc'];

/** Written the same in the Chinese console: acronyms and version names. */
const SAME_IN_CHINESE = new Set(['IPv4', 'IP', 'ECS']);

describe('enum words', () => {
  it('covers every value the metadata lists for each field the screen shows', () => {
    for (const field of Object.keys(ENUM_WORDS) as EnumField[]) {
      const values = new Set(LISTED.fields[field]);
      if (field === 'xffProcessingMode') for (const mode of Object.keys(XFF_MODES)) values.add(mode);
      if (field === 'serverType') for (const type of SERVER_TYPES) values.add(type);
      expect(values.size, field).toBeGreaterThan(1);
      for (const value of values)
        expect(Object.keys(ENUM_WORDS[field]), `${field}: ${value}`).toContain(value);
    }
  });

  it('finds the request-only lists in the metadata too', () => {
    expect(LISTED.serverTypes).toEqual([...SERVER_TYPES].sort());
  });

  it('says each in Chinese as the console does', () => {
    for (const [field, table] of Object.entries(ENUM_WORDS)) {
      for (const [value, words] of Object.entries(table)) {
        expect(words.en, `${field}.${value}`).not.toBe('');
        if (!SAME_IN_CHINESE.has(words['zh-CN']))
          expect(words['zh-CN'], `${field}.${value}`).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(enumWord('serverGroupType', 'Instance', 'zh-CN')).toBe('服务器');
    expect(enumWord('serverStatus', 'Available', 'zh-CN')).toBe('可用');
    expect(enumWord('xffProcessingMode', 'append', 'zh-CN')).toBe('追加');
  });

  it('shows a value it does not know as it comes, made safe', () => {
    expect(enumWord('serverStatus', 'Draining\x1b[2J', 'zh-CN')).toBe('Draining');
  });
});
