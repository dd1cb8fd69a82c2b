// What `rules test` writes: each condition ticked or not and what a matched rule's actions do, in the
// console's words (a rule itself is summarised by domain/rule-summary.ts, as in the app). Plain text;
// the table and the output sanitiser make it safe for the terminal.
import type { Lang } from '../domain/i18n.js';
import type { ActionEffect, ConditionVerdict } from '../domain/rule-match.js';
import { conditionWord, type GroupNames } from '../domain/rule-summary.js';

/** `✓ Host api.example.com` or `✗ Path /v2/* (got /v1/x)`. */
export function verdictText(verdict: ConditionVerdict, lang: Lang): string {
  const en = lang === 'en';
  const mark = verdict.matched ? '✓' : '✗';
  const note = (text: string) => (en ? ` (${text})` : `（${text}）`);
  const word = conditionWord(verdict.type, lang);
  const subject = verdict.key === undefined ? word : `${word} ${verdict.key}`;
  const values = verdict.values.join(' | ');
  if (verdict.matched) return `${mark} ${subject} ${verdict.matchedValue ?? values}`;
  if (verdict.problem === 'responseOnly')
    return `${mark} ${subject} ${values}${note(en ? 'response rules only' : '仅响应方向规则')}`;
  if (verdict.problem === 'requestOnly')
    return `${mark} ${subject} ${values}${note(en ? 'request conditions never hold on a response' : '请求条件不适用于响应')}`;
  if (verdict.problem === 'badSourceIp')
    return `${mark} ${subject} ${values}${note(en ? 'the source IP is not an address' : '源IP不是有效地址')}`;
  const seen =
    verdict.seen.length === 0
      ? en
        ? 'absent'
        : '请求中没有'
      : `${en ? 'got' : '实际为'} ${verdict.seen.join(', ')}`;
  return `${mark} ${subject} ${values}${note(seen)}`;
}

/** What an action does to this request, one line. */
export function effectText(effect: ActionEffect, lang: Lang, names: GroupNames = new Map()): string {
  const en = lang === 'en';
  const name = (id: string) => names.get(id) ?? id;
  switch (effect.type) {
    case 'ForwardGroup': {
      const groups = effect.groups.map(
        (g) => `${g.percent}% ${name(g.serverGroupId)} (${en ? 'weight' : '权重'} ${g.weight})`,
      );
      const sticky = effect.stickySession
        ? `; ${en ? 'sticky session' : '会话保持'}${effect.stickySession.timeoutSeconds === undefined ? '' : ` ${effect.stickySession.timeoutSeconds} s`}`
        : '';
      return `${en ? 'forward to' : '转发至'} ${groups.join(', ')}${sticky}`;
    }
    case 'Redirect':
      return `${en ? 'redirect' : '重定向'} ${effect.httpCode} → ${effect.url}`;
    case 'FixedResponse':
      return `${en ? 'reply' : '返回固定响应'} ${effect.httpCode} ${effect.contentType}${effect.content ? `: ${effect.content}` : ''}`;
    case 'Rewrite':
      return `${en ? 'rewrite to' : '重写为'} host ${effect.host}, path ${effect.path}${effect.query ? `, query ${effect.query}` : ''}`;
    case 'InsertHeader':
      return `${en ? 'insert header' : '写入标头'} ${effect.key}: ${effect.value}`;
    case 'RemoveHeader':
      return `${en ? 'remove header' : '删除标头'} ${effect.key}`;
    case 'TrafficLimit':
      return `${en ? 'limit' : '限速'} ${[effect.qps === undefined ? '' : `${effect.qps} QPS`, effect.perIpQps === undefined ? '' : `${effect.perIpQps} QPS/IP`].filter(Boolean).join(', ')}`;
    case 'TrafficMirror':
      return `${en ? 'mirror to' : '镜像至'} ${effect.serverGroupIds.map(name).join(', ')}`;
    case 'Cors':
      return `CORS ${effect.allowOrigin.join(', ')}${effect.allowMethods.length ? ` (${effect.allowMethods.join(', ')})` : ''}`;
  }
}
