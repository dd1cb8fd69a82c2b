import { describe, expect, it } from 'vitest';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { newDraft } from '../../source/domain/listener-draft.js';
import { lineText } from '../../source/ui/components/lines.js';
import { keyFromId } from '../../source/ui/keys.js';
import { renderApply } from '../../source/ui/profiles/apply-render.js';
import {
  applyKey,
  applyReducer,
  counts,
  initApply,
  type ApplyEffect,
  type ApplyState,
  type RowPlan,
} from '../../source/ui/profiles/apply-state.js';

const A = { id: 'alb-a', name: 'web-a' };
const B = { id: 'alb-b', name: '支付-b' };
const C = { id: 'alb-c', name: 'web-c' };

function request(loadBalancerId: string): CreateListenerRequest {
  return {
    loadBalancerId,
    listenerProtocol: 'HTTPS',
    listenerPort: 7443,
    listenerDescription: 'HTTPS_7443',
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-1' }] } },
    ],
  };
}

const CREATE = (id: string): RowPlan => ({
  status: 'planned',
  kind: 'create',
  summary: {
    en: 'HTTPS 7443 "HTTPS_7443" · cert *.example.com',
    'zh-CN': 'HTTPS 7443 "HTTPS_7443" · 证书 *.example.com',
  },
  request: request(id),
  draft: newDraft('HTTPS'),
  notes: [],
  rules: [],
});
const CLASH_MESSAGE = {
  en: 'Port 7443 is already used by HTTPS listener taken',
  'zh-CN': '端口 7443 已被 HTTPS 监听 taken 使用',
};
const CLASH: RowPlan = {
  status: 'planned',
  kind: 'clash',
  summary: { en: '', 'zh-CN': '' },
  existing: { listenerId: 'lsn-x', loadBalancerId: 'alb-b', protocol: 'HTTPS', port: 7443, name: 'taken' },
  message: CLASH_MESSAGE,
};

let tokens = 0;
function planned(readOnly = false): ApplyState {
  let state = initApply({
    profileName: 'web',
    instances: [A, B, C],
    readOnly,
    newClientToken: () => `token-${++tokens}`,
  });
  state = applyReducer(state, { type: 'profile-loaded' });
  state = applyReducer(state, { type: 'planned', instanceId: 'alb-a', plan: CREATE('alb-a') });
  state = applyReducer(state, { type: 'planned', instanceId: 'alb-b', plan: CLASH });
  return applyReducer(state, { type: 'planned', instanceId: 'alb-c', plan: CREATE('alb-c') });
}

function press(state: ApplyState, ...ids: string[]): ApplyState {
  return ids.reduce((s, id) => applyReducer(s, { type: 'key', press: keyFromId(id) }), state);
}

function effects(state: ApplyState): ApplyEffect[] {
  return state.effects.map((queued) => queued.effect);
}

function text(state: ApplyState, lang: 'en' | 'zh-CN' = 'en'): string {
  return renderApply(state, { lang, width: 110, height: 20 }).map(lineText).join('\n');
}

describe('applying a profile to many instances', () => {
  it('reads the profile, plans every instance, then waits for the user', () => {
    const start = initApply({ profileName: 'web', instances: [A, B], readOnly: false });
    expect(effects(start)).toEqual([{ kind: 'load-profile' }]);
    const planning = applyReducer(start, { type: 'profile-loaded' });
    expect(effects(planning)).toContainEqual({ kind: 'plan', instanceIds: ['alb-a', 'alb-b'] });
    expect(planning.phase).toBe('planning');
    const state = planned();
    expect(state.phase).toBe('review');
    expect(counts(state)).toMatchObject({ create: 2, skip: 1 });
    const shown = text(state);
    expect(shown).toContain('2 to create · 1 skipped');
    expect(shown).toContain('create HTTPS 7443');
    expect(shown).toContain('skip: Port 7443 is already used');
    expect(text(state, 'zh-CN')).toContain('将创建 2 个 · 跳过 1 个');
    expect(text(state, 'zh-CN')).toContain('创建 HTTPS 7443 "HTTPS_7443" · 证书 *.example.com');
  });

  it('says one instance and one listener in the singular', () => {
    let one = initApply({ profileName: 'web', instances: [A], readOnly: false });
    one = applyReducer(applyReducer(one, { type: 'profile-loaded' }), {
      type: 'planned',
      instanceId: 'alb-a',
      plan: CREATE('alb-a'),
    });
    expect(text(one)).toContain('Apply profile web to 1 instance\n');
    expect(text(one)).toContain('^S create 1 listener ·');
  });

  it('says when the profile is gone', () => {
    const gone = applyReducer(initApply({ profileName: 'web', instances: [A], readOnly: false }), {
      type: 'profile-missing',
      message: { en: 'Profile web is gone', 'zh-CN': '配置模板 web 不存在' },
    });
    expect(text(gone)).toContain('Profile web is gone');
    expect(effects(press(gone, 'escape'))).toContainEqual({ kind: 'close', to: 'profiles', applied: false });
  });

  it('creates only the planned ones, each with its own token, and skips the rest with the reason', () => {
    const running = press(planned(), 'ctrl+s');
    expect(running.phase).toBe('running');
    const creates = effects(running).filter((e) => e.kind === 'create');
    expect(creates.map((e) => e.kind === 'create' && e.instanceId)).toEqual(['alb-a', 'alb-c']);
    const tokensUsed = creates.map((e) => (e.kind === 'create' ? e.request.clientToken : ''));
    expect(new Set(tokensUsed).size).toBe(2);
    expect(running.rows[1]?.run).toMatchObject({ status: 'skipped', message: CLASH_MESSAGE });
  });

  it('refuses to run on a read-only connection, and when nothing can be created', () => {
    const readOnly = press(planned(true), 'ctrl+s');
    expect(readOnly.phase).toBe('review');
    expect(readOnly.notice?.message.en).toContain('read-only');
    expect(effects(readOnly).some((e) => e.kind === 'create')).toBe(false);
    let none = initApply({ profileName: 'web', instances: [B], readOnly: false });
    none = applyReducer(applyReducer(none, { type: 'profile-loaded' }), {
      type: 'planned',
      instanceId: 'alb-b',
      plan: CLASH,
    });
    expect(press(none, 'ctrl+s').notice?.message.en).toContain('Nothing to create');
  });

  it('keeps the user until every create has ended, then reports each', () => {
    let state = press(planned(), 'ctrl+s');
    expect(applyKey(state, keyFromId('escape')).used).toBe(true);
    expect(press(state, 'escape').notice?.message.en).toContain('wait');
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-a',
      run: { status: 'created', listenerId: 'lsn-a' },
    });
    expect(state.phase).toBe('running');
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-c',
      run: { status: 'failed', message: { en: 'cannot reach the endpoint', 'zh-CN': '无法连接端点' } },
    });
    expect(state.phase).toBe('done');
    const shown = text(state);
    expect(shown).toContain('1 created · 0 running · 1 failed · 1 skipped');
    expect(shown).toContain('created lsn-a · Running');
    expect(shown).toContain('failed: cannot reach the endpoint');
    expect(text(state, 'zh-CN')).toContain('失败：无法连接端点');
  });

  it('retries only the failed ones, with the same ClientToken (no duplicate can be made)', () => {
    let state = press(planned(), 'ctrl+s');
    const first = effects(state).find((e) => e.kind === 'create' && e.instanceId === 'alb-c');
    state = applyReducer(state, { type: 'effects-taken', upTo: state.nextEffectSeq });
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-a',
      run: { status: 'created', listenerId: 'lsn-a' },
    });
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-c',
      run: { status: 'failed', message: { en: 'timeout', 'zh-CN': '超时' } },
    });
    const retried = press(state, 'r');
    const again = effects(retried).filter((e) => e.kind === 'create');
    expect(again).toHaveLength(1);
    expect(again[0]).toEqual(first);
    expect(retried.rows[0]?.run?.status).toBe('created');
    expect(retried.rows[2]?.run?.status).toBe('queued');
  });

  it('goes back to the dashboard on the first listener created', () => {
    let state = press(planned(), 'ctrl+s');
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-a',
      run: { status: 'created', listenerId: 'lsn-a' },
    });
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-c',
      run: { status: 'created', listenerId: 'lsn-c' },
    });
    expect(effects(press(state, 'enter'))).toContainEqual({
      kind: 'close',
      to: 'listeners',
      applied: true,
      select: { loadBalancerId: 'alb-a', listenerId: 'lsn-a' },
    });
  });

  it('Esc from the results goes back to the profiles view, saying the marks are done with', () => {
    let state = press(planned(), 'ctrl+s');
    state = applyReducer(state, {
      type: 'run-status',
      instanceId: 'alb-a',
      run: { status: 'created', listenerId: 'lsn-a' },
    });
    state = applyReducer(state, { type: 'run-status', instanceId: 'alb-c', run: { status: 'failed' } });
    expect(state.phase).toBe('done');
    expect(effects(press(state, 'escape'))).toContainEqual({ kind: 'close', to: 'profiles', applied: true });
    expect(text(state)).toContain('Esc back to profiles');
  });

  it('Esc before running goes back to the profiles view, marks kept (nothing created)', () => {
    expect(applyKey(planned(), keyFromId('escape')).used).toBe(true);
    expect(effects(press(planned(), 'escape'))).toContainEqual({
      kind: 'close',
      to: 'profiles',
      applied: false,
    });
  });

  it('never creates on Enter (or y): it names Ctrl-S, the key that does', () => {
    const state = press(planned(), 'enter', 'y', 'enter');
    expect(state.phase).toBe('review');
    expect(effects(state).some((e) => e.kind === 'create')).toBe(false);
    expect(state.notice?.message.en).toBe('Enter does not create: press Ctrl-S to create 2 listeners.');
    expect(state.notice?.message['zh-CN']).toBe('Enter 不会创建：按 Ctrl-S 创建 2 个监听。');
    expect(text(planned())).toContain('^S create 2 listeners');
    expect(text(planned(), 'zh-CN')).toContain('^S 创建 2 个监听');
  });

  it('on a production connection creates only after the number of listeners is typed', () => {
    const production = { ...planned(), production: true };
    let state = press(production, 'ctrl+s');
    expect(state.confirm).toEqual({ text: '', wrong: false });
    expect(text(state)).toContain('Production connection. Type 2 (the number of listeners to create)');
    expect(text(state, 'zh-CN')).toContain('生产环境连接。请输入 2（将创建的监听数）并按 Enter');
    state = press(state, 'x', '3', 'enter');
    expect(state.confirm).toEqual({ text: '3', wrong: true });
    expect(text(state)).toContain('nothing was sent');
    expect(effects(state).some((e) => e.kind === 'create')).toBe(false);
    expect(press(state, 'escape').confirm).toBeUndefined();
    expect(press(state, 'escape').phase).toBe('review');
    state = press(state, 'backspace', '2', 'enter');
    expect(state.phase).toBe('running');
    expect(effects(state).filter((e) => e.kind === 'create')).toHaveLength(2);
  });
});

describe('where applying a profile goes', () => {
  it('names every connection and region of the marked instances under the tally, in both languages', () => {
    const target = [
      { profile: 'local', region: 'cn-hangzhou' },
      { profile: 'local', region: 'cn-shanghai' },
    ];
    const shown = (lang: 'en' | 'zh-CN') =>
      renderApply(planned(), { lang, width: 110, height: 20, target }).map(lineText);
    expect(shown('en')[2]).toContain('Targets: local · cn-hangzhou, local · cn-shanghai');
    expect(shown('zh-CN')[2]).toContain('目标：local · cn-hangzhou, local · cn-shanghai');
  });
});
