// The rules pane drawn by Ink against an in-memory ALB: the list with its summary lines and the default
// action last, a move sent and the list read again, bulk delete and copy with per-rule results, a
// priority clash named, the request tester, and both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { RulesView } from '../../../source/ui/rules/rules-view.js';
import type { RuleFormParams } from '../../../source/ui/rules/rules-view.js';
import { settle } from '../../helpers/ink.js';
import { sendKeys, showView, waitForText, type ShownView } from '../../helpers/view-harness.js';
import { FakeRulesClient } from './fake-rules-client.js';
import { demoRules, forward, LISTENER, NAMES, path, rule } from './fixtures.js';

let shown: ShownView | undefined;
afterEach(async () => {
  shown?.unmount();
  await settle(20);
});

const LISTENERS = {
  [LISTENER.id]: { loadBalancerId: 'alb-web', groups: ['sgp-web'] },
  'lsn-api-443': { loadBalancerId: 'alb-web', groups: ['sgp-web'] },
};

function open(
  client: FakeRulesClient,
  options: { lang?: 'en' | 'zh-CN'; production?: boolean; width?: number; height?: number } = {},
) {
  const forms: RuleFormParams[] = [];
  shown = showView((registerKeys) => (
    <RulesView
      client={client}
      listener={LISTENER}
      targets={[{ id: 'lsn-api-443', loadBalancerId: 'alb-web', label: 'HTTPS 443 api' }]}
      names={NAMES}
      lang={options.lang ?? 'en'}
      readOnly={false}
      production={options.production ?? false}
      width={options.width ?? 120}
      height={options.height ?? 14}
      registerKeys={registerKeys}
      onOpenForm={(params) => forms.push(params)}
      copy={() => undefined}
      pollIntervalMs={1}
    />
  ));
  return forms;
}

describe('the rules pane', () => {
  it('lists the rules in one line each, the default action last, the selected rule under it', async () => {
    open(new FakeRulesClient(demoRules(), LISTENERS));
    const frame = await waitForText(shown!, '(default action)');
    expect(frame).toContain('┌ Rules · HTTPS 443 web 4 · by priority ↑');
    expect(frame).toMatch(
      /›\s+10\s+api-v2-canary\s+request\s+Host api\.example\.com · Path \/v2\/\* → 80% sg-api-v2, 20% sg-api-v1\s+Available/,
    );
    const lines = frame.split('\n');
    const fallback = lines.findIndex((line) => line.includes('(default action)'));
    const maintenance = lines.findIndex((line) => line.includes('维护页'));
    expect(fallback).toBeGreaterThan(maintenance);
    expect(lines[fallback]).toContain('any request no rule takes → sg-web');
    expect(frame).toContain('rule-10 · priority 10 · Available');
    // Every row is one line of the pane's width, Chinese names included.
    for (const line of lines.filter((l) => l.startsWith('│'))) expect(line.endsWith('│')).toBe(true);
  });

  it('in Chinese, with the console’s words', async () => {
    open(new FakeRulesClient(demoRules(), LISTENERS), { lang: 'zh-CN' });
    const frame = await waitForText(shown!, '（默认动作）');
    expect(frame).toContain('转发规则 · HTTPS 443 web');
    expect(frame).toContain('优先级');
    expect(frame).toContain('域名 api.example.com · 路径 /v2/*');
  });

  it('moves a rule: the plan, ^S, one call, and the list read again in the new order', async () => {
    const client = new FakeRulesClient(demoRules(), LISTENERS);
    open(client);
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, 'down', 'down', 'K');
    await waitForText(shown!, 'Move “http-to-https” up: 1 rule renumbered in 1 call');
    expect(shown!.lastFrame()).toContain('priority 30 → 15');
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, '1 of 1 done, 0 failed');
    expect(client.calls).toEqual([{ action: 'UpdateRulesAttribute', count: 1 }]);
    await sendKeys(shown!, 'enter');
    const frame = await waitForText(shown!, /15\s+http-to-https/);
    const lines = frame.split('\n');
    expect(lines.findIndex((l) => l.includes('http-to-https'))).toBeLessThan(
      lines.findIndex((l) => l.includes('static')),
    );
  });

  it('deletes 12 marked rules in two calls, with a result per rule', async () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      rule(i + 1, `r${i + 1}`, [path(`/${i}`)], [forward(['sgp-web'])]),
    );
    const client = new FakeRulesClient(many, LISTENERS);
    open(client, { height: 20 });
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, ...Array.from({ length: 12 }, () => 'space'));
    await waitForText(shown!, '12 marked');
    await sendKeys(shown!, 'ctrlD');
    await waitForText(shown!, 'Delete 12 rules of HTTPS 443 web?');
    await sendKeys(shown!, 'y');
    await waitForText(shown!, '12 of 12 done, 0 failed');
    expect(client.calls).toEqual([
      { action: 'DeleteRules', count: 10 },
      { action: 'DeleteRules', count: 2 },
    ]);
    expect(client.rules).toEqual([]);
  });

  it('on production, nothing is deleted until the count is typed', async () => {
    const client = new FakeRulesClient(demoRules(), LISTENERS);
    open(client, { production: true });
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, 'ctrlD', 'y');
    await waitForText(shown!, 'Production: type 1');
    await sendKeys(shown!, '1', 'enter');
    await waitForText(shown!, '1 of 1 done');
    expect(client.calls).toEqual([{ action: 'DeleteRules', count: 1 }]);
  });

  it('copies marked rules: the clash in the target said before sending, only the others created', async () => {
    const held = {
      ...rule(20, 'api-static', [path('/s')], [forward(['sgp-web'])]),
      ruleId: 'rule-api-20',
      listenerId: 'lsn-api-443',
    };
    const client = new FakeRulesClient([...demoRules(), held], LISTENERS);
    open(client);
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, 'space', 'space', 'c');
    await waitForText(shown!, 'Copy 2 rules to which listeners?');
    await sendKeys(shown!, 'space', 'enter');
    const plan = await waitForText(shown!, 'Copy to 1 listener: 1 rule to create, 1 held back');
    expect(plan).toContain('priority 20 is held by “api-static” (rule-api-20): not sent');
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, '1 of 1 done');
    expect(client.calls).toEqual([{ action: 'CreateRules', count: 1 }]);
    expect(
      client.rules
        .filter((r) => r.listenerId === 'lsn-api-443')
        .map((r) => r.priority)
        .sort(),
    ).toEqual([10, 20]);
  });

  it('names the rule holding a priority when the API refuses a move with Conflict.Priority', async () => {
    const client = new FakeRulesClient(demoRules(), LISTENERS);
    open(client);
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, 'J');
    await waitForText(shown!, 'priority 10 → 25');
    // Someone else takes 25 after the list was read.
    client.rules.push({
      ...rule(25, 'late-rule', [path('/late')], [forward(['sgp-web'])]),
      ruleId: 'rule-late',
    });
    await sendKeys(shown!, '\x13');
    await waitForText(shown!, 'failed: priority 25 is held by “late-rule” (rule-late)');
    expect(client.rules.find((r) => r.ruleId === 'rule-10')?.priority).toBe(10);
  });

  it('tests a request as it is typed: the rule, its conditions ticked, what it does', async () => {
    open(new FakeRulesClient(demoRules(), LISTENERS), { height: 22 });
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, 't');
    await waitForText(shown!, 'Which rule takes this request?');
    await sendKeys(shown!, 'backspace', 'type:https://api.example.com/v2/users');
    const frame = await waitForText(shown!, 'Taken by priority 10 “api-v2-canary” (rule-10)');
    expect(frame).toMatch(/✓ Host api\.example\.com/);
    expect(frame).toMatch(/✓ Path \/v2\/\*/);
    expect(frame).toContain('→ 80% sg-api-v2, 20% sg-api-v1');
    await sendKeys(shown!, ...Array.from({ length: 9 }, () => 'backspace'), 'type:/static/app.js');
    await waitForText(shown!, 'Taken by priority 20 “static”');
    await sendKeys(shown!, ...Array.from({ length: 14 }, () => 'backspace'), 'type:other.org/x');
    await waitForText(shown!, 'No rule matches: the listener’s default action takes it');
    await sendKeys(shown!, 'escape');
    await waitForText(shown!, '(default action)');
  });

  it('n and e open the rule form with the listener and the rule', async () => {
    const forms = open(new FakeRulesClient(demoRules(), LISTENERS));
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, 'n', 'down', 'e');
    expect(forms).toEqual([{ listenerId: LISTENER.id }, { listenerId: LISTENER.id, ruleId: 'rule-20' }]);
  });

  it('leaves Esc, ? and : to the root', async () => {
    open(new FakeRulesClient(demoRules(), LISTENERS));
    await waitForText(shown!, '(default action)');
    await sendKeys(shown!, '?', ':', 'escape');
    expect(shown!.unhandled).toEqual(['?', ':', 'escape']);
  });
});
