// What `alb-tui listener get|delete` say, in English and Simplified Chinese. Values from outside are
// quoted by q() (sanitised, cut) before they go into a message.
import { both, type Localized } from '../domain/i18n.js';
import type { Listener } from '../domain/resources.js';
import { q } from './messages.js';

/** `HTTPS 443 lsn-… "name"`: a listener as a message names it. */
export function listenerLabel(listener: Listener): string {
  const name = listener.listenerDescription ? ` ${q(listener.listenerDescription)}` : '';
  return `${listener.listenerProtocol} ${listener.listenerPort} ${listener.listenerId}${name}`;
}

export const listenerMessages = {
  actions: ['get', 'delete'] as const,
  listenerId: both('a listener ID (lsn-…)', '监听ID（lsn-…）'),
  notInteractive(): Localized {
    return both(
      'refusing to delete without --yes when not interactive',
      '非交互模式下未指定 --yes，拒绝删除',
    );
  },
  readOnly(connection: string): Localized {
    return both(
      `connection ${q(connection)} is read-only: nothing was deleted`,
      `连接 ${q(connection)} 为只读：未删除任何内容`,
    );
  },
  willDelete(): Localized {
    return both('This listener will be deleted:', '将删除以下监听：');
  },
  confirmDelete(where: string): Localized {
    return both(`Delete this listener on ${where}? [y/N] `, `确认删除 ${where} 上的此监听？[y/N] `);
  },
  typeToDelete(where: string, port: number): Localized {
    return both(
      `To delete this listener on ${where}, type its port (${port}): `,
      `如确认删除 ${where} 上的此监听，请输入其端口（${port}）：`,
    );
  },
  notConfirmed(): Localized {
    return both('Cancelled: nothing was deleted.', '已取消：未删除任何内容。');
  },
  deleting(listenerId: string, jobId: string): Localized {
    return both(
      `Deleting listener ${listenerId}${jobId ? ` (job ${jobId})` : ''}…`,
      `正在删除监听 ${listenerId}${jobId ? `（任务 ${jobId}）` : ''}…`,
    );
  },
  deleted(listener: Listener): Localized {
    return both(`Deleted listener ${listenerLabel(listener)}.`, `已删除监听 ${listenerLabel(listener)}。`);
  },
  deleteFailed(reason: string): Localized {
    return both(`could not delete the listener: ${reason}`, `无法删除监听：${reason}`);
  },
  deleteOutcomeUnknown(listenerId: string, reason: string, token: string): Localized {
    return both(
      `outcome unknown: the delete may have reached the service (${reason}); ClientToken ${token}: see alb-tui listener get ${listenerId}, or rerun with --client-token ${token} to retry the same delete`,
      `结果未知：删除请求可能已到达服务端（${reason}）；ClientToken ${token}：请运行 alb-tui listener get ${listenerId} 查看，或加 --client-token ${token} 重新运行以重试同一删除`,
    );
  },
  deletedBefore(listenerId: string, jobId: string): Localized {
    return both(
      `listener ${listenerId} is gone: deleted by the earlier run with this ClientToken (job ${jobId})`,
      `监听 ${listenerId} 已不存在：已由使用此 ClientToken 的上一次运行删除（任务 ${jobId}）`,
    );
  },
  deleteJobFailed(listenerId: string, reason: string): Localized {
    return both(
      `listener ${listenerId} was not deleted: ${reason}; it is still there`,
      `监听 ${listenerId} 未删除：${reason}；该监听仍然存在`,
    );
  },
  waitFailed(listenerId: string, reason: string): Localized {
    return both(
      `the delete of ${listenerId} was accepted, but it was not seen gone: ${reason}`,
      `已受理 ${listenerId} 的删除，但未确认其已删除：${reason}`,
    );
  },

  // ---- get: labels ----------------------------------------------------------------------------
  labels: {
    listenerId: both('Listener ID', '监听ID'),
    status: both('Status', '状态'),
    forward: both('Forward to', '转发至'),
    certificates: both('Certificates', '证书'),
    caCertificates: both('CA certificates', 'CA证书'),
    headers: both('Extra HTTP headers', '附加HTTP头字段'),
    xffMode: both('X-Forwarded-For mode', 'X-Forwarded-For 处理模式'),
    acl: both('Access control', '访问控制'),
    accessLog: both('Access log', '访问日志'),
    tags: both('Tags', '标签'),
  },
  isDefault: both('default', '默认'),
  customHeaders: both('custom headers', '自定义头字段'),
  tracing: both('Xtrace', 'Xtrace'),
};
