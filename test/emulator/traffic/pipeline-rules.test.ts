// Rules through the local ALB's pipeline with a real client and real backends: each condition picks
// its rule, priorities decide, and each action does what the API says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleCondition } from '../../../source/domain/rule-types.js';
import { fixed, rule, send, startHarness, type Harness } from './harness.js';

const conditions: [
  string,
  RuleCondition,
  { path: string; headers?: Record<string, string>; method?: string; localAddress?: string },
][] = [
  [
    'Host',
    { type: 'Host', hostConfig: { values: ['*.example.com'] } },
    { path: '/', headers: { host: 'WWW.Example.com:8080' } },
  ],
  ['Path', { type: 'Path', pathConfig: { values: ['/api/v?/*'] } }, { path: '/api/v2/orders?x=1' }],
  [
    'Header',
    { type: 'Header', headerConfig: { key: 'x-canary', values: ['yes'] } },
    { path: '/', headers: { 'X-Canary': 'yes' } },
  ],
  [
    'QueryString',
    { type: 'QueryString', queryStringConfig: { values: [{ key: 'beta', value: 'on' }] } },
    { path: '/?a=b&beta=on' },
  ],
  ['Method', { type: 'Method', methodConfig: { values: ['DELETE'] } }, { path: '/', method: 'DELETE' }],
  [
    'Cookie',
    { type: 'Cookie', cookieConfig: { values: [{ key: 'tier', value: 'gold' }] } },
    { path: '/', headers: { cookie: 'a=1; tier=gold' } },
  ],
  [
    'SourceIp',
    { type: 'SourceIp', sourceIpConfig: { values: ['127.0.0.7/32'] } },
    { path: '/', localAddress: '127.0.0.7' },
  ],
];

describe('rules in the data plane', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      groups: [
        { id: 'sgp-default', servers: 1 },
        { id: 'sgp-other', servers: 1 },
      ],
      rules: [
        ...conditions.map(([name, condition], index) =>
          rule(`rule-${name}`, 100 + index, {
            ruleConditions: [condition],
            ruleActions: [fixed(`matched ${name}`)],
          }),
        ),
        // Two rules take /both: the lower priority number wins, whatever the list order.
        rule('rule-both-late', 20, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/both'] } }],
          ruleActions: [fixed('priority 20')],
        }),
        rule('rule-both-early', 10, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/both'] } }],
          ruleActions: [fixed('priority 10')],
        }),
        rule('rule-redirect', 30, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/old/*'] } }],
          ruleActions: [
            {
              type: 'Redirect',
              order: 1,
              redirectConfig: { httpCode: '308', protocol: 'https', path: '/new${path}' },
            },
          ],
        }),
        rule('rule-fixed', 31, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/teapot'] } }],
          ruleActions: [
            {
              type: 'FixedResponse',
              order: 1,
              fixedResponseConfig: {
                httpCode: '418',
                content: '{"tea":true}',
                contentType: 'application/json',
              },
            },
          ],
        }),
        rule('rule-rewrite', 32, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/rw/*'] } }],
          ruleActions: [
            {
              type: 'Rewrite',
              order: 1,
              rewriteConfig: { host: 'internal.svc', path: '/v2${path}', query: 'src=alb' },
            },
            {
              type: 'InsertHeader',
              order: 2,
              insertHeaderConfig: { key: 'x-team', value: 'payments', valueType: 'UserDefined' },
            },
            {
              type: 'InsertHeader',
              order: 3,
              insertHeaderConfig: {
                key: 'x-client-port',
                value: 'ClientSrcPort',
                valueType: 'SystemDefined',
              },
            },
            {
              type: 'InsertHeader',
              order: 4,
              insertHeaderConfig: { key: 'x-copied', value: 'x-origin-id', valueType: 'ReferenceHeader' },
            },
            { type: 'RemoveHeader', order: 5, removeHeaderConfig: { key: 'x-secret' } },
            {
              type: 'ForwardGroup',
              order: 6,
              forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-other' }] },
            },
          ],
        }),
        rule('rule-limit', 33, {
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/limited'] } }],
          ruleActions: [
            { type: 'TrafficLimit', order: 1, trafficLimitConfig: { qps: 3 } },
            { type: 'FixedResponse', order: 2, fixedResponseConfig: { httpCode: '200', content: 'ok' } },
          ],
        }),
        {
          ...rule('rule-retry-after', 2, {
            ruleConditions: [
              { type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['503'] } },
              { type: 'ResponseHeader', responseHeaderConfig: { key: 'X-Served-By', values: ['sgp-*'] } },
            ],
            ruleActions: [
              {
                type: 'InsertHeader',
                order: 1,
                insertHeaderConfig: { key: 'retry-after', value: '120', valueType: 'UserDefined' },
              },
              { type: 'RemoveHeader', order: 2, removeHeaderConfig: { key: 'x-served-by' } },
            ],
          }),
          direction: 'Response',
        },
        {
          ...rule('rule-response', 1, {
            ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['200'] } }],
            ruleActions: [fixed('a response rule never takes a request')],
          }),
          direction: 'Response',
        },
      ],
      // The clock stands still: the traffic limit's second never turns over during the test.
      now: () => 1_700_000_000_000,
    });
  });
  afterAll(() => h.close());

  it.each(conditions)('a %s condition takes the request it describes', async (name, _condition, request) => {
    const answer = await send(h.port, request.path, request);
    expect(answer.text).toBe(`matched ${name}`);
  });

  it('a request no rule matches goes to the default action (the default group)', async () => {
    const answer = await send(h.port, '/nothing?beta=off', {
      headers: { host: 'example.org', cookie: 'tier=silver' },
    });
    expect(answer.echo?.server.name).toBe('sgp-default-1');
  });

  it('rules are tried in priority order, not list order', async () => {
    expect((await send(h.port, '/both')).text).toBe('priority 10');
  });

  it('redirects with the code and the URL built from the request', async () => {
    const answer = await send(h.port, '/old/page?q=1', { headers: { host: 'shop.test' } });
    expect(answer.status).toBe(308);
    expect(answer.headers.location).toBe('https://shop.test:80/new/old/page?q=1');
  });

  it('answers a fixed response with its code, type and body', async () => {
    const answer = await send(h.port, '/teapot');
    expect(answer.status).toBe(418);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.text).toBe('{"tea":true}');
  });

  it('rewrites host, path and query, inserts and removes headers, then forwards', async () => {
    const answer = await send(h.port, '/rw/items?page=2', {
      headers: { host: 'public.test', 'x-secret': 'token', 'x-origin-id': 'abc' },
    });
    expect(answer.echo?.server.name).toBe('sgp-other-1');
    expect(answer.echo?.request.path).toBe('/v2/rw/items');
    expect(answer.echo?.request.query).toEqual({ src: 'alb' });
    const headers = answer.echo!.request.headers;
    expect(headers.host).toBe('internal.svc');
    expect(headers['x-team']).toBe('payments');
    expect(headers['x-copied']).toBe('abc');
    expect(Number(headers['x-client-port'])).toBeGreaterThan(0);
    expect(headers['x-secret']).toBeUndefined();
  });

  it('a Response rule changes the headers of the answers it matches, and only those', async () => {
    const unavailable = await send(h.port, '/plain?echo.status=503');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('120');
    expect(unavailable.headers['x-served-by']).toBeUndefined();
    const fine = await send(h.port, '/plain');
    expect(fine.headers['retry-after']).toBeUndefined();
    expect(fine.headers['x-served-by']).toBe('sgp-default-1');
  });

  it('a traffic limit answers 503 over its QPS', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(h.port, '/limited')).status);
    expect(statuses).toEqual([200, 200, 200, 503, 503, 503]);
  });
});
