// Applying a profile to existing listeners: the plan per listener, the run (one ClientToken per
// listener, reused on retry; followed back to Running or Stopped), the results, and how it reads.
import { describe, expect, it } from 'vitest';
import type { ListenerDiff } from '../../source/domain/listener-diff.js';
import { lineText } from '../../source/ui/components/lines.js';
import { keyFromId } from '../../source/ui/keys.js';
import { renderUpdate } from '../../source/ui/profiles/update-render.js';
import {
  initUpdate,
  updateCounts,
  updateKey,
  updateReducer,
  type ListenerRef,
  type UpdateEffect,
  type UpdateRowPlan,
  type UpdateState,
} from '../../source/ui/profiles/update-state.js';

const A: ListenerRef = {
  id: 'lsn-a',
  loadBalancerId: 'alb-web',
  label: 'HTTPS 443 web',
  instanceName: 'web',
};
const B: ListenerRef = {
  id: 'lsn-b',
  loadBalancerId: 'alb-pay',
  label: 'HTTPS 8443 支付',
  instanceName: '支付',
};
const C: ListenerRef = {
  id: 'lsn-c',
  loadBalancerId: 'alb-web',
  label: 'HTTPS 9443 api',
  instanceName: 'web',
};

function diff(listenerId: string): ListenerDiff {
  return {
    changes: [
      { field: 'idleTimeout', parameter: 'idleTimeout', before: 15, after: 45 },
      { field: 'certificateId', parameter: 'certificates', before: '1-cn-hangzhou', after: '2-cn-hangzhou' },
    ],
    request: { listenerId, idleTimeout: 45, certificates: [{ certificateId: '2-cn-hangzhou' }] },
  };
}

const UPDATE = (id: string, stopped = false): UpdateRowPlan => ({
  status: 'planned',
  kind: 'update',
  diff: diff(id),
  notes: [],
  names: { '1-cn-hangzhou': 'old.example.com', '2-cn-hangzhou': '*.example.com' },
  ...(stopped ? { stopped } : {}),
});
const BLOCKED: UpdateRowPlan = {
  status: 'planned',
  kind: 'blocked',
  problems: [
    {
      en: 'Server certificate: no certificate for nowhere.example.org',
      'zh-CN': '服务器证书：没有 nowhere.example.org 的证书',
    },
  ],
};

let tokens = 0;
function planned(options: { readOnly?: boolean; production?: boolean; c?: UpdateRowPlan } = {}): UpdateState {
  let state = initUpdate({
    profileName: 'web',
    listeners: [A, B, C],
    readOnly: options.readOnly ?? false,
    production: options.production ?? false,
    newClientToken: () => `token-${++tokens}`,
  });
  state = updateReducer(state, { type: 'profile-loaded' });
  state = updateReducer(state, { type: 'planned', listenerId: 'lsn-a', plan: UPDATE('lsn-a') });
  state = updateReducer(state, { type: 'planned', listenerId: 'lsn-b', plan: UPDATE('lsn-b', true) });
  return updateReducer(state, { type: 'planned', listenerId: 'lsn-c', plan: options.c ?? BLOCKED });
}

function press(state: UpdateState, ...ids: string[]): UpdateState {
  return ids.reduce((s, id) => updateReducer(s, { type: 'key', press: keyFromId(id) }), state);
}

function effects(state: UpdateState): UpdateEffect[] {
  return state.effects.map((queued) => queued.effect);
}

function updates(state: UpdateState) {
  return effects(state).filter((e): e is Extract<UpdateEffect, { kind: 'update' }> => e.kind === 'update');
}

function screen(state: UpdateState, lang: 'en' | 'zh-CN' = 'en', width = 120, height = 30): string {
  return renderUpdate(state, { lang, width, height }).map(lineText).join('\n');
}

describe('planning', () => {
  it('reads the profile, then plans every listener, and reviews once all are planned', () => {
    let state = initUpdate({ profileName: 'web', listeners: [A, B], readOnly: false });
    expect(effects(state)).toEqual([{ kind: 'load-profile' }]);
    state = updateReducer(state, { type: 'profile-loaded' });
    expect(state.phase).toBe('planning');
    expect(effects(state)).toContainEqual({ kind: 'plan', listenerIds: ['lsn-a', 'lsn-b'] });
    state = updateReducer(state, { type: 'planned', listenerId: 'lsn-a', plan: UPDATE('lsn-a') });
    expect(state.phase).toBe('planning');
    state = updateReducer(state, {
      type: 'planned',
      listenerId: 'lsn-b',
      plan: { status: 'planned', kind: 'same' },
    });
    expect(state.phase).toBe('review');
    expect(updateCounts(state)).toMatchObject({ update: 1, same: 1, blocked: 0 });
  });

  it('gives each listener its own ClientToken', () => {
    const state = planned();
    const seen = new Set(state.rows.map((row) => row.clientToken));
    expect(seen.size).toBe(3);
  });

  it('shows each plan as old → new with names, the blocked reason, and the scope', () => {
    const text = screen(planned());
    expect(text).toContain('Apply profile web to 3 listeners');
    expect(text).toContain('2 to change · 0 already as the profile · 1 cannot');
    expect(text).toContain('protocol, port and name stay');
    expect(text).toMatch(/HTTPS 443 web\s+2 changes: Idle timeout.* 15 → 45/);
    expect(text).toContain('old.example.com (1-cn-hangzhou) → *.example.com (2-cn-hangzhou)');
    expect(text).toContain('cannot: Server certificate: no certificate for nowhere.example.org');
    // The selected listener in full: each change on its line, what is sent, its token.
    expect(text).toContain('Will change (old → new):');
    expect(text).toContain('Sent: idleTimeout, certificates');
    expect(text).toMatch(/ClientToken token-\d+ \(the same on every retry\)/);
    expect(text).toContain('^S change 2 listeners');
  });

  it('reads in Simplified Chinese', () => {
    const text = screen(planned(), 'zh-CN');
    expect(text).toContain('将配置模板 web 应用到 3 个监听');
    expect(text).toContain('2 个待修改 · 0 个已与模板一致 · 1 个无法修改');
    expect(text).toContain('无法修改：服务器证书：没有 nowhere.example.org 的证书');
    expect(text).toContain('^S 修改 2 个监听');
  });

  it('fits 80×24 with no line wider than the screen', () => {
    const lines = renderUpdate(planned(), { lang: 'zh-CN', width: 80, height: 24 });
    expect(lines).toHaveLength(24);
  });
});

describe('running', () => {
  it('never runs on Enter: it names Ctrl-S', () => {
    const state = press(planned(), 'enter');
    expect(updates(state)).toEqual([]);
    expect(state.notice?.message.en).toBe(
      'Enter does not change anything: press Ctrl-S to change 2 listeners.',
    );
  });

  it('on Ctrl-S sends each changeable listener its diff with its own token, following it back to where it was', () => {
    const before = planned();
    const state = press(before, 'ctrl+s');
    expect(state.phase).toBe('running');
    expect(updates(state)).toEqual([
      {
        kind: 'update',
        listenerId: 'lsn-a',
        request: diff('lsn-a').request,
        clientToken: before.rows[0]!.clientToken,
        until: 'Running',
      },
      {
        kind: 'update',
        listenerId: 'lsn-b',
        request: diff('lsn-b').request,
        clientToken: before.rows[1]!.clientToken,
        until: 'Stopped',
      },
    ]);
    expect(state.rows[2]!.run).toMatchObject({ status: 'skipped' });
    expect(press(state, 'escape').notice?.message.en).toBe('Changes are running: wait for their results.');
  });

  it('refuses on a read-only connection, sending nothing', () => {
    const state = press(planned({ readOnly: true }), 'ctrl+s');
    expect(updates(state)).toEqual([]);
    expect(state.phase).toBe('review');
    expect(state.notice?.message.en).toContain('read-only');
  });

  it('asks a production connection to type how many, and runs only on the right number', () => {
    let state = press(planned({ production: true }), 'ctrl+s');
    expect(state.confirm).toEqual({ text: '', wrong: false });
    expect(screen(state)).toContain('Type 2 (the number of listeners to change)');
    state = press(state, '3', 'enter');
    expect(state.confirm?.wrong).toBe(true);
    expect(updates(state)).toEqual([]);
    state = press(state, 'backspace', 'x', '2');
    expect(state.confirm?.text).toBe('2');
    state = press(state, 'enter');
    expect(updates(state)).toHaveLength(2);
  });

  it('says there is nothing to change when every listener is as the profile or blocked', () => {
    let state = initUpdate({ profileName: 'web', listeners: [A], readOnly: false });
    state = updateReducer(state, { type: 'profile-loaded' });
    state = updateReducer(state, {
      type: 'planned',
      listenerId: 'lsn-a',
      plan: { status: 'planned', kind: 'same' },
    });
    state = press(state, 'ctrl+s');
    expect(updates(state)).toEqual([]);
    expect(state.notice?.message.en).toContain('No listener to change');
  });
});

describe('results and retry', () => {
  function ran(): UpdateState {
    let state = press(planned(), 'ctrl+s');
    state = updateReducer(state, { type: 'effects-taken', upTo: state.nextEffectSeq });
    state = updateReducer(state, { type: 'run-status', listenerId: 'lsn-a', run: { status: 'updating' } });
    state = updateReducer(state, {
      type: 'run-status',
      listenerId: 'lsn-a',
      run: { status: 'configuring', listenerStatus: 'Configuring' },
    });
    expect(screen(state)).toContain('Configuring…');
    state = updateReducer(state, {
      type: 'run-status',
      listenerId: 'lsn-a',
      run: { status: 'updated', listenerStatus: 'Running' },
    });
    expect(state.phase).toBe('running');
    return updateReducer(state, {
      type: 'run-status',
      listenerId: 'lsn-b',
      run: { status: 'failed', message: { en: 'Throttling: try later', 'zh-CN': '请求被限流' } },
    });
  }

  it('ends with a result per listener and the tally', () => {
    const state = ran();
    expect(state.phase).toBe('done');
    const text = screen(state);
    expect(text).toContain('1 changed · 0 running · 1 failed · 1 skipped');
    expect(text).toContain('✓ HTTPS 443 web');
    expect(text).toContain('changed · Running');
    expect(text).toContain('failed: Throttling: try later');
    expect(text).toContain('r retry the failed ones (same ClientToken)');
  });

  it('r retries only the failed ones, with the token they had', () => {
    const done = ran();
    const retried = press(done, 'r');
    expect(updates(retried)).toEqual([
      {
        kind: 'update',
        listenerId: 'lsn-b',
        request: diff('lsn-b').request,
        clientToken: done.rows[1]!.clientToken,
        until: 'Stopped',
      },
    ]);
    expect(retried.rows[0]!.run?.status).toBe('updated');
  });

  it('Enter goes to the listeners with the first changed one selected; Esc to profiles; both unmark', () => {
    const done = ran();
    expect(effects(press(done, 'enter')).at(-1)).toEqual({
      kind: 'close',
      to: 'listeners',
      applied: true,
      select: { loadBalancerId: 'alb-web', listenerId: 'lsn-a' },
    });
    expect(effects(press(done, 'escape')).at(-1)).toMatchObject({
      kind: 'close',
      to: 'profiles',
      applied: true,
    });
    // Leaving before running: nothing was applied, the marks stay.
    expect(effects(press(planned(), 'escape')).at(-1)).toEqual({
      kind: 'close',
      to: 'profiles',
      applied: false,
    });
  });

  it('leaves the keys it does not use to the root', () => {
    expect(updateKey(planned(), keyFromId('?')).used).toBe(false);
    expect(updateKey(planned(), keyFromId('down')).used).toBe(true);
  });
});

describe('where a profile update goes', () => {
  it('names the connection and region under the tally of the typed confirmation, in both languages', () => {
    const state = planned({ production: true });
    const target = [{ profile: 'prod', region: 'cn-beijing' }];
    const shown = (lang: 'en' | 'zh-CN') =>
      renderUpdate(state, { lang, width: 120, height: 30, target }).map(lineText).join('\n');
    expect(shown('en')).toContain('Target: prod · cn-beijing');
    expect(shown('zh-CN')).toContain('目标：prod · cn-beijing');
  });
});
