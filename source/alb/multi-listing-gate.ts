// The shared limit of calls in flight when several connections list at once (multi-listing.ts): each
// SDK call of a listing run under `withCallGate` waits for a slot of the gate before it is sent, and
// gives it back when its answer (or failure) is in, retries included as separate calls. Carried by
// async context, so the clients need no option for it and a call made outside a gated run is not held.
import { AsyncLocalStorage } from 'node:async_hooks';

export type CallGate = <T>(send: () => Promise<T>) => Promise<T>;

const current = new AsyncLocalStorage<CallGate>();

/** Runs `work` with every call it makes (through `gatedCall`) held to `gate`. */
export function withCallGate<T>(gate: CallGate, work: () => Promise<T>): Promise<T> {
  return current.run(gate, work);
}

/** Sends one call: through the gate of the run it belongs to, or at once outside any. */
export function gatedCall<T>(send: () => Promise<T>): Promise<T> {
  const gate = current.getStore();
  return gate ? gate(send) : send();
}
