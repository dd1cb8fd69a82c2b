// Every refusal the local ALB answers, per implemented action, is a code (and HTTP status) the action
// lists in the metadata, or one the gateway answers for every action (GLOBAL_CODES, each with its reason).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAULT_CODES, type RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import { implementedActions } from './implemented.js';
import { apiOf, type Product } from './metadata.js';
import { rawCaller, type RawCaller } from './raw-call.js';
import { badInputs, refusalProblem } from './refusals.js';
import {
  changeable,
  changeableRules,
  REPLY_CALLS,
  ruleListener,
  ruleQuery,
  ZOO_EXTRA_LISTENER,
  type Query,
} from './replies.js';
import { startZoo } from './zoo.js';

let emulator: RunningEmulator;
let call: RawCaller;
let state: EmulatorState;

beforeAll(async () => {
  emulator = await startZoo();
  call = rawCaller(emulator);
  state = emulator.snapshot();
});
afterAll(() => emulator.close());

/** Tag refusals: an unknown resource of every type the local ALB tags, and a type it keeps none of. */
const tagRefusals =
  (extra: Query) =>
  (s: EmulatorState): Query[] => [
    ...[
      ['loadbalancer', 'alb-doesnotexist00000000'],
      ['listener', 'lsn-doesnotexist000000000'],
      ['servergroup', 'sgp-doesnotexist0000000'],
      ['securitypolicy', 'spy-doesnotexist0000000'],
    ].map(([type, id]) => ({ ...extra, ResourceType: type!, 'ResourceId.1': id! })),
    { ...extra, ResourceType: 'acl', 'ResourceId.1': 'acl-123' },
    {
      ...extra,
      ResourceType: 'loadbalancer',
      'ResourceId.1': s.loadBalancers[0]!.loadBalancerId,
      'Tag.1.Key': 'acs:x',
    },
  ];

/** A listener of the demo by instance and listener name. */
const demoListener = (s: EmulatorState, instance: string, name: string) => {
  const lb = s.loadBalancers.find((l) => l.loadBalancerName === instance)!;
  return s.listeners.find((l) => l.loadBalancerId === lb.loadBalancerId && l.listenerDescription === name)!;
};
const groupNamed = (s: EmulatorState, name: string) =>
  s.serverGroups.find((g) => g.serverGroupName === name)!.serverGroupId;
const TUPLE = 'RuleActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId';

/** Rule refusals of the domain's checks, for CreateRule (`prefix` '') and CreateRules (`Rules.1.`). */
function ruleCreateRefusals(s: EmulatorState, prefix: string): Query[] {
  const listenerId = ruleListener(s).listenerId;
  // CreateRule and CreateRules run on one zoo: each takes its own priorities.
  const offset = prefix === '' ? 0 : 100;
  const rule = (priority: number, extra: Query = {}, on = listenerId): Query => ({
    ListenerId: on,
    ...ruleQuery(s, prefix, priority >= 7100 ? priority + offset : priority),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${prefix}${k}`, v])),
  });
  const zoo = (status: string) =>
    s.listeners.find((l) => l.listenerId === `lsn-zoohttp${status}`)!.listenerId;
  const basic = demoListener(s, 'staging-web', 'staging_http_80').listenerId;
  const http = demoListener(s, 'prod-web', 'web_http_80').listenerId;
  return [
    rule(changeableRules(s)[0]!.priority),
    rule(7100, { [TUPLE]: groupNamed(s, 'staging-web-http') }, basic),
    rule(7101, {
      'RuleActions.1.Type': 'Rewrite',
      'RuleActions.1.RewriteConfig.Path': '/x',
      'RuleActions.2.Type': 'FixedResponse',
      'RuleActions.2.Order': '2',
      'RuleActions.2.FixedResponseConfig.HttpCode': '200',
    }),
    rule(7102, { [TUPLE]: 'sgp-nosuchgroup00000000' }),
    rule(7103, { [TUPLE]: groupNamed(s, 'staging-web-http') }),
    rule(7104, { [TUPLE]: groupNamed(s, 'api-backend-https') }, http),
    rule(
      7105,
      {
        'RuleActions.1.Order': '9',
        'RuleActions.2.Type': 'RemoveHeader',
        'RuleActions.2.Order': '1',
        'RuleActions.2.RemoveHeaderConfig.Key': 'x-a',
        'RuleActions.3.Type': 'RemoveHeader',
        'RuleActions.3.Order': '2',
        'RuleActions.3.RemoveHeaderConfig.Key': 'x-b',
        'RuleActions.4.Type': 'RemoveHeader',
        'RuleActions.4.Order': '3',
        'RuleActions.4.RemoveHeaderConfig.Key': 'x-c',
        [TUPLE]: groupNamed(s, 'staging-web-http'),
      },
      basic,
    ),
    rule(
      7106,
      Object.fromEntries(
        Array.from({ length: 6 }, (_, i) => [`RuleConditions.${i + 1}.Type`, 'Path']).concat(
          Array.from({ length: 6 }, (_, i) => [`RuleConditions.${i + 1}.PathConfig.Values.1`, `/c${i}`]),
        ),
      ),
      basic,
    ),
    rule(7107, { 'RuleConditions.1.PathConfig.Values.1': '/******' }, basic),
    rule(7108, {}, zoo('provisioning')),
    rule(7109, {}, zoo('configuring')),
    { ...rule(7110), DryRun: 'true' },
    { ...rule(7111), ClientToken: 'rule-refusal-token' },
    { ...rule(7112), ClientToken: 'rule-refusal-token' },
  ];
}

/** Refusals that need a resource in a given state, beyond what the parameters' metadata derives. */
const STATEFUL_REFUSALS: Partial<Record<string, (s: EmulatorState) => Query[]>> = {
  CreateRule: (s) => ruleCreateRefusals(s, ''),
  CreateRules: (s) => ruleCreateRefusals(s, 'Rules.1.'),
  UpdateRuleAttribute: (s): Query[] => [
    { RuleId: 'rule-zooconfiguring', RuleName: 'busy' },
    { RuleId: changeableRules(s)[0]!.ruleId, Priority: String(changeableRules(s)[1]!.priority) },
    { RuleId: changeableRules(s)[0]!.ruleId, 'RuleActions.1.Type': 'Rewrite', 'RuleActions.1.Order': '1' },
  ],
  UpdateRulesAttribute: (s): Query[] => [
    { 'Rules.1.RuleId': 'rule-zooconfiguring', 'Rules.1.RuleName': 'busy' },
    {
      'Rules.1.RuleId': changeableRules(s)[0]!.ruleId,
      'Rules.1.RuleName': 'one',
      'Rules.2.RuleId': (s.rules ?? []).find((r) => r.listenerId !== ruleListener(s).listenerId)!.ruleId,
      'Rules.2.RuleName': 'other',
    },
  ],
  DeleteRule: () => [{ RuleId: 'rule-zooprovisioning' }, { RuleId: 'rule-nosuchrule0000000' }],
  DeleteRules: (s): Query[] => [
    { 'RuleIds.1': 'rule-zooconfiguring' },
    { 'RuleIds.1': 'rule-nosuchrule0000000' },
    {
      'RuleIds.1': changeableRules(s)[0]!.ruleId,
      'RuleIds.2': (s.rules ?? []).find((r) => r.loadBalancerId !== ruleListener(s).loadBalancerId)!.ruleId,
    },
  ],
  DeleteListener: (s): Query[] => [
    { ListenerId: s.listeners.find((l) => l.listenerStatus === 'Provisioning')!.listenerId },
    { ListenerId: s.listeners.find((l) => l.listenerStatus === 'Configuring')!.listenerId },
    // A QUIC listener an HTTPS listener upgrades to.
    {
      ListenerId: s.listeners.find((l) =>
        s.listeners.some(
          (o) => o.quicConfig.quicUpgradeEnabled && o.quicConfig.quicListenerId === l.listenerId,
        ),
      )!.listenerId,
    },
    {
      ListenerId: s.listeners.find(
        (l) =>
          l.listenerStatus === 'Running' &&
          s.loadBalancers.find((lb) => lb.loadBalancerId === l.loadBalancerId)?.loadBalancerStatus ===
            'Configuring',
      )!.listenerId,
    },
    {
      ListenerId: s.listeners.find((l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP')!
        .listenerId,
      DryRun: 'true',
    },
  ],
  ListTagResources: tagRefusals({}),
  TagResources: tagRefusals({ 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }),
  UnTagResources: tagRefusals({ 'TagKey.1': 'k' }),
  UpdateListenerAttribute: (s): Query[] => {
    const [listener, other] = [changeable(s, 'HTTPS')[2]!, changeable(s, 'HTTP')[2]!];
    const busy = s.listeners.find((l) => l.listenerStatus === 'Configuring')!;
    return [
      { ListenerId: busy.listenerId, IdleTimeout: '20' },
      {
        ListenerId: s.listeners.find((l) => l.listenerStatus === 'Provisioning')!.listenerId,
        IdleTimeout: '20',
      },
      { ListenerId: other.listenerId, Http2Enabled: 'false' },
      { ListenerId: other.listenerId, ListenerPort: '1' },
      { ListenerId: other.listenerId, 'DefaultActions.1.Type': 'Redirect' },
      { ListenerId: listener.listenerId, 'Certificates.1.CertificateId': '1-cn-hangzhou' },
      {
        ListenerId: listener.listenerId,
        'Certificates.1.CertificateId': 'a',
        'Certificates.2.CertificateId': 'b',
      },
      { ListenerId: listener.listenerId, 'QuicConfig.QuicUpgradeEnabled': 'true' },
      {
        ListenerId: listener.listenerId,
        'QuicConfig.QuicUpgradeEnabled': 'true',
        'QuicConfig.QuicListenerId': s.listeners.find((l) => l.quicConfig.quicListenerId)!.quicConfig
          .quicListenerId!,
      },
      { ListenerId: listener.listenerId, SecurityPolicyId: 'tls-nosuchpolicy' },
      { ListenerId: listener.listenerId, DryRun: 'true', IdleTimeout: '30' },
      { ListenerId: listener.listenerId, ClientToken: 'refusal-token', IdleTimeout: '31' },
      { ListenerId: listener.listenerId, ClientToken: 'refusal-token', IdleTimeout: '32' },
    ];
  },
  StartListener: (s) => [
    { ListenerId: changeable(s, 'HTTP')[3]!.listenerId },
    { ListenerId: s.listeners.find((l) => l.listenerStatus === 'Configuring')!.listenerId },
  ],
  StopListener: (s) => [
    { ListenerId: changeable(s, 'HTTPS', 'Stopped')[0]!.listenerId },
    { ListenerId: s.listeners.find((l) => l.listenerStatus === 'Provisioning')!.listenerId },
  ],
  AssociateAdditionalCertificatesWithListener: (s) => {
    const listener = s.listeners.find((l) => l.listenerId === ZOO_EXTRA_LISTENER)!;
    const ca = s.certificates.find((c) => c.isCa)!.certificateId;
    return [
      { ListenerId: changeable(s, 'HTTP')[4]!.listenerId, 'Certificates.1.CertificateId': ca },
      {
        ListenerId: listener.listenerId,
        'Certificates.1.CertificateId': listener.certificates![0]!.certificateId,
      },
      {
        ListenerId: listener.listenerId,
        'Certificates.1.CertificateId': listener.extraCertificates![0]!.certificateId,
      },
      { ListenerId: listener.listenerId, 'Certificates.1.CertificateId': ca },
      { ListenerId: listener.listenerId, 'Certificates.1.CertificateId': '1-cn-hangzhou' },
    ];
  },
  DissociateAdditionalCertificatesFromListener: (s) => {
    const listener = s.listeners.find((l) => l.listenerId === ZOO_EXTRA_LISTENER)!;
    return [
      { ListenerId: changeable(s, 'HTTP')[4]!.listenerId, 'Certificates.1.CertificateId': '1-cn-hangzhou' },
      {
        ListenerId: listener.listenerId,
        'Certificates.1.CertificateId': listener.certificates![0]!.certificateId,
      },
      {
        ListenerId: listener.listenerId,
        'Certificates.1.CertificateId': listener.extraCertificates![2]!.certificateId,
      },
    ];
  },
  ListListenerCertificates: (s) => [
    { ListenerId: s.listeners.find((l) => l.listenerProtocol === 'HTTP')!.listenerId },
  ],
  CreateListener: (s) => {
    const [base] = REPLY_CALLS.alb['CreateListener']!(s);
    const taken = s.listeners.find(
      (l) => l.loadBalancerId === base!['LoadBalancerId'] && l.listenerProtocol === 'HTTP',
    )!;
    const lb = s.loadBalancers.find((l) => l.loadBalancerId === base!['LoadBalancerId'])!;
    const grpc = s.serverGroups.find((g) => g.protocol === 'GRPC' && g.vpcId === lb.vpcId)!;
    const cert = s.certificates.find((c) => !c.isCa && Date.parse(c.endDate) > Date.now())!;
    return [
      { ...base, ListenerPort: String(taken.listenerPort) },
      {
        ...base,
        LoadBalancerId: s.loadBalancers.find((l) => l.loadBalancerBussinessStatus === 'Abnormal')!
          .loadBalancerId,
      },
      {
        ...base,
        ListenerProtocol: 'HTTPS',
        ListenerPort: '18183',
        'Certificates.1.CertificateId': cert.certificateId,
        Http2Enabled: 'false',
        'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': grpc.serverGroupId,
      },
      { ...base, ListenerPort: '18184', DryRun: 'true' },
      { ...base, ListenerProtocol: 'HTTPS' },
      { ...base, ClientToken: 'conformance-token', ListenerPort: '18181' },
      { ...base, ClientToken: 'conformance-token', ListenerPort: '18182' },
    ];
  },
};

/** The refusals of the local ALB's own rules that the driving above must reach, per action. */
const REACHED: Partial<Record<string, string[]>> = {
  CreateListener: [
    'ResourceAlreadyExist.Listener',
    'IncorrectBusinessStatus.LoadBalancer',
    'OperationDenied.GRPCServerGroup',
    'IdempotentParameterMismatch',
    'DryRunOperation',
  ],
  DeleteListener: [
    'IncorrectStatus.Listener',
    'ResourceInConfiguring.Listener',
    'IncorrectStatus.LoadBalancer',
    'ResourceInUse.Listener',
    'ResourceNotFound.Listener',
    'DryRunOperation',
  ],
  ListListenerCertificates: ['OperationDenied.HttpListenerNotSupport'],
  ...Object.fromEntries(
    ['CreateRule', 'CreateRules'].map((action) => [
      action,
      [
        'Conflict.Priority',
        'QuotaExceeded.RuleActionsNum',
        'QuotaExceeded.RuleMatchEvaluationsNum',
        'QuotaExceeded.RuleWildcardsNum',
        'OperationDenied.RewriteMissingForwardGroup',
        'ResourceNotFound.ServerGroup',
        'ResourceNotFound.Listener',
        'Mismatch.VpcId',
        'Mismatch.Protocol',
        'IncorrectStatus.Listener',
        'IdempotentParameterMismatch',
        'DryRunOperation',
      ],
    ]),
  ),
  UpdateRuleAttribute: ['IncorrectStatus.Rule', 'Conflict.Priority', 'ResourceNotFound.Rule'],
  UpdateRulesAttribute: ['IncorrectStatus.Rule', 'OperationDenied.ListenerIdInconsistent'],
  DeleteRule: ['IncorrectStatus.Rule', 'ResourceNotFound.Rule'],
  DeleteRules: ['IncorrectStatus.Rule', 'OperationDenied.CrossLoadBalancerRules', 'ResourceNotFound.Rule'],
  ...Object.fromEntries(
    ['ListTagResources', 'TagResources', 'UnTagResources'].map((action) => [
      action,
      [
        'ResourceNotFound.LoadBalancer',
        'ResourceNotFound.Listener',
        'ResourceNotFound.ServerGroup',
        'ResourceNotFound.SecurityPolicy',
        'InvalidParameter',
      ],
    ]),
  ),
};
const seenCodes = new Map<string, Set<string>>();

const implemented = implementedActions();
const cases = (['alb', 'cas'] as const).flatMap((product) =>
  implemented[product].map((action) => [product, action] as [Product, string]),
);

describe('every refusal is one the action lists', () => {
  test.each(cases)('%s %s', async (product, action) => {
    const api = apiOf(product, action);
    const base = REPLY_CALLS[product][action]?.(state)[0] ?? {};
    const inputs = [...badInputs(api.parameters, base), ...(STATEFUL_REFUSALS[action]?.(state) ?? [])];
    const problems: string[] = [];
    const seen = new Set<string>();
    seenCodes.set(action, seen);
    for (const query of inputs) {
      const reply = await call(product, action, query);
      if (reply.ok) continue;
      seen.add(reply.code);
      const problem = refusalProblem(api, reply.code, reply.status);
      if (problem) problems.push(`${problem} — for ${JSON.stringify(query).slice(0, 160)}`);
    }
    expect([...new Set(problems)]).toEqual([]);
    // The driving reached the action's checks: every action with parameters refuses something.
    if (api.parameters.length > 0) expect(seen.size).toBeGreaterThan(0);
  });

  test('the stateful refusals are reached', () => {
    for (const [action, codes] of Object.entries(REACHED)) {
      expect([...(seenCodes.get(action) ?? [])].sort(), action).toEqual(expect.arrayContaining(codes ?? []));
    }
  });

  test('every busy code the local ALB can answer is one an action lists or one answered for any action', () => {
    const alb = implemented.alb.map((action) => apiOf('alb', action));
    // The fault injector's codes (--fault-codes) strike the actions the user names: each must be a
    // refusal some action can answer, with its HTTP status.
    for (const [code, { httpStatus }] of Object.entries(FAULT_CODES)) {
      const answering = alb.filter((api) => refusalProblem(api, code, httpStatus) === undefined);
      expect(answering.length, `${code} (HTTP ${httpStatus})`).toBeGreaterThan(0);
    }
    // Answered by the local ALB's own rules, for every action where they arise: a ClientToken still at
    // work (core.ts) on the writes that take one; the HTTP server's timeouts (server.ts) on any action.
    const everywhere: [string, number, string[]][] = [
      ['IdempotenceProcessing', 400, ['CreateListener', 'DeleteListener']],
      ['RequestTimeout', 408, implemented.alb],
    ];
    for (const [code, status, actions] of everywhere) {
      const problems = actions.flatMap((action) => refusalProblem(apiOf('alb', action), code, status) ?? []);
      expect(problems, code).toEqual([]);
    }
  });
});
