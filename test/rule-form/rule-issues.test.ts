import { describe, expect, it } from 'vitest';
import { fieldOfRuleError, rowOfPath } from '../../source/ui/rule-form/rule-issues.js';

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
