// Each change the app makes to an account, as the aliyun CLI command that makes the same call: what
// the operations log shows and copies. One line, so it pastes into a shell as it is; the parameters
// are the request's own (never a credential: the CLI brings its own).
import { wireName, type CreateListenerRequest } from './create-request.js';
import { aliyunEndpoint, shellQuote } from './aliyun-cli.js';
import type { RuleSpec } from './rule-types.js';
import { rulesToWire } from './rule-wire.js';
import type { UpdateListenerRequest } from './update-request.js';
import { flatten, type WireParams } from './wire.js';

/** The change actions of the ALB API that the app calls. */
export type ChangeAction =
  | 'CreateListener'
  | 'DeleteListener'
  | 'UpdateListenerAttribute'
  | 'StartListener'
  | 'StopListener'
  | 'AssociateAdditionalCertificatesWithListener'
  | 'DissociateAdditionalCertificatesFromListener'
  | 'AddServersToServerGroup'
  | 'RemoveServersFromServerGroup'
  | 'UpdateServerGroupServersAttribute'
  | 'CreateRules'
  | 'UpdateRulesAttribute'
  | 'DeleteRules';

export interface CommandTarget {
  region: string;
  /** The endpoint the client calls (`http://127.0.0.1:8080`); the region's public one when absent. */
  endpoint?: string;
}

function toWireShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWireShape);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) out[wireName(key)] = toWireShape(child);
    }
    return out;
  }
  return value;
}

/** A request object (the SDK model's field names) as the flattened parameters the CLI takes. */
export function requestParams(request: object): WireParams {
  return flatten(toWireShape(request));
}

/** `aliyun alb <Action> --region … --endpoint … --Param value … --method POST --force`, on one line. */
export function aliyunCommand(action: ChangeAction, params: WireParams, target: CommandTarget): string {
  const { host, http } = aliyunEndpoint(target);
  const parts = [
    'aliyun',
    'alb',
    action,
    '--region',
    shellQuote(target.region),
    '--endpoint',
    shellQuote(host),
  ];
  if (http) parts.push('--insecure');
  for (const [key, value] of Object.entries(params)) {
    if (key === 'DryRun') continue;
    parts.push(`--${key}`, shellQuote(value));
  }
  parts.push('--method', 'POST', '--force');
  // Text from the user (a name) may hold control characters: the line is for a shell, not the terminal.
  return parts.join(' ').replace(/[\x00-\x1f\x7f-\x9f]/g, '');
}

export function createCommand(request: CreateListenerRequest, target: CommandTarget): string {
  return aliyunCommand('CreateListener', requestParams(request), target);
}

export function updateCommand(request: UpdateListenerRequest, target: CommandTarget): string {
  return aliyunCommand('UpdateListenerAttribute', requestParams(request), target);
}

export function listenerCommand(
  action: 'DeleteListener' | 'StartListener' | 'StopListener',
  listenerId: string,
  target: CommandTarget,
  clientToken?: string,
): string {
  return aliyunCommand(
    action,
    { ListenerId: listenerId, ...(clientToken ? { ClientToken: clientToken } : {}) },
    target,
  );
}

export function certificatesCommand(
  action: 'AssociateAdditionalCertificatesWithListener' | 'DissociateAdditionalCertificatesFromListener',
  listenerId: string,
  certificateIds: readonly string[],
  target: CommandTarget,
  clientToken?: string,
): string {
  return aliyunCommand(
    action,
    requestParams({
      listenerId,
      certificates: certificateIds.map((certificateId) => ({ certificateId })),
      ...(clientToken ? { clientToken } : {}),
    }),
    target,
  );
}

/** A change to a server group's servers: each server's own fields as the request names them. */
export function serversCommand(
  action: 'AddServersToServerGroup' | 'RemoveServersFromServerGroup' | 'UpdateServerGroupServersAttribute',
  serverGroupId: string,
  servers: readonly object[],
  target: CommandTarget,
  clientToken?: string,
): string {
  return aliyunCommand(
    action,
    requestParams({ serverGroupId, servers, ...(clientToken ? { clientToken } : {}) }),
    target,
  );
}

/** A change to forwarding rules, in the wire parameters the rule exports use (`Rules.1.RuleConditions.1…`). */
export type RulesChange =
  | { action: 'CreateRules'; listenerId: string; rules: readonly RuleSpec[] }
  /** Each update is a rule's ID and the fields it sets. */
  | { action: 'UpdateRulesAttribute'; updates: readonly ({ ruleId: string } & Partial<RuleSpec>)[] }
  | { action: 'DeleteRules'; ruleIds: readonly string[] };

export function rulesCommand(change: RulesChange, target: CommandTarget, clientToken?: string): string {
  const params: WireParams =
    change.action === 'CreateRules'
      ? { ListenerId: change.listenerId, ...rulesToWire(change.rules) }
      : change.action === 'UpdateRulesAttribute'
        ? rulesToWire(change.updates)
        : flatten({ RuleIds: change.ruleIds });
  return aliyunCommand(
    change.action,
    { ...params, ...(clientToken ? { ClientToken: clientToken } : {}) },
    target,
  );
}
