// openConnection: the in-process local ALB by default, an endpoint or a saved connection otherwise.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { ConnectionError, openConnection, splitBilingual } from '../../source/cli/connect.js';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { openStore, type ConnectionProfile, type Store } from '../../source/store/index.js';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-connect-'));
  env = { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openConnection: the local ALB', () => {
  it('attaches to a local ALB already serving the same state instead of starting a second one', async () => {
    const dataDir = path.join(dir, 'state');
    // What `alb-tui emulator` does with the default paths.
    const running = await startEmulator({
      statePath: path.join(dataDir, 'local-alb.json'),
      credentialsPath: path.join(dataDir, 'local-alb-credentials.json'),
      provisioningDelayMs: 0,
    });
    try {
      const connection = await openConnection({ lang: 'en', env, dataDir });
      expect(connection.info.endpoint).toBe(running.endpoint);
      expect(connection.warnings.map((w) => w.en).join()).toContain('already running');
      const [instance] = await collect(connection.client.listLoadBalancers({ status: 'Active' }));
      const created = await connection.client.createListener({
        loadBalancerId: instance!.loadBalancerId,
        listenerProtocol: 'HTTP',
        listenerPort: 18_080,
        defaultActions: [
          {
            type: 'ForwardGroup',
            forwardGroupConfig: {
              serverGroupTuples: [
                {
                  serverGroupId: running
                    .snapshot()
                    .serverGroups.find((g) => g.vpcId === instance!.vpcId && g.protocol === 'HTTP')!
                    .serverGroupId,
                },
              ],
            },
          },
        ],
      });
      await connection.close();
      // The change landed in the running local ALB, the state's only writer.
      expect(
        running
          .snapshot()
          .listeners.some((l) => 'listenerId' in created && l.listenerId === created.listenerId),
      ).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('attaches in the region asked for: a running local ALB serves each region on its own endpoint', async () => {
    const dataDir = path.join(dir, 'state');
    const running = await startEmulator({
      statePath: path.join(dataDir, 'local-alb.json'),
      credentialsPath: path.join(dataDir, 'local-alb-credentials.json'),
    });
    try {
      const connection = await openConnection({ lang: 'en', env, dataDir, region: 'cn-shanghai' });
      const shanghai = running.regions.find((r) => r.regionId === 'cn-shanghai')!;
      expect(connection.info).toMatchObject({ region: 'cn-shanghai', endpoint: shanghai.endpoint });
      expect(
        (await collect(connection.client.listLoadBalancers())).map((i) => i.loadBalancerId).sort(),
      ).toEqual(
        running
          .snapshot('cn-shanghai')
          .loadBalancers.map((l) => l.loadBalancerId)
          .sort(),
      );
      await connection.close();
    } finally {
      await running.close();
    }
  });

  it('takes the place of an owner that is quitting (no longer listening) instead of attaching to it', async () => {
    const dataDir = path.join(dir, 'state');
    await mkdir(dataDir, { recursive: true });
    // A process that is still alive for a moment but no longer serves: an alb-tui on its way out.
    const leaving = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600)']);
    const gone = new Promise((resolve) => leaving.once('exit', resolve));
    await writeFile(
      path.join(dataDir, 'local-alb.json.owner'),
      JSON.stringify({
        pid: leaving.pid,
        startedAt: new Date().toISOString(),
        endpoint: 'http://127.0.0.1:9',
      }),
    );
    const connection = await openConnection({ lang: 'en', env, dataDir });
    try {
      await gone;
      expect(connection.info.endpoint).not.toBe('http://127.0.0.1:9');
      expect(connection.warnings.map((w) => w.en).join()).not.toContain('already running');
      expect((await collect(connection.client.listLoadBalancers())).length).toBeGreaterThan(0);
      const owner = JSON.parse(await readFile(path.join(dataDir, 'local-alb.json.owner'), 'utf8')) as {
        pid: number;
      };
      expect(owner.pid).toBe(process.pid);
    } finally {
      await connection.close();
    }
  });

  it('starts the local ALB in-process under the data directory and lists its instances', async () => {
    const connection = await openConnection({ lang: 'en', env });
    try {
      expect(connection.info).toEqual({
        kind: 'local',
        name: 'local',
        region: 'cn-hangzhou',
        endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        readOnly: false,
        production: false,
      });
      expect(connection.client.endpoint).toBe(connection.info.endpoint);
      expect(connection.warnings).toEqual([]);
      const instances = await collect(connection.client.listLoadBalancers());
      expect(instances.length).toBeGreaterThan(0);
    } finally {
      await connection.close();
    }
    const dataDir = path.join(dir, 'data', 'alb-tui');
    expect((await stat(path.join(dataDir, 'local-alb.json'))).isFile()).toBe(true);
    expect((await stat(path.join(dataDir, 'local-alb-credentials.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('keeps the state between runs: a listener created in one is there in the next', async () => {
    const first = await openConnection({ lang: 'en', env, dataDir: path.join(dir, 'state') });
    let listenerId: string;
    try {
      const [lb] = await collect(first.client.listLoadBalancers({ status: 'Active' }));
      const group = (await collect(first.client.listServerGroups({ vpcId: lb!.vpcId }))).find(
        (g) => g.protocol === 'HTTP',
      )!;
      const request: CreateListenerRequest = {
        loadBalancerId: lb!.loadBalancerId,
        listenerProtocol: 'HTTP',
        listenerPort: 8765,
        defaultActions: [
          {
            type: 'ForwardGroup',
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
          },
        ],
      };
      const created = await first.client.createListener(request);
      if (!('listenerId' in created)) throw new Error('expected a listener');
      listenerId = created.listenerId;
    } finally {
      await first.close();
    }
    const second = await openConnection({ lang: 'en', env, dataDir: path.join(dir, 'state') });
    try {
      expect(second.info.endpoint).not.toBe(first.info.endpoint);
      const listener = await second.client.getListener(listenerId);
      expect(listener.listenerPort).toBe(8765);
    } finally {
      await second.close();
    }
  });

  it('treats the built-in "local" connection as the local ALB', async () => {
    const connection = await openConnection({ lang: 'en', env, connectionName: 'local' });
    await connection.close();
    expect(connection.info.kind).toBe('local');
  });

  it('reports a corrupt state file (moved aside) as a warning in both languages', async () => {
    const dataDir = path.join(dir, 'broken');
    await openConnection({ lang: 'en', env, dataDir }).then((c) => c.close());
    await writeFile(path.join(dataDir, 'local-alb.json'), '{ not json');
    const connection = await openConnection({ lang: 'zh-CN', env, dataDir });
    await connection.close();
    expect(connection.warnings).toHaveLength(1);
    expect(connection.warnings[0]!.en).toMatch(/could not be read.*moved to/);
    expect(connection.warnings[0]!['zh-CN']).toContain('无法读取');
    expect(JSON.parse(await readFile(path.join(dataDir, 'local-alb.json'), 'utf8'))).toHaveProperty(
      'loadBalancers',
    );
  });

  it('refuses a malformed region as a usage error', async () => {
    const error = await openConnection({ lang: 'en', env, region: 'Hangzhou' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ usage: true });
    expect((error as ConnectionError).localized.en).toContain('invalid region "Hangzhou"');
  });
});

describe('openConnection: an endpoint', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('talks to the endpoint with credentials from the environment', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', emulator.accessKeyId);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', emulator.accessKeySecret);
    const connection = await openConnection({ lang: 'en', env, endpoint: emulator.endpoint });
    try {
      expect(connection.info).toEqual({
        kind: 'aliyun',
        name: emulator.endpoint,
        region: 'cn-hangzhou',
        endpoint: emulator.endpoint,
        readOnly: false,
        production: false,
      });
      const instances = await collect(connection.client.listLoadBalancers());
      expect(instances.map((i) => i.loadBalancerId).sort()).toEqual(
        emulator
          .snapshot()
          .loadBalancers.map((l) => l.loadBalancerId)
          .sort(),
      );
    } finally {
      await connection.close();
    }
    // Closing a remote connection leaves the endpoint alone.
    expect((await collect(connection.client.listLoadBalancers())).length).toBeGreaterThan(0);
  });

  it('fails the first call with a credentials error when the chain finds none', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_FILE', path.join(dir, 'none'));
    const connection = await openConnection({ lang: 'en', env, endpoint: emulator.endpoint });
    const error = await collect(connection.client.listLoadBalancers()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'credentials' });
  });

  it('marks an Alibaba Cloud endpoint as production', async () => {
    const connection = await openConnection({
      lang: 'en',
      env,
      endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
      region: 'cn-shanghai',
    });
    expect(connection.info).toMatchObject({
      kind: 'aliyun',
      production: true,
      color: 'red',
      region: 'cn-shanghai',
      endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
    });
  });

  it('refuses a malformed endpoint as a usage error', async () => {
    const error = await openConnection({ lang: 'en', env, endpoint: 'ftp://example.com/x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ usage: true });
  });

  /** A fake ~/.aliyun/config.json: `ops` holds the local ALB's pair, the current profile another. */
  async function writeCliConfig(opsRegion = 'cn-hangzhou'): Promise<void> {
    vi.stubEnv('HOME', dir);
    await mkdir(path.join(dir, '.aliyun'), { mode: 0o700 });
    const profile = (name: string, id: string, secret: string, region: string) => ({
      name,
      mode: 'AK',
      access_key_id: id,
      access_key_secret: secret,
      region_id: region,
    });
    await writeFile(
      path.join(dir, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'other',
        profiles: [
          profile('other', 'LTAIotherKeyForTests001', 'otherSecretValueForTests01', 'cn-beijing'),
          profile('ops', emulator.accessKeyId, emulator.accessKeySecret, opsRegion),
        ],
      }),
      { mode: 0o600 },
    );
  }

  function clearCredentialVariables(): void {
    for (const key of [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_SECURITY_TOKEN',
      'ALIBABA_CLOUD_PROFILE',
      'ALIBABA_CLOUD_CREDENTIALS_FILE',
      'ALIBABA_CLOUD_ECS_METADATA',
    ])
      vi.stubEnv(key, undefined);
  }

  it('uses a saved connection: its endpoint, region, flags, colour and CLI profile', async () => {
    clearCredentialVariables();
    await writeCliConfig();
    const store = await openStore({ env });
    await store.saveConnection({
      kind: 'aliyun',
      name: 'prod-hz',
      region: 'cn-hangzhou',
      endpoint: emulator.endpoint,
      readOnly: true,
      production: true,
      credentials: { source: 'cli-profile', profile: 'ops' },
    });
    const connection = await openConnection({ lang: 'en', env, connectionName: 'prod-hz' });
    expect(connection.info).toEqual({
      kind: 'aliyun',
      name: 'prod-hz',
      region: 'cn-hangzhou',
      endpoint: emulator.endpoint,
      readOnly: true,
      production: true,
      color: 'red',
    });
    // The profile is read directly: nothing to set in the environment, nothing to warn about.
    expect(connection.warnings).toEqual([]);
    expect((await collect(connection.client.listLoadBalancers())).length).toBeGreaterThan(0);
    // Read-only in the client itself: a change asked of it directly is refused, the listener untouched.
    const running = emulator.snapshot().listeners.find((l) => l.listenerStatus === 'Running')!;
    await expect(connection.client.stopListener(running.listenerId)).rejects.toMatchObject({
      kind: 'read-only',
    });
    expect(
      emulator.snapshot().listeners.find((l) => l.listenerId === running.listenerId)?.listenerStatus,
    ).toBe('Running');
  });

  it('reads the credentials from the source each connection names', async () => {
    clearCredentialVariables();
    vi.stubEnv('HOME', dir);
    const iniPath = path.join(dir, 'alb-credentials.ini');
    await writeFile(
      iniPath,
      `[default]\ntype = access_key\naccess_key_id = LTAIotherKeyForTests001\naccess_key_secret = otherSecret\n` +
        `[alb]\ntype = access_key\naccess_key_id = ${emulator.accessKeyId}\naccess_key_secret = ${emulator.accessKeySecret}\n`,
      { mode: 0o600 },
    );
    const store = await openStore({ env });
    const base = { kind: 'aliyun', region: 'cn-hangzhou', endpoint: emulator.endpoint } as const;
    await store.saveConnection({ ...base, name: 'by-env', credentials: { source: 'environment' } });
    await store.saveConnection({
      ...base,
      name: 'by-file',
      credentials: { source: 'credentials-file', path: iniPath, section: 'alb' },
    });
    await store.saveConnection({ ...base, name: 'by-role', credentials: { source: 'ecs-ram-role' } });
    await store.saveConnection({
      ...base,
      name: 'by-missing-profile',
      credentials: { source: 'cli-profile', profile: 'nope' },
    });
    const list = async (name: string) => {
      const connection = await openConnection({ lang: 'en', env, connectionName: name, store });
      expect(connection.warnings).toEqual([]);
      return collect(connection.client.listLoadBalancers());
    };

    expect((await list('by-file')).length).toBeGreaterThan(0);
    await expect(list('by-env')).rejects.toMatchObject({
      kind: 'credentials',
      message: { en: expect.stringContaining('environment variables') },
    });
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', emulator.accessKeyId);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', emulator.accessKeySecret);
    expect((await list('by-env')).length).toBeGreaterThan(0);
    // The variables set now are not a fallback for the other sources.
    await expect(list('by-role')).rejects.toMatchObject({
      kind: 'credentials',
      message: { en: expect.stringContaining('instance metadata service is disabled') },
    });
    await expect(list('by-missing-profile')).rejects.toMatchObject({
      kind: 'credentials',
      message: {
        en: "aliyun CLI profile 'nope': ~/.aliyun/config.json does not exist; run `aliyun configure --profile nope`",
      },
    });
  });

  it("takes the CLI profile's region_id when the connection has no region", async () => {
    clearCredentialVariables();
    await writeCliConfig('cn-shanghai');
    // The store requires a region today; a connection without one comes from a stand-in store.
    const connection = {
      kind: 'aliyun',
      name: 'no-region',
      endpoint: emulator.endpoint,
      readOnly: false,
      production: false,
      credentials: { source: 'cli-profile', profile: 'ops' },
    } as unknown as ConnectionProfile;
    const store = {
      getConnection: () => connection,
      listConnections: () => [connection],
    } as unknown as Store;
    const opened = await openConnection({ lang: 'en', env, connectionName: 'no-region', store });
    expect(opened.info.region).toBe('cn-shanghai');
    expect(opened.client.region).toBe('cn-shanghai');
    const withRegion = await openConnection({
      lang: 'en',
      env,
      connectionName: 'no-region',
      store,
      region: 'cn-beijing',
    });
    expect(withRegion.info.region).toBe('cn-beijing');
  });

  it('refuses an unknown connection name, listing the known ones', async () => {
    const error = await openConnection({ lang: 'en', env, connectionName: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ usage: true });
    expect((error as ConnectionError).localized.en).toBe('no connection named "nope" (known: "local")');
  });
});

describe('splitBilingual', () => {
  it('splits the emulator\'s "English / 中文" warnings', () => {
    expect(splitBilingual('State file /a/b.json moved. / 状态文件 /a/b.json 已移动。')).toEqual({
      en: 'State file /a/b.json moved.',
      'zh-CN': '状态文件 /a/b.json 已移动。',
    });
    expect(splitBilingual('only one')).toEqual({ en: 'only one', 'zh-CN': 'only one' });
  });
});
