// The operations log (`:ops`, lazygit's command log): every change this session made to the account —
// action, target, job, each status it went through, result — with the aliyun CLI command that makes
// the same call. In memory for the session only; it holds request parameters and API statuses, never
// a credential. Any change flow records through `begin` (the recording client does it for every call
// that goes through the session's client); the view subscribes.
import type { ChangeAction } from '../../domain/change-commands.js';
import type { Localized } from '../../domain/i18n.js';

export type OpStatus = 'sent' | 'accepted' | 'done' | 'failed';

export interface OpEntry {
  id: number;
  /** When the call was sent (ms since the epoch). */
  at: number;
  action: ChangeAction;
  /** What it changes, as the user knows it: `HTTPS 443 · lsn-…`, `lb-… HTTPS:443`. */
  target: string;
  /** The connection and region it went to (`prod@cn-shanghai`), in a session with several open. */
  connection?: string;
  listenerId?: string;
  jobId?: string;
  clientToken?: string;
  status: OpStatus;
  /** The statuses the resource went through, in order (`Provisioning`, `Running`; `Associating`). */
  progress: readonly string[];
  /** Why it failed, or what it ended as. */
  result?: Localized;
  /** The aliyun CLI command for the same call. */
  command: string;
}

export interface OpStart {
  action: ChangeAction;
  target: string;
  command: string;
  connection?: string;
  listenerId?: string;
  clientToken?: string;
}

/** The one thing a change flow holds while its change runs. */
export interface OpHandle {
  readonly id: number;
  /** The service took the call (its job, and the listener when a create names it only now). */
  accepted(info?: { jobId?: string; listenerId?: string }): void;
  /** A status seen while following the change. */
  progress(status: string): void;
  succeeded(result?: Localized): void;
  failed(reason: Localized): void;
}

/** Entries kept; the oldest go first once a very long session passes it. */
const MAX_ENTRIES = 1000;

export class OpsLog {
  #entries: OpEntry[] = [];
  #nextId = 1;
  #listeners = new Set<() => void>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Oldest first; a new array after every change (so React sees it change). */
  entries(): readonly OpEntry[] {
    return this.#entries;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  begin(start: OpStart): OpHandle {
    const id = this.#nextId++;
    const entry: OpEntry = {
      id,
      at: this.#now(),
      action: start.action,
      target: start.target,
      command: start.command,
      status: 'sent',
      progress: [],
      ...(start.connection ? { connection: start.connection } : {}),
      ...(start.listenerId ? { listenerId: start.listenerId } : {}),
      ...(start.clientToken ? { clientToken: start.clientToken } : {}),
    };
    this.#entries = [...this.#entries, entry].slice(-MAX_ENTRIES);
    this.#emit();
    return {
      ...this.#handle(id),
      accepted: (info = {}) =>
        this.#patch(id, (e) => ({
          ...e,
          status: e.status === 'sent' ? 'accepted' : e.status,
          ...(info.jobId ? { jobId: info.jobId } : {}),
          ...(info.listenerId ? { listenerId: info.listenerId } : {}),
        })),
    };
  }

  /**
   * The newest change to this listener that the service took and that is still being followed: what a
   * wait on the listener reports into.
   */
  openFor(listenerId: string, actions?: readonly ChangeAction[]): OpHandle | undefined {
    for (let index = this.#entries.length - 1; index >= 0; index--) {
      const entry = this.#entries[index]!;
      if (entry.listenerId !== listenerId || entry.status !== 'accepted') continue;
      if (actions && !actions.includes(entry.action)) continue;
      return this.#handle(entry.id);
    }
    return undefined;
  }

  #handle(id: number): OpHandle {
    return {
      id,
      accepted: () => undefined,
      progress: (status) =>
        this.#patch(id, (e) =>
          e.progress[e.progress.length - 1] === status ? e : { ...e, progress: [...e.progress, status] },
        ),
      succeeded: (result) =>
        this.#patch(id, (e) => ({ ...e, status: 'done', ...(result ? { result } : {}) })),
      failed: (reason) => this.#patch(id, (e) => ({ ...e, status: 'failed', result: reason })),
    };
  }

  #patch(id: number, change: (entry: OpEntry) => OpEntry): void {
    const index = this.#entries.findIndex((entry) => entry.id === id);
    if (index < 0) return;
    const before = this.#entries[index]!;
    // A finished entry keeps its end: a late status from a wait that outlived it changes nothing.
    if (before.status === 'done' || before.status === 'failed') return;
    const after = change(before);
    if (after === before) return;
    this.#entries = this.#entries.map((entry, at) => (at === index ? after : entry));
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** The log as one connection's client writes to it: every change it begins names that connection. */
export function logForConnection(log: OpsLog, connection: string): OpsLog {
  return new Proxy(log, {
    get(target, property) {
      if (property === 'begin') return (start: OpStart) => target.begin({ ...start, connection });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Follows a change the service took to its end, recording each status on `op`. */
export type FollowChange = <T extends object>(op: OpHandle, call: Promise<T>) => Promise<T>;
/** Follows a wait for a change (when one was recorded) to its end. */
export type FollowWait = <T>(op: OpHandle | undefined, call: Promise<T>) => Promise<T>;
