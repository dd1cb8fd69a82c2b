// The system TLS security policies of ALB (alb-api-reference.md §5). The local ALB serves these from
// `ListSystemSecurityPolicies`; the app always lists them from the API rather than trusting this copy.
// `tls_cipher_policy_1_0_to_1_3` is left out: it exists only on the Extensible edition, which alb-tui
// does not model, and its suites are not documented.
import type { SecurityPolicy } from './resources.js';

const ECDHE_SHA2 = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-ECDSA-AES256-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES128-SHA256',
  'ECDHE-RSA-AES256-SHA384',
];
const RSA_SHA2 = ['AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA256', 'AES256-SHA256'];
const ECDHE_SHA1 = [
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-RSA-AES256-SHA',
];
const RSA_SHA1 = ['AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA'];
const TLS13 = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
];

const ALL_19 = [...ECDHE_SHA2, ...RSA_SHA2, ...ECDHE_SHA1, ...RSA_SHA1];
const ECDHE_12 = [...ECDHE_SHA2, ...ECDHE_SHA1];

function system(id: string, tlsVersions: string[], ciphers: string[]): SecurityPolicy {
  return { securityPolicyId: id, securityPolicyName: id, kind: 'system', tlsVersions, ciphers };
}

export const DEFAULT_SECURITY_POLICY_ID = 'tls_cipher_policy_1_0';

export const SYSTEM_TLS_POLICIES: readonly SecurityPolicy[] = [
  system('tls_cipher_policy_1_0', ['TLSv1.0', 'TLSv1.1', 'TLSv1.2'], ALL_19),
  system('tls_cipher_policy_1_1', ['TLSv1.1', 'TLSv1.2'], ALL_19),
  system('tls_cipher_policy_1_2', ['TLSv1.2'], ALL_19),
  system('tls_cipher_policy_1_2_strict', ['TLSv1.2'], ECDHE_12),
  system('tls_cipher_policy_1_2_strict_with_1_3', ['TLSv1.2', 'TLSv1.3'], [...TLS13, ...ECDHE_12]),
];

/** Cipher suites each TLS version can negotiate, for validating custom policies. */
export const CIPHERS_BY_TLS_VERSION: Readonly<Record<string, readonly string[]>> = {
  'TLSv1.0': [...ECDHE_SHA1, ...RSA_SHA1],
  'TLSv1.1': [...ECDHE_SHA1, ...RSA_SHA1],
  'TLSv1.2': ALL_19,
  'TLSv1.3': TLS13,
};
