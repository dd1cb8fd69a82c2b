// loadTargetContext against the local ALB: the facts the listener rules need, read from the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import { listenerFacts, loadTarget, loadTargetContext } from '../../source/alb/target-context.js';
import { newDraft } from '../../source/domain/listener-draft.js';
import { quicListenerProblem, validateDraft } from '../../source/domain/listener-rules.js';
import type { Listener } from '../../source/domain/resources.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';

let emulator: RunningEmulator;
let client: SdkAlbClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  client = clientFor(emulator);
});
afterAll(() => emulator.close());

function seeded(name: string) {
  const state = emulator.snapshot();
  return state.loadBalancers.find((lb) => lb.loadBalancerName === name)!;
}

describe('loadTargetContext', () => {
  it('describes the instance, its listeners and the region as the API lists them', async () => {
    const prodWeb = seeded('prod-web');
    const now = Date.parse('2030-01-01T00:00:00Z');
    const context = await loadTargetContext(client, prodWeb.loadBalancerId, { now });
    expect(context.instance).toEqual({
      loadBalancerId: prodWeb.loadBalancerId,
      status: 'Active',
      edition: 'StandardWithWaf',
      vpcId: prodWeb.vpcId,
    });
    expect(context.now).toBe(now);
    const own = await collect(client.listListeners({ loadBalancerIds: [prodWeb.loadBalancerId] }));
    expect(context.listeners.map((l) => l.listenerId).sort()).toEqual(own.map((l) => l.listenerId).sort());
    expect(context.listeners.every((l) => l.loadBalancerId === prodWeb.loadBalancerId)).toBe(true);
    expect(context.certificates).toEqual(await client.listCertificates());
    expect(context.securityPolicies).toEqual(await client.listSecurityPolicies());
    expect(context.serverGroups).toEqual(await collect(client.listServerGroups()));
  });

  it("takes QUIC associations from the HTTPS listeners' QuicConfig", async () => {
    const context = await loadTargetContext(client, seeded('prod-web').loadBalancerId);
    const https = context.listeners.find((l) => l.protocol === 'HTTPS' && l.port === 443)!;
    const quic = context.listeners.find((l) => l.protocol === 'QUIC' && l.port === 443)!;
    expect(https.associatedQuicListenerId).toBe(quic.listenerId);
    expect(context.listeners.filter((l) => l.associatedQuicListenerId !== undefined)).toHaveLength(1);
    // The rules now know the QUIC listener is taken.
    expect(quicListenerProblem(quic.listenerId, context)?.code).toBe('ResourceAlreadyAssociated.Listener');
  });

  it('adds listeners named from elsewhere, so the rules can say what is wrong with them', async () => {
    const prodApi = seeded('prod-api');
    const state = emulator.snapshot();
    const foreignQuic = state.listeners.find(
      (l) => l.listenerProtocol === 'QUIC' && l.loadBalancerId !== prodApi.loadBalancerId,
    )!;
    const context = await loadTargetContext(client, prodApi.loadBalancerId, {
      alsoListenerIds: [foreignQuic.listenerId, 'lsn-doesnotexist'],
    });
    expect(context.listeners.some((l) => l.listenerId === foreignQuic.listenerId)).toBe(true);
    expect(quicListenerProblem(foreignQuic.listenerId, context)?.code).toBe(
      'OperationDenied.CrossLoadBalancerQUICListener',
    );
  });

  it('is what the wizard rules validate against: a taken port is caught', async () => {
    const prodWeb = seeded('prod-web');
    const { context, loadBalancer } = await loadTarget(client, prodWeb.loadBalancerId);
    expect(loadBalancer.loadBalancerName).toBe('prod-web');
    const draft = { ...newDraft('HTTP'), port: '80' };
    expect(validateDraft(draft, context).find((v) => v.field === 'port')?.code).toBe(
      'ResourceAlreadyExist.Listener',
    );
    expect(validateDraft({ ...draft, port: '81' }, context).find((v) => v.field === 'port')).toBeUndefined();
  });

  it('rejects an unknown instance with a notFound AlbError', async () => {
    const error = await loadTargetContext(client, 'alb-doesnotexist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlbError);
    expect(error).toMatchObject({ kind: 'notFound', code: 'ResourceNotFound.LoadBalancer' });
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await loadTargetContext(client, seeded('prod-web').loadBalancerId, {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'aborted' });
  });
});

describe('listenerFacts', () => {
  const base: Listener = {
    listenerId: 'lsn-1',
    loadBalancerId: 'alb-1',
    listenerProtocol: 'HTTPS',
    listenerPort: 443,
    listenerDescription: 'web',
    listenerStatus: 'Running',
    defaultActions: [],
    gzipEnabled: true,
    http2Enabled: true,
    idleTimeout: 15,
    requestTimeout: 60,
    quicConfig: {},
    XForwardedForConfig: {},
    tags: [],
  };

  it('keeps protocol, port and name', () => {
    expect(listenerFacts([base])).toEqual([
      { listenerId: 'lsn-1', loadBalancerId: 'alb-1', protocol: 'HTTPS', port: 443, name: 'web' },
    ]);
  });

  it('associates a QUIC listener only when the upgrade is on', () => {
    const on = { ...base, quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-q' } };
    const off = {
      ...base,
      listenerId: 'lsn-2',
      quicConfig: { quicUpgradeEnabled: false, quicListenerId: 'lsn-q' },
    };
    const [a, b] = listenerFacts([on, off]);
    expect(a?.associatedQuicListenerId).toBe('lsn-q');
    expect(b).not.toHaveProperty('associatedQuicListenerId');
  });
});
