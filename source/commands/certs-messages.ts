// What `alb-tui certs list|rotate` say, in English and Simplified Chinese.
import type { RotationWarning } from '../domain/certificate-names.js';
import { both, type Localized } from '../domain/i18n.js';
import type { RotationStep, UntouchedReason } from '../domain/rotation.js';
import { q } from './messages.js';

export const CERTS_ACTIONS = ['list', 'rotate'] as const;

export const certsMessages = {
  badDays(value: string): Localized {
    return both(
      `--expiring takes a number of days (0–3650), got ${q(value)}`,
      `--expiring 的值应为天数（0–3650），实际为 ${q(value)}`,
    );
  },
  badConcurrency(value: string): Localized {
    return both(
      `--concurrency takes a whole number 1–100, got ${q(value)}`,
      `--concurrency 的值应为 1–100 的整数，实际为 ${q(value)}`,
    );
  },
  sameCertificate(): Localized {
    return both('--from and --to name the same certificate', '--from 与 --to 是同一个证书');
  },
  targetExpired(id: string): Localized {
    return both(
      `certificate ${id} has expired: rotating to it would break every listener`,
      `证书 ${id} 已过期：轮换到该证书会导致所有监听不可用`,
    );
  },
  targetIsCa(id: string): Localized {
    return both(
      `certificate ${id} is a CA certificate, not a server certificate`,
      `证书 ${id} 是 CA 证书，不是服务器证书`,
    );
  },
  rotationWarning(warning: RotationWarning): Localized {
    return warning.kind === 'expiresSooner'
      ? certsMessages.expiresSooner(warning.to, warning.from)
      : certsMessages.namesNotCovered(warning.to, warning.names);
  },
  refusedByPrecheck(listenerId: string, reason: string): Localized {
    return both(
      `warning: ${listenerId} is left as it is: the server's precheck refused its change: ${reason}`,
      `警告：${listenerId} 保持不变：服务端预检未通过：${reason}`,
    );
  },
  expiresSooner(to: string, from: string): Localized {
    return both(`warning: ${to} expires before ${from}`, `警告：${to} 比 ${from} 更早到期`);
  },
  namesNotCovered(to: string, names: readonly string[]): Localized {
    return both(
      `warning: ${to} does not cover ${names.join(', ')}: clients asking for these names will see a certificate error`,
      `警告：${to} 不包含域名 ${names.join('、')}：访问这些域名的客户端将出现证书错误`,
    );
  },
  readOnly(connection: string): Localized {
    return both(
      `connection ${q(connection)} is read-only: nothing was changed`,
      `连接 ${q(connection)} 为只读：未做任何修改`,
    );
  },
  notInteractive(): Localized {
    return both(
      'refusing to rotate without --yes when not interactive',
      '非交互模式下未指定 --yes，拒绝轮换证书',
    );
  },
  planHeader(from: string, to: string, changes: number): Localized {
    return both(
      `Rotating ${from} → ${to}: ${changes} listener${changes === 1 ? '' : 's'} to change`,
      `证书轮换 ${from} → ${to}：需修改 ${changes} 个监听`,
    );
  },
  planTail(done: number, untouched: number): Localized {
    return both(
      `${done} already on the new certificate; ${untouched} not using it, left untouched`,
      `${done} 个已使用新证书；${untouched} 个未使用该证书，不做修改`,
    );
  },
  resuming: both('continues an earlier rotation', '继续之前未完成的轮换'),
  nothingToDo(): Localized {
    return both('nothing to rotate: no listener uses the certificate', '无需轮换：没有监听使用该证书');
  },
  confirm(where: string, changes: number): Localized {
    return both(
      `Rotate the certificate on ${changes} listener${changes === 1 ? '' : 's'} on ${where}? [y/N] `,
      `确认在 ${where} 上轮换 ${changes} 个监听的证书？[y/N] `,
    );
  },
  typeToConfirm(where: string, id: string): Localized {
    return both(
      `To rotate on ${where}, type the new certificate's ID (${id}): `,
      `如确认在 ${where} 上轮换，请输入新证书的ID（${id}）：`,
    );
  },
  notConfirmed(): Localized {
    return both('not confirmed: nothing was changed', '未确认：未做任何修改');
  },
  step(step: RotationStep): Localized {
    switch (step.kind) {
      case 'replaceDefault':
        return both(`replace the default certificate with ${step.to}`, `将默认证书替换为 ${step.to}`);
      case 'associate':
        return both(`associate ${step.certificateId}`, `绑定扩展证书 ${step.certificateId}`);
      case 'awaitAssociated':
        return both(`wait until ${step.certificateId} is associated`, `等待 ${step.certificateId} 绑定完成`);
      case 'dissociate':
        return both(`dissociate ${step.certificateId}`, `解绑扩展证书 ${step.certificateId}`);
      case 'awaitDissociated':
        return both(`wait until ${step.certificateId} is gone`, `等待 ${step.certificateId} 解绑完成`);
    }
  },
  stepStarted(listenerId: string, step: Localized): Localized {
    return both(`${listenerId}: ${step.en}…`, `${listenerId}：${step['zh-CN']}…`);
  },
  rotated(listenerId: string): Localized {
    return both(`${listenerId}: rotated`, `${listenerId}：已轮换`);
  },
  failed(listenerId: string, step: Localized, reason: string): Localized {
    return both(
      `${listenerId}: FAILED at "${step.en}": ${reason} (stopped there; the listener still serves)`,
      `${listenerId}：在“${step['zh-CN']}”失败：${reason}（已在此停止；监听仍在提供服务）`,
    );
  },
  summary(rotated: number, failed: number): Localized {
    return both(`${rotated} rotated, ${failed} failed`, `${rotated} 个已轮换，${failed} 个失败`);
  },
  rerun(): Localized {
    return both(
      'rerun the same command to continue: it starts from what each listener has now',
      '重新运行同一命令即可继续：将从各监听的当前状态开始',
    );
  },
  role: {
    default: both('default', '默认证书'),
    extra: both('extra', '扩展证书'),
    'default+extra': both('default and extra', '默认证书和扩展证书'),
    ca: both('CA', 'CA证书'),
  },
  untouched(reason: UntouchedReason): Localized {
    switch (reason) {
      case 'noCertificates':
        return both('HTTP, no certificates', 'HTTP 监听，无证书');
      case 'notUsing':
        return both('does not use it', '未使用该证书');
      case 'caOnly':
        return both('uses it only as the CA certificate', '仅作为 CA 证书使用');
      case 'refused':
        return both('refused by the server’s precheck', '服务端预检未通过');
    }
  },
  headers: {
    certificate: both('Certificate', '证书'),
    domain: both('Domain', '域名'),
    expires: both('Expires', '到期时间'),
    days: both('Days', '剩余天数'),
    usedBy: both('Used by', '使用者'),
  },
  unknownToCas: both('(not in the certificate service)', '（不在数字证书管理服务中）'),
  unused: both('unused', '未使用'),
  noCertificates(): Localized {
    return both('no certificates', '没有证书');
  },
};
