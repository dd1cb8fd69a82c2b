// The apply-to-many view against the local ALB through the real SDK client: plans from the real
// instances, creates, and a retry after replies were lost makes no second listener.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import type { LoadBalancer } from '../../source/domain/resources.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { openStore, type Store } from '../../source/store/index.js';
import { ApplyView } from '../../source/ui/profiles/apply-view.js';
import { settle } from '../helpers/ink.js';
import { sampleProfile } from '../store/fixtures/profiles.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { sendKeys, showView, waitFor, waitForText, type ShownView } from '../helpers/view-harness.js';

let emulator: RunningEmulator;
let api: SdkAlbClient;
let instances: LoadBalancer[];
let dir: string;
let store: Store;
let shown: ShownView | undefined;
let ruleGroupName: string;

function client(maxAttempts: number): SdkAlbClient {
  return clientFor(emulator, {
    retry: { maxAttempts, baseDelayMs: 5, maxDelayMs: 20 },
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, provisioningDelayMs: 50, seed: 7 });
  api = client(4);
  instances = await collect(api.listLoadBalancers());
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-apply-view-'));
  store = await openStore({ dir: path.join(dir, 'config'), env: {} });
  const groups = await collect(api.listServerGroups());
  const web = instances.find((lb) => lb.loadBalancerName === 'prod-web')!;
  const group = groups.find((g) => g.vpcId === web.vpcId && g.protocol === 'HTTP')!;
  for (const port of [7443, 7444])
    await store.saveProfile({
      ...sampleProfile(`web-${port}`, { port, namePattern: 'web-{port}' }),
      hints: { certificate: { domain: '*.example.com' }, serverGroup: { name: group.serverGroupName } },
    });
  ruleGroupName = group.serverGroupName;
  await store.saveProfile({
    ...sampleProfile('web-7445', { port: 7445, namePattern: 'web-{port}' }),
    hints: { certificate: { domain: '*.example.com' }, serverGroup: { name: group.serverGroupName } },
    // 12 rules: two CreateRules calls.
    rules: Array.from({ length: 12 }, (_, i) => ({
      ruleName: `path-${i + 1}`,
      priority: 10 + i,
      direction: 'Request',
      ruleConditions: [{ type: 'Path', pathConfig: { values: [`/p${i + 1}/*`] } }],
      ruleActions: [
        {
          order: 1,
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupName: group.serverGroupName }] },
        },
      ],
    })),
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

function open(options: { ids: string[]; readOnly?: boolean; attempts?: number; profile?: string }) {
  const closed: ({ loadBalancerId: string; listenerId: string } | undefined)[] = [];
  const refs = options.ids.map((id) => ({
    id,
    name: instances.find((lb) => lb.loadBalancerId === id)!.loadBalancerName,
  }));
  shown = showView((registerKeys) => (
    <ApplyView
      client={client(options.attempts ?? 4)}
      store={store}
      profileName={options.profile ?? 'web-7443'}
      instances={refs}
      readOnly={options.readOnly ?? false}
      lang="en"
      width={120}
      height={24}
      registerKeys={registerKeys}
      onClose={(select) => closed.push(select)}
      pollIntervalMs={20}
    />
  ));
  return closed;
}

async function on7443(loadBalancerId: string) {
  const listeners = await collect(api.listListeners({ loadBalancerIds: [loadBalancerId] }));
  return listeners.filter((l) => l.listenerPort === 7443);
}

async function on7444(loadBalancerId: string) {
  const listeners = await collect(api.listListeners({ loadBalancerIds: [loadBalancerId] }));
  return listeners.filter((l) => l.listenerPort === 7444);
}

function vpcPeers(): LoadBalancer[] {
  const web = instances.find((lb) => lb.loadBalancerName === 'prod-web')!;
  return instances.filter((lb) => lb.vpcId === web.vpcId && lb.loadBalancerStatus === 'Active');
}

describe('applying a profile to many instances', () => {
  it('refuses to run on a read-only connection, creating nothing', async () => {
    const [first] = vpcPeers();
    open({ ids: [first!.loadBalancerId], readOnly: true });
    await waitForText(shown!, '1 to create · 0 skipped');
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, 'read-only');
    expect(await on7443(first!.loadBalancerId)).toHaveLength(0);
  });

  it('plans, skips what cannot be made, and after lost replies a retry makes each listener once', async () => {
    const peers = vpcPeers().slice(0, 3);
    const other = instances.find((lb) => lb.vpcId !== peers[0]!.vpcId && lb.loadBalancerStatus === 'Active')!;
    const closed = open({
      ids: [...peers.map((lb) => lb.loadBalancerId), other.loadBalancerId],
      attempts: 1,
    });
    const plan = await waitForText(shown!, '3 to create · 1 skipped');
    expect(plan).toContain('create HTTPS 7443 "web-7443"');
    expect(plan).toMatch(/cannot: Server group: /);

    // Every create is answered with an error after the listener was made.
    emulator.setFaults({ actions: { CreateListener: { failureRate: 1, afterWorkShare: 1 } } });
    // Enter creates nothing: only Ctrl-S runs the creates.
    await sendKeys(shown!, 'enter');
    await waitForText(shown!, 'Enter does not create: press Ctrl-S to create 3 listeners.');
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, '0 created · 0 running · 3 failed · 1 skipped');
    emulator.setFaults({});
    await sendKeys(shown!, 'r');
    await waitForText(shown!, '3 created · 0 running · 0 failed · 1 skipped');
    for (const lb of peers) {
      const made = await on7443(lb.loadBalancerId);
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({
        listenerProtocol: 'HTTPS',
        listenerDescription: 'web-7443',
        listenerStatus: 'Running',
      });
    }
    expect(await on7443(other.loadBalancerId)).toHaveLength(0);

    await sendKeys(shown!, 'enter');
    await waitFor(
      () => closed.length === 1,
      () => 'the view to close',
    );
    expect(closed[0]?.loadBalancerId).toBe(peers[0]!.loadBalancerId);
    expect(closed[0]?.listenerId).toBe((await on7443(peers[0]!.loadBalancerId))[0]?.listenerId);
  });

  it('names the job of a creation that failed, goes on with the others, and r makes it with a new token', async () => {
    const peers = vpcPeers().slice(0, 2);
    const createTokens = () =>
      Object.keys(emulator.snapshot().clientTokens).filter((k) => k.startsWith('CreateListener:'));
    const tokensBefore = createTokens().length;
    open({ ids: peers.map((lb) => lb.loadBalancerId), profile: 'web-7444' });
    await waitForText(shown!, '2 to create · 0 skipped');
    // Of the two creation jobs (seed 7: draws 0.16, 0.63), the first to start fails.
    emulator.setFaults({ seed: 7, actions: { CreateListener: { asyncFailureRate: 0.5 } } });
    await sendKeys(shown!, '\x13');
    const frame = await waitForText(shown!, '1 created · 0 running · 1 failed · 0 skipped');
    expect(frame).toMatch(/✗ prod-\w+ +failed, not created: job [0-9a-f-]{36} failed \(InternalError\)/);
    expect(frame).toMatch(/✓ prod-\w+ +created lsn-\w+ · Running/);
    const made = await Promise.all(peers.map((lb) => on7444(lb.loadBalancerId)));
    expect(made.map((listeners) => listeners.length).sort()).toEqual([0, 1]);
    // The failed row's detail gives the job's whole message (the cursor starts on the first row).
    if (made[0]!.length === 1) await sendKeys(shown!, 'down');
    const detail = await waitForText(shown!, /Why not:/);
    expect(detail.replace(/\s+/g, ' ')).toMatch(
      /Why not: job [0-9a-f-]{36} failed \(InternalError\): The asynchronous task of CreateListener failed \(a fault/,
    );

    emulator.setFaults({});
    await sendKeys(shown!, 'r');
    await waitForText(shown!, '2 created · 0 running · 0 failed · 0 skipped');
    for (const lb of peers) {
      const listeners = await on7444(lb.loadBalancerId);
      expect(listeners).toHaveLength(1);
      expect(listeners[0]?.listenerStatus).toBe('Running');
    }
    // Two first tokens, and a new one for the retry: the first would be answered with its failed job.
    expect(createTokens().length - tokensBefore).toBe(3);
  });

  it('plans a clash on an instance that now has the port', async () => {
    const [first] = vpcPeers();
    open({ ids: [first!.loadBalancerId] });
    const frame = await waitForText(shown!, '0 to create · 1 skipped');
    expect(frame).toContain('skip: Port 7443 is already used by HTTPS listener web-7443');
  });

  it("creates the profile's forwarding rules on each new listener, 10 a call, tokens from the listener's", async () => {
    const peers = vpcPeers().slice(0, 2);
    open({ ids: peers.map((lb) => lb.loadBalancerId), profile: 'web-7445' });
    const plan = await waitForText(shown!, '2 to create · 0 skipped');
    expect(plan).toContain('+ 12 forwarding rules');
    await sendKeys(shown!, '\x13');
    const frame = await waitForText(shown!, '2 created · 0 running · 0 failed · 0 skipped');
    expect(frame).toMatch(/✓ prod-\w+ +created lsn-\w+ · Running · \+ 12 forwarding rules/);
    const groups = await collect(api.listServerGroups());
    const tokens = Object.keys(emulator.snapshot().clientTokens);
    for (const lb of peers) {
      const [listener] = (await collect(api.listListeners({ loadBalancerIds: [lb.loadBalancerId] }))).filter(
        (l) => l.listenerPort === 7445,
      );
      const rules = await collect(api.listRules({ listenerIds: [listener!.listenerId] }));
      expect(rules.map((r) => r.ruleName).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `path-${i + 1}`).sort(),
      );
      const group = groups.find((g) => g.vpcId === lb.vpcId && g.serverGroupName === ruleGroupName)!;
      for (const rule of rules) {
        expect(rule.ruleStatus).toBe('Available');
        expect(rule.ruleActions[0]).toMatchObject({
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
        });
      }
      const listenerToken = tokens
        .filter((k) => k.startsWith('CreateListener:'))
        .map((k) => k.slice('CreateListener:'.length))
        .find((token) => tokens.includes(`CreateRules:${token.slice(0, 50)}-rules-1`));
      expect(listenerToken).toBeDefined();
    }
    const ruleTokens = tokens.filter((k) => k.startsWith('CreateRules:'));
    expect(ruleTokens.filter((k) => k.endsWith('-rules-1'))).toHaveLength(2);
    expect(ruleTokens.filter((k) => k.endsWith('-rules-2'))).toHaveLength(2);
  });
});
