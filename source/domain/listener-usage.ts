// Which listeners depend on another. An HTTPS listener with QUIC upgrade on uses its QUIC listener, and
// ALB refuses to delete that QUIC listener while it does (`ResourceInUse.Listener`). One rule for the
// dashboard (said before it asks for the port), the CLI's `listener delete` and the local ALB.
import type { Localized } from './i18n.js';
import { messages, type ListenerMention } from './messages.js';
import type { QuicConfig } from './resources.js';

export const RESOURCE_IN_USE_LISTENER = 'ResourceInUse.Listener';
/** The HTTP status ALB's metadata lists `ResourceInUse.Listener` under for `DeleteListener`. */
export const RESOURCE_IN_USE_HTTP_STATUS = 400;

/** The QUIC listener a listener upgrades to; undefined when its QUIC upgrade is off. */
export function quicUpgradeTarget(quicConfig: QuicConfig | undefined): string | undefined {
  if (quicConfig?.quicUpgradeEnabled !== true) return undefined;
  return quicConfig.quicListenerId || undefined;
}

/** The listeners (of any list: API models, dashboard rows) that upgrade to `quicListenerId`. */
export function listenersUsingQuicListener<T extends { quicConfig?: QuicConfig | undefined }>(
  quicListenerId: string,
  listeners: Iterable<T>,
): T[] {
  const users: T[] = [];
  for (const listener of listeners)
    if (quicUpgradeTarget(listener.quicConfig) === quicListenerId) users.push(listener);
  return users;
}

export interface DeleteRefusal<T> {
  code: typeof RESOURCE_IN_USE_LISTENER;
  httpStatus: typeof RESOURCE_IN_USE_HTTP_STATUS;
  /** The listeners that keep it in use. */
  usedBy: T[];
  message: Localized;
}

/**
 * Why a listener cannot be deleted because others use it, or undefined when nothing does. `mention`
 * says how a listener of the list is named in the message (protocol, port, name, and the ID where
 * useful); with `named` the message names the listener being deleted, as the service does (the local
 * ALB), else it is "this QUIC listener" (the dashboard, where the user is on it).
 */
export function deleteListenerRefusal<T extends { quicConfig?: QuicConfig | undefined }>(
  target: ListenerMention & { listenerId: string },
  listeners: Iterable<T>,
  mention: (listener: T) => ListenerMention,
  named = false,
): DeleteRefusal<T> | undefined {
  if (target.protocol !== 'QUIC') return undefined;
  const usedBy = listenersUsingQuicListener(target.listenerId, listeners);
  if (usedBy.length === 0) return undefined;
  return {
    code: RESOURCE_IN_USE_LISTENER,
    httpStatus: RESOURCE_IN_USE_HTTP_STATUS,
    usedBy,
    message: messages.quicListenerInUse(usedBy.map(mention), named ? target : undefined),
  };
}
