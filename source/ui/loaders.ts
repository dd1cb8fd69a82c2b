// What the dashboard asks of the ALB client, one function per need. No React: the effect runner calls
// these and dispatches what they return.
import { collect, type AlbClient, type ListingProgress } from '../alb/client.js';
import { createLimiter } from '../alb/concurrency.js';
import { isAlbError } from '../alb/errors.js';
import type { Listener } from '../domain/resources.js';
import type { Snapshot } from './dashboard/rows.js';
import { serverGroupIdsOf, type ListenerDetail, type Loaded } from './detail/listener-detail.js';
import { errorInfo } from './error-info.js';

async function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (isAlbError(error) && error.kind === 'aborted') throw error;
    return { ok: false, error: errorInfo(error) };
  }
}

/**
 * Instances and all their listeners, with certificates (for expiry), server groups and TLS policies
 * (for the names of custom ones) read at the same time. Only the listing itself must succeed; the
 * others are extras.
 */
export async function loadSnapshot(
  client: AlbClient,
  options: { signal?: AbortSignal; onProgress?: (progress: ListingProgress) => void },
): Promise<Snapshot> {
  const call = options.signal ? { signal: options.signal } : {};
  const [listing, certificates, serverGroups, securityPolicies] = await Promise.all([
    client.listLoadBalancersAndListeners({
      ...call,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
    settle(client.listCertificates(call)),
    settle(collect(client.listServerGroups({}, call))),
    settle(client.listSecurityPolicies(call)),
  ]);
  return {
    loadBalancers: listing.loadBalancers,
    listenersByLoadBalancer: listing.listenersByLoadBalancer,
    ...(certificates.ok ? { certificates: certificates.value } : {}),
    ...(serverGroups.ok ? { serverGroups: serverGroups.value } : {}),
    ...(securityPolicies.ok ? { securityPolicies: securityPolicies.value } : {}),
  };
}

/** GetListenerAttribute and everything the detail view shows beside it, read in parallel. */
export async function loadListenerDetail(
  client: AlbClient,
  listenerId: string,
  signal?: AbortSignal,
): Promise<ListenerDetail> {
  const call = signal ? { signal } : {};
  const listener: Listener = await client.getListener(listenerId, call);
  const groupIds = serverGroupIdsOf(listener);
  const tls = listener.listenerProtocol !== 'HTTP';
  const [certificates, listenerCertificates, serverGroups, policy, servers, listenerRules, health] =
    await Promise.all([
      settle(client.listCertificates(call)),
      tls ? settle(client.listListenerCertificates(listenerId, call)) : Promise.resolve(undefined),
      groupIds.length > 0
        ? settle(collect(client.listServerGroups({ serverGroupIds: groupIds.slice(0, 20) }, call)))
        : Promise.resolve({ ok: true as const, value: [] }),
      listener.listenerProtocol === 'HTTPS' && listener.securityPolicyId
        ? settle(
            client
              .listSecurityPolicies(call)
              .then((policies) =>
                policies.find((candidate) => candidate.securityPolicyId === listener.securityPolicyId),
              ),
          )
        : Promise.resolve(undefined),
      Promise.all(
        groupIds.map(async (id) => [id, await settle(client.listServerGroupServers(id, call))] as const),
      ),
      settle(collect(client.listRules({ listenerIds: [listenerId] }, call))),
      groupIds.length > 0 ? settle(client.getListenerHealth(listenerId, call)) : Promise.resolve(undefined),
    ]);
  return {
    listener,
    certificates,
    ...(listenerCertificates ? { listenerCertificates } : {}),
    serverGroups,
    servers: new Map(servers),
    ...(policy ? { policy } : {}),
    rules: listenerRules,
    ...(health ? { health } : {}),
  };
}

/** Deletes a listener and waits until the API no longer knows it. A listener already gone counts as deleted. */
export async function deleteListenerAndWait(
  client: AlbClient,
  listenerId: string,
  options: { signal?: AbortSignal; intervalMs?: number } = {},
): Promise<void> {
  const call = options.signal ? { signal: options.signal } : {};
  let jobId: string | undefined;
  try {
    jobId = (await client.deleteListener(listenerId, undefined, call)).jobId;
  } catch (error) {
    if (isAlbError(error) && error.kind === 'notFound') return;
    throw error;
  }
  await client.waitForListener(listenerId, {
    ...call,
    until: 'gone',
    ...(jobId ? { jobId } : {}),
    intervalMs: options.intervalMs ?? 1000,
  });
}

/**
 * The server certificates (default and extra) of each listener, six at a time; a listener gone
 * meanwhile counts as none.
 */
export async function readCertificateUse(
  client: Pick<AlbClient, 'listListenerCertificates'>,
  listenerIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, string[]>> {
  const limiter = createLimiter(6);
  const entries = await Promise.all(
    listenerIds.map((listenerId) =>
      limiter.run(async (): Promise<[string, string[]]> => {
        try {
          const bound = await client.listListenerCertificates(listenerId, { signal });
          return [
            listenerId,
            bound
              .filter((c) => c.certificateType !== 'Ca' && c.status !== 'Diassociating')
              .map((c) => c.certificateId),
          ];
        } catch (error) {
          if (isAlbError(error) && error.kind === 'notFound') return [listenerId, []];
          throw error;
        }
      }),
    ),
  );
  return new Map(entries);
}
