// Every read action of the local ALB through the real SDK clients: shapes, paging, filters, errors.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYSTEM_TLS_POLICIES } from '../../source/domain/tls-policies.js';
import { startEmulator, type EmulatorState, type RunningEmulator } from '../../source/emulator/index.js';
import { $Alb, $Cas, clients, expectErrorBody, failure, type Clients } from './helpers.js';

let emulator: RunningEmulator;
let sdk: Clients;
let state: EmulatorState;

beforeAll(async () => {
  // As `alb-tui emulator` runs it (rendered items kept); the app's tests read it rendering per reply.
  emulator = await startEmulator({ seed: 7, keepRenderedItems: true });
  sdk = clients(emulator);
  state = emulator.snapshot();
});
afterAll(() => emulator.close());

interface PagedBody {
  nextToken?: string;
  totalCount?: number;
  maxResults?: number;
}

/** Follows NextToken to the end, checking TotalCount and page sizes on the way. */
async function collect<T>(
  fetch: (token: string | undefined) => Promise<{ body?: PagedBody & Record<string, unknown> }>,
  itemsOf: (body: PagedBody & Record<string, unknown>) => T[] | undefined,
  pageSize: number,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const { body } = await fetch(token);
    if (!body) throw new Error('no body');
    const items = itemsOf(body) ?? [];
    expect(items.length).toBeLessThanOrEqual(pageSize);
    expect(body.maxResults).toBe(pageSize);
    all.push(...items);
    expect(body.totalCount).toBeGreaterThanOrEqual(all.length);
    token = body.nextToken || undefined;
    if (!token) {
      expect(body.totalCount).toBe(all.length);
      return all;
    }
    expect(items.length).toBe(pageSize);
  }
  throw new Error('paging did not end');
}

describe('NextToken paging visits every item exactly once', () => {
  test.each([1, 3, 7, 100])(
    'ListListeners, ListLoadBalancers, ListServerGroups, ListServerGroupServers with MaxResults %i',
    async (size) => {
      const listeners = await collect(
        (nextToken) => sdk.alb.listListeners(new $Alb.ListListenersRequest({ maxResults: size, nextToken })),
        (b) => (b as $Alb.ListListenersResponseBody).listeners?.map((l) => l.listenerId),
        size,
      );
      expect(new Set(listeners).size).toBe(listeners.length);
      expect(listeners.sort()).toEqual(state.listeners.map((l) => l.listenerId).sort());

      const instances = await collect(
        (nextToken) =>
          sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ maxResults: size, nextToken })),
        (b) => (b as $Alb.ListLoadBalancersResponseBody).loadBalancers?.map((l) => l.loadBalancerId),
        size,
      );
      expect(instances.sort()).toEqual(state.loadBalancers.map((l) => l.loadBalancerId).sort());

      const groups = await collect(
        (nextToken) =>
          sdk.alb.listServerGroups(new $Alb.ListServerGroupsRequest({ maxResults: size, nextToken })),
        (b) => (b as $Alb.ListServerGroupsResponseBody).serverGroups?.map((g) => g.serverGroupId),
        size,
      );
      expect(groups.sort()).toEqual(state.serverGroups.map((g) => g.serverGroupId).sort());

      const servers = await collect(
        (nextToken) =>
          sdk.alb.listServerGroupServers(
            new $Alb.ListServerGroupServersRequest({ maxResults: size, nextToken }),
          ),
        (b) =>
          (b as $Alb.ListServerGroupServersResponseBody).servers?.map(
            // An Ip server is known by its address and port: the demo's share 127.0.0.1.
            (s) => `${s.serverGroupId}/${s.serverId}:${s.port}`,
          ),
        size,
      );
      expect(servers).toHaveLength(state.servers.length);
      expect(new Set(servers).size).toBe(servers.length);
    },
  );

  test('the default page size is 20', async () => {
    const { body } = await sdk.alb.listListeners(new $Alb.ListListenersRequest({}));
    expect(body?.maxResults).toBe(20);
    expect(body?.listeners).toHaveLength(20);
    expect(body?.totalCount).toBe(state.listeners.length);
    expect(body?.nextToken).toBeTruthy();
  });

  test.each([0, 101, -1])('MaxResults %i is refused with InvalidParameter', async (maxResults) => {
    const error = await failure(sdk.alb.listListeners(new $Alb.ListListenersRequest({ maxResults })));
    expect(error.statusCode).toBe(400);
    expectErrorBody(error.data, 'InvalidParameter');
    expect(String(error.data['Message'])).toContain('MaxResults');
  });

  test('a NextToken that the API did not hand out is refused', async () => {
    const garbage = await failure(
      sdk.alb.listListeners(new $Alb.ListListenersRequest({ nextToken: 'not-a-token' })),
    );
    expectErrorBody(garbage.data, 'InvalidParameter');
    const { body } = await sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ maxResults: 1 }));
    const foreign = await failure(
      sdk.alb.listListeners(new $Alb.ListListenersRequest({ nextToken: body?.nextToken })),
    );
    expectErrorBody(foreign.data, 'InvalidParameter');
  });
});

describe('ListLoadBalancers', () => {
  test('answers the documented fields', async () => {
    const { body } = await sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ maxResults: 100 }));
    const first = body?.loadBalancers?.[0];
    expect(first?.loadBalancerId).toMatch(/^alb-[a-z0-9]{18}$/);
    expect(first?.DNSName).toBe(`${first?.loadBalancerId}.cn-hangzhou.alb.aliyuncs.com`);
    expect(first?.createTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(first?.loadBalancerBillingConfig?.payType).toBe('PostPay');
    expect(first?.tags?.[0]?.key).toBe('env');
    expect(body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  test('filters by IDs, names, VPCs, status, address type and tags', async () => {
    const [a, b, c] = state.loadBalancers;
    const byIds = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ loadBalancerIds: [a!.loadBalancerId, c!.loadBalancerId] }),
    );
    expect(byIds.body?.loadBalancers?.map((l) => l.loadBalancerId).sort()).toEqual(
      [a!.loadBalancerId, c!.loadBalancerId].sort(),
    );
    expect(byIds.body?.totalCount).toBe(2);

    const byName = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ loadBalancerNames: [b!.loadBalancerName] }),
    );
    expect(byName.body?.loadBalancers?.map((l) => l.loadBalancerId)).toEqual([b!.loadBalancerId]);

    const vpc = a!.vpcId;
    const byVpc = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ vpcIds: [vpc], maxResults: 100 }),
    );
    expect(byVpc.body?.totalCount).toBe(state.loadBalancers.filter((l) => l.vpcId === vpc).length);
    expect(byVpc.body?.loadBalancers?.every((l) => l.vpcId === vpc)).toBe(true);

    const inactive = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ loadBalancerStatus: 'Inactive' }),
    );
    expect(inactive.body?.loadBalancers?.map((l) => l.loadBalancerName)).toEqual(['legacy-portal']);

    const intranet = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ addressType: 'Intranet', maxResults: 100 }),
    );
    expect(intranet.body?.totalCount).toBe(
      state.loadBalancers.filter((l) => l.addressType === 'Intranet').length,
    );
    expect(intranet.body?.loadBalancers?.every((l) => l.addressType === 'Intranet')).toBe(true);

    const tagged = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({
        tag: [new $Alb.ListLoadBalancersRequestTag({ key: 'env', value: 'staging' })],
        maxResults: 100,
      }),
    );
    expect(tagged.body?.loadBalancers?.map((l) => l.loadBalancerName).sort()).toEqual([
      'canary-edge',
      'staging-api',
      'staging-web',
    ]);
  });

  test('a bad enum value is refused', async () => {
    const error = await failure(
      sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ addressType: 'Public' })),
    );
    expectErrorBody(error.data, 'InvalidParameter');
  });

  test('more than 20 IDs are refused', async () => {
    const ids = Array.from({ length: 21 }, (_, i) => `alb-${String(i).padStart(18, '0')}`);
    const error = await failure(
      sdk.alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ loadBalancerIds: ids })),
    );
    expectErrorBody(error.data, 'InvalidParameter');
  });
});

describe('GetLoadBalancerAttribute', () => {
  test('adds zone mappings with addresses', async () => {
    const dualStack = state.loadBalancers.find((l) => l.addressIpVersion === 'DualStack')!;
    const { body } = await sdk.alb.getLoadBalancerAttribute(
      new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: dualStack.loadBalancerId }),
    );
    expect(body?.loadBalancerName).toBe(dualStack.loadBalancerName);
    expect(body?.regionId).toBe('cn-hangzhou');
    expect(body?.zoneMappings?.length).toBeGreaterThanOrEqual(2);
    const zone = body?.zoneMappings?.[0];
    expect(zone?.zoneId).toMatch(/^cn-hangzhou-[a-z]$/);
    expect(zone?.vSwitchId).toMatch(/^vsw-/);
    expect(zone?.loadBalancerAddresses?.[0]?.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(zone?.loadBalancerAddresses?.[0]?.intranetAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(zone?.loadBalancerAddresses?.[0]?.ipv6Address).toContain(':');
  });

  test('an unknown instance is 404 ResourceNotFound.LoadBalancer; a missing ID is MissingParameter', async () => {
    const unknown = await failure(
      sdk.alb.getLoadBalancerAttribute(
        new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: 'alb-doesnotexist000000' }),
      ),
    );
    expect(unknown.statusCode).toBe(404);
    expectErrorBody(unknown.data, 'ResourceNotFound.LoadBalancer');
    const missing = await failure(
      sdk.alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({})),
    );
    expect(missing.statusCode).toBe(400);
    expectErrorBody(missing.data, 'MissingParameter');
  });
});

describe('ListListeners and GetListenerAttribute', () => {
  test('filters by instance, protocol and listener IDs', async () => {
    const instance = state.loadBalancers[0]!;
    const own = state.listeners.filter((l) => l.loadBalancerId === instance.loadBalancerId);
    const byInstance = await sdk.alb.listListeners(
      new $Alb.ListListenersRequest({ loadBalancerIds: [instance.loadBalancerId] }),
    );
    expect(byInstance.body?.listeners?.map((l) => l.listenerId).sort()).toEqual(
      own.map((l) => l.listenerId).sort(),
    );

    const quic = await sdk.alb.listListeners(
      new $Alb.ListListenersRequest({ listenerProtocol: 'QUIC', maxResults: 100 }),
    );
    expect(quic.body?.totalCount).toBe(state.listeners.filter((l) => l.listenerProtocol === 'QUIC').length);
    expect(quic.body?.listeners?.every((l) => l.listenerProtocol === 'QUIC')).toBe(true);

    const ids = [state.listeners[3]!.listenerId, state.listeners[30]!.listenerId];
    const byIds = await sdk.alb.listListeners(new $Alb.ListListenersRequest({ listenerIds: ids }));
    expect(byIds.body?.listeners?.map((l) => l.listenerId).sort()).toEqual([...ids].sort());

    const bad = await failure(
      sdk.alb.listListeners(new $Alb.ListListenersRequest({ listenerProtocol: 'FTP' })),
    );
    expectErrorBody(bad.data, 'InvalidParameter');
  });

  test('the list has no certificates; the attribute call adds them', async () => {
    const mtls = state.listeners.find((l) => l.caEnabled)!;
    const listed = await sdk.alb.listListeners(
      new $Alb.ListListenersRequest({ listenerIds: [mtls.listenerId] }),
    );
    const raw = listed.body?.listeners?.[0] as unknown as Record<string, unknown>;
    expect(raw['certificates']).toBeUndefined();
    expect(listed.body?.listeners?.[0]?.XForwardedForConfig?.XForwardedForEnabled).toBe(true);

    const { body } = await sdk.alb.getListenerAttribute(
      new $Alb.GetListenerAttributeRequest({ listenerId: mtls.listenerId }),
    );
    expect(body?.listenerProtocol).toBe('HTTPS');
    expect(body?.certificates?.[0]?.certificateId).toBe(mtls.certificates?.[0]?.certificateId);
    expect(body?.caEnabled).toBe(true);
    expect(body?.caCertificates?.[0]?.certificateId).toBe(
      state.certificates.find((c) => c.isCa)?.certificateId,
    );
    expect(body?.securityPolicyId).toBe(mtls.securityPolicyId);
    expect(body?.defaultActions?.[0]?.forwardGroupConfig?.serverGroupTuples?.[0]?.serverGroupId).toMatch(
      /^sgp-/,
    );
  });

  test('HTTPS listeners upgraded to QUIC name a QUIC listener of the same instance', async () => {
    const upgraded = state.listeners.filter((l) => l.quicConfig.quicUpgradeEnabled);
    expect(upgraded.length).toBeGreaterThanOrEqual(3);
    for (const l of upgraded.slice(0, 3)) {
      const { body } = await sdk.alb.getListenerAttribute(
        new $Alb.GetListenerAttributeRequest({ listenerId: l.listenerId }),
      );
      expect(body?.quicConfig?.quicUpgradeEnabled).toBe(true);
      const quic = state.listeners.find((q) => q.listenerId === body?.quicConfig?.quicListenerId);
      expect(quic?.listenerProtocol).toBe('QUIC');
      expect(quic?.loadBalancerId).toBe(l.loadBalancerId);
    }
  });

  test('names in Chinese arrive whole, in a full page of them', async () => {
    const named = state.listeners.filter((l) => /[^\x00-\xff]/.test(l.listenerDescription));
    expect(named.length).toBeGreaterThan(0);
    const { body } = await sdk.alb.listListeners(new $Alb.ListListenersRequest({ maxResults: 100 }));
    const sent = new Map(body?.listeners?.map((l) => [l.listenerId, l.listenerDescription]));
    for (const l of named) expect(sent.get(l.listenerId)).toBe(l.listenerDescription);
  });

  test('an unknown listener is 404 ResourceNotFound.Listener', async () => {
    const error = await failure(
      sdk.alb.getListenerAttribute(
        new $Alb.GetListenerAttributeRequest({ listenerId: 'lsn-00000000000000000000' }),
      ),
    );
    expect(error.statusCode).toBe(404);
    expectErrorBody(error.data, 'ResourceNotFound.Listener');
  });
});

describe('server groups', () => {
  test('ListServerGroups filters by VPC, names and IDs and reports related instances', async () => {
    const vpc = state.serverGroups[0]!.vpcId;
    const { body } = await sdk.alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ vpcId: vpc, maxResults: 100 }),
    );
    expect(body?.totalCount).toBe(state.serverGroups.filter((g) => g.vpcId === vpc).length);
    expect(body?.serverGroups?.every((g) => g.vpcId === vpc)).toBe(true);
    const web = body?.serverGroups?.find((g) => g.serverGroupName === 'web-frontend-http');
    expect(web?.protocol).toBe('HTTP');
    expect(web?.serverCount).toBe(3);
    expect(web?.relatedLoadBalancerIds?.length).toBeGreaterThan(0);

    const byName = await sdk.alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ serverGroupNames: ['order-service-grpc'] }),
    );
    expect(byName.body?.serverGroups?.map((g) => g.protocol)).toEqual(['GRPC']);
    const id = state.serverGroups[5]!.serverGroupId;
    const byId = await sdk.alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: [id] }));
    expect(byId.body?.serverGroups?.map((g) => g.serverGroupId)).toEqual([id]);
  });

  test('ListServerGroupServers lists one group and nothing for an unknown one (it lists no ResourceNotFound code)', async () => {
    const group = state.serverGroups[0]!;
    const { body } = await sdk.alb.listServerGroupServers(
      new $Alb.ListServerGroupServersRequest({ serverGroupId: group.serverGroupId }),
    );
    expect(body?.totalCount).toBe(group.serverCount);
    expect(
      body?.servers?.every(
        (s) =>
          s.serverGroupId === group.serverGroupId && s.port! > 0 && s.weight! > 0 && s.status === 'Available',
      ),
    ).toBe(true);
    const unknown = await sdk.alb.listServerGroupServers(
      new $Alb.ListServerGroupServersRequest({ serverGroupId: 'sgp-unknown' }),
    );
    expect(unknown.body?.servers).toEqual([]);
    expect(unknown.body?.totalCount).toBe(0);
  });
});

describe('security policies', () => {
  test('ListSecurityPolicies lists the custom policies only', async () => {
    const { body } = await sdk.alb.listSecurityPolicies(new $Alb.ListSecurityPoliciesRequest({}));
    expect(body?.totalCount).toBe(2);
    expect(body?.securityPolicies?.map((p) => p.securityPolicyName).sort()).toEqual([
      'modern-tls12-13',
      'pci-dss-strict',
    ]);
    expect(
      body?.securityPolicies?.every(
        (p) => p.securityPolicyId?.startsWith('spy-') && p.TLSVersions!.length > 0 && p.ciphers!.length > 0,
      ),
    ).toBe(true);
    const byName = await sdk.alb.listSecurityPolicies(
      new $Alb.ListSecurityPoliciesRequest({ securityPolicyNames: ['pci-dss-strict'] }),
    );
    expect(byName.body?.securityPolicies?.[0]?.TLSVersions).toEqual(['TLSv1.2']);
  });

  test('ListSystemSecurityPolicies answers the whole catalogue, unpaged', async () => {
    const { body } = await sdk.alb.listSystemSecurityPolicies();
    expect(body?.securityPolicies?.map((p) => p.securityPolicyId)).toEqual(
      SYSTEM_TLS_POLICIES.map((p) => p.securityPolicyId),
    );
    const strict = body?.securityPolicies?.find(
      (p) => p.securityPolicyId === 'tls_cipher_policy_1_2_strict_with_1_3',
    );
    expect(strict?.TLSVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(strict?.ciphers).toContain('TLS_AES_128_GCM_SHA256');
    expect((body as unknown as Record<string, unknown>)['nextToken']).toBeUndefined();
  });
});

describe('ListListenerCertificates', () => {
  test('lists server and CA certificates, filterable by type', async () => {
    const mtls = state.listeners.find((l) => l.caEnabled)!;
    const all = await sdk.alb.listListenerCertificates(
      new $Alb.ListListenerCertificatesRequest({ listenerId: mtls.listenerId }),
    );
    expect(all.body?.totalCount).toBe(2);
    expect(all.body?.certificates?.map((c) => c.certificateType).sort()).toEqual(['Ca', 'Server']);
    expect(all.body?.certificates?.find((c) => c.certificateType === 'Server')?.isDefault).toBe(true);
    const ca = await sdk.alb.listListenerCertificates(
      new $Alb.ListListenerCertificatesRequest({ listenerId: mtls.listenerId, certificateType: 'Ca' }),
    );
    expect(ca.body?.certificates?.map((c) => c.certificateId)).toEqual([
      mtls.caCertificates?.[0]?.certificateId,
    ]);
  });

  test('an HTTP listener is refused; a missing ListenerId is MissingParameter', async () => {
    const http = state.listeners.find((l) => l.listenerProtocol === 'HTTP')!;
    const error = await failure(
      sdk.alb.listListenerCertificates(
        new $Alb.ListListenerCertificatesRequest({ listenerId: http.listenerId }),
      ),
    );
    expectErrorBody(error.data, 'OperationDenied.HttpListenerNotSupport');
    const missing = await failure(
      sdk.alb.listListenerCertificates(new $Alb.ListListenerCertificatesRequest({})),
    );
    expectErrorBody(missing.data, 'MissingParameter');
  });
});

describe('CAS ListUserCertificateOrder', () => {
  const request = (fields: Record<string, unknown>): $Cas.ListUserCertificateOrderRequest =>
    new $Cas.ListUserCertificateOrderRequest({ orderType: 'CERT', ...fields });

  test('without a status it lists the valid certificates (issued and about to expire)', async () => {
    const { body } = await sdk.cas.listUserCertificateOrder(request({}));
    const now = Date.now();
    const valid = state.certificates.filter((c) => Date.parse(c.endDate) > now);
    expect(body?.totalCount).toBe(valid.length);
    expect(body?.showSize).toBe(50);
    expect(body?.currentPage).toBe(1);
    const first = body?.certificateOrderList?.[0];
    expect(typeof first?.certificateId).toBe('number');
    expect(`${first?.certificateId}-cn-hangzhou`).toBe(state.certificates[0]?.certificateId);
    expect(first?.commonName).toBe('*.example.com');
    expect(first?.sans).toBe('*.example.com,example.com');
    expect(first?.issuer).toBe('DigiCert Global G2 TLS RSA SHA256 2020 CA1');
    expect(first?.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first?.expired).toBe(false);
  });

  test('Status selects expired or expiring certificates', async () => {
    const expired = await sdk.cas.listUserCertificateOrder(request({ status: 'EXPIRED' }));
    expect(expired.body?.certificateOrderList?.map((c) => c.commonName)).toEqual(['old.example.net']);
    expect(expired.body?.certificateOrderList?.[0]?.expired).toBe(true);
    const expiring = await sdk.cas.listUserCertificateOrder(request({ status: 'WILLEXPIRED' }));
    expect(expiring.body?.certificateOrderList?.map((c) => c.commonName)).toEqual(['api.example.com']);
  });

  test('Keyword matches names, common names and SANs', async () => {
    const { body } = await sdk.cas.listUserCertificateOrder(request({ keyword: 'report.data' }));
    expect(body?.certificateOrderList?.map((c) => c.commonName)).toEqual(['data.example.cn']);
  });

  test('CurrentPage / ShowSize paging covers every certificate once', async () => {
    const seen: number[] = [];
    let total = 0;
    for (let page = 1; page <= 10; page++) {
      const { body } = await sdk.cas.listUserCertificateOrder(request({ currentPage: page, showSize: 2 }));
      total = body?.totalCount ?? 0;
      const ids = body?.certificateOrderList?.map((c) => c.certificateId!) ?? [];
      if (ids.length === 0) break;
      expect(ids.length).toBeLessThanOrEqual(2);
      seen.push(...ids);
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  test('orders (the default CPACK) are empty; a bad ShowSize is InvalidParameter', async () => {
    const { body } = await sdk.cas.listUserCertificateOrder(new $Cas.ListUserCertificateOrderRequest({}));
    expect(body?.totalCount).toBe(0);
    const error = await failure(sdk.cas.listUserCertificateOrder(request({ showSize: 0 })));
    expect(error.code).toBe('InvalidParameter');
    expect(error.data['HostId']).toBe('cas.aliyuncs.com');
    expect(String(error.data['Recommend'])).toContain('product=cas');
  });
});
