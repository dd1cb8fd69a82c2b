// Every enumerated value the screen shows has its words in both languages. The values are read from
// the official API metadata (the `- **Value**：…` list in each field's description), so a value a
// new release of the metadata adds fails here until the table has it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { XForwardedForConfig } from '../../source/domain/resources.js';
import { ENUM_WORDS, enumWord, type EnumField } from '../../source/ui/dashboard/enum-words.js';
import { REPO_ROOT } from '../helpers/terminal.js';

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Api {
  responses: Record<string, { schema: Schema }>;
}

const METADATA_FILE = 'alb-2020-06-16.api-docs.json';
/** In the repository when it carries the metadata, else beside it (`../shared/reference`). */
const METADATA_PATH = [
  join(REPO_ROOT, 'reference', METADATA_FILE),
  join(REPO_ROOT, '..', 'shared', 'reference', METADATA_FILE),
  join(REPO_ROOT, '..', '..', 'shared', 'reference', METADATA_FILE),
].find((path) => existsSync(path));
if (!METADATA_PATH) throw new Error(`${METADATA_FILE} not found beside the repository`);
const METADATA = JSON.parse(readFileSync(METADATA_PATH, 'utf8')) as { apis: Record<string, Api> };

/** The values listed in the description of the response field at `path` (`Servers.Status`). */
function metadataValues(api: string, path: string): string[] {
  let schema: Schema | undefined = METADATA.apis[api]?.responses['200']?.schema;
  for (const part of path.split('.')) {
    while (schema?.items) schema = schema.items;
    schema = schema?.properties?.[part];
  }
  while (schema?.items) schema = schema.items;
  const description = schema?.description ?? '';
  return [...description.matchAll(/^\s*-\s*\*\*([^*]+)\*\*/gm)].map((match) => match[1]!.trim());
}

/** The response fields each table translates, as the metadata names them. */
const SOURCES: Record<EnumField, readonly (readonly [string, string])[]> = {
  loadBalancerStatus: [
    ['ListLoadBalancers', 'LoadBalancers.LoadBalancerStatus'],
    ['GetLoadBalancerAttribute', 'LoadBalancerStatus'],
  ],
  loadBalancerEdition: [['ListLoadBalancers', 'LoadBalancers.LoadBalancerEdition']],
  addressType: [['ListLoadBalancers', 'LoadBalancers.AddressType']],
  addressIpVersion: [['ListLoadBalancers', 'LoadBalancers.AddressIpVersion']],
  listenerStatus: [
    ['ListListeners', 'Listeners.ListenerStatus'],
    ['GetListenerAttribute', 'ListenerStatus'],
  ],
  // Not in this release of the metadata (it came later): the values the app's types allow.
  xffProcessingMode: [],
  serverGroupType: [['ListServerGroups', 'ServerGroups.ServerGroupType']],
  serverGroupStatus: [['ListServerGroups', 'ServerGroups.ServerGroupStatus']],
  scheduler: [['ListServerGroups', 'ServerGroups.Scheduler']],
  serverStatus: [['ListServerGroupServers', 'Servers.Status']],
  // The reply's ServerType has no list; the request that sets it does (AddServersToServerGroup).
  serverType: [],
  certificateStatus: [['ListListenerCertificates', 'Certificates.Status']],
};

const XFF_MODES: Record<NonNullable<XForwardedForConfig['XForwardedForProcessingMode']>, true> = {
  append: true,
  remove: true,
};
const SERVER_TYPES = ['Ecs', 'Eni', 'Eci', 'Ip', 'Fc'];

/** Written the same in the Chinese console: acronyms and version names. */
const SAME_IN_CHINESE = new Set(['IPv4', 'IP', 'ECS']);

describe('enum words', () => {
  it('covers every value the metadata lists for each field the screen shows', () => {
    for (const [field, sources] of Object.entries(SOURCES) as [EnumField, (typeof SOURCES)[EnumField]][]) {
      const values = new Set(sources.flatMap(([api, path]) => metadataValues(api, path)));
      if (field === 'xffProcessingMode') for (const mode of Object.keys(XFF_MODES)) values.add(mode);
      if (field === 'serverType') for (const type of SERVER_TYPES) values.add(type);
      expect(values.size, field).toBeGreaterThan(1);
      for (const value of values)
        expect(Object.keys(ENUM_WORDS[field]), `${field}: ${value}`).toContain(value);
    }
  });

  it('finds the request-only lists in the metadata too', () => {
    const request = METADATA.apis['AddServersToServerGroup'] as unknown as {
      parameters: { name: string; schema: { items?: { properties?: Record<string, Schema> } } }[];
    };
    const servers = request.parameters.find((parameter) => parameter.name === 'Servers');
    const description = servers?.schema.items?.properties?.['ServerType']?.description ?? '';
    const listed = [...description.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...SERVER_TYPES].sort());
  });

  it('says each in Chinese as the console does', () => {
    for (const [field, table] of Object.entries(ENUM_WORDS)) {
      for (const [value, words] of Object.entries(table)) {
        expect(words.en, `${field}.${value}`).not.toBe('');
        if (!SAME_IN_CHINESE.has(words['zh-CN']))
          expect(words['zh-CN'], `${field}.${value}`).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(enumWord('serverGroupType', 'Instance', 'zh-CN')).toBe('服务器');
    expect(enumWord('serverStatus', 'Available', 'zh-CN')).toBe('可用');
    expect(enumWord('xffProcessingMode', 'append', 'zh-CN')).toBe('追加');
  });

  it('shows a value it does not know as it comes, made safe', () => {
    expect(enumWord('serverStatus', 'Draining\x1b[2J', 'zh-CN')).toBe('Draining');
  });
});
