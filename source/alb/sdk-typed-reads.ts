// Reads through the official SDK's typed calls (the listings that are not the dashboard's hot path):
// a listener's certificates, server groups and their servers, security policies, and the
// asynchronous jobs every change is followed by.
import * as $Alb from '@alicloud/alb20200616';
import type { AsyncJob, BackendServer, SecurityPolicy, ServerGroup } from '../domain/resources.js';
import {
  collect,
  type CallOptions,
  type JobFilter,
  type ListenerCertificate,
  type ListOptions,
  type ServerGroupFilter,
} from './client.js';
import { AlbError, isAlbError } from './errors.js';
import {
  toAsyncJob,
  toBackendServer,
  toListenerCertificate,
  toSecurityPolicy,
  toServerGroup,
} from './mappers.js';
import { clampPageSize, idGroups, MAX_PAGE_SIZE, type SdkTransport } from './sdk-transport.js';

export class SdkTypedReads {
  constructor(private readonly transport: SdkTransport) {}

  private get alb() {
    return this.transport.alb;
  }

  listListenerCertificates(listenerId: string, options: ListOptions = {}): Promise<ListenerCertificate[]> {
    const pageSize = clampPageSize(options.pageSize);
    return collect(
      this.transport.typedItems(
        'ListListenerCertificates',
        {
          request: (nextToken) =>
            new $Alb.ListListenerCertificatesRequest({ listenerId, maxResults: pageSize, nextToken }),
          send: (request, rt) => this.alb.listListenerCertificatesWithOptions(request, rt),
          items: (body) => (body?.certificates ?? []).map(toListenerCertificate),
        },
        options.signal,
      ),
    );
  }

  // ---- server groups ----------------------------------------------------------------------------

  async *listServerGroups(
    filter: ServerGroupFilter = {},
    options: ListOptions = {},
  ): AsyncGenerator<ServerGroup> {
    const pageSize = clampPageSize(options.pageSize);
    for (const serverGroupIds of idGroups(filter.serverGroupIds)) {
      yield* this.transport.typedItems(
        'ListServerGroups',
        {
          request: (nextToken) =>
            new $Alb.ListServerGroupsRequest({
              serverGroupIds,
              serverGroupNames: filter.serverGroupNames,
              serverGroupType: filter.serverGroupType,
              vpcId: filter.vpcId,
              maxResults: pageSize,
              nextToken,
            }),
          send: (request, rt) => this.alb.listServerGroupsWithOptions(request, rt),
          items: (body) => (body?.serverGroups ?? []).map(toServerGroup),
        },
        options.signal,
      );
    }
  }

  listServerGroupServers(serverGroupId: string, options: ListOptions = {}): Promise<BackendServer[]> {
    const pageSize = clampPageSize(options.pageSize);
    return collect(
      this.transport.typedItems(
        'ListServerGroupServers',
        {
          request: (nextToken) =>
            new $Alb.ListServerGroupServersRequest({ serverGroupId, maxResults: pageSize, nextToken }),
          send: (request, rt) => this.alb.listServerGroupServersWithOptions(request, rt),
          items: (body) => (body?.servers ?? []).map((s) => toBackendServer(s, serverGroupId)),
        },
        options.signal,
      ),
    );
  }

  // ---- security policies ------------------------------------------------------------------------

  async listSecurityPolicies(options: CallOptions = {}): Promise<SecurityPolicy[]> {
    const system = this.transport
      .albCall(
        'ListSystemSecurityPolicies',
        (rt) => this.alb.listSystemSecurityPoliciesWithOptions(rt),
        options.signal,
      )
      .then((response) => (response.body?.securityPolicies ?? []).map((p) => toSecurityPolicy(p, 'system')));
    const custom = collect(
      this.transport.typedItems(
        'ListSecurityPolicies',
        {
          request: (nextToken) =>
            new $Alb.ListSecurityPoliciesRequest({ maxResults: MAX_PAGE_SIZE, nextToken }),
          send: (request, rt) => this.alb.listSecurityPoliciesWithOptions(request, rt),
          items: (body) => (body?.securityPolicies ?? []).map((p) => toSecurityPolicy(p, 'custom')),
        },
        options.signal,
      ),
    );
    const [systemPolicies, customPolicies] = await Promise.all([system, custom]);
    return [...systemPolicies, ...customPolicies];
  }

  // ---- jobs -------------------------------------------------------------------------------------

  async getJob(jobId: string, options: CallOptions = {}): Promise<AsyncJob> {
    const request = new $Alb.ListAsynJobsRequest({ jobIds: [jobId], maxResults: 1 });
    const response = await this.transport.albCall(
      'ListAsynJobs',
      (rt) => this.alb.listAsynJobsWithOptions(request, rt),
      options.signal,
    );
    const job = (response.body?.jobs ?? []).find((j) => j.id === jobId);
    if (!job) {
      throw new AlbError({
        kind: 'notFound',
        code: 'ResourceNotFound.Job',
        action: 'ListAsynJobs',
        endpoint: this.transport.endpoint,
        message: { en: `job ${jobId} not found`, 'zh-CN': `未找到任务 ${jobId}` },
      });
    }
    return toAsyncJob(job);
  }

  async *listJobs(filter: JobFilter = {}, options: ListOptions = {}): AsyncGenerator<AsyncJob> {
    const pageSize = clampPageSize(options.pageSize);
    yield* this.transport.typedItems(
      'ListAsynJobs',
      {
        request: (nextToken) =>
          new $Alb.ListAsynJobsRequest({
            jobIds: filter.jobIds,
            resourceIds: filter.resourceIds,
            resourceType: filter.resourceType,
            apiName: filter.apiName,
            maxResults: pageSize,
            nextToken,
          }),
        send: (request, rt) => this.alb.listAsynJobsWithOptions(request, rt),
        items: (body) => (body?.jobs ?? []).map(toAsyncJob),
      },
      options.signal,
    );
  }

  /** Throws the job's error when it failed; else its status (undefined when the job is unknown). */
  async throwIfJobFailed(
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
      endpoint: this.transport.endpoint,
      serverMessage: job.errorMessage,
      failedJobId: jobId,
      message: {
        en: `job ${jobId} failed (${code})${job.errorMessage ? `: ${job.errorMessage}` : ''}`,
        'zh-CN': `任务 ${jobId} 失败（${code}）${job.errorMessage ? `：${job.errorMessage}` : ''}`,
      },
    });
  }
}
