// A refresh that starts from the previous listing, against a scripted service that refuses to be
// asked about an instance that no longer exists.
import { afterEach, describe, expect, it } from 'vitest';
import { createSdkAlbClient } from '../../source/alb/sdk-client.js';
import { apiError, startFakeServer, type FakeServer, type RecordedRequest } from './fake-server.js';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const idsIn = (request: RecordedRequest) =>
  Object.entries(request.query)
    .filter(([key]) => key.startsWith('LoadBalancerIds.'))
    .map(([, value]) => value);

function service(instances: () => string[], refuseUnknown: boolean) {
  return (request: RecordedRequest) => {
    if (request.action === 'ListLoadBalancers') {
      const matching = request.query['AddressIpVersion'] === 'DualStack' ? [] : instances();
      return {
        body: {
          RequestId: 'r',
          LoadBalancers: matching.map((id) => ({
            LoadBalancerId: id,
            LoadBalancerName: id,
            AddressType: 'Internet',
            AddressIpVersion: 'IPv4',
          })),
          TotalCount: matching.length,
        },
      };
    }
    if (request.action === 'ListListeners') {
      const asked = idsIn(request);
      if (refuseUnknown && asked.some((id) => !instances().includes(id)))
        return apiError(404, 'ResourceNotFound.LoadBalancer', 'The specified resource is not found.');
      const listeners = (asked.length > 0 ? asked : instances()).map((id) => ({
        ListenerId: `lsn-${id}`,
        LoadBalancerId: id,
        ListenerProtocol: 'HTTP',
        ListenerPort: 80,
      }));
      return { body: { RequestId: 'r', Listeners: listeners, TotalCount: listeners.length } };
    }
    return apiError(400, 'InvalidAction.NotFound', 'unexpected');
  };
}

describe('a refresh from the previous listing', () => {
  it('lists again from nothing when the service refuses an instance gone since', async () => {
    let live = ['alb-a', 'alb-b'];
    fake = await startFakeServer(service(() => live, true));
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: fake.endpoint,
      credentials: { kind: 'static', accessKeyId: 'id', accessKeySecret: 'secret' },
    });
    const first = await client.listLoadBalancersAndListeners();
    expect(first.loadBalancers.map((lb) => lb.loadBalancerId)).toEqual(['alb-a', 'alb-b']);

    live = ['alb-a'];
    fake.requests.length = 0;
    const refreshed = await client.listLoadBalancersAndListeners();
    expect(refreshed.loadBalancers.map((lb) => lb.loadBalancerId)).toEqual(['alb-a']);
    expect([...refreshed.listenersByLoadBalancer.keys()]).toEqual(['alb-a']);
    expect(refreshed.listenersByLoadBalancer.get('alb-a')!.map((l) => l.listenerId)).toEqual(['lsn-alb-a']);
    // It first asked about the remembered instances, gone one included, then listed from nothing.
    const asked = fake.requests.filter((r) => r.action === 'ListListeners').map(idsIn);
    expect(asked[0]).toEqual(['alb-a', 'alb-b']);
    expect(asked.at(-1)).toEqual(['alb-a']);
    expect(client.stats().rememberedListings).toBe(1);
  });

  it('leaves out an instance gone since when the service answers for it with nothing', async () => {
    let live = ['alb-a', 'alb-b', 'alb-c'];
    fake = await startFakeServer(service(() => live, false));
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: fake.endpoint,
      credentials: { kind: 'static', accessKeyId: 'id', accessKeySecret: 'secret' },
    });
    await client.listLoadBalancersAndListeners();
    live = ['alb-a', 'alb-c', 'alb-d'];
    fake.requests.length = 0;
    const refreshed = await client.listLoadBalancersAndListeners();
    expect(refreshed.loadBalancers.map((lb) => lb.loadBalancerId)).toEqual(['alb-a', 'alb-c', 'alb-d']);
    expect([...refreshed.listenersByLoadBalancer.keys()].sort()).toEqual(['alb-a', 'alb-c', 'alb-d']);
    // One page of instances last time: one instance query this time, not a split.
    expect(fake.requests.filter((r) => r.action === 'ListLoadBalancers')).toHaveLength(1);
  });
});
