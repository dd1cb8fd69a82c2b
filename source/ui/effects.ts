// Runs the effects the reducer queued (API calls, the clipboard, saving UI state) and dispatches what
// comes back. The only place the dashboard does IO; everything it does is tagged with the connection
// generation, so answers from a connection the user has left are dropped by the reducer.
import { useEffect, useRef, type Dispatch } from 'react';
import type { ListingProgress } from '../alb/client.js';
import type { ListenerStatus } from '../domain/resources.js';
import { isAlbError } from '../alb/errors.js';
import type { Store } from '../store/index.js';
import type { AppAction, Effect, QueuedEffect } from './app-state.js';
import type { ListingCache } from './dashboard/cached-listing.js';
import { osc52 } from './clipboard.js';
import { errorInfo } from './error-info.js';
import { loadMixedSnapshot } from './connections/mixed-listing.js';
import type { Snapshot } from './dashboard/rows.js';
import { deleteListenerAndWait, loadListenerDetail, loadSnapshot, readCertificateUse } from './loaders.js';
import { releaseAfterFirstLoad } from './release-memory.js';
import type { Sessions } from './session.js';

export interface EffectEnvironment {
  sessions: Sessions;
  /** Resolves once the store is open; undefined when there is none (tests, or it could not be opened). */
  store: () => Store | undefined;
  /** Resolves with the store once it opened (undefined if it could not): for saves made before. */
  storeOpened?: () => Promise<Store | undefined>;
  /** Writes raw bytes to the terminal (OSC 52). */
  writeTerminal: (bytes: string) => void;
  now: () => number;
  /** Between polls while a deletion finishes. */
  pollIntervalMs?: number;
  /** Where the last listing of each connection is kept for the next start. */
  listingCache?: ListingCache;
}

/** Progress arrives per API call; the screen needs it a few times a second at most. */
const PROGRESS_INTERVAL_MS = 100;

function aborted(error: unknown): boolean {
  return isAlbError(error) && error.kind === 'aborted';
}

export function useEffectRunner(
  effects: readonly QueuedEffect[],
  dispatch: Dispatch<AppAction>,
  environment: EffectEnvironment,
): void {
  const done = useRef(0);
  const env = useRef(environment);
  env.current = environment;
  const listing = useRef<AbortController | undefined>(undefined);
  const detail = useRef<AbortController | undefined>(undefined);
  const all = useRef(new AbortController());
  /** Each open connection's last good listing, kept while it fails (several connections open). */
  const lastListings = useRef(new Map<string, Snapshot>());
  /** A cached mixed view's listings, each connection's last one until it lists (the first open only). */
  const cachedParts = useRef(environment.listingCache?.initial?.parts);

  useEffect(() => {
    const controller = all.current;
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const fresh = effects.filter((queued) => queued.seq > done.current);
    if (fresh.length === 0) return;
    done.current = fresh[fresh.length - 1]!.seq;
    for (const { effect } of fresh) run(effect);
    dispatch({ type: 'effects-taken', upTo: done.current });

    function run(effect: Effect): void {
      const { sessions } = env.current;
      const signal = all.current.signal;
      switch (effect.kind) {
        case 'open-connection': {
          listing.current?.abort();
          detail.current?.abort();
          lastListings.current = new Map(cachedParts.current ?? []);
          cachedParts.current = undefined;
          sessions.switchTo(effect.name).then(
            (opened) => {
              dispatch({
                type: 'session-opened',
                generation: effect.generation,
                connection: opened.connection,
                warnings: opened.warnings,
              });
              const store = env.current.store();
              if (effect.name !== undefined && store)
                store.setActiveConnection(effect.name).catch(() => undefined);
            },
            (error: unknown) =>
              dispatch({ type: 'session-failed', generation: effect.generation, error: errorInfo(error) }),
          );
          return;
        }
        case 'list-connections': {
          try {
            const names = env.current
              .store()
              ?.listConnections()
              .map((profile) => profile.name);
            if (names) dispatch({ type: 'connections-listed', connections: names });
          } catch {
            // An unreadable store keeps the names it had.
          }
          return;
        }
        case 'load-listing': {
          const client = sessions.client;
          if (!client) return;
          listing.current?.abort();
          const controller = new AbortController();
          listing.current = controller;
          let lastProgress = 0;
          const onProgress = (progress: ListingProgress) => {
            const at = env.current.now();
            if (at - lastProgress < PROGRESS_INTERVAL_MS) return;
            lastProgress = at;
            dispatch({ type: 'listing-progress', generation: effect.generation, progress });
          };
          const both = AbortSignal.any([signal, controller.signal]);
          const load =
            sessions.members.length > 1
              ? loadMixedSnapshot(sessions.members, lastListings.current, {
                  signal: both,
                  onListed: (key, ids) => sessions.noteOwners(key, ids),
                  // Each connection's rows replace its cached ones as soon as it has listed.
                  onPartial: (snapshot) =>
                    dispatch({
                      type: 'listing-partial',
                      generation: effect.generation,
                      snapshot,
                      at: env.current.now(),
                    }),
                })
              : loadSnapshot(client, { signal: both, onProgress });
          load.then(
            (snapshot) => {
              dispatch({
                type: 'listing-loaded',
                generation: effect.generation,
                snapshot,
                at: env.current.now(),
              });
              releaseAfterFirstLoad(client);
            },
            (error: unknown) => {
              if (!aborted(error))
                dispatch({ type: 'listing-failed', generation: effect.generation, error: errorInfo(error) });
            },
          );
          return;
        }
        case 'load-detail': {
          const client = sessions.client;
          if (!client) return;
          detail.current?.abort();
          const controller = new AbortController();
          detail.current = controller;
          loadListenerDetail(client, effect.listenerId, AbortSignal.any([signal, controller.signal])).then(
            (loaded) =>
              dispatch({
                type: 'detail-loaded',
                generation: effect.generation,
                listenerId: effect.listenerId,
                detail: loaded,
              }),
            (error: unknown) => {
              if (!aborted(error)) {
                dispatch({
                  type: 'detail-failed',
                  generation: effect.generation,
                  listenerId: effect.listenerId,
                  error: errorInfo(error),
                });
              }
            },
          );
          return;
        }
        case 'start-stop-listener': {
          const client = sessions.client;
          if (!client) return;
          const { listenerId, action, generation } = effect;
          const until = action === 'start' ? 'Running' : 'Stopped';
          const report = (status: ListenerStatus, done?: boolean, error?: unknown) =>
            dispatch({
              type: 'listener-status',
              generation,
              listenerId,
              status,
              action,
              ...(done ? { done } : {}),
              ...(error === undefined ? {} : { error: errorInfo(error) }),
            });
          void (async () => {
            try {
              // One ClientToken for this change (the client makes it), reused by its own retries.
              const change =
                action === 'start'
                  ? await client.startListener(listenerId, { signal })
                  : await client.stopListener(listenerId, { signal });
              const listener = await client.waitForListener(listenerId, {
                until,
                jobId: change.jobId,
                signal,
                ...(env.current.pollIntervalMs === undefined
                  ? {}
                  : { intervalMs: env.current.pollIntervalMs }),
                onStatus: (status) => {
                  if (status !== 'gone') report(status);
                },
              });
              report(listener.listenerStatus, true);
            } catch (error) {
              if (aborted(error)) return;
              report(action === 'start' ? 'Stopped' : 'Running', true, error);
            }
          })();
          return;
        }
        case 'delete-listener': {
          const client = sessions.client;
          if (!client) return;
          deleteListenerAndWait(client, effect.listenerId, {
            signal,
            ...(env.current.pollIntervalMs === undefined ? {} : { intervalMs: env.current.pollIntervalMs }),
          }).then(
            () =>
              dispatch({
                type: 'delete-finished',
                generation: effect.generation,
                listenerId: effect.listenerId,
              }),
            (error: unknown) => {
              if (!aborted(error)) {
                dispatch({
                  type: 'delete-finished',
                  generation: effect.generation,
                  listenerId: effect.listenerId,
                  error: errorInfo(error),
                });
              }
            },
          );
          return;
        }
        case 'read-certificate-use': {
          const client = sessions.client;
          if (!client) return;
          readCertificateUse(client, effect.listenerIds, signal).then(
            (certificates) =>
              dispatch({
                type: 'certificate-use-read',
                generation: effect.generation,
                forListenerId: effect.forListenerId,
                certificates,
              }),
            (error: unknown) => {
              if (!aborted(error))
                dispatch({
                  type: 'certificate-use-failed',
                  generation: effect.generation,
                  forListenerId: effect.forListenerId,
                  error: errorInfo(error),
                });
            },
          );
          return;
        }
        case 'copy':
          env.current.writeTerminal(osc52(effect.text));
          return;
        case 'save-listing': {
          const cache = env.current.listingCache;
          if (!cache) return;
          const entry = { connection: effect.connection, savedAt: effect.at, snapshot: effect.snapshot };
          const members = effect.connection.members ?? [];
          // A mixed view: each connection that listed this time, its own listing (the others keep theirs).
          const fresh =
            members.length > 1
              ? members.flatMap((member) => {
                  const own = lastListings.current.get(member.key);
                  if (!own || effect.snapshot.mixed?.failures.has(member.key)) return [];
                  return [{ connection: member.connection, savedAt: effect.at, snapshot: own }];
                })
              : undefined;
          // The cache queues the write after the frame that shows the listing, one at a time, in order.
          void (fresh
            ? cache.saveMixed?.(effect.name, effect.connection, fresh)
            : cache.save(effect.name, entry));
          return;
        }
        case 'save-ui': {
          const save = (store: Store | undefined) =>
            store?.updateUiState(effect.patch).catch((error: unknown) => {
              const info = errorInfo(error);
              dispatch({ type: 'flash', message: info.message, tone: 'warning' });
            });
          // The store opens after the first listing: a sort chosen before then is saved once it is open.
          const store = env.current.store();
          if (store) save(store);
          else void env.current.storeOpened?.().then(save);
          return;
        }
      }
    }
  }, [effects, dispatch]);
}
