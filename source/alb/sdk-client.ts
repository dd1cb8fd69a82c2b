// The one adapter over the official SDKs (`@alicloud/alb20200616`, `@alicloud/cas20200407`):
// endpoint and credentials set-up, per-call timeouts, our retry loop, paging, error mapping.
import { randomUUID } from 'node:crypto';
import AlbModule, * as $Alb from '@alicloud/alb20200616';
import CasModule, * as $Cas from '@alicloud/cas20200407';
import CredentialModule from '@alicloud/credentials';
import { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import type { CreateListenerRequest } from '../domain/create-request.js';
import type { UpdateListenerRequest } from '../domain/update-request.js';
import type { ListenerHealth } from '../domain/server-health.js';
import type { ServerSpec } from '../domain/server-rules.js';
import type {
  AsyncJob,
  BackendServer,
  Certificate,
  Listener,
  ListenerStatus,
  LoadBalancer,
  SecurityPolicy,
  ServerGroup,
} from '../domain/resources.js';
import type {
  AlbClient,
  AlbRegion,
  CallOptions,
  CertificateWaitOptions,
  ChangeOptions,
  CreatedListener,
  CreatedRules,
  CreateOptions,
  DeletedListener,
  DescribeRegionsOptions,
  DryRunPassed,
  FullListing,
  FullListingOptions,
  JobFilter,
  ListenerCertificate,
  ListenerChange,
  ServerRef,
  ServerWaitOptions,
  ListenerFilter,
  ListenersOfInstancesOptions,
  ListOptions,
  LoadBalancerFilter,
  RuleFilter,
  RuleUpdate,
  ServerGroupFilter,
  UpdateOptions,
  WaitOptions,
} from './client.js';
import type { Rule, RuleSpec } from '../domain/rule-types.js';
import { chunk, createLimiter } from './concurrency.js';
import { isAliyunHost, resolveEndpoint } from './endpoint.js';
import { credentialsSourceProvider, type CredentialsOption } from './credentials.js';
import { AlbError, isAlbError, toAlbError, type AlbErrorKind } from './errors.js';
import {
  instanceQueries,
  ListenerCollector,
  MAX_IDS_PER_CALL,
  readInstances,
  RepeatedTokenError,
  type InstancePage,
  type ListenerPage,
  type ListingMemory,
} from './listing.js';
import {
  toAsyncJob,
  toBackendServer,
  toCertificate,
  listenerDetailFromWire,
  listenerFromWire,
  toListenerCertificate,
  loadBalancerFromWire,
  toSecurityPolicy,
  toServerGroup,
  type SdkCasCertificate,
} from './mappers.js';
import { SdkListenerChanges } from './sdk-listener-changes.js';
import { SdkRules } from './sdk-rules.js';
import { SdkServerGroups } from './sdk-server-groups.js';
import { describeRegions } from './sdk-regions.js';
import { gatedCall } from './multi-listing-gate.js';
import {
  abortableSleep,
  DEFAULT_RETRY_POLICY,
  raceAbort,
  withRetry,
  type RetryEnvironment,
  type RetryPolicy,
} from './retry.js';

/**
 * The SDKs are CommonJS with `exports.default = Client`. Node's ESM loader (and esbuild in Node
 * mode) makes the default import `module.exports`, so the class is one `.default` further in; other
 * interop styles hand over the class itself. Accept both.
 */
function cjsDefault<T>(imported: unknown): T {
  const inner = (imported as { default?: unknown }).default;
  return (typeof inner === 'function' ? inner : imported) as T;
}

const AlbSdk = cjsDefault<typeof AlbModule.default>(AlbModule);
const CasSdk = cjsDefault<typeof CasModule.default>(CasModule);
const CredentialSdk = cjsDefault<typeof CredentialModule.default>(CredentialModule);
type AlbSdkClient = InstanceType<typeof AlbSdk>;
type CasSdkClient = InstanceType<typeof CasSdk>;

/**
 * The default credentials chain of `@alicloud/credentials`, made to start over after a failure:
 * the library's chain remembers the last provider it tried, even when every provider failed, and
 * then reports that provider's unrelated error on every later call.
 */
class ChainCredential extends CredentialSdk {
  override async getCredential(): ReturnType<InstanceType<typeof CredentialSdk>['getCredential']> {
    try {
      return await super.getCredential();
    } catch (error) {
      this.credential = new CredentialSdk().credential;
      throw error;
    }
  }
}

export type { CredentialsOption } from './credentials.js';

/** What the SDK's config takes: the static keys, or a credential object that finds them. */
function sdkCredentials(option: CredentialsOption) {
  switch (option.kind) {
    case 'static':
      return {
        accessKeyId: option.accessKeyId,
        accessKeySecret: option.accessKeySecret,
        securityToken: option.securityToken,
      };
    case 'chain':
      return { credential: new ChainCredential() };
    default:
      return { credential: new CredentialSdk(null, credentialsSourceProvider(option)) };
  }
}

export interface SdkClientOptions {
  region: string;
  /** `http://127.0.0.1:8080`, `https://host`, `host[:port]`; none → `alb.<region>.aliyuncs.com`. */
  endpoint?: string;
  /** The certificate service; none → the same endpoint when that is not an Alibaba Cloud host, else the SDK's default. */
  casEndpoint?: string;
  credentials: CredentialsOption;
  /** 5000 unless given. */
  connectTimeoutMs?: number;
  /** 10000 unless given. */
  readTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** API calls in flight at once in parallel listings; 16 unless given. */
  concurrency?: number;
  /**
   * Where CAS keeps certificates, for the ALB certificate ID `<CAS id>-<region>`. Unless given:
   * `cn-hangzhou` for Chinese regions, else `ap-southeast-1`.
   */
  certificateRegion?: string;
  userAgent?: string;
  /** Test seams. */
  retryEnvironment?: Partial<RetryEnvironment>;
  now?: () => number;
}

export interface ClientStats {
  /** HTTP requests sent (retries included). */
  requests: number;
  retries: number;
  /** Full listings remembered for the next listing of the same query to start from. */
  rememberedListings: number;
}

const MAX_PAGE_SIZE = 100;
/** Full listings whose findings a client keeps for the next listing of the same query. */
const REMEMBERED_LISTINGS = 4;
/** Failures of a listing that started from the previous one which may come from instances gone since. */
const STALE_MEMORY_KINDS: ReadonlySet<AlbErrorKind> = new Set(['notFound', 'forbidden', 'invalid']);
const CAS_PAGE_SIZE = 50;
const CAS_MAX_PAGES = 200;
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_WAIT_INTERVAL_MS = 1_000;
const DEFAULT_WAIT_TIMEOUT_MS = 300_000;
/** Polls a just-created listener may be missing for (eventual consistency) before that counts as an error. */
const MISSING_POLLS_TOLERATED = 3;

type Service = 'alb' | 'cas';

export function createSdkAlbClient(options: SdkClientOptions): SdkAlbClient {
  return new SdkAlbClient(options);
}

export class SdkAlbClient implements AlbClient {
  readonly endpoint: string;
  readonly region: string;
  readonly casEndpoint: string;
  readonly certificateRegion: string;
  private readonly alb: AlbSdkClient;
  private readonly cas: CasSdkClient;
  private readonly runtime: $dara.RuntimeOptions;
  private readonly readTimeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly env: RetryEnvironment;
  private readonly now: () => number;
  private readonly concurrency: number;
  private readonly counters = { requests: 0, retries: 0 };
  /** What the last full listings found, by query (a few, most recent last): refreshes start from it. */
  private readonly listings = new Map<string, ListingMemory>();
  private readonly changes: SdkListenerChanges;
  private readonly rules: SdkRules;
  private readonly serverGroups: SdkServerGroups;

  constructor(options: SdkClientOptions) {
    const region = options.region.trim();
    if (!region) {
      throw new AlbError({ kind: 'config', message: { en: 'no region given', 'zh-CN': '未指定地域' } });
    }
    this.region = region;
    const alb = resolveEndpoint(options.endpoint, `alb.${region}.aliyuncs.com`);
    this.endpoint = alb.display;
    const casGiven =
      options.casEndpoint ?? (alb.host && !isAliyunHost(alb.host) ? options.endpoint : undefined);
    const cas = resolveEndpoint(
      casGiven,
      region.startsWith('cn-') ? 'cas.aliyuncs.com' : `cas.${region}.aliyuncs.com`,
    );
    this.casEndpoint = cas.display;
    // CN-site certificates live in cn-hangzhou, international-site ones in ap-southeast-1 (§2.5).
    this.certificateRegion =
      options.certificateRegion ?? (region.startsWith('cn-') ? 'cn-hangzhou' : 'ap-southeast-1');

    const connectTimeout = options.connectTimeoutMs ?? 5_000;
    this.readTimeoutMs = options.readTimeoutMs ?? 10_000;
    this.runtime = new $dara.RuntimeOptions({ readTimeout: this.readTimeoutMs, connectTimeout });
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.env = {
      sleep: options.retryEnvironment?.sleep ?? abortableSleep,
      random: options.retryEnvironment?.random ?? Math.random,
    };
    this.now = options.now ?? Date.now;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));

    // One credential object for both services, so a source is read once.
    const credentials = sdkCredentials(options.credentials);
    const config = (endpoint: ReturnType<typeof resolveEndpoint>) =>
      new $OpenApiUtil.Config({
        ...credentials,
        regionId: region,
        endpoint: endpoint.host,
        protocol: endpoint.protocol,
        readTimeout: this.readTimeoutMs,
        connectTimeout,
        userAgent: options.userAgent,
      });
    this.alb = new AlbSdk(config(alb));
    this.cas = new CasSdk(config(cas));
    this.changes = new SdkListenerChanges({
      endpoint: this.endpoint,
      alb: this.alb,
      call: (action, run, signal) => this.call('alb', action, run, { idempotent: true, signal }),
      listListenerCertificates: (listenerId, signal) => this.listListenerCertificates(listenerId, { signal }),
      throwIfJobFailed: (jobId, signal) => this.throwIfJobFailed(jobId, signal),
      sleep: (ms, signal) => this.env.sleep(ms, signal),
      now: () => this.now(),
    });
    this.rules = new SdkRules({
      endpoint: this.endpoint,
      alb: this.alb,
      call: (action, run, signal) => this.call('alb', action, run, { idempotent: true, signal }),
      throwIfJobFailed: (jobId, signal) => this.throwIfJobFailed(jobId, signal),
      sleep: (ms, signal) => this.env.sleep(ms, signal),
      now: () => this.now(),
    });
    this.serverGroups = new SdkServerGroups({
      endpoint: this.endpoint,
      alb: this.alb,
      call: (action, run, signal) => this.call('alb', action, run, { idempotent: true, signal }),
      listServerGroupServers: (serverGroupId, signal) =>
        this.listServerGroupServers(serverGroupId, { signal }),
      throwIfJobFailed: (jobId, signal) => this.throwIfJobFailed(jobId, signal),
      sleep: (ms, signal) => this.env.sleep(ms, signal),
      now: () => this.now(),
    });
  }

  /** Requests sent so far by this client (for benchmarks and diagnostics). */
  stats(): ClientStats {
    return { ...this.counters, rememberedListings: this.listings.size };
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private call<T>(
    service: Service,
    action: string,
    run: (runtime: $dara.RuntimeOptions, attempt: number) => Promise<T>,
    options: { idempotent: boolean; signal?: AbortSignal | undefined },
  ): Promise<T> {
    const context = {
      action,
      endpoint: service === 'alb' ? this.endpoint : this.casEndpoint,
      readTimeoutMs: this.readTimeoutMs,
    };
    return withRetry(
      (attempt) =>
        // Under a listing across connections, each attempt waits for a slot of their shared limit.
        gatedCall(() => {
          this.counters.requests++;
          return run(this.runtime, attempt);
        }),
      {
        policy: this.policy,
        idempotent: options.idempotent,
        signal: options.signal,
        env: this.env,
        toError: (error) => toAlbError(error, context),
        onRetry: () => {
          this.counters.retries++;
        },
      },
    );
  }

  /** Follows NextToken until it is empty, page by page. */
  private async *pages<T>(
    action: string,
    fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>,
  ): AsyncGenerator<T[]> {
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await fetchPage(nextToken);
      yield page.items;
      nextToken = page.nextToken || undefined;
      if (nextToken !== undefined) {
        if (seen.has(nextToken)) throw this.repeatedTokenError(action);
        seen.add(nextToken);
      }
    } while (nextToken !== undefined);
  }

  /** Follows NextToken until it is empty, item by item. */
  private async *pageThrough<T>(
    action: string,
    fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>,
  ): AsyncGenerator<T> {
    for await (const items of this.pages(action, fetchPage)) yield* items;
  }

  private repeatedTokenError(action: string): AlbError {
    return new AlbError({
      kind: 'protocol',
      action,
      endpoint: this.endpoint,
      message: {
        en: `${this.endpoint} returned the same NextToken twice for ${action}; the listing was stopped`,
        'zh-CN': `${this.endpoint} 在 ${action} 中两次返回相同的 NextToken；已停止列出`,
      },
    });
  }

  // ---- instances --------------------------------------------------------------------------------

  async *listLoadBalancers(
    filter: LoadBalancerFilter = {},
    options: ListOptions = {},
  ): AsyncGenerator<LoadBalancer> {
    for await (const page of this.loadBalancerPages(filter, options)) yield* page;
  }

  private async *loadBalancerPages(
    filter: LoadBalancerFilter,
    options: ListOptions,
  ): AsyncGenerator<LoadBalancer[]> {
    const pageSize = clampPageSize(options.pageSize);
    for (const ids of idGroups(filter.loadBalancerIds)) {
      yield* this.pages('ListLoadBalancers', async (nextToken) => {
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
    const body = await this.rawAlbCall(
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
      await this.rawAlbCall('GetLoadBalancerAttribute', { LoadBalancerId: loadBalancerId }, options.signal),
    );
  }

  // ---- listeners --------------------------------------------------------------------------------

  async *listListeners(filter: ListenerFilter = {}, options: ListOptions = {}): AsyncGenerator<Listener> {
    const pageSize = clampPageSize(options.pageSize);
    for (const loadBalancerIds of idGroups(filter.loadBalancerIds)) {
      for (const listenerIds of idGroups(filter.listenerIds)) {
        yield* this.pageThrough('ListListeners', async (nextToken) => {
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
    const body = await this.rawAlbCall(
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

  /**
   * An ALB read through the SDK's own `callApi` (same request building, signing and transport), with
   * the JSON body as it came. Used for instances and listeners: in a 10,000-listener listing the
   * SDK's response-model cast cost more CPU than the rest of the client together.
   */
  private async rawAlbCall(
    action: string,
    query: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
    const params = new $OpenApiUtil.Params({
      action,
      version: '2020-06-16',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const response = await this.call('alb', action, (rt) => this.alb.callApi(params, request, rt), {
      idempotent: true,
      signal,
    });
    const body: unknown = response['body'];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new AlbError({
        kind: 'protocol',
        action,
        endpoint: this.endpoint,
        message: {
          en: `${this.endpoint} answered ${action} without a JSON object`,
          'zh-CN': `${this.endpoint} 对 ${action} 的响应不是 JSON 对象`,
        },
      });
    }
    return body as Record<string, unknown>;
  }

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
        error instanceof RepeatedTokenError ? this.repeatedTokenError('ListLoadBalancers') : error,
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
      limiter: createLimiter(Math.max(1, Math.floor(options.concurrency ?? this.concurrency))),
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
      if (error instanceof RepeatedTokenError) throw this.repeatedTokenError('ListListeners');
      throw toAlbError(error, {
        action: 'ListListeners',
        endpoint: this.endpoint,
        readTimeoutMs: this.readTimeoutMs,
      });
    }
  }

  async getListener(listenerId: string, options: CallOptions = {}): Promise<Listener> {
    return listenerDetailFromWire(
      await this.rawAlbCall('GetListenerAttribute', { ListenerId: listenerId }, options.signal),
    );
  }

  async listListenerCertificates(
    listenerId: string,
    options: ListOptions = {},
  ): Promise<ListenerCertificate[]> {
    const pageSize = clampPageSize(options.pageSize);
    const out: ListenerCertificate[] = [];
    const pages = this.pageThrough('ListListenerCertificates', async (nextToken) => {
      const request = new $Alb.ListListenerCertificatesRequest({
        listenerId,
        maxResults: pageSize,
        nextToken,
      });
      const response = await this.call(
        'alb',
        'ListListenerCertificates',
        (rt) => this.alb.listListenerCertificatesWithOptions(request, rt),
        {
          idempotent: true,
          signal: options.signal,
        },
      );
      return {
        items: (response.body?.certificates ?? []).map(toListenerCertificate),
        nextToken: response.body?.nextToken,
      };
    });
    for await (const certificate of pages) out.push(certificate);
    return out;
  }

  // ---- server groups ----------------------------------------------------------------------------

  async *listServerGroups(
    filter: ServerGroupFilter = {},
    options: ListOptions = {},
  ): AsyncGenerator<ServerGroup> {
    const pageSize = clampPageSize(options.pageSize);
    for (const serverGroupIds of idGroups(filter.serverGroupIds)) {
      yield* this.pageThrough('ListServerGroups', async (nextToken) => {
        const request = new $Alb.ListServerGroupsRequest({
          serverGroupIds,
          serverGroupNames: filter.serverGroupNames,
          serverGroupType: filter.serverGroupType,
          vpcId: filter.vpcId,
          maxResults: pageSize,
          nextToken,
        });
        const response = await this.call(
          'alb',
          'ListServerGroups',
          (rt) => this.alb.listServerGroupsWithOptions(request, rt),
          {
            idempotent: true,
            signal: options.signal,
          },
        );
        return {
          items: (response.body?.serverGroups ?? []).map(toServerGroup),
          nextToken: response.body?.nextToken,
        };
      });
    }
  }

  async listServerGroupServers(serverGroupId: string, options: ListOptions = {}): Promise<BackendServer[]> {
    const pageSize = clampPageSize(options.pageSize);
    const out: BackendServer[] = [];
    const pages = this.pageThrough('ListServerGroupServers', async (nextToken) => {
      const request = new $Alb.ListServerGroupServersRequest({
        serverGroupId,
        maxResults: pageSize,
        nextToken,
      });
      const response = await this.call(
        'alb',
        'ListServerGroupServers',
        (rt) => this.alb.listServerGroupServersWithOptions(request, rt),
        {
          idempotent: true,
          signal: options.signal,
        },
      );
      return {
        items: (response.body?.servers ?? []).map((s) => toBackendServer(s, serverGroupId)),
        nextToken: response.body?.nextToken,
      };
    });
    for await (const server of pages) out.push(server);
    return out;
  }

  // ---- security policies and certificates -------------------------------------------------------

  async listSecurityPolicies(options: CallOptions = {}): Promise<SecurityPolicy[]> {
    const system = this.call(
      'alb',
      'ListSystemSecurityPolicies',
      (rt) => this.alb.listSystemSecurityPoliciesWithOptions(rt),
      {
        idempotent: true,
        signal: options.signal,
      },
    ).then((response) => (response.body?.securityPolicies ?? []).map((p) => toSecurityPolicy(p, 'system')));
    const custom = (async () => {
      const out: SecurityPolicy[] = [];
      const pages = this.pageThrough('ListSecurityPolicies', async (nextToken) => {
        const request = new $Alb.ListSecurityPoliciesRequest({ maxResults: MAX_PAGE_SIZE, nextToken });
        const response = await this.call(
          'alb',
          'ListSecurityPolicies',
          (rt) => this.alb.listSecurityPoliciesWithOptions(request, rt),
          {
            idempotent: true,
            signal: options.signal,
          },
        );
        return {
          items: (response.body?.securityPolicies ?? []).map((p) => toSecurityPolicy(p, 'custom')),
          nextToken: response.body?.nextToken,
        };
      });
      for await (const policy of pages) out.push(policy);
      return out;
    })();
    const [systemPolicies, customPolicies] = await Promise.all([system, custom]);
    return [...systemPolicies, ...customPolicies];
  }

  async listCertificates(options: CallOptions = {}): Promise<Certificate[]> {
    // With OrderType=CERT and no Status, CAS lists only valid certificates (issued or about to
    // expire); expired ones need their own query, and the wizard shows them as not selectable.
    const [valid, expired] = await Promise.all([
      this.casCertificates(undefined, options.signal),
      this.casCertificates('EXPIRED', options.signal),
    ]);
    const byId = new Map<number, Certificate>();
    for (const item of [...valid, ...expired]) {
      const certificate = toCertificate(item, this.certificateRegion);
      if (!byId.has(certificate.casId)) byId.set(certificate.casId, certificate);
    }
    return [...byId.values()];
  }

  private async casCertificates(
    status: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<SdkCasCertificate[]> {
    const out: SdkCasCertificate[] = [];
    for (let page = 1; page <= CAS_MAX_PAGES; page++) {
      const request = new $Cas.ListUserCertificateOrderRequest({
        orderType: 'CERT',
        status,
        currentPage: page,
        showSize: CAS_PAGE_SIZE,
      });
      const response = await this.call(
        'cas',
        'ListUserCertificateOrder',
        (rt) => this.cas.listUserCertificateOrderWithOptions(request, rt),
        {
          idempotent: true,
          signal,
        },
      );
      const items = response.body?.certificateOrderList ?? [];
      out.push(...items);
      const total = response.body?.totalCount;
      if (items.length === 0 || items.length < CAS_PAGE_SIZE || (total !== undefined && out.length >= total))
        break;
    }
    return out;
  }

  // ---- create and delete ------------------------------------------------------------------------

  createListener(
    request: CreateListenerRequest,
    options: CreateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  createListener(
    request: CreateListenerRequest,
    options?: CreateOptions,
  ): Promise<CreatedListener | DryRunPassed>;
  async createListener(
    request: CreateListenerRequest,
    options: CreateOptions = {},
  ): Promise<CreatedListener | DryRunPassed> {
    const dryRun = options.dryRun ?? request.dryRun ?? false;
    // A dry run has no effect, so it never shares the submission's token: the service must not
    // take the real call for a repeat of the precheck.
    const clientToken = dryRun ? randomUUID() : request.clientToken || randomUUID();
    const model = new $Alb.CreateListenerRequest({ ...request, clientToken, dryRun });
    let response: $Alb.CreateListenerResponse;
    try {
      // The token makes the call idempotent: a retry after a lost reply returns the same listener.
      response = await this.call(
        'alb',
        'CreateListener',
        (rt) => this.alb.createListenerWithOptions(model, rt),
        { idempotent: true, signal: options.signal },
      );
    } catch (error) {
      if (dryRun && isAlbError(error) && error.code === 'DryRunOperation') return { dryRun: 'passed' };
      throw error;
    }
    const listenerId = response.body?.listenerId;
    if (dryRun || !listenerId) {
      throw new AlbError({
        kind: 'protocol',
        action: 'CreateListener',
        endpoint: this.endpoint,
        requestId: response.body?.requestId,
        message: dryRun
          ? {
              en: `${this.endpoint} answered a dry run of CreateListener as if it were real; check the listeners of ${request.loadBalancerId}`,
              'zh-CN': `${this.endpoint} 把 CreateListener 的预检当作真实请求处理；请检查 ${request.loadBalancerId} 的监听`,
            }
          : {
              en: `${this.endpoint} created a listener but returned no ListenerId`,
              'zh-CN': `${this.endpoint} 创建了监听，但未返回 ListenerId`,
            },
      });
    }
    return { listenerId, jobId: response.body?.jobId ?? '', clientToken };
  }

  async deleteListener(
    listenerId: string,
    clientToken?: string,
    options: CallOptions = {},
  ): Promise<DeletedListener> {
    const token = clientToken || randomUUID();
    const request = new $Alb.DeleteListenerRequest({ listenerId, clientToken: token });
    const response = await this.call(
      'alb',
      'DeleteListener',
      async (rt, attempt) => {
        try {
          return await this.alb.deleteListenerWithOptions(request, rt);
        } catch (error) {
          // A retry that finds the listener gone means the lost first attempt did the work.
          if (attempt > 1 && (error as { code?: unknown }).code === 'ResourceNotFound.Listener')
            return undefined;
          throw error;
        }
      },
      { idempotent: true, signal: options.signal },
    );
    return { jobId: response?.body?.jobId ?? '', clientToken: token };
  }

  // ---- changes to listeners (sdk-listener-changes.ts) -------------------------------------------

  updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  updateListener(
    request: UpdateListenerRequest,
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.changes.updateListener(request, options);
  }

  startListener(listenerId: string, options: ChangeOptions = {}): Promise<ListenerChange> {
    return this.changes.startListener(listenerId, options);
  }

  stopListener(listenerId: string, options: ChangeOptions = {}): Promise<ListenerChange> {
    return this.changes.stopListener(listenerId, options);
  }

  associateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.changes.associateCertificates(listenerId, certificateIds, options);
  }

  dissociateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.changes.dissociateCertificates(listenerId, certificateIds, options);
  }

  // ---- forwarding rules (sdk-rules.ts) ---------------------------------------------------------

  listRules(filter: RuleFilter, options: ListOptions = {}): AsyncIterable<Rule> {
    return this.rules.listRules(filter, options);
  }

  createRules(
    listenerId: string,
    rules: readonly RuleSpec[],
    options: UpdateOptions = {},
  ): Promise<CreatedRules | DryRunPassed> {
    return this.rules.createRules(listenerId, rules, options);
  }

  updateRules(
    updates: readonly RuleUpdate[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.rules.updateRules(updates, options);
  }

  deleteRules(
    ruleIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.rules.deleteRules(ruleIds, options);
  }

  waitForRules(
    ruleIds: readonly string[],
    options: CallOptions & {
      until: 'Available' | 'gone';
      jobId?: string;
      intervalMs?: number;
      timeoutMs?: number;
    },
  ): Promise<Rule[]> {
    return this.rules.waitForRules(ruleIds, options);
  }

  waitForCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: CertificateWaitOptions,
  ): Promise<ListenerCertificate[]> {
    return this.changes.waitForCertificates(listenerId, certificateIds, options);
  }

  // ---- a server group's servers and listeners' health (sdk-server-groups.ts) ---------------------

  addServers(
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.serverGroups.addServers(serverGroupId, servers, options);
  }

  removeServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.serverGroups.removeServers(serverGroupId, servers, options);
  }

  updateServers(
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.serverGroups.updateServers(serverGroupId, servers, options);
  }

  waitForServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: ServerWaitOptions,
  ): Promise<BackendServer[]> {
    return this.serverGroups.waitForServers(serverGroupId, servers, options);
  }

  getListenerHealth(listenerId: string, options: CallOptions = {}): Promise<ListenerHealth> {
    return this.serverGroups.getListenerHealth(listenerId, options);
  }

  // ---- regions (sdk-regions.ts) -----------------------------------------------------------------

  describeRegions(options: DescribeRegionsOptions = {}): Promise<AlbRegion[]> {
    return describeRegions(
      {
        endpoint: this.endpoint,
        alb: this.alb,
        call: (action, run, signal) => this.call('alb', action, run, { idempotent: true, signal }),
      },
      options,
    );
  }

  // ---- jobs and waiting -------------------------------------------------------------------------

  async getJob(jobId: string, options: CallOptions = {}): Promise<AsyncJob> {
    const request = new $Alb.ListAsynJobsRequest({ jobIds: [jobId], maxResults: 1 });
    const response = await this.call(
      'alb',
      'ListAsynJobs',
      (rt) => this.alb.listAsynJobsWithOptions(request, rt),
      { idempotent: true, signal: options.signal },
    );
    const job = (response.body?.jobs ?? []).find((j) => j.id === jobId);
    if (!job) {
      throw new AlbError({
        kind: 'notFound',
        code: 'ResourceNotFound.Job',
        action: 'ListAsynJobs',
        endpoint: this.endpoint,
        message: { en: `job ${jobId} not found`, 'zh-CN': `未找到任务 ${jobId}` },
      });
    }
    return toAsyncJob(job);
  }

  async *listJobs(filter: JobFilter = {}, options: ListOptions = {}): AsyncGenerator<AsyncJob> {
    const pageSize = clampPageSize(options.pageSize);
    yield* this.pageThrough('ListAsynJobs', async (nextToken) => {
      const request = new $Alb.ListAsynJobsRequest({
        jobIds: filter.jobIds,
        resourceIds: filter.resourceIds,
        resourceType: filter.resourceType,
        apiName: filter.apiName,
        maxResults: pageSize,
        nextToken,
      });
      const response = await this.call(
        'alb',
        'ListAsynJobs',
        (rt) => this.alb.listAsynJobsWithOptions(request, rt),
        { idempotent: true, signal: options.signal },
      );
      return { items: (response.body?.jobs ?? []).map(toAsyncJob), nextToken: response.body?.nextToken };
    });
  }

  waitForListener(
    listenerId: string,
    options: WaitOptions & { until: 'Running' | 'Stopped' },
  ): Promise<Listener>;
  waitForListener(listenerId: string, options: WaitOptions & { until: 'gone' }): Promise<undefined>;
  async waitForListener(
    listenerId: string,
    options: WaitOptions & { until: 'Running' | 'Stopped' | 'gone' },
  ): Promise<Listener | undefined> {
    const intervalMs = options.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const deadline = this.now() + timeoutMs;
    const opposite =
      options.until === 'Running' ? 'Stopped' : options.until === 'Stopped' ? 'Running' : undefined;
    let lastStatus: ListenerStatus | 'gone' | undefined;
    let missingPolls = 0;
    const report = (status: ListenerStatus | 'gone') => {
      if (status !== lastStatus) options.onStatus?.(status);
      lastStatus = status;
    };
    for (;;) {
      let listener: Listener | undefined;
      try {
        listener = await this.getListener(listenerId, { signal: options.signal });
      } catch (error) {
        if (!isAlbError(error) || error.kind !== 'notFound') throw error;
        if (options.until === 'gone') {
          report('gone');
          return undefined;
        }
        if (++missingPolls > MISSING_POLLS_TOLERATED && !options.jobId) throw error;
      }
      const status = listener?.listenerStatus;
      if (status) report(status);
      if (listener && (status === options.until || status === opposite)) {
        // A change that fails rolls the listener back to where it was, and a change not yet begun
        // still shows the old status: with its job, only the job tells which.
        const job = options.jobId ? await this.throwIfJobFailed(options.jobId, options.signal) : undefined;
        if (job !== 'Processing') {
          if (status === options.until) return listener;
          throw this.waitStateError(listenerId, status!, options.until as 'Running' | 'Stopped');
        }
      } else if (options.jobId) await this.throwIfJobFailed(options.jobId, options.signal);
      if (this.now() + intervalMs > deadline)
        throw this.waitTimeoutError(listenerId, options.until, timeoutMs, lastStatus);
      try {
        await this.env.sleep(intervalMs, options.signal);
      } catch (error) {
        throw toAlbError(error, { action: 'GetListenerAttribute', endpoint: this.endpoint });
      }
    }
  }

  /** Throws the job's error when it failed; else its status (undefined when the job is unknown). */
  private async throwIfJobFailed(
    jobId: string,
    signal: AbortSignal | undefined,
  ): Promise<AsyncJob['status'] | undefined> {
    let job: AsyncJob;
    try {
      job = await this.getJob(jobId, { signal });
    } catch (error) {
      if (isAlbError(error) && error.kind === 'notFound') return undefined;
      throw error;
    }
    if (job.status !== 'Failed') return job.status;
    const code = job.errorCode ?? 'JobFailed';
    throw new AlbError({
      kind: 'state',
      code,
      action: job.apiName || 'ListAsynJobs',
      endpoint: this.endpoint,
      serverMessage: job.errorMessage,
      failedJobId: jobId,
      message: {
        en: `job ${jobId} failed (${code})${job.errorMessage ? `: ${job.errorMessage}` : ''}`,
        'zh-CN': `任务 ${jobId} 失败（${code}）${job.errorMessage ? `：${job.errorMessage}` : ''}`,
      },
    });
  }

  private waitStateError(listenerId: string, status: string, goal: 'Running' | 'Stopped'): AlbError {
    return new AlbError({
      kind: 'state',
      action: 'GetListenerAttribute',
      endpoint: this.endpoint,
      message: {
        en: `listener ${listenerId} is ${status} and will not become ${goal} by itself`,
        'zh-CN': `监听 ${listenerId} 处于 ${status} 状态，不会自行变为 ${goal}`,
      },
    });
  }

  private waitTimeoutError(
    listenerId: string,
    until: 'Running' | 'Stopped' | 'gone',
    timeoutMs: number,
    lastStatus: string | undefined,
  ): AlbError {
    const seconds = Math.round(timeoutMs / 1000);
    const goal =
      until === 'gone' ? { en: 'disappear', zh: '被删除' } : { en: `become ${until}`, zh: `变为 ${until}` };
    const last = lastStatus
      ? { en: ` (last status: ${lastStatus})`, zh: `（最后状态：${lastStatus}）` }
      : { en: '', zh: '' };
    return new AlbError({
      kind: 'timeout',
      action: 'GetListenerAttribute',
      endpoint: this.endpoint,
      message: {
        en: `listener ${listenerId} did not ${goal.en} within ${seconds} s${last.en}; check it again later`,
        'zh-CN': `监听 ${listenerId} 未在 ${seconds} 秒内${goal.zh}${last.zh}；请稍后再查看`,
      },
    });
  }
}

/** NextToken and TotalCount of a list reply's JSON body. */
function paging(body: Record<string, unknown>): {
  nextToken: string | undefined;
  totalCount: number | undefined;
} {
  const total = body['TotalCount'];
  const count =
    typeof total === 'number' ? total : typeof total === 'string' && total !== '' ? Number(total) : NaN;
  return {
    nextToken: typeof body['NextToken'] === 'string' ? body['NextToken'] : undefined,
    totalCount: Number.isFinite(count) ? count : undefined,
  };
}

function clampPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined || !Number.isFinite(pageSize)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize)));
}

/** The API takes at most 20 IDs per filter: larger lists become several listings. `[undefined]` = no filter. */
function idGroups(ids: readonly string[] | undefined): (string[] | undefined)[] {
  if (!ids || ids.length === 0) return [undefined];
  return chunk(ids, MAX_IDS_PER_CALL);
}

/** Re-exported for callers that race their own promises against a signal. */
export { raceAbort };
