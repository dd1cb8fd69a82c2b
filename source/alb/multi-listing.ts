// Listing across connections: the instances and listeners of several connections (accounts, regions)
// at once, in parallel, within one limit of calls in flight for the whole process, each connection
// within its own rate (its client's concurrency). Each connection's outcome is told as soon as it is
// known: its progress, its listing, or its failure with the reason; one failing stops no other.
import type {
  AlbClient,
  FullListing,
  FullListingOptions,
  ListingProgress,
  LoadBalancerFilter,
} from './client.js';
import { createLimiter } from './concurrency.js';
import { AlbError, isAlbError } from './errors.js';
import { withCallGate, type CallGate } from './multi-listing-gate.js';

/** Calls in flight for all connections together unless told: a terminal's worth of sockets, not a flood. */
export const DEFAULT_MAX_IN_FLIGHT = 32;

export interface ListingConnection {
  /** How the caller names the connection (its profile name, plus region when one profile spans several). */
  id: string;
  client: AlbClient;
  /** This connection's own limit of calls in flight (its rate); the client's own default unless given. */
  concurrency?: number;
}

export type ConnectionListingEvent<Listing = FullListing> =
  | { kind: 'progress'; id: string; progress: ListingProgress }
  | { kind: 'listed'; id: string; listing: Listing; ms: number }
  | { kind: 'failed'; id: string; error: AlbError; ms: number };

/**
 * What is read of each connection: by default its instances and listeners; the dashboard reads its
 * extras (certificates, server groups, policies) beside them, all within the same limit.
 */
export type ConnectionLoader<Listing> = (client: AlbClient, options: FullListingOptions) => Promise<Listing>;

export interface MultiListingOptions<Listing = FullListing> {
  /** The limit of calls in flight across every connection (default `DEFAULT_MAX_IN_FLIGHT`). */
  maxInFlight?: number;
  filter?: LoadBalancerFilter;
  protocol?: FullListingOptions['protocol'];
  signal?: AbortSignal;
  /** Each connection's progress and outcome, as it happens. */
  onEvent?: (event: ConnectionListingEvent<Listing>) => void;
  now?: () => number;
  /** What to read of each connection (default: `listLoadBalancersAndListeners`). */
  load?: ConnectionLoader<Listing>;
}

export interface MultiListing<Listing = FullListing> {
  /** The connections listed in full, in the order given. */
  listings: Map<string, Listing>;
  /** The connections that failed, with why. */
  failures: Map<string, AlbError>;
}

/**
 * Lists every connection's instances and listeners in parallel. Resolves when each has listed or
 * failed (it never rejects for a connection's failure); an abort ends every listing still running,
 * each reported as failed (kind `aborted`).
 */
export async function listAcrossConnections<Listing = FullListing>(
  connections: readonly ListingConnection[],
  options: MultiListingOptions<Listing> = {},
): Promise<MultiListing<Listing>> {
  const ids = new Set<string>();
  for (const { id } of connections) {
    if (ids.has(id)) throw new RangeError(`two connections are both named ${JSON.stringify(id)}`);
    ids.add(id);
  }
  const limiter = createLimiter(Math.max(1, Math.floor(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT)));
  const gate: CallGate = (send) => limiter.run(send);
  const now = options.now ?? (() => performance.now());
  const load =
    options.load ??
    ((client: AlbClient, call: FullListingOptions) =>
      client.listLoadBalancersAndListeners(call) as Promise<Listing>);
  const emit = (event: ConnectionListingEvent<Listing>): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's own failure must not turn into a connection's.
    }
  };
  const outcomes = await Promise.all(
    connections.map(async ({ id, client, concurrency }) => {
      const started = now();
      try {
        const listing = await withCallGate(gate, () =>
          load(client, {
            ...(concurrency === undefined ? {} : { concurrency }),
            ...(options.filter ? { filter: options.filter } : {}),
            ...(options.protocol ? { protocol: options.protocol } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            onProgress: (progress) => emit({ kind: 'progress', id, progress }),
          }),
        );
        emit({ kind: 'listed', id, listing, ms: now() - started });
        return { ok: true as const, id, listing };
      } catch (caught) {
        const error = asAlbError(caught, client.endpoint);
        emit({ kind: 'failed', id, error, ms: now() - started });
        return { ok: false as const, id, error };
      }
    }),
  );
  const result: MultiListing<Listing> = { listings: new Map(), failures: new Map() };
  for (const outcome of outcomes) {
    if (outcome.ok) result.listings.set(outcome.id, outcome.listing);
    else result.failures.set(outcome.id, outcome.error);
  }
  return result;
}

function asAlbError(error: unknown, endpoint: string): AlbError {
  if (isAlbError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AlbError({
    kind: 'unknown',
    endpoint,
    message: {
      en: `listing ${endpoint} failed: ${reason}`,
      'zh-CN': `列出 ${endpoint} 失败：${reason}`,
    },
    cause: error,
  });
}
