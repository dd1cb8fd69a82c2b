// The data plane's listening side against the real SDK and node's clients: per-instance loopback
// addresses (the ones the API reports), the port offset, and listeners that appear, change and
// disappear as the control API changes them.
import nodeHttp from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator } from '../../../source/emulator/index.js';
import { serveTraffic } from '../../../source/emulator/traffic/serve-traffic.js';
import { instanceAddress } from '../../../source/emulator/traffic/addresses.js';
import { isDemoServer } from '../../../source/emulator/traffic/demo-ports.js';
import { servingHandler } from '../../../source/emulator/traffic/serving.js';
import { echoHandler } from './echo-handler.js';
import { $Alb } from '../helpers.js';
import { connectError, httpGet, listenerOf, served, startRig, until, type Rig } from './helpers.js';

let rig: Rig;
afterEach(() => rig.emulator.close());

describe('where listeners are served', () => {
  beforeEach(async () => {
    rig = await startRig();
  });

  test('a listener answers on its instance loopback address, the one GetLoadBalancerAttribute reports', async () => {
    const listener = listenerOf(rig, 'prod-web', 'HTTP', 80);
    const at = served(rig, listener.listenerId);
    const reply = await rig.sdk.alb.getLoadBalancerAttribute(
      new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: listener.loadBalancerId }),
    );
    const addresses = reply.body?.zoneMappings?.flatMap((z) =>
      z.loadBalancerAddresses?.map((a) => a.address),
    );
    expect(addresses?.length).toBeGreaterThan(0);
    expect(new Set(addresses)).toEqual(new Set([at.address]));
    expect(at.address).toMatch(/^127\.\d+\.\d+\.\d+$/);
    expect(at.address).not.toBe('127.0.0.1');
    const { status, body } = await httpGet(at.address, at.port);
    expect(status).toBe(200);
    expect(body['listenerId']).toBe(listener.listenerId);
    expect(body['localAddress']).toBe(at.address);
  });

  test('two instances both serve HTTPS 443, each on its own address and the same port', async () => {
    const web = served(rig, listenerOf(rig, 'prod-web', 'HTTPS', 443).listenerId);
    const api = served(rig, listenerOf(rig, 'prod-api', 'HTTPS', 443).listenerId);
    expect(web.address).not.toBe(api.address);
    expect(web.port).toBe(api.port);
    expect([443, 10_443]).toContain(web.port);
  });

  test('a stopped listener refuses connections; a QUIC listener is said not served', async () => {
    const stopped = listenerOf(rig, 'staging-api', 'HTTP', 8080);
    expect(rig.dataPlane.servedAt(stopped.listenerId)).toEqual({ kind: 'not-served', reason: 'stopped' });
    const address = instanceAddress(stopped.loadBalancerId);
    expect(await connectError(address, 8080)).toBe('ECONNREFUSED');
    expect(await connectError(address, 18_080)).toBe('ECONNREFUSED');
    const quic = listenerOf(rig, 'prod-web', 'QUIC', 443);
    expect(rig.dataPlane.servedAt(quic.listenerId)).toEqual({ kind: 'not-served', reason: 'quic' });
  });
});

describe('port offset', () => {
  test('a port taken on the instance address is served on port + offset', async () => {
    rig = await startRig({ portOffset: 23_000 });
    const lb = rig.state().loadBalancers.find((l) => l.loadBalancerName === 'prod-api')!;
    const address = instanceAddress(lb.loadBalancerId);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(7_321, address, resolve));
    try {
      const created = await rig.sdk.alb.createListener(
        new $Alb.CreateListenerRequest({
          loadBalancerId: lb.loadBalancerId,
          listenerProtocol: 'HTTP',
          listenerPort: 7_321,
          defaultActions: [
            new $Alb.CreateListenerRequestDefaultActions({
              type: 'ForwardGroup',
              forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
                serverGroupTuples: [
                  new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
                    serverGroupId: rig.state().serverGroups[0]!.serverGroupId,
                  }),
                ],
              }),
            }),
          ],
        }),
      );
      const id = created.body!.listenerId!;
      await until(() => rig.dataPlane.servedAt(id)?.kind === 'served');
      const at = served(rig, id);
      expect(at).toMatchObject({
        address,
        port: 30_321,
        listenerPort: 7_321,
        url: `http://${address}:30321/`,
      });
      expect((await httpGet(address, 30_321)).body['listenerId']).toBe(id);
    } finally {
      blocker.close();
    }
  });
});

describe('live changes without a restart', () => {
  beforeEach(async () => {
    rig = await startRig();
  });

  test('create, stop, start and delete through the API: served, refused, served, gone', async () => {
    const lb = rig.state().loadBalancers.find((l) => l.loadBalancerName === 'internal-services')!;
    const created = await rig.sdk.alb.createListener(
      new $Alb.CreateListenerRequest({
        loadBalancerId: lb.loadBalancerId,
        listenerProtocol: 'HTTP',
        listenerPort: 6_181,
        defaultActions: [
          new $Alb.CreateListenerRequestDefaultActions({
            type: 'ForwardGroup',
            forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
              serverGroupTuples: [
                new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
                  serverGroupId: rig.state().serverGroups[0]!.serverGroupId,
                }),
              ],
            }),
          }),
        ],
      }),
    );
    const id = created.body!.listenerId!;
    await until(() => rig.dataPlane.servedAt(id)?.kind === 'served');
    const at = served(rig, id);
    expect((await httpGet(at.address, at.port)).body['listenerId']).toBe(id);

    await rig.sdk.alb.stopListener(new $Alb.StopListenerRequest({ listenerId: id }));
    await until(() => rig.dataPlane.servedAt(id)?.kind === 'not-served');
    expect(rig.dataPlane.servedAt(id)).toEqual({ kind: 'not-served', reason: 'stopped' });
    expect(await connectError(at.address, at.port)).toBe('ECONNREFUSED');

    await rig.sdk.alb.startListener(new $Alb.StartListenerRequest({ listenerId: id }));
    await until(() => rig.dataPlane.servedAt(id)?.kind === 'served');
    const again = served(rig, id);
    expect((await httpGet(again.address, again.port)).body['listenerId']).toBe(id);

    await rig.sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: id }));
    await until(() => rig.dataPlane.servedAt(id) === undefined);
    expect(await connectError(again.address, again.port)).toBe('ECONNREFUSED');
  });
});

describe('idle connections', () => {
  test('a connection that never sends a request is closed once idle past IdleTimeout', async () => {
    rig = await startRig();
    const listener = listenerOf(rig, 'prod-web', 'HTTP', 80);
    await rig.sdk.alb.updateListenerAttribute(
      new $Alb.UpdateListenerAttributeRequest({ listenerId: listener.listenerId, idleTimeout: 1 }),
    );
    await until(() =>
      rig.emulator
        .snapshot()
        .listeners.some((l) => l.listenerId === listener.listenerId && l.idleTimeout === 1),
    );
    await rig.dataPlane.settled();
    const at = served(rig, listener.listenerId);
    const socket = net.connect(at.port, at.address);
    // Closed by the listener (node's own default would wait for a minute).
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(socket.bytesRead).toBe(0);
  }, 15_000);
});

describe('a limit on sockets', () => {
  test('past maxServed a listener is not served, and says why', async () => {
    const emulator = await startEmulator({ seed: 18_019, provisioningDelayMs: 20 });
    try {
      const plane = serveTraffic(emulator, { handler: echoHandler, maxServed: 2 });
      await plane.settled();
      const statuses = emulator.snapshot().listeners.map((l) => plane.servedAt(l.listenerId));
      expect(statuses.filter((s) => s?.kind === 'served')).toHaveLength(2);
      expect(statuses).toContainEqual({ kind: 'not-served', reason: 'over-limit', detail: '2' });
    } finally {
      await emulator.close();
    }
    rig = await startRig(); // for afterEach
  });
});

describe('instance addresses', () => {
  test('on Linux each instance has its own stable 127.x.y.z; elsewhere all share 127.0.0.1', () => {
    const a = instanceAddress('alb-aaaaaaaaaaaaaaaaaa', 'linux');
    expect(a).toBe(instanceAddress('alb-aaaaaaaaaaaaaaaaaa', 'linux'));
    expect(a).toMatch(/^127\.(\d+)\.\d+\.\d+$/);
    expect(a.startsWith('127.0.')).toBe(false);
    expect(instanceAddress('alb-bbbbbbbbbbbbbbbbbb', 'linux')).not.toBe(a);
    expect(instanceAddress('alb-aaaaaaaaaaaaaaaaaa', 'darwin')).toBe('127.0.0.1');
  });
});

describe('the request pipeline', () => {
  test('a handler factory is given the live state, and the listener that took the request', async () => {
    const emulator = await startEmulator({ seed: 18_020, provisioningDelayMs: 20 });
    try {
      const plane = serveTraffic(emulator, {
        handler: (state) => ({
          handle(_req, res, context) {
            const live = state.listeners.find((l) => l.listenerId === context.listener.listenerId);
            res.end(JSON.stringify({ listenerId: live?.listenerId, same: live === context.listener }));
          },
        }),
      });
      await plane.settled();
      const listener = emulator
        .snapshot()
        .listeners.find((l) => l.listenerProtocol === 'HTTP' && l.listenerStatus === 'Running')!;
      const at = plane.servedAt(listener.listenerId);
      if (at?.kind !== 'served') throw new Error('not served');
      expect((await httpGet(at.address, at.port)).body).toEqual({
        listenerId: listener.listenerId,
        same: true,
      });
    } finally {
      await emulator.close();
    }
    rig = await startRig(); // for afterEach
  });
});

describe('every region', () => {
  beforeEach(async () => {
    rig = await startRig();
  });

  test("each region's listeners are served on their instances' addresses, no two in one place", async () => {
    const hangzhou = rig.emulator.snapshot('cn-hangzhou');
    const shanghai = rig.emulator.snapshot('cn-shanghai');
    const running = shanghai.listeners.filter(
      (l) => l.listenerStatus === 'Running' && l.listenerProtocol === 'HTTP',
    );
    expect(running.length).toBeGreaterThan(0);
    for (const listener of running) {
      const at = served(rig, listener.listenerId);
      expect(at.address).toBe(instanceAddress(listener.loadBalancerId));
      expect((await httpGet(at.address, at.port)).body['listenerId']).toBe(listener.listenerId);
    }
    const places = [...hangzhou.listeners, ...shanghai.listeners]
      .map((l) => rig.dataPlane.servedAt(l.listenerId))
      .flatMap((at) => (at?.kind === 'served' ? [`${at.address}:${at.port}`] : []));
    expect(places.length).toBeGreaterThan(running.length);
    expect(new Set(places).size).toBe(places.length);
  });

  test("a region's demo servers have demo backend ports of their own", () => {
    const ports = (regionId: string) =>
      rig.emulator
        .snapshot(regionId)
        .servers.filter(isDemoServer)
        .map((s) => s.port);
    const first = ports('cn-hangzhou');
    const second = ports('cn-shanghai');
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((port) => first.includes(port))).toEqual([]);
  });
});

describe('redirects on loopback', () => {
  test('a redirect to a listener of the same instance goes where that listener is served', async () => {
    const emulator = await startEmulator({ seed: 18_021, provisioningDelayMs: 20 });
    const state = emulator.snapshot();
    const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!;
    const address = instanceAddress(lb.loadBalancerId);
    const on = (protocol: string, port: number) =>
      state.listeners.find(
        (l) =>
          l.loadBalancerId === lb.loadBalancerId &&
          l.listenerProtocol === protocol &&
          l.listenerPort === port,
      )!;
    // HTTPS 443 cannot be bound: it moves to 443 + the offset. The demo's rule on HTTP 80 redirects
    // every path to HTTPS 443.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(443, address, resolve));
    try {
      const plane = serveTraffic(emulator, {
        handler: (live, region) =>
          servingHandler(live, {
            useHealthSource: (source) => region.useHealthSource(source),
            revision: () => region.revision(),
          }),
        portOffset: 24_000,
      });
      await plane.settled();
      const https = plane.servedAt(on('HTTPS', 443).listenerId);
      expect(https).toMatchObject({ kind: 'served', port: 24_443 });
      const http = plane.servedAt(on('HTTP', 80).listenerId);
      if (http?.kind !== 'served') throw new Error('HTTP 80 not served');
      const location = await new Promise<string | undefined>((resolve, reject) => {
        const req = nodeHttp.get(
          { host: address, port: http.port, path: '/shop/cart?id=7', agent: false },
          (res) => {
            res.resume();
            resolve(res.headers.location);
          },
        );
        req.on('error', reject);
      });
      expect(location).toBe(`https://${address}:24443/shop/cart?id=7`);
    } finally {
      blocker.close();
      await emulator.close();
    }
    rig = await startRig(); // for afterEach
  });
});
