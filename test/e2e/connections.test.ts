// Several connections in one view, in a real terminal (issue 19): two regions of the local ALB and one
// connection whose credentials the local ALB refuses (it checks signatures), opened together with
// --connection. Every reachable row is there with its connection and region, the refused one is named
// with why, and a change on the read-only one is refused before anything is sent.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { keys, useLocalAlb } from '../helpers/e2e-local-alb.js';
import { TerminalSession } from '../helpers/terminal.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'alb-tui.js');

// The suite's local ALB serves cn-hangzhou; a second one, with other demo data, serves cn-shanghai.
const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-connections-' });
let shanghai: RunningEmulator;
const sessions: TerminalSession[] = [];

beforeAll(async () => {
  shanghai = await startEmulator({ port: 0, region: 'cn-shanghai', seed: 7 });
});
afterAll(async () => {
  await shanghai?.close();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.dispose()));
});

function credentialsFile(dir: string, name: string, id: string, secret: string): string {
  const path = join(dir, `${name}.ini`);
  writeFileSync(
    path,
    `[default]\ntype = access_key\naccess_key_id = ${id}\naccess_key_secret = ${secret}\n`,
    {
      mode: 0o600,
    },
  );
  return `credentials-file:${path}#default`;
}

describe('three connections in one dashboard', () => {
  it('lists both regions, names the refused connection, and refuses a change on the read-only one', async () => {
    const home = suite.home();
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...home }, encoding: 'utf8' });
    const hz = suite.emulator;
    cli(
      'connections',
      'add',
      'hz',
      '--region',
      'cn-hangzhou',
      '--endpoint',
      hz.endpoint,
      '--credentials',
      credentialsFile(home.HOME, 'hz', hz.accessKeyId, hz.accessKeySecret),
    );
    cli(
      'connections',
      'add',
      'sh',
      '--region',
      'cn-shanghai',
      '--endpoint',
      shanghai.endpoint,
      '--read-only',
      '--credentials',
      credentialsFile(home.HOME, 'sh', shanghai.accessKeyId, shanghai.accessKeySecret),
    );
    cli(
      'connections',
      'add',
      'bad',
      '--region',
      'cn-hangzhou',
      '--endpoint',
      hz.endpoint,
      '--credentials',
      credentialsFile(home.HOME, 'bad', 'LTAIwrongwrongwrong0', 'notTheSecret0000000000000000000'),
    );

    const session = TerminalSession.start(['--connection', 'hz,sh,bad', '--lang', 'en'], {
      cols: 120,
      rows: 40,
      env: home,
    });
    sessions.push(session);
    await session.waitForText(/3 connections · hz@cn-hangzhou sh@cn-shanghai bad@cn-hangzhou/, 30_000);
    await session.waitForText('1 failed: bad@cn-hangzhou', 30_000);
    await session.waitForText(/bad@cn-hangzhou failed: .*AccessKey/);
    expect(session.screenText()).toContain('1 read-only');

    // Every instance of both regions, each with its connection and region.
    const hzNames = (await collect(suite.api.listLoadBalancers())).map((lb) => lb.loadBalancerName ?? '');
    const shInstances = await collect(clientFor(shanghai).listLoadBalancers());
    expect(session.screenText()).toContain(`Instances ${hzNames.length + shInstances.length}`);
    const firstShanghai = shInstances[0]!;
    await keys(session, '/', ...'region:cn-shanghai'.split('').map((c) => `type:${c}`), 'enter');
    await session.waitForText(
      new RegExp(`Instances ${shInstances.length}/${hzNames.length + shInstances.length}`),
    );
    const row = session.screen().find((line) => line.startsWith('│›'));
    expect(row).toContain(firstShanghai.loadBalancerName);
    // The connection beside the name in the instances pane, and in the listeners pane beside the name.
    expect(row).toMatch(new RegExp(`${firstShanghai.loadBalancerName}\\s+sh\\s`));

    // A change on the read-only connection's listener: refused at once, naming it; nothing is sent.
    const before = await collect(
      clientFor(shanghai).listListeners({ loadBalancerIds: [firstShanghai.loadBalancerId] }),
    );
    await keys(session, 'tab', 'ctrl+d');
    await session.waitForText('Connection sh (cn-shanghai) is read-only: no change is made on its rows.');
    expect(session.screenText()).not.toContain('Type ');
    await keys(session, 's');
    await session.waitForText('Connection sh (cn-shanghai) is read-only');
    const after = await collect(
      clientFor(shanghai).listListeners({ loadBalancerIds: [firstShanghai.loadBalancerId] }),
    );
    expect(after.map((l) => [l.listenerId, l.listenerStatus])).toEqual(
      before.map((l) => [l.listenerId, l.listenerStatus]),
    );
  });
});
