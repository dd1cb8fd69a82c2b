import { describe, expect, it } from 'vitest';
import {
  draftToSpec,
  FORM_ACTION_TYPES,
  newAction,
  newRuleDraft,
  ruleToDraft,
  type RuleDraft,
} from '../../source/ui/rule-form/rule-draft.js';
import { formRows } from '../../source/ui/rule-form/rule-form-rows.js';
import { blockingIssues, fieldOfRuleError, rowOfPath } from '../../source/ui/rule-form/rule-issues.js';
import { facts } from './fixtures.js';

describe('where a rule problem goes in the form', () => {
  it('moves the validator’s paths onto the form’s rows', () => {
    expect(rowOfPath('ruleName')).toBe('ruleName');
    expect(rowOfPath('ruleConditions')).toBe('conditions');
    expect(rowOfPath('ruleConditions[1].hostConfig.values[0]')).toBe('conditions.1.values.0');
    expect(rowOfPath('ruleConditions[0].headerConfig.key')).toBe('conditions.0.key');
    expect(rowOfPath('ruleConditions[2].queryStringConfig.values[1].value')).toBe('conditions.2.values.1');
    expect(rowOfPath('ruleActions[0].order')).toBe('actions.0');
    expect(rowOfPath('ruleActions[0].forwardGroupConfig.serverGroupTuples[1].weight')).toBe(
      'actions.0.groups.1.weight',
    );
    expect(rowOfPath('ruleActions[0].forwardGroupConfig.serverGroupTuples[1].serverGroupId')).toBe(
      'actions.0.groups.1',
    );
    expect(rowOfPath('ruleActions[0].forwardGroupConfig.serverGroupStickySession.timeout')).toBe(
      'actions.0.stickyTimeout',
    );
    expect(rowOfPath('ruleActions[1].redirectConfig.httpCode')).toBe('actions.1.httpCode');
    expect(rowOfPath('ruleActions[2].trafficLimitConfig.qps')).toBe('actions.2.qps');
  });

  it('maps the service’s error codes and parameters onto a field', () => {
    expect(fieldOfRuleError('Conflict.Priority')).toBe('priority');
    expect(fieldOfRuleError('QuotaExceeded.RuleMatchEvaluationsNum')).toBe('conditions');
    expect(fieldOfRuleError('QuotaExceeded.RuleWildcardsNum')).toBe('conditions');
    expect(fieldOfRuleError('QuotaExceeded.RuleActionsNum')).toBe('actions');
    expect(fieldOfRuleError('OperationDenied.RewriteMissingForwardGroup')).toBe('actions');
    expect(fieldOfRuleError('Mismatch.VpcId')).toBe('actions');
    expect(fieldOfRuleError('InvalidParameter', 'Rules.1.RuleConditions.2.PathConfig.Values.1')).toBe(
      'conditions.1.values.0',
    );
    expect(fieldOfRuleError('InvalidParameter', 'RuleName')).toBe('ruleName');
    expect(fieldOfRuleError('IncorrectStatus.Rule')).toBeUndefined();
    expect(fieldOfRuleError('Throttling')).toBeUndefined();
  });
});

describe('traffic mirror and CORS in the form', () => {
  const base = (): RuleDraft => {
    const draft = { ...newRuleDraft(30), ruleName: 'mirror-and-cors' };
    draft.conditions = [{ ...draft.conditions[0]!, values: ['/api/*'] }];
    return draft;
  };

  it('are offered, build the rule the API takes, and read back the same', () => {
    expect(FORM_ACTION_TYPES).toEqual(expect.arrayContaining(['TrafficMirror', 'Cors']));
    const inVpc = facts().context.serverGroups.filter((g) => g.vpcId === facts().context.instance.vpcId);
    const mirrored = inVpc.find((g) => g.protocol === 'HTTP')!;
    const group = inVpc.find((g) => g !== mirrored)!;
    const draft = base();
    const mirror = {
      ...newAction('TrafficMirror'),
      groups: [{ serverGroupId: mirrored.serverGroupId, weight: '' }],
    };
    const cors = newAction('Cors');
    cors.fields = {
      ...cors.fields,
      allowOrigin: 'https://a.example.com, https://b.example.com',
      allowMethods: 'GET, POST',
      allowHeaders: 'x-token',
      exposeHeaders: '',
      allowCredentials: 'on',
      maxAge: '600',
    };
    draft.actions = [mirror, cors, ...draft.actions];
    draft.actions[2] = {
      ...draft.actions[2]!,
      groups: [{ serverGroupId: group.serverGroupId, weight: '100' }],
    };
    const spec = draftToSpec(draft);
    expect(spec.ruleActions.slice(0, 2)).toEqual([
      {
        order: 1,
        type: 'TrafficMirror',
        trafficMirrorConfig: {
          targetType: 'ForwardGroupMirror',
          mirrorGroupConfig: { serverGroupTuples: [{ serverGroupId: mirrored.serverGroupId }] },
        },
      },
      {
        order: 2,
        type: 'Cors',
        corsConfig: {
          allowOrigin: ['https://a.example.com', 'https://b.example.com'],
          allowMethods: ['GET', 'POST'],
          allowHeaders: ['x-token'],
          allowCredentials: 'on',
          maxAge: 600,
        },
      },
    ]);
    expect(draftToSpec(ruleToDraft(spec))).toEqual(spec);
    expect(blockingIssues(draft, facts(), undefined).filter((i) => i.severity === 'error')).toEqual([]);
    // A mirror's groups carry no weight: no weight row.
    const rows = formRows(draft).map((r) => r.id);
    expect(rows).toContain('actions.0.groups.0');
    expect(rows).not.toContain('actions.0.groups.0.weight');
    expect(rows).toEqual(expect.arrayContaining(['actions.1.allowOrigin', 'actions.1.maxAge']));
  });

  it('are validated as the others, each problem on its row', () => {
    const draft = base();
    const cors = newAction('Cors');
    cors.fields = { ...cors.fields, allowOrigin: '', maxAge: '99999999' };
    const mirror = { ...newAction('TrafficMirror'), groups: [{ serverGroupId: 'sgp-nowhere', weight: '' }] };
    draft.actions = [mirror, cors, ...draft.actions];
    const fields = blockingIssues(draft, facts(), undefined)
      .filter((i) => i.severity === 'error')
      .map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining(['actions.0.groups.0', 'actions.1.allowOrigin', 'actions.1.maxAge']),
    );
    expect(rowOfPath('ruleActions[1].corsConfig.allowOrigin[1]')).toBe('actions.1.allowOrigin');
    expect(
      rowOfPath('ruleActions[0].trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples[0].serverGroupId'),
    ).toBe('actions.0.groups.0');
  });
});
