// The dashboard's listing cache, wired to the data directory: read before the first frame for the
// connection the command line chose, written after each fresh listing that changed something.
// Imports nothing heavy (no store, no SDK): it runs beside the dashboard's own import.
import type { Connection } from '../ui/connection.js';
import type { CachedDashboard, ListingCache } from '../ui/dashboard/cached-listing.js';
import type { Snapshot } from '../ui/dashboard/rows.js';
import type { SecurityPolicy, ServerGroup } from '../domain/resources.js';
import { dataDir, listingCacheOn } from '../store/paths.js';
import {
  listingCacheKey,
  readListingCachesFor,
  writeListingCache,
  writeListingCaches,
  type CachedListing,
  type ListingCacheKey,
  type ListingToCache,
} from '../store/listing-cache.js';
import { mixedCachedDashboard } from '../ui/connections/cached-mix.js';

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

/** A connection of a mixed view whose listing is not cached: what its key says. */
function connectionOfKey(key: ListingCacheKey): Connection {
  return key.endpoint === 'local'
    ? { kind: 'local', profile: key.profile, region: key.region }
    : {
        kind: 'cloud',
        profile: key.profile,
        region: key.region,
        ...(key.endpoint ? { endpoint: key.endpoint } : {}),
      };
}

function toDashboard(cached: CachedListing): CachedDashboard {
  const connection: Connection = { ...cached.connection };
  return { connection, savedAt: cached.savedAt, snapshot: toSnapshot(cached) };
}

/** How long after a listing its copy is written: after the frame that shows it, not before. */
const WRITE_DELAY_MS = 250;

/**
 * Writes one at a time, in order, each a moment after it is asked for (encoding thousands of listeners
 * stays off the key path). `settle` drops the waits, so a quit keeps the listing it just drew.
 */
function writeQueue(delayMs: number): {
  add: (write: () => Promise<void>) => Promise<void>;
  settle: () => Promise<void>;
} {
  let tail = Promise.resolve();
  let hurrying = false;
  let wake: (() => void) | undefined;
  const pause = () =>
    hurrying
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
  return {
    add: (write) => {
      tail = tail
        .then(pause)
        .then(write)
        .catch(() => undefined);
      return tail;
    },
    settle: () => {
      hurrying = true;
      wake?.();
      return tail;
    },
  };
}

/**
 * The cache for this start: the listing it opened last time (when there is one that can be used),
 * and how to keep the next ones. `ALB_TUI_LISTING_CACHE=0` turns it off.
 */
export async function openListingCache(
  choice: StartChoice,
  env: NodeJS.ProcessEnv,
): Promise<ListingCache | undefined> {
  if (!listingCacheOn(env)) return undefined;
  const dir = dataDir(env);
  const start = startKey(choice);
  const opened = await readListingCachesFor(dir, start).catch(() => []);
  const cached = opened.length === 1 ? opened[0]!.listing : undefined;
  // A mixed view (`--connection a,b`): every connection it opened, each with its own listing.
  const mixed =
    opened.length > 1
      ? mixedCachedDashboard(
          opened.map(({ key, listing }) => ({
            connection: connectionOfKey(key),
            cached: listing ? toDashboard(listing) : undefined,
          })),
        )
      : undefined;
  // A start that pins nothing opens the connection last chosen with `:ctx`.
  const pinsNothing = choice.connectionName === undefined && choice.endpoint === undefined;
  const writes = writeQueue(WRITE_DELAY_MS);
  return {
    ...(cached ? { initial: toDashboard(cached) } : mixed ? { initial: mixed } : {}),
    save: (name, listing) =>
      writes.add(() => {
        const starts =
          name === undefined
            ? [start]
            : [startKey({ connectionName: name }), ...(pinsNothing ? [startKey({})] : [])];
        return writeListingCache(dir, toCached(listing), starts);
      }),
    saveMixed: (name, connection, listings) =>
      writes.add(() => {
        const starts = name === undefined ? [start] : [startKey({ connectionName: name })];
        const members = (connection.members ?? []).map((member) => listingCacheKey(member.connection));
        return writeListingCaches(dir, listings.map(toCached), members, starts);
      }),
    settle: writes.settle,
  };
}
