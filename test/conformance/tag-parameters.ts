// The behaviour of every parameter of the tag actions (ListTagResources, TagResources, UnTagResources)
// for parameters.test.ts: NextToken paging, MaxResults limits, every ResourceType the metadata documents,
// ResourceId lists, Tag filters, TagKey and All. Each write is read back, also through the resource's own
// action (GetLoadBalancerAttribute, GetListenerAttribute, ListServerGroups, ListSecurityPolicies).
import { expect } from 'vitest';
import type { EmulatorState } from '../../source/emulator/state.js';
import type { Product } from './metadata.js';
import type { RawCaller, Reply } from './raw-call.js';
import type { Query } from './replies.js';

type Check = (ctx: { product: Product; action: string }) => Promise<void>;
type Item = Record<string, unknown>;
type TagType = 'loadbalancer' | 'listener' | 'servergroup' | 'securitypolicy';

export interface TagContext {
  call: () => RawCaller;
  /** The local ALB's state now (tags change as the checks run). */
  snapshot: () => EmulatorState;
}

const TYPES: TagType[] = ['loadbalancer', 'listener', 'servergroup', 'securitypolicy'];
const NOT_FOUND: Record<TagType, string> = {
  loadbalancer: 'ResourceNotFound.LoadBalancer',
  listener: 'ResourceNotFound.Listener',
  servergroup: 'ResourceNotFound.ServerGroup',
  securitypolicy: 'ResourceNotFound.SecurityPolicy',
};

/** Each resource of a type with its tags as `key=value`, from the state. */
function resources(s: EmulatorState, type: TagType): { id: string; tags: string[] }[] {
  const pairs = (tags: { key: string; value: string }[] | undefined) =>
    (tags ?? []).map((t) => `${t.key}=${t.value}`);
  switch (type) {
    case 'loadbalancer':
      return s.loadBalancers.map((r) => ({ id: r.loadBalancerId, tags: pairs(r.tags) }));
    case 'listener':
      return s.listeners.map((r) => ({ id: r.listenerId, tags: pairs(r.tags) }));
    case 'servergroup':
      return s.serverGroups.map((r) => ({ id: r.serverGroupId, tags: pairs(r.tags) }));
    case 'securitypolicy':
      return s.customPolicies.map((r) => ({ id: r.securityPolicyId, tags: pairs(r.tags) }));
  }
}

const outcome = (reply: Reply): string => (reply.ok ? 'ok' : reply.code);
const tagQuery = (tags: Record<string, string | undefined>): Query =>
  Object.fromEntries(
    Object.entries(tags).flatMap(([key, value], i) => [
      [`Tag.${i + 1}.Key`, key],
      ...(value === undefined ? [] : [[`Tag.${i + 1}.Value`, value]]),
    ]),
  );
const ids = (prefix: string, list: string[]): Query =>
  Object.fromEntries(list.map((id, i) => [`${prefix}.${i + 1}`, id]));
const pairsOf = (tags: unknown): string[] =>
  ((tags as Item[] | undefined) ?? []).map((t) => `${String(t['Key'])}=${String(t['Value'])}`).sort();

export function tagParameterBehaviour(ctx: TagContext): Record<string, Record<string, Check>> {
  const ok = async (action: string, query: Query): Promise<Item> => {
    const reply = await ctx.call()('alb', action, query);
    if (!reply.ok) throw new Error(`${action} ${JSON.stringify(query)}: ${reply.code}`);
    return reply.body;
  };
  /** Every entry ListTagResources answers for `query`, all pages walked. */
  const entries = async (query: Query): Promise<Item[]> => {
    const out: Item[] = [];
    let token: string | undefined;
    do {
      const body = await ok('ListTagResources', {
        MaxResults: '100',
        ...query,
        ...(token ? { NextToken: token } : {}),
      });
      out.push(...((body['TagResources'] as Item[] | undefined) ?? []));
      token = body['NextToken'] as string | undefined;
    } while (token);
    return out;
  };
  const listed = async (type: TagType, id: string): Promise<string[]> =>
    (await entries({ ResourceType: type, 'ResourceId.1': id }))
      .map((e) => `${String(e['TagKey'])}=${String(e['TagValue'])}`)
      .sort();
  /** The tags the resource's own action shows. */
  const shown = async (type: TagType, id: string): Promise<string[]> => {
    switch (type) {
      case 'loadbalancer':
        return pairsOf((await ok('GetLoadBalancerAttribute', { LoadBalancerId: id }))['Tags']);
      case 'listener':
        return pairsOf((await ok('GetListenerAttribute', { ListenerId: id }))['Tags']);
      case 'servergroup': {
        const body = await ok('ListServerGroups', { 'ServerGroupIds.1': id });
        return pairsOf((body['ServerGroups'] as Item[])[0]?.['Tags']);
      }
      case 'securitypolicy': {
        const body = await ok('ListSecurityPolicies', { 'SecurityPolicyIds.1': id });
        return pairsOf((body['SecurityPolicies'] as Item[])[0]?.['Tags']);
      }
    }
  };
  const write = (action: 'TagResources' | 'UnTagResources', type: TagType, targets: string[], extra: Query) =>
    ctx.call()('alb', action, { ResourceType: type, ...ids('ResourceId', targets), ...extra });
  /** The `slot`-th resource of a type from the end (wrapping): checks write to different ones where they can. */
  const pick = (type: TagType, slot: number): string => {
    const list = resources(ctx.snapshot(), type);
    return list.at(-1 - (slot % list.length))!.id;
  };

  return {
    ListTagResources: {
      NextToken: async () => {
        const query = { ResourceType: 'loadbalancer', 'Tag.1.Key': 'env' };
        const everything = await entries(query);
        expect(everything.length).toBeGreaterThan(10);
        const paged: Item[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const body = await ok('ListTagResources', {
            ...query,
            MaxResults: '5',
            ...(token ? { NextToken: token } : {}),
          });
          paged.push(...(body['TagResources'] as Item[]));
          token = body['NextToken'] as string | undefined;
          pages++;
        } while (token);
        expect(pages).toBe(Math.ceil(everything.length / 5));
        expect(paged).toEqual(everything);
        const listeners = await ok('ListListeners', { MaxResults: '1' });
        const foreign = await ctx.call()('alb', 'ListTagResources', {
          ...query,
          NextToken: String(listeners['NextToken']),
        });
        expect(outcome(foreign)).toBe('InvalidParameter');
      },
      MaxResults: async () => {
        const query = { ResourceType: 'loadbalancer', 'Tag.1.Key': 'env' };
        const one = await ok('ListTagResources', { ...query, MaxResults: '1' });
        expect([(one['TagResources'] as Item[]).length, one['MaxResults']]).toEqual([1, 1]);
        expect((await ok('ListTagResources', query))['MaxResults']).toBe(20);
        const hundred = await ok('ListTagResources', { ...query, MaxResults: '100' });
        expect((hundred['TagResources'] as Item[]).length).toBeGreaterThan(1);
        for (const bad of ['0', '101', 'x']) {
          expect(outcome(await ctx.call()('alb', 'ListTagResources', { ...query, MaxResults: bad }))).toBe(
            'InvalidParameter',
          );
        }
      },
      ResourceType: async () => {
        await write('TagResources', 'listener', [pick('listener', 0)], tagQuery({ tier: 'edge' }));
        for (const type of TYPES) {
          const resource = resources(ctx.snapshot(), type).find((r) => r.tags.length > 0)!;
          const found = await entries({ ResourceType: type, 'ResourceId.1': resource.id });
          expect(found.map((e) => [e['ResourceType'], e['ResourceId']])).toEqual(
            resource.tags.map(() => [type, resource.id]),
          );
          expect(found.map((e) => `${String(e['TagKey'])}=${String(e['TagValue'])}`).sort()).toEqual(
            [...resource.tags].sort(),
          );
          // The same ID under another type is a resource of that type that does not exist.
          const other = TYPES[(TYPES.indexOf(type) + 1) % TYPES.length]!;
          const wrong = await ctx.call()('alb', 'ListTagResources', {
            ResourceType: other,
            'ResourceId.1': resource.id,
          });
          expect(outcome(wrong)).toBe(NOT_FOUND[other]);
        }
        for (const type of ['acl', 'vpc']) {
          const reply = await ctx.call()('alb', 'ListTagResources', {
            ResourceType: type,
            'Tag.1.Key': 'env',
          });
          expect(outcome(reply)).toBe('InvalidParameter');
        }
      },
      ResourceId: async () => {
        const all = resources(ctx.snapshot(), 'loadbalancer');
        const prod = all.find((r) => r.tags.includes('env=prod') && r.tags.length > 1)!;
        const staging = all.find((r) => r.tags.includes('env=staging'))!;
        const both = await entries({
          ResourceType: 'loadbalancer',
          ...ids('ResourceId', [prod.id, staging.id]),
        });
        expect(new Set(both.map((e) => e['ResourceId']))).toEqual(new Set([prod.id, staging.id]));
        expect(both).toHaveLength(prod.tags.length + staging.tags.length);
        // With a Tag filter too, only the named resources that carry it.
        const narrowed = await entries({
          ResourceType: 'loadbalancer',
          ...ids('ResourceId', [prod.id, staging.id]),
          ...tagQuery({ env: 'prod' }),
        });
        expect(narrowed.map((e) => e['ResourceId'])).toEqual([prod.id]);
        const unknown = await ctx.call()('alb', 'ListTagResources', {
          ResourceType: 'loadbalancer',
          ...ids('ResourceId', [prod.id, 'alb-doesnotexist00000000']),
        });
        expect(outcome(unknown)).toBe('ResourceNotFound.LoadBalancer');
        const tooMany = Array.from({ length: 51 }, () => prod.id);
        expect(
          outcome(
            await ctx.call()('alb', 'ListTagResources', {
              ResourceType: 'loadbalancer',
              ...ids('ResourceId', tooMany),
            }),
          ),
        ).toBe('InvalidParameter');
        expect(outcome(await ctx.call()('alb', 'ListTagResources', { ResourceType: 'loadbalancer' }))).toBe(
          'MissingParameter',
        );
      },
      Tag: async () => {
        const s = ctx.snapshot();
        const holders = (type: TagType, ...tags: string[]) =>
          resources(s, type)
            .filter((r) =>
              tags.every((t) =>
                t.includes('=') ? r.tags.includes(t) : r.tags.some((p) => p.startsWith(`${t}=`)),
              ),
            )
            .map((r) => r.id)
            .sort();
        const idsFound = (found: Item[]) => [...new Set(found.map((e) => String(e['ResourceId'])))].sort();
        const prod = await entries({ ResourceType: 'loadbalancer', ...tagQuery({ env: 'prod' }) });
        expect(idsFound(prod)).toEqual(holders('loadbalancer', 'env=prod'));
        expect(prod.every((e) => e['TagKey'] === 'env' && e['TagValue'] === 'prod')).toBe(true);
        // A key alone matches any value; two tags must both be there.
        const team = await entries({ ResourceType: 'loadbalancer', ...tagQuery({ team: undefined }) });
        expect(idsFound(team)).toEqual(holders('loadbalancer', 'team'));
        expect(idsFound(team).length).toBeLessThan(resources(s, 'loadbalancer').length);
        const twoTags = await entries({
          ResourceType: 'loadbalancer',
          ...tagQuery({ env: 'prod', team: 'web' }),
        });
        expect(idsFound(twoTags)).toEqual(holders('loadbalancer', 'env=prod', 'team=web'));
        expect(idsFound(twoTags).length).toBeLessThan(idsFound(prod).length);
        const payment = await entries({ ResourceType: 'servergroup', ...tagQuery({ app: 'payment' }) });
        expect(idsFound(payment)).toEqual(holders('servergroup', 'app=payment'));
        expect(await entries({ ResourceType: 'loadbalancer', ...tagQuery({ env: 'nowhere' }) })).toEqual([]);
      },
    },
    TagResources: {
      ResourceType: async () => {
        for (const type of TYPES) {
          const id = pick(type, 1);
          const before = await shown(type, id);
          expect(outcome(await write('TagResources', type, [id], tagQuery({ tagged: type })))).toBe('ok');
          expect(await shown(type, id)).toEqual([...before, `tagged=${type}`].sort());
          expect(await listed(type, id)).toEqual([...before, `tagged=${type}`].sort());
        }
        expect(
          outcome(await write('TagResources', 'acl' as TagType, ['acl-123'], tagQuery({ k: 'v' }))),
        ).toBe('InvalidParameter');
      },
      ResourceId: async () => {
        const [a, b, c] = [pick('servergroup', 2), pick('servergroup', 3), pick('servergroup', 4)];
        expect(outcome(await write('TagResources', 'servergroup', [a, b], tagQuery({ batch: 'one' })))).toBe(
          'ok',
        );
        expect(await shown('servergroup', a)).toContain('batch=one');
        expect(await shown('servergroup', b)).toContain('batch=one');
        expect(await shown('servergroup', c)).not.toContain('batch=one');
        // All or nothing: an unknown ID among them changes none.
        const partly = await write(
          'TagResources',
          'servergroup',
          [c, 'sgp-doesnotexist0000000'],
          tagQuery({ batch: 'two' }),
        );
        expect(outcome(partly)).toBe('ResourceNotFound.ServerGroup');
        expect(await shown('servergroup', c)).not.toContain('batch=two');
        expect(outcome(await write('TagResources', 'servergroup', [], tagQuery({ batch: 'three' })))).toBe(
          'MissingParameter',
        );
      },
      Tag: async () => {
        const id = pick('loadbalancer', 1);
        expect(
          outcome(await write('TagResources', 'loadbalancer', [id], tagQuery({ owner: 'sre', cost: 'a1' }))),
        ).toBe('ok');
        // An existing key takes the new value; it is not added twice.
        expect(outcome(await write('TagResources', 'loadbalancer', [id], tagQuery({ cost: 'b2' })))).toBe(
          'ok',
        );
        const tags = await shown('loadbalancer', id);
        expect(tags.filter((t) => t.startsWith('cost='))).toEqual(['cost=b2']);
        expect(tags).toContain('owner=sre');
        const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
        for (const bad of [
          many,
          { 'aliyun-x': 'v' },
          { k: 'see https://example.com' },
          { ['k'.repeat(129)]: 'v' },
        ]) {
          expect(outcome(await write('TagResources', 'loadbalancer', [id], tagQuery(bad)))).toBe(
            'InvalidParameter',
          );
        }
        expect(outcome(await write('TagResources', 'loadbalancer', [id], {}))).toBe('MissingParameter');
        expect(await shown('loadbalancer', id)).toEqual(tags);
      },
    },
    UnTagResources: {
      ResourceType: async () => {
        for (const type of TYPES) {
          const id = pick(type, 5);
          const before = await shown(type, id);
          await write('TagResources', type, [id], tagQuery({ untag: type }));
          expect(outcome(await write('UnTagResources', type, [id], ids('TagKey', ['untag'])))).toBe('ok');
          expect(await shown(type, id)).toEqual(before);
        }
      },
      ResourceId: async () => {
        const targets = [pick('listener', 6), pick('listener', 7), pick('listener', 8)];
        await write('TagResources', 'listener', targets, tagQuery({ wave: '1' }));
        expect(
          outcome(await write('UnTagResources', 'listener', targets.slice(0, 2), ids('TagKey', ['wave']))),
        ).toBe('ok');
        expect(await listed('listener', targets[0]!)).not.toContain('wave=1');
        expect(await listed('listener', targets[1]!)).not.toContain('wave=1');
        expect(await listed('listener', targets[2]!)).toContain('wave=1');
        const unknown = await write(
          'UnTagResources',
          'listener',
          ['lsn-doesnotexist000000000'],
          ids('TagKey', ['wave']),
        );
        expect(outcome(unknown)).toBe('ResourceNotFound.Listener');
      },
      Tag: async () => {
        const id = pick('securitypolicy', 0);
        await write('TagResources', 'securitypolicy', [id], tagQuery({ a: '1', b: '2' }));
        // A pair removes the tag only where the value matches; a key alone removes it whatever its value.
        await write('UnTagResources', 'securitypolicy', [id], tagQuery({ a: 'other' }));
        expect(await shown('securitypolicy', id)).toContain('a=1');
        await write('UnTagResources', 'securitypolicy', [id], tagQuery({ a: '1' }));
        expect(await shown('securitypolicy', id)).not.toContain('a=1');
        await write('UnTagResources', 'securitypolicy', [id], tagQuery({ b: undefined }));
        expect(await shown('securitypolicy', id)).not.toContain('b=2');
      },
      TagKey: async () => {
        const id = pick('loadbalancer', 2);
        const before = await shown('loadbalancer', id);
        await write('TagResources', 'loadbalancer', [id], tagQuery({ c: '1', d: '2', e: '3' }));
        expect(outcome(await write('UnTagResources', 'loadbalancer', [id], ids('TagKey', ['c', 'd'])))).toBe(
          'ok',
        );
        expect(await shown('loadbalancer', id)).toEqual([...before, 'e=3'].sort());
        const tooMany = ids(
          'TagKey',
          Array.from({ length: 21 }, (_, i) => `k${i}`),
        );
        expect(outcome(await write('UnTagResources', 'loadbalancer', [id], tooMany))).toBe(
          'InvalidParameter',
        );
        expect(outcome(await write('UnTagResources', 'loadbalancer', [id], {}))).toBe('MissingParameter');
      },
      All: async () => {
        const id = pick('servergroup', 6);
        expect(await listed('servergroup', id)).not.toEqual([]);
        expect(outcome(await write('UnTagResources', 'servergroup', [id], { All: 'false' }))).toBe(
          'MissingParameter',
        );
        expect(await listed('servergroup', id)).not.toEqual([]);
        expect(outcome(await write('UnTagResources', 'servergroup', [id], { All: 'true' }))).toBe('ok');
        expect(await listed('servergroup', id)).toEqual([]);
        expect(await shown('servergroup', id)).toEqual([]);
        expect(outcome(await write('UnTagResources', 'servergroup', [id], { All: 'maybe' }))).toBe(
          'InvalidParameter',
        );
      },
    },
  };
}
