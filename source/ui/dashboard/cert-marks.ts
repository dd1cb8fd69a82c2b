// Expiry marks in the listener rows: a listener whose default certificate has expired, or expires
// within 30 days, carries a mark beside its name — a character as well as a colour, so it reads
// without colour (NO_COLOR) too. Which certificate a listener serves is known once it has been read
// whole (GetListenerAttribute; ListListeners does not say), so the rows in view are read in the
// background and remembered by listener. Pure.
import type { Lang } from '../../domain/i18n.js';
import type { Certificate, Listener } from '../../domain/resources.js';
import { t } from '../i18n.js';
import type { Tone } from '../theme.js';
import { daysUntil, type ListenerRow } from './rows.js';

export interface CertMark {
  kind: 'expired' | 'expiring';
  /** The character shown beside the name. */
  char: string;
  tone: Tone;
  days: number;
  certificateId: string;
}

/** Days ahead within which a certificate counts as expiring. */
export const EXPIRING_DAYS = 30;

export const EXPIRED_CHAR = '✗';
export const EXPIRING_CHAR = '!';

/** The mark for a certificate expiring in `days` (negative: expired); none when it has time left. */
export function certMark(certificateId: string, days: number | undefined): CertMark | undefined {
  if (days === undefined || days > EXPIRING_DAYS) return undefined;
  return days < 0
    ? { kind: 'expired', char: EXPIRED_CHAR, tone: 'danger', days, certificateId }
    : { kind: 'expiring', char: EXPIRING_CHAR, tone: 'warning', days, certificateId };
}

/** The default certificate a listener read whole serves ('' when it has none). */
export function defaultCertificateOf(listener: Listener): string {
  return listener.listenerProtocol === 'HTTP' ? '' : (listener.certificates?.[0]?.certificateId ?? '');
}

/** Listener ID → mark, for the listeners whose default certificate is known and expired or expiring. */
export function certificateMarks(
  defaults: ReadonlyMap<string, string> | undefined,
  certificates: ReadonlyMap<string, Certificate>,
  now: number,
): ReadonlyMap<string, CertMark> {
  const marks = new Map<string, CertMark>();
  if (!defaults) return marks;
  for (const [listenerId, certificateId] of defaults) {
    const certificate = certificateId ? certificates.get(certificateId) : undefined;
    const mark = certificate ? certMark(certificateId, daysUntil(certificate.endDate, now)) : undefined;
    if (mark) marks.set(listenerId, mark);
  }
  return marks;
}

/** What the detail line says of a mark: `✗ expired` / `! expiring`. */
export function certMarkWords(mark: CertMark, lang: Lang): string {
  return `${mark.char} ${t(lang, mark.kind === 'expired' ? 'certExpiredMark' : 'certExpiringMark')}`;
}

/** The rows in view whose certificate is not known yet: what to read next (TLS listeners only). */
export function listenersToRead(
  rows: readonly ListenerRow[],
  defaults: ReadonlyMap<string, string> | undefined,
): string[] {
  return rows.filter((row) => row.protocol !== 'HTTP' && !defaults?.has(row.id)).map((row) => row.id);
}
