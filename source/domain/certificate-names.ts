// Which host names a certificate covers: the rule TLS clients apply (RFC 6125: an exact name, or a
// `*.` wildcard standing for exactly one leftmost label), used where the local ALB picks a certificate
// by SNI and where a rotation warns that its new certificate would leave names uncovered. Pure.
import type { Certificate } from './resources.js';

/** Whether `name` (a certificate's CN or SAN, maybe `*.example.com`) covers the host `host`. */
export function nameCovers(name: string, host: string): boolean {
  const wanted = host.toLowerCase();
  const pattern = name.toLowerCase();
  if (!pattern.startsWith('*.')) return pattern === wanted;
  const suffix = pattern.slice(1);
  const label = wanted.slice(0, -suffix.length);
  return wanted.endsWith(suffix) && label.length > 0 && !label.includes('.');
}

/** The names a certificate serves: its SANs, or its CN when it has none (as TLS clients read it). */
export function servedNames(certificate: Certificate): string[] {
  return certificate.sans.length > 0 ? certificate.sans : [certificate.commonName];
}

/**
 * The names `from` was serving that `to` does not cover: clients asking for them would get a
 * certificate error after a rotation from `from` to `to`. Wildcard names count as names too: `to`
 * covers `*.example.com` only by naming it.
 */
export function uncoveredNames(from: Certificate, to: Certificate): string[] {
  const covering = servedNames(to).filter(Boolean);
  const names = [
    ...new Set(
      servedNames(from)
        .filter(Boolean)
        .map((name) => name.toLowerCase()),
    ),
  ];
  return names.filter(
    (name) => !covering.some((pattern) => pattern.toLowerCase() === name || nameCovers(pattern, name)),
  );
}

/** What to say before a rotation from `from` to `to` is run. */
export type RotationWarning =
  | { kind: 'expiresSooner'; to: string; from: string }
  | { kind: 'namesNotCovered'; to: string; names: string[] };

export function rotationWarnings(from: Certificate, to: Certificate): RotationWarning[] {
  const warnings: RotationWarning[] = [];
  if (Date.parse(to.endDate) < Date.parse(from.endDate))
    warnings.push({ kind: 'expiresSooner', to: to.certificateId, from: from.certificateId });
  const names = uncoveredNames(from, to);
  if (names.length > 0) warnings.push({ kind: 'namesNotCovered', to: to.certificateId, names });
  return warnings;
}
