// An in-memory AlbClient for the wizard's view tests: the facts of test/domain/fixtures.ts, the
// listener rules on create (like the local ALB), and switches to make calls fail or hang.
import type {
  AlbClient,
  AlbRegion,
  DescribeRegionsOptions,
  CreatedListener,
  ListenerCertificate,
  ListenerChanges,
  CreateOptions,
  DryRunPassed,
  WaitOptions,
} from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { validateRequest, type TargetContext } from '../../source/domain/listener-rules.js';
import { validateUpdate } from '../../source/domain/update-rules.js';
import type { BackendServer, Listener, LoadBalancer, ServerGroup } from '../../source/domain/resources.js';
import { context as fixtureContext } from '../domain/fixtures.js';
import { InMemoryListenerChanges } from '../helpers/fake-listener-changes.js';
import { InMemoryRuleChanges } from '../helpers/fake-rule-changes.js';
import { InMemoryServerGroups } from '../helpers/fake-server-groups.js';
import { describeFakeRegions, fakeRegions } from '../helpers/fake-regions.js';

export interface CreateCall {
  request: CreateListenerRequest;
  dryRun: boolean;
}

function loadBalancerOf(context: TargetContext, name: string): LoadBalancer {
  return {
    loadBalancerId: context.instance.loadBalancerId,
    loadBalancerName: name,
    loadBalancerStatus: context.instance.status,
    loadBalancerBussinessStatus: 'Normal',
    loadBalancerEdition: context.instance.edition,
    addressType: 'Internet',
    addressAllocatedMode: 'Dynamic',
    addressIpVersion: 'IPv4',
    dnsName: 'alb-a.example.com',
    vpcId: context.instance.vpcId,
    createTime: '2026-01-01T00:00:00Z',
    resourceGroupId: 'rg-1',
    payType: 'PostPay',
    deletionProtectionEnabled: false,
    zoneMappings: [],
    tags: [],
  };
}

function listenerOf(fact: TargetContext['listeners'][number]): Listener {
  return {
    listenerId: fact.listenerId,
    loadBalancerId: fact.loadBalancerId,
    listenerProtocol: fact.protocol,
    listenerPort: fact.port,
    listenerDescription: fact.name,
    listenerStatus: 'Running',
    defaultActions: [],
    gzipEnabled: true,
    http2Enabled: true,
    idleTimeout: 15,
    requestTimeout: 60,
    quicConfig: fact.associatedQuicListenerId
      ? { quicUpgradeEnabled: true, quicListenerId: fact.associatedQuicListenerId }
      : { quicUpgradeEnabled: false },
    XForwardedForConfig: {},
    tags: [],
  };
}

function unreachable(action: string): AlbError {
  return new AlbError({
    kind: 'unreachable',
    action,
    message: { en: 'cannot reach the endpoint (ECONNRESET)', 'zh-CN': '无法连接端点（ECONNRESET）' },
    networkCode: 'ECONNRESET',
  });
}

export class FakeAlb implements AlbClient {
  readonly endpoint = 'http://127.0.0.1:9';
  readonly region = 'cn-hangzhou';
  context: TargetContext;
  name = 'web-prod';
  servers = new Map<string, BackendServer[]>();
  calls: CreateCall[] = [];
  /** Listeners created, by ClientToken (a repeated token returns the first listener, as the service does). */
  created = new Map<string, string>();
  /** Fail this many non-dry-run creates with a network error *after* the service created the listener. */
  failAfterCreate = 0;
  /** Make loading the target fail with this error. */
  loadError: AlbError | undefined;
  /** Answer dry runs with this error instead of the rules' verdict. */
  dryRunError: AlbError | undefined;
  /** Statuses each wait reports before Running. */
  provisioningStatuses: Listener['listenerStatus'][] = ['Provisioning'];
  /**
   * Make this many non-dry-run creations end with their job Failed: the wait rejects as the SDK
   * client's does, and the listener is rolled back. A repeat of the token gets the same failed job.
   */
  failJobs = 0;
  /** How a failed job reads in ListAsynJobs (ErrorCode, ErrorMessage). */
  jobFailure = { code: 'InternalError', message: 'The asynchronous task of CreateListener failed.' };
  private readonly failedJobs = new Set<string>();
  /** Holds every wait until released (to look at the progress). */
  holdWait: Promise<void> | undefined;
  /**
   * Full listeners by ID, made from the context's facts when first asked for; set one to give a
   * listener more than its facts (certificates, timeouts) for an edit.
   */
  readonly details = new Map<string, Listener>();
  /** Updates, start/stop and extra certificates, applied at once to `details`. */
  readonly changes = new InMemoryListenerChanges(() => this.detailedListeners());
  private nextId = 1;

  updateListener = this.changes.updateListener.bind(this.changes) as ListenerChanges['updateListener'];
  startListener = this.changes.startListener.bind(this.changes);
  stopListener = this.changes.stopListener.bind(this.changes);
  associateCertificates = this.changes.associateCertificates.bind(this.changes);
  dissociateCertificates = this.changes.dissociateCertificates.bind(this.changes);
  waitForCertificates = this.changes.waitForCertificates.bind(this.changes);
  /** Forwarding rules, created, updated and deleted at once, checked by the domain's rule validation. */
  readonly ruleChanges = new InMemoryRuleChanges(
    [],
    () => ({}),
    (listenerId) =>
      this.detailedListeners().find((l) => l.listenerId === listenerId)?.loadBalancerId ?? 'alb-fake',
  );
  listRules = this.ruleChanges.listRules.bind(this.ruleChanges);
  createRules = this.ruleChanges.createRules.bind(this.ruleChanges);
  updateRules = this.ruleChanges.updateRules.bind(this.ruleChanges);
  deleteRules = this.ruleChanges.deleteRules.bind(this.ruleChanges);
  waitForRules = this.ruleChanges.waitForRules.bind(this.ruleChanges);
  readonly serverChanges = new InMemoryServerGroups(
    () => [...this.servers.values()].flat(),
    () => this.context.serverGroups as ServerGroup[],
    () => this.detailedListeners(),
  );
  addServers = this.serverChanges.addServers.bind(this.serverChanges);
  removeServers = this.serverChanges.removeServers.bind(this.serverChanges);
  updateServers = this.serverChanges.updateServers.bind(this.serverChanges);
  waitForServers = this.serverChanges.waitForServers.bind(this.serverChanges);
  getListenerHealth = this.serverChanges.getListenerHealth.bind(this.serverChanges);

  private detailedListeners(): Listener[] {
    return this.context.listeners.map((fact) => {
      let detail = this.details.get(fact.listenerId);
      if (!detail) {
        detail = listenerOf(fact);
        this.details.set(fact.listenerId, detail);
      }
      return detail;
    });
  }

  constructor(context: TargetContext = fixtureContext()) {
    this.context = context;
    // Updates are checked by the domain's update rules, as the local ALB checks them.
    this.changes.checkUpdate = (listener, request) => {
      const extraCertificateIds = this.changes.extraCertificates.get(listener.listenerId) ?? [];
      const refusal = validateUpdate(listener, request, { ...this.context, extraCertificateIds }).find(
        (v) => v.severity === 'error',
      );
      return refusal
        ? new AlbError({
            kind: refusal.code.startsWith('ResourceNotFound') ? 'notFound' : 'invalid',
            code: refusal.code,
            parameter: refusal.parameter,
            httpStatus: refusal.httpStatus,
            message: refusal.message,
          })
        : undefined;
    };
    this.servers.set('sgp-http', [
      {
        serverGroupId: 'sgp-http',
        serverId: 'i-web1',
        serverIp: '10.0.0.11',
        serverType: 'Ecs',
        port: 8080,
        weight: 100,
        status: 'Available',
      },
      {
        serverGroupId: 'sgp-http',
        serverId: '10.0.0.12',
        serverIp: '10.0.0.12',
        serverType: 'Ip',
        port: 8080,
        weight: 50,
        status: 'Adding',
      },
    ]);
  }

  private guard(): void {
    if (this.loadError) throw this.loadError;
  }

  async *listLoadBalancers(): AsyncIterable<LoadBalancer> {
    this.guard();
    yield loadBalancerOf(this.context, this.name);
  }

  async getLoadBalancer(loadBalancerId: string): Promise<LoadBalancer> {
    this.guard();
    if (loadBalancerId !== this.context.instance.loadBalancerId) {
      throw new AlbError({
        kind: 'notFound',
        code: 'ResourceNotFound.LoadBalancer',
        message: {
          en: `The instance ${loadBalancerId} does not exist`,
          'zh-CN': `实例 ${loadBalancerId} 不存在`,
        },
      });
    }
    return loadBalancerOf(this.context, this.name);
  }

  async *listListeners(filter?: {
    loadBalancerIds?: string[];
    listenerIds?: string[];
  }): AsyncIterable<Listener> {
    this.guard();
    for (const fact of this.context.listeners) {
      if (filter?.loadBalancerIds && !filter.loadBalancerIds.includes(fact.loadBalancerId)) continue;
      if (filter?.listenerIds && !filter.listenerIds.includes(fact.listenerId)) continue;
      yield listenerOf(fact);
    }
  }

  listListenersOfInstances(): Promise<Map<string, Listener[]>> {
    throw new Error('not used by the wizard');
  }

  listLoadBalancersAndListeners(): never {
    throw new Error('not used by the wizard');
  }

  async getListener(listenerId: string): Promise<Listener> {
    const found = this.detailedListeners().find((l) => l.listenerId === listenerId);
    if (!found)
      throw new AlbError({
        kind: 'notFound',
        code: 'ResourceNotFound.Listener',
        message: { en: 'no', 'zh-CN': '无' },
      });
    return structuredClone(found);
  }

  async listListenerCertificates(listenerId: string): Promise<ListenerCertificate[]> {
    return this.changes.certificatesOf(await this.getListener(listenerId));
  }

  async *listServerGroups(): AsyncIterable<ServerGroupOf> {
    this.guard();
    yield* this.context.serverGroups;
  }

  async listServerGroupServers(serverGroupId: string): Promise<BackendServer[]> {
    return this.servers.get(serverGroupId) ?? [];
  }

  async listSecurityPolicies() {
    this.guard();
    return this.context.securityPolicies;
  }

  async listCertificates() {
    this.guard();
    return this.context.certificates;
  }

  async describeRegions(options: DescribeRegionsOptions = {}): Promise<AlbRegion[]> {
    this.guard();
    return describeFakeRegions(fakeRegions(), options);
  }

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
    const dryRun = options.dryRun === true;
    this.calls.push({ request: structuredClone(request), dryRun });
    if (dryRun && this.dryRunError) throw this.dryRunError;
    const token = request.clientToken ?? `generated-${this.calls.length}`;
    const again = this.created.get(token);
    if (!dryRun && again) return { listenerId: again, jobId: `job-${again}`, clientToken: token };
    const check = validateRequest({ ...request, dryRun: undefined, clientToken: undefined }, this.context);
    if (!check.ok) {
      const v = check.violations[0]!;
      throw new AlbError({
        kind: v.code.startsWith('ResourceAlreadyExist')
          ? 'conflict'
          : v.code.startsWith('ResourceNotFound')
            ? 'notFound'
            : 'invalid',
        code: v.code,
        parameter: v.parameter,
        httpStatus: v.httpStatus,
        message: v.message,
      });
    }
    if (dryRun) return { dryRun: 'passed' };
    const listenerId = `lsn-new${this.nextId++}`;
    this.created.set(token, listenerId);
    this.context = {
      ...this.context,
      listeners: [
        ...this.context.listeners,
        {
          listenerId,
          loadBalancerId: request.loadBalancerId,
          protocol: request.listenerProtocol,
          port: request.listenerPort,
          name: request.listenerDescription ?? '',
        },
      ],
    };
    if (this.failJobs > 0) {
      this.failJobs -= 1;
      this.failedJobs.add(`job-${listenerId}`);
    }
    if (this.failAfterCreate > 0) {
      this.failAfterCreate -= 1;
      throw unreachable('CreateListener');
    }
    return { listenerId, jobId: `job-${listenerId}`, clientToken: token };
  }

  deleteListener(): never {
    throw new Error('not used by the wizard');
  }

  getJob(): never {
    throw new Error('not used by the wizard');
  }

  listJobs(): never {
    throw new Error('not used by the wizard');
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
    for (const status of this.provisioningStatuses) options.onStatus?.(status);
    if (this.holdWait) await this.holdWait;
    if (options.jobId && this.failedJobs.has(options.jobId)) throw this.jobFailed(listenerId, options.jobId);
    if (options.until === 'gone') {
      options.onStatus?.('gone');
      return undefined;
    }
    options.onStatus?.(options.until);
    return { ...(await this.getListener(listenerId)), listenerStatus: options.until };
  }

  /** Rolls the creation back and fails as SdkAlbClient.waitForListener does on a Failed job. */
  private jobFailed(listenerId: string, jobId: string): AlbError {
    this.context = {
      ...this.context,
      listeners: this.context.listeners.filter((l) => l.listenerId !== listenerId),
    };
    const { code, message } = this.jobFailure;
    return new AlbError({
      kind: 'state',
      code,
      action: 'CreateListener',
      endpoint: this.endpoint,
      serverMessage: message,
      failedJobId: jobId,
      message: {
        en: `job ${jobId} failed (${code}): ${message}`,
        'zh-CN': `任务 ${jobId} 失败（${code}）：${message}`,
      },
    });
  }
}

type ServerGroupOf = TargetContext['serverGroups'][number];
