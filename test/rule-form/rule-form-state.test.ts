import { describe, expect, it } from 'vitest';
import { lineText } from '../../source/ui/components/lines.js';
import { draftToSpec } from '../../source/ui/rule-form/rule-draft.js';
import { ruleFormTexts } from '../../source/ui/rule-form/rule-form-i18n.js';
import { renderRuleForm } from '../../source/ui/rule-form/rule-form-render.js';
import {
  focusedRow,
  formIssues,
  pickerOptions,
  ruleFormReducer,
  type RuleFormState,
} from '../../source/ui/rule-form/rule-form-state.js';
import { open, press } from './fixtures.js';

function screen(state: RuleFormState, lang: 'en' | 'zh-CN' = 'en', width = 120, height = 40): string {
  return renderRuleForm(state, { lang, width, height }).map(lineText).join('\n');
}

/** Fresh form: 0 name · 1 priority · 2 direction · 3 Conditions · 4 Path · 5 value 1 · 6 Actions · 7 Forward · 8 group · 9 weight · 10 sticky. */
const VALUE_ROW = ['down', 'down', 'down', 'down', 'down'];

/** A valid path rule typed from keys: name, two paths, a server group. */
function pathRule() {
  return press(
    open(),
    'type:v2-api',
    ...VALUE_ROW,
    'type:/v2/*',
    'enter',
    'type:/v3/*',
    'enter',
    'enter',
    'down',
    'down',
    'enter',
    'enter',
  );
}

describe('the rule form', () => {
  it('has every string in both languages, with the same placeholders', () => {
    for (const [key, value] of Object.entries(ruleFormTexts)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(value['zh-CN'], key).not.toBe('');
      expect(names(value['zh-CN']), key).toEqual(names(value.en));
    }
  });

  it('suggests the first free priority after the listener’s rules, and names the rule holding a taken one', () => {
    const fresh = open();
    expect(fresh.state.draft.priority).toBe('21');
    expect(screen(press(fresh, 'down').state)).toContain('first free: 21');
    const clash = press(fresh, 'down', 'ctrl+u', 'type:10');
    const message = formIssues(clash.state).shown.get('priority')?.[0];
    expect(message?.en).toMatch(/10/);
    expect(message?.en).toContain('rule-a');
    expect(message?.['zh-CN']).toContain('rule-a');
    expect(screen(clash.state)).toMatch(/Priority +10[\s\S]*✗ .*rule-a/);
    expect(screen(press(clash, 'backspace', 'type:5').state)).not.toContain('rule-a');
  });

  it('checks each field as it is typed with the domain validator, the message under the field in the user’s language', () => {
    const typed = press(open(), 'type:x');
    const lines = screen(typed.state).split('\n');
    const at = lines.findIndex((l) => l.includes('Rule name'));
    expect(lines[at + 1]).toMatch(/✗ .*2–128/);
    expect(screen(typed.state, 'zh-CN')).toMatch(/规则名称[\s\S]*✗ .*2~128/);
    // An untouched blank field waits until the user has been at it.
    expect(formIssues(open().state).shown.get('ruleName')).toBeUndefined();
    expect(formIssues(press(typed, 'type:y').state).shown.get('ruleName')).toBeUndefined();
  });

  it('builds a path rule from keys: values as a list (⏎ adds one, an empty one ends it), a group from the VPC’s', () => {
    const before = press(
      open(),
      'type:v2-api',
      ...VALUE_ROW,
      'type:/v2/*',
      'enter',
      'type:/v3/*',
      'enter',
      'enter',
      'down',
      'down',
      'enter',
    );
    expect(before.state.picker?.kind).toBe('group');
    // Only the instance's VPC: sgp-far (vpc-b) is not offered.
    expect(pickerOptions(before.state).map((o) => o.id)).toEqual(['sgp-http', 'sgp-https', 'sgp-grpc']);
    const { state } = press(before, 'enter');
    expect(focusedRow(state)?.id).toBe('actions.0.groups.0.weight');
    const spec = draftToSpec(state.draft);
    expect(spec.ruleConditions).toEqual([{ type: 'Path', pathConfig: { values: ['/v2/*', '/v3/*'] } }]);
    expect(spec.ruleActions).toEqual([
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http', weight: 100 }] },
      },
    ]);
    expect(formIssues(state).all.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('removes a value with ⌫ on it once empty', () => {
    const two = press(open(), ...VALUE_ROW, 'type:/a', 'enter', 'type:/b');
    expect(two.state.draft.conditions[0]!.values).toEqual(['/a', '/b']);
    const { state } = press(two, 'backspace', 'backspace', 'backspace');
    expect(state.draft.conditions[0]!.values).toEqual(['/a']);
    expect(focusedRow(state)?.id).toBe('conditions.0.values.0');
  });

  it('splits traffic by weight over two groups (a canary), the share shown beside each weight', () => {
    const { state } = press(pathRule(), 'ctrl+u', 'type:80', 'up', 'a', 'down', 'enter', 'ctrl+u', 'type:20');
    const forward = draftToSpec(state.draft).ruleActions[0]!;
    expect(forward).toMatchObject({
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: [
          { serverGroupId: 'sgp-http', weight: 80 },
          { serverGroupId: 'sgp-https', weight: 20 },
        ],
      },
    });
    const text = screen(state);
    expect(text).toMatch(/Weight +80/);
    expect(text).toMatch(/Weight +20 +20% of requests/);
  });

  it('adds, removes and reorders conditions and actions with a, x and K/J', () => {
    // `a` on the Conditions row: the type is picked first (Host), added at the end.
    const added = press(open(), 'down', 'down', 'down', 'a', 'enter');
    expect(added.state.draft.conditions.map((c) => c.type)).toEqual(['Path', 'Host']);
    expect(focusedRow(added.state)?.id).toBe('conditions.1.values.0');
    const moved = press(added, 'up', 'K');
    expect(moved.state.draft.conditions.map((c) => c.type)).toEqual(['Host', 'Path']);
    expect(focusedRow(moved.state)?.id).toBe('conditions.0');
    expect(press(moved, 'J').state.draft.conditions.map((c) => c.type)).toEqual(['Path', 'Host']);
    const removed = press(moved, 'x');
    expect(removed.state.draft.conditions.map((c) => c.type)).toEqual(['Path']);
    // An action added from the Actions row goes before the final one; `x` on the group row removes the group.
    const rewrite = press(open(), 'down', 'down', 'down', 'down', 'down', 'down', 'a');
    expect(rewrite.state.picker?.kind).toBe('action-type');
    const chosen = press(rewrite, 'down', 'down', 'down', 'enter');
    expect(chosen.state.draft.actions.map((a) => a.type)).toEqual(['Rewrite', 'ForwardGroup']);
  });

  it('says when the final action is not last, and the edition’s quotas as counts', () => {
    // Rewrite after the ForwardGroup: `a` on the ForwardGroup adds after it.
    const late = press(
      open(),
      'type:ab',
      ...VALUE_ROW,
      'type:/x',
      'down',
      'down',
      'a',
      'down',
      'down',
      'down',
      'enter',
    );
    expect(late.state.draft.actions.map((a) => a.type)).toEqual(['ForwardGroup', 'Rewrite']);
    const errors = formIssues({ ...late.state, attempted: true }).all.map(
      (i) => `${i.field} ${i.message.en}`,
    );
    expect(errors.join('\n')).toMatch(/actions\.0 .*last/i);
    const fixed = press(late, 'up', 'K');
    expect(fixed.state.draft.actions.map((a) => a.type)).toEqual(['Rewrite', 'ForwardGroup']);
    expect(formIssues(fixed.state).all.some((i) => /last/i.test(i.message.en))).toBe(false);

    const basic = open({ edition: 'Basic' });
    expect(screen(basic.state)).toMatch(/Conditions \(all must match\) +1\/5 · wildcards 0\/5/);
    expect(screen(basic.state)).toMatch(/Actions \(in this order\) +1\/3/);
    let many = basic;
    for (let i = 0; i < 5; i++)
      many = press(many, 'pageup', 'pageup', 'pageup', 'pageup', 'down', 'down', 'down', 'a', 'enter');
    expect(many.state.draft.conditions).toHaveLength(6);
    const quota = formIssues(many.state).shown.get('conditions')?.[0];
    expect(quota?.en).toMatch(/5/);
    expect(screen(many.state)).toMatch(/6\/5/);
    expect(screen(many.state, 'zh-CN')).toMatch(/转发条件（须全部满足） +6\/5 · 通配符 0\/5/);
  });

  it('Response rules take only response conditions', () => {
    const response = press(open(), 'down', 'down', 'right');
    expect(response.state.draft.direction).toBe('Response');
    expect(response.state.draft.conditions).toEqual([]);
    const picking = press(response, 'down', 'a');
    expect(pickerOptions(picking.state).map((o) => o.id)).toEqual(['ResponseHeader', 'ResponseStatusCode']);
  });

  it('reviews only a valid form: Ctrl-S on an invalid one shows every problem and goes to the first', () => {
    const invalid = press(open(), 'down', 'down', 'ctrl+s');
    expect(invalid.state.mode).toBe('form');
    expect(invalid.state.attempted).toBe(true);
    expect(focusedRow(invalid.state)?.id).toBe('ruleName');
    expect(invalid.effects).toEqual([]);
  });

  it('reviews a new rule whole, prechecks it at once, and submits only on Ctrl-S with one ClientToken', () => {
    const review = press(pathRule(), 'ctrl+s');
    expect(review.state.mode).toBe('review');
    expect(review.effects).toEqual([
      {
        kind: 'precheck',
        version: review.state.version,
        request: { kind: 'create', listenerId: 'lsn-https443', spec: draftToSpec(review.state.draft) },
      },
    ]);
    const text = screen(review.state);
    expect(text).toContain('Review: the rule to create');
    expect(text).toMatch(/Rule name +v2-api/);
    expect(text).toContain('Path /v2/* | /v3/*');
    expect(text).toContain('→ sgp-http (sgp-http)');
    const passed = ruleFormReducer(review.state, {
      type: 'precheck-finished',
      version: review.state.version,
      ok: true,
    });
    expect(screen(passed.state)).toContain('Precheck passed');
    // Enter never submits.
    expect(press(passed, 'enter').effects).toEqual([]);
    const sent = press(passed, 'ctrl+s');
    expect(sent.effects).toEqual([
      { kind: 'submit', request: expect.objectContaining({ kind: 'create' }), clientToken: 'token-1' },
    ]);
    // Busy: keys do nothing until the answer.
    expect(press(sent, 'escape', 'ctrl+s').effects).toEqual([]);
    const accepted = ruleFormReducer(sent.state, { type: 'submit-accepted', ruleId: 'rule-new' });
    expect(screen(accepted.state)).toContain('Rule rule-new is Provisioning');
    const done = ruleFormReducer(accepted.state, { type: 'submit-done' });
    expect(done.effects).toEqual([{ kind: 'discard-draft' }, { kind: 'leave', ruleId: 'rule-new' }]);
  });

  it('retries a lost submit with the same ClientToken; a refusal puts the message on its field, the form as it was', () => {
    const sent = press(pathRule(), 'ctrl+s', 'ctrl+s');
    const lost = ruleFormReducer(sent.state, {
      type: 'submit-failed',
      code: 'timeout',
      message: { en: 'timed out', 'zh-CN': '超时' },
      retryable: true,
    });
    expect(screen(lost.state)).toContain('r retries with the same ClientToken');
    expect(press(lost, 'r').effects).toEqual([
      { kind: 'submit', request: expect.anything(), clientToken: 'token-1' },
    ]);
    const refused = ruleFormReducer(sent.state, {
      type: 'submit-failed',
      code: 'Conflict.Priority',
      message: { en: 'The priority is taken', 'zh-CN': '优先级冲突' },
      retryable: false,
      nextClientToken: 'token-2',
    });
    expect(refused.state.mode).toBe('form');
    expect(focusedRow(refused.state)?.id).toBe('priority');
    expect(refused.state.draft).toEqual(sent.state.draft);
    expect(refused.state.clientToken).toBe('token-2');
    expect(screen(refused.state)).toMatch(/Priority +21[\s\S]*✗ The priority is taken/);
    // The same ClientToken is kept for a precheck failing: it sent nothing.
    const fixed = press(refused, 'backspace', 'type:2');
    expect(formIssues(fixed.state).shown.get('priority')).toBeUndefined();
  });

  it('asks for the listener port on a production connection before it sends', () => {
    const review = press(pathRule(), 'ctrl+s');
    const prod = { ...review.state, production: true };
    const asked = press(prod, 'ctrl+s');
    expect(asked.effects).toEqual([]);
    expect(screen(asked.state)).toContain('Production: type the listener port 443 to create this rule');
    const wrong = press(asked, 'type:80', 'enter');
    expect(wrong.effects).toEqual([]);
    expect(screen(wrong.state)).toContain('That is not 443');
    const right = press(wrong, 'ctrl+u', 'type:443', 'enter');
    expect(right.effects).toEqual([{ kind: 'submit', request: expect.anything(), clientToken: 'token-1' }]);
  });

  it('edits a rule: the review shows only what changes (old → new) and sends only those fields', () => {
    const edit = open({ ruleId: 'rule-a' });
    expect(edit.state.draft.ruleName).toBe('api');
    // The direction of an existing rule cannot change.
    expect(press(edit, 'down', 'down', 'right').state.draft.direction).toBe('Request');
    const changed = press(edit, 'down', 'ctrl+u', 'type:15', 'ctrl+s');
    expect(changed.state.mode).toBe('review');
    expect(changed.effects).toEqual([
      {
        kind: 'precheck',
        version: changed.state.version,
        request: { kind: 'update', update: { ruleId: 'rule-a', priority: 15 } },
      },
    ]);
    const text = screen(changed.state);
    expect(text).toContain('Review: changes (1)');
    expect(text).toMatch(/Priority +10 → 15/);
    expect(text).not.toContain('Rule name');
    // Reordered conditions are a change of the conditions only.
    const two = press(edit, 'down', 'down', 'down', 'a', 'enter', 'type:a.example.com', 'up', 'K', 'ctrl+s');
    expect(two.effects[0]).toMatchObject({
      request: { kind: 'update', update: { ruleId: 'rule-a', ruleConditions: expect.any(Array) } },
    });
    expect(screen(two.state)).toMatch(
      /- Path \/api\/\*[\s\S]*\+ Host a\.example\.com[\s\S]*\+ Path \/api\/\*/,
    );
  });

  it('offers a kept draft: resume it (with its ClientToken), start afresh, or discard it', () => {
    const kept = {
      draft: { ...open().state.draft, ruleName: 'kept-one' },
      clientToken: 'token-kept',
      savedAt: '2026-12-05T10:00:00.000Z',
    };
    const offered = open({ kept });
    expect(screen(offered.state)).toContain('An unfinished form for this rule was kept (2026-12-05 10:00)');
    const resumed = press(offered, 'enter');
    expect(resumed.state.draft.ruleName).toBe('kept-one');
    expect(resumed.state.clientToken).toBe('token-kept');
    // A kept value that is wrong is said at once, untouched.
    const wrong = press(open({ kept: { ...kept, draft: { ...kept.draft, ruleName: '1abc' } } }), 'enter');
    expect(formIssues(wrong.state).shown.get('ruleName')?.[0]?.en).toMatch(/letter/);
    expect(press(offered, 'n').state.draft.ruleName).toBe('');
    expect(press(offered, 'd').effects).toEqual([{ kind: 'discard-draft' }]);
  });

  it('opened as YAML: the editor first; invalid text reopens it with the errors, valid text goes to the review', () => {
    const asText = open({ asText: true });
    expect(asText.effects).toEqual([{ kind: 'edit-text' }]);
    const errors = [{ en: 'Priority: bad', 'zh-CN': '优先级：错误' }];
    const again = ruleFormReducer(asText.state, {
      type: 'text-read',
      outcome: { kind: 'invalid', text: 'Priority: x', errors },
    });
    expect(again.effects).toEqual([{ kind: 'edit-text', retry: { text: 'Priority: x', errors } }]);
    const cancelled = ruleFormReducer(asText.state, { type: 'text-read', outcome: { kind: 'cancel' } });
    expect(cancelled.effects).toEqual([{ kind: 'leave' }]);
    const draft = pathRule().state.draft;
    const read = ruleFormReducer(asText.state, { type: 'text-read', outcome: { kind: 'ok', draft } });
    expect(read.state.mode).toBe('review');
    expect(read.effects[0]).toMatchObject({ kind: 'precheck' });
  });

  it('asks for a server group not picked yet, rather than calling it missing', () => {
    const { state } = press(open(), 'ctrl+s');
    expect(formIssues(state).shown.get('actions.0.groups.0')?.[0]?.en).toBe('Pick a server group (⏎)');
  });

  it('keeps the focused row and every line of its messages in view, wrapped ones without a second ✗', () => {
    const deep = press(open(), 'pagedown', 'pagedown', 'down', 'right', 'down', 'type:0');
    expect(focusedRow(deep.state)?.id).toBe('actions.0.stickyTimeout');
    const lines = renderRuleForm(deep.state, { lang: 'zh-CN', width: 60, height: 14 }).map(lineText);
    const at = lines.findIndex((l) => l.startsWith('› '));
    const messages = lines.slice(at + 1).filter((l) => /^ {20,}\S/.test(l));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]).toContain('✗');
    expect(messages.slice(1).join('')).not.toContain('✗');
    expect(messages.join('')).toContain('86400');
  });

  it('fits 80 columns and a short terminal, the focused row kept in view', () => {
    const deep = press(pathRule(), 'down');
    const lines = renderRuleForm(deep.state, { lang: 'zh-CN', width: 80, height: 12 }).map(lineText);
    expect(lines).toHaveLength(12);
    expect(lines.some((l) => l.startsWith('› '))).toBe(true);
  });
});

describe('where a rule goes', () => {
  it('names the connection and region on the review, in both languages', () => {
    const review = press(pathRule(), 'ctrl+s').state;
    const target = [{ profile: 'local', region: 'cn-shanghai' }];
    const shown = (lang: 'en' | 'zh-CN') =>
      renderRuleForm(review, { lang, width: 120, height: 40, target }).map(lineText);
    expect(shown('en')[1]).toContain('Review: the rule to create');
    expect(shown('en')).toContain('Target: local · cn-shanghai');
    expect(shown('zh-CN').join('\n')).toContain('目标：local · cn-shanghai');
  });
});
