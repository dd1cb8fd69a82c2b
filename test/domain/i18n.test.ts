// English counted words in message templates: `{n} listener(s)` settled once the number is known.
import { describe, expect, it } from 'vitest';
import { settlePlurals } from '../../source/domain/i18n.js';

describe('settlePlurals', () => {
  const params: Record<string, unknown> = { one: 1, many: 12, zero: 0, text: '3', word: 'x' };
  const settle = (template: string) => settlePlurals(template, (name) => params[name]);

  it('makes the counted word singular for 1 and plural otherwise, several words between included', () => {
    expect(settle('{one} listener(s) to change')).toBe('{one} listener to change');
    expect(settle('{many} rule(s) in {zero} call(s)')).toBe('{many} rules in {zero} calls');
    expect(settle('{text} Response rule(s)')).toBe('{text} Response rules');
  });

  it('leaves a word alone when no number precedes it', () => {
    expect(settle('{word} listener(s)')).toBe('{word} listener(s)');
    expect(settle('{missing} listener(s)')).toBe('{missing} listener(s)');
    expect(settle('the http(s) scheme')).toBe('the http(s) scheme');
  });
});
