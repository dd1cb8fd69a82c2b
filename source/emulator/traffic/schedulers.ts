// How the local ALB picks one of several weighted choices: the server group's scheduler over its
// servers (Wrr weighted round robin, Wlc weighted least connections, Sch consistent hash of the source
// IP), and a ForwardGroup action's weights over its server groups (weighted round robin).

export interface WeightedChoice {
  /** Stable identity of the choice (a server: group, ID and port). */
  key: string;
  weight: number;
}

/**
 * Smooth weighted round robin (nginx's): over any window the counts follow the weights exactly, and the
 * choices interleave instead of coming in bursts. `memory` keeps the running scores of one set of choices.
 */
export function pickRoundRobin<C extends WeightedChoice>(
  choices: readonly C[],
  memory: Map<string, number>,
): C | undefined {
  let total = 0;
  let best: C | undefined;
  let bestScore = -Infinity;
  for (const choice of choices) {
    if (choice.weight <= 0) continue;
    const score = (memory.get(choice.key) ?? 0) + choice.weight;
    memory.set(choice.key, score);
    total += choice.weight;
    if (score > bestScore) {
      bestScore = score;
      best = choice;
    }
  }
  if (best) memory.set(best.key, bestScore - total);
  // Forget choices that left (a server removed or now unhealthy) so the memory stays small.
  if (memory.size > choices.length * 2) {
    const keep = new Set(choices.map((c) => c.key));
    for (const key of memory.keys()) if (!keep.has(key)) memory.delete(key);
  }
  return best;
}

/** Weighted least connections: the fewest requests in flight per unit of weight. */
export function pickLeastConnections<C extends WeightedChoice>(
  choices: readonly C[],
  active: (key: string) => number,
  memory: Map<string, number>,
): C | undefined {
  let best: C[] = [];
  let bestLoad = Infinity;
  for (const choice of choices) {
    if (choice.weight <= 0) continue;
    const load = (active(choice.key) + 1) / choice.weight;
    if (load < bestLoad - 1e-12) {
      bestLoad = load;
      best = [choice];
    } else if (Math.abs(load - bestLoad) <= 1e-12) best.push(choice);
  }
  // Ties (an idle group) go round robin by weight, not always to the first server.
  return best.length <= 1 ? best[0] : pickRoundRobin(best, memory);
}

/**
 * Consistent hash of the source IP (weighted rendezvous hashing): one client always reaches the same
 * server, and when a server leaves or joins only the clients of that server move.
 */
export function pickConsistentHash<C extends WeightedChoice>(
  choices: readonly C[],
  sourceIp: string,
): C | undefined {
  let best: C | undefined;
  let bestScore = -Infinity;
  for (const choice of choices) {
    if (choice.weight <= 0) continue;
    const unit = (fnv1a(`${sourceIp}\u0000${choice.key}`) + 0.5) / 4294967296;
    const score = choice.weight / -Math.log(unit);
    if (score > bestScore) {
      bestScore = score;
      best = choice;
    }
  }
  return best;
}

/** 32-bit FNV-1a with a final avalanche, enough to spread IPs and server keys evenly. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
