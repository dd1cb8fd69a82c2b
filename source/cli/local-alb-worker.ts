// The worker thread the dashboard's local ALB runs in (see local-alb-thread.ts for why): starts the
// emulator on loopback (it checks signatures as ever) and its data plane, tells the main thread where
// it listens and, as they change, where the listeners are served; on `close` it stops the data plane,
// writes the state and releases it.
import { parentPort, workerData } from 'node:worker_threads';
import { saveCodeCacheSoon } from '../boot/code-cache-save.js';
import { startEmulator, StateInUseError, type RunningEmulator } from '../emulator/index.js';
import {
  DATA_PLANE_DELAY_MS,
  type FromLocalAlb,
  type LocalAlbStart,
  type ToLocalAlb,
} from './local-alb-thread.js';
import type { ServedTraffic } from './traffic.js';

/** How long bursts of served-address changes (a data plane binding many listeners) are coalesced. */
const SERVED_COALESCE_MS = 50;

function post(message: FromLocalAlb): void {
  parentPort?.postMessage(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function run(start: LocalAlbStart): Promise<void> {
  // Listening from the start: a dashboard quit at once asks to close while the local ALB starts.
  let closeAsked: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (closeAsked = resolve));
  let serveAsked: () => void = () => undefined;
  const serve = new Promise<void>((resolve) => (serveAsked = resolve));
  parentPort?.on('message', (message: ToLocalAlb) => {
    if (message.kind === 'close') closeAsked();
    else if (message.kind === 'serve') {
      serveAsked();
      // The first listing is answered: the code cache now holds what a start runs.
      saveCodeCacheSoon();
    }
  });
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      port: 0,
      statePath: start.statePath,
      credentialsPath: start.credentialsPath,
      ...(start.region === undefined ? {} : { region: start.region }),
    });
  } catch (error) {
    post(
      error instanceof StateInUseError
        ? { kind: 'busy', owner: error.owner }
        : { kind: 'failed', message: errorText(error) },
    );
    return;
  }
  let closing = false;
  void asked.then(() => {
    closing = true;
    return emulator.close().then(
      () => post({ kind: 'closed' }),
      (error: unknown) => post({ kind: 'closed', error: errorText(error) }),
    );
  });
  post({
    kind: 'ready',
    endpoint: emulator.endpoint,
    region: emulator.region,
    regions: emulator.regions.map(({ regionId, endpoint }) => ({ regionId, endpoint })),
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    warnings: emulator.warnings,
  });
  if (!start.dataPlane) return;
  // The data plane's start (certificates, TLS contexts, binding, health checks) is seconds of CPU at
  // scale: it waits for the first listing to be answered, or for DATA_PLANE_DELAY_MS.
  const delay = setTimeout(serveAsked, DATA_PLANE_DELAY_MS);
  await Promise.race([serve, asked]);
  clearTimeout(delay);
  // Loaded only now: node-forge and the request pipeline are not needed to answer the API.
  const { serveLocalTraffic } = await import('./traffic.js');
  if (closing) return;
  let timer: NodeJS.Timeout | undefined;
  const traffic: ServedTraffic = serveLocalTraffic(emulator, start.dataDir, {
    lang: start.lang,
    ...(start.dataPlane.portOffset === undefined ? {} : { portOffset: start.dataPlane.portOffset }),
    onServedChange: () => {
      timer ??= setTimeout(tell, SERVED_COALESCE_MS);
    },
  });
  function tell(): void {
    timer = undefined;
    const caCertificatePath = traffic.caCertificatePath?.();
    void traffic.started.then(
      (plane) =>
        post({
          kind: 'served',
          listeners: plane.servedListeners(),
          ...(caCertificatePath ? { caCertificatePath } : {}),
        }),
      () => undefined /* closed before it started: nothing is served */,
    );
  }
  tell();
}

// Started idle (cli/idle-local-alb-worker.ts), the thread waits for its start.
if (workerData) void run(workerData as LocalAlbStart);
else {
  const onStart = (message: ToLocalAlb): void => {
    if (message.kind !== 'start') return;
    parentPort?.off('message', onStart);
    void run(message.start);
  };
  parentPort?.on('message', onStart);
}
