// The detail line under the panes: the facts of the selected row that the columns leave out. Pure.
import type { Lang } from '../../domain/i18n.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { t } from '../i18n.js';
import type { Tone } from '../theme.js';
import { certMark, certMarkWords } from './cert-marks.js';
import type { Segment } from './columns.js';
import { selectedInstance, selectedListener, type DashboardState } from './dashboard-state.js';
import { enumWord } from './enum-words.js';
import {
  addressTypeWord,
  daysUntil,
  expiryTone,
  instanceStatusTone,
  instanceStatusWord,
  type InstanceRow,
  type ListenerRow,
} from './rows.js';

function join(parts: (Segment | undefined)[]): Segment[] {
  const out: Segment[] = [];
  for (const part of parts) {
    if (!part || part.text === '') continue;
    if (out.length > 0) out.push({ text: ' · ' });
    out.push(part);
  }
  return out;
}

function expiry(days: number | undefined, lang: Lang): string {
  if (days === undefined) return '';
  return days < 0 ? t(lang, 'expiredDaysAgo', { days: -days }) : t(lang, 'expiresInDays', { days });
}

export function listenerSummary(state: DashboardState, row: ListenerRow, lang: Lang, now: number): Segment[] {
  let cert: Segment | undefined;
  if (row.protocol !== 'HTTP') {
    const peeked = state.peeked.get(row.id);
    const known = state.defaultCertificates?.get(row.id);
    const certificateId = peeked ? peeked.certificates?.[0]?.certificateId : known;
    if (!peeked && known === undefined) cert = { text: t(lang, 'detailCertLoading'), tone: 'muted' };
    else if (!certificateId) cert = { text: t(lang, 'detailNoCert'), tone: 'warning' };
    else {
      const listed = state.data?.certificates.get(certificateId);
      const days = listed ? daysUntil(listed.endDate, now) : undefined;
      const tone: Tone | undefined = expiryTone(days);
      const id = sanitizeForTerminal(certificateId);
      const mark = certMark(certificateId, days);
      const words =
        days === undefined
          ? t(lang, 'detailCertId', { id })
          : t(lang, 'detailCert', { id, expiry: expiry(days, lang) });
      cert = {
        // Said in words with its mark, not by colour alone.
        text: mark ? `${certMarkWords(mark, lang)}${lang === 'zh-CN' ? '：' : ': '}${words}` : words,
        ...(tone && tone !== 'good' ? { tone } : {}),
      };
    }
  }
  return join([
    { text: `${row.protocol} ${row.port}`, tone: 'accent' },
    { text: row.id },
    state.allListeners ? { text: row.instanceName || row.loadBalancerId } : undefined,
    cert,
    { text: t(lang, 'detailListener', { idle: row.idleTimeout, request: row.requestTimeout }) },
  ]);
}

export function instanceSummary(row: InstanceRow, lang: Lang): Segment[] {
  return join([
    { text: row.name || row.id, tone: 'accent' },
    { text: row.id },
    {
      text: instanceStatusWord(row.status, lang),
      ...(instanceStatusTone(row.status) ? { tone: instanceStatusTone(row.status)! } : {}),
    },
    {
      text: `${addressTypeWord(row.addressType, lang)} ${row.ipVersion ? enumWord('addressIpVersion', row.ipVersion, lang) : ''}`.trim(),
    },
    { text: row.vpcId },
    // Before the DNS name, which is long and the first to be cut off on a narrow terminal.
    { text: row.tags.join(' ') },
    { text: row.dnsName, tone: 'muted' },
  ]);
}

/** What the detail line says about the selection of the focused pane. */
export function selectionSummary(state: DashboardState, lang: Lang, now: number): Segment[] {
  if (state.focus === 'listeners' || state.allListeners) {
    const listener = selectedListener(state);
    if (listener) return listenerSummary(state, listener, lang, now);
  }
  const instance = selectedInstance(state);
  return instance ? instanceSummary(instance, lang) : [];
}
