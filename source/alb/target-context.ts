// Everything the listener rules need to know about one instance and its region (TargetContext),
// read through the ALB client in parallel: the wizard and the `create` command both start here.
import type { ListenerFact, TargetContext } from '../domain/listener-rules.js';
import type { Listener, LoadBalancer } from '../domain/resources.js';
import { collect, type AlbClient } from './client.js';
import { isAlbError } from './errors.js';

export interface LoadedTarget {
  context: TargetContext;
  /** With zone mappings (`GetLoadBalancerAttribute`): name, zones, tags — what the rules do not need. */
  loadBalancer: LoadBalancer;
}

export interface LoadTargetOptions {
  signal?: AbortSignal;
  /** Listeners of other instances a request names (e.g. a QUIC listener); unknown ones are left out. */
  alsoListenerIds?: readonly string[];
  /** "Now" for the certificate checks, in ms since the epoch (or a clock); `Date.now()` unless given. */
  now?: number | (() => number);
}

/** The rules' view of an instance; see `loadTarget`. */
export async function loadTargetContext(
  client: AlbClient,
  loadBalancerId: string,
  options: LoadTargetOptions = {},
): Promise<TargetContext> {
  return (await loadTarget(client, loadBalancerId, options)).context;
}

/**
 * The instance, its listeners (plus `alsoListenerIds`), the region's certificates, TLS policies and
 * server groups. All calls start at once; the first failure cancels the others and is what the
 * promise rejects with (an AlbError, e.g. kind `notFound` for an unknown instance).
 */
export async function loadTarget(
  client: AlbClient,
  loadBalancerId: string,
  options: LoadTargetOptions = {},
): Promise<LoadedTarget> {
  const cancel = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
  const call = { signal };
  const loading = Promise.all([
    client.getLoadBalancer(loadBalancerId, call),
    collect(client.listListeners({ loadBalancerIds: [loadBalancerId] }, call)),
    listenersByIds(client, options.alsoListenerIds ?? [], signal),
    client.listCertificates(call),
    client.listSecurityPolicies(call),
    collect(client.listServerGroups({}, call)),
  ]);
  let loaded: Awaited<typeof loading>;
  try {
    loaded = await loading;
  } catch (error) {
    cancel.abort();
    throw error;
  }
  const [loadBalancer, own, others, certificates, securityPolicies, serverGroups] = loaded;
  const seen = new Set(own.map((l) => l.listenerId));
  const listeners = [...own, ...others.filter((l) => !seen.has(l.listenerId))];
  const now =
    options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now();
  return {
    loadBalancer,
    context: {
      instance: {
        loadBalancerId: loadBalancer.loadBalancerId || loadBalancerId,
        status: loadBalancer.loadBalancerStatus,
        edition: loadBalancer.loadBalancerEdition,
        vpcId: loadBalancer.vpcId,
      },
      listeners: listenerFacts(listeners),
      certificates,
      securityPolicies,
      serverGroups,
      now,
    },
  };
}

async function listenersByIds(
  client: AlbClient,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<Listener[]> {
  const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
  if (wanted.length === 0) return [];
  try {
    return await collect(client.listListeners({ listenerIds: wanted }, { signal }));
  } catch (error) {
    // The rules report an unknown listener themselves; a lookup that fails for it must not hide the rest.
    if (isAlbError(error) && error.kind === 'notFound') return [];
    throw error;
  }
}

/** A listener as the rules see it: protocol, port, name, and the QUIC listener an HTTPS one upgrades to. */
export function toFact(listener: Listener): ListenerFact {
  const fact: ListenerFact = {
    listenerId: listener.listenerId,
    loadBalancerId: listener.loadBalancerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name: listener.listenerDescription,
  };
  const quic = listener.quicConfig;
  if (listener.listenerProtocol === 'HTTPS' && quic.quicUpgradeEnabled && quic.quicListenerId) {
    fact.associatedQuicListenerId = quic.quicListenerId;
  }
  return fact;
}

export function listenerFacts(listeners: readonly Listener[]): ListenerFact[] {
  return listeners.map(toFact);
}
