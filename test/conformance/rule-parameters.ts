// The parameter behaviours of the forwarding-rule actions, for parameters.test.ts. They run on a zoo local
// ALB whose changes complete by the next call (delay 0), so each parameter's effect shows in ListRules.
import { expect } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import type { RawCaller } from './raw-call.js';
import { changeableRules, ruleListener, ruleQuery, type Query } from './replies.js';

type Item = Record<string, unknown>;
type Check = () => Promise<void>;

export function ruleBehaviour(
  quick: () => { call: RawCaller; emulator: RunningEmulator },
): Record<string, Record<string, Check>> {
  const live = (): EmulatorState => quick().emulator.snapshot();
  let priority = 8000;
  const next = () => priority++;
  const ok = async (action: string, query: Query): Promise<Item> => {
    const reply = await quick().call('alb', action, query);
    if (!reply.ok)
      throw new Error(`${action} ${JSON.stringify(query)}: ${reply.code} ${String(reply.body['Message'])}`);
    return reply.body;
  };
  const rules = async (query: Query): Promise<Item[]> =>
    (await ok('ListRules', { MaxResults: '100', ...query }))['Rules'] as Item[];
  const ruleById = async (ruleId: string): Promise<Item | undefined> =>
    (await rules({ 'RuleIds.1': ruleId }))[0];
  const listenerId = () => ruleListener(live()).listenerId;
  const everything = async () => rules({});

  /** Lists with `query`: a non-empty part of all rules, each passing `holds`. */
  const narrows =
    (query: () => Query, holds: (rule: Item) => boolean): Check =>
    async () => {
      const all = await everything();
      const some = await rules(query());
      expect(some.length).toBeGreaterThan(0);
      expect(some.length).toBeLessThan(all.length);
      expect(some.filter((r) => !holds(r))).toEqual([]);
    };

  /** Creates one rule with `extra` (CreateRule); ListRules then shows what `holds` expects. */
  const createsOne =
    (extra: (n: number) => Query, holds: (rule: Item, n: number) => boolean): Check =>
    async () => {
      const n = next();
      const body = await ok('CreateRule', {
        ListenerId: listenerId(),
        ...ruleQuery(live(), '', n),
        ...extra(n),
      });
      const rule = await ruleById(String(body['RuleId']));
      expect(rule && holds(rule, n)).toBe(true);
    };

  /** Updates an Available rule with `extra` (UpdateRuleAttribute); ListRules then shows `holds`. */
  const updatesOne =
    (extra: (n: number) => Query, holds: (rule: Item, n: number) => boolean): Check =>
    async () => {
      const n = next();
      const target = changeableRules(live())[0]!;
      await ok('UpdateRuleAttribute', { RuleId: target.ruleId, ...extra(n) });
      const rule = await ruleById(target.ruleId);
      expect(rule?.['RuleStatus']).toBe('Available');
      expect(rule && holds(rule, n)).toBe(true);
    };

  /** The same call twice with one ClientToken: the same answer, one job. */
  const replays =
    (action: string, query: () => Query, same: string): Check =>
    async () => {
      const q = { ...query(), ClientToken: `conformance-${action}` };
      const first = await ok(action, q);
      const second = await ok(action, q);
      expect(JSON.stringify(second[same])).toBe(JSON.stringify(first[same]));
      expect(second['JobId']).toBe(first['JobId']);
      const jobs = (await ok('ListAsynJobs', { ApiName: action, MaxResults: '100' }))['Jobs'] as Item[];
      expect(jobs.filter((j) => j['Id'] === first['JobId'])).toHaveLength(1);
    };

  /** DryRun: DryRunOperation, and the rules are as they were. */
  const dryRun =
    (action: string, query: () => Query): Check =>
    async () => {
      const before = await everything();
      const reply = await quick().call('alb', action, { ...query(), DryRun: 'true' });
      expect(reply.ok ? 'changed' : reply.code).toBe('DryRunOperation');
      expect(await everything()).toEqual(before);
    };

  const pathOf = (rule: Item): unknown =>
    ((rule['RuleConditions'] as Item[])[0]?.['PathConfig'] as Item | undefined)?.['Values'];

  return {
    ListRules: {
      NextToken: async () => {
        const first = await ok('ListRules', { MaxResults: '1' });
        const second = await ok('ListRules', { MaxResults: '1', NextToken: String(first['NextToken']) });
        expect(second['Rules']).not.toEqual(first['Rules']);
      },
      MaxResults: async () => {
        expect(await rules({ MaxResults: '2' })).toHaveLength(2);
      },
      RuleIds: async () => {
        const id = changeableRules(live())[0]!.ruleId;
        expect((await rules({ 'RuleIds.1': id })).map((r) => r['RuleId'])).toEqual([id]);
      },
      ListenerIds: narrows(
        () => ({ 'ListenerIds.1': listenerId() }),
        (r) => r['ListenerId'] === listenerId(),
      ),
      LoadBalancerIds: narrows(
        () => ({ 'LoadBalancerIds.1': ruleListener(live()).loadBalancerId }),
        (r) => r['LoadBalancerId'] === ruleListener(live()).loadBalancerId,
      ),
      Direction: narrows(
        () => ({ Direction: 'Response' }),
        (r) => r['Direction'] === 'Response',
      ),
      Tag: narrows(
        () => ({ 'Tag.1.Key': 'team', 'Tag.1.Value': 'api' }),
        (r) => (r['Tags'] as Item[]).some((t) => t['Key'] === 'team' && t['Value'] === 'api'),
      ),
    },
    CreateRule: {
      ListenerId: createsOne(
        () => ({}),
        (r) => r['ListenerId'] === listenerId(),
      ),
      ClientToken: replays(
        'CreateRule',
        () => ({ ListenerId: listenerId(), ...ruleQuery(live(), '', next()) }),
        'RuleId',
      ),
      DryRun: dryRun('CreateRule', () => ({ ListenerId: listenerId(), ...ruleQuery(live(), '', next()) })),
      Priority: createsOne(
        () => ({}),
        (r, n) => r['Priority'] === n,
      ),
      Direction: createsOne(
        () => ({
          Direction: 'Response',
          'RuleConditions.1.Type': 'ResponseStatusCode',
          'RuleConditions.1.ResponseStatusCodeConfig.Values.1': '502',
          'RuleActions.1.Type': 'RemoveHeader',
          'RuleActions.1.RemoveHeaderConfig.Key': 'server',
        }),
        (r) => r['Direction'] === 'Response',
      ),
      RuleActions: createsOne(
        () => ({
          'RuleActions.1.Type': 'FixedResponse',
          'RuleActions.1.FixedResponseConfig.HttpCode': '418',
        }),
        (r) =>
          ((r['RuleActions'] as Item[])[0]?.['FixedResponseConfig'] as Item | undefined)?.['HttpCode'] ===
          '418',
      ),
      RuleConditions: createsOne(
        () => ({}),
        (r, n) => JSON.stringify(pathOf(r)) === JSON.stringify([`/conformance-${n}/*`]),
      ),
      RuleName: createsOne(
        () => ({ RuleName: '参数-名称' }),
        (r) => r['RuleName'] === '参数-名称',
      ),
      Tag: createsOne(
        () => ({ 'Tag.1.Key': 'owner', 'Tag.1.Value': 'conformance' }),
        (r) => JSON.stringify(r['Tags']) === JSON.stringify([{ Key: 'owner', Value: 'conformance' }]),
      ),
    },
    CreateRules: {
      ListenerId: async () => {
        const body = await ok('CreateRules', {
          ListenerId: listenerId(),
          ...ruleQuery(live(), 'Rules.1.', next()),
        });
        const [created] = body['RuleIds'] as Item[];
        expect((await ruleById(String(created!['RuleId'])))?.['ListenerId']).toBe(listenerId());
      },
      ClientToken: replays(
        'CreateRules',
        () => ({ ListenerId: listenerId(), ...ruleQuery(live(), 'Rules.1.', next()) }),
        'RuleIds',
      ),
      DryRun: dryRun('CreateRules', () => ({
        ListenerId: listenerId(),
        ...ruleQuery(live(), 'Rules.1.', next()),
      })),
      Rules: async () => {
        const [a, b] = [next(), next()];
        const body = await ok('CreateRules', {
          ListenerId: listenerId(),
          ...ruleQuery(live(), 'Rules.1.', a),
          ...ruleQuery(live(), 'Rules.2.', b),
        });
        const created = body['RuleIds'] as Item[];
        expect(created.map((r) => r['Priority'])).toEqual([a, b]);
        for (const r of created)
          expect((await ruleById(String(r['RuleId'])))?.['RuleStatus']).toBe('Available');
      },
    },
    UpdateRuleAttribute: {
      RuleId: async () => {
        const [target, other] = changeableRules(live());
        await ok('UpdateRuleAttribute', { RuleId: target!.ruleId, RuleName: 'only-this-one' });
        expect((await ruleById(target!.ruleId))?.['RuleName']).toBe('only-this-one');
        expect((await ruleById(other!.ruleId))?.['RuleName']).toBe(other!.ruleName);
      },
      ClientToken: replays(
        'UpdateRuleAttribute',
        () => ({ RuleId: changeableRules(live())[0]!.ruleId, RuleName: 'replayed' }),
        'JobId',
      ),
      DryRun: dryRun('UpdateRuleAttribute', () => ({
        RuleId: changeableRules(live())[0]!.ruleId,
        RuleName: 'not-applied',
      })),
      RuleConditions: updatesOne(
        (n) => ({ 'RuleConditions.1.Type': 'Path', 'RuleConditions.1.PathConfig.Values.1': `/updated-${n}` }),
        (r, n) => JSON.stringify(pathOf(r)) === JSON.stringify([`/updated-${n}`]),
      ),
      RuleActions: updatesOne(
        () => ({
          'RuleActions.1.Type': 'FixedResponse',
          'RuleActions.1.Order': '1',
          'RuleActions.1.FixedResponseConfig.HttpCode': '503',
        }),
        (r) =>
          (r['RuleActions'] as Item[]).length === 1 &&
          ((r['RuleActions'] as Item[])[0]?.['FixedResponseConfig'] as Item | undefined)?.['HttpCode'] ===
            '503',
      ),
      RuleName: updatesOne(
        (n) => ({ RuleName: `改名-${n}` }),
        (r, n) => r['RuleName'] === `改名-${n}`,
      ),
      Priority: updatesOne(
        (n) => ({ Priority: String(n) }),
        (r, n) => r['Priority'] === n,
      ),
    },
    UpdateRulesAttribute: {
      ClientToken: replays(
        'UpdateRulesAttribute',
        () => ({ 'Rules.1.RuleId': changeableRules(live())[1]!.ruleId, 'Rules.1.RuleName': 'replayed' }),
        'JobId',
      ),
      DryRun: dryRun('UpdateRulesAttribute', () => ({
        'Rules.1.RuleId': changeableRules(live())[1]!.ruleId,
        'Rules.1.RuleName': 'not-applied',
      })),
      Rules: async () => {
        const [a, b] = changeableRules(live());
        // Two rules swap their priorities in one call.
        await ok('UpdateRulesAttribute', {
          'Rules.1.RuleId': a!.ruleId,
          'Rules.1.Priority': String(b!.priority),
          'Rules.2.RuleId': b!.ruleId,
          'Rules.2.Priority': String(a!.priority),
        });
        expect((await ruleById(a!.ruleId))?.['Priority']).toBe(b!.priority);
        expect((await ruleById(b!.ruleId))?.['Priority']).toBe(a!.priority);
      },
    },
    DeleteRule: {
      ClientToken: replays('DeleteRule', () => ({ RuleId: changeableRules(live()).at(-1)!.ruleId }), 'JobId'),
      DryRun: dryRun('DeleteRule', () => ({ RuleId: changeableRules(live()).at(-1)!.ruleId })),
      RuleId: async () => {
        const [target, other] = changeableRules(live()).slice(-2);
        await ok('DeleteRule', { RuleId: target!.ruleId });
        expect(await ruleById(target!.ruleId)).toBeUndefined();
        expect(await ruleById(other!.ruleId)).toBeDefined();
      },
    },
    DeleteRules: {
      ClientToken: replays(
        'DeleteRules',
        () => ({ 'RuleIds.1': changeableRules(live()).at(-1)!.ruleId }),
        'JobId',
      ),
      DryRun: dryRun('DeleteRules', () => ({ 'RuleIds.1': changeableRules(live()).at(-1)!.ruleId })),
      RuleIds: async () => {
        const [a, b, keep] = changeableRules(live()).slice(-3);
        await ok('DeleteRules', { 'RuleIds.1': a!.ruleId, 'RuleIds.2': b!.ruleId });
        expect(await ruleById(a!.ruleId)).toBeUndefined();
        expect(await ruleById(b!.ruleId)).toBeUndefined();
        expect(await ruleById(keep!.ruleId)).toBeDefined();
      },
    },
  };
}
