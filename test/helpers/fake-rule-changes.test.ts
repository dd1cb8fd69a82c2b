// The in-memory rules of the fake clients behave as the local ALB does where views and commands look:
// created and changed at once, refused by the domain's checks, DryRun without effect, tokens replayed.
import { describe, expect, test } from 'vitest';
import { collect, type CreatedRules } from '../../source/alb/client.js';
import { isAlbError } from '../../source/alb/errors.js';
import type { RuleSpec } from '../../source/domain/rule-types.js';
import { InMemoryRuleChanges } from './fake-rule-changes.js';

const spec = (priority: number): RuleSpec => ({
  ruleName: `r-${priority}`,
  priority,
  direction: 'Request',
  ruleConditions: [{ type: 'Path', pathConfig: { values: ['/a/*'] } }],
  ruleActions: [{ order: 1, type: 'FixedResponse', fixedResponseConfig: { httpCode: '200' } }],
});

describe('InMemoryRuleChanges', () => {
  test('create, list in priority order, update, delete; clashes and bad input refused with API codes', async () => {
    const fake = new InMemoryRuleChanges();
    const created = (await fake.createRules('lsn-1', [spec(20), spec(10)])) as CreatedRules;
    expect((await collect(fake.listRules({ listenerIds: ['lsn-1'] }))).map((r) => r.priority)).toEqual([
      10, 20,
    ]);
    const clash = await fake.createRules('lsn-1', [spec(10)]).catch((e: unknown) => e);
    expect(isAlbError(clash) && clash.code).toBe('Conflict.Priority');
    const bad = await fake.createRules('lsn-1', [spec(10001)]).catch((e: unknown) => e);
    expect(isAlbError(bad) && bad.code).toBe('InvalidParameter');
    await fake.updateRules([{ ruleId: created.ruleIds[0]!, priority: 30 }]);
    expect(fake.rules.find((r) => r.ruleId === created.ruleIds[0])!.priority).toBe(30);
    expect(await fake.createRules('lsn-1', [spec(40)], { dryRun: true })).toEqual({ dryRun: 'passed' });
    expect(fake.rules).toHaveLength(2);
    await fake.deleteRules(created.ruleIds);
    expect(fake.rules).toEqual([]);
  });

  test('a repeated ClientToken is the same change; more than 10 rules a call are refused', async () => {
    const fake = new InMemoryRuleChanges();
    const first = (await fake.createRules('lsn-1', [spec(1)], { clientToken: 't' })) as CreatedRules;
    const again = (await fake.createRules('lsn-1', [spec(1)], { clientToken: 't' })) as CreatedRules;
    expect(again.ruleIds).toEqual(first.ruleIds);
    expect(fake.rules).toHaveLength(1);
    const many = Array.from({ length: 11 }, (_, i) => spec(100 + i));
    expect(await fake.createRules('lsn-1', many).catch((e: unknown) => isAlbError(e) && e.kind)).toBe(
      'invalid',
    );
  });
});
