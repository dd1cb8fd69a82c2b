// A server group's servers through the official SDK's typed calls (issue 18): add, remove, update
// (weights, descriptions), the wait until the servers are Available or gone, and listeners' health.
// SdkAlbClient lends it its plumbing (retrying transport, server listing, job look-up, clock).
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
import { AlbError } from './errors.js';
import {
  changeOf,
  changeSettings,
  sendChange,
  waitForStatuses,
  type ChangeReply,
  type PollChannel,
} from './sdk-change.js';

/** GetListenerHealthStatus's most per page. */
const HEALTH_PAGE_SIZE = 30;

/** What the SDK client lends: as for listener changes, with the group's server listing. */
export interface ServerGroupChannel extends PollChannel {
  listServerGroupServers(serverGroupId: string, signal: AbortSignal | undefined): Promise<BackendServer[]>;
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
    return waitForStatuses(
      this.channel,
      {
        action: 'ListServerGroupServers',
        keys: servers.map(serverKey),
        list: () => this.channel.listServerGroupServers(serverGroupId, options.signal),
        keyOf: (server) => serverKey(server),
        timeout: (last, timeoutMs) => this.timeout(serverGroupId, options, timeoutMs, last),
      },
      options,
    );
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
   * a dry run never shares the real call's token (see sendChange).
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
    const check = { en: `check server group ${serverGroupId}`, 'zh-CN': `请检查服务器组 ${serverGroupId}` };
    const sent = await sendChange(
      this.channel,
      action,
      changeSettings(options),
      check,
      (clientToken, dryRun) => {
        const model = call.request({ serverGroupId, servers: servers.map(call.server), clientToken, dryRun });
        return (rt) => call.send(model, rt);
      },
    );
    return changeOf(sent);
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
