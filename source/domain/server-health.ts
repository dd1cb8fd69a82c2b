// Servers' health as GetListenerHealthStatus reports it (only the servers that are not healthy are
// listed), and what the app makes of it: per listener "2/3 healthy", per server its state and reason.
import { both, type Localized } from './i18n.js';

/** The states GetListenerHealthStatus lists; a server not listed is healthy. */
export const NON_NORMAL_STATES = ['Initial', 'Unhealthy', 'Unused', 'Unavailable'] as const;
export type NonNormalState = (typeof NON_NORMAL_STATES)[number];
export type ServerHealthState = 'Healthy' | NonNormalState;

export const HEALTH_REASON_CODES = [
  'CONNECT_TIMEOUT',
  'CONNECT_FAILED',
  'RECV_RESPONSE_FAILED',
  'RECV_RESPONSE_TIMEOUT',
  'SEND_REQUEST_FAILED',
  'SEND_REQUEST_TIMEOUT',
  'RESPONSE_FORMAT_ERROR',
  'RESPONSE_MISMATCH',
] as const;
export type HealthReasonCode = (typeof HEALTH_REASON_CODES)[number];

export interface HealthReason {
  reasonCode: HealthReasonCode;
  /** RESPONSE_MISMATCH: the code the server answered (`302`) and the ones expected (`HTTP_2xx`). */
  actualResponse?: string;
  expectedResponse?: string;
}

export interface NonNormalServer {
  serverId: string;
  serverIp?: string;
  port: number;
  status: NonNormalState;
  reason?: HealthReason;
}

export interface ServerGroupHealth {
  serverGroupId: string;
  /** How the listener uses the group (`ForwardGroup`, `TrafficMirror`). */
  actionType?: string;
  healthCheckEnabled: boolean;
  nonNormalServers: NonNormalServer[];
}

export interface ListenerHealth {
  listenerId: string;
  listenerPort: number;
  listenerProtocol: string;
  serverGroups: ServerGroupHealth[];
}

/** A server's health, looked up in a listener's report: listed ones as listed, the others healthy. */
export function healthOf(
  report: readonly ServerGroupHealth[],
  serverGroupId: string,
  server: { serverId: string; port: number },
): { state: ServerHealthState; reason?: HealthReason } | undefined {
  const group = report.find((g) => g.serverGroupId === serverGroupId);
  if (!group) return undefined;
  const listed = group.nonNormalServers.find((s) => s.serverId === server.serverId && s.port === server.port);
  if (!listed) return { state: 'Healthy' };
  return { state: listed.status, ...(listed.reason ? { reason: listed.reason } : {}) };
}

export interface HealthSummary {
  healthy: number;
  /** Servers the checks count: every server but the unused (weight 0) ones. */
  total: number;
  unhealthy: number;
  /** Checked but no result yet (or no checks run, e.g. without a data plane). */
  initial: number;
}

/**
 * A listener's servers in one figure: `serverCounts` are the groups' ServerCount (the report lists
 * only the servers that are not healthy). A server in two groups counts twice, as ALB checks it twice.
 */
export function summarise(
  report: readonly ServerGroupHealth[],
  serverCounts: ReadonlyMap<string, number>,
): HealthSummary {
  let total = 0;
  let unhealthy = 0;
  let initial = 0;
  let unused = 0;
  for (const group of report) {
    total += serverCounts.get(group.serverGroupId) ?? group.nonNormalServers.length;
    for (const server of group.nonNormalServers) {
      if (server.status === 'Unhealthy') unhealthy++;
      else if (server.status === 'Unused') unused++;
      else initial++;
    }
  }
  total = Math.max(0, total - unused);
  return { healthy: Math.max(0, total - unhealthy - initial), total, unhealthy, initial };
}

/** The reason in words (connection refused, timeout, HTTP code). */
export function reasonText(reason: HealthReason | undefined): Localized | undefined {
  if (!reason) return undefined;
  switch (reason.reasonCode) {
    case 'CONNECT_FAILED':
      return both('connection refused', '连接失败');
    case 'CONNECT_TIMEOUT':
      return both('connect timeout', '连接超时');
    case 'RECV_RESPONSE_FAILED':
      return both('no response (connection reset)', '接收响应失败');
    case 'RECV_RESPONSE_TIMEOUT':
      return both('response timeout', '接收响应超时');
    case 'SEND_REQUEST_FAILED':
      return both('request could not be sent', '发送请求失败');
    case 'SEND_REQUEST_TIMEOUT':
      return both('request send timeout', '发送请求超时');
    case 'RESPONSE_FORMAT_ERROR':
      return both('malformed response', '响应格式错误');
    case 'RESPONSE_MISMATCH': {
      const got = reason.actualResponse ?? '?';
      const want = reason.expectedResponse ?? '';
      return both(
        `HTTP ${got}${want ? `, expected ${want}` : ''}`,
        `HTTP ${got}${want ? `，期望 ${want}` : ''}`,
      );
    }
  }
}
