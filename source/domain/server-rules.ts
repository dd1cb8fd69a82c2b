// The rules for a server group's backend servers (AddServersToServerGroup, RemoveServersFromServerGroup,
// UpdateServerGroupServersAttribute): what the local ALB refuses and what the app's server form checks
// as the user types — one set, with messages in both languages saying what is allowed.
import { both, type Localized } from './i18n.js';
import type { BackendServer, ServerGroup } from './resources.js';
import { describeCharacter, listenerNameProblem, parseDecimalInteger } from './text-rules.js';

export const SERVER_TYPES = ['Ecs', 'Eni', 'Eci', 'Ip', 'Fc'] as const;
export type ServerType = (typeof SERVER_TYPES)[number];

export const SERVER_PORT = { min: 1, max: 65535 } as const;
export const SERVER_WEIGHT = { min: 0, max: 100, default: 100 } as const;
export const SERVER_DESCRIPTION_LENGTH = { min: 2, max: 256 } as const;
/** Servers one call takes (the metadata's maxItems; UpdateServerGroupServersAttribute says 40 in words). */
export const SERVERS_PER_CALL = {
  AddServersToServerGroup: 200,
  RemoveServersFromServerGroup: 200,
  UpdateServerGroupServersAttribute: 40,
} as const;
/** ALB's default quota of servers in one server group (`ResourceQuotaExceeded.ServerAddedNum`). */
export const SERVERS_PER_GROUP = 200;

/** A server as a change names it. `serverIp` is the address for Ip servers (it equals `serverId`). */
export interface ServerSpec {
  serverId: string;
  serverType: ServerType;
  serverIp?: string;
  port?: number;
  weight?: number;
  description?: string;
}

export interface ServerViolation {
  code: string;
  httpStatus: number;
  /** The wire parameter it concerns (`Servers.2.Port`). */
  parameter: string;
  message: Localized;
}

/** A server's identity in its group: the same ID may serve on several ports, each an entry. */
export function serverKey(server: Pick<ServerSpec, 'serverId' | 'port'>): string {
  return `${server.serverId}|${server.port ?? ''}`;
}

/** The server types a group of this type takes. */
export function serverTypesOf(groupType: ServerGroup['serverGroupType']): readonly ServerType[] {
  if (groupType === 'Ip') return ['Ip'];
  if (groupType === 'Fc') return ['Fc'];
  return ['Ecs', 'Eni', 'Eci'];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

function isIpv6(text: string): boolean {
  if (!IPV6.test(text) || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

export function isServerIp(text: string): boolean {
  return IPV4.test(text) || isIpv6(text);
}

// ---- one field at a time (the app's form, as typed) -----------------------------------------------

export function serverIpProblem(text: string): Localized | undefined {
  const value = text.trim();
  if (value === '')
    return both(
      'Enter the server’s IP address, e.g. 127.0.0.1',
      '请输入后端服务器的 IP 地址，例如 127.0.0.1',
    );
  if (!isServerIp(value))
    return both(
      `“${value.slice(0, 40)}” is not an IPv4 or IPv6 address (e.g. 192.168.1.10)`,
      `“${value.slice(0, 40)}” 不是 IPv4 或 IPv6 地址（例如 192.168.1.10）`,
    );
  return undefined;
}

export function serverPortProblem(text: string): Localized | undefined {
  const port = parseDecimalInteger(text);
  if (port === undefined || port < SERVER_PORT.min || port > SERVER_PORT.max)
    return both(
      `Port must be ${SERVER_PORT.min}–${SERVER_PORT.max}`,
      `后端端口取值范围为 ${SERVER_PORT.min}～${SERVER_PORT.max}`,
    );
  return undefined;
}

export function serverWeightProblem(text: string): Localized | undefined {
  const weight = parseDecimalInteger(text);
  if (weight === undefined || weight < SERVER_WEIGHT.min || weight > SERVER_WEIGHT.max)
    return both(
      `Weight must be ${SERVER_WEIGHT.min}–${SERVER_WEIGHT.max} (0 sends the server no requests)`,
      `权重取值范围为 ${SERVER_WEIGHT.min}～${SERVER_WEIGHT.max}（权重为 0 时不转发请求）`,
    );
  return undefined;
}

/** Empty is allowed (no description); otherwise 2–256 of letters, digits, Chinese and `. _ - , ; / @`. */
export function serverDescriptionProblem(text: string): Localized | undefined {
  if (text === '') return undefined;
  const problem = listenerNameProblem(text);
  if (!problem) return undefined;
  const { min, max } = SERVER_DESCRIPTION_LENGTH;
  if (problem.kind === 'length')
    return both(
      `Description must be ${min}–${max} characters (now ${problem.length})`,
      `描述长度为 ${min}～${max} 个字符（当前 ${problem.length} 个）`,
    );
  const shown = describeCharacter(problem.character);
  return both(
    `Description may hold letters, digits, Chinese and . _ - , ; / @ — not ${shown}`,
    `描述可包含中文、字母、数字及 . _ - , ; / @，不能包含 ${shown}`,
  );
}

// ---- whole calls (the local ALB; the app before it sends) ------------------------------------------

const violation = (
  code: string,
  httpStatus: number,
  parameter: string,
  message: Localized,
): ServerViolation => ({ code, httpStatus, parameter, message });

const invalid = (parameter: string, message: Localized) =>
  violation('InvalidParameter', 400, parameter, message);

/** The fields of each server, one by one, as the API checks them. */
function fieldViolation(
  spec: ServerSpec,
  index: number,
  groupType: ServerGroup['serverGroupType'],
  withWeight: boolean,
): ServerViolation | undefined {
  const at = `Servers.${index + 1}`;
  if (!spec.serverId) return violation('MissingParameter', 400, `${at}.ServerId`, missingServerId());
  if (!(SERVER_TYPES as readonly string[]).includes(spec.serverType))
    return invalid(
      `${at}.ServerType`,
      both(
        `ServerType must be one of ${SERVER_TYPES.join(', ')}`,
        `ServerType 取值为 ${SERVER_TYPES.join('、')}`,
      ),
    );
  if (!serverTypesOf(groupType).includes(spec.serverType))
    return violation(
      'Mismatch.ServerType',
      400,
      `${at}.ServerType`,
      both(
        `A server group of type ${groupType} takes ${serverTypesOf(groupType).join('/')} servers, not ${spec.serverType}`,
        `${groupType} 类型的服务器组只能添加 ${serverTypesOf(groupType).join('/')} 类型的后端服务器，不能添加 ${spec.serverType}`,
      ),
    );
  if (spec.serverType !== 'Fc' && spec.port === undefined)
    return violation(
      'MissingParameter',
      400,
      `${at}.Port`,
      both('Port is required for this server type', '该类型的后端服务器必须指定端口'),
    );
  if (spec.port !== undefined && (spec.port < SERVER_PORT.min || spec.port > SERVER_PORT.max))
    return invalid(`${at}.Port`, serverPortProblem(String(spec.port))!);
  if (
    withWeight &&
    spec.weight !== undefined &&
    (spec.weight < SERVER_WEIGHT.min || spec.weight > SERVER_WEIGHT.max)
  )
    return invalid(`${at}.Weight`, serverWeightProblem(String(spec.weight))!);
  if (spec.description !== undefined) {
    const problem = serverDescriptionProblem(spec.description);
    if (problem) return invalid(`${at}.Description`, problem);
  }
  if (spec.serverType === 'Ip') {
    const ip = spec.serverIp ?? spec.serverId;
    if (!isServerIp(ip) || (spec.serverIp !== undefined && spec.serverIp !== spec.serverId))
      return violation(
        'IllegalParam.ServerIp',
        400,
        `${at}.ServerIp`,
        both(
          `An Ip server is named by its address: ServerId (and ServerIp) must be the same IP, got “${ip.slice(0, 40)}”`,
          `IP 类型的后端服务器以地址标识：ServerId（及 ServerIp）须为同一 IP，当前为“${ip.slice(0, 40)}”`,
        ),
      );
  } else if (spec.serverIp !== undefined && !isServerIp(spec.serverIp)) {
    return violation(
      'IllegalParam.ServerIp',
      400,
      `${at}.ServerIp`,
      both('ServerIp must be an IP address', 'ServerIp 须为 IP 地址'),
    );
  }
  return undefined;
}

function missingServerId(): Localized {
  return both('Each server needs its ServerId', '每个后端服务器都必须指定 ServerId');
}

function countViolation(action: keyof typeof SERVERS_PER_CALL, count: number): ServerViolation | undefined {
  const max = SERVERS_PER_CALL[action];
  if (count === 0)
    return violation(
      'MissingParameter',
      400,
      'Servers',
      both('Name at least one server', '请至少指定一个后端服务器'),
    );
  if (count > max)
    return invalid(
      'Servers',
      both(
        `${action} takes at most ${max} servers a call, not ${count}`,
        `${action} 每次最多 ${max} 个后端服务器，当前 ${count} 个`,
      ),
    );
  return undefined;
}

function duplicateViolation(specs: readonly ServerSpec[]): ServerViolation | undefined {
  const seen = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    const key = serverKey(spec);
    if (seen.has(key))
      return violation(
        'DuplicatedParam.BackendServer',
        400,
        `Servers.${index + 1}`,
        both(
          `${spec.serverId}:${spec.port ?? ''} is named twice in this call`,
          `本次请求中 ${spec.serverId}:${spec.port ?? ''} 重复出现`,
        ),
      );
    seen.add(key);
  }
  return undefined;
}

export function checkAddServers(
  group: Pick<ServerGroup, 'serverGroupId' | 'serverGroupType'>,
  existing: readonly BackendServer[],
  specs: readonly ServerSpec[],
): ServerViolation | undefined {
  const counted = countViolation('AddServersToServerGroup', specs.length);
  if (counted) return counted;
  for (const [index, spec] of specs.entries()) {
    const problem = fieldViolation(spec, index, group.serverGroupType, true);
    if (problem) return problem;
  }
  const duplicate = duplicateViolation(specs);
  if (duplicate) return duplicate;
  const present = new Set(existing.map(serverKey));
  for (const [index, spec] of specs.entries()) {
    if (present.has(serverKey(spec)))
      return violation(
        'Conflict.BackendServer',
        400,
        `Servers.${index + 1}`,
        both(
          `${spec.serverId}:${spec.port ?? ''} is already in ${group.serverGroupId}`,
          `${spec.serverId}:${spec.port ?? ''} 已在服务器组 ${group.serverGroupId} 中`,
        ),
      );
  }
  if (existing.length + specs.length > SERVERS_PER_GROUP)
    return violation(
      'ResourceQuotaExceeded.ServerAddedNum',
      400,
      'Servers',
      both(
        `A server group holds at most ${SERVERS_PER_GROUP} servers: ${existing.length} + ${specs.length} is too many`,
        `每个服务器组最多 ${SERVERS_PER_GROUP} 个后端服务器：${existing.length} + ${specs.length} 超出配额`,
      ),
    );
  return undefined;
}

/** Remove and update name servers already in the group, each once. */
export function checkExistingServers(
  action: 'RemoveServersFromServerGroup' | 'UpdateServerGroupServersAttribute',
  group: Pick<ServerGroup, 'serverGroupId' | 'serverGroupType'>,
  existing: readonly BackendServer[],
  specs: readonly ServerSpec[],
): { violation?: ServerViolation; servers: BackendServer[] } {
  const counted = countViolation(action, specs.length);
  if (counted) return { violation: counted, servers: [] };
  const update = action === 'UpdateServerGroupServersAttribute';
  for (const [index, spec] of specs.entries()) {
    const problem = fieldViolation(spec, index, group.serverGroupType, update);
    if (problem) return { violation: asInvalid(problem), servers: [] };
  }
  const duplicate = duplicateViolation(specs);
  if (duplicate) return { violation: asInvalid(duplicate), servers: [] };
  const byKey = new Map(existing.map((s) => [serverKey(s), s]));
  const servers: BackendServer[] = [];
  for (const [index, spec] of specs.entries()) {
    const server = byKey.get(serverKey(spec));
    if (!server)
      return {
        violation: violation(
          'ResourceNotFound.BackendServer',
          404,
          `Servers.${index + 1}`,
          both(
            `${spec.serverId}:${spec.port ?? ''} is not in ${group.serverGroupId}`,
            `服务器组 ${group.serverGroupId} 中没有 ${spec.serverId}:${spec.port ?? ''}`,
          ),
        ),
        servers: [],
      };
    if (server.status !== 'Available')
      return {
        violation: violation(
          'ResourceInConfiguring.BackendServer',
          400,
          `Servers.${index + 1}`,
          both(
            `${spec.serverId}:${spec.port ?? ''} is ${server.status}; try again once it is Available`,
            `${spec.serverId}:${spec.port ?? ''} 正处于 ${server.status} 状态，请在其变为 Available 后重试`,
          ),
        ),
        servers: [],
      };
    servers.push(server);
  }
  return { servers };
}

/** Remove and update list none of the add's own codes (Mismatch.ServerType, …): a bad field is InvalidParameter. */
function asInvalid(problem: ServerViolation): ServerViolation {
  return problem.code === 'MissingParameter' || problem.code === 'InvalidParameter'
    ? problem
    : { ...problem, code: 'InvalidParameter', httpStatus: 400 };
}
