// The one adapter over the official SDKs (`@alicloud/alb20200616`, `@alicloud/cas20200407`): the
// port's face, put together from its parts. The plumbing (endpoint and credentials set-up, per-call
// timeouts, our retry loop, paging, error mapping) is sdk-transport.ts; the parts are
// sdk-listing.ts (instances and listeners), sdk-typed-reads.ts (server groups, policies, jobs),
// sdk-certificates.ts (CAS, loaded on first use), sdk-listener-lifecycle.ts (create, delete, wait),
// sdk-listener-changes.ts, sdk-rules.ts, sdk-server-groups.ts and sdk-regions.ts.
import type { CreateListenerRequest } from '../domain/create-request.js';
import type { UpdateListenerRequest } from '../domain/update-request.js';
import type { ListenerHealth } from '../domain/server-health.js';
import type { ServerSpec } from '../domain/server-rules.js';
import type {
  AsyncJob,
  BackendServer,
  Certificate,
  Listener,
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
import { SdkCertificates } from './sdk-certificates.js';
import { transportChannel, type PollChannel, type PollClock, type SdkChannel } from './sdk-change.js';
import { SdkListenerChanges } from './sdk-listener-changes.js';
import { SdkListenerLifecycle } from './sdk-listener-lifecycle.js';
import { SdkListing } from './sdk-listing.js';
import { SdkRules } from './sdk-rules.js';
import { SdkServerGroups } from './sdk-server-groups.js';
import { describeRegions } from './sdk-regions.js';
import { SdkTransport, type SdkClientOptions } from './sdk-transport.js';
import { SdkTypedReads } from './sdk-typed-reads.js';

export type { CredentialsOption } from './credentials.js';
export type { SdkClientOptions } from './sdk-transport.js';
/** Re-exported for callers that race their own promises against a signal. */
export { raceAbort } from './retry.js';

export interface ClientStats {
  /** HTTP requests sent (retries included). */
  requests: number;
  retries: number;
  /** Full listings remembered for the next listing of the same query to start from. */
  rememberedListings: number;
}

export function createSdkAlbClient(options: SdkClientOptions): SdkAlbClient {
  return new SdkAlbClient(options);
}

export class SdkAlbClient implements AlbClient {
  readonly endpoint: string;
  readonly region: string;
  readonly casEndpoint: string;
  readonly certificateRegion: string;
  private readonly transport: SdkTransport;
  private readonly listing: SdkListing;
  private readonly reads: SdkTypedReads;
  private readonly certificates: SdkCertificates;
  private readonly lifecycle: SdkListenerLifecycle;
  private readonly changes: SdkListenerChanges;
  private readonly rules: SdkRules;
  private readonly serverGroups: SdkServerGroups;
  /** The SDK object, the retrying call and the clock, as the parts take them. */
  private readonly sdkChannel: SdkChannel & PollClock;

  constructor(options: SdkClientOptions) {
    const transport = new SdkTransport(options);
    this.transport = transport;
    this.endpoint = transport.endpoint;
    this.region = transport.region;
    this.casEndpoint = transport.casEndpoint;
    this.certificateRegion = transport.certificateRegion;
    this.listing = new SdkListing(transport);
    this.reads = new SdkTypedReads(transport);
    this.certificates = new SdkCertificates(transport);
    this.sdkChannel = transportChannel(transport);
    // The parts lend each other this client's methods (not each other), as before the split.
    const plumbing = {
      ...this.sdkChannel,
      throwIfJobFailed: (jobId: string, signal: AbortSignal | undefined) =>
        this.reads.throwIfJobFailed(jobId, signal),
    } satisfies PollChannel;
    this.lifecycle = new SdkListenerLifecycle(transport, {
      getListener: (listenerId, callOptions) => this.getListener(listenerId, callOptions),
      throwIfJobFailed: plumbing.throwIfJobFailed,
    });
    this.changes = new SdkListenerChanges({
      ...plumbing,
      listListenerCertificates: (listenerId, signal) => this.listListenerCertificates(listenerId, { signal }),
    });
    this.rules = new SdkRules({ ...plumbing, typedItems: transport.typedItems.bind(transport) });
    this.serverGroups = new SdkServerGroups({
      ...plumbing,
      listServerGroupServers: (serverGroupId, signal) =>
        this.listServerGroupServers(serverGroupId, { signal }),
    });
  }

  /** Requests sent so far by this client (for benchmarks and diagnostics). */
  stats(): ClientStats {
    return { ...this.transport.counters, rememberedListings: this.listing.rememberedListings };
  }

  // ---- instances and listeners (sdk-listing.ts) -------------------------------------------------

  listLoadBalancers(
    filter: LoadBalancerFilter = {},
    options: ListOptions = {},
  ): AsyncGenerator<LoadBalancer> {
    return this.listing.listLoadBalancers(filter, options);
  }

  getLoadBalancer(loadBalancerId: string, options: CallOptions = {}): Promise<LoadBalancer> {
    return this.listing.getLoadBalancer(loadBalancerId, options);
  }

  listListeners(filter: ListenerFilter = {}, options: ListOptions = {}): AsyncGenerator<Listener> {
    return this.listing.listListeners(filter, options);
  }

  listListenersOfInstances(
    loadBalancerIds: readonly string[],
    options: ListenersOfInstancesOptions = {},
  ): Promise<Map<string, Listener[]>> {
    return this.listing.listListenersOfInstances(loadBalancerIds, options);
  }

  listLoadBalancersAndListeners(options: FullListingOptions = {}): Promise<FullListing> {
    return this.listing.listLoadBalancersAndListeners(options);
  }

  getListener(listenerId: string, options: CallOptions = {}): Promise<Listener> {
    return this.listing.getListener(listenerId, options);
  }

  // ---- typed reads and certificates (sdk-typed-reads.ts, sdk-certificates.ts) -------------------

  listListenerCertificates(listenerId: string, options: ListOptions = {}): Promise<ListenerCertificate[]> {
    return this.reads.listListenerCertificates(listenerId, options);
  }

  listServerGroups(filter: ServerGroupFilter = {}, options: ListOptions = {}): AsyncGenerator<ServerGroup> {
    return this.reads.listServerGroups(filter, options);
  }

  listServerGroupServers(serverGroupId: string, options: ListOptions = {}): Promise<BackendServer[]> {
    return this.reads.listServerGroupServers(serverGroupId, options);
  }

  listSecurityPolicies(options: CallOptions = {}): Promise<SecurityPolicy[]> {
    return this.reads.listSecurityPolicies(options);
  }

  listCertificates(options: CallOptions = {}): Promise<Certificate[]> {
    return this.certificates.listCertificates(options);
  }

  getJob(jobId: string, options: CallOptions = {}): Promise<AsyncJob> {
    return this.reads.getJob(jobId, options);
  }

  listJobs(filter: JobFilter = {}, options: ListOptions = {}): AsyncGenerator<AsyncJob> {
    return this.reads.listJobs(filter, options);
  }

  // ---- a listener's life (sdk-listener-lifecycle.ts) --------------------------------------------

  createListener(
    request: CreateListenerRequest,
    options: CreateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  createListener(
    request: CreateListenerRequest,
    options?: CreateOptions,
  ): Promise<CreatedListener | DryRunPassed>;
  createListener(
    request: CreateListenerRequest,
    options: CreateOptions = {},
  ): Promise<CreatedListener | DryRunPassed> {
    return this.lifecycle.createListener(request, options);
  }

  deleteListener(
    listenerId: string,
    clientToken?: string,
    options: CallOptions = {},
  ): Promise<DeletedListener> {
    return this.lifecycle.deleteListener(listenerId, clientToken, options);
  }

  waitForListener(
    listenerId: string,
    options: WaitOptions & { until: 'Running' | 'Stopped' },
  ): Promise<Listener>;
  waitForListener(listenerId: string, options: WaitOptions & { until: 'gone' }): Promise<undefined>;
  waitForListener(
    listenerId: string,
    options: WaitOptions & { until: 'Running' | 'Stopped' | 'gone' },
  ): Promise<Listener | undefined> {
    return this.lifecycle.waitForListener(listenerId, options);
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
    return describeRegions(this.sdkChannel, options);
  }
}
