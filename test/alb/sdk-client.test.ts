// The SDK adapter against a scripted fake gateway: what goes on the wire, and how answers,
// failures and dropped replies come back. (The emulator-backed tests are in emulator.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { createSdkAlbClient, type SdkClientOptions } from '../../source/alb/sdk-client.js';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { apiError, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const slept: number[] = [];

async function setup(handler: Handler, options: Partial<SdkClientOptions> = {}) {
  server = await startFakeServer(handler);
  slept.length = 0;
  const client = createSdkAlbClient({
    region: 'cn-hangzhou',
    endpoint: server.endpoint,
    credentials: { kind: 'static', accessKeyId: 'AKIDtest', accessKeySecret: 'very-secret-value' },
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4 },
    retryEnvironment: {
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    },
    ...options,
  });
  return { client, server };
}

const httpsRequest: CreateListenerRequest = {
  loadBalancerId: 'alb-1',
  listenerProtocol: 'HTTPS',
  listenerPort: 443,
  listenerDescription: 'web',
  certificates: [{ certificateId: '123-cn-hangzhou' }],
  securityPolicyId: 'tls_cipher_policy_1_2',
  defaultActions: [
    { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-1' }] } },
  ],
  XForwardedForConfig: { XForwardedForEnabled: true, XForwardedForProtoEnabled: true },
  quicConfig: { quicUpgradeEnabled: false },
  tag: [{ key: 'env', value: 'dev' }],
};

describe('SdkAlbClient wire format', () => {
  it('sends CreateListener flattened with API names and a ClientToken, over the given endpoint', async () => {
    const { client, server } = await setup(() => ({
      body: { RequestId: 'r', ListenerId: 'lsn-1', JobId: 'job-1' },
    }));
    const result = await client.createListener(httpsRequest);
    expect(result).toMatchObject({ listenerId: 'lsn-1', jobId: 'job-1' });
    const [request] = server.requests;
    expect(request!.action).toBe('CreateListener');
    expect(request!.headers['x-acs-version']).toBe('2020-06-16');
    expect(request!.headers.host).toBe(server.endpoint.replace('http://', ''));
    expect(request!.query).toMatchObject({
      LoadBalancerId: 'alb-1',
      ListenerProtocol: 'HTTPS',
      ListenerPort: '443',
      'Certificates.1.CertificateId': '123-cn-hangzhou',
      'DefaultActions.1.Type': 'ForwardGroup',
      'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': 'sgp-1',
      'XForwardedForConfig.XForwardedForEnabled': 'true',
      'XForwardedForConfig.XForwardedForProtoEnabled': 'true',
      'QuicConfig.QuicUpgradeEnabled': 'false',
      'Tag.1.Key': 'env',
      'Tag.1.Value': 'dev',
      DryRun: 'false',
    });
    expect(request!.query['ClientToken']).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).toMatchObject({ clientToken: request!.query['ClientToken'] });
  });

  it('keeps the caller’s ClientToken', async () => {
    const { client, server } = await setup(() => ({
      body: { RequestId: 'r', ListenerId: 'lsn-1', JobId: 'job-1' },
    }));
    await client.createListener({ ...httpsRequest, clientToken: 'wizard-run-7' });
    expect(server.requests[0]!.query['ClientToken']).toBe('wizard-run-7');
  });

  it('reuses the same ClientToken when a reply is lost and the call is repeated', async () => {
    const { client, server } = await setup((_request, index) =>
      index < 2 ? { drop: true } : { body: { RequestId: 'r', ListenerId: 'lsn-9', JobId: 'job-9' } },
    );
    const result = await client.createListener(httpsRequest);
    expect(result).toMatchObject({ listenerId: 'lsn-9' });
    expect(server.requests).toHaveLength(3);
    const tokens = new Set(server.requests.map((r) => r.query['ClientToken']));
    expect(tokens.size).toBe(1);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('turns DryRunOperation into a passed dry run, with a token of its own', async () => {
    const { client, server } = await setup(() =>
      apiError(400, 'DryRunOperation', 'Request validation has been passed with DryRun flag set.'),
    );
    const result = await client.createListener(
      { ...httpsRequest, clientToken: 'submit-token' },
      { dryRun: true },
    );
    expect(result).toEqual({ dryRun: 'passed' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query['DryRun']).toBe('true');
    expect(server.requests[0]!.query['ClientToken']).not.toBe('submit-token');
  });

  it('reports a dry run that fails with the rule the service names', async () => {
    const { client } = await setup(() =>
      apiError(400, 'InvalidParameter', 'The parameter "ListenerPort" is invalid: 1–65535.'),
    );
    await expect(
      client.createListener({ ...httpsRequest, listenerPort: 0 }, { dryRun: true }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      code: 'InvalidParameter',
      parameter: 'ListenerPort',
    });
  });

  it('waits as long as x-acs-retry-after asks when throttled, then succeeds', async () => {
    const { client, server } = await setup((_r, index) =>
      index === 0
        ? apiError(400, 'Throttling.User', 'Request was denied due to user flow control.', {
            'x-acs-retry-after': '700',
          })
        : {
            body: {
              RequestId: 'r',
              SecurityPolicies: [
                {
                  SecurityPolicyId: 'tls_cipher_policy_1_0',
                  TLSVersions: ['TLSv1.0'],
                  Ciphers: ['AES128-SHA'],
                },
              ],
            },
          },
    );
    // ListSystemSecurityPolicies is one call; ListSecurityPolicies another (answered the same way here).
    const policies = await client.listSecurityPolicies();
    expect(policies.filter((p) => p.kind === 'system').map((p) => p.securityPolicyId)).toEqual([
      'tls_cipher_policy_1_0',
    ]);
    expect(slept).toEqual([700]);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a rule violation, and never puts the secret in an error', async () => {
    const { client, server } = await setup(() =>
      apiError(400, 'ResourceAlreadyExist.Listener', 'The specified resource 443 already exists.'),
    );
    const error = await client.createListener(httpsRequest).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'ResourceAlreadyExist.Listener',
      requestId: 'req-ResourceAlreadyExist.Listener',
    });
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify((error as { message: unknown }).message)).not.toContain('very-secret-value');
    expect(String((error as { stack?: string }).stack)).not.toContain('very-secret-value');
  });

  it('reports an answer that is not JSON as a protocol error', async () => {
    const { client } = await setup(() => ({ raw: '<html>proxy error</html>', status: 502 }));
    await expect(client.getListener('lsn-1')).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('deletes with a ClientToken and counts a retry that finds the listener gone as done', async () => {
    const { client, server } = await setup((_r, index) =>
      index === 0
        ? { drop: true }
        : apiError(404, 'ResourceNotFound.Listener', 'The specified resource lsn-1 is not found.'),
    );
    const result = await client.deleteListener('lsn-1');
    expect(result.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests.map((r) => r.query['ClientToken'])).toEqual([
      result.clientToken,
      result.clientToken,
    ]);
  });

  it('passes ResourceNotFound through when the first delete finds nothing', async () => {
    const { client } = await setup(() =>
      apiError(404, 'ResourceNotFound.Listener', 'The specified resource lsn-1 is not found.'),
    );
    await expect(client.deleteListener('lsn-1')).rejects.toMatchObject({ kind: 'notFound' });
  });
});

describe('SdkAlbClient paging', () => {
  it('follows NextToken with MaxResults 100 until it is empty', async () => {
    const pages = [
      { token: undefined, next: 't1', ids: ['alb-1', 'alb-2'] },
      { token: 't1', next: 't2', ids: ['alb-3'] },
      { token: 't2', next: '', ids: ['alb-4'] },
    ];
    const { client, server } = await setup((request) => {
      const page = pages.find((p) => p.token === request.query['NextToken'])!;
      return {
        body: {
          RequestId: 'r',
          NextToken: page.next,
          MaxResults: 100,
          TotalCount: 4,
          LoadBalancers: page.ids.map((id) => ({ LoadBalancerId: id, LoadBalancerStatus: 'Active' })),
        },
      };
    });
    const lbs = await collect(client.listLoadBalancers());
    expect(lbs.map((lb) => lb.loadBalancerId)).toEqual(['alb-1', 'alb-2', 'alb-3', 'alb-4']);
    expect(server.requests.map((r) => [r.query['MaxResults'], r.query['NextToken']])).toEqual([
      ['100', undefined],
      ['100', 't1'],
      ['100', 't2'],
    ]);
  });

  it('stops with a protocol error when the service repeats a NextToken', async () => {
    const { client } = await setup(() => ({
      body: { RequestId: 'r', NextToken: 'same', Listeners: [{ ListenerId: 'lsn-1' }] },
    }));
    await expect(collect(client.listListeners())).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('splits more than 20 instance IDs into several ListListeners filters', async () => {
    const ids = Array.from({ length: 45 }, (_, i) => `alb-${i}`);
    const { client, server } = await setup(() => ({ body: { RequestId: 'r', Listeners: [] } }));
    await collect(client.listListeners({ loadBalancerIds: ids, protocol: 'HTTPS' }));
    expect(server.requests).toHaveLength(3);
    const sent = server.requests.map(
      (r) => Object.keys(r.query).filter((k) => k.startsWith('LoadBalancerIds.')).length,
    );
    expect(sent).toEqual([20, 20, 5]);
    expect(server.requests.every((r) => r.query['ListenerProtocol'] === 'HTTPS')).toBe(true);
  });

  it('lists valid and expired certificates from CAS on the same local endpoint, with ALB IDs', async () => {
    const { client, server } = await setup((request) => {
      if (request.action !== 'ListUserCertificateOrder') return apiError(404, 'InvalidAction.NotFound', 'no');
      const expired = request.query['Status'] === 'EXPIRED';
      const page = Number(request.query['CurrentPage']);
      const all = expired
        ? [
            {
              CertificateId: 9,
              Name: 'old',
              CommonName: 'old.example.com',
              Sans: 'old.example.com',
              EndDate: '2020-01-01',
              Expired: true,
            },
          ]
        : Array.from({ length: 60 }, (_, i) => ({
            CertificateId: 100 + i,
            Name: `c${i}`,
            CommonName: `c${i}.example.com`,
            Sans: `c${i}.example.com, www.c${i}.example.com`,
            CertEndTime: Date.UTC(2030, 0, 1),
            Issuer: 'Test CA',
          }));
      const size = Number(request.query['ShowSize']);
      return {
        body: {
          RequestId: 'r',
          TotalCount: all.length,
          CurrentPage: page,
          ShowSize: size,
          CertificateOrderList: all.slice((page - 1) * size, page * size),
        },
      };
    });
    const certificates = await client.listCertificates();
    expect(certificates).toHaveLength(61);
    expect(certificates[0]).toMatchObject({
      certificateId: '100-cn-hangzhou',
      casId: 100,
      sans: ['c0.example.com', 'www.c0.example.com'],
      endDate: '2030-01-01T00:00:00.000Z',
      issuer: 'Test CA',
    });
    expect(certificates.find((c) => c.casId === 9)).toMatchObject({
      certificateId: '9-cn-hangzhou',
      endDate: '2020-01-01T00:00:00.000Z',
    });
    expect(server.requests.every((r) => r.query['OrderType'] === 'CERT')).toBe(true);
    expect(server.requests.map((r) => r.query['Status'] ?? 'valid').sort()).toEqual([
      'EXPIRED',
      'valid',
      'valid',
    ]);
  });
});

describe('SdkAlbClient.waitForListener', () => {
  /** A clock that moves only when the client sleeps between polls. */
  async function setupWithClock(handler: Handler) {
    let now = 1_000_000;
    const started = await setup(handler, {
      now: () => now,
      retryEnvironment: {
        sleep: (ms) => {
          now += ms;
          slept.push(ms);
          return Promise.resolve();
        },
      },
    });
    return started;
  }

  const listenerBody = (status: string) => ({
    body: {
      RequestId: 'r',
      ListenerId: 'lsn-1',
      LoadBalancerId: 'alb-1',
      ListenerStatus: status,
      ListenerPort: 443,
    },
  });

  it('polls until Running, reporting each status once', async () => {
    const sequence = ['Provisioning', 'Provisioning', 'Provisioning', 'Running'];
    const { client } = await setupWithClock((request, index) =>
      request.action === 'GetListenerAttribute'
        ? listenerBody(sequence[Math.min(index, sequence.length - 1)]!)
        : apiError(500, 'InternalError', 'x'),
    );
    const statuses: string[] = [];
    const listener = await client.waitForListener('lsn-1', {
      until: 'Running',
      intervalMs: 250,
      onStatus: (s) => statuses.push(s),
    });
    expect(listener.listenerStatus).toBe('Running');
    expect(statuses).toEqual(['Provisioning', 'Running']);
    expect(slept).toEqual([250, 250, 250]);
  });

  it('tolerates a just-created listener that is not visible yet', async () => {
    const { client } = await setupWithClock((_r, index) =>
      index < 2
        ? apiError(404, 'ResourceNotFound.Listener', 'The specified resource lsn-1 is not found.')
        : listenerBody('Running'),
    );
    await expect(
      client.waitForListener('lsn-1', { until: 'Running', intervalMs: 10 }),
    ).resolves.toMatchObject({ listenerId: 'lsn-1' });
  });

  it('ends with the job’s error when the create job fails', async () => {
    const { client } = await setupWithClock((request) =>
      request.action === 'ListAsynJobs'
        ? {
            body: {
              RequestId: 'r',
              Jobs: [
                {
                  Id: 'job-1',
                  ApiName: 'CreateListener',
                  Status: 'Failed',
                  ErrorCode: 'ResourceQuotaExceeded.LoadBalancerListenersNum',
                  ErrorMessage: 'quota',
                },
              ],
            },
          }
        : listenerBody('Provisioning'),
    );
    await expect(
      client.waitForListener('lsn-1', { until: 'Running', intervalMs: 10, jobId: 'job-1' }),
    ).rejects.toMatchObject({
      kind: 'state',
      code: 'ResourceQuotaExceeded.LoadBalancerListenersNum',
    });
  });

  it('gives up with kind timeout after timeoutMs, naming the last status', async () => {
    const { client, server } = await setupWithClock(() => listenerBody('Provisioning'));
    const error = await client
      .waitForListener('lsn-1', { until: 'Running', intervalMs: 1_000, timeoutMs: 5_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as { message: { en: string } }).message.en).toContain('Provisioning');
    expect(server.requests.length).toBeGreaterThanOrEqual(5);
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it('resolves once a deleted listener is gone', async () => {
    const { client } = await setupWithClock((_r, index) =>
      index < 2
        ? listenerBody('Configuring')
        : apiError(404, 'ResourceNotFound.Listener', 'The specified resource lsn-1 is not found.'),
    );
    const statuses: string[] = [];
    await expect(
      client.waitForListener('lsn-1', { until: 'gone', intervalMs: 10, onStatus: (s) => statuses.push(s) }),
    ).resolves.toBeUndefined();
    expect(statuses).toEqual(['Configuring', 'gone']);
  });

  it('stops when aborted between polls', async () => {
    const controller = new AbortController();
    const { client } = await setup(() => {
      controller.abort();
      return listenerBody('Provisioning');
    });
    await expect(
      client.waitForListener('lsn-1', { until: 'Running', intervalMs: 10, signal: controller.signal }),
    ).rejects.toMatchObject({ kind: 'aborted' });
  });
});
