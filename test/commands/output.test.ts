// The one output of the subcommands: text lines sanitised, JSON escaped yet exact.
import { describe, expect, it } from 'vitest';
import { sanitizeLines, terminalOutput, toSafeJson, writeJson } from '../../source/commands/output.js';
import { sink } from './helpers.js';

describe('toSafeJson', () => {
  it('escapes what JSON.stringify leaves raw (C1, bidi, separators, format characters) and stays exact', () => {
    const value = {
      name: 'a\u202eb\u2028c\u0085d\u009be\u200bf\ufeffg\u2066h\u001bi\u00adj',
      n: 1,
      list: ['中文'],
    };
    expect(JSON.stringify(value)).toMatch(/\u202e/);
    const text = toSafeJson(value);
    expect(text).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/,
    );
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u2028');
    expect(text).toContain('中文');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('terminalOutput', () => {
  it('sanitises every line written, keeping the line breaks', async () => {
    const raw = sink();
    const out = terminalOutput(raw);
    out.write('one \u001b]0;T\u0007two\nthree \u001b[2J\u202efour\n');
    expect(raw.text).toBe('one two\nthree four\n');
    expect(sanitizeLines('a\tb')).toBe('a b');
  });

  it('writes JSON as made, not sanitised (a bidi character in a name stays, escaped)', async () => {
    const raw = sink();
    await writeJson(terminalOutput(raw), { name: 'x\u202ey' });
    expect(raw.text).toBe('{\n  "name": "x\\u202ey"\n}\n');
    expect(JSON.parse(raw.text)).toEqual({ name: 'x\u202ey' });
  });
});
