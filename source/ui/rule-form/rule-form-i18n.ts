// The rule form's words in English and Simplified Chinese (the console's terms: 转发规则, 优先级,
// 转发至, 重定向至, 返回固定响应, 会话保持…).
import type { Lang, Localized } from '../../domain/i18n.js';
import type { RuleActionType, RuleConditionType } from '../../domain/rule-types.js';
import { textTable, type TextParams } from '../text-table.js';

const TEXT = {
  titleNew: { en: 'New rule · {listener} · {instance}', 'zh-CN': '新建转发规则 · {listener} · {instance}' },
  titleEdit: {
    en: 'Edit rule {rule} · {listener} · {instance}',
    'zh-CN': '编辑转发规则 {rule} · {listener} · {instance}',
  },
  loading: {
    en: 'Loading listener {id}, its rules and server groups…',
    'zh-CN': '正在加载监听 {id}、其转发规则和服务器组…',
  },
  ruleGone: {
    en: 'Rule {id} is not on this listener (deleted?).',
    'zh-CN': '该监听上没有规则 {id}（可能已被删除）。',
  },
  loadFailed: {
    en: 'Could not load: {reason} · r retry · Esc back',
    'zh-CN': '加载失败：{reason} · r 重试 · Esc 返回',
  },
  ruleName: { en: 'Rule name', 'zh-CN': '规则名称' },
  priority: { en: 'Priority', 'zh-CN': '优先级' },
  direction: { en: 'Direction', 'zh-CN': '方向' },
  Request: { en: 'Request', 'zh-CN': '请求' },
  Response: { en: 'Response', 'zh-CN': '响应' },
  conditions: { en: 'Conditions (all must match)', 'zh-CN': '转发条件（须全部满足）' },
  actions: { en: 'Actions (in this order)', 'zh-CN': '转发动作（按此顺序执行）' },
  quota: { en: '{used}/{max}', 'zh-CN': '{used}/{max}' },
  wildcards: { en: 'wildcards {used}/{max}', 'zh-CN': '通配符 {used}/{max}' },
  edition: { en: '{edition} edition', 'zh-CN': '{edition}' },
  Basic: { en: 'Basic', 'zh-CN': '基础版' },
  Standard: { en: 'Standard', 'zh-CN': '标准版' },
  StandardWithWaf: { en: 'WAF-enabled', 'zh-CN': 'WAF增强版' },
  sectionHint: { en: 'a add', 'zh-CN': 'a 添加' },
  itemHint: { en: '⏎ type · a add · x remove · K/J move', 'zh-CN': '⏎ 类型 · a 添加 · x 删除 · K/J 移动' },
  groupHint: { en: '⏎ pick · a add group · x remove', 'zh-CN': '⏎ 选择 · a 添加服务器组 · x 删除' },
  valueHint: { en: '⏎ next value · ⌫ on empty removes', 'zh-CN': '⏎ 下一个值 · 空值时 ⌫ 删除' },
  value: { en: 'value', 'zh-CN': '值' },
  headerKey: { en: 'Header name', 'zh-CN': '标头名称' },
  serverGroup: { en: 'Server group', 'zh-CN': '服务器组' },
  weight: { en: 'Weight', 'zh-CN': '权重' },
  share: { en: '{percent}% of requests', 'zh-CN': '{percent}% 的请求' },
  groupRequired: { en: 'Pick a server group (⏎)', 'zh-CN': '请选择服务器组（按 ⏎）' },
  pickGroup: { en: '(pick one: ⏎)', 'zh-CN': '（按 ⏎ 选择）' },
  sticky: { en: 'Session persistence', 'zh-CN': '会话保持' },
  stickyTimeout: { en: 'Persistence timeout (s)', 'zh-CN': '会话保持超时时间（秒）' },
  httpCode: { en: 'Status code', 'zh-CN': '状态码' },
  protocol: { en: 'Protocol', 'zh-CN': '协议' },
  host: { en: 'Host', 'zh-CN': '域名' },
  port: { en: 'Port', 'zh-CN': '端口' },
  path: { en: 'Path', 'zh-CN': '路径' },
  query: { en: 'Query', 'zh-CN': '查询字符串' },
  contentType: { en: 'Content type', 'zh-CN': '内容类型' },
  content: { en: 'Body', 'zh-CN': '响应内容' },
  key: { en: 'Header name', 'zh-CN': '标头名称' },
  valueType: { en: 'Value type', 'zh-CN': '取值类型' },
  qps: { en: 'QPS limit', 'zh-CN': 'QPS 限速值' },
  perIpQps: { en: 'Per-IP QPS limit', 'zh-CN': '单个源IP QPS 限速值' },
  allowOrigin: { en: 'Allowed origins (a, b)', 'zh-CN': '允许的访问来源（以逗号分隔）' },
  allowMethods: { en: 'Allowed methods (GET, POST)', 'zh-CN': '允许的HTTP方法（以逗号分隔）' },
  allowHeaders: { en: 'Allowed headers', 'zh-CN': '允许的请求头' },
  exposeHeaders: { en: 'Exposed headers', 'zh-CN': '允许暴露的头' },
  allowCredentials: { en: 'Allow credentials', 'zh-CN': '是否允许携带凭证' },
  maxAge: { en: 'Preflight cache (s)', 'zh-CN': '预检请求缓存时间（秒）' },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },
  priorityTaken: {
    en: 'Priority {priority} is held by rule “{name}” ({id})',
    'zh-CN': '优先级 {priority} 已被规则“{name}”（{id}）占用',
  },
  prioritySuggested: { en: 'first free: {priority}', 'zh-CN': '首个可用：{priority}' },
  typePickerCondition: {
    en: 'Condition type (⏎ choose · Esc cancel)',
    'zh-CN': '条件类型（⏎ 选择 · Esc 取消）',
  },
  typePickerAction: { en: 'Action type (⏎ choose · Esc cancel)', 'zh-CN': '动作类型（⏎ 选择 · Esc 取消）' },
  groupPicker: {
    en: 'Server groups in {vpc} (type to filter · ⏎ choose · Esc cancel)',
    'zh-CN': '{vpc} 中的服务器组（输入以筛选 · ⏎ 选择 · Esc 取消）',
  },
  noGroups: { en: 'No server group matches.', 'zh-CN': '没有匹配的服务器组。' },
  groupFacts: { en: '{protocol} · {servers} servers', 'zh-CN': '{protocol} · {servers} 台服务器' },
  formKeys: {
    en: '↑↓ move · ⏎ next · ^s review · E edit as YAML · Esc leave (the draft is kept)',
    'zh-CN': '↑↓ 移动 · ⏎ 下一项 · ^s 预览 · E 以 YAML 编辑 · Esc 离开（草稿会保留）',
  },
  reviewTitleNew: { en: 'Review: the rule to create', 'zh-CN': '预览：将创建的转发规则' },
  reviewTitleEdit: { en: 'Review: changes ({count})', 'zh-CN': '预览：变更（{count} 项）' },
  nothingToChange: {
    en: 'Nothing to change: the form is the rule as it is.',
    'zh-CN': '没有变更：表单与规则当前配置一致。',
  },
  reviewKeys: {
    en: '^s submit · p precheck again · E edit as YAML · ↑↓ scroll · Esc back to the form',
    'zh-CN': '^s 提交 · p 重新预检 · E 以 YAML 编辑 · ↑↓ 滚动 · Esc 返回表单',
  },
  precheckRunning: { en: 'Precheck (DryRun) running…', 'zh-CN': '正在预检（DryRun）…' },
  precheckPassed: {
    en: 'Precheck passed: the service would accept it.',
    'zh-CN': '预检通过：服务端将接受此请求。',
  },
  precheckFailed: { en: 'Precheck failed: {reason}', 'zh-CN': '预检未通过：{reason}' },
  invalid: {
    en: 'Not ready: {count} problem(s) in the form (shown under the fields).',
    'zh-CN': '尚不能提交：表单中有 {count} 个问题（见各字段下方）。',
  },
  submitting: {
    en: 'Sending (ClientToken {token}, the same on every retry)…',
    'zh-CN': '正在提交（ClientToken {token}，重试时保持不变）…',
  },
  provisioning: {
    en: 'Rule {id} is {status}: waiting for Available…',
    'zh-CN': '规则 {id} 状态为 {status}：等待变为 Available…',
  },
  created: {
    en: 'Rule {id} created; it is Available.',
    'zh-CN': '转发规则 {id} 已创建，当前状态为 Available。',
  },
  updated: {
    en: 'Rule {id} changed; it is Available.',
    'zh-CN': '转发规则 {id} 已修改，当前状态为 Available。',
  },
  submitFailed: { en: 'Not sent: {reason}', 'zh-CN': '未提交：{reason}' },
  submitFailedRetry: {
    en: 'Failed: {reason} · r retries with the same ClientToken',
    'zh-CN': '失败：{reason} · 按 r 以相同 ClientToken 重试',
  },
  confirm: {
    en: 'Production: type the listener port {port} to {verb} this rule on {listener}, then ⏎',
    'zh-CN': '生产环境：输入监听端口 {port} 以{verb}{listener}上的此规则，然后按 ⏎',
  },
  confirmWrong: {
    en: 'That is not {port}: type the listener port to confirm.',
    'zh-CN': '输入的不是 {port}：请输入监听端口以确认。',
  },
  verbCreate: { en: 'create', 'zh-CN': '创建' },
  verbUpdate: { en: 'change', 'zh-CN': '修改' },
  readOnly: {
    en: 'This connection is read-only: nothing is sent.',
    'zh-CN': '当前连接为只读：不会提交任何变更。',
  },
  resumeTitle: {
    en: 'An unfinished form for this rule was kept ({when}).',
    'zh-CN': '此规则有一份未完成的表单（{when}）。',
  },
  resumeKeys: {
    en: '⏎ or r resume it · n start afresh (the kept form is replaced once you change something) · d discard it · Esc back',
    'zh-CN': '⏎ 或 r 继续 · n 重新开始（修改后将替换保留的表单）· d 丢弃 · Esc 返回',
  },
  draftUnsaved: { en: 'The draft cannot be kept: {reason}', 'zh-CN': '无法保留草稿：{reason}' },
  yamlCancelled: { en: 'Edit as YAML: nothing changed.', 'zh-CN': '以 YAML 编辑：未做修改。' },
  changeAdded: { en: '+ {what}', 'zh-CN': '+ {what}' },
  new: { en: '(new)', 'zh-CN': '（新）' },
  none: { en: '(none)', 'zh-CN': '（无）' },
  final: { en: 'final', 'zh-CN': '最终动作' },
} satisfies Record<string, Localized>;

export type RuleFormTextKey = keyof typeof TEXT;
const table = textTable(TEXT);
export const ruleFormTexts = TEXT;

export function formText(key: RuleFormTextKey, params?: TextParams): Localized {
  return table.text(key, params);
}

export function fsay(lang: Lang, key: RuleFormTextKey, params?: TextParams): string {
  return table.say(lang, key, params);
}

const CONDITION_NAMES: Record<RuleConditionType, Localized> = {
  Host: { en: 'Host', 'zh-CN': '域名' },
  Path: { en: 'Path', 'zh-CN': '路径' },
  Header: { en: 'HTTP header', 'zh-CN': 'HTTP标头' },
  QueryString: { en: 'Query string', 'zh-CN': '查询字符串' },
  Method: { en: 'HTTP method', 'zh-CN': 'HTTP请求方法' },
  Cookie: { en: 'Cookie', 'zh-CN': 'Cookie' },
  SourceIp: { en: 'Source IP', 'zh-CN': '源IP' },
  ResponseHeader: { en: 'Response header', 'zh-CN': '响应标头' },
  ResponseStatusCode: { en: 'Response status code', 'zh-CN': '响应状态码' },
};

const CONDITION_HINTS: Record<RuleConditionType, Localized> = {
  Host: {
    en: 'api.example.com, *.example.com (case-insensitive)',
    'zh-CN': 'api.example.com、*.example.com（不区分大小写）',
  },
  Path: { en: '/v2/*, /img/?.png (case-sensitive)', 'zh-CN': '/v2/*、/img/?.png（区分大小写）' },
  Header: { en: 'a header name and its values', 'zh-CN': '标头名称及其取值' },
  QueryString: { en: 'key=value pairs', 'zh-CN': 'key=value 键值对' },
  Method: { en: 'GET, POST, PUT…', 'zh-CN': 'GET、POST、PUT…' },
  Cookie: { en: 'name=value pairs', 'zh-CN': 'name=value 键值对' },
  SourceIp: { en: '10.0.0.0/8, 192.168.1.1', 'zh-CN': '10.0.0.0/8、192.168.1.1' },
  ResponseHeader: { en: 'a response header and its values', 'zh-CN': '响应标头名称及其取值' },
  ResponseStatusCode: { en: '200, 404, 500-599', 'zh-CN': '200、404、500-599' },
};

const ACTION_NAMES: Record<RuleActionType, Localized> = {
  ForwardGroup: { en: 'Forward to server groups', 'zh-CN': '转发至服务器组' },
  Redirect: { en: 'Redirect', 'zh-CN': '重定向至' },
  FixedResponse: { en: 'Fixed response', 'zh-CN': '返回固定响应' },
  Rewrite: { en: 'Rewrite', 'zh-CN': '重写' },
  InsertHeader: { en: 'Insert header', 'zh-CN': '写入HTTP标头' },
  RemoveHeader: { en: 'Remove header', 'zh-CN': '删除HTTP标头' },
  TrafficLimit: { en: 'Traffic limit', 'zh-CN': '流量限速' },
  TrafficMirror: { en: 'Traffic mirror', 'zh-CN': '流量镜像' },
  Cors: { en: 'CORS', 'zh-CN': '跨域' },
};

export const conditionName = (type: RuleConditionType): Localized => CONDITION_NAMES[type];
export const conditionHint = (type: RuleConditionType): Localized => CONDITION_HINTS[type];
export const actionName = (type: RuleActionType): Localized => ACTION_NAMES[type];
