// Which HTTPS listeners upgrade to a QUIC listener: deleting that QUIC listener would switch their
// QUIC upgrade off, so `listener delete` refuses it. A local stand-in: the same question is being
// answered in source/domain/listener-rules.ts (issue 14, the local ALB's ResourceInUse.Listener);
// once it is there, this file goes and the command calls that one.
import type { Listener } from '../domain/resources.js';

/** The HTTPS listeners among `listeners` whose QUIC upgrade names `quicListenerId`, by port. */
export function listenersUpgradingTo(quicListenerId: string, listeners: readonly Listener[]): Listener[] {
  return listeners
    .filter(
      (l) =>
        l.listenerId !== quicListenerId &&
        l.listenerProtocol === 'HTTPS' &&
        l.quicConfig.quicUpgradeEnabled === true &&
        l.quicConfig.quicListenerId === quicListenerId,
    )
    .sort((a, b) => a.listenerPort - b.listenerPort);
}
