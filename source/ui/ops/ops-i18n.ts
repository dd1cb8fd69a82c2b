// The operations log's words, in English and Simplified Chinese.
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: { en: 'Operations · this session', 'zh-CN': '操作记录 · 本次会话' },
  empty: {
    en: 'No changes yet this session. Every change to listeners, certificates, servers and forwarding rules is recorded here.',
    'zh-CN': '本次会话尚无变更。对监听、证书、后端服务器和转发规则的每次变更都会记录在这里。',
  },
  columnTime: { en: 'TIME', 'zh-CN': '时间' },
  columnAction: { en: 'ACTION', 'zh-CN': '操作' },
  columnTarget: { en: 'TARGET', 'zh-CN': '对象' },
  columnJob: { en: 'JOB', 'zh-CN': '任务' },
  columnStatus: { en: 'STATUS', 'zh-CN': '状态' },
  sent: { en: 'sent', 'zh-CN': '已发送' },
  accepted: { en: 'in progress', 'zh-CN': '进行中' },
  done: { en: 'done', 'zh-CN': '完成' },
  failed: { en: 'failed', 'zh-CN': '失败' },
  connection: { en: 'Connection', 'zh-CN': '连接' },
  progress: { en: 'Progress', 'zh-CN': '进度' },
  result: { en: 'Result', 'zh-CN': '结果' },
  token: { en: 'ClientToken', 'zh-CN': 'ClientToken' },
  command: { en: 'aliyun CLI (y copies)', 'zh-CN': 'aliyun CLI 命令（y 复制）' },
  keys: {
    en: '↑↓ choose · y copy the aliyun command · Esc back',
    'zh-CN': '↑↓ 选择 · y 复制 aliyun 命令 · Esc 返回',
  },
  copiedCommand: {
    en: 'Copied the aliyun command of {action}.',
    'zh-CN': '已复制 {action} 的 aliyun 命令。',
  },
} satisfies Record<string, Localized>;

export type OpsTextKey = keyof typeof TEXT;

const TABLE = textTable<OpsTextKey>(TEXT);

export const opsText = TABLE.text;
export const to = TABLE.say;
export const OPS_TEXT_ENTRIES = TABLE.entries;
