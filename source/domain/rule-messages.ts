// The messages of the forwarding-rule checks, in English and Simplified Chinese (the console's terms:
// 转发规则, 优先级, 转发条件, 转发动作, 服务器组, 域名, 路径, 标头).
import { both, type Localized } from './i18n.js';
import type { LoadBalancerEdition } from './resources.js';
import { describeCharacter } from './text-rules.js';

/** The things a rule message names, as the console labels them. */
export const RULE_LABELS = {
  rules: both('Rules', '转发规则'),
  rule: both('Rule', '转发规则'),
  ruleName: both('Rule name', '转发规则名称'),
  priority: both('Priority', '优先级'),
  direction: both('Direction', '方向'),
  conditions: both('Conditions', '转发条件'),
  condition: both('Condition', '转发条件'),
  conditionType: both('Condition type', '转发条件类型'),
  actions: both('Actions', '转发动作'),
  action: both('Action', '转发动作'),
  actionType: both('Action type', '转发动作类型'),
  order: both('Action order', '动作顺序'),
  host: both('Host', '域名'),
  path: both('Path', '路径'),
  headerKey: both('Header name', '标头名称'),
  headerValue: both('Header value', '标头值'),
  queryKey: both('Query key', '查询字符串键'),
  queryValue: both('Query value', '查询字符串值'),
  cookieKey: both('Cookie name', 'Cookie 键'),
  cookieValue: both('Cookie value', 'Cookie 值'),
  method: both('HTTP method', 'HTTP 请求方法'),
  sourceIp: both('Source IP', '源 IP'),
  responseHeaderKey: both('Response header name', '响应标头名称'),
  responseHeaderValue: both('Response header value', '响应标头值'),
  statusCode: both('Response status code', '响应状态码'),
  values: both('Values', '取值'),
  serverGroups: both('Server groups', '服务器组'),
  serverGroupId: both('Server group', '服务器组'),
  weight: both('Weight', '权重'),
  stickyTimeout: both('Session persistence timeout', '会话保持超时时间'),
  redirectCode: both('Redirect code', '重定向状态码'),
  redirectHost: both('Redirect host', '重定向域名'),
  redirectPath: both('Redirect path', '重定向路径'),
  redirectPort: both('Redirect port', '重定向端口'),
  redirectProtocol: both('Redirect protocol', '重定向协议'),
  redirectQuery: both('Redirect query', '重定向查询字符串'),
  rewriteHost: both('Rewrite host', '重写域名'),
  rewritePath: both('Rewrite path', '重写路径'),
  rewriteQuery: both('Rewrite query', '重写查询字符串'),
  fixedCode: both('Fixed response code', '固定响应状态码'),
  fixedContent: both('Fixed response body', '固定响应内容'),
  fixedContentType: both('Fixed response content type', '固定响应内容类型'),
  insertKey: both('Inserted header name', '写入标头名称'),
  insertValue: both('Inserted header value', '写入标头值'),
  insertValueType: both('Inserted header value type', '写入标头值类型'),
  removeKey: both('Removed header name', '删除标头名称'),
  qps: both('QPS', 'QPS'),
  perIpQps: both('Per-IP QPS', '单 IP QPS'),
  mirrorGroup: both('Mirror server group', '镜像服务器组'),
  mirrorTargetType: both('Mirror target type', '镜像目标类型'),
  corsOrigin: both('CORS allowed origin', '跨域允许来源'),
  corsMethod: both('CORS allowed method', '跨域允许方法'),
  corsHeader: both('CORS header', '跨域标头'),
  corsCredentials: both('CORS credentials', '跨域携带凭证'),
  corsMaxAge: both('CORS max age', '跨域预检缓存时间'),
  tags: both('Tags', '标签'),
  tagKey: both('Tag key', '标签键'),
  tagValue: both('Tag value', '标签值'),
  ruleId: both('Rule ID', '转发规则 ID'),
} as const satisfies Record<string, Localized>;
export type RuleLabel = keyof typeof RULE_LABELS;

const CONDITION_NAMES: Record<string, Localized> = {
  Host: both('Host', '域名'),
  Path: both('Path', '路径'),
  Header: both('Header', 'HTTP 标头'),
  QueryString: both('Query string', '查询字符串'),
  Method: both('HTTP method', 'HTTP 请求方法'),
  Cookie: both('Cookie', 'Cookie'),
  SourceIp: both('Source IP', '源 IP'),
  ResponseHeader: both('Response header', '响应标头'),
  ResponseStatusCode: both('Response status code', '响应状态码'),
};
const ACTION_NAMES: Record<string, Localized> = {
  ForwardGroup: both('Forward to server groups', '转发至服务器组'),
  Redirect: both('Redirect', '重定向'),
  FixedResponse: both('Fixed response', '返回固定响应'),
  Rewrite: both('Rewrite', '重写'),
  InsertHeader: both('Insert header', '写入标头'),
  RemoveHeader: both('Remove header', '删除标头'),
  TrafficLimit: both('Traffic limit', '流量限速'),
  TrafficMirror: both('Traffic mirror', '流量镜像'),
  Cors: both('CORS', '跨域'),
};

export function conditionName(type: string): Localized {
  return CONDITION_NAMES[type] ?? both(type, type);
}
export function actionName(type: string): Localized {
  return ACTION_NAMES[type] ?? both(type, type);
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = [...text].slice(0, 32).join('');
  // Control characters never reach the terminal raw.
  const safe = [...cut].map((c) => (/[\x00-\x1f\x7f-\x9f]/.test(c) ? describeCharacter(c) : c)).join('');
  return JSON.stringify(safe + (cut.length < text.length ? '…' : ''));
}

function got(value: unknown): Localized {
  if (value === undefined) return both('', '');
  return both(` (got ${shown(value)})`, `（当前为 ${shown(value)}）`);
}

const EDITIONS: Record<LoadBalancerEdition, Localized> = {
  Basic: both('Basic', '基础版'),
  Standard: both('Standard', '标准版'),
  StandardWithWaf: both('WAF-enabled', 'WAF 增强版'),
};

export interface RuleMention {
  ruleId?: string;
  ruleName?: string;
}

function ruleMention(rule: RuleMention, lang: 'en' | 'zh-CN'): string {
  const name = rule.ruleName ? (lang === 'en' ? `“${rule.ruleName}”` : `「${rule.ruleName}」`) : '';
  const id = rule.ruleId
    ? name
      ? lang === 'en'
        ? ` (${rule.ruleId})`
        : `（${rule.ruleId}）`
      : rule.ruleId
    : '';
  return `${name}${id}` || (lang === 'en' ? 'another rule' : '另一条转发规则');
}

export const ruleMessages = {
  required(what: RuleLabel): Localized {
    const l = RULE_LABELS[what];
    return both(`${l.en} is required`, `请填写${l['zh-CN']}`);
  },
  notAList(what: RuleLabel): Localized {
    const l = RULE_LABELS[what];
    return both(`${l.en} must be a list`, `${l['zh-CN']}须为列表`);
  },
  notAnObject(what: RuleLabel): Localized {
    const l = RULE_LABELS[what];
    return both(`${l.en} must be an object with its fields`, `${l['zh-CN']}格式不正确`);
  },
  integerRange(what: RuleLabel, min: number, max: number, value: unknown): Localized {
    const l = RULE_LABELS[what];
    const g = got(value);
    return both(
      `${l.en} must be a whole number from ${min} to ${max}${g.en}`,
      `${l['zh-CN']}须为 ${min}~${max} 之间的整数${g['zh-CN']}`,
    );
  },
  lengthRange(what: RuleLabel, min: number, max: number, length: number): Localized {
    const l = RULE_LABELS[what];
    return both(
      `${l.en} must be ${min}–${max} characters (now ${length})`,
      `${l['zh-CN']}长度须为 ${min}~${max} 个字符（当前 ${length} 个）`,
    );
  },
  characters(what: RuleLabel, allowed: Localized, bad?: string): Localized {
    const l = RULE_LABELS[what];
    const c = bad === undefined ? undefined : describeCharacter(bad);
    const zhC = c === 'space' ? '空格' : c;
    return both(
      `${l.en} may contain ${allowed.en} only${c ? ` (${c} is not allowed)` : ''}`,
      `${l['zh-CN']}只能包含${allowed['zh-CN']}${zhC ? `（不允许 ${zhC}）` : ''}`,
    );
  },
  format(what: RuleLabel, rule: Localized, value: unknown): Localized {
    const l = RULE_LABELS[what];
    const g = got(value);
    return both(`${l.en}: ${rule.en}${g.en}`, `${l['zh-CN']}：${rule['zh-CN']}${g['zh-CN']}`);
  },
  oneOf(what: RuleLabel, allowed: readonly string[], value: unknown): Localized {
    const l = RULE_LABELS[what];
    const g = got(value);
    return both(
      `${l.en} must be one of ${allowed.join(', ')}${g.en}`,
      `${l['zh-CN']}须为 ${allowed.join('、')} 之一${g['zh-CN']}`,
    );
  },
  tooMany(what: RuleLabel, max: number, count: number): Localized {
    const l = RULE_LABELS[what];
    return both(
      `At most ${max} ${l.en.toLowerCase()} (now ${count})`,
      `${l['zh-CN']}最多 ${max} 个（当前 ${count} 个）`,
    );
  },
  tooFew(what: RuleLabel, min: number): Localized {
    const l = RULE_LABELS[what];
    return both(`At least ${min} ${l.en.toLowerCase()}`, `${l['zh-CN']}至少 ${min} 个`);
  },
  duplicate(what: RuleLabel, value: unknown): Localized {
    const l = RULE_LABELS[what];
    return both(`${l.en} ${shown(value)} appears twice`, `${l['zh-CN']} ${shown(value)} 重复`);
  },
  rulesPerCall(max: number, count: number): Localized {
    return both(
      `At most ${max} rules a call (now ${count}); send them in batches of ${max}`,
      `每次调用最多 ${max} 条转发规则（当前 ${count} 条），请分批提交`,
    );
  },
  priorityTaken(priority: number, holder: RuleMention): Localized {
    return both(
      `Priority ${priority} is already held by rule ${ruleMention(holder, 'en')}`,
      `优先级 ${priority} 已被转发规则${ruleMention(holder, 'zh-CN')}占用`,
    );
  },
  priorityTwice(priority: number, otherIndex: number): Localized {
    return both(
      `Priority ${priority} is also given to rule ${otherIndex + 1} of this change`,
      `优先级 ${priority} 与本次提交的第 ${otherIndex + 1} 条转发规则重复`,
    );
  },
  basicNoResponseRules(): Localized {
    return both(
      'Basic-edition instances take Request rules only (Direction Response needs Standard or WAF-enabled)',
      '基础版实例不支持响应方向（Response）的转发规则，请使用标准版或 WAF 增强版',
    );
  },
  conditionWrongDirection(type: string, direction: string): Localized {
    const n = conditionName(type);
    return direction === 'Response'
      ? both(
          `A Response rule matches only on response headers and status codes, not ${n.en}`,
          `响应方向的转发规则只能使用响应标头和响应状态码条件，不能使用${n['zh-CN']}`,
        )
      : both(`${n.en} conditions belong to Response rules`, `${n['zh-CN']}条件只能用于响应方向的转发规则`);
  },
  actionWrongDirection(type: string): Localized {
    const n = actionName(type);
    return both(
      `A Response rule can only insert or remove headers, not ${n.en}`,
      `响应方向的转发规则只能写入或删除标头，不能${n['zh-CN']}`,
    );
  },
  unknownType(what: 'conditionType' | 'actionType', value: unknown, allowed: readonly string[]): Localized {
    return ruleMessages.oneOf(what, allowed, value);
  },
  configMissing(type: string, config: string): Localized {
    return both(`${type} needs its ${config}`, `${type} 须填写 ${config}`);
  },
  quota(
    kind: 'conditions' | 'actions' | 'wildcards',
    edition: LoadBalancerEdition,
    max: number,
    count: number,
  ): Localized {
    const e = EDITIONS[edition];
    const what = {
      conditions: both('conditions', '个转发条件'),
      actions: both('actions', '个转发动作'),
      wildcards: both('wildcards (* and ?) in its conditions', '个通配符（* 和 ?）'),
    }[kind];
    return both(
      `A rule on a ${e.en} instance takes at most ${max} ${what.en} (now ${count})`,
      `${e['zh-CN']}实例的每条转发规则最多 ${max} ${what['zh-CN']}（当前 ${count} 个）`,
    );
  },
  sourceIpsPerRule(max: number, count: number): Localized {
    return both(
      `A rule takes at most ${max} source IPs across its conditions (now ${count})`,
      `每条转发规则最多 ${max} 个源 IP（当前 ${count} 个）`,
    );
  },
  finalMissing(): Localized {
    return both(
      'A rule needs exactly one final action: forward to server groups, redirect or fixed response',
      '转发规则须有且仅有一个终结动作：转发至服务器组、重定向或返回固定响应',
    );
  },
  finalTwice(first: string, second: string): Localized {
    return both(
      `Only one final action per rule: ${actionName(first).en} and ${actionName(second).en} both end it`,
      `每条转发规则只能有一个终结动作：${actionName(first)['zh-CN']}与${actionName(second)['zh-CN']}不能并存`,
    );
  },
  finalNotLast(type: string, after: string): Localized {
    return both(
      `${actionName(type).en} ends the rule, so it must come last (its order is before ${actionName(after).en})`,
      `${actionName(type)['zh-CN']}是终结动作，须最后执行（其顺序排在${actionName(after)['zh-CN']}之前）`,
    );
  },
  onceOnly(type: string): Localized {
    return both(
      `A rule takes one ${actionName(type).en} action`,
      `每条转发规则只能有一个${actionName(type)['zh-CN']}动作`,
    );
  },
  rewriteNeedsForward(): Localized {
    return both(
      'A Rewrite needs a forward-to-server-groups action in the same rule',
      '重写动作须与转发至服务器组动作同时配置',
    );
  },
  weightsRequired(): Localized {
    return both(
      'With more than one server group, give each a weight (0–100)',
      '转发至多个服务器组时须为每个服务器组设置权重（0~100）',
    );
  },
  groupsMixedProtocol(protocols: readonly string[]): Localized {
    return both(
      `The server groups of one forward action must share a protocol (found ${protocols.join(', ')})`,
      `同一转发动作中的服务器组协议须一致（当前为 ${protocols.join('、')}）`,
    );
  },
  grpcNeedsHttp2(groupId: string): Localized {
    return both(
      `gRPC server group ${groupId} needs HTTP/2 on the HTTPS listener`,
      `gRPC 服务器组 ${groupId} 要求 HTTPS 监听开启 HTTP/2`,
    );
  },
  mirrorHttpOnly(groupId: string, protocol: string): Localized {
    return both(
      `Traffic can be mirrored to HTTP server groups only (${groupId} is ${protocol})`,
      `流量镜像只能使用 HTTP 协议的服务器组（${groupId} 为 ${protocol}）`,
    );
  },
  mirrorIpGroup(groupId: string): Localized {
    return both(
      `Traffic cannot be mirrored to an IP-type server group (${groupId})`,
      `流量镜像不能使用 IP 类型的服务器组（${groupId}）`,
    );
  },
  mirrorSameAsForward(groupId: string): Localized {
    return both(
      `Server group ${groupId} cannot both receive and mirror the traffic`,
      `服务器组 ${groupId} 不能同时用于转发和流量镜像`,
    );
  },
  redirectAllDefault(): Localized {
    return both(
      'A redirect must change at least one of host, path, port, protocol or query (all defaults would loop)',
      '重定向的域名、路径、端口、协议和查询字符串不能全部为默认值（否则会循环跳转）',
    );
  },
  redirectHttpsOnly(protocol: string): Localized {
    return both(
      `An HTTPS listener can redirect to HTTPS only (got ${protocol})`,
      `HTTPS 监听只能重定向到 HTTPS 协议（当前为 ${protocol}）`,
    );
  },
  variableTwice(variable: string): Localized {
    return both(`${variable} may appear at most once`, `${variable} 最多只能出现一次`);
  },
  variableAlone(variable: string): Localized {
    return both(`${variable} cannot be combined with other text`, `${variable} 不能与其他字符拼接`);
  },
  reservedHeader(name: string): Localized {
    return both(
      `Header ${shown(name)} is reserved and cannot be set or removed by a rule`,
      `标头 ${shown(name)} 为保留字段，不能通过转发规则写入或删除`,
    );
  },
  headerKeyHostCookie(name: string): Localized {
    return both(
      `Match Host and Cookie with their own condition types, not as a header (${shown(name)})`,
      `域名和 Cookie 请使用各自的条件类型，不能作为标头匹配（${shown(name)}）`,
    );
  },
  perIpBelowQps(perIp: number, qps: number): Localized {
    return both(
      `Per-IP QPS (${perIp}) must be below the QPS (${qps})`,
      `单 IP QPS（${perIp}）须小于 QPS（${qps}）`,
    );
  },
  trafficLimitEmpty(): Localized {
    return both('A traffic limit needs a QPS, a per-IP QPS or both', '流量限速须设置 QPS 或单 IP QPS');
  },
  contentTooLong(bytes: number, max: number): Localized {
    return both(
      `Fixed response body must be at most ${max} bytes (now ${bytes})`,
      `固定响应内容最多 ${max} 字节（当前 ${bytes} 字节）`,
    );
  },
  contentNotAscii(): Localized {
    return both('Fixed response body must be ASCII text', '固定响应内容只能包含 ASCII 字符');
  },
  sourceIp(value: unknown): Localized {
    return ruleMessages.format(
      'sourceIp',
      both('an IPv4 or IPv6 address or CIDR block (10.0.0.0/8)', 'IPv4 或 IPv6 地址或网段（如 10.0.0.0/8）'),
      value,
    );
  },
  serverGroupNotFound(groupId: string): Localized {
    return both(`Server group ${groupId} does not exist`, `服务器组 ${groupId} 不存在`);
  },
  ruleNotFound(ruleId: string): Localized {
    return both(`Rule ${ruleId} does not exist`, `转发规则 ${ruleId} 不存在`);
  },
  ruleBusy(ruleId: string, status: string): Localized {
    return both(
      `Rule ${ruleId} is ${status}; try again once it is Available`,
      `转发规则 ${ruleId} 正在${status === 'Provisioning' ? '创建' : '变更'}中（${status}），请在其变为 Available 后重试`,
    );
  },
  listenerInconsistent(): Localized {
    return both(
      'The rules of one call must all belong to the same listener',
      '一次调用中的转发规则须属于同一个监听',
    );
  },
  crossLoadBalancer(): Localized {
    return both(
      'The rules of one call must all belong to the same instance',
      '一次调用中的转发规则须属于同一个实例',
    );
  },
  ruleQuota(max: number): Localized {
    return both(
      `The instance already has its maximum of ${max} rules`,
      `该实例的转发规则数量已达上限 ${max} 条`,
    );
  },
};
