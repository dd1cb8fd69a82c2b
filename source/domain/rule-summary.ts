// A rule in one line, the same in the app and on the command line: its conditions, then what it does
// (`Host api.example.com · Path /v2/* → 80% sg-api-v2, 20% sg-api-v1`), server groups by name where
// known. Text from the API is made terminal-safe here. Pure.
import type { Lang, Localized } from './i18n.js';
import { DEFAULT_REDIRECT_CODE } from './rule-effects.js';
import type { KeyValue, RuleAction, RuleCondition, RuleConditionType } from './rule-types.js';
import { sanitizeForTerminal } from './text.js';

const WORD_TABLE = {
  Host: { en: 'Host', 'zh-CN': '域名' },
  Path: { en: 'Path', 'zh-CN': '路径' },
  Header: { en: 'Header', 'zh-CN': 'HTTP标头' },
  QueryString: { en: 'Query', 'zh-CN': '查询字符串' },
  Method: { en: 'Method', 'zh-CN': '请求方法' },
  Cookie: { en: 'Cookie', 'zh-CN': 'Cookie' },
  SourceIp: { en: 'Source IP', 'zh-CN': '源IP' },
  ResponseHeader: { en: 'Response header', 'zh-CN': '响应标头' },
  ResponseStatusCode: { en: 'Response status', 'zh-CN': '响应状态码' },
  redirect: { en: 'redirect', 'zh-CN': '重定向' },
  fixed: { en: 'fixed', 'zh-CN': '固定响应' },
  rewrite: { en: 'rewrite', 'zh-CN': '重写' },
  insertHeader: { en: '+header', 'zh-CN': '写入标头' },
  removeHeader: { en: '−header', 'zh-CN': '删除标头' },
  limit: { en: 'limit', 'zh-CN': '限速' },
  perIp: { en: 'per IP', 'zh-CN': '每IP' },
  mirror: { en: 'mirror', 'zh-CN': '流量镜像' },
  cors: { en: 'CORS', 'zh-CN': '跨域' },
  noConditions: { en: 'every request', 'zh-CN': '所有请求' },
  noAction: { en: '(no action)', 'zh-CN': '（无动作）' },
} satisfies Record<string, Localized>;

const WORDS = {
  say: (lang: Lang, key: keyof typeof WORD_TABLE): string => WORD_TABLE[key][lang],
};

/** A condition's kind in the user's language (`Host`, `域名`). */
export function conditionWord(type: RuleConditionType, lang: Lang): string {
  return WORDS.say(lang, type);
}

const s = sanitizeForTerminal;
/** Between conditions, between actions, between values of one condition. */
const AND = ' · ';
const OR = '|';

export type GroupNames = ReadonlyMap<string, string>;

const NO_NAMES: GroupNames = new Map();

const pairs = (values: readonly KeyValue[]) =>
  values.map((pair) => `${s(pair.key)}=${s(pair.value)}`).join(OR);

/** One condition: its kind in the user's language, then its values, alternatives joined by `|`. */
export function conditionText(condition: RuleCondition, lang: Lang): string {
  const word = WORDS.say(lang, condition.type);
  switch (condition.type) {
    case 'Host':
      return `${word} ${condition.hostConfig.values.map(s).join(OR)}`;
    case 'Path':
      return `${word} ${condition.pathConfig.values.map(s).join(OR)}`;
    case 'Method':
      return `${word} ${condition.methodConfig.values.map(s).join(OR)}`;
    case 'SourceIp':
      return `${word} ${condition.sourceIpConfig.values.map(s).join(OR)}`;
    case 'Header':
      return `${word} ${s(condition.headerConfig.key)}=${condition.headerConfig.values.map(s).join(OR)}`;
    case 'ResponseHeader':
      return `${word} ${s(condition.responseHeaderConfig.key)}=${condition.responseHeaderConfig.values.map(s).join(OR)}`;
    case 'QueryString':
      return `${word} ${pairs(condition.queryStringConfig.values)}`;
    case 'Cookie':
      return `${word} ${pairs(condition.cookieConfig.values)}`;
    case 'ResponseStatusCode':
      return `${word} ${condition.responseStatusCodeConfig.values.map(s).join(OR)}`;
  }
}

/** `80% sg-api-v2, 20% sg-api-v1`; one group alone by its name. Weights absent count as 100. */
export function groupsText(
  tuples: readonly { serverGroupId: string; weight?: number }[],
  names: GroupNames,
): string {
  const name = (id: string) => s(names.get(id) ?? id);
  if (tuples.length === 1) return name(tuples[0]!.serverGroupId);
  const total = tuples.reduce((sum, tuple) => sum + (tuple.weight ?? 100), 0);
  return tuples
    .map((tuple) => {
      const share = total === 0 ? 0 : Math.round(((tuple.weight ?? 100) * 100) / total);
      return `${share}% ${name(tuple.serverGroupId)}`;
    })
    .join(', ');
}

/** A redirect's target with the parts it keeps as `${…}` (the API's defaults). */
export function redirectTarget(config: Extract<RuleAction, { type: 'Redirect' }>['redirectConfig']): string {
  const protocol = s(config.protocol ?? '${protocol}').toLowerCase();
  const host = s(config.host ?? '${host}');
  const port = s(config.port ?? '${port}');
  const path = s(config.path ?? '${path}');
  const query = s(config.query ?? '${query}');
  return `${protocol}://${host}:${port}${path}${query ? `?${query}` : ''}`;
}

export function actionText(action: RuleAction, lang: Lang, names: GroupNames = NO_NAMES): string {
  switch (action.type) {
    case 'ForwardGroup':
      return groupsText(action.forwardGroupConfig.serverGroupTuples, names);
    case 'Redirect':
      return `${WORDS.say(lang, 'redirect')} ${s(action.redirectConfig.httpCode ?? DEFAULT_REDIRECT_CODE)} ${redirectTarget(action.redirectConfig)}`;
    case 'FixedResponse': {
      const config = action.fixedResponseConfig;
      const body = config.content ? ` “${s(config.content).slice(0, 40)}”` : '';
      return `${WORDS.say(lang, 'fixed')} ${s(config.httpCode)}${body}`;
    }
    case 'Rewrite': {
      const config = action.rewriteConfig;
      const parts = [config.host && `host ${s(config.host)}`, config.path && `path ${s(config.path)}`];
      if (config.query) parts.push(`query ${s(config.query)}`);
      return `${WORDS.say(lang, 'rewrite')} ${parts.filter(Boolean).join(' ')}`.trimEnd();
    }
    case 'InsertHeader':
      return `${WORDS.say(lang, 'insertHeader')} ${s(action.insertHeaderConfig.key)}: ${s(action.insertHeaderConfig.value)}`;
    case 'RemoveHeader':
      return `${WORDS.say(lang, 'removeHeader')} ${s(action.removeHeaderConfig.key)}`;
    case 'TrafficLimit': {
      const { qps, perIpQps } = action.trafficLimitConfig;
      const parts = [qps === undefined ? '' : `${qps} QPS`];
      if (perIpQps !== undefined) parts.push(`${WORDS.say(lang, 'perIp')} ${perIpQps} QPS`);
      return `${WORDS.say(lang, 'limit')} ${parts.filter(Boolean).join(', ')}`;
    }
    case 'TrafficMirror':
      return `${WORDS.say(lang, 'mirror')} ${groupsText(action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples, names)}`;
    case 'Cors':
      return `${WORDS.say(lang, 'cors')} ${action.corsConfig.allowOrigin.map(s).join(OR)}`;
  }
}

export function conditionsText(conditions: readonly RuleCondition[], lang: Lang): string {
  if (conditions.length === 0) return WORDS.say(lang, 'noConditions');
  return conditions.map((condition) => conditionText(condition, lang)).join(AND);
}

/** The actions in the order they run (by `order`): the final one last. */
export function actionsText(
  actions: readonly RuleAction[],
  lang: Lang,
  names: GroupNames = NO_NAMES,
): string {
  if (actions.length === 0) return WORDS.say(lang, 'noAction');
  return [...actions]
    .sort((a, b) => a.order - b.order)
    .map((action) => actionText(action, lang, names))
    .join(AND);
}

/** The whole rule in one line: conditions → actions. */
export function ruleSummary(
  rule: { ruleConditions: readonly RuleCondition[]; ruleActions: readonly RuleAction[] },
  lang: Lang,
  names: GroupNames = NO_NAMES,
): string {
  return `${conditionsText(rule.ruleConditions, lang)} → ${actionsText(rule.ruleActions, lang, names)}`;
}

/** The summary's words, for the texts that say what a matched rule does (the request tester). */
export const SUMMARY_WORDS = WORDS;
