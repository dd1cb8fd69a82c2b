// The worker thread the dashboard's local ALB runs in (see local-alb-thread.ts for why): starts the
// emulator on loopback (it checks signatures as ever) and its data plane, tells the main thread where
// it listens and, as they change, where the listeners are served; on `close` it stops the data plane,
// writes the state and releases it.
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator, StateInUseError, type RunningEmulator } from '../emulator/index.js';
import type { FromLocalAlb, LocalAlbStart, ToLocalAlb } from './local-alb-thread.js';
import { serveLocalTraffic, type ServedTraffic } from './traffic.js';

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
  parentPort?.on('message', (message: ToLocalAlb) => {
    if (message.kind === 'close') closeAsked();
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
  void asked.then(() =>
    emulator.close().then(
      () => post({ kind: 'closed' }),
      (error: unknown) => post({ kind: 'closed', error: errorText(error) }),
    ),
  );
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

void run(workerData as LocalAlbStart);
