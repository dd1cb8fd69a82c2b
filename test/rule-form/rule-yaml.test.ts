import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createEditorRunner } from '../../source/ui/edit-text/external-editor.js';
import { withErrors } from '../../source/ui/edit-text/listener-yaml.js';
import { readRuleYaml, ruleToYaml, type RuleTextTarget } from '../../source/ui/edit-text/rule-yaml.js';
import { draftToSpec, ruleToDraft } from '../../source/ui/rule-form/rule-draft.js';
import { ruleContextOf } from '../../source/ui/rule-form/rule-issues.js';
import { facts, rule } from './fixtures.js';

const EDITOR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'edit', 'scripted-editor.mjs');
const TARGET: RuleTextTarget = {
  listenerId: 'lsn-https443',
  ruleId: 'rule-a',
  listener: 'HTTPS 443 “HTTPS_443”',
  instance: 'web-prod (alb-a)',
  edition: 'Basic',
  freePriority: 21,
};
const base = ruleToDraft(rule());
const ctx = ruleContextOf(facts('Basic'), 'rule-a');
const shown = ruleToYaml(base, TARGET, 'en');

describe('a rule as YAML', () => {
  it('writes the rule under the API names, each field with its limits and the edition’s quotas', () => {
    expect(shown).toContain('RuleName: api');
    expect(shown).toContain('Priority: 10');
    expect(shown).toMatch(/- Type: Path\n\s+PathConfig:\n\s+Values:\n\s+- \/api\/\*/);
    expect(shown).toContain('ServerGroupId: sgp-http');
    expect(shown).toContain(
      '# Priority: 1–10000, unique on the listener; lower numbers are tried first (first free: 21).',
    );
    expect(shown).toContain('at most 5 on this Basic instance');
    expect(shown).toContain('at most 3 on this Basic instance');
    expect(shown).toContain('(cannot change on an existing rule)');
    expect(shown).not.toMatch(/Order:/);
    const zh = ruleToYaml(base, TARGET, 'zh-CN');
    expect(zh).toContain('# 优先级：1~10000，同一监听内唯一');
    expect(zh).toContain('本基础版实例最多 5 个');
  });

  it('reads a changed file back into the form’s draft; the actions numbered by their place', () => {
    const text = shown
      .replace('Priority: 10', 'Priority: 15')
      .replace('- /api/*', '- /api/*\n        - /v2/*');
    const outcome = readRuleYaml(text, shown, base, ctx, 'Request');
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const spec = draftToSpec(outcome.draft);
    expect(spec.priority).toBe(15);
    expect(spec.ruleConditions).toEqual([{ type: 'Path', pathConfig: { values: ['/api/*', '/v2/*'] } }]);
    expect(spec.ruleActions[0]!.order).toBe(1);
  });

  it('checks the text with the same validator as the form and names each place wrong', () => {
    const errors = (text: string) => {
      const outcome = readRuleYaml(text, shown, base, ctx, 'Request');
      return outcome.kind === 'invalid' ? outcome.errors.map((e) => e.en).join('\n') : outcome.kind;
    };
    expect(errors(shown.replace('Priority: 10', 'Priority: 10001'))).toMatch(/Priority: .*1.*10000/);
    expect(errors(shown.replace('Priority: 10', 'Priority: 20'))).toContain('rule-b');
    expect(errors(shown.replace('- /api/*', '- no-slash'))).toMatch(
      /RuleConditions\[0\]\.PathConfig\.Values\[0\]/,
    );
    expect(errors(shown.replace('sgp-http', 'sgp-far'))).toMatch(/sgp-far/);
    expect(errors(`${shown}\nPriorty: 5\n`)).toContain('Priorty is not a field of a rule');
    expect(errors(shown.replace('\nDirection: Request', '\nDirection: Response'))).toContain(
      'Direction cannot change',
    );
    expect(errors(`${shown}\nRuleName: [\n`)).toMatch(/YAML, line \d+/);
    const zh = readRuleYaml(shown.replace('Priority: 10', 'Priority: 0'), shown, base, ctx, 'Request');
    expect(zh.kind === 'invalid' && zh.errors[0]!['zh-CN']).toMatch(/优先级/);
  });

  it('cancels on an unchanged or emptied file', () => {
    expect(readRuleYaml(shown, shown, base, ctx).kind).toBe('cancel');
    expect(readRuleYaml('', shown, base, ctx).kind).toBe('cancel');
    expect(readRuleYaml(withErrors(shown, [{ en: 'x', 'zh-CN': 'x' }], 'en'), shown, base, ctx).kind).toBe(
      'cancel',
    );
  });
});

describe('a rule edited in a scripted $EDITOR', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function runner(edits: string[][][]) {
    dir = mkdtempSync(path.join(tmpdir(), 'rule-yaml-'));
    const log = path.join(dir, 'log');
    return {
      log,
      run: createEditorRunner({
        env: {
          EDITOR: `node ${EDITOR}`,
          ALB_TUI_TEST_EDITS: JSON.stringify(edits),
          ALB_TUI_TEST_EDITOR_LOG: log,
        },
        handover: { suspend: () => undefined, resume: () => undefined },
        tmpDir: dir,
      }),
    };
  }

  it('a wrong value reopens the editor with the error at the top and the user’s text kept; the fix is read', async () => {
    const { run } = runner([[['Priority: 10', 'Priority: 99999']], [['Priority: 99999', 'Priority: 12']]]);
    const first = await run(shown, 'rule-a.yaml');
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const outcome = readRuleYaml(first.text, shown, base, ctx, 'Request');
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    const again = withErrors(first.text, outcome.errors, 'en');
    expect(again).toMatch(/^# ✗ The file could not be used/);
    expect(again).toContain('Priority: 99999');
    const second = await run(again, 'rule-a.yaml');
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const fixed = readRuleYaml(second.text, shown, base, ctx, 'Request');
    expect(fixed.kind === 'ok' && draftToSpec(fixed.draft).priority).toBe(12);
  });
});
