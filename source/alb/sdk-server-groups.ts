// A server group's servers through the official SDK's typed calls (issue 18): add, remove, update
// (weights, descriptions), the wait until the servers are Available or gone, and listeners' health.
// SdkAlbClient lends it its plumbing (retrying transport, server listing, job look-up, clock).
import { randomUUID } from 'node:crypto';
import type AlbModule from '@alicloud/alb20200616';
import * as $Alb from '@alicloud/alb20200616';
import type * as $dara from '@darabonba/typescript';
import type { BackendServer } from '../domain/resources.js';
import {
  HEALTH_REASON_CODES,
  NON_NORMAL_STATES,
  type HealthReasonCode,
  type ListenerHealth,
  type NonNormalState,
  type ServerGroupHealth,
} from '../domain/server-health.js';
import { serverKey, SERVERS_PER_CALL, type ServerSpec } from '../domain/server-rules.js';
import type {
  CallOptions,
  DryRunPassed,
  ListenerChange,
  ServerGroupChanges,
  ServerRef,
  ServerWaitOptions,
  UpdateOptions,
} from './client.js';
import { AlbError, isAlbError, toAlbError } from './errors.js';

type AlbSdkClient = InstanceType<typeof AlbModule.default>;

const DEFAULT_WAIT_INTERVAL_MS = 1_000;
const DEFAULT_WAIT_TIMEOUT_MS = 300_000;
/** GetListenerHealthStatus's most per page. */
const HEALTH_PAGE_SIZE = 30;

export interface ServerGroupChannel {
  readonly endpoint: string;
  readonly alb: AlbSdkClient;
  call<T>(
    action: string,
    run: (runtime: $dara.RuntimeOptions) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T>;
  listServerGroupServers(serverGroupId: string, signal: AbortSignal | undefined): Promise<BackendServer[]>;
  throwIfJobFailed(jobId: string, signal: AbortSignal | undefined): Promise<unknown>;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

interface ChangeReply {
  body?: { jobId?: string | undefined; requestId?: string | undefined } | undefined;
}

type ServerAction = keyof typeof SERVERS_PER_CALL;

/** How one server-list call is made: each server on the wire, the request model, and the SDK call. */
interface ServerListCall<Server, Wire, Model> {
  server(server: Server): Wire;
  request(init: { serverGroupId: string; servers: Wire[]; clientToken: string; dryRun: boolean }): Model;
  send(model: Model, runtime: $dara.RuntimeOptions): Promise<ChangeReply>;
}

/** A server as the remove and update calls name it: the port only when given. */
function wireRef(server: ServerRef): Pick<ServerRef, 'serverId' | 'serverType' | 'port'> {
  return {
    serverId: server.serverId,
    serverType: server.serverType,
    ...(server.port === undefined ? {} : { port: server.port }),
  };
}

export class SdkServerGroups implements ServerGroupChanges {
  constructor(private readonly channel: ServerGroupChannel) {}

  addServers(
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.change(serverGroupId, 'AddServersToServerGroup', servers, options, {
      server: (s) => new $Alb.AddServersToServerGroupRequestServers({ ...s }),
      request: (init) => new $Alb.AddServersToServerGroupRequest(init),
      send: (model, rt) => this.channel.alb.addServersToServerGroupWithOptions(model, rt),
    });
  }

  removeServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.change(serverGroupId, 'RemoveServersFromServerGroup', servers, options, {
      server: (s) => new $Alb.RemoveServersFromServerGroupRequestServers(wireRef(s)),
      request: (init) => new $Alb.RemoveServersFromServerGroupRequest(init),
      send: (model, rt) => this.channel.alb.removeServersFromServerGroupWithOptions(model, rt),
    });
  }

  updateServers(
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.change(serverGroupId, 'UpdateServerGroupServersAttribute', servers, options, {
      server: (s) =>
        new $Alb.UpdateServerGroupServersAttributeRequestServers({
          ...wireRef(s),
          ...(s.weight === undefined ? {} : { weight: s.weight }),
          ...(s.description === undefined ? {} : { description: s.description }),
        }),
      request: (init) => new $Alb.UpdateServerGroupServersAttributeRequest(init),
      send: (model, rt) => this.channel.alb.updateServerGroupServersAttributeWithOptions(model, rt),
    });
  }

  async waitForServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: ServerWaitOptions,
  ): Promise<BackendServer[]> {
    const intervalMs = options.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const deadline = this.channel.now() + timeoutMs;
    const keys = servers.map(serverKey);
    const last = new Map<string, string>();
    for (;;) {
      const listed = await this.channel.listServerGroupServers(serverGroupId, options.signal);
      const byKey = new Map(listed.map((s) => [serverKey(s), s]));
      let done = true;
      for (const key of keys) {
        const status = byKey.get(key)?.status ?? 'gone';
        if (last.get(key) !== status) options.onStatus?.(key, status);
        last.set(key, status);
        if (status !== options.until) done = false;
      }
      if (done) return listed;
      // With the job: a failed change ends the wait with its error (the servers rolled back).
      if (options.jobId) await this.channel.throwIfJobFailed(options.jobId, options.signal);
      if (this.channel.now() + intervalMs > deadline)
        throw this.timeout(serverGroupId, options, timeoutMs, last);
      try {
        await this.channel.sleep(intervalMs, options.signal);
      } catch (error) {
        throw toAlbError(error, { action: 'ListServerGroupServers', endpoint: this.channel.endpoint });
      }
    }
  }

  async getListenerHealth(listenerId: string, options: CallOptions = {}): Promise<ListenerHealth> {
    const groups = new Map<string, ServerGroupHealth>();
    let head: Omit<ListenerHealth, 'serverGroups'> | undefined;
    let nextToken: string | undefined;
    const seen = new Set<string>();
    do {
      const request = new $Alb.GetListenerHealthStatusRequest({
        listenerId,
        maxResults: HEALTH_PAGE_SIZE,
        ...(nextToken ? { nextToken } : {}),
      });
      const reply = await this.channel.call(
        'GetListenerHealthStatus',
        (rt) => this.channel.alb.getListenerHealthStatusWithOptions(request, rt),
        options.signal,
      );
      for (const status of reply.body?.listenerHealthStatus ?? []) {
        head ??= {
          listenerId: status.listenerId ?? listenerId,
          listenerPort: status.listenerPort ?? 0,
          listenerProtocol: (status.listenerProtocol ?? '').toUpperCase(),
        };
        for (const info of status.serverGroupInfos ?? []) {
          const id = info.serverGroupId ?? '';
          const group = groups.get(id) ?? {
            serverGroupId: id,
            ...(info.actionType ? { actionType: info.actionType } : {}),
            healthCheckEnabled: (info.healthCheckEnabled ?? 'on').toLowerCase() === 'on',
            nonNormalServers: [],
          };
          for (const server of info.nonNormalServers ?? []) {
            const code = server.reason?.reasonCode;
            group.nonNormalServers.push({
              serverId: server.serverId ?? '',
              ...(server.serverIp ? { serverIp: server.serverIp } : {}),
              port: server.port ?? 0,
              status: asState(server.status),
              ...(code && (HEALTH_REASON_CODES as readonly string[]).includes(code)
                ? {
                    reason: {
                      reasonCode: code as HealthReasonCode,
                      ...(server.reason?.actualResponse
                        ? { actualResponse: server.reason.actualResponse }
                        : {}),
                      ...(server.reason?.expectedResponse
                        ? { expectedResponse: server.reason.expectedResponse }
                        : {}),
                    },
                  }
                : {}),
            });
          }
          groups.set(id, group);
        }
      }
      nextToken = reply.body?.nextToken || undefined;
      // A token seen before would page forever: stop rather than loop.
      if (nextToken && seen.has(nextToken)) break;
      if (nextToken) seen.add(nextToken);
    } while (nextToken);
    return {
      ...(head ?? { listenerId, listenerPort: 0, listenerProtocol: '' }),
      serverGroups: [...groups.values()],
    };
  }

  /**
   * One change of a server list (add, remove, update: the same request but for its servers' fields);
   * a dry run never shares the real call's token (see SdkListenerChanges.change).
   */
  private async change<Server, Wire, Model>(
    serverGroupId: string,
    action: ServerAction,
    servers: readonly Server[],
    options: UpdateOptions,
    call: ServerListCall<Server, Wire, Model>,
  ): Promise<ListenerChange | DryRunPassed> {
    const count = servers.length;
    const max = SERVERS_PER_CALL[action];
    if (count < 1 || count > max)
      throw new AlbError({
        kind: 'invalid',
        action,
        parameter: 'Servers',
        message: {
          en: `${action} takes 1 to ${max} servers a call, not ${count}`,
          'zh-CN': `${action} 每次可指定 1～${max} 个后端服务器，而不是 ${count} 个`,
        },
      });
    const dryRun = options.dryRun === true;
    const clientToken = dryRun ? randomUUID() : options.clientToken || randomUUID();
    let reply: ChangeReply;
    try {
      const model = call.request({ serverGroupId, servers: servers.map(call.server), clientToken, dryRun });
      reply = await this.channel.call(action, (rt) => call.send(model, rt), options.signal);
    } catch (error) {
      if (dryRun && isAlbError(error) && error.code === 'DryRunOperation') return { dryRun: 'passed' };
      throw error;
    }
    if (dryRun)
      throw new AlbError({
        kind: 'protocol',
        action,
        endpoint: this.channel.endpoint,
        requestId: reply.body?.requestId,
        message: {
          en: `${this.channel.endpoint} answered a dry run of ${action} as if it were real; check server group ${serverGroupId}`,
          'zh-CN': `${this.channel.endpoint} 把 ${action} 的预检当作真实请求处理；请检查服务器组 ${serverGroupId}`,
        },
      });
    return { jobId: reply.body?.jobId ?? '', clientToken };
  }

  private timeout(
    serverGroupId: string,
    options: ServerWaitOptions,
    timeoutMs: number,
    last: ReadonlyMap<string, string>,
  ): AlbError {
    const seconds = Math.round(timeoutMs / 1000);
    const pending = [...last].filter(([, status]) => status !== options.until);
    const list = pending.map(([key, status]) => `${key.replace('|', ':')} ${status}`).join(', ');
    const goal =
      options.until === 'Available'
        ? { en: 'become Available', zh: '变为 Available' }
        : { en: 'go', zh: '移除完成' };
    return new AlbError({
      kind: 'timeout',
      action: 'ListServerGroupServers',
      endpoint: this.channel.endpoint,
      message: {
        en: `servers of ${serverGroupId} did not ${goal.en} within ${seconds} s (${list}); check them again later`,
        'zh-CN': `服务器组 ${serverGroupId} 的后端服务器未在 ${seconds} 秒内${goal.zh}（${list}）；请稍后再查看`,
      },
    });
  }
}

function asState(status: string | undefined): NonNormalState {
  return (NON_NORMAL_STATES as readonly string[]).includes(status ?? '')
    ? (status as NonNormalState)
    : 'Unhealthy';
}
