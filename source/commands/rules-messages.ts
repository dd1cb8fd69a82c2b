// What `alb-tui rules …` says, in English and Simplified Chinese (the console's words: 转发规则, 优先级,
// 转发条件, 转发动作). Values from outside are quoted by q() (sanitised, cut) before they go in.
import { both, type Localized } from '../domain/i18n.js';
import { q } from './messages.js';

export const RULE_ACTIONS = ['list', 'get', 'create', 'update', 'delete', 'test'] as const;
export type RulesAction = (typeof RULE_ACTIONS)[number];

export const rulesMessages = {
  ruleId: both('a rule ID (rule-…)', '转发规则ID（rule-…）'),
  ruleIds: both('one or more rule IDs (rule-…)', '一个或多个转发规则ID（rule-…）'),
  badRuleId(value: string): Localized {
    return both(
      `${q(value)} is not a rule ID: rule IDs look like rule-abc123`,
      `${q(value)} 不是转发规则ID：转发规则ID形如 rule-abc123`,
    );
  },
  optionNotFor(option: string, action: string): Localized {
    return both(`${option} does not apply to 'rules ${action}'`, `${option} 不适用于 'rules ${action}'`);
  },
  labels: {
    priority: both('Priority', '优先级'),
    name: both('Name', '名称'),
    direction: both('Direction', '方向'),
    conditions: both('Conditions', '转发条件'),
    actions: both('Actions', '转发动作'),
    status: both('Status', '状态'),
    ruleId: both('Rule ID', '转发规则ID'),
    listener: both('Listener', '监听'),
    instance: both('Instance', '实例'),
    tags: both('Tags', '标签'),
    serverGroups: both('Server groups', '服务器组'),
  },
  defaultRule: both('default', '默认'),
  defaultName: both('(what no rule takes)', '（未匹配任何规则的请求）'),
  noRules(listenerId: string): Localized {
    return both(
      `Listener ${listenerId} has no forwarding rules: its default action takes every request.`,
      `监听 ${listenerId} 没有转发规则：所有请求由默认动作处理。`,
    );
  },
  ruleNotFound(ruleId: string): Localized {
    return both(`no rule ${q(ruleId)} on this connection`, `此连接上不存在转发规则 ${q(ruleId)}`);
  },
  rulesNotFound(ruleIds: readonly string[]): Localized {
    const list = ruleIds.map(q).join(', ');
    return both(`no such rules on this connection: ${list}`, `此连接上不存在以下转发规则：${list}`);
  },

  // ---- rules test ---------------------------------------------------------------------------
  needUrl: both(
    '--url is required (e.g. --url http://api.example.com/v2/users?id=7)',
    '缺少必需的选项 --url（例如 --url http://api.example.com/v2/users?id=7）',
  ),
  badUrl(value: string): Localized {
    return both(
      `${q(value)} is not a URL: give scheme, host and path, e.g. http://api.example.com/v2/users`,
      `${q(value)} 不是有效的 URL：请给出协议、主机和路径，例如 http://api.example.com/v2/users`,
    );
  },
  badHeader(value: string): Localized {
    return both(
      `--header ${q(value)}: write NAME:VALUE, e.g. x-env:staging`,
      `--header ${q(value)}：格式应为 名称:值，例如 x-env:staging`,
    );
  },
  badCookie(value: string): Localized {
    return both(
      `--cookie ${q(value)}: write NAME=VALUE, e.g. group=beta`,
      `--cookie ${q(value)}：格式应为 名称=值，例如 group=beta`,
    );
  },
  badSourceIp(value: string): Localized {
    return both(
      `--source-ip ${q(value)} is not an IPv4 or IPv6 address`,
      `--source-ip ${q(value)} 不是有效的 IPv4 或 IPv6 地址`,
    );
  },
  badResponseStatus(value: string): Localized {
    return both(
      `--response-status ${q(value)}: a status code is 100–599, e.g. 503`,
      `--response-status ${q(value)}：状态码应为 100–599，例如 503`,
    );
  },
  badResponseHeader(value: string): Localized {
    return both(
      `--response-header ${q(value)}: write NAME:VALUE, e.g. content-type:text/html`,
      `--response-header ${q(value)}：格式应为 名称:值，例如 content-type:text/html`,
    );
  },
  responseApplies(status: number, priority: number, name: string, ruleId: string): Localized {
    return both(
      `On a ${status} answer: Response rule ${name} applies (priority ${priority}, ${ruleId})`,
      `响应状态码为 ${status} 时：应用响应方向规则 ${name}（优先级 ${priority}，${ruleId}）`,
    );
  },
  responseNone(status: number, count: number): Localized {
    return both(
      `On a ${status} answer: none of the ${count} Response ${count === 1 ? 'rule applies' : 'rules apply'}; its headers go back as they came`,
      `响应状态码为 ${status} 时：${count} 条响应方向规则均不匹配，响应标头原样返回`,
    );
  },
  badMethod(value: string): Localized {
    return both(
      `--method ${q(value)}: use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS`,
      `--method ${q(value)}：请使用 GET、HEAD、POST、PUT、PATCH、DELETE 或 OPTIONS`,
    );
  },
  request: both('Request', '请求'),
  from: both('from', '来自'),
  takenBy(priority: number, name: string, ruleId: string): Localized {
    return both(
      `Taken by rule ${name} (priority ${priority}, ${ruleId})`,
      `由转发规则 ${name} 处理（优先级 ${priority}，${ruleId}）`,
    );
  },
  takenByDefault: both('Taken by the default action: no rule matches', '由默认动作处理：没有匹配的转发规则'),
  why(tried: number): Localized {
    return both(
      `Why (${tried} ${tried === 1 ? 'rule' : 'rules'} tried, in priority order):`,
      `原因（按优先级依次尝试了 ${tried} 条转发规则）：`,
    );
  },
  unrelatedRules(count: number): Localized {
    return both(
      `✗ ${count} more ${count === 1 ? 'rule' : 'rules'}: no condition matched (--all lists each)`,
      `✗ 另有 ${count} 条转发规则：没有任何转发条件满足（--all 逐条列出）`,
    );
  },
  does: both('What it does:', '执行的动作：'),
  responseRulesSkipped(count: number): Localized {
    return both(
      `(${count} response-direction ${count === 1 ? 'rule' : 'rules'} not tried: they act on replies)`,
      `（未尝试 ${count} 条响应方向的转发规则：它们作用于响应）`,
    );
  },
  anyRequest: both('no conditions: takes any request', '无转发条件：匹配任意请求'),

  // ---- changes --------------------------------------------------------------------------------
  notInteractive(verb: string): Localized {
    return both(
      `refusing to ${verb} rules without --yes when not interactive`,
      `非交互模式下未指定 --yes，拒绝${verb === 'delete' ? '删除' : verb === 'create' ? '创建' : '修改'}转发规则`,
    );
  },
  readOnly(connection: string): Localized {
    return both(
      `connection ${q(connection)} is read-only: nothing was changed`,
      `连接 ${q(connection)} 为只读：未做任何修改`,
    );
  },
  notConfirmed: both('Cancelled: nothing was changed.', '已取消：未做任何修改。'),
  confirm(verb: 'create' | 'update' | 'delete', count: number, where: string): Localized {
    const zhVerb = { create: '创建', update: '修改', delete: '删除' }[verb];
    return both(
      `${verb[0]?.toUpperCase()}${verb.slice(1)} ${count} ${count === 1 ? 'rule' : 'rules'} on ${where}? [y/N] `,
      `确认在 ${where} 上${zhVerb} ${count} 条转发规则？[y/N] `,
    );
  },
  typeCount(verb: 'create' | 'update' | 'delete', count: number, where: string): Localized {
    const zhVerb = { create: '创建', update: '修改', delete: '删除' }[verb];
    return both(
      `To ${verb} these rules on ${where}, type how many there are (${count}): `,
      `如确认在 ${where} 上${zhVerb}这些转发规则，请输入其数量（${count}）：`,
    );
  },
  willDelete: both('These rules will be deleted:', '将删除以下转发规则：'),
  willCreate(listenerId: string): Localized {
    return both(
      `These rules will be created on listener ${listenerId}:`,
      `将在监听 ${listenerId} 上创建以下转发规则：`,
    );
  },
  noChanges: both(
    'Nothing to change: the rule already is as asked.',
    '无需修改：该转发规则已是所要求的设置。',
  ),
  willUpdate: both('These changes will be made:', '将进行以下修改：'),
  batch(index: number, total: number): Localized {
    return both(`batch ${index}/${total}`, `第 ${index}/${total} 批`);
  },
  batchDone(
    batch: string,
    verb: 'created' | 'updated' | 'deleted',
    ids: readonly string[],
    jobId: string,
  ): Localized {
    const zhVerb = { created: '已创建', updated: '已修改', deleted: '已删除' }[verb];
    return both(
      `${batch}: ${verb} ${ids.join(', ')}${jobId ? ` (job ${jobId})` : ''}`,
      `${batch}：${zhVerb} ${ids.join('、')}${jobId ? `（任务 ${jobId}）` : ''}`,
    );
  },
  batchFailed(batch: string, reason: string): Localized {
    return both(`${batch} failed: ${reason}`, `${batch}失败：${reason}`);
  },
  batchUnknown(batch: string, reason: string, clientToken: string): Localized {
    return both(
      `${batch}: outcome unknown, the call may have reached the service (${reason}); its ClientToken was ${clientToken}`,
      `${batch}：结果未知，请求可能已到达服务端（${reason}）；其 ClientToken 为 ${clientToken}`,
    );
  },
  batchesSkipped(count: number): Localized {
    return both(
      `${count} later ${count === 1 ? 'batch was' : 'batches were'} not sent`,
      `其后的 ${count} 批未发送`,
    );
  },
  someFailed(done: number, total: number): Localized {
    return both(`${done} of ${total} batches done; see above`, `${total} 批中完成了 ${done} 批；详见上文`);
  },
  dryRunPassed(count: number): Localized {
    return both(
      `Precheck passed (DryRun): the service would accept ${count} ${count === 1 ? 'rule' : 'rules'}. Nothing was changed.`,
      `预检通过（DryRun）：服务端会接受 ${count} 条转发规则。未做任何修改。`,
    );
  },

  // ---- input files and --set -------------------------------------------------------------------
  needFile: both(
    '--file is required: a YAML or JSON file of rules',
    '缺少必需的选项 --file：转发规则的 YAML 或 JSON 文件',
  ),
  needSetOrFile: both('give --set key=value or --file', '请指定 --set 键=值 或 --file'),
  fileUnreadable(file: string, reason: string): Localized {
    return both(`cannot read ${q(file)}: ${reason}`, `无法读取 ${q(file)}：${reason}`);
  },
  fileNotParsed(file: string, reason: string): Localized {
    return both(`${q(file)} is not YAML or JSON: ${reason}`, `${q(file)} 不是有效的 YAML 或 JSON：${reason}`);
  },
  fileShape(file: string): Localized {
    return both(
      `${q(file)} holds no rules: write a list of rules, or {rules: [...]}, as 'rules get --json' prints them`,
      `${q(file)} 中没有转发规则：请写转发规则列表或 {rules: [...]}，格式同 'rules get --json' 的输出`,
    );
  },
  invalidRules(count: number): Localized {
    return both(
      `${count} ${count === 1 ? 'problem' : 'problems'} in the rules; nothing was sent:`,
      `转发规则中有 ${count} 个问题；未发送任何请求：`,
    );
  },
  badSet(value: string, keys: readonly string[]): Localized {
    return both(
      `--set ${q(value)}: write key=value with a key among ${keys.join(', ')}`,
      `--set ${q(value)}：格式应为 键=值，键为 ${keys.join('、')} 之一`,
    );
  },
  badPriority(value: string): Localized {
    return both(
      `priority ${q(value)} must be a whole number from 1 to 10000`,
      `优先级 ${q(value)} 必须是 1～10000 的整数`,
    );
  },
};
