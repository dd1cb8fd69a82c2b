// The local ALB's forwarding-rule actions through the real SDK: demo rules, the asynchronous lifecycle,
// ClientToken replay, DryRun, every refusal of the domain's checks, paging and filters, rules deleted
// with their listener, the 1,000-rule scale option.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Rule, RuleSpec } from '../../source/domain/rule-types.js';
import { validateRules } from '../../source/domain/rule-validation.js';
import { ruleFromSdk, ruleToSdk } from '../../source/domain/rule-wire.js';
import { startEmulator, type EmulatorState, type RunningEmulator } from '../../source/emulator/index.js';
import { ruleContext } from '../../source/emulator/rules.js';
import { $Alb, clients, failure, type Clients } from './helpers.js';

const DELAY = 2000;
let emulator: RunningEmulator;
let sdk: Clients;
let state: EmulatorState;
let clock: number;

beforeEach(async () => {
  clock = Date.now();
  emulator = await startEmulator({ seed: 11, provisioningDelayMs: DELAY, now: () => clock });
  sdk = clients(emulator);
  state = emulator.snapshot();
});
afterEach(() => emulator.close());

const listener = (instanceName: string, name: string) => {
  const lb = state.loadBalancers.find((l) => l.loadBalancerName === instanceName)!;
  return state.listeners.find(
    (l) => l.loadBalancerId === lb.loadBalancerId && l.listenerDescription === name,
  )!;
};
const group = (name: string) => state.serverGroups.find((g) => g.serverGroupName === name)!.serverGroupId;

function spec(priority: number, overrides: Partial<RuleSpec> = {}): RuleSpec {
  return {
    ruleName: `rule-${priority}`,
    priority,
    direction: 'Request',
    ruleConditions: [{ type: 'Path', pathConfig: { values: [`/p${priority}/*`] } }],
    ruleActions: [
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group('web-frontend-http') }] },
      },
    ],
    ...overrides,
  };
}

const createRules = (listenerId: string, rules: RuleSpec[], extra: Record<string, unknown> = {}) =>
  sdk.alb.createRules(
    new $Alb.CreateRulesRequest({
      listenerId,
      rules: ruleToSdk(rules) as $Alb.CreateRulesRequestRules[],
      ...extra,
    }),
  );

async function rulesOf(listenerId: string): Promise<Rule[]> {
  const out: Rule[] = [];
  let nextToken: string | undefined;
  do {
    const { body } = await sdk.alb.listRules(
      new $Alb.ListRulesRequest({
        listenerIds: [listenerId],
        maxResults: 100,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    out.push(...((ruleFromSdk(body?.rules ?? []) as Rule[]) ?? []));
    nextToken = body?.nextToken || undefined;
  } while (nextToken);
  return out;
}

describe('demo rules', () => {
  test('several listeners carry realistic rules, each valid for its listener, Chinese names included', () => {
    const rules = state.rules ?? [];
    expect(new Set(rules.map((r) => r.listenerId)).size).toBeGreaterThanOrEqual(5);
    expect(rules.some((r) => /[\u4e00-\u9fff]/.test(r.ruleName))).toBe(true);
    const types = new Set(rules.flatMap((r) => r.ruleActions.map((a) => a.type)));
    for (const t of ['ForwardGroup', 'Redirect', 'FixedResponse', 'InsertHeader']) expect(types).toContain(t);
    expect(
      rules.some((r) =>
        r.ruleActions.some(
          (a) =>
            a.type === 'ForwardGroup' &&
            a.forwardGroupConfig.serverGroupTuples.map((t) => t.weight).join('/') === '80/20',
        ),
      ),
    ).toBe(true);
    for (const id of new Set(rules.map((r) => r.listenerId))) {
      const own = rules.filter((r) => r.listenerId === id);
      const l = state.listeners.find((x) => x.listenerId === id)!;
      expect(
        validateRules(own, { ...ruleContext(state, l), existingRules: [] }),
        l.listenerDescription,
      ).toEqual([]);
    }
    for (const r of rules) expect(r.ruleId).toMatch(/^rule-[a-z0-9]{18}$/);
    // Deterministic: the same seed gives the same IDs.
    expect(rules.map((r) => r.ruleId)).toEqual(emulator.snapshot().rules!.map((r) => r.ruleId));
  });

  test('ListRules answers them in priority order with the API field names and types', async () => {
    const web = listener('prod-web', 'web_https_443');
    const { body } = await sdk.alb.listRules(new $Alb.ListRulesRequest({ listenerIds: [web.listenerId] }));
    const priorities = body!.rules!.map((r) => r.priority!);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    const maintenance = body!.rules!.find((r) => r.ruleName === '维护页面')!;
    expect(maintenance.ruleStatus).toBe('Available');
    expect(maintenance.ruleActions![0]!.fixedResponseConfig!.httpCode).toBe('503');
    expect(body!.totalCount).toBe(priorities.length);
  });
});

describe('ListRules', () => {
  test('pages with NextToken (MaxResults 1–100) and filters by listener, instance, ID and direction', async () => {
    const all = (state.rules ?? []).length;
    const first = await sdk.alb.listRules(new $Alb.ListRulesRequest({ maxResults: 2 }));
    expect(first.body!.rules).toHaveLength(2);
    expect(first.body!.totalCount).toBe(all);
    const second = await sdk.alb.listRules(
      new $Alb.ListRulesRequest({ maxResults: 2, nextToken: first.body!.nextToken }),
    );
    expect(second.body!.rules![0]!.ruleId).not.toBe(first.body!.rules![0]!.ruleId);
    expect((await failure(sdk.alb.listRules(new $Alb.ListRulesRequest({ maxResults: 101 })))).code).toBe(
      'InvalidParameter',
    );

    const web = listener('prod-web', 'web_https_443');
    const byLb = await sdk.alb.listRules(
      new $Alb.ListRulesRequest({ loadBalancerIds: [web.loadBalancerId], maxResults: 100 }),
    );
    expect(byLb.body!.rules!.every((r) => r.loadBalancerId === web.loadBalancerId)).toBe(true);
    expect(byLb.body!.rules!.length).toBeLessThan(all);
    const response = await sdk.alb.listRules(
      new $Alb.ListRulesRequest({ direction: 'Response', maxResults: 100 }),
    );
    expect(response.body!.rules!.map((r) => r.ruleName)).toEqual(['retry-after-503']);
    const id = byLb.body!.rules![0]!.ruleId!;
    const one = await sdk.alb.listRules(new $Alb.ListRulesRequest({ ruleIds: [id] }));
    expect(one.body!.rules!.map((r) => r.ruleId)).toEqual([id]);
  });
});

describe('CreateRules', () => {
  test('Provisioning at once, Available after the delay; RuleIds with priorities; a job of type rule', async () => {
    const web = listener('prod-web', 'web_https_443');
    const { body } = await createRules(web.listenerId, [spec(200), spec(201)]);
    expect(body!.ruleIds!.map((r) => r.priority)).toEqual([200, 201]);
    const ids = body!.ruleIds!.map((r) => r.ruleId!);
    let rules = (await rulesOf(web.listenerId)).filter((r) => ids.includes(r.ruleId));
    expect(rules.map((r) => r.ruleStatus)).toEqual(['Provisioning', 'Provisioning']);
    const job = await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [body!.jobId!] }));
    expect(job.body!.jobs![0]).toMatchObject({
      apiName: 'CreateRules',
      resourceType: 'rule',
      status: 'Processing',
    });
    clock += DELAY;
    rules = (await rulesOf(web.listenerId)).filter((r) => ids.includes(r.ruleId));
    expect(rules.map((r) => r.ruleStatus)).toEqual(['Available', 'Available']);
    expect(rules[0]).toMatchObject({ ...spec(200), tags: [] });
  });

  test('ClientToken replays the first answer; DryRun creates nothing', async () => {
    const web = listener('prod-web', 'web_https_443');
    const first = await createRules(web.listenerId, [spec(300)], { clientToken: 'tok-300' });
    const again = await createRules(web.listenerId, [spec(300)], { clientToken: 'tok-300' });
    expect(again.body!.ruleIds).toEqual(first.body!.ruleIds);
    expect(again.body!.jobId).toBe(first.body!.jobId);
    const before = (await rulesOf(web.listenerId)).length;
    expect((await failure(createRules(web.listenerId, [spec(301)], { dryRun: true }))).code).toBe(
      'DryRunOperation',
    );
    expect((await rulesOf(web.listenerId)).length).toBe(before);
    expect((await failure(createRules(web.listenerId, [spec(300)], { dryRun: true }))).code).toBe(
      'Conflict.Priority',
    );
  });

  test('refusals: Conflict.Priority, 11 rules, priority 10001, edition quota, rewrite without forward, unknown group', async () => {
    const web = listener('prod-web', 'web_https_443');
    const taken = (state.rules ?? []).find((r) => r.listenerId === web.listenerId)!;
    const clash = await failure(createRules(web.listenerId, [spec(taken.priority)]));
    expect(clash).toMatchObject({ code: 'Conflict.Priority', statusCode: 400 });
    expect(String(clash.data['Message'])).toContain(taken.ruleId);
    const eleven = Array.from({ length: 11 }, (_, i) => spec(400 + i));
    expect((await failure(createRules(web.listenerId, eleven))).code).toBe('InvalidParameter');
    const high = await failure(createRules(web.listenerId, [spec(10001)]));
    expect(high.code).toBe('InvalidParameter');
    expect(String(high.data['Message'])).toContain('Rules.1.Priority');
    const basic = listener('staging-web', 'staging_http_80');
    const fourActions = spec(500, {
      ruleActions: [
        ...[1, 2, 3].map((order) => ({
          order,
          type: 'RemoveHeader' as const,
          removeHeaderConfig: { key: `x-h${order}` },
        })),
        {
          order: 9,
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group('staging-web-http') }] },
        },
      ],
    });
    expect((await failure(createRules(basic.listenerId, [fourActions]))).code).toBe(
      'QuotaExceeded.RuleActionsNum',
    );
    const rewrite = spec(501, {
      ruleActions: [
        { order: 1, type: 'Rewrite', rewriteConfig: { path: '/x' } },
        { order: 2, type: 'FixedResponse', fixedResponseConfig: { httpCode: '200' } },
      ],
    });
    expect((await failure(createRules(web.listenerId, [rewrite]))).code).toBe(
      'OperationDenied.RewriteMissingForwardGroup',
    );
    const unknown = spec(502, {
      ruleActions: [
        {
          order: 1,
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-nosuchgroup000000' }] },
        },
      ],
    });
    expect(await failure(createRules(web.listenerId, [unknown]))).toMatchObject({
      code: 'ResourceNotFound.ServerGroup',
      statusCode: 404,
    });
    expect((await failure(createRules('lsn-nosuchlistener00000', [spec(1)]))).code).toBe(
      'ResourceNotFound.Listener',
    );
  });

  test('CreateRule takes one rule in top-level parameters', async () => {
    const web = listener('prod-web', 'web_https_443');
    const { body } = await sdk.alb.createRule(
      new $Alb.CreateRuleRequest({ listenerId: web.listenerId, ...(ruleToSdk(spec(600)) as object) }),
    );
    expect(body!.ruleId).toMatch(/^rule-/);
    expect((await rulesOf(web.listenerId)).find((r) => r.ruleId === body!.ruleId)?.priority).toBe(600);
  });
});

describe('UpdateRulesAttribute and DeleteRules', () => {
  test('an update turns the rule Configuring (IncorrectStatus.Rule meanwhile), then applies', async () => {
    const web = listener('prod-web', 'web_https_443');
    const [a, b] = (state.rules ?? []).filter((r) => r.listenerId === web.listenerId);
    // Swapping two priorities in one call.
    await sdk.alb.updateRulesAttribute(
      new $Alb.UpdateRulesAttributeRequest({
        rules: [
          { ruleId: a!.ruleId, priority: b!.priority },
          { ruleId: b!.ruleId, priority: a!.priority, ruleName: '改名-renamed' },
        ],
      }),
    );
    expect((await rulesOf(web.listenerId)).find((r) => r.ruleId === a!.ruleId)!.ruleStatus).toBe(
      'Configuring',
    );
    const busy = await failure(
      sdk.alb.updateRuleAttribute(
        new $Alb.UpdateRuleAttributeRequest({ ruleId: a!.ruleId, ruleName: 'again' }),
      ),
    );
    expect(busy.code).toBe('IncorrectStatus.Rule');
    clock += DELAY;
    const after = await rulesOf(web.listenerId);
    expect(after.find((r) => r.ruleId === a!.ruleId)).toMatchObject({
      priority: b!.priority,
      ruleStatus: 'Available',
    });
    expect(after.find((r) => r.ruleId === b!.ruleId)).toMatchObject({
      priority: a!.priority,
      ruleName: '改名-renamed',
    });
  });

  test('DeleteRules: one instance only, then gone after the delay; rules go with their listener', async () => {
    const web = listener('prod-web', 'web_https_443');
    const api = listener('prod-api', 'api_https_443');
    const mine = (state.rules ?? []).filter((r) => r.listenerId === web.listenerId);
    const theirs = (state.rules ?? []).find((r) => r.listenerId === api.listenerId)!;
    const cross = await failure(
      sdk.alb.deleteRules(new $Alb.DeleteRulesRequest({ ruleIds: [mine[0]!.ruleId, theirs.ruleId] })),
    );
    expect(cross.code).toBe('OperationDenied.CrossLoadBalancerRules');
    expect(
      (
        await failure(
          sdk.alb.deleteRules(new $Alb.DeleteRulesRequest({ ruleIds: ['rule-nosuchrule000000'] })),
        )
      ).code,
    ).toBe('ResourceNotFound.Rule');
    await sdk.alb.deleteRules(new $Alb.DeleteRulesRequest({ ruleIds: [mine[0]!.ruleId, mine[1]!.ruleId] }));
    clock += DELAY;
    const left = (await rulesOf(web.listenerId)).map((r) => r.ruleId);
    expect(left).not.toContain(mine[0]!.ruleId);
    expect(left).toHaveLength(mine.length - 2);

    const http = listener('prod-web', 'web_http_80');
    expect((await rulesOf(http.listenerId)).length).toBeGreaterThan(0);
    await sdk.alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: http.listenerId }));
    clock += DELAY;
    expect(await rulesOf(http.listenerId)).toEqual([]);
    expect(emulator.snapshot().rules!.some((r) => r.listenerId === http.listenerId)).toBe(false);
  });
});

describe('scale', () => {
  test('scale.rules puts that many more rules on prod-web HTTPS 443, all valid and listed by paging', async () => {
    const big = await startEmulator({
      seed: 11,
      scale: { instances: 9, listeners: 40, rules: 1000 },
      now: () => clock,
    });
    try {
      const s = big.snapshot();
      const l = s.listeners.find((x) => x.listenerDescription === 'web_https_443')!;
      const own = s.rules!.filter((r) => r.listenerId === l.listenerId);
      expect(own.length).toBeGreaterThanOrEqual(1000);
      expect(new Set(own.map((r) => r.priority)).size).toBe(own.length);
      const c = clients(big);
      const { body } = await c.alb.listRules(
        new $Alb.ListRulesRequest({ listenerIds: [l.listenerId], maxResults: 100 }),
      );
      expect(body!.totalCount).toBe(own.length);
    } finally {
      await big.close();
    }
  });
});

describe('state files and failed jobs', () => {
  test('a state file from before rules holds none, and takes new ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alb-tui-rules-'));
    try {
      const old = emulator.snapshot();
      delete old.rules;
      const statePath = join(dir, 'state.json');
      writeFileSync(statePath, JSON.stringify(old), { mode: 0o600 });
      const again = await startEmulator({ statePath, provisioningDelayMs: 0 });
      try {
        const c = clients(again);
        expect((await c.alb.listRules(new $Alb.ListRulesRequest({}))).body!.totalCount).toBe(0);
        const web = listener('prod-web', 'web_https_443');
        await c.alb.createRules(
          new $Alb.CreateRulesRequest({
            listenerId: web.listenerId,
            rules: ruleToSdk([spec(5)]) as $Alb.CreateRulesRequestRules[],
          }),
        );
        expect((await c.alb.listRules(new $Alb.ListRulesRequest({}))).body!.rules![0]!.ruleStatus).toBe(
          'Available',
        );
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a creation whose job fails leaves no rule; a failed update leaves the rule as it was', async () => {
    emulator.setFaults({ asyncFailureRate: 1 });
    const web = listener('prod-web', 'web_https_443');
    const { body } = await createRules(web.listenerId, [spec(950)]);
    clock += DELAY;
    expect((await rulesOf(web.listenerId)).some((r) => r.priority === 950)).toBe(false);
    const job = await sdk.alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [body!.jobId!] }));
    expect(job.body!.jobs![0]!.status).toBe('Failed');
    const target = (state.rules ?? []).find((r) => r.listenerId === web.listenerId)!;
    await sdk.alb.updateRuleAttribute(
      new $Alb.UpdateRuleAttributeRequest({ ruleId: target.ruleId, ruleName: 'lost' }),
    );
    clock += DELAY;
    expect((await rulesOf(web.listenerId)).find((r) => r.ruleId === target.ruleId)).toMatchObject({
      ruleName: target.ruleName,
      ruleStatus: 'Available',
    });
  });
});
