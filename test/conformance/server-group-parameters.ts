// The parameter behaviours of the server changes (AddServersToServerGroup, RemoveServersFromServerGroup,
// UpdateServerGroupServersAttribute) and GetListenerHealthStatus, for parameters.test.ts, on the zoo
// local ALB whose changes complete by the next call (delay 0).
import { expect } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import type { RawCaller } from './raw-call.js';
import { serverGroupsWithServers, type Query } from './replies.js';

type Item = Record<string, unknown>;
type Check = () => Promise<void>;

export function serverGroupBehaviour(
  quick: () => { call: RawCaller; emulator: RunningEmulator },
): Record<string, Record<string, Check>> {
  const live = (): EmulatorState => quick().emulator.snapshot();
  const ok = async (action: string, query: Query): Promise<Item> => {
    const reply = await quick().call('alb', action, query);
    if (!reply.ok)
      throw new Error(`${action} ${JSON.stringify(query)}: ${reply.code} ${String(reply.body['Message'])}`);
    return reply.body;
  };
  const serversOf = async (groupId: string): Promise<Item[]> =>
    (await ok('ListServerGroupServers', { ServerGroupId: groupId, MaxResults: '100' }))['Servers'] as Item[];
  let port = 20_000;
  /** A server not yet in the group: a fresh port each time. */
  const fresh = (extra: Query = {}): Query => ({
    'Servers.1.ServerId': '127.0.0.1',
    'Servers.1.ServerType': 'Ip',
    'Servers.1.Port': String(port++),
    ...extra,
  });
  // Chosen once: right after a change the snapshot shows the group Configuring (it settles on the next call).
  let chosen: string | undefined;
  const ipGroup = () => (chosen ??= serverGroupsWithServers(live(), 'Ip')[0]!.serverGroupId);
  /** Adds a fresh server to the Ip group; returns the group and the added server's port. */
  const added = async (extra: Query = {}): Promise<{ groupId: string; query: Query }> => {
    const groupId = ipGroup();
    const query = { ServerGroupId: groupId, ...fresh(extra) };
    await ok('AddServersToServerGroup', query);
    return { groupId, query };
  };
  const holds = async (groupId: string, portText: string | undefined): Promise<Item | undefined> =>
    (await serversOf(groupId)).find((s) => String(s['Port']) === portText && s['ServerId'] === '127.0.0.1');

  const replays =
    (action: string, query: () => Promise<Query>): Check =>
    async () => {
      const q: Query = { ...(await query()), ClientToken: `conformance-${action}` };
      const first = await ok(action, q);
      const second = await ok(action, q);
      expect(second['JobId']).toBe(first['JobId']);
      const jobs = await ok('ListAsynJobs', { ApiName: action, 'ResourceIds.1': q['ServerGroupId']! });
      expect((jobs['Jobs'] as Item[]).filter((j) => j['Id'] === first['JobId'])).toHaveLength(1);
    };
  const dryRun =
    (action: string, query: () => Promise<Query>): Check =>
    async () => {
      const q = await query();
      const before = await serversOf(q['ServerGroupId']!);
      const reply = await quick().call('alb', action, { ...q, DryRun: 'true' });
      expect(reply.ok ? 'changed' : reply.code).toBe('DryRunOperation');
      expect(await serversOf(q['ServerGroupId']!)).toEqual(before);
    };

  return {
    AddServersToServerGroup: {
      ServerGroupId: async () => {
        const { groupId, query } = await added();
        expect(await holds(groupId, query['Servers.1.Port'])).toMatchObject({ Status: 'Available' });
      },
      Servers: async () => {
        const groupId = ipGroup();
        const two: Query = { ...fresh(), 'Servers.2.ServerId': '127.0.0.2', 'Servers.2.ServerType': 'Ip' };
        await ok('AddServersToServerGroup', { ServerGroupId: groupId, ...two, 'Servers.2.Port': '8080' });
        const ids = (await serversOf(groupId)).map((s) => `${String(s['ServerId'])}:${String(s['Port'])}`);
        expect(ids).toEqual(expect.arrayContaining([`127.0.0.1:${two['Servers.1.Port']}`, '127.0.0.2:8080']));
      },
      ClientToken: replays('AddServersToServerGroup', async () => ({ ServerGroupId: ipGroup(), ...fresh() })),
      DryRun: dryRun('AddServersToServerGroup', async () => ({ ServerGroupId: ipGroup(), ...fresh() })),
    },
    RemoveServersFromServerGroup: {
      ServerGroupId: async () => {
        const { groupId, query } = await added();
        await ok('RemoveServersFromServerGroup', query);
        expect(await holds(groupId, query['Servers.1.Port'])).toBeUndefined();
      },
      Servers: async () => {
        const { groupId, query } = await added();
        const other = await added();
        await ok('RemoveServersFromServerGroup', query);
        expect(await holds(groupId, other.query['Servers.1.Port'])).toBeDefined();
      },
      ClientToken: replays('RemoveServersFromServerGroup', async () => (await added()).query),
      DryRun: dryRun('RemoveServersFromServerGroup', async () => (await added()).query),
    },
    UpdateServerGroupServersAttribute: {
      ServerGroupId: async () => {
        const { groupId, query } = await added();
        await ok('UpdateServerGroupServersAttribute', { ...query, 'Servers.1.Weight': '7' });
        expect(await holds(groupId, query['Servers.1.Port'])).toMatchObject({
          Weight: 7,
          Status: 'Available',
        });
      },
      Servers: async () => {
        const { groupId, query } = await added({ 'Servers.1.Weight': '40' });
        await ok('UpdateServerGroupServersAttribute', { ...query, 'Servers.1.Description': 'renamed' });
        // What the call leaves out stays as it was.
        expect(await holds(groupId, query['Servers.1.Port'])).toMatchObject({
          Weight: 40,
          Description: 'renamed',
        });
      },
      ClientToken: replays('UpdateServerGroupServersAttribute', async () => ({
        ...(await added()).query,
        'Servers.1.Weight': '9',
      })),
      DryRun: dryRun('UpdateServerGroupServersAttribute', async () => ({
        ...(await added()).query,
        'Servers.1.Weight': '9',
      })),
    },
    GetListenerHealthStatus: {
      ListenerId: async () => {
        const listener = live().listeners.find((l) => l.defaultActions.length > 0)!;
        const reply = await ok('GetListenerHealthStatus', { ListenerId: listener.listenerId });
        const [status] = reply['ListenerHealthStatus'] as Item[];
        expect(status!['ListenerId']).toBe(listener.listenerId);
        expect((status!['ServerGroupInfos'] as Item[]).map((g) => g['ServerGroupId'])).toEqual(
          listener.defaultActions[0]!.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId),
        );
      },
      IncludeRule: async () => {
        const listenerId = live().listeners.find((l) => l.defaultActions.length > 0)!.listenerId;
        expect(await ok('GetListenerHealthStatus', { ListenerId: listenerId })).not.toHaveProperty(
          'RuleHealthStatus',
        );
        expect(
          await ok('GetListenerHealthStatus', { ListenerId: listenerId, IncludeRule: 'true' }),
        ).toHaveProperty('RuleHealthStatus');
      },
      MaxResults: async () => {
        const listenerId = live().listeners.find((l) => l.defaultActions.length > 0)!.listenerId;
        const reply = await ok('GetListenerHealthStatus', { ListenerId: listenerId, MaxResults: '1' });
        expect(listed(reply)).toHaveLength(1);
      },
      NextToken: async () => {
        const listenerId = live().listeners.find((l) => l.defaultActions.length > 0)!.listenerId;
        const first = await ok('GetListenerHealthStatus', { ListenerId: listenerId, MaxResults: '1' });
        const second = await ok('GetListenerHealthStatus', {
          ListenerId: listenerId,
          MaxResults: '1',
          NextToken: String(first['NextToken']),
        });
        expect(listed(second)).toHaveLength(1);
        expect(listed(second)).not.toEqual(listed(first));
      },
    },
  };
}

function listed(reply: Item): Item[] {
  return ((reply['ListenerHealthStatus'] as Item[])[0]!['ServerGroupInfos'] as Item[]).flatMap(
    (g) => g['NonNormalServers'] as Item[],
  );
}
