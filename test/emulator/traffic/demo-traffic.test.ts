// The demo data served for real: the seed's listeners, rules and server groups through the pipeline,
// to the demo backends the local ALB starts with it. One file: the demo backends' ports are fixed.
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedState } from '../../../source/emulator/seed.js';
import type { EmulatorState, StoredListener } from '../../../source/emulator/state.js';
import { startDemoBackends, type DemoBackends } from '../../../source/emulator/traffic/demo-backends.js';
import { DEMO_BACKEND_PORTS, isDemoServer } from '../../../source/emulator/traffic/demo-ports.js';
import { HealthChecker } from '../../../source/emulator/traffic/health.js';
import { createPipeline, type Pipeline } from '../../../source/emulator/traffic/pipeline.js';
import { send } from './harness.js';

describe('the demo data through the data plane', () => {
  let state: EmulatorState;
  let demo: DemoBackends;
  let health: HealthChecker;
  let pipeline: Pipeline;
  const servers: Server[] = [];

  const listenerNamed = (description: string): StoredListener =>
    state.listeners.find((l) => l.listenerDescription === description)!;

  async function serve(listener: StoredListener): Promise<number> {
    const loadBalancer = state.loadBalancers.find((lb) => lb.loadBalancerId === listener.loadBalancerId)!;
    const server = createServer((req, res) =>
      pipeline.handle(req, res, {
        listener,
        loadBalancer,
        localAddress: '127.0.0.1',
        localPort: 0,
        remoteAddress: req.socket.remoteAddress ?? '',
        remotePort: req.socket.remotePort ?? 0,
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  beforeAll(async () => {
    state = seedState({ region: 'cn-hangzhou', seed: 11, now: Date.parse('2026-06-01T00:00:00Z') });
    demo = await startDemoBackends(state);
    health = new HealthChecker({ state: () => state });
    await health.sweep();
    pipeline = createPipeline({ state: () => state, health });
  });
  afterAll(async () => {
    health.close();
    pipeline.close();
    for (const server of servers) server.close();
    await demo.close();
  });

  it('the seed points every demo server at its own local port, with a health check per group', () => {
    expect(state.servers.every(isDemoServer)).toBe(true);
    const ports = state.servers.map((s) => s.port);
    expect(new Set(ports).size).toBe(ports.length);
    expect(Math.max(...ports)).toBeLessThanOrEqual(DEMO_BACKEND_PORTS.last);
    expect(state.serverGroups.every((g) => g.healthCheckConfig !== undefined)).toBe(true);
  });

  it('starts one backend per demo server, each answering JSON with the request and its own name', async () => {
    expect(demo.failed).toEqual([]);
    expect(demo.backends).toHaveLength(state.servers.length);
    const server = state.servers.find(
      (s) => state.serverGroups.find((g) => g.serverGroupId === s.serverGroupId)?.protocol === 'HTTP',
    )!;
    const answer = await send(server.port, '/orders/7?sort=desc&tag=a&tag=b', {
      method: 'POST',
      headers: { 'x-trace': 'abc', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.echo?.server).toMatchObject({
      name: server.description,
      address: `127.0.0.1:${server.port}`,
    });
    expect(answer.echo?.request).toMatchObject({
      method: 'POST',
      path: '/orders/7',
      query: { sort: 'desc', tag: ['a', 'b'] },
      body: 'hello',
    });
    expect(answer.echo?.request.headers['x-trace']).toBe('abc');
  });

  it('serves HTTPS for an HTTPS server group', async () => {
    const group = state.serverGroups.find((g) => g.protocol === 'HTTPS')!;
    const server = state.servers.find((s) => s.serverGroupId === group.serverGroupId)!;
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: '/tls', rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(body)).toMatchObject({
      server: { serverId: server.serverId },
      request: { path: '/tls' },
    });
  });

  it('every used demo server passes its health check (the legacy group has its check off)', () => {
    const legacy = state.serverGroups.find((g) => g.serverGroupName === 'legacy-portal-http')!;
    for (const server of state.servers) {
      const status = health.statusOf(server.serverGroupId, server.serverId, server.port).state;
      expect(status, server.description).toBe(
        server.serverGroupId === legacy.serverGroupId ? 'Unavailable' : 'Healthy',
      );
    }
  });

  it("prod-web's HTTP 80 redirects to HTTPS by its demo rule", async () => {
    const port = await serve(listenerNamed('web_http_80'));
    const answer = await send(port, '/cart?id=3', { headers: { host: 'www.example.com' } });
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe('https://www.example.com/cart?id=3');
  });

  it("prod-web's HTTPS 443 forwards to the web group's demo backends, and to the HTTPS api group by host and path", async () => {
    const port = await serve(listenerNamed('web_https_443'));
    const page = await send(port, '/', { headers: { host: 'www.example.com' } });
    expect(page.echo?.server.name).toMatch(/^web-frontend-http-\d$/);
    const api = await send(port, '/v1/orders', { headers: { host: 'api.example.com' } });
    expect(api.echo?.server.name).toMatch(/^api-backend-https-\d$/);
    const maintenance = await send(port, '/maintenance');
    expect(maintenance.status).toBe(503);
    expect(maintenance.text).toContain('Down for maintenance');
  });
});
