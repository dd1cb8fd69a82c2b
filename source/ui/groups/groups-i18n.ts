// The words of the server group view, in English and Simplified Chinese (服务器组, 后端服务器, 健康检查,
// 权重 as in the console).
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: { en: 'Server groups', 'zh-CN': '服务器组' },
  loading: { en: 'Loading…', 'zh-CN': '加载中…' },
  none: { en: 'No server groups in this region.', 'zh-CN': '此地域没有服务器组。' },
  noMatch: { en: 'No server group matches “{text}”.', 'zh-CN': '没有与“{text}”匹配的服务器组。' },
  filter: { en: 'Filter: {text}', 'zh-CN': '筛选：{text}' },
  colName: { en: 'Name', 'zh-CN': '名称' },
  colProtocol: { en: 'Protocol', 'zh-CN': '协议' },
  colScheduler: { en: 'Scheduler', 'zh-CN': '调度算法' },
  colVpc: { en: 'VPC', 'zh-CN': '专有网络' },
  colType: { en: 'Type', 'zh-CN': '类型' },
  colServers: { en: 'Servers', 'zh-CN': '后端服务器' },
  colHealth: { en: 'Health', 'zh-CN': '健康检查' },
  colAddress: { en: 'Address', 'zh-CN': '地址' },
  colWeight: { en: 'Weight', 'zh-CN': '权重' },
  colStatus: { en: 'Status', 'zh-CN': '状态' },
  colDescription: { en: 'Description', 'zh-CN': '描述' },
  healthy: { en: '{healthy}/{total} healthy', 'zh-CN': '{healthy}/{total} 健康' },
  noChecksYet: { en: '{count} not checked yet', 'zh-CN': '{count} 个尚未检查' },
  notInUse: { en: 'not in use', 'zh-CN': '未被监听使用' },
  healthUnknown: { en: '…', 'zh-CN': '…' },
  healthFailed: { en: 'health unavailable', 'zh-CN': '健康状态不可用' },
  serversTitle: {
    en: 'Backend servers of {name} ({id}) · {type} · {protocol}',
    'zh-CN': '服务器组 {name}（{id}）的后端服务器 · {type} · {protocol}',
  },
  healthVia: { en: 'Health as listener {listener} sees it', 'zh-CN': '健康状态取自监听 {listener}' },
  noServers: { en: 'No backend servers yet: a adds one.', 'zh-CN': '尚无后端服务器：按 a 添加。' },
  formTitle: { en: 'Add a backend server to {name}', 'zh-CN': '向 {name} 添加后端服务器' },
  fieldIp: { en: 'IP address', 'zh-CN': 'IP 地址' },
  fieldPort: { en: 'Port', 'zh-CN': '端口' },
  fieldWeight: { en: 'Weight (0–100)', 'zh-CN': '权重（0～100）' },
  fieldDescription: { en: 'Description (optional)', 'zh-CN': '描述（可选）' },
  formIpOnly: {
    en: 'This group takes {types} servers: only Ip server groups take addresses here.',
    'zh-CN': '该服务器组只能添加 {types} 类型的服务器：此处仅支持为 IP 类型服务器组添加地址。',
  },
  formKeys: {
    en: 'Tab/↓ next field · ⏎ on the last field or ^S preview · Esc cancel',
    'zh-CN': 'Tab/↓ 下一字段 · 在最后一个字段按 ⏎ 或 ^S 预览 · Esc 取消',
  },
  weightTitle: {
    en: 'New weight for {count} server(s) (0–100; 0 sends them nothing):',
    'zh-CN': '为 {count} 个后端服务器设置新权重（0～100；0 表示不转发请求）：',
  },
  weightKeys: { en: '⏎ preview · Esc cancel', 'zh-CN': '⏎ 预览 · Esc 取消' },
  preview: { en: 'What changes in {name}:', 'zh-CN': '服务器组 {name} 将变更：' },
  addLine: {
    en: '+ {address} weight {weight}{description}',
    'zh-CN': '+ {address} 权重 {weight}{description}',
  },
  removeLine: { en: '− {address} (weight {weight})', 'zh-CN': '− {address}（权重 {weight}）' },
  weightLine: { en: '~ {address} weight {from} → {to}', 'zh-CN': '~ {address} 权重 {from} → {to}' },
  removeWarning: {
    en: 'Requests in flight to removed servers are cut; they get no new requests.',
    'zh-CN': '移除后，发往这些服务器的请求将中断，且不再接收新请求。',
  },
  lastHealthy: {
    en: 'This leaves the group no healthy server: its listeners will answer 503.',
    'zh-CN': '此变更后服务器组将没有健康的后端服务器：相关监听将返回 503。',
  },
  precheckPending: { en: 'Precheck (DryRun)…', 'zh-CN': '预检（DryRun）中…' },
  precheckPassed: { en: 'Precheck passed (DryRun).', 'zh-CN': '预检通过（DryRun）。' },
  precheckFailed: { en: 'Precheck refused: {reason}', 'zh-CN': '预检未通过：{reason}' },
  previewKeys: {
    en: '^S apply · Esc cancel, nothing sent',
    'zh-CN': '^S 执行 · Esc 取消，不发送请求',
  },
  previewKeysTyped: {
    en: 'Type the count, then ^S apply · Esc cancel, nothing sent',
    'zh-CN': '输入数量后按 ^S 执行 · Esc 取消，不发送请求',
  },
  confirmCount: {
    en: 'Production connection. Type {count}, the number of servers changed, then ^S: {text}',
    'zh-CN': '生产环境连接。请输入变更的后端服务器数量 {count}，再按 ^S：{text}',
  },
  confirmWrong: {
    en: 'Type {count}, then ^S: nothing was sent.',
    'zh-CN': '请输入 {count} 后再按 ^S：未发送任何请求。',
  },
  running: { en: 'Applying, following each server…', 'zh-CN': '正在执行，跟踪每个后端服务器…' },
  done: { en: 'Done: every server is as shown.', 'zh-CN': '完成：后端服务器如上所示。' },
  doneReading: { en: 'Done; reading the servers again…', 'zh-CN': '完成；正在重新读取后端服务器…' },
  failed: { en: 'Failed: {reason}', 'zh-CN': '失败：{reason}' },
  failedKeys: {
    en: 'r retry (same change, same token) · Esc back',
    'zh-CN': 'r 重试（相同变更和令牌）· Esc 返回',
  },
  doneKeys: { en: 'Esc / ⏎ back to the servers', 'zh-CN': 'Esc / ⏎ 返回后端服务器列表' },
  result_pending: { en: 'waiting', 'zh-CN': '等待中' },
  result_done: { en: 'done', 'zh-CN': '完成' },
  result_failed: { en: 'not done', 'zh-CN': '未完成' },
  groupsKeys: {
    en: '⏎ servers · / filter · ^R reload · y copy ID · Esc back',
    'zh-CN': '⏎ 后端服务器 · / 筛选 · ^R 刷新 · y 复制 ID · Esc 返回',
  },
  serversKeys: {
    en: 'a add · Space mark · x remove · w weight · ^R reload · Esc groups',
    'zh-CN': 'a 添加 · Space 标记 · x 移除 · w 权重 · ^R 刷新 · Esc 服务器组',
  },
  marked: { en: '{count} marked', 'zh-CN': '已标记 {count} 个' },
  notice_readOnly: {
    en: 'Read-only connection: servers cannot be changed here.',
    'zh-CN': '只读连接：不能在此变更后端服务器。',
  },
  notice_nothingSelected: { en: 'No server selected.', 'zh-CN': '未选择后端服务器。' },
  notice_busy: {
    en: 'Some of these servers are still changing: wait until they are Available.',
    'zh-CN': '部分后端服务器仍在变更中：请等待其变为 Available。',
  },
  notice_fixForm: { en: 'Fix the fields marked first.', 'zh-CN': '请先修正标出的字段。' },
  notice_sameWeight: { en: 'The servers already have that weight.', 'zh-CN': '后端服务器已是该权重。' },
  notice_applyKey: {
    en: '⏎ does not apply a change: ^S does (nothing was sent).',
    'zh-CN': '⏎ 不会执行变更：请按 ^S（未发送任何请求）。',
  },
  notice_noFormInstance: {
    en: '{name} is an Instance server group: its servers are ECS instances, ENIs or ECI containers, added by ID, and the add form here takes IP addresses (Ip server groups). Add them in the console or with aliyun alb AddServersToServerGroup.',
    'zh-CN':
      '{name} 是服务器类型的服务器组：其后端为 ECS 实例、弹性网卡或弹性容器实例，需按 ID 添加；此处的添加表单只接受 IP 地址（IP 类型服务器组）。请在控制台或用 aliyun alb AddServersToServerGroup 添加。',
  },
  notice_noFormFc: {
    en: '{name} is a Function Compute server group: its backend is a function, not an address, so the add form here (IP addresses) does not apply. Set its function in the console.',
    'zh-CN':
      '{name} 是函数计算类型的服务器组：其后端为函数而非地址，此处的添加表单（IP 地址）不适用。请在控制台中设置函数。',
  },
  copied: { en: 'Copied {id}', 'zh-CN': '已复制 {id}' },
} satisfies Record<string, Localized>;

export type GroupsTextKey = keyof typeof TEXT;

const TABLE = textTable<GroupsTextKey>(TEXT);

export const tg = TABLE.say;
export const GROUPS_TEXT_ENTRIES = TABLE.entries;
