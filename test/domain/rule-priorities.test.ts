// Moving a rule renumbers the fewest rules (checked against a brute force on small listeners), the
// result keeps every rule in the asked order within 1–10000, and the calls never pass a clash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inCalls,
  planMove,
  priorityCalls,
  priorityHolder,
  type PrioritySlot,
} from '../../source/domain/rule-priorities.js';

const slots = (...priorities: number[]): PrioritySlot[] =>
  priorities.map((priority, index) => ({ ruleId: `r${index}`, priority }));

function applied(plan: Extract<ReturnType<typeof planMove>, { ok: true }>): number[] {
  return plan.order.map((slot) => slot.priority);
}

/** The fewest rules any valid renumbering of `order` must change: tried over every subset kept. */
function bruteForceFewest(order: readonly number[]): number {
  const n = order.length;
  let best = n;
  for (let mask = 0; mask < 1 << n; mask += 1) {
    const kept: number[] = [];
    for (let i = 0; i < n; i += 1) if (mask & (1 << i)) kept.push(i);
    let ok = true;
    let lastPos = -1;
    let lastValue = 0;
    for (const i of kept) {
      const value = order[i]!;
      // Room for the rules in between, and for those before the first kept (down to 1).
      if (value - lastValue < i - lastPos) ok = false;
      lastPos = i;
      lastValue = value;
    }
    if (kept.length > 0 && 10000 - lastValue < n - 1 - lastPos) ok = false;
    if (ok) best = Math.min(best, n - kept.length);
  }
  return best;
}

describe('planMove', () => {
  it('moves a rule into a gap by changing that rule alone', () => {
    const plan = planMove(slots(10, 20, 30), 'r2', -1);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes).toEqual([{ ruleId: 'r2', from: 30, to: 15 }]);
    expect(plan.order.map((slot) => slot.ruleId)).toEqual(['r0', 'r2', 'r1']);
  });

  it('moves to the top below the first rule, and to the bottom ten above the last', () => {
    const up = planMove(slots(10, 20, 30), 'r1', -1);
    expect(up.ok && up.changes).toEqual([{ ruleId: 'r1', from: 20, to: 5 }]);
    const down = planMove(slots(10, 20, 30), 'r1', 1);
    expect(down.ok && down.changes).toEqual([{ ruleId: 'r1', from: 20, to: 40 }]);
  });

  it('in a dense run, shifts the fewest neighbours', () => {
    // 1 2 3 4 and the last moves up: renumbering 3 (ten above 4) is one change; 4 has no room below 3.
    const plan = planMove(slots(1, 2, 3, 4), 'r3', -1);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes).toHaveLength(1);
    expect(plan.order.map((slot) => slot.ruleId)).toEqual(['r0', 'r1', 'r3', 'r2']);
    expect(applied(plan)).toEqual([1, 2, 4, 14]);
  });

  it('swaps the two rules at 1 and 2 with one change', () => {
    const plan = planMove(slots(1, 2), 'r1', -1);
    expect(plan.ok && plan.changes).toEqual([{ ruleId: 'r0', from: 1, to: 12 }]);
  });

  it('refuses to move past either end, or a rule it does not know', () => {
    expect(planMove(slots(1, 2), 'r0', -1)).toEqual({ ok: false, reason: 'edge' });
    expect(planMove(slots(1, 2), 'r1', 1)).toEqual({ ok: false, reason: 'edge' });
    expect(planMove(slots(1, 2), 'nope', 1)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('stays within 10000 at the top of the range', () => {
    const plan = planMove(slots(9998, 9999, 10000), 'r0', 1);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(Math.max(...applied(plan))).toBeLessThanOrEqual(10000);
    expect(plan.order.map((slot) => slot.ruleId)).toEqual(['r1', 'r0', 'r2']);
  });

  it('always gives the asked order, strictly increasing within 1–10000, changing the fewest rules', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 9 }),
        fc.nat(),
        fc.boolean(),
        (priorities, pick, up) => {
          const sorted = [...priorities].sort((a, b) => a - b);
          const all = slots(...sorted);
          const index = pick % all.length;
          const direction = up ? -1 : 1;
          const plan = planMove(all, all[index]!.ruleId, direction);
          const target = index + direction;
          if (target < 0 || target >= all.length) {
            expect(plan.ok).toBe(false);
            return;
          }
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          const expectedOrder = all.map((slot) => slot.ruleId);
          expectedOrder.splice(target, 0, ...expectedOrder.splice(index, 1));
          expect(plan.order.map((slot) => slot.ruleId)).toEqual(expectedOrder);
          const values = applied(plan);
          values.forEach((value, i) => {
            expect(value).toBeGreaterThanOrEqual(1);
            expect(value).toBeLessThanOrEqual(10000);
            if (i > 0) expect(value).toBeGreaterThan(values[i - 1]!);
          });
          const reordered = expectedOrder.map((id) => all.find((slot) => slot.ruleId === id)!.priority);
          expect(plan.changes).toHaveLength(bruteForceFewest(reordered));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('plans over 1,000 dense rules without trying every subset', () => {
    const dense = slots(...Array.from({ length: 1000 }, (_, i) => i + 1));
    const plan = planMove(dense, 'r999', -1);
    expect(plan.ok && plan.changes).toHaveLength(1);
  });
});

describe('priorityCalls', () => {
  it('sends at most 10 changes a call', () => {
    const changes = Array.from({ length: 23 }, (_, i) => ({ ruleId: `r${i}`, from: i + 1, to: i + 101 }));
    const calls = priorityCalls(slots(...changes.map((c) => c.from)), changes);
    expect(calls?.map((call) => call.length)).toEqual([10, 10, 3]);
  });

  it('gives a priority only once its holder has moved away', () => {
    const current = slots(1, 2);
    // r0 takes 2, which r1 holds until r1 moves to 3.
    const changes = [
      { ruleId: 'r0', from: 1, to: 2 },
      { ruleId: 'r1', from: 2, to: 3 },
    ];
    expect(priorityCalls(current, changes)).toEqual([[changes[1]], [changes[0]]]);
  });

  it('breaks a circle by parking one rule on a free priority first', () => {
    const changes = [
      { ruleId: 'r0', from: 1, to: 2 },
      { ruleId: 'r1', from: 2, to: 1 },
    ];
    expect(priorityCalls(slots(1, 2), changes)).toEqual([
      [{ ruleId: 'r0', from: 1, to: 10000 }],
      [{ ruleId: 'r1', from: 2, to: 1 }],
      [{ ruleId: 'r0', from: 10000, to: 2 }],
    ]);
  });

  it('never sends a priority another rule holds at that moment', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 14 }),
        fc.nat(),
        fc.boolean(),
        (priorities, pick, up) => {
          const all = slots(...[...priorities].sort((a, b) => a - b));
          const plan = planMove(all, all[pick % all.length]!.ruleId, up ? -1 : 1);
          if (!plan.ok) return;
          const calls = priorityCalls(all, plan.changes, 3)!;
          const held = new Map(all.map((slot) => [slot.ruleId, slot.priority]));
          for (const call of calls) {
            expect(call.length).toBeLessThanOrEqual(3);
            for (const change of call) {
              const others = [...held].filter(([id]) => id !== change.ruleId).map(([, p]) => p);
              expect(others).not.toContain(change.to);
            }
            for (const change of call) held.set(change.ruleId, change.to);
          }
          expect(plan.order.every((slot) => held.get(slot.ruleId) === slot.priority)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never makes a plan that needs a circle for a single move', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 12 }),
        fc.nat(),
        fc.boolean(),
        (priorities, pick, up) => {
          const all = slots(...[...priorities].sort((a, b) => a - b));
          const plan = planMove(all, all[pick % all.length]!.ruleId, up ? -1 : 1);
          if (!plan.ok) return;
          expect(priorityCalls(all, plan.changes)).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('helpers', () => {
  it('splits into calls of 10', () => {
    expect(inCalls(Array.from({ length: 21 }, (_, i) => i)).map((call) => call.length)).toEqual([10, 10, 1]);
  });

  it('finds the rule holding a priority, not the one being edited', () => {
    const rules = [
      { ruleId: 'a', priority: 5 },
      { ruleId: 'b', priority: 6 },
    ];
    expect(priorityHolder(rules, 6)?.ruleId).toBe('b');
    expect(priorityHolder(rules, 6, 'b')).toBeUndefined();
    expect(priorityHolder(rules, 7)).toBeUndefined();
  });
});
