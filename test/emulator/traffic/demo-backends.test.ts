// The demo data's servers are real: local echo backends on 127.0.0.1 that answer with what they got.
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedState } from '../../../source/emulator/seed.js';
import type { EmulatorState } from '../../../source/emulator/state.js';
import { startDemoBackends, type DemoBackends } from '../../../source/emulator/traffic/demo-backends.js';
import { DEMO_BACKEND_PORTS, isDemoServer } from '../../../source/emulator/traffic/demo-ports.js';
import { send } from './harness.js';

describe('demo backends', () => {
  let state: EmulatorState;
  let demo: DemoBackends;
  beforeAll(async () => {
    state = seedState({ region: 'cn-hangzhou', seed: 7, now: Date.parse('2026-06-01T00:00:00Z') });
    demo = await startDemoBackends(state);
  });
  afterAll(() => demo.close());

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
});
