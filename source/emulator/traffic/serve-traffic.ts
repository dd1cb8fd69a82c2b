// Starts the local ALB's data plane. Apart from the emulator's index so that a local ALB that only
// answers the API (the dashboard's worker until its first listing is answered, `--no-data-plane`)
// never loads the data plane, its TLS set-up and node-forge.
import type { RunningEmulator, ServeTrafficOptions } from '../index.js';
import { DataPlane } from './data-plane.js';

/**
 * Starts the data plane over the listeners of every region `emulator` serves (once; later calls
 * return the same one). It binds and creates keys in the background: the caller need not wait for it.
 */
export function serveTraffic(emulator: RunningEmulator, options: ServeTrafficOptions): DataPlane {
  return emulator.attachDataPlane(
    (regions) => new DataPlane({ ...options, regions: regions(options.handler) }),
  );
}
