// Shared set-up for the data plane tests: a local ALB with its data plane, a handler that answers
// with what the data plane told it, and real clients.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { DataPlane, RunningEmulator } from '../../../source/emulator/index.js';
import { serveTraffic } from '../../../source/emulator/traffic/serve-traffic.js';
import { echoHandler } from './echo-handler.js';
import { startEmulator } from '../../../source/emulator/index.js';
import type { EmulatorState } from '../../../source/emulator/state.js';
import { clients, type Clients } from '../helpers.js';

export interface Rig {
  emulator: RunningEmulator;
  dataPlane: DataPlane;
  sdk: Clients;
  state: () => EmulatorState;
}

export async function startRig(
  options: { caDir?: string; portOffset?: number; seed?: number } = {},
): Promise<Rig> {
  const emulator = await startEmulator({ seed: options.seed ?? 18_018, provisioningDelayMs: 20 });
  const dataPlane = serveTraffic(emulator, {
    handler: echoHandler,
    ...(options.caDir ? { caDir: options.caDir } : {}),
    ...(options.portOffset !== undefined ? { portOffset: options.portOffset } : {}),
  });
  await dataPlane.settled();
  return { emulator, dataPlane, sdk: clients(emulator), state: () => emulator.snapshot() };
}

/** Waits (polling) until `check` holds; the test's own timeout bounds it. */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

export function served(rig: Rig, listenerId: string) {
  const at = rig.dataPlane.servedAt(listenerId);
  if (at?.kind !== 'served') throw new Error(`${listenerId} is not served: ${JSON.stringify(at)}`);
  return at;
}

export function listenerOf(rig: Rig, instanceName: string, protocol: string, port: number) {
  const state = rig.state();
  const lb = state.loadBalancers.find((l) => l.loadBalancerName === instanceName)!;
  const found = state.listeners.find(
    (l) =>
      l.loadBalancerId === lb.loadBalancerId && l.listenerProtocol === protocol && l.listenerPort === port,
  );
  if (!found) throw new Error(`no ${protocol} ${port} on ${instanceName}`);
  return found;
}

/** GET over plain HTTP; resolves with the status and the JSON body. */
export function httpGet(
  address: string,
  port: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: address, port, path: '/', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
      );
    });
    req.on('error', reject);
  });
}

/** The error code of a connection attempt that fails (e.g. ECONNREFUSED); undefined when it connects. */
export function connectError(address: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(undefined);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
