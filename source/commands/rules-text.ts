// Rules as the command line writes them: one condition or action per short phrase, in the console's
// words (`Host api.example.com · Path /v2/*`, `→ 80% sgp-v2, 20% sgp-v1`), and what a matched rule's
// actions do. Plain text; the table and the output sanitiser make it safe for the terminal.
import type { Lang } from '../domain/i18n.js';
import type { ActionEffect, ConditionVerdict } from '../domain/rule-match.js';
import { conditionValues } from '../domain/rule-match.js';
import type { RuleAction, RuleCondition, RuleConditionType } from '../domain/rule-types.js';

const CONDITION_WORDS: Record<RuleConditionType, { en: string; 'zh-CN': string }> = {
  Host: { en: 'Host', 'zh-CN': '域名' },
  Path: { en: 'Path', 'zh-CN': '路径' },
  Header: { en: 'Header', 'zh-CN': 'HTTP标头' },
  QueryString: { en: 'Query', 'zh-CN': '查询字符串' },
  Method: { en: 'Method', 'zh-CN': '请求方法' },
  Cookie: { en: 'Cookie', 'zh-CN': 'Cookie' },
  SourceIp: { en: 'Source IP', 'zh-CN': '源IP' },
  ResponseHeader: { en: 'Response header', 'zh-CN': '响应标头' },
  ResponseStatusCode: { en: 'Response status', 'zh-CN': '响应状态码' },
};

export function conditionWord(type: RuleConditionType, lang: Lang): string {
  return CONDITION_WORDS[type][lang];
}

export function conditionText(condition: RuleCondition, lang: Lang): string {
  const values = conditionValues(condition).join(' | ');
  const word = conditionWord(condition.type, lang);
  if (condition.type === 'Header') return `${word} ${condition.headerConfig.key}: ${values}`;
  if (condition.type === 'ResponseHeader') return `${word} ${condition.responseHeaderConfig.key}: ${values}`;
  return `${word} ${values}`;
}

export function conditionsText(conditions: readonly RuleCondition[], lang: Lang): string {
  if (conditions.length === 0) return lang === 'en' ? 'any request' : '任意请求';
  return conditions.map((condition) => conditionText(condition, lang)).join(' · ');
}

function groupsText(tuples: readonly { serverGroupId: string; weight?: number }[]): string {
  const weights = tuples.map((tuple) => tuple.weight ?? 100);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (tuples.length === 1) return tuples[0]?.serverGroupId ?? '';
  return tuples
    .map((tuple, index) => {
      const share = total === 0 ? 0 : Math.round(((weights[index] ?? 0) / total) * 100);
      return `${share}% ${tuple.serverGroupId}`;
    })
    .join(', ');
}

export function actionText(action: RuleAction, lang: Lang): string {
  const en = lang === 'en';
  switch (action.type) {
    case 'ForwardGroup':
      return `→ ${groupsText(action.forwardGroupConfig.serverGroupTuples)}`;
    case 'Redirect': {
      const c = action.redirectConfig;
      const parts = (['protocol', 'host', 'port', 'path', 'query'] as const)
        .filter((key) => c[key] !== undefined)
        .map((key) => `${key}=${c[key]}`);
      return [en ? 'redirect' : '重定向', c.httpCode, ...parts].filter(Boolean).join(' ');
    }
    case 'FixedResponse': {
      const c = action.fixedResponseConfig;
      return `${en ? 'reply' : '返回固定响应'} ${c.httpCode}${c.contentType ? ` ${c.contentType}` : ''}`;
    }
    case 'Rewrite': {
      const c = action.rewriteConfig;
      const parts = [
        c.host === undefined ? '' : `host=${c.host}`,
        c.path === undefined ? '' : `path=${c.path}`,
        c.query === undefined ? '' : `query=${c.query}`,
      ].filter(Boolean);
      return `${en ? 'rewrite' : '重写'} ${parts.join(' ')}`;
    }
    case 'InsertHeader':
      return `+${en ? 'header' : '写入标头'} ${action.insertHeaderConfig.key}: ${action.insertHeaderConfig.value}`;
    case 'RemoveHeader':
      return `-${en ? 'header' : '删除标头'} ${action.removeHeaderConfig.key}`;
    case 'TrafficLimit': {
      const { qps, perIpQps } = action.trafficLimitConfig;
      const parts = [
        qps === undefined ? '' : `${qps} QPS`,
        perIpQps === undefined ? '' : `${perIpQps} QPS/IP`,
      ];
      return `${en ? 'limit' : '限速'} ${parts.filter(Boolean).join(', ')}`;
    }
    case 'TrafficMirror':
      return `${en ? 'mirror to' : '镜像至'} ${action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples
        .map((t) => t.serverGroupId)
        .join(', ')}`;
    case 'Cors':
      return `CORS ${action.corsConfig.allowOrigin.join(', ')}`;
  }
}

export function actionsText(actions: readonly RuleAction[], lang: Lang): string {
  return [...actions]
    .sort((a, b) => a.order - b.order)
    .map((action) => actionText(action, lang))
    .join(' · ');
}

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
export function effectText(effect: ActionEffect, lang: Lang): string {
  const en = lang === 'en';
  switch (effect.type) {
    case 'ForwardGroup': {
      const groups = effect.groups.map(
        (g) => `${g.percent}% ${g.serverGroupId} (${en ? 'weight' : '权重'} ${g.weight})`,
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
      return `${en ? 'mirror to' : '镜像至'} ${effect.serverGroupIds.join(', ')}`;
    case 'Cors':
      return `CORS ${effect.allowOrigin.join(', ')}${effect.allowMethods.length ? ` (${effect.allowMethods.join(', ')})` : ''}`;
  }
}
