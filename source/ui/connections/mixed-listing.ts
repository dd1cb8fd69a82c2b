// The listing of several connections as one: each listed in parallel, the results merged, every
// instance remembering which connection it came from. A connection that fails (credentials refused,
// network) keeps its last listing, marked stale, and says why; the others go on. Only when every one
// fails, and none was ever listed, does the listing fail.
import { listAcrossConnections, type ConnectionListingEvent } from '../../alb/multi-listing.js';
import type { Snapshot } from '../dashboard/rows.js';
import { errorInfo, type ErrorInfo } from '../error-info.js';
import { loadSnapshot } from '../loaders.js';
import type { OpenMember } from '../session.js';
import type { ConnectionMember } from './members.js';

import { mergeSnapshots } from './merge-snapshots.js';

export { mergeSnapshots, originSearch, type MixedListing, type RowOrigin } from './merge-snapshots.js';

/**
 * Lists every open connection at once, through alb/multi-listing.ts: one limit of calls in flight for
 * all of them (`maxInFlight`, default `DEFAULT_MAX_IN_FLIGHT`), each connection within its client's
 * own concurrency. `last` holds each connection's last good listing (kept here across refreshes);
 * `onListed` is told which resources each one showed, so calls about them go there.
 */
export async function loadMixedSnapshot(
  open: readonly OpenMember[],
  last: Map<string, Snapshot>,
  options: {
    signal?: AbortSignal;
    onListed?: (key: string, ids: string[]) => void;
    maxInFlight?: number;
    /**
     * As each connection lists: the view so far, the connections not listed yet shown from their last
     * listing (marked stale), so a cached view is replaced connection by connection.
     */
    onPartial?: (snapshot: Snapshot) => void;
  },
): Promise<Snapshot> {
  const listedSoFar = new Map<string, Snapshot>();
  const partial = (event: ConnectionListingEvent<Snapshot>) => {
    if (event.kind !== 'listed' || !options.onPartial) return;
    listedSoFar.set(event.id, event.listing);
    if (listedSoFar.size === open.length) return;
    const parts = open.flatMap(({ member }) => {
      const fresh = listedSoFar.get(member.key);
      if (fresh) return [{ member, snapshot: fresh, stale: false }];
      const previous = last.get(member.key);
      return previous ? [{ member, snapshot: previous, stale: true }] : [];
    });
    options.onPartial(
      mergeSnapshots(
        parts,
        open.map((one) => one.member),
        new Map(),
      ),
    );
  };
  const { listings, failures: failed } = await listAcrossConnections<Snapshot>(
    open.map(({ member, client }) => ({ id: member.key, client })),
    {
      ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
      onEvent: partial,
      load: (client) => {
        // Each connection's calls follow a signal of their own: a listing makes many calls, and
        // connections × calls on one signal would pass Node's listener limit.
        const own = new AbortController();
        options.signal?.addEventListener('abort', () => own.abort(options.signal?.reason), { once: true });
        if (options.signal?.aborted) own.abort(options.signal.reason);
        return loadSnapshot(client, { signal: own.signal });
      },
    },
  );
  for (const error of failed.values()) if (error.kind === 'aborted') throw error;
  const failures = new Map<string, ErrorInfo>();
  const parts: { member: ConnectionMember; snapshot: Snapshot; stale: boolean }[] = [];
  for (const { member } of open) {
    const snapshot = listings.get(member.key);
    if (snapshot) {
      last.set(member.key, snapshot);
      parts.push({ member, snapshot, stale: false });
      options.onListed?.(member.key, ownedIds(snapshot));
      continue;
    }
    const error = failed.get(member.key);
    failures.set(member.key, errorInfo(error));
    const previous = last.get(member.key);
    if (previous) parts.push({ member, snapshot: previous, stale: true });
  }
  if (failures.size === open.length && parts.length === 0) throw failed.values().next().value;
  return mergeSnapshots(
    parts,
    open.map((one) => one.member),
    failures,
  );
}

function ownedIds(snapshot: Snapshot): string[] {
  const ids: string[] = [];
  for (const lb of snapshot.loadBalancers) {
    ids.push(lb.loadBalancerId);
    for (const listener of snapshot.listenersByLoadBalancer.get(lb.loadBalancerId) ?? [])
      ids.push(listener.listenerId);
  }
  for (const group of snapshot.serverGroups ?? []) ids.push(group.serverGroupId);
  return ids;
}
