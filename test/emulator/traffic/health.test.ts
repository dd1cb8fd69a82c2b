// Health checks against real backends: a stopped backend is marked unhealthy with the reason, traffic
// moves to the healthy ones, and comes back when it recovers; wrong HTTP codes count as failures.
import { afterEach, describe, expect, it } from 'vitest';
import { startEchoBackend } from '../../../source/emulator/traffic/demo-backends.js';
import type { HealthChange } from '../../../source/emulator/traffic/health.js';
import { eventually, send, startHarness, type Harness } from './harness.js';

const FAST_CHECK = {
  healthCheckEnabled: true,
  healthCheckProtocol: 'HTTP',
  healthCheckPath: '/health',
  healthCheckInterval: 1,
  healthCheckTimeout: 1,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
} as const;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('health checks', () => {
  it('marks a stopped backend unhealthy, moves traffic off it, and back when it recovers', async () => {
    h = await startHarness({
      groups: [{ id: 'sgp-h', servers: 2, healthCheckConfig: FAST_CHECK }],
      startHealth: true,
    });
    const harness = h;
    const changes: HealthChange[] = [];
    harness.health.subscribe((change) => changes.push(change));
    await eventually(() => harness.health.statusOf('sgp-h', 'sgp-h-1').reason === undefined);
    expect(harness.health.statusOf('sgp-h', 'sgp-h-1').state).toBe('Healthy');

    const [first] = harness.backends.get('sgp-h')!;
    const port = first!.port;
    await first!.close();
    await eventually(() => harness.health.statusOf('sgp-h', 'sgp-h-1').state === 'Unhealthy');
    expect(harness.health.statusOf('sgp-h', 'sgp-h-1')).toMatchObject({
      reason: 'connection refused',
      failure: 'ConnectionRefused',
    });
    expect(changes.map((c) => [c.serverId, c.health.state])).toContainEqual(['sgp-h-1', 'Unhealthy']);
    const during = new Set<string | undefined>();
    for (let i = 0; i < 10; i++) {
      const answer = await send(harness.port, '/');
      expect(answer.status).toBe(200);
      during.add(answer.echo?.server.name);
    }
    expect(during).toEqual(new Set(['sgp-h-2']));

    const revived = await startEchoBackend({ name: 'sgp-h-1 revived' }, { port });
    try {
      await eventually(() => harness.health.statusOf('sgp-h', 'sgp-h-1').state === 'Healthy');
      const after = new Set<string | undefined>();
      for (let i = 0; i < 10; i++) after.add((await send(harness.port, '/')).echo?.server.name);
      expect(after).toEqual(new Set(['sgp-h-1 revived', 'sgp-h-2']));
    } finally {
      await revived.close();
    }
  });

  it('answers 503 when every server of the group is unhealthy', async () => {
    h = await startHarness({
      groups: [{ id: 'sgp-d', servers: 1, healthCheckConfig: FAST_CHECK }],
      startHealth: true,
    });
    const harness = h;
    await harness.backends.get('sgp-d')![0]!.close();
    await eventually(() => harness.health.statusOf('sgp-d', 'sgp-d-1').state === 'Unhealthy');
    expect((await send(harness.port, '/')).status).toBe(503);
  });

  it('counts an answer outside HealthCheckCodes as a failure, with the code as the reason', async () => {
    h = await startHarness({
      groups: [
        {
          id: 'sgp-c',
          servers: 1,
          healthCheckConfig: {
            ...FAST_CHECK,
            healthCheckPath: '/health?echo.status=503',
            healthCheckCodes: ['http_2xx', 'http_3xx'],
          },
        },
      ],
      startHealth: true,
    });
    const harness = h;
    await eventually(() => harness.health.statusOf('sgp-c', 'sgp-c-1').state === 'Unhealthy');
    expect(harness.health.statusOf('sgp-c', 'sgp-c-1')).toMatchObject({ reason: 'HTTP 503', httpCode: 503 });
    harness.state.serverGroups[0]!.healthCheckConfig = {
      ...FAST_CHECK,
      healthCheckCodes: ['http_5xx'],
      healthCheckPath: '/health?echo.status=503',
    };
    await eventually(() => harness.health.statusOf('sgp-c', 'sgp-c-1').state === 'Healthy');
  });

  it('reports Unused for a group no listener forwards to, and Unavailable when its check is off', async () => {
    h = await startHarness({
      groups: [
        { id: 'sgp-used', servers: 1, healthCheckConfig: { healthCheckEnabled: false } },
        { id: 'sgp-idle', servers: 1, healthCheckConfig: FAST_CHECK },
      ],
      startHealth: true,
    });
    expect(h.health.statusOf('sgp-idle', 'sgp-idle-1').state).toBe('Unused');
    expect(h.health.statusOf('sgp-used', 'sgp-used-1').state).toBe('Unavailable');
    // An unchecked group still takes traffic.
    expect((await send(h.port, '/')).status).toBe(200);
  });
});
