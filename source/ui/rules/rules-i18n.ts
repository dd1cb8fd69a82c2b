// The rules pane's words, in English and Simplified Chinese (the console's terms: 转发规则, 优先级,
// 转发条件, 转发动作, 域名, 路径, 默认动作).
import { textTable } from '../text-table.js';

export const RULES_TEXT = textTable({
  title: { en: 'Rules · {listener}', 'zh-CN': '转发规则 · {listener}' },
  loading: { en: 'Reading the rules…', 'zh-CN': '正在读取转发规则…' },
  failed: { en: 'Could not read the rules: {reason}', 'zh-CN': '无法读取转发规则：{reason}' },
  none: { en: 'No rule matches.', 'zh-CN': '没有匹配的转发规则。' },
  noneHint: {
    en: 'Every request takes the default action. n adds a rule.',
    'zh-CN': '所有请求都执行默认动作。按 n 添加转发规则。',
  },
  defaultName: { en: '(default action)', 'zh-CN': '（默认动作）' },
  defaultConditions: { en: 'any request no rule takes', 'zh-CN': '其他规则均未匹配的请求' },
  directionRequest: { en: 'request', 'zh-CN': '请求' },
  directionResponse: { en: 'response', 'zh-CN': '响应' },
  sortedBy: { en: 'by {sort}', 'zh-CN': '按{sort}' },
  sortPriority: { en: 'priority', 'zh-CN': '优先级' },
  sortName: { en: 'name', 'zh-CN': '名称' },
  sortStatus: { en: 'status', 'zh-CN': '状态' },
  marked: { en: '{count} marked', 'zh-CN': '已标记 {count} 条' },
  selected: { en: '{id} · priority {priority} · {status}', 'zh-CN': '{id} · 优先级 {priority} · {status}' },

  // Moving
  moveSortFirst: {
    en: 'Rules move in priority order: press P to sort by priority first.',
    'zh-CN': '转发规则按优先级顺序移动：请先按 P 按优先级排序。',
  },
  moveEdge: { en: 'Already at the {end}.', 'zh-CN': '已在{end}。' },
  moveTop: { en: 'top', 'zh-CN': '最前' },
  moveBottom: { en: 'bottom', 'zh-CN': '最后' },
  moveDefault: {
    en: 'The default action always comes last; it has no priority.',
    'zh-CN': '默认动作始终在最后，没有优先级。',
  },
  moveBusy: {
    en: 'A rule is still {status}: wait until it is Available.',
    'zh-CN': '有转发规则仍在{status}：请等待其变为可用。',
  },
  movePlanTitle: {
    en: 'Move “{name}” {direction}: {count} rule(s) renumbered in {calls} call(s)',
    'zh-CN': '将“{name}”{direction}：修改 {count} 条转发规则的优先级，分 {calls} 次调用',
  },
  moveUp: { en: 'up', 'zh-CN': '上移' },
  moveDown: { en: 'down', 'zh-CN': '下移' },
  moveChange: { en: 'priority {from} → {to}', 'zh-CN': '优先级 {from} → {to}' },
  moveParked: {
    en: 'parked on {to} for a moment (a free priority) so no two rules clash',
    'zh-CN': '暂时移到空闲优先级 {to}，避免两条规则优先级冲突',
  },
  moveKeys: {
    en: '^S renumber · Esc back, nothing changed',
    'zh-CN': '^S 修改优先级 · Esc 返回，不做变更',
  },

  // Marks and bulk
  markDefault: {
    en: 'The default action cannot be marked: it belongs to the listener.',
    'zh-CN': '默认动作属于监听，不能标记。',
  },
  deleteTitle: {
    en: 'Delete {count} rule(s) of {listener}? Requests they take fall to the rules after them.',
    'zh-CN': '删除 {listener} 的 {count} 条转发规则？它们匹配的请求将由后面的规则处理。',
  },
  deleteKeys: {
    en: 'y delete · Esc back, nothing changed',
    'zh-CN': 'y 删除 · Esc 返回，不做变更',
  },
  typeCount: {
    en: 'Production: type {count} (the number of rules) and press ⏎: {text}',
    'zh-CN': '生产环境：输入 {count}（转发规则数量）后按 ⏎：{text}',
  },
  typeCountWrong: {
    en: 'That is not {count}: nothing was changed.',
    'zh-CN': '输入的不是 {count}：未做任何变更。',
  },
  readOnly: {
    en: 'This connection is read-only: rules cannot be changed.',
    'zh-CN': '当前连接为只读：不能修改转发规则。',
  },
  nothingMarked: {
    en: 'Mark rules with Space first (or select one).',
    'zh-CN': '请先用空格标记转发规则（或选中一条）。',
  },
  copyPickTitle: {
    en: 'Copy {count} rule(s) to which listeners? (Space marks, ⏎ plans)',
    'zh-CN': '将 {count} 条转发规则复制到哪些监听？（空格标记，⏎ 生成计划）',
  },
  copyPickKeys: {
    en: '↑↓ choose · Space mark · type to filter · ⏎ plan (nothing changes yet) · Esc back',
    'zh-CN': '↑↓ 选择 · 空格 标记 · 输入以筛选 · ⏎ 生成计划（尚不做任何变更）· Esc 返回',
  },
  copyNoTarget: { en: 'Mark at least one listener.', 'zh-CN': '请至少标记一个监听。' },
  copyPlanning: {
    en: 'Reading the rules of the target listeners…',
    'zh-CN': '正在读取目标监听的转发规则…',
  },
  copyPlanTitle: {
    en: 'Copy to {targets} listener(s): {send} rule(s) to create, {clash} held back by a priority clash',
    'zh-CN': '复制到 {targets} 个监听：将创建 {send} 条转发规则，{clash} 条因优先级冲突暂不复制',
  },
  copyClash: {
    en: 'priority {priority} is held by “{holder}” ({holderId}): not sent',
    'zh-CN': '优先级 {priority} 已被“{holder}”（{holderId}）占用：不复制',
  },
  copyWillCreate: { en: 'will be created at priority {priority}', 'zh-CN': '将以优先级 {priority} 创建' },
  copyKeys: {
    en: '^S create the rules · f renumber clashing ones to free priorities · Esc back',
    'zh-CN': '^S 创建转发规则 · f 将冲突的规则改用空闲优先级 · Esc 返回',
  },
  copyRenumbered: {
    en: 'renumbered {from} → {priority} (a free priority after it)',
    'zh-CN': '优先级 {from} → {priority}（其后的空闲优先级）',
  },
  copyNothing: {
    en: 'Nothing to send: every rule clashes (f renumbers them).',
    'zh-CN': '没有可发送的规则：每条都冲突（按 f 改用空闲优先级）。',
  },
  copyFailedRead: {
    en: 'could not read its rules: {reason}',
    'zh-CN': '无法读取其转发规则：{reason}',
  },

  // Runs
  running: { en: '{done}/{total} rule(s) done…', 'zh-CN': '已完成 {done}/{total} 条转发规则…' },
  resultOk: { en: 'done', 'zh-CN': '完成' },
  resultFailed: { en: 'failed: {reason}', 'zh-CN': '失败：{reason}' },
  resultWaiting: { en: 'waiting', 'zh-CN': '等待中' },
  resultSending: { en: 'sending…', 'zh-CN': '正在发送…' },
  resultProvisioning: { en: 'until Available…', 'zh-CN': '等待变为可用…' },
  resultSkipped: { en: 'not sent', 'zh-CN': '未发送' },
  doneTitle: {
    en: '{ok} of {total} done, {failed} failed',
    'zh-CN': '共 {total} 条，完成 {ok} 条，失败 {failed} 条',
  },
  doneKeys: { en: '⏎ / Esc back to the rules (read again)', 'zh-CN': '⏎ / Esc 返回转发规则（重新读取）' },
  clashHolder: {
    en: 'priority {priority} is held by “{holder}” ({holderId})',
    'zh-CN': '优先级 {priority} 已被“{holder}”（{holderId}）占用',
  },

  // The request tester
  testTitle: {
    en: 'Which rule takes this request? · {listener}',
    'zh-CN': '哪条转发规则处理此请求？· {listener}',
  },
  testMethod: { en: 'Method', 'zh-CN': '请求方法' },
  testUrl: { en: 'URL', 'zh-CN': 'URL' },
  testHeaders: { en: 'Headers', 'zh-CN': 'HTTP标头' },
  testCookies: { en: 'Cookies', 'zh-CN': 'Cookie' },
  testSourceIp: { en: 'Source IP', 'zh-CN': '源IP' },
  testResponseStatus: { en: 'Response status', 'zh-CN': '响应状态码' },
  testResponseHeaders: { en: 'Response headers', 'zh-CN': '响应标头' },
  testHeadersHint: { en: 'name: value; name: value', 'zh-CN': '名称: 值; 名称: 值' },
  testBadStatus: { en: 'A status code is 100–599', 'zh-CN': '状态码应为 100–599' },
  testResponseApplies: {
    en: 'On a {status} answer: Response rule priority {priority} “{name}” ({id}) applies',
    'zh-CN': '响应状态码为 {status} 时：应用响应方向规则 优先级 {priority} 的“{name}”（{id}）',
  },
  testResponseNone: {
    en: 'On a {status} answer: none of the {count} Response rule(s) applies; headers go back as they came',
    'zh-CN': '响应状态码为 {status} 时：{count} 条响应方向规则均不匹配，响应标头原样返回',
  },
  testRequestOnly: { en: 'request conditions never hold on a response', 'zh-CN': '请求条件不适用于响应' },
  testCookiesHint: { en: 'name=value; name=value', 'zh-CN': '名称=值; 名称=值' },
  testBadUrl: {
    en: 'Not a URL: write it as http://host/path?query (or /path on this listener)',
    'zh-CN': '不是有效的 URL：请写成 http://host/path?query（或本监听上的 /path）',
  },
  testBadHeader: { en: 'A header is written name: value', 'zh-CN': 'HTTP标头应写成 名称: 值' },
  testBadCookie: { en: 'A cookie is written name=value', 'zh-CN': 'Cookie 应写成 名称=值' },
  testBadIp: { en: 'Not an IP address', 'zh-CN': '不是有效的 IP 地址' },
  testMatched: {
    en: 'Taken by priority {priority} “{name}” ({id})',
    'zh-CN': '由优先级 {priority} 的“{name}”（{id}）处理',
  },
  testDefault: {
    en: 'No rule matches: the listener’s default action takes it',
    'zh-CN': '没有匹配的转发规则：由监听的默认动作处理',
  },
  testWhy: { en: 'Conditions:', 'zh-CN': '转发条件：' },
  testDoes: { en: 'Actions:', 'zh-CN': '转发动作：' },
  testSkipped: {
    en: '{count} rule(s) before it did not match',
    'zh-CN': '其前 {count} 条转发规则未匹配',
  },
  testKeys: {
    en: '↑↓ Tab field · type to edit · ⏎ show the rule in the list · Esc back',
    'zh-CN': '↑↓ Tab 切换字段 · 输入以编辑 · ⏎ 在列表中定位该规则 · Esc 返回',
  },
});

export type RulesTextKey = keyof typeof RULES_TEXT.entries;
