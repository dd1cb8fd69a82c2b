// Every reply of every action the local ALB implements, for every kind and state of resource, against
// the official metadata: shape (no unknown field, no wrong type or casing) and the fields ALB returns.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import { replyProblems, type Product } from './metadata.js';
import { rawCaller, type RawCaller, type Reply } from './raw-call.js';
import { EXPECTED_FIELDS, REPLY_CALLS, valuesAt } from './replies.js';
import { implementedActions } from './implemented.js';
import { startZoo } from './zoo.js';

let emulator: RunningEmulator;
let call: RawCaller;
let state: EmulatorState;

beforeAll(async () => {
  emulator = await startZoo();
  call = rawCaller(emulator);
  state = emulator.snapshot();
});
afterAll(() => emulator.close());

const implemented = implementedActions();
// Reads first, writes last: a write changes what later reads see.
const WRITES = new Set(['CreateListener', 'DeleteListener', 'TagResources', 'UnTagResources']);
const cases = (['alb', 'cas'] as const).flatMap((product) =>
  [...implemented[product]]
    .sort((a, b) => Number(WRITES.has(a)) - Number(WRITES.has(b)))
    .map((action) => [product, action] as [Product, string]),
);

describe('every reply matches the metadata', () => {
  test('every implemented action has reply calls and expected fields', () => {
    for (const [product, action] of cases) {
      expect(REPLY_CALLS[product][action], `REPLY_CALLS.${product}.${action}`).toBeTypeOf('function');
      expect(EXPECTED_FIELDS[product][action], `EXPECTED_FIELDS.${product}.${action}`).toBeDefined();
    }
  });

  test.each(cases)('%s %s', async (product, action) => {
    const makeCalls = REPLY_CALLS[product][action];
    if (!makeCalls) throw new Error(`no reply calls for ${action}`);
    const replies: Reply[] = [];
    for (const query of makeCalls(state)) replies.push(await call(product, action, query));
    const failed = replies.filter((r) => !r.ok);
    expect([...new Set(failed.map((r) => (r.ok ? '' : `${r.code}: ${String(r.body['Message'])}`)))]).toEqual(
      [],
    );
    const problems = replies.flatMap((r) => replyProblems(product, action, r.body));
    expect([...new Set(problems)]).toEqual([]);

    const missing: string[] = [];
    for (const field of EXPECTED_FIELDS[product][action] ?? []) {
      let holders = 0;
      const values: unknown[] = [];
      for (const reply of replies) {
        const found = valuesAt(reply.body, field.path);
        holders += found.holders;
        values.push(...found.values);
      }
      if (values.length === 0 || (field.in === 'every' && values.length !== holders)) {
        missing.push(`${field.path}: in ${values.length} of ${holders}`);
      }
      const unrealistic = values.filter((v) => field.realistic && !field.realistic(v));
      if (unrealistic.length > 0)
        missing.push(`${field.path}: unrealistic ${JSON.stringify(unrealistic[0])}`);
    }
    expect(missing).toEqual([]);
  });
});
