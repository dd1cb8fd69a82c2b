// Listing many instances and their listeners fast. Both lists page with an opaque NextToken, so the
// pages of one query are sequential, and a listener query can only name instances already found
// (at most 20 per call). Speed comes from:
// - reading the instances through several disjoint queries at once (readInstances), checked
//   against the whole query's TotalCount so that none is missed;
// - running many listener groups at once, each formed only when a call slot is free, and sized from
//   what is known then (ListenerCollector): how many listeners an instance has on average (counted
//   up front, or from the groups seen) and how long the listing still has to run. Early groups
//   follow several pages (fewer calls: a group's last page is rarely full); late ones fit one page,
//   so that they end with the listing;
// - on a refresh, starting from the previous listing: its instances are asked about in the first
//   round, in groups packed by their listener counts.
import { setMaxListeners } from 'node:events';
import type { Listener, LoadBalancer } from '../domain/resources.js';
import type { ListingProgress, LoadBalancerFilter } from './client.js';
import type { Limiter } from './concurrency.js';

export const MAX_IDS_PER_CALL = 20;
/** `MaxResults` at most, for every list action the listing uses. */
const MAX_PAGE_ITEMS = 100;

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

/** What the instance side of a listing still has to read, for sizing listener groups. */
export interface InstancesToCome {
  /** Instances not yet found, when the service's counts tell. */
  instances?: number;
  /** Sequential instance pages still to read (the longest of the queries in flight). */
  pages: number;
}

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
  /** A call slot is being waited for, to start the next group (at most one at a time). */
  private groupQueued = false;
  private toCome: InstancesToCome = { pages: 0 };
  private estimateListeners = 0;
  private estimateInstances = 0;
  /** Every listener the listing will find, when counted up front (`countListeners`). */
  private listenersInAll?: number;
  /** Pages that running groups are known still to need (from their first page's TotalCount). */
  private pagesPromised = 0;
  /** Listener counts of instances from the previous listing (`startFrom`), until grouped. */
  private readonly knownCounts = new Map<string, number>();
  /** Listeners of the waiting instances whose counts are known, and those instances. */
  private knownWaiting = 0;
  private knownWaitingInstances = 0;
  /** Instances from the previous listing not (yet) found again by this one. */
  private readonly unconfirmed = new Set<string>();
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

  /**
   * Average listeners per instance: over the whole listing when both totals are counted, else over
   * the groups seen so far, once any is known.
   */
  get averagePerInstance(): number | undefined {
    const instancesInAll = this.byInstance.size + (this.toCome.instances ?? Number.NaN);
    if (this.listenersInAll !== undefined && instancesInAll > 0) return this.listenersInAll / instancesInAll;
    return this.estimateInstances > 0 ? this.estimateListeners / this.estimateInstances : undefined;
  }

  /**
   * Counts the listeners the listing will find with one small call (`count`, run now, among the
   * instance pages), so that the first groups are sized before any of them answers. Best effort:
   * a failed count changes nothing.
   */
  countListeners(count: (signal: AbortSignal) => Promise<number | undefined>): void {
    this.options.limiter
      .run(() => {
        if (this.abort.signal.aborted) return Promise.resolve(undefined);
        this.countRequest();
        return count(this.abort.signal);
      }, PRIORITY.instancePage)
      .then(
        (total) => {
          if (total !== undefined && Number.isFinite(total) && total >= 0) this.listenersInAll = total;
        },
        () => undefined,
      );
  }

  add(loadBalancerIds: readonly string[]): void {
    if (this.closed) throw new Error('ListenerCollector.add after finish');
    for (const id of loadBalancerIds) this.unconfirmed.delete(id);
    this.enqueue(loadBalancerIds);
  }

  private enqueue(loadBalancerIds: Iterable<string>): void {
    for (const id of loadBalancerIds) {
      if (this.byInstance.has(id)) continue;
      this.byInstance.set(id, []);
      this.pending.push(id);
    }
    this.pump();
    this.report();
  }

  /**
   * Starts from what the previous listing of the same query found: its instances are asked about
   * at once, in groups packed by their listener counts, before this listing has found them again.
   * Those it does not find again are left out of `finish()`'s answer.
   */
  startFrom(previous: ListingMemory): void {
    if (this.closed) throw new Error('ListenerCollector.startFrom after finish');
    let listeners = 0;
    for (const { loadBalancerId, listeners: count } of previous.instances) {
      if (this.byInstance.has(loadBalancerId) || this.knownCounts.has(loadBalancerId)) continue;
      this.knownCounts.set(loadBalancerId, count);
      this.knownWaiting += count;
      this.knownWaitingInstances++;
      this.unconfirmed.add(loadBalancerId);
      listeners += count;
    }
    // The previous average sizes the groups of instances new to this listing.
    this.estimateListeners += listeners;
    this.estimateInstances += this.knownCounts.size;
    this.enqueue(this.knownCounts.keys());
  }

  /** Tells the collector what the instance side still has to read (see `groupSize`). */
  expectInstances(toCome: InstancesToCome): void {
    this.toCome = toCome;
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

  /**
   * Asks for a call slot to start the next group, if instances are waiting and no such ask is
   * queued. The group is formed once the slot is granted, so that its size uses what is known then.
   */
  private pump(): void {
    if (this.groupQueued || this.pending.length === 0 || this.failure !== undefined) return;
    this.groupQueued = true;
    this.chainsRunning++;
    void this.runChain();
  }

  private async runChain(): Promise<void> {
    let ids: string[] = [];
    let promised = 0;
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
            if (first) {
              this.groupQueued = false;
              ids = this.takeGroup();
              // The next group waits for the next free slot.
              this.pump();
              if (ids.length === 0) return Promise.resolve(undefined);
            }
            this.countRequest();
            return this.options.fetchPage(ids, token, this.abort.signal);
          },
          first ? PRIORITY.firstListenerPage : PRIORITY.nextListenerPage,
        );
        if (page === undefined) return;
        nextToken = page.nextToken || undefined;
        if (first && page.totalCount !== undefined) {
          promised = Math.max(0, Math.ceil(page.totalCount / this.options.pageSize) - 1);
          this.pagesPromised += promised;
        } else if (!first && promised > 0) {
          promised--;
          this.pagesPromised--;
        }
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
      } while (nextToken !== undefined);
      if (!estimated) estimate(chainListeners);
      this.instancesDone += ids.length;
      this.report();
    } catch (error) {
      this.fail(error);
    } finally {
      this.pagesPromised -= promised;
      this.chainsRunning--;
      this.tryToSettle();
    }
  }

  /** The instances of the group about to start, taken from those waiting. */
  private takeGroup(): string[] {
    const average = this.averagePerInstance;
    if (average === undefined) return this.pending.splice(0, MAX_IDS_PER_CALL);
    const pages = this.groupPages(average);
    const first = this.pending[0];
    if (first === undefined || !this.knownCounts.has(first))
      return this.removeWaiting(this.pending.splice(0, this.groupSizeFor(average, pages)));
    // Counts known: fill the pages. The first instance waiting starts the group (so that every
    // instance gets its turn); then the largest of the next ones that still fits, and again.
    const capacity = Math.min(pages, MAX_PAGES_PER_GROUP) * this.options.pageSize;
    const candidates = this.pending.splice(0, PACKING_WINDOW);
    const group = [candidates.shift()!];
    let filled = this.knownCounts.get(group[0]!) ?? average;
    while (group.length < MAX_IDS_PER_CALL) {
      let best = -1;
      let bestCount = -1;
      candidates.forEach((id, index) => {
        const count = this.knownCounts.get(id) ?? average;
        if (filled + count <= capacity && count > bestCount) {
          best = index;
          bestCount = count;
        }
      });
      if (best < 0) break;
      group.push(candidates.splice(best, 1)[0]!);
      filled += bestCount;
    }
    this.pending.unshift(...candidates);
    return this.removeWaiting(group);
  }

  /** Accounts for `ids` leaving the instances waiting; answers them. */
  private removeWaiting(ids: string[]): string[] {
    for (const id of ids) {
      const known = this.knownCounts.get(id);
      if (known === undefined) continue;
      this.knownWaiting -= known;
      this.knownWaitingInstances--;
    }
    return ids;
  }

  /**
   * Pages for the group about to start: as many as the rounds of calls the listing still needs
   * (its calls `limit` at a time; after the last instance page at least one more round), at most
   * MAX_PAGES_PER_GROUP.
   */
  private groupPages(average: number): number {
    const { limit } = this.options.limiter;
    const unknownWaiting = this.pending.length - this.knownWaitingInstances;
    const instancesToCome = Math.max(0, (this.toCome.instances ?? 0) - this.unconfirmed.size);
    const listenersLeft = this.knownWaiting + (unknownWaiting + instancesToCome) * average;
    const callsLeft = this.pagesPromised + listenersLeft / this.options.pageSize;
    return Math.floor(Math.max(callsLeft / limit, this.toCome.pages + 1));
  }

  /** The size of a group of instances whose counts are not known: see `groupSize`. */
  private groupSizeFor(average: number, pages: number): number {
    const size = groupSize(average, this.options.pageSize, pages);
    if (pages > 1 || this.toCome.instances !== 0) return size;
    // The last round: spread what is left over the slots free now (this group's included), fuller
    // pages (no margin) rather than one more round.
    const slots = Math.max(1, this.options.limiter.limit - this.options.limiter.active + 1);
    const fullPage = Math.max(1, Math.floor(this.options.pageSize / average));
    return Math.max(size, Math.min(fullPage, Math.ceil(this.pending.length / slots), MAX_IDS_PER_CALL));
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
    // Instances of the previous listing that this one did not find again are gone.
    for (const id of this.unconfirmed) this.byInstance.delete(id);
    if (this.failure !== undefined) this.settle.reject(this.failure);
    else this.settle.resolve(this.byInstance);
    this.settle = undefined;
  }
}

/** How far ahead of the first waiting instance a group looks for instances that fit its pages. */
const PACKING_WINDOW = 64;

/** What a listing found, for the next listing of the same query to start from. */
export interface ListingMemory {
  /** In the order listed, each with its listener count. */
  instances: { loadBalancerId: string; listeners: number }[];
}

/** Pages a group may be given: beyond 4, a longer chain saves almost no calls. */
export const MAX_PAGES_PER_GROUP = 4;

/** A group is sized to fill this much of its pages, leaving room for instances above the average. */
const GROUP_FILL = 0.95;

/**
 * How many instances to ask about in one group so that their listeners fill about `pages` pages
 * (1–MAX_PAGES_PER_GROUP): a group's last page is the one rarely full, so fewer, longer groups make
 * fewer calls, but a group of `pages` pages takes that many round trips to end.
 */
export function groupSize(averagePerInstance: number, pageSize: number, pages = 1): number {
  if (averagePerInstance <= 0) return MAX_IDS_PER_CALL;
  const target = Math.min(MAX_PAGES_PER_GROUP, Math.max(1, pages)) * pageSize * GROUP_FILL;
  return Math.max(1, Math.min(MAX_IDS_PER_CALL, Math.floor(target / averagePerInstance)));
}

export class RepeatedTokenError extends Error {
  constructor() {
    super('the service returned a NextToken it had returned before');
    this.name = 'RepeatedTokenError';
  }
}

export interface InstancePage {
  loadBalancers: LoadBalancer[];
  nextToken?: string;
  /** Instances matching the query in total, when the service says. */
  totalCount?: number;
}

export type FetchInstancePage<Query> = (
  query: Query,
  nextToken: string | undefined,
  signal: AbortSignal,
) => Promise<InstancePage>;

export interface InstanceQueries<Query> {
  /** Disjoint queries, each followed to its end, all at once. */
  parts: Query[];
  /**
   * The query the parts split, when they may not cover it (they split it by documented values a
   * service could add to). Its first page is read with theirs: when that page holds everything, the
   * parts stop; otherwise its TotalCount must be met by the instances the parts found, or it is read
   * to its end after all.
   */
  whole?: Query;
}

interface InstanceChain<Query> {
  query: Query;
  found: LoadBalancer[];
  total?: number;
  nextToken?: string;
  ended: boolean;
  /** Its pages are being read (the whole query waits while the parts are read). */
  reading: boolean;
}

/**
 * Reads the instances of a listing through `queries`, handing them to `collector` as they come, and
 * answers them: each once, the whole query's first page first (the service's order), then each
 * part's in its own order.
 */
export async function readInstances<Query>(
  collector: ListenerCollector,
  queries: InstanceQueries<Query>,
  fetchPage: FetchInstancePage<Query>,
  pageSize: number,
): Promise<LoadBalancer[]> {
  const byId = new Map<string, LoadBalancer>();
  const chain = (query: Query): InstanceChain<Query> => ({ query, found: [], ended: false, reading: false });
  const whole = queries.whole === undefined ? undefined : chain(queries.whole);
  const parts = queries.parts.map(chain);
  let partsStopped = false;

  const tellCollector = () => {
    const running = [...(whole ? [whole] : []), ...parts].filter((c) => c.reading);
    const pages = Math.max(
      0,
      ...running.map((c) =>
        c.total === undefined ? 1 : Math.ceil(Math.max(0, c.total - c.found.length) / pageSize),
      ),
    );
    const total = whole?.total ?? (parts.every((c) => c.total !== undefined) ? sumTotals(parts) : undefined);
    collector.expectInstances({
      pages: partsStopped ? 0 : pages,
      ...(total === undefined ? {} : { instances: Math.max(0, total - byId.size) }),
    });
  };

  /** Reads `c` page after page while `more()` holds, holding a call slot for it meanwhile. */
  const follow = async (c: InstanceChain<Query>, more: () => boolean): Promise<void> => {
    const unreserve = collector.limiter.reserve(PRIORITY.instancePage);
    const seenTokens = new Set<string>();
    c.reading = true;
    try {
      do {
        const token = c.nextToken;
        const page = await collector.limiter.run(() => {
          if (collector.signal.aborted) return Promise.reject(collector.signal.reason);
          collector.countRequest();
          return fetchPage(c.query, token, collector.signal);
        }, PRIORITY.instancePage);
        c.total ??= page.totalCount;
        c.nextToken = page.nextToken || undefined;
        if (c.nextToken !== undefined) {
          if (seenTokens.has(c.nextToken)) throw new RepeatedTokenError();
          seenTokens.add(c.nextToken);
        }
        const fresh: string[] = [];
        for (const lb of page.loadBalancers) {
          c.found.push(lb);
          if (byId.has(lb.loadBalancerId)) continue;
          byId.set(lb.loadBalancerId, lb);
          fresh.push(lb.loadBalancerId);
        }
        tellCollector();
        collector.add(fresh);
      } while (c.nextToken !== undefined && more());
      c.ended = c.nextToken === undefined;
    } finally {
      c.reading = false;
      unreserve();
    }
  };

  const readWholeFirstPage = async (w: InstanceChain<Query>) => {
    // Without parts, the whole query is the listing: read on, under the same slot.
    await follow(w, () => parts.length === 0);
    // One page held it all: what the parts would add is at most what was created meanwhile.
    if (w.ended) partsStopped = true;
  };
  await Promise.all([
    ...(whole ? [readWholeFirstPage(whole)] : []),
    ...parts.map((c) => follow(c, () => !partsStopped)),
  ]);
  const covered =
    whole === undefined || whole.ended || (whole.total !== undefined && byId.size >= whole.total);
  if (whole && !covered) await follow(whole, () => true);
  tellCollector();
  // Each instance once, in the order its queries gave it.
  const ordered = new Set<LoadBalancer>();
  for (const c of [...(whole ? [whole] : []), ...parts])
    for (const lb of c.found) ordered.add(byId.get(lb.loadBalancerId)!);
  return [...ordered];
}

function sumTotals(chains: InstanceChain<unknown>[]): number {
  return chains.reduce((sum, c) => sum + (c.total ?? 0), 0);
}

/**
 * How a listing reads the instances `filter` matches. Named instances: their ID groups (20 per call).
 * Otherwise, when there are call slots to spare, the filter split by address type and IP version
 * (every value the API documents), checked against the whole filter's count.
 */
export function instanceQueries(
  filter: LoadBalancerFilter,
  concurrency: number,
  /** Instances the previous listing of this filter found: a split does not pay for one page. */
  previouslyFound?: number,
): InstanceQueries<LoadBalancerFilter> {
  const ids = filter.loadBalancerIds ?? [];
  if (ids.length > 0) {
    const parts: LoadBalancerFilter[] = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL)
      parts.push({ ...filter, loadBalancerIds: ids.slice(i, i + MAX_IDS_PER_CALL) });
    return { parts };
  }
  if (previouslyFound !== undefined && previouslyFound <= MAX_PAGE_ITEMS) return { parts: [], whole: filter };
  let parts: LoadBalancerFilter[] = [filter];
  if (filter.addressType === undefined)
    parts = parts.flatMap((f) => ADDRESS_TYPES.map((addressType) => ({ ...f, addressType })));
  if (filter.addressIpVersion === undefined)
    parts = parts.flatMap((f) => IP_VERSIONS.map((addressIpVersion) => ({ ...f, addressIpVersion })));
  // The parts and the whole query's first page go out at once, with slots left for listener calls.
  if (parts.length === 1 || parts.length + 1 >= concurrency) return { parts: [], whole: filter };
  return { parts, whole: filter };
}

const ADDRESS_TYPES = ['Internet', 'Intranet'] as const satisfies readonly LoadBalancer['addressType'][];
const IP_VERSIONS = ['IPv4', 'DualStack'] as const satisfies readonly LoadBalancer['addressIpVersion'][];
