// The cached first frame of a mixed view (`--connection a,b`): each connection's last listing, merged
// as a fresh mixed listing would be, every row marked stale (from an earlier listing) until its
// connection's fresh listing arrives. A connection with no usable cache is in the view with no rows
// and waits. Pure and light: it runs before the first frame.
import type { Connection } from '../connection.js';
import type { CachedDashboard } from '../dashboard/cached-listing.js';
import type { Snapshot } from '../dashboard/rows.js';
import { membersOf, type ConnectionMember } from './members.js';
import { mergeSnapshots } from './merge-snapshots.js';

/** One connection the start opened last time, with its cached listing when there is one. */
export interface CachedMember {
  connection: Connection;
  cached?: CachedDashboard | undefined;
}

/** The mixed view as cached; undefined when no connection of it has a cached listing. */
export function mixedCachedDashboard(parts: readonly CachedMember[]): CachedDashboard | undefined {
  const listed = parts.filter((part) => part.cached !== undefined);
  if (listed.length === 0) return undefined;
  const members = membersOf(parts.map((part) => part.cached?.connection ?? part.connection));
  const byKey = new Map<string, Snapshot>();
  const merged: { member: ConnectionMember; snapshot: Snapshot; stale: boolean }[] = [];
  parts.forEach((part, index) => {
    const member = members[index];
    if (!part.cached || !member) return;
    byKey.set(member.key, part.cached.snapshot);
    merged.push({ member, snapshot: part.cached.snapshot, stale: true });
  });
  const first = members[0]!;
  return {
    connection: { ...first.connection, members },
    // The header says the age of the oldest listing on screen.
    savedAt: Math.min(...listed.map((part) => part.cached!.savedAt)),
    snapshot: mergeSnapshots(merged, members, new Map()),
    parts: byKey,
  };
}
