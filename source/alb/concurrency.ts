// Small helpers for running many API calls under a cap.

/** Splits `items` into consecutive groups of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

export interface Limiter {
  /**
   * Runs `task` once fewer than the limit are running. Waiting tasks start highest `priority` first
   * (default 0), in the order they were given within one priority.
   */
  run<T>(task: () => Promise<T>, priority?: number): Promise<T>;
  /**
   * Keeps one slot free for tasks of at least `priority` until the returned function is called:
   * tasks of lower priority start only while more than the reserved slots are free (one always may).
   */
  reserve(priority: number): () => void;
  readonly limit: number;
  readonly active: number;
  readonly waiting: number;
}

interface Waiting {
  priority: number;
  start: () => void;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  const queue: Waiting[] = [];
  const reservations: number[] = [];
  /** The priority of each task running. */
  const running: number[] = [];
  const mayStart = (priority: number) => {
    const active = running.length;
    if (active >= limit) return false;
    // A reservation whose owner has a task running is in use, not idle.
    const reservedAbove = reservations.filter((p) => p > priority).length;
    const runningAbove = running.filter((p) => p > priority).length;
    const idleReserved = Math.max(0, reservedAbove - runningAbove);
    return active === 0 || active + idleReserved < limit;
  };
  const startWaiting = () => {
    while (queue.length > 0 && mayStart(queue[0]!.priority)) queue.shift()!.start();
  };
  const release = (priority: number) => {
    running.splice(running.indexOf(priority), 1);
    startWaiting();
  };
  return {
    run<T>(task: () => Promise<T>, priority = 0): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          running.push(priority);
          let settled: Promise<T>;
          try {
            settled = task();
          } catch (error) {
            settled = Promise.reject(error);
          }
          settled.then(resolve, reject).finally(() => release(priority));
        };
        if (mayStart(priority) && !queue.some((w) => w.priority >= priority)) {
          start();
          return;
        }
        // Queues stay short (a few hundred calls at most), so a linear insert is fine.
        let at = queue.length;
        while (at > 0 && queue[at - 1]!.priority < priority) at--;
        queue.splice(at, 0, { priority, start });
      });
    },
    reserve(priority: number): () => void {
      reservations.push(priority);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        reservations.splice(reservations.indexOf(priority), 1);
        startWaiting();
      };
    },
    limit,
    get active() {
      return running.length;
    },
    get waiting() {
      return queue.length;
    },
  };
}
