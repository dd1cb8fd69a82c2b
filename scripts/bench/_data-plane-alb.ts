// The local ALB's data plane in its own process for the data-plane bench, as `npm start` runs it: the
// DataPlane's listeners (one loopback socket each, the protocol server behind it, TLS from the local
// CA with the listener's certificate and policy) handing requests to `servingHandler` (the pipeline,
// health checks), over a state holding one instance with an HTTP and an HTTPS listener forwarding to
// one backend. With `--idle N`, also N idle HTTP listeners, and prints the memory they cost.
// Prints one JSON line: `{ "http": port, "https": port, "address": … }` (and `"idleBytesPerListener"`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServedListener } from '../../source/domain/served-addresses.js';
import { DEFAULT_SECURITY_POLICY_ID } from '../../source/domain/tls-policies.js';
import { defaultXForwardedFor, seedState } from '../../source/emulator/seed.js';
import type { EmulatorState, StoredListener, StoredLoadBalancer } from '../../source/emulator/state.js';
import { DataPlane } from '../../source/emulator/traffic/data-plane.js';
import { servingHandler } from '../../source/emulator/traffic/serving.js';

const { values } = parseArgs({ options: { backend: { type: 'string' }, idle: { type: 'string' } } });
const backendPort = Number(values.backend);
const idle = Number(values.idle ?? 0);

// The seed's certificates, policies, groups, servers and rules; the instance and listeners are the bench's own.
const seeded = seedState({ region: 'cn-hangzhou', seed: 1, now: Date.now() });
const certificate = seeded.certificates.find((c) =>
  seeded.listeners.some((l) => l.certificates?.some((ref) => ref.certificateId === c.certificateId)),
)!;
const loadBalancer = {
  ...seeded.loadBalancers[0]!,
  loadBalancerId: 'alb-bench000000000001',
} as StoredLoadBalancer;
function listener(id: string, protocol: 'HTTP' | 'HTTPS', port: number): StoredListener {
  return {
    listenerId: id,
    loadBalancerId: loadBalancer.loadBalancerId,
    listenerProtocol: protocol,
    listenerPort: port,
    listenerDescription: id,
    listenerStatus: 'Running',
    defaultActions: [
      {
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-bench' }] },
      },
    ],
    gzipEnabled: true,
    http2Enabled: false,
    idleTimeout: 15,
    requestTimeout: 60,
    quicConfig: {},
    XForwardedForConfig: defaultXForwardedFor(),
    tags: [],
    createTime: '2026-01-01T00:00:00Z',
    ...(protocol === 'HTTPS'
      ? {
          certificates: [{ certificateId: certificate.certificateId }],
          securityPolicyId: DEFAULT_SECURITY_POLICY_ID,
        }
      : {}),
  };
}
// The seed's own groups, servers and rules stay (on listeners not served here): a request must not pay
// for the rest of the state, as in `npm start`.
const state: EmulatorState = {
  ...seeded,
  loadBalancers: [loadBalancer],
  listeners: [listener('lsn-bench-http', 'HTTP', 80), listener('lsn-bench-https', 'HTTPS', 443)],
  serverGroups: [
    // Not probed, and not the demo backends' addresses: nothing but the bench's requests runs here.
    ...seeded.serverGroups.map((group) => ({ ...group, healthCheckConfig: { healthCheckEnabled: false } })),
    {
      serverGroupId: 'sgp-bench',
      serverGroupName: 'bench',
      serverGroupType: 'Ip',
      serverGroupStatus: 'Available',
      protocol: 'HTTP',
      scheduler: 'Wrr',
      vpcId: 'vpc-bench',
      serverCount: 1,
      relatedLoadBalancerIds: [loadBalancer.loadBalancerId],
      createTime: '2026-01-01T00:00:00Z',
      healthCheckConfig: { healthCheckEnabled: true, healthCheckInterval: 2 },
    },
  ],
  servers: [
    ...seeded.servers.map((server) => ({ ...server, serverIp: '127.0.0.2' })),
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
  pending: [],
};

const caDir = mkdtempSync(join(tmpdir(), 'alb-tui-bench-ca-'));
process.on('exit', () => rmSync(caDir, { recursive: true, force: true }));
process.on('SIGTERM', () => process.exit(0));
const observers: ((listenerId: string) => void)[] = [];
let revision = 0;
const plane = new DataPlane({
  regions: [
    {
      regionId: state.region,
      state,
      observeListeners: (observer) => {
        observers.push(observer);
        return () => undefined;
      },
      // As the core's change hook does in `npm start`: the bench changes the state only below.
      handler: servingHandler(state, { useHealthSource: () => undefined, revision: () => revision }),
    },
  ],
  caDir,
  // Ports 80/443 (and +10000) may be taken or privileged: any free port is fine for the bench.
  portOffset: 0,
  maxServed: idle + 10,
});
await plane.settled();

function portOf(id: string): number {
  const served: ServedListener | undefined = plane.servedAt(id);
  if (served?.kind !== 'served') throw new Error(`${id} not served: ${JSON.stringify(served)}`);
  return served.port;
}
const http = portOf('lsn-bench-http');
const https = portOf('lsn-bench-https');
const served = plane.servedAt('lsn-bench-http');
const address = served?.kind === 'served' ? served.address : '127.0.0.1';

let idleBytesPerListener: number | undefined;
if (idle > 0) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < idle; i++) {
    const current = listener(`lsn-idle-${i}`, 'HTTP', 20_000 + i);
    state.listeners.push(current);
    revision++;
    for (const observer of observers) observer(current.listenerId);
  }
  await plane.settled();
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  idleBytesPerListener = (process.memoryUsage().rss - before) / idle;
}

process.stdout.write(
  `${JSON.stringify({ http, https, address, ...(idleBytesPerListener ? { idleBytesPerListener } : {}) })}\n`,
);
