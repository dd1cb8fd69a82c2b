// Where the demo data's servers are: the local demo backends, on 127.0.0.1, one port each (below the
// ephemeral range, where an outgoing connection could hold one, and clear of listeners moved by the offset).
import type { BackendServer } from '../../domain/resources.js';

export const DEMO_BACKEND_HOST = '127.0.0.1';
export const DEMO_BACKEND_PORTS = { first: 29080, last: 29179 } as const;

export function isDemoServer(server: Pick<BackendServer, 'serverIp' | 'port'>): boolean {
  return (
    server.serverIp === DEMO_BACKEND_HOST &&
    server.port >= DEMO_BACKEND_PORTS.first &&
    server.port <= DEMO_BACKEND_PORTS.last
  );
}
