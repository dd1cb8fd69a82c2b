// A read-only connection's client refuses every change itself: each mutating method of the client,
// called directly, rejects with a read-only AlbError naming the connection and no request leaves; reads
// pass through. The methods are taken from the SDK client's prototype and the port's interfaces, so a
// new method must be classified here before this passes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AlbClient, RuleChanges } from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import { methodKind, readOnlyClient } from '../../source/alb/read-only-client.js';
import { createSdkAlbClient, SdkAlbClient } from '../../source/alb/sdk-client.js';
import { FakeAlbClient } from '../ui/fake-client.js';

/** Every member of the port, read or change: a member added to an interface fails to compile until named here. */
const PORT_MEMBERS: Record<keyof AlbClient | keyof RuleChanges, MemberKind> = {
  endpoint: 'value',
  region: 'value',
  listLoadBalancers: 'read',
  getLoadBalancer: 'read',
  listListeners: 'read',
  listListenersOfInstances: 'read',
  listLoadBalancersAndListeners: 'read',
  getListener: 'read',
  listListenerCertificates: 'read',
  listServerGroups: 'read',
  listServerGroupServers: 'read',
  listSecurityPolicies: 'read',
  listCertificates: 'read',
  describeRegions: 'read',
  createListener: 'change',
  deleteListener: 'change',
  getJob: 'read',
  listJobs: 'read',
  waitForListener: 'read',
  updateListener: 'change',
  startListener: 'change',
  stopListener: 'change',
  associateCertificates: 'change',
  dissociateCertificates: 'change',
  waitForCertificates: 'read',
  listRules: 'read',
  createRules: 'change',
  updateRules: 'change',
  deleteRules: 'change',
  waitForRules: 'read',
  addServers: 'change',
  removeServers: 'change',
  updateServers: 'change',
  waitForServers: 'read',
  getListenerHealth: 'read',
};
type MemberKind = 'value' | 'read' | 'change';

let server: Server;
let requests = 0;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Code: 'ResourceNotFound.Listener', Message: 'not found', RequestId: 'r-1' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function sdkClient(): SdkAlbClient {
  return createSdkAlbClient({
    region: 'cn-hangzhou',
    endpoint,
    credentials: { kind: 'static', accessKeyId: 'LTAI5tReadOnlyTest00000', accessKeySecret: 'secret' },
    retry: { maxAttempts: 1 },
  });
}

const sdkMethods = Object.getOwnPropertyNames(SdkAlbClient.prototype).filter(
  (name) => name !== 'constructor' && typeof Reflect.get(SdkAlbClient.prototype, name) === 'function',
);

describe('classification', () => {
  test('the port says which of its members read and which change, and the wrapper agrees', () => {
    for (const [name, kind] of Object.entries(PORT_MEMBERS)) {
      if (kind !== 'value') expect(methodKind(name), name).toBe(kind);
    }
  });

  test('the only methods of the SDK client let through are the reads of the port (and its request counter)', () => {
    // Its own helpers (paging, raw calls) and any method added later are refused unless they are reads
    // the port names: a new method must be put in PORT_MEMBERS, and so classified, to be used.
    const passing = sdkMethods.filter((name) => methodKind(name) === 'read');
    // Its own: the request counter (its helpers live in the parts it delegates to, not on it).
    const ownReads = ['stats'];
    expect(
      passing.filter((name) => PORT_MEMBERS[name as keyof typeof PORT_MEMBERS] !== 'read').sort(),
    ).toEqual(ownReads.sort());
  });
});

describe('the read-only client', () => {
  const changes = [
    ...new Set([
      ...sdkMethods.filter((name) => methodKind(name) !== 'read'),
      ...Object.entries(PORT_MEMBERS)
        .filter(([, kind]) => kind === 'change')
        .map(([name]) => name),
    ]),
  ];

  test.each(changes)('%s is refused before any request', async (method) => {
    const before = requests;
    const client = readOnlyClient(sdkClient(), 'prod-hz');
    const call = Reflect.get(client, method) as (...args: unknown[]) => Promise<unknown>;
    const outcome = await call('lsn-any', ['cert-1'], {}).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(AlbError);
    const error = outcome as AlbError;
    expect(error.kind).toBe('read-only');
    expect(error.noEffect).toBe(true);
    expect(error.message.en).toContain('"prod-hz" is read-only');
    expect(error.message['zh-CN']).toContain('连接“prod-hz”为只读');
    expect(requests).toBe(before);
  });

  test('on any client (here the test fake): every change the port lists is refused, nothing changes', async () => {
    const underneath = new FakeAlbClient();
    const before = structuredClone(underneath.data);
    const fake = readOnlyClient(underneath, 'staging');
    for (const [name, kind] of Object.entries(PORT_MEMBERS)) {
      if (kind !== 'change') continue;
      const method = Reflect.get(fake, name) as (...args: unknown[]) => Promise<unknown>;
      await expect(method(before.listeners[0]!.listenerId), name).rejects.toMatchObject({
        kind: 'read-only',
      });
    }
    expect(underneath.data).toEqual(before);
    expect(underneath.deleted).toEqual([]);
    // Reads of the fake still answer.
    expect((await fake.listLoadBalancersAndListeners()).loadBalancers).toHaveLength(
      before.loadBalancers.length,
    );
  });

  test('a dry run (the service checks, nothing changes) passes where the port takes one; nowhere else', async () => {
    const client = readOnlyClient(sdkClient(), 'prod-hz');
    const before = requests;
    await expect(
      client.updateListener({ listenerId: 'lsn-missing', idleTimeout: 30 }, { dryRun: true }),
    ).rejects.toMatchObject({ kind: 'notFound' });
    await expect(
      client.dissociateCertificates('lsn-missing', ['1-cn-hangzhou'], { dryRun: true }),
    ).rejects.toMatchObject({
      kind: 'notFound',
    });
    expect(requests).toBe(before + 2);
    // The same calls without the dry run, and changes that have none, are refused unsent.
    await expect(client.updateListener({ listenerId: 'lsn-missing', idleTimeout: 30 })).rejects.toMatchObject(
      {
        kind: 'read-only',
      },
    );
    const start = Reflect.get(client, 'startListener') as (...args: unknown[]) => Promise<unknown>;
    await expect(start('lsn-missing', { dryRun: true })).rejects.toMatchObject({ kind: 'read-only' });
    const remove = Reflect.get(client, 'deleteListener') as (...args: unknown[]) => Promise<unknown>;
    await expect(remove('lsn-missing', undefined, { dryRun: true })).rejects.toMatchObject({
      kind: 'read-only',
    });
    expect(requests).toBe(before + 2);
  });

  test('reads pass through to the service, and plain values are there', async () => {
    const client = readOnlyClient(sdkClient(), 'prod-hz');
    expect(client.region).toBe('cn-hangzhou');
    expect(client.endpoint).toBe(endpoint);
    const before = requests;
    await expect(client.getListener('lsn-missing')).rejects.toMatchObject({ kind: 'notFound' });
    expect(requests).toBe(before + 1);
  });

  test('the SDK objects inside are not handed out', () => {
    const client = readOnlyClient(sdkClient(), 'prod-hz') as unknown as Record<string, unknown>;
    expect(client['alb']).toBeUndefined();
    expect(client['changes']).toBeUndefined();
    expect(client['transport']).toBeUndefined();
  });
});
