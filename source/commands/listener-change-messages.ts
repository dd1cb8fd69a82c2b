// What `alb-tui listener update|start|stop|certs` say, in English and Simplified Chinese. Values
// from outside are quoted by q() (sanitised, cut) before they go into a message.
import { both, type Localized } from '../domain/i18n.js';
import { q } from './messages.js';

export const CHANGE_ACTIONS = ['update', 'start', 'stop', 'certs'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const changeMessages = {
  optionNotFor(option: string, action: string): Localized {
    return both(
      `${option} does not apply to 'listener ${action}'`,
      `${option} 不适用于 'listener ${action}'`,
    );
  },
  notInteractive(action: ChangeAction): Localized {
    return both(
      `refusing to ${action === 'certs' ? 'change certificates' : action} without --yes when not interactive`,
      `非交互模式下未指定 --yes，拒绝${action === 'update' ? '修改监听' : action === 'start' ? '启动监听' : action === 'stop' ? '停止监听' : '修改证书'}`,
    );
  },
  readOnly(connection: string): Localized {
    return both(
      `connection ${q(connection)} is read-only: nothing was changed`,
      `连接 ${q(connection)} 为只读：未做任何修改`,
    );
  },
  fixedField(key: string): Localized {
    return both(
      `--set ${key}: a listener's protocol and port cannot change (create a new listener instead)`,
      `--set ${key}：监听的协议和端口不能修改（请新建监听）`,
    );
  },
  nothingToChange(listenerId: string): Localized {
    return both(
      `listener ${listenerId} already has these settings: nothing to change`,
      `监听 ${listenerId} 已是这些设置：无需修改`,
    );
  },
  willUpdate(listenerId: string): Localized {
    return both(`Listener ${listenerId} will change:`, `监听 ${listenerId} 将做如下修改：`);
  },
  confirmUpdate(where: string): Localized {
    return both(`Apply these changes on ${where}? [y/N] `, `确认在 ${where} 上应用这些修改？[y/N] `);
  },
  typeToConfirm(where: string, port: number): Localized {
    return both(
      `To change this listener on ${where}, type its port (${port}): `,
      `如确认修改 ${where} 上的此监听，请输入其端口（${port}）：`,
    );
  },
  confirmStartStop(action: 'start' | 'stop', where: string): Localized {
    return action === 'stop'
      ? both(
          `Stop this listener on ${where}? It serves nothing while stopped. [y/N] `,
          `确认停止 ${where} 上的此监听？停止后该监听不再提供服务。[y/N] `,
        )
      : both(`Start this listener on ${where}? [y/N] `, `确认启动 ${where} 上的此监听？[y/N] `);
  },
  already(listenerId: string, status: 'Running' | 'Stopped'): Localized {
    return status === 'Running'
      ? both(`listener ${listenerId} is already running`, `监听 ${listenerId} 已在运行中`)
      : both(`listener ${listenerId} is already stopped`, `监听 ${listenerId} 已停止`);
  },
  notConfirmed(): Localized {
    return both('not confirmed: nothing was changed', '未确认：未做任何修改');
  },
  changeFailed(reason: string): Localized {
    return both(`the change failed: ${reason}`, `修改失败：${reason}`);
  },
  outcomeUnknown(listenerId: string, reason: string, token: string): Localized {
    return both(
      `the change to ${listenerId} may or may not have been made (${reason}); ClientToken ${token}: check with 'alb-tui listener get ${listenerId}', then rerun with --client-token ${token} to retry the same change`,
      `对 ${listenerId} 的修改结果未知（${reason}）；ClientToken ${token}：请用 'alb-tui listener get ${listenerId}' 查看，再加 --client-token ${token} 重新运行以重试同一修改`,
    );
  },
  changing(listenerId: string, jobId: string): Localized {
    return both(
      `listener ${listenerId} is being changed (job ${jobId})`,
      `监听 ${listenerId} 正在变更（任务 ${jobId}）`,
    );
  },
  changed(listenerId: string, status: string): Localized {
    return both(`listener ${listenerId}: ${status}`, `监听 ${listenerId}：${status}`);
  },
  changeJobFailed(listenerId: string, reason: string): Localized {
    return both(
      `the change to ${listenerId} was not made: ${reason}; the listener is as it was`,
      `对 ${listenerId} 的修改未生效：${reason}；监听保持原样`,
    );
  },
  waitFailed(listenerId: string, reason: string): Localized {
    return both(
      `the change was made, but following listener ${listenerId} failed: ${reason}`,
      `修改已提交，但跟踪监听 ${listenerId} 的状态失败：${reason}`,
    );
  },
  certsNotHttps(protocol: string): Localized {
    return both(
      `extra certificates are for HTTPS listeners only; this one is ${protocol} (its default certificate changes with 'listener update --set certificate=ID')`,
      `扩展证书仅适用于 HTTPS 监听，此监听为 ${protocol}（默认证书可用 'listener update --set certificate=ID' 修改）`,
    );
  },
  removeDefault(certificateId: string): Localized {
    return both(
      `${certificateId} is the listener's default certificate: it cannot be removed, only replaced ('listener update --set certificate=ID')`,
      `${certificateId} 是此监听的默认证书：不能移除，只能替换（'listener update --set certificate=ID'）`,
    );
  },
  notBound(certificateId: string): Localized {
    return both(
      `${certificateId} is not an extra certificate of this listener`,
      `${certificateId} 不是此监听的扩展证书`,
    );
  },
  addAndRemove(certificateId: string): Localized {
    return both(`${certificateId} is both to add and to remove`, `${certificateId} 既要添加又要移除`);
  },
  alreadyBound(certificateId: string): Localized {
    return both(
      `${certificateId} is already bound to this listener: left as it is`,
      `${certificateId} 已绑定到此监听：保持不变`,
    );
  },
  willChangeCerts(listenerId: string): Localized {
    return both(
      `Certificates of listener ${listenerId} will change:`,
      `监听 ${listenerId} 的证书将做如下修改：`,
    );
  },
  confirmCerts(where: string): Localized {
    return both(`Change these certificates on ${where}? [y/N] `, `确认在 ${where} 上修改这些证书？[y/N] `);
  },
  adding: both('add', '添加'),
  removing: both('remove', '移除'),
  certsDone(listenerId: string): Localized {
    return both(`certificates of ${listenerId} changed`, `监听 ${listenerId} 的证书已修改`);
  },
  certificateStatus(certificateId: string, status: string): Localized {
    return both(`${certificateId}: ${status}`, `${certificateId}：${status}`);
  },
  precheckPassed(): Localized {
    return both('precheck passed: nothing was changed', '预检通过：未做任何修改');
  },
  labels: {
    certificate: both('Certificate', '证书'),
    role: both('Role', '类型'),
    status: both('Status', '状态'),
    domain: both('Domain', '域名'),
    expires: both('Expires', '到期时间'),
  },
  roles: {
    default: both('default', '默认证书'),
    extra: both('extra', '扩展证书'),
    ca: both('CA', 'CA证书'),
  },
};
