// The rules pane's reducer without Ink: the list (summary lines, default last, filter, sort, windowed),
// moving a rule (plan, confirmation, calls), marks, bulk delete and copy (clashes said before sending),
// the results of a run, and the entry points to the rule form.
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../source/domain/rule-types.js';
import { selectedRow } from '../../../source/ui/dashboard/list-model.js';
import {
  actedOn,
  clashReason,
  copyChoices,
  planCopy,
  renumberClashes,
  type RulesState,
} from '../../../source/ui/rules/rules-state.js';
import { DEFAULT_ROW_ID } from '../../../source/ui/rules/rules-rows.js';
import { act, demoRules, forward, loaded, path, press, rule, type } from './fixtures.js';

const ids = (state: RulesState) => state.model.matches.map((row) => row.id);
const selectedId = (state: RulesState) => selectedRow(state.model)?.id;

describe('the list', () => {
  it('shows each rule in one summary line, by priority, the default action last', () => {
    const state = loaded(demoRules());
    expect(ids(state)).toEqual(['rule-10', 'rule-20', 'rule-30', 'rule-40', DEFAULT_ROW_ID]);
    const [canary, , redirect, fixed, fallback] = state.model.matches;
    expect(canary!.summary.en).toBe('Host api.example.com · Path /v2/* → 80% sg-api-v2, 20% sg-api-v1');
    expect(canary!.summary['zh-CN']).toBe('域名 api.example.com · 路径 /v2/* → 80% sg-api-v2, 20% sg-api-v1');
    expect(redirect!.summary.en).toBe(
      'Host *.example.com → redirect 301 https://${host}:443${path}?${query}',
    );
    expect(fixed!.summary.en).toBe('Path /maintenance → fixed 503 “down for maintenance”');
    expect(fallback!.summary.en).toBe('any request no rule takes → sg-web');
  });

  it('makes names and values from the API safe for the terminal', () => {
    const state = loaded([rule(5, 'evil\x1b]52;c;aGk=\x07name', [path('/a\x1b[2J')], [forward(['sgp-x'])])]);
    const row = state.model.matches[0]!;
    expect(row.name).toBe('evilname');
    expect(row.summary.en).not.toContain('\x1b');
  });

  it('filters as typed (priority, name, summary, Chinese too); Esc clears', () => {
    let state = press(loaded(demoRules()), '/', ...type('维护')).state;
    expect(ids(state)).toEqual(['rule-40']);
    state = press(state, 'backspace', 'backspace', ...type('20')).state;
    expect(ids(state)).toEqual(['rule-10', 'rule-20']);
    state = press(state, 'escape').state;
    expect(state.filtering).toBe(false);
    expect(ids(state)).toHaveLength(5);
  });

  it('a kept filter is cleared by Esc before Esc leaves the pane', () => {
    let step = press(loaded(demoRules()), '/', ...type('static'), 'enter');
    expect(ids(step.state)).toEqual(['rule-20']);
    step = press(step.state, 'escape');
    expect(step.used).toBe(true);
    expect(ids(step.state)).toHaveLength(5);
    expect(press(step.state, 'escape').used).toBe(false);
  });

  it('sorts by name and status (again: the other way), the default action staying last', () => {
    // The collator of the dashboard's sort: Chinese names by pinyin, before Latin ones.
    let state = press(loaded(demoRules()), 'N').state;
    expect(ids(state)).toEqual(['rule-40', 'rule-10', 'rule-30', 'rule-20', DEFAULT_ROW_ID]);
    state = press(state, 'N').state;
    expect(ids(state)).toEqual(['rule-20', 'rule-30', 'rule-10', 'rule-40', DEFAULT_ROW_ID]);
    const busy = demoRules().map((r) =>
      r.priority === 30 ? { ...r, ruleStatus: 'Provisioning' as const } : r,
    );
    state = press(loaded(busy), 'S').state;
    expect(ids(state)).toEqual(['rule-10', 'rule-20', 'rule-40', 'rule-30', DEFAULT_ROW_ID]);
    state = press(state, 'P').state;
    expect(ids(state)[0]).toBe('rule-10');
  });

  it('a new sort reorders the rows it has: no summary is worked out again', () => {
    const before = loaded(demoRules());
    const after = press(before, 'N').state;
    expect(ids(after)).not.toEqual(ids(before));
    for (const row of after.model.rows)
      expect(row).toBe(before.model.rows.find((candidate) => candidate.id === row.id));
  });

  it('is windowed: 1,000 rules move and page like ten, only the window in view', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      rule(i + 1, `r${i + 1}`, [path(`/p${i}`)], [forward(['sgp-web'])]),
    );
    let state = loaded(many);
    state = press(state, 'pagedown', 'pagedown').state;
    expect(selectedId(state)).toBe('rule-21');
    expect(state.model.offset).toBe(20);
    state = press(state, 'G').state;
    expect(selectedId(state)).toBe(DEFAULT_ROW_ID);
    expect(state.model.offset).toBe(1001 - 10);
    state = act(state, { type: 'resize', height: 4 }).state;
    state = press(state, 'g').state;
    expect(state.model.offset).toBe(0);
  });

  it('keeps the selection by ID when the rules are read again', () => {
    let state = press(loaded(demoRules()), 'j', 'j').state;
    expect(selectedId(state)).toBe('rule-30');
    state = act(state, {
      type: 'loaded',
      rules: [rule(5, 'new', [path('/n')], [forward(['sgp-web'])]), ...demoRules()],
      names: new Map(),
      defaultGroupIds: [],
    }).state;
    expect(selectedId(state)).toBe('rule-30');
  });
});

describe('moving a rule', () => {
  it('K into a gap plans one change, shown; ^S sends it', () => {
    let step = press(loaded(demoRules()), 'j', 'j', 'K');
    const mode = step.state.mode;
    expect(mode.kind).toBe('move');
    if (mode.kind !== 'move') return;
    expect(mode.changes).toEqual([{ ruleId: 'rule-30', from: 30, to: 15 }]);
    step = press(step.state, 'ctrl+s');
    expect(step.state.mode.kind).toBe('running');
    expect(step.effects).toEqual([{ kind: 'run-move', calls: [[{ ruleId: 'rule-30', from: 30, to: 15 }]] }]);
  });

  it('Shift+↓ moves down like J', () => {
    const shiftDown = { kind: 'special', name: 'down', ctrl: false, meta: false, shift: true } as const;
    const mode = press(loaded(demoRules()), shiftDown).state.mode;
    expect(mode.kind === 'move' && mode.changes).toEqual([{ ruleId: 'rule-10', from: 10, to: 25 }]);
  });

  it('a dense run of 25 rules: the fewest renumbered, sent 10 a call', () => {
    const dense = Array.from({ length: 25 }, (_, i) =>
      rule(i + 1, `d${i}`, [path(`/${i}`)], [forward(['sgp-web'])]),
    );
    const step = press(loaded(dense, { height: 30 }), 'G', 'k', 'K');
    const mode = step.state.mode;
    if (mode.kind !== 'move') throw new Error(mode.kind);
    expect(mode.changes).toHaveLength(1);
    expect(mode.calls.every((call) => call.length <= 10)).toBe(true);
  });

  it('Esc leaves the plan, nothing sent', () => {
    const step = press(loaded(demoRules()), 'J', 'escape');
    expect(step.state.mode.kind).toBe('list');
    expect(step.effects).toEqual([]);
  });

  it('production: the count is typed; a wrong count sends nothing', () => {
    let step = press(loaded(demoRules(), { production: true }), 'J', 'ctrl+s');
    expect(step.state.mode.kind === 'move' && step.state.mode.confirm).toEqual({ text: '', wrong: false });
    step = press(step.state, '2', 'enter');
    expect(step.state.mode.kind === 'move' && step.state.mode.confirm?.wrong).toBe(true);
    expect(step.effects).toEqual([]);
    step = press(step.state, 'backspace', '1', 'enter');
    expect(step.effects.map((effect) => effect.kind)).toEqual(['run-move']);
  });

  it('refuses what cannot move: the default action, the ends, another sort, read-only, a busy rule', () => {
    expect(press(loaded(demoRules()), 'G', 'K').state.notice?.text.en).toMatch(
      /default action always comes last/,
    );
    expect(press(loaded(demoRules()), 'K').state.notice?.text.en).toBe('Already at the top.');
    expect(press(loaded(demoRules()), 'N', 'J').state.notice?.text.en).toMatch(/press P to sort by priority/);
    expect(press(loaded(demoRules(), { readOnly: true }), 'J').state.notice?.text.en).toMatch(/read-only/);
    const busy = demoRules();
    busy[1] = { ...busy[1]!, ruleStatus: 'Configuring' };
    // rule-10 moves down past rule-20 into the gap: only rule-10 changes, so rule-20 being busy is fine…
    expect(press(loaded(busy), 'J').state.mode.kind).toBe('move');
    // …but moving rule-20 itself waits.
    expect(press(loaded(busy), 'j', 'J').state.notice?.text.en).toMatch(/still Configuring/);
  });

  it('moves a Request rule past its Request neighbour, over a Response rule in between', () => {
    const rules = [
      rule(10, 'a', [path('/a')], [forward(['sgp-web'])]),
      rule(11, 'resp', [], [forward(['sgp-web'])], { direction: 'Response' }),
      rule(12, 'b', [path('/b')], [forward(['sgp-web'])]),
    ];
    const mode = press(loaded(rules), 'j', 'K').state.mode;
    expect(mode.kind).toBe('move');
    if (mode.kind !== 'move') return;
    // b goes before a; whatever is renumbered, no priority is shared with the Response rule.
    const after = new Map(rules.map((r) => [r.ruleId, r.priority]));
    for (const change of mode.changes) after.set(change.ruleId, change.to);
    expect(after.get('rule-12')!).toBeLessThan(after.get('rule-10')!);
    expect(new Set(after.values()).size).toBe(3);
  });
});

describe('marks and bulk delete', () => {
  it('Space marks and moves down; not on the default action', () => {
    let state = press(loaded(demoRules()), ' ', ' ').state;
    expect([...state.marked]).toEqual(['rule-10', 'rule-20']);
    expect(selectedId(state)).toBe('rule-30');
    state = press(state, 'G', ' ').state;
    expect(state.marked.size).toBe(2);
    expect(state.notice?.text.en).toMatch(/cannot be marked/);
  });

  it('^D lists the marked rules and y deletes them; Esc then clears the marks', () => {
    let step = press(loaded(demoRules()), ' ', 'j', ' ', 'ctrl+d');
    const mode = step.state.mode;
    expect(mode.kind === 'delete' && mode.rules.map((r) => r.ruleId)).toEqual(['rule-10', 'rule-30']);
    step = press(step.state, 'y');
    expect(step.effects).toEqual([{ kind: 'run-delete', ruleIds: ['rule-10', 'rule-30'] }]);
    step = act(step.state, { type: 'run-event', index: 0, phase: 'done' });
    step = act(step.state, { type: 'run-ended' });
    step = press(step.state, 'enter');
    expect(step.state.marked.size).toBe(0);
    expect(step.effects).toEqual([{ kind: 'load' }]);
  });

  it('with nothing marked, acts on the selected rule', () => {
    expect(actedOn(press(loaded(demoRules()), 'j').state).map((r) => r.ruleId)).toEqual(['rule-20']);
  });

  it('production: the number of rules is typed before anything is deleted', () => {
    let step = press(loaded(demoRules(), { production: true }), ' ', ' ', 'ctrl+d', 'y');
    expect(step.effects).toEqual([]);
    step = press(step.state, '2', 'enter');
    expect(step.effects.map((effect) => effect.kind)).toEqual(['run-delete']);
  });

  it('read-only refuses', () => {
    expect(press(loaded(demoRules(), { readOnly: true }), 'ctrl+d').state.mode.kind).toBe('list');
  });

  it('per-rule results: failed ones say why', () => {
    let step = press(loaded(demoRules()), ' ', ' ', 'ctrl+d', 'y');
    step = act(step.state, { type: 'run-event', index: 0, phase: 'done' });
    step = act(step.state, {
      type: 'run-event',
      index: 1,
      phase: 'failed',
      reason: { en: 'busy', 'zh-CN': '忙' },
    });
    const mode = step.state.mode;
    expect(mode.kind === 'running' && mode.items.map((item) => item.phase)).toEqual(['done', 'failed']);
    expect(mode.kind === 'running' && mode.items[1]!.reason?.en).toBe('busy');
    // Keys wait while the run goes on.
    expect(press(step.state, 'escape').state.mode.kind).toBe('running');
  });
});

describe('copy to other listeners', () => {
  function planned(targetRules: Rule[]) {
    let step = press(loaded(demoRules()), ' ', ' ', 'c');
    expect(step.state.mode.kind).toBe('copy-pick');
    step = press(step.state, ' ', 'enter');
    expect(step.effects).toEqual([{ kind: 'plan-copy', targets: ['lsn-api-443'] }]);
    return act(step.state, {
      type: 'copy-planned',
      targets: [{ listenerId: 'lsn-api-443', rules: targetRules }],
    });
  }

  it('offers the other listeners only, filtered as typed', () => {
    const step = press(loaded(demoRules()), 'c', ...type('80'));
    const mode = step.state.mode;
    if (mode.kind !== 'copy-pick') throw new Error(mode.kind);
    expect(copyChoices(step.state, mode.filter).map((target) => target.id)).toEqual(['lsn-web-80']);
    expect(copyChoices(step.state, '').map((target) => target.id)).toEqual(['lsn-api-443', 'lsn-web-80']);
  });

  it('says each priority clash with the rule that holds it, and sends only the others', () => {
    const holder = { ...rule(20, 'api-static', [path('/s')], [forward(['sgp-web'])]), ruleId: 'rule-held' };
    let step = planned([holder]);
    const mode = step.state.mode;
    if (mode.kind !== 'copy-plan') throw new Error(mode.kind);
    expect(mode.entries.map((entry) => entry.clash)).toEqual([
      undefined,
      { holderName: 'api-static', holderId: 'rule-held' },
    ]);
    step = press(step.state, 'ctrl+s');
    expect(step.effects).toHaveLength(1);
    const effect = step.effects[0]!;
    expect(effect.kind === 'run-copy' && effect.targets.map((t) => t.specs.map((s) => s.priority))).toEqual([
      [10],
    ]);
  });

  it('f renumbers clashing rules to free priorities after their own', () => {
    const taken = [20, 21, 22].map((p) => ({
      ...rule(p, `t${p}`, [path('/t')], [forward(['sgp-web'])]),
      ruleId: `t-${p}`,
    }));
    const step = press(planned(taken).state, 'f');
    const mode = step.state.mode;
    if (mode.kind !== 'copy-plan') throw new Error(mode.kind);
    expect(mode.entries.map((entry) => [entry.priority, entry.clash === undefined])).toEqual([
      [10, true],
      [23, true],
    ]);
  });

  it('with every rule clashing, ^S says so instead of sending nothing', () => {
    const all = [10, 20].map((p) => ({
      ...rule(p, `t${p}`, [path('/t')], [forward(['sgp-web'])]),
      ruleId: `t-${p}`,
    }));
    const step = press(planned(all).state, 'ctrl+s');
    expect(step.effects).toEqual([]);
    expect(step.state.notice?.text.en).toMatch(/every rule clashes/);
  });

  it('Enter with no listener picked asks for one', () => {
    expect(press(loaded(demoRules()), 'c', 'enter').state.notice?.text.en).toMatch(/at least one listener/);
  });

  it('planCopy and renumberClashes keep the copied rules apart from each other', () => {
    const rules = [rule(5, 'a', [], []), rule(6, 'b', [], [])];
    const entries = planCopy(rules, [
      { listenerId: 'x', rules: [rule(5, 'held', [], []), rule(6, 'held2', [], [])] },
    ]);
    const fixed = renumberClashes(entries, new Map([['x', [rule(5, 'h', [], []), rule(6, 'h2', [], [])]]]));
    expect(fixed.map((entry) => entry.priority)).toEqual([7, 8]);
  });
});

describe('entry points and helpers', () => {
  it('n, e and E open the rule form on a view id, with the listener and the rule', () => {
    expect(press(loaded(demoRules()), 'n').effects).toEqual([
      { kind: 'open-form', listenerId: 'lsn-web-443' },
    ]);
    expect(press(loaded(demoRules()), 'j', 'e').effects).toEqual([
      { kind: 'open-form', listenerId: 'lsn-web-443', ruleId: 'rule-20' },
    ]);
    expect(press(loaded(demoRules()), 'E').effects).toEqual([
      { kind: 'open-form', listenerId: 'lsn-web-443', ruleId: 'rule-10', asText: true },
    ]);
    expect(press(loaded(demoRules()), 'G', 'e').effects).toEqual([]);
  });

  it('y copies the rule ID; keys it does not know go to the root', () => {
    expect(press(loaded(demoRules()), 'y').effects).toEqual([{ kind: 'copy', text: 'rule-10' }]);
    expect(press(loaded(demoRules()), '?').used).toBe(false);
    expect(press(loaded(demoRules()), ':').used).toBe(false);
  });

  it('a priority clash from the API names the rule holding it', () => {
    const reason = { en: 'Conflict', 'zh-CN': '冲突' };
    expect(clashReason(demoRules(), 20, reason, 'Conflict.Priority').en).toBe(
      'priority 20 is held by “static” (rule-20)',
    );
    expect(clashReason(demoRules(), 20, reason, 'Other')).toBe(reason);
  });
});
