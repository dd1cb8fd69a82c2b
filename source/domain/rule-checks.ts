// The per-field checks of one rule's conditions and actions. Input is `unknown` (a typed RuleSpec, a
// form draft or wire parameters read back), so every access is guarded: the checks never throw.
import type { Localized } from './i18n.js';
import {
  COOKIE_KEY_LENGTH,
  COOKIE_VALUE_LENGTH,
  CONDITION_VALUES_MAX,
  HTTP_METHODS,
  QUERY_KEY_LENGTH,
  QUERY_VALUE_LENGTH,
  RESPONSE_STATUS_CODE,
} from './rule-limits.js';
import { ruleMessages as m, type RuleLabel } from './rule-messages.js';
import {
  headerKeyProblem,
  headerValueProblem,
  hostProblem,
  isSourceIp,
  pairTextProblem,
  pathProblem,
  wildcardCount,
  type TextProblem,
} from './rule-text.js';
import { both } from './i18n.js';

export type Severity = 'error' | 'warning';

/** Collects the issues of one rule; paths are relative to the rule. */
export interface IssueSink {
  add(path: string, code: string, message: Localized, severity?: Severity): void;
}

export type Obj = Record<string, unknown>;
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export const CONDITION_CONFIG: Record<string, string> = {
  Host: 'hostConfig',
  Path: 'pathConfig',
  Method: 'methodConfig',
  Header: 'headerConfig',
  QueryString: 'queryStringConfig',
  Cookie: 'cookieConfig',
  SourceIp: 'sourceIpConfig',
  ResponseHeader: 'responseHeaderConfig',
  ResponseStatusCode: 'responseStatusCodeConfig',
};
export const RESPONSE_CONDITIONS: readonly string[] = ['ResponseHeader', 'ResponseStatusCode'];

/** Reports a text problem under `label`. */
export function text(
  sink: IssueSink,
  path: string,
  label: RuleLabel,
  problem: TextProblem | undefined,
): void {
  if (!problem) return;
  if (problem.kind === 'length')
    sink.add(path, 'InvalidParameter', m.lengthRange(label, problem.min, problem.max, problem.length));
  else if (problem.kind === 'character')
    sink.add(path, 'InvalidParameter', m.characters(label, problem.allowed, problem.character));
  else sink.add(path, 'InvalidParameter', m.format(label, problem.rule, undefined));
}

/** A string field: absent → `required` decides; not a string → invalid. Returns the string when there. */
export function stringAt(
  sink: IssueSink,
  obj: Obj,
  key: string,
  path: string,
  label: RuleLabel,
  required: boolean,
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    if (required) sink.add(path, 'MissingParameter', m.required(label));
    return undefined;
  }
  if (typeof value !== 'string') {
    sink.add(path, 'InvalidParameter', m.format(label, both('text expected', '须为文本'), value));
    return undefined;
  }
  return value;
}

export function integerAt(
  sink: IssueSink,
  obj: Obj,
  key: string,
  path: string,
  label: RuleLabel,
  range: { min: number; max: number },
  required: boolean,
): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    if (required) sink.add(path, 'MissingParameter', m.required(label));
    return undefined;
  }
  if (!isInt(value) || value < range.min || value > range.max) {
    sink.add(path, 'InvalidParameter', m.integerRange(label, range.min, range.max, value));
    return undefined;
  }
  return value;
}

/** The `values` list of a condition: 1–10 items, each checked, no repeats. */
function valuesAt(
  sink: IssueSink,
  config: Obj,
  path: string,
  label: RuleLabel,
  max = CONDITION_VALUES_MAX,
): unknown[] {
  const values = config['values'];
  if (values === undefined || (Array.isArray(values) && values.length === 0)) {
    sink.add(`${path}.values`, 'MissingParameter', m.required(label));
    return [];
  }
  if (!Array.isArray(values)) {
    sink.add(`${path}.values`, 'InvalidParameter', m.notAList(label));
    return [];
  }
  if (values.length > max)
    sink.add(`${path}.values`, 'InvalidParameter', m.tooMany(label, max, values.length));
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) sink.add(`${path}.values[${i}]`, 'InvalidParameter', m.duplicate(label, v));
    seen.add(key);
  });
  return values;
}

function stringValues(
  sink: IssueSink,
  config: Obj,
  path: string,
  label: RuleLabel,
  check: (value: string) => TextProblem | undefined,
): string[] {
  const out: string[] = [];
  valuesAt(sink, config, path, label).forEach((v, i) => {
    if (typeof v !== 'string') {
      sink.add(
        `${path}.values[${i}]`,
        'InvalidParameter',
        m.format(label, both('text expected', '须为文本'), v),
      );
      return;
    }
    text(sink, `${path}.values[${i}]`, label, check(v));
    out.push(v);
  });
  return out;
}

export interface ConditionFacts {
  /** `*` and `?` in the condition's values. */
  wildcards: number;
  sourceIps: number;
}

/** One condition's own checks (type, direction, its values). */
export function checkCondition(
  sink: IssueSink,
  condition: unknown,
  path: string,
  direction: string,
): ConditionFacts {
  const facts: ConditionFacts = { wildcards: 0, sourceIps: 0 };
  if (!isObj(condition)) {
    sink.add(path, 'InvalidParameter', m.notAnObject('condition'));
    return facts;
  }
  const type = condition['type'];
  const configKey = typeof type === 'string' ? CONDITION_CONFIG[type] : undefined;
  if (type === undefined) {
    sink.add(`${path}.type`, 'MissingParameter', m.required('conditionType'));
    return facts;
  }
  if (typeof type !== 'string' || !configKey) {
    sink.add(
      `${path}.type`,
      'InvalidParameter',
      m.unknownType('conditionType', type, Object.keys(CONDITION_CONFIG)),
    );
    return facts;
  }
  if (RESPONSE_CONDITIONS.includes(type) !== (direction === 'Response'))
    sink.add(`${path}.type`, 'InvalidParameter', m.conditionWrongDirection(type, direction));
  const config = condition[configKey];
  const at = `${path}.${configKey}`;
  if (!isObj(config)) {
    sink.add(at, 'MissingParameter', m.configMissing(type, configKey));
    return facts;
  }
  const count = (values: readonly string[]) => {
    for (const v of values) facts.wildcards += wildcardCount(v);
  };
  switch (type) {
    case 'Host':
      count(stringValues(sink, config, at, 'host', hostProblem));
      break;
    case 'Path':
      count(stringValues(sink, config, at, 'path', pathProblem));
      break;
    case 'Method':
      stringValues(sink, config, at, 'method', () => undefined).forEach((v, i) => {
        if (!(HTTP_METHODS as readonly string[]).includes(v))
          sink.add(`${at}.values[${i}]`, 'InvalidParameter', m.oneOf('method', HTTP_METHODS, v));
      });
      break;
    case 'SourceIp':
      stringValues(sink, config, at, 'sourceIp', () => undefined).forEach((v, i) => {
        facts.sourceIps++;
        if (!isSourceIp(v)) sink.add(`${at}.values[${i}]`, 'InvalidParameter', m.sourceIp(v));
      });
      break;
    case 'ResponseStatusCode':
      stringValues(sink, config, at, 'statusCode', () => undefined).forEach((v, i) => {
        const code = /^\d{3}$/.test(v) ? Number(v) : NaN;
        if (!(code >= RESPONSE_STATUS_CODE.min && code <= RESPONSE_STATUS_CODE.max))
          sink.add(
            `${at}.values[${i}]`,
            'InvalidParameter',
            m.integerRange('statusCode', RESPONSE_STATUS_CODE.min, RESPONSE_STATUS_CODE.max, v),
          );
      });
      break;
    case 'Header':
    case 'ResponseHeader': {
      const keyLabel = type === 'Header' ? 'headerKey' : 'responseHeaderKey';
      const key = stringAt(sink, config, 'key', `${at}.key`, keyLabel, true);
      if (key !== undefined) {
        text(sink, `${at}.key`, keyLabel, headerKeyProblem(key));
        if (/^(host|cookie)$/i.test(key))
          sink.add(`${at}.key`, 'InvalidParameter', m.headerKeyHostCookie(key));
      }
      const valueLabel = type === 'Header' ? 'headerValue' : 'responseHeaderValue';
      count(stringValues(sink, config, at, valueLabel, headerValueProblem));
      break;
    }
    case 'QueryString':
    case 'Cookie': {
      const cookie = type === 'Cookie';
      const keyLength = cookie ? COOKIE_KEY_LENGTH : QUERY_KEY_LENGTH;
      const valueLength = cookie ? COOKIE_VALUE_LENGTH : QUERY_VALUE_LENGTH;
      const keyLabel = cookie ? 'cookieKey' : 'queryKey';
      const valueLabel = cookie ? 'cookieValue' : 'queryValue';
      valuesAt(sink, config, at, valueLabel).forEach((pair, i) => {
        const p = `${at}.values[${i}]`;
        if (!isObj(pair)) {
          sink.add(p, 'InvalidParameter', m.notAnObject(valueLabel));
          return;
        }
        const key = stringAt(sink, pair, 'key', `${p}.key`, keyLabel, !cookie);
        if (key !== undefined) {
          text(sink, `${p}.key`, keyLabel, pairTextProblem(key, keyLength.min, keyLength.max, cookie));
          facts.wildcards += wildcardCount(key);
        }
        const value = stringAt(sink, pair, 'value', `${p}.value`, valueLabel, true);
        if (value !== undefined) {
          text(
            sink,
            `${p}.value`,
            valueLabel,
            pairTextProblem(value, valueLength.min, valueLength.max, cookie),
          );
          facts.wildcards += wildcardCount(value);
        }
      });
      break;
    }
  }
  return facts;
}
