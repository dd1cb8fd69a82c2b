// Every string the frame and the command line show, in English and Simplified Chinese.
// Placeholders are `{name}`; `t()` fills them. Values put into messages are sanitized by the caller.
import { langFromEnv, parseLang, type Lang, type Localized } from '../domain/i18n.js';

export type { Lang, Localized };

const MESSAGES = {
  appName: { en: 'alb-tui', 'zh-CN': 'alb-tui' },
  localAlb: { en: 'local ALB', 'zh-CN': '本地 ALB' },
  alibabaCloud: { en: 'Alibaba Cloud', 'zh-CN': '阿里云' },
  profile: { en: 'profile {name}', 'zh-CN': '配置 {name}' },
  readOnly: { en: 'read-only', 'zh-CN': '只读' },
  helpHint: { en: '? help', 'zh-CN': '? 帮助' },

  loadingDashboard: { en: 'Loading the dashboard…', 'zh-CN': '正在加载控制台…' },
  connectingTo: { en: 'Connection: {connection}', 'zh-CN': '连接：{connection}' },
  tooSmall: {
    en: 'Terminal too small (need {needColumns}×{needRows}, have {columns}×{rows}).',
    'zh-CN': '终端窗口太小（至少需要 {needColumns}×{needRows}，当前 {columns}×{rows}）。',
  },
  tooSmallHint: { en: 'Enlarge the window, or press q to quit.', 'zh-CN': '请放大窗口，或按 q 退出。' },

  helpTitle: { en: 'Help · keys of this view', 'zh-CN': '帮助 · 当前视图的按键' },

  keyQuit: { en: 'quit', 'zh-CN': '退出' },
  keyHelp: { en: 'help', 'zh-CN': '帮助' },
  keyCloseHelp: { en: 'close help', 'zh-CN': '关闭帮助' },
  keyMove: { en: 'move', 'zh-CN': '移动' },
  keyMoveUp: { en: 'move up', 'zh-CN': '上移' },
  keyOpen: { en: 'open', 'zh-CN': '打开' },
  keyFilter: { en: 'filter', 'zh-CN': '筛选' },
  keyCreate: { en: 'create', 'zh-CN': '创建监听' },
  keyRefresh: { en: 'refresh', 'zh-CN': '刷新' },
  keyDelete: { en: 'delete', 'zh-CN': '删除' },
  keyCopy: { en: 'copy ID', 'zh-CN': '复制 ID' },
  keySwitchPane: { en: 'switch pane', 'zh-CN': '切换窗格' },
  keyFocusInstances: { en: 'instances pane', 'zh-CN': '实例窗格' },
  keyFocusListeners: { en: 'listeners pane', 'zh-CN': '监听窗格' },
  keyBack: { en: 'back', 'zh-CN': '返回' },
  keyProfiles: { en: 'profiles', 'zh-CN': '配置模板' },
  keyMark: { en: 'mark', 'zh-CN': '标记' },
  keyNewFromProfile: { en: 'new listener from it', 'zh-CN': '据此新建监听' },
  keyApplyProfile: { en: 'apply to marked', 'zh-CN': '应用到已标记实例' },
  keyRename: { en: 'rename', 'zh-CN': '重命名' },
  keyDuplicate: { en: 'duplicate', 'zh-CN': '复制' },
  keyExport: { en: 'export', 'zh-CN': '导出' },
  keyImport: { en: 'import', 'zh-CN': '导入' },
  keyRunApply: { en: 'run', 'zh-CN': '执行' },
  keyRetryFailed: { en: 'retry failed', 'zh-CN': '重试失败项' },
  keySwitchConnection: { en: 'switch to it', 'zh-CN': '切换到此连接' },
  keyPageDown: { en: 'page down', 'zh-CN': '下一页' },
  keyPageUp: { en: 'page up', 'zh-CN': '上一页' },
  keyFirst: { en: 'first', 'zh-CN': '第一行' },
  keyLast: { en: 'last', 'zh-CN': '最后一行' },
  keySortName: { en: 'sort by name', 'zh-CN': '按名称排序' },
  keySortPort: { en: 'sort by port', 'zh-CN': '按端口排序' },
  keySortStatus: { en: 'sort by status', 'zh-CN': '按状态排序' },
  keyCommand: { en: 'command line', 'zh-CN': '命令行' },
  keyRetry: { en: 'retry', 'zh-CN': '重试' },
  keyScroll: { en: 'scroll', 'zh-CN': '滚动' },
  keyScrollUp: { en: 'scroll up', 'zh-CN': '向上滚动' },
  keyKeepFilter: { en: 'keep filter', 'zh-CN': '保留筛选' },
  keyClearFilter: { en: 'clear filter', 'zh-CN': '清除筛选' },
  keyComplete: { en: 'complete', 'zh-CN': '补全' },
  keyRun: { en: 'run', 'zh-CN': '执行' },
  keyHistory: { en: 'history', 'zh-CN': '历史' },
  keyCancel: { en: 'cancel', 'zh-CN': '取消' },
  keyConfirmDelete: { en: 'delete', 'zh-CN': '确认删除' },

  helpCommands: { en: 'Commands (type : first)', 'zh-CN': '命令（先按 :）' },
  helpCommandInstances: { en: 'instances and their listeners', 'zh-CN': '实例及其监听' },
  helpCommandListeners: { en: 'the listeners of every instance', 'zh-CN': '所有实例的监听' },
  helpCommandProfiles: { en: 'saved listener profiles', 'zh-CN': '已保存的监听配置模板' },
  helpCommandCtx: {
    en: 'switch connection (no name: pick from a list)',
    'zh-CN': '切换连接（不带名称：从列表中选择）',
  },
  helpCommandLang: { en: 'switch language', 'zh-CN': '切换语言' },
  helpCommandQuit: { en: 'quit', 'zh-CN': '退出' },
  helpFilter: {
    en: 'The filter matches ID, name, port, protocol and status; words separated by spaces must all match.',
    'zh-CN': '筛选匹配 ID、名称、端口、协议和状态；以空格分隔的多个词须全部匹配。',
  },

  paneInstances: { en: 'Instances', 'zh-CN': '实例' },
  paneListeners: { en: 'Listeners', 'zh-CN': '监听' },
  paneAllListeners: { en: 'All listeners', 'zh-CN': '全部监听' },
  columnName: { en: 'Name', 'zh-CN': '名称' },
  columnStatus: { en: 'Status', 'zh-CN': '状态' },
  columnListenerCount: { en: 'Listeners', 'zh-CN': '监听数' },
  columnEdition: { en: 'Edition', 'zh-CN': '版本' },
  columnAddressType: { en: 'Network', 'zh-CN': '网络类型' },
  columnId: { en: 'ID', 'zh-CN': '资源 ID' },
  columnProtocol: { en: 'Proto', 'zh-CN': '协议' },
  columnPort: { en: 'Port', 'zh-CN': '端口' },
  columnServerGroup: { en: 'Server group', 'zh-CN': '服务器组' },
  columnPolicy: { en: 'TLS policy', 'zh-CN': 'TLS安全策略' },
  columnInstance: { en: 'Instance', 'zh-CN': '实例' },
  deleting: { en: 'Deleting…', 'zh-CN': '删除中…' },
  sortedBy: { en: 'by {key} {arrow}', 'zh-CN': '按{key}{arrow}' },
  sortName: { en: 'name', 'zh-CN': '名称' },
  sortPort: { en: 'port', 'zh-CN': '端口' },
  sortStatus: { en: 'status', 'zh-CN': '状态' },

  connecting: { en: 'Connecting to {connection}…', 'zh-CN': '正在连接 {connection}…' },
  loadingInstances: { en: 'Loading instances…', 'zh-CN': '正在加载实例…' },
  loadingProgress: {
    en: 'Loading… {instances} instances, {listeners} listeners so far',
    'zh-CN': '正在加载… 已读取 {instances} 个实例、{listeners} 个监听',
  },
  connectFailed: { en: 'Could not connect', 'zh-CN': '无法连接' },
  listFailed: { en: 'Could not list the instances', 'zh-CN': '无法列出实例' },
  credentialsTitle: { en: 'Credentials missing or refused', 'zh-CN': '凭据缺失或被拒绝' },
  unreachableTitle: { en: 'Endpoint unreachable', 'zh-CN': '无法访问端点' },
  retryHint: {
    en: 'Press r to retry, :ctx to choose another connection, q to quit.',
    'zh-CN': '按 r 重试，输入 :ctx 选择其他连接，按 q 退出。',
  },
  noInstances: { en: 'No ALB instances in region {region}.', 'zh-CN': '地域 {region} 中没有 ALB 实例。' },
  noInstancesHint: {
    en: 'Create one in the Alibaba Cloud console, or switch connection with :ctx. ^r refreshes.',
    'zh-CN': '请在阿里云控制台创建实例，或用 :ctx 切换连接。按 ^r 刷新。',
  },
  noListeners: { en: 'No listeners on this instance.', 'zh-CN': '此实例没有监听。' },
  noListenersHint: { en: 'Press c to create one.', 'zh-CN': '按 c 创建监听。' },
  noListenersAnywhere: { en: 'No listeners on any instance.', 'zh-CN': '所有实例都没有监听。' },
  noMatches: { en: 'Nothing matches “{filter}”.', 'zh-CN': '没有与“{filter}”匹配的项。' },
  noMatchesHint: { en: 'Esc clears the filter.', 'zh-CN': '按 Esc 清除筛选。' },
  noInstanceSelected: {
    en: 'Select an instance to see its listeners.',
    'zh-CN': '选择一个实例以查看其监听。',
  },

  refreshEvery: { en: '↻ {seconds} s', 'zh-CN': '↻ {seconds} 秒' },
  refreshOff: { en: '↻ off', 'zh-CN': '↻ 关闭' },
  refreshPaused: { en: '↻ paused', 'zh-CN': '↻ 已暂停' },
  refreshing: { en: '↻ …', 'zh-CN': '↻ …' },
  refreshFailedShort: { en: '↻ failed', 'zh-CN': '↻ 失败' },

  selectInstanceFirst: { en: 'Select an instance first.', 'zh-CN': '请先选择一个实例。' },
  selectListenerFirst: { en: 'Select a listener first.', 'zh-CN': '请先选择一个监听。' },
  deleteWhichListener: {
    en: 'Ctrl-D deletes a listener: move to the listeners pane first.',
    'zh-CN': 'Ctrl-D 用于删除监听：请先切换到监听窗格。',
  },
  deleteReadOnly: {
    en: 'This connection is read-only: deleting is turned off.',
    'zh-CN': '此连接为只读：不能删除。',
  },
  alreadyDeleting: { en: 'This listener is already being deleted.', 'zh-CN': '此监听正在删除中。' },
  deletePrompt: {
    en: 'Delete listener {what}? Type {port} and Enter (Esc cancels): ',
    'zh-CN': '删除监听 {what}？输入 {port} 后回车确认（Esc 取消）：',
  },
  deleteWrongPort: { en: 'Not {port}', 'zh-CN': '不是 {port}' },
  deleted: { en: 'Deleted {what}.', 'zh-CN': '已删除 {what}。' },
  deleteFailed: { en: 'Could not delete {what}: {reason}', 'zh-CN': '无法删除 {what}：{reason}' },
  copied: { en: 'Copied {text} to the clipboard (OSC 52).', 'zh-CN': '已复制 {text} 到剪贴板（OSC 52）。' },
  sortNotHere: {
    en: 'Instances sort by name (N) or status (S).',
    'zh-CN': '实例可按名称（N）或状态（S）排序。',
  },
  refreshFailed: { en: 'Refresh failed: {reason} (r retries)', 'zh-CN': '刷新失败：{reason}（按 r 重试）' },
  unknownColonCommand: {
    en: 'Unknown command :{command}. Try :instances, :listeners, :ctx, :lang, :q.',
    'zh-CN': '未知命令 :{command}。可用命令：:instances、:listeners、:ctx、:lang、:q。',
  },
  markInstancesOnly: {
    en: 'Space marks instances: move to the instances pane (Tab).',
    'zh-CN': '空格用于标记实例：请先切换到实例窗格（Tab）。',
  },
  markedInfo: { en: '✓{count}', 'zh-CN': '✓{count}' },
  storeWarning: { en: 'Settings: {reason}', 'zh-CN': '设置：{reason}' },
  connectionsTitle: { en: 'Connections', 'zh-CN': '连接' },
  connectionsCurrent: { en: 'current', 'zh-CN': '当前' },
  connectionsLocal: {
    en: 'the local ALB (emulator, no account needed)',
    'zh-CN': '本地 ALB（模拟器，无需账号）',
  },
  connectionsCloud: { en: 'Alibaba Cloud · {region}', 'zh-CN': '阿里云 · {region}' },
  connectionsCredentials: { en: 'credentials: {source}', 'zh-CN': '凭据：{source}' },
  connectionsNone: {
    en: 'No saved connections besides the local ALB. Add one with: alb-tui connections add --help',
    'zh-CN': '除本地 ALB 外没有已保存的连接。添加方法：alb-tui connections add --help',
  },
  connectionsStoreMissing: {
    en: 'Saved connections are unavailable: the settings store could not be opened.',
    'zh-CN': '无法使用已保存的连接：设置存储无法打开。',
  },
  langUsage: { en: 'Languages: :lang en, :lang zh-CN.', 'zh-CN': '语言：:lang en、:lang zh-CN。' },
  langUnknown: {
    en: 'Unknown language {value}: use en or zh-CN.',
    'zh-CN': '不支持的语言 {value}：请用 en 或 zh-CN。',
  },
  filterPrompt: { en: 'Filter {pane}: ', 'zh-CN': '筛选{pane}：' },
  matchCount: { en: '{matches} of {total}', 'zh-CN': '{matches} / {total}' },

  detailListener: {
    en: 'idle {idle} s · request {request} s',
    'zh-CN': '空闲超时 {idle} 秒 · 请求超时 {request} 秒',
  },
  detailCert: { en: 'cert {id} ({expiry})', 'zh-CN': '证书 {id}（{expiry}）' },
  detailCertId: { en: 'cert {id}', 'zh-CN': '证书 {id}' },
  detailCertLoading: { en: 'cert …', 'zh-CN': '证书 …' },
  detailNoCert: { en: 'no certificate', 'zh-CN': '无证书' },
  expiresInDays: { en: 'expires in {days} d', 'zh-CN': '{days} 天后过期' },
  expiredDaysAgo: { en: 'expired {days} d ago', 'zh-CN': '已过期 {days} 天' },

  detailTitle: { en: 'Listener {what}', 'zh-CN': '监听 {what}' },
  detailLoading: { en: 'Loading the listener…', 'zh-CN': '正在加载监听…' },
  detailFailed: { en: 'Could not load the listener: {reason}', 'zh-CN': '无法加载监听：{reason}' },
  fieldListenerId: { en: 'Listener ID', 'zh-CN': '监听 ID' },
  noName: { en: '(default name)', 'zh-CN': '（默认名称）' },
  seconds: { en: '{n} s', 'zh-CN': '{n} 秒' },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },
  headerOn: { en: 'on — carries {carries}', 'zh-CN': '开启 — 传递{carries}' },
  xffMode: { en: 'X-Forwarded-For mode', 'zh-CN': 'X-Forwarded-For 处理方式' },
  xffTrusted: { en: 'Trusted client IPs', 'zh-CN': '受信任的客户端 IP' },
  sectionCertificates: { en: 'Certificates', 'zh-CN': '证书' },
  sectionHeaders: { en: 'Extra HTTP headers', 'zh-CN': '附加HTTP头字段' },
  sectionServerGroup: { en: 'Server group', 'zh-CN': '服务器组' },
  sectionServers: { en: 'backend servers', 'zh-CN': '后端服务器' },
  sectionTags: { en: 'Tags', 'zh-CN': '标签' },
  certificateList: { en: 'the certificate list', 'zh-CN': '证书列表' },
  certificateDefault: { en: 'default', 'zh-CN': '默认证书' },
  certificateExtra: { en: 'extra', 'zh-CN': '扩展证书' },
  certificateCa: { en: 'CA', 'zh-CN': 'CA证书' },
  certificateUnknown: {
    en: 'not found in the certificate service',
    'zh-CN': '在证书服务中未找到',
  },
  noCertificate: { en: 'No server certificate.', 'zh-CN': '没有服务器证书。' },
  expiresOn: { en: 'expires {date}', 'zh-CN': '{date} 过期' },
  expiresIn: { en: 'expires {date} (in {days} d)', 'zh-CN': '{date} 过期（还有 {days} 天）' },
  expiredOn: { en: 'EXPIRED {date} ({days} d ago)', 'zh-CN': '已于 {date} 过期（{days} 天前）' },
  couldNotRead: { en: 'Could not read {what}: {reason}', 'zh-CN': '无法读取{what}：{reason}' },
  groupProtocol: { en: 'Backend protocol', 'zh-CN': '后端协议' },
  groupType: { en: 'Server group type', 'zh-CN': '服务器组类型' },
  groupScheduler: { en: 'Scheduler', 'zh-CN': '调度算法' },
  serversCount: { en: 'Backend servers: {n}', 'zh-CN': '后端服务器：{n} 台' },
  noServers: { en: 'No backend servers: requests will fail.', 'zh-CN': '没有后端服务器：请求将失败。' },
  noServerGroup: { en: 'No server group.', 'zh-CN': '没有服务器组。' },
  weight: { en: 'weight {n}', 'zh-CN': '权重 {n}' },
  noTags: { en: 'none', 'zh-CN': '无' },
  scrollPosition: { en: '{from}–{to} of {total}', 'zh-CN': '第 {from}–{to} 行，共 {total} 行' },

  usage: {
    en: [
      'alb-tui — a terminal dashboard for Alibaba Cloud Application Load Balancer (ALB)',
      '',
      'Usage:',
      '  alb-tui [options]              open the dashboard (the local ALB unless --endpoint is given)',
      '  alb-tui emulator [options]     run the local ALB on its own (see alb-tui emulator --help)',
      '',
      'Options:',
      '  --lang en|zh-CN      language (default: from LC_ALL, LC_MESSAGES or LANG)',
      '  --endpoint URL       talk to this ALB endpoint instead of the local ALB',
      '  --region REGION      region ID (default: cn-hangzhou)',
      '  --connection NAME    use a saved connection profile (default: the active one, else the local ALB)',
      '  --refresh SECONDS    refresh the lists every SECONDS seconds (default: 10; 0 turns it off)',
      '  -h, --help           show this help',
      '  -v, --version        show the version',
      '',
      'Environment: NO_COLOR turns colours off.',
    ].join('\n'),
    'zh-CN': [
      'alb-tui —— 阿里云应用型负载均衡（ALB）终端控制台',
      '',
      '用法：',
      '  alb-tui [选项]                 打开控制台（未指定 --endpoint 时连接本地 ALB）',
      '  alb-tui emulator [选项]        单独运行本地 ALB（见 alb-tui emulator --help）',
      '',
      '选项：',
      '  --lang en|zh-CN      界面语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG）',
      '  --endpoint URL       连接此 ALB 端点，而不是本地 ALB',
      '  --region REGION      地域 ID（默认 cn-hangzhou）',
      '  --connection NAME    使用已保存的连接配置（默认：当前激活的连接，否则为本地 ALB）',
      '  --refresh SECONDS    每隔 SECONDS 秒刷新列表（默认 10；0 表示不自动刷新）',
      '  -h, --help           显示本帮助',
      '  -v, --version        显示版本',
      '',
      '环境变量：设置 NO_COLOR 可关闭颜色。',
    ].join('\n'),
  },
  unknownOption: { en: 'unknown option {option}', 'zh-CN': '未知选项 {option}' },
  missingValue: { en: 'option {option} needs a value', 'zh-CN': '选项 {option} 需要一个值' },
  unexpectedValue: { en: 'option {option} takes no value', 'zh-CN': '选项 {option} 不接受值' },
  unknownCommand: { en: 'unknown command {command}', 'zh-CN': '未知命令 {command}' },
  badLang: {
    en: 'unsupported language {value}: use en or zh-CN',
    'zh-CN': '不支持的语言 {value}：请用 en 或 zh-CN',
  },
  badRefresh: {
    en: 'invalid refresh interval {value}: write whole seconds from 0 (off) to 3600',
    'zh-CN': '刷新间隔 {value} 无效：请填写 0（关闭）到 3600 之间的整数秒',
  },
  badRegion: {
    en: 'invalid region {value}: write a region ID such as cn-hangzhou',
    'zh-CN': '地域 {value} 无效：请写地域 ID，例如 cn-hangzhou',
  },
  tryHelp: { en: "Run 'alb-tui --help' for usage.", 'zh-CN': '运行 alb-tui --help 查看用法。' },
  needsTerminal: {
    en: 'alb-tui needs an interactive terminal (stdin and stdout must be a TTY).',
    'zh-CN': 'alb-tui 需要在交互式终端中运行（stdin 和 stdout 必须是终端）。',
  },
  crashed: { en: 'alb-tui stopped on an unexpected error:', 'zh-CN': 'alb-tui 因意外错误而停止：' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

/** The message in `lang`, with each `{name}` replaced by `params[name]`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Both languages of a message, for places that choose the language later. */
export function localized(key: MessageKey, params: Record<string, string | number> = {}): Localized {
  return { en: t('en', key, params), 'zh-CN': t('zh-CN', key, params) };
}

/** `--lang` wins; otherwise the locale environment (LC_ALL, LC_MESSAGES, LANG); otherwise English. */
export function chooseLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  return (flag === undefined ? undefined : parseLang(flag)) ?? langFromEnv(env);
}

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const ALL_MESSAGES: Readonly<Record<MessageKey, Localized>> = MESSAGES;
