// Listing the listeners of many instances fast. `ListListeners` takes at most 20 instance IDs per
// call and pages with an opaque NextToken, so the pages of one group of instances are sequential;
// speed comes from running many groups at once, and from sizing the groups so that each fits in one
// page: the first groups take 20 instances, and their first page's TotalCount tells how many
// listeners an instance has on average, which sizes every later group.
import { setMaxListeners } from 'node:events';
import type { Listener } from '../domain/resources.js';
import type { ListingProgress } from './client.js';
import type { Limiter } from './concurrency.js';

export const MAX_IDS_PER_CALL = 20;

export interface ListenerPage {
  listeners: Listener[];
  nextToken?: string;
  /** Listeners matching the call's filter in total, when the service says. */
  totalCount?: number;
}

export type FetchListenerPage = (
  loadBalancerIds: string[],
  nextToken: string | undefined,
  signal: AbortSignal,
) => Promise<ListenerPage>;

/** Call priorities on the shared limiter: the chains that decide when the listing ends go first. */
export const PRIORITY = { instancePage: 2, nextListenerPage: 1, firstListenerPage: 0 } as const;

export interface CollectorOptions {
  fetchPage: FetchListenerPage;
  limiter: Limiter;
  /** `MaxResults` per call. */
  pageSize: number;
  signal?: AbortSignal;
  onProgress?: (progress: ListingProgress) => void;
  /** Counts every call, for progress and benchmarks. */
  onRequest?: () => void;
}

/**
 * Collects listeners for instance IDs given in one go or as they arrive (`add`), then `finish()`
 * resolves every instance's listeners. The first failure aborts the rest and rejects `finish()`.
 */
export class ListenerCollector {
  private readonly byInstance = new Map<string, Listener[]>();
  private readonly pending: string[] = [];
  private readonly abort = new AbortController();
  private readonly unlinkSignal: () => void;
  private chainsRunning = 0;
  private chainsWithoutEstimate = 0;
  private estimateListeners = 0;
  private estimateInstances = 0;
  private instancesDone = 0;
  private listenerCount = 0;
  private requests = 0;
  private closed = false;
  private failure: unknown;
  private settle?: { resolve: (map: Map<string, Listener[]>) => void; reject: (error: unknown) => void };

  constructor(private readonly options: CollectorOptions) {
    // Each call in flight (and each retry wait) listens on the listing's signal until it settles.
    setMaxListeners(options.limiter.limit * 2 + 10, this.abort.signal);
    const outer = options.signal;
    const onOuterAbort = () =>
      this.fail(outer?.reason ?? new DOMException('The operation was aborted', 'AbortError'));
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    this.unlinkSignal = () => outer?.removeEventListener('abort', onOuterAbort);
  }

  /** Aborts when the listing fails or is aborted: for calls made for it outside the collector. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get limiter(): Limiter {
    return this.options.limiter;
  }

  /** The listing's calls so far. */
  get requestCount(): number {
    return this.requests;
  }

  /** Average listeners per instance seen so far, once known. */
  get averagePerInstance(): number | undefined {
    return this.estimateInstances > 0 ? this.estimateListeners / this.estimateInstances : undefined;
  }

  add(loadBalancerIds: readonly string[]): void {
    if (this.closed) throw new Error('ListenerCollector.add after finish');
    for (const id of loadBalancerIds) {
      if (this.byInstance.has(id)) continue;
      this.byInstance.set(id, []);
      this.pending.push(id);
    }
    this.pump();
    this.report();
  }

  /** Counts a call made outside the collector (the instance pages), for progress. */
  countRequest(): void {
    this.requests++;
    this.options.onRequest?.();
  }

  /** Stops every call of this listing; `finish()` then rejects with `error`. */
  fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.abort.abort(error);
    this.tryToSettle();
  }

  finish(): Promise<Map<string, Listener[]>> {
    this.closed = true;
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.tryToSettle();
    });
  }

  /** Groups as many pending instances as is useful now and starts a page chain for each group. */
  private pump(): void {
    while (this.pending.length > 0 && this.failure === undefined) {
      const average = this.averagePerInstance;
      if (average === undefined && this.chainsWithoutEstimate >= this.options.limiter.limit) return;
      const size = average === undefined ? MAX_IDS_PER_CALL : groupSize(average, this.options.pageSize);
      if (average === undefined) this.chainsWithoutEstimate++;
      void this.runChain(this.pending.splice(0, size));
    }
  }

  private async runChain(ids: string[]): Promise<void> {
    this.chainsRunning++;
    try {
      let nextToken: string | undefined;
      let first = true;
      let estimated = false;
      let chainListeners = 0;
      const seenTokens = new Set<string>();
      // Only a later page of the same query can repeat a listener (one created meanwhile shifts the
      // rest); groups never share an instance, so this set is the chain's, and a one-page chain needs none.
      let seenListeners: Set<string> | undefined;
      const estimate = (listeners: number) => {
        this.estimateListeners += listeners;
        this.estimateInstances += ids.length;
        estimated = true;
      };
      do {
        const token = nextToken;
        const page = await this.options.limiter.run(
          () => {
            if (this.abort.signal.aborted) return Promise.reject(this.abort.signal.reason);
            this.countRequest();
            return this.options.fetchPage(ids, token, this.abort.signal);
          },
          first ? PRIORITY.firstListenerPage : PRIORITY.nextListenerPage,
        );
        nextToken = page.nextToken || undefined;
        if (!first || nextToken !== undefined) seenListeners ??= new Set();
        chainListeners += this.take(page.listeners, seenListeners);
        // The group's size is known from its first page when the service counts, or when one page held it all.
        if (first && (page.totalCount !== undefined || nextToken === undefined))
          estimate(page.totalCount ?? page.listeners.length);
        first = false;
        if (nextToken !== undefined) {
          if (seenTokens.has(nextToken)) throw new RepeatedTokenError();
          seenTokens.add(nextToken);
        }
        this.report();
        // An estimate may have just become known: group the instances that waited for it.
        this.pump();
      } while (nextToken !== undefined);
      if (!estimated) estimate(chainListeners);
      this.instancesDone += ids.length;
      this.report();
    } catch (error) {
      this.fail(error);
    } finally {
      this.chainsRunning--;
      this.pump();
      this.tryToSettle();
    }
  }

  /** Files a page's listeners by instance, skipping any in `seen`; answers how many were new. */
  private take(listeners: Listener[], seen: Set<string> | undefined): number {
    let taken = 0;
    for (const listener of listeners) {
      if (seen) {
        if (seen.has(listener.listenerId)) continue;
        seen.add(listener.listenerId);
      }
      taken++;
      let list = this.byInstance.get(listener.loadBalancerId);
      if (!list) {
        list = [];
        this.byInstance.set(listener.loadBalancerId, list);
      }
      list.push(listener);
    }
    this.listenerCount += taken;
    return taken;
  }

  private report(): void {
    this.options.onProgress?.({
      instancesDone: this.instancesDone,
      instancesTotal: this.byInstance.size,
      listeners: this.listenerCount,
      requests: this.requests,
    });
  }

  private tryToSettle(): void {
    if (!this.settle || this.chainsRunning > 0) return;
    if (this.failure === undefined && this.pending.length > 0) return;
    this.unlinkSignal();
    if (this.failure !== undefined) this.settle.reject(this.failure);
    else this.settle.resolve(this.byInstance);
    this.settle = undefined;
  }
}

/** How many instances to ask about in one call so that their listeners fill about one page. */
export function groupSize(averagePerInstance: number, pageSize: number): number {
  if (averagePerInstance <= 0) return MAX_IDS_PER_CALL;
  return Math.max(1, Math.min(MAX_IDS_PER_CALL, Math.floor(pageSize / averagePerInstance)));
}

export class RepeatedTokenError extends Error {
  constructor() {
    super('the service returned a NextToken it had returned before');
    this.name = 'RepeatedTokenError';
  }
}
