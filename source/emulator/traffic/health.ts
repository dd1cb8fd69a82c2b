// The local ALB's health checks: every server of a server group that a listener uses is probed as the
// group's `HealthCheckConfig` says; the pipeline sends nothing to an unhealthy server, and the API
// (GetListenerHealthStatus, ListServerGroupServers) reports what the probes found.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { BackendServer } from '../../domain/resources.js';
import type { EmulatorState, StoredServerGroup } from '../state.js';
import { healthCheckSettings, isHealthyStatus, type HealthCheckSettings } from './health-config.js';
import { serverGroupsInUse } from './group-usage.js';

/** `Initial`: checked, no answer yet (traffic still goes there, as to a fresh ALB backend). */
export type HealthState = 'Initial' | 'Healthy' | 'Unhealthy' | 'Unused' | 'Unavailable';
/** Why a probe failed, for the UI's own wording in each language. */
export type HealthFailure = 'ConnectionRefused' | 'ConnectionReset' | 'Timeout' | 'HttpCode' | 'Error';

export interface ServerHealth {
  state: HealthState;
  /** Plain English, e.g. `connection refused`, `timeout after 5 s`, `HTTP 503`. */
  reason?: string;
  failure?: HealthFailure;
  httpCode?: number;
}

export interface HealthChange {
  serverGroupId: string;
  serverId: string;
  port: number;
  health: ServerHealth;
}

export interface HealthCheckerOptions {
  state: () => EmulatorState;
  /** How often the checker looks for due probes (ms); the probes themselves follow each group's interval. */
  tickMs?: number;
}

interface Probe {
  ok: boolean;
  failure?: HealthFailure;
  reason?: string;
  httpCode?: number;
}

interface Tracked {
  health: ServerHealth;
  dueAt: number;
  running: boolean;
  successes: number;
  failures: number;
  /** Set once the first probe has answered: until then the server counts as healthy. */
  probed: boolean;
}

const UNUSED: ServerHealth = { state: 'Unused', reason: 'no listener forwards to its server group' };
const CHECK_OFF: ServerHealth = { state: 'Unavailable', reason: 'health check off' };
const NOT_YET: ServerHealth = { state: 'Initial', reason: 'not checked yet' };

function keyOf(serverGroupId: string, serverId: string, port: number): string {
  return `${serverGroupId}\u0000${serverId}\u0000${port}`;
}

/** The address the data plane and the probes connect to: the server's IP (an Ip server's ID is its IP). */
export function serverHost(server: Pick<BackendServer, 'serverIp' | 'serverId'>): string {
  return server.serverIp ?? server.serverId;
}

export class HealthChecker {
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<(change: HealthChange) => void>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: HealthCheckerOptions) {}

  /** Starts probing (the first round at once). */
  start(): void {
    if (this.timer || this.closed) return;
    this.sweep();
    this.timer = setInterval(() => this.sweep(), this.options.tickMs ?? 250);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  /** Called with every change of a server's state (not with every probe). Returns the unsubscribe. */
  subscribe(listener: (change: HealthChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  statusOf(serverGroupId: string, serverId: string, port?: number): ServerHealth {
    const state = this.options.state();
    const group = state.serverGroups.find((g) => g.serverGroupId === serverGroupId);
    if (!group) return UNUSED;
    if (!serverGroupsInUse(state).has(serverGroupId)) return UNUSED;
    if (!healthCheckSettings(group).healthCheckEnabled) return CHECK_OFF;
    const server = state.servers.find(
      (s) =>
        s.serverGroupId === serverGroupId &&
        s.serverId === serverId &&
        (port === undefined || s.port === port),
    );
    if (!server) return UNUSED;
    return this.tracked.get(keyOf(serverGroupId, serverId, server.port))?.health ?? NOT_YET;
  }

  /** Whether the data plane may send to this server: healthy, or its group's check is off. */
  accepts(serverGroupId: string, serverId: string, port: number, checkEnabled: boolean): boolean {
    if (!checkEnabled) return true;
    const tracked = this.tracked.get(keyOf(serverGroupId, serverId, port));
    return tracked === undefined || tracked.health.state !== 'Unhealthy';
  }

  /** Starts every probe that is due now; resolves when they have answered (tests, and the first frame). */
  sweep(now = Date.now()): Promise<void> {
    const state = this.options.state();
    const inUse = serverGroupsInUse(state);
    const groups = new Map<string, StoredServerGroup>();
    for (const group of state.serverGroups)
      if (inUse.has(group.serverGroupId)) groups.set(group.serverGroupId, group);
    const seen = new Set<string>();
    const running: Promise<void>[] = [];
    for (const server of state.servers) {
      const group = groups.get(server.serverGroupId);
      if (!group) continue;
      const settings = healthCheckSettings(group);
      if (!settings.healthCheckEnabled) continue;
      const key = keyOf(server.serverGroupId, server.serverId, server.port);
      seen.add(key);
      let tracked = this.tracked.get(key);
      if (!tracked) {
        tracked = { health: NOT_YET, dueAt: now, running: false, successes: 0, failures: 0, probed: false };
        this.tracked.set(key, tracked);
      }
      if (tracked.running || tracked.dueAt > now) continue;
      tracked.running = true;
      tracked.dueAt = now + settings.healthCheckInterval * 1000;
      const entry = tracked;
      running.push(
        probe(server, settings).then((result) => {
          entry.running = false;
          if (!this.closed && this.tracked.get(key) === entry) this.record(server, settings, entry, result);
        }),
      );
    }
    // Servers removed, or whose group is no longer used or no longer checked, start afresh next time.
    for (const key of this.tracked.keys()) if (!seen.has(key)) this.tracked.delete(key);
    return Promise.all(running).then(() => undefined);
  }

  private record(
    server: BackendServer,
    settings: HealthCheckSettings,
    tracked: Tracked,
    result: Probe,
  ): void {
    if (result.ok) {
      tracked.successes++;
      tracked.failures = 0;
    } else {
      tracked.failures++;
      tracked.successes = 0;
    }
    const before = tracked.health;
    let next = before;
    if (!tracked.probed) {
      // The first answer decides at once: a fresh local ALB should not wait thresholds × interval.
      tracked.probed = true;
      next = result.ok ? { state: 'Healthy' } : failedHealth(result);
    } else if (before.state === 'Healthy' && !result.ok) {
      if (tracked.failures >= settings.unhealthyThreshold) next = failedHealth(result);
    } else if (before.state === 'Unhealthy' && result.ok) {
      if (tracked.successes >= settings.healthyThreshold) next = { state: 'Healthy' };
    } else if (before.state === 'Unhealthy' && !result.ok && before.reason !== result.reason) {
      next = failedHealth(result);
    }
    if (next === before) return;
    tracked.health = next;
    const change: HealthChange = {
      serverGroupId: server.serverGroupId,
      serverId: server.serverId,
      port: server.port,
      health: next,
    };
    for (const listener of this.listeners) listener(change);
  }
}

function failedHealth(result: Probe): ServerHealth {
  return {
    state: 'Unhealthy',
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.failure ? { failure: result.failure } : {}),
    ...(result.httpCode !== undefined ? { httpCode: result.httpCode } : {}),
  };
}

function errorProbe(error: NodeJS.ErrnoException): Probe {
  if (error.code === 'ECONNREFUSED')
    return { ok: false, failure: 'ConnectionRefused', reason: 'connection refused' };
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE')
    return { ok: false, failure: 'ConnectionReset', reason: 'connection reset' };
  return { ok: false, failure: 'Error', reason: error.code ?? error.message };
}

function timeoutProbe(settings: HealthCheckSettings): Probe {
  return { ok: false, failure: 'Timeout', reason: `timeout after ${settings.healthCheckTimeout} s` };
}

function probe(server: BackendServer, settings: HealthCheckSettings): Promise<Probe> {
  const host = serverHost(server);
  const port = settings.healthCheckConnectPort || server.port;
  const timeoutMs = settings.healthCheckTimeout * 1000;
  return new Promise<Probe>((resolve) => {
    let settled = false;
    const done = (result: Probe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      done(timeoutProbe(settings));
      cleanup();
    }, timeoutMs);
    let cleanup = (): void => {};
    // gRPC probes are TCP connects here: the demo backends and most users' servers answer plain HTTP.
    if (settings.healthCheckProtocol === 'TCP' || settings.healthCheckProtocol === 'GRPC') {
      const socket = connect({ host, port });
      cleanup = () => socket.destroy();
      socket.once('connect', () => {
        done({ ok: true });
        socket.destroy();
      });
      socket.once('error', (error) => done(errorProbe(error)));
      return;
    }
    const request = settings.healthCheckProtocol === 'HTTPS' ? httpsRequest : httpRequest;
    const req = request({
      host,
      port,
      method: settings.healthCheckMethod,
      path: settings.healthCheckPath,
      agent: false,
      rejectUnauthorized: false,
      headers: {
        host: settings.healthCheckHost ?? host,
        'user-agent': 'alb-tui-health-check',
        connection: 'close',
      },
    });
    cleanup = () => req.destroy();
    req.once('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      done(
        isHealthyStatus(status, settings.healthCheckCodes)
          ? { ok: true, httpCode: status }
          : { ok: false, failure: 'HttpCode', reason: `HTTP ${status}`, httpCode: status },
      );
    });
    req.once('error', (error) => done(errorProbe(error)));
    req.end();
  });
}
