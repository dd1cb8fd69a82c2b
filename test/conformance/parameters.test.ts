// Every request parameter the metadata defines for an implemented action has a behaviour test here
// (a filter narrows to what it names, paging pages, an ID selects its resource, a write option shows in
// the resource) — none is silently ignored. The table must name exactly the metadata's parameters.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import { implementedActions } from './implemented.js';
import { changeBehaviour } from './change-parameters.js';
import { ruleBehaviour } from './rule-parameters.js';
import { apiOf, type Product } from './metadata.js';
import { rawCaller, type RawCaller } from './raw-call.js';
import { REPLY_CALLS, type Query } from './replies.js';
import { serverGroupBehaviour } from './server-group-parameters.js';
import { tagParameterBehaviour } from './tag-parameters.js';
import { OTHER_RESOURCE_GROUP, startZoo } from './zoo.js';

let emulator: RunningEmulator;
let call: RawCaller;
let state: EmulatorState;
/** A second zoo whose changes are done by the next call, for the listener changes' effects. */
let quick: { emulator: RunningEmulator; call: RawCaller };

beforeAll(async () => {
  emulator = await startZoo();
  call = rawCaller(emulator);
  state = emulator.snapshot();
  const fast = await startZoo(0);
  quick = { emulator: fast, call: rawCaller(fast) };
});
afterAll(async () => {
  await emulator.close();
  await quick.emulator.close();
});

type Item = Record<string, unknown>;
type Check = (ctx: { product: Product; action: string }) => Promise<void>;

async function items(product: Product, action: string, listKey: string, query: Query): Promise<Item[]> {
  const reply = await call(product, action, { MaxResults: '100', ...query });
  if (!reply.ok) throw new Error(`${action} refused ${JSON.stringify(query)}: ${reply.code}`);
  return (reply.body[listKey] as Item[] | undefined) ?? [];
}

/** The filter narrows the list to a non-empty part whose every item passes `holds`. */
const narrows =
  (listKey: string, query: (s: EmulatorState) => Query, holds: (item: Item) => boolean): Check =>
  async ({ product, action }) => {
    const everything = await items(product, action, listKey, {});
    const filtered = await items(product, action, listKey, query(state));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(everything.length);
    expect(filtered.filter((item) => !holds(item))).toEqual([]);
  };

const byField =
  (listKey: string, param: string, field: string, value: (s: EmulatorState) => string): Check =>
  async (ctx) => {
    const wanted = value(state);
    const list = param.endsWith('s') && !['AddressType', 'Status'].some((s) => param.endsWith(s));
    await narrows(
      listKey,
      () => ({ [list ? `${param}.1` : param]: wanted }),
      (item) => item[field] === wanted,
    )(ctx);
  };

const hasTag = (key: string, value: string) => (item: Item) =>
  ((item['Tags'] as Item[] | undefined) ?? []).some((t) => t['Key'] === key && t['Value'] === value);

const byTag = (listKey: string, key: string, value: string, holds = hasTag(key, value)): Check =>
  narrows(listKey, () => ({ 'Tag.1.Key': key, 'Tag.1.Value': value }), holds);

const paging =
  (listKey: string): Check =>
  async ({ product, action }) => {
    const base = REPLY_CALLS[product][action]!(state)[0]!;
    const first = await call(product, action, { ...base, MaxResults: '1' });
    if (!first.ok) throw new Error(first.code);
    expect((first.body[listKey] as unknown[]).length).toBe(1);
    expect(first.body['MaxResults']).toBe(1);
    const token = first.body['NextToken'];
    expect(typeof token).toBe('string');
    const second = await call(product, action, { ...base, MaxResults: '1', NextToken: String(token) });
    if (!second.ok) throw new Error(second.code);
    expect(second.body[listKey]).not.toEqual(first.body[listKey]);
  };

const selects =
  (idField: string, param: string): Check =>
  async ({ product, action }) => {
    const base = REPLY_CALLS[product][action]!(state);
    for (const query of base.slice(0, 3)) {
      const reply = await call(product, action, query);
      if (!reply.ok) throw new Error(reply.code);
      expect(reply.body[idField]).toBe(query[param]);
    }
  };

const prodWeb = (s: EmulatorState) => s.loadBalancers[0]!;
const groupOf = (s: EmulatorState, id: string) => s.serverGroups.find((g) => g.serverGroupId === id);

/** Ports for the listeners the checks create: one each, so two checks never clash on a port. */
let nextPort = 30_000;

/** Creates a listener with `extra` and checks what GetListenerAttribute then answers. */
const creates =
  (extra: (s: EmulatorState) => Query, holds: (listener: Item) => boolean): Check =>
  async () => {
    const base = REPLY_CALLS.alb['CreateListener']!(state)[0]!;
    const port = String(nextPort++);
    const created = await call('alb', 'CreateListener', { ...base, ListenerPort: port, ...extra(state) });
    if (!created.ok) throw new Error(`${created.code}: ${String(created.body['Message'])}`);
    const listener = await call('alb', 'GetListenerAttribute', {
      ListenerId: String(created.body['ListenerId']),
    });
    if (!listener.ok) throw new Error(listener.code);
    expect(holds(listener.body)).toBe(true);
  };

const httpsBase = (s: EmulatorState): Query => {
  const lb = prodWeb(s);
  const cert = s.certificates.find((c) => !c.isCa && Date.parse(c.endDate) > Date.now())!;
  return {
    ListenerProtocol: 'HTTPS',
    LoadBalancerId: lb.loadBalancerId,
    'Certificates.1.CertificateId': cert.certificateId,
  };
};

export const PARAMETER_BEHAVIOUR: Record<Product, Record<string, Record<string, Check>>> = {
  alb: {
    ListLoadBalancers: {
      NextToken: paging('LoadBalancers'),
      MaxResults: paging('LoadBalancers'),
      LoadBalancerIds: byField(
        'LoadBalancers',
        'LoadBalancerIds',
        'LoadBalancerId',
        (s) => prodWeb(s).loadBalancerId,
      ),
      LoadBalancerNames: byField(
        'LoadBalancers',
        'LoadBalancerNames',
        'LoadBalancerName',
        (s) => prodWeb(s).loadBalancerName,
      ),
      VpcIds: byField('LoadBalancers', 'VpcIds', 'VpcId', (s) => s.loadBalancers.at(-1)!.vpcId),
      ZoneId: narrows(
        'LoadBalancers',
        (s) => ({ ZoneId: prodWeb(s).zoneMappings[2]!.zoneId }),
        (lb) => lb['LoadBalancerName'] !== 'prod-api',
      ),
      LoadBalancerStatus: byField(
        'LoadBalancers',
        'LoadBalancerStatus',
        'LoadBalancerStatus',
        () => 'Inactive',
      ),
      LoadBalancerBussinessStatus: byField(
        'LoadBalancers',
        'LoadBalancerBussinessStatus',
        'LoadBalancerBussinessStatus',
        () => 'Abnormal',
      ),
      AddressType: byField('LoadBalancers', 'AddressType', 'AddressType', () => 'Intranet'),
      AddressIpVersion: byField('LoadBalancers', 'AddressIpVersion', 'AddressIpVersion', () => 'DualStack'),
      Ipv6AddressType: byField('LoadBalancers', 'Ipv6AddressType', 'Ipv6AddressType', () => 'Internet'),
      DNSName: byField('LoadBalancers', 'DNSName', 'DNSName', (s) => prodWeb(s).dnsName),
      PayType: async ({ product, action }) => {
        expect(await items(product, action, 'LoadBalancers', { PayType: 'PostPay' })).not.toEqual([]);
        expect(await items(product, action, 'LoadBalancers', { PayType: 'PrePay' })).toEqual([]);
      },
      ResourceGroupId: async ({ product, action }) => {
        expect(
          (await items(product, action, 'LoadBalancers', { ResourceGroupId: prodWeb(state).resourceGroupId }))
            .length,
        ).toBe(state.loadBalancers.length);
        expect(
          await items(product, action, 'LoadBalancers', { ResourceGroupId: OTHER_RESOURCE_GROUP }),
        ).toEqual([]);
      },
      Tag: byTag('LoadBalancers', 'team', 'web'),
    },
    GetLoadBalancerAttribute: { LoadBalancerId: selects('LoadBalancerId', 'LoadBalancerId') },
    ListListeners: {
      NextToken: paging('Listeners'),
      MaxResults: paging('Listeners'),
      ListenerIds: byField('Listeners', 'ListenerIds', 'ListenerId', (s) => s.listeners[3]!.listenerId),
      LoadBalancerIds: byField(
        'Listeners',
        'LoadBalancerIds',
        'LoadBalancerId',
        (s) => prodWeb(s).loadBalancerId,
      ),
      ListenerProtocol: byField('Listeners', 'ListenerProtocol', 'ListenerProtocol', () => 'QUIC'),
      Tag: async ({ product, action }) => {
        const base = REPLY_CALLS.alb['CreateListener']!(state)[0]!;
        const created = await call('alb', 'CreateListener', {
          ...base,
          ListenerPort: '19999',
          'Tag.1.Key': 'owner',
          'Tag.1.Value': 'conformance',
        });
        if (!created.ok) throw new Error(created.code);
        await byTag('Listeners', 'owner', 'conformance')({ product, action });
      },
    },
    GetListenerAttribute: { ListenerId: selects('ListenerId', 'ListenerId') },
    ListListenerCertificates: {
      ListenerId: async () => {
        const listener = state.listeners.find((l) => l.caEnabled)!;
        const found = await items('alb', 'ListListenerCertificates', 'Certificates', {
          ListenerId: listener.listenerId,
        });
        expect(found.map((c) => c['CertificateId']).sort()).toEqual(
          [...(listener.certificates ?? []), ...(listener.caCertificates ?? [])]
            .map((c) => c.certificateId)
            .sort(),
        );
      },
      NextToken: async () => {
        const listener = state.listeners.find((l) => l.caEnabled)!;
        const first = await call('alb', 'ListListenerCertificates', {
          ListenerId: listener.listenerId,
          MaxResults: '1',
        });
        if (!first.ok) throw new Error(first.code);
        const second = await call('alb', 'ListListenerCertificates', {
          ListenerId: listener.listenerId,
          MaxResults: '1',
          NextToken: String(first.body['NextToken']),
        });
        if (!second.ok) throw new Error(second.code);
        expect(second.body['Certificates']).not.toEqual(first.body['Certificates']);
      },
      MaxResults: async () => {
        const listener = state.listeners.find((l) => l.caEnabled)!;
        expect(
          await items('alb', 'ListListenerCertificates', 'Certificates', {
            ListenerId: listener.listenerId,
            MaxResults: '1',
          }),
        ).toHaveLength(1);
      },
      CertificateType: async () => {
        const listener = state.listeners.find((l) => l.caEnabled)!;
        const ca = await items('alb', 'ListListenerCertificates', 'Certificates', {
          ListenerId: listener.listenerId,
          CertificateType: 'Ca',
        });
        expect(ca.map((c) => c['CertificateType'])).toEqual(['Ca']);
      },
      CertificateIds: async () => {
        const listener = state.listeners.find((l) => l.caEnabled)!;
        const id = listener.caCertificates![0]!.certificateId;
        const found = await items('alb', 'ListListenerCertificates', 'Certificates', {
          ListenerId: listener.listenerId,
          'CertificateIds.1': id,
        });
        expect(found.map((c) => c['CertificateId'])).toEqual([id]);
      },
    },
    ListServerGroups: {
      NextToken: paging('ServerGroups'),
      MaxResults: paging('ServerGroups'),
      ServerGroupIds: byField(
        'ServerGroups',
        'ServerGroupIds',
        'ServerGroupId',
        (s) => s.serverGroups[2]!.serverGroupId,
      ),
      ServerGroupNames: byField(
        'ServerGroups',
        'ServerGroupNames',
        'ServerGroupName',
        (s) => s.serverGroups[2]!.serverGroupName,
      ),
      ServerGroupType: byField('ServerGroups', 'ServerGroupType', 'ServerGroupType', () => 'Ip'),
      VpcId: byField(
        'ServerGroups',
        'VpcId',
        'VpcId',
        (s) => s.serverGroups.find((g) => g.vpcId !== s.serverGroups[0]!.vpcId)!.vpcId,
      ),
      ResourceGroupId: byField(
        'ServerGroups',
        'ResourceGroupId',
        'ResourceGroupId',
        () => OTHER_RESOURCE_GROUP,
      ),
      Tag: byTag('ServerGroups', 'env', 'staging'),
    },
    ListServerGroupServers: {
      NextToken: paging('Servers'),
      MaxResults: paging('Servers'),
      ServerGroupId: byField('Servers', 'ServerGroupId', 'ServerGroupId', (s) => s.servers[0]!.serverGroupId),
      ServerIds: byField('Servers', 'ServerIds', 'ServerId', (s) => s.servers[0]!.serverId),
      Tag: byTag(
        'Servers',
        'app',
        'payment',
        (server) =>
          groupOf(state, String(server['ServerGroupId']))?.tags?.some(
            (t) => t.key === 'app' && t.value === 'payment',
          ) === true,
      ),
    },
    ListSecurityPolicies: {
      NextToken: paging('SecurityPolicies'),
      MaxResults: paging('SecurityPolicies'),
      SecurityPolicyIds: byField(
        'SecurityPolicies',
        'SecurityPolicyIds',
        'SecurityPolicyId',
        (s) => s.customPolicies[0]!.securityPolicyId,
      ),
      SecurityPolicyNames: byField(
        'SecurityPolicies',
        'SecurityPolicyNames',
        'SecurityPolicyName',
        (s) => s.customPolicies[0]!.securityPolicyName,
      ),
      ResourceGroupId: byField(
        'SecurityPolicies',
        'ResourceGroupId',
        'ResourceGroupId',
        () => OTHER_RESOURCE_GROUP,
      ),
      Tag: byTag('SecurityPolicies', 'compliance', 'pci-dss'),
    },
    ListSystemSecurityPolicies: {},
    DescribeRegions: {
      AcceptLanguage: async ({ product, action }) => {
        const names = async (query: Query): Promise<unknown[]> =>
          (await items(product, action, 'Regions', query)).map((region) => region['LocalName']);
        expect(await names({})).toContain('华东1（杭州）');
        expect(await names({ AcceptLanguage: 'zh-CN' })).toContain('华东1（杭州）');
        expect(await names({ AcceptLanguage: 'en-US' })).toContain('China (Hangzhou)');
      },
    },
    ListAsynJobs: {
      NextToken: paging('Jobs'),
      MaxResults: paging('Jobs'),
      JobIds: byField('Jobs', 'JobIds', 'Id', (s) => s.jobs[0]!.id),
      ResourceIds: async ({ product, action }) => {
        await call('alb', 'CreateListener', {
          ...REPLY_CALLS.alb['CreateListener']!(state)[0]!,
          ListenerPort: '19998',
        });
        const all = await items(product, action, 'Jobs', {});
        const other = all.find((j) => j['ResourceId'] !== state.jobs[0]!.resourceId)!;
        const found = await items(product, action, 'Jobs', { 'ResourceIds.1': String(other['ResourceId']) });
        expect(found.map((j) => j['ResourceId'])).toEqual([other['ResourceId']]);
      },
      ResourceType: async ({ product, action }) => {
        expect((await items(product, action, 'Jobs', { ResourceType: 'listener' })).length).toBeGreaterThan(
          0,
        );
        expect(await items(product, action, 'Jobs', { ResourceType: 'acl' })).toEqual([]);
      },
      ApiName: async ({ product, action }) => {
        expect((await items(product, action, 'Jobs', { ApiName: 'CreateListener' })).length).toBeGreaterThan(
          0,
        );
        expect(await items(product, action, 'Jobs', { ApiName: 'CreateLoadBalancer' })).toEqual([]);
      },
      BeginTime: async ({ product, action }) => {
        const after = Math.max(...state.jobs.map((j) => j.createTime)) + 1;
        expect(
          await items(product, action, 'Jobs', { BeginTime: String(after), EndTime: String(after + 1) }),
        ).toEqual([]);
      },
      EndTime: async ({ product, action }) => {
        const before = Math.min(...state.jobs.map((j) => j.createTime)) - 1;
        expect(await items(product, action, 'Jobs', { EndTime: String(before) })).toEqual([]);
      },
    },
    CreateListener: {
      LoadBalancerId: creates(
        () => ({}),
        (l) => l['LoadBalancerId'] === prodWeb(state).loadBalancerId,
      ),
      ClientToken: async () => {
        const query = {
          ...REPLY_CALLS.alb['CreateListener']!(state)[0]!,
          ListenerPort: '19997',
          ClientToken: 'param-token',
        };
        const first = await call('alb', 'CreateListener', query);
        const second = await call('alb', 'CreateListener', query);
        expect(first.ok && second.ok && first.body['ListenerId'] === second.body['ListenerId']).toBe(true);
      },
      DryRun: async () => {
        const query = {
          ...REPLY_CALLS.alb['CreateListener']!(state)[0]!,
          ListenerPort: '19996',
          DryRun: 'true',
        };
        const reply = await call('alb', 'CreateListener', query);
        expect(reply.ok ? 'created' : reply.code).toBe('DryRunOperation');
      },
      ListenerProtocol: creates(httpsBase, (l) => l['ListenerProtocol'] === 'HTTPS'),
      ListenerPort: creates(
        () => ({ ListenerPort: '19995' }),
        (l) => l['ListenerPort'] === 19995,
      ),
      ListenerDescription: creates(
        () => ({ ListenerDescription: 'conformance_listener' }),
        (l) => l['ListenerDescription'] === 'conformance_listener',
      ),
      RequestTimeout: creates(
        () => ({ RequestTimeout: '99' }),
        (l) => l['RequestTimeout'] === 99,
      ),
      IdleTimeout: creates(
        () => ({ IdleTimeout: '33' }),
        (l) => l['IdleTimeout'] === 33,
      ),
      GzipEnabled: creates(
        () => ({ GzipEnabled: 'false' }),
        (l) => l['GzipEnabled'] === false,
      ),
      Http2Enabled: creates(
        (s) => ({ ...httpsBase(s), Http2Enabled: 'false' }),
        (l) => l['Http2Enabled'] === false,
      ),
      SecurityPolicyId: creates(
        (s) => ({ ...httpsBase(s), SecurityPolicyId: 'tls_cipher_policy_1_2' }),
        (l) => l['SecurityPolicyId'] === 'tls_cipher_policy_1_2',
      ),
      CaEnabled: creates(
        (s) => ({
          ...httpsBase(s),
          CaEnabled: 'true',
          'CaCertificates.1.CertificateId': s.certificates.find((c) => c.isCa)!.certificateId,
        }),
        (l) => l['CaEnabled'] === true,
      ),
      CaCertificates: creates(
        (s) => ({
          ...httpsBase(s),
          CaEnabled: 'true',
          'CaCertificates.1.CertificateId': s.certificates.find((c) => c.isCa)!.certificateId,
        }),
        (l) => (l['CaCertificates'] as Item[]).length === 1,
      ),
      Certificates: creates(httpsBase, (l) => (l['Certificates'] as Item[]).length === 1),
      XForwardedForConfig: creates(
        () => ({ 'XForwardedForConfig.XForwardedForHostEnabled': 'true' }),
        (l) => (l['XForwardedForConfig'] as Item)['XForwardedForHostEnabled'] === true,
      ),
      QuicConfig: creates(
        (s) => {
          const lb = prodWeb(s);
          const quic = s.listeners.find(
            (l) =>
              l.loadBalancerId === lb.loadBalancerId &&
              l.listenerProtocol === 'QUIC' &&
              l.listenerStatus === 'Running' &&
              !s.listeners.some((o) => o.quicConfig.quicListenerId === l.listenerId),
          );
          return quic
            ? {
                ...httpsBase(s),
                'QuicConfig.QuicUpgradeEnabled': 'true',
                'QuicConfig.QuicListenerId': quic.listenerId,
              }
            : { ...httpsBase(s), 'QuicConfig.QuicUpgradeEnabled': 'false' };
        },
        (l) => typeof (l['QuicConfig'] as Item)['QuicUpgradeEnabled'] === 'boolean',
      ),
      DefaultActions: creates(
        () => ({}),
        (l) => ((l['DefaultActions'] as Item[])[0]!['Type'] as string) === 'ForwardGroup',
      ),
      Tag: creates(
        () => ({ 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }),
        (l) => hasTag('k', 'v')(l),
      ),
    },
    DeleteListener: {
      ListenerId: async () => {
        const listener = state.listeners.find((l) => l.listenerStatus === 'Stopped')!;
        const reply = await call('alb', 'DeleteListener', { ListenerId: listener.listenerId });
        expect(reply.ok).toBe(true);
        const after = await call('alb', 'GetListenerAttribute', { ListenerId: listener.listenerId });
        expect(after.ok && after.body['ListenerStatus']).toBe('Configuring');
      },
      ClientToken: async () => {
        const listener = state.listeners.filter((l) => l.listenerStatus === 'Stopped')[1]!;
        const query = { ListenerId: listener.listenerId, ClientToken: 'delete-token' };
        const first = await call('alb', 'DeleteListener', query);
        const second = await call('alb', 'DeleteListener', query);
        expect(first.ok && second.ok && first.body['JobId'] === second.body['JobId']).toBe(true);
      },
      DryRun: async () => {
        // One nothing depends on: a QUIC listener an HTTPS one upgrades to is refused (ResourceInUse.Listener).
        const listener = state.listeners.find(
          (l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP',
        )!;
        const reply = await call('alb', 'DeleteListener', {
          ListenerId: listener.listenerId,
          DryRun: 'true',
        });
        expect(reply.ok ? 'deleted' : reply.code).toBe('DryRunOperation');
        const after = await call('alb', 'GetListenerAttribute', { ListenerId: listener.listenerId });
        expect(after.ok && after.body['ListenerStatus']).toBe('Running');
      },
    },
    ...tagParameterBehaviour({ call: () => call, snapshot: () => emulator.snapshot() }),
    ...changeBehaviour(() => quick),
    ...ruleBehaviour(() => quick),
    ...serverGroupBehaviour(() => quick),
  },
  cas: {
    ListUserCertificateOrder: {
      OrderType: async () => {
        expect(
          (await items('cas', 'ListUserCertificateOrder', 'CertificateOrderList', { OrderType: 'CERT' }))
            .length,
        ).toBeGreaterThan(0);
        expect(
          await items('cas', 'ListUserCertificateOrder', 'CertificateOrderList', { OrderType: 'CPACK' }),
        ).toEqual([]);
      },
      Status: byCas({ Status: 'EXPIRED' }, (c) => c['Status'] === 'EXPIRED'),
      Keyword: byCas({ Keyword: 'pay.example' }, (c) => String(c['Sans']).includes('pay.example')),
      ResourceGroupId: byCas(
        { ResourceGroupId: OTHER_RESOURCE_GROUP },
        (c) => c['ResourceGroupId'] === OTHER_RESOURCE_GROUP,
      ),
      CurrentPage: async () => {
        const first = await items('cas', 'ListUserCertificateOrder', 'CertificateOrderList', {
          OrderType: 'CERT',
          ShowSize: '1',
          CurrentPage: '1',
        });
        const second = await items('cas', 'ListUserCertificateOrder', 'CertificateOrderList', {
          OrderType: 'CERT',
          ShowSize: '1',
          CurrentPage: '2',
        });
        expect(second).not.toEqual(first);
      },
      ShowSize: async () => {
        expect(
          await items('cas', 'ListUserCertificateOrder', 'CertificateOrderList', {
            OrderType: 'CERT',
            ShowSize: '1',
          }),
        ).toHaveLength(1);
      },
    },
  },
};

function byCas(query: Query, holds: (item: Item) => boolean): Check {
  return async () => {
    const found = await items('cas', 'ListUserCertificateOrder', 'CertificateOrderList', {
      OrderType: 'CERT',
      ...query,
    });
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((c) => !holds(c))).toEqual([]);
  };
}

const implemented = implementedActions();
const cases = (['alb', 'cas'] as const).flatMap((product) =>
  implemented[product].flatMap((action) =>
    apiOf(product, action).parameters.map((p) => [product, action, p.name] as [Product, string, string]),
  ),
);

describe('every request parameter is honoured', () => {
  test('the table names exactly the metadata parameters of every implemented action', () => {
    for (const product of ['alb', 'cas'] as const) {
      for (const action of implemented[product]) {
        const table = PARAMETER_BEHAVIOUR[product][action];
        expect(table, `PARAMETER_BEHAVIOUR.${product}.${action}`).toBeDefined();
        expect(Object.keys(table ?? {}).sort(), action).toEqual(
          apiOf(product, action)
            .parameters.map((p) => p.name)
            .sort(),
        );
      }
    }
  });

  test.each(cases)('%s %s %s', async (product, action, parameter) => {
    const check = PARAMETER_BEHAVIOUR[product][action]?.[parameter];
    if (!check) throw new Error(`no behaviour for ${action} ${parameter}`);
    await check({ product, action });
  });
});
