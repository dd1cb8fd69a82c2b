// Instances and listeners read as raw JSON (SdkTransport.rawAlbCall): the paged listings, the single
// reads, and the full listing of a dashboard refresh, which starts from what the last one of the same
// query found (listing.ts holds the scheduling; this is its wiring to the SDK).
import type { Listener, LoadBalancer } from '../domain/resources.js';
import type {
  CallOptions,
  FullListing,
  FullListingOptions,
  ListenerFilter,
  ListenersOfInstancesOptions,
  ListOptions,
  LoadBalancerFilter,
} from './client.js';
import { createLimiter } from './concurrency.js';
import { isAlbError, toAlbError, type AlbErrorKind } from './errors.js';
import {
  instanceQueries,
  ListenerCollector,
  readInstances,
  RepeatedTokenError,
  type InstancePage,
  type ListenerPage,
  type ListingMemory,
} from './listing.js';
import { listenerDetailFromWire, listenerFromWire, loadBalancerFromWire } from './mappers.js';
import { clampPageSize, idGroups, MAX_PAGE_SIZE, paging, type SdkTransport } from './sdk-transport.js';

/** Full listings whose findings a client keeps for the next listing of the same query. */
const REMEMBERED_LISTINGS = 4;
/** Failures of a listing that started from the previous one which may come from instances gone since. */
const STALE_MEMORY_KINDS: ReadonlySet<AlbErrorKind> = new Set(['notFound', 'forbidden', 'invalid']);

export class SdkListing {
  /** What the last full listings found, by query (a few, most recent last): refreshes start from it. */
  private readonly listings = new Map<string, ListingMemory>();

  constructor(private readonly transport: SdkTransport) {}

  /** Full listings remembered for the next listing of the same query to start from. */
  get rememberedListings(): number {
    return this.listings.size;
  }

  // ---- instances --------------------------------------------------------------------------------

  async *listLoadBalancers(
    filter: LoadBalancerFilter = {},
    options: ListOptions = {},
  ): AsyncGenerator<LoadBalancer> {
    const pageSize = clampPageSize(options.pageSize);
    for (const ids of idGroups(filter.loadBalancerIds)) {
      yield* this.transport.pageThrough('ListLoadBalancers', async (nextToken) => {
        const page = await this.fetchLoadBalancerPage(
          { ...filter, loadBalancerIds: ids },
          nextToken,
          pageSize,
          options.signal,
        );
        return { items: page.loadBalancers, nextToken: page.nextToken };
      });
    }
  }

  private async fetchLoadBalancerPage(
    filter: LoadBalancerFilter,
    nextToken: string | undefined,
    pageSize: number,
    signal: AbortSignal | undefined,
  ): Promise<InstancePage> {
    const body = await this.transport.rawAlbCall(
      'ListLoadBalancers',
      {
        LoadBalancerIds: filter.loadBalancerIds,
        LoadBalancerNames: filter.loadBalancerNames,
        VpcIds: filter.vpcIds,
        LoadBalancerStatus: filter.status,
        AddressType: filter.addressType,
        AddressIpVersion: filter.addressIpVersion,
        ZoneId: filter.zoneId,
        ResourceGroupId: filter.resourceGroupId,
        Tag: filter.tags?.map((tag) => ({ Key: tag.key, Value: tag.value })),
        MaxResults: pageSize,
        NextToken: nextToken,
      },
      signal,
    );
    return {
      loadBalancers: Array.isArray(body['LoadBalancers'])
        ? body['LoadBalancers'].map(loadBalancerFromWire)
        : [],
      ...paging(body),
    };
  }

  async getLoadBalancer(loadBalancerId: string, options: CallOptions = {}): Promise<LoadBalancer> {
    return loadBalancerFromWire(
      await this.transport.rawAlbCall(
        'GetLoadBalancerAttribute',
        { LoadBalancerId: loadBalancerId },
        options.signal,
      ),
    );
  }

  // ---- listeners --------------------------------------------------------------------------------

  async *listListeners(filter: ListenerFilter = {}, options: ListOptions = {}): AsyncGenerator<Listener> {
    const pageSize = clampPageSize(options.pageSize);
    for (const loadBalancerIds of idGroups(filter.loadBalancerIds)) {
      for (const listenerIds of idGroups(filter.listenerIds)) {
        yield* this.transport.pageThrough('ListListeners', async (nextToken) => {
          const page = await this.fetchListenerPage({
            loadBalancerIds,
            listenerIds,
            protocol: filter.protocol,
            pageSize,
            nextToken,
            signal: options.signal,
          });
          return { items: page.listeners, nextToken: page.nextToken };
        });
      }
    }
  }

  private async fetchListenerPage(query: {
    loadBalancerIds?: string[] | undefined;
    listenerIds?: string[] | undefined;
    protocol?: string | undefined;
    pageSize: number;
    nextToken: string | undefined;
    signal?: AbortSignal | undefined;
  }): Promise<ListenerPage> {
    const body = await this.transport.rawAlbCall(
      'ListListeners',
      {
        LoadBalancerIds: query.loadBalancerIds,
        ListenerIds: query.listenerIds,
        ListenerProtocol: query.protocol,
        MaxResults: query.pageSize,
        NextToken: query.nextToken,
      },
      query.signal,
    );
    return {
      listeners: Array.isArray(body['Listeners']) ? body['Listeners'].map(listenerFromWire) : [],
      ...paging(body),
    };
  }

  async getListener(listenerId: string, options: CallOptions = {}): Promise<Listener> {
    return listenerDetailFromWire(
      await this.transport.rawAlbCall('GetListenerAttribute', { ListenerId: listenerId }, options.signal),
    );
  }

  // ---- listings of many instances' listeners ----------------------------------------------------

  async listListenersOfInstances(
    loadBalancerIds: readonly string[],
    options: ListenersOfInstancesOptions = {},
  ): Promise<Map<string, Listener[]>> {
    const collector = this.listenerCollector(options);
    collector.add(loadBalancerIds);
    return this.finishListing(collector);
  }

  async listLoadBalancersAndListeners(options: FullListingOptions = {}): Promise<FullListing> {
    const memoryKey = JSON.stringify([options.filter ?? {}, options.protocol ?? null]);
    const previous = this.listings.get(memoryKey);
    try {
      return await this.listAll(options, memoryKey, previous);
    } catch (error) {
      // Instances remembered from the previous listing may be gone, and a service may refuse to
      // be asked about them: once more, from nothing.
      if (previous && isAlbError(error) && STALE_MEMORY_KINDS.has(error.kind))
        return this.listAll(options, memoryKey, undefined);
      throw error;
    }
  }

  private async listAll(
    options: FullListingOptions,
    memoryKey: string,
    previous: ListingMemory | undefined,
  ): Promise<FullListing> {
    const collector = this.listenerCollector(options);
    const filter = options.filter ?? {};
    if (previous) collector.startFrom(previous);
    // Every instance is listed, so is every listener: their count sizes the first groups.
    else if (Object.values(filter).every((value) => value === undefined))
      collector.countListeners(async (signal) => {
        const page = await this.fetchListenerPage({
          protocol: options.protocol,
          pageSize: 1,
          nextToken: undefined,
          signal,
        });
        return page.totalCount;
      });
    let loadBalancers: LoadBalancer[] = [];
    try {
      loadBalancers = await readInstances(
        collector,
        instanceQueries(filter, collector.limiter.limit, previous?.instances.length),
        (filter, nextToken, signal) => this.fetchLoadBalancerPage(filter, nextToken, MAX_PAGE_SIZE, signal),
        MAX_PAGE_SIZE,
      );
    } catch (error) {
      collector.fail(
        error instanceof RepeatedTokenError ? this.transport.repeatedTokenError('ListLoadBalancers') : error,
      );
    }
    let listenersByLoadBalancer: Map<string, Listener[]>;
    try {
      listenersByLoadBalancer = await this.finishListing(collector);
    } catch (error) {
      // A listing that failed starts the next one from nothing (what it remembered may be the
      // cause); one given up by its caller says nothing about that.
      if (!isAlbError(error) || error.kind !== 'aborted') this.listings.delete(memoryKey);
      throw error;
    }
    // Most recent last: the first key is the one to forget.
    this.listings.delete(memoryKey);
    this.listings.set(memoryKey, {
      instances: loadBalancers.map((lb) => ({
        loadBalancerId: lb.loadBalancerId,
        listeners: listenersByLoadBalancer.get(lb.loadBalancerId)?.length ?? 0,
      })),
    });
    while (this.listings.size > REMEMBERED_LISTINGS) this.listings.delete(this.listings.keys().next().value!);
    return { loadBalancers, listenersByLoadBalancer, requests: collector.requestCount };
  }

  private listenerCollector(options: ListenersOfInstancesOptions): ListenerCollector {
    return new ListenerCollector({
      limiter: createLimiter(Math.max(1, Math.floor(options.concurrency ?? this.transport.concurrency))),
      pageSize: MAX_PAGE_SIZE,
      signal: options.signal,
      onProgress: options.onProgress,
      fetchPage: (ids, nextToken, signal) =>
        this.fetchListenerPage({
          loadBalancerIds: ids,
          protocol: options.protocol,
          pageSize: MAX_PAGE_SIZE,
          nextToken,
          signal,
        }),
    });
  }

  private async finishListing(collector: ListenerCollector): Promise<Map<string, Listener[]>> {
    try {
      return await collector.finish();
    } catch (error) {
      if (error instanceof RepeatedTokenError) throw this.transport.repeatedTokenError('ListListeners');
      throw toAlbError(error, {
        action: 'ListListeners',
        endpoint: this.transport.endpoint,
        readTimeoutMs: this.transport.readTimeoutMs,
      });
    }
  }
}
