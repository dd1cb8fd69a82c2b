// Every refusal the local ALB answers, per implemented action, is a code (and HTTP status) the action
// lists in the metadata, or one the gateway answers for every action (GLOBAL_CODES, each with its reason).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import { implementedActions } from './implemented.js';
import { apiOf, type Product } from './metadata.js';
import { rawCaller, type RawCaller } from './raw-call.js';
import { badInputs, refusalProblem } from './refusals.js';
import { changeable, REPLY_CALLS, ZOO_EXTRA_LISTENER, type Query } from './replies.js';
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

/** Refusals that need a resource in a given state, beyond what the parameters' metadata derives. */
const STATEFUL_REFUSALS: Partial<Record<string, (s: EmulatorState) => Query[]>> = {
  DeleteListener: (s): Query[] => [
    { ListenerId: s.listeners.find((l) => l.listenerStatus === 'Provisioning')!.listenerId },
    {
      ListenerId: s.listeners.find(
        (l) =>
          l.listenerStatus === 'Running' &&
          s.loadBalancers.find((lb) => lb.loadBalancerId === l.loadBalancerId)?.loadBalancerStatus ===
            'Configuring',
      )!.listenerId,
    },
    { ListenerId: s.listeners.find((l) => l.listenerStatus === 'Running')!.listenerId, DryRun: 'true' },
  ],
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
    return [
      { ...base, ListenerPort: String(taken.listenerPort) },
      { ...base, DryRun: 'true' },
      { ...base, ListenerProtocol: 'HTTPS' },
      { ...base, ClientToken: 'conformance-token', ListenerPort: '18181' },
      { ...base, ClientToken: 'conformance-token', ListenerPort: '18182' },
    ];
  },
};

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
});
