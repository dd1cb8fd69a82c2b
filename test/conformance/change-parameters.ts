// The parameter behaviours of the listener changes (UpdateListenerAttribute, Start/StopListener, the extra
// certificate actions), for parameters.test.ts. They run on a zoo local ALB whose changes complete by
// the next call (delay 0), so each parameter's effect shows in the listener, as ALB's does once done.
import { expect } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import type { RawCaller } from './raw-call.js';
import { changeable, spareCertificates, type Query } from './replies.js';

type Item = Record<string, unknown>;
type Check = () => Promise<void>;

export function changeBehaviour(
  quick: () => { call: RawCaller; emulator: RunningEmulator },
): Record<string, Record<string, Check>> {
  const live = (): EmulatorState => quick().emulator.snapshot();
  let turn = 0;
  /** A listener to change, in turn (each change is done before the next call, so any may be reused). */
  const pick = (protocol: 'HTTP' | 'HTTPS') => {
    const list = changeable(live(), protocol);
    return list[turn++ % list.length]!;
  };
  const ok = async (action: string, query: Query): Promise<Item> => {
    const reply = await quick().call('alb', action, query);
    if (!reply.ok)
      throw new Error(`${action} ${JSON.stringify(query)}: ${reply.code} ${String(reply.body['Message'])}`);
    return reply.body;
  };
  const attribute = (listenerId: string) => ok('GetListenerAttribute', { ListenerId: listenerId });
  const certificates = async (listenerId: string) =>
    ((await ok('ListListenerCertificates', { ListenerId: listenerId }))['Certificates'] as Item[]).filter(
      (c) => c['IsDefault'] === false,
    );

  /** Updates a listener with `extra`; once done, GetListenerAttribute shows what `holds` expects. */
  const updates =
    (
      protocol: 'HTTP' | 'HTTPS',
      extra: (listener: EmulatorState['listeners'][number]) => Query,
      holds: (l: Item) => boolean,
    ): Check =>
    async () => {
      const listener = pick(protocol);
      await ok('UpdateListenerAttribute', { ListenerId: listener.listenerId, ...extra(listener) });
      const after = await attribute(listener.listenerId);
      expect(after['ListenerStatus']).toBe('Running');
      expect(holds(after)).toBe(true);
    };

  /** The same call twice with one ClientToken: one job, the same JobId. */
  const replays =
    (action: string, query: () => Query): Check =>
    async () => {
      const q: Query = { ...query(), ClientToken: `conformance-${action}` };
      const first = await ok(action, q);
      const second = await ok(action, q);
      expect(second['JobId']).toBe(first['JobId']);
      const jobs = await ok('ListAsynJobs', { ApiName: action, 'ResourceIds.1': q['ListenerId']! });
      expect((jobs['Jobs'] as Item[]).length).toBe(1);
    };

  /** DryRun: DryRunOperation, and the listener is left as it was (status, certificates). */
  const dryRun =
    (action: string, query: () => Query): Check =>
    async () => {
      const q = query();
      const before = await attribute(q['ListenerId']!);
      const reply = await quick().call('alb', action, { ...q, DryRun: 'true' });
      expect(reply.ok ? 'changed' : reply.code).toBe('DryRunOperation');
      expect(await attribute(q['ListenerId']!)).toEqual({ ...before, RequestId: expect.any(String) });
    };

  /** Server certificates `listener` holds neither as default nor as extra, as it is now. */
  const unused = (listenerId: string): string[] => {
    const now = live().listeners.find((l) => l.listenerId === listenerId)!;
    const extra = new Set((now.extraCertificates ?? []).map((c) => c.certificateId));
    return spareCertificates(live(), now).filter((id) => !extra.has(id));
  };

  const stopped = async (): Promise<string> => {
    const listener = pick('HTTPS');
    await ok('StopListener', { ListenerId: listener.listenerId });
    expect((await attribute(listener.listenerId))['ListenerStatus']).toBe('Stopped');
    return listener.listenerId;
  };

  const associated = async (): Promise<{ listenerId: string; certificateId: string }> => {
    const listener = pick('HTTPS');
    const certificateId = unused(listener.listenerId)[0]!;
    await ok('AssociateAdditionalCertificatesWithListener', {
      ListenerId: listener.listenerId,
      'Certificates.1.CertificateId': certificateId,
    });
    return { listenerId: listener.listenerId, certificateId };
  };

  const groupFor = (listener: EmulatorState['listeners'][number]) => {
    const s = live();
    const vpc = s.loadBalancers.find((lb) => lb.loadBalancerId === listener.loadBalancerId)!.vpcId;
    const current = listener.defaultActions[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId;
    return s.serverGroups.find(
      (g) => g.vpcId === vpc && g.protocol === 'HTTP' && g.serverGroupId !== current,
    )!;
  };

  return {
    UpdateListenerAttribute: {
      ListenerId: async () => {
        const [listener, other] = [pick('HTTP'), pick('HTTP')];
        await ok('UpdateListenerAttribute', { ListenerId: listener.listenerId, IdleTimeout: '7' });
        expect((await attribute(listener.listenerId))['IdleTimeout']).toBe(7);
        expect((await attribute(other.listenerId))['IdleTimeout']).toBe(other.idleTimeout);
      },
      ClientToken: replays('UpdateListenerAttribute', () => ({
        ListenerId: pick('HTTP').listenerId,
        IdleTimeout: '8',
      })),
      DryRun: dryRun('UpdateListenerAttribute', () => ({
        ListenerId: pick('HTTP').listenerId,
        IdleTimeout: '9',
      })),
      ListenerDescription: updates(
        'HTTP',
        () => ({ ListenerDescription: 'changed_name' }),
        (l) => l['ListenerDescription'] === 'changed_name',
      ),
      RequestTimeout: updates(
        'HTTP',
        () => ({ RequestTimeout: '180' }),
        (l) => l['RequestTimeout'] === 180,
      ),
      IdleTimeout: updates(
        'HTTP',
        () => ({ IdleTimeout: '60' }),
        (l) => l['IdleTimeout'] === 60,
      ),
      GzipEnabled: updates(
        'HTTP',
        (l) => ({ GzipEnabled: String(!l.gzipEnabled) }),
        (l) => typeof l['GzipEnabled'] === 'boolean',
      ),
      Http2Enabled: updates(
        'HTTPS',
        () => ({ Http2Enabled: 'false' }),
        (l) => l['Http2Enabled'] === false,
      ),
      SecurityPolicyId: updates(
        'HTTPS',
        () => ({ SecurityPolicyId: 'tls_cipher_policy_1_2_strict' }),
        (l) => l['SecurityPolicyId'] === 'tls_cipher_policy_1_2_strict',
      ),
      CaEnabled: updates(
        'HTTPS',
        () => ({
          CaEnabled: 'true',
          'CaCertificates.1.CertificateId': live().certificates.find((c) => c.isCa)!.certificateId,
        }),
        (l) => l['CaEnabled'] === true,
      ),
      CaCertificates: updates(
        'HTTPS',
        () => ({
          CaEnabled: 'true',
          'CaCertificates.1.CertificateId': live().certificates.find((c) => c.isCa)!.certificateId,
        }),
        (l) =>
          (l['CaCertificates'] as Item[])[0]?.['CertificateId'] ===
          live().certificates.find((c) => c.isCa)!.certificateId,
      ),
      Certificates: async () => {
        const listener = pick('HTTPS');
        const replacement = unused(listener.listenerId)[0]!;
        await ok('UpdateListenerAttribute', {
          ListenerId: listener.listenerId,
          'Certificates.1.CertificateId': replacement,
        });
        expect((await attribute(listener.listenerId))['Certificates']).toEqual([
          { CertificateId: replacement },
        ]);
      },
      XForwardedForConfig: updates(
        'HTTP',
        () => ({ 'XForwardedForConfig.XForwardedForHostEnabled': 'true' }),
        (l) => (l['XForwardedForConfig'] as Item)['XForwardedForHostEnabled'] === true,
      ),
      QuicConfig: async () => {
        // An upgrade turned off frees its QUIC listener, which it can then take again.
        const listener = changeable(live(), 'HTTPS').find((l) => l.quicConfig.quicListenerId)!;
        const quicListenerId = listener.quicConfig.quicListenerId!;
        await ok('UpdateListenerAttribute', {
          ListenerId: listener.listenerId,
          'QuicConfig.QuicUpgradeEnabled': 'false',
        });
        expect((await attribute(listener.listenerId))['QuicConfig']).toEqual({ QuicUpgradeEnabled: false });
        await ok('UpdateListenerAttribute', {
          ListenerId: listener.listenerId,
          'QuicConfig.QuicUpgradeEnabled': 'true',
          'QuicConfig.QuicListenerId': quicListenerId,
        });
        expect((await attribute(listener.listenerId))['QuicConfig']).toEqual({
          QuicUpgradeEnabled: true,
          QuicListenerId: quicListenerId,
        });
      },
      DefaultActions: async () => {
        const listener = pick('HTTP');
        const group = groupFor(listener);
        await ok('UpdateListenerAttribute', {
          ListenerId: listener.listenerId,
          'DefaultActions.1.Type': 'ForwardGroup',
          'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': group.serverGroupId,
        });
        const actions = (await attribute(listener.listenerId))['DefaultActions'] as Item[];
        expect(JSON.stringify(actions)).toContain(group.serverGroupId);
      },
    },
    StopListener: {
      ListenerId: async () => {
        await stopped();
      },
      ClientToken: replays('StopListener', () => ({ ListenerId: pick('HTTP').listenerId })),
      DryRun: dryRun('StopListener', () => ({ ListenerId: pick('HTTP').listenerId })),
    },
    StartListener: {
      ListenerId: async () => {
        const listenerId = await stopped();
        await ok('StartListener', { ListenerId: listenerId });
        expect((await attribute(listenerId))['ListenerStatus']).toBe('Running');
      },
      ClientToken: async () => {
        const listenerId = await stopped();
        await replays('StartListener', () => ({ ListenerId: listenerId }))();
      },
      DryRun: async () => {
        const listenerId = await stopped();
        await dryRun('StartListener', () => ({ ListenerId: listenerId }))();
      },
    },
    AssociateAdditionalCertificatesWithListener: {
      ListenerId: async () => {
        const { listenerId, certificateId } = await associated();
        expect((await certificates(listenerId)).map((c) => [c['CertificateId'], c['Status']])).toContainEqual(
          [certificateId, 'Associated'],
        );
      },
      Certificates: async () => {
        const listener = pick('HTTPS');
        const two = unused(listener.listenerId).slice(0, 2);
        await ok('AssociateAdditionalCertificatesWithListener', {
          ListenerId: listener.listenerId,
          'Certificates.1.CertificateId': two[0]!,
          'Certificates.2.CertificateId': two[1]!,
        });
        const ids = (await certificates(listener.listenerId)).map((c) => c['CertificateId']);
        expect(ids).toEqual(expect.arrayContaining(two));
      },
      ClientToken: replays('AssociateAdditionalCertificatesWithListener', () => {
        const listener = pick('HTTPS');
        return {
          ListenerId: listener.listenerId,
          'Certificates.1.CertificateId': spareCertificates(live(), listener).at(-3)!,
        };
      }),
      DryRun: async () => {
        const listener = pick('HTTPS');
        const before = await certificates(listener.listenerId);
        const reply = await quick().call('alb', 'AssociateAdditionalCertificatesWithListener', {
          ListenerId: listener.listenerId,
          'Certificates.1.CertificateId': unused(listener.listenerId)[0]!,
          DryRun: 'true',
        });
        expect(reply.ok ? 'changed' : reply.code).toBe('DryRunOperation');
        expect(await certificates(listener.listenerId)).toEqual(before);
      },
    },
    DissociateAdditionalCertificatesFromListener: {
      ListenerId: async () => {
        const { listenerId, certificateId } = await associated();
        await ok('DissociateAdditionalCertificatesFromListener', {
          ListenerId: listenerId,
          'Certificates.1.CertificateId': certificateId,
        });
        expect((await certificates(listenerId)).map((c) => c['CertificateId'])).not.toContain(certificateId);
      },
      Certificates: async () => {
        const { listenerId, certificateId } = await associated();
        const refused = await quick().call('alb', 'DissociateAdditionalCertificatesFromListener', {
          ListenerId: listenerId,
          'Certificates.1.CertificateId': '1-cn-hangzhou',
        });
        expect(refused.ok ? 'dissociated' : refused.code).toBe('ResourceNotAssociated.Certificate');
        await ok('DissociateAdditionalCertificatesFromListener', {
          ListenerId: listenerId,
          'Certificates.1.CertificateId': certificateId,
        });
        expect(await certificates(listenerId)).toEqual([]);
      },
      ClientToken: async () => {
        const { listenerId, certificateId } = await associated();
        await replays('DissociateAdditionalCertificatesFromListener', () => ({
          ListenerId: listenerId,
          'Certificates.1.CertificateId': certificateId,
        }))();
      },
      DryRun: async () => {
        const { listenerId, certificateId } = await associated();
        const reply = await quick().call('alb', 'DissociateAdditionalCertificatesFromListener', {
          ListenerId: listenerId,
          'Certificates.1.CertificateId': certificateId,
          DryRun: 'true',
        });
        expect(reply.ok ? 'changed' : reply.code).toBe('DryRunOperation');
        expect((await certificates(listenerId)).map((c) => c['CertificateId'])).toContain(certificateId);
      },
    },
  };
}
