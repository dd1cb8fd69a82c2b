// The tags family: ListTagResources, TagResources, UnTagResources over instances, listeners, server
// groups and custom security policies (the resources the local ALB keeps tags on; it keeps no ACLs).
// Terraform's provider reads a listener's and an instance's tags with ListTagResources; the limits are
// the metadata's (50 resources, 20 tags a call, keys and values of at most 128 characters that neither
// start with `aliyun` or `acs:` nor hold a URL).
import type { LoadBalancer, Tag } from '../domain/resources.js';
import type { Args } from './args.js';
import { paginate } from './args.js';
import { invalidParameter, missingParameter, notFound } from './errors.js';
import type { EmulatorState, StoredListener, StoredSecurityPolicy, StoredServerGroup } from './state.js';

type Json = Record<string, unknown>;
export type ActionTable = Record<string, (args: Args) => Json>;

export const TAG_RESOURCE_TYPES = ['loadbalancer', 'listener', 'servergroup', 'securitypolicy'] as const;
type TagResourceType = (typeof TAG_RESOURCE_TYPES)[number];
/** The metadata's other ResourceType value: documented, but the local ALB keeps no ACLs. */
const UNTAGGED_RESOURCE_TYPES = ['acl'];
const NOT_FOUND_KIND = {
  loadbalancer: 'LoadBalancer',
  listener: 'Listener',
  servergroup: 'ServerGroup',
  securitypolicy: 'SecurityPolicy',
} as const;

export const MAX_TAGS_PER_RESOURCE = 20;
const MAX_RESOURCE_IDS = 50;
const MAX_TAGS_PER_CALL = 20;
const MAX_TAG_TEXT = 128;

export interface TagHost {
  readonly state: EmulatorState;
  /** Called after a resource's tags changed (drops what was rendered of it, persists the state). */
  tagsChanged(kind: TagResourceType, resource: TaggedResource): void;
}

type TaggedResource = LoadBalancer | StoredListener | StoredServerGroup | StoredSecurityPolicy;

interface Tagged {
  id: string;
  resource: TaggedResource;
}

const tagsOf = (resource: TaggedResource): Tag[] => resource.tags ?? [];

export function tagActions(host: TagHost): ActionTable {
  const resourcesOf = (type: TagResourceType): Tagged[] => {
    switch (type) {
      case 'loadbalancer':
        return host.state.loadBalancers.map((lb) => ({ id: lb.loadBalancerId, resource: lb }));
      case 'listener':
        return host.state.listeners.map((l) => ({ id: l.listenerId, resource: l }));
      case 'servergroup':
        return host.state.serverGroups.map((g) => ({ id: g.serverGroupId, resource: g }));
      case 'securitypolicy':
        return host.state.customPolicies.map((p) => ({ id: p.securityPolicyId, resource: p }));
    }
  };

  /** The named resources, in the order asked; a missing one is refused as the service does. */
  const find = (type: TagResourceType, ids: string[]): Tagged[] => {
    const byId = new Map(resourcesOf(type).map((r) => [r.id, r]));
    return [...new Set(ids)].map((id) => {
      const found = byId.get(id);
      if (!found) throw notFound(NOT_FOUND_KIND[type], id);
      return found;
    });
  };

  return {
    ListTagResources(args) {
      const type = resourceType(args);
      const ids = args.list('ResourceId', MAX_RESOURCE_IDS);
      const wanted = tagArgs(args, 'filter');
      if (ids.length === 0 && wanted.length === 0) throw missingParameter('ResourceId');
      const candidates = ids.length > 0 ? find(type, ids) : resourcesOf(type);
      const entries: Json[] = [];
      for (const { id, resource } of candidates) {
        const matches = wanted.every((w) =>
          tagsOf(resource).some((t) => t.key === w.key && (w.value === undefined || t.value === w.value)),
        );
        if (!matches) continue;
        const keys = new Set(wanted.map((w) => w.key));
        for (const tag of tagsOf(resource)) {
          if (keys.size > 0 && !keys.has(tag.key)) continue;
          entries.push({ ResourceId: id, ResourceType: type, TagKey: tag.key, TagValue: tag.value });
        }
      }
      const page = paginate(entries, args, 'ListTagResources');
      return { TagResources: page.items, MaxResults: page.paging.MaxResults, ...nextToken(page.paging) };
    },

    TagResources(args) {
      const type = resourceType(args);
      const ids = requiredList(args, 'ResourceId', MAX_RESOURCE_IDS);
      const tags = tagArgs(args, 'set');
      if (tags.length === 0) throw missingParameter('Tag');
      const targets = find(type, ids);
      // All or nothing: every resource is checked before any changes.
      const updated = targets.map(({ resource }) => {
        const next = [...tagsOf(resource)];
        for (const tag of tags) {
          const existing = next.findIndex((t) => t.key === tag.key);
          const value = tag.value ?? '';
          if (existing >= 0) next[existing] = { key: tag.key, value };
          else next.push({ key: tag.key, value });
        }
        if (next.length > MAX_TAGS_PER_RESOURCE)
          throw invalidParameter('Tag', `a resource takes at most ${MAX_TAGS_PER_RESOURCE} tags`);
        return next;
      });
      targets.forEach(({ resource }, index) => {
        resource.tags = updated[index]!;
        host.tagsChanged(type, resource);
      });
      return {};
    },

    UnTagResources(args) {
      const type = resourceType(args);
      const ids = requiredList(args, 'ResourceId', MAX_RESOURCE_IDS);
      const all = args.boolean('All') === true;
      const keys = args.list('TagKey', MAX_TAGS_PER_CALL);
      keys.forEach((key, index) => checkTagText(`TagKey.${index + 1}`, key, true));
      const pairs = tagArgs(args, 'filter');
      if (!all && keys.length === 0 && pairs.length === 0) throw missingParameter('TagKey');
      const targets = find(type, ids);
      for (const { resource } of targets) {
        const before = tagsOf(resource);
        const kept = all
          ? []
          : before.filter(
              (t) =>
                !keys.includes(t.key) &&
                !pairs.some((p) => p.key === t.key && (p.value === undefined || p.value === t.value)),
            );
        if (kept.length === before.length) continue;
        resource.tags = kept;
        host.tagsChanged(type, resource);
      }
      return {};
    },
  };
}

function resourceType(args: Args): TagResourceType {
  const type = args.required('ResourceType');
  if ((TAG_RESOURCE_TYPES as readonly string[]).includes(type)) return type as TagResourceType;
  if (UNTAGGED_RESOURCE_TYPES.includes(type))
    throw invalidParameter(
      'ResourceType',
      `the local ALB keeps no ACLs; it keeps tags on ${TAG_RESOURCE_TYPES.join(', ')}`,
    );
  throw invalidParameter(
    'ResourceType',
    `must be one of ${[...TAG_RESOURCE_TYPES, ...UNTAGGED_RESOURCE_TYPES].join(', ')}`,
  );
}

function requiredList(args: Args, name: string, max: number): string[] {
  const values = args.list(name, max);
  if (values.length === 0) throw missingParameter(name);
  values.forEach((value, index) => {
    if (value === '') throw missingParameter(`${name}.${index + 1}`);
  });
  return values;
}

/** `Tag.N.Key` / `Tag.N.Value`: as filters (a value is optional) or to set (checked as new tags). */
function tagArgs(args: Args, use: 'filter' | 'set'): { key: string; value?: string }[] {
  const tags = args.tags();
  if (tags.length > MAX_TAGS_PER_CALL) throw invalidParameter('Tag', `at most ${MAX_TAGS_PER_CALL} tags`);
  tags.forEach((tag, index) => {
    checkTagText(`Tag.${index + 1}.Key`, tag.key, use === 'set');
    if (tag.value !== undefined) checkTagText(`Tag.${index + 1}.Value`, tag.value, use === 'set');
  });
  if (use === 'set') {
    const keys = tags.map((t) => t.key);
    const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
    if (repeated !== undefined) throw invalidParameter('Tag', `the key "${repeated}" is given twice`);
  }
  return tags;
}

function checkTagText(name: string, text: string, reserved: boolean): void {
  if ([...text].length > MAX_TAG_TEXT) throw invalidParameter(name, `at most ${MAX_TAG_TEXT} characters`);
  if (reserved && /^(aliyun|acs:)/i.test(text))
    throw invalidParameter(name, 'must not start with "aliyun" or "acs:"');
  if (reserved && /https?:\/\//i.test(text))
    throw invalidParameter(name, 'must not contain "http://" or "https://"');
}

function nextToken(paging: { NextToken?: string }): { NextToken?: string } {
  return paging.NextToken === undefined ? {} : { NextToken: paging.NextToken };
}
