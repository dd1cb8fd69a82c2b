// Server changes through the session's recording client land in `:ops` with the aliyun command that
// makes the same call (ClientToken included), followed to done; a dry run is not a change and is not logged.
import { describe, expect, it } from 'vitest';
import { isDryRunPassed, type ListenerChange } from '../../source/alb/client.js';
import { OpsLog } from '../../source/ui/ops/ops-log.js';
import { recordingClient } from '../../source/ui/ops/recording-client.js';
import { FakeAlbClient } from '../ui/fake-client.js';

const target = { region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:8080' };
const server = { serverId: '10.0.0.9', serverType: 'Ip' as const, port: 8080, weight: 20 };

describe('the operations log of server changes', () => {
  it('records add, weight and remove with their aliyun commands, and the waits that end them', async () => {
    const fake = new FakeAlbClient();
    fake.data.serverGroups[0]!.serverGroupType = 'Ip';
    const log = new OpsLog(() => 0);
    const client = recordingClient(fake, log, target);

    expect(isDryRunPassed(await client.addServers('sgp-web', [server], { dryRun: true }))).toBe(true);
    expect(log.entries()).toEqual([]);

    const added = (await client.addServers('sgp-web', [server], {
      clientToken: 'tok-add',
    })) as ListenerChange;
    await client.waitForServers('sgp-web', [server], { until: 'Available', jobId: added.jobId });
    await client.updateServers('sgp-web', [{ ...server, weight: 0 }], { clientToken: 'tok-w' });
    await client.removeServers('sgp-web', [server], { clientToken: 'tok-rm' });
    await client.waitForServers('sgp-web', [server], { until: 'gone' });

    const entries = [...log.entries()].sort((a, b) => a.id - b.id);
    expect(entries.map((e) => [e.action, e.status])).toEqual([
      ['AddServersToServerGroup', 'done'],
      ['UpdateServerGroupServersAttribute', 'accepted'],
      ['RemoveServersFromServerGroup', 'done'],
    ]);
    expect(entries[0]!.command).toBe(
      'aliyun alb AddServersToServerGroup --region cn-hangzhou --endpoint 127.0.0.1:8080 --insecure ' +
        '--ServerGroupId sgp-web --Servers.1.ServerId 10.0.0.9 --Servers.1.ServerType Ip --Servers.1.Port 8080 ' +
        '--Servers.1.Weight 20 --ClientToken tok-add --method POST --force',
    );
    expect(entries[0]!.progress).toContain('10.0.0.9:8080 Available');
    expect(entries[2]!.command).toContain('RemoveServersFromServerGroup');
    expect(entries[2]!.command).toContain('--ClientToken tok-rm');
  });
});
