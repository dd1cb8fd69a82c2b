// A server group's servers: AddServersToServerGroup, RemoveServersFromServerGroup,
// UpdateServerGroupServersAttribute (asynchronous as in ALB: the servers turn Adding / Removing /
// Configuring and the group Configuring until the job settles), and GetListenerHealthStatus, whose
// states come from a `HealthSource` (the data plane's health checker) when there is one. The rules
// are the domain's (server-rules.ts), the same the app's server form checks.
import type { AsyncJob, BackendServer } from '../domain/resources.js';
import {
  checkAddServers,
  checkExistingServers,
  serverKey,
  SERVER_TYPES,
  SERVER_WEIGHT,
  type ServerSpec,
  type ServerType,
  type ServerViolation,
} from '../domain/server-rules.js';
import type { HealthReason, HealthReasonCode, NonNormalState } from '../domain/server-health.js';
import { unflatten, type WireValue } from '../domain/wire.js';
import { paginate, type Args } from './args.js';
import { ApiError, dryRunPassed, invalidParameter, missingParameter, notFound } from './errors.js';
import type { AsyncFailure } from './faults.js';
import type { ActionTable } from './listener-actions.js';
import type { EmulatorState, PendingTransition, StoredListener, StoredServerGroup } from './state.js';

type Json = Record<string, unknown>;

/** A server's health as the data plane's checker sees it. `reason` in words ("connection refused", "HTTP 500"). */
export interface ServerHealth {
  state: 'Healthy' | 'Unhealthy' | 'Unused' | 'Unavailable' | 'Initial';
  reason?: string;
}

/**
 * Where GetListenerHealthStatus reads servers' health. Without one (tests, `--no-data-plane`) no check
 * runs, and servers report as ALB reports them then: `Initial` (checks configured, no result yet).
 */
export interface HealthSource {
  statusOf(serverGroupId: string, serverId: string, port: number): ServerHealth | undefined;
}

/** What the server-group actions borrow from the core. */
export interface ServerGroupHost {
  readonly state: EmulatorState;
  now(): number;
  readonly delayMs: number;
  findListener(listenerId: string): StoredListener;
  replay(action: string, args: Args): Json | undefined;
  remember(action: string, args: Args, response: Record<string, string>): void;
  startJob(
    apiName: string,
    operateType: AsyncJob['operateType'],
    resourceId: string,
    resourceType: AsyncJob['resourceType'],
  ): string;
  asyncOutcome(action: string): { failure?: AsyncFailure };
  health(): HealthSource | undefined;
  committed(): void;
}

const HEALTH_PAGE = { min: 1, max: 30, default: 20 } as const;

export function serverGroupActions(host: ServerGroupHost): ActionTable {
  return {
    AddServersToServerGroup: (args) =>
      runServerChange(host, 'AddServersToServerGroup', args, (group, existing, specs) => {
        refuse(checkAddServers(group, existing, specs));
        return () => {
          for (const spec of specs) {
            host.state.servers.push({
              serverGroupId: group.serverGroupId,
              serverId: spec.serverId,
              ...(spec.serverType === 'Fc' ? {} : { serverIp: spec.serverIp ?? spec.serverId }),
              serverType: spec.serverType,
              port: spec.port ?? 0,
              weight: spec.weight ?? SERVER_WEIGHT.default,
              status: 'Adding',
              ...(spec.description ? { description: spec.description } : {}),
            });
          }
          return { op: 'add', keys: specs.map(serverKey) };
        };
      }),
    RemoveServersFromServerGroup: (args) =>
      runServerChange(host, 'RemoveServersFromServerGroup', args, (group, existing, specs) => {
        const check = checkExistingServers('RemoveServersFromServerGroup', group, existing, specs);
        refuse(check.violation);
        return () => {
          for (const server of check.servers) server.status = 'Removing';
          return { op: 'remove', keys: check.servers.map(serverKey) };
        };
      }),
    UpdateServerGroupServersAttribute: (args) =>
      runServerChange(host, 'UpdateServerGroupServersAttribute', args, (group, existing, specs) => {
        const check = checkExistingServers('UpdateServerGroupServersAttribute', group, existing, specs);
        refuse(check.violation);
        return () => {
          const updates: Record<string, { weight?: number; description?: string }> = {};
          for (const spec of specs) {
            updates[serverKey(spec)] = {
              ...(spec.weight === undefined ? {} : { weight: spec.weight }),
              ...(spec.description === undefined ? {} : { description: spec.description }),
            };
          }
          for (const server of check.servers) server.status = 'Configuring';
          return { op: 'update', keys: check.servers.map(serverKey), updates };
        };
      }),
    GetListenerHealthStatus: (args) => listenerHealth(host, args),
  };
}

function refuse(violation: ServerViolation | undefined): void {
  if (!violation) return;
  if (violation.code === 'MissingParameter') throw missingParameter(violation.parameter);
  if (violation.code === 'InvalidParameter')
    throw invalidParameter(violation.parameter, violation.message.en);
  throw new ApiError(violation.code, violation.httpStatus, violation.message.en);
}

/**
 * The common course: replay by ClientToken, the group found and not busy, the servers read and
 * checked, DryRun, then the servers' interim status and a job that settles after the delay.
 */
function runServerChange(
  host: ServerGroupHost,
  action: 'AddServersToServerGroup' | 'RemoveServersFromServerGroup' | 'UpdateServerGroupServersAttribute',
  args: Args,
  /** Checks (throwing the refusal), and returns the work to do once DryRun is ruled out. */
  check: (
    group: StoredServerGroup,
    existing: BackendServer[],
    specs: ServerSpec[],
  ) => () => NonNullable<PendingTransition['serverChange']>,
): Json {
  const dryRun = args.boolean('DryRun') === true;
  const replayed = dryRun ? undefined : host.replay(action, args);
  if (replayed) return replayed;
  const groupId = args.required('ServerGroupId');
  const group = host.state.serverGroups.find((g) => g.serverGroupId === groupId);
  if (!group) throw notFound('ServerGroup', groupId);
  if (group.serverGroupStatus === 'Creating')
    throw new ApiError(
      'IncorrectStatus.ServerGroup',
      400,
      `The status of ${groupId} [${group.serverGroupStatus}] is incorrect.`,
    );
  if (group.serverGroupStatus === 'Configuring')
    throw new ApiError(
      'ResourceInConfiguring',
      400,
      `The specified resource of ${groupId} is being configured. Please try again later.`,
    );
  const specs = readServers(args, action !== 'RemoveServersFromServerGroup');
  const existing = host.state.servers.filter((s) => s.serverGroupId === groupId);
  const apply = check(group, existing, specs);
  if (dryRun) throw dryRunPassed();
  const change = apply();
  group.serverGroupStatus = 'Configuring';
  group.serverCount = host.state.servers.filter((s) => s.serverGroupId === groupId).length;
  const jobId = host.startJob(action, 'Update', groupId, 'servergroup');
  host.state.pending.push({
    kind: 'servers',
    listenerId: '',
    serverGroupId: groupId,
    serverChange: change,
    jobId,
    dueAt: host.now() + host.delayMs,
    ...host.asyncOutcome(action),
  });
  const response = { JobId: jobId };
  host.remember(action, args, response);
  host.committed();
  return response;
}

/** `Servers.N.*` as the API reads them: types, ranges and enums; the rules (server-rules.ts) after. */
function readServers(args: Args, withWeight: boolean): ServerSpec[] {
  const tree = unflatten(args.params);
  const raw = Object.hasOwn(tree, 'Servers') ? tree['Servers'] : undefined;
  if (raw === undefined) throw missingParameter('Servers');
  if (!Array.isArray(raw)) throw invalidParameter('Servers', 'expected Servers.1.ServerId, Servers.2.…');
  // A gap (Servers.1, Servers.3) leaves a hole that `map` would skip.
  return Array.from(raw, (item, index) => {
    const at = `Servers.${index + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalidParameter(at, 'expected ServerId, ServerType, Port, …');
    const field = (name: string): string | undefined => {
      const value = (item as Record<string, WireValue>)[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'string') throw invalidParameter(`${at}.${name}`, 'a single value is expected');
      return value;
    };
    const known = new Set([
      'ServerId',
      'ServerType',
      'ServerIp',
      'Port',
      'Weight',
      'Description',
      'RemoteIpEnabled',
    ]);
    for (const name of Object.keys(item))
      if (!known.has(name)) throw invalidParameter(`${at}.${name}`, 'no such field');
    const integer = (name: string): number | undefined => {
      const text = field(name);
      if (text === undefined || text === '') return undefined;
      if (!/^-?\d{1,10}$/.test(text.trim()))
        throw invalidParameter(`${at}.${name}`, 'an integer is expected');
      return Number(text.trim());
    };
    const serverId = field('ServerId') ?? '';
    const serverType = field('ServerType');
    if (serverType === undefined || serverType === '') throw missingParameter(`${at}.ServerType`);
    if (!(SERVER_TYPES as readonly string[]).includes(serverType))
      throw invalidParameter(`${at}.ServerType`, `must be one of ${SERVER_TYPES.join(', ')}`);
    const remote = field('RemoteIpEnabled');
    if (remote !== undefined && remote !== '' && remote !== 'true' && remote !== 'false')
      throw invalidParameter(`${at}.RemoteIpEnabled`, 'must be true or false');
    const serverIp = field('ServerIp');
    const port = integer('Port');
    const weight = withWeight ? integer('Weight') : undefined;
    const description = withWeight ? field('Description') : undefined;
    return {
      serverId,
      serverType: serverType as ServerType,
      ...(serverIp ? { serverIp } : {}),
      ...(port === undefined ? {} : { port }),
      ...(weight === undefined ? {} : { weight }),
      ...(description === undefined ? {} : { description }),
    };
  });
}

/** Completes a change of servers that is due; a failed one leaves the servers as they were before it. */
export function settleServerChange(state: EmulatorState, transition: PendingTransition): void {
  const change = transition.serverChange;
  const groupId = transition.serverGroupId;
  if (!change || !groupId) return;
  const failed = transition.failure !== undefined;
  const keys = new Set(change.keys);
  const concerned = (s: BackendServer) => s.serverGroupId === groupId && keys.has(serverKey(s));
  if ((change.op === 'add' && failed) || (change.op === 'remove' && !failed)) {
    state.servers = state.servers.filter((s) => !concerned(s));
  } else {
    for (const server of state.servers) {
      if (!concerned(server)) continue;
      const update = change.updates?.[serverKey(server)];
      if (change.op === 'update' && !failed && update) {
        if (update.weight !== undefined) server.weight = update.weight;
        if (update.description !== undefined) server.description = update.description;
      }
      server.status = 'Available';
    }
  }
  const group = state.serverGroups.find((g) => g.serverGroupId === groupId);
  if (!group) return;
  group.serverCount = state.servers.filter((s) => s.serverGroupId === groupId).length;
  const stillBusy = state.pending.some((p) => p.kind === 'servers' && p.serverGroupId === groupId);
  if (!stillBusy) group.serverGroupStatus = 'Available';
}

// ---- GetListenerHealthStatus ---------------------------------------------------------------------

interface HealthEntry {
  serverGroupId: string;
  server: BackendServer;
  status: NonNormalState;
  reason?: HealthReason;
}

function listenerHealth(host: ServerGroupHost, args: Args): Json {
  const listener = host.findListener(args.required('ListenerId'));
  const includeRule = args.boolean('IncludeRule') === true;
  // `paginate` allows up to 100 a page; this action's most is 30 (its default, 20, is the same).
  args.integer('MaxResults', HEALTH_PAGE.min, HEALTH_PAGE.max);
  const groupIds = [
    ...new Set(
      listener.defaultActions.flatMap((a) =>
        a.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId),
      ),
    ),
  ];
  const source = host.health();
  const entries: HealthEntry[] = [];
  for (const groupId of groupIds) {
    const group = host.state.serverGroups.find((g) => g.serverGroupId === groupId);
    for (const server of host.state.servers) {
      if (server.serverGroupId !== groupId) continue;
      const entry = nonNormal(source, group, server);
      if (entry) entries.push({ serverGroupId: groupId, server, ...entry });
    }
  }
  // Pages of non-normal servers (MaxResults of them); every group is named on the first page.
  const page = paginate(entries, args, 'GetListenerHealthStatus');
  const first = args.string('NextToken') === undefined || args.string('NextToken') === '';
  const shownGroups = first ? groupIds : [...new Set(page.items.map((e) => e.serverGroupId))];
  return {
    ListenerHealthStatus: [
      {
        ListenerId: listener.listenerId,
        ListenerPort: listener.listenerPort,
        // Lower case here, as the action's documented reply has it (`http`), unlike ListListeners.
        ListenerProtocol: listener.listenerProtocol.toLowerCase(),
        ServerGroupInfos: shownGroups.map((groupId) => ({
          ServerGroupId: groupId,
          ActionType: 'ForwardGroup',
          HealthCheckEnabled: 'on',
          NonNormalServers: page.items.filter((e) => e.serverGroupId === groupId).map(renderNonNormal),
        })),
      },
    ],
    ...(includeRule ? { RuleHealthStatus: [] } : {}),
    ...(page.paging.NextToken ? { NextToken: page.paging.NextToken } : {}),
  };
}

function renderNonNormal(entry: HealthEntry): Json {
  const { server, reason } = entry;
  return {
    ServerId: server.serverId,
    ...(server.serverIp ? { ServerIp: server.serverIp } : {}),
    Port: server.port,
    Status: entry.status,
    ...(reason
      ? {
          Reason: {
            ReasonCode: reason.reasonCode,
            ...(reason.actualResponse ? { ActualResponse: reason.actualResponse } : {}),
            ...(reason.expectedResponse ? { ExpectedResponse: reason.expectedResponse } : {}),
          },
        }
      : {}),
  };
}

/** A server's state in the API's words, or undefined when it is healthy (not listed). */
function nonNormal(
  source: HealthSource | undefined,
  group: StoredServerGroup | undefined,
  server: BackendServer,
): { status: NonNormalState; reason?: HealthReason } | undefined {
  if (server.weight === 0) return { status: 'Unused' };
  if (server.status === 'Adding') return { status: 'Initial' };
  const seen = source?.statusOf(server.serverGroupId, server.serverId, server.port);
  if (!seen) return { status: 'Initial' };
  if (seen.state === 'Healthy') return undefined;
  if (seen.state !== 'Unhealthy') return { status: seen.state };
  const reason = reasonOf(seen.reason, group);
  return { status: 'Unhealthy', ...(reason ? { reason } : {}) };
}

/** The checker's words as the API's ReasonCode (an HTTP code as RESPONSE_MISMATCH with what was expected). */
export function reasonOf(
  text: string | undefined,
  group: StoredServerGroup | undefined,
): HealthReason | undefined {
  if (!text) return undefined;
  const upper = text.trim().toUpperCase();
  const codes: readonly HealthReasonCode[] = [
    'CONNECT_TIMEOUT',
    'CONNECT_FAILED',
    'RECV_RESPONSE_FAILED',
    'RECV_RESPONSE_TIMEOUT',
    'SEND_REQUEST_FAILED',
    'SEND_REQUEST_TIMEOUT',
    'RESPONSE_FORMAT_ERROR',
    'RESPONSE_MISMATCH',
  ];
  const exact = codes.find((code) => code === upper);
  if (exact) return { reasonCode: exact };
  const http = /(?:HTTP|STATUS|CODE)\D{0,3}(\d{3})\b/.exec(upper);
  if (http)
    return {
      reasonCode: 'RESPONSE_MISMATCH',
      actualResponse: http[1]!,
      expectedResponse: group?.protocol === 'GRPC' ? '0' : 'HTTP_2xx,HTTP_3xx',
    };
  if (/TIME.?OUT|TIMED OUT/.test(upper))
    return { reasonCode: /CONNECT/.test(upper) ? 'CONNECT_TIMEOUT' : 'RECV_RESPONSE_TIMEOUT' };
  if (/RESET|HANG ?UP|SOCKET HANG/.test(upper)) return { reasonCode: 'RECV_RESPONSE_FAILED' };
  if (/REFUSED|UNREACH|CONNECT|ECONN/.test(upper)) return { reasonCode: 'CONNECT_FAILED' };
  return { reasonCode: 'RESPONSE_FORMAT_ERROR' };
}
