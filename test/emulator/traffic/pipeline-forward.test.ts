// Forwarding through the local ALB's pipeline with a real client and real backends: weights, sticky
// sessions, schedulers, the error answers, forwarding headers, gzip, idle connections, live changes.
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { GZIP_CONTENT_TYPES } from '../../../source/emulator/traffic/gzip.js';
import { INSERT_COOKIE } from '../../../source/emulator/traffic/backend-choice.js';
import { eventually, rule, send, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function count(names: (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name ?? 'none'] = (counts[name ?? 'none'] ?? 0) + 1;
  return counts;
}

async function serversOf(
  port: number,
  n: number,
  path = '/',
  headers: Record<string, string> = {},
): Promise<(string | undefined)[]> {
  const names: (string | undefined)[] = [];
  for (let i = 0; i < n; i++) names.push((await send(port, path, { headers })).echo?.server.name);
  return names;
}

describe('forwarding', () => {
  it('splits 1,000 requests across server groups by the ForwardGroup weights', async () => {
    h = await startHarness({
      groups: [
        { id: 'sgp-a', servers: 1 },
        { id: 'sgp-b', servers: 1 },
      ],
      rules: [
        rule('rule-split', 1, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/*'] } }],
          ruleActions: [
            {
              type: 'ForwardGroup',
              order: 1,
              forwardGroupConfig: {
                serverGroupTuples: [
                  { serverGroupId: 'sgp-a', weight: 20 },
                  { serverGroupId: 'sgp-b', weight: 80 },
                ],
              },
            },
          ],
        }),
      ],
    });
    const counts = count(await serversOf(h.port, 1000));
    expect(counts['sgp-a-1']).toBeGreaterThanOrEqual(180);
    expect(counts['sgp-a-1']).toBeLessThanOrEqual(220);
    expect(counts['sgp-b-1']).toBe(1000 - counts['sgp-a-1']!);
  });

  it('spreads 1,000 requests across a group by server weight (Wrr), none to a weight-0 server', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-w', servers: 3, weights: [50, 100, 0] }] });
    const counts = count(await serversOf(h.port, 1000));
    expect(counts['sgp-w-1']! / 1000).toBeCloseTo(1 / 3, 1);
    expect(counts['sgp-w-2']! / 1000).toBeCloseTo(2 / 3, 1);
    expect(counts['sgp-w-3']).toBeUndefined();
  });

  it('Insert sticky session: ALB sets its cookie and a client that sends it back stays on one server', async () => {
    h = await startHarness({
      groups: [{ id: 'sgp-s', servers: 3, stickySession: { type: 'Insert', cookieTimeout: 600 } }],
    });
    const first = await send(h.port, '/');
    const setCookie = first.headers['set-cookie']?.find((c) => c.startsWith(`${INSERT_COOKIE}=`));
    expect(setCookie).toMatch(/Max-Age=600/);
    const cookie = setCookie!.split(';')[0]!;
    const kept = await serversOf(h.port, 20, '/', { cookie });
    expect(new Set(kept)).toEqual(new Set([first.echo!.server.name]));
    // Without the cookie the scheduler spreads the requests again.
    expect(new Set(await serversOf(h.port, 6)).size).toBe(3);
  });

  it('Server sticky session: follows the cookie the application sets', async () => {
    h = await startHarness({
      groups: [{ id: 'sgp-app', servers: 3, stickySession: { type: 'Server', cookie: 'APPSESSION' } }],
    });
    const login = await send(h.port, '/login?echo.cookie=APPSESSION=u42');
    const owner = login.echo!.server.name;
    const kept = await serversOf(h.port, 20, '/cart', { cookie: 'other=1; APPSESSION=u42' });
    expect(new Set(kept)).toEqual(new Set([owner]));
    expect(new Set(await serversOf(h.port, 6, '/cart', { cookie: 'APPSESSION=unknown' })).size).toBe(3);
  });

  it('Sch hashes the source IP: each client keeps its server, and the clients spread', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-h', servers: 3, scheduler: 'Sch' }] });
    const seen = new Set<string>();
    for (let client = 2; client < 22; client++) {
      const names = new Set<string | undefined>();
      for (let i = 0; i < 4; i++)
        names.add((await send(h.port, '/', { localAddress: `127.0.0.${client}` })).echo?.server.name);
      expect(names.size).toBe(1);
      seen.add([...names][0]!);
    }
    expect(seen.size).toBe(3);
  });

  it('Wlc sends to the server with fewer requests in flight', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-l', servers: 2, scheduler: 'Wlc' }] });
    const slow = send(h.port, '/slow?echo.delay=1500', { agent: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const names = await serversOf(h.port, 6);
    const slowServer = (await slow).echo!.server.name;
    expect(names.every((name) => name !== slowServer)).toBe(true);
  });

  it('mirrors a bodiless request to the mirror group and still answers from the forward group', async () => {
    h = await startHarness({
      groups: [{ id: 'sgp-main', servers: 1 }],
      rules: [
        rule('rule-mirror', 1, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/m/*'] } }],
          ruleActions: [
            {
              type: 'TrafficMirror',
              order: 1,
              trafficMirrorConfig: {
                targetType: 'ForwardGroupMirror',
                mirrorGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-mirror' }] },
              },
            },
            {
              type: 'ForwardGroup',
              order: 2,
              forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-main' }] },
            },
          ],
        }),
      ],
    });
    const seen: string[] = [];
    const recorder = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${String(req.headers['x-forwarded-for'])}`);
      res.end('ignored');
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    try {
      h.state.serverGroups.push({ ...h.state.serverGroups[0]!, serverGroupId: 'sgp-mirror' });
      h.state.servers.push({
        serverGroupId: 'sgp-mirror',
        serverId: 'recorder',
        serverIp: '127.0.0.1',
        serverType: 'Ip',
        port: (recorder.address() as AddressInfo).port,
        weight: 100,
        status: 'Available',
      });
      const answer = await send(h.port, '/m/page?x=1');
      expect(answer.echo?.server.name).toBe('sgp-main-1');
      await eventually(() => seen.length === 1);
      expect(seen).toEqual(['GET /m/page?x=1 127.0.0.1']);
      expect((await send(h.port, '/m/form', { method: 'POST', body: 'a=1' })).status).toBe(200);
      expect((await send(h.port, '/other')).status).toBe(200);
      expect(seen).toHaveLength(1);
    } finally {
      recorder.close();
    }
  });

  it('answers 503 when no server of the group is healthy, and 502 when the server refuses', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-x', servers: 1 }] });
    h.state.servers[0]!.weight = 0;
    expect((await send(h.port, '/')).status).toBe(503);
    h.state.servers[0]!.weight = 100;
    await h.backends.get('sgp-x')![0]!.close();
    expect((await send(h.port, '/')).status).toBe(502);
  });

  it("passes the backend's response headers on as sent, minus hop-by-hop ones, Vary merged with gzip", async () => {
    const backend = createServer((_req, res) => {
      res.writeHead(
        200,
        [
          ['Content-Type', 'text/plain'],
          ['Vary', 'Origin'],
          ['Vary', 'Cookie'],
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
          ['X-Backend-Trace', 'abc'],
          ['Keep-Alive', 'timeout=77'],
          ['Content-Length', '2000'],
        ].flat(),
      );
      res.end('x'.repeat(2000));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    try {
      h = await startHarness({ groups: [{ id: 'sgp-raw', servers: 1 }], listener: { gzipEnabled: true } });
      h.state.servers[0]!.port = (backend.address() as AddressInfo).port;
      const zipped = await send(h.port, '/', { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers['content-length']).toBeUndefined();
      expect(zipped.headers['vary']).toBe('Origin, Cookie, Accept-Encoding');
      expect(zipped.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(zipped.headers['x-backend-trace']).toBe('abc');
      expect(zipped.headers['keep-alive']).not.toBe('timeout=77');
      expect(gunzipSync(zipped.body).toString('utf8')).toBe('x'.repeat(2000));
      const plain = await send(h.port, '/');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-length']).toBe('2000');
      expect(plain.headers['vary']).toBe('Origin, Cookie');
    } finally {
      backend.close();
    }
  });

  it('answers 504 when the backend does not answer within the listener RequestTimeout', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-slow', servers: 1 }], listener: { requestTimeout: 1 } });
    const started = Date.now();
    const answer = await send(h.port, '/?echo.delay=4000');
    expect(answer.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    // The next request is served normally.
    expect((await send(h.port, '/')).status).toBe(200);
  });

  it('sends only the X-Forwarded headers that are switched on', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-f', servers: 1 }] });
    const plain = (
      await send(h.port, '/', { headers: { host: 'shop.test', 'x-forwarded-for': '203.0.113.9' } })
    ).echo!.request.headers;
    expect(plain['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    for (const name of [
      'x-forwarded-proto',
      'x-forwarded-port',
      'x-forwarded-client-port',
      'x-forwarded-host',
      'slb-id',
    ])
      expect(plain[name]).toBeUndefined();

    Object.assign(h.listener.XForwardedForConfig, {
      XForwardedForProtoEnabled: true,
      XForwardedForSLBPortEnabled: true,
      XForwardedForClientSrcPortEnabled: true,
      XForwardedForHostEnabled: true,
      XForwardedForSLBIdEnabled: true,
      XForwardedForClientCertSubjectDNEnabled: true,
      XForwardedForClientCertSubjectDNAlias: 'x-client-dn',
    });
    const on = (await send(h.port, '/', { headers: { host: 'shop.test', 'x-client-dn': 'CN=forged' } })).echo!
      .request.headers;
    expect(on['x-forwarded-proto']).toBe('http');
    expect(on['x-forwarded-port']).toBe('80');
    expect(Number(on['x-forwarded-client-port'])).toBeGreaterThan(0);
    expect(on['x-forwarded-host']).toBe('shop.test');
    expect(on['slb-id']).toBe(h.listener.loadBalancerId);
    // No client certificate on plain HTTP: a client cannot claim one through the header.
    expect(on['x-client-dn']).toBeUndefined();

    h.listener.XForwardedForConfig.XForwardedForEnabled = false;
    expect((await send(h.port, '/')).echo!.request.headers['x-forwarded-for']).toBeUndefined();
  });

  it('takes the client address from X-Forwarded-For behind a trusted proxy only when that is on', async () => {
    h = await startHarness({
      groups: [{ id: 'sgp-ip', servers: 1 }],
      rules: [
        rule('rule-office', 1, {
          ruleConditions: [{ type: 'SourceIp', sourceIpConfig: { values: ['198.51.100.0/24'] } }],
          ruleActions: [
            { type: 'FixedResponse', order: 1, fixedResponseConfig: { httpCode: '200', content: 'office' } },
          ],
        }),
      ],
    });
    const fromOffice = { 'x-forwarded-for': '203.0.113.1, 198.51.100.7' };
    expect((await send(h.port, '/', { headers: fromOffice })).text).not.toBe('office');
    Object.assign(h.listener.XForwardedForConfig, {
      XForwardedForClientSourceIpsEnabled: true,
      XForwardedForClientSourceIpsTrusted: '10.0.0.0/8 127.0.0.1',
    });
    expect((await send(h.port, '/', { headers: fromOffice })).text).toBe('office');
    // A peer that is not a trusted proxy is the client, whatever it claims.
    h.listener.XForwardedForConfig.XForwardedForClientSourceIpsTrusted = '10.0.0.0/8';
    expect((await send(h.port, '/', { headers: fromOffice })).text).not.toBe('office');
  });

  it('gzips exactly the listed content types, only for a client that accepts gzip, only when on', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-z', servers: 1 }], listener: { gzipEnabled: true } });
    const gzip = { 'accept-encoding': 'gzip, deflate' };
    for (const type of GZIP_CONTENT_TYPES) {
      const answer = await send(
        h.port,
        `/?echo.size=2000&echo.type=${encodeURIComponent(`${type}; charset=utf-8`)}`,
        { headers: gzip },
      );
      expect(answer.headers['content-encoding'], type).toBe('gzip');
      expect(JSON.parse(gunzipSync(answer.body).toString('utf8')).request.path).toBe('/');
    }
    for (const type of ['application/json', 'text/html', 'image/svg+xml', 'text/javascript']) {
      const answer = await send(h.port, `/?echo.size=2000&echo.type=${encodeURIComponent(type)}`, {
        headers: gzip,
      });
      expect(answer.headers['content-encoding'], type).toBeUndefined();
    }
    expect(
      (await send(h.port, '/?echo.size=2000&echo.type=text/css')).headers['content-encoding'],
    ).toBeUndefined();
    expect(
      (await send(h.port, '/?echo.type=text/css', { headers: { 'accept-encoding': 'gzip;q=0' } })).headers[
        'content-encoding'
      ],
    ).toBeUndefined();
    h.listener.gzipEnabled = false;
    expect(
      (await send(h.port, '/?echo.type=text/css', { headers: gzip })).headers['content-encoding'],
    ).toBeUndefined();
  });

  it('closes a client connection idle past the listener IdleTimeout', async () => {
    h = await startHarness({ groups: [{ id: 'sgp-i', servers: 1 }], listener: { idleTimeout: 1 } });
    // A raw socket: node's own client would close first, honouring the server's keep-alive hint.
    const socket = connect(h.port, '127.0.0.1');
    let answered = 0;
    const closedAfter = new Promise<number>((resolve) => {
      socket.on('data', () => (answered = Date.now()));
      socket.on('close', () => resolve(Date.now() - answered));
    });
    socket.write('GET / HTTP/1.1\r\nHost: idle.test\r\n\r\n');
    const idle = await closedAfter;
    expect(answered).toBeGreaterThan(0);
    expect(idle).toBeGreaterThanOrEqual(900);
    expect(idle).toBeLessThan(5000);
  });

  it('loses no request while the listener settings change under a steady load', async () => {
    h = await startHarness({
      groups: [
        { id: 'sgp-1', servers: 2 },
        { id: 'sgp-2', servers: 2 },
      ],
    });
    const harness = h;
    let changes = 0;
    const editor = setInterval(() => {
      changes++;
      const listener = harness.state.listeners[0]!;
      // Replaced as UpdateListenerAttribute does: a new object with the changed fields.
      harness.state.listeners[0] = {
        ...listener,
        gzipEnabled: !listener.gzipEnabled,
        requestTimeout: 30 + (changes % 30),
        XForwardedForConfig: {
          ...listener.XForwardedForConfig,
          XForwardedForProtoEnabled: changes % 2 === 0,
        },
        defaultActions: [
          {
            type: 'ForwardGroup',
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: changes % 2 ? 'sgp-2' : 'sgp-1' }] },
          },
        ],
      };
      harness.state.rules =
        changes % 3 === 0
          ? [
              rule('rule-live', 1, {
                ruleConditions: [{ type: 'Path', pathConfig: { values: ['/x'] } }],
                ruleActions: [
                  { type: 'FixedResponse', order: 1, fixedResponseConfig: { httpCode: '200', content: 'x' } },
                ],
              }),
            ]
          : [];
    }, 10);
    const statuses: number[] = [];
    const worker = async (): Promise<void> => {
      for (let i = 0; i < 100; i++)
        statuses.push((await send(harness.port, '/', { headers: { 'accept-encoding': 'gzip' } })).status);
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    clearInterval(editor);
    expect(changes).toBeGreaterThan(5);
    expect(statuses).toHaveLength(800);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
