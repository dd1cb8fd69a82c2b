// Certificate IDs: the certificate service (CAS) knows a certificate by a number, ALB by
// `<number>-<region>` (the region CAS keeps it in). Users meet both; every place a certificate is
// named accepts either, and this is the one place that reads them.
import { both, type Localized } from './i18n.js';

export interface ParsedCertificateId {
  /** The CAS number, as written (digits only). */
  casNumber: string;
  /** The region of the ALB form, when given. */
  region?: string;
}

const CAS_NUMBER = /^\d{1,20}$/;
const ALB_FORM = /^(\d{1,20})-([a-z]{2,}(?:-[a-z0-9]+)+)$/;

/** Either form, trimmed; undefined when the text is neither. */
export function parseCertificateId(text: string): ParsedCertificateId | undefined {
  const value = text.trim();
  if (CAS_NUMBER.test(value)) return { casNumber: String(BigInt(value)) };
  const match = ALB_FORM.exec(value);
  if (!match) return undefined;
  return { casNumber: String(BigInt(match[1]!)), region: match[2]! };
}

/**
 * What identifies a certificate whichever form names it: its CAS number; an ID of neither form
 * (another service's, a test's) stands for itself.
 */
export function certificateKey(id: string): string {
  return parseCertificateId(id)?.casNumber ?? id.trim();
}

/** Whether two names (either form) are the same certificate. */
export function sameCertificate(a: string, b: string): boolean {
  return certificateKey(a) === certificateKey(b);
}

export interface KnownCertificate {
  certificateId: string;
  casId?: number;
}

export type CertificateResolution<T> =
  { ok: true; certificate: T } | { ok: false; problem: 'malformed' | 'unknown'; message: Localized };

/**
 * The known certificate a name stands for (by CAS number, either form); a name of neither form, or
 * of no certificate the service lists, is refused with a message saying what it takes.
 */
export function resolveCertificate<T extends KnownCertificate>(
  text: string,
  known: readonly T[],
): CertificateResolution<T> {
  const parsed = parseCertificateId(text);
  if (!parsed) {
    return { ok: false, problem: 'malformed', message: certificateIdMessages.malformed(text) };
  }
  const found = known.find(
    (c) =>
      certificateKey(c.certificateId) === parsed.casNumber ||
      (c.casId !== undefined && String(c.casId) === parsed.casNumber),
  );
  if (found) return { ok: true, certificate: found };
  return { ok: false, problem: 'unknown', message: certificateIdMessages.unknown(text.trim()) };
}

export const certificateIdMessages = {
  malformed: (text: string) =>
    both(
      `"${shorten(text)}" is not a certificate ID: give the certificate service's number (e.g. 14123456) or ALB's form <number>-<region> (e.g. 14123456-cn-hangzhou)`,
      `“${shorten(text)}”不是证书ID：请输入数字证书管理服务的证书ID（例如 14123456）或 ALB 使用的“<证书ID>-<地域>”形式（例如 14123456-cn-hangzhou）`,
    ),
  unknown: (text: string) =>
    both(
      `certificate ${shorten(text)} was not found in the certificate service (alb-tui certs list shows them)`,
      `在数字证书管理服务中找不到证书 ${shorten(text)}（alb-tui certs list 可列出全部证书）`,
    ),
};

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 64 ? `${trimmed.slice(0, 61)}...` : trimmed;
}
