// What the data plane tells the request pipeline about each request: which listener and instance
// took it, on which addresses, and what TLS said (SNI, version, the client certificate of mutual TLS).
import type { X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { StoredListener, StoredLoadBalancer } from '../state.js';

export interface ClientCertificateInfo {
  /** Distinguished names, `CN=…,O=…` (most specific first, as ALB writes them). */
  subject: string;
  issuer: string;
  /** SHA-1 of the certificate, lower-case hex. */
  fingerprint: string;
  verified: boolean;
}

export interface TlsInfo {
  sni?: string;
  /** `TLSv1.2`, `TLSv1.3`, … */
  protocol: string;
  clientCertificate?: ClientCertificateInfo;
}

export interface RequestContext {
  listener: StoredListener;
  loadBalancer: StoredLoadBalancer;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  tls?: TlsInfo;
  /**
   * Where the instance's listener on `port` with `protocol` is served now (its own port, or the one it
   * moved to), undefined when it has none served: redirects to it use it.
   */
  servedPort?: (loadBalancerId: string, port: number, protocol: 'HTTP' | 'HTTPS') => number | undefined;
}

export type TrafficRequest = IncomingMessage | Http2ServerRequest;
export type TrafficResponse = ServerResponse | Http2ServerResponse;

/** The request pipeline (rules, forwarding, headers): created by the CLI, called for every request. */
export interface RequestHandler {
  handle(req: TrafficRequest, res: TrafficResponse, context: RequestContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** `CN=a,O=b` from node's one-per-line form (`O=b\nCN=a`). */
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).reverse().join(',');
}

const tlsInfoBySocket = new WeakMap<Socket, TlsInfo>();

/** The TLS facts of a connection, read once per connection. */
export function tlsInfoOf(socket: Socket): TlsInfo | undefined {
  if (!(socket instanceof TLSSocket)) return undefined;
  const known = tlsInfoBySocket.get(socket);
  if (known) return known;
  const servername = (socket as TLSSocket & { servername?: string | false }).servername;
  const peer = socket.getPeerX509Certificate();
  const info: TlsInfo = {
    ...(typeof servername === 'string' && servername ? { sni: servername } : {}),
    protocol: socket.getProtocol() ?? 'unknown',
    ...(peer ? { clientCertificate: clientCertificateInfo(peer, socket.authorized) } : {}),
  };
  tlsInfoBySocket.set(socket, info);
  return info;
}

function clientCertificateInfo(peer: X509Certificate, verified: boolean): ClientCertificateInfo {
  return {
    subject: distinguishedName(peer.subject),
    issuer: distinguishedName(peer.issuer),
    fingerprint: peer.fingerprint.replaceAll(':', '').toLowerCase(),
    verified,
  };
}

/** The connection a request came on (for HTTP/2, its session's socket). */
export function connectionOf(req: TrafficRequest): Socket {
  if ('stream' in req && req.stream?.session?.socket) return req.stream.session.socket as Socket;
  return req.socket as Socket;
}
