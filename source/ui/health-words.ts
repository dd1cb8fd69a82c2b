// A server's health in words, shared by the server group view, the listener detail and the dashboard's
// health column: its state (健康 / 异常 …) with the reason, and a listener's "2/3 healthy".
import type { Lang, Localized } from '../domain/i18n.js';
import {
  reasonText,
  type HealthReason,
  type HealthSummary,
  type ServerHealthState,
} from '../domain/server-health.js';
import { textTable } from './text-table.js';
import type { Tone } from './theme.js';

const TEXT = {
  Healthy: { en: 'healthy', 'zh-CN': '健康' },
  Unhealthy: { en: 'unhealthy', 'zh-CN': '异常' },
  Initial: { en: 'not checked yet', 'zh-CN': '初始化中' },
  Unused: { en: 'unused (weight 0)', 'zh-CN': '未使用（权重为 0）' },
  Unavailable: { en: 'checks off', 'zh-CN': '未开启健康检查' },
  summary: { en: '{healthy}/{total} healthy', 'zh-CN': '{healthy}/{total} 健康' },
  unchecked: { en: '{count} not checked yet', 'zh-CN': '{count} 个尚未检查' },
} satisfies Record<string, Localized>;

const TABLE = textTable<keyof typeof TEXT>(TEXT);
export const HEALTH_TEXT_ENTRIES = TABLE.entries;

export function healthTone(state: ServerHealthState): Tone {
  if (state === 'Healthy') return 'good';
  if (state === 'Unhealthy') return 'danger';
  return 'muted';
}

/** `unhealthy: connection refused`, `healthy`, `not checked yet`. */
export function healthWords(health: { state: ServerHealthState; reason?: HealthReason }, lang: Lang): string {
  const word = TABLE.say(lang, health.state);
  const reason = reasonText(health.reason)?.[lang];
  return reason ? `${word}: ${reason}` : word;
}

/** `2/3` for a column titled "Healthy" (tones as below); `?/3` when nothing is checked yet. */
export function compactSummary(summary: HealthSummary): { text: string; tone: Tone } {
  if (summary.total === 0) return { text: '—', tone: 'muted' };
  if (summary.initial === summary.total) return { text: `?/${summary.total}`, tone: 'muted' };
  const tone: Tone = summary.healthy === 0 ? 'danger' : summary.healthy < summary.total ? 'warning' : 'good';
  return { text: `${summary.healthy}/${summary.total}`, tone };
}

/** `2/3 healthy` (red when none, yellow when some are not, green when all), `3 not checked yet`, `—`. */
export function summaryWords(summary: HealthSummary, lang: Lang): { text: string; tone: Tone } {
  if (summary.total === 0) return { text: '—', tone: 'muted' };
  if (summary.initial === summary.total)
    return { text: TABLE.say(lang, 'unchecked', { count: summary.initial }), tone: 'muted' };
  const text = TABLE.say(lang, 'summary', { healthy: summary.healthy, total: summary.total });
  const tone: Tone = summary.healthy === 0 ? 'danger' : summary.healthy < summary.total ? 'warning' : 'good';
  return { text, tone };
}
