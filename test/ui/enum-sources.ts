// Where the official API metadata lists the values of each enumerated field the screen shows (the
// `- **Value**：…` list in a field's description), and how to read them. Used by the enum-words test
// through a fixture, and by scripts/enum-values.ts, which writes that fixture from the metadata.
import type { EnumField } from '../../source/ui/dashboard/enum-words.js';

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Api {
  responses?: Record<string, { schema: Schema }>;
  parameters?: { name: string; schema: Schema }[];
}
export interface Metadata {
  apis: Record<string, Api>;
}

/** The response fields each table translates, as the metadata names them. */
export const SOURCES: Record<EnumField, readonly (readonly [string, string])[]> = {
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

function listed(description: string | undefined): string[] {
  return [...(description ?? '').matchAll(/^\s*-\s*\*\*([^*]+)\*\*/gm)].map((match) => match[1]!.trim());
}

/** The values listed in the description of the response field at `path` (`Servers.Status`). */
function responseValues(metadata: Metadata, api: string, path: string): string[] {
  let schema: Schema | undefined = metadata.apis[api]?.responses?.['200']?.schema;
  for (const part of path.split('.')) {
    while (schema?.items) schema = schema.items;
    schema = schema?.properties?.[part];
  }
  while (schema?.items) schema = schema.items;
  return listed(schema?.description);
}

/** Every field's listed values, and the server types the AddServersToServerGroup request lists. */
export function enumValues(metadata: Metadata): {
  fields: Record<EnumField, string[]>;
  serverTypes: string[];
} {
  const fields = Object.fromEntries(
    (Object.entries(SOURCES) as [EnumField, (typeof SOURCES)[EnumField]][]).map(([field, sources]) => [
      field,
      [...new Set(sources.flatMap(([api, path]) => responseValues(metadata, api, path)))].sort(),
    ]),
  ) as Record<EnumField, string[]>;
  const servers = metadata.apis['AddServersToServerGroup']?.parameters?.find((p) => p.name === 'Servers');
  const description = servers?.schema.items?.properties?.['ServerType']?.description ?? '';
  const serverTypes = [...description.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => match[1]!).sort();
  return { fields, serverTypes };
}
