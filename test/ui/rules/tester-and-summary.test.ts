// The request tester's form (parsing, errors in both languages, the answer after every key) and the
// one-line summaries of conditions and actions; the batched runs' per-rule results.
import { describe, expect, it } from 'vitest';
import {
  copyCalls,
  deleteCalls,
  moveCalls,
  runRuleCalls,
  type RuleItemEvent,
} from '../../../source/alb/rule-batches.js';
import type { Rule, RuleAction, RuleCondition } from '../../../source/domain/rule-types.js';
import { keyFromId } from '../../../source/ui/keys.js';
import { actionsText, conditionsText } from '../../../source/domain/rule-summary.js';
import { RULES_TEXT } from '../../../source/ui/rules/rules-i18n.js';
import { initTester, parseTestUrl, testerKey, testRequest } from '../../../source/ui/rules/tester-state.js';
import { testerLines } from '../../../source/ui/rules/rules-render.js';
import { FakeRulesClient } from './fake-rules-client.js';
import { demoRules, forward, LISTENER, loaded, path, rule } from './fixtures.js';

const typeInto = (state: ReturnType<typeof initTester>, text: string, rules = demoRules()) =>
  [...text].reduce((current, char) => testerKey(current, keyFromId(char), rules), state);
const clear = (state: ReturnType<typeof initTester>, rules = demoRules()) =>
  testerKey(state, keyFromId('ctrl+u'), rules);

describe('the request tester', () => {
  const listener = { protocol: 'HTTPS', port: 443, defaultGroupIds: ['sgp-web'] };

  it('answers after every key: host and path, a query, the default when nothing matches', () => {
    let state = initTester(listener, demoRules());
    expect(state.result?.ruleId).toBeUndefined();
    state = typeInto(clear(state), 'api.example.com/v2/x?debug=1');
    expect(state.result?.ruleId).toBe('rule-10');
    expect(state.result?.match.effects[0]).toMatchObject({ type: 'ForwardGroup' });
    state = typeInto(clear(state), 'https://shop.example.com/');
    expect(state.result?.ruleId).toBe('rule-30');
    expect(state.result?.match.effects[0]).toEqual({
      type: 'Redirect',
      httpCode: '301',
      url: 'https://shop.example.com/',
    });
  });

  it('answers from the rules as they are now: rules read again replace the ones compiled before', () => {
    const rules = demoRules();
    let state = typeInto(clear(initTester(listener, rules), rules), 'api.example.com/v2/x', rules);
    expect(state.result?.ruleId).toBe('rule-10');
    const without = rules.filter((candidate) => candidate.ruleId !== 'rule-10');
    state = typeInto(state, 'y', without);
    // the next rule down takes it: the redirect of *.example.com
    expect(state.result?.ruleId).toBe('rule-30');
    state = typeInto(state, 'z', rules);
    expect(state.result?.ruleId).toBe('rule-10');
  });

  it('shows which Response rule would edit the answer for the status and headers typed, in both languages', () => {
    const rules: Rule[] = [
      ...demoRules(),
      {
        ...rule(
          5,
          'errors-no-server',
          [],
          [{ order: 1, type: 'RemoveHeader', removeHeaderConfig: { key: 'Server' } }],
        ),
        ruleId: 'rule-resp-5',
        direction: 'Response',
        ruleConditions: [
          { type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['500', '503'] } },
          { type: 'ResponseHeader', responseHeaderConfig: { key: 'Content-Type', values: ['text/*'] } },
        ],
      },
    ];
    let state = typeInto(clear(initTester(listener, rules), rules), 'api.example.com/v2/x', rules);
    // the request still goes where it went: Response rules never take a request
    expect(state.result?.ruleId).toBe('rule-10');
    expect(state.result?.response).toMatchObject({ status: 200, rules: 1 });
    expect(state.result?.response.match.rule).toBeUndefined();
    // to the status field: 503, then to the response headers
    for (let i = 0; i < 4; i += 1) state = testerKey(state, keyFromId('tab'), rules);
    state = typeInto(clear(state, rules), '503', rules);
    expect(state.result?.response.match.rule).toBeUndefined();
    state = testerKey(state, keyFromId('tab'), rules);
    state = typeInto(state, 'content-type: TEXT/html', rules);
    expect(state.result?.response.match.rule?.ruleId).toBe('rule-resp-5');
    expect(state.result?.response.match.edits).toEqual([{ type: 'RemoveHeader', key: 'Server' }]);
    const shown = (lang: 'en' | 'zh-CN') =>
      testerLines(loaded(rules), state, { lang, width: 120, height: 40 })
        .map((line) => line.map((segment) => segment.text).join(''))
        .join('\n');
    expect(shown('en')).toContain(
      'On a 503 answer: Response rule priority 5 “errors-no-server” (rule-resp-5) applies',
    );
    expect(shown('zh-CN')).toContain('响应状态码为 503 时：应用响应方向规则 优先级 5 的“errors-no-server”');
    // a status that is not one says so, in both languages, and the last answer stays
    state = testerKey(state, keyFromId('backtab'), rules);
    state = typeInto(clear(state, rules), '99', rules);
    expect(state.errors.responseStatus).toEqual({
      en: 'A status code is 100–599',
      'zh-CN': '状态码应为 100–599',
    });
    expect(state.result?.response.match.rule?.ruleId).toBe('rule-resp-5');
  });

  it('takes the host from a Host header when the URL is a path', () => {
    let state = typeInto(clear(initTester(listener, demoRules())), '/v2/a');
    expect(state.result?.ruleId).toBeUndefined();
    state = testerKey(state, keyFromId('tab'), demoRules());
    state = typeInto(state, 'Host: api.example.com');
    expect(state.result?.ruleId).toBe('rule-10');
  });

  it('says what is wrong with a field in both languages, keeping the last answer', () => {
    let state = typeInto(clear(initTester(listener, demoRules())), 'api.example.com/v2/x');
    state = testerKey(state, keyFromId('tab'), demoRules());
    state = typeInto(state, 'no-colon');
    expect(state.errors.headers).toEqual(RULES_TEXT.text('testBadHeader'));
    expect(state.errors.headers?.['zh-CN']).toBe('HTTP标头应写成 名称: 值');
    expect(state.result?.ruleId).toBe('rule-10');
    state = testerKey(state, keyFromId('tab'), demoRules());
    state = testerKey(state, keyFromId('tab'), demoRules());
    state = typeInto(clear(state), '300.1.1.1');
    expect(state.errors.sourceIp?.en).toBe('Not an IP address');
  });

  it('reads URLs as a person writes them', () => {
    expect(parseTestUrl('https://a.example.com:8443/p?q=1&q=2')).toEqual({
      host: 'a.example.com',
      path: '/p',
      query: [
        { key: 'q', value: '1' },
        { key: 'q', value: '2' },
      ],
      protocol: 'https',
      port: 8443,
    });
    expect(parseTestUrl('/only/path')).toMatchObject({ host: '', path: '/only/path' });
    expect(parseTestUrl('ftp://x')).toBeUndefined();
    expect(parseTestUrl('')).toBeUndefined();
  });

  it('builds the matcher request with the listener’s protocol and port, method upper-cased', () => {
    const parsed = testRequest({
      listener: { protocol: 'HTTP', port: 8080, defaultGroupIds: [] },
      values: {
        method: 'post',
        url: 'x.example.com/a',
        headers: 'X-Env: canary',
        cookies: 'uid=7',
        sourceIp: '10.0.0.1',
        responseStatus: '200',
        responseHeaders: '',
      },
    });
    expect('request' in parsed && parsed.request).toMatchObject({
      method: 'POST',
      host: 'x.example.com',
      protocol: 'http',
      port: 8080,
      cookies: [{ key: 'uid', value: '7' }],
      headers: [
        { key: 'host', value: 'x.example.com' },
        { key: 'x-env', value: 'canary' },
      ],
    });
  });
});

describe('summaries', () => {
  it('say every condition and action in both languages', () => {
    const conditions: RuleCondition[] = [
      { type: 'Header', headerConfig: { key: 'x-env', values: ['canary', 'beta'] } },
      { type: 'QueryString', queryStringConfig: { values: [{ key: 'v', value: '2' }] } },
      { type: 'Method', methodConfig: { values: ['GET', 'HEAD'] } },
      { type: 'Cookie', cookieConfig: { values: [{ key: 'ab', value: 'b' }] } },
      { type: 'SourceIp', sourceIpConfig: { values: ['10.0.0.0/8'] } },
    ];
    expect(conditionsText(conditions, 'en')).toBe(
      'Header x-env=canary|beta · Query v=2 · Method GET|HEAD · Cookie ab=b · Source IP 10.0.0.0/8',
    );
    expect(conditionsText(conditions, 'zh-CN')).toContain('HTTP标头 x-env=canary|beta');
    expect(conditionsText([], 'en')).toBe('every request');
    const actions: RuleAction[] = [
      {
        order: 2,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-a' }] },
      },
      {
        order: 1,
        type: 'InsertHeader',
        insertHeaderConfig: { key: 'x-from', value: 'alb', valueType: 'UserDefined' },
      },
    ] as const;
    expect(actionsText(actions, 'en', new Map([['sgp-a', 'sg-a']]))).toBe('+header x-from: alb · sg-a');
  });

  it('all rules-pane texts exist in both languages with the same placeholders', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, entry] of Object.entries(RULES_TEXT.entries)) {
      expect(entry['zh-CN'], key).not.toBe('');
      expect(names(entry['zh-CN']), key).toEqual(names(entry.en));
    }
  });
});

describe('batched runs', () => {
  const listeners = {
    [LISTENER.id]: { loadBalancerId: 'alb-web', groups: [] },
    'lsn-b': { loadBalancerId: 'alb-web', groups: [] },
  };

  it('a failed move call stops the run: its rules failed, the later ones skipped', async () => {
    const client = new FakeRulesClient(demoRules(), listeners);
    client.failNext = { action: 'UpdateRulesAttribute', code: 'IncorrectStatus.Rule' };
    const events: RuleItemEvent[] = [];
    const failed = await runRuleCalls(
      client,
      moveCalls(client, [
        [{ ruleId: 'rule-10', from: 10, to: 11 }],
        [{ ruleId: 'rule-20', from: 20, to: 21 }],
      ]),
      { stopOnFailure: true, onEvent: (event) => events.push(event) },
    );
    expect(failed).toBe(2);
    expect(events.map((e) => `${e.index}:${e.phase}`)).toEqual(['0:sending', '0:failed', '1:skipped']);
  });

  it('deletes and copies go on past a failed call, 10 rules a call', async () => {
    const many = Array.from({ length: 15 }, (_, i) => rule(i + 1, `r${i}`, [path('/x')], [forward(['sgp'])]));
    const client = new FakeRulesClient(many, listeners);
    client.failNext = { action: 'DeleteRules', code: 'IncorrectStatus.Rule' };
    const events: RuleItemEvent[] = [];
    const failed = await runRuleCalls(
      client,
      deleteCalls(
        client,
        many.map((r) => r.ruleId),
      ),
      {
        onEvent: (event) => events.push(event),
      },
    );
    expect(failed).toBe(10);
    expect(client.rules).toHaveLength(10);
    expect(client.calls).toEqual([
      { action: 'DeleteRules', count: 10 },
      { action: 'DeleteRules', count: 5 },
    ]);
    const created: RuleItemEvent[] = [];
    await runRuleCalls(client, copyCalls(client, [{ listenerId: 'lsn-b', specs: many.slice(0, 12) }]), {
      onEvent: (event) => created.push(event),
    });
    expect(created.filter((e) => e.phase === 'done').map((e) => e.ruleId)).toHaveLength(12);
  });
});
