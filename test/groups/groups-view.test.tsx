// `:groups` drawn: a server added through the form is prechecked, sent with one ClientToken, followed
// until it is Available and listed; a refused change shows the service's reason and r retries it with
// the same token; Esc in the groups list is left to the root.
import { afterEach, describe, expect, it } from 'vitest';
import { AlbError } from '../../source/alb/errors.js';
import { GroupsView } from '../../source/ui/groups/groups-view.js';
import { KEYS, pressKeys } from '../helpers/ink.js';
import { showView, waitForText, type ShownView } from '../helpers/view-harness.js';
import { FakeAlbClient } from '../ui/fake-client.js';

/** What a terminal sends for Ctrl-S: the key that applies a previewed change. */
const CTRL_S = '\x13';

let shown: ShownView | undefined;
afterEach(() => shown?.unmount());

function open(client: FakeAlbClient) {
  shown = showView((registerKeys) => (
    <GroupsView
      client={client}
      listeners={[{ id: 'lsn-web-http', protocol: 'HTTP', port: 80, serverGroupIds: ['sgp-web'] }]}
      lang="en"
      readOnly={false}
      production={false}
      width={120}
      height={30}
      registerKeys={registerKeys}
      pollIntervalMs={1}
    />
  ));
  return shown;
}

describe('the server group view', () => {
  it('adds a server: precheck, one token, followed to Available, listed with its health', async () => {
    const client = new FakeAlbClient();
    client.data.serverGroups[0]!.serverGroupType = 'Ip';
    const view = open(client);
    await waitForText(view, /web-frontend +2 +2\/2 healthy/);
    await pressKeys(view.stdin, KEYS.enter);
    await waitForText(view, '10.0.0.2:80');
    await pressKeys(view.stdin, 'a', '1', '8', '0', '8', '0', KEYS.enter, KEYS.enter, KEYS.enter);
    await waitForText(view, 'Precheck passed');
    await pressKeys(view.stdin, CTRL_S);
    await waitForText(view, 'Done: every server is as shown.');
    expect(view.lastFrame()).toMatch(/127\.0\.0\.1:18080 +100 +Available +healthy/);
    const calls = client.serverChanges.calls.map((c) => [c.action, c.dryRun]);
    expect(calls).toEqual([
      ['AddServersToServerGroup', true],
      ['AddServersToServerGroup', false],
    ]);
  });

  it('a refused change says why; r sends the same change with the same ClientToken', async () => {
    const client = new FakeAlbClient();
    const view = open(client);
    await waitForText(view, 'web-frontend');
    await pressKeys(view.stdin, KEYS.enter);
    await waitForText(view, '10.0.0.2:80');
    client.serverChanges.failNext = new AlbError({
      kind: 'state',
      code: 'ResourceInConfiguring',
      message: { en: 'the server group is being configured', 'zh-CN': '服务器组正在配置中' },
    });
    await pressKeys(view.stdin, 'x');
    await waitForText(view, 'Precheck passed');
    await pressKeys(view.stdin, CTRL_S);
    await waitForText(view, 'Failed: the server group is being configured');
    await pressKeys(view.stdin, 'r');
    await waitForText(view, 'Done: every server is as shown.');
    const real = client.serverChanges.calls.filter((c) => !c.dryRun);
    expect(real).toHaveLength(2);
    expect(real[1]!.clientToken).toBe(real[0]!.clientToken);
    expect(client.data.servers.map((s) => s.serverId)).toEqual(['i-two']);
  });

  it('Esc in the groups list is the root’s (back to the dashboard)', async () => {
    const view = open(new FakeAlbClient());
    await waitForText(view, 'web-frontend');
    await pressKeys(view.stdin, KEYS.escape);
    expect(view.unhandled).toContain('escape');
  });
});
