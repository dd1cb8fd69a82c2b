// Which listeners use each certificate, and how (default, extra, CA), soonest-expiring first: what
// `certs list` prints and what a rotation starts from.
import { certificateKey } from './certificate-ids.js';
import { certificateState, type CertificateState } from './listener-rules.js';
import type { Certificate, ListenerProtocol } from './resources.js';
import type { RotationListener } from './rotation.js';

export type CertificateRole = 'default' | 'extra' | 'ca';

export interface CertificateUser {
  listenerId: string;
  loadBalancerId: string;
  protocol: ListenerProtocol;
  port: number;
  name: string;
  role: CertificateRole;
  status: string;
}

export interface CertificateUsage {
  /** ALB's form; for a certificate bound but unknown to the certificate service, as the listener names it. */
  certificateId: string;
  /** Undefined when the certificate service does not list it (deleted, or another account's). */
  certificate?: Certificate;
  state?: CertificateState;
  users: CertificateUser[];
}

/**
 * Every certificate the service lists and every one a listener holds, each with its users,
 * soonest-expiring first (those the service does not know last).
 */
export function certificateUsage(
  certificates: readonly Certificate[],
  listeners: readonly RotationListener[],
  now: number,
): CertificateUsage[] {
  const byKey = new Map<string, CertificateUsage>();
  for (const certificate of certificates) {
    byKey.set(certificateKey(certificate.certificateId), {
      certificateId: certificate.certificateId,
      certificate,
      state: certificateState(certificate, now),
      users: [],
    });
  }
  for (const listener of listeners) {
    const seen = new Set<string>();
    const bound = [...listener.certificates];
    if (listener.defaultCertificateId && !bound.some((c) => c.isDefault && c.certificateType !== 'Ca'))
      bound.push({
        certificateId: listener.defaultCertificateId,
        certificateType: 'Server',
        isDefault: true,
        status: 'Associated',
      });
    for (const c of bound) {
      const key = certificateKey(c.certificateId);
      const role: CertificateRole = c.certificateType === 'Ca' ? 'ca' : c.isDefault ? 'default' : 'extra';
      if (seen.has(`${key}:${role}`)) continue;
      seen.add(`${key}:${role}`);
      let usage = byKey.get(key);
      if (!usage) {
        usage = { certificateId: c.certificateId, users: [] };
        byKey.set(key, usage);
      }
      usage.users.push({
        listenerId: listener.listenerId,
        loadBalancerId: listener.loadBalancerId,
        protocol: listener.protocol,
        port: listener.port,
        name: listener.name,
        role,
        status: c.status,
      });
    }
  }
  const endOf = (u: CertificateUsage) =>
    u.certificate ? Date.parse(u.certificate.endDate) || Number.MAX_SAFE_INTEGER : Number.POSITIVE_INFINITY;
  return [...byKey.values()].sort(
    (a, b) => endOf(a) - endOf(b) || a.certificateId.localeCompare(b.certificateId),
  );
}

/** Whether a certificate ends within `days` days from `now` (an expired one does). */
export function expiresWithin(usage: CertificateUsage, days: number, now: number): boolean {
  if (!usage.certificate) return false;
  const end = Date.parse(usage.certificate.endDate);
  return Number.isFinite(end) && end - now <= days * 86_400_000;
}
