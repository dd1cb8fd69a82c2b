// Authentication of the local ALB: V1 RPC requests from @alicloud/pop-core (as the aliyun CLI signs
// them) and V3 requests from the official SDK, accepted when right and refused with the gateway's codes.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { NonceCache, TIMESTAMP_WINDOW_MS } from '../../source/emulator/signature.js';
import { $Alb, $Cas, albClient, clients, expectErrorBody, failure, sdkConfig } from './helpers.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3 });
});
afterAll(() => emulator.close());

function pop(
  overrides: Partial<{
    accessKeyId: string;
    accessKeySecret: string;
    endpoint: string;
    apiVersion: string;
  }> = {},
): RPCClient {
  return new RPCClient({
    accessKeyId: overrides.accessKeyId ?? emulator.accessKeyId,
    accessKeySecret: overrides.accessKeySecret ?? emulator.accessKeySecret,
    endpoint: overrides.endpoint ?? emulator.endpoint,
    apiVersion: overrides.apiVersion ?? '2020-06-16',
  });
}

/** pop-core throws an Error carrying the JSON body as `data`. */
async function popFailure(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: Record<string, unknown> }).data;
    if (!data) throw error;
    return data;
  }
  throw new Error('expected the call to fail');
}

/** A pass-through proxy in front of the emulator that can rewrite requests on the way. */
async function tamperingProxy(
  rewrite: (path: string, headers: Record<string, string | string[] | undefined>) => string,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const headers = { ...req.headers };
    const path = rewrite(req.url ?? '/', headers);
    const upstream = httpRequest(
      { host: '127.0.0.1', port: emulator.port, path, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('V1 RPC signatures (@alicloud/pop-core)', () => {
  test('a signed GET and a signed form POST both succeed', async () => {
    const viaGet = await pop().request<{ LoadBalancers: unknown[]; TotalCount: number }>(
      'ListLoadBalancers',
      { MaxResults: 5 },
    );
    expect(viaGet.LoadBalancers).toHaveLength(5);
    const viaPost = await pop().request<{ Listeners: { ListenerProtocol: string }[] }>(
      'ListListeners',
      { ListenerProtocol: 'QUIC' },
      { method: 'POST' },
    );
    expect(viaPost.Listeners.length).toBeGreaterThan(0);
    expect(viaPost.Listeners.every((l) => l.ListenerProtocol === 'QUIC')).toBe(true);
  });

  test('CAS is reached by its API version', async () => {
    const answer = await pop({ apiVersion: '2020-04-07' }).request<{ CertificateOrderList: unknown[] }>(
      'ListUserCertificateOrder',
      { OrderType: 'CERT' },
    );
    expect(answer.CertificateOrderList.length).toBeGreaterThan(0);
  });

  test('flattened parameters work as the aliyun CLI sends them (CreateListener)', async () => {
    const state = emulator.snapshot();
    const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!;
    const group = state.serverGroups.find((g) => g.serverGroupName === 'web-frontend-http')!;
    const answer = await pop().request<{ ListenerId: string }>(
      'CreateListener',
      {
        LoadBalancerId: lb.loadBalancerId,
        ListenerProtocol: 'HTTP',
        ListenerPort: 7070,
        ListenerDescription: '命令行_7070',
        'DefaultActions.1.Type': 'ForwardGroup',
        'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': group.serverGroupId,
      },
      { method: 'POST' },
    );
    expect(answer.ListenerId).toMatch(/^lsn-/);
    const created = emulator.snapshot().listeners.find((l) => l.listenerId === answer.ListenerId);
    expect(created?.listenerDescription).toBe('命令行_7070');
  });

  test('a wrong secret is SignatureDoesNotMatch', async () => {
    const data = await popFailure(
      pop({ accessKeySecret: 'not-the-secret' }).request('ListLoadBalancers', {}),
    );
    expectErrorBody(data, 'SignatureDoesNotMatch');
  });

  test('a tampered query is SignatureDoesNotMatch', async () => {
    const proxy = await tamperingProxy((path) => path.replace('MaxResults=5', 'MaxResults=6'));
    try {
      const data = await popFailure(
        pop({ endpoint: `http://127.0.0.1:${proxy.port}` }).request('ListLoadBalancers', { MaxResults: 5 }),
      );
      expectErrorBody(data, 'SignatureDoesNotMatch');
    } finally {
      await proxy.close();
    }
  });

  test('a timestamp more than 15 minutes off is InvalidTimeStamp.Expired', async () => {
    const stale = new Date(Date.now() - TIMESTAMP_WINDOW_MS - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const data = await popFailure(pop().request('ListLoadBalancers', { Timestamp: stale }));
    expectErrorBody(data, 'InvalidTimeStamp.Expired');
    const future = new Date(Date.now() + TIMESTAMP_WINDOW_MS + 60_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    expectErrorBody(
      await popFailure(pop().request('ListLoadBalancers', { Timestamp: future })),
      'InvalidTimeStamp.Expired',
    );
  });

  test('a reused nonce is SignatureNonceUsed', async () => {
    const nonce = `nonce-${Date.now()}`;
    await pop().request('ListLoadBalancers', { SignatureNonce: nonce });
    const data = await popFailure(pop().request('ListLoadBalancers', { SignatureNonce: nonce }));
    expectErrorBody(data, 'SignatureNonceUsed');
  });

  test('an unknown AccessKey ID is InvalidAccessKeyId.NotFound (HTTP 404)', async () => {
    const data = await popFailure(
      pop({ accessKeyId: 'LTAIunknownunknownunkno' }).request('ListLoadBalancers', {}),
    );
    expectErrorBody(data, 'InvalidAccessKeyId.NotFound');
    const sdkError = await failure(
      albClient(sdkConfig(emulator, { accessKeyId: 'LTAIunknownunknownunkno' })).listLoadBalancers(
        new $Alb.ListLoadBalancersRequest({}),
      ),
    );
    expect(sdkError.statusCode).toBe(404);
    expect(sdkError.code).toBe('InvalidAccessKeyId.NotFound');
  });

  test('an unknown action is InvalidAction.NotFound (HTTP 404)', async () => {
    const data = await popFailure(pop().request('DescribeEverything', {}));
    expectErrorBody(data, 'InvalidAction.NotFound');
    const wrongProduct = await popFailure(pop({ apiVersion: '2020-04-07' }).request('ListListeners', {}));
    expect(wrongProduct['Code']).toBe('InvalidAction.NotFound');
  });
});

describe('V3 signatures (@alicloud/alb20200616)', () => {
  test("values that need encoding (Chinese, spaces, !*'()) sign and verify", async () => {
    const { alb } = clients(emulator);
    const { body } = await alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ loadBalancerNames: ['支付网关-prod', "a b*c!'()~"] }),
    );
    expect(body?.loadBalancers?.map((l) => l.loadBalancerName)).toEqual(['支付网关-prod']);
  });

  test('a tampered query is SignatureDoesNotMatch', async () => {
    const proxy = await tamperingProxy((path) => path.replace('MaxResults=5', 'MaxResults=6'));
    try {
      const client = albClient(sdkConfig({ ...emulator, port: proxy.port }));
      const error = await failure(
        client.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ maxResults: 5 })),
      );
      expect(error.statusCode).toBe(400);
      expectErrorBody(error.data, 'SignatureDoesNotMatch');
    } finally {
      await proxy.close();
    }
  });

  test('a changed action header is SignatureDoesNotMatch; an unsigned x-acs header is IncompleteSignature', async () => {
    const swapAction = await tamperingProxy((path, headers) => {
      headers['x-acs-action'] = 'ListListeners';
      return path;
    });
    const addHeader = await tamperingProxy((path, headers) => {
      headers['x-acs-extra'] = 'smuggled';
      return path;
    });
    try {
      const swapped = await failure(
        albClient(sdkConfig({ ...emulator, port: swapAction.port })).listLoadBalancers(
          new $Alb.ListLoadBalancersRequest({}),
        ),
      );
      expectErrorBody(swapped.data, 'SignatureDoesNotMatch');
      const added = await failure(
        albClient(sdkConfig({ ...emulator, port: addHeader.port })).listLoadBalancers(
          new $Alb.ListLoadBalancersRequest({}),
        ),
      );
      expectErrorBody(added.data, 'IncompleteSignature');
    } finally {
      await swapAction.close();
      await addHeader.close();
    }
  });

  test('a replayed request is SignatureNonceUsed', async () => {
    let captured: { path: string; headers: Record<string, string | string[] | undefined> } | undefined;
    const proxy = await tamperingProxy((path, headers) => {
      captured = { path, headers: { ...headers } };
      return path;
    });
    try {
      await albClient(sdkConfig({ ...emulator, port: proxy.port })).listLoadBalancers(
        new $Alb.ListLoadBalancersRequest({}),
      );
      const replay = await new Promise<{ status: number; body: Record<string, unknown> }>(
        (resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port: emulator.port,
              path: captured!.path,
              method: 'POST',
              headers: captured!.headers,
            },
            (res) => {
              let text = '';
              res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
              );
            },
          );
          req.on('error', reject);
          req.end();
        },
      );
      expect(replay.status).toBe(400);
      expectErrorBody(replay.body, 'SignatureNonceUsed');
    } finally {
      await proxy.close();
    }
  });

  test('a clock more than 15 minutes off is InvalidTimeStamp.Expired', async () => {
    const skewed = await startEmulator({ now: () => Date.now() + TIMESTAMP_WINDOW_MS + 120_000 });
    try {
      const error = await failure(
        clients(skewed).alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({})),
      );
      expectErrorBody(error.data, 'InvalidTimeStamp.Expired');
    } finally {
      await skewed.close();
    }
  });

  test('an unknown action is InvalidAction.NotFound', async () => {
    const { alb } = clients(emulator);
    const params = new (await import('@alicloud/openapi-core')).$OpenApiUtil.Params({
      action: 'DescribeEverything',
      version: '2020-06-16',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const { $OpenApiUtil } = await import('@alicloud/openapi-core');
    const { RuntimeOptions } = await import('@darabonba/typescript');
    const error = await failure(
      alb.callApi(params, new $OpenApiUtil.OpenApiRequest({ query: {} }), new RuntimeOptions({})),
    );
    expect(error.statusCode).toBe(404);
    expectErrorBody(error.data, 'InvalidAction.NotFound');
  });

  test('CAS answers through its own client', async () => {
    const { cas } = clients(emulator);
    const { body } = await cas.listUserCertificateOrder(
      new $Cas.ListUserCertificateOrderRequest({ orderType: 'CERT', showSize: 1 }),
    );
    expect(body?.certificateOrderList).toHaveLength(1);
  });
});

describe('plain HTTP', () => {
  async function raw(
    method: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
    const response = await fetch(`${emulator.endpoint}${path}`, { method, headers });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  test('every answer is JSON: unknown route, unsigned request, unsupported method', async () => {
    const route = await raw('GET', '/nowhere');
    expect(route.status).toBe(404);
    expect(route.contentType).toContain('application/json');
    expectErrorBody(route.body, 'InvalidAction.NotFound');

    const unsigned = await raw('POST', '/?Action=ListLoadBalancers&Version=2020-06-16');
    expect(unsigned.status).toBe(400);
    expectErrorBody(unsigned.body, 'IncompleteSignature');

    const put = await raw('PUT', '/');
    expect(put.status).toBe(405);
    expect(put.body['Code']).toBe('UnsupportedHTTPMethod');
  });

  test('the server listens on 127.0.0.1 only', async () => {
    expect(emulator.host).toBe('127.0.0.1');
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
    const reach = (host: string): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = connect({ host, port: emulator.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await reach('127.0.0.1')).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of others) expect(await reach(address)).toBe(false);
  });
});

describe('NonceCache', () => {
  test('refuses a repeat until the nonce could no longer pass the timestamp check', () => {
    const cache = new NonceCache();
    const t0 = 1_000_000_000_000;
    expect(cache.claim('ak:n1', t0, t0)).toBe(true);
    expect(cache.claim('ak:n1', t0 + 1000, t0)).toBe(false);
    expect(cache.claim('ak:n1', t0 + TIMESTAMP_WINDOW_MS, t0)).toBe(false);
    expect(cache.claim('ak:n1', t0 + TIMESTAMP_WINDOW_MS + 61_000, t0)).toBe(true);
  });

  test('forgets expired nonces and never grows past its bound', () => {
    const cache = new NonceCache(100);
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 50; i++) cache.claim(`old-${i}`, t0, t0);
    expect(cache.size).toBe(50);
    cache.claim('fresh', t0 + 2 * TIMESTAMP_WINDOW_MS, t0 + 2 * TIMESTAMP_WINDOW_MS);
    expect(cache.size).toBe(1);
    for (let i = 0; i < 500; i++)
      cache.claim(`n-${i}`, t0 + 2 * TIMESTAMP_WINDOW_MS, t0 + 2 * TIMESTAMP_WINDOW_MS);
    expect(cache.size).toBe(100);
  });
});
