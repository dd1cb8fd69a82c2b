// Every enumerated value the API returns that the screen shows, in both languages (zh-CN in the
// console's own terms). One table per field; test/ui/enum-words.test.ts walks the field's values in
// the official metadata, so a value the API adds and this table lacks fails it. Protocols (HTTP,
// HTTPS, QUIC, GRPC) are left as they are: the console writes them the same in both languages.
// A value a newer API returns before it is added here is shown as it comes, sanitised. Pure.
import type { Lang, Localized } from '../../domain/i18n.js';
import { sanitizeForTerminal } from '../../domain/text.js';

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export const ENUM_WORDS = {
  loadBalancerStatus: {
    Active: both('Active', '运行中'),
    Inactive: both('Inactive', '已停止'),
    Provisioning: both('Provisioning', '创建中'),
    Configuring: both('Configuring', '变配中'),
    CreateFailed: both('CreateFailed', '创建失败'),
  },
  loadBalancerEdition: {
    Basic: both('Basic', '基础版'),
    Standard: both('Standard', '标准版'),
    StandardWithWaf: both('WAF', 'WAF增强版'),
  },
  addressType: {
    Internet: both('Internet', '公网'),
    Intranet: both('Intranet', '私网'),
  },
  addressIpVersion: {
    IPv4: both('IPv4', 'IPv4'),
    DualStack: both('dual-stack', '双栈'),
  },
  listenerStatus: {
    Running: both('Running', '运行中'),
    Provisioning: both('Provisioning', '创建中'),
    Configuring: both('Configuring', '配置中'),
    Stopped: both('Stopped', '已停止'),
  },
  xffProcessingMode: {
    append: both('append', '追加'),
    remove: both('remove', '删除'),
  },
  serverGroupType: {
    Instance: both('Server', '服务器'),
    Ip: both('IP', 'IP'),
    Fc: both('Function Compute', '函数计算'),
  },
  serverGroupStatus: {
    Creating: both('Creating', '创建中'),
    Available: both('Available', '可用'),
    Configuring: both('Configuring', '变配中'),
  },
  scheduler: {
    Wrr: both('weighted round robin (Wrr)', '加权轮询（Wrr）'),
    Wlc: both('weighted least connections (Wlc)', '加权最小连接数（Wlc）'),
    Sch: both('consistent hash (Sch)', '一致性哈希（Sch）'),
  },
  serverStatus: {
    Available: both('Available', '可用'),
    Adding: both('Adding', '添加中'),
    Configuring: both('Configuring', '配置中'),
    Removing: both('Removing', '移除中'),
  },
  serverType: {
    Ecs: both('ECS', 'ECS'),
    Eni: both('ENI', '弹性网卡'),
    Eci: both('ECI', '弹性容器实例'),
    Ip: both('IP', 'IP'),
    Fc: both('Function Compute', '函数计算'),
  },
  /** ListListenerCertificates; the API spells the third one without the first `s`. */
  certificateStatus: {
    Associating: both('Associating', '关联中'),
    Associated: both('Associated', '已关联'),
    Diassociating: both('Dissociating', '解除关联中'),
    Dissociating: both('Dissociating', '解除关联中'),
  },
} satisfies Record<string, Record<string, Localized>>;

export type EnumField = keyof typeof ENUM_WORDS;

/** The value in `lang`; a value not in the table (a newer API's) as it comes. */
export function enumWord(field: EnumField, value: string, lang: Lang): string {
  const table: Record<string, Localized> = ENUM_WORDS[field];
  return Object.hasOwn(table, value) ? table[value]![lang] : sanitizeForTerminal(value);
}

/** Both languages and the API's own value, for the filter: `运行中` and `Active` both find it. */
export function enumSearchWords(field: EnumField, value: string): string {
  const table: Record<string, Localized> = ENUM_WORDS[field];
  const entry = Object.hasOwn(table, value) ? table[value] : undefined;
  if (!entry) return value;
  // Most English words are the value itself: once is enough for `includes`, and shorter to search.
  return entry.en === value ? `${value} ${entry['zh-CN']}` : `${value} ${entry.en} ${entry['zh-CN']}`;
}
