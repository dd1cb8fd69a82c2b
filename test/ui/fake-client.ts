// An in-memory AlbClient for view tests: a few instances and listeners, certificates, server groups,
// and switches to make calls fail or wait.
import type {
  AlbClient,
  AlbRegion,
  DescribeRegionsOptions,
  FullListing,
  ListenerChanges,
  FullListingOptions,
  ListenerCertificate,
  WaitOptions,
} from '../../source/alb/client.js';
import { AlbError, CREDENTIALS_MISSING_MESSAGE } from '../../source/alb/errors.js';
import type {
  BackendServer,
  Certificate,
  Listener,
  LoadBalancer,
  SecurityPolicy,
  ServerGroup,
} from '../../source/domain/resources.js';
import type { Connection } from '../../source/ui/connection.js';
import { Sessions } from '../../source/ui/session.js';
import { InMemoryListenerChanges } from '../helpers/fake-listener-changes.js';
import { InMemoryRuleChanges } from '../helpers/fake-rule-changes.js';
import { InMemoryServerGroups } from '../helpers/fake-server-groups.js';
import { describeFakeRegions, fakeRegions } from '../helpers/fake-regions.js';

const DAY = 86_400_000;
export const NOW = Date.parse('2026-01-01T00:00:00Z');

export function instance(id: string, name: string, overrides: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    loadBalancerId: id,
    loadBalancerName: name,
    loadBalancerStatus: 'Active',
    loadBalancerBussinessStatus: 'Normal',
    loadBalancerEdition: 'Standard',
    addressType: 'Internet',
    addressAllocatedMode: 'Dynamic',
    addressIpVersion: 'IPv4',
    dnsName: `${id}.cn-hangzhou.alb.aliyuncs.com`,
    vpcId: 'vpc-test',
    createTime: '2025-01-01T00:00:00Z',
    resourceGroupId: 'rg-test',
    payType: 'PostPay',
    deletionProtectionEnabled: false,
    zoneMappings: [],
    tags: [],
    ...overrides,
  };
}

export function listener(
  id: string,
  loadBalancerId: string,
  protocol: Listener['listenerProtocol'],
  port: number,
  name: string,
  overrides: Partial<Listener> = {},
): Listener {
  return {
    listenerId: id,
    loadBalancerId,
    listenerProtocol: protocol,
    listenerPort: port,
    listenerDescription: name,
    listenerStatus: 'Running',
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-web' }] } },
    ],
    gzipEnabled: true,
    http2Enabled: protocol === 'HTTPS',
    idleTimeout: 15,
    requestTimeout: 60,
    ...(protocol === 'HTTPS' ? { securityPolicyId: 'tls_cipher_policy_1_2' } : {}),
    quicConfig: {},
    XForwardedForConfig: protocol === 'QUIC' ? {} : { XForwardedForEnabled: true },
    ...(protocol === 'HTTP' ? {} : { certificates: [{ certificateId: '1001-cn-hangzhou' }] }),
    tags: [],
    ...overrides,
  };
}

export interface FakeData {
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  certificates: Certificate[];
  serverGroups: ServerGroup[];
  servers: BackendServer[];
  policies: SecurityPolicy[];
}

export function sampleData(): FakeData {
  return {
    loadBalancers: [
      instance('alb-web', 'web-prod'),
      instance('alb-pay', '支付网关-prod', { loadBalancerEdition: 'StandardWithWaf' }),
      instance('alb-old', 'legacy', { loadBalancerStatus: 'Inactive' }),
    ],
    listeners: [
      listener('lsn-web-https', 'alb-web', 'HTTPS', 443, 'web_https_443'),
      listener('lsn-web-http', 'alb-web', 'HTTP', 80, 'web_http_80'),
      listener('lsn-web-8080', 'alb-web', 'HTTP', 8080, 'preview', { listenerStatus: 'Stopped' }),
      listener('lsn-pay-https', 'alb-pay', 'HTTPS', 443, '支付网关_443', {
        XForwardedForConfig: {
          XForwardedForEnabled: true,
          XForwardedForSLBIdEnabled: true,
          XForwardedForProtoEnabled: false,
        },
      }),
      listener('lsn-pay-http', 'alb-pay', 'HTTP', 80, '支付回调_80', { listenerStatus: 'Provisioning' }),
    ],
    certificates: [
      {
        certificateId: '1001-cn-hangzhou',
        casId: 1001,
        name: 'example-wildcard',
        commonName: '*.example.com',
        sans: ['*.example.com'],
        issuer: 'Test CA',
        startDate: '2025-01-01',
        endDate: new Date(NOW + 212 * DAY).toISOString().slice(0, 10),
        fingerprint: 'ab',
        isCa: false,
      },
    ],
    serverGroups: [
      {
        serverGroupId: 'sgp-web',
        serverGroupName: 'web-frontend',
        serverGroupType: 'Instance',
        serverGroupStatus: 'Available',
        protocol: 'HTTP',
        scheduler: 'Wrr',
        vpcId: 'vpc-test',
        serverCount: 2,
        relatedLoadBalancerIds: ['alb-web'],
      },
    ],
    servers: [
      {
        serverGroupId: 'sgp-web',
        serverId: 'i-one',
        serverIp: '10.0.0.1',
        serverType: 'Ecs',
        port: 80,
        weight: 100,
        status: 'Available',
      },
      {
        serverGroupId: 'sgp-web',
        serverId: 'i-two',
        serverIp: '10.0.0.2',
        serverType: 'Ecs',
        port: 80,
        weight: 50,
        status: 'Available',
      },
    ],
    policies: [
      {
        securityPolicyId: 'tls_cipher_policy_1_2',
        securityPolicyName: '',
        kind: 'system',
        tlsVersions: ['TLSv1.2'],
        ciphers: [],
      },
    ],
  };
}

function notSupported(): never {
  throw new Error('not supported by the fake client');
}

export class FakeAlbClient implements AlbClient {
  readonly endpoint = 'http://fake';
  readonly region = 'cn-hangzhou';
  data: FakeData;
  /** Thrown by the listing, when set. */
  listingError: unknown;
  /** Listings are held until released, when set. */
  hold: Promise<void> | undefined;
  listings = 0;
  deleted: string[] = [];
  /** Resolved by the test to let a deletion finish. */
  finishDelete: (() => void) | undefined;
  deleteError: unknown;
  /** Updates, start/stop and extra certificates, applied at once to `data.listeners`. */
  readonly changes = new InMemoryListenerChanges(() => this.data.listeners);

  /** What DescribeRegions answers; a test may replace it. */
  regions = fakeRegions();

  constructor(data: FakeData = sampleData()) {
    this.data = data;
  }

  async describeRegions(options: DescribeRegionsOptions = {}): Promise<AlbRegion[]> {
    return describeFakeRegions(this.regions, options);
  }

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
      this.data.listeners.find((l) => l.listenerId === listenerId)?.loadBalancerId ?? 'alb-fake',
  );
  listRules = this.ruleChanges.listRules.bind(this.ruleChanges);
  createRules = this.ruleChanges.createRules.bind(this.ruleChanges);
  updateRules = this.ruleChanges.updateRules.bind(this.ruleChanges);
  deleteRules = this.ruleChanges.deleteRules.bind(this.ruleChanges);
  waitForRules = this.ruleChanges.waitForRules.bind(this.ruleChanges);
  /** Servers added, removed and updated at once in `data.servers`; health as the test sets it. */
  readonly serverChanges = new InMemoryServerGroups(
    () => this.data.servers,
    () => this.data.serverGroups,
    () => this.data.listeners,
  );
  addServers = this.serverChanges.addServers.bind(this.serverChanges);
  removeServers = this.serverChanges.removeServers.bind(this.serverChanges);
  updateServers = this.serverChanges.updateServers.bind(this.serverChanges);
  waitForServers = this.serverChanges.waitForServers.bind(this.serverChanges);
  getListenerHealth = this.serverChanges.getListenerHealth.bind(this.serverChanges);

  async listLoadBalancersAndListeners(options: FullListingOptions = {}): Promise<FullListing> {
    this.listings += 1;
    await this.hold;
    if (this.listingError) throw this.listingError;
    options.onProgress?.({
      instancesDone: 1,
      instancesTotal: this.data.loadBalancers.length,
      listeners: 1,
      requests: 1,
    });
    const byInstance = new Map<string, Listener[]>();
    for (const lb of this.data.loadBalancers) byInstance.set(lb.loadBalancerId, []);
    for (const l of this.data.listeners) byInstance.get(l.loadBalancerId)?.push(structuredClone(l));
    return {
      loadBalancers: structuredClone(this.data.loadBalancers),
      listenersByLoadBalancer: byInstance,
      requests: 2,
    };
  }

  async getListener(listenerId: string): Promise<Listener> {
    const found = this.data.listeners.find((l) => l.listenerId === listenerId);
    if (!found) throw new AlbError({ kind: 'notFound', message: { en: 'not found', 'zh-CN': '不存在' } });
    return structuredClone(found);
  }

  async listListenerCertificates(listenerId: string): Promise<ListenerCertificate[]> {
    return this.changes.certificatesOf(await this.getListener(listenerId));
  }

  async *listServerGroups(filter: { serverGroupIds?: string[] } = {}): AsyncIterable<ServerGroup> {
    for (const group of this.data.serverGroups) {
      if (!filter.serverGroupIds || filter.serverGroupIds.includes(group.serverGroupId))
        yield structuredClone(group);
    }
  }

  async listServerGroupServers(serverGroupId: string): Promise<BackendServer[]> {
    return this.data.servers.filter((s) => s.serverGroupId === serverGroupId);
  }

  async listSecurityPolicies(): Promise<SecurityPolicy[]> {
    return this.data.policies;
  }

  async listCertificates(): Promise<Certificate[]> {
    return this.data.certificates;
  }

  async deleteListener(listenerId: string): Promise<{ jobId: string; clientToken: string }> {
    if (this.deleteError) throw this.deleteError;
    this.deleted.push(listenerId);
    return { jobId: `job-${listenerId}`, clientToken: 'token' };
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
    if (options.until !== 'gone') {
      // Changes apply at once here: the listener is already where it is going, or it never gets there.
      const found = await this.getListener(listenerId);
      options.onStatus?.(found.listenerStatus);
      if (found.listenerStatus !== options.until)
        throw new AlbError({
          kind: 'state',
          message: { en: `listener is ${found.listenerStatus}`, 'zh-CN': `监听处于 ${found.listenerStatus}` },
        });
      return found;
    }
    await new Promise<void>((resolve) => {
      this.finishDelete = resolve;
    });
    this.data.listeners = this.data.listeners.filter((l) => l.listenerId !== listenerId);
    return undefined;
  }

  listLoadBalancers = notSupported;
  getLoadBalancer = notSupported;
  listListeners = notSupported;
  listListenersOfInstances = notSupported;
  createListener = notSupported;
  getJob = notSupported;
  listJobs = notSupported;
}

export const LOCAL: Connection = { kind: 'local', region: 'cn-hangzhou', profile: 'local' };

export function credentialsError(): AlbError {
  return new AlbError({
    kind: 'credentials',
    code: 'InvalidCredentials',
    message: CREDENTIALS_MISSING_MESSAGE,
  });
}

export function unreachableError(): AlbError {
  return new AlbError({
    kind: 'unreachable',
    message: {
      en: 'cannot reach http://127.0.0.1:1 (ECONNREFUSED); check the endpoint and the network, then retry',
      'zh-CN': '无法连接 http://127.0.0.1:1（ECONNREFUSED）；请检查端点和网络后重试',
    },
  });
}

/** Sessions over the fake client; `connection` is what the header shows once it is open. */
export function fakeSessions(client: AlbClient, connection: Connection = LOCAL): Sessions {
  return new Sessions(async () => ({ client, connection, warnings: [], close: async () => undefined }));
}
