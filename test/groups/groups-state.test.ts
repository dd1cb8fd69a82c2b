// `:groups` without Ink: the groups with their health summary (lazy, per shown row), a group's servers
// with each one's health and reason, the add form checked as typed (both languages), remove of marked
// servers, weights; every change previewed with a precheck, typed on production, refused read-only,
// followed to its end with per-server results.
import { describe, expect, it } from 'vitest';
import type { BackendServer, ServerGroup } from '../../source/domain/resources.js';
import type { ListenerHealth } from '../../source/domain/server-health.js';
import { lineText } from '../../source/ui/components/lines.js';
import { renderGroups } from '../../source/ui/groups/groups-render.js';
import {
  groupsReducer,
  initGroups,
  type GroupsAction,
  type GroupsEffect,
  type GroupsState,
} from '../../source/ui/groups/groups-state.js';
import { keyFromId } from '../../source/ui/keys.js';

const group = (
  id: string,
  name: string,
  count: number,
  type: ServerGroup['serverGroupType'] = 'Ip',
): ServerGroup => ({
  serverGroupId: id,
  serverGroupName: name,
  serverGroupType: type,
  serverGroupStatus: 'Available',
  protocol: 'HTTP',
  scheduler: 'Wrr',
  vpcId: 'vpc-1',
  serverCount: count,
  relatedLoadBalancerIds: [],
});
const server = (port: number, weight = 100): BackendServer => ({
  serverGroupId: 'sgp-web',
  serverId: '10.0.0.1',
  serverIp: '10.0.0.1',
  serverType: 'Ip',
  port,
  weight,
  status: 'Available',
});
const GROUPS = [
  group('sgp-web', 'web', 3),
  group('sgp-api', 'api', 2, 'Instance'),
  group('sgp-idle', 'idle', 1),
];
const SERVERS = [server(8080), server(8081), server(8082, 50)];
const LISTENERS = [
  { id: 'lsn-a', protocol: 'HTTP', port: 80, serverGroupIds: ['sgp-web'] },
  { id: 'lsn-b', protocol: 'HTTPS', port: 443, serverGroupIds: ['sgp-api', 'sgp-web'] },
];
const health = (nonNormal: ListenerHealth['serverGroups'][number]['nonNormalServers']): ListenerHealth => ({
  listenerId: 'lsn-a',
  listenerPort: 80,
  listenerProtocol: 'HTTP',
  serverGroups: [{ serverGroupId: 'sgp-web', healthCheckEnabled: true, nonNormalServers: nonNormal }],
});

function run(state: GroupsState, ...actions: (GroupsAction | string)[]) {
  let current = state;
  const effects: GroupsEffect[] = [];
  for (const action of actions) {
    const next = groupsReducer(
      current,
      typeof action === 'string' ? { type: 'key', key: keyFromId(action) } : action,
    );
    current = next.state;
    effects.push(...next.effects);
  }
  return { state: current, effects };
}
const type = (text: string) => [...text].map((c) => c);

function ready(options = { readOnly: false, production: false }) {
  return run(initGroups({ listeners: LISTENERS, ...options }), { type: 'groups-loaded', groups: GROUPS })
    .state;
}
function inWeb(options = { readOnly: false, production: false }) {
  return run(ready(options), 'enter', { type: 'servers-loaded', groupId: 'sgp-web', servers: SERVERS }).state;
}
const screen = (state: GroupsState, lang: 'en' | 'zh-CN' = 'en', width = 120, height = 30) =>
  renderGroups(state, lang, width, height).map(lineText).join('\n');

describe('the groups and their health', () => {
  it('reads the health of the shown groups once, through the first listener using each', () => {
    const { state, effects } = run(ready(), {
      type: 'visible',
      groupIds: ['sgp-web', 'sgp-api', 'sgp-idle'],
    });
    expect(effects).toEqual([{ kind: 'load-health', listenerIds: ['lsn-a', 'lsn-b'] }]);
    expect(run(state, { type: 'visible', groupIds: ['sgp-web'] }).effects).toEqual([]);
    expect(screen(state)).toMatch(/idle .* not in use/);
  });

  it('summarises: 2/3 healthy (warning), 0/3 (danger), all unchecked (muted)', () => {
    const base = run(ready(), { type: 'visible', groupIds: ['sgp-web'] }).state;
    const some = run(base, {
      type: 'health-loaded',
      health: health([
        { serverId: '10.0.0.1', port: 8081, status: 'Unhealthy', reason: { reasonCode: 'CONNECT_FAILED' } },
      ]),
    }).state;
    const line = renderGroups(some, 'en', 120, 30).find((l) => lineText(l).includes(' web '))!;
    expect(line.find((s) => s.text.includes('2/3 healthy'))?.tone).toBe('warning');
    const none = run(base, {
      type: 'health-loaded',
      health: health(
        SERVERS.map((s) => ({ serverId: s.serverId, port: s.port, status: 'Unhealthy' as const })),
      ),
    }).state;
    const red = renderGroups(none, 'en', 120, 30).find((l) => lineText(l).includes(' web '))!;
    expect(red.find((s) => s.text.includes('0/3 healthy'))?.tone).toBe('danger');
    const initial = run(base, {
      type: 'health-loaded',
      health: health(
        SERVERS.map((s) => ({ serverId: s.serverId, port: s.port, status: 'Initial' as const })),
      ),
    }).state;
    expect(screen(initial)).toContain('3 not checked yet');
    expect(screen(some, 'zh-CN')).toContain('2/3 健康');
  });

  it('filters by name as typed; Esc clears the filter before leaving', () => {
    const { state } = run(ready(), '/', ...type('ap'), 'enter');
    expect(screen(state)).toContain('api');
    expect(screen(state)).not.toMatch(/› web| {2}web /);
    const cleared = groupsReducer(state, { type: 'key', key: keyFromId('escape') });
    expect(cleared.used).toBe(true);
    expect(cleared.state.filter).toBe('');
    expect(groupsReducer(cleared.state, { type: 'key', key: keyFromId('escape') }).used).toBe(false);
  });
});

describe('a group’s servers', () => {
  it('Enter reads the servers and the health; each server shows its state and reason', () => {
    const { effects } = run(ready(), 'enter');
    expect(effects).toEqual([
      { kind: 'load-servers', groupId: 'sgp-web' },
      { kind: 'load-health', listenerIds: ['lsn-a'] },
    ]);
    const state = run(inWeb(), {
      type: 'health-loaded',
      health: health([
        {
          serverId: '10.0.0.1',
          port: 8081,
          status: 'Unhealthy',
          reason: { reasonCode: 'RESPONSE_MISMATCH', actualResponse: '503', expectedResponse: 'HTTP_2xx' },
        },
      ]),
    }).state;
    const text = screen(state);
    expect(text).toMatch(/10\.0\.0\.1:8080 .* healthy/);
    expect(text).toMatch(/10\.0\.0\.1:8081 .* unhealthy: HTTP 503, expected HTTP_2xx/);
    expect(screen(state, 'zh-CN')).toMatch(/10\.0\.0\.1:8081 .* 异常: HTTP 503，期望 HTTP_2xx/);
  });

  it('the add form checks each field as typed, in both languages, and will not preview when wrong', () => {
    let { state } = run(inWeb(), 'a', ...type('99999'));
    expect(screen(state)).toContain('Port must be 1–65535');
    expect(screen(state, 'zh-CN')).toContain('后端端口取值范围为 1～65535');
    state = run(state, 'ctrl+s').state;
    expect(state.notice).toBe('fixForm');
    expect(state.mode.kind === 'servers' && state.mode.sub?.kind).toBe('form');
    // Fix the port, a bad IP, a weight too high.
    state = run(
      state,
      ...Array(5).fill('backspace'),
      ...type('18080'),
      'up',
      ...Array(9).fill('backspace'),
      ...type('1.2.3'),
      'tab',
    ).state;
    expect(screen(state)).toContain('is not an IPv4 or IPv6 address');
    state = run(state, 'tab', ...Array(3).fill('backspace'), ...type('101')).state;
    expect(screen(state)).toContain('Weight must be 0–100');
    state = run(state, 'backtab', 'backtab', ...type('.0')).state; // 1.2.3.0
    state = run(
      state,
      'tab',
      'tab',
      ...Array(3).fill('backspace'),
      ...type('20'),
      'tab',
      ...type('my app'),
    ).state;
    expect(screen(state)).toContain('not space');
    state = run(state, 'backspace', 'backspace', 'backspace', 'backspace', ...type('_app')).state;
    const previewed = run(state, 'enter');
    expect(previewed.effects).toEqual([
      {
        kind: 'precheck',
        change: {
          kind: 'add',
          serverGroupId: 'sgp-web',
          servers: [
            {
              serverId: '1.2.3.0',
              serverType: 'Ip',
              serverIp: '1.2.3.0',
              port: 18080,
              weight: 20,
              description: 'my_app',
            },
          ],
        },
      },
    ]);
    expect(screen(previewed.state)).toContain('+ 1.2.3.0:18080 weight 20 “my_app”');
  });

  it('Esc and q go back to the groups, re-read; in the groups list they are the root’s', () => {
    for (const key of ['escape', 'q']) {
      const step = groupsReducer(inWeb(), { type: 'key', key: keyFromId(key) });
      expect(step.state.mode.kind).toBe('groups');
      expect(step.effects).toEqual([{ kind: 'load-groups' }]);
      expect(groupsReducer(step.state, { type: 'key', key: keyFromId(key) }).used).toBe(false);
    }
  });

  it('only Ip groups take a server by address: a on another type says why there is no form, in both languages', () => {
    const state = run(
      ready(),
      'j',
      'enter',
      { type: 'servers-loaded', groupId: 'sgp-api', servers: [] },
      'a',
    ).state;
    expect(state.mode.kind === 'servers' && state.mode.sub).toBeUndefined();
    expect(state.notice).toEqual({ noForm: 'Instance', name: 'api' });
    const en = screen(state, 'en', 80, 24);
    expect(en).toContain('api is an Instance server group');
    expect(en).toContain('AddServersToServerGroup');
    // Wrapped, not cut: the keys line still shows below it.
    expect(en).toContain('a add · Space mark');
    expect(screen(state, 'zh-CN')).toContain('api 是服务器类型的服务器组');
    const fc = run(
      initGroups({ listeners: LISTENERS, readOnly: false, production: false }),
      { type: 'groups-loaded', groups: [group('sgp-fn', 'fn', 0, 'Fc')] },
      'enter',
      { type: 'servers-loaded', groupId: 'sgp-fn', servers: [] },
      'a',
    ).state;
    expect(screen(fc)).toContain('fn is a Function Compute server group');
    expect(screen(fc, 'zh-CN')).toContain('fn 是函数计算类型的服务器组');
  });

  it('Space marks; x previews removing the marked ones, with the precheck and a 503 warning', () => {
    let state = run(inWeb(), {
      type: 'health-loaded',
      health: health([{ serverId: '10.0.0.1', port: 8082, status: 'Unhealthy' }]),
    }).state;
    const step = run(state, ' ', ' ', 'x');
    state = step.state;
    const change = { kind: 'remove', serverGroupId: 'sgp-web', servers: [SERVERS[0], SERVERS[1]] };
    expect(step.effects).toEqual([{ kind: 'precheck', change }]);
    const text = screen(state);
    expect(text).toContain('− 10.0.0.1:8080 (weight 100)');
    expect(text).toContain('− 10.0.0.1:8081 (weight 100)');
    expect(text).toContain('no healthy server');
    expect(text).toContain('Precheck (DryRun)');
    const mode = state.mode;
    if (mode.kind !== 'servers' || mode.sub?.kind !== 'preview') throw new Error('no preview');
    state = run(state, { type: 'precheck', change: mode.sub.change }).state;
    expect(screen(state)).toContain('Precheck passed');
    expect(screen(state)).toContain('^S apply · Esc cancel');
    expect(screen(state, 'zh-CN')).toContain('^S 执行 · Esc 取消');
    const applied = run(state, 'ctrl+s');
    expect(applied.effects).toEqual([{ kind: 'apply', change }]);
  });

  it('Enter on a preview applies nothing: it says ^S does (Ctrl-S only, as every change in the app)', () => {
    const previewed = run(inWeb(), ' ', 'x').state;
    const mode = previewed.mode;
    if (mode.kind !== 'servers' || mode.sub?.kind !== 'preview') throw new Error('no preview');
    const checked = run(previewed, { type: 'precheck', change: mode.sub.change }).state;
    const entered = run(checked, 'enter');
    expect(entered.effects).toEqual([]);
    expect(entered.state.mode.kind === 'servers' && entered.state.mode.sub?.kind).toBe('preview');
    expect(screen(entered.state)).toContain('⏎ does not apply a change: ^S does');
    expect(screen(entered.state, 'zh-CN')).toContain('⏎ 不会执行变更：请按 ^S');
    expect(run(entered.state, 'ctrl+s').effects.map((e) => e.kind)).toEqual(['apply']);
  });

  it('w sets one weight for the marked servers; the same weight is no change', () => {
    const same = run(inWeb(), 'w', 'backspace', 'backspace', 'backspace', ...type('100'), 'enter').state;
    expect(same.notice).toBe('sameWeight');
    const step = run(inWeb(), ' ', ' ', ' ', 'w', ...type('0'), 'enter');
    // Three different weights: the prompt starts empty; the first two change, as does the third.
    expect(step.effects[0]).toMatchObject({ kind: 'precheck', change: { kind: 'weight', weight: 0 } });
    expect(screen(step.state)).toContain('~ 10.0.0.1:8082 weight 50 → 0');
    const bad = run(inWeb(), 'w', 'backspace', 'backspace', 'backspace', ...type('500'), 'enter').state;
    expect(bad.notice).toBe('fixForm');
  });

  it('production: the count is typed before anything is sent; read-only refuses', () => {
    let state = run(inWeb({ readOnly: false, production: true }), ' ', ' ', 'x').state;
    expect(screen(state)).toContain('Type the count, then ^S apply');
    expect(screen(state, 'zh-CN')).toContain('输入数量后按 ^S 执行');
    let step = run(state, 'ctrl+s');
    expect(step.effects).toEqual([]);
    expect(screen(step.state)).toContain('Type 2, then ^S: nothing was sent');
    state = step.state;
    // The count typed, Enter still sends nothing; ^S does.
    step = run(state, '2', 'enter');
    expect(step.effects).toEqual([]);
    step = run(step.state, 'ctrl+s');
    expect(step.effects.map((e) => e.kind)).toEqual(['apply']);
    const readOnly = run(inWeb({ readOnly: true, production: false }), 'x', 'a', 'w').state;
    expect(readOnly.notice).toBe('readOnly');
    expect(readOnly.mode.kind === 'servers' && readOnly.mode.sub).toBeUndefined();
  });

  it('follows the change: per-server statuses, then results; a failure offers a retry of the same change', () => {
    const running = run(inWeb(), ' ', 'x', 'ctrl+s').state;
    let state = run(running, { type: 'server-status', key: '10.0.0.1|8080', status: 'Removing' }).state;
    expect(screen(state)).toMatch(/− 10\.0\.0\.1:8080 .*Removing/);
    const done = run(
      state,
      { type: 'server-status', key: '10.0.0.1|8080', status: 'gone' },
      { type: 'applied' },
    );
    expect(screen(done.state)).toMatch(/− 10\.0\.0\.1:8080 .* done/);
    expect(done.effects).toContainEqual({ kind: 'load-servers', groupId: 'sgp-web' });
    // "Done: every server is as shown" only once the servers were read again after the change.
    expect(screen(done.state)).toContain('Done; reading the servers again…');
    expect(screen(done.state)).not.toContain('every server is as shown');
    const reread = run(done.state, { type: 'servers-loaded', groupId: 'sgp-web', servers: [] });
    expect(screen(reread.state)).toContain('Done: every server is as shown.');
    state = run(running, {
      type: 'apply-failed',
      error: { message: { en: 'job failed', 'zh-CN': '任务失败' } } as never,
    }).state;
    expect(screen(state)).toMatch(/Failed: job failed[\s\S]*− 10\.0\.0\.1:8080 .* not done/);
    const retry = run(state, 'r');
    const mode = running.mode;
    if (mode.kind !== 'servers' || mode.sub?.kind !== 'running') throw new Error('not running');
    expect(retry.effects).toEqual([{ kind: 'apply', change: mode.sub.change }]);
  });
});
