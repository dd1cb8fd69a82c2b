// CreateListener and DeleteListener through the real SDK: asynchronous lifecycle, ClientToken
// idempotency, DryRun, and every error code of listener-rules.md that the local ALB produces.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorState, type RunningEmulator } from '../../source/emulator/index.js';
import { $Alb, clients, expectErrorBody, failure, type Clients } from './helpers.js';

const DELAY = 2000;
let emulator: RunningEmulator;
let sdk: Clients;
let state: EmulatorState;
let clock: number;

beforeEach(async () => {
  clock = Date.now();
  // Keeping rendered items, as `alb-tui emulator` does: every change below must still show.
  emulator = await startEmulator({
    seed: 11,
    provisioningDelayMs: DELAY,
    now: () => clock,
    keepRenderedItems: true,
  });
  sdk = clients(emulator);
  state = emulator.snapshot();
});
afterEach(() => emulator.close());

const instance = (name: string) => {
  const found = state.loadBalancers.find((l) => l.loadBalancerName === name);
  if (!found) throw new Error(`no instance ${name}`);
  return found;
};
const group = (name: string) => state.serverGroups.find((g) => g.serverGroupName === name)!.serverGroupId;
const certificate = (commonName: string) =>
  state.certificates.find((c) => c.commonName === commonName)!.certificateId;
const listenerOf = (lbName: string, protocol: string, port: number) =>
  state.listeners.find(
    (l) =>
      l.loadBalancerId === instance(lbName).loadBalancerId &&
      l.listenerProtocol === protocol &&
      l.listenerPort === port,
  )!;

interface Spec {
  lb?: string;
  protocol?: 'HTTP' | 'HTTPS' | 'QUIC';
  port?: number;
  group?: string;
  certificate?: string;
  policy?: string;
  quicListenerId?: string;
  caCertificate?: string;
  token?: string;
  dryRun?: boolean;
  extra?: Record<string, unknown>;
}

function request(spec: Spec = {}): $Alb.CreateListenerRequest {
  const protocol = spec.protocol ?? 'HTTP';
  return new $Alb.CreateListenerRequest({
    loadBalancerId: instance(spec.lb ?? 'prod-web').loadBalancerId,
    listenerProtocol: protocol,
    listenerPort: spec.port ?? 8888,
    listenerDescription: `test_${protocol}_${spec.port ?? 8888}`,
    defaultActions: [
      new $Alb.CreateListenerRequestDefaultActions({
        type: 'ForwardGroup',
        forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
          serverGroupTuples: [
            new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
              serverGroupId: spec.group ?? group('web-frontend-http'),
            }),
          ],
        }),
      }),
    ],
    ...(spec.certificate
      ? { certificates: [new $Alb.CreateListenerRequestCertificates({ certificateId: spec.certificate })] }
      : {}),
    ...(spec.policy ? { securityPolicyId: spec.policy } : {}),
    ...(spec.quicListenerId
      ? {
          quicConfig: new $Alb.CreateListenerRequestQuicConfig({
            quicUpgradeEnabled: true,
            quicListenerId: spec.quicListenerId,
          }),
        }
      : {}),
    ...(spec.caCertificate
      ? {
          caEnabled: true,
          caCertificates: [
            new $Alb.CreateListenerRequestCaCertificates({ certificateId: spec.caCertificate }),
          ],
        }
      : {}),
    ...(spec.token ? { clientToken: spec.token } : {}),
    ...(spec.dryRun !== undefined ? { dryRun: spec.dryRun } : {}),
    ...spec.extra,
  });
}

async function listenerCount(): Promise<number> {
  const { body } = await sdk.alb.listListeners(new $Alb.ListListenersRequest({ maxResults: 1 }));
  return body?.totalCount ?? -1;
}

async function statusOf(listenerId: string): Promise<string | undefined> {
  const { body } = await sdk.alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId }));
  return body?.listenerStatus;
}

describe('CreateListener', () => {
  test('answers ListenerId and JobId at once; the listener turns Running after the delay', async () => {
    const before = await listenerCount();
    const { body } = await sdk.alb.createListener(request({ port: 8888 }));
    expect(body?.listenerId).toMatch(/^lsn-[a-z0-9]{20}$/);
    expect(body?.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await listenerCount()).toBe(before + 1);
    expect(await statusOf(body!.listenerId!)).toBe('Provisioning');
    const job = await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [body!.jobId!] }));
    expect(job.body?.jobs?.[0]).toMatchObject({
      apiName: 'CreateListener',
      operateType: 'Create',
      resourceId: body?.listenerId,
      status: 'Processing',
    });

    clock += DELAY - 1;
    expect(await statusOf(body!.listenerId!)).toBe('Provisioning');
    clock += 1;
    expect(await statusOf(body!.listenerId!)).toBe('Running');
    const done = await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [body!.jobId!] }));
    expect(done.body?.jobs?.[0]?.status).toBe('Succeeded');
    expect(done.body?.totalCount).toBe(1);
  });

  test('an HTTPS listener keeps what was asked: certificate, policy, mutual TLS, QUIC upgrade, headers', async () => {
    const quic = await sdk.alb.createListener(
      request({ protocol: 'QUIC', port: 4433, certificate: certificate('*.example.com') }),
    );
    const { body } = await sdk.alb.createListener(
      request({
        protocol: 'HTTPS',
        port: 4433,
        group: group('api-backend-https'),
        certificate: certificate('*.example.com'),
        policy: state.customPolicies.find((p) => p.securityPolicyName === 'pci-dss-strict')!.securityPolicyId,
        quicListenerId: quic.body!.listenerId!,
        caCertificate: certificate('Example Corp Internal Root CA'),
        extra: {
          idleTimeout: 42,
          XForwardedForConfig: new $Alb.CreateListenerRequestXForwardedForConfig({
            XForwardedForProtoEnabled: true,
          }),
          tag: [new $Alb.CreateListenerRequestTag({ key: 'owner', value: 'tests' })],
        },
      }),
    );
    const attribute = await sdk.alb.getListenerAttribute(
      new $Alb.GetListenerAttributeRequest({ listenerId: body!.listenerId! }),
    );
    expect(attribute.body).toMatchObject({
      listenerProtocol: 'HTTPS',
      listenerPort: 4433,
      listenerDescription: 'test_HTTPS_4433',
      idleTimeout: 42,
      requestTimeout: 60,
      gzipEnabled: true,
      http2Enabled: true,
      caEnabled: true,
      securityPolicyId: state.customPolicies.find((p) => p.securityPolicyName === 'pci-dss-strict')!
        .securityPolicyId,
    });
    expect(attribute.body?.certificates?.map((c) => c.certificateId)).toEqual([certificate('*.example.com')]);
    expect(attribute.body?.quicConfig).toMatchObject({
      quicUpgradeEnabled: true,
      quicListenerId: quic.body?.listenerId,
    });
    expect(attribute.body?.XForwardedForConfig).toMatchObject({
      XForwardedForEnabled: true,
      XForwardedForProtoEnabled: true,
    });
    expect(attribute.body?.tags?.map((t) => [t.key, t.value])).toEqual([['owner', 'tests']]);
    const certs = await sdk.alb.listListenerCertificates(
      new $Alb.ListListenerCertificatesRequest({ listenerId: body!.listenerId! }),
    );
    expect(certs.body?.certificates?.map((c) => c.certificateType).sort()).toEqual(['Ca', 'Server']);
  });

  test('a repeated ClientToken with the same parameters returns the first answer and creates nothing', async () => {
    const first = await sdk.alb.createListener(request({ port: 8890, token: 'token-abc-123' }));
    const count = await listenerCount();
    const again = await sdk.alb.createListener(request({ port: 8890, token: 'token-abc-123' }));
    expect(again.body?.listenerId).toBe(first.body?.listenerId);
    expect(again.body?.jobId).toBe(first.body?.jobId);
    expect(again.body?.requestId).not.toBe(first.body?.requestId);
    expect(await listenerCount()).toBe(count);
  });

  test('the same ClientToken with different parameters is IdempotentParameterMismatch (as the metadata spells it)', async () => {
    await sdk.alb.createListener(request({ port: 8891, token: 'token-xyz' }));
    const count = await listenerCount();
    const error = await failure(sdk.alb.createListener(request({ port: 8892, token: 'token-xyz' })));
    expect(error.statusCode).toBe(400);
    expectErrorBody(error.data, 'IdempotentParameterMismatch');
    expect(await listenerCount()).toBe(count);
  });

  test('without a ClientToken a repeat is a new request (and hits the port it took)', async () => {
    await sdk.alb.createListener(request({ port: 8893 }));
    const error = await failure(sdk.alb.createListener(request({ port: 8893 })));
    expectErrorBody(error.data, 'ResourceAlreadyExist.Listener');
  });

  test('DryRun answers DryRunOperation (HTTP 400) and creates nothing', async () => {
    const count = await listenerCount();
    const error = await failure(
      sdk.alb.createListener(request({ port: 8894, dryRun: true, token: 'dry-token' })),
    );
    expect(error.statusCode).toBe(400);
    expectErrorBody(error.data, 'DryRunOperation');
    expect(error.data['Message']).toBe('Request validation has been passed with DryRun flag set.');
    expect(await listenerCount()).toBe(count);
    // The token was not spent by the dry run: the real call with it creates the listener.
    const real = await sdk.alb.createListener(request({ port: 8894, token: 'dry-token', dryRun: false }));
    expect(real.body?.listenerId).toMatch(/^lsn-/);
    expect(await listenerCount()).toBe(count + 1);
  });

  test('DryRun of a request that breaks a rule answers that rule, not DryRunOperation', async () => {
    const error = await failure(sdk.alb.createListener(request({ port: 80, dryRun: true })));
    expectErrorBody(error.data, 'ResourceAlreadyExist.Listener');
  });
});

describe('CreateListener error codes (listener-rules.md)', () => {
  const cases: [string, () => $Alb.CreateListenerRequest, string, number][] = [
    [
      'a required parameter is missing',
      () => request({ extra: { listenerPort: undefined } }),
      'MissingParameter',
      400,
    ],
    ['the port is out of range', () => request({ port: 70000 }), 'InvalidParameter', 400],
    [
      'the idle timeout is out of range',
      () => request({ extra: { idleTimeout: 61 } }),
      'InvalidParameter',
      400,
    ],
    [
      'the port is taken (HTTP and HTTPS share a port space)',
      () => request({ protocol: 'HTTP', port: 443 }),
      'ResourceAlreadyExist.Listener',
      400,
    ],
    [
      'the QUIC listener is on another instance',
      () =>
        request({
          protocol: 'HTTPS',
          port: 4443,
          certificate: certificate('*.example.com'),
          quicListenerId: listenerOf('prod-api', 'QUIC', 443).listenerId,
        }),
      'OperationDenied.CrossLoadBalancerQUICListener',
      400,
    ],
    [
      'the QUIC listener is already associated',
      () =>
        request({
          protocol: 'HTTPS',
          port: 4443,
          certificate: certificate('*.example.com'),
          quicListenerId: listenerOf('prod-web', 'QUIC', 443).listenerId,
        }),
      'ResourceAlreadyAssociated.Listener',
      400,
    ],
    [
      'the server group is in another VPC',
      () => request({ group: group('staging-web-http') }),
      'Mismatch.VpcId',
      400,
    ],
    [
      'the server group protocol does not fit',
      () => request({ protocol: 'HTTP', group: group('api-backend-https') }),
      'OperationDenied.ServerGroupProtocolNotSupport',
      400,
    ],
    [
      'a GRPC server group on HTTPS with HTTP/2 off (gRPC needs HTTP/2)',
      () =>
        request({
          protocol: 'HTTPS',
          port: 4443,
          certificate: certificate('*.example.com'),
          group: group('order-service-grpc'),
          extra: { http2Enabled: false },
        }),
      'OperationDenied.GRPCServerGroup',
      400,
    ],
    [
      'the instance is not Active (Configuring)',
      () => request({ lb: 'canary-edge', group: group('staging-web-http') }),
      'IncorrectStatus.LoadBalancer',
      400,
    ],
    [
      'the instance is not Active (Inactive)',
      () => request({ lb: 'legacy-portal', group: group('legacy-portal-http') }),
      'IncorrectStatus.LoadBalancer',
      400,
    ],
    [
      'the instance is unknown',
      () => new $Alb.CreateListenerRequest({ ...request(), loadBalancerId: 'alb-000000000000000000' }),
      'ResourceNotFound.LoadBalancer',
      404,
    ],
    [
      'the server group is unknown',
      () => request({ group: 'sgp-000000000000000000' }),
      'ResourceNotFound.ServerGroup',
      404,
    ],
    [
      'the certificate is unknown',
      () => request({ protocol: 'HTTPS', port: 4443, certificate: '999-cn-hangzhou' }),
      'ResourceNotFound.Certificate',
      404,
    ],
    [
      'the certificate has expired',
      () => request({ protocol: 'HTTPS', port: 4443, certificate: certificate('old.example.net') }),
      'InvalidParameter',
      400,
    ],
    [
      'the security policy is unknown',
      () =>
        request({
          protocol: 'HTTPS',
          port: 4443,
          certificate: certificate('*.example.com'),
          policy: 'spy-000000000000000000',
        }),
      'ResourceNotFound.SecurityPolicy',
      404,
    ],
    [
      'the QUIC listener is unknown',
      () =>
        request({
          protocol: 'HTTPS',
          port: 4443,
          certificate: certificate('*.example.com'),
          quicListenerId: 'lsn-00000000000000000000',
        }),
      'ResourceNotFound.Listener',
      404,
    ],
  ];

  test.each(cases)('%s → %s', async (_situation, build, code, status) => {
    const count = await listenerCount();
    const error = await failure(sdk.alb.createListener(build()));
    expect(error.statusCode).toBe(status);
    expectErrorBody(error.data, code);
    expect(await listenerCount()).toBe(count);
  });

  test('a custom TLS policy on a Basic instance is refused', async () => {
    const error = await failure(
      sdk.alb.createListener(
        request({
          lb: 'staging-web',
          protocol: 'HTTPS',
          port: 4443,
          group: group('staging-web-http'),
          certificate: certificate('staging.example.com'),
          policy: state.customPolicies[0]!.securityPolicyId,
        }),
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).not.toBe('DryRunOperation');
  });

  test('the 51st listener on an instance is ResourceQuotaExceeded.LoadBalancerListenersNum', async () => {
    const lb = 'internal-services';
    const existing = state.listeners.filter((l) => l.loadBalancerId === instance(lb).loadBalancerId).length;
    for (let i = 0; i < 50 - existing; i++) await sdk.alb.createListener(request({ lb, port: 20000 + i }));
    const error = await failure(sdk.alb.createListener(request({ lb, port: 30000 })));
    expectErrorBody(error.data, 'ResourceQuotaExceeded.LoadBalancerListenersNum');
  });
});

describe('ListListeners after changes', () => {
  const listed = async (listenerId: string) => {
    const { body } = await sdk.alb.listListeners(
      new $Alb.ListListenersRequest({ listenerIds: [listenerId], maxResults: 100 }),
    );
    return body?.listeners?.[0];
  };

  test('shows every change of a listener it has shown before', async () => {
    const { body } = await sdk.alb.createListener(request({ port: 8899 }));
    const id = body!.listenerId!;
    expect((await listed(id))?.listenerStatus).toBe('Provisioning');
    clock += DELAY;
    expect((await listed(id))?.listenerStatus).toBe('Running');
    await sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: id }));
    expect((await listed(id))?.listenerStatus).toBe('Configuring');
    clock += DELAY;
    expect(await listed(id)).toBeUndefined();
  });
});

describe('DeleteListener', () => {
  test('turns the listener Configuring, then removes it after the delay', async () => {
    const target = listenerOf('prod-web', 'HTTP', 8080);
    const { body } = await sdk.alb.deleteListener(
      new $Alb.DeleteListenerRequest({ listenerId: target.listenerId }),
    );
    expect(body?.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await statusOf(target.listenerId)).toBe('Configuring');
    const busy = await failure(
      sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: target.listenerId })),
    );
    // Configuring (a change under way) and Provisioning have their own codes, as the metadata lists.
    expectErrorBody(busy.data, 'ResourceInConfiguring.Listener');
    clock += DELAY;
    const gone = await failure(
      sdk.alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: target.listenerId })),
    );
    expectErrorBody(gone.data, 'ResourceNotFound.Listener');
    const job = await sdk.alb.listAsynJobs(
      new $Alb.ListAsynJobsRequest({ resourceIds: [target.listenerId], apiName: 'DeleteListener' }),
    );
    expect(job.body?.jobs?.map((j) => [j.operateType, j.status])).toEqual([['Delete', 'Succeeded']]);
  });

  test('listing by instance follows creates and deletes, in the order of the whole list', async () => {
    const web = instance('prod-web').loadBalancerId;
    const api = instance('prod-api').loadBalancerId;
    const listedOf = async (ids: string[]) => {
      const { body } = await sdk.alb.listListeners(
        new $Alb.ListListenersRequest({ loadBalancerIds: ids, maxResults: 100 }),
      );
      return body?.listeners?.map((l) => l.listenerId) ?? [];
    };
    const expected = (ids: string[]) =>
      emulator
        .snapshot()
        .listeners.filter((l) => ids.includes(l.loadBalancerId))
        .map((l) => l.listenerId);
    // Read once first, so a stale index would show after the changes below.
    expect(await listedOf([web, api])).toEqual(expected([web, api]));

    const created = await sdk.alb.createListener(request({ lb: 'prod-web', port: 8899 }));
    expect(await listedOf([web])).toContain(created.body?.listenerId);
    expect(await listedOf([api, web])).toEqual(expected([web, api]));

    const target = listenerOf('prod-web', 'HTTP', 8080);
    await sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: target.listenerId }));
    clock += DELAY;
    const after = await listedOf([web, api]);
    expect(after).not.toContain(target.listenerId);
    expect(after).toEqual(expected([web, api]));
    expect(after.length).toBeGreaterThan(1);
  });

  test('an unknown listener is 404 ResourceNotFound.Listener', async () => {
    const error = await failure(
      sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: 'lsn-00000000000000000000' })),
    );
    expect(error.statusCode).toBe(404);
    expectErrorBody(error.data, 'ResourceNotFound.Listener');
  });

  test('a repeated ClientToken returns the first JobId', async () => {
    const target = listenerOf('prod-api', 'HTTP', 80);
    const first = await sdk.alb.deleteListener(
      new $Alb.DeleteListenerRequest({ listenerId: target.listenerId, clientToken: 'del-1' }),
    );
    const again = await sdk.alb.deleteListener(
      new $Alb.DeleteListenerRequest({ listenerId: target.listenerId, clientToken: 'del-1' }),
    );
    expect(again.body?.jobId).toBe(first.body?.jobId);
    const jobs = await sdk.alb.listAsynJobs(
      new $Alb.ListAsynJobsRequest({ resourceIds: [target.listenerId] }),
    );
    expect(jobs.body?.totalCount).toBe(1);
  });

  test('DryRun deletes nothing', async () => {
    const target = listenerOf('prod-api', 'HTTP', 80);
    const error = await failure(
      sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: target.listenerId, dryRun: true })),
    );
    expectErrorBody(error.data, 'DryRunOperation');
    clock += DELAY;
    expect(await statusOf(target.listenerId)).toBe('Running');
  });

  test('a QUIC listener an HTTPS listener upgrades to is ResourceInUse.Listener (400), naming it; nothing changes', async () => {
    const https = listenerOf('prod-web', 'HTTPS', 443);
    const quic = listenerOf('prod-web', 'QUIC', 443);
    expect(https.quicConfig).toEqual({ quicUpgradeEnabled: true, quicListenerId: quic.listenerId });
    for (const dryRun of [true, false]) {
      const error = await failure(
        sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: quic.listenerId, dryRun })),
      );
      expect(error.statusCode).toBe(400);
      expectErrorBody(error.data, 'ResourceInUse.Listener');
      expect(error.data['Message']).toContain(https.listenerId);
      expect(error.data['Message']).toContain(quic.listenerId);
    }
    clock += DELAY;
    expect(await statusOf(quic.listenerId)).toBe('Running');
    const { body } = await sdk.alb.getListenerAttribute(
      new $Alb.GetListenerAttributeRequest({ listenerId: https.listenerId }),
    );
    expect(body?.quicConfig).toMatchObject({ quicUpgradeEnabled: true, quicListenerId: quic.listenerId });
  });

  test('a QUIC listener no listener upgrades to is deleted', async () => {
    const created = await sdk.alb.createListener(
      request({ protocol: 'QUIC', port: 4433, certificate: certificate('*.example.com') }),
    );
    clock += DELAY;
    const free = { listenerId: created.body!.listenerId! };
    await sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: free.listenerId }));
    clock += DELAY;
    expect(await statusOf(free.listenerId).catch(() => 'gone')).toBe('gone');
  });
});

describe('ListAsynJobs', () => {
  test('pages and filters the jobs of creations and deletions', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push((await sdk.alb.createListener(request({ port: 9100 + i }))).body!.jobId!);
    const deleted = (
      await sdk.alb.deleteListener(
        new $Alb.DeleteListenerRequest({ listenerId: listenerOf('prod-web', 'HTTP', 8080).listenerId }),
      )
    ).body!.jobId!;
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const { body } = await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ maxResults: 4, nextToken }));
      expect(body?.totalCount).toBe(6);
      seen.push(...(body?.jobs?.map((j) => j.id!) ?? []));
      nextToken = body?.nextToken || undefined;
    } while (nextToken);
    expect(seen.sort()).toEqual([...created, deleted].sort());
    const onlyCreates = await sdk.alb.listAsynJobs(
      new $Alb.ListAsynJobsRequest({ apiName: 'CreateListener', maxResults: 100 }),
    );
    expect(onlyCreates.body?.totalCount).toBe(5);
    const bad = await failure(sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ resourceType: 'bucket' })));
    expectErrorBody(bad.data, 'InvalidParameter');
  });
});
