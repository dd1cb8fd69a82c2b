// A profile applied to existing listeners, against the local ALB through the real SDK client: the
// plan per listener (diff, update rules, DryRun precheck), the run, and after replies were lost a
// retry with the same ClientTokens ends with every listener as the profile says — and nothing else
// about them changed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import type { Listener } from '../../source/domain/resources.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { openStore, type Store } from '../../source/store/index.js';
import { UpdateView } from '../../source/ui/profiles/update-view.js';
import type { ListenerRef } from '../../source/ui/profiles/update-state.js';
import { settle } from '../helpers/ink.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { sendKeys, showView, waitFor, waitForText, type ShownView } from '../helpers/view-harness.js';
import { sampleProfile } from '../store/fixtures/profiles.js';

let emulator: RunningEmulator;
let api: SdkAlbClient;
let dir: string;
let store: Store;
let shown: ShownView | undefined;
let https: Listener[];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, provisioningDelayMs: 50, seed: 7 });
  api = clientFor(emulator, { retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 } });
  const all = await collect(api.listListeners());
  // HTTPS listeners without QUIC upgrade or mutual TLS: the profile below fits every one of them.
  https = all.filter(
    (l) =>
      l.listenerProtocol === 'HTTPS' &&
      l.listenerStatus === 'Running' &&
      l.quicConfig.quicUpgradeEnabled !== true &&
      l.caEnabled !== true,
  );
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-update-view-'));
  store = await openStore({ dir: path.join(dir, 'config'), env: {} });
  const first = https[0]!;
  // The profile's TLS settings as the first listener has them: only the timeouts and GZIP differ.
  await store.saveProfile({
    ...sampleProfile('slow-api', {
      idleTimeout: 45,
      requestTimeout: 90,
      gzip: false,
      http2: first.http2Enabled,
      securityPolicyId: first.securityPolicyId ?? 'tls_cipher_policy_1_0',
      quicUpgrade: false,
      mutualTls: false,
    }),
    hints: {},
  });
  await store.saveProfile({
    ...sampleProfile('http-only', { protocol: 'HTTP', port: 80, http2: false, securityPolicyId: '' }),
    hints: {},
  });
});

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  shown?.unmount();
  shown = undefined;
  emulator.setFaults({});
  await settle(30);
});

function ref(listener: Listener): ListenerRef {
  return {
    id: listener.listenerId,
    loadBalancerId: listener.loadBalancerId,
    label: `${listener.listenerProtocol} ${listener.listenerPort} ${listener.listenerDescription}`,
    instanceName: '',
  };
}

function open(profileName: string, listeners: readonly Listener[], options: { readOnly?: boolean } = {}) {
  const closed: ({ loadBalancerId: string; listenerId: string } | undefined)[] = [];
  shown = showView((registerKeys) => (
    <UpdateView
      client={clientFor(emulator, { retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 } })}
      store={store}
      profileName={profileName}
      listeners={listeners.map(ref)}
      readOnly={options.readOnly ?? false}
      lang="en"
      width={120}
      height={30}
      registerKeys={registerKeys}
      onClose={(select) => closed.push(select)}
      pollIntervalMs={20}
    />
  ));
  return closed;
}

describe('applying a profile to existing listeners', () => {
  it('refuses on a read-only connection and says why a listener of another protocol cannot take it', async () => {
    const before = await api.getListener(https[0]!.listenerId);
    open('http-only', [https[0]!], { readOnly: true });
    const frame = await waitForText(shown!, '0 to change · 0 already as the profile · 1 cannot');
    expect(frame).toContain('The profile is for HTTP listeners; this one is HTTPS');
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, 'This connection is read-only: nothing can be changed.');
    expect(await api.getListener(https[0]!.listenerId)).toEqual(before);
  });

  it('plans two listeners, and after lost replies a retry with the same tokens changes each as planned', async () => {
    const chosen = https.slice(0, 2);
    const before = await Promise.all(chosen.map((l) => api.getListener(l.listenerId)));
    const closed = open('slow-api', chosen);
    const plan = await waitForText(shown!, '2 to change · 0 already as the profile · 0 cannot');
    expect(plan).toMatch(/Idle timeout\S* 15 → 45/);
    expect(plan).toContain('Sent: idleTimeout, requestTimeout, gzipEnabled');

    // Every change is answered with an error after the service made it.
    emulator.setFaults({ actions: { UpdateListenerAttribute: { failureRate: 1, afterWorkShare: 1 } } });
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, '0 changed · 0 running · 2 failed · 0 skipped');
    emulator.setFaults({});
    await sendKeys(shown!, 'r');
    await waitForText(shown!, '2 changed · 0 running · 0 failed · 0 skipped');

    for (const [index, listener] of chosen.entries()) {
      const after = await api.getListener(listener.listenerId);
      expect(after).toMatchObject({
        idleTimeout: 45,
        requestTimeout: 90,
        gzipEnabled: false,
        listenerStatus: 'Running',
        listenerProtocol: before[index]!.listenerProtocol,
        listenerPort: before[index]!.listenerPort,
        listenerDescription: before[index]!.listenerDescription,
      });
      expect(after.certificates).toEqual(before[index]!.certificates);
      expect(after.defaultActions).toEqual(before[index]!.defaultActions);
    }

    await sendKeys(shown!, 'enter');
    await waitFor(
      () => closed.length === 1,
      () => 'the view to close',
    );
    expect(closed[0]?.listenerId).toBe(chosen[0]!.listenerId);
  });

  it('then plans nothing for a listener already as the profile', async () => {
    open('slow-api', [https[0]!]);
    await waitForText(shown!, '0 to change · 1 already as the profile · 0 cannot');
  });
});
