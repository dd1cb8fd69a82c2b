// A rule as the form holds it: every field as the user typed it (a priority may be "12a" for a
// moment), conditions and actions as ordered lists. Pure conversions to and from the domain's
// RuleSpec; the order of the actions is their place in the list.
import {
  FINAL_ACTION_TYPES,
  type KeyValue,
  type Rule,
  type RuleAction,
  type RuleActionType,
  type RuleCondition,
  type RuleConditionType,
  type RuleDirection,
  type RuleSpec,
} from '../../domain/rule-types.js';

export interface ConditionDraft {
  type: RuleConditionType;
  /** The header name (Header, ResponseHeader). */
  key: string;
  /** One value per entry; QueryString and Cookie values as `key=value`. */
  values: string[];
}

export interface GroupDraft {
  serverGroupId: string;
  weight: string;
}

export interface ActionDraft {
  type: RuleActionType;
  /** The action's scalar fields by their domain name (redirect `host`, fixed response `httpCode`…). */
  fields: Record<string, string>;
  /** ForwardGroup and TrafficMirror (whose groups carry no weight). */
  groups: GroupDraft[];
}

export interface RuleDraft {
  ruleName: string;
  priority: string;
  direction: RuleDirection;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

/** The condition types the form offers per direction (the API's own split). */
export function conditionTypesFor(direction: RuleDirection): RuleConditionType[] {
  return direction === 'Response'
    ? ['ResponseHeader', 'ResponseStatusCode']
    : ['Host', 'Path', 'Header', 'QueryString', 'Method', 'Cookie', 'SourceIp'];
}

/** The action types the form builds: every type the API has. */
export const FORM_ACTION_TYPES: readonly RuleActionType[] = [
  'ForwardGroup',
  'Redirect',
  'FixedResponse',
  'Rewrite',
  'InsertHeader',
  'RemoveHeader',
  'TrafficLimit',
  'TrafficMirror',
  'Cors',
];

/** Cors fields that hold a list, typed as `a, b, c`. */
const CORS_LISTS = ['allowOrigin', 'allowMethods', 'allowHeaders', 'exposeHeaders'] as const;

export type ActionFieldKind = 'text' | 'choice';
export interface ActionFieldSpec {
  name: string;
  kind: ActionFieldKind;
  /** For choices: the values in order ('' = not set). */
  choices?: readonly string[];
}

/** The scalar fields of each action type, in the order the form lists them. */
export const ACTION_FIELDS: Partial<Record<RuleActionType, readonly ActionFieldSpec[]>> = {
  ForwardGroup: [
    { name: 'sticky', kind: 'choice', choices: ['off', 'on'] },
    { name: 'stickyTimeout', kind: 'text' },
  ],
  Redirect: [
    { name: 'httpCode', kind: 'choice', choices: ['301', '302', '303', '307', '308'] },
    { name: 'protocol', kind: 'choice', choices: ['${protocol}', 'HTTP', 'HTTPS'] },
    { name: 'host', kind: 'text' },
    { name: 'port', kind: 'text' },
    { name: 'path', kind: 'text' },
    { name: 'query', kind: 'text' },
  ],
  FixedResponse: [
    { name: 'httpCode', kind: 'text' },
    {
      name: 'contentType',
      kind: 'choice',
      choices: ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'],
    },
    { name: 'content', kind: 'text' },
  ],
  Rewrite: [
    { name: 'host', kind: 'text' },
    { name: 'path', kind: 'text' },
    { name: 'query', kind: 'text' },
  ],
  InsertHeader: [
    { name: 'key', kind: 'text' },
    { name: 'valueType', kind: 'choice', choices: ['UserDefined', 'ReferenceHeader', 'SystemDefined'] },
    { name: 'value', kind: 'text' },
  ],
  RemoveHeader: [{ name: 'key', kind: 'text' }],
  TrafficLimit: [
    { name: 'qps', kind: 'text' },
    { name: 'perIpQps', kind: 'text' },
  ],
  Cors: [
    { name: 'allowOrigin', kind: 'text' },
    { name: 'allowMethods', kind: 'text' },
    { name: 'allowHeaders', kind: 'text' },
    { name: 'exposeHeaders', kind: 'text' },
    { name: 'allowCredentials', kind: 'choice', choices: ['off', 'on'] },
    { name: 'maxAge', kind: 'text' },
  ],
};

/** Whether the action's groups carry weights (a mirror's do not). */
export function hasWeights(type: RuleActionType): boolean {
  return type === 'ForwardGroup';
}

const splitList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export function actionFields(type: RuleActionType): readonly ActionFieldSpec[] {
  return ACTION_FIELDS[type] ?? [];
}

export function hasKey(type: RuleConditionType): boolean {
  return type === 'Header' || type === 'ResponseHeader';
}

export function isKeyValueType(type: RuleConditionType): boolean {
  return type === 'QueryString' || type === 'Cookie';
}

export function newCondition(type: RuleConditionType): ConditionDraft {
  return { type, key: '', values: [''] };
}

export function newAction(type: RuleActionType): ActionDraft {
  const fields: Record<string, string> = {};
  for (const spec of actionFields(type)) fields[spec.name] = spec.kind === 'choice' ? spec.choices![0]! : '';
  if (type === 'Redirect')
    Object.assign(fields, { host: '${host}', port: '${port}', path: '${path}', query: '${query}' });
  if (type === 'FixedResponse') fields['httpCode'] = '503';
  if (type === 'TrafficMirror') return { type, fields, groups: [{ serverGroupId: '', weight: '' }] };
  return { type, fields, groups: type === 'ForwardGroup' ? [{ serverGroupId: '', weight: '100' }] : [] };
}

export function newRuleDraft(priority: number): RuleDraft {
  return {
    ruleName: '',
    priority: String(priority),
    direction: 'Request',
    conditions: [newCondition('Path')],
    actions: [newAction('ForwardGroup')],
  };
}

/** The first free priority after the listener's highest (a new rule goes last); the lowest free one when 10000 is taken. */
export function suggestedPriority(taken: readonly number[]): number {
  const used = new Set(taken);
  const highest = Math.max(0, ...taken);
  if (highest < 10000) return highest + 1;
  for (let p = 1; p <= 10000; p++) if (!used.has(p)) return p;
  return 10000;
}

const splitPair = (text: string): KeyValue => {
  const at = text.indexOf('=');
  return at < 0 ? { key: text, value: '' } : { key: text.slice(0, at), value: text.slice(at + 1) };
};
const joinPair = (pair: KeyValue): string => (pair.key === '' ? pair.value : `${pair.key}=${pair.value}`);

export function conditionToDraft(condition: RuleCondition): ConditionDraft {
  switch (condition.type) {
    case 'Host':
      return { type: 'Host', key: '', values: [...condition.hostConfig.values] };
    case 'Path':
      return { type: 'Path', key: '', values: [...condition.pathConfig.values] };
    case 'Method':
      return { type: 'Method', key: '', values: [...condition.methodConfig.values] };
    case 'SourceIp':
      return { type: 'SourceIp', key: '', values: [...condition.sourceIpConfig.values] };
    case 'ResponseStatusCode':
      return { type: 'ResponseStatusCode', key: '', values: [...condition.responseStatusCodeConfig.values] };
    case 'Header':
      return { type: 'Header', key: condition.headerConfig.key, values: [...condition.headerConfig.values] };
    case 'ResponseHeader':
      return {
        type: 'ResponseHeader',
        key: condition.responseHeaderConfig.key,
        values: [...condition.responseHeaderConfig.values],
      };
    case 'QueryString':
      return { type: 'QueryString', key: '', values: condition.queryStringConfig.values.map(joinPair) };
    case 'Cookie':
      return { type: 'Cookie', key: '', values: condition.cookieConfig.values.map(joinPair) };
  }
}

export function draftToCondition(draft: ConditionDraft): RuleCondition {
  const values = draft.values;
  switch (draft.type) {
    case 'Host':
      return { type: 'Host', hostConfig: { values } };
    case 'Path':
      return { type: 'Path', pathConfig: { values } };
    case 'Method':
      return { type: 'Method', methodConfig: { values } };
    case 'SourceIp':
      return { type: 'SourceIp', sourceIpConfig: { values } };
    case 'ResponseStatusCode':
      return { type: 'ResponseStatusCode', responseStatusCodeConfig: { values } };
    case 'Header':
      return { type: 'Header', headerConfig: { key: draft.key, values } };
    case 'ResponseHeader':
      return { type: 'ResponseHeader', responseHeaderConfig: { key: draft.key, values } };
    case 'QueryString':
      return { type: 'QueryString', queryStringConfig: { values: values.map(splitPair) } };
    case 'Cookie':
      return { type: 'Cookie', cookieConfig: { values: values.map(splitPair) } };
  }
}

/** A number typed in a field; NaN when it is not a whole number (the validator says so). */
function whole(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}
/** For the validator: a number typed wrong is handed over as typed, so its message can quote it. */
export function asTyped(text: string): number {
  const n = whole(text);
  return (Number.isNaN(n) ? text : n) as number;
}
type ReadNumber = (text: string) => number;
function optionalWhole(text: string | undefined, read: ReadNumber): number | undefined {
  return text === undefined || text.trim() === '' ? undefined : read(text);
}
function optional(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function actionToDraft(action: RuleAction): ActionDraft {
  const base = { type: action.type, fields: {} as Record<string, string>, groups: [] as GroupDraft[] };
  const text = (value: unknown) => (value === undefined ? '' : String(value));
  switch (action.type) {
    case 'ForwardGroup': {
      const sticky = action.forwardGroupConfig.serverGroupStickySession;
      return {
        ...base,
        fields: { sticky: sticky?.enabled ? 'on' : 'off', stickyTimeout: text(sticky?.timeout) },
        groups: action.forwardGroupConfig.serverGroupTuples.map((g) => ({
          serverGroupId: g.serverGroupId,
          weight: text(g.weight ?? 100),
        })),
      };
    }
    case 'Redirect':
      return {
        ...base,
        fields: Object.fromEntries(Object.entries(action.redirectConfig).map(([k, v]) => [k, text(v)])),
      };
    case 'FixedResponse':
      return {
        ...base,
        fields: Object.fromEntries(Object.entries(action.fixedResponseConfig).map(([k, v]) => [k, text(v)])),
      };
    case 'Rewrite':
      return {
        ...base,
        fields: Object.fromEntries(Object.entries(action.rewriteConfig).map(([k, v]) => [k, text(v)])),
      };
    case 'InsertHeader':
      return { ...base, fields: { ...action.insertHeaderConfig } };
    case 'RemoveHeader':
      return { ...base, fields: { key: action.removeHeaderConfig.key } };
    case 'TrafficLimit':
      return {
        ...base,
        fields: {
          qps: text(action.trafficLimitConfig.qps),
          perIpQps: text(action.trafficLimitConfig.perIpQps),
        },
      };
    case 'TrafficMirror':
      return {
        ...base,
        groups: action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples.map((g) => ({
          serverGroupId: g.serverGroupId,
          weight: '',
        })),
      };
    case 'Cors': {
      const config = action.corsConfig;
      return {
        ...base,
        fields: {
          ...Object.fromEntries(CORS_LISTS.map((name) => [name, (config[name] ?? []).join(', ')])),
          allowCredentials: config.allowCredentials ?? 'off',
          maxAge: text(config.maxAge),
        },
      };
    }
  }
}

export function draftToAction(draft: ActionDraft, order: number, read: ReadNumber = whole): RuleAction {
  const f = draft.fields;
  switch (draft.type) {
    case 'ForwardGroup': {
      const sticky = f['sticky'] === 'on';
      return {
        order,
        type: 'ForwardGroup',
        forwardGroupConfig: {
          serverGroupTuples: draft.groups.map((g) => ({
            serverGroupId: g.serverGroupId,
            weight: g.weight.trim() === '' ? 100 : read(g.weight),
          })),
          ...(sticky
            ? {
                serverGroupStickySession: defined({
                  enabled: true,
                  timeout: optionalWhole(f['stickyTimeout'], read),
                }),
              }
            : {}),
        },
      };
    }
    case 'Redirect':
      return {
        order,
        type: 'Redirect',
        redirectConfig: defined({
          httpCode: optional(f['httpCode']),
          protocol: optional(f['protocol']),
          host: optional(f['host']),
          port: optional(f['port']),
          path: optional(f['path']),
          query: optional(f['query']),
        }),
      };
    case 'FixedResponse':
      return {
        order,
        type: 'FixedResponse',
        fixedResponseConfig: defined({
          httpCode: f['httpCode'] ?? '',
          contentType: optional(f['contentType']),
          content: optional(f['content']),
        }),
      };
    case 'Rewrite':
      return {
        order,
        type: 'Rewrite',
        rewriteConfig: defined({
          host: optional(f['host']),
          path: optional(f['path']),
          query: optional(f['query']),
        }),
      };
    case 'InsertHeader':
      return {
        order,
        type: 'InsertHeader',
        insertHeaderConfig: {
          key: f['key'] ?? '',
          value: f['value'] ?? '',
          valueType: (f['valueType'] ?? 'UserDefined') as 'UserDefined',
        },
      };
    case 'RemoveHeader':
      return { order, type: 'RemoveHeader', removeHeaderConfig: { key: f['key'] ?? '' } };
    case 'TrafficLimit':
      return {
        order,
        type: 'TrafficLimit',
        trafficLimitConfig: defined({
          qps: optionalWhole(f['qps'], read),
          perIpQps: optionalWhole(f['perIpQps'], read),
        }),
      };
    case 'TrafficMirror':
      return {
        order,
        type: 'TrafficMirror',
        trafficMirrorConfig: {
          targetType: 'ForwardGroupMirror',
          mirrorGroupConfig: {
            serverGroupTuples: draft.groups.map((g) => ({ serverGroupId: g.serverGroupId })),
          },
        },
      };
    case 'Cors': {
      const lists = Object.fromEntries(
        CORS_LISTS.slice(1)
          .map((name) => [name, splitList(f[name])] as const)
          .filter(([, list]) => list.length > 0),
      );
      return {
        order,
        type: 'Cors',
        corsConfig: defined({
          allowOrigin: splitList(f['allowOrigin']),
          ...lists,
          allowCredentials: f['allowCredentials'] === 'on' ? ('on' as const) : undefined,
          maxAge: optionalWhole(f['maxAge'], read),
        }),
      };
    }
  }
}

/** The draft as the rule it describes; actions numbered 1, 2, 3… in the list's order. */
export function draftToSpec(draft: RuleDraft, read: ReadNumber = whole): RuleSpec {
  return {
    ruleName: draft.ruleName,
    priority: read(draft.priority),
    direction: draft.direction,
    ruleConditions: draft.conditions.map(draftToCondition),
    ruleActions: draft.actions.map((action, index) => draftToAction(action, index + 1, read)),
  };
}

export function ruleToDraft(rule: RuleSpec | Rule): RuleDraft {
  return {
    ruleName: rule.ruleName,
    priority: String(rule.priority),
    direction: rule.direction,
    conditions: rule.ruleConditions.map(conditionToDraft),
    actions: [...rule.ruleActions].sort((a, b) => a.order - b.order).map(actionToDraft),
  };
}

export function isFinalAction(type: RuleActionType): boolean {
  return FINAL_ACTION_TYPES.includes(type);
}
