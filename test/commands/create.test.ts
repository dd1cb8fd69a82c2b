// `alb-tui create` against a real local ALB: from --set pairs and from a profile, every way it can end.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { createSdkAlbClient } from '../../source/alb/sdk-client.js';
import type { Certificate, Listener, LoadBalancer, ServerGroup } from '../../source/domain/resources.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { openStore } from '../../source/store/index.js';
import { webProfile } from './fixtures.js';
import { instancesByName, runIn, sandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
let instances: Map<string, LoadBalancer>;
let groups: ServerGroup[];
let certificates: Certificate[];

beforeAll(async () => {
  box = await sandbox();
  instances = await instancesByName(box);
  ({ groups, certificates } = await box.withLocal(async ({ client }) => ({
    groups: await collect(client.listServerGroups()),
    certificates: await client.listCertificates(),
  })));
  const store = await openStore({ env: box.env });
  await store.saveProfile(webProfile());
  await store.saveProfile({
    ...webProfile('lost-group'),
    hints: { certificate: { domain: 'www.example.com' }, serverGroup: { name: 'no-such-group' } },
  });
});
afterAll(() => box.cleanup());

function instanceId(name: string): string {
  return instances.get(name)!.loadBalancerId;
}

function groupId(name: string): string {
  return groups.find((g) => g.serverGroupName === name)!.serverGroupId;
}

async function listenersOf(loadBalancerId: string): Promise<Listener[]> {
  return box.withLocal(({ client }) => collect(client.listListeners({ loadBalancerIds: [loadBalancerId] })));
}

function httpSets(port: number, group = 'web-frontend-http'): string[] {
  return ['--set', 'protocol=HTTP', '--set', `port=${port}`, '--set', `server-group=${groupId(group)}`];
}

describe('alb-tui create with --set', () => {
  it('creates the listener with --yes and prints {listenerId, jobId, status} with --json', async () => {
    const lb = instanceId('prod-api');
    const result = await box.run([
      'create',
      '--instance',
      lb,
      ...httpSets(8181),
      '--set',
      'name=api_http_8181',
      '--set',
      'idle-timeout=33',
      '--set',
      'header.slb-id=on',
      '--yes',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { listenerId: string; jobId: string; status: string };
    expect(Object.keys(printed).sort()).toEqual(['jobId', 'listenerId', 'status']);
    expect(printed.status).toBe('Provisioning');
    const created = (await listenersOf(lb)).find((l) => l.listenerId === printed.listenerId);
    expect(created).toMatchObject({
      listenerProtocol: 'HTTP',
      listenerPort: 8181,
      listenerDescription: 'api_http_8181',
      idleTimeout: 33,
      XForwardedForConfig: { XForwardedForSLBIdEnabled: true, XForwardedForEnabled: true },
    });
  });

  it('refuses a bad port before calling anything else (exit 2, label and message)', async () => {
    const lb = instanceId('prod-api');
    const result = await box.run([
      'create',
      '--instance',
      lb,
      ...httpSets(0).slice(0, 2),
      '--set',
      'port=70000',
      '--set',
      `server-group=${groupId('web-frontend-http')}`,
      '--yes',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'Listener port: Port must be a whole number from 1 to 65535 (got "70000")',
    );
    const zh = await box.run([
      'create',
      '--lang',
      'zh-CN',
      '--instance',
      lb,
      '--set',
      'protocol=HTTP',
      '--set',
      'port=abc',
      '--set',
      `server-group=${groupId('web-frontend-http')}`,
      '--yes',
    ]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('监听端口：监听端口须为 1~65535 之间的整数');
  });

  it('refuses a port already taken on the instance, naming the listener', async () => {
    const lb = instanceId('prod-web');
    const before = await listenersOf(lb);
    const result = await box.run(['create', '--instance', lb, ...httpSets(80), '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^Listener port: Port 80 is already used by HTTP listener web_http_80 \(lsn-/,
    );
    expect(await listenersOf(lb)).toHaveLength(before.length);
  });

  it('lists every missing pick with the --set key that gives it', async () => {
    const result = await box.run([
      'create',
      '--instance',
      instanceId('prod-web'),
      '--set',
      'port=9444',
      '--yes',
    ]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContain(
      'Server certificate: Choose a server certificate (give it with --set certificate=…)',
    );
    expect(lines).toContain('Server group: Choose a server group (give it with --set server-group=…)');
  });

  it('refuses an unknown instance with exit 1 (the service does not know it)', async () => {
    const result = await box.run(['create', '--instance', 'alb-nothere', ...httpSets(81), '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Instance alb-nothere does not exist in this region');
  });

  it('refuses an instance that is not Active', async () => {
    const result = await box.run([
      'create',
      '--instance',
      instanceId('legacy-portal'),
      ...httpSets(81, 'legacy-portal-http'),
      '--yes',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Instance: Instance alb-\w+ is Inactive/);
  });

  it.each([
    [['--set', 'port'], '--set takes key=value (got "port")'],
    [['--set', '=1'], '--set takes key=value'],
    [['--set', 'colour=red'], 'unknown key "colour"'],
    [['--set', 'gzip=maybe'], '--set gzip: use on, off, true or false (got "maybe")'],
    [['--set', 'protocol=TCP'], '--set protocol: use HTTP, HTTPS or QUIC (got "TCP")'],
    [
      ['--set', 'protocol=HTTP', '--set', 'http2=off'],
      '--set http2 does not apply to HTTP listeners (only HTTPS)',
    ],
    [
      ['--set', 'protocol=QUIC', '--set', 'header.x-forwarded-for=on'],
      '--set header.x-forwarded-for does not apply to QUIC listeners',
    ],
  ])('refuses bad --set %j with exit 2', async (sets, message) => {
    const result = await box.run(['create', '--instance', instanceId('prod-web'), ...sets, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('needs --instance, and --profile or --set', async () => {
    const noInstance = await box.run(['create', '--set', 'port=80']);
    expect(noInstance.code).toBe(2);
    expect(noInstance.stderr).toContain('--instance is required');
    const nothing = await box.run(['create', '--instance', instanceId('prod-web')]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('give --profile NAME, or the settings with --set key=value');
  });

  it('refuses to create without --yes when not interactive, and creates nothing', async () => {
    const lb = instanceId('internal-services');
    const before = await listenersOf(lb);
    const result = await box.run(['create', '--instance', lb, ...httpSets(8282)]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('refusing to create without --yes when not interactive');
    expect(await listenersOf(lb)).toHaveLength(before.length);
  });

  it('asks on a terminal: "n" creates nothing (exit 1), "y" creates', async () => {
    const lb = instanceId('internal-services');
    const before = await listenersOf(lb);
    const no = await box.run(['create', '--instance', lb, ...httpSets(8283)], { isTTY: true, stdin: 'n\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/^Listener port: +8283$/m);
    expect(no.stderr).toContain('Create this listener on the local ALB? [y/N]');
    expect(no.stderr).toContain('Cancelled: nothing was created.');
    expect(await listenersOf(lb)).toHaveLength(before.length);

    const yes = await box.run(['create', '--instance', lb, ...httpSets(8283)], { isTTY: true, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toMatch(/^Listener lsn-\w+ is being created \(job [\w-]+\)\.\n$/);
    expect((await listenersOf(lb)).map((l) => l.listenerPort)).toContain(8283);
  });

  it('runs only the server precheck with --dry-run', async () => {
    const lb = instanceId('data-platform-数据平台');
    const before = await listenersOf(lb);
    const result = await box.run([
      'create',
      '--instance',
      lb,
      ...httpSets(8383, 'data-ingest-http'),
      '--dry-run',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'precheck passed: the listener can be created\n' });
    const json = await box.run([
      'create',
      '--instance',
      lb,
      ...httpSets(8383, 'data-ingest-http'),
      '--dry-run',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toEqual({ dryRun: 'passed' });
    expect(await listenersOf(lb)).toHaveLength(before.length);
  });

  it('answers --help with the --set keys', async () => {
    const result = await box.run(['create', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('header.NAME=on|off');
    expect(result.stdout).toContain('--dry-run');
  });
});

describe('alb-tui create --profile', () => {
  it('resolves the profile on the instance and creates exactly that listener', async () => {
    const lb = instanceId('prod-web');
    const result = await box.run(['create', '--instance', lb, '--profile', 'web-9443', '--yes', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { listenerId } = JSON.parse(result.stdout) as { listenerId: string };
    const listener = await box.withLocal(({ client }) => client.getListener(listenerId));
    const wildcard = certificates.find((c) => c.commonName === '*.example.com')!;
    expect(listener).toMatchObject({
      loadBalancerId: lb,
      listenerProtocol: 'HTTPS',
      listenerPort: 9443,
      listenerDescription: 'HTTPS_9443',
      idleTimeout: 20,
      requestTimeout: 90,
      gzipEnabled: false,
      securityPolicyId: 'tls_cipher_policy_1_2',
      certificates: [{ certificateId: wildcard.certificateId }],
      XForwardedForConfig: { XForwardedForProtoEnabled: true },
    });
    expect(listener.defaultActions[0]?.forwardGroupConfig.serverGroupTuples).toEqual([
      { serverGroupId: groupId('web-frontend-http') },
    ]);
  });

  it('applies --set on top of the profile', async () => {
    const lb = instanceId('prod-api');
    const result = await box.run([
      'create',
      '--instance',
      lb,
      '--profile',
      'web-9443',
      '--set',
      'port=9555',
      '--set',
      'gzip=on',
      '--yes',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const { listenerId } = JSON.parse(result.stdout) as { listenerId: string };
    const listener = await box.withLocal(({ client }) => client.getListener(listenerId));
    expect(listener).toMatchObject({ listenerPort: 9555, gzipEnabled: true, idleTimeout: 20 });
  });

  it('says which hint cannot be resolved and why (exit 2); --set fills it', async () => {
    const lb = instanceId('internal-services');
    const result = await box.run(['create', '--instance', lb, '--profile', 'lost-group', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Server group: .*no-such-group.* \(give it with --set server-group=…\)$/m);
    const fixed = await box.run([
      'create',
      '--instance',
      lb,
      '--profile',
      'lost-group',
      '--set',
      `server-group=${groupId('web-frontend-http')}`,
      '--dry-run',
    ]);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
  });

  it('refuses an unknown profile with exit 2', async () => {
    const result = await box.run([
      'create',
      '--instance',
      instanceId('prod-web'),
      '--profile',
      'nope',
      '--yes',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no listener profile named "nope"');
  });
});

describe('alb-tui create against an endpoint', () => {
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, provisioningDelayMs: 30 });
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', emulator.accessKeyId);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', emulator.accessKeySecret);
    env = { ...box.env };
    const store = await openStore({ env });
    await store.saveConnection({
      kind: 'aliyun',
      name: 'audit',
      region: 'cn-hangzhou',
      endpoint: emulator.endpoint,
      readOnly: true,
      credentials: { source: 'environment' },
    });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await emulator.close();
  });

  function target(): { lb: string; group: string } {
    const state = emulator.snapshot();
    const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!;
    const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
    return { lb: lb.loadBalancerId, group: group.serverGroupId };
  }

  it('follows the listener to Running with --wait, progress on stderr', async () => {
    const { lb, group } = target();
    const result = await runIn(env, [
      'create',
      '--endpoint',
      emulator.endpoint,
      '--instance',
      lb,
      '--set',
      'protocol=HTTP',
      '--set',
      'port=8484',
      '--set',
      `server-group=${group}`,
      '--yes',
      '--wait',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Listener (lsn-\w+) is Running\.\n$/);
    const listenerId = /lsn-\w+/.exec(result.stdout)![0];
    expect(result.stderr).toContain(`listener ${listenerId}: Running`);
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: emulator.endpoint,
      credentials: {
        kind: 'static',
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
      },
    });
    expect((await client.getListener(listenerId)).listenerStatus).toBe('Running');
  });

  it('reports a failed server precheck with exit 1 and the server reason', async () => {
    const { lb, group } = target();
    emulator.setFaults({ actions: { CreateListener: { failureRate: 1 } } });
    try {
      const result = await runIn(env, [
        'create',
        '--endpoint',
        emulator.endpoint,
        '--instance',
        lb,
        '--set',
        'protocol=HTTP',
        '--set',
        'port=8485',
        '--set',
        `server-group=${group}`,
        '--dry-run',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^precheck failed: .*InternalError/);
    } finally {
      emulator.setFaults({});
    }
  });

  it('says the outcome is unknown when the reply is lost after the work, and --client-token retries safely', async () => {
    const { lb, group } = target();
    const sets = ['--set', 'protocol=HTTP', '--set', 'port=8487', '--set', `server-group=${group}`];
    const onPort = () =>
      emulator.snapshot().listeners.filter((l) => l.loadBalancerId === lb && l.listenerPort === 8487);
    emulator.setFaults({ actions: { CreateListener: { dropRate: 1, afterWorkShare: 1 } } });
    let token: string;
    try {
      const lost = await runIn(env, [
        'create',
        '--endpoint',
        emulator.endpoint,
        '--instance',
        lb,
        ...sets,
        '--yes',
      ]);
      expect(lost.code).toBe(1);
      expect(lost.stderr).not.toContain('could not create');
      expect(lost.stderr).toMatch(/^outcome unknown: the request may have reached the service/m);
      token = /^ClientToken used: "([^"]+)"$/m.exec(lost.stderr)![1]!;
      expect(lost.stderr).toContain(`Rerun the same command with --client-token ${token}`);
      expect(onPort()).toHaveLength(1);
      const zh = await runIn(env, [
        'create',
        '--endpoint',
        emulator.endpoint,
        '--instance',
        lb,
        ...sets,
        '--yes',
        '--lang',
        'zh-CN',
        '--json',
        '--client-token',
        token,
      ]);
      expect(zh.code).toBe(1);
      const error = JSON.parse(zh.stderr) as { code: string; message: string; clientToken: string };
      expect(error.clientToken).toBe(token);
      expect(error.message).toMatch(/^结果未知/);
    } finally {
      emulator.setFaults({});
    }
    const retry = await runIn(env, [
      'create',
      '--endpoint',
      emulator.endpoint,
      '--instance',
      lb,
      ...sets,
      '--yes',
      '--json',
      '--client-token',
      token,
    ]);
    expect(retry.stderr).toBe('');
    expect(retry.code).toBe(0);
    expect((JSON.parse(retry.stdout) as { listenerId: string }).listenerId).toBe(onPort()[0]!.listenerId);
    expect(onPort()).toHaveLength(1);
  });

  it('refuses a malformed --client-token or --instance as bad usage (exit 2)', async () => {
    const { group } = target();
    const sets = ['--set', 'protocol=HTTP', '--set', 'port=8489', '--set', `server-group=${group}`];
    const token = await box.run(['create', '--instance', 'alb-x', ...sets, '--yes', '--client-token', 'a b']);
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('--client-token: "a b" is not a ClientToken');
    const long = await box.run(['create', '--instance', `alb-${'x'.repeat(100_000)}`, ...sets, '--yes']);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('is not an instance ID');
    expect(long.stderr.length).toBeLessThan(400);
  });

  it('refuses to create on a read-only connection (exit 1) but allows the precheck', async () => {
    const { lb, group } = target();
    const sets = ['--set', 'protocol=HTTP', '--set', 'port=8486', '--set', `server-group=${group}`];
    const before = emulator.snapshot().listeners.length;
    const refused = await runIn(env, ['create', '--connection', 'audit', '--instance', lb, ...sets, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('connection "audit" is read-only: nothing was created');
    const precheck = await runIn(env, [
      'create',
      '--connection',
      'audit',
      '--instance',
      lb,
      ...sets,
      '--dry-run',
    ]);
    expect(precheck.code).toBe(0);
    expect(emulator.snapshot().listeners.length).toBe(before);
  });
});

describe('mayHaveHappened: which failures leave the outcome unknown', () => {
  it('is false for refusals and requests never sent, true for lost replies and server errors', async () => {
    const { mayHaveHappened } = await import('../../source/commands/ask.js');
    const { AlbError } = await import('../../source/alb/errors.js');
    const error = (kind: ConstructorParameters<typeof AlbError>[0]['kind'], noEffect = false) =>
      new AlbError({ kind, noEffect, message: { en: '', 'zh-CN': '' } });
    expect(mayHaveHappened(error('conflict'))).toBe(false);
    expect(mayHaveHappened(error('invalid', true))).toBe(false);
    expect(mayHaveHappened(error('unreachable', true))).toBe(false);
    expect(mayHaveHappened(error('unreachable'))).toBe(true);
    expect(mayHaveHappened(error('timeout'))).toBe(true);
    expect(mayHaveHappened(error('server'))).toBe(true);
    expect(mayHaveHappened(error('aborted'))).toBe(true);
  });
});
