// The recording client's part for a server group's servers: each add, remove and weight change (not a
// dry run) written to the operations log with its aliyun command, and the wait that follows it.
import type { AlbClient, ServerRef, ServerWaitOptions, UpdateOptions } from '../../alb/client.js';
import { serversCommand, type CommandTarget } from '../../domain/change-commands.js';
import { serverKey, type ServerSpec } from '../../domain/server-rules.js';
import type { FollowChange, FollowWait, OpsLog } from './ops-log.js';

type ServerAction =
  'AddServersToServerGroup' | 'RemoveServersFromServerGroup' | 'UpdateServerGroupServersAttribute';

const METHOD = {
  AddServersToServerGroup: 'addServers',
  RemoveServersFromServerGroup: 'removeServers',
  UpdateServerGroupServersAttribute: 'updateServers',
} as const;

export function serverWrappers(
  inner: AlbClient,
  log: OpsLog,
  target: CommandTarget,
  follow: FollowChange,
  followWait: FollowWait,
): Record<string, unknown> {
  const wrappers: Record<string, unknown> = {};
  for (const action of Object.keys(METHOD) as ServerAction[]) {
    const method = inner[METHOD[action]].bind(inner);
    wrappers[METHOD[action]] = (
      serverGroupId: string,
      servers: readonly ServerSpec[],
      options?: UpdateOptions,
    ) => {
      const call = method(serverGroupId, servers, options);
      if (options?.dryRun) return call;
      const addresses = servers.map((s) => serverKey(s).replace('|', ':'));
      const op = log.begin({
        action,
        target: `${serverGroupId} · ${addresses.slice(0, 5).join(', ')}${addresses.length > 5 ? ` +${addresses.length - 5}` : ''}`,
        // The group is what the wait that follows the change names.
        listenerId: serverGroupId,
        command: serversCommand(action, serverGroupId, servers, target, options?.clientToken),
        ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
      });
      return follow(op, call);
    };
  }
  const wait = inner.waitForServers.bind(inner);
  wrappers['waitForServers'] = (
    serverGroupId: string,
    servers: readonly ServerRef[],
    options: ServerWaitOptions,
  ) => {
    const op = log.openFor(
      serverGroupId,
      options.until === 'gone'
        ? ['RemoveServersFromServerGroup']
        : ['AddServersToServerGroup', 'UpdateServerGroupServersAttribute'],
    );
    const onStatus = options.onStatus;
    return followWait(
      op,
      wait(serverGroupId, servers, {
        ...options,
        onStatus: (key, status) => {
          op?.progress(`${key.replace('|', ':')} ${status}`);
          onStatus?.(key, status);
        },
      }),
    );
  };
  return wrappers;
}
