// An in-memory ServerGroupChanges for the fake clients of view tests: servers added, removed and
// updated at once in the fake's list, with the service's refusals (the domain's server rules), DryRun,
// ClientToken replay, a switch to fail the next change, and listeners' health as the test sets it.
import type {
  CallOptions,
  DryRunPassed,
  ListenerChange,
  ServerGroupChanges,
  ServerRef,
  ServerWaitOptions,
  UpdateOptions,
} from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import type { BackendServer, Listener, ServerGroup } from '../../source/domain/resources.js';
import type { HealthReason, ListenerHealth, NonNormalState } from '../../source/domain/server-health.js';
import {
  checkAddServers,
  checkExistingServers,
  serverKey,
  type ServerSpec,
  type ServerViolation,
} from '../../source/domain/server-rules.js';

export interface ServerCall {
  action: 'AddServersToServerGroup' | 'RemoveServersFromServerGroup' | 'UpdateServerGroupServersAttribute';
  serverGroupId: string;
  servers: ServerSpec[];
  dryRun: boolean;
  clientToken: string;
}

export class InMemoryServerGroups implements ServerGroupChanges {
  readonly calls: ServerCall[] = [];
  /** Thrown by the next real change before it does anything (then cleared). */
  failNext: AlbError | undefined;
  /** Servers that are not healthy, by `serverGroupId|serverId|port`; every other one is healthy. */
  readonly health = new Map<string, { status: NonNormalState; reason?: HealthReason }>();
  /** Health reads so far, by listener (lazy reads are counted in tests). */
  readonly healthReads: string[] = [];
  private readonly done = new Map<string, ListenerChange>();
  private nextJob = 1;

  constructor(
    private readonly servers: () => BackendServer[],
    private readonly groups: () => ServerGroup[],
    private readonly listeners: () => Listener[],
  ) {}

  addServers(serverGroupId: string, servers: readonly ServerSpec[], options: UpdateOptions = {}) {
    return this.change('AddServersToServerGroup', serverGroupId, servers, options, (group, existing) => {
      refuse(checkAddServers(group, existing, servers));
      return () => {
        for (const s of servers)
          this.servers().push({
            serverGroupId,
            serverId: s.serverId,
            serverIp: s.serverIp ?? s.serverId,
            serverType: s.serverType,
            port: s.port ?? 0,
            weight: s.weight ?? 100,
            status: 'Available',
            ...(s.description ? { description: s.description } : {}),
          });
      };
    });
  }

  removeServers(serverGroupId: string, servers: readonly ServerRef[], options: UpdateOptions = {}) {
    return this.change('RemoveServersFromServerGroup', serverGroupId, servers, options, (group, existing) => {
      const check = checkExistingServers('RemoveServersFromServerGroup', group, existing, servers);
      refuse(check.violation);
      return () => {
        const gone = new Set(check.servers);
        const list = this.servers();
        for (let i = list.length - 1; i >= 0; i--) if (gone.has(list[i]!)) list.splice(i, 1);
      };
    });
  }

  updateServers(serverGroupId: string, servers: readonly ServerSpec[], options: UpdateOptions = {}) {
    return this.change(
      'UpdateServerGroupServersAttribute',
      serverGroupId,
      servers,
      options,
      (group, existing) => {
        const check = checkExistingServers('UpdateServerGroupServersAttribute', group, existing, servers);
        refuse(check.violation);
        return () => {
          check.servers.forEach((server, i) => {
            const spec = servers[i]!;
            if (spec.weight !== undefined) server.weight = spec.weight;
            if (spec.description !== undefined) server.description = spec.description;
          });
        };
      },
    );
  }

  async waitForServers(
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: ServerWaitOptions,
  ): Promise<BackendServer[]> {
    const listed = this.servers().filter((s) => s.serverGroupId === serverGroupId);
    const keys = new Set(listed.map(serverKey));
    for (const server of servers)
      options.onStatus?.(serverKey(server), keys.has(serverKey(server)) ? 'Available' : 'gone');
    return structuredClone(listed);
  }

  async getListenerHealth(listenerId: string, _options?: CallOptions): Promise<ListenerHealth> {
    this.healthReads.push(listenerId);
    const listener = this.listeners().find((l) => l.listenerId === listenerId);
    if (!listener) throw new AlbError({ kind: 'notFound', message: { en: 'not found', 'zh-CN': '不存在' } });
    const groupIds = listener.defaultActions.flatMap((a) =>
      a.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId),
    );
    return {
      listenerId,
      listenerPort: listener.listenerPort,
      listenerProtocol: listener.listenerProtocol,
      serverGroups: groupIds.map((serverGroupId) => ({
        serverGroupId,
        actionType: 'ForwardGroup',
        healthCheckEnabled: true,
        nonNormalServers: this.servers()
          .filter((s) => s.serverGroupId === serverGroupId)
          .flatMap((s) => {
            const seen = this.health.get(`${serverGroupId}|${s.serverId}|${s.port}`);
            return seen
              ? [{ serverId: s.serverId, serverIp: s.serverIp ?? s.serverId, port: s.port, ...seen }]
              : [];
          }),
      })),
    };
  }

  private async change(
    action: ServerCall['action'],
    serverGroupId: string,
    servers: readonly ServerSpec[],
    options: UpdateOptions,
    check: (group: ServerGroup, existing: BackendServer[]) => () => void,
  ): Promise<ListenerChange | DryRunPassed> {
    const dryRun = options.dryRun === true;
    const clientToken = options.clientToken ?? `token-${this.nextJob}`;
    this.calls.push({ action, serverGroupId, servers: [...servers], dryRun, clientToken });
    const replay = dryRun ? undefined : this.done.get(`${action}:${clientToken}`);
    if (replay) return replay;
    if (!dryRun && this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const group = this.groups().find((g) => g.serverGroupId === serverGroupId);
    if (!group)
      throw new AlbError({
        kind: 'notFound',
        code: 'ResourceNotFound.ServerGroup',
        message: { en: 'not found', 'zh-CN': '不存在' },
      });
    const apply = check(
      group,
      this.servers().filter((s) => s.serverGroupId === serverGroupId),
    );
    if (dryRun) return { dryRun: 'passed' };
    apply();
    group.serverCount = this.servers().filter((s) => s.serverGroupId === serverGroupId).length;
    const result = { jobId: `job-${this.nextJob++}`, clientToken };
    this.done.set(`${action}:${clientToken}`, result);
    return result;
  }
}

function refuse(violation: ServerViolation | undefined): void {
  if (!violation) return;
  throw new AlbError({
    kind: violation.httpStatus === 404 ? 'notFound' : 'invalid',
    code: violation.code,
    message: violation.message,
  });
}
