// The demo account's forwarding rules: host- and path-based routing, a canary split by weight, HTTP →
// HTTPS redirects, a maintenance page, header inserts, a response rule, Chinese names. IDs are derived
// from the listener and the rule (no PRNG draw), so adding rules leaves every other demo ID as it was.
// `bulk` puts that many more rules on one listener, for the 1,000-rule benchmarks.
import { createHash } from 'node:crypto';
import type { LoadBalancer } from '../domain/resources.js';
import type { Rule, RuleAction, RuleCondition, RuleSpec } from '../domain/rule-types.js';
import type { StoredListener, StoredServerGroup } from './state.js';

/** The listener the bulk rules go on: prod-web's HTTPS 443. */
export const BULK_RULES_LISTENER = { instance: 'prod-web', listener: 'web_https_443' } as const;

function ruleId(listenerId: string, key: string): string {
  return `rule-${createHash('sha256').update(`rule/${listenerId}/${key}`).digest('hex').slice(0, 18)}`;
}

const host = (...values: string[]): RuleCondition => ({ type: 'Host', hostConfig: { values } });
const path = (...values: string[]): RuleCondition => ({ type: 'Path', pathConfig: { values } });
const header = (key: string, ...values: string[]): RuleCondition => ({
  type: 'Header',
  headerConfig: { key, values },
});
const forward = (order: number, ...groups: [string, number?][]): RuleAction => ({
  order,
  type: 'ForwardGroup',
  forwardGroupConfig: {
    serverGroupTuples: groups.map(([serverGroupId, weight]) => ({
      serverGroupId,
      ...(weight === undefined ? {} : { weight }),
    })),
  },
});
const toHttps = (order: number): RuleAction => ({
  order,
  type: 'Redirect',
  redirectConfig: { httpCode: '301', protocol: 'HTTPS', port: '443' },
});

type Demo = Omit<RuleSpec, 'direction'> & { key: string; direction?: RuleSpec['direction'] };

/** The demo rules, per instance name and listener name; `g(name)` is a server group's ID. */
function demoRules(g: (name: string) => string): Record<string, Record<string, Demo[]>> {
  return {
    'prod-web': {
      web_http_80: [
        {
          key: 'https',
          ruleName: 'http-to-https',
          priority: 1,
          ruleConditions: [path('/*')],
          ruleActions: [toHttps(1)],
        },
      ],
      web_https_443: [
        {
          key: 'static',
          ruleName: '静态资源-static',
          priority: 10,
          ruleConditions: [host('static.example.com', 'cdn.example.com'), path('/assets/*', '/images/*')],
          ruleActions: [
            {
              order: 1,
              type: 'InsertHeader',
              insertHeaderConfig: { key: 'x-static-route', value: 'on', valueType: 'UserDefined' },
            },
            forward(2, [g('web-frontend-http')]),
          ],
        },
        {
          key: 'api',
          ruleName: 'api-v1',
          priority: 20,
          ruleConditions: [host('api.example.com'), path('/v1/*')],
          ruleActions: [forward(1, [g('api-backend-https')])],
          tags: [{ key: 'team', value: 'api' }],
        },
        {
          key: 'maintenance',
          ruleName: '维护页面',
          priority: 30,
          ruleConditions: [path('/maintenance', '/maintenance/*')],
          ruleActions: [
            {
              order: 1,
              type: 'FixedResponse',
              fixedResponseConfig: {
                httpCode: '503',
                contentType: 'text/html',
                content: '<h1>Down for maintenance</h1><p>Back at 02:00 UTC.</p>',
              },
            },
          ],
        },
        {
          key: 'debug',
          ruleName: 'debug-client-ip',
          priority: 40,
          ruleConditions: [header('x-debug', 'on', 'true')],
          ruleActions: [
            {
              order: 1,
              type: 'InsertHeader',
              insertHeaderConfig: { key: 'x-client-ip', value: 'ClientSrcIp', valueType: 'SystemDefined' },
            },
            forward(2, [g('web-frontend-http')]),
          ],
        },
        {
          key: 'retry',
          ruleName: 'retry-after-503',
          priority: 50,
          direction: 'Response',
          ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['503'] } }],
          ruleActions: [
            {
              order: 1,
              type: 'InsertHeader',
              insertHeaderConfig: { key: 'retry-after', value: '120', valueType: 'UserDefined' },
            },
          ],
        },
      ],
    },
    'prod-api': {
      api_http_80: [
        {
          key: 'https',
          ruleName: 'http-to-https',
          priority: 1,
          ruleConditions: [host('api.example.com', '*.api.example.com')],
          ruleActions: [toHttps(1)],
        },
      ],
      api_https_443: [
        {
          key: 'grpc',
          ruleName: 'grpc-orders',
          priority: 10,
          ruleConditions: [header('content-type', 'application/grpc*'), path('/order.v1.OrderService/*')],
          ruleActions: [forward(1, [g('order-service-grpc')])],
        },
        {
          key: 'v2',
          ruleName: 'api-v2-limited',
          priority: 20,
          ruleConditions: [host('api.example.com'), path('/v2/*')],
          ruleActions: [
            { order: 1, type: 'TrafficLimit', trafficLimitConfig: { qps: 5000, perIpQps: 100 } },
            forward(2, [g('api-backend-https')]),
          ],
        },
        {
          key: 'bots',
          ruleName: 'block-bad-bots',
          priority: 30,
          ruleConditions: [header('user-agent', '*badbot*', '*scrapy*')],
          ruleActions: [
            {
              order: 1,
              type: 'FixedResponse',
              fixedResponseConfig: { httpCode: '403', contentType: 'text/plain', content: 'Forbidden' },
            },
          ],
        },
      ],
    },
    '支付网关-prod': {
      支付网关_443: [
        {
          key: 'callback',
          ruleName: '支付回调-内网',
          priority: 5,
          ruleConditions: [
            { type: 'SourceIp', sourceIpConfig: { values: ['10.0.0.0/8'] } },
            path('/callback/*'),
          ],
          ruleActions: [forward(1, [g('payment-core-http')])],
        },
        {
          key: 'health',
          ruleName: '健康检查',
          priority: 100,
          ruleConditions: [{ type: 'Method', methodConfig: { values: ['GET', 'HEAD'] } }, path('/healthz')],
          ruleActions: [
            {
              order: 1,
              type: 'FixedResponse',
              fixedResponseConfig: {
                httpCode: '200',
                contentType: 'application/json',
                content: '{"status":"ok"}',
              },
            },
          ],
        },
      ],
    },
    'canary-edge': {
      canary_http_80: [
        {
          key: 'force',
          ruleName: '灰度-指定用户',
          priority: 5,
          ruleConditions: [
            { type: 'Cookie', cookieConfig: { values: [{ key: 'canary', value: 'always' }] } },
          ],
          ruleActions: [forward(1, [g('staging-web-http')])],
        },
        {
          key: 'split',
          ruleName: '灰度发布-80-20',
          priority: 10,
          ruleConditions: [host('www.example.com', 'example.com')],
          ruleActions: [
            {
              order: 1,
              type: 'ForwardGroup',
              forwardGroupConfig: {
                serverGroupTuples: [
                  { serverGroupId: g('legacy-portal-http'), weight: 80 },
                  { serverGroupId: g('staging-web-http'), weight: 20 },
                ],
                serverGroupStickySession: { enabled: true, timeout: 3600 },
              },
            },
          ],
        },
      ],
    },
    'staging-web': {
      staging_http_80: [
        {
          key: 'https',
          ruleName: 'preview-to-https',
          priority: 10,
          ruleConditions: [host('preview.staging.example.com')],
          ruleActions: [
            {
              order: 1,
              type: 'Redirect',
              redirectConfig: { httpCode: '302', protocol: 'HTTPS', port: '443' },
            },
          ],
        },
      ],
    },
    'data-platform-数据平台': {
      数据接入_80: [
        {
          key: 'ingest',
          ruleName: '数据上报',
          priority: 10,
          ruleConditions: [
            { type: 'Method', methodConfig: { values: ['POST'] } },
            path('/ingest/*'),
            { type: 'QueryString', queryStringConfig: { values: [{ key: 'source', value: 'app' }] } },
          ],
          ruleActions: [forward(1, [g('data-ingest-http')])],
        },
      ],
    },
  };
}

/**
 * The demo rules of the seeded instances and listeners (Available), plus `bulk` path rules on
 * BULK_RULES_LISTENER at priorities after the demo ones.
 */
export function seedRules(
  loadBalancers: readonly LoadBalancer[],
  listeners: readonly StoredListener[],
  serverGroups: readonly StoredServerGroup[],
  bulk = 0,
): Rule[] {
  const groupIds = new Map(serverGroups.map((g) => [g.serverGroupName, g.serverGroupId]));
  const g = (name: string) => groupIds.get(name) ?? '';
  const listenerOf = (instanceName: string, listenerName: string) => {
    const lb = loadBalancers.find((l) => l.loadBalancerName === instanceName);
    return (
      lb &&
      listeners.find((l) => l.loadBalancerId === lb.loadBalancerId && l.listenerDescription === listenerName)
    );
  };
  const out: Rule[] = [];
  for (const [instanceName, byListener] of Object.entries(demoRules(g))) {
    for (const [listenerName, demos] of Object.entries(byListener)) {
      const listener = listenerOf(instanceName, listenerName);
      if (!listener) continue;
      for (const { key, ...spec } of demos)
        out.push({
          ...spec,
          direction: spec.direction ?? 'Request',
          tags: spec.tags ?? [],
          ruleId: ruleId(listener.listenerId, key),
          listenerId: listener.listenerId,
          loadBalancerId: listener.loadBalancerId,
          ruleStatus: 'Available',
        });
    }
  }
  const target = listenerOf(BULK_RULES_LISTENER.instance, BULK_RULES_LISTENER.listener);
  if (target && bulk > 0) out.push(...bulkRules(target, bulk, g('web-frontend-http')));
  return out;
}

/** `count` path rules (`/svc-0001/*` …) on one listener, priorities 101 onwards, forwarding to `groupId`. */
export function bulkRules(listener: StoredListener, count: number, groupId: string): Rule[] {
  return Array.from({ length: Math.min(count, 9_900) }, (_, i): Rule => {
    const n = String(i + 1).padStart(4, '0');
    return {
      ruleId: ruleId(listener.listenerId, `bulk-${n}`),
      ruleName: `svc-${n}`,
      priority: 101 + i,
      direction: 'Request',
      ruleConditions: [path(`/svc-${n}/*`)],
      ruleActions: [forward(1, [groupId])],
      tags: [],
      listenerId: listener.listenerId,
      loadBalancerId: listener.loadBalancerId,
      ruleStatus: 'Available',
    };
  });
}
