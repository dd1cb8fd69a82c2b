// The tags family of the local ALB through the real SDK: ListTagResources (as Terraform reads a
// listener's tags), TagResources and UnTagResources on instances and listeners, with the metadata's limits.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorState, type RunningEmulator } from '../../source/emulator/index.js';
import { $Alb, clients, expectErrorBody, failure, type Clients } from './helpers.js';

let emulator: RunningEmulator;
let sdk: Clients;
let state: EmulatorState;

beforeEach(async () => {
  // Keeping rendered items, as `alb-tui emulator` does: a tag change must still show in the lists.
  emulator = await startEmulator({ seed: 11, keepRenderedItems: true });
  sdk = clients(emulator);
  state = emulator.snapshot();
});
afterEach(() => emulator.close());

const instance = (name: string) => state.loadBalancers.find((l) => l.loadBalancerName === name)!;

const list = (request: ConstructorParameters<typeof $Alb.ListTagResourcesRequest>[0]) =>
  sdk.alb.listTagResources(new $Alb.ListTagResourcesRequest(request));

describe('ListTagResources', () => {
  test("reads an instance's demo tags, one entry per tag", async () => {
    const lb = instance('prod-web');
    const answer = await list({ resourceType: 'loadbalancer', resourceId: [lb.loadBalancerId] });
    expect(
      answer.body?.tagResources?.map((t) => [t.resourceId, t.resourceType, t.tagKey, t.tagValue]),
    ).toEqual([
      [lb.loadBalancerId, 'loadbalancer', 'env', 'prod'],
      [lb.loadBalancerId, 'loadbalancer', 'team', 'web'],
    ]);
  });

  test("reads a listener's tags as Terraform does (ResourceType listener)", async () => {
    const listener = state.listeners[0]!;
    const untagged = await list({ resourceType: 'listener', resourceId: [listener.listenerId] });
    expect(untagged.body?.tagResources).toEqual([]);
    await sdk.alb.tagResources(
      new $Alb.TagResourcesRequest({
        resourceType: 'listener',
        resourceId: [listener.listenerId],
        tag: [new $Alb.TagResourcesRequestTag({ key: 'env', value: 'prod' })],
      }),
    );
    const answer = await list({ resourceType: 'listener', resourceId: [listener.listenerId] });
    expect(
      answer.body?.tagResources?.map((t) => [t.resourceId, t.resourceType, t.tagKey, t.tagValue]),
    ).toEqual([[listener.listenerId, 'listener', 'env', 'prod']]);
  });

  test('finds resources by tag alone, with NextToken paging', async () => {
    const prod = state.loadBalancers.filter((lb) =>
      lb.tags.some((t) => t.key === 'env' && t.value === 'prod'),
    );
    expect(prod.length).toBeGreaterThan(1);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await list({
        resourceType: 'loadbalancer',
        tag: [new $Alb.ListTagResourcesRequestTag({ key: 'env', value: 'prod' })],
        maxResults: 1,
        nextToken,
      });
      expect(page.body?.tagResources).toHaveLength(1);
      expect(page.body?.tagResources?.[0]?.tagKey).toBe('env');
      seen.push(page.body?.tagResources?.[0]?.resourceId ?? '');
      nextToken = page.body?.nextToken || undefined;
    } while (nextToken);
    expect(seen).toEqual(prod.map((lb) => lb.loadBalancerId));
  });

  test('refuses what the metadata refuses', async () => {
    const neither = await failure(list({ resourceType: 'loadbalancer' }));
    expect(neither.code).toBe('MissingParameter');
    const unknown = await failure(list({ resourceType: 'loadbalancer', resourceId: ['alb-nosuchthing'] }));
    expect(unknown.statusCode).toBe(404);
    expectErrorBody(unknown.data, 'ResourceNotFound.LoadBalancer');
    const tooMany = await failure(
      list({ resourceType: 'listener', resourceId: Array.from({ length: 51 }, (_, i) => `lsn-${i}`) }),
    );
    expect(tooMany.code).toBe('InvalidParameter');
    const type = await failure(list({ resourceType: 'vpc', resourceId: ['vpc-1'] }));
    expect(type.code).toBe('InvalidParameter');
  });
});

describe('TagResources and UnTagResources', () => {
  test('add, overwrite and remove tags; the lists show the change', async () => {
    const lb = instance('prod-web');
    await sdk.alb.tagResources(
      new $Alb.TagResourcesRequest({
        resourceType: 'loadbalancer',
        resourceId: [lb.loadBalancerId],
        tag: [
          new $Alb.TagResourcesRequestTag({ key: 'owner', value: 'sre' }),
          new $Alb.TagResourcesRequestTag({ key: 'team', value: 'edge' }),
        ],
      }),
    );
    const listed = await sdk.alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ loadBalancerIds: [lb.loadBalancerId] }),
    );
    expect(listed.body?.loadBalancers?.[0]?.tags?.map((t) => `${t.key}=${t.value}`)).toEqual([
      'env=prod',
      'team=edge',
      'owner=sre',
    ]);

    await sdk.alb.unTagResources(
      new $Alb.UnTagResourcesRequest({
        resourceType: 'loadbalancer',
        resourceId: [lb.loadBalancerId],
        tagKey: ['team'],
      }),
    );
    const after = await list({ resourceType: 'loadbalancer', resourceId: [lb.loadBalancerId] });
    expect(after.body?.tagResources?.map((t) => t.tagKey)).toEqual(['env', 'owner']);

    await sdk.alb.unTagResources(
      new $Alb.UnTagResourcesRequest({
        resourceType: 'loadbalancer',
        resourceId: [lb.loadBalancerId],
        all: true,
      }),
    );
    expect(
      (await list({ resourceType: 'loadbalancer', resourceId: [lb.loadBalancerId] })).body?.tagResources,
    ).toEqual([]);
  });

  test('a listener tagged shows it in GetListenerAttribute and ListListeners', async () => {
    const listener = state.listeners[0]!;
    await sdk.alb.tagResources(
      new $Alb.TagResourcesRequest({
        resourceType: 'listener',
        resourceId: [listener.listenerId],
        tag: [new $Alb.TagResourcesRequestTag({ key: 'canary', value: 'yes' })],
      }),
    );
    const got = await sdk.alb.getListenerAttribute(
      new $Alb.GetListenerAttributeRequest({ listenerId: listener.listenerId }),
    );
    expect(got.body?.tags?.some((t) => t.key === 'canary' && t.value === 'yes')).toBe(true);
    const listed = await sdk.alb.listListeners(
      new $Alb.ListListenersRequest({ listenerIds: [listener.listenerId] }),
    );
    expect(listed.body?.listeners?.[0]?.tags?.some((t) => t.key === 'canary')).toBe(true);
  });

  test('refuses reserved keys, URLs, long text, more than 20 tags, and unknown resources — changing nothing', async () => {
    const lb = instance('prod-web');
    const tag = (key: string, value = 'v') =>
      sdk.alb.tagResources(
        new $Alb.TagResourcesRequest({
          resourceType: 'loadbalancer',
          resourceId: [lb.loadBalancerId],
          tag: [new $Alb.TagResourcesRequestTag({ key, value })],
        }),
      );
    for (const call of [
      tag('aliyun-x'),
      tag('acs:x'),
      tag('k', 'see https://example.com'),
      tag('k'.repeat(129)),
    ]) {
      expect((await failure(call)).code).toBe('InvalidParameter');
    }
    const many = Array.from(
      { length: 19 },
      (_, i) => new $Alb.TagResourcesRequestTag({ key: `k${i}`, value: 'v' }),
    );
    const full = await failure(
      sdk.alb.tagResources(
        new $Alb.TagResourcesRequest({
          resourceType: 'loadbalancer',
          resourceId: [lb.loadBalancerId],
          tag: many,
        }),
      ),
    );
    expect(full.code).toBe('InvalidParameter');
    expect(full.data['Message']).toMatch(/at most 20 tags/);
    const missing = await failure(
      sdk.alb.tagResources(
        new $Alb.TagResourcesRequest({
          resourceType: 'listener',
          resourceId: [state.listeners[0]!.listenerId, 'lsn-nosuchthing'],
          tag: [new $Alb.TagResourcesRequestTag({ key: 'k', value: 'v' })],
        }),
      ),
    );
    expectErrorBody(missing.data, 'ResourceNotFound.Listener');
    expect(
      emulator.snapshot().loadBalancers.find((l) => l.loadBalancerId === lb.loadBalancerId)?.tags,
    ).toEqual(lb.tags);
    expect(emulator.snapshot().listeners[0]?.tags).toEqual(state.listeners[0]?.tags);
    const nothing = await failure(
      sdk.alb.unTagResources(
        new $Alb.UnTagResourcesRequest({ resourceType: 'loadbalancer', resourceId: [lb.loadBalancerId] }),
      ),
    );
    expect(nothing.code).toBe('MissingParameter');
  });
});
