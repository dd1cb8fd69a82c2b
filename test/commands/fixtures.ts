// Listener profiles that fit the local ALB's demo data.
import { newDraft } from '../../source/domain/listener-draft.js';
import type { ListenerProfileInput } from '../../source/store/index.js';

/** HTTPS on 9443 with the `*.example.com` certificate and the `web-frontend-http` server group. */
export function webProfile(
  name = 'web-9443',
  overrides: Partial<ListenerProfileInput['listener']> = {},
): ListenerProfileInput {
  const draft = newDraft('HTTPS');
  return {
    name,
    description: `profile ${name}`,
    listener: {
      protocol: 'HTTPS',
      port: 9443,
      namePattern: '',
      http2: true,
      idleTimeout: 20,
      requestTimeout: 90,
      gzip: false,
      headers: { ...draft.headers, proto: true },
      headerAliases: { ...draft.headerAliases },
      securityPolicyId: 'tls_cipher_policy_1_2',
      quicUpgrade: false,
      mutualTls: false,
      ...overrides,
    },
    hints: { certificate: { domain: 'www.example.com' }, serverGroup: { name: 'web-frontend-http' } },
  };
}
