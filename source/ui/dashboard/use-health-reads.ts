// Reads, in the background, the health of the listeners in view (GetListenerHealthStatus), so their
// rows carry `2/3 healthy`. Never before the listing is drawn, a few at a time after the view has
// rested a moment; each row in view read again after every listing (health changes, names do not).
import { useEffect, useRef } from 'react';
import type { AlbClient } from '../../alb/client.js';
import { summarise, type HealthSummary, type ListenerHealth } from '../../domain/server-health.js';
import { paneHeights, type AppState } from '../app-state.js';
import { compactSummary } from '../health-words.js';
import type { Cell } from './columns.js';

const READ_DELAY_MS = 300;
const READ_CONCURRENCY = 3;

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

export function healthCells(
  summaries: ReadonlyMap<string, HealthSummary> | undefined,
): ReadonlyMap<string, Cell> {
  const out = new Map<string, Cell>();
  for (const [id, summary] of summaries ?? []) out.set(id, compactSummary(summary));
  return out;
}

export function useHealthReads(
  state: AppState,
  client: AlbClient | undefined,
  onRead: (listenerId: string, summary: HealthSummary, generation: number) => void,
): void {
  const generation = state.session.generation;
  const model = state.dashboard.listeners;
  const data = state.dashboard.data;
  const onDashboard = state.view.kind === 'dashboard' && data !== undefined;
  const inView = onDashboard
    ? model.matches.slice(model.offset, model.offset + paneHeights(state).listeners)
    : [];
  // Listeners without a server group have no health to read.
  const wanted = inView
    .filter((row) => row.serverGroupIds.length > 0)
    .map((row) => row.id)
    .join(',');
  const listing = data?.loadedAt ?? 0;

  const asked = useRef(new Set<string>());
  const askedFor = useRef({ client, generation, listing });
  if (
    askedFor.current.client !== client ||
    askedFor.current.generation !== generation ||
    askedFor.current.listing !== listing
  ) {
    askedFor.current = { client, generation, listing };
    asked.current = new Set();
  }
  const read = useRef(onRead);
  read.current = onRead;
  const groups = useRef(data?.serverGroups);
  groups.current = data?.serverGroups;
  const lifetime = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    lifetime.current = controller;
    return () => controller.abort();
  }, [client, generation]);

  useEffect(() => {
    if (!client || wanted === '') return;
    const ids = wanted.split(',').filter((id) => !asked.current.has(id));
    if (ids.length === 0) return;
    const controller = lifetime.current;
    const timer = setTimeout(() => {
      for (const id of ids) asked.current.add(id);
      let next = 0;
      const worker = async () => {
        while (next < ids.length && !controller.signal.aborted) {
          const id = ids[next++]!;
          try {
            const health = await client.getListenerHealth(id, { signal: controller.signal });
            read.current(id, listenerSummary(health, groups.current), generation);
          } catch {
            // A listener whose health cannot be read now shows none; the next listing asks again.
          }
        }
      };
      for (let i = 0; i < READ_CONCURRENCY; i++) void worker();
    }, READ_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, wanted, generation, listing]);
}
