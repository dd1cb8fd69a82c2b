// Every string the profiles view and the apply-to-many view show, in English and Simplified
// Chinese. Field labels come from the domain (fields.ts); these are the views' own words.
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: { en: 'Listener profiles', 'zh-CN': '监听配置模板' },
  loading: { en: 'Loading profiles…', 'zh-CN': '正在加载配置模板…' },
  noStore: {
    en: 'Profiles are unavailable: the settings store could not be opened.',
    'zh-CN': '配置模板不可用：无法打开设置存储。',
  },
  empty: {
    en: 'No profiles yet. Save one from the wizard’s review (c on an instance), or import a file with i.',
    'zh-CN': '还没有配置模板。可在创建向导的确认步骤保存（在实例上按 c），或按 i 导入文件。',
  },
  noMatch: { en: 'No profile matches /{filter}.', 'zh-CN': '没有与 /{filter} 匹配的配置模板。' },
  forInstance: { en: 'for {instance}', 'zh-CN': '目标 {instance}' },
  markedCount: { en: '✓ {count} marked', 'zh-CN': '✓ 已标记 {count} 个' },

  labelName: { en: 'Name', 'zh-CN': '名称' },
  labelDescription: { en: 'Description', 'zh-CN': '描述' },
  labelListener: { en: 'Listener', 'zh-CN': '监听' },
  labelNamePattern: { en: 'Listener name', 'zh-CN': '监听名称' },
  labelTimeouts: { en: 'Timeouts', 'zh-CN': '超时时间' },
  labelHeaders: { en: 'Headers', 'zh-CN': '附加HTTP头字段' },
  labelTls: { en: 'TLS', 'zh-CN': 'TLS' },
  labelPicks: { en: 'Picks', 'zh-CN': '实例相关选择' },
  labelSaved: { en: 'Saved', 'zh-CN': '保存时间' },
  defaultName: { en: 'default ({example})', 'zh-CN': '默认（{example}）' },
  timeouts: {
    en: 'idle {idle} s · request {request} s',
    'zh-CN': '连接空闲 {idle} 秒 · 连接请求 {request} 秒',
  },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },
  none: { en: 'none', 'zh-CN': '无' },
  http2: { en: 'HTTP/2 {state}', 'zh-CN': 'HTTP/2 {state}' },
  gzip: { en: 'gzip {state}', 'zh-CN': 'Gzip压缩 {state}' },
  policy: { en: 'policy {policy}', 'zh-CN': '安全策略 {policy}' },
  mutualTls: { en: 'mutual TLS {state}', 'zh-CN': '双向认证 {state}' },
  quicUpgrade: { en: 'QUIC upgrade {state}', 'zh-CN': 'QUIC升级 {state}' },
  pickCertificate: { en: 'certificate {domain}', 'zh-CN': '证书 {domain}' },
  pickCa: { en: 'CA {domain}', 'zh-CN': 'CA证书 {domain}' },
  pickServerGroup: { en: 'server group {name}', 'zh-CN': '服务器组 {name}' },
  pickQuic: { en: 'QUIC listener on port {port}', 'zh-CN': '端口 {port} 的QUIC监听' },
  pickNone: { en: 'none: chosen in the wizard', 'zh-CN': '无：在向导中选择' },
  saved: { en: 'created {created} · updated {updated}', 'zh-CN': '创建于 {created} · 更新于 {updated}' },

  promptRename: { en: 'Rename {name} to:', 'zh-CN': '将 {name} 重命名为：' },
  promptDuplicate: {
    en: 'Copy {name} as (empty: “{name} (2)”):',
    'zh-CN': '将 {name} 复制为（留空则为“{name} (2)”）：',
  },
  promptDelete: {
    en: 'Delete profile {name}? y delete · n keep',
    'zh-CN': '删除配置模板 {name}？y 删除 · n 保留',
  },
  promptExport: { en: 'Export {count} profiles to file:', 'zh-CN': '导出 {count} 个配置模板到文件：' },
  promptImport: { en: 'Import profiles from file:', 'zh-CN': '从文件导入配置模板：' },
  promptOverwrite: {
    en: '{path} exists. Replace it? y replace · n choose another name',
    'zh-CN': '{path} 已存在。是否替换？y 替换 · n 换个文件名',
  },
  promptKeys: { en: '⏎ confirm · Esc cancel', 'zh-CN': '⏎ 确认 · Esc 取消' },
  nameRequired: { en: 'Write a name.', 'zh-CN': '请填写名称。' },
  pathRequired: { en: 'Write a file path.', 'zh-CN': '请填写文件路径。' },

  renamed: { en: 'Renamed {from} to {to}.', 'zh-CN': '已将 {from} 重命名为 {to}。' },
  duplicated: { en: 'Copied {from} as {to}.', 'zh-CN': '已将 {from} 复制为 {to}。' },
  deleted: { en: 'Deleted profile {name}.', 'zh-CN': '已删除配置模板 {name}。' },
  exported: { en: 'Exported {count} profiles to {path}.', 'zh-CN': '已导出 {count} 个配置模板到 {path}。' },
  exportNothing: { en: 'No profiles to export.', 'zh-CN': '没有可导出的配置模板。' },
  importRead: { en: 'Could not read {path}: {reason}', 'zh-CN': '无法读取 {path}：{reason}' },
  importFailed: {
    en: 'Nothing imported from {path}: {reason}',
    'zh-CN': '未从 {path} 导入任何内容：{reason}',
  },
  importSummary: {
    en: 'Imported from {path}: {imported} added, {renamed} renamed, {invalid} invalid.',
    'zh-CN': '已从 {path} 导入：新增 {imported} 个，重命名 {renamed} 个，无效 {invalid} 个。',
  },
  importEntryImported: { en: '#{index} {name}: imported', 'zh-CN': '第 {index} 项 {name}：已导入' },
  importEntryRenamed: {
    en: '#{index} {name}: a profile of that name exists, imported as {newName}',
    'zh-CN': '第 {index} 项 {name}：同名模板已存在，已导入为 {newName}',
  },
  importEntrySkipped: {
    en: '#{index} {name}: skipped, {reason}',
    'zh-CN': '第 {index} 项 {name}：已跳过，{reason}',
  },
  importEntryInvalid: {
    en: '#{index} {name}: invalid, {reason}',
    'zh-CN': '第 {index} 项 {name}：无效，{reason}',
  },
  importReportKeys: { en: 'any key to close this report', 'zh-CN': '按任意键关闭此报告' },
  needInstance: {
    en: 'Select an instance on the dashboard first (Esc, then move to it), or mark several with Space.',
    'zh-CN': '请先在控制台选中一个实例（按 Esc 返回后移动到该实例），或用空格标记多个实例。',
  },
  noProfileSelected: { en: 'No profile is selected.', 'zh-CN': '未选中配置模板。' },
  needListeners: {
    en: 'Mark the listeners to update with Space first (in the listeners pane or :listeners), then u here.',
    'zh-CN': '请先用空格标记要修改的监听（在监听窗格或 :listeners 中），再在此按 u。',
  },

  applyTitleOne: { en: 'Apply profile {name} to 1 instance', 'zh-CN': '将配置模板 {name} 应用到 1 个实例' },
  applyReviewKeysOne: {
    en: '⏎ create 1 listener · ↑↓ see each instance · Esc back, nothing created',
    'zh-CN': '⏎ 创建 1 个监听 · ↑↓ 查看各实例 · Esc 返回，不创建',
  },
  applyTitle: {
    en: 'Apply profile {name} to {count} instances',
    'zh-CN': '将配置模板 {name} 应用到 {count} 个实例',
  },
  applyLoading: { en: 'Reading profile {name}…', 'zh-CN': '正在读取配置模板 {name}…' },
  applyProfileMissing: {
    en: 'Profile {name} is gone: it may have been renamed or deleted.',
    'zh-CN': '配置模板 {name} 不存在：可能已被重命名或删除。',
  },
  applyPlanning: {
    en: 'Planning: reading {done} of {count} instances…',
    'zh-CN': '正在规划：已读取 {done}/{count} 个实例…',
  },
  applyPlanSummary: {
    en: '{create} to create · {skip} skipped',
    'zh-CN': '将创建 {create} 个 · 跳过 {skip} 个',
  },
  applyRunSummary: {
    en: '{created} created · {running} running · {failed} failed · {skipped} skipped',
    'zh-CN': '已创建 {created} 个 · 进行中 {running} 个 · 失败 {failed} 个 · 跳过 {skipped} 个',
  },
  applyReviewKeys: {
    en: '⏎ create {count} listeners · ↑↓ see each instance · Esc back, nothing created',
    'zh-CN': '⏎ 创建 {count} 个监听 · ↑↓ 查看各实例 · Esc 返回，不创建',
  },
  applyRunningKeys: { en: 'creating… ↑↓ see each instance', 'zh-CN': '正在创建… ↑↓ 查看各实例' },
  applyDoneKeys: {
    en: '⏎ back to the listeners · r retry the failed ones (no duplicates: same ClientToken)',
    'zh-CN': '⏎ 返回监听列表 · r 重试失败项（使用相同 ClientToken，不会重复创建）',
  },
  applyBackKeys: { en: '⏎ or Esc back', 'zh-CN': '⏎ 或 Esc 返回' },
  applyReadOnly: {
    en: 'This connection is read-only: nothing can be created here.',
    'zh-CN': '当前连接为只读：无法在此创建任何资源。',
  },
  applyNothing: {
    en: 'Nothing to create: every instance is skipped (see the reasons).',
    'zh-CN': '没有可创建的监听：所有实例均被跳过（见原因）。',
  },
  applyWait: {
    en: 'Creates are running: wait for their results.',
    'zh-CN': '正在创建：请等待结果。',
  },
  applyNothingToRetry: { en: 'Nothing failed: nothing to retry.', 'zh-CN': '没有失败项，无需重试。' },
  planLoading: { en: 'reading…', 'zh-CN': '读取中…' },
  planUnreadable: { en: 'cannot read: {reason}', 'zh-CN': '无法读取：{reason}' },
  planCreate: { en: 'create {summary}', 'zh-CN': '创建 {summary}' },
  planClash: { en: 'skip: {reason}', 'zh-CN': '跳过：{reason}' },
  planBlocked: { en: 'cannot: {reason}', 'zh-CN': '无法创建：{reason}' },
  runQueued: { en: 'waiting', 'zh-CN': '等待中' },
  runCreating: { en: 'creating…', 'zh-CN': '正在创建…' },
  runProvisioning: { en: '{id} {status}…', 'zh-CN': '{id} {status}…' },
  runCreated: { en: 'created {id} · Running', 'zh-CN': '已创建 {id} · 运行中' },
  runFailed: { en: 'failed: {reason}', 'zh-CN': '失败：{reason}' },
  runJobFailed: {
    en: 'failed, not created: {reason} (ALB rolled it back; r retries with a new ClientToken)',
    'zh-CN': '失败，未创建：{reason}（ALB 已回滚；按 r 以新的 ClientToken 重试）',
  },
  runSkipped: { en: 'skipped: {reason}', 'zh-CN': '已跳过：{reason}' },
  detailWillCreate: { en: 'Will create:', 'zh-CN': '将创建：' },
  detailProblems: { en: 'Why not:', 'zh-CN': '原因：' },
  detailNotes: { en: 'Note:', 'zh-CN': '提示：' },
  detailToken: { en: 'ClientToken {token}', 'zh-CN': 'ClientToken {token}' },
} satisfies Record<string, Localized>;

export type ProfilesTextKey = keyof typeof TEXT;

const TABLE = textTable<ProfilesTextKey>(TEXT);
export const profilesText = TABLE.text;
export const tp = TABLE.say;
export const PROFILES_TEXT: Readonly<Record<ProfilesTextKey, Localized>> = TEXT;
