// The dashboard's listing cache, wired to the data directory: read before the first frame for the
// connection the command line chose, written after each fresh listing that changed something.
// Imports nothing heavy (no store, no SDK): it runs beside the dashboard's own import.
import type { Connection } from '../ui/connection.js';
import type { CachedDashboard, ListingCache } from '../ui/dashboard/cached-listing.js';
import type { Snapshot } from '../ui/dashboard/rows.js';
import type { SecurityPolicy, ServerGroup } from '../domain/resources.js';
import { dataDir } from '../store/paths.js';
import {
  readListingCacheFor,
  writeListingCache,
  type CachedListing,
  type ListingToCache,
} from '../store/listing-cache.js';

/** What the command line asked to open; `:ctx NAME` is the same as `--connection NAME`. */
export interface StartChoice {
  connectionName?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
}

/** The index key of a way of starting. */
export function startKey(choice: StartChoice): string {
  return JSON.stringify([choice.connectionName ?? null, choice.endpoint ?? null, choice.region ?? null]);
}

function toSnapshot(cached: CachedListing): Snapshot {
  const serverGroups: ServerGroup[] = [...cached.serverGroupNames].map(
    ([serverGroupId, serverGroupName]) => ({
      serverGroupId,
      serverGroupName,
      serverGroupType: 'Instance',
      serverGroupStatus: 'Available',
      protocol: 'HTTP',
      scheduler: 'Wrr',
      vpcId: '',
      serverCount: 0,
      relatedLoadBalancerIds: [],
    }),
  );
  const securityPolicies: SecurityPolicy[] = [...cached.policyNames].map(
    ([securityPolicyId, securityPolicyName]) => ({
      securityPolicyId,
      securityPolicyName,
      kind: 'custom',
      tlsVersions: [],
      ciphers: [],
    }),
  );
  return {
    loadBalancers: cached.loadBalancers,
    listenersByLoadBalancer: cached.listenersByLoadBalancer,
    serverGroups,
    securityPolicies,
  };
}

function toCached(listing: CachedDashboard): ListingToCache {
  const { snapshot } = listing;
  return {
    connection: listing.connection,
    savedAt: listing.savedAt,
    loadBalancers: [...snapshot.loadBalancers],
    listenersByLoadBalancer: new Map(
      [...snapshot.listenersByLoadBalancer].map(([id, listeners]) => [id, [...listeners]]),
    ),
    serverGroupNames: new Map(
      (snapshot.serverGroups ?? []).map((group) => [group.serverGroupId, group.serverGroupName]),
    ),
    policyNames: new Map(
      (snapshot.securityPolicies ?? [])
        .filter((policy) => policy.kind === 'custom' && policy.securityPolicyName)
        .map((policy) => [policy.securityPolicyId, policy.securityPolicyName]),
    ),
  };
}

function toDashboard(cached: CachedListing): CachedDashboard {
  const connection: Connection = { ...cached.connection };
  return { connection, savedAt: cached.savedAt, snapshot: toSnapshot(cached) };
}

/**
 * The cache for this start: the listing it opened last time (when there is one that can be used),
 * and how to keep the next ones. `ALB_TUI_LISTING_CACHE=0` turns it off.
 */
export async function openListingCache(
  choice: StartChoice,
  env: NodeJS.ProcessEnv,
): Promise<ListingCache | undefined> {
  if (env['ALB_TUI_LISTING_CACHE'] === '0') return undefined;
  const dir = dataDir(env);
  const start = startKey(choice);
  const cached = await readListingCacheFor(dir, start).catch(() => undefined);
  // A start that pins nothing opens the connection last chosen with `:ctx`.
  const pinsNothing = choice.connectionName === undefined && choice.endpoint === undefined;
  return {
    ...(cached ? { initial: toDashboard(cached) } : {}),
    save: async (name, listing) => {
      const starts =
        name === undefined
          ? [start]
          : [startKey({ connectionName: name }), ...(pinsNothing ? [startKey({})] : [])];
      await writeListingCache(dir, toCached(listing), starts).catch(() => undefined);
    },
  };
}
