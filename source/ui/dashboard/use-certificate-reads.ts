// Reads, in the background, the listeners in view whose default certificate is not known yet
// (ListListeners does not carry certificates), so their rows can carry the expiry mark. Each listener
// is read once per connection, a few at a time, after the view has rested a moment.
import type { AlbClient } from '../../alb/client.js';
import type { Listener } from '../../domain/resources.js';
import type { AppState } from '../app-state.js';
import { listenersToRead } from './cert-marks.js';
import { listenerRowsInView, useRowReads } from './use-row-reads.js';

export function useCertificateReads(
  state: AppState,
  client: AlbClient | undefined,
  onRead: (listener: Listener, generation: number) => void,
): void {
  useRowReads({
    client,
    generation: state.session.generation,
    ids: listenersToRead(listenerRowsInView(state), state.dashboard.defaultCertificates),
    read: (reader, id, signal) => reader.getListener(id, { signal }),
    onRead: (_id, listener, generation) => onRead(listener, generation),
  });
}
