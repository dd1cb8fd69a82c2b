// Forwarding rules in a real terminal: the real bundle against a local ALB started here, so what the
// app changed is checked through the API itself. From keys alone: a path rule and a weighted canary
// (two groups, 80/20) made in the rule form, the canary moved above the path rule in the rules pane,
// a request tested against them; then the rules as the API returns them. And the rule as YAML in a
// scripted $EDITOR: a wrong value first (the editor reopens with the error), then the fix is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { Listener, ServerGroup } from '../../source/domain/resources.js';
import type { Rule } from '../../source/domain/rule-types.js';
import { keys, useLocalAlb } from '../helpers/e2e-local-alb.js';
import { REPO_ROOT, type TerminalSession } from '../helpers/terminal.js';

const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-rules-' });
const SCRIPTED_EDITOR = join(REPO_ROOT, 'test', 'edit', 'scripted-editor.mjs');
let listener: Listener;
let groups: ServerGroup[];

beforeAll(async () => {
  const instances = await collect(suite.api.listLoadBalancers());
  const prodWeb = instances.find((lb) => lb.loadBalancerName === 'prod-web')!;
  const all = await collect(suite.api.listListeners({ loadBalancerIds: [prodWeb.loadBalancerId] }));
  listener = all.find((l) => l.listenerDescription === 'web_http_8080')!;
  groups = await collect(suite.api.listServerGroups({ vpcId: prodWeb.vpcId }));
});

async function rulesOf(listenerId: string): Promise<Rule[]> {
  return (await collect(suite.api.listRules({ listenerIds: [listenerId] }))).sort(
    (a, b) => a.priority - b.priority,
  );
}

const groupId = (name: string) => groups.find((g) => g.serverGroupName === name)!.serverGroupId;

/** The listener's rules pane, from the listeners pane of prod-web. */
async function openRules(session: TerminalSession, name: string): Promise<void> {
  await keys(session, 'tab', '/', `type:${name}`, 'enter');
  await session.waitForText(new RegExp(`› ?\\w+ +\\d+ +${name}`));
  await session.press('r');
  await session.waitForText(`Rules · HTTP 8080 ${name}`);
}

/** Picks the server group named `name` in the open group picker. */
async function pickGroup(session: TerminalSession, name: string): Promise<void> {
  await session.waitForText('Server groups in');
  await keys(session, `type:${name}`);
  await session.waitForText(new RegExp(`› sgp-\\w+ +${name}`));
  await session.press('enter');
}

describe('forwarding rules in a real terminal', () => {
  it('makes a path rule and a weighted canary from keys alone, reorders them, tests a request, all through the API', async () => {
    expect(await rulesOf(listener.listenerId)).toEqual([]);
    const session = await suite.startApp();
    await openRules(session, 'web_http_8080');

    // The path rule: name, priority 10, /api/* and /v2/*, forwarded to web-frontend-http.
    await session.press('n');
    await session.waitForText('New rule · HTTP 8080 “web_http_8080”');
    await session.waitForText('› Rule name');
    await keys(session, 'type:api-paths', 'down', 'ctrl+u', 'type:10');
    await keys(
      session,
      'down',
      'down',
      'down',
      'down',
      'type:/api/*',
      'enter',
      'type:/v2/*',
      'enter',
      'enter',
    );
    await session.waitForText(/› Actions \(in this order\) +1\/5/);
    await keys(session, 'down', 'down', 'enter');
    await pickGroup(session, 'web-frontend-http');
    await session.press('ctrl+s');
    await session.waitForText('Review: the rule to create');
    await session.waitForText('Precheck passed');
    expect(session.screenText()).toContain('Path /api/* | /v2/*');
    expect(await rulesOf(listener.listenerId)).toEqual([]);
    await session.press('ctrl+s');
    await session.waitForText(/Rule rule-\w+ created; it is Available\./, 30_000);
    await session.waitForText(/10 +api-paths/);

    // The canary: /shop/*, 80 % web-frontend-http, 20 % payment-core-http, priority 20.
    await session.press('n');
    await session.waitForText('› Rule name');
    await keys(session, 'type:shop-canary', 'down', 'ctrl+u', 'type:20');
    await keys(session, 'down', 'down', 'down', 'down', 'type:/shop/*', 'down', 'down', 'down', 'enter');
    await pickGroup(session, 'web-frontend-http');
    await keys(session, 'ctrl+u', 'type:80', 'up', 'a');
    await pickGroup(session, 'payment-core-http');
    await keys(session, 'ctrl+u', 'type:20');
    await session.waitForText(/Weight +20 +20% of requests/);
    await session.press('ctrl+s');
    await session.waitForText('Precheck passed');
    expect(session.screenText()).toMatch(
      /→ 80% sgp-\w+ \(web-frontend-http\), 20% sgp-\w+ \(payment-core-http\)/,
    );
    await session.press('ctrl+s');
    await session.waitForText(/20 +shop-canary/, 30_000);

    // Reorder in the rules pane: the canary up, above the path rule.
    await keys(session, 'down');
    await session.waitForText(/› +20 +shop-canary/);
    await session.press('K');
    await session.waitForText('Move “shop-canary” up');
    await session.press('ctrl+s');
    await session.waitForText(/shop-canary +priority 20 → \d+ +done/, 30_000);
    await session.press('enter');
    await session.waitForText(/\d+ +shop-canary[\s\S]*\d+ +api-paths/);
    let rules: Rule[] = [];
    for (let tries = 0; tries < 50; tries++) {
      rules = await rulesOf(listener.listenerId);
      if (rules[0]?.ruleName === 'shop-canary' && rules.every((r) => r.ruleStatus === 'Available')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rules.map((r) => r.ruleName)).toEqual(['shop-canary', 'api-paths']);

    // Which rule takes GET /shop/cart? The canary, with its weights.
    await session.press('t');
    await session.waitForText('Which rule takes this request?');
    await keys(session, 'ctrl+u', 'type:/shop/cart');
    await session.waitForText(/Taken by priority \d+ “shop-canary”/);
    await keys(session, 'ctrl+u', 'type:/v2/users');
    await session.waitForText(/Taken by priority \d+ “api-paths”/);

    // What the API holds: exactly what was typed.
    const [canary, paths] = rules;
    expect(paths).toMatchObject({
      ruleName: 'api-paths',
      direction: 'Request',
      ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*', '/v2/*'] } }],
      ruleActions: [
        {
          order: 1,
          type: 'ForwardGroup',
          forwardGroupConfig: {
            serverGroupTuples: [{ serverGroupId: groupId('web-frontend-http'), weight: 100 }],
          },
        },
      ],
    });
    expect(canary).toMatchObject({
      ruleName: 'shop-canary',
      ruleConditions: [{ type: 'Path', pathConfig: { values: ['/shop/*'] } }],
      ruleActions: [
        {
          order: 1,
          type: 'ForwardGroup',
          forwardGroupConfig: {
            serverGroupTuples: [
              { serverGroupId: groupId('web-frontend-http'), weight: 80 },
              { serverGroupId: groupId('payment-core-http'), weight: 20 },
            ],
          },
        },
      ],
    });
    expect(canary!.priority).toBeLessThan(paths!.priority);
  });

  it('edits a rule as YAML in $EDITOR: a wrong value reopens the editor with the error, the fix is sent', async () => {
    const before = (await rulesOf(listener.listenerId)).find((r) => r.ruleName === 'api-paths')!;
    const home = suite.home();
    const log = join(home.HOME, 'editor-log');
    const session = await suite.startApp({
      ...home,
      EDITOR: `node ${SCRIPTED_EDITOR}`,
      ALB_TUI_TEST_EDITOR_LOG: log,
      ALB_TUI_TEST_EDITS: JSON.stringify([
        [[`Priority: ${before.priority}`, 'Priority: 10001']],
        [['Priority: 10001', 'Priority: 300']],
      ]),
    });
    await openRules(session, 'web_http_8080');
    await session.waitForText(/api-paths/);
    // The canary is first since the reorder above; the path rule second.
    await session.press('down');
    await session.waitForText(/› +\d+ +api-paths/);
    await session.press('E');
    await session.waitForText('Review: changes (1)', 30_000);
    await session.waitForText('Precheck passed');
    expect(session.isAlternateScreen()).toBe(true);
    expect(session.screenText()).toMatch(new RegExp(`Priority +${before.priority} → 300`));
    const given = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string);
    expect(given).toHaveLength(2);
    expect(given[0]).toContain('# Priority: 1–10000, unique on the listener');
    expect(given[1]).toMatch(/^# ✗ The file could not be used/);
    expect(given[1]).toContain('Priority: 10001');
    await session.press('ctrl+s');
    await session.waitForText(/Rule rule-\w+ changed; it is Available\./, 30_000);
    const after = (await rulesOf(listener.listenerId)).find((r) => r.ruleId === before.ruleId)!;
    expect(after.priority).toBe(300);
    expect({ ...after, priority: 0 }).toEqual({ ...before, priority: 0 });
  });
});
