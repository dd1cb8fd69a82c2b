import { describe, expect, it } from 'vitest';
import { listenerFromWire } from '../../source/alb/mappers.js';

/** A listener as ListListeners sends it, with `overrides` on top. */
function wire(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ListenerId: 'lsn-1',
    LoadBalancerId: 'alb-1',
    ListenerProtocol: 'HTTPS',
    ListenerPort: 443,
    ListenerStatus: 'Running',
    ListenerDescription: 'web',
    DefaultActions: [
      { Type: 'ForwardGroup', ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: 'sgp-a' }] } },
    ],
    GzipEnabled: true,
    Http2Enabled: true,
    IdleTimeout: 15,
    RequestTimeout: 60,
    SecurityPolicyId: 'tls_cipher_policy_1_2',
    QuicConfig: { QuicUpgradeEnabled: false },
    XForwardedForConfig: {
      XForwardedForSLBIdEnabled: false,
      XForwardedForProtoEnabled: true,
      XForwardedForSLBPortEnabled: false,
      XForwardedForHostEnabled: false,
    },
    Tags: [],
    ...overrides,
  };
}

describe('listenerFromWire', () => {
  it('maps every field of a listing item', () => {
    expect(listenerFromWire(wire())).toEqual({
      listenerId: 'lsn-1',
      loadBalancerId: 'alb-1',
      listenerProtocol: 'HTTPS',
      listenerPort: 443,
      listenerDescription: 'web',
      listenerStatus: 'Running',
      defaultActions: [
        { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-a' }] } },
      ],
      gzipEnabled: true,
      http2Enabled: true,
      idleTimeout: 15,
      requestTimeout: 60,
      securityPolicyId: 'tls_cipher_policy_1_2',
      quicConfig: { quicUpgradeEnabled: false },
      XForwardedForConfig: {
        XForwardedForSLBIdEnabled: false,
        XForwardedForProtoEnabled: true,
        XForwardedForSLBPortEnabled: false,
        XForwardedForHostEnabled: false,
      },
      tags: [],
    });
  });

  it('shares the parts listeners have in common, frozen, and keeps each listener its own', () => {
    const a = listenerFromWire(wire({ ListenerId: 'lsn-a' }));
    const b = listenerFromWire(wire({ ListenerId: 'lsn-b', ListenerPort: 8443 }));
    expect(a).not.toBe(b);
    expect(b.listenerPort).toBe(8443);
    expect(b.defaultActions).toBe(a.defaultActions);
    expect(b.XForwardedForConfig).toBe(a.XForwardedForConfig);
    expect(b.quicConfig).toBe(a.quicConfig);
    expect(b.tags).toBe(a.tags);
    // A change through one listener would change them all: it throws instead.
    expect(() => a.tags.push({ key: 'k', value: 'v' })).toThrow(TypeError);
    expect(() => {
      a.defaultActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId = 'sgp-other';
    }).toThrow(TypeError);
    expect(() => {
      a.XForwardedForConfig.XForwardedForHostEnabled = true;
    }).toThrow(TypeError);
    expect(b.defaultActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId).toBe('sgp-a');
  });

  it('tells different server groups, switches and processing modes apart', () => {
    const other = listenerFromWire(
      wire({
        DefaultActions: [
          { Type: 'ForwardGroup', ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: 'sgp-b' }] } },
        ],
      }),
    );
    expect(other.defaultActions[0]!.forwardGroupConfig.serverGroupTuples).toEqual([
      { serverGroupId: 'sgp-b' },
    ]);

    const xff = (config: Record<string, unknown>) =>
      listenerFromWire(wire({ XForwardedForConfig: config })).XForwardedForConfig;
    expect(xff({ XForwardedForHostEnabled: true })).toEqual({ XForwardedForHostEnabled: true });
    expect(xff({ XForwardedForHostEnabled: false })).toEqual({ XForwardedForHostEnabled: false });
    // Absent is not the same as off.
    expect(xff({})).toEqual({});
    expect(xff({ XForwardedForProcessingMode: 'append', XForwardedForEnabled: true })).toEqual({
      XForwardedForProcessingMode: 'append',
      XForwardedForEnabled: true,
    });
    expect(xff({ XForwardedForProcessingMode: 'remove', XForwardedForEnabled: true })).toEqual({
      XForwardedForProcessingMode: 'remove',
      XForwardedForEnabled: true,
    });
  });

  it('builds header options with text, or fields it does not know, for the listener alone', () => {
    const config = {
      XForwardedForClientSourceIpsEnabled: true,
      XForwardedForClientSourceIpsTrusted: '10.0.0.0/8',
    };
    const a = listenerFromWire(wire({ XForwardedForConfig: config })).XForwardedForConfig;
    const b = listenerFromWire(wire({ XForwardedForConfig: config })).XForwardedForConfig;
    expect(a).toEqual(config);
    expect(a).not.toBe(b);
    const unknown = { XForwardedForSomethingNewEnabled: true, XForwardedForHostEnabled: true };
    expect(listenerFromWire(wire({ XForwardedForConfig: unknown })).XForwardedForConfig).toEqual(unknown);
  });

  it('keeps several actions, several server groups, tags and QUIC associations as sent', () => {
    const listener = listenerFromWire(
      wire({
        DefaultActions: [
          {
            Type: 'ForwardGroup',
            ForwardGroupConfig: {
              ServerGroupTuples: [{ ServerGroupId: 'sgp-a' }, { ServerGroupId: 'sgp-b' }],
            },
          },
        ],
        Tags: [{ Key: 'env', Value: 'prod' }],
        QuicConfig: { QuicUpgradeEnabled: true, QuicListenerId: 'lsn-quic' },
      }),
    );
    expect(listener.defaultActions[0]!.forwardGroupConfig.serverGroupTuples).toEqual([
      { serverGroupId: 'sgp-a' },
      { serverGroupId: 'sgp-b' },
    ]);
    expect(listener.tags).toEqual([{ key: 'env', value: 'prod' }]);
    expect(listener.quicConfig).toEqual({ quicUpgradeEnabled: true, quicListenerId: 'lsn-quic' });
    expect(listenerFromWire(wire({ QuicConfig: undefined })).quicConfig).toEqual({});
    expect(listenerFromWire(wire({ QuicConfig: { QuicUpgradeEnabled: 'true' } })).quicConfig).toEqual({
      quicUpgradeEnabled: true,
    });
    expect(listenerFromWire(wire({ DefaultActions: undefined })).defaultActions).toEqual([]);
  });

  it('stays right past the number of values it keeps to share', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `sgp-${i}`);
    const seen = ids.map(
      (id) =>
        listenerFromWire(
          wire({
            DefaultActions: [
              { Type: 'ForwardGroup', ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: id }] } },
            ],
          }),
        ).defaultActions,
    );
    seen.forEach((actions, i) =>
      expect(actions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId).toBe(ids[i]),
    );
  });
});
