// The port a new listener starts with: the first of the usual ports for its protocol that no
// listener of the instance holds in the same port space (QUIC is UDP, apart from HTTP and HTTPS).
import { DEFAULT_PORT } from './limits.js';
import { listenerOnPort, type ListenerFact, type TargetContext } from './listener-rules.js';
import type { ListenerProtocol } from './resources.js';

/** The ports people expect for each protocol, most usual first. */
export const USUAL_PORTS: Readonly<Record<ListenerProtocol, readonly number[]>> = {
  HTTP: [80, 8080, 8000, 8888, 8081, 81],
  HTTPS: [443, 8443, 9443, 4443, 10443],
  QUIC: [443, 8443, 9443, 4443, 10443],
};

export interface DefaultPort {
  port: number;
  /** The usual ports passed over, with the listener that holds each. */
  skipped: { port: number; listener: ListenerFact }[];
}

/** The first free usual port; the most usual one when every usual port is taken (the rules then say so). */
export function defaultPort(
  protocol: ListenerProtocol,
  context: Pick<TargetContext, 'instance' | 'listeners'> | undefined,
): DefaultPort {
  if (!context) return { port: DEFAULT_PORT[protocol], skipped: [] };
  const skipped: DefaultPort['skipped'] = [];
  for (const port of USUAL_PORTS[protocol]) {
    const listener = listenerOnPort(context, protocol, port);
    if (!listener) return { port, skipped };
    skipped.push({ port, listener });
  }
  return { port: USUAL_PORTS[protocol][0] ?? DEFAULT_PORT[protocol], skipped: [] };
}
