// The dashboard's local ALB runs in a worker thread (local-alb-worker.ts): its code, its request
// serving and its whole data plane (certificates, listeners, demo backends, health checks) use the
// second core, so neither the first frame nor the first listing waits for them. This is the main
// thread's side: it starts the worker, learns where the local ALB listens, mirrors where each listener
// is served (the detail view asks synchronously) and stops it on quit. Imports nothing heavy: it is
// started before the dashboard's own code loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../domain/i18n.js';
import type { ServedAddresses, ServedListener } from '../domain/served-addresses.js';
import type { StateOwner } from '../emulator/state-owner.js';

/** What the worker starts: the same local ALB `openConnection` would start in-process. */
export interface LocalAlbStart {
  dataDir: string;
  statePath: string;
  credentialsPath: string;
  /** Only a region the user asked for: otherwise the state file's own region stands. */
  region?: string;
  /** Serve the listeners (the dashboard does unless `--no-data-plane`). */
  dataPlane: false | { portOffset?: number };
  lang: Lang;
}

export interface LocalAlbReady {
  kind: 'ready';
  endpoint: string;
  region: string;
  regions: { regionId: string; endpoint: string }[];
  accessKeyId: string;
  accessKeySecret: string;
  /** English / 简体中文, as the emulator reports them (e.g. a corrupt state file moved aside). */
  warnings: string[];
}

/** How the start ended: listening, the state owned by another process, or an error. */
export type LocalAlbStarted =
  LocalAlbReady | { kind: 'busy'; owner: StateOwner } | { kind: 'failed'; message: string };

export const LOCAL_STATE_FILE = 'local-alb.json';
export const LOCAL_CREDENTIALS_FILE = 'local-alb-credentials.json';

/** The start of the local ALB kept in `dataDir`, the same wherever it is asked for. */
export function localAlbStart(
  dataDir: string,
  region: string | undefined,
  dataPlane: false | { portOffset?: number | undefined } | undefined,
  lang: Lang,
): LocalAlbStart {
  return {
    dataDir,
    statePath: join(dataDir, LOCAL_STATE_FILE),
    credentialsPath: join(dataDir, LOCAL_CREDENTIALS_FILE),
    ...(region === undefined ? {} : { region }),
    dataPlane: dataPlane
      ? dataPlane.portOffset === undefined
        ? {}
        : { portOffset: dataPlane.portOffset }
      : false,
    lang,
  };
}

/** Whether two starts start the same local ALB (a thread started early can serve the later ask). */
export function sameStart(a: LocalAlbStart, b: LocalAlbStart): boolean {
  return (
    JSON.stringify(localAlbStart(a.dataDir, a.region, a.dataPlane, a.lang)) ===
    JSON.stringify(localAlbStart(b.dataDir, b.region, b.dataPlane, b.lang))
  );
}

/** Messages from the worker. */
export type FromLocalAlb =
  | LocalAlbStarted
  | { kind: 'served'; listeners: Record<string, ServedListener>; caCertificatePath?: string }
  | { kind: 'closed'; error?: string };

/**
 * Messages to the worker. `start`: what a thread started idle starts. `serve`: the first listing is
 * answered, the data plane may start (it would otherwise compete with that listing for the worker's
 * thread; it starts on its own after DATA_PLANE_DELAY_MS anyway).
 */
export type ToLocalAlb = { kind: 'close' } | { kind: 'serve' } | { kind: 'start'; start: LocalAlbStart };

/** How long the data plane waits for the first listing before it starts regardless. */
export const DATA_PLANE_DELAY_MS = 3000;

export class LocalAlbThread {
  readonly start: LocalAlbStart;
  /** Resolves once the local ALB listens (or could not start); never rejects. */
  readonly started: Promise<LocalAlbStarted>;
  readonly #worker: Worker;
  #listeners: Record<string, ServedListener> = {};
  #caCertificatePath: string | undefined;
  #closing: Promise<void> | undefined;
  #exited = false;
  #onClosed: ((error?: string) => void) | undefined;

  /** `idle`: a thread started without a start (cli/idle-local-alb-worker.ts), told it now. */
  constructor(workerUrl: URL, start: LocalAlbStart, idle?: Worker) {
    this.start = start;
    this.#worker = idle ?? new Worker(workerUrl, { workerData: start });
    if (idle) idle.postMessage({ kind: 'start', start } satisfies ToLocalAlb);
    this.started = new Promise((resolve) => {
      this.#worker.on('message', (message: FromLocalAlb) => {
        switch (message.kind) {
          case 'served':
            this.#listeners = message.listeners;
            this.#caCertificatePath = message.caCertificatePath;
            return;
          case 'closed':
            this.#onClosed?.(message.error);
            return;
          case 'ready':
            resolve(message);
            return;
          default:
            // Nothing runs there: the thread has nothing left to do.
            this.#exited = true;
            resolve(message);
            void this.#worker.terminate();
        }
      });
      this.#worker.on('error', (error) => resolve({ kind: 'failed', message: error.message }));
      this.#worker.on('exit', (code) => {
        this.#exited = true;
        resolve({ kind: 'failed', message: `the local ALB's thread stopped (exit code ${code})` });
        this.#onClosed?.();
      });
    });
  }

  /** Where the worker's data plane serves each listener, as it last said. */
  served(): ServedAddresses {
    return {
      // Every listener the connection shows is the local ALB's: unknown yet means not bound yet.
      servedAt: (listenerId) => this.#listeners[listenerId] ?? { kind: 'not-served', reason: 'starting' },
      caCertificatePath: () => this.#caCertificatePath,
    };
  }

  /** The first listing is answered: the data plane may start now. */
  serveTraffic(): void {
    if (!this.#exited) this.#worker.postMessage({ kind: 'serve' } satisfies ToLocalAlb);
  }

  /** Stops the local ALB (its state written, its data plane stopped) and the thread. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve, reject) => {
      if (this.#exited) {
        resolve();
        return;
      }
      this.#onClosed = (error) => {
        this.#onClosed = undefined;
        void this.#worker.terminate().finally(() => (error ? reject(new Error(error)) : resolve()));
      };
      this.#worker.postMessage({ kind: 'close' } satisfies ToLocalAlb);
    });
    return this.#closing;
  }
}

/**
 * The connection a start without `--connection` opens, as the profiles file says, read before the
 * store (and its schema code) is loaded: `local` when there is no file; undefined when it cannot be
 * told (the store decides later). A guess only: the store's answer is the one used.
 */
export function activeConnectionGuess(configDirectory: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(configDirectory, 'profiles.json'), 'utf8'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'local' : undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { activeConnection, connections } = data as { activeConnection?: unknown; connections?: unknown };
  if (typeof activeConnection !== 'string') return 'local';
  const saved =
    Array.isArray(connections) &&
    connections.some((c: unknown) => (c as { name?: unknown } | null)?.name === activeConnection);
  return saved ? activeConnection : 'local';
}
