// The local ALB's data plane, listening side: every listener of every region served on its instance's
// loopback address, on its own port where it can be bound, else port + offset, else a free port.
// The core tells it which listener changed; it never holds the control API up (work is queued and
// done asynchronously, one listener at a time in order). A Stopped listener refuses connections;
// a QUIC one is not served (Node has no QUIC). Loopback only, always.
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import type { NotServedReason, ServedAddresses, ServedListener } from '../../domain/served-addresses.js';
import type { EmulatorState, StoredListener, StoredLoadBalancer } from '../state.js';
import { instanceAddress, perInstanceAddresses } from './addresses.js';
import { ListenerEndpoint, type ConnectionSink } from './listener-endpoint.js';
import { LocalCa } from './local-ca.js';
import {
  connectionOf,
  tlsInfoOf,
  type RequestContext,
  type RequestHandler,
  type TrafficRequest,
} from './request-context.js';
import { DEFAULT_PORT_OFFSET } from './port-offset.js';
import { tlsSetup } from './tls-setup.js';

/**
 * At most this many listening sockets by default: a `--scale` state of 100,000 listeners must not
 * take every file descriptor from the control API it runs beside.
 */
export const DEFAULT_MAX_SERVED = 1_000;

/** One region of the local ALB: its live state, its core's listener hook, and its request pipeline. */
export interface RegionTraffic {
  regionId: string;
  state: EmulatorState;
  /** The core's listener hook (`AlbCore.observeListeners`). */
  observeListeners(observer: (listenerId: string) => void): () => void;
  handler: RequestHandler;
}

export interface DataPlaneOptions {
  /** Every region served (listener IDs are unique across them; each instance has its own address). */
  regions: readonly RegionTraffic[];
  /** Added to a port that cannot be bound (default 10000). */
  portOffset?: number;
  /** Where the local CA is kept (0700); a CA in memory when absent. */
  caDir?: string;
  /** Told where each listener is served, and why not where it is not (the local ALB's log). */
  log?: (entry: ServedLogEntry) => void;
  /** Told whenever where listeners are served changes (e.g. to publish it to a file). */
  onServedChange?: () => void;
  platform?: NodeJS.Platform;
  /** How many listeners are served at most (default `DEFAULT_MAX_SERVED`); the rest say why not. */
  maxServed?: number;
  /** For tests: serve only these listeners. */
  only?: (listener: StoredListener) => boolean;
}

/** A line of the local ALB's log: a listener now served somewhere, or not (`status` undefined: deleted). */
export interface ServedLogEntry {
  listenerId: string;
  /** `lsn-… HTTPS 443 "name"`. */
  label: string;
  status: ServedListener | undefined;
}

interface Served {
  endpoint: ListenerEndpoint;
  /** What the protocol server was built from; a change builds a new one. */
  fingerprint: string;
  sink: ConnectionSink;
}

/** Why a listener that exists is not served now, or undefined when it should be. */
export function notServedReason(
  listener: StoredListener,
  instance: StoredLoadBalancer | undefined,
  state: EmulatorState,
): NotServedReason | undefined {
  if (listener.listenerProtocol === 'QUIC') return 'quic';
  if (instance?.loadBalancerStatus === 'Inactive') return 'instance-inactive';
  switch (listener.listenerStatus) {
    case 'Running':
      return undefined;
    case 'Stopped':
      return 'stopped';
    case 'Provisioning':
      return 'provisioning';
    case 'Configuring': {
      // Serves on while it is changed or deleted; a listener being started is not serving yet.
      const pending = state.pending.find((p) => p.listenerId === listener.listenerId);
      if (pending?.kind === 'start' || pending?.returnTo === 'Stopped') return 'stopped';
      return undefined;
    }
  }
}

export class DataPlane implements ServedAddresses {
  readonly #options: DataPlaneOptions;
  readonly #served = new Map<string, Served>();
  readonly #status = new Map<string, ServedListener>();
  /** Each listener's work, in order. */
  readonly #queues = new Map<string, Promise<void>>();
  /** Where each listener and instance was last found in the state's lists (a hint, checked on use). */
  readonly #listenerIndex = new Map<string, number>();
  readonly #instanceIndex = new Map<string, number>();
  /** The region each listener told about belongs to. */
  readonly #regionOf = new Map<string, RegionTraffic>();
  readonly #unsubscribe: (() => void)[];
  #ca: Promise<LocalCa> | undefined;
  #closed = false;
  /** Sockets being bound now (they count against `maxServed`). */
  #binding = 0;

  constructor(options: DataPlaneOptions) {
    this.#options = options;
    this.#unsubscribe = options.regions.map((region) =>
      region.observeListeners((id) => this.#enqueue(id, region)),
    );
    for (const region of options.regions)
      for (const listener of region.state.listeners) this.#enqueue(listener.listenerId, region);
  }

  /** Resolves once every change told so far is served. */
  async settled(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  servedAt(listenerId: string): ServedListener | undefined {
    const known = this.#status.get(listenerId);
    if (known) return known;
    return this.#options.regions.some((r) => r.state.listeners.some((l) => l.listenerId === listenerId))
      ? { kind: 'not-served', reason: 'starting' }
      : undefined;
  }

  /** Every listener's state, for the file another process reads. */
  servedListeners(): Record<string, ServedListener> {
    return Object.fromEntries(this.#status);
  }

  caCertificatePath(): string | undefined {
    return this.#options.caDir ? `${this.#options.caDir}/ca.pem` : undefined;
  }

  /** The local CA (created on first use: key generation is kept off the start-up path). */
  localCa(): Promise<LocalCa> {
    this.#ca ??= LocalCa.open(this.#options.caDir);
    return this.#ca;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    // Certificates still being issued (every HTTPS listener of every region at start-up) are not
    // written once closed: the caller may remove the directory next.
    void this.#ca?.then(
      (ca) => ca.close(),
      () => undefined,
    );
    // Work under way (a key being generated, certificate files being written) is given a moment to
    // end, so nothing writes into the data directory after close; a socket bound later closes itself.
    await settledWithin([...this.#queues.values(), ...(this.#ca ? [this.#ca] : [])], CLOSE_GRACE_MS);
    await Promise.all([...this.#served.values()].map((s) => s.endpoint.close()));
    this.#served.clear();
    // Regions may share one handler: each is closed once.
    for (const handler of new Set(this.#options.regions.map((r) => r.handler))) await handler.close?.();
  }

  #enqueue(listenerId: string, region: RegionTraffic): void {
    if (this.#closed) return;
    this.#regionOf.set(listenerId, region);
    const previous = this.#queues.get(listenerId) ?? Promise.resolve();
    // A new turn runs after the one before; the state is read when the turn comes, so a burst of
    // changes to one listener costs one rebuild at most per turn.
    const next = previous
      .then(() => this.#reconcile(listenerId, region))
      .catch((error: unknown) => {
        this.#setStatus(listenerId, {
          kind: 'not-served',
          reason: 'bind-failed',
          detail: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        if (this.#queues.get(listenerId) === next) this.#queues.delete(listenerId);
      });
    this.#queues.set(listenerId, next);
  }

  async #reconcile(listenerId: string, region: RegionTraffic): Promise<void> {
    if (this.#closed) return;
    const state = region.state;
    const listener = state.listeners.find((l) => l.listenerId === listenerId);
    if (!listener || (this.#options.only && !this.#options.only(listener))) {
      await this.#stop(listenerId);
      if (listener === undefined) this.#regionOf.delete(listenerId);
      if (this.#status.delete(listenerId) && listener === undefined)
        this.#options.log?.({ listenerId, label: listenerId, status: undefined });
      this.#options.onServedChange?.();
      return;
    }
    const instance = state.loadBalancers.find((lb) => lb.loadBalancerId === listener.loadBalancerId);
    const reason = notServedReason(listener, instance, state);
    if (reason || !instance) {
      await this.#stop(listenerId);
      this.#setStatus(listenerId, { kind: 'not-served', reason: reason ?? 'bind-failed' });
      return;
    }
    const built = await this.#protocolServer(listener, region);
    if ('reason' in built) {
      await this.#stop(listenerId);
      this.#setStatus(listenerId, { kind: 'not-served', reason: built.reason, detail: built.detail });
      return;
    }
    let served = this.#served.get(listenerId);
    const limit = this.#options.maxServed ?? DEFAULT_MAX_SERVED;
    if (!served && this.#served.size + this.#binding >= limit) {
      this.#setStatus(listenerId, {
        kind: 'not-served',
        reason: 'over-limit',
        detail: String(limit),
      });
      return;
    }
    if (!served) {
      const address = instanceAddress(instance.loadBalancerId, this.#options.platform);
      this.#binding++;
      const endpoint = await ListenerEndpoint.bind(address, this.#portsToTry(listener.listenerPort)).finally(
        () => this.#binding--,
      );
      if (this.#closed) {
        await endpoint.close();
        return;
      }
      served = { endpoint, fingerprint: '', sink: built.sink };
      this.#served.set(listenerId, served);
    }
    if (served.fingerprint !== built.fingerprint) {
      served.endpoint.use(built.sink, listener.idleTimeout * 1000);
      served.sink = built.sink;
      served.fingerprint = built.fingerprint;
    }
    const { address, port } = served.endpoint;
    const scheme = listener.listenerProtocol === 'HTTPS' ? 'https' : 'http';
    const clientCertificate = await this.#demoClientCertificate(listener, state);
    this.#setStatus(listenerId, {
      kind: 'served',
      url: `${scheme}://${address}:${port}/`,
      address,
      port,
      listenerPort: listener.listenerPort,
      ...(built.serverName ? { serverName: built.serverName } : {}),
      ...(clientCertificate ? { clientCertificate } : {}),
    });
  }

  /** Mutual TLS: a client certificate its first CA signed, kept beside the local CA, for the curl line. */
  async #demoClientCertificate(
    listener: StoredListener,
    state: EmulatorState,
  ): Promise<{ certPath: string; keyPath: string } | undefined> {
    if (listener.listenerProtocol !== 'HTTPS' || !listener.caEnabled || !this.#options.caDir)
      return undefined;
    const caId = listener.caCertificates?.[0]?.certificateId;
    const caCertificate = state.certificates.find((c) => c.certificateId === caId);
    if (!caCertificate) return undefined;
    const issued = await (await this.localCa()).clientCertificateFor(caCertificate);
    return issued.certPath && issued.keyPath
      ? { certPath: issued.certPath, keyPath: issued.keyPath }
      : undefined;
  }

  #portsToTry(port: number): number[] {
    const offset = this.#options.portOffset ?? DEFAULT_PORT_OFFSET;
    const shifted = port + offset;
    return [port, ...(offset > 0 && shifted <= 65535 ? [shifted] : []), 0];
  }

  async #protocolServer(
    listener: StoredListener,
    region: RegionTraffic,
  ): Promise<
    | { sink: ConnectionSink; fingerprint: string; serverName?: string }
    | { reason: NotServedReason; detail: string }
  > {
    const onRequest = (req: TrafficRequest, res: http.ServerResponse | http2.Http2ServerResponse) =>
      this.#handle(region, listener.listenerId, req, res);
    const idleMs = listener.idleTimeout * 1000;
    if (listener.listenerProtocol === 'HTTP') {
      const server = http.createServer(onRequest);
      server.keepAliveTimeout = idleMs;
      return { sink: server, fingerprint: JSON.stringify(['HTTP', idleMs]) };
    }
    const result = await tlsSetup(listener, region.state, await this.localCa(), true);
    if (!result.ok) return { reason: result.reason, detail: result.detail };
    const { options, fingerprint, serverName } = result.setup;
    if (options.ALPNProtocols.includes('h2')) {
      const server = http2.createSecureServer({ ...options, allowHTTP1: true }, onRequest);
      server.setTimeout(idleMs);
      return { sink: server, fingerprint: JSON.stringify([fingerprint, idleMs]), serverName };
    }
    const server = https.createServer(options, onRequest);
    server.keepAliveTimeout = idleMs;
    return { sink: server, fingerprint: JSON.stringify([fingerprint, idleMs]), serverName };
  }

  #handle(
    region: RegionTraffic,
    listenerId: string,
    req: TrafficRequest,
    res: http.ServerResponse | http2.Http2ServerResponse,
  ): void {
    const listener = this.#listenerNow(region.state, listenerId);
    const instance = listener && this.#instanceNow(region.state, listener.loadBalancerId);
    if (!listener || !instance) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const socket = connectionOf(req);
    const context: RequestContext = {
      listener,
      loadBalancer: instance,
      localAddress: socket.localAddress ?? '',
      localPort: socket.localPort ?? 0,
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
    };
    const tls = tlsInfoOf(socket);
    if (tls) context.tls = tls;
    context.servedPort = this.#servedPortIn(region);
    try {
      const handled = region.handler.handle(req, res, context);
      if (handled instanceof Promise) handled.catch(() => failed(res));
    } catch {
      failed(res);
    }
  }

  /** Each region's `RequestContext.servedPort` (made once: a request only carries it). */
  readonly #servedPortLookups = new WeakMap<RegionTraffic, NonNullable<RequestContext['servedPort']>>();

  #servedPortIn(region: RegionTraffic): NonNullable<RequestContext['servedPort']> {
    let lookup = this.#servedPortLookups.get(region);
    if (!lookup) {
      lookup = (loadBalancerId, port, protocol) => {
        // Only redirects ask: a search of the region's listeners is fine.
        for (const listener of region.state.listeners) {
          if (listener.loadBalancerId !== loadBalancerId || listener.listenerPort !== port) continue;
          if (listener.listenerProtocol !== protocol) continue;
          const status = this.#status.get(listener.listenerId);
          if (status?.kind === 'served') return status.port;
        }
        return undefined;
      };
      this.#servedPortLookups.set(region, lookup);
    }
    return lookup;
  }

  /**
   * The listener as it is now (edits apply to the next request): where it was last found is looked at
   * first, so a request does not search every listener of a large state.
   */
  #listenerNow(state: EmulatorState, listenerId: string): StoredListener | undefined {
    const listeners = state.listeners;
    const known = this.#listenerIndex.get(listenerId);
    if (known !== undefined && listeners[known]?.listenerId === listenerId) return listeners[known];
    const index = listeners.findIndex((l) => l.listenerId === listenerId);
    if (index < 0) return undefined;
    this.#listenerIndex.set(listenerId, index);
    return listeners[index];
  }

  #instanceNow(state: EmulatorState, loadBalancerId: string): StoredLoadBalancer | undefined {
    const instances = state.loadBalancers;
    const known = this.#instanceIndex.get(loadBalancerId);
    if (known !== undefined && instances[known]?.loadBalancerId === loadBalancerId) return instances[known];
    const index = instances.findIndex((lb) => lb.loadBalancerId === loadBalancerId);
    if (index < 0) return undefined;
    this.#instanceIndex.set(loadBalancerId, index);
    return instances[index];
  }

  async #stop(listenerId: string): Promise<void> {
    const served = this.#served.get(listenerId);
    if (!served) return;
    this.#served.delete(listenerId);
    await served.endpoint.close();
  }

  #setStatus(listenerId: string, status: ServedListener): void {
    const before = this.#status.get(listenerId);
    this.#status.set(listenerId, status);
    if (JSON.stringify(before) === JSON.stringify(status)) return;
    const region = this.#regionOf.get(listenerId);
    const listener = region?.state.listeners.find((l) => l.listenerId === listenerId);
    // A listener of a region other than the first (the one the user works in) says its region.
    const where = region && region !== this.#options.regions[0] ? `[${region.regionId}] ` : '';
    const what = listener
      ? `${where}${listenerId} ${listener.listenerProtocol} ${listener.listenerPort} ${JSON.stringify(listener.listenerDescription)}`
      : listenerId;
    this.#options.log?.({ listenerId, label: what, status });
    this.#options.onServedChange?.();
  }

  /** Whether instances get addresses of their own (else all share 127.0.0.1). */
  get perInstanceAddresses(): boolean {
    return perInstanceAddresses(this.#options.platform);
  }
}

function failed(res: http.ServerResponse | http2.Http2ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 502;
  res.end();
}

const CLOSE_GRACE_MS = 3000;

async function settledWithin(work: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([Promise.allSettled(work), timeout]);
  clearTimeout(timer);
}
