// The last listing of each connection, kept in the data directory so that the next start can show it
// on its first frame (marked stale until the fresh one arrives). One file per connection, named by
// its profile, region and endpoint; a small index says which connection each way of starting (the
// command line's choice, `:ctx NAME`) opened last. Only what the lists show is kept (no credentials,
// nothing a listing does not already return), newest instances first up to a count and a byte cap.
// A cache is never worth failing for: a file that is unreadable, truncated, foreign, from another
// version or too big reads as absent and is replaced by the next write. No zod, no conf: this runs
// before the first frame.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type {
  AddressType,
  Listener,
  ListenerProtocol,
  ListenerStatus,
  LoadBalancer,
  LoadBalancerEdition,
  LoadBalancerStatus,
  Tag,
} from '../domain/resources.js';

import { listingCacheDir } from './paths.js';

export { LISTING_CACHE_DIR, listingCacheDir } from './paths.js';
export const LISTING_CACHE_VERSION = 1;
/** Larger files are not read (and are replaced by the next write). */
export const MAX_CACHE_BYTES = 16 * 1024 * 1024;
export const MAX_CACHED_LISTENERS = 20_000;
export const MAX_CACHED_INSTANCES = 5_000;
/** Ways of starting remembered in the index. */
const MAX_STARTS = 64;
const INDEX_FILE = 'index.json';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Which connection a listing came from. */
export interface ListingCacheKey {
  profile: string;
  region: string;
  /** The endpoint as the client uses it; `local` for the local ALB (whose port changes every start). */
  endpoint: string;
}

/**
 * What the header said about the connection (no secrets: the profile's name and flags). Not its
 * colour: a colour name reaches Ink as a chalk method name, so only the store's own checked list may
 * give it; until the connection opens, a production one is red all the same.
 */
export interface CachedConnection {
  kind: 'local' | 'cloud';
  region: string;
  profile: string;
  endpoint?: string;
  readOnly?: boolean;
  production?: boolean;
}

export interface CachedListing {
  key: ListingCacheKey;
  connection: CachedConnection;
  /** When the listing was read (ms since the epoch). */
  savedAt: number;
  loadBalancers: LoadBalancer[];
  listenersByLoadBalancer: Map<string, Listener[]>;
  /** Server group ID → name, for the groups the listeners forward to. */
  serverGroupNames: Map<string, string>;
  /** Custom TLS policy ID → name. */
  policyNames: Map<string, string>;
  /** Instances or listeners were left out to stay within the bounds. */
  truncated: boolean;
}

export type ListingToCache = Omit<CachedListing, 'key' | 'truncated'>;

export function listingCacheKey(connection: CachedConnection): ListingCacheKey {
  return {
    profile: connection.profile,
    region: connection.region,
    endpoint: connection.kind === 'local' ? 'local' : (connection.endpoint ?? ''),
  };
}

function sameKey(a: ListingCacheKey, b: ListingCacheKey): boolean {
  return a.profile === b.profile && a.region === b.region && a.endpoint === b.endpoint;
}

function fileNameOf(key: ListingCacheKey): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([key.profile, key.region, key.endpoint]))
    .digest('hex');
  return `${digest.slice(0, 32)}.json`;
}

// ---------------------------------------------------------------------------------------------
// Reading: every field checked, so a hand-edited or foreign file cannot reach the lists malformed.

type Json = Record<string, unknown>;

class Unusable extends Error {}

function record(value: unknown): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Unusable();
  return value as Json;
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new Unusable();
  return value;
}

function optStr(value: unknown): string | undefined {
  return value === undefined ? undefined : str(value);
}

function num(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Unusable();
  return value;
}

function bool(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new Unusable();
  return value;
}

function array(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Unusable();
  return value;
}

function tags(value: unknown): Tag[] {
  if (value === undefined) return [];
  return array(value).map((entry) => {
    const [key, tagValue] = array(entry);
    return { key: str(key), value: str(tagValue) };
  });
}

function pairs(value: unknown): Map<string, string> {
  return new Map(
    array(value).map((entry) => {
      const [id, name] = array(entry);
      return [str(id), str(name)] as const;
    }),
  );
}

function readLoadBalancer(value: unknown): LoadBalancer {
  const lb = record(value);
  return {
    loadBalancerId: str(lb['id']),
    loadBalancerName: str(lb['name']),
    loadBalancerStatus: str(lb['status']) as LoadBalancerStatus,
    loadBalancerBussinessStatus: 'Normal',
    loadBalancerEdition: str(lb['edition']) as LoadBalancerEdition,
    addressType: str(lb['addressType']) as AddressType,
    addressAllocatedMode: 'Fixed',
    addressIpVersion: str(lb['ipVersion']) === 'DualStack' ? 'DualStack' : 'IPv4',
    dnsName: str(lb['dnsName']),
    vpcId: str(lb['vpcId']),
    createTime: str(lb['createTime']),
    resourceGroupId: '',
    payType: '',
    deletionProtectionEnabled: bool(lb['deletionProtection']),
    zoneMappings: [],
    tags: tags(lb['tags']),
  };
}

function readListener(value: unknown, loadBalancerId: string): Listener {
  const listener = record(value);
  const securityPolicyId = optStr(listener['securityPolicyId']);
  const quicListenerId = optStr(listener['quicListenerId']);
  return {
    listenerId: str(listener['id']),
    loadBalancerId,
    listenerProtocol: str(listener['protocol']) as ListenerProtocol,
    listenerPort: num(listener['port']),
    listenerDescription: str(listener['name']),
    listenerStatus: str(listener['status']) as ListenerStatus,
    defaultActions: [
      {
        type: 'ForwardGroup',
        forwardGroupConfig: {
          serverGroupTuples: array(listener['serverGroupIds']).map((id) => ({ serverGroupId: str(id) })),
        },
      },
    ],
    gzipEnabled: bool(listener['gzip']),
    http2Enabled: bool(listener['http2']),
    idleTimeout: num(listener['idleTimeout']),
    requestTimeout: num(listener['requestTimeout']),
    ...(securityPolicyId === undefined ? {} : { securityPolicyId }),
    quicConfig: {
      quicUpgradeEnabled: bool(listener['quicUpgrade']),
      ...(quicListenerId === undefined ? {} : { quicListenerId }),
    },
    XForwardedForConfig: {},
    tags: tags(listener['tags']),
  };
}

function readConnection(value: unknown): CachedConnection {
  const connection = record(value);
  const kind = str(connection['kind']);
  if (kind !== 'local' && kind !== 'cloud') throw new Unusable();
  const endpoint = optStr(connection['endpoint']);
  return {
    kind,
    region: str(connection['region']),
    profile: str(connection['profile']),
    ...(endpoint === undefined ? {} : { endpoint }),
    readOnly: bool(connection['readOnly']),
    production: bool(connection['production']),
  };
}

/** The listing in a cache file's text; undefined when the text is not a usable cache of `key`. */
export function decodeListingCache(text: string, key?: ListingCacheKey): CachedListing | undefined {
  try {
    const data = record(JSON.parse(text));
    if (data['version'] !== LISTING_CACHE_VERSION) return undefined;
    const connection = readConnection(data['connection']);
    const ownKey = listingCacheKey(connection);
    if (key && !sameKey(key, ownKey)) return undefined;
    const loadBalancers: LoadBalancer[] = [];
    const listenersByLoadBalancer = new Map<string, Listener[]>();
    for (const entry of array(data['instances'])) {
      const lb = readLoadBalancer(entry);
      loadBalancers.push(lb);
      const listeners = array(record(entry)['listeners']).map((listener) =>
        readListener(listener, lb.loadBalancerId),
      );
      listenersByLoadBalancer.set(lb.loadBalancerId, listeners);
    }
    return {
      key: ownKey,
      connection,
      savedAt: num(data['savedAt']),
      loadBalancers,
      listenersByLoadBalancer,
      serverGroupNames: pairs(data['serverGroupNames']),
      policyNames: pairs(data['policyNames']),
      truncated: bool(data['truncated']),
    };
  } catch {
    return undefined;
  }
}

async function readCapped(file: string): Promise<string | undefined> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_CACHE_BYTES) return undefined;
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Which connections each way of starting opened last: one, or several for a mixed view
 * (`--connection a,b`). An entry is `[start, profile, region, endpoint, ...]`, one triple a connection.
 */
async function readIndex(dir: string): Promise<Map<string, ListingCacheKey[]>> {
  const text = await readCapped(path.join(dir, INDEX_FILE));
  const index = new Map<string, ListingCacheKey[]>();
  if (text === undefined) return index;
  try {
    const data = record(JSON.parse(text));
    if (data['version'] !== LISTING_CACHE_VERSION) return index;
    for (const entry of array(data['starts'])) {
      const [start, ...fields] = array(entry);
      if (fields.length === 0 || fields.length % 3 !== 0) throw new Unusable();
      const keys: ListingCacheKey[] = [];
      for (let at = 0; at < fields.length; at += 3)
        keys.push({ profile: str(fields[at]), region: str(fields[at + 1]), endpoint: str(fields[at + 2]) });
      index.set(str(start), keys);
    }
  } catch {
    return new Map();
  }
  return index;
}

/** The cached listing of one connection; undefined when there is none that can be used. */
export async function readListingCache(
  dataDir: string,
  key: ListingCacheKey,
): Promise<CachedListing | undefined> {
  const text = await readCapped(path.join(listingCacheDir(dataDir), fileNameOf(key)));
  return text === undefined ? undefined : decodeListingCache(text, key);
}

/**
 * The cached listing of the connection that starting this way (`start`: what the command line or
 * `:ctx` asked for) opened last time; undefined when it opened several (see `readListingCachesFor`).
 */
export async function readListingCacheFor(
  dataDir: string,
  start: string,
): Promise<CachedListing | undefined> {
  const keys = (await readIndex(listingCacheDir(dataDir))).get(start);
  return keys?.length === 1 ? readListingCache(dataDir, keys[0]!) : undefined;
}

/**
 * Every connection starting this way opened last time, each with its cached listing (undefined
 * where there is none that can be used: that connection waits for its fresh listing).
 */
export async function readListingCachesFor(
  dataDir: string,
  start: string,
): Promise<{ key: ListingCacheKey; listing: CachedListing | undefined }[]> {
  const keys = (await readIndex(listingCacheDir(dataDir))).get(start) ?? [];
  return Promise.all(keys.map(async (key) => ({ key, listing: await readListingCache(dataDir, key) })));
}

// ---------------------------------------------------------------------------------------------
// Writing: the same fields, newest instances first within the bounds, atomically (temp + rename).

function tagPairs(list: readonly Tag[] | undefined): [string, string][] | undefined {
  return list && list.length > 0 ? list.map((tag) => [tag.key, tag.value]) : undefined;
}

function encodeListener(listener: Listener): Json {
  return {
    id: listener.listenerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name: listener.listenerDescription ?? '',
    status: listener.listenerStatus,
    serverGroupIds: (listener.defaultActions ?? []).flatMap((action) =>
      (action.forwardGroupConfig?.serverGroupTuples ?? []).map((tuple) => tuple.serverGroupId),
    ),
    gzip: listener.gzipEnabled === true,
    http2: listener.http2Enabled === true,
    idleTimeout: listener.idleTimeout ?? 0,
    requestTimeout: listener.requestTimeout ?? 0,
    ...(listener.securityPolicyId ? { securityPolicyId: listener.securityPolicyId } : {}),
    quicUpgrade: listener.quicConfig?.quicUpgradeEnabled === true,
    ...(listener.quicConfig?.quicListenerId ? { quicListenerId: listener.quicConfig.quicListenerId } : {}),
    ...(tagPairs(listener.tags) ? { tags: tagPairs(listener.tags) } : {}),
  };
}

function encodeInstance(lb: LoadBalancer, listeners: readonly Listener[]): Json {
  return {
    id: lb.loadBalancerId,
    name: lb.loadBalancerName ?? '',
    status: lb.loadBalancerStatus,
    edition: lb.loadBalancerEdition,
    addressType: lb.addressType,
    ipVersion: lb.addressIpVersion ?? 'IPv4',
    dnsName: lb.dnsName ?? '',
    vpcId: lb.vpcId ?? '',
    createTime: lb.createTime ?? '',
    deletionProtection: lb.deletionProtectionEnabled === true,
    ...(tagPairs(lb.tags) ? { tags: tagPairs(lb.tags) } : {}),
    listeners: listeners.map(encodeListener),
  };
}

/** The instances kept: newest first (by creation time) until the counts are reached; in listing order. */
function bounded(listing: ListingToCache, maxInstances: number, maxListeners: number) {
  const order = listing.loadBalancers.map((lb, index) => ({ lb, index }));
  order.sort((a, b) => (b.lb.createTime ?? '').localeCompare(a.lb.createTime ?? '') || a.index - b.index);
  const kept = new Set<number>();
  let listeners = 0;
  for (const { lb, index } of order) {
    const count = listing.listenersByLoadBalancer.get(lb.loadBalancerId)?.length ?? 0;
    if (kept.size >= maxInstances || listeners + count > maxListeners) break;
    kept.add(index);
    listeners += count;
  }
  const instances = listing.loadBalancers.filter((_, index) => kept.has(index));
  return { instances, truncated: instances.length < listing.loadBalancers.length };
}

/** The file's text, or undefined when even one instance does not fit the byte cap. */
export function encodeListingCache(
  listing: ListingToCache,
  limits: { maxBytes?: number; maxInstances?: number; maxListeners?: number } = {},
): string | undefined {
  const maxBytes = limits.maxBytes ?? MAX_CACHE_BYTES;
  let maxInstances = limits.maxInstances ?? MAX_CACHED_INSTANCES;
  let maxListeners = limits.maxListeners ?? MAX_CACHED_LISTENERS;
  for (;;) {
    const { instances, truncated } = bounded(listing, maxInstances, maxListeners);
    if (instances.length === 0 && listing.loadBalancers.length > 0) return undefined;
    const usedGroups = new Set<string>();
    const usedPolicies = new Set<string>();
    const encoded = instances.map((lb) => {
      const own = listing.listenersByLoadBalancer.get(lb.loadBalancerId) ?? [];
      for (const listener of own) {
        for (const action of listener.defaultActions ?? [])
          for (const tuple of action.forwardGroupConfig?.serverGroupTuples ?? [])
            usedGroups.add(tuple.serverGroupId);
        if (listener.securityPolicyId) usedPolicies.add(listener.securityPolicyId);
      }
      return encodeInstance(lb, own);
    });
    const { kind, region, profile, endpoint } = listing.connection;
    const text = JSON.stringify({
      version: LISTING_CACHE_VERSION,
      connection: {
        kind,
        region,
        profile,
        ...(endpoint === undefined ? {} : { endpoint }),
        readOnly: listing.connection.readOnly === true,
        production: listing.connection.production === true,
      },
      savedAt: listing.savedAt,
      truncated,
      serverGroupNames: [...listing.serverGroupNames].filter(([id]) => usedGroups.has(id)),
      policyNames: [...listing.policyNames].filter(([id]) => usedPolicies.has(id)),
      instances: encoded,
    });
    if (Buffer.byteLength(text) <= maxBytes) return text;
    // Too big: keep half as many and try again.
    maxInstances = Math.max(1, Math.floor(instances.length / 2));
    maxListeners = Math.max(1, Math.floor(maxListeners / 2));
  }
}

async function ensureDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  // A directory made earlier by someone else keeps its mode; this one holds only ours.
  await fs.chmod(dir, DIR_MODE).catch(() => undefined);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, text, { mode: FILE_MODE, flag: 'wx' });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Keeps `listing` as its connection's last listing, and remembers for each way of starting in
 * `starts` that it opened this connection.
 */
export async function writeListingCache(
  dataDir: string,
  listing: ListingToCache,
  starts: readonly string[] = [],
): Promise<void> {
  await writeListingCaches(dataDir, [listing], [listingCacheKey(listing.connection)], starts);
}

/**
 * Keeps each of `listings` as its connection's last listing, and remembers for each way of starting
 * in `starts` that it opened the connections `opened` (a mixed view: all of them, those whose
 * listing failed this time included, their older files left as they are).
 */
export async function writeListingCaches(
  dataDir: string,
  listings: readonly ListingToCache[],
  opened: readonly ListingCacheKey[],
  starts: readonly string[] = [],
): Promise<void> {
  const dir = listingCacheDir(dataDir);
  await ensureDir(dataDir);
  await ensureDir(dir);
  for (const listing of listings) {
    const text = encodeListingCache(listing);
    const file = path.join(dir, fileNameOf(listingCacheKey(listing.connection)));
    if (text === undefined) await fs.rm(file, { force: true });
    else await writeAtomically(file, text);
  }
  if (starts.length === 0 || opened.length === 0) return;
  const index = await readIndex(dir);
  const same = (known: readonly ListingCacheKey[] | undefined) =>
    known !== undefined &&
    known.length === opened.length &&
    known.every((key, at) => sameKey(key, opened[at]!));
  if (starts.every((start) => same(index.get(start)))) return;
  for (const start of starts) {
    index.delete(start);
    index.set(start, [...opened]);
  }
  const entries = [...index].slice(-MAX_STARTS);
  await writeAtomically(
    path.join(dir, INDEX_FILE),
    JSON.stringify({
      version: LISTING_CACHE_VERSION,
      starts: entries.map(([start, keys]) => [
        start,
        ...keys.flatMap((k) => [k.profile, k.region, k.endpoint]),
      ]),
    }),
  );
}
