// The certificate view's words, in English and Simplified Chinese (the console's terms: 扩展证书 for
// the extra certificates, 默认证书 for the default one).
import type { Localized } from '../../domain/i18n.js';
import { textTable } from '../text-table.js';

const TEXT = {
  title: { en: 'Certificates', 'zh-CN': '证书' },
  loading: {
    en: 'Reading certificates and the listeners that use them…',
    'zh-CN': '正在读取证书及使用它们的监听…',
  },
  failed: { en: 'Could not read the certificates: {reason}', 'zh-CN': '无法读取证书：{reason}' },
  none: { en: 'No certificate matches.', 'zh-CN': '没有匹配的证书。' },
  columnExpiry: { en: 'EXPIRES', 'zh-CN': '到期' },
  columnId: { en: 'CERTIFICATE', 'zh-CN': '证书' },
  columnName: { en: 'NAME / DOMAIN', 'zh-CN': '名称 / 域名' },
  columnUses: { en: 'LISTENERS', 'zh-CN': '监听' },
  days: { en: '{days} d', 'zh-CN': '{days} 天' },
  expired: { en: 'expired', 'zh-CN': '已过期' },
  unused: { en: 'not in use', 'zh-CN': '未使用' },
  usedBy: { en: 'Used by {count} listener(s):', 'zh-CN': '被 {count} 个监听使用：' },
  roleDefault: { en: 'default', 'zh-CN': '默认证书' },
  roleExtra: { en: 'extra', 'zh-CN': '扩展证书' },
  roleBoth: { en: 'default + extra', 'zh-CN': '默认 + 扩展证书' },
  sans: { en: 'SANs', 'zh-CN': '备用域名' },
  sortedBy: { en: 'sorted by {sort}', 'zh-CN': '按{sort}排序' },
  sortExpiry: { en: 'expiry', 'zh-CN': '到期时间' },
  sortName: { en: 'name', 'zh-CN': '名称' },
  sortUses: { en: 'listeners', 'zh-CN': '监听数' },
  filter: { en: 'Filter: {text}', 'zh-CN': '筛选：{text}' },
  listKeys: {
    en: '↑↓ choose · R rotate to another certificate · / filter · E N U sort · y copy ID · ^R reload · Esc back',
    'zh-CN': '↑↓ 选择 · R 轮换为另一证书 · / 筛选 · E N U 排序 · y 复制 ID · ^R 刷新 · Esc 返回',
  },
  pickTitle: { en: 'Rotate {from} to which certificate?', 'zh-CN': '将 {from} 轮换为哪个证书？' },
  pickFilter: { en: 'Type to filter: {text}', 'zh-CN': '输入以筛选：{text}' },
  pickKeys: {
    en: '↑↓ choose · ⏎ plan the rotation (nothing changes yet) · Esc back',
    'zh-CN': '↑↓ 选择 · ⏎ 生成轮换计划（尚不做任何变更）· Esc 返回',
  },
  notChoosable: { en: 'expired: cannot be chosen', 'zh-CN': '已过期：不可选择' },
  expiringSoon: { en: 'expires within 30 days', 'zh-CN': '30 天内到期' },
  notAllNames: { en: 'does not cover every name', 'zh-CN': '未包含全部域名' },
  pickMisses: {
    en: 'Does not cover {names}, which {from} serves.',
    'zh-CN': '不包含 {from} 所服务的域名 {names}。',
  },
  warnExpiresSooner: {
    en: 'Warning: {to} expires before {from}.',
    'zh-CN': '警告：{to} 比 {from} 更早到期。',
  },
  warnNamesNotCovered: {
    en: 'Warning: {to} does not cover {names}: clients asking for these names will see a certificate error.',
    'zh-CN': '警告：{to} 不包含域名 {names}：访问这些域名的客户端将出现证书错误。',
  },
  planning: {
    en: 'Reading every listener’s certificates to plan…',
    'zh-CN': '正在读取各监听的证书以生成计划…',
  },
  planTitle: {
    en: 'Rotate {from} → {to}: {count} listener(s) to change',
    'zh-CN': '轮换 {from} → {to}：将变更 {count} 个监听',
  },
  planNone: {
    en: 'No listener uses {from} any more: nothing to change.',
    'zh-CN': '已没有监听使用 {from}：无需变更。',
  },
  planKeys: {
    en: '^S run the rotation · ↑↓ scroll · Esc back, nothing changed',
    'zh-CN': '^S 执行轮换 · ↑↓ 滚动 · Esc 返回，不做变更',
  },
  planResuming: { en: 'continues an earlier run', 'zh-CN': '继续之前未完成的轮换' },
  planDone: { en: 'already on the new certificate', 'zh-CN': '已使用新证书' },
  planUntouched: { en: 'not touched', 'zh-CN': '不变更' },
  stepReplaceDefault: { en: 'replace the default certificate with {to}', 'zh-CN': '将默认证书替换为 {to}' },
  stepAssociate: { en: 'add extra certificate {id}', 'zh-CN': '添加扩展证书 {id}' },
  stepAwaitAssociated: { en: 'wait until {id} is associated', 'zh-CN': '等待 {id} 关联完成' },
  stepDissociate: { en: 'remove extra certificate {id}', 'zh-CN': '移除扩展证书 {id}' },
  stepAwaitDissociated: { en: 'wait until {id} is gone', 'zh-CN': '等待 {id} 解除关联' },
  confirm: {
    en: 'Production connection. Type {count} (the number of listeners to change) and press Enter: {text}',
    'zh-CN': '生产环境连接。请输入 {count}（将变更的监听数）并按 Enter：{text}',
  },
  confirmNames: {
    en: 'Some names would be left without a certificate. Type {count} (the number of listeners to change) and press Enter: {text}',
    'zh-CN': '部分域名将没有证书。请输入 {count}（将变更的监听数）并按 Enter：{text}',
  },
  confirmWrong: {
    en: 'Type {count}, the number of listeners to change: nothing was sent.',
    'zh-CN': '请输入将变更的监听数 {count}：未发送任何请求。',
  },
  running: {
    en: 'Rotating: {done} of {count} listener(s) ended',
    'zh-CN': '轮换中：{count} 个监听中已结束 {done} 个',
  },
  finished: {
    en: 'Rotation ended: {rotated} rotated, {failed} failed, {skipped} left as they were',
    'zh-CN': '轮换结束：成功 {rotated} 个，失败 {failed} 个，未变更 {skipped} 个',
  },
  doneKeys: {
    en: 'r rerun (plans again from what the listeners have now) · ⏎/Esc back to the certificates',
    'zh-CN': 'r 重新执行（按各监听当前状态重新生成计划）· ⏎/Esc 返回证书列表',
  },
  waitingStep: { en: 'waiting', 'zh-CN': '等待中' },
  resultRotated: { en: 'rotated', 'zh-CN': '已轮换' },
  resultDone: { en: 'already done', 'zh-CN': '已完成' },
  resultUntouched: { en: 'left as it was', 'zh-CN': '未变更' },
  resultRefused: { en: 'left as it was: the precheck refused it', 'zh-CN': '未变更：预检未通过' },
  precheckChecking: {
    en: 'Checking each change with the server first (DryRun)…',
    'zh-CN': '正在由服务端预检每项变更（DryRun）…',
  },
  precheckPassed: {
    en: 'Precheck passed: the server would take every change.',
    'zh-CN': '预检通过：服务端将接受每项变更。',
  },
  precheckRefused: {
    en: 'Precheck: the server would refuse {count} listener(s); they are left as they are, the others rotate.',
    'zh-CN': '预检：服务端将拒绝 {count} 个监听的变更；这些监听保持不变，其余监听照常轮换。',
  },
  precheckRefusedOne: { en: '✗ refused by the precheck: {reason}', 'zh-CN': '✗ 预检未通过：{reason}' },
  noticePrecheckPending: {
    en: 'Wait for the precheck to finish.',
    'zh-CN': '请等待预检完成。',
  },
  resultFailed: { en: 'failed at: {step} — {reason}', 'zh-CN': '失败于：{step} — {reason}' },
  noticeReadOnly: {
    en: 'Read-only connection: certificates cannot be changed here.',
    'zh-CN': '只读连接：不能在此变更证书。',
  },
  noticeNoTarget: { en: 'No certificate to rotate to.', 'zh-CN': '没有可轮换到的证书。' },
  noticeTargetExpired: {
    en: 'That certificate has expired: choose a valid one.',
    'zh-CN': '该证书已过期：请选择有效证书。',
  },
  noticeSameCertificate: { en: 'Choose a different certificate.', 'zh-CN': '请选择另一个证书。' },
  noticeNothingToRotate: {
    en: 'Nothing to rotate: no listener needs a change.',
    'zh-CN': '无需轮换：没有监听需要变更。',
  },
  noticePlanFailed: { en: 'Could not plan the rotation: {reason}', 'zh-CN': '无法生成轮换计划：{reason}' },
  noticeNotInUse: {
    en: 'No listener uses this certificate: there is nothing to rotate.',
    'zh-CN': '没有监听使用此证书：无需轮换。',
  },
} satisfies Record<string, Localized>;

export type CertsTextKey = keyof typeof TEXT;

const TABLE = textTable<CertsTextKey>(TEXT);

export const certsText = TABLE.text;
export const tc = TABLE.say;
export const CERTS_TEXT_ENTRIES = TABLE.entries;
