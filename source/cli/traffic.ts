// Wires the local ALB's data plane in (the CLI is the only place that may): served in the background
// once the local ALB answers, so neither the first frame nor the first listing waits for key
// generation or binding; its log goes to a file beside the state (or wherever the caller says), and
// where each listener is served to a file another alb-tui reads.
import { join } from 'node:path';
import type { Lang } from '../domain/i18n.js';
import { describeServedListener, servedMessages, type ServedAddresses } from '../domain/served-addresses.js';
import { isAlive, type DataPlane, type RunningEmulator, type ServedLogEntry } from '../emulator/index.js';
import { fileLog, servedFileReader, servedFilePublisher } from '../emulator/traffic/served-file.js';
import { serveTraffic } from '../emulator/traffic/serve-traffic.js';
import { servingHandler } from '../emulator/traffic/serving.js';

export const LOCAL_SERVED_FILE = 'local-alb-served.json';
export const LOCAL_LOG_FILE = 'local-alb.log';
export const LOCAL_CA_DIR = 'local-ca';

export interface TrafficOptions {
  /** Added to a listener port that cannot be bound (`--port-offset`). */
  portOffset?: number;
  /** Where log lines go; the data directory's `local-alb.log` when absent. */
  log?: (line: string) => void;
  /** The language of the log lines (English unless told). */
  lang?: Lang;
  /** Told whenever where a listener is served changes (besides the file published for other processes). */
  onServedChange?: () => void;
}

export interface ServedTraffic extends ServedAddresses {
  /** The data plane, once started (tests and the emulator command wait on it). */
  started: Promise<DataPlane>;
}

/** Starts serving `emulator`'s listeners on the next turn of the event loop; returns at once. */
export function serveLocalTraffic(
  emulator: RunningEmulator,
  dataDir: string,
  options: TrafficOptions = {},
): ServedTraffic {
  const caDir = join(dataDir, LOCAL_CA_DIR);
  const caPath = join(caDir, 'ca.pem');
  const log = options.log ?? fileLog(join(dataDir, LOCAL_LOG_FILE));
  const lang = options.lang ?? 'en';
  let plane: DataPlane | undefined;
  const publish = servedFilePublisher(join(dataDir, LOCAL_SERVED_FILE), () => ({
    pid: process.pid,
    caCertificatePath: caPath,
    listeners: plane?.servedListeners() ?? {},
  }));
  const started = new Promise<DataPlane>((resolve, reject) =>
    setImmediate(() => {
      try {
        plane = serveTraffic(emulator, {
          // Every region its own pipeline, health checks and demo backends.
          handler: (state, region) =>
            servingHandler(state, {
              useHealthSource: (checker) => region.useHealthSource(checker),
              log: regionLog(region.regionId, emulator.region, log),
              revision: () => region.revision(),
            }),
          caDir,
          log: (entry) => log(logLine(entry, caPath, lang)),
          onServedChange: options.onServedChange
            ? () => {
                publish();
                options.onServedChange?.();
              }
            : publish,
          ...(options.portOffset === undefined ? {} : { portOffset: options.portOffset }),
        });
        void plane.localCa().then(
          () => log(servedMessages.caCertificate(caPath)[lang]),
          (error: unknown) => log(servedMessages.caFailed((error as Error).message)[lang]),
        );
        resolve(plane);
      } catch (error) {
        // Closed before it started (a dashboard quit at once): nothing to serve.
        reject(error as Error);
      }
    }),
  );
  started.catch(() => undefined);
  return {
    started,
    servedAt: (listenerId) => plane?.servedAt(listenerId) ?? { kind: 'not-served', reason: 'starting' },
    caCertificatePath: () => caPath,
  };
}

/** A region's log lines; those of a region other than the one the user works in say which. */
function regionLog(regionId: string, mainRegion: string, log: (line: string) => void) {
  return regionId === mainRegion ? log : (line: string) => log(`[${regionId}] ${line}`);
}

/** `lsn-… HTTPS 443 "name": https://127.….:443/  curl …`, or why it is not served. */
export function logLine(entry: ServedLogEntry, caPath: string | undefined, lang: Lang): string {
  if (!entry.status) return `${entry.label}: ${servedMessages.deleted[lang]}`;
  const described = describeServedListener(entry.status, caPath);
  // Plain HTTP needs no curl line: the URL is it.
  const curl = entry.status.kind === 'served' && entry.status.serverName ? `  ${described.curl}` : '';
  return `${entry.label}: ${described.where[lang]}${curl}`;
}

/** What another process that runs the local ALB published of where it serves. */
export function servedByOwner(dataDir: string): ServedAddresses {
  return servedFileReader(join(dataDir, LOCAL_SERVED_FILE), isAlive);
}
