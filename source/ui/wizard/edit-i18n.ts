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
  submitJobFailed: {
    en: 'Not changed: {reason} ALB rolled the change back; the listener is as it was and your edit is kept. Press r to send it again (with a new ClientToken).',
    'zh-CN':
      '未修改：{reason} ALB 已回滚此次变更，监听保持原样，您的编辑已保留。按 r 重新提交（使用新的 ClientToken）。',
  },
  resumeTitle: {
    en: 'An unfinished edit of this listener was kept: resume it, or start from the listener as it is now.',
    'zh-CN': '该监听有一份未完成的编辑：继续编辑，或从监听当前配置重新开始。',
  },
  resumeKeys: {
    en: 'Enter or r resume it · n start from the listener as it is (the kept edit is replaced once you change something) · d discard it · Esc back',
    'zh-CN': 'Enter 或 r 继续编辑 · n 从监听当前配置开始（修改后将替换保留的编辑）· d 丢弃此编辑 · Esc 返回',
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
    en: 'Listener {id} is {status}: waiting for the change to finish…',
    'zh-CN': '监听 {id} 状态为 {status}：等待变更完成…',
  },
  updated: {
    en: 'Listener {id} changed; it is {status}.',
    'zh-CN': '监听 {id} 已修改，当前状态为 {status}。',
  },
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
  keysReview: {
    en: '^S send the change · E edit as YAML · 1 2 3 edit a step · p precheck · ←→ action · ⏎ run it · ↑↓ scroll · Esc leave (edit kept)',
    'zh-CN':
      '^S 提交变更 · E 以 YAML 编辑 · 1 2 3 修改步骤 · p 预检 · ←→ 选择操作 · ⏎ 执行 · ↑↓ 滚动 · Esc 离开（保留编辑）',
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
