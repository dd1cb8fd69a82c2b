// The status line's wrapping (components/lines.ts): mixed Chinese and ASCII text breaks between CJK
// characters or after CJK punctuation, never inside a run of ASCII that fits on a line.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { cellWidth } from '../../source/domain/text.js';
import { wrapCells } from '../../source/ui/components/lines.js';
import { t } from '../../source/ui/i18n.js';

it('keeps each :command of the Chinese unknown-command message whole', () => {
  const commands = [':instances', ':listeners', ':profiles', ':certs', ':ops', ':rules', ':groups', ':ctx']
    .concat([':region', ':lang', ':help', ':q'])
    .join('、');
  const message = t('zh-CN', 'unknownColonCommand', { command: 'nope', commands });
  const lines = wrapCells(message, 78);
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(78);
  for (const command of [':instances', ':listeners', ':profiles', ':certs', ':ops', ':rules', ':groups'])
    expect(
      lines.some((line) => line.includes(command)),
      command,
    ).toBe(true);
});

it('breaks between Chinese characters, and an ASCII run longer than a line in its middle', () => {
  expect(wrapCells('支付网关支付网关', 5)).toEqual(['支付', '网关', '支付', '网关']);
  expect(wrapCells('证书、lsn-abcdef、域名', 10)).toEqual(['证书、', 'lsn-abcdef', '、域名']);
  expect(wrapCells('名称x'.concat('y'.repeat(12)), 8)).toEqual(['名称xyyy', 'yyyyyyyy', 'y']);
});

it('loses nothing and never exceeds the width, for any text', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', 'b', ':', ' ', '支', '、', '。', '😀') }),
      fc.integer({ min: 2, max: 30 }),
      (raw, width) => {
        const text = raw.trim();
        const lines = wrapCells(text, width);
        for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      },
    ),
  );
});
