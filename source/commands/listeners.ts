// `alb-tui listeners [--instance ID ...]`: listeners of some instances (or of all), as a table or JSON.
import { collect, type AlbClient, type CallOptions } from '../alb/client.js';
import { isAlbError } from '../alb/errors.js';
import { both } from '../domain/i18n.js';
import { messages } from '../domain/messages.js';
import type { Listener } from '../domain/resources.js';
import { createLimiter } from '../alb/concurrency.js';
import type { ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { EXIT, failure, printJson, printLines, signalOf, type CommandContext } from './context.js';
import { instanceIdsOption } from './ids.js';
import { readListener, type ListenerReadBack } from './listener.js';
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
        if (isAlbError(error) && error.kind === 'notFound')
          throw failure(messages.instanceNotFound(id), {
            errorCode: error.code ?? 'ResourceNotFound.LoadBalancer',
            requestId: error.requestId,
          });
        throw error;
      }
    }),
  );
}

/** Calls at once while reading certificates for `--json`. */
const READ_BACK_CONCURRENCY = 8;

/**
 * `--json`'s listeners: as listed, and for HTTPS and QUIC listeners what only a listener's own read
 * gives (certificates, mutual TLS and its CA certificates), as `listener get --json` has them. A
 * listener deleted meanwhile is left out.
 */
async function withCertificates(context: CommandContext, listeners: Listener[]): Promise<ListenerReadBack[]> {
  const limiter = createLimiter(READ_BACK_CONCURRENCY);
  const read = await Promise.all(
    listeners.map((listener) =>
      listener.listenerProtocol === 'HTTP'
        ? { ...listener, listenerCertificates: [] }
        : limiter.run(() =>
            readListener(context, listener.listenerId).catch((error: unknown) => {
              if (isAlbError(error) && error.kind === 'notFound') return undefined;
              throw error;
            }),
          ),
    ),
  );
  return read.filter((listener) => listener !== undefined);
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const ids = instanceIdsOption(args, 'instance');
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
    await printJson(context, await withCertificates(context, listeners));
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
With --json, every listener with its certificates, mutual TLS and CA certificates too, as
'alb-tui listener get ID --json' prints one. An instance that does not exist is a failure (exit 1).

Options:
  --instance ID       only the listeners of this instance (repeat for several)
`,
    `用法：alb-tui listeners [--instance ID ...] [--json] [连接选项]

列出监听：指定 --instance（可重复）时只列出这些实例的监听，否则列出当前地域所有实例的监听。
显示监听ID、协议、端口、名称、状态、TLS安全策略和服务器组。
使用 --json 时，每个监听还包含其证书、双向认证和 CA 证书，与 'alb-tui listener get ID --json' 相同。
实例不存在视为失败（退出状态 1）。

选项：
  --instance ID       只列出此实例的监听（可重复指定多个）
`,
  ),
  run,
};
