// Rules as ListRules returns them, for the rules pane's tests.
import type { Rule, RuleAction, RuleCondition } from '../../../source/domain/rule-types.js';
import { keyFromId, type KeyPress } from '../../../source/ui/keys.js';
import {
  initRules,
  rulesReducer,
  type RulesAction,
  type RulesEffect,
  type RulesInit,
  type RulesState,
} from '../../../source/ui/rules/rules-state.js';

export const LISTENER = {
  id: 'lsn-web-443',
  loadBalancerId: 'alb-web',
  label: 'HTTPS 443 web',
  protocol: 'HTTPS',
  port: 443,
};

export const NAMES: ReadonlyMap<string, string> = new Map([
  ['sgp-api-v2', 'sg-api-v2'],
  ['sgp-api-v1', 'sg-api-v1'],
  ['sgp-web', 'sg-web'],
]);

export function rule(
  priority: number,
  name: string,
  conditions: RuleCondition[],
  actions: RuleAction[],
  extra: Partial<Rule> = {},
): Rule {
  return {
    ruleId: `rule-${priority}`,
    listenerId: LISTENER.id,
    loadBalancerId: LISTENER.loadBalancerId,
    ruleStatus: 'Available',
    ruleName: name,
    priority,
    direction: 'Request',
    ruleConditions: conditions,
    ruleActions: actions,
    ...extra,
  };
}

export const host = (...values: string[]): RuleCondition => ({ type: 'Host', hostConfig: { values } });
export const path = (...values: string[]): RuleCondition => ({ type: 'Path', pathConfig: { values } });
export const forward = (...groups: [string, number?][]): RuleAction => ({
  order: 1,
  type: 'ForwardGroup',
  forwardGroupConfig: {
    serverGroupTuples: groups.map(([serverGroupId, weight]) =>
      weight === undefined ? { serverGroupId } : { serverGroupId, weight },
    ),
  },
});

/** The demo-like set: a canary by weight, a path route, a redirect, a maintenance reply. */
export function demoRules(): Rule[] {
  return [
    rule(
      10,
      'api-v2-canary',
      [host('api.example.com'), path('/v2/*')],
      [forward(['sgp-api-v2', 80], ['sgp-api-v1', 20])],
    ),
    rule(20, 'static', [path('/static/*')], [forward(['sgp-web'])]),
    rule(
      30,
      'http-to-https',
      [host('*.example.com')],
      [{ order: 1, type: 'Redirect', redirectConfig: { httpCode: '301', protocol: 'HTTPS', port: '443' } }],
    ),
    rule(
      40,
      '维护页',
      [path('/maintenance')],
      [
        {
          order: 1,
          type: 'FixedResponse',
          fixedResponseConfig: {
            httpCode: '503',
            contentType: 'text/plain',
            content: 'down for maintenance',
          },
        },
      ],
    ),
  ];
}

export interface Driven {
  state: RulesState;
  effects: RulesEffect[];
  used: boolean;
}

export function loaded(rules: readonly Rule[], init: Partial<RulesInit> = {}): RulesState {
  const state = initRules({
    listener: LISTENER,
    height: 10,
    readOnly: false,
    production: false,
    targets: [
      { id: 'lsn-api-443', loadBalancerId: 'alb-web', label: 'HTTPS 443 api' },
      { id: 'lsn-web-80', loadBalancerId: 'alb-web', label: 'HTTP 80 web' },
      LISTENER,
    ],
    ...init,
  });
  return rulesReducer(state, {
    type: 'loaded',
    rules,
    names: NAMES,
    defaultGroupIds: ['sgp-web'],
  }).state;
}

export function act(state: RulesState, action: RulesAction): Driven {
  return rulesReducer(state, action);
}

/** Presses keys one after another; the effects of all of them, the last key's `used`. */
export function press(state: RulesState, ...ids: (string | KeyPress)[]): Driven {
  let current = state;
  const effects: RulesEffect[] = [];
  let used = false;
  for (const id of ids) {
    const key = typeof id === 'string' ? keyFromId(id) : id;
    const next = rulesReducer(current, { type: 'key', key });
    current = next.state;
    effects.push(...next.effects);
    used = next.used;
  }
  return { state: current, effects, used };
}

export const type = (text: string) => [...text];
