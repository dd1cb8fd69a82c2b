// What the reply check drives, per implemented action: the calls that together return every resource of
// the zoo (every kind and state), and the fields ALB returns for that resource, which must be present
// with realistic values. Adding an action to the local ALB means adding a line to each table here.
import type { EmulatorState } from '../../source/emulator/state.js';
import type { Product } from './metadata.js';

export type Query = Record<string, string>;

const all: Query = { MaxResults: '100' };

/**
 * Listeners a change can be made to (on an Active instance, in `status`), last first: the listener
 * changes take them from the end of the list, the other actions' calls from the start.
 */
export function changeable(
  s: EmulatorState,
  protocol: 'HTTP' | 'HTTPS',
  status: 'Running' | 'Stopped' = 'Running',
): EmulatorState['listeners'] {
  const active = new Set(
    s.loadBalancers.filter((lb) => lb.loadBalancerStatus === 'Active').map((lb) => lb.loadBalancerId),
  );
  return s.listeners
    .filter(
      (l) =>
        l.listenerProtocol === protocol &&
        l.listenerStatus === status &&
        active.has(l.loadBalancerId) &&
        !l.listenerId.startsWith('lsn-zoo') &&
        (protocol === 'HTTP' || (l.certificates?.length ?? 0) > 0),
    )
    .reverse();
}

/** Server certificates valid for months that are not `listener`'s default. */
export function spareCertificates(
  s: EmulatorState,
  listener: { certificates?: { certificateId: string }[] },
): string[] {
  const soon = Date.now() + 60 * 86_400_000;
  return s.certificates
    .filter(
      (c) =>
        !c.isCa &&
        Date.parse(c.endDate) > soon &&
        c.certificateId !== listener.certificates?.[0]?.certificateId,
    )
    .map((c) => c.certificateId);
}

/** The demo listener whose Available rules the rule changes take (one rule per action, none shared). */
export function ruleListener(s: EmulatorState): EmulatorState['listeners'][number] {
  const lb = s.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!;
  return s.listeners.find(
    (l) => l.loadBalancerId === lb.loadBalancerId && l.listenerDescription === 'web_https_443',
  )!;
}

/** The Available rules of `ruleListener`, by priority. */
export function changeableRules(s: EmulatorState): NonNullable<EmulatorState['rules']> {
  const listener = ruleListener(s);
  return (s.rules ?? [])
    .filter((r) => r.listenerId === listener.listenerId && r.ruleStatus === 'Available')
    .sort((a, b) => a.priority - b.priority);
}

/** The wire parameters of a path rule forwarding to the listener's default group (`prefix`: `Rules.N.` or ''). */
export function ruleQuery(s: EmulatorState, prefix: string, priority: number): Query {
  const group = ruleListener(s).defaultActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId;
  return {
    [`${prefix}RuleName`]: `conformance-${priority}`,
    [`${prefix}Priority`]: String(priority),
    [`${prefix}RuleConditions.1.Type`]: 'Path',
    [`${prefix}RuleConditions.1.PathConfig.Values.1`]: `/conformance-${priority}/*`,
    [`${prefix}RuleActions.1.Type`]: 'ForwardGroup',
    [`${prefix}RuleActions.1.Order`]: '1',
    [`${prefix}RuleActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId`]: group,
  };
}

/** The zoo's HTTPS listener holding an extra certificate in each association state. */
export const ZOO_EXTRA_LISTENER = 'lsn-zoohttpsrunning';

export const REPLY_CALLS: Record<Product, Record<string, (state: EmulatorState) => Query[]>> = {
  alb: {
    ListLoadBalancers: () => [all],
    GetLoadBalancerAttribute: (s) => s.loadBalancers.map((lb) => ({ LoadBalancerId: lb.loadBalancerId })),
    ListListeners: () => [all, { ...all, NextToken: '' }],
    GetListenerAttribute: (s) => s.listeners.map((l) => ({ ListenerId: l.listenerId })),
    ListListenerCertificates: (s) =>
      s.listeners.filter((l) => l.listenerProtocol !== 'HTTP').map((l) => ({ ListenerId: l.listenerId })),
    ListServerGroups: () => [all],
    ListServerGroupServers: (s) => [all, ...s.serverGroups.map((g) => ({ ServerGroupId: g.serverGroupId }))],
    ListSecurityPolicies: () => [all],
    ListSystemSecurityPolicies: () => [{}],
    ListAsynJobs: () => [all],
    DescribeRegions: (): Query[] => [{}, { AcceptLanguage: 'en-US' }],
    CreateListener: (s) => {
      const lb = s.loadBalancers[0]!;
      const group = s.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
      return [
        {
          LoadBalancerId: lb.loadBalancerId,
          ListenerProtocol: 'HTTP',
          ListenerPort: '18080',
          'DefaultActions.1.Type': 'ForwardGroup',
          'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': group.serverGroupId,
        },
      ];
    },
    DeleteListener: (s) => [
      {
        ListenerId: s.listeners.find((l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP')!
          .listenerId,
      },
    ],
    // Every taggable resource by ID (at most 50 a call), and by a tag alone, in one page and paged.
    ListTagResources: (s): Query[] => [
      ...taggable(s).flatMap(({ type, ids }) =>
        chunks(ids, 50).map((chunk) => ({
          ...all,
          ResourceType: type,
          ...Object.fromEntries(chunk.map((id, i) => [`ResourceId.${i + 1}`, id])),
        })),
      ),
      { ...all, ResourceType: 'loadbalancer', 'Tag.1.Key': 'env' },
      { ResourceType: 'loadbalancer', 'Tag.1.Key': 'env', MaxResults: '1' },
    ],
    TagResources: (s) =>
      taggable(s).map(({ type, ids }) => ({
        ResourceType: type,
        'ResourceId.1': ids[0]!,
        'Tag.1.Key': 'conformance',
        'Tag.1.Value': 'replies',
      })),
    UnTagResources: (s) =>
      taggable(s).map(({ type, ids }) => ({
        ResourceType: type,
        'ResourceId.1': ids[0]!,
        'TagKey.1': 'conformance',
      })),
    UpdateListenerAttribute: (s) => [{ ListenerId: changeable(s, 'HTTP')[0]!.listenerId, IdleTimeout: '20' }],
    StopListener: (s) => [{ ListenerId: changeable(s, 'HTTP')[1]!.listenerId }],
    StartListener: (s) => [{ ListenerId: changeable(s, 'HTTPS', 'Stopped')[0]!.listenerId }],
    AssociateAdditionalCertificatesWithListener: (s) => {
      const listener = changeable(s, 'HTTPS')[0]!;
      return [
        {
          ListenerId: listener.listenerId,
          'Certificates.1.CertificateId': spareCertificates(s, listener)[0]!,
        },
      ];
    },
    DissociateAdditionalCertificatesFromListener: (s) => {
      const listener = s.listeners.find((l) => l.listenerId === ZOO_EXTRA_LISTENER)!;
      const associated = listener.extraCertificates!.find((c) => c.status === 'Associated')!;
      return [{ ListenerId: listener.listenerId, 'Certificates.1.CertificateId': associated.certificateId }];
    },
    ListRules: () => [all, { ...all, Direction: 'Response' }, { MaxResults: '1' }],
    CreateRule: (s) => [{ ListenerId: ruleListener(s).listenerId, ...ruleQuery(s, '', 7001) }],
    CreateRules: (s) => [
      {
        ListenerId: ruleListener(s).listenerId,
        ...ruleQuery(s, 'Rules.1.', 7002),
        ...ruleQuery(s, 'Rules.2.', 7003),
      },
    ],
    UpdateRuleAttribute: (s) => [
      { RuleId: changeableRules(s)[0]!.ruleId, RuleName: 'renamed-by-conformance' },
    ],
    UpdateRulesAttribute: (s) => [
      { 'Rules.1.RuleId': changeableRules(s)[1]!.ruleId, 'Rules.1.Priority': '7004' },
    ],
    DeleteRule: (s) => [{ RuleId: changeableRules(s)[2]!.ruleId }],
    DeleteRules: (s) => [{ 'RuleIds.1': changeableRules(s)[3]!.ruleId }],
    // Each change on a group of its own: a changed group stays Configuring (the zoo's changes never settle).
    AddServersToServerGroup: (s) => [
      {
        ServerGroupId: serverGroupsWithServers(s, 'Ip')[0]!.serverGroupId,
        'Servers.1.ServerId': '127.0.0.1',
        'Servers.1.ServerType': 'Ip',
        'Servers.1.Port': '18080',
        'Servers.1.Weight': '50',
        'Servers.1.Description': 'local-backend',
      },
    ],
    RemoveServersFromServerGroup: (s) => [serverCall(s, 0, {})],
    UpdateServerGroupServersAttribute: (s) => [serverCall(s, 1, { 'Servers.1.Weight': '0' })],
    GetListenerHealthStatus: (s) => [
      ...s.listeners
        .filter((l) => l.defaultActions.length > 0)
        .slice(0, 12)
        .map((l) => ({ ListenerId: l.listenerId, IncludeRule: 'true' })),
      { ListenerId: s.listeners.find((l) => l.defaultActions.length > 0)!.listenerId, MaxResults: '1' },
    ],
  },
  cas: {
    ListUserCertificateOrder: () =>
      ['CERT', 'UPLOAD', 'CPACK', 'BUY'].flatMap((OrderType) =>
        ['', 'ISSUED', 'WILLEXPIRED', 'EXPIRED'].map((Status) => ({ OrderType, Status, ShowSize: '100' })),
      ),
  },
};

/** Available server groups of `type` that hold servers, in the order of the state. */
export function serverGroupsWithServers(
  s: EmulatorState,
  type: 'Ip' | 'Instance',
): EmulatorState['serverGroups'] {
  return s.serverGroups.filter(
    (g) =>
      g.serverGroupType === type &&
      g.serverGroupStatus === 'Available' &&
      s.servers.some((server) => server.serverGroupId === g.serverGroupId),
  );
}

/** A call naming the first server of the `nth` Instance group with servers. */
export function serverCall(s: EmulatorState, nth: number, extra: Query): Query {
  const group = serverGroupsWithServers(s, 'Instance')[nth]!;
  const server = s.servers.find((x) => x.serverGroupId === group.serverGroupId)!;
  return {
    ServerGroupId: group.serverGroupId,
    'Servers.1.ServerId': server.serverId,
    'Servers.1.ServerType': server.serverType,
    'Servers.1.Port': String(server.port),
    ...extra,
  };
}

/** The resources the tag actions take, by ResourceType. */
function taggable(s: EmulatorState): { type: string; ids: string[] }[] {
  return [
    { type: 'loadbalancer', ids: s.loadBalancers.map((r) => r.loadBalancerId) },
    { type: 'listener', ids: s.listeners.map((r) => r.listenerId) },
    { type: 'servergroup', ids: s.serverGroups.map((r) => r.serverGroupId) },
    { type: 'securitypolicy', ids: s.customPolicies.map((r) => r.securityPolicyId) },
  ];
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/**
 * A field ALB returns: `path` inside the reply (`Items[].Field`), present in `every` object that could
 * hold it or in `some` at least (fields only some resources have), each value passing `realistic`.
 */
export interface ExpectedField {
  path: string;
  in: 'every' | 'some';
  realistic?: (value: unknown) => boolean;
}

const every = (path: string, realistic?: (value: unknown) => boolean): ExpectedField => ({
  path,
  in: 'every',
  ...(realistic ? { realistic } : {}),
});
const some = (path: string, realistic?: (value: unknown) => boolean): ExpectedField => ({
  path,
  in: 'some',
  ...(realistic ? { realistic } : {}),
});
const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const matching =
  (pattern: RegExp) =>
  (value: unknown): boolean =>
    typeof value === 'string' && pattern.test(value);
const apiTime = matching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

const instanceFields = (prefix: string): ExpectedField[] => [
  every(`${prefix}LoadBalancerId`, matching(/^alb-[a-z0-9]+$/)),
  every(`${prefix}LoadBalancerName`, nonEmpty),
  every(`${prefix}LoadBalancerStatus`),
  every(`${prefix}LoadBalancerBussinessStatus`),
  every(`${prefix}LoadBalancerEdition`),
  every(`${prefix}AddressType`),
  every(`${prefix}AddressAllocatedMode`),
  every(`${prefix}AddressIpVersion`),
  every(`${prefix}DNSName`, matching(/^alb-[a-z0-9]+\.[a-z0-9-]+\.alb\.aliyuncs\.com$/)),
  every(`${prefix}VpcId`, matching(/^vpc-/)),
  every(`${prefix}CreateTime`, apiTime),
  every(`${prefix}ResourceGroupId`, matching(/^rg-/)),
  every(`${prefix}LoadBalancerBillingConfig.PayType`, nonEmpty),
  every(`${prefix}DeletionProtectionConfig.Enabled`),
  every(`${prefix}ModificationProtectionConfig.Status`),
  some(`${prefix}ModificationProtectionConfig.Reason`, nonEmpty),
  every(`${prefix}AccessLogConfig`),
  some(`${prefix}AccessLogConfig.LogProject`, nonEmpty),
  some(`${prefix}AccessLogConfig.LogStore`, nonEmpty),
  some(`${prefix}BandwidthPackageId`, matching(/^cbwp-/)),
  some(`${prefix}Ipv6AddressType`),
  every(`${prefix}LoadBalancerOperationLocks`),
  some(`${prefix}LoadBalancerOperationLocks[].LockType`),
  some(`${prefix}LoadBalancerOperationLocks[].LockReason`, nonEmpty),
  every(`${prefix}Tags`),
];

const listenerFields = (prefix: string): ExpectedField[] => [
  every(`${prefix}ListenerId`, matching(/^lsn-/)),
  every(`${prefix}LoadBalancerId`, matching(/^alb-/)),
  every(`${prefix}ListenerProtocol`),
  every(`${prefix}ListenerPort`),
  every(`${prefix}ListenerStatus`),
  every(`${prefix}ListenerDescription`, nonEmpty),
  every(`${prefix}DefaultActions[].Type`),
  every(`${prefix}DefaultActions[].ForwardGroupConfig.ServerGroupTuples[].ServerGroupId`, matching(/^sgp-/)),
  every(`${prefix}GzipEnabled`),
  every(`${prefix}Http2Enabled`),
  every(`${prefix}IdleTimeout`),
  every(`${prefix}RequestTimeout`),
  some(`${prefix}SecurityPolicyId`, nonEmpty),
  every(`${prefix}QuicConfig.QuicUpgradeEnabled`),
  ...[
    'XForwardedForEnabled',
    'XForwardedForProcessingMode',
    'XForwardedForSLBIdEnabled',
    'XForwardedForProtoEnabled',
    'XForwardedForSLBPortEnabled',
    'XForwardedForHostEnabled',
    'XForwardedForClientSrcPortEnabled',
    'XForwardedForClientSourceIpsEnabled',
    'XForwardedForClientCertSubjectDNEnabled',
    'XForwardedForClientCertIssuerDNEnabled',
    'XForwardedForClientCertFingerprintEnabled',
    'XForwardedForClientCertClientVerifyEnabled',
  ].map((field) => every(`${prefix}XForwardedForConfig.${field}`)),
  every(`${prefix}LogConfig.AccessLogRecordCustomizedHeadersEnabled`),
  every(`${prefix}LogConfig.AccessLogTracingConfig.TracingEnabled`),
  every(`${prefix}Tags`),
];

const serverGroupFields: ExpectedField[] = [
  ...[
    'ServerGroupId',
    'ServerGroupName',
    'ServerGroupType',
    'ServerGroupStatus',
    'Protocol',
    'Scheduler',
    'VpcId',
    'ServerCount',
    'RelatedLoadBalancerIds',
    'ResourceGroupId',
    'IpVersionAffinityMode',
    'CrossZoneEnabled',
    'Ipv6Enabled',
    'UpstreamKeepaliveEnabled',
    'ConfigManagedEnabled',
    'Tags',
    'HealthCheckConfig.HealthCheckEnabled',
    'HealthCheckConfig.HealthCheckProtocol',
    'HealthCheckConfig.HealthCheckMethod',
    'HealthCheckConfig.HealthCheckPath',
    'HealthCheckConfig.HealthCheckHost',
    'HealthCheckConfig.HealthCheckCodes',
    'HealthCheckConfig.HealthCheckConnectPort',
    'HealthCheckConfig.HealthCheckInterval',
    'HealthCheckConfig.HealthCheckTimeout',
    'HealthCheckConfig.HealthyThreshold',
    'HealthCheckConfig.UnhealthyThreshold',
    'StickySessionConfig.StickySessionEnabled',
    'StickySessionConfig.StickySessionType',
    'StickySessionConfig.CookieTimeout',
    'ConnectionDrainConfig.ConnectionDrainEnabled',
    'SlowStartConfig.SlowStartEnabled',
  ].map((field) => every(`ServerGroups[].${field}`)),
  every('ServerGroups[].CreateTime', apiTime),
  some('ServerGroups[].StickySessionConfig.Cookie', nonEmpty),
  some('ServerGroups[].Tags[].Key', nonEmpty),
  some('ServerGroups[].HealthCheckConfig.HealthCheckHttpVersion'),
];

export const EXPECTED_FIELDS: Record<Product, Record<string, ExpectedField[]>> = {
  alb: {
    ListLoadBalancers: [
      ...instanceFields('LoadBalancers[].'),
      every('TotalCount'),
      every('MaxResults'),
      every('RequestId'),
    ],
    GetLoadBalancerAttribute: [
      ...instanceFields(''),
      every('RegionId'),
      every('ZoneMappings[].ZoneId'),
      every('ZoneMappings[].VSwitchId', matching(/^vsw-/)),
      every('ZoneMappings[].Status'),
      every('ZoneMappings[].LoadBalancerAddresses[].IntranetAddress'),
      every('ZoneMappings[].LoadBalancerAddresses[].IntranetAddressHcStatus'),
      some('ZoneMappings[].LoadBalancerAddresses[].Address'),
      some('ZoneMappings[].LoadBalancerAddresses[].AllocationId', matching(/^eip-/)),
      some('ZoneMappings[].LoadBalancerAddresses[].EipType', matching(/^(Common|Anycast)$/)),
      some('ZoneMappings[].LoadBalancerAddresses[].Ipv6Address'),
    ],
    ListListeners: [...listenerFields('Listeners[].'), every('TotalCount'), every('MaxResults')],
    GetListenerAttribute: [
      ...listenerFields(''),
      every('Certificates'),
      every('CaEnabled'),
      every('CaCertificates'),
      every('AclConfig.AclRelations'),
      some('AclConfig.AclType', matching(/^(White|Black)$/)),
      some('AclConfig.AclRelations[].AclId', matching(/^acl-/)),
      some('AclConfig.AclRelations[].Status'),
    ],
    ListListenerCertificates: [
      every('Certificates[].CertificateId'),
      every('Certificates[].CertificateType', matching(/^(Server|Ca)$/)),
      every('Certificates[].IsDefault'),
      every('Certificates[].Status', matching(/^(Associating|Associated|Diassociating)$/)),
    ],
    ListServerGroups: serverGroupFields,
    ListServerGroupServers: [
      ...['ServerGroupId', 'ServerId', 'ServerType', 'Port', 'Weight', 'Status', 'RemoteIpEnabled'].map((f) =>
        every(`Servers[].${f}`),
      ),
      some('Servers[].ServerIp'),
      some('Servers[].Description', nonEmpty),
    ],
    ListSecurityPolicies: [
      ...[
        'SecurityPolicyId',
        'SecurityPolicyName',
        'SecurityPolicyStatus',
        'TLSVersions',
        'Ciphers',
        'ResourceGroupId',
        'Tags',
      ].map((f) => every(`SecurityPolicies[].${f}`)),
      every('SecurityPolicies[].CreateTime', apiTime),
      some('SecurityPolicies[].Tags[].Key', nonEmpty),
    ],
    ListSystemSecurityPolicies: [
      every('SecurityPolicies[].SecurityPolicyId', matching(/^tls_cipher_policy_/)),
      every('SecurityPolicies[].TLSVersions'),
      every('SecurityPolicies[].Ciphers'),
    ],
    DescribeRegions: [
      every('Regions[].RegionId', matching(/^[a-z]{2,}(-[a-z0-9]+)+$/)),
      every('Regions[].LocalName', nonEmpty),
      // The local ALB's own endpoint of each region (ALB lists alb.<region>.aliyuncs.com): host and port.
      every('Regions[].RegionEndpoint', matching(/^http:\/\/127\.0\.0\.1:\d+$/)),
    ],
    ListAsynJobs: [
      ...[
        'Id',
        'ApiName',
        'OperateType',
        'ResourceId',
        'ResourceType',
        'Status',
        'CreateTime',
        'ModifyTime',
      ].map((f) => every(`Jobs[].${f}`)),
      some('Jobs[].ErrorCode', nonEmpty),
      some('Jobs[].ErrorMessage', nonEmpty),
    ],
    CreateListener: [every('ListenerId', matching(/^lsn-/)), every('JobId', nonEmpty), every('RequestId')],
    DeleteListener: [every('JobId', nonEmpty), every('RequestId')],
    ListTagResources: [
      every('TagResources[].ResourceId', matching(/^(alb|lsn|sgp|spy)-[a-z0-9]+$/)),
      every('TagResources[].ResourceType', matching(/^(loadbalancer|listener|servergroup|securitypolicy)$/)),
      every('TagResources[].TagKey', nonEmpty),
      every('TagResources[].TagValue'),
      every('MaxResults'),
      some('NextToken', nonEmpty),
      every('RequestId'),
    ],
    TagResources: [every('RequestId', nonEmpty)],
    UnTagResources: [every('RequestId', nonEmpty)],
    UpdateListenerAttribute: [every('JobId', nonEmpty), every('RequestId')],
    StartListener: [every('JobId', nonEmpty), every('RequestId')],
    StopListener: [every('JobId', nonEmpty), every('RequestId')],
    AssociateAdditionalCertificatesWithListener: [every('JobId', nonEmpty), every('RequestId')],
    DissociateAdditionalCertificatesFromListener: [every('JobId', nonEmpty), every('RequestId')],
    ListRules: [
      every('Rules[].RuleId', matching(/^rule-[a-z0-9]+$/)),
      every('Rules[].RuleName', nonEmpty),
      every('Rules[].ListenerId', matching(/^lsn-/)),
      every('Rules[].LoadBalancerId', matching(/^alb-/)),
      every('Rules[].Priority', (v) => typeof v === 'number' && v >= 1 && v <= 10000),
      every('Rules[].Direction', matching(/^(Request|Response)$/)),
      every('Rules[].RuleStatus', matching(/^(Provisioning|Configuring|Available)$/)),
      every('Rules[].RuleConditions[].Type', nonEmpty),
      every('Rules[].RuleActions[].Type', nonEmpty),
      every('Rules[].RuleActions[].Order'),
      every('Rules[].Tags'),
      some('Rules[].Tags[].Key', nonEmpty),
      ...[
        'HostConfig.Values',
        'PathConfig.Values',
        'HeaderConfig.Key',
        'QueryStringConfig.Values[].Key',
        'MethodConfig.Values',
        'CookieConfig.Values[].Value',
        'SourceIpConfig.Values',
        'ResponseStatusCodeConfig.Values',
      ].map((f) => some(`Rules[].RuleConditions[].${f}`)),
      ...[
        'ForwardGroupConfig.ServerGroupTuples[].ServerGroupId',
        'ForwardGroupConfig.ServerGroupTuples[].Weight',
        'ForwardGroupConfig.ServerGroupStickySession.Timeout',
        'RedirectConfig.HttpCode',
        'RedirectConfig.Protocol',
        'FixedResponseConfig.HttpCode',
        'FixedResponseConfig.Content',
        'InsertHeaderConfig.Key',
        'InsertHeaderConfig.ValueType',
        'TrafficLimitConfig.QPS',
        'TrafficLimitConfig.PerIpQps',
      ].map((f) => some(`Rules[].RuleActions[].${f}`)),
      every('TotalCount'),
      every('MaxResults'),
      some('NextToken', nonEmpty),
      every('RequestId'),
    ],
    CreateRule: [every('RuleId', matching(/^rule-/)), every('JobId', nonEmpty), every('RequestId')],
    CreateRules: [
      every('RuleIds[].RuleId', matching(/^rule-/)),
      every('RuleIds[].Priority'),
      every('JobId', nonEmpty),
      every('RequestId'),
    ],
    UpdateRuleAttribute: [every('JobId', nonEmpty), every('RequestId')],
    UpdateRulesAttribute: [every('JobId', nonEmpty), every('RequestId')],
    DeleteRule: [every('JobId', nonEmpty), every('RequestId')],
    DeleteRules: [every('JobId', nonEmpty), every('RequestId')],
    AddServersToServerGroup: [every('JobId', nonEmpty), every('RequestId')],
    RemoveServersFromServerGroup: [every('JobId', nonEmpty), every('RequestId')],
    UpdateServerGroupServersAttribute: [every('JobId', nonEmpty), every('RequestId')],
    GetListenerHealthStatus: [
      every('ListenerHealthStatus[].ListenerId', matching(/^lsn-/)),
      every('ListenerHealthStatus[].ListenerPort'),
      every('ListenerHealthStatus[].ListenerProtocol', matching(/^(http|https|quic)$/)),
      every('ListenerHealthStatus[].ServerGroupInfos[].ServerGroupId', matching(/^sgp-/)),
      every('ListenerHealthStatus[].ServerGroupInfos[].HealthCheckEnabled', matching(/^(on|off)$/)),
      every('ListenerHealthStatus[].ServerGroupInfos[].ActionType', nonEmpty),
      every('ListenerHealthStatus[].ServerGroupInfos[].NonNormalServers'),
      every('ListenerHealthStatus[].ServerGroupInfos[].NonNormalServers[].ServerId', nonEmpty),
      every('ListenerHealthStatus[].ServerGroupInfos[].NonNormalServers[].Port'),
      every(
        'ListenerHealthStatus[].ServerGroupInfos[].NonNormalServers[].Status',
        matching(/^(Initial|Unhealthy|Unused|Unavailable)$/),
      ),
      some('ListenerHealthStatus[].ServerGroupInfos[].NonNormalServers[].ServerIp', nonEmpty),
      some('RuleHealthStatus'),
      some('NextToken', nonEmpty),
      every('RequestId'),
    ],
  },
  cas: {
    ListUserCertificateOrder: [
      every('TotalCount'),
      every('CurrentPage'),
      every('ShowSize'),
      ...[
        'CertificateId',
        'Name',
        'CommonName',
        'Sans',
        'Issuer',
        'StartDate',
        'EndDate',
        'Expired',
        'Status',
        'Fingerprint',
        'Upload',
        'InstanceId',
        'ResourceGroupId',
      ].map((f) => every(`CertificateOrderList[].${f}`)),
    ],
  },
};

/** At `path` in `body`: how many objects could hold the last field, and the values found there. */
export function valuesAt(body: unknown, path: string): { holders: number; values: unknown[] } {
  const segments = path.split('.');
  let current: unknown[] = [body];
  for (const segment of segments.slice(0, -1)) current = current.flatMap((node) => step(node, segment));
  const last = segments[segments.length - 1]!;
  const holders = current.filter((node) => typeof node === 'object' && node !== null && !Array.isArray(node));
  return { holders: holders.length, values: holders.flatMap((node) => step(node, last)) };
}

function step(node: unknown, segment: string): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const many = segment.endsWith('[]');
  const key = many ? segment.slice(0, -2) : segment;
  if (!Object.hasOwn(node, key)) return [];
  const value = (node as Record<string, unknown>)[key];
  if (!many) return [value];
  return Array.isArray(value) ? value : [];
}
