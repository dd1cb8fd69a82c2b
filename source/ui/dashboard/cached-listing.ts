// The last listing of a connection, shown on the first frame until the fresh one arrives: what the
// dashboard gets of the cache (the CLI reads and writes it; the UI never touches files), how old it
// is in the header's words, and whether it belongs to the connection that opened. Pure.
import type { Connection } from '../connection.js';
import { t, type Lang } from '../i18n.js';
import type { Snapshot } from './rows.js';

export interface CachedDashboard {
  /** The connection the listing came from, as the header shows it. */
  connection: Connection;
  /** When it was read from the API (ms since the epoch). */
  savedAt: number;
  snapshot: Snapshot;
  /**
   * A mixed view (`connection.members`): each connection's own cached listing by member key, kept
   * as its last listing until its fresh one arrives.
   */
  parts?: ReadonlyMap<string, Snapshot>;
}

/** Where the dashboard keeps its last listing; given by the CLI. */
export interface ListingCache {
  /** The listing the way of starting chosen on the command line opened last time, read before the first frame. */
  initial?: CachedDashboard;
  /**
   * Keeps a fresh listing of `connection`, opened by asking for `name` (undefined: what the command
   * line chose). Never throws; a cache that cannot be written is not worth a message.
   */
  save(name: string | undefined, listing: CachedDashboard): Promise<void>;
  /**
   * Keeps the fresh listings of a mixed view's connections (those that listed this time), and that
   * starting as `name` opens all of `connection.members`. Never throws.
   */
  saveMixed?(name: string | undefined, connection: Connection, listings: CachedDashboard[]): Promise<void>;
  /** Writes what is still queued now rather than later; resolves once every write asked for has ended. */
  settle?(): Promise<void>;
}

/**
 * Whether two connections are the same profile, region and endpoint (the cache's key); for mixed
 * views, the same connections.
 */
export function sameSource(a: Connection, b: Connection): boolean {
  const many = (c: Connection) => ((c.members?.length ?? 0) > 1 ? c.members!.map((m) => m.connection) : [c]);
  const [left, right] = [many(a), many(b)];
  return left.length === right.length && left.every((one) => right.some((other) => sameOne(one, other)));
}

function sameOne(a: Connection, b: Connection): boolean {
  const endpoint = (c: Connection) => (c.kind === 'local' ? 'local' : (c.endpoint ?? ''));
  return a.profile === b.profile && a.region === b.region && endpoint(a) === endpoint(b);
}

/** `42 s`, `3 min`, `5 h`, `2 d`: how long ago, in the largest unit that is at least one. */
export function ageText(ms: number, lang: Lang): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t(lang, 'ageSeconds', { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t(lang, 'ageMinutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(lang, 'ageHours', { n: hours });
  return t(lang, 'ageDays', { n: Math.floor(hours / 24) });
}

/** The header's mark while the cached listing is on screen. */
export function staleText(savedAt: number, now: number, lang: Lang): string {
  return t(lang, 'staleListing', { age: ageText(now - savedAt, lang) });
}
