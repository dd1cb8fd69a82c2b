// The local ALB's server changes (AddServersToServerGroup, RemoveServersFromServerGroup,
// UpdateServerGroupServersAttribute) and GetListenerHealthStatus, on the core with a clock the test moves.
import { afterEach, describe, expect, test } from 'vitest';
import { AlbCore, ALB_VERSION } from '../../source/emulator/core.js';
import { ApiError } from '../../source/emulator/errors.js';
import { seedState } from '../../source/emulator/seed.js';
import type { HealthSource } from '../../source/emulator/server-groups.js';

const DELAY = 1000;
let clock = 1_700_000_000_000;
let core: AlbCore | undefined;
afterEach(() => core?.close());

function start(health?: HealthSource): AlbCore {
  clock = 1_700_000_000_000;
  core = new AlbCore(seedState({ region: 'cn-hangzhou', seed: 3, now: clock }), {
    now: () => clock,
    provisioningDelayMs: DELAY,
    onChange: () => undefined,
    ...(health ? { health } : {}),
  });
  return core;
}

type Json = Record<string, unknown>;
const call = (c: AlbCore, action: string, params: Record<string, string>): Json =>
  c.dispatch(action, ALB_VERSION, params);
function refusal(c: AlbCore, action: string, params: Record<string, string>): string {
  try {
    call(c, action, params);
  } catch (error) {
    if (error instanceof ApiError) return `${error.code} ${error.httpStatus}`;
    throw error;
  }
  return 'accepted';
}
const servers = (c: AlbCore, groupId: string) =>
  (call(c, 'ListServerGroupServers', { ServerGroupId: groupId, MaxResults: '100' })['Servers'] as Json[]).map(
    (s) => `${String(s['ServerId'])}:${String(s['Port'])} w${String(s['Weight'])} ${String(s['Status'])}`,
  );
const groupStatus = (c: AlbCore, groupId: string) =>
  (call(c, 'ListServerGroups', { 'ServerGroupIds.1': groupId })['ServerGroups'] as Json[])[0]!;
const ipGroup = (c: AlbCore) => c.state.serverGroups.find((g) => g.serverGroupType === 'Ip')!;
const ecsGroup = (c: AlbCore) => c.state.serverGroups.find((g) => g.serverGroupType === 'Instance')!;

const add = (groupId: string, ip: string, port: string, extra: Record<string, string> = {}) => ({
  ServerGroupId: groupId,
  'Servers.1.ServerId': ip,
  'Servers.1.ServerType': 'Ip',
  'Servers.1.Port': port,
  ...extra,
});

describe('AddServersToServerGroup', () => {
  test('adds asynchronously: Adding and the group Configuring, then Available with the count', () => {
    const c = start();
    const group = ipGroup(c);
    const before = group.serverCount;
    const reply = call(
      c,
      'AddServersToServerGroup',
      add(group.serverGroupId, '127.0.0.1', '18080', { 'Servers.1.Weight': '30' }),
    );
    expect(reply['JobId']).toEqual(expect.any(String));
    expect(servers(c, group.serverGroupId)).toContain('127.0.0.1:18080 w30 Adding');
    expect(groupStatus(c, group.serverGroupId)['ServerGroupStatus']).toBe('Configuring');
    // A second change while it is Configuring is refused as busy.
    expect(refusal(c, 'AddServersToServerGroup', add(group.serverGroupId, '127.0.0.2', '80'))).toBe(
      'ResourceInConfiguring 400',
    );
    clock += DELAY;
    expect(servers(c, group.serverGroupId)).toContain('127.0.0.1:18080 w30 Available');
    expect(groupStatus(c, group.serverGroupId)).toMatchObject({
      ServerGroupStatus: 'Available',
      ServerCount: before + 1,
    });
    const job = (call(c, 'ListAsynJobs', { 'JobIds.1': String(reply['JobId']) })['Jobs'] as Json[])[0]!;
    expect(job).toMatchObject({
      Status: 'Succeeded',
      ResourceType: 'servergroup',
      ResourceId: group.serverGroupId,
    });
  });

  test('weight defaults to 100; the same server on another port is another entry', () => {
    const c = start();
    const group = ipGroup(c);
    call(c, 'AddServersToServerGroup', {
      ...add(group.serverGroupId, '127.0.0.1', '18080'),
      'Servers.2.ServerId': '127.0.0.1',
      'Servers.2.ServerType': 'Ip',
      'Servers.2.Port': '18081',
    });
    clock += DELAY;
    expect(servers(c, group.serverGroupId)).toEqual(
      expect.arrayContaining(['127.0.0.1:18080 w100 Available', '127.0.0.1:18081 w100 Available']),
    );
  });

  test.each([
    ['a port out of range', { 'Servers.1.Port': '70000' }, 'InvalidParameter 400'],
    ['port 0', { 'Servers.1.Port': '0' }, 'InvalidParameter 400'],
    ['weight 101', { 'Servers.1.Weight': '101' }, 'InvalidParameter 400'],
    ['weight -1', { 'Servers.1.Weight': '-1' }, 'InvalidParameter 400'],
    ['an unknown type', { 'Servers.1.ServerType': 'Vm' }, 'InvalidParameter 400'],
    [
      'an ECS server in an Ip group',
      { 'Servers.1.ServerType': 'Ecs', 'Servers.1.ServerId': 'i-bp1abc' },
      'Mismatch.ServerType 400',
    ],
    ['not an IP', { 'Servers.1.ServerId': '300.1.1.1' }, 'IllegalParam.ServerIp 400'],
    ['a description with a space', { 'Servers.1.Description': 'two words' }, 'InvalidParameter 400'],
    ['no port', { 'Servers.1.Port': '' }, 'MissingParameter 400'],
  ])('refuses %s, and nothing changes', (_what, extra, code) => {
    const c = start();
    const group = ipGroup(c);
    const before = servers(c, group.serverGroupId);
    expect(refusal(c, 'AddServersToServerGroup', add(group.serverGroupId, '127.0.0.1', '18080', extra))).toBe(
      code,
    );
    expect(servers(c, group.serverGroupId)).toEqual(before);
    expect(groupStatus(c, group.serverGroupId)['ServerGroupStatus']).toBe('Available');
  });

  test('duplicates: twice in one call, or already in the group; unknown group; more than 200', () => {
    const c = start();
    const group = ipGroup(c);
    const existing = c.state.servers.find((s) => s.serverGroupId === group.serverGroupId)!;
    expect(
      refusal(c, 'AddServersToServerGroup', {
        ...add(group.serverGroupId, '127.0.0.1', '80'),
        'Servers.2.ServerId': '127.0.0.1',
        'Servers.2.ServerType': 'Ip',
        'Servers.2.Port': '80',
      }),
    ).toBe('DuplicatedParam.BackendServer 400');
    expect(
      refusal(
        c,
        'AddServersToServerGroup',
        add(group.serverGroupId, existing.serverId, String(existing.port)),
      ),
    ).toBe('Conflict.BackendServer 400');
    expect(refusal(c, 'AddServersToServerGroup', add('sgp-doesnotexist', '127.0.0.1', '80'))).toBe(
      'ResourceNotFound.ServerGroup 404',
    );
    const many: Record<string, string> = { ServerGroupId: group.serverGroupId };
    for (let i = 1; i <= 201; i++) {
      many[`Servers.${i}.ServerId`] = `10.0.${Math.floor(i / 200)}.${i % 200}`;
      many[`Servers.${i}.ServerType`] = 'Ip';
      many[`Servers.${i}.Port`] = '80';
    }
    expect(refusal(c, 'AddServersToServerGroup', many)).toBe('InvalidParameter 400');
    delete many['Servers.201.ServerId'];
    delete many['Servers.201.ServerType'];
    delete many['Servers.201.Port'];
    expect(refusal(c, 'AddServersToServerGroup', many)).toBe('ResourceQuotaExceeded.ServerAddedNum 400');
  });

  test('DryRun checks and changes nothing; a ClientToken replays the first answer', () => {
    const c = start();
    const group = ipGroup(c);
    const before = servers(c, group.serverGroupId);
    expect(
      refusal(c, 'AddServersToServerGroup', add(group.serverGroupId, '127.0.0.1', '80', { DryRun: 'true' })),
    ).toBe('DryRunOperation 400');
    expect(servers(c, group.serverGroupId)).toEqual(before);
    const params = add(group.serverGroupId, '127.0.0.1', '80', { ClientToken: 'tok-1' });
    const first = call(c, 'AddServersToServerGroup', params);
    const again = call(c, 'AddServersToServerGroup', params);
    expect(again['JobId']).toBe(first['JobId']);
    expect(servers(c, group.serverGroupId).filter((s) => s.startsWith('127.0.0.1:80 '))).toHaveLength(1);
    expect(refusal(c, 'AddServersToServerGroup', { ...params, 'Servers.1.Port': '81' })).toBe(
      'IdempotentParameterMismatch 400',
    );
  });
});

describe('RemoveServersFromServerGroup and UpdateServerGroupServersAttribute', () => {
  test('remove: Removing, then gone; an unknown server is ResourceNotFound.BackendServer', () => {
    const c = start();
    const group = ecsGroup(c);
    const [first] = c.state.servers.filter((s) => s.serverGroupId === group.serverGroupId);
    const target = {
      ServerGroupId: group.serverGroupId,
      'Servers.1.ServerId': first!.serverId,
      'Servers.1.ServerType': 'Ecs',
      'Servers.1.Port': String(first!.port),
    };
    expect(refusal(c, 'RemoveServersFromServerGroup', { ...target, 'Servers.1.Port': '1' })).toBe(
      'ResourceNotFound.BackendServer 404',
    );
    call(c, 'RemoveServersFromServerGroup', target);
    expect(servers(c, group.serverGroupId)).toContain(
      `${first!.serverId}:${first!.port} w${first!.weight} Removing`,
    );
    clock += DELAY;
    expect(servers(c, group.serverGroupId).some((s) => s.startsWith(`${first!.serverId}:`))).toBe(false);
    expect(groupStatus(c, group.serverGroupId)['ServerCount']).toBe(group.serverCount);
  });

  test('update: weight and description once done; Configuring meanwhile; 41 servers refused', () => {
    const c = start();
    const group = ecsGroup(c);
    const server = c.state.servers.find((s) => s.serverGroupId === group.serverGroupId)!;
    const target = {
      ServerGroupId: group.serverGroupId,
      'Servers.1.ServerId': server.serverId,
      'Servers.1.ServerType': 'Ecs',
      'Servers.1.Port': String(server.port),
    };
    expect(refusal(c, 'UpdateServerGroupServersAttribute', { ...target, 'Servers.1.Weight': '101' })).toBe(
      'InvalidParameter 400',
    );
    call(c, 'UpdateServerGroupServersAttribute', {
      ...target,
      'Servers.1.Weight': '0',
      'Servers.1.Description': 'drained',
    });
    expect(servers(c, group.serverGroupId)).toContain(
      `${server.serverId}:${server.port} w${server.weight} Configuring`,
    );
    clock += DELAY;
    expect(servers(c, group.serverGroupId)).toContain(`${server.serverId}:${server.port} w0 Available`);
    const listed = (
      call(c, 'ListServerGroupServers', { ServerGroupId: group.serverGroupId })['Servers'] as Json[]
    ).find((s) => s['ServerId'] === server.serverId)!;
    expect(listed['Description']).toBe('drained');
    const many: Record<string, string> = { ServerGroupId: group.serverGroupId };
    for (let i = 1; i <= 41; i++) {
      many[`Servers.${i}.ServerId`] = `i-${i}`;
      many[`Servers.${i}.ServerType`] = 'Ecs';
      many[`Servers.${i}.Port`] = '80';
    }
    expect(refusal(c, 'UpdateServerGroupServersAttribute', many)).toBe('InvalidParameter 400');
  });
});

describe('GetListenerHealthStatus', () => {
  const listenerWithGroup = (c: AlbCore) => {
    const listener = c.state.listeners.find(
      (l) => l.defaultActions.length > 0 && l.listenerStatus === 'Running',
    )!;
    const groupId = listener.defaultActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId;
    return { listener, groupId };
  };

  test('without a health source every server is Initial (weight 0: Unused)', () => {
    const c = start();
    const { listener, groupId } = listenerWithGroup(c);
    const reply = call(c, 'GetListenerHealthStatus', { ListenerId: listener.listenerId });
    const [status] = reply['ListenerHealthStatus'] as Json[];
    expect(status).toMatchObject({ ListenerId: listener.listenerId, ListenerPort: listener.listenerPort });
    const info = (status!['ServerGroupInfos'] as Json[]).find((g) => g['ServerGroupId'] === groupId)!;
    const inGroup = c.state.servers.filter((s) => s.serverGroupId === groupId);
    expect((info['NonNormalServers'] as Json[]).map((s) => s['Status'])).toEqual(
      inGroup.map((s) => (s.weight === 0 ? 'Unused' : 'Initial')),
    );
  });

  test('from the health source: healthy ones not listed, unhealthy with the reason code', () => {
    const c = start();
    const { listener, groupId } = listenerWithGroup(c);
    const inGroup = c.state.servers.filter((s) => s.serverGroupId === groupId);
    const reasons = ['connection refused', 'HTTP 503', 'timeout'];
    c.useHealthSource({
      statusOf: (group, serverId) => {
        const index = inGroup.findIndex((s) => s.serverGroupId === group && s.serverId === serverId);
        return index === 0 ? { state: 'Healthy' } : { state: 'Unhealthy', reason: reasons[index % 3]! };
      },
    });
    const reply = call(c, 'GetListenerHealthStatus', { ListenerId: listener.listenerId });
    const info = ((reply['ListenerHealthStatus'] as Json[])[0]!['ServerGroupInfos'] as Json[]).find(
      (g) => g['ServerGroupId'] === groupId,
    )!;
    const listed = info['NonNormalServers'] as Json[];
    expect(listed.map((s) => s['ServerId'])).not.toContain(inGroup[0]!.serverId);
    expect(listed[0]).toMatchObject({
      Status: 'Unhealthy',
      Reason: { ReasonCode: 'RESPONSE_MISMATCH', ActualResponse: '503' },
    });
    if (listed[1]) expect(listed[1]).toMatchObject({ Reason: { ReasonCode: 'RECV_RESPONSE_TIMEOUT' } });
    expect(info).toMatchObject({ HealthCheckEnabled: 'on', ActionType: 'ForwardGroup' });
  });

  test('pages by MaxResults (1–30) and answers unknown listeners as ResourceNotFound.Listener', () => {
    const c = start();
    const { listener } = listenerWithGroup(c);
    const first = call(c, 'GetListenerHealthStatus', { ListenerId: listener.listenerId, MaxResults: '1' });
    const listedOn = (reply: Json) =>
      ((reply['ListenerHealthStatus'] as Json[])[0]!['ServerGroupInfos'] as Json[]).flatMap(
        (g) => g['NonNormalServers'] as Json[],
      );
    expect(listedOn(first)).toHaveLength(1);
    expect(first['NextToken']).toEqual(expect.any(String));
    const second = call(c, 'GetListenerHealthStatus', {
      ListenerId: listener.listenerId,
      MaxResults: '1',
      NextToken: String(first['NextToken']),
    });
    expect(listedOn(second)[0]!['ServerId']).not.toBe(listedOn(first)[0]!['ServerId']);
    expect(refusal(c, 'GetListenerHealthStatus', { ListenerId: listener.listenerId, MaxResults: '31' })).toBe(
      'InvalidParameter 400',
    );
    expect(refusal(c, 'GetListenerHealthStatus', { ListenerId: 'lsn-nothere' })).toBe(
      'ResourceNotFound.Listener 404',
    );
  });
});
