import type { Listener } from '../../source/domain/resources.js';

/** An HTTPS listener as GetListenerAttribute gives it (the fixtures' instance alb-a). */
export function httpsListener(overrides: Partial<Listener> = {}): Listener {
  return {
    listenerId: 'lsn-https443',
    loadBalancerId: 'alb-a',
    listenerProtocol: 'HTTPS',
    listenerPort: 443,
    listenerDescription: 'web',
    listenerStatus: 'Running',
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http' }] } },
    ],
    gzipEnabled: true,
    http2Enabled: true,
    idleTimeout: 15,
    requestTimeout: 60,
    securityPolicyId: 'tls_cipher_policy_1_0',
    quicConfig: { quicUpgradeEnabled: false },
    XForwardedForConfig: { XForwardedForEnabled: true, XForwardedForProtoEnabled: true },
    certificates: [{ certificateId: '1001-cn-hangzhou' }],
    caEnabled: false,
    tags: [],
    ...overrides,
  };
}
