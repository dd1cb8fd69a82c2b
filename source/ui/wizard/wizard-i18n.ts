// Every string the wizard pane shows, in English and Simplified Chinese. Field labels, header
// descriptions and rule messages come from the domain (fields.ts, messages.ts); these are the pane's
// own words. Placeholders are `{name}`; a parameter may itself be in both languages.
import type { Localized } from '../../domain/i18n.js';
import { textTable, type TextParam } from '../text-table.js';

const TEXT = {
  title: { en: 'Create listener · {instance}', 'zh-CN': '创建监听 · {instance}' },
  notForHttp: { en: '(not for HTTP)', 'zh-CN': '（HTTP 不需要）' },

  loading: {
    en: 'Loading {instance}: its listeners, certificates, TLS policies and server groups…',
    'zh-CN': '正在加载 {instance}：监听、证书、TLS安全策略和服务器组…',
  },
  loadFailed: {
    en: 'Could not load instance {instance}: {reason}',
    'zh-CN': '无法加载实例 {instance}：{reason}',
  },
  instanceGone: {
    en: 'Instance {instance} was not found: it may have been deleted. Go back and pick another.',
    'zh-CN': '找不到实例 {instance}：它可能已被删除。请返回并选择其他实例。',
  },
  loadFailedKeys: { en: 'r try again · Esc back', 'zh-CN': 'r 重试 · Esc 返回' },

  resumeTitle: {
    en: 'Drafts saved for this instance ({count}): resume one, or start a new listener (the drafts stay).',
    'zh-CN': '该实例保存有草稿（{count} 份）：继续编辑其中一份，或新建监听（草稿保留）。',
  },
  resumeRow: { en: 'saved {when} · at step {step}', 'zh-CN': '保存于 {when} · 停在步骤 {step}' },
  resumeKeys: {
    en: '↑↓ choose · Enter or r resume it · n new listener (drafts kept) · d discard this draft · Esc back',
    'zh-CN': '↑↓ 选择 · Enter 或 r 继续编辑 · n 新建监听（保留草稿）· d 丢弃此草稿 · Esc 返回',
  },
  draftDiscarded: { en: 'Draft discarded.', 'zh-CN': '已丢弃草稿。' },
  titleNested: {
    en: 'New QUIC listener for {listener} · {instance} · Esc back to {listener} (this draft is kept)',
    'zh-CN': '新建 QUIC 监听（供 {listener} 关联）· {instance} · Esc 返回 {listener}（保留此草稿）',
  },
  nestedStarted: {
    en: 'Creating the QUIC listener here; once it is Running you are back at {listener} with it chosen.',
    'zh-CN': '在此创建 QUIC 监听；其状态变为 Running 后将返回 {listener} 并自动选中。',
  },
  nestedLeft: {
    en: 'Back at {listener}. The QUIC listener’s draft is kept: “+ New QUIC listener” takes it up again.',
    'zh-CN': '已返回 {listener}。QUIC 监听的草稿已保留：再次选择“+ 新建 QUIC 监听”即可继续。',
  },
  nestedCreated: {
    en: 'Created QUIC listener {id} (UDP {port}) and chose it for {listener}.',
    'zh-CN': '已创建 QUIC 监听 {id}（UDP {port}），并已为 {listener} 选中。',
  },
  newQuicListener: {
    en: 'New QUIC listener… made here without leaving this form, then chosen',
    'zh-CN': '新建 QUIC 监听…在此创建（不离开当前表单），完成后自动选中',
  },
  quicCreateHint: {
    en: 'Enter, then “+ New QUIC listener”, makes one here: this form is kept.',
    'zh-CN': '按 Enter 后选择“+ 新建 QUIC 监听”即可在此创建：当前表单会保留。',
  },

  headersHeading: { en: 'Extra HTTP header fields', 'zh-CN': '附加HTTP头字段' },
  clientCertNote: {
    en: 'The four Clientcert headers carry values only with mutual TLS (step 2).',
    'zh-CN': '四个 Clientcert 头字段仅在开启双向认证（步骤二）后才有取值。',
  },
  aliasLabel: { en: 'custom header name: ', 'zh-CN': '自定义头名称：' },
  aliasPlaceholder: { en: ' (optional: 1–40 of a–z 0–9 - _)', 'zh-CN': '（可选：1–40 个 a–z 0–9 - _ 字符）' },
  defaultIs: { en: ' (default {value})', 'zh-CN': '（默认 {value}）' },
  seconds: { en: ' s', 'zh-CN': ' 秒' },
  portDefault: { en: '  (default)', 'zh-CN': '（默认）' },
  portDefaultFree: {
    en: '  (default: the first free usual port; {taken} in use)',
    'zh-CN': '（默认：第一个空闲的常用端口；{taken} 已被占用）',
  },
  range: { en: '{min}–{max}', 'zh-CN': '{min}–{max}' },
  nothingChosen: { en: 'none chosen · Enter to choose', 'zh-CN': '未选择 · 按 Enter 选择' },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },

  filter: { en: 'filter: ', 'zh-CN': '筛选：' },
  matches: { en: '{shown} of {total}', 'zh-CN': '{shown}/{total} 项' },
  noMatch: { en: 'Nothing matches “{filter}”.', 'zh-CN': '没有与“{filter}”匹配的项。' },
  moreAbove: { en: '↑ {count} more', 'zh-CN': '↑ 上方还有 {count} 行' },
  moreBelow: { en: '↓ {count} more', 'zh-CN': '↓ 下方还有 {count} 行' },
  notSelectable: { en: 'cannot be chosen: {reason}', 'zh-CN': '不可选择：{reason}' },
  suitesTitle: { en: 'Cipher suites of {policy} ({count}):', 'zh-CN': '{policy} 的加密套件（{count} 个）：' },

  serversTitle: { en: 'Backend servers of {group}', 'zh-CN': '{group} 的后端服务器' },
  serversLoading: { en: 'Listing the servers…', 'zh-CN': '正在列出服务器…' },
  serversFailed: { en: 'Could not list the servers: {reason}', 'zh-CN': '无法列出服务器：{reason}' },
  serversNone: {
    en: 'No servers in this group yet: requests get HTTP 503 until servers are added.',
    'zh-CN': '该服务器组还没有服务器：添加服务器之前，请求将返回 HTTP 503。',
  },
  serverColumns: { en: 'server|port|weight|status', 'zh-CN': '服务器|端口|权重|状态' },

  noServerCertificate: {
    en: 'No server certificate in this region: upload or buy one in Certificate Management Service (SSL certificates), then press Ctrl-R to reload.',
    'zh-CN':
      '本地域没有服务器证书：请先在数字证书管理服务（SSL证书）中上传或购买证书，然后按 Ctrl-R 重新加载。',
  },
  allCertificatesExpired: {
    en: 'Every server certificate in this region has expired: renew or upload one in Certificate Management Service, then press Ctrl-R.',
    'zh-CN': '本地域的服务器证书均已过期：请先在数字证书管理服务中续费或上传证书，然后按 Ctrl-R。',
  },
  noCaCertificate: {
    en: 'No CA certificate in this region: upload one in Certificate Management Service, or turn mutual TLS off.',
    'zh-CN': '本地域没有CA证书：请先在数字证书管理服务中上传CA证书，或关闭双向认证。',
  },
  noServerGroup: {
    en: 'No server group in {vpc} can serve {protocol} listeners: create one in that VPC (an HTTP server group serves HTTP, HTTPS and QUIC), then press Ctrl-R.',
    'zh-CN':
      '{vpc} 中没有可用于 {protocol} 监听的服务器组：请在该VPC中创建一个（HTTP 服务器组可用于 HTTP、HTTPS 和 QUIC），然后按 Ctrl-R。',
  },
  noPolicy: {
    en: 'No TLS security policy could be listed: press Ctrl-R to reload.',
    'zh-CN': '未能列出TLS安全策略：请按 Ctrl-R 重新加载。',
  },

  reviewEdit: { en: 'press {key} to edit', 'zh-CN': '按 {key} 修改' },
  defaultMark: { en: ' (default)', 'zh-CN': '（默认）' },
  headersOn: { en: 'Headers on', 'zh-CN': '已添加的头字段' },
  none: { en: 'none', 'zh-CN': '无' },
  expiresIn: { en: 'expires in {days} d', 'zh-CN': '{days} 天后过期' },
  servers: { en: '{count} servers', 'zh-CN': '{count} 台服务器' },
  precheckIdle: { en: 'Precheck: not run yet (p runs it).', 'zh-CN': '预检：尚未运行（按 p 运行）。' },
  precheckRunning: {
    en: 'Precheck: asking the service whether it would accept this request (DryRun)…',
    'zh-CN': '预检：正在请服务端检查此请求（DryRun）…',
  },
  precheckPassed: {
    en: 'Precheck passed: the service would accept this request.',
    'zh-CN': '预检通过：服务端将接受此请求。',
  },
  precheckFailed: { en: 'Precheck failed: {reason}', 'zh-CN': '预检未通过：{reason}' },
  seeStep: { en: '(see step {step}, {field})', 'zh-CN': '（见步骤{step}：{field}）' },
  submitting: {
    en: 'Creating the listener… (ClientToken {token})',
    'zh-CN': '正在创建监听…（ClientToken {token}）',
  },
  provisioning: {
    en: 'Listener {id} is {status}: waiting until it is Running…',
    'zh-CN': '监听 {id} 状态为 {status}：等待其变为 Running…',
  },
  created: {
    en: 'Created listener {id}: it is Running.',
    'zh-CN': '已创建监听 {id}，状态为运行中（Running）。',
  },
  running: { en: 'Listener {id} is Running.', 'zh-CN': '监听 {id} 已运行（Running）。' },
  submitFailedRetry: {
    en: 'Submit failed: {reason} Press r to retry with the same ClientToken: a retry can never create a second listener.',
    'zh-CN': '提交失败：{reason} 按 r 以相同的 ClientToken 重试：重试绝不会创建第二个监听。',
  },
  submitFailed: { en: 'Submit failed: {reason}', 'zh-CN': '提交失败：{reason}' },
  submitJobFailed: {
    en: 'Not created: {reason} ALB rolled the listener back; your settings are kept. Press r to submit again (with a new ClientToken).',
    'zh-CN': '未创建：{reason} ALB 已回滚该监听，您的设置已保留。按 r 重新提交（使用新的 ClientToken）。',
  },
  notSubmittedField: {
    en: 'Not submitted: fix the field marked ✗ first ({field}: {reason})',
    'zh-CN': '未提交：请先修正标有 ✗ 的字段（{field}：{reason}）',
  },
  submitBlocked: {
    en: 'The request is not complete: fix the marked fields first.',
    'zh-CN': '请求尚不完整：请先修正标出的字段。',
  },

  actionSubmit: { en: 'Submit (^S)', 'zh-CN': '提交（^S）' },
  submitKeyHint: {
    en: 'Enter does not submit: press Ctrl-S to create the listener.',
    'zh-CN': 'Enter 不会提交：按 Ctrl-S 创建监听。',
  },
  confirmSubmit: {
    en: 'Production connection. To create {listener} on {name}, type the instance’s name or its ID ({id}):',
    'zh-CN': '生产环境连接。要在 {name} 上创建 {listener}，请输入实例名称或实例ID（{id}）：',
  },
  confirmSubmitWrong: {
    en: 'That is not the instance’s name ({name}) or ID ({id}): nothing was sent.',
    'zh-CN': '输入的不是实例名称（{name}）或实例ID（{id}）：未发送任何请求。',
  },
  keysConfirmSubmit: { en: '⏎ create the listener · Esc cancel', 'zh-CN': '⏎ 创建监听 · Esc 取消' },
  actionPrecheck: { en: 'Precheck again', 'zh-CN': '重新预检' },
  actionSaveProfile: { en: 'Save as profile', 'zh-CN': '保存为配置模板' },
  actionExportAliyun: { en: 'Export aliyun CLI', 'zh-CN': '导出 aliyun CLI 命令' },
  actionExportTerraform: { en: 'Export Terraform', 'zh-CN': '导出 Terraform' },
  actionExportJson: { en: 'Export JSON', 'zh-CN': '导出 JSON 请求' },
  actionEditListener: { en: 'Edit 1', 'zh-CN': '修改步骤一' },
  actionEditCertificate: { en: 'Edit 2', 'zh-CN': '修改步骤二' },
  actionEditServerGroup: { en: 'Edit 3', 'zh-CN': '修改步骤三' },

  exportTarget: {
    en: 'Export the {format}: f to a file · c copy to the clipboard (OSC 52) · Esc cancel',
    'zh-CN': '导出{format}：f 写入文件 · c 复制到剪贴板（OSC 52）· Esc 取消',
  },
  exportPreviewTitle: { en: 'Export', 'zh-CN': '导出' },
  exportPreviewKeys: {
    en: 'f or ⏎ write to a file · c copy to the clipboard (OSC 52) · Tab/←→ format · ↑↓ PgUp PgDn scroll · Esc back',
    'zh-CN': 'f 或 ⏎ 写入文件 · c 复制到剪贴板（OSC 52）· Tab/←→ 切换格式 · ↑↓ PgUp PgDn 滚动 · Esc 返回',
  },
  exportPath: { en: 'Write the {format} to file:', 'zh-CN': '将{format}写入文件：' },
  confirmOverwrite: {
    en: '{path} exists. Replace it? y replace · n choose another name',
    'zh-CN': '{path} 已存在。是否替换？y 替换 · n 换一个文件名',
  },
  profileName: { en: 'Save as profile named:', 'zh-CN': '保存为配置模板，名称：' },
  confirmProfileReplace: {
    en: 'A profile named {name} exists. Replace it? y replace · n choose another name',
    'zh-CN': '已有名为 {name} 的配置模板。是否替换？y 替换 · n 换一个名称',
  },
  pathRequired: { en: 'Write a file path.', 'zh-CN': '请填写文件路径。' },
  profileNameRequired: { en: 'Write a name for the profile.', 'zh-CN': '请填写配置模板名称。' },
  exportWritten: {
    en: 'Wrote the {format} to {path} (mode 0600).',
    'zh-CN': '已将{format}写入 {path}（权限 0600）。',
  },
  exportCopied: {
    en: 'Copied the {format} to the clipboard (OSC 52).',
    'zh-CN': '已将{format}复制到剪贴板（OSC 52）。',
  },
  exportFailed: { en: 'Could not write {path}: {reason}', 'zh-CN': '无法写入 {path}：{reason}' },
  notADirectory: { en: 'the folder {dir} does not exist', 'zh-CN': '目录 {dir} 不存在' },
  isADirectory: { en: 'it is a folder', 'zh-CN': '它是一个目录' },
  noPermission: { en: 'permission denied', 'zh-CN': '没有权限' },
  readOnly: {
    en: 'This connection is read-only: the listener cannot be created here. Export the request or save it as a profile instead.',
    'zh-CN': '当前连接为只读：无法在此创建监听。可以导出请求，或保存为配置模板。',
  },
  noStore: {
    en: 'Profiles cannot be saved: the settings store could not be opened.',
    'zh-CN': '无法保存配置模板：未能打开本地配置存储。',
  },
  profileSaved: { en: 'Saved as profile {name}.', 'zh-CN': '已保存为配置模板 {name}。' },
  draftNotSaved: { en: 'The draft could not be saved: {reason}', 'zh-CN': '草稿无法保存：{reason}' },
  noStoreDrafts: {
    en: 'the settings could not be opened; drafts are not kept',
    'zh-CN': '未能打开本地配置存储，草稿不会保留',
  },
  draftKeptNote: { en: '(draft kept)', 'zh-CN': '（保留草稿）' },
  draftNotKeptNote: { en: '(draft NOT kept)', 'zh-CN': '（草稿不会保留）' },
  draftKeptBusyNote: {
    en: '(the draft and its ClientToken are kept)',
    'zh-CN': '（草稿及其 ClientToken 会保留）',
  },
  draftNotKeptBusyNote: { en: '(the draft is NOT kept)', 'zh-CN': '（草稿不会保留）' },

  keysText: {
    en: 'type to edit · ←→ caret · ⌫ delete · ↑↓ field · ⏎ next · PgDn next step · PgUp back · Esc leave (draft kept)',
    'zh-CN':
      '输入以编辑 · ←→ 光标 · ⌫ 删除 · ↑↓ 字段 · ⏎ 下一项 · PgDn 下一步 · PgUp 上一步 · Esc 离开（保留草稿）',
  },
  keysSwitch: {
    en: 'Space toggle · ↑↓ field · ⏎ next · PgDn next step · PgUp back · Esc leave (draft kept)',
    'zh-CN': '空格 切换 · ↑↓ 字段 · ⏎ 下一项 · PgDn 下一步 · PgUp 上一步 · Esc 离开（保留草稿）',
  },
  keysChoice: {
    en: '←→ or Space change protocol · ↑↓ field · ⏎ next · PgDn next step · Esc leave (draft kept)',
    'zh-CN': '←→ 或空格 切换协议 · ↑↓ 字段 · ⏎ 下一项 · PgDn 下一步 · Esc 离开（保留草稿）',
  },
  keysPicker: {
    en: 'Space or typing opens the list · ↑↓ field · ⏎ next · PgDn next step · PgUp back · Esc leave',
    'zh-CN': '空格或输入 打开列表 · ↑↓ 字段 · ⏎ 下一项 · PgDn 下一步 · PgUp 上一步 · Esc 离开',
  },
  keysPolicy: { en: ' · → cipher suites', 'zh-CN': ' · → 加密套件' },
  keysCertificate: { en: ' · → all its facts ← hide', 'zh-CN': ' · → 查看完整信息 ← 收起' },
  factCommonName: { en: 'Common name', 'zh-CN': '通用名称' },
  factSans: { en: 'SANs', 'zh-CN': '绑定域名' },
  factIssuer: { en: 'Issuer', 'zh-CN': '颁发者' },
  factValidity: { en: 'Valid', 'zh-CN': '有效期' },
  factId: { en: 'Certificate ID', 'zh-CN': '证书ID' },
  keysPickerOpen: {
    en: 'type to filter · ↑↓ move · ⏎ choose · Esc close',
    'zh-CN': '输入以筛选 · ↑↓ 移动 · ⏎ 选择 · Esc 关闭',
  },
  keysReview: {
    en: '^S submit · ←→ action · ⏎ run it · 1 2 3 edit a step · p precheck · ↑↓ scroll · PgUp back · Esc leave (draft kept)',
    'zh-CN':
      '^S 提交 · ←→ 选择操作 · ⏎ 执行 · 1 2 3 修改步骤 · p 预检 · ↑↓ 滚动 · PgUp 上一步 · Esc 离开（保留草稿）',
  },
  keysRetry: { en: 'r retry with the same ClientToken · ', 'zh-CN': 'r 以相同 ClientToken 重试 · ' },
  keysResubmit: { en: 'r submit again · ', 'zh-CN': 'r 重新提交 · ' },
  keysBusy: {
    en: 'Please wait · Ctrl-C quits (the draft and its ClientToken are kept)',
    'zh-CN': '请稍候 · Ctrl-C 退出（草稿及其 ClientToken 会保留）',
  },
  keysPrompt: { en: '⏎ confirm · Esc cancel', 'zh-CN': '⏎ 确认 · Esc 取消' },
  keysChoicePrompt: { en: 'Esc cancel', 'zh-CN': 'Esc 取消' },
  fromProfile: { en: 'Filled in from profile {name}.', 'zh-CN': '已按配置模板 {name} 填写。' },
  fromProfileFlags: {
    en: 'Filled in from profile {name}; {count} picks could not be made here: choose them on their step.',
    'zh-CN': '已按配置模板 {name} 填写；有 {count} 项无法在此实例上自动选择：请在相应步骤中选择。',
  },
  profileFlag: { en: 'From profile: {field}: {reason}', 'zh-CN': '来自配置模板：{field}：{reason}' },
  profileMissing: {
    en: 'Profile {name} was not found: starting from an empty form.',
    'zh-CN': '找不到配置模板 {name}：从空白表单开始。',
  },
  keysLoading: { en: 'Esc back', 'zh-CN': 'Esc 返回' },
  rulesHeading: {
    en: '+ {count} forwarding rules (from profile {name}), created after the listener',
    'zh-CN': '+ {count} 条转发规则（来自配置模板 {name}），在监听创建后创建',
  },
  rulesCannot: {
    en: 'Not here as they are: create or rename the server groups named, or edit the profile; ^R reads the instance again.',
    'zh-CN': '无法按原样在此创建：请创建或重命名所列服务器组，或修改配置模板；^R 重新读取实例。',
  },
  rulesBlocked: {
    en: 'Not submitted: the forwarding rules of profile {name} cannot be created here ({reason}).',
    'zh-CN': '未提交：配置模板 {name} 中的转发规则无法在此创建（{reason}）。',
  },
  rulesVerdict: {
    en: 'The {count} forwarding rules of profile {name} cannot be created on this instance: why is listed above (↑↓ scroll). Submit waits until they can.',
    'zh-CN':
      '配置模板 {name} 中的 {count} 条转发规则无法在此实例上创建：原因见上方（↑↓ 滚动）。可以创建之前不会提交。',
  },
  rulesMore: { en: '… and {count} more', 'zh-CN': '… 另有 {count} 条' },
  rulesCreating: {
    en: 'Listener {id} is Running. Creating its forwarding rules: {done} of {count}…',
    'zh-CN': '监听 {id} 已运行（Running）。正在创建其转发规则：{done}/{count}…',
  },
  rulesFailed: {
    en: 'Listener {id} was created and is Running, but {failed} of {count} forwarding rules were not. ^S retries them with the same ClientTokens (none is made twice); Esc leaves, the listener stays.',
    'zh-CN':
      '监听 {id} 已创建并运行（Running），但 {count} 条转发规则中有 {failed} 条未创建。按 ^S 以相同的 ClientToken 重试（不会重复创建）；Esc 离开，监听保留。',
  },
  rulePhase_waiting: { en: 'waiting', 'zh-CN': '等待中' },
  rulePhase_sending: { en: 'sending', 'zh-CN': '发送中' },
  rulePhase_provisioning: { en: 'provisioning', 'zh-CN': '创建中' },
  rulePhase_done: { en: 'created {id}', 'zh-CN': '已创建 {id}' },
  rulePhase_failed: { en: 'not created: {reason}', 'zh-CN': '未创建：{reason}' },
  rulePhase_skipped: { en: 'not sent (an earlier call failed)', 'zh-CN': '未发送（之前的调用失败）' },
  rulesCreated: {
    en: 'Created listener {id} (Running) and its {count} forwarding rules from profile {name}.',
    'zh-CN': '已创建监听 {id}（运行中）及配置模板 {name} 中的 {count} 条转发规则。',
  },
  rulesNotAll: {
    en: 'Created listener {id} (Running); {failed} of {count} forwarding rules from profile {name} were not created: r on it lists the rules it has.',
    'zh-CN':
      '已创建监听 {id}（运行中）；配置模板 {name} 中的 {count} 条转发规则有 {failed} 条未创建：在该监听上按 r 查看其现有规则。',
  },
  keysRulesRunning: {
    en: 'Please wait: creating the forwarding rules · Ctrl-C quits (the listener stays)',
    'zh-CN': '请稍候：正在创建转发规则 · Ctrl-C 退出（监听保留）',
  },
  keysRulesFailed: {
    en: '^S retry the rules (same ClientTokens) · Esc leave, the listener stays',
    'zh-CN': '^S 重试转发规则（相同 ClientToken）· Esc 离开，监听保留',
  },
} satisfies Record<string, Localized>;

export type WizardTextKey = keyof typeof TEXT;
export type { TextParam };

const TABLE = textTable<WizardTextKey>(TEXT);

/** A wizard string in both languages, placeholders filled (a Localized parameter per language). */
export const wizardText = TABLE.text;

/** A wizard string in one language. */
export const tw = TABLE.say;

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const WIZARD_TEXT: Readonly<Record<WizardTextKey, Localized>> = TEXT;
