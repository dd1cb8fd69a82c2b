// What depends on a listener, said before it is deleted, stopped, or edited in a way that changes
// where its traffic goes or which certificate serves it: the HTTPS listeners that upgrade to a QUIC
// listener, the QUIC listener an HTTPS listener upgrades to, and the other listeners known to serve
// the same certificate. (Forwarding rules join once they exist.) Pure.
import { both, type Localized } from './i18n.js';
import { listenersUsingQuicListener, quicUpgradeTarget } from './listener-usage.js';
import type { ListenerProtocol, QuicConfig } from './resources.js';

export interface ImpactListener {
  listenerId: string;
  /** Its instance, when known. */
  loadBalancerId?: string;
  protocol: ListenerProtocol | string;
  port: number;
  name: string;
  quicConfig?: QuicConfig | undefined;
  /** The certificates it serves, when known (only `GetListenerAttribute` says). */
  certificateIds?: readonly string[] | undefined;
}

export type ImpactAction = 'delete' | 'stop' | 'edit';

/** One thing that depends on the listener; `brief` says the same with counts instead of names (narrow terminals). */
export type ImpactSentence = Localized & { brief: Localized };

function named(listener: ImpactListener, lang: 'en' | 'zh-CN'): string {
  const name = listener.name ? (lang === 'en' ? ` “${listener.name}”` : `「${listener.name}」`) : '';
  return `${listener.protocol} ${listener.port}${name}`;
}

function list(listeners: readonly ImpactListener[], lang: 'en' | 'zh-CN'): string {
  const shown = listeners.slice(0, 4).map((l) => named(l, lang));
  const more = listeners.length - shown.length;
  const joined = shown.join(lang === 'en' ? ', ' : '、');
  if (more <= 0) return joined;
  return lang === 'en' ? `${joined} and ${more} more` : `${joined} 等 ${listeners.length} 个`;
}

/**
 * The dependants of `target` among `siblings` (the listeners of its instance and any others known),
 * one sentence each. `certificateIds` is the certificate the action takes away or replaces (for an
 * edit, the one being replaced); the target's own when absent.
 */
export function listenerImpact(
  target: ImpactListener,
  siblings: Iterable<ImpactListener>,
  action: ImpactAction,
  certificateIds: readonly string[] = target.certificateIds ?? [],
): ImpactSentence[] {
  const others = [...siblings].filter((l) => l.listenerId !== target.listenerId);
  const out: ImpactSentence[] = [];
  if (target.protocol === 'QUIC' && action !== 'edit') {
    const users = listenersUsingQuicListener(target.listenerId, others);
    if (users.length > 0) {
      out.push({
        ...both(
          `${list(users, 'en')} upgrade${users.length === 1 ? 's' : ''} to this QUIC listener${action === 'stop' ? ': their clients stay on HTTPS while it is stopped' : ''}.`,
          `${list(users, 'zh-CN')} 开启了QUIC升级并关联此QUIC监听${action === 'stop' ? '：停止期间其客户端继续使用HTTPS' : ''}。`,
        ),
        brief: both(
          `${users.length} HTTPS listener${users.length === 1 ? '' : 's'} upgrade${users.length === 1 ? 's' : ''} to it${action === 'stop' ? ' (they stay on HTTPS)' : ''}.`,
          `${users.length} 个HTTPS监听升级到此监听${action === 'stop' ? '（停止期间仍用HTTPS）' : ''}。`,
        ),
      });
    }
  }
  const quic = quicUpgradeTarget(target.quicConfig);
  if (quic && action !== 'edit') {
    const quicListener = others.find((l) => l.listenerId === quic);
    const what = quicListener ? named(quicListener, 'en') : quic;
    const whatZh = quicListener ? named(quicListener, 'zh-CN') : quic;
    const port = quicListener ? `QUIC ${quicListener.port}` : quic;
    out.push({
      ...both(`Its clients are upgraded to QUIC listener ${what}.`, `其客户端会被升级到QUIC监听 ${whatZh}。`),
      brief: both(`Upgrades to ${port}.`, `升级到 ${port}。`),
    });
  }
  for (const certificateId of certificateIds) {
    const sharing = others.filter((l) => l.certificateIds?.includes(certificateId));
    if (sharing.length === 0) continue;
    out.push({
      ...both(
        `Certificate ${certificateId} is also served by ${list(sharing, 'en')} (they keep it).`,
        `证书 ${certificateId} 同时被 ${list(sharing, 'zh-CN')} 使用（它们不受影响）。`,
      ),
      brief: both(
        `${sharing.length} other listener${sharing.length === 1 ? '' : 's'} serve${sharing.length === 1 ? 's' : ''} certificate ${certificateId} too (they keep it).`,
        `另有 ${sharing.length} 个监听使用证书 ${certificateId}（不受影响）。`,
      ),
    });
  }
  return out;
}
