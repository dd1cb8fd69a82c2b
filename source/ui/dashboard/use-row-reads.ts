// Reads something for the listener rows in view (row-reader.ts) once the view has rested a moment:
// a few at a time, each row once per connection (or per listing, with `round`), and a row that
// scrolls away before its answer has its read cancelled. The health and certificate reads use it.
import { useEffect, useRef } from 'react';
import type { AlbClient } from '../../alb/client.js';
import { paneHeights, type AppState } from '../app-state.js';
import { RowReader } from './row-reader.js';
import type { ListenerRow } from './rows.js';

const REST_MS = 300;
const CONCURRENCY = 3;

export interface RowReadsOptions<Result> {
  client: AlbClient | undefined;
  /** The connection's generation: every answer carries it, and a new one starts afresh. */
  generation: number;
  /** The rows in view to read, top to bottom. */
  ids: readonly string[];
  /** Rows already read are read again when this changes (a new listing); unset: once per connection. */
  round?: number;
  read: (client: AlbClient, id: string, signal: AbortSignal) => Promise<Result>;
  onRead: (id: string, result: Result, generation: number) => void;
  /** How long the view rests before its rows are read. */
  restMs?: number;
  concurrency?: number;
}

/** The listener rows on screen, when the dashboard shows them. */
export function listenerRowsInView(state: AppState): readonly ListenerRow[] {
  if (state.view.kind !== 'dashboard' || state.dashboard.data === undefined) return [];
  const model = state.dashboard.listeners;
  return model.matches.slice(model.offset, model.offset + paneHeights(state).listeners);
}

export function useRowReads<Result>(options: RowReadsOptions<Result>): void {
  const { client, generation, round, restMs = REST_MS, concurrency = CONCURRENCY } = options;
  const latest = useRef(options);
  latest.current = options;

  const reader = useRef<RowReader<Result> | undefined>(undefined);
  useEffect(() => {
    if (!client) return;
    const created = new RowReader<Result>({
      read: (id, signal) => latest.current.read(client, id, signal),
      onRead: (id, result) => latest.current.onRead(id, result, generation),
      concurrency,
    });
    reader.current = created;
    return () => {
      created.dispose();
      if (reader.current === created) reader.current = undefined;
    };
  }, [client, generation, concurrency]);

  // Before the rows are shown to it below (effects run in order).
  useEffect(() => reader.current?.forget(), [round]);

  // One string, so that a frame showing the same rows does not restart the wait.
  const key = options.ids.join('\n');
  useEffect(() => {
    const current = reader.current;
    if (!current) return;
    const ids = key === '' ? [] : key.split('\n');
    // Rows that left the view are dropped at once; those in view are read once it rests.
    current.keepOnly(ids);
    if (ids.length === 0) return;
    const timer = setTimeout(() => current.show(ids), restMs);
    return () => clearTimeout(timer);
  }, [key, client, generation, round, restMs]);
}
