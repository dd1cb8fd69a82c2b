// alb-tui's client for forwarding rules (the official SDK's typed calls) against the local ALB: list with
// filters and paging, create/update/delete with their waits, DryRun, ClientToken, the 10-a-call limit,
// busy retries, refusals as AlbErrors. The local ALB and the client share one clock that moves when the
// client sleeps.
import { afterEach, describe, expect, test } from 'vitest';
import { collect, isDryRunPassed, type CreatedRules } from '../../source/alb/client.js';
import { isAlbError } from '../../source/alb/errors.js';
import type { RuleSpec } from '../../source/domain/rule-types.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';

const DELAY = 2000;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp() {
  let clock = Date.now();
  emulator = await startEmulator({ seed: 7, provisioningDelayMs: DELAY, now: () => clock });
  const slept: number[] = [];
  const client = clientFor(emulator, {
    now: () => clock,
    retryEnvironment: {
      random: () => 0,
      sleep: (ms) => {
        slept.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    },
  });
  const state = emulator.snapshot();
  const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!;
  const web = state.listeners.find(
    (l) => l.loadBalancerId === lb.loadBalancerId && l.listenerDescription === 'web_https_443',
  )!;
  const group = state.serverGroups.find((g) => g.serverGroupName === 'web-frontend-http')!.serverGroupId;
  return { client, slept, state, web, group, advance: (ms: number) => (clock += ms) };
}

const rule = (priority: number, group: string, overrides: Partial<RuleSpec> = {}): RuleSpec => ({
  ruleName: `规则-${priority}`,
  priority,
  direction: 'Request',
  ruleConditions: [
    { type: 'Host', hostConfig: { values: ['shop.example.com'] } },
    { type: 'Path', pathConfig: { values: [`/p${priority}/*`] } },
  ],
  ruleActions: [
    { order: 1, type: 'TrafficLimit', trafficLimitConfig: { qps: 100, perIpQps: 10 } },
    {
      order: 2,
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: [{ serverGroupId: group, weight: 100 }],
        serverGroupStickySession: { enabled: true, timeout: 600 },
      },
    },
  ],
  tags: [{ key: 'team', value: 'shop' }],
  ...overrides,
});

describe('the rules client', () => {
  test('lists a listener’s rules in the domain’s shape, paging through them', async () => {
    const { client, state, web } = await setUp();
    const expected = state.rules!.filter((r) => r.listenerId === web.listenerId);
    const listed = await collect(client.listRules({ listenerIds: [web.listenerId] }, { pageSize: 2 }));
    expect(listed).toEqual([...expected].sort((a, b) => a.priority - b.priority));
    const responses = await collect(client.listRules({ direction: 'Response' }));
    expect(responses.map((r) => r.direction)).toEqual(['Response']);
  });

  test('create → wait Available → the rules read back exactly as given (QPS included)', async () => {
    const { client, web, group } = await setUp();
    const specs = [rule(700, group), rule(701, group)];
    const created = (await client.createRules(web.listenerId, specs)) as CreatedRules;
    expect(created.ruleIds).toHaveLength(2);
    const rules = await client.waitForRules(created.ruleIds, {
      until: 'Available',
      jobId: created.jobId,
      intervalMs: 500,
    });
    expect(
      rules.map(({ ruleId: _id, listenerId: _l, loadBalancerId: _lb, ruleStatus, ...spec }) => ({
        ...spec,
        ruleStatus,
      })),
    ).toEqual(specs.map((s) => ({ ...s, ruleStatus: 'Available' })));
  });

  test('update and delete, with their waits; a second change while configuring is retried until it takes', async () => {
    const { client, web, group, slept } = await setUp();
    const created = (await client.createRules(web.listenerId, [rule(800, group)])) as CreatedRules;
    await client.waitForRules(created.ruleIds, { until: 'Available', intervalMs: 500 });
    const id = created.ruleIds[0]!;
    await client.updateRules([{ ruleId: id, ruleName: 'renamed', priority: 801 }]);
    // The rule is Configuring: IncorrectStatus.Rule is a busy answer, retried after a pause.
    await client.updateRules([{ ruleId: id, ruleName: 'renamed-again' }]);
    expect(slept.length).toBeGreaterThan(0);
    const [after] = await client.waitForRules([id], { until: 'Available', intervalMs: 500 });
    expect(after).toMatchObject({ ruleName: 'renamed-again', priority: 801 });
    const change = await client.deleteRules([id]);
    expect(isDryRunPassed(change)).toBe(false);
    expect(await client.waitForRules([id], { until: 'gone', intervalMs: 500 })).toEqual([]);
  });

  test('DryRun passes or names the refusal and changes nothing; a ClientToken makes a retry the same change', async () => {
    const { client, web, group, state } = await setUp();
    expect(await client.createRules(web.listenerId, [rule(900, group)], { dryRun: true })).toEqual({
      dryRun: 'passed',
    });
    const taken = state.rules!.find((r) => r.listenerId === web.listenerId)!;
    const clash = await client
      .createRules(web.listenerId, [rule(taken.priority, group)], { dryRun: true })
      .catch((e: unknown) => e);
    expect(isAlbError(clash) && clash.code).toBe('Conflict.Priority');
    expect(isAlbError(clash) && clash.kind).toBe('conflict');
    // The service's message (English, as the cloud's are) names the rule that holds the priority.
    expect(isAlbError(clash) && clash.message.en).toContain(taken.ruleId);
    const first = (await client.createRules(web.listenerId, [rule(901, group)], {
      clientToken: 'same-change',
    })) as CreatedRules;
    const again = (await client.createRules(web.listenerId, [rule(901, group)], {
      clientToken: 'same-change',
    })) as CreatedRules;
    expect(again.ruleIds).toEqual(first.ruleIds);
    const listed = await collect(client.listRules({ listenerIds: [web.listenerId] }));
    expect(listed.filter((r) => r.priority === 901)).toHaveLength(1);
  });

  test('more than 10 rules a call, or none, is refused before anything is sent', async () => {
    const { client, web, group } = await setUp();
    const eleven = Array.from({ length: 11 }, (_, i) => rule(1000 + i, group));
    const error = await client.createRules(web.listenerId, eleven).catch((e: unknown) => e);
    expect(isAlbError(error) && error.kind).toBe('invalid');
    expect(isAlbError(error) && error.message.en).toContain('batches of 10');
    expect(await client.deleteRules([]).catch((e: unknown) => isAlbError(e) && e.kind)).toBe('invalid');
    const ten = Array.from({ length: 10 }, (_, i) => rule(1000 + i, group));
    expect(((await client.createRules(web.listenerId, ten)) as CreatedRules).ruleIds).toHaveLength(10);
  });
});
