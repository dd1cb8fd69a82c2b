// A listener's TLS security policy (system or custom) as node's TLS options: the versions it lists
// are the only ones a handshake may use, and its cipher suites (ALB names them as OpenSSL does) the
// only suites. TLS 1.0 and 1.1 need OpenSSL's security level 0 (level 1 refuses their SHA-1 handshake
// signatures), so a policy that allows them gets it; the others keep OpenSSL's default level.
import { constants } from 'node:crypto';
import type { SecureVersion } from 'node:tls';
import type { SecurityPolicy } from '../../domain/resources.js';
import { DEFAULT_SECURITY_POLICY_ID, SYSTEM_TLS_POLICIES } from '../../domain/tls-policies.js';

export interface TlsPolicyOptions {
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  ciphers: string;
  /** Turns off versions inside min–max that the policy leaves out. */
  secureOptions: number;
}

const VERSIONS: readonly { name: string; node: SecureVersion; off: number }[] = [
  { name: 'TLSv1.0', node: 'TLSv1', off: constants.SSL_OP_NO_TLSv1 },
  { name: 'TLSv1.1', node: 'TLSv1.1', off: constants.SSL_OP_NO_TLSv1_1 },
  { name: 'TLSv1.2', node: 'TLSv1.2', off: constants.SSL_OP_NO_TLSv1_2 },
  { name: 'TLSv1.3', node: 'TLSv1.3', off: constants.SSL_OP_NO_TLSv1_3 },
];

/** The policy a listener names: a system one from the catalogue, else a custom one of the state. */
export function findPolicy(
  policyId: string | undefined,
  customPolicies: readonly SecurityPolicy[],
): SecurityPolicy | undefined {
  const id = policyId ?? DEFAULT_SECURITY_POLICY_ID;
  return (
    SYSTEM_TLS_POLICIES.find((p) => p.securityPolicyId === id) ??
    customPolicies.find((p) => p.securityPolicyId === id)
  );
}

/** Undefined when the policy allows no TLS version node knows. */
export function tlsPolicyOptions(policy: SecurityPolicy): TlsPolicyOptions | undefined {
  const allowed = VERSIONS.filter((v) => policy.tlsVersions.includes(v.name));
  const first = allowed[0];
  const last = allowed[allowed.length - 1];
  if (!first || !last) return undefined;
  const low = VERSIONS.indexOf(first);
  const high = VERSIONS.indexOf(last);
  let secureOptions = 0;
  for (const version of VERSIONS.slice(low, high + 1))
    if (!allowed.includes(version)) secureOptions |= version.off;
  const legacy = policy.ciphers.filter((c) => !c.startsWith('TLS_'));
  const tls13 = policy.ciphers.filter((c) => c.startsWith('TLS_'));
  const oldVersions = low < 2;
  const ciphers = [...tls13, ...legacy, ...(oldVersions ? ['@SECLEVEL=0'] : [])].join(':');
  return { minVersion: first.node, maxVersion: last.node, ciphers, secureOptions };
}
