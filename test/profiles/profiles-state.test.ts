import { describe, expect, it } from 'vitest';
import { keyFromId, type KeyPress } from '../../source/ui/keys.js';
import { renderProfiles } from '../../source/ui/profiles/profiles-render.js';
import {
  initProfiles,
  profilesKey,
  profilesReducer,
  selectedProfile,
  visibleProfiles,
  type ProfilesEffect,
  type ProfilesState,
} from '../../source/ui/profiles/profiles-state.js';
import { lineText } from '../../source/ui/components/lines.js';
import { listenerProfileSchema, type ListenerProfile } from '../../source/store/schema.js';
import { sampleProfile } from '../store/fixtures/profiles.js';

const ROWS = 5;
const WEB = { id: 'alb-web', name: 'web-prod' };

function saved(
  name: string,
  overrides: Parameters<typeof sampleProfile>[1] = {},
  description?: string,
): ListenerProfile {
  const input = sampleProfile(name, overrides);
  return listenerProfileSchema.parse({
    ...input,
    description: description ?? input.description,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
  });
}

const PROFILES = [
  saved('web-https', { port: 443 }, 'public web'),
  saved('api-8443', { port: 8443 }, '接口服务'),
  saved('admin', { port: 9443 }, 'admin console'),
];

function loaded(options: { target?: typeof WEB; marked?: (typeof WEB)[] } = { target: WEB }): ProfilesState {
  return profilesReducer(initProfiles(options), { type: 'loaded', profiles: PROFILES });
}

function press(state: ProfilesState, ...ids: string[]): ProfilesState {
  return ids.reduce((s, id) => profilesReducer(s, { type: 'key', press: keyFromId(id), rows: ROWS }), state);
}

function type(state: ProfilesState, text: string): ProfilesState {
  const paste: KeyPress = { kind: 'paste', text };
  return profilesReducer(state, { type: 'key', press: paste, rows: ROWS });
}

function effects(state: ProfilesState): ProfilesEffect[] {
  return state.effects.map((queued) => queued.effect);
}

describe('the profiles view state', () => {
  it('loads on start and lists by name', () => {
    const start = initProfiles({});
    expect(effects(start)).toEqual([{ kind: 'load' }]);
    const state = loaded();
    expect(state.status).toBe('ready');
    expect(visibleProfiles(state).map((p) => p.name)).toEqual(['admin', 'api-8443', 'web-https']);
  });

  it('moves, and filters on name, description (Chinese too), protocol and port', () => {
    expect(selectedProfile(press(loaded(), 'down', 'down', 'down'))?.name).toBe('web-https');
    expect(selectedProfile(press(loaded(), 'G', 'g'))?.name).toBe('admin');
    const filtered = type(press(loaded(), '/'), '接口');
    expect(visibleProfiles(filtered).map((p) => p.name)).toEqual(['api-8443']);
    expect(visibleProfiles(type(press(loaded(), '/'), 'HTTPS:9443')).map((p) => p.name)).toEqual(['admin']);
    const kept = press(filtered, 'enter');
    expect(kept.filtering).toBe(false);
    expect(kept.filter).toBe('接口');
    expect(press(kept, 'escape').filter).toBe('');
  });

  it('leaves Esc, q and ? to the root when there is nothing to undo', () => {
    const state = loaded();
    expect(profilesKey(state, keyFromId('escape'), ROWS).used).toBe(false);
    expect(profilesKey(state, keyFromId('q'), ROWS).used).toBe(false);
    expect(profilesKey(state, keyFromId('?'), ROWS).used).toBe(false);
    expect(profilesKey(press(state, '/'), keyFromId('q'), ROWS).used).toBe(true);
  });

  it('opens the wizard from the profile on the dashboard’s instance, and says when there is none', () => {
    expect(effects(press(loaded(), 'c'))).toContainEqual({
      kind: 'new-listener',
      profile: 'admin',
      instance: WEB,
    });
    expect(effects(press(loaded(), 'enter'))).toContainEqual({
      kind: 'new-listener',
      profile: 'admin',
      instance: WEB,
    });
    const none = press(loaded({}), 'c');
    expect(effects(none)).toEqual([{ kind: 'load' }]);
    expect(none.notice?.message.en).toContain('Select an instance');
  });

  it('applies to the marked instances, or the selected one when none are marked', () => {
    const pay = { id: 'alb-pay', name: '支付' };
    expect(effects(press(loaded({ target: WEB, marked: [WEB, pay] }), 'a'))).toContainEqual({
      kind: 'apply',
      profile: 'admin',
      instances: [WEB, pay],
    });
    expect(effects(press(loaded(), 'a'))).toContainEqual({
      kind: 'apply',
      profile: 'admin',
      instances: [WEB],
    });
  });

  it('renames through a prompt that refuses an empty name and shows the store’s refusal under it', () => {
    let state = press(loaded(), 'r');
    expect(state.prompt).toMatchObject({ kind: 'rename', from: 'admin', text: 'admin' });
    state = press(state, 'ctrl+u', 'enter');
    expect(state.prompt).toMatchObject({ kind: 'rename', error: { en: 'Write a name.' } });
    state = press(type(state, 'ops'), 'enter');
    expect(state.busy).toBe(true);
    expect(effects(state)).toContainEqual({ kind: 'rename', from: 'admin', to: 'ops' });
    expect(profilesKey(state, keyFromId('j'), ROWS)).toMatchObject({ used: true, state });
    const refused = profilesReducer(state, {
      type: 'failed',
      message: { en: 'A profile named ops exists', 'zh-CN': '已存在' },
    });
    expect(refused.busy).toBe(false);
    expect(refused.prompt).toMatchObject({
      kind: 'rename',
      text: 'ops',
      error: { en: 'A profile named ops exists' },
    });
    const renamed = profilesReducer(refused, {
      type: 'done',
      message: { en: 'Renamed admin to ops.', 'zh-CN': '已重命名' },
      profiles: [saved('ops', { port: 9443 }), ...PROFILES.slice(0, 2)],
      select: 'ops',
    });
    expect(renamed.prompt).toBeUndefined();
    expect(selectedProfile(renamed)?.name).toBe('ops');
    expect(renamed.notice?.message.en).toBe('Renamed admin to ops.');
  });

  it('duplicates with an automatic name when none is given', () => {
    expect(effects(press(loaded(), 'd', 'enter'))).toContainEqual({ kind: 'duplicate', from: 'admin' });
    expect(effects(press(type(press(loaded(), 'd'), 'copy'), 'enter'))).toContainEqual({
      kind: 'duplicate',
      from: 'admin',
      to: 'copy',
    });
  });

  it('deletes only after y, and keeps it on n or Esc', () => {
    const asked = press(loaded(), 'ctrl+d');
    expect(asked.prompt).toEqual({ kind: 'delete', name: 'admin' });
    expect(press(asked, 'n').prompt).toBeUndefined();
    expect(effects(press(asked, 'n'))).not.toContainEqual(expect.objectContaining({ kind: 'delete' }));
    expect(effects(press(asked, 'escape'))).not.toContainEqual(expect.objectContaining({ kind: 'delete' }));
    expect(effects(press(asked, 'y'))).toContainEqual({ kind: 'delete', name: 'admin' });
  });

  it('exports the listed profiles, asking before it replaces a file', () => {
    const filtered = press(type(press(loaded(), '/'), 'public'), 'enter');
    const asked = press(filtered, 'e');
    expect(asked.prompt).toMatchObject({
      kind: 'export',
      names: ['web-https'],
      text: 'alb-tui-profiles.json',
    });
    const sent = press(asked, 'enter');
    expect(effects(sent)).toContainEqual({
      kind: 'export',
      names: ['web-https'],
      path: 'alb-tui-profiles.json',
      overwrite: false,
    });
    const exists = profilesReducer(sent, {
      type: 'export-exists',
      names: ['web-https'],
      path: 'alb-tui-profiles.json',
    });
    expect(exists.prompt).toMatchObject({ kind: 'overwrite' });
    expect(press(exists, 'n').prompt).toMatchObject({ kind: 'export', text: 'alb-tui-profiles.json' });
    expect(effects(press(exists, 'y'))).toContainEqual({
      kind: 'export',
      names: ['web-https'],
      path: 'alb-tui-profiles.json',
      overwrite: true,
    });
  });

  it('imports a file and reports every entry until the next key', () => {
    const sent = press(type(press(loaded(), 'i'), '/tmp/p.json'), 'enter');
    expect(effects(sent)).toContainEqual({ kind: 'import', path: '/tmp/p.json' });
    const reported = profilesReducer(sent, {
      type: 'imported',
      path: '/tmp/p.json',
      profiles: PROFILES,
      report: {
        ok: true,
        entries: [
          { index: 0, name: 'web-https', status: 'renamed', newName: 'web-https (2)' },
          {
            index: 1,
            name: 'bad',
            status: 'invalid',
            message: { en: 'port must be 1–65535', 'zh-CN': '端口必须为 1–65535' },
            problems: [],
          },
        ],
      },
    });
    const text = renderProfiles(reported, { lang: 'en', width: 100, height: 12 }).map(lineText).join('\n');
    expect(text).toContain('0 added, 1 renamed, 1 invalid');
    expect(text).toContain('#1 web-https: a profile of that name exists, imported as web-https (2)');
    expect(text).toContain('#2 bad: invalid, port must be 1–65535');
    const zh = renderProfiles(reported, { lang: 'zh-CN', width: 100, height: 12 }).map(lineText).join('\n');
    expect(zh).toContain('第 2 项 bad：无效，端口必须为 1–65535');
    const closed = press(reported, 'j');
    expect(closed.report).toBeUndefined();
    expect(selectedProfile(closed)?.name).toBe('admin');
  });

  it('says why nothing is listed: none saved, none matching, no store', () => {
    const render = (state: ProfilesState) =>
      renderProfiles(state, { lang: 'en', width: 100, height: 10 }).map(lineText).join('\n');
    expect(render(profilesReducer(initProfiles({}), { type: 'loaded', profiles: [] }))).toContain(
      'No profiles yet',
    );
    expect(render(type(press(loaded(), '/'), 'zzz'))).toContain('No profile matches /zzz');
    expect(render(profilesReducer(initProfiles({}), { type: 'unavailable' }))).toContain(
      'could not be opened',
    );
  });

  it('draws the list and the selected profile in full, every line within the width', () => {
    const lines = renderProfiles(press(loaded(), 'down'), { lang: 'en', width: 72, height: 16 }).map(
      lineText,
    );
    expect(lines).toHaveLength(16);
    expect(lines.join('\n')).toContain('› api-8443');
    expect(lines.join('\n')).toContain('Picks');
    expect(lines.join('\n')).toContain('certificate *.example.com · server group sg-web');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(72);
    const zh = renderProfiles(loaded(), { lang: 'zh-CN', width: 80, height: 16 }).map(lineText).join('\n');
    expect(zh).toContain('监听配置模板');
    expect(zh).toContain('连接空闲 15 秒');
  });
});
