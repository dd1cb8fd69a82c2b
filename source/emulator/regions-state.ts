// State per region: which regions a local ALB serves, where each one's state file lives, and the demo
// data of a region other than the first (fewer instances, its own IDs, the account's certificates).
import type { EmulatorState } from './state.js';
import { seedState } from './seed.js';
import { DEFAULT_REGIONS } from './regions.js';
import { DEMO_BACKEND_PORTS, isDemoServer } from './traffic/demo-ports.js';

/**
 * The regions served, the state file's own region first (older single-region state files stay
 * loading as they were), then the one asked for, then the others (`DEFAULT_REGIONS` unless given).
 */
export function servedRegionIds(
  primary: string,
  requested: string | undefined,
  others: readonly string[] = DEFAULT_REGIONS,
): string[] {
  return [...new Set([primary, ...(requested ? [requested] : []), ...others])];
}

/**
 * Where a region other than the first keeps its state: beside the first's file, named by region
 * (`state.json` → `state.cn-shanghai.json`), so each is written, claimed aside and recovered on its own.
 */
export function regionStatePath(statePath: string, regionId: string): string {
  return statePath.endsWith('.json')
    ? `${statePath.slice(0, -'.json'.length)}.${regionId}.json`
    : `${statePath}.${regionId}`;
}

/** The first demo backend port no server of `states` uses. */
export function nextDemoPort(states: readonly EmulatorState[]): number {
  let next: number = DEMO_BACKEND_PORTS.first;
  for (const state of states)
    for (const server of state.servers) if (isDemoServer(server)) next = Math.max(next, server.port + 1);
  return next;
}

/** The instances a second region's demo holds: the production web and API tier and a staging one. */
const SECOND_REGION_INSTANCES = new Set(['prod-web', 'prod-api', 'staging-web']);

/** A deterministic seed of its own for each region: the same IDs every run, different from the first's. */
function regionSeed(seed: number, regionId: string): number {
  let hash = 0x811c9dc5;
  for (const char of regionId) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (seed ^ hash) >>> 0;
}

/**
 * Demo data of a region other than the first: three of the demo instances (their names as in the
 * first region, like an application deployed in two regions) with their own IDs, addresses and
 * listeners. Certificates live in the account's certificate service, not in a region: the first
 * region's certificates are used, and the listeners name them.
 */
export function seedSecondRegion(options: {
  region: string;
  seed: number;
  now: number;
  certificates: EmulatorState['certificates'];
  /**
   * The first demo backend port its demo servers take: the regions before hold the ones below, and
   * one local ALB runs the demo backends of every region, each on its own port.
   */
  demoPortsFrom?: number;
}): EmulatorState {
  const state = seedState({
    region: options.region,
    seed: regionSeed(options.seed, options.region),
    now: options.now,
  });
  state.loadBalancers = state.loadBalancers.filter((lb) => SECOND_REGION_INSTANCES.has(lb.loadBalancerName));
  const kept = new Set(state.loadBalancers.map((lb) => lb.loadBalancerId));
  state.listeners = state.listeners.filter((listener) => kept.has(listener.loadBalancerId));
  // The seed makes the same certificates in the same order: map each to the account's own.
  if (options.certificates.length === state.certificates.length) {
    const accountId = new Map(
      state.certificates.map((cert, index) => [
        cert.certificateId,
        options.certificates[index]!.certificateId,
      ]),
    );
    const mapped = (id: string): string => accountId.get(id) ?? id;
    for (const listener of state.listeners) {
      for (const cert of listener.certificates ?? []) cert.certificateId = mapped(cert.certificateId);
      for (const cert of listener.caCertificates ?? []) cert.certificateId = mapped(cert.certificateId);
    }
    state.certificates = structuredClone(options.certificates);
  }
  for (const group of state.serverGroups) {
    group.relatedLoadBalancerIds = group.relatedLoadBalancerIds.filter((id) => kept.has(id));
  }
  const demoServers = state.servers.filter(isDemoServer);
  const from = options.demoPortsFrom;
  // Past the range the ports stay shared with the first region (its backends answer for both).
  if (from !== undefined && from + demoServers.length - 1 <= DEMO_BACKEND_PORTS.last)
    demoServers.forEach((server, index) => (server.port = from + index));
  return state;
}
