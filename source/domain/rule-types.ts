// Forwarding rules in the domain's shapes (camelCase of the API's `RuleConditions`/`RuleActions`).
// One model for the app, the CLI, the local ALB's control API and its data plane.
import type { Tag } from './resources.js';

export const RULE_DIRECTIONS = ['Request', 'Response'] as const;
export type RuleDirection = (typeof RULE_DIRECTIONS)[number];

export const RULE_STATUSES = ['Provisioning', 'Configuring', 'Available'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface KeyValue {
  key: string;
  value: string;
}

export type RuleCondition =
  | { type: 'Host'; hostConfig: { values: string[] } }
  | { type: 'Path'; pathConfig: { values: string[] } }
  | { type: 'Method'; methodConfig: { values: string[] } }
  | { type: 'Header'; headerConfig: { key: string; values: string[] } }
  | { type: 'QueryString'; queryStringConfig: { values: KeyValue[] } }
  | { type: 'Cookie'; cookieConfig: { values: KeyValue[] } }
  | { type: 'SourceIp'; sourceIpConfig: { values: string[] } }
  | { type: 'ResponseHeader'; responseHeaderConfig: { key: string; values: string[] } }
  | { type: 'ResponseStatusCode'; responseStatusCodeConfig: { values: string[] } };
export type RuleConditionType = RuleCondition['type'];
export const RULE_CONDITION_TYPES: readonly RuleConditionType[] = [
  'Host',
  'Path',
  'Header',
  'QueryString',
  'Method',
  'Cookie',
  'SourceIp',
  'ResponseHeader',
  'ResponseStatusCode',
];

export interface ServerGroupTuple {
  serverGroupId: string;
  /** 0–100; absent means 100 as the API defaults it. */
  weight?: number;
}

export type RuleAction = { order: number } & (
  | {
      type: 'ForwardGroup';
      forwardGroupConfig: {
        serverGroupTuples: ServerGroupTuple[];
        serverGroupStickySession?: { enabled: boolean; timeout?: number };
      };
    }
  | {
      type: 'Redirect';
      redirectConfig: {
        host?: string;
        httpCode?: string;
        path?: string;
        port?: string;
        protocol?: string;
        query?: string;
      };
    }
  | {
      type: 'FixedResponse';
      fixedResponseConfig: { content?: string; contentType?: string; httpCode: string };
    }
  | { type: 'Rewrite'; rewriteConfig: { host?: string; path?: string; query?: string } }
  | {
      type: 'InsertHeader';
      insertHeaderConfig: {
        key: string;
        value: string;
        valueType: 'UserDefined' | 'ReferenceHeader' | 'SystemDefined';
      };
    }
  | { type: 'RemoveHeader'; removeHeaderConfig: { key: string } }
  | { type: 'TrafficLimit'; trafficLimitConfig: { qps?: number; perIpQps?: number } }
  | {
      type: 'TrafficMirror';
      trafficMirrorConfig: {
        targetType: 'ForwardGroupMirror';
        mirrorGroupConfig: { serverGroupTuples: { serverGroupId: string }[] };
      };
    }
  | {
      type: 'Cors';
      corsConfig: {
        allowOrigin: string[];
        allowMethods?: string[];
        allowHeaders?: string[];
        exposeHeaders?: string[];
        allowCredentials?: 'on' | 'off';
        maxAge?: number;
      };
    }
);
export type RuleActionType = RuleAction['type'];
/** The actions that end a rule: exactly one, and last. */
export const FINAL_ACTION_TYPES: readonly RuleActionType[] = ['ForwardGroup', 'Redirect', 'FixedResponse'];

/** What a rule says, as created or updated (no ID, no status). */
export interface RuleSpec {
  ruleName: string;
  /** 1–10000, unique per listener. */
  priority: number;
  direction: RuleDirection;
  ruleConditions: RuleCondition[];
  ruleActions: RuleAction[];
  tags?: Tag[];
}

/** A rule as `ListRules` returns it. */
export interface Rule extends RuleSpec {
  ruleId: string;
  listenerId: string;
  loadBalancerId: string;
  ruleStatus: RuleStatus;
}

/** A request as the rule matcher sees it ("which rule takes this request?", and the data plane). */
export interface MatchRequest {
  method: string;
  /** Without the port. */
  host: string;
  path: string;
  /** Decoded query pairs in order; a key may repeat. */
  query: KeyValue[];
  /** Lower-case names; a name may repeat. */
  headers: KeyValue[];
  cookies: KeyValue[];
  sourceIp: string;
  /** The listener's protocol and port, for `${protocol}` and `${port}` in redirects. */
  protocol: 'http' | 'https';
  port: number;
}
