// Rule priorities of one listener: moving a rule up or down the order renumbers as few rules as
// possible; the changes are sent in calls of at most 10 that never pass through a clash; and who
// holds a priority, for the message of a clash. Pure.

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 10000;
/** UpdateRulesAttribute, CreateRules and DeleteRules take at most this many rules a call. */
export const RULES_PER_CALL = 10;

export interface PrioritySlot {
  ruleId: string;
  priority: number;
}

export interface PriorityChange {
  ruleId: string;
  from: number;
  to: number;
}

export type MovePlan =
  | { ok: true; changes: PriorityChange[]; order: PrioritySlot[] }
  | { ok: false; reason: 'edge' | 'unknown' | 'full' };

/** Room left between kept priorities at the ends of the order, where there is no neighbour to halve to. */
const END_STEP = 10;

/**
 * Indexes of a longest non-decreasing subsequence of `keys` among the allowed indexes, O(n log n).
 * Kept priorities must leave room for the rules between them: priorities a < b at positions x < y keep
 * when b - a ≥ y - x, that is when (b - y) ≥ (a - x). So the rules that can all stay are a
 * non-decreasing run of `priority - position`.
 */
function longestNonDecreasing(keys: readonly number[], allowed: (index: number) => boolean): number[] {
  const tailKeys: number[] = [];
  const tailIndex: number[] = [];
  const previous: number[] = Array.from({ length: keys.length }, () => -1);
  for (let i = 0; i < keys.length; i += 1) {
    if (!allowed(i)) continue;
    const key = keys[i]!;
    // The first tail strictly greater than key (non-decreasing: equal keys extend).
    let lo = 0;
    let hi = tailKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tailKeys[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tailIndex[lo - 1]! : -1;
    tailKeys[lo] = key;
    tailIndex[lo] = i;
  }
  const out: number[] = [];
  let at = tailIndex.length > 0 ? tailIndex[tailIndex.length - 1]! : -1;
  while (at >= 0) {
    out.push(at);
    at = previous[at]!;
  }
  return out.reverse();
}

/**
 * New priorities for the rules at the positions not in `kept`, strictly increasing along `order`:
 * between two kept rules the room is shared out evenly; at the ends, steps of 10 from the neighbour
 * while they fit. Values any rule holds now are avoided where the room allows, so fewer calls need
 * ordering.
 */
function fill(order: readonly PrioritySlot[], kept: ReadonlySet<number>, taken: ReadonlySet<number>) {
  const values = order.map((slot) => slot.priority);
  let i = 0;
  while (i < order.length) {
    if (kept.has(i)) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < order.length && !kept.has(end)) end += 1;
    const count = end - i;
    const lo = i > 0 ? values[i - 1]! : MIN_PRIORITY - 1;
    const hi = end < order.length ? values[end]! : MAX_PRIORITY + 1;
    const even = Math.floor((hi - lo) / (count + 1));
    const bothEnds = i > 0 && end < order.length;
    const step = bothEnds ? even : Math.min(END_STEP, even);
    const start = i === 0 && end < order.length ? hi - step * (count + 1) : lo;
    let last = lo;
    for (let k = 0; k < count; k += 1) {
      const ideal = Math.max(last + 1, start + step * (k + 1));
      // The highest value this one may take and still leave one for each rule after it in the run.
      const ceiling = hi - (count - k);
      let value = Math.min(ideal, ceiling);
      for (let probe = value; probe <= ceiling; probe += 1)
        if (!taken.has(probe)) {
          value = probe;
          break;
        }
      values[i + k] = value;
      last = value;
    }
    i = end;
  }
  return values;
}

function planOrder(order: readonly PrioritySlot[], moved: number, keepMoved: boolean) {
  const n = order.length;
  const keys = order.map((slot, position) => slot.priority - position);
  // A kept rule must leave room for those before it (down to 1) and after it (up to 10000).
  const fits = (i: number) => keys[i]! >= MIN_PRIORITY && keys[i]! <= MAX_PRIORITY - n + 1;
  const kept = longestNonDecreasing(keys, (i) => fits(i) && (keepMoved || i !== moved));
  return new Set(kept);
}

/**
 * Moves the rule `ruleId` one place up (`-1`, a lower priority number: tried earlier) or down (`+1`)
 * in the order of `slots` (any order; they are sorted by priority here). The plan changes the fewest
 * rules: into a gap, the moved rule alone; in a dense run, the fewest neighbours shift. Among plans
 * changing as many, the one that renumbers the moved rule is preferred.
 */
export function planMove(slots: readonly PrioritySlot[], ruleId: string, direction: -1 | 1): MovePlan {
  const sorted = [...slots].sort((a, b) => a.priority - b.priority);
  const from = sorted.findIndex((slot) => slot.ruleId === ruleId);
  if (from < 0) return { ok: false, reason: 'unknown' };
  const to = from + direction;
  if (to < 0 || to >= sorted.length) return { ok: false, reason: 'edge' };
  return planReorder(sorted, from, to);
}

/** The rule at index `from` of `sorted` (ascending priority) placed at index `to`. */
export function planReorder(sorted: readonly PrioritySlot[], from: number, to: number): MovePlan {
  if (sorted.length > MAX_PRIORITY) return { ok: false, reason: 'full' };
  const order = [...sorted];
  const [moving] = order.splice(from, 1);
  order.splice(to, 0, moving!);
  const taken = new Set(sorted.map((slot) => slot.priority));
  const without = planOrder(order, to, false);
  const withMoved = planOrder(order, to, true);
  // Renumbering the moved rule counts as one change more than keeping it; on a tie it is the one to change.
  const kept = withMoved.size > without.size ? withMoved : without;
  const values = fill(order, kept, taken);
  const changes: PriorityChange[] = [];
  const placed = order.map((slot, index) => {
    const priority = values[index]!;
    if (priority !== slot.priority) changes.push({ ruleId: slot.ruleId, from: slot.priority, to: priority });
    return { ruleId: slot.ruleId, priority };
  });
  return { ok: true, changes, order: placed };
}

/**
 * The changes in calls of at most `perCall`, ordered so that no call gives a rule a priority another
 * rule still holds (the API refuses that with `Conflict.Priority`). Changes that go round in a circle
 * (two rules trading places in a full run) are broken by parking one rule on a free priority first:
 * that call is one change more, never a clash. Undefined only when no priority is free at all.
 */
export function priorityCalls(
  current: readonly PrioritySlot[],
  changes: readonly PriorityChange[],
  perCall = RULES_PER_CALL,
): PriorityChange[][] | undefined {
  const holder = new Map(current.map((slot) => [slot.priority, slot.ruleId]));
  const pending = changes.map((change) => ({ ...change }));
  const calls: PriorityChange[][] = [];
  while (pending.length > 0) {
    const call: PriorityChange[] = [];
    for (const change of [...pending]) {
      if (call.length >= perCall) break;
      const held = holder.get(change.to);
      if (held !== undefined && held !== change.ruleId) continue;
      call.push(change);
      pending.splice(pending.indexOf(change), 1);
    }
    if (call.length === 0) {
      const parked = parkOne(pending[0]!, holder, pending);
      if (!parked) return undefined;
      call.push(parked);
    }
    for (const change of call) {
      if (holder.get(change.from) === change.ruleId) holder.delete(change.from);
    }
    for (const change of call) holder.set(change.to, change.ruleId);
    calls.push(call);
  }
  return calls;
}

/** Moves `change`'s rule to a priority nobody holds or wants, and makes its change start from there. */
function parkOne(
  change: PriorityChange,
  holder: ReadonlyMap<number, string>,
  pending: readonly PriorityChange[],
): PriorityChange | undefined {
  const wanted = new Set(pending.map((other) => other.to));
  for (let priority = MAX_PRIORITY; priority >= MIN_PRIORITY; priority -= 1) {
    if (holder.has(priority) || wanted.has(priority)) continue;
    const parked = { ruleId: change.ruleId, from: change.from, to: priority };
    change.from = priority;
    return parked;
  }
  return undefined;
}

/** Splits a list into calls of at most `size` (10 for every rules action). */
export function inCalls<T>(items: readonly T[], size = RULES_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The rule that holds `priority` among `rules`, other than `exceptRuleId` (the one being edited). */
export function priorityHolder<R extends { ruleId: string; priority: number }>(
  rules: readonly R[],
  priority: number,
  exceptRuleId?: string,
): R | undefined {
  return rules.find((rule) => rule.priority === priority && rule.ruleId !== exceptRuleId);
}
