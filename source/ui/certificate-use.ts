// Which certificates the listeners of an instance serve, read before a delete or stop is confirmed so
// that "also served by …" counts every listener sharing the certificate, not only those the user
// happened to open: ListListenerCertificates of the target's HTTPS and QUIC siblings (default and
// extra certificates alike). The confirmation says "checking…" until they are in. Pure: the effect
// runner does the reading.
import type { ImpactSentence } from '../domain/listener-impact.js';
import type { AppState, Effect, InputLine } from './app-state.js';
import type { ErrorInfo } from './error-info.js';

/** What the confirmation asks to read: the target and its siblings that can hold certificates. */
export interface CertificateUseRequest {
  kind: 'read-certificate-use';
  /** The listener the confirmation is about. */
  forListenerId: string;
  listenerIds: readonly string[];
  generation: number;
}

export type CertificateUseAction =
  | {
      type: 'certificate-use-read';
      generation: number;
      forListenerId: string;
      /** Listener ID → the server certificates bound to it (default and extra). */
      certificates: ReadonlyMap<string, readonly string[]>;
    }
  | { type: 'certificate-use-failed'; generation: number; forListenerId: string; error: ErrorInfo };

const CERTIFICATE_PROTOCOLS = new Set(['HTTPS', 'QUIC']);

/** The listeners to read before asking about `row`: none unless it serves a certificate. */
export function certificateUseToRead(
  state: AppState,
  row: { id: string; loadBalancerId: string; protocol: string },
): string[] {
  if (!CERTIFICATE_PROTOCOLS.has(row.protocol)) return [];
  const siblings = (state.dashboard.data?.listeners ?? []).filter(
    (l) => l.loadBalancerId === row.loadBalancerId && CERTIFICATE_PROTOCOLS.has(l.protocol),
  );
  const ids = siblings.map((l) => l.id);
  return ids.includes(row.id) ? ids : [row.id, ...ids];
}

/** Queues the read for a confirmation just opened, marking its impact as still being checked. */
export function checkCertificateUse(
  state: AppState,
  row: { id: string; loadBalancerId: string; protocol: string },
  queue: (state: AppState, effect: Effect) => AppState,
): AppState {
  const line = state.input;
  if (!line || (line.kind !== 'delete' && line.kind !== 'startstop') || line.listenerId !== row.id)
    return state;
  const listenerIds = certificateUseToRead(state, row);
  if (listenerIds.length === 0) return state;
  return queue(
    { ...state, input: { ...line, impactPending: true } },
    {
      kind: 'read-certificate-use',
      forListenerId: row.id,
      listenerIds,
      generation: state.session.generation,
    },
  );
}

/**
 * The certificates read: kept for the session (newer reads replace older ones), and the open
 * confirmation's impact said again with them.
 */
export function certificateUseRead(
  state: AppState,
  action: CertificateUseAction,
  impactOf: (
    state: AppState,
    line: Extract<InputLine, { kind: 'delete' | 'startstop' }>,
  ) => readonly ImpactSentence[],
): AppState {
  if (action.generation !== state.session.generation) return state;
  let next = state;
  if (action.type === 'certificate-use-read') {
    const known = new Map(state.listenerCertificates);
    for (const [listenerId, ids] of action.certificates) known.set(listenerId, ids);
    next = { ...state, listenerCertificates: known };
  }
  const line = next.input;
  if (
    !line ||
    (line.kind !== 'delete' && line.kind !== 'startstop') ||
    line.listenerId !== action.forListenerId
  )
    return next;
  const { impactPending: _done, ...rest } = line;
  return {
    ...next,
    input: {
      ...rest,
      impact: impactOf(next, line),
      ...(action.type === 'certificate-use-failed' ? { impactUnchecked: true } : {}),
    },
  };
}
