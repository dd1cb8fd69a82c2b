// What a rule's actions would do to a given request: server groups with their share of traffic, the
// redirect's URL and the rewritten target with ALB's variables filled in, the fixed reply, the headers
// inserted or removed, the limits. Pure; the rule matcher calls it for the rule that takes the request.
import type { KeyValue, MatchRequest, RuleAction } from './rule-types.js';

export interface WeightedGroup {
  serverGroupId: string;
  weight: number;
  /** Share of the requests, 0–100, one decimal; 0 for all when every weight is 0. */
  percent: number;
}

export type ActionEffect =
  | { type: 'ForwardGroup'; groups: WeightedGroup[]; stickySession?: { timeoutSeconds?: number } }
  | { type: 'Redirect'; httpCode: string; url: string }
  | { type: 'FixedResponse'; httpCode: string; contentType: string; content: string }
  | { type: 'Rewrite'; host: string; path: string; query: string }
  | { type: 'InsertHeader'; key: string; value: string; valueType: string }
  | { type: 'RemoveHeader'; key: string }
  | { type: 'TrafficLimit'; qps?: number; perIpQps?: number }
  | { type: 'TrafficMirror'; serverGroupIds: string[] }
  | { type: 'Cors'; allowOrigin: string[]; allowMethods: string[] };

/** ALB's redirect default when `HttpCode` is not given (the console preselects 301). */
export const DEFAULT_REDIRECT_CODE = '301';

export function describeActions(actions: readonly RuleAction[], request: MatchRequest): ActionEffect[] {
  return [...actions].sort((a, b) => a.order - b.order).map((action) => describeAction(action, request));
}

function describeAction(action: RuleAction, request: MatchRequest): ActionEffect {
  switch (action.type) {
    case 'ForwardGroup': {
      const sticky = action.forwardGroupConfig.serverGroupStickySession;
      return {
        type: 'ForwardGroup',
        groups: weightedGroups(action.forwardGroupConfig.serverGroupTuples),
        ...(sticky?.enabled
          ? { stickySession: sticky.timeout === undefined ? {} : { timeoutSeconds: sticky.timeout } }
          : {}),
      };
    }
    case 'Redirect': {
      const config = action.redirectConfig;
      return {
        type: 'Redirect',
        httpCode: config.httpCode ?? DEFAULT_REDIRECT_CODE,
        url: redirectUrl(config, request),
      };
    }
    case 'FixedResponse': {
      const config = action.fixedResponseConfig;
      return {
        type: 'FixedResponse',
        httpCode: config.httpCode,
        contentType: config.contentType ?? 'text/plain',
        content: config.content ?? '',
      };
    }
    case 'Rewrite': {
      const config = action.rewriteConfig;
      const variables = requestVariables(request);
      return {
        type: 'Rewrite',
        host: fill(config.host ?? '${host}', variables),
        path: fill(config.path ?? '${path}', variables),
        query: fill(config.query ?? '${query}', variables),
      };
    }
    case 'InsertHeader': {
      const config = action.insertHeaderConfig;
      return {
        type: 'InsertHeader',
        key: config.key,
        value: insertedValue(config.value, config.valueType, request),
        valueType: config.valueType,
      };
    }
    case 'RemoveHeader':
      return { type: 'RemoveHeader', key: action.removeHeaderConfig.key };
    case 'TrafficLimit': {
      const { qps, perIpQps } = action.trafficLimitConfig;
      return {
        type: 'TrafficLimit',
        ...(qps === undefined ? {} : { qps }),
        ...(perIpQps === undefined ? {} : { perIpQps }),
      };
    }
    case 'TrafficMirror':
      return {
        type: 'TrafficMirror',
        serverGroupIds: action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples.map(
          (t) => t.serverGroupId,
        ),
      };
    case 'Cors':
      return {
        type: 'Cors',
        allowOrigin: action.corsConfig.allowOrigin,
        allowMethods: action.corsConfig.allowMethods ?? [],
      };
  }
}

export function weightedGroups(
  tuples: readonly { serverGroupId: string; weight?: number }[],
): WeightedGroup[] {
  const weights = tuples.map((tuple) => tuple.weight ?? 100);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return tuples.map((tuple, index) => {
    const weight = weights[index] ?? 0;
    return {
      serverGroupId: tuple.serverGroupId,
      weight,
      percent: total === 0 ? 0 : Math.round((weight / total) * 1000) / 10,
    };
  });
}

type Variables = Record<'host' | 'path' | 'port' | 'protocol' | 'query', string>;

function requestVariables(request: MatchRequest): Variables {
  return {
    host: request.host,
    path: request.path,
    port: String(request.port),
    protocol: request.protocol,
    query: encodeQuery(request.query),
  };
}

const VARIABLE = /\$\{(host|path|port|protocol|query)\}/g;

function fill(template: string, variables: Variables): string {
  return template.replace(VARIABLE, (_whole, name: keyof Variables) => variables[name]);
}

export function encodeQuery(pairs: readonly KeyValue[]): string {
  return pairs
    .map(({ key, value }) =>
      value === '' ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
    )
    .join('&');
}

function redirectUrl(
  config: { host?: string; path?: string; port?: string; protocol?: string; query?: string },
  request: MatchRequest,
): string {
  const variables = requestVariables(request);
  const protocol = fill(config.protocol ?? '${protocol}', variables).toLowerCase();
  const host = fill(config.host ?? '${host}', variables);
  const port = fill(config.port ?? '${port}', variables);
  const path = fill(config.path ?? '${path}', variables);
  const query = fill(config.query ?? '${query}', variables);
  const defaultPort = protocol === 'https' ? '443' : '80';
  return `${protocol}://${host}${port === defaultPort ? '' : `:${port}`}${path}${query === '' ? '' : `?${query}`}`;
}

function insertedValue(value: string, valueType: string, request: MatchRequest): string {
  if (valueType === 'ReferenceHeader') {
    const name = value.toLowerCase();
    return request.headers.find(({ key }) => key.toLowerCase() === name)?.value ?? '';
  }
  if (valueType === 'SystemDefined') {
    switch (value) {
      case 'ClientSrcIp':
        return request.sourceIp;
      case 'Protocol':
        return request.protocol.toUpperCase();
      case 'SLBPort':
        return String(request.port);
      default:
        // ClientSrcPort and SLBId are known only to the data plane, which fills them in itself.
        return `{${value}}`;
    }
  }
  return value;
}
