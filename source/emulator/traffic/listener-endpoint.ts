// One listener's listening socket. It stays bound while the listener changes: connections are handed
// to the protocol server of the moment (HTTP, HTTPS, HTTPS with HTTP/2), which is swapped when the
// listener's settings change, so an edit neither closes the port nor drops a connection. New
// connections meet the new settings; open ones finish on the old.
import net from 'node:net';

/** Anything that takes a raw connection by its 'connection' event (http, https and http2 servers). */
export interface ConnectionSink {
  emit(event: 'connection', socket: net.Socket): boolean;
  closeIdleConnections?(): void;
}

export class ListenerEndpoint {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #sink: ConnectionSink | undefined;
  #idleMs = 0;
  readonly address: string;
  readonly port: number;

  private constructor(server: net.Server, address: string, port: number) {
    this.#server = server;
    this.address = address;
    this.port = port;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      // A connection that never sends a byte is idle too; node's servers only time out the ones
      // that have begun a request, or are between two.
      const idle =
        this.#idleMs > 0
          ? setTimeout(() => {
              if (socket.bytesRead === 0) socket.destroy();
            }, this.#idleMs).unref()
          : undefined;
      socket.once('close', () => {
        clearTimeout(idle);
        this.#sockets.delete(socket);
      });
      if (this.#sink) this.#sink.emit('connection', socket);
      else socket.destroy();
    });
  }

  /**
   * Binds `address` on the first of `ports` that can be bound (0: any free port). Throws the last
   * error when none can.
   */
  static async bind(address: string, ports: readonly number[]): Promise<ListenerEndpoint> {
    let lastError: unknown = new Error('no port to try');
    for (const port of ports) {
      const server = net.createServer({ noDelay: true });
      try {
        const bound = await new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host: address, port, exclusive: true }, () => {
            server.off('error', reject);
            resolve((server.address() as net.AddressInfo).port);
          });
        });
        return new ListenerEndpoint(server, address, bound);
      } catch (error) {
        lastError = error;
        server.close();
      }
    }
    throw lastError;
  }

  /**
   * From now on connections go to `sink` (and one that sends nothing for `idleMs` is closed); the
   * previous sink lets its idle keep-alive connections go.
   */
  use(sink: ConnectionSink, idleMs = 0): void {
    const previous = this.#sink;
    this.#sink = sink;
    this.#idleMs = idleMs;
    if (previous && previous !== sink) previous.closeIdleConnections?.();
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Stops accepting and ends every connection (a stopped or deleted listener refuses at once). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
      this.#sockets.clear();
    });
  }
}
