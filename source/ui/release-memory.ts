// Loading a large account leaves tens of MiB of garbage behind (the local ALB's state file text, the
// pages of ListListeners as the server wrote them and the client read them). V8 frees it only at its
// next full collection, which nothing may trigger while the dashboard sits idle: at 10,000 listeners
// the process then stays ~35 MiB larger than it needs (185 vs ~148 MiB resident, bench), depending only
// on when V8 happened to collect during the load. So once a connection's first listing has landed and
// the screen is drawn, the dashboard asks for one full collection (a few ms at 10,000 listeners).
// Refreshes leave only their own pages behind, which V8's usual collections take: forcing a full
// collection every refresh would pause the dashboard for nothing. Node offers no
// API for it without --expose-gc, which a bin script cannot pass; setting the flag at run time and
// taking `gc` from a fresh context is the documented route (v8.setFlagsFromString).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** After the frame that shows the listing, when the app is idle. */
export const RELEASE_DELAY_MS = 500;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

let pending: NodeJS.Timeout | undefined;
const released = new WeakSet<object>();

/** Frees the garbage of the first load through `client` (once per connection); later loads are left to V8. */
export function releaseAfterFirstLoad(client: object, delayMs: number = RELEASE_DELAY_MS): void {
  if (released.has(client)) return;
  released.add(client);
  releaseGarbageSoon(delayMs);
}

/** Frees the garbage a load left, soon and once however many loads land together. */
export function releaseGarbageSoon(delayMs: number = RELEASE_DELAY_MS): void {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = undefined;
    collector()?.();
  }, delayMs);
  pending.unref();
}
