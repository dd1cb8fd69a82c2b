// What every change of the SDK client shares (sdk-change.ts), pinned per change against a scripted
// gateway: the ClientToken (the caller's on the real call, a fresh one on its dry run), the dry run
// the service passes or wrongly takes as real (then a protocol error naming what to check), the
// waits that follow a change (polled on the interval until the deadline, ended by an abort), and the
// typed listings' paging.
import { afterEach, describe, expect, it } from 'vitest';
import {
  collect,
  type DryRunPassed,
  type ListenerChange,
  type UpdateOptions,
} from '../../source/alb/client.js';
import { createSdkAlbClient, type SdkAlbClient } from '../../source/alb/sdk-client.js';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import type { RuleSpec } from '../../source/domain/rule-types.js';
import { apiError, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client on a clock that moves only when it sleeps (between polls, between retries). */
async function setup(handler: Handler): Promise<{ client: SdkAlbClient; server: FakeServer }> {
  server = await startFakeServer(handler);
  let now = 1_000_000;
  const client = createSdkAlbClient({
    region: 'cn-hangzhou',
    endpoint: server.endpoint,
    credentials: { kind: 'static', accessKeyId: 'AKIDtest', accessKeySecret: 'very-secret-value' },
    retry: { maxAttempts: 1 },
    now: () => now,
    retryEnvironment: {
      sleep: (ms, signal) => {
        if (signal?.aborted) return Promise.reject(signal.reason as Error);
        now += ms;
        return Promise.resolve();
      },
    },
  });
  return { client, server };
}

const createRequest: CreateListenerRequest = {
  loadBalancerId: 'alb-1',
  listenerProtocol: 'HTTP',
  listenerPort: 80,
  defaultActions: [
    { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-1' }] } },
  ],
};
const rule: RuleSpec = {
  ruleName: 'api',
  priority: 10,
  direction: 'Request',
  ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
  ruleActions: [
    {
      type: 'ForwardGroup',
      order: 1,
      forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-1' }] },
    },
  ],
};
const server80 = { serverId: 'ecs-1', serverType: 'Ecs' as const, port: 80 };

/** Each change of the port: its action, how to call it, and what a dry run taken as real says to check. */
const CHANGES: {
  action: string;
  send: (client: SdkAlbClient, options: UpdateOptions) => Promise<object>;
  check: { en: string; zh: string };
}[] = [
  {
    action: 'CreateListener',
    send: (client, options) =>
      client.createListener({ ...createRequest, clientToken: options.clientToken }, options),
    check: { en: 'check the listeners of alb-1', zh: '请检查 alb-1 的监听' },
  },
  {
    action: 'UpdateListenerAttribute',
    send: (client, options) =>
      client.updateListener({ listenerId: 'lsn-1', listenerDescription: 'x' }, options),
    check: { en: 'check listener lsn-1', zh: '请检查监听 lsn-1' },
  },
  {
    action: 'AssociateAdditionalCertificatesWithListener',
    send: (client, options) => client.associateCertificates('lsn-1', ['cert-1'], options),
    check: { en: 'check listener lsn-1', zh: '请检查监听 lsn-1' },
  },
  {
    action: 'DissociateAdditionalCertificatesFromListener',
    send: (client, options) => client.dissociateCertificates('lsn-1', ['cert-1'], options),
    check: { en: 'check listener lsn-1', zh: '请检查监听 lsn-1' },
  },
  {
    action: 'CreateRules',
    send: (client, options) => client.createRules('lsn-1', [rule], options),
    check: { en: 'check the rules', zh: '请检查转发规则' },
  },
  {
    action: 'UpdateRulesAttribute',
    send: (client, options) => client.updateRules([{ ruleId: 'rule-1', ruleName: 'api-2' }], options),
    check: { en: 'check the rules', zh: '请检查转发规则' },
  },
  {
    action: 'DeleteRules',
    send: (client, options) => client.deleteRules(['rule-1'], options),
    check: { en: 'check the rules', zh: '请检查转发规则' },
  },
  {
    action: 'AddServersToServerGroup',
    send: (client, options) => client.addServers('sgp-1', [server80], options),
    check: { en: 'check server group sgp-1', zh: '请检查服务器组 sgp-1' },
  },
  {
    action: 'RemoveServersFromServerGroup',
    send: (client, options) => client.removeServers('sgp-1', [server80], options),
    check: { en: 'check server group sgp-1', zh: '请检查服务器组 sgp-1' },
  },
  {
    action: 'UpdateServerGroupServersAttribute',
    send: (client, options) => client.updateServers('sgp-1', [{ ...server80, weight: 50 }], options),
    check: { en: 'check server group sgp-1', zh: '请检查服务器组 sgp-1' },
  },
];

/** A reply as the service gives a change it took. */
const taken = () => ({
  body: {
    RequestId: 'req-1',
    JobId: 'job-1',
    ListenerId: 'lsn-9',
    RuleIds: [{ RuleId: 'rule-9', Priority: 10 }],
  },
});

describe.each(CHANGES)('$action', ({ action, send, check }) => {
  it('carries the caller’s ClientToken and answers the job and that token', async () => {
    const { client, server } = await setup(taken);
    const result = (await send(client, { clientToken: 'token-7' })) as ListenerChange;
    expect(server.requests.map((r) => r.action)).toEqual([action]);
    expect(server.requests[0]!.query['ClientToken']).toBe('token-7');
    expect(server.requests[0]!.query['DryRun']).not.toBe('true');
    const { jobId, clientToken, ...rest } = result;
    expect({ jobId, clientToken }).toEqual({ jobId: 'job-1', clientToken: 'token-7' });
    // Only what the call is for besides: the new listener's or rules' IDs.
    expect(Object.keys(rest)).toEqual(
      action === 'CreateListener' ? ['listenerId'] : action === 'CreateRules' ? ['ruleIds'] : [],
    );
  });

  it('makes a token when the caller gives none (or an empty one)', async () => {
    const { client, server } = await setup(taken);
    const result = (await send(client, { clientToken: '' })) as ListenerChange;
    const sent = server.requests[0]!.query['ClientToken'];
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.clientToken).toBe(sent);
  });

  it('passes a dry run the service passes, under a token of its own', async () => {
    const { client, server } = await setup(() =>
      apiError(400, 'DryRunOperation', 'Request validation has been passed.'),
    );
    const result = (await send(client, { clientToken: 'token-7', dryRun: true })) as DryRunPassed;
    expect(result).toEqual({ dryRun: 'passed' });
    expect(server.requests[0]!.query['DryRun']).toBe('true');
    expect(server.requests[0]!.query['ClientToken']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a dry run the service takes as real, naming what to check', async () => {
    const { client, server } = await setup(taken);
    const error = await send(client, { clientToken: 'token-7', dryRun: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'protocol', action, requestId: 'req-1' });
    const message = (error as { message: { en: string; 'zh-CN': string } }).message;
    expect(message.en).toBe(
      `${server.endpoint} answered a dry run of ${action} as if it were real; ${check.en}`,
    );
    expect(message['zh-CN']).toBe(`${server.endpoint} 把 ${action} 的预检当作真实请求处理；${check.zh}`);
  });

  it('passes a failure of the real call on as it is', async () => {
    const { client } = await setup(() => apiError(400, 'IncorrectStatus.Listener', 'The listener is busy.'));
    await expect(send(client, { clientToken: 'token-7' })).rejects.toMatchObject({
      code: 'IncorrectStatus.Listener',
    });
  });
});

describe('the waits that follow a change', () => {
  const pending: Record<string, object> = {
    ListListenerCertificates: {
      Certificates: [
        { CertificateId: 'cert-1', CertificateType: 'Server', IsDefault: false, Status: 'Associating' },
      ],
    },
    ListServerGroupServers: {
      Servers: [{ ServerId: 'ecs-1', ServerType: 'Ecs', Port: 80, Status: 'Adding' }],
    },
    ListRules: {
      Rules: [{ RuleId: 'rule-1', ListenerId: 'lsn-1', Priority: 10, RuleStatus: 'Provisioning' }],
    },
  };
  const still: Handler = (request) => ({ body: { RequestId: 'r', ...pending[request.action] } });

  const WAITS = [
    {
      action: 'ListListenerCertificates',
      wait: (client: SdkAlbClient, options: { signal?: AbortSignal }) =>
        client.waitForCertificates('lsn-1', ['cert-1'], {
          until: 'Associated',
          intervalMs: 1_000,
          timeoutMs: 3_000,
          ...options,
        }),
      timedOut: 'certificates of listener lsn-1 did not become Associated within 3 s (cert-1: Associating)',
    },
    {
      action: 'ListServerGroupServers',
      wait: (client: SdkAlbClient, options: { signal?: AbortSignal }) =>
        client.waitForServers('sgp-1', [server80], {
          until: 'Available',
          intervalMs: 1_000,
          timeoutMs: 3_000,
          ...options,
        }),
      timedOut: 'servers of sgp-1 did not become Available within 3 s (ecs-1:80 Adding)',
    },
    {
      action: 'ListRules',
      wait: (client: SdkAlbClient, options: { signal?: AbortSignal }) =>
        client.waitForRules(['rule-1'], {
          until: 'Available',
          intervalMs: 1_000,
          timeoutMs: 3_000,
          ...options,
        }),
      timedOut: 'rules did not become Available within 3 s (rule-1: Provisioning)',
    },
  ];

  describe.each(WAITS)('$action', ({ action, wait, timedOut }) => {
    it('polls on the interval up to the deadline, then gives up naming what is still pending', async () => {
      const { client, server } = await setup(still);
      const error = await wait(client, {}).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'timeout', action });
      expect((error as { message: { en: string } }).message.en).toBe(`${timedOut}; check them again later`);
      // At 0, 1, 2 and 3 s: a fifth poll would come after the deadline.
      expect(server.requests.map((r) => r.action)).toEqual([action, action, action, action]);
    });

    it('ends at once, as an abort of the listing, when its signal fires while it sleeps', async () => {
      const controller = new AbortController();
      const { client, server } = await setup((request) => {
        controller.abort();
        return still(request, 0);
      });
      await expect(wait(client, { signal: controller.signal })).rejects.toMatchObject({
        kind: 'aborted',
        action,
      });
      expect(server.requests).toHaveLength(1);
    });
  });
});

describe('the typed listings (SdkTransport.typedItems)', () => {
  /** Each listing: how to call it, the reply field its items come in, and one item of the reply. */
  const LISTINGS: {
    action: string;
    list: (client: SdkAlbClient) => Promise<unknown[]>;
    field: string;
    item: (n: number) => Record<string, unknown>;
    maxResults: string;
  }[] = [
    {
      action: 'ListListenerCertificates',
      list: (client) => client.listListenerCertificates('lsn-1', { pageSize: 7 }),
      field: 'Certificates',
      item: (n) => ({ CertificateId: `cert-${n}`, Status: 'Associated' }),
      maxResults: '7',
    },
    {
      action: 'ListServerGroups',
      list: (client) => collect(client.listServerGroups({}, { pageSize: 7 })),
      field: 'ServerGroups',
      item: (n) => ({ ServerGroupId: `sgp-${n}` }),
      maxResults: '7',
    },
    {
      action: 'ListServerGroupServers',
      list: (client) => client.listServerGroupServers('sgp-1', { pageSize: 7 }),
      field: 'Servers',
      item: (n) => ({ ServerId: `ecs-${n}`, Port: 80 }),
      maxResults: '7',
    },
    {
      action: 'ListAsynJobs',
      list: (client) => collect(client.listJobs({}, { pageSize: 7 })),
      field: 'Jobs',
      item: (n) => ({ Id: `job-${n}`, Status: 'Succeeded' }),
      maxResults: '7',
    },
    {
      action: 'ListRules',
      list: (client) => collect(client.listRules({ listenerIds: ['lsn-1'] }, { pageSize: 7 })),
      field: 'Rules',
      item: (n) => ({ RuleId: `rule-${n}`, Priority: n }),
      maxResults: '7',
    },
  ];

  describe.each(LISTINGS)('$action', ({ action, list, field, item, maxResults }) => {
    it('follows NextToken page by page, asking for the page size', async () => {
      const { client, server } = await setup((request) => ({
        body: {
          RequestId: 'r',
          [field]: [item(Number(request.query['NextToken'] ?? 0))],
          ...(request.query['NextToken'] === '2'
            ? {}
            : { NextToken: String(Number(request.query['NextToken'] ?? 0) + 1) }),
        },
      }));
      expect(await list(client)).toHaveLength(3);
      expect(server.requests.map((r) => [r.action, r.query['NextToken'], r.query['MaxResults']])).toEqual([
        [action, undefined, maxResults],
        [action, '1', maxResults],
        [action, '2', maxResults],
      ]);
    });

    it('stops at a NextToken the service repeats', async () => {
      const { client, server } = await setup(() => ({
        body: { RequestId: 'r', [field]: [item(1)], NextToken: 'again' },
      }));
      const error = await list(client).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'protocol', action });
      expect((error as { message: { en: string } }).message.en).toBe(
        `${server.endpoint} returned the same NextToken twice for ${action}; the listing was stopped`,
      );
      expect(server.requests).toHaveLength(2);
    });
  });
});
