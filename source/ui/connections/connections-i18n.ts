// The words of several connections in one view (`:ctx` marks, the mixed dashboard, `:region`), in
// English and Simplified Chinese.
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  headerConnections: { en: '{count} connections', 'zh-CN': '{count} 个连接' },
  headerFailed: { en: '{count} failed: {names}', 'zh-CN': '{count} 个失败：{names}' },
  headerReadOnly: { en: '{count} read-only', 'zh-CN': '{count} 个只读' },
  failedStatus: {
    en: '{name} failed: {reason} Its rows (marked !) are from its last listing; the others are current.',
    'zh-CN': '{name} 失败：{reason} 其资源（标有 !）来自上次列表；其余连接为最新数据。',
  },
  failedNoRows: {
    en: '{name} failed: {reason} The other connections are listed.',
    'zh-CN': '{name} 失败：{reason} 其余连接已列出。',
  },
  rowReadOnly: {
    en: 'Connection {name} ({region}) is read-only: no change is made on its rows.',
    'zh-CN': '连接 {name}（{region}）为只读：不能修改其下的资源。',
  },
  changeGoesTo: { en: 'on {name} · {region}', 'zh-CN': '目标 {name} · {region}' },
  reviewTarget: { en: 'Target: {names}', 'zh-CN': '目标：{names}' },
  reviewTargets: { en: 'Targets: {names}', 'zh-CN': '目标：{names}' },
  pickerTitle: { en: 'Connections', 'zh-CN': '连接' },
  pickerHint: {
    en: 'Space marks · * marks all · Enter opens the marked ones together (or the one under the cursor)',
    'zh-CN': '空格 标记 · * 全部标记 · 回车 同时打开已标记的连接（无标记时打开光标所在连接）',
  },
  pickerMarked: { en: '{count} marked', 'zh-CN': '已标记 {count} 个' },
  pickerEditHint: {
    en: 'r read-only on/off · Ctrl-D remove a saved connection',
    'zh-CN': 'r 开启/关闭只读 · Ctrl-D 删除已保存的连接',
  },
  askWritable: {
    en: 'Turn read-only off for {name}? Changes on it will then be sent. y yes · any other key no',
    'zh-CN': '关闭 {name} 的只读？之后对其的变更将被发送。y 确认 · 其他键取消',
  },
  askRemove: {
    en: 'Remove the saved connection {name}? (its credentials source is not touched) y yes · any other key no',
    'zh-CN': '删除已保存的连接 {name}？（不影响其凭据来源）y 确认 · 其他键取消',
  },
  madeReadOnly: {
    en: '{name} is read-only now: no change is sent on it.',
    'zh-CN': '{name} 已设为只读：不会发送任何变更。',
  },
  madeWritable: { en: '{name} is no longer read-only.', 'zh-CN': '{name} 已关闭只读。' },
  removed: { en: 'Removed the connection {name}.', 'zh-CN': '已删除连接 {name}。' },
  builtinFixed: {
    en: 'The local ALB is built in: it is never read-only and cannot be removed.',
    'zh-CN': '本地 ALB 为内置连接：不能设为只读，也不能删除。',
  },
  removeOpen: {
    en: '{name} is open in the view: switch to another connection (Enter on it) before removing it.',
    'zh-CN': '{name} 正在视图中打开：请先切换到其他连接（在其上按回车）再删除。',
  },
  saveFailed: { en: 'Not saved: {reason}', 'zh-CN': '未保存：{reason}' },
  endpointOne: {
    en: '--endpoint takes one connection: give --connection a single name with it',
    'zh-CN': '--endpoint 只能用于单个连接：请为 --connection 只指定一个名称',
  },
  regionTitle: { en: 'Regions of {name}', 'zh-CN': '{name} 的地域' },
  regionHint: {
    en: 'Enter switches to the region · Space marks · a adds the marked to the view · Esc back',
    'zh-CN': '回车 切换到该地域 · 空格 标记 · a 将已标记地域加入视图 · Esc 返回',
  },
  regionLoading: {
    en: 'Asking for the regions (DescribeRegions)…',
    'zh-CN': '正在获取地域列表（DescribeRegions）…',
  },
  regionFailed: { en: 'Could not read the regions: {reason}', 'zh-CN': '无法读取地域列表：{reason}' },
  regionCurrent: { en: 'open', 'zh-CN': '已打开' },
  regionNothing: { en: 'No connection is open yet.', 'zh-CN': '尚未打开任何连接。' },
  regionBad: {
    en: 'Not a region ID: {value} (write one such as cn-shanghai, or :region alone to pick)',
    'zh-CN': '不是有效的地域 ID：{value}（请填写如 cn-shanghai，或只输入 :region 以选择）',
  },
  regionNeedsProfile: {
    en: 'An --endpoint connection has no profile to open in another region: save it with alb-tui connections add',
    'zh-CN': '--endpoint 连接没有可在其他地域打开的配置：请用 alb-tui connections add 保存为连接',
  },
  regionUnsupported: {
    en: 'This connection cannot list regions; type :region cn-shanghai to switch, :region +cn-shanghai to add',
    'zh-CN': '此连接无法列出地域；输入 :region cn-shanghai 切换，:region +cn-shanghai 加入视图',
  },
} satisfies Record<string, Localized>;

export type ConnectionsTextKey = keyof typeof TEXT;

const TABLE = textTable<ConnectionsTextKey>(TEXT);

export const connectionsText = TABLE.text;
export const ct = TABLE.say;
export const CONNECTIONS_TEXT_ENTRIES = TABLE.entries;
