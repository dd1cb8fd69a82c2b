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
  let active = 0;
  const queue: Waiting[] = [];
  const release = () => {
    active--;
    queue.shift()?.start();
  };
  return {
    run<T>(task: () => Promise<T>, priority = 0): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          active++;
          let running: Promise<T>;
          try {
            running = task();
          } catch (error) {
            running = Promise.reject(error);
          }
          running.then(resolve, reject).finally(release);
        };
        if (active < limit) {
          start();
          return;
        }
        // Queues stay short (a few hundred calls at most), so a linear insert is fine.
        let at = queue.length;
        while (at > 0 && queue[at - 1]!.priority < priority) at--;
        queue.splice(at, 0, { priority, start });
      });
    },
    limit,
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
