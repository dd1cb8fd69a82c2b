// `alb-tui instances`: the region's ALB instances, as a table or as JSON.
import { collect } from '../alb/client.js';
import { both } from '../domain/i18n.js';
import type { LoadBalancer } from '../domain/resources.js';
import type { CommandDefinition } from './command.js';
import { EXIT, printJson, printLines, signalOf, type CommandContext } from './context.js';
import { commandMessages } from './messages.js';
import { renderTable, type Column } from './table.js';

interface InstanceRow {
  instance: LoadBalancer;
  listeners: number;
}

const COLUMNS: Column<InstanceRow>[] = [
  { header: both('ID', '实例ID'), value: (r) => r.instance.loadBalancerId, max: 32 },
  { header: both('NAME', '名称'), value: (r) => r.instance.loadBalancerName, max: 30 },
  { header: both('STATUS', '状态'), value: (r) => r.instance.loadBalancerStatus, max: 14 },
  { header: both('EDITION', '版本'), value: (r) => r.instance.loadBalancerEdition, max: 16 },
  { header: both('ADDRESS', '网络类型'), value: (r) => r.instance.addressType, max: 10 },
  { header: both('VPC', '专有网络'), value: (r) => r.instance.vpcId, max: 28 },
  { header: both('LISTENERS', '监听数'), value: (r) => r.listeners, max: 9, align: 'right' },
];

async function run(context: CommandContext): Promise<number> {
  const { client } = await context.connect();
  if (context.json) {
    await printJson(context, await collect(client.listLoadBalancers({}, signalOf(context))));
    return EXIT.ok;
  }
  const listing = await client.listLoadBalancersAndListeners(signalOf(context));
  if (listing.loadBalancers.length === 0) {
    await printLines(context.io.stdout, [commandMessages.noInstances()[context.lang]]);
    return EXIT.ok;
  }
  const rows = listing.loadBalancers.map((instance) => ({
    instance,
    listeners: listing.listenersByLoadBalancer.get(instance.loadBalancerId)?.length ?? 0,
  }));
  await printLines(context.io.stdout, renderTable(rows, COLUMNS, context.lang));
  return EXIT.ok;
}

export const instancesCommand: CommandDefinition = {
  name: 'instances',
  options: {},
  positionals: 0,
  help: both(
    `Usage: alb-tui instances [--json] [connection options]

Lists the ALB instances of the region: ID, name, status, edition, address type, VPC and
how many listeners each has.
`,
    `用法：alb-tui instances [--json] [连接选项]

列出当前地域的 ALB 实例：实例ID、名称、状态、版本、网络类型、专有网络及监听数量。
`,
  ),
  run: (context) => run(context),
};
