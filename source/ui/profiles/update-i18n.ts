// The words of applying a profile to existing listeners (plan, precheck, run, results), in English
// and Simplified Chinese (the console's terms: 监听, 配置模板, 预检, 服务器组).
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: {
    en: 'Apply profile {name} to {listeners}',
    'zh-CN': '将配置模板 {name} 应用到{listeners}',
  },
  scope: {
    en: 'Only the settings the profile sets that differ are changed; protocol, port and name stay.',
    'zh-CN': '仅修改模板中设定且与当前不同的配置；协议、端口和名称保持不变。',
  },
  loading: { en: 'Reading profile {name}…', 'zh-CN': '正在读取配置模板 {name}…' },
  profileMissing: {
    en: 'Profile {name} is gone (renamed or deleted in another window?).',
    'zh-CN': '配置模板 {name} 不存在（可能已在其他窗口重命名或删除）。',
  },
  planning: {
    en: 'Reading and prechecking listeners… {done}/{count}',
    'zh-CN': '正在读取并预检监听… {done}/{count}',
  },
  planSummary: {
    en: '{update} to change · {same} already as the profile · {blocked} cannot',
    'zh-CN': '{update} 个待修改 · {same} 个已与模板一致 · {blocked} 个无法修改',
  },
  runSummary: {
    en: '{updated} changed · {running} running · {failed} failed · {skipped} skipped',
    'zh-CN': '已修改 {updated} 个 · 进行中 {running} 个 · 失败 {failed} 个 · 跳过 {skipped} 个',
  },
  reviewKeys: {
    en: '^S change {listeners} · ↑↓ see each listener · Esc back to profiles, nothing changed',
    'zh-CN': '^S 修改{listeners} · ↑↓ 查看各监听 · Esc 返回配置模板，不做修改',
  },
  runningKeys: { en: 'changing… ↑↓ see each listener', 'zh-CN': '正在修改… ↑↓ 查看各监听' },
  doneKeys: {
    en: '⏎ to the listeners · Esc back to profiles · r retry the failed ones (same ClientToken)',
    'zh-CN': '⏎ 前往监听列表 · Esc 返回配置模板 · r 重试失败项（相同 ClientToken）',
  },
  backKeys: { en: '⏎ or Esc back', 'zh-CN': '⏎ 或 Esc 返回' },
  confirm: {
    en: 'Production connection. Type {count} (the number of listeners to change) and press Enter:',
    'zh-CN': '生产环境连接。请输入 {count}（将修改的监听数）并按 Enter：',
  },
  confirmWrong: {
    en: 'Type {count}, the number of listeners to change: nothing was sent.',
    'zh-CN': '请输入将修改的监听数 {count}：未发送任何请求。',
  },
  confirmKeys: { en: '⏎ change · Esc cancel', 'zh-CN': '⏎ 修改 · Esc 取消' },
  enterDoesNotRun: {
    en: 'Enter does not change anything: press Ctrl-S to change {listeners}.',
    'zh-CN': 'Enter 不会修改：按 Ctrl-S 修改{listeners}。',
  },
  readOnly: {
    en: 'This connection is read-only: nothing can be changed.',
    'zh-CN': '当前连接为只读：无法修改。',
  },
  nothing: {
    en: 'No listener to change: each is already as the profile, or cannot take it.',
    'zh-CN': '没有需要修改的监听：均已与模板一致，或无法应用。',
  },
  wait: {
    en: 'Changes are running: wait for their results.',
    'zh-CN': '修改进行中：请等待结果。',
  },
  nothingToRetry: { en: 'Nothing failed: nothing to retry.', 'zh-CN': '没有失败项，无需重试。' },
  planLoading: { en: 'reading…', 'zh-CN': '读取中…' },
  planUnreadable: { en: 'cannot read: {reason}', 'zh-CN': '无法读取：{reason}' },
  planUpdate: { en: '{changes}: {summary}', 'zh-CN': '{changes}：{summary}' },
  planSame: { en: 'already as the profile: nothing to change', 'zh-CN': '已与模板一致：无需修改' },
  planBlocked: { en: 'cannot: {reason}', 'zh-CN': '无法修改：{reason}' },
  precheckRefused: {
    en: 'the precheck (DryRun) was refused: {reason}',
    'zh-CN': '预检（DryRun）未通过：{reason}',
  },
  runQueued: { en: 'waiting', 'zh-CN': '等待中' },
  runUpdating: { en: 'sending the change…', 'zh-CN': '正在提交修改…' },
  runConfiguring: { en: '{status}…', 'zh-CN': '{status}…' },
  runUpdated: { en: 'changed · {status}', 'zh-CN': '已修改 · {status}' },
  runFailed: { en: 'failed: {reason}', 'zh-CN': '失败：{reason}' },
  runSkipped: { en: 'skipped: {reason}', 'zh-CN': '已跳过：{reason}' },
  skippedSame: { en: 'already as the profile', 'zh-CN': '已与模板一致' },
  detailChanges: { en: 'Will change (old → new):', 'zh-CN': '将修改（原值 → 新值）：' },
  detailSent: { en: 'Sent: {fields}', 'zh-CN': '发送字段：{fields}' },
  detailProblems: { en: 'Why not:', 'zh-CN': '原因：' },
  detailNotes: { en: 'Note:', 'zh-CN': '提示：' },
  detailToken: {
    en: 'ClientToken {token} (the same on every retry)',
    'zh-CN': 'ClientToken {token}（每次重试相同）',
  },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },
  empty: { en: '(none)', 'zh-CN': '（无）' },
} satisfies Record<string, Localized>;

/** `1 listener`, `2 listeners`; ` 2 个监听` (the space after the verb it follows). */
export function listenerCount(count: number): Localized {
  return { en: count === 1 ? '1 listener' : `${count} listeners`, 'zh-CN': ` ${count} 个监听` };
}

/** `1 change`, `3 changes`; `3 项修改`. */
export function changeCount(count: number): Localized {
  return { en: count === 1 ? '1 change' : `${count} changes`, 'zh-CN': `${count} 项修改` };
}

export type UpdateTextKey = keyof typeof TEXT;

const TABLE = textTable<UpdateTextKey>(TEXT);

export const updateText = TABLE.text;
export const tu = TABLE.say;

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const UPDATE_TEXT: Readonly<Record<UpdateTextKey, Localized>> = TEXT;
