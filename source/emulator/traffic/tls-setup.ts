// What an HTTPS listener's TLS needs, from the state: its default certificate and the extra ones
// (chosen by SNI), its security policy, HTTP/2 by ALPN only when on, and mutual TLS with its CA
// certificates. Certificates get their key material from the local CA.
import { createSecureContext, type SecureContext, type TlsOptions } from 'node:tls';
import type { Certificate } from '../../domain/resources.js';
import { nameCovers, servedNames } from '../../domain/certificate-names.js';
import { hostCoveredBy, type NotServedReason } from '../../domain/served-addresses.js';
import type { EmulatorState, StoredListener } from '../state.js';
import type { KeyAndCertificate, LocalCa } from './local-ca.js';
import { findPolicy, tlsPolicyOptions } from './tls-policy.js';

export interface TlsSetup {
  options: TlsOptions & { ALPNProtocols: string[] };
  /** Changes whenever anything the options were built from changes. */
  fingerprint: string;
  /** A name the default certificate covers (for the curl line). */
  serverName: string;
}

export type TlsSetupResult =
  { ok: true; setup: TlsSetup } | { ok: false; reason: NotServedReason; detail: string };

/**
 * The certificate a client's SNI picks: one naming the host exactly, else one covering it by a
 * wildcard, else the default (the first). Exact names win, as a more specific certificate should.
 */
export function pickBySni<T extends { certificate: Certificate }>(
  servername: string | undefined,
  candidates: readonly T[],
): T | undefined {
  if (servername) {
    const host = servername.toLowerCase();
    const exact = candidates.find((c) => servedNames(c.certificate).some((n) => n.toLowerCase() === host));
    if (exact) return exact;
    const wildcard = candidates.find((c) => servedNames(c.certificate).some((n) => nameCovers(n, host)));
    if (wildcard) return wildcard;
  }
  return candidates[0];
}

export async function tlsSetup(
  listener: StoredListener,
  state: EmulatorState,
  ca: LocalCa,
  http2Allowed: boolean,
): Promise<TlsSetupResult> {
  const byId = (id: string) => state.certificates.find((c) => c.certificateId === id);
  const defaultId = listener.certificates?.[0]?.certificateId;
  const defaultCertificate = defaultId ? byId(defaultId) : undefined;
  if (!defaultCertificate) {
    return { ok: false, reason: 'no-certificate', detail: defaultId ?? '' };
  }
  const extras = (listener.extraCertificates ?? [])
    .filter((e) => e.status === 'Associated')
    .map((e) => byId(e.certificateId))
    .filter((c): c is Certificate => c !== undefined && c.certificateId !== defaultCertificate.certificateId);
  const policy = findPolicy(listener.securityPolicyId, state.customPolicies);
  const policyOptions = policy ? tlsPolicyOptions(policy) : undefined;
  if (!policy || !policyOptions) {
    return { ok: false, reason: 'bind-failed', detail: `TLS policy ${listener.securityPolicyId ?? ''}` };
  }
  const caCertificates = listener.caEnabled
    ? (listener.caCertificates ?? []).map((c) => byId(c.certificateId)).filter((c): c is Certificate => !!c)
    : [];
  const [material, caMaterial] = await Promise.all([
    Promise.all(
      [defaultCertificate, ...extras].map(async (certificate) => ({
        certificate,
        material: await ca.materialFor(certificate),
      })),
    ),
    Promise.all(caCertificates.map((c) => ca.materialFor(c))),
  ]);
  const trusted = caMaterial.map((m) => m.cert);
  const mutual = listener.caEnabled === true;
  const contextOf = (pair: KeyAndCertificate): SecureContext =>
    createSecureContext({
      key: pair.key,
      cert: pair.cert,
      ...policyOptions,
      ...(mutual ? { ca: trusted } : {}),
    });
  const contexts = material.map((m) => ({ certificate: m.certificate, context: contextOf(m.material) }));
  const first = material[0]!;
  const http2 = http2Allowed && listener.http2Enabled === true;
  const options: TlsSetup['options'] = {
    key: first.material.key,
    cert: first.material.cert,
    ...policyOptions,
    ...(mutual ? { ca: trusted, requestCert: true, rejectUnauthorized: true } : {}),
    ALPNProtocols: http2 ? ['h2', 'http/1.1'] : ['http/1.1'],
    SNICallback: (servername, done) => done(null, pickBySni(servername, contexts)?.context),
  };
  const fingerprint = JSON.stringify({
    certificates: material.map((m) => [
      m.certificate.certificateId,
      m.certificate.endDate,
      m.material.cert.length,
    ]),
    policy: [policy.securityPolicyId, policy.tlsVersions, policy.ciphers],
    http2,
    mutual,
    trusted: caCertificates.map((c) => c.certificateId),
  });
  return {
    ok: true,
    setup: { options, fingerprint, serverName: hostCoveredBy(servedNames(defaultCertificate)[0]!) },
  };
}
