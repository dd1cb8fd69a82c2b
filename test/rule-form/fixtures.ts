// The rule form's test facts: listener HTTPS 443 of alb-a (fixtures.ts) with two rules, and helpers
// that drive the reducer from key names as the pane does.
import { keyFromId, type KeyPress } from '../../source/ui/keys.js';
import type { Rule } from '../../source/domain/rule-types.js';
import type { LoadBalancerEdition } from '../../source/domain/resources.js';
import { pressRuleForm } from '../../source/ui/rule-form/rule-form-keys.js';
import {
  initRuleForm,
  ruleFormReducer,
  type KeptDraft,
  type RuleFormEffect,
  type RuleFormFacts,
  type RuleFormState,
} from '../../source/ui/rule-form/rule-form-state.js';
import { context } from '../domain/fixtures.js';

export function rule(overrides: Partial<Rule> = {}): Rule {
  return {
    ruleId: 'rule-a',
    listenerId: 'lsn-https443',
    loadBalancerId: 'alb-a',
    ruleStatus: 'Available',
    ruleName: 'api',
    priority: 10,
    direction: 'Request',
    ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
    ruleActions: [
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http' }] },
      },
    ],
    ...overrides,
  };
}

export const RULES: Rule[] = [
  rule(),
  rule({
    ruleId: 'rule-b',
    ruleName: 'static',
    priority: 20,
    ruleConditions: [{ type: 'Host', hostConfig: { values: ['static.example.com'] } }],
  }),
];

export function facts(edition: LoadBalancerEdition = 'Standard', rules: Rule[] = RULES): RuleFormFacts {
  return {
    context: context({ edition }),
    instanceName: 'web-prod',
    listener: {
      listenerId: 'lsn-https443',
      protocol: 'HTTPS',
      port: 443,
      name: 'HTTPS_443',
      http2Enabled: true,
    },
    rules,
  };
}

export interface Driven {
  state: RuleFormState;
  effects: RuleFormEffect[];
}

export function open(
  options: {
    ruleId?: string;
    production?: boolean;
    edition?: LoadBalancerEdition;
    kept?: KeptDraft;
    asText?: boolean;
  } = {},
): Driven {
  const init = initRuleForm({
    listenerId: 'lsn-https443',
    ...(options.ruleId ? { ruleId: options.ruleId } : {}),
    clientToken: 'token-1',
    production: options.production ?? false,
    ...(options.asText ? { asText: true } : {}),
  });
  const step = ruleFormReducer(init.state, {
    type: 'loaded',
    facts: facts(options.edition),
    ...(options.kept ? { kept: options.kept } : {}),
  });
  return step;
}

/** Key ids as keyId writes them; `type:text` types text one character at a time. */
export function presses(...keys: string[]): KeyPress[] {
  return keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((char) => keyFromId(char)) : [keyFromId(key)],
  );
}

export function press(driven: Driven | RuleFormState, ...keys: string[]): Driven {
  const state = 'state' in driven ? driven.state : driven;
  return pressRuleForm(state, presses(...keys), ruleFormReducer);
}
