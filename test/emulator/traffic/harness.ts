// Real servers for the data-plane tests: echo backends, a state holding one instance and listener, and
// a plain HTTP server that hands each request to the pipeline (as dpnet's listeners do).
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackendServer } from '../../../source/domain/resources.js';
import type { Rule } from '../../../source/domain/rule-types.js';
import { defaultXForwardedFor } from '../../../source/emulator/seed.js';
import type {
  EmulatorState,
  StoredListener,
  StoredLoadBalancer,
  StoredServerGroup,
} from '../../../source/emulator/state.js';
import { startEchoBackend, type EchoBackend } from '../../../source/emulator/traffic/demo-backends.js';
import { HealthChecker } from '../../../source/emulator/traffic/health.js';
import {
  applyIdleTimeout,
  createPipeline,
  type Pipeline,
} from '../../../source/emulator/traffic/pipeline.js';

export const LB_ID = 'alb-test0000000000001';
export const LISTENER_ID = 'lsn-test00000000000000001';

export interface GroupSpec {
  id: string;
  servers: number;
  scheduler?: StoredServerGroup['scheduler'];
  stickySession?: StoredServerGroup['stickySession'];
  healthCheckConfig?: StoredServerGroup['healthCheckConfig'];
  weights?: number[];
}

export interface Harness {
  state: EmulatorState & { rules: Rule[] };
  listener: StoredListener;
  backends: Map<string, EchoBackend[]>;
  health: HealthChecker;
  pipeline: Pipeline;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface HarnessOptions {
  groups: GroupSpec[];
  listener?: Partial<StoredListener>;
  rules?: Rule[];
  now?: () => number;
  startHealth?: boolean;
}

function group(spec: GroupSpec): StoredServerGroup {
  return {
    serverGroupId: spec.id,
    serverGroupName: spec.id,
    serverGroupType: 'Ip',
    serverGroupStatus: 'Available',
    protocol: 'HTTP',
    scheduler: spec.scheduler ?? 'Wrr',
    vpcId: 'vpc-test',
    serverCount: spec.servers,
    relatedLoadBalancerIds: [LB_ID],
    createTime: '2026-01-01T00:00:00Z',
    ...(spec.stickySession ? { stickySession: spec.stickySession } : {}),
    healthCheckConfig: spec.healthCheckConfig ?? { healthCheckEnabled: false },
  };
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const backends = new Map<string, EchoBackend[]>();
  const servers: BackendServer[] = [];
  for (const spec of options.groups) {
    const started: EchoBackend[] = [];
    for (let i = 0; i < spec.servers; i++) {
      const backend = await startEchoBackend({ name: `${spec.id}-${i + 1}`, serverGroupId: spec.id });
      started.push(backend);
      servers.push({
        serverGroupId: spec.id,
        serverId: `${spec.id}-${i + 1}`,
        serverIp: '127.0.0.1',
        serverType: 'Ip',
        port: backend.port,
        weight: spec.weights?.[i] ?? 100,
        status: 'Available',
      });
    }
    backends.set(spec.id, started);
  }
  const loadBalancer = { loadBalancerId: LB_ID } as StoredLoadBalancer;
  const listener: StoredListener = {
    listenerId: LISTENER_ID,
    loadBalancerId: LB_ID,
    listenerProtocol: 'HTTP',
    listenerPort: 80,
    listenerDescription: 'test',
    listenerStatus: 'Running',
    defaultActions: [
      {
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: options.groups[0]!.id }] },
      },
    ],
    gzipEnabled: false,
    http2Enabled: false,
    idleTimeout: 15,
    requestTimeout: 60,
    quicConfig: {},
    XForwardedForConfig: defaultXForwardedFor(),
    tags: [],
    createTime: '2026-01-01T00:00:00Z',
    ...options.listener,
  };
  const state = {
    version: 1,
    region: 'cn-hangzhou',
    seed: 1,
    seededAt: 0,
    loadBalancers: [loadBalancer],
    listeners: [listener],
    certificates: [],
    customPolicies: [],
    serverGroups: options.groups.map(group),
    servers,
    jobs: [],
    pending: [],
    clientTokens: {},
    rules: options.rules ?? [],
  } satisfies EmulatorState & { rules: Rule[] };
  const health = new HealthChecker({ state: () => state, tickMs: 50 });
  if (options.startHealth) health.start();
  const pipeline = createPipeline({
    state: () => state,
    health,
    ...(options.now ? { now: options.now } : {}),
  });
  const server = createServer((req, res) => {
    // The listener as it is now: changes apply to the next request, as with dpnet's listeners.
    const current = state.listeners.find((l) => l.listenerId === LISTENER_ID)!;
    applyIdleTimeout(server, current);
    pipeline.handle(req, res, {
      listener: current,
      loadBalancer,
      localAddress: req.socket.localAddress ?? '127.0.0.1',
      localPort: req.socket.localPort ?? 0,
      remoteAddress: req.socket.remoteAddress ?? '',
      remotePort: req.socket.remotePort ?? 0,
    });
  });
  applyIdleTimeout(server, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    state,
    listener,
    backends,
    health,
    pipeline,
    port,
    server,
    async close() {
      health.close();
      pipeline.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...backends.values()].flat().map((b) => b.close()));
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The echo backend's JSON, when it answered. */
  echo?: {
    server: { name: string; address: string };
    request: {
      method: string;
      path: string;
      query: Record<string, string>;
      headers: Record<string, string>;
      body?: string;
    };
  };
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 32 });

export function send(
  port: number,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    agent?: Agent | false;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent ?? (options.localAddress ? false : keepAlive),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          let echo: Answer['echo'];
          if (
            res.headers['x-served-by'] &&
            res.headers['content-encoding'] === undefined &&
            text.startsWith('{')
          )
            echo = JSON.parse(text) as Answer['echo'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text,
            ...(echo ? { echo } : {}),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls until `check` holds (health checks run on their own interval). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached in time');
}

export function rule(id: string, priority: number, spec: Pick<Rule, 'ruleConditions' | 'ruleActions'>): Rule {
  return {
    ruleId: id,
    ruleName: id,
    listenerId: LISTENER_ID,
    loadBalancerId: LB_ID,
    ruleStatus: 'Available',
    direction: 'Request',
    priority,
    ...spec,
  };
}

export function fixed(content: string, order = 1): Rule['ruleActions'][number] {
  return {
    type: 'FixedResponse',
    order,
    fixedResponseConfig: { httpCode: '200', content, contentType: 'text/plain' },
  };
}
