// The words of a listener's certificates, in English and Simplified Chinese (默认证书, 扩展证书 as in the console).
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: { en: 'Certificates of listener {id} (port {port})', 'zh-CN': '监听 {id}（端口 {port}）的证书' },
  default: { en: 'default', 'zh-CN': '默认证书' },
  extra: { en: 'extra', 'zh-CN': '扩展证书' },
  pickAdd: { en: 'Add extra certificates:', 'zh-CN': '添加扩展证书：' },
  pickDefault: { en: 'New default certificate:', 'zh-CN': '新的默认证书：' },
  pickAddKeys: {
    en: 'Space mark (several) · type to filter · ⏎ preview · Esc back',
    'zh-CN': 'Space 标记（可多选）· 输入以筛选 · ⏎ 预览 · Esc 返回',
  },
  pickDefaultKeys: {
    en: '↑↓ choose · type to filter · ⏎ preview · Esc back',
    'zh-CN': '↑↓ 选择 · 输入以筛选 · ⏎ 预览 · Esc 返回',
  },
  preview: { en: 'What changes:', 'zh-CN': '将变更：' },
  previewKeys: {
    en: '^S / ⏎ apply · Esc cancel, nothing sent',
    'zh-CN': '^S / ⏎ 执行 · Esc 取消，不发送请求',
  },
  previewKeysTyped: {
    en: '⏎ apply once the port is typed · Esc cancel',
    'zh-CN': '输入端口后按 ⏎ 执行 · Esc 取消',
  },
  confirmPort: {
    en: 'Production connection. Type the listener port {port} to confirm: {text}',
    'zh-CN': '生产环境连接。请输入监听端口 {port} 以确认：{text}',
  },
  confirmWrong: {
    en: 'Type {port}, the listener port: nothing was sent.',
    'zh-CN': '请输入监听端口 {port}：未发送任何请求。',
  },
  running: { en: 'Applying, following the association…', 'zh-CN': '正在执行，跟踪关联状态…' },
  failed: { en: 'Failed: {reason}', 'zh-CN': '失败：{reason}' },
  failedKeys: { en: 'r retry (same change) · Esc back', 'zh-CN': 'r 重试（相同变更）· Esc 返回' },
  listKeys: {
    en: 'a add extra · x remove extra · D replace default · ^R reload · Esc back',
    'zh-CN': 'a 添加扩展证书 · x 移除扩展证书 · D 替换默认证书 · ^R 刷新 · Esc 返回',
  },
  notice_readOnly: {
    en: 'Read-only connection: certificates cannot be changed here.',
    'zh-CN': '只读连接：不能在此变更证书。',
  },
  notice_defaultNotRemovable: {
    en: 'The default certificate cannot be removed: replace it with D.',
    'zh-CN': '默认证书不能移除：请按 D 替换。',
  },
  notice_expiredNotChoosable: {
    en: 'An expired certificate cannot be chosen.',
    'zh-CN': '已过期的证书不可选择。',
  },
  notice_nothingMarked: { en: 'Mark certificates with Space first.', 'zh-CN': '请先按 Space 标记证书。' },
  notice_done: { en: 'Done: the listener’s certificates are as shown.', 'zh-CN': '完成：监听证书如上所示。' },
} satisfies Record<string, Localized>;

export type ListenerCertsTextKey = keyof typeof TEXT;

const TABLE = textTable<ListenerCertsTextKey>(TEXT);

export const tl = TABLE.say;
export const LISTENER_CERTS_TEXT_ENTRIES = TABLE.entries;
