// `alb-tui listeners [--instance ID ...]`: listeners of some instances (or of all), as a table or JSON.
import { collect, type AlbClient, type CallOptions } from '../alb/client.js';
import { isAlbError } from '../alb/errors.js';
import { both } from '../domain/i18n.js';
import { messages } from '../domain/messages.js';
import type { Listener } from '../domain/resources.js';
import { listOption, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { EXIT, printJson, printLines, signalOf, usageError, type CommandContext } from './context.js';
import { commandMessages } from './messages.js';
import { renderTable, type Column } from './table.js';

function serverGroupOf(listener: Listener): string | undefined {
  return listener.defaultActions[0]?.forwardGroupConfig.serverGroupTuples
    .map((t) => t.serverGroupId)
    .join(',');
}

function columns(withInstance: boolean): Column<Listener>[] {
  return [
    { header: both('LISTENER ID', '监听ID'), value: (l) => l.listenerId, max: 32 },
    ...(withInstance
      ? [{ header: both('INSTANCE', '实例ID'), value: (l: Listener) => l.loadBalancerId, max: 32 }]
      : []),
    { header: both('PROTOCOL', '协议'), value: (l) => l.listenerProtocol, max: 8 },
    { header: both('PORT', '端口'), value: (l) => l.listenerPort, max: 5, align: 'right' },
    { header: both('NAME', '名称'), value: (l) => l.listenerDescription, max: 30 },
    { header: both('STATUS', '状态'), value: (l) => l.listenerStatus, max: 12 },
    { header: both('TLS POLICY', 'TLS安全策略'), value: (l) => l.securityPolicyId, max: 40 },
    { header: both('SERVER GROUP', '服务器组'), value: serverGroupOf, max: 32 },
  ];
}

/** Fails with a usage error (exit 2) naming the first instance that does not exist. */
export async function assertInstancesExist(
  client: AlbClient,
  ids: readonly string[],
  options: CallOptions = {},
): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      try {
        await client.getLoadBalancer(id, options);
      } catch (error) {
        if (isAlbError(error) && error.kind === 'notFound') throw usageError(messages.instanceNotFound(id));
        throw error;
      }
    }),
  );
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const ids = [...new Set(listOption(args, 'instance').map((id) => id.trim()))];
  if (ids.some((id) => id === '')) throw usageError(commandMessages.missingValue('--instance'));
  const { client } = await context.connect();
  let listeners: Listener[];
  if (ids.length > 0) {
    const [, found] = await Promise.all([
      assertInstancesExist(client, ids, signalOf(context)),
      collect(client.listListeners({ loadBalancerIds: ids }, signalOf(context))),
    ]);
    const order = new Map(ids.map((id, i) => [id, i]));
    listeners = found.sort((a, b) => (order.get(a.loadBalancerId) ?? 0) - (order.get(b.loadBalancerId) ?? 0));
  } else {
    const listing = await client.listLoadBalancersAndListeners(signalOf(context));
    listeners = listing.loadBalancers.flatMap(
      (lb) => listing.listenersByLoadBalancer.get(lb.loadBalancerId) ?? [],
    );
  }
  if (context.json) {
    await printJson(context, listeners);
    return EXIT.ok;
  }
  if (listeners.length === 0) {
    await printLines(context.io.stdout, [commandMessages.noListeners()[context.lang]]);
    return EXIT.ok;
  }
  await printLines(context.io.stdout, renderTable(listeners, columns(ids.length !== 1), context.lang));
  return EXIT.ok;
}

export const listenersCommand: CommandDefinition = {
  name: 'listeners',
  options: { instance: { type: 'string', multiple: true } },
  positionals: 0,
  help: both(
    `Usage: alb-tui listeners [--instance ID ...] [--json] [connection options]

Lists listeners: of the instances given with --instance (may be repeated), else of every
instance in the region. Shows ID, protocol, port, name, status, TLS policy and server group.

Options:
  --instance ID       only the listeners of this instance (repeat for several)
`,
    `用法：alb-tui listeners [--instance ID ...] [--json] [连接选项]

列出监听：指定 --instance（可重复）时只列出这些实例的监听，否则列出当前地域所有实例的监听。
显示监听ID、协议、端口、名称、状态、TLS安全策略和服务器组。

选项：
  --instance ID       只列出此实例的监听（可重复指定多个）
`,
  ),
  run,
};
