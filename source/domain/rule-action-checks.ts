// The per-field checks of one rule's actions (rule-checks.ts has the conditions and the shared
// helpers). Input is `unknown`; every access is guarded, so the checks never throw.
import { both } from './i18n.js';
import {
  ACTION_ORDER,
  CORS_MAX_AGE,
  FIXED_RESPONSE_CONTENT_BYTES,
  FIXED_RESPONSE_CONTENT_TYPES,
  FORWARD_GROUPS_MAX,
  HTTP_METHODS,
  REDIRECT_CODES,
  REDIRECT_PORT,
  RESERVED_REQUEST_HEADERS,
  RESERVED_RESPONSE_HEADERS,
  STICKY_TIMEOUT,
  SYSTEM_DEFINED_VALUES,
  TRAFFIC_LIMIT,
  WEIGHT,
} from './rule-limits.js';
import { integerAt, isObj, stringAt, text, type IssueSink, type Obj } from './rule-checks.js';
import { ruleMessages as m, type RuleLabel } from './rule-messages.js';
import {
  corsHeaderIsValid,
  corsOriginIsValid,
  headerKeyProblem,
  headerValueProblem,
  hostProblem,
  targetPathProblem,
  targetQueryProblem,
  utf8Bytes,
} from './rule-text.js';

export const ACTION_CONFIG: Record<string, string> = {
  ForwardGroup: 'forwardGroupConfig',
  Redirect: 'redirectConfig',
  FixedResponse: 'fixedResponseConfig',
  Rewrite: 'rewriteConfig',
  InsertHeader: 'insertHeaderConfig',
  RemoveHeader: 'removeHeaderConfig',
  TrafficLimit: 'trafficLimitConfig',
  TrafficMirror: 'trafficMirrorConfig',
  Cors: 'corsConfig',
};
export const RESPONSE_ACTIONS: readonly string[] = ['InsertHeader', 'RemoveHeader'];

/** What the rule-level checks need from one action. */
export interface ActionFacts {
  type?: string;
  order?: number;
  /** Server groups forwarded to (ForwardGroup) or mirrored to (TrafficMirror). */
  groupIds: string[];
  /** The header an InsertHeader or RemoveHeader action names. */
  headerKey?: string;
}

/** One action's own checks (type, order, its config). */
export function checkAction(
  sink: IssueSink,
  action: unknown,
  path: string,
  direction: string,
  listenerProtocol: string | undefined,
): ActionFacts {
  const facts: ActionFacts = { groupIds: [] };
  if (!isObj(action)) {
    sink.add(path, 'InvalidParameter', m.notAnObject('action'));
    return facts;
  }
  facts.order = integerAt(sink, action, 'order', `${path}.order`, 'order', ACTION_ORDER, true);
  const type = action['type'];
  const configKey = typeof type === 'string' ? ACTION_CONFIG[type] : undefined;
  if (type === undefined) {
    sink.add(`${path}.type`, 'MissingParameter', m.required('actionType'));
    return facts;
  }
  if (typeof type !== 'string' || !configKey) {
    sink.add(
      `${path}.type`,
      'InvalidParameter',
      m.unknownType('actionType', type, Object.keys(ACTION_CONFIG)),
    );
    return facts;
  }
  facts.type = type;
  if (direction === 'Response' && !RESPONSE_ACTIONS.includes(type))
    sink.add(`${path}.type`, 'InvalidParameter', m.actionWrongDirection(type));
  const config = action[configKey];
  const at = `${path}.${configKey}`;
  if (!isObj(config)) {
    sink.add(at, 'MissingParameter', m.configMissing(type, configKey));
    return facts;
  }
  switch (type) {
    case 'ForwardGroup':
      facts.groupIds = checkForward(sink, config, at);
      break;
    case 'Redirect':
      checkRedirect(sink, config, at, listenerProtocol);
      break;
    case 'Rewrite':
      checkRewrite(sink, config, at);
      break;
    case 'FixedResponse':
      checkFixedResponse(sink, config, at);
      break;
    case 'InsertHeader':
      facts.headerKey = checkInsertHeader(sink, config, at, direction);
      break;
    case 'RemoveHeader': {
      const key = stringAt(sink, config, 'key', `${at}.key`, 'removeKey', true);
      if (key !== undefined) checkHeaderName(sink, key, `${at}.key`, 'removeKey', direction);
      facts.headerKey = key;
      break;
    }
    case 'TrafficLimit':
      checkTrafficLimit(sink, config, at);
      break;
    case 'TrafficMirror':
      facts.groupIds = checkMirror(sink, config, at);
      break;
    case 'Cors':
      checkCors(sink, config, at);
      break;
  }
  return facts;
}

function checkForward(sink: IssueSink, config: Obj, at: string): string[] {
  const tuples = config['serverGroupTuples'];
  const ids: string[] = [];
  if (tuples === undefined || (Array.isArray(tuples) && tuples.length === 0)) {
    sink.add(`${at}.serverGroupTuples`, 'MissingParameter', m.required('serverGroups'));
  } else if (!Array.isArray(tuples)) {
    sink.add(`${at}.serverGroupTuples`, 'InvalidParameter', m.notAList('serverGroups'));
  } else {
    if (tuples.length > FORWARD_GROUPS_MAX)
      sink.add(
        `${at}.serverGroupTuples`,
        'InvalidParameter',
        m.tooMany('serverGroups', FORWARD_GROUPS_MAX, tuples.length),
      );
    let missingWeight = false;
    tuples.forEach((tuple, i) => {
      const p = `${at}.serverGroupTuples[${i}]`;
      if (!isObj(tuple)) {
        sink.add(p, 'InvalidParameter', m.notAnObject('serverGroupId'));
        return;
      }
      const id = stringAt(sink, tuple, 'serverGroupId', `${p}.serverGroupId`, 'serverGroupId', true);
      if (id !== undefined) {
        if (ids.includes(id))
          sink.add(`${p}.serverGroupId`, 'InvalidParameter', m.duplicate('serverGroupId', id));
        ids.push(id);
      }
      if (tuple['weight'] === undefined) missingWeight = true;
      integerAt(sink, tuple, 'weight', `${p}.weight`, 'weight', WEIGHT, false);
    });
    if (tuples.length > 1 && missingWeight)
      sink.add(`${at}.serverGroupTuples`, 'MissingParameter', m.weightsRequired());
  }
  const sticky = config['serverGroupStickySession'];
  if (sticky !== undefined) {
    const p = `${at}.serverGroupStickySession`;
    if (!isObj(sticky)) sink.add(p, 'InvalidParameter', m.notAnObject('stickyTimeout'));
    else {
      if (sticky['enabled'] !== undefined && typeof sticky['enabled'] !== 'boolean')
        sink.add(
          `${p}.enabled`,
          'InvalidParameter',
          m.oneOf('stickyTimeout', ['true', 'false'], sticky['enabled']),
        );
      if (sticky['enabled'] === true || sticky['timeout'] !== undefined)
        integerAt(sink, sticky, 'timeout', `${p}.timeout`, 'stickyTimeout', STICKY_TIMEOUT, false);
    }
  }
  return ids;
}

function targetHost(sink: IssueSink, config: Obj, at: string, label: RuleLabel): string | undefined {
  const host = stringAt(sink, config, 'host', `${at}.host`, label, false);
  if (host === undefined || host === '${host}') return host;
  if (host.includes('${')) sink.add(`${at}.host`, 'InvalidParameter', m.variableAlone('${host}'));
  else text(sink, `${at}.host`, label, hostProblem(host));
  return host;
}

function targetPathAndQuery(
  sink: IssueSink,
  config: Obj,
  at: string,
  labels: { path: RuleLabel; query: RuleLabel },
): { path?: string; query?: string } {
  const path = stringAt(sink, config, 'path', `${at}.path`, labels.path, false);
  if (path !== undefined) text(sink, `${at}.path`, labels.path, targetPathProblem(path));
  const query = stringAt(sink, config, 'query', `${at}.query`, labels.query, false);
  if (query !== undefined) text(sink, `${at}.query`, labels.query, targetQueryProblem(query));
  return { path, query };
}

function checkRedirect(sink: IssueSink, config: Obj, at: string, listenerProtocol: string | undefined): void {
  const code = stringAt(sink, config, 'httpCode', `${at}.httpCode`, 'redirectCode', false);
  if (code !== undefined && !(REDIRECT_CODES as readonly string[]).includes(code))
    sink.add(`${at}.httpCode`, 'InvalidParameter', m.oneOf('redirectCode', REDIRECT_CODES, code));
  const host = targetHost(sink, config, at, 'redirectHost');
  const { path, query } = targetPathAndQuery(sink, config, at, {
    path: 'redirectPath',
    query: 'redirectQuery',
  });
  const port = stringAt(sink, config, 'port', `${at}.port`, 'redirectPort', false);
  if (port !== undefined && port !== '${port}') {
    const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(n >= REDIRECT_PORT.min && n <= REDIRECT_PORT.max))
      sink.add(
        `${at}.port`,
        'InvalidParameter',
        m.integerRange('redirectPort', REDIRECT_PORT.min, REDIRECT_PORT.max, port),
      );
  }
  const protocol = stringAt(sink, config, 'protocol', `${at}.protocol`, 'redirectProtocol', false);
  if (protocol !== undefined && !['${protocol}', 'HTTP', 'HTTPS'].includes(protocol))
    sink.add(
      `${at}.protocol`,
      'InvalidParameter',
      m.oneOf('redirectProtocol', ['${protocol}', 'HTTP', 'HTTPS'], protocol),
    );
  else if (protocol === 'HTTP' && listenerProtocol === 'HTTPS')
    sink.add(`${at}.protocol`, 'InvalidParameter', m.redirectHttpsOnly(protocol));
  const isDefault = (value: string | undefined, variable: string) =>
    value === undefined || value === '${' + variable + '}';
  if (
    isDefault(host, 'host') &&
    isDefault(path, 'path') &&
    isDefault(port, 'port') &&
    isDefault(protocol, 'protocol') &&
    isDefault(query, 'query')
  )
    sink.add(at, 'InvalidParameter', m.redirectAllDefault());
}

function checkRewrite(sink: IssueSink, config: Obj, at: string): void {
  targetHost(sink, config, at, 'rewriteHost');
  targetPathAndQuery(sink, config, at, { path: 'rewritePath', query: 'rewriteQuery' });
}

function checkFixedResponse(sink: IssueSink, config: Obj, at: string): void {
  const code = stringAt(sink, config, 'httpCode', `${at}.httpCode`, 'fixedCode', true);
  if (code !== undefined && !/^[245]\d\d$/.test(code))
    sink.add(
      `${at}.httpCode`,
      'InvalidParameter',
      m.format('fixedCode', both('2xx, 4xx or 5xx', '2xx、4xx 或 5xx'), code),
    );
  const content = stringAt(sink, config, 'content', `${at}.content`, 'fixedContent', false);
  if (content !== undefined) {
    if (!/^[\x00-\x7f]*$/.test(content)) sink.add(`${at}.content`, 'InvalidParameter', m.contentNotAscii());
    const bytes = utf8Bytes(content);
    if (bytes > FIXED_RESPONSE_CONTENT_BYTES)
      sink.add(`${at}.content`, 'InvalidParameter', m.contentTooLong(bytes, FIXED_RESPONSE_CONTENT_BYTES));
  }
  const type = stringAt(sink, config, 'contentType', `${at}.contentType`, 'fixedContentType', false);
  if (type !== undefined && !(FIXED_RESPONSE_CONTENT_TYPES as readonly string[]).includes(type))
    sink.add(
      `${at}.contentType`,
      'InvalidParameter',
      m.oneOf('fixedContentType', FIXED_RESPONSE_CONTENT_TYPES, type),
    );
}

function checkHeaderName(
  sink: IssueSink,
  key: string,
  path: string,
  label: RuleLabel,
  direction: string,
): void {
  text(sink, path, label, headerKeyProblem(key));
  const reserved: readonly string[] =
    direction === 'Response' ? RESERVED_RESPONSE_HEADERS : RESERVED_REQUEST_HEADERS;
  if (reserved.includes(key.toLowerCase())) sink.add(path, 'InvalidParameter', m.reservedHeader(key));
}

function checkInsertHeader(sink: IssueSink, config: Obj, at: string, direction: string): string | undefined {
  const key = stringAt(sink, config, 'key', `${at}.key`, 'insertKey', true);
  if (key !== undefined) checkHeaderName(sink, key, `${at}.key`, 'insertKey', direction);
  const valueType = stringAt(sink, config, 'valueType', `${at}.valueType`, 'insertValueType', true);
  const types = ['UserDefined', 'ReferenceHeader', 'SystemDefined'];
  if (valueType !== undefined && !types.includes(valueType))
    sink.add(`${at}.valueType`, 'InvalidParameter', m.oneOf('insertValueType', types, valueType));
  const value = stringAt(sink, config, 'value', `${at}.value`, 'insertValue', true);
  if (value === undefined) return key;
  if (valueType === 'SystemDefined' && !(SYSTEM_DEFINED_VALUES as readonly string[]).includes(value))
    sink.add(`${at}.value`, 'InvalidParameter', m.oneOf('insertValue', SYSTEM_DEFINED_VALUES, value));
  else if (valueType === 'ReferenceHeader') {
    if (!/^[a-z0-9_-]{1,128}$/.test(value))
      sink.add(
        `${at}.value`,
        'InvalidParameter',
        m.format(
          'insertValue',
          both(
            '1–128 of a–z, 0–9, - and _ (a request header name)',
            '1~128 个小写字母、数字、- 和 _（请求标头名称）',
          ),
          value,
        ),
      );
  } else if (valueType === 'UserDefined') text(sink, `${at}.value`, 'insertValue', headerValueProblem(value));
  return key;
}

function checkTrafficLimit(sink: IssueSink, config: Obj, at: string): void {
  const qps = integerAt(sink, config, 'qps', `${at}.qps`, 'qps', TRAFFIC_LIMIT, false);
  const perIp = integerAt(sink, config, 'perIpQps', `${at}.perIpQps`, 'perIpQps', TRAFFIC_LIMIT, false);
  if (config['qps'] === undefined && config['perIpQps'] === undefined)
    sink.add(at, 'MissingParameter', m.trafficLimitEmpty());
  if (qps !== undefined && perIp !== undefined && perIp >= qps)
    sink.add(`${at}.perIpQps`, 'InvalidParameter', m.perIpBelowQps(perIp, qps));
}

function checkMirror(sink: IssueSink, config: Obj, at: string): string[] {
  const target = stringAt(sink, config, 'targetType', `${at}.targetType`, 'mirrorTargetType', true);
  if (target !== undefined && target !== 'ForwardGroupMirror')
    sink.add(
      `${at}.targetType`,
      'InvalidParameter',
      m.oneOf('mirrorTargetType', ['ForwardGroupMirror'], target),
    );
  const group = config['mirrorGroupConfig'];
  const tuples = isObj(group) ? group['serverGroupTuples'] : undefined;
  const p = `${at}.mirrorGroupConfig.serverGroupTuples`;
  if (!Array.isArray(tuples) || tuples.length === 0) {
    sink.add(p, 'MissingParameter', m.required('mirrorGroup'));
    return [];
  }
  if (tuples.length > 1) sink.add(p, 'InvalidParameter', m.tooMany('mirrorGroup', 1, tuples.length));
  const ids: string[] = [];
  tuples.forEach((tuple, i) => {
    if (!isObj(tuple)) return sink.add(`${p}[${i}]`, 'InvalidParameter', m.notAnObject('mirrorGroup'));
    const id = stringAt(sink, tuple, 'serverGroupId', `${p}[${i}].serverGroupId`, 'mirrorGroup', true);
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

function stringList(
  sink: IssueSink,
  config: Obj,
  key: string,
  at: string,
  label: RuleLabel,
  required: boolean,
): string[] {
  const list = config[key];
  if (list === undefined) {
    if (required) sink.add(`${at}.${key}`, 'MissingParameter', m.required(label));
    return [];
  }
  if (!Array.isArray(list)) {
    sink.add(`${at}.${key}`, 'InvalidParameter', m.notAList(label));
    return [];
  }
  if (required && list.length === 0) sink.add(`${at}.${key}`, 'MissingParameter', m.required(label));
  return list.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
}

function checkCors(sink: IssueSink, config: Obj, at: string): void {
  const origins = stringList(sink, config, 'allowOrigin', at, 'corsOrigin', true);
  if (origins.includes('*') && origins.length > 1)
    sink.add(
      `${at}.allowOrigin`,
      'InvalidParameter',
      m.format('corsOrigin', both('* stands alone', '* 只能单独配置'), origins.join(',')),
    );
  origins.forEach((o, i) => {
    if (o !== '*' && !corsOriginIsValid(o))
      sink.add(
        `${at}.allowOrigin[${i}]`,
        'InvalidParameter',
        m.format(
          'corsOrigin',
          both('http:// or https:// and a domain, a port optional', 'http:// 或 https:// 加域名，可带端口'),
          o,
        ),
      );
  });
  stringList(sink, config, 'allowMethods', at, 'corsMethod', false).forEach((v, i) => {
    if (!(HTTP_METHODS as readonly string[]).includes(v))
      sink.add(`${at}.allowMethods[${i}]`, 'InvalidParameter', m.oneOf('corsMethod', HTTP_METHODS, v));
  });
  for (const key of ['allowHeaders', 'exposeHeaders'])
    stringList(sink, config, key, at, 'corsHeader', false).forEach((v, i) => {
      if (!corsHeaderIsValid(v))
        sink.add(
          `${at}.${key}[${i}]`,
          'InvalidParameter',
          m.format(
            'corsHeader',
            both(
              '* or 1–32 letters, digits, - and _ (not at either end)',
              '* 或 1~32 个字母、数字、- 和 _（不能以 - 或 _ 开头结尾）',
            ),
            v,
          ),
        );
    });
  const credentials = config['allowCredentials'];
  if (credentials !== undefined && credentials !== 'on' && credentials !== 'off')
    sink.add(
      `${at}.allowCredentials`,
      'InvalidParameter',
      m.oneOf('corsCredentials', ['on', 'off'], credentials),
    );
  integerAt(sink, config, 'maxAge', `${at}.maxAge`, 'corsMaxAge', CORS_MAX_AGE, false);
}
