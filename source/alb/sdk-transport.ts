// The plumbing every part of the SDK client shares: the SDK objects and their endpoint and credentials
// set-up, per-call timeouts, our retry loop, NextToken paging and raw JSON reads. The CAS SDK is not
// loaded here: the certificates (sdk-certificates.ts) load it on their first call.
import AlbModule from '@alicloud/alb20200616';
import CredentialModule from '@alicloud/credentials';
import { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { chunk } from './concurrency.js';
import { isAliyunHost, resolveEndpoint } from './endpoint.js';
import { credentialsSourceProvider, type CredentialsOption } from './credentials.js';
import { AlbError, toAlbError } from './errors.js';
import { MAX_IDS_PER_CALL } from './listing.js';
import { gatedCall } from './multi-listing-gate.js';
import {
  abortableSleep,
  DEFAULT_RETRY_POLICY,
  withRetry,
  type RetryEnvironment,
  type RetryPolicy,
} from './retry.js';

/**
 * The SDKs are CommonJS with `exports.default = Client`. Node's ESM loader (and esbuild in Node
 * mode) makes the default import `module.exports`, so the class is one `.default` further in; other
 * interop styles hand over the class itself. Accept both.
 */
export function cjsDefault<T>(imported: unknown): T {
  const inner = (imported as { default?: unknown }).default;
  return (typeof inner === 'function' ? inner : imported) as T;
}

const AlbSdk = cjsDefault<typeof AlbModule.default>(AlbModule);
const CredentialSdk = cjsDefault<typeof CredentialModule.default>(CredentialModule);
export type AlbSdkClient = InstanceType<typeof AlbSdk>;

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

export const MAX_PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 16;

export type Service = 'alb' | 'cas';

export interface CallSettings {
  idempotent: boolean;
  signal?: AbortSignal | undefined;
}

/** One page of a NextToken listing. */
export type FetchPage<T> = (
  nextToken: string | undefined,
) => Promise<{ items: T[]; nextToken?: string | undefined }>;

/** A listing through the SDK's typed calls: each page's request, its call, and the items of its reply. */
export interface TypedListing<Model, Body extends { nextToken?: string | undefined }, T> {
  request(nextToken: string | undefined): Model;
  send(request: Model, runtime: $dara.RuntimeOptions): Promise<{ body?: Body | undefined }>;
  items(body: Body | undefined): T[];
}

export class SdkTransport {
  readonly endpoint: string;
  readonly region: string;
  readonly casEndpoint: string;
  readonly certificateRegion: string;
  readonly alb: AlbSdkClient;
  /** The CAS SDK's config (same credential object as ALB's, so a source is read once). */
  readonly casConfig: $OpenApiUtil.Config;
  readonly readTimeoutMs: number;
  readonly concurrency: number;
  readonly env: RetryEnvironment;
  readonly now: () => number;
  readonly counters = { requests: 0, retries: 0 };
  private readonly runtime: $dara.RuntimeOptions;
  private readonly policy: RetryPolicy;

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
    this.casConfig = config(cas);
  }

  /** One call under the retry policy, counted, gated by a listing across connections. */
  call<T>(
    service: Service,
    action: string,
    run: (runtime: $dara.RuntimeOptions, attempt: number) => Promise<T>,
    options: CallSettings,
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

  /** An idempotent ALB read or ClientToken change: the shape the delegated parts take. */
  albCall<T>(
    action: string,
    run: (runtime: $dara.RuntimeOptions) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    return this.call('alb', action, run, { idempotent: true, signal });
  }

  /** Follows NextToken until it is empty, page by page. */
  async *pages<T>(action: string, fetchPage: FetchPage<T>): AsyncGenerator<T[]> {
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
  async *pageThrough<T>(action: string, fetchPage: FetchPage<T>): AsyncGenerator<T> {
    for await (const items of this.pages(action, fetchPage)) yield* items;
  }

  /** Every item of a typed SDK listing under `action`, item by item, each page under the retry policy. */
  typedItems<Model, Body extends { nextToken?: string | undefined }, T>(
    action: string,
    listing: TypedListing<Model, Body, T>,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<T> {
    return this.pageThrough(action, async (nextToken) => {
      const request = listing.request(nextToken);
      const response = await this.albCall(action, (rt) => listing.send(request, rt), signal);
      return { items: listing.items(response.body), nextToken: response.body?.nextToken };
    });
  }

  repeatedTokenError(action: string): AlbError {
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

  /**
   * An ALB read through the SDK's own `callApi` (same request building, signing and transport), with
   * the JSON body as it came. Used for instances and listeners: in a 10,000-listener listing the
   * SDK's response-model cast cost more CPU than the rest of the client together.
   */
  async rawAlbCall(
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
    const response = await this.albCall(action, (rt) => this.alb.callApi(params, request, rt), signal);
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
}

/** NextToken and TotalCount of a list reply's JSON body. */
export function paging(body: Record<string, unknown>): {
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

export function clampPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined || !Number.isFinite(pageSize)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize)));
}

/** The API takes at most 20 IDs per filter: larger lists become several listings. `[undefined]` = no filter. */
export function idGroups(ids: readonly string[] | undefined): (string[] | undefined)[] {
  if (!ids || ids.length === 0) return [undefined];
  return chunk(ids, MAX_IDS_PER_CALL);
}
