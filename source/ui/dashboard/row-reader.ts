// Reads something for each row in view (its health, its certificate), in the background: a few at a
// time, each row once until told to forget, and only while the row is in view — a read queued or
// under way for a row that scrolled away is dropped, and the row is read when it comes back.
// No React here (use-row-reads.ts drives it from the view); what a read gives goes to `onRead`.

export interface RowReaderOptions<Result> {
  /** One row's read; it should give up when `signal` aborts. */
  read: (id: string, signal: AbortSignal) => Promise<Result>;
  onRead: (id: string, result: Result) => void;
  /** Reads under way at once, at most. */
  concurrency: number;
}

export class RowReader<Result> {
  readonly #options: RowReaderOptions<Result>;
  /** Read (or failed) since the last forget(): not asked again. */
  readonly #done = new Set<string>();
  /** Waiting for a free slot, in the order they were shown. */
  #queue: string[] = [];
  readonly #inFlight = new Map<string, AbortController>();
  #disposed = false;

  constructor(options: RowReaderOptions<Result>) {
    this.#options = options;
  }

  /** The rows now in view: whatever was queued or under way for other rows is dropped. */
  keepOnly(ids: readonly string[]): void {
    const kept = new Set(ids);
    this.#queue = this.#queue.filter((id) => kept.has(id));
    for (const [id, controller] of this.#inFlight) {
      if (kept.has(id)) continue;
      this.#inFlight.delete(id);
      controller.abort();
    }
  }

  /** Reads the rows in view that are neither read nor under way (after keepOnly(ids)). */
  show(ids: readonly string[]): void {
    this.keepOnly(ids);
    if (this.#disposed) return;
    const queued = new Set(this.#queue);
    for (const id of ids)
      if (!this.#done.has(id) && !this.#inFlight.has(id) && !queued.has(id)) this.#queue.push(id);
    this.#pump();
  }

  /** Every row may be read again (a new listing); reads under way go on. */
  forget(): void {
    this.#done.clear();
  }

  /** Stops every read (another connection, the app closing); nothing more is read. */
  dispose(): void {
    this.#disposed = true;
    this.#queue = [];
    for (const controller of this.#inFlight.values()) controller.abort();
    this.#inFlight.clear();
  }

  /** Rows queued and under way (for tests and the bench). */
  get pending(): { queued: readonly string[]; inFlight: readonly string[] } {
    return { queued: [...this.#queue], inFlight: [...this.#inFlight.keys()] };
  }

  #pump(): void {
    while (!this.#disposed && this.#inFlight.size < this.#options.concurrency && this.#queue.length > 0)
      this.#start(this.#queue.shift()!);
  }

  #start(id: string): void {
    const controller = new AbortController();
    this.#inFlight.set(id, controller);
    const finish = (result: { value: Result } | undefined) => {
      // Dropped (scrolled away, disposed): neither done nor reported, so it is read when back in view.
      if (this.#inFlight.get(id) !== controller) return;
      this.#inFlight.delete(id);
      // A row whose read failed shows nothing for it; it is asked again only after forget().
      this.#done.add(id);
      if (result) this.#options.onRead(id, result.value);
      this.#pump();
    };
    let reading: Promise<Result>;
    try {
      reading = this.#options.read(id, controller.signal);
    } catch {
      reading = Promise.reject(new Error('read failed'));
    }
    reading.then(
      (value) => finish({ value }),
      () => finish(undefined),
    );
  }
}
