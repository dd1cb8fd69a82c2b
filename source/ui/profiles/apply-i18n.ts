// The apply-to-many view's words for its deliberate run (the submit key, the typed confirmation on a
// production connection) and its way back, in English and Simplified Chinese.
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  reviewKeysOne: {
    en: '^S create 1 listener · ↑↓ see each instance · Esc back to profiles, nothing created',
    'zh-CN': '^S 创建 1 个监听 · ↑↓ 查看各实例 · Esc 返回配置模板，不创建',
  },
  reviewKeys: {
    en: '^S create {count} listeners · ↑↓ see each instance · Esc back to profiles, nothing created',
    'zh-CN': '^S 创建 {count} 个监听 · ↑↓ 查看各实例 · Esc 返回配置模板，不创建',
  },
  enterDoesNotRun: {
    en: 'Enter does not create: press Ctrl-S to create {listeners}.',
    'zh-CN': 'Enter 不会创建：按 Ctrl-S 创建{listeners}。',
  },
  confirm: {
    en: 'Production connection. Type {count} (the number of listeners to create) and press Enter:',
    'zh-CN': '生产环境连接。请输入 {count}（将创建的监听数）并按 Enter：',
  },
  confirmWrong: {
    en: 'Type {count}, the number of listeners to create: nothing was sent.',
    'zh-CN': '请输入将创建的监听数 {count}：未发送任何请求。',
  },
  confirmKeys: { en: '⏎ create · Esc cancel', 'zh-CN': '⏎ 创建 · Esc 取消' },
  doneKeys: {
    en: '⏎ to the listeners · Esc back to profiles · r retry the failed ones (never a duplicate)',
    'zh-CN': '⏎ 前往监听列表 · Esc 返回配置模板 · r 重试失败项（不会重复创建）',
  },
  planRules: { en: '+ {count} forwarding rules', 'zh-CN': '+ {count} 条转发规则' },
  planRulesOne: { en: '+ 1 forwarding rule', 'zh-CN': '+ 1 条转发规则' },
  runRules: {
    en: 'created {id} · creating {count} forwarding rules…',
    'zh-CN': '已创建 {id} · 正在创建 {count} 条转发规则…',
  },
  runCreatedRules: {
    en: 'created {id} · Running · + {count} forwarding rules',
    'zh-CN': '已创建 {id} · 运行中 · + {count} 条转发规则',
  },
  runRulesFailed: {
    en: 'created {id} · Running · forwarding rules: {created} of {count} created: {reason}',
    'zh-CN': '已创建 {id} · 运行中 · 转发规则：已创建 {created} 条，共 {count} 条：{reason}',
  },
} satisfies Record<string, Localized>;

export type ApplyTextKey = keyof typeof TEXT;

const TABLE = textTable<ApplyTextKey>(TEXT);

export const applyText = TABLE.text;
export const ta = TABLE.say;

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const APPLY_TEXT: Readonly<Record<ApplyTextKey, Localized>> = TEXT;
