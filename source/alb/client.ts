// The ALB port: everything the app asks of Application Load Balancer (and of the certificate
// service), in the domain's shapes. One implementation talks through the official SDKs
// (sdk-client.ts); tests and views may use any other.
import type { CreateListenerRequest } from '../domain/create-request.js';
import type { UpdateListenerRequest } from '../domain/update-request.js';
import type { Rule, RuleDirection, RuleSpec } from '../domain/rule-types.js';
import type { ListenerHealth } from '../domain/server-health.js';
import type { ServerSpec } from '../domain/server-rules.js';
import type {
  AddressType,
  AsyncJob,
  BackendServer,
  Certificate,
  Listener,
  ListenerProtocol,
  ListenerStatus,
  LoadBalancer,
  LoadBalancerStatus,
  SecurityPolicy,
  ServerGroup,
  Tag,
} from '../domain/resources.js';

export interface CallOptions {
  /** Stops waiting (and retrying) at once; the call then rejects with an AlbError of kind `aborted`. */
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** `MaxResults` per page, 1–100; 100 unless given. */
  pageSize?: number;
}

export interface LoadBalancerFilter {
  loadBalancerIds?: string[];
  loadBalancerNames?: string[];
  vpcIds?: string[];
  status?: LoadBalancerStatus;
  addressType?: AddressType;
  addressIpVersion?: LoadBalancer['addressIpVersion'];
  zoneId?: string;
  resourceGroupId?: string;
  tags?: Tag[];
}

export interface ListenerFilter {
  /** Any number: they are sent 20 per call, as the API requires. */
  loadBalancerIds?: string[];
  listenerIds?: string[];
  protocol?: ListenerProtocol;
}

export interface ServerGroupFilter {
  serverGroupIds?: string[];
  serverGroupNames?: string[];
  serverGroupType?: ServerGroup['serverGroupType'];
  vpcId?: string;
}

export interface JobFilter {
  jobIds?: string[];
  resourceIds?: string[];
  resourceType?: AsyncJob['resourceType'];
  apiName?: string;
}

export interface ListingProgress {
  instancesDone: number;
  /** Instances known so far (grows while the instance list is still being read). */
  instancesTotal: number;
  listeners: number;
  /** API calls made so far for this listing. */
  requests: number;
}

export interface ListenersOfInstancesOptions extends CallOptions {
  /** API calls in flight at once; the client's default unless given. */
  concurrency?: number;
  protocol?: ListenerProtocol;
  onProgress?: (progress: ListingProgress) => void;
}

export interface FullListingOptions extends ListenersOfInstancesOptions {
  filter?: LoadBalancerFilter;
}

export interface FullListing {
  loadBalancers: LoadBalancer[];
  /** Every listed instance has an entry, possibly empty. */
  listenersByLoadBalancer: Map<string, Listener[]>;
  /** API calls the listing took. */
  requests: number;
}

/** A region ALB is offered in (DescribeRegions). */
export interface AlbRegion {
  regionId: string;
  /** The console's name of the region in the language asked for, e.g. `华东1（杭州）`, `China (Hangzhou)`. */
  localName: string;
  /** Where the region's API answers (`alb.cn-hangzhou.aliyuncs.com`; the local ALB's own `http://127.0.0.1:port`). */
  endpoint?: string;
}

export interface DescribeRegionsOptions extends CallOptions {
  /** The language of `localName` (default zh-CN, as ALB). */
  language?: 'zh-CN' | 'en';
}

export interface CreatedListener {
  listenerId: string;
  jobId: string;
  /** The token the call carried (the caller's, or the one generated for it). */
  clientToken: string;
}

export interface DryRunPassed {
  dryRun: 'passed';
}

export interface CreateOptions extends CallOptions {
  /** Server-side precheck only (`DryRun=true`); resolves `{ dryRun: 'passed' }` when the request would succeed. */
  dryRun?: boolean;
}

export interface DeletedListener {
  jobId: string;
  clientToken: string;
}

/** An asynchronous change to a listener that the service accepted (update, start, stop, certificates). */
export interface ListenerChange {
  jobId: string;
  /** The token the call carried: reuse it on every retry of the same change. */
  clientToken: string;
}

export interface ChangeOptions extends CallOptions {
  /** Made once per change by the caller and reused on every retry; generated when absent. */
  clientToken?: string;
}

export interface UpdateOptions extends ChangeOptions {
  /** Server-side precheck only (`DryRun=true`); resolves `{ dryRun: 'passed' }` when it would succeed. */
  dryRun?: boolean;
}

export interface CertificateWaitOptions extends CallOptions {
  /** `Associated` for associations, `gone` for dissociations. */
  until: 'Associated' | 'gone';
  intervalMs?: number;
  timeoutMs?: number;
  jobId?: string;
  onStatus?: (certificateId: string, status: string) => void;
}

export interface WaitOptions extends CallOptions {
  /** Called once for every status seen, then again whenever it changes (`'gone'` once it is deleted). */
  onStatus?: (status: ListenerStatus | 'gone') => void;
  /** Between polls; 1000 unless given. */
  intervalMs?: number;
  /** Gives up with an AlbError of kind `timeout`; 5 minutes unless given. */
  timeoutMs?: number;
  /** The job of the create/delete call: when it fails, the wait ends with its error at once. */
  jobId?: string;
}

export interface AlbClient extends ListenerChanges, RuleChanges, ServerGroupChanges {
  /** Where the client sends its calls, as shown to the user (`http://127.0.0.1:8080`). */
  readonly endpoint: string;
  readonly region: string;

  listLoadBalancers(filter?: LoadBalancerFilter, options?: ListOptions): AsyncIterable<LoadBalancer>;
  /** With zone mappings (`GetLoadBalancerAttribute`). */
  getLoadBalancer(loadBalancerId: string, options?: CallOptions): Promise<LoadBalancer>;

  listListeners(filter?: ListenerFilter, options?: ListOptions): AsyncIterable<Listener>;
  /** The listeners of many instances: 20 instances per call, calls in parallel under a cap. */
  listListenersOfInstances(
    loadBalancerIds: readonly string[],
    options?: ListenersOfInstancesOptions,
  ): Promise<Map<string, Listener[]>>;
  /** Instances and all their listeners, the listener calls starting while instances are still being listed. */
  listLoadBalancersAndListeners(options?: FullListingOptions): Promise<FullListing>;
  /** With certificates and CA settings (`GetListenerAttribute`). */
  getListener(listenerId: string, options?: CallOptions): Promise<Listener>;
  listListenerCertificates(listenerId: string, options?: ListOptions): Promise<ListenerCertificate[]>;

  listServerGroups(filter?: ServerGroupFilter, options?: ListOptions): AsyncIterable<ServerGroup>;
  listServerGroupServers(serverGroupId: string, options?: ListOptions): Promise<BackendServer[]>;

  /** System policies (`ListSystemSecurityPolicies`) first, then custom ones (`ListSecurityPolicies`). */
  listSecurityPolicies(options?: CallOptions): Promise<SecurityPolicy[]>;
  /** Valid and expired certificates from the certificate service, with the ID an ALB listener takes. */
  listCertificates(options?: CallOptions): Promise<Certificate[]>;
  /** The regions ALB is offered in (`DescribeRegions`), for the region switcher (`:region`). */
  describeRegions(options?: DescribeRegionsOptions): Promise<AlbRegion[]>;

  createListener(
    request: CreateListenerRequest,
    options: CreateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  createListener(
    request: CreateListenerRequest,
    options?: CreateOptions,
  ): Promise<CreatedListener | DryRunPassed>;
  deleteListener(listenerId: string, clientToken?: string, options?: CallOptions): Promise<DeletedListener>;

  getJob(jobId: string, options?: CallOptions): Promise<AsyncJob>;
  listJobs(filter?: JobFilter, options?: ListOptions): AsyncIterable<AsyncJob>;

  /**
   * Polls until the listener is `Running` or `Stopped` (resolves it) or gone (resolves undefined). With
   * the change's `jobId`, the listener's status counts only once the job has ended: a failed job
   * ends the wait with its error at once, even when the listener rolled back to the wanted status.
   */
  waitForListener(
    listenerId: string,
    options: WaitOptions & { until: 'Running' | 'Stopped' },
  ): Promise<Listener>;
  waitForListener(listenerId: string, options: WaitOptions & { until: 'gone' }): Promise<undefined>;
}

/** Changes to existing listeners (issue 16); part of AlbClient. */
export interface ListenerChanges {
  /** `UpdateListenerAttribute`: only the fields set in `request` are sent. */
  updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  updateListener(
    request: UpdateListenerRequest,
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  startListener(listenerId: string, options?: ChangeOptions): Promise<ListenerChange>;
  stopListener(listenerId: string, options?: ChangeOptions): Promise<ListenerChange>;
  /** Extra (SNI) certificates, at most 15 a call (`AssociateAdditionalCertificatesWithListener`). */
  associateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  dissociateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  /** Polls `ListListenerCertificates` until every one of `certificateIds` is `until`. */
  waitForCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: CertificateWaitOptions,
  ): Promise<ListenerCertificate[]>;
}

/** A server as remove names it: its ID, type and port (the group tells entries apart by ID and port). */
export type ServerRef = Pick<ServerSpec, 'serverId' | 'serverType' | 'port' | 'serverIp'>;

export interface ServerWaitOptions extends CallOptions {
  /** `Available` after an add or update, `gone` after a remove. */
  until: 'Available' | 'gone';
  /** The change's job: when it fails, the wait ends with its error at once. */
  jobId?: string;
  intervalMs?: number;
  timeoutMs?: number;
  /** Each server's status (`serverKey`), once seen and whenever it changes (`gone` once removed). */
  onStatus?: (serverKey: string, status: string) => void;
}

/**
 * A server group's servers (issue 18); part of AlbClient. One call is one change (one job): at most
 * 200 servers to add or remove, 40 to update (`SERVERS_PER_CALL`); the caller splits larger changes.
 */
export interface ServerGroupChanges {
  addServers(
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  removeServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  /** Weights and descriptions: the fields left out of each server stay as they are. */
  updateServers(
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  /** Polls `ListServerGroupServers` until every one of `servers` is `until`; resolves the group's servers. */
  waitForServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: ServerWaitOptions,
  ): Promise<BackendServer[]>;
  /** `GetListenerHealthStatus`, every page: the servers of the listener's groups that are not healthy. */
  getListenerHealth(listenerId: string, options?: CallOptions): Promise<ListenerHealth>;
}

export interface RuleFilter {
  listenerIds?: string[];
  loadBalancerIds?: string[];
  ruleIds?: string[];
  direction?: RuleDirection;
}

/** A change to an existing rule: its ID and the fields to set (the others stay as they are). */
export type RuleUpdate = { ruleId: string } & Partial<
  Pick<RuleSpec, 'ruleName' | 'priority' | 'ruleConditions' | 'ruleActions'>
>;

export interface CreatedRules extends ListenerChange {
  /** In the order of the rules given. */
  ruleIds: string[];
}

/** Forwarding rules (issue 17); part of AlbClient. Each call takes at most 10 rules. */
export interface RuleChanges {
  listRules(filter: RuleFilter, options?: ListOptions): AsyncIterable<Rule>;
  createRules(
    listenerId: string,
    rules: readonly RuleSpec[],
    options?: UpdateOptions,
  ): Promise<CreatedRules | DryRunPassed>;
  updateRules(
    updates: readonly RuleUpdate[],
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  deleteRules(ruleIds: readonly string[], options?: UpdateOptions): Promise<ListenerChange | DryRunPassed>;
  /** Polls `ListRules` until every one of `ruleIds` is `Available` (resolves them) or gone (resolves []). */
  waitForRules(
    ruleIds: readonly string[],
    options: CallOptions & {
      until: 'Available' | 'gone';
      jobId?: string;
      intervalMs?: number;
      timeoutMs?: number;
    },
  ): Promise<Rule[]>;
}

export interface ListenerCertificate {
  certificateId: string;
  certificateType: 'Server' | 'Ca';
  isDefault: boolean;
  status: string;
}

export function isDryRunPassed(
  result: CreatedListener | ListenerChange | CreatedRules | DryRunPassed,
): result is DryRunPassed {
  return 'dryRun' in result && result.dryRun === 'passed';
}

/** Collects an async iteration into an array (e.g. `await collect(client.listLoadBalancers())`). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
