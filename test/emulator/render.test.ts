import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeReply, RawJsonArray } from '../../source/emulator/render.js';

describe('encodeReply', () => {
  it('writes what JSON.stringify writes, pre-serialised arrays included', () => {
    const member = fc.oneof(
      fc.jsonValue().map((value) => ({ plain: value })),
      fc.array(fc.jsonValue(), { maxLength: 5 }).map((items) => ({ raw: items })),
    );
    fc.assert(
      // `__proto__` would set the test object's prototype rather than a key; replies never have one.
      fc.property(
        fc.dictionary(
          fc.string().filter((key) => key !== '__proto__'),
          member,
        ),
        (members) => {
          const body: Record<string, unknown> = {};
          const expected: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(members)) {
            if ('plain' in value) {
              body[key] = value.plain;
              expected[key] = value.plain;
            } else {
              body[key] = new RawJsonArray(value.raw.map((item) => Buffer.from(JSON.stringify(item))));
              expected[key] = value.raw;
            }
          }
          const json = encodeReply(body).toString('utf8');
          expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(expected)));
          if (!Object.values(body).some((v) => v instanceof RawJsonArray))
            expect(json).toBe(JSON.stringify(body));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined members, as JSON.stringify does', () => {
    const json = encodeReply({ A: undefined, B: new RawJsonArray([]), C: 1 }).toString();
    expect(json).toBe('{"B":[],"C":1}');
  });
});
