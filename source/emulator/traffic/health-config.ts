// A server group's health check as the API describes it (`HealthCheckConfig`), with the API's defaults
// filled in, and the question "is this answer a healthy one?".
import type { StoredServerGroup } from '../state.js';

export type HealthCheckProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'GRPC';

/** `HealthCheckConfig` as stored (every field optional, as in the API). */
export interface StoredHealthCheckConfig {
  healthCheckEnabled?: boolean;
  healthCheckProtocol?: HealthCheckProtocol;
  healthCheckMethod?: 'GET' | 'HEAD' | 'POST';
  healthCheckPath?: string;
  healthCheckHost?: string;
  /** `http_2xx` … `http_5xx` (HTTP/HTTPS), or gRPC status numbers. */
  healthCheckCodes?: string[];
  /** 0 means the server's own port. */
  healthCheckConnectPort?: number;
  healthCheckHttpVersion?: 'HTTP1.0' | 'HTTP1.1';
  /** Seconds, 1–50. */
  healthCheckInterval?: number;
  /** Seconds, 1–300. */
  healthCheckTimeout?: number;
  /** 2–10 consecutive successes before an unhealthy server is healthy again. */
  healthyThreshold?: number;
  /** 2–10 consecutive failures before a healthy server is unhealthy. */
  unhealthyThreshold?: number;
}

export type HealthCheckSettings = Required<Omit<StoredHealthCheckConfig, 'healthCheckHost'>> & {
  healthCheckHost?: string;
};

/** The API's defaults (CreateServerGroup: interval 2 s, timeout 5 s, thresholds 3, HEAD, http_2xx). */
export function healthCheckSettings(
  group: Pick<StoredServerGroup, 'protocol' | 'serverGroupType'> & {
    healthCheckConfig?: StoredHealthCheckConfig;
  },
): HealthCheckSettings {
  const stored = group.healthCheckConfig ?? {};
  const protocol = stored.healthCheckProtocol ?? (group.protocol === 'GRPC' ? 'GRPC' : group.protocol);
  return {
    healthCheckEnabled: healthCheckEnabled(group),
    healthCheckProtocol: protocol,
    healthCheckMethod: stored.healthCheckMethod ?? (protocol === 'GRPC' ? 'POST' : 'HEAD'),
    healthCheckPath: stored.healthCheckPath ?? '/',
    ...(stored.healthCheckHost ? { healthCheckHost: stored.healthCheckHost } : {}),
    healthCheckCodes: stored.healthCheckCodes ?? (protocol === 'GRPC' ? ['0'] : ['http_2xx']),
    healthCheckConnectPort: stored.healthCheckConnectPort ?? 0,
    healthCheckHttpVersion: stored.healthCheckHttpVersion ?? 'HTTP1.1',
    healthCheckInterval: stored.healthCheckInterval ?? 2,
    healthCheckTimeout: stored.healthCheckTimeout ?? 5,
    healthyThreshold: stored.healthyThreshold ?? 3,
    unhealthyThreshold: stored.unhealthyThreshold ?? 3,
  };
}

/** Whether the group's servers are checked (without building the whole settings: asked per request). */
export function healthCheckEnabled(
  group: Pick<StoredServerGroup, 'serverGroupType'> & { healthCheckConfig?: StoredHealthCheckConfig },
): boolean {
  return group.healthCheckConfig?.healthCheckEnabled ?? group.serverGroupType !== 'Fc';
}

/** Whether an HTTP status is one of the healthy codes (`http_2xx` covers 200–299). */
export function isHealthyStatus(status: number, codes: readonly string[]): boolean {
  const klass = `http_${Math.floor(status / 100)}xx`;
  return codes.some((code) => code === klass || code === String(status));
}
