// Which server takes a forwarded request: the ForwardGroup's server group by weight (kept by a cookie
// when the action's group stickiness is on), then within the group its sticky session (ALB's inserted
// `SERVERID` cookie, or the application's own cookie), else the group's scheduler. Only servers that
// pass their health checks, have a weight and are not being added or removed take traffic.
import type { BackendServer } from '../../domain/resources.js';
import type { EmulatorState, StoredServerGroup } from '../state.js';
import type { HealthChecker } from './health.js';
import { healthCheckEnabled } from './health-config.js';
import {
  fnv1a,
  pickConsistentHash,
  pickLeastConnections,
  pickRoundRobin,
  type WeightedChoice,
} from './schedulers.js';

/** ALB's inserted session cookie (ServerGroup sticky session `Insert`). */
export const INSERT_COOKIE = 'SERVERID';
/** The cookie that keeps a client on one server group of a multi-group ForwardGroup. */
export const GROUP_COOKIE = 'SERVERGROUPID';
const DEFAULT_GROUP_STICKY_SECONDS = 1000;
const MAX_APP_SESSIONS = 50_000;

export interface ServerChoice extends WeightedChoice {
  server: BackendServer;
  group: StoredServerGroup;
}

export interface Chosen {
  choice: ServerChoice;
  /** Cookies to set on the response (sticky sessions). */
  setCookies: string[];
  /** Server sticky session: the application's cookie name, to learn the value it sets. */
  learnCookie?: string;
}

export type NoServer = { reason: 'noGroup' | 'noHealthyServer'; serverGroupId?: string };

export function serverKey(server: BackendServer): string {
  return `${server.serverGroupId}|${server.serverId}|${server.port}`;
}

function token(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0') + fnv1a(`${text}#`).toString(16).padStart(8, '0');
}

export class BackendChooser {
  private readonly roundRobin = new Map<string, Map<string, number>>();
  private readonly groupRoundRobin = new WeakMap<object, Map<string, number>>();
  private readonly active = new Map<string, number>();
  /** Server sticky sessions: `<group>|<cookie value>` → server key, in the order learned. */
  private readonly appSessions = new Map<string, string>();

  /** Each group and its servers, kept while the state's revision stays the same. */
  private index:
    | { revision: number; groups: Map<string, StoredServerGroup>; servers: Map<string, BackendServer[]> }
    | undefined;

  constructor(
    private readonly state: () => EmulatorState,
    private readonly health: HealthChecker,
    /** Changes whenever the state does; without it every request searches the state's lists. */
    private readonly revision?: () => number,
  ) {}

  private groupAndServers(groupId: string): {
    group: StoredServerGroup | undefined;
    servers: readonly BackendServer[];
  } {
    const state = this.state();
    const revision = this.revision?.();
    if (revision === undefined)
      return {
        group: state.serverGroups.find((g) => g.serverGroupId === groupId),
        servers: state.servers.filter((s) => s.serverGroupId === groupId),
      };
    if (this.index?.revision !== revision) {
      const groups = new Map(state.serverGroups.map((g) => [g.serverGroupId, g]));
      const servers = new Map<string, BackendServer[]>();
      for (const server of state.servers) {
        let list = servers.get(server.serverGroupId);
        if (!list) servers.set(server.serverGroupId, (list = []));
        list.push(server);
      }
      this.index = { revision, groups, servers };
    }
    return { group: this.index.groups.get(groupId), servers: this.index.servers.get(groupId) ?? [] };
  }

  acquire(key: string): void {
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
  }

  release(key: string): void {
    const count = (this.active.get(key) ?? 1) - 1;
    if (count <= 0) this.active.delete(key);
    else this.active.set(key, count);
  }

  activeCount(key: string): number {
    return this.active.get(key) ?? 0;
  }

  /** Records the application's session cookie value as belonging to a server. */
  learn(groupId: string, value: string, key: string): void {
    const id = `${groupId}|${value}`;
    this.appSessions.delete(id);
    this.appSessions.set(id, key);
    if (this.appSessions.size > MAX_APP_SESSIONS) {
      const oldest = this.appSessions.keys().next().value;
      if (oldest !== undefined) this.appSessions.delete(oldest);
    }
  }

  choose(
    action: object,
    tuples: readonly { serverGroupId: string; weight?: number }[],
    groupSticky: { enabled: boolean; timeout?: number } | undefined,
    cookie: (name: string) => string | undefined,
    sourceIp: string,
  ): Chosen | NoServer {
    const setCookies: string[] = [];
    const groupId = this.chooseGroup(action, tuples, groupSticky, cookie, setCookies);
    if (groupId === undefined) return { reason: 'noGroup' };
    const { group, servers } = this.groupAndServers(groupId);
    if (!group) return { reason: 'noGroup', serverGroupId: groupId };
    const checked = healthCheckEnabled(group);
    const candidates: ServerChoice[] = [];
    for (const server of servers) {
      if (server.weight <= 0) continue;
      if (server.status === 'Adding' || server.status === 'Removing') continue;
      if (!this.health.accepts(groupId, server.serverId, server.port, checked)) continue;
      candidates.push({ key: serverKey(server), weight: server.weight, server, group });
    }
    if (candidates.length === 0) return { reason: 'noHealthyServer', serverGroupId: groupId };

    const sticky = group.stickySession;
    if (sticky?.type === 'Insert') {
      const wanted = cookie(INSERT_COOKIE);
      const kept = wanted ? candidates.find((c) => token(c.key) === wanted) : undefined;
      if (kept) return { choice: kept, setCookies };
      const choice = this.schedule(group, candidates, sourceIp);
      setCookies.push(`${INSERT_COOKIE}=${token(choice.key)}; Max-Age=${sticky.cookieTimeout}; Path=/`);
      return { choice, setCookies };
    }
    if (sticky?.type === 'Server') {
      const value = cookie(sticky.cookie);
      const key = value === undefined ? undefined : this.appSessions.get(`${groupId}|${value}`);
      const kept = key ? candidates.find((c) => c.key === key) : undefined;
      return {
        choice: kept ?? this.schedule(group, candidates, sourceIp),
        setCookies,
        learnCookie: sticky.cookie,
      };
    }
    return { choice: this.schedule(group, candidates, sourceIp), setCookies };
  }

  private chooseGroup(
    action: object,
    tuples: readonly { serverGroupId: string; weight?: number }[],
    sticky: { enabled: boolean; timeout?: number } | undefined,
    cookie: (name: string) => string | undefined,
    setCookies: string[],
  ): string | undefined {
    if (tuples.length === 1) return tuples[0]!.serverGroupId;
    const choices = tuples.map((t) => ({ key: t.serverGroupId, weight: t.weight ?? 100 }));
    if (sticky?.enabled) {
      const wanted = cookie(GROUP_COOKIE);
      const kept = wanted ? choices.find((c) => c.weight > 0 && token(c.key) === wanted) : undefined;
      if (kept) return kept.key;
    }
    let memory = this.groupRoundRobin.get(action);
    if (!memory) this.groupRoundRobin.set(action, (memory = new Map()));
    const picked = pickRoundRobin(choices, memory);
    if (picked && sticky?.enabled)
      setCookies.push(
        `${GROUP_COOKIE}=${token(picked.key)}; Max-Age=${sticky.timeout ?? DEFAULT_GROUP_STICKY_SECONDS}; Path=/`,
      );
    return picked?.key;
  }

  private schedule(group: StoredServerGroup, candidates: ServerChoice[], sourceIp: string): ServerChoice {
    if (candidates.length === 1) return candidates[0]!;
    if (group.scheduler === 'Sch') return pickConsistentHash(candidates, sourceIp) ?? candidates[0]!;
    let memory = this.roundRobin.get(group.serverGroupId);
    if (!memory) this.roundRobin.set(group.serverGroupId, (memory = new Map()));
    if (group.scheduler === 'Wlc')
      return pickLeastConnections(candidates, (key) => this.activeCount(key), memory) ?? candidates[0]!;
    return pickRoundRobin(candidates, memory) ?? candidates[0]!;
  }
}
