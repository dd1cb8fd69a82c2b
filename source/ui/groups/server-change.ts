// What a change to a server group's servers is (add, remove, new weights), the add form with its
// fields checked as typed (the domain's server rules, both languages), and how a change is cut into
// calls (at most SERVERS_PER_CALL servers each). Pure.
import type { Localized } from '../../domain/i18n.js';
import type { BackendServer } from '../../domain/resources.js';
import {
  serverDescriptionProblem,
  serverIpProblem,
  serverKey,
  serverPortProblem,
  SERVERS_PER_CALL,
  serverWeightProblem,
  SERVER_WEIGHT,
  type ServerSpec,
} from '../../domain/server-rules.js';

export type ServerChange =
  | { kind: 'add'; serverGroupId: string; servers: ServerSpec[] }
  | { kind: 'remove'; serverGroupId: string; servers: BackendServer[] }
  | { kind: 'weight'; serverGroupId: string; servers: BackendServer[]; weight: number };

export const FORM_FIELDS = ['ip', 'port', 'weight', 'description'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface ServerForm {
  values: Record<FormField, string>;
  focus: number;
  /** Fields the user has typed in or left: their problems show (an untouched empty one is not yet wrong). */
  touched: ReadonlySet<FormField>;
}

export function emptyForm(): ServerForm {
  return {
    values: { ip: '127.0.0.1', port: '', weight: String(SERVER_WEIGHT.default), description: '' },
    focus: 1,
    touched: new Set(),
  };
}

export function fieldProblem(field: FormField, value: string): Localized | undefined {
  switch (field) {
    case 'ip':
      return serverIpProblem(value);
    case 'port':
      return serverPortProblem(value);
    case 'weight':
      return serverWeightProblem(value);
    case 'description':
      return serverDescriptionProblem(value);
  }
}

export function formProblems(form: ServerForm): Partial<Record<FormField, Localized>> {
  const out: Partial<Record<FormField, Localized>> = {};
  for (const field of FORM_FIELDS) {
    const problem = fieldProblem(field, form.values[field]);
    if (problem) out[field] = problem;
  }
  return out;
}

/** The server the form describes, once every field is valid. */
export function formServer(form: ServerForm): ServerSpec | undefined {
  if (Object.keys(formProblems(form)).length > 0) return undefined;
  const ip = form.values.ip.trim();
  const description = form.values.description;
  return {
    serverId: ip,
    serverType: 'Ip',
    serverIp: ip,
    port: Number(form.values.port.trim()),
    weight: Number(form.values.weight.trim()),
    ...(description ? { description } : {}),
  };
}

export function changeCount(change: ServerChange): number {
  return change.servers.length;
}

/** The keys of the servers a change concerns (what the wait follows). */
export function changeKeys(change: ServerChange): string[] {
  return change.servers.map((s) => serverKey(s));
}

const ACTION = {
  add: 'AddServersToServerGroup',
  remove: 'RemoveServersFromServerGroup',
  weight: 'UpdateServerGroupServersAttribute',
} as const;

/** The change cut into the calls the API takes (each its own job), in order. */
export function batches(change: ServerChange): ServerChange[] {
  const size = SERVERS_PER_CALL[ACTION[change.kind]];
  const out: ServerChange[] = [];
  for (let at = 0; at < change.servers.length; at += size) {
    out.push({ ...change, servers: change.servers.slice(at, at + size) } as ServerChange);
  }
  return out;
}

/** A server as calls name it: ID, type, port (and the new weight for a weight change). */
export function specsOf(change: ServerChange): ServerSpec[] {
  if (change.kind === 'add') return change.servers;
  return change.servers.map((s) => ({
    serverId: s.serverId,
    serverType: s.serverType,
    port: s.port,
    ...(change.kind === 'weight' ? { weight: change.weight } : {}),
  }));
}

export function addressOf(server: Pick<ServerSpec, 'serverId' | 'serverIp' | 'port'>): string {
  const ip = server.serverIp ?? server.serverId;
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const id = server.serverIp && server.serverIp !== server.serverId ? ` ${server.serverId}` : '';
  return `${host}:${server.port ?? ''}${id}`;
}
