// The local ALB's data plane in its own process for the data-plane bench: the request pipeline behind
// an HTTP and an HTTPS listener (plain node servers, as dpnet's listeners hand requests over), forwarding
// to one backend. With `--idle N`, also N idle listeners, and prints the memory they cost.
// Prints one JSON line: `{ "http": port, "https": port }` (and `"idleBytesPerListener"`).
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { defaultXForwardedFor } from '../../source/emulator/seed.js';
import type { EmulatorState, StoredListener, StoredLoadBalancer } from '../../source/emulator/state.js';
import { selfSignedCertificate } from '../../source/emulator/traffic/demo-backends.js';
import { HealthChecker } from '../../source/emulator/traffic/health.js';
import { applyIdleTimeout, createPipeline, type Pipeline } from '../../source/emulator/traffic/pipeline.js';

const { values } = parseArgs({ options: { backend: { type: 'string' }, idle: { type: 'string' } } });
const backendPort = Number(values.backend);
const idle = Number(values.idle ?? 0);

const loadBalancer = { loadBalancerId: 'alb-bench000000000001' } as StoredLoadBalancer;
function listener(id: string, protocol: 'HTTP' | 'HTTPS', port: number): StoredListener {
  return {
    listenerId: id,
    loadBalancerId: loadBalancer.loadBalancerId,
    listenerProtocol: protocol,
    listenerPort: port,
    listenerDescription: id,
    listenerStatus: 'Running',
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-bench' }] } },
    ],
    gzipEnabled: true,
    http2Enabled: false,
    idleTimeout: 15,
    requestTimeout: 60,
    quicConfig: {},
    XForwardedForConfig: defaultXForwardedFor(),
    tags: [],
    createTime: '2026-01-01T00:00:00Z',
  };
}
const state: EmulatorState = {
  version: 1,
  region: 'cn-hangzhou',
  seed: 1,
  seededAt: 0,
  loadBalancers: [loadBalancer],
  listeners: [listener('lsn-http', 'HTTP', 80), listener('lsn-https', 'HTTPS', 443)],
  certificates: [],
  customPolicies: [],
  serverGroups: [
    {
      serverGroupId: 'sgp-bench',
      serverGroupName: 'bench',
      serverGroupType: 'Ip',
      serverGroupStatus: 'Available',
      protocol: 'HTTP',
      scheduler: 'Wrr',
      vpcId: 'vpc-bench',
      serverCount: 1,
      relatedLoadBalancerIds: [],
      createTime: '2026-01-01T00:00:00Z',
      healthCheckConfig: { healthCheckEnabled: true, healthCheckInterval: 2 },
    },
  ],
  servers: [
    {
      serverGroupId: 'sgp-bench',
      serverId: '127.0.0.1',
      serverIp: '127.0.0.1',
      serverType: 'Ip',
      port: backendPort,
      weight: 100,
      status: 'Available',
    },
  ],
  jobs: [],
  pending: [],
  clientTokens: {},
};

const health = new HealthChecker({ state: () => state });
health.start();
const pipeline: Pipeline = createPipeline({ state: () => state, health });

function serve(server: Server, current: StoredListener): Promise<number> {
  applyIdleTimeout(server, current);
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    pipeline.handle(req, res, {
      listener: current,
      loadBalancer,
      localAddress: '127.0.0.1',
      localPort: 0,
      remoteAddress: req.socket.remoteAddress ?? '',
      remotePort: req.socket.remotePort ?? 0,
    }),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

const certificate = await selfSignedCertificate();
const http = await serve(createHttpServer(), state.listeners[0]!);
const https = await serve(createHttpsServer(certificate), state.listeners[1]!);

let idleBytesPerListener: number | undefined;
if (idle > 0) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const servers: Server[] = [];
  for (let i = 0; i < idle; i++) {
    const current = listener(`lsn-idle-${i}`, 'HTTP', 20_000 + i);
    state.listeners.push(current);
    const server = createHttpServer();
    await serve(server, current);
    servers.push(server);
  }
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  idleBytesPerListener = (process.memoryUsage().rss - before) / idle;
}

process.stdout.write(
  `${JSON.stringify({ http, https, ...(idleBytesPerListener ? { idleBytesPerListener } : {}) })}\n`,
);
