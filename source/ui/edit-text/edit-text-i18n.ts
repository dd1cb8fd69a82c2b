// The words of "edit as text" (the listener as YAML in $VISUAL / $EDITOR): the comments written into
// the file and the messages said about it, in English and Simplified Chinese.
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  header: {
    en: 'Listener {listener} ({id}) on {instance}. Save and quit to review the change; an empty or unchanged file cancels.',
    'zh-CN':
      '监听 {listener}（{id}），所属实例 {instance}。保存并退出后将显示变更供审核；清空文件或不做修改则取消。',
  },
  headerFixed: {
    en: 'Protocol {protocol} and port {port} cannot change. Only the fields you change are sent (UpdateListenerAttribute).',
    'zh-CN': '协议 {protocol} 和端口 {port} 不可修改。只提交修改过的字段（UpdateListenerAttribute）。',
  },
  headerResumed: {
    en: 'This is the unfinished edit kept on {when}, not the listener as it is.',
    'zh-CN': '这是保存于 {when} 的未完成编辑，而非监听当前配置。',
  },
  errorsTitle: {
    en: 'The file could not be used (fix it and save again; save it unchanged to give up):',
    'zh-CN': '文件无法使用（请修改后再次保存；不做修改直接保存则放弃）：',
  },
  yamlError: { en: 'YAML, line {line}: {reason}', 'zh-CN': 'YAML 第 {line} 行：{reason}' },
  notAMap: {
    en: 'The file must be a map of request fields (Name: value).',
    'zh-CN': '文件内容必须是请求字段的映射（字段名: 值）。',
  },
  unknownField: {
    en: '{field} is not a field of this listener’s request (fields: {fields}).',
    'zh-CN': '{field} 不是该监听请求中的字段（可用字段：{fields}）。',
  },
  fixedField: {
    en: '{field} cannot change (it is {value}).',
    'zh-CN': '{field} 不可修改（当前为 {value}）。',
  },
  cancelled: { en: 'Edit as text cancelled: nothing changed.', 'zh-CN': '已取消以文本编辑：未做任何修改。' },
  cancelledKept: {
    en: 'Edit as text cancelled; your text is kept in {path}.',
    'zh-CN': '已取消以文本编辑；你的文本保存在 {path}。',
  },
  editorFailed: { en: 'The editor failed: {reason}', 'zh-CN': '编辑器运行失败：{reason}' },
  noEditor: {
    en: 'No editor can be run here (set $VISUAL or $EDITOR).',
    'zh-CN': '此处无法运行编辑器（请设置 $VISUAL 或 $EDITOR）。',
  },
  // One comment per field: what it is, and its limits.
  ListenerDescription: {
    en: '{label}: 2–256 characters (letters, digits, Chinese, . _ -); empty means {default}.',
    'zh-CN': '{label}：2–256 个字符（字母、数字、中文、. _ -）；留空则为 {default}。',
  },
  IdleTimeout: { en: '{label}: 1–60 seconds (default 15).', 'zh-CN': '{label}：1–60 秒（默认 15）。' },
  RequestTimeout: {
    en: '{label}: 1–180 seconds (default 60).',
    'zh-CN': '{label}：1–180 秒（默认 60）。',
  },
  GzipEnabled: { en: '{label}: true or false.', 'zh-CN': '{label}：true 或 false。' },
  Http2Enabled: { en: '{label}: true or false.', 'zh-CN': '{label}：true 或 false。' },
  SecurityPolicyId: {
    en: '{label}: a system policy ({examples}) or a custom policy ID (Standard editions).',
    'zh-CN': '{label}：系统策略（{examples}）或自定义策略ID（标准版）。',
  },
  Certificates: {
    en: '{label}: exactly one, the default certificate (<CAS number>-<region>); extra (SNI) certificates are managed in the detail.',
    'zh-CN': '{label}：仅一个，即默认证书（<CAS编号>-<地域>）；扩展（SNI）证书请在详情中管理。',
  },
  CaEnabled: {
    en: '{label}: true or false (needs a CA certificate).',
    'zh-CN': '{label}：true 或 false（需要CA证书）。',
  },
  CaCertificates: {
    en: '{label}: exactly one CA certificate while mutual TLS is on.',
    'zh-CN': '{label}：开启双向认证时需要且仅需一个CA证书。',
  },
  DefaultActions: {
    en: '{label}: exactly one ForwardGroup action with one server group (sgp-…) in the instance’s VPC.',
    'zh-CN': '{label}：仅一个 ForwardGroup 动作，转发到实例所在VPC中的一个服务器组（sgp-…）。',
  },
  QuicConfig: {
    en: '{label}: QuicUpgradeEnabled true needs QuicListenerId, a QUIC listener of this instance.',
    'zh-CN': '{label}：QuicUpgradeEnabled 为 true 时需要 QuicListenerId（本实例的一个QUIC监听）。',
  },
  XForwardedForConfigPlain: {
    en: '{label}: each header true or false.',
    'zh-CN': '{label}：每个头字段为 true 或 false。',
  },
  XForwardedForConfig: {
    en: '{label}: each header true or false; client-certificate headers need mutual TLS; aliases 1–40 of a–z A–Z 0–9 _ -.',
    'zh-CN':
      '{label}：每个头字段为 true 或 false；客户端证书相关头字段需开启双向认证；自定义名称为 1–40 个 a–z A–Z 0–9 _ - 字符。',
  },
} satisfies Record<string, Localized>;

export type EditTextTextKey = keyof typeof TEXT;

const TABLE = textTable<EditTextTextKey>(TEXT);

export const editTextText = TABLE.text;
export const tt = TABLE.say;

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const EDIT_TEXT_TEXT: Readonly<Record<EditTextTextKey, Localized>> = TEXT;
