// Reads, in the background, the health of the listeners in view (GetListenerHealthStatus), so their
// rows carry `2/3 healthy`. Never before the listing is drawn, a few at a time after the view has
// rested a moment; each row in view read again after every listing (health changes, names do not).
import type { AlbClient } from '../../alb/client.js';
import { summarise, type HealthSummary, type ListenerHealth } from '../../domain/server-health.js';
import type { AppState } from '../app-state.js';
import { compactSummary } from '../health-words.js';
import type { Cell } from './columns.js';
import { listenerRowsInView, useRowReads } from './use-row-reads.js';

/** A listener's report in one figure, with the groups' server counts from the listing. */
export function listenerSummary(
  health: ListenerHealth,
  serverGroups: ReadonlyMap<string, { serverCount: number }> | undefined,
): HealthSummary {
  const counts = new Map<string, number>();
  for (const group of health.serverGroups) {
    const count = serverGroups?.get(group.serverGroupId)?.serverCount;
    if (count !== undefined) counts.set(group.serverGroupId, count);
  }
  return summarise(health.serverGroups, counts);
}

/** Each summary's cell, made once: a summary is never changed, a new read brings a new one. */
const cellOfSummary = new WeakMap<HealthSummary, Cell>();

/**
 * The health cell of each listener read, made when a row in view asks for it: a new read does not
 * make the cells of every listener read so far again (thousands, after scrolling a large account).
 */
export function healthCells(
  summaries: ReadonlyMap<string, HealthSummary> | undefined,
): Pick<ReadonlyMap<string, Cell>, 'get'> {
  return {
    get: (id) => {
      const summary = summaries?.get(id);
      if (!summary) return undefined;
      let cell = cellOfSummary.get(summary);
      if (!cell) cellOfSummary.set(summary, (cell = compactSummary(summary)));
      return cell;
    },
  };
}

export function useHealthReads(
  state: AppState,
  client: AlbClient | undefined,
  onRead: (listenerId: string, summary: HealthSummary, generation: number) => void,
): void {
  const data = state.dashboard.data;
  useRowReads({
    client,
    generation: state.session.generation,
    // Listeners without a server group have no health to read.
    ids: listenerRowsInView(state)
      .filter((row) => row.serverGroupIds.length > 0)
      .map((row) => row.id),
    round: data?.loadedAt ?? 0,
    read: async (reader, id, signal) =>
      listenerSummary(await reader.getListenerHealth(id, { signal }), data?.serverGroups),
    onRead,
  });
}
