import { describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import type { ServerGroup } from '../../source/domain/resources.js';
import type { RuleSpec } from '../../source/domain/rule-types.js';
import { captureProfile } from '../../source/store/profile-apply.js';
import { resolveProfileRules, rulesToProfile } from '../../source/store/profile-rules.js';
import { openStore } from '../../source/store/store.js';
import { webProfile } from '../commands/fixtures.js';
import { storeDir } from './helpers.js';

function group(id: string, name: string): ServerGroup {
  return {
    serverGroupId: id,
    serverGroupName: name,
    serverGroupType: 'Instance',
    serverGroupStatus: 'Available',
    protocol: 'HTTP',
    scheduler: 'Wrr',
    vpcId: 'vpc-a',
    serverCount: 1,
    relatedLoadBalancerIds: [],
  };
}

const canary: RuleSpec = {
  ruleName: 'api-canary',
  priority: 10,
  direction: 'Request',
  ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
  ruleActions: [
    {
      order: 1,
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: [
          { serverGroupId: 'sgp-v2-here', weight: 80 },
          { serverGroupId: 'sgp-v1-here', weight: 20 },
        ],
      },
    },
  ],
};
const HERE = [group('sgp-v2-here', 'api-v2'), group('sgp-v1-here', 'api-v1')];
const THERE = [group('sgp-v2-there', 'api-v2'), group('sgp-v1-there', 'api-v1'), group('sgp-x', 'other')];

describe('profile rules', () => {
  it('keep server groups by name and resolve them to the target instance’s IDs', () => {
    const kept = rulesToProfile([{ ...canary, ruleId: 'rule-1', ruleStatus: 'Available' } as RuleSpec], HERE);
    expect(kept).toEqual([
      {
        ...canary,
        ruleActions: [
          {
            order: 1,
            type: 'ForwardGroup',
            forwardGroupConfig: {
              serverGroupTuples: [
                { serverGroupName: 'api-v2', weight: 80 },
                { serverGroupName: 'api-v1', weight: 20 },
              ],
            },
          },
        ],
      },
    ]);
    const resolved = resolveProfileRules(kept, THERE);
    expect(resolved.problems).toEqual([]);
    expect(resolved.rules[0]?.ruleActions[0]).toMatchObject({
      forwardGroupConfig: {
        serverGroupTuples: [
          { serverGroupId: 'sgp-v2-there', weight: 80 },
          { serverGroupId: 'sgp-v1-there', weight: 20 },
        ],
      },
    });
  });

  it('a name with no group, or several, on the target is a problem in both languages', () => {
    const kept = rulesToProfile([canary], HERE);
    const none = resolveProfileRules(kept, [group('sgp-a', 'api-v2')]);
    expect(none.problems).toHaveLength(1);
    expect(none.problems[0]?.en).toContain('no server group named "api-v1"');
    expect(none.problems[0]?.['zh-CN']).toContain('没有名为');
    const twice = resolveProfileRules(kept, [...THERE, group('sgp-dup', 'api-v1')]);
    expect(twice.problems[0]?.en).toContain('2 server groups are named "api-v1"');
  });

  it('a profile saved from a listener keeps its rules; one without rules still loads; a broken rule is refused', async () => {
    const dir = storeDir();
    const store = await openStore({ dir });
    const draft = newDraft('HTTP');
    draft.port = '8080';
    const captured = captureProfile(
      draft,
      { certificates: [], serverGroups: HERE, listeners: [] },
      { name: 'with-rules', rules: [canary] },
    );
    if (!captured.ok) throw new Error(JSON.stringify(captured.problems));
    await store.saveProfile(captured.profile);
    await store.saveProfile(webProfile('no-rules'));
    const reopened = await openStore({ dir });
    expect(reopened.getProfile('with-rules')?.rules).toHaveLength(1);
    expect(JSON.stringify(reopened.getProfile('with-rules')?.rules)).toContain('"serverGroupName":"api-v2"');
    expect(reopened.getProfile('no-rules')?.rules).toBeUndefined();
    const broken = { ...webProfile('broken'), rules: [{ ...canary, priority: 0 }] };
    await expect(store.saveProfile(broken)).rejects.toMatchObject({ code: 'invalid' });
  });
});
