// The local ALB with official Alibaba Cloud clients alb-tui itself does not use: the older ALB SDK
// line (1.2.x on @alicloud/openapi-client), RPC `callApi` of @alicloud/openapi-client and
// @alicloud/openapi-core in each signature they offer (V3 HMAC-SHA256, V3 HMAC-SM3, `v2` HMAC-SHA1),
// @alicloud/pop-core by GET and POST, and @alicloud/rpc-client. Each runs the same scenario.
import * as OpenApiClientModule from '@alicloud/openapi-client';
import * as OpenApiCoreModule from '@alicloud/openapi-core';
import PopCore from '@alicloud/pop-core';
import * as RpcClientModule from '@alicloud/rpc-client';
import * as TeaUtilModule from '@alicloud/tea-util';
import * as AlbV12Module from 'alb-sdk-v1-2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { runScenario, type Params, type RpcCaller } from './scenario.js';

// These CommonJS packages export the client as `default`; under vitest's interop it may be one level deeper.
const defaultOf = <T>(module: unknown): T => {
  const first = (module as { default?: unknown }).default ?? module;
  return ((first as { default?: unknown }).default ?? first) as T;
};
type Ctor = new (config: unknown) => Record<string, (...args: unknown[]) => Promise<Record<string, unknown>>>;
const OpenApiClient = defaultOf<Ctor>(OpenApiClientModule);
const OpenApiCore = defaultOf<Ctor>(OpenApiCoreModule);
const RpcClient = defaultOf<Ctor>(RpcClientModule);
const AlbV12 = defaultOf<Ctor>(AlbV12Module);
const { RuntimeOptions } = TeaUtilModule as unknown as { RuntimeOptions: new (init: object) => object };
const openApiClientRequest = (
  OpenApiClientModule as unknown as { OpenApiRequest: new (init: object) => object }
).OpenApiRequest;
const openApiCoreRequest = (
  OpenApiCoreModule as unknown as { $OpenApiUtil: { OpenApiRequest: new (init: object) => object } }
).$OpenApiUtil.OpenApiRequest;

let emulator: RunningEmulator;
// Every client gets its own port for the listener it creates.
let nextPort = 19_000;

beforeAll(async () => {
  // No asynchronous delay: a created listener is Running at the next call, so the scenario can delete it.
  emulator = await startEmulator({ seed: 5, provisioningDelayMs: 0 });
});
afterAll(() => emulator.close());

const keys = () => ({ accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret });

/** The error fields the Tea-based clients (openapi-client, openapi-core, rpc-client) throw. */
const teaError = (error: unknown) => {
  const e = error as { code?: string; message?: string; data?: Record<string, unknown> };
  return { code: String(e.code), message: String(e.data?.['Message'] ?? e.message) };
};

function callApiCaller(
  Client: Ctor,
  Request: new (init: object) => object,
  signatureAlgorithm: string | undefined,
  method: 'POST' | 'GET',
): RpcCaller {
  const client = new Client({
    ...keys(),
    endpoint: `127.0.0.1:${emulator.port}`,
    protocol: 'http',
    regionId: emulator.region,
    ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
  });
  return {
    async call(action: string, params: Params) {
      const answer = await client['callApi']!(
        {
          action,
          version: '2020-06-16',
          protocol: 'HTTP',
          pathname: '/',
          method,
          authType: 'AK',
          style: 'RPC',
          reqBodyType: 'formData',
          bodyType: 'json',
        },
        new Request({ query: params }),
        new RuntimeOptions({ autoretry: false }),
      );
      return (answer as { body: Record<string, unknown> }).body;
    },
    errorOf: teaError,
  };
}

describe.each([
  ['@alicloud/openapi-client', () => OpenApiClient, () => openApiClientRequest],
  ['@alicloud/openapi-core', () => OpenApiCore, () => openApiCoreRequest],
])('%s callApi (RPC)', (_name, client, request) => {
  test.each([
    ['V3 ACS3-HMAC-SHA256 (the default)', undefined, 'POST'],
    ['V3 ACS3-HMAC-SM3', 'ACS3-HMAC-SM3', 'POST'],
    ['v2 (HMAC-SHA1)', 'v2', 'POST'],
    ['v2 (HMAC-SHA1) by GET', 'v2', 'GET'],
  ] as const)('%s', async (_label, algorithm, method) => {
    await runScenario(callApiCaller(client(), request(), algorithm, method), emulator, nextPort++);
  });
});

describe('@alicloud/pop-core', () => {
  test.each(['GET', 'POST'] as const)('%s', async (method) => {
    const client = new PopCore({ ...keys(), endpoint: emulator.endpoint, apiVersion: '2020-06-16' });
    const caller: RpcCaller = {
      call: (action, params) =>
        client.request<Record<string, unknown>>(action, { RegionId: emulator.region, ...params }, { method }),
      errorOf: (error) => {
        const e = error as { code?: string; data?: Record<string, unknown>; message?: string };
        return {
          code: String(e.code ?? e.data?.['Code']),
          message: String(e.data?.['Message'] ?? e.message),
        };
      },
    };
    await runScenario(caller, emulator, nextPort++);
  });
});

describe('@alicloud/rpc-client', () => {
  test('doRequest, HMAC-SHA1 (codes surface with an `Error` suffix)', async () => {
    const client = new RpcClient({
      ...keys(),
      endpoint: `127.0.0.1:${emulator.port}`,
      protocol: 'http',
      regionId: emulator.region,
    });
    const caller: RpcCaller = {
      call: (action, params) =>
        client['doRequest']!(action, 'HTTP', 'POST', '2020-06-16', 'AK', params, {}, new RuntimeOptions({})),
      errorOf: teaError,
      codeOf: (code) => `${code}Error`,
    };
    await runScenario(caller, emulator, nextPort++);
  });
});

describe('@alicloud/alb20200616 1.2.x (on @alicloud/openapi-client)', () => {
  test('typed calls: paging, DryRun, ClientToken replay, an error, delete', async () => {
    const $ = AlbV12Module as unknown as Record<string, new (init: object) => object>;
    const client = new AlbV12({
      ...keys(),
      endpoint: `127.0.0.1:${emulator.port}`,
      protocol: 'http',
      regionId: emulator.region,
    });
    const typed = (name: string) => (request: object) =>
      client[`${name[0]!.toLowerCase()}${name.slice(1)}`]!(request);
    const caller: RpcCaller = {
      async call(action, params) {
        const answer = await typed(action)(requestModel(action, params));
        // The typed reply's map form has the wire's field names.
        return (answer as { body: { toMap(): Record<string, unknown> } }).body.toMap();
      },
      errorOf: teaError,
    };
    function requestModel(action: string, params: Params): object {
      const Request = $[`${action}Request`]!;
      switch (action) {
        case 'CreateListener':
          return new Request({
            loadBalancerId: params['LoadBalancerId'],
            listenerProtocol: params['ListenerProtocol'],
            listenerPort: Number(params['ListenerPort']),
            defaultActions: [
              new $['CreateListenerRequestDefaultActions']!({
                type: params['DefaultActions.1.Type'],
                forwardGroupConfig: new $['CreateListenerRequestDefaultActionsForwardGroupConfig']!({
                  serverGroupTuples: [
                    new $['CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples']!({
                      serverGroupId:
                        params['DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId'],
                    }),
                  ],
                }),
              }),
            ],
            ...(params['DryRun'] ? { dryRun: params['DryRun'] === 'true' } : {}),
            ...(params['ClientToken'] ? { clientToken: params['ClientToken'] } : {}),
          });
        case 'ListListeners':
          return new Request({
            maxResults: Number(params['MaxResults']),
            ...(params['NextToken'] ? { nextToken: params['NextToken'] } : {}),
          });
        default:
          return new Request({ listenerId: params['ListenerId'] });
      }
    }
    await runScenario(caller, emulator, nextPort++);
    expect(typeof client['listLoadBalancers']).toBe('function');
  });
});
