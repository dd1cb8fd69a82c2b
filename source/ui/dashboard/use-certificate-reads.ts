// Reads, in the background, the listeners in view whose default certificate is not known yet
// (ListListeners does not carry certificates), so their rows can carry the expiry mark. Each listener
// is read once per connection, a few at a time, after the view has rested a moment.
import { useEffect, useRef } from 'react';
import type { AlbClient } from '../../alb/client.js';
import type { Listener } from '../../domain/resources.js';
import { paneHeights, type AppState } from '../app-state.js';
import { listenersToRead } from './cert-marks.js';

const READ_DELAY_MS = 300;
const READ_CONCURRENCY = 3;

export function useCertificateReads(
  state: AppState,
  client: AlbClient | undefined,
  onRead: (listener: Listener, generation: number) => void,
): void {
  const generation = state.session.generation;
  const model = state.dashboard.listeners;
  const onDashboard = state.view.kind === 'dashboard' && state.dashboard.data !== undefined;
  const inView = onDashboard
    ? model.matches.slice(model.offset, model.offset + paneHeights(state).listeners)
    : [];
  const wanted = listenersToRead(inView, state.dashboard.defaultCertificates).join(',');

  const asked = useRef(new Set<string>());
  const askedFor = useRef<{ client: AlbClient | undefined; generation: number }>({ client, generation });
  if (askedFor.current.client !== client || askedFor.current.generation !== generation) {
    askedFor.current = { client, generation };
    asked.current = new Set();
  }
  const read = useRef(onRead);
  read.current = onRead;
  // Reads under way finish when the view moves on (their answers are still good); not on quit.
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
            read.current(await client.getListener(id, { signal: controller.signal }), generation);
          } catch {
            // A listener that cannot be read now simply has no mark; it is not asked again.
          }
        }
      };
      for (let i = 0; i < READ_CONCURRENCY; i++) void worker();
    }, READ_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, wanted, generation]);
}
