// The wizard's words in edit mode (changing an existing listener), in English and Simplified Chinese.
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: { en: 'Edit listener {listener} · {instance}', 'zh-CN': '编辑监听 {listener} · {instance}' },
  loading: {
    en: 'Loading listener {id} and its instance…',
    'zh-CN': '正在加载监听 {id} 及其所属实例…',
  },
  fixed: { en: '(cannot change)', 'zh-CN': '（不可修改）' },
  resumeTitle: {
    en: 'An unfinished edit of this listener was kept: resume it, or start from the listener as it is now.',
    'zh-CN': '该监听有一份未完成的编辑：继续编辑，或从监听当前配置重新开始。',
  },
  diffTitle: { en: 'Changes ({count})', 'zh-CN': '变更（{count} 项）' },
  nothingToChange: {
    en: 'Nothing to change: the form is the listener as it is.',
    'zh-CN': '没有变更：表单与监听当前配置一致。',
  },
  nothingToSubmit: {
    en: 'Nothing to send: change a field first (1 2 3 reopen a step).',
    'zh-CN': '没有可提交的变更：请先修改配置（按 1 2 3 返回相应步骤）。',
  },
  sentFields: { en: 'Sent: only these fields ({fields}).', 'zh-CN': '仅提交这些字段（{fields}）。' },
  impactTitle: { en: 'What depends on it:', 'zh-CN': '受影响的资源：' },
  updating: {
    en: 'Sending the change (ClientToken {token}, the same on every retry)…',
    'zh-CN': '正在提交变更（ClientToken {token}，重试时保持不变）…',
  },
  configuring: {
    en: 'Listener {id} is {status}: waiting until it is Running again…',
    'zh-CN': '监听 {id} 状态为 {status}：等待其恢复为运行中（Running）…',
  },
  updated: { en: 'Listener {id} changed and Running.', 'zh-CN': '监听 {id} 已修改并处于运行中。' },
  updateFailed: { en: 'The change failed: {reason}', 'zh-CN': '变更失败：{reason}' },
  updateFailedRetry: {
    en: 'The change failed: {reason} · r retries with the same ClientToken',
    'zh-CN': '变更失败：{reason} · 按 r 以相同 ClientToken 重试',
  },
  confirmUpdate: {
    en: 'Production: type the listener port {port} to change {listener} on {name} ({id}), then ⏎',
    'zh-CN': '生产环境：输入监听端口 {port} 以修改 {name}（{id}）上的 {listener}，然后按 ⏎',
  },
  confirmUpdateWrong: {
    en: 'That is not {port}: type the listener port to confirm.',
    'zh-CN': '输入的不是 {port}：请输入监听端口以确认。',
  },
  noChangesClient: {
    en: 'This connection cannot change listeners yet.',
    'zh-CN': '当前连接暂不支持修改监听。',
  },
  on: { en: 'on', 'zh-CN': '开启' },
  off: { en: 'off', 'zh-CN': '关闭' },
  empty: { en: '(none)', 'zh-CN': '（无）' },
  default: { en: '(default)', 'zh-CN': '（默认）' },
} satisfies Record<string, Localized>;

export type EditTextKey = keyof typeof TEXT;

const TABLE = textTable<EditTextKey>(TEXT);

export const editText = TABLE.text;
export const te = TABLE.say;

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const EDIT_TEXT: Readonly<Record<EditTextKey, Localized>> = TEXT;
