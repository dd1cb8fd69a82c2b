// The server's precheck of a rotation, against the local ALB through the SDK: each planned call is
// sent with DryRun, nothing changes, and a listener the server would refuse (its instance stopped) is
// named with why while the others pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlbError } from '../../source/alb/errors.js';
import { precheckRotation, readRotationListeners } from '../../source/alb/rotation.js';
import { changesOf, planRotation } from '../../source/domain/rotation.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, provisioningDelayMs: 5, seed: 16 });
});
afterAll(() => emulator.close());

function certificateNamed(commonName: string): string {
  const found = emulator.snapshot().certificates.find((c) => c.commonName === commonName);
  if (!found) throw new Error(`no certificate ${commonName}`);
  return found.certificateId;
}

/** Every listener's certificates as the local ALB holds them. */
function bound(): string {
  return JSON.stringify(
    emulator.snapshot().listeners.map((l) => [l.listenerId, l.certificates, l.extraCertificates]),
  );
}

describe('the precheck of a rotation', () => {
  it('names the listeners whose instance is stopped, passes the others, and changes nothing', async () => {
    const client = clientFor(emulator);
    const snapshot = emulator.snapshot();
    const stopped = new Set(
      snapshot.loadBalancers
        .filter((lb) => lb.loadBalancerStatus !== 'Active')
        .map((lb) => lb.loadBalancerId),
    );
    const listing = await client.listLoadBalancersAndListeners();
    const listeners = await readRotationListeners(
      client,
      [...listing.listenersByLoadBalancer.values()].flat(),
    );
    const from = certificateNamed('old.example.net');
    const plan = planRotation(listeners, from, certificateNamed('data.example.cn'));
    const changes = changesOf(plan);
    const onStopped = changes
      .filter((c) => stopped.has(c.listener.loadBalancerId))
      .map((c) => c.listener.listenerId);
    // The demo data has old.example.net on listeners of both kinds of instance.
    expect(onStopped.length).toBeGreaterThan(0);
    expect(changes.length).toBeGreaterThan(onStopped.length);

    const before = bound();
    const refused = await precheckRotation(client, plan);
    expect([...refused.keys()].sort()).toEqual([...onStopped].sort());
    for (const error of refused.values()) {
      expect(isAlbError(error) && error.code).toMatch(/^IncorrectStatus\.LoadBalancer$/);
    }
    expect(bound()).toBe(before);
  });

  it('counts only the server’s refusals: a check that got no answer leaves the listener to the run', async () => {
    const client = clientFor(emulator, { retry: { maxAttempts: 1 } });
    const listing = await client.listLoadBalancersAndListeners();
    const listeners = await readRotationListeners(
      client,
      [...listing.listenersByLoadBalancer.values()].flat(),
    );
    const plan = planRotation(
      listeners,
      certificateNamed('api.example.com'),
      certificateNamed('*.example.com'),
    );
    expect(changesOf(plan).length).toBeGreaterThan(0);
    emulator.setFaults({ actions: { UpdateListenerAttribute: { dropRate: 1 } } });
    try {
      expect([...(await precheckRotation(client, plan)).keys()]).toEqual([]);
    } finally {
      emulator.setFaults({});
    }
  });
});
