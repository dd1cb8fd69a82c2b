// Credentials from the source a connection names: an aliyun CLI profile, the environment, an INI
// credentials file, an ECS RAM role. The right AccessKey is proved by a local ALB that accepts only
// that pair. HOME is a fresh temporary directory and every credential variable is cleared, so no real
// profile is read; the ECS metadata service is disabled, so nothing leaves this machine.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../source/alb/client.js';
import {
  cliProfileRegion,
  ecsRamRoleFailure,
  parseIni,
  type CredentialsOption,
} from '../../source/alb/credentials.js';
import { isAlbError, type AlbError } from '../../source/alb/errors.js';
import { createSdkAlbClient } from '../../source/alb/sdk-client.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { startFakeServer, type FakeServer } from './fake-server.js';

const PROD = { accessKeyId: 'LTAIprodKeyForTests0001', accessKeySecret: 'prodSecretValueForTests000001' };
const DEV = { accessKeyId: 'LTAIdevKeyForTests00002', accessKeySecret: 'devSecretValueForTests0000002' };
const SECRETS = [PROD.accessKeySecret, DEV.accessKeySecret, 'wrongSecretValue'];

const CLEARED = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_PROFILE',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
  'ALIBABA_CLOUD_ECS_METADATA',
  'ALIBABA_CLOUD_ROLE_ARN',
  'ALIBABA_CLOUD_CREDENTIALS_URI',
];

let emulator: RunningEmulator;
let home: string;
let fake: FakeServer | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, credentials: PROD, provisioningDelayMs: 0 });
});
afterAll(() => emulator.close());

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'alb-tui-creds-'));
  vi.stubEnv('HOME', home);
  for (const key of CLEARED) vi.stubEnv(key, undefined);
  vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
  await rm(home, { recursive: true, force: true });
});

function clientFor(credentials: CredentialsOption, endpoint = emulator.endpoint) {
  return createSdkAlbClient({ region: 'cn-hangzhou', endpoint, credentials, retry: { maxAttempts: 1 } });
}

async function listIds(credentials: CredentialsOption): Promise<string[]> {
  const instances = await collect(clientFor(credentials).listLoadBalancers());
  return instances.map((i) => i.loadBalancerId).sort();
}

function emulatorIds(): string[] {
  return emulator
    .snapshot()
    .loadBalancers.map((l) => l.loadBalancerId)
    .sort();
}

/** The error of the first call, which must be an AlbError whose messages hold no secret. */
async function failure(credentials: CredentialsOption, endpoint?: string): Promise<AlbError> {
  const error = await collect(clientFor(credentials, endpoint).listLoadBalancers()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAlbError(error)) throw new Error(`expected an AlbError, got ${String(error)}`);
  const shown = JSON.stringify(error.message);
  for (const secret of SECRETS) expect(shown).not.toContain(secret);
  return error;
}

/** A gateway that records requests, for failures that must happen before anything is sent. */
async function recorder(): Promise<FakeServer> {
  fake = await startFakeServer(() => ({ body: { RequestId: 'r', LoadBalancers: [] } }));
  return fake;
}

async function writeCliConfig(config: unknown): Promise<void> {
  await mkdir(path.join(home, '.aliyun'), { mode: 0o700 });
  await writeFile(
    path.join(home, '.aliyun', 'config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
    { mode: 0o600 },
  );
}

function akProfile(name: string, pair: typeof PROD, extra: Record<string, unknown> = {}) {
  return {
    name,
    mode: 'AK',
    access_key_id: pair.accessKeyId,
    access_key_secret: pair.accessKeySecret,
    region_id: 'cn-hangzhou',
    ...extra,
  };
}

const TWO_PROFILES = {
  current: 'dev',
  profiles: [akProfile('dev', DEV), akProfile('prod', PROD, { region_id: 'cn-shanghai' })],
};

describe('aliyun CLI profile', () => {
  it('uses the AccessKey of the named profile, not the current one', async () => {
    await writeCliConfig(TWO_PROFILES);
    expect(await listIds({ kind: 'cli-profile', profile: 'prod' })).toEqual(emulatorIds());
    // The current profile's pair is not the one the local ALB accepts.
    const error = await failure({ kind: 'cli-profile', profile: 'dev' });
    expect(error).toMatchObject({ kind: 'credentials', code: expect.stringMatching(/^InvalidAccessKeyId/) });
  });

  it('works while ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true: that switch is for the default chain', async () => {
    vi.stubEnv('ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'true');
    await writeCliConfig(TWO_PROFILES);
    expect(await listIds({ kind: 'cli-profile', profile: 'prod' })).toEqual(emulatorIds());
  });

  it('signs with the profile secret: a wrong one is a signature error', async () => {
    await writeCliConfig({
      profiles: [akProfile('bad', { accessKeyId: PROD.accessKeyId, accessKeySecret: 'wrongSecretValue' })],
    });
    expect(await failure({ kind: 'cli-profile', profile: 'bad' })).toMatchObject({ kind: 'signature' });
  });

  it('names the profiles there when the profile is missing, and sends nothing', async () => {
    await writeCliConfig(TWO_PROFILES);
    const server = await recorder();
    const error = await failure({ kind: 'cli-profile', profile: 'staging' }, server.endpoint);
    expect(error).toMatchObject({ kind: 'credentials', noEffect: true });
    expect(error.message.en).toBe(
      "aliyun CLI profile 'staging' not found in ~/.aliyun/config.json (profiles there: dev, prod)",
    );
    expect(error.message['zh-CN']).toBe(
      "在 ~/.aliyun/config.json 中找不到 aliyun CLI 配置 'staging'（其中的配置：dev, prod）",
    );
    expect(server.requests).toHaveLength(0);
  });

  it('says so when ~/.aliyun/config.json does not exist', async () => {
    const error = await failure({ kind: 'cli-profile', profile: 'prod' });
    expect(error).toMatchObject({ kind: 'credentials' });
    expect(error.message.en).toBe(
      "aliyun CLI profile 'prod': ~/.aliyun/config.json does not exist; run `aliyun configure --profile prod`",
    );
  });

  it('reports a config that is not JSON without quoting it', async () => {
    await writeCliConfig(`{"profiles":[{"name":"prod","access_key_secret":"${PROD.accessKeySecret}"`);
    const error = await failure({ kind: 'cli-profile', profile: 'prod' });
    expect(error.message.en).toContain('~/.aliyun/config.json is not valid JSON');
    expect(error.cause).toBeUndefined();
  });

  it('refuses an AK profile without a secret instead of falling back to the environment', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', PROD.accessKeyId);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', PROD.accessKeySecret);
    await writeCliConfig({ profiles: [akProfile('half', PROD, { access_key_secret: '' })] });
    const error = await failure({ kind: 'cli-profile', profile: 'half' });
    expect(error).toMatchObject({ kind: 'credentials' });
    expect(error.message.en).toBe(
      "aliyun CLI profile 'half' (mode AK) in ~/.aliyun/config.json has no access_key_secret; run `aliyun configure --profile half`",
    );
  });

  it('explains an EcsRamRole profile when the metadata service is disabled', async () => {
    await writeCliConfig({ profiles: [{ name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'alb-ops' }] });
    const error = await failure({ kind: 'cli-profile', profile: 'ecs' });
    expect(error).toMatchObject({ kind: 'credentials' });
    expect(error.message.en).toBe(
      "aliyun CLI profile 'ecs' (mode EcsRamRole): ECS RAM role: the instance metadata service is disabled (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)",
    );
  });

  it('names a mode the library cannot use', async () => {
    await writeCliConfig({ profiles: [{ name: 'odd', mode: 'RsaKeyPair' }] });
    const error = await failure({ kind: 'cli-profile', profile: 'odd' });
    expect(error.message.en).toContain("aliyun CLI profile 'odd' uses mode 'RsaKeyPair'");
  });

  it('reads the profile again after a failure, so a fixed config is picked up', async () => {
    const client = clientFor({ kind: 'cli-profile', profile: 'prod' });
    await expect(collect(client.listLoadBalancers())).rejects.toMatchObject({ kind: 'credentials' });
    await writeCliConfig(TWO_PROFILES);
    expect((await collect(client.listLoadBalancers())).length).toBe(emulatorIds().length);
  });

  it("gives the profile's region_id, or none", async () => {
    await writeCliConfig(TWO_PROFILES);
    expect(await cliProfileRegion('prod')).toBe('cn-shanghai');
    expect(await cliProfileRegion('missing')).toBeUndefined();
    await rm(path.join(home, '.aliyun'), { recursive: true });
    expect(await cliProfileRegion('prod')).toBeUndefined();
  });
});

describe('environment', () => {
  it('uses ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, read at every call', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', PROD.accessKeyId);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', PROD.accessKeySecret);
    const client = clientFor({ kind: 'environment' });
    expect((await collect(client.listLoadBalancers())).length).toBe(emulatorIds().length);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'wrongSecretValue');
    await expect(collect(client.listLoadBalancers())).rejects.toMatchObject({ kind: 'signature' });
  });

  it('ignores profiles and files: only the variables count', async () => {
    await writeCliConfig(TWO_PROFILES);
    const server = await recorder();
    const error = await failure({ kind: 'environment' }, server.endpoint);
    expect(error).toMatchObject({ kind: 'credentials' });
    expect(error.message).toEqual({
      en: 'environment variables ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set',
      'zh-CN': '环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET 未设置',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('names the one variable that is missing', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', PROD.accessKeyId);
    const error = await failure({ kind: 'environment' });
    expect(error.message.en).toBe('environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set');
  });
});

describe('credentials file', () => {
  const INI = [
    '; two AccessKeys',
    '[default]',
    'type = access_key',
    `access_key_id = ${DEV.accessKeyId}`,
    `access_key_secret = ${DEV.accessKeySecret}`,
    '',
    '[alb]',
    'type = access_key   # the one the local ALB accepts',
    `access_key_id = "${PROD.accessKeyId}"`,
    `access_key_secret = ${PROD.accessKeySecret}`,
    '',
  ].join('\n');

  async function writeIni(relative: string, text = INI): Promise<string> {
    const file = path.join(home, relative);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, text, { mode: 0o600 });
    return file;
  }

  it('uses the named section of the file at the given path', async () => {
    const file = await writeIni('creds/alb.ini');
    expect(await listIds({ kind: 'credentials-file', path: file, section: 'alb' })).toEqual(emulatorIds());
    const error = await failure({ kind: 'credentials-file', path: file });
    // No section given: [default], whose key the local ALB does not know.
    expect(error).toMatchObject({ kind: 'credentials', code: expect.stringMatching(/^InvalidAccessKeyId/) });
  });

  it('expands ~/ and prefers the given path over ALIBABA_CLOUD_CREDENTIALS_FILE', async () => {
    await writeIni('creds/alb.ini');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_FILE', path.join(home, 'nowhere'));
    expect(await listIds({ kind: 'credentials-file', path: '~/creds/alb.ini', section: 'alb' })).toEqual(
      emulatorIds(),
    );
  });

  it('reads ~/.alibabacloud/credentials when no path is given', async () => {
    await writeIni('.alibabacloud/credentials');
    expect(await listIds({ kind: 'credentials-file', section: 'alb' })).toEqual(emulatorIds());
  });

  it('names the sections there when the section is missing, and sends nothing', async () => {
    await writeIni('.alibabacloud/credentials');
    const server = await recorder();
    const error = await failure({ kind: 'credentials-file', section: 'x' }, server.endpoint);
    expect(error).toMatchObject({ kind: 'credentials' });
    expect(error.message).toEqual({
      en: 'credentials file ~/.alibabacloud/credentials has no section [x] (sections there: default, alb)',
      'zh-CN': '凭据文件 ~/.alibabacloud/credentials 中没有 [x] 节（其中的节：default, alb）',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('says so when the file does not exist', async () => {
    const error = await failure({ kind: 'credentials-file', path: '~/creds/none.ini' });
    expect(error.message.en).toBe('credentials file ~/creds/none.ini does not exist');
  });

  it('refuses a section without a type or without its keys', async () => {
    const file = await writeIni(
      'creds/odd.ini',
      `[untyped]\naccess_key_id = ${PROD.accessKeyId}\n[half]\ntype = access_key\naccess_key_id = ${PROD.accessKeyId}\n`,
    );
    const untyped = await failure({ kind: 'credentials-file', path: file, section: 'untyped' });
    expect(untyped.message.en).toBe(
      'section [untyped] of credentials file ~/creds/odd.ini has no type; use type = access_key, ecs_ram_role or ram_role_arn',
    );
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', PROD.accessKeySecret);
    const half = await failure({ kind: 'credentials-file', path: file, section: 'half' });
    expect(half.message.en).toBe(
      'section [half] of credentials file ~/creds/odd.ini has no access_key_secret',
    );
  });

  it('explains an ecs_ram_role section when the metadata service is disabled', async () => {
    const file = await writeIni('creds/ecs.ini', '[ecs]\ntype = ecs_ram_role\nrole_name = alb-ops\n');
    const error = await failure({ kind: 'credentials-file', path: file, section: 'ecs' });
    expect(error.message.en).toBe(
      'credentials file ~/creds/ecs.ini, section [ecs]: ECS RAM role: the instance metadata service is disabled (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)',
    );
  });

  it('parses INI like the library does: comments, quotes, escapes', () => {
    const parsed = parseIni(
      'top = ignored\n[a]\nk1 = v1 ; note\nk2 = \'quoted ; kept\'\nk3 = x\\;y\n  # comment\n[b.c]\r\nk = "v"\r\n',
    );
    expect(Object.fromEntries([...parsed].map(([name, keys]) => [name, Object.fromEntries(keys)]))).toEqual({
      a: { k1: 'v1', k2: 'quoted ; kept', k3: 'x;y' },
      'b.c': { k: 'v' },
    });
  });
});

describe('ECS RAM role', () => {
  it('fails as a credentials error, without a request, when the metadata service is disabled', async () => {
    const server = await recorder();
    for (const option of [{ kind: 'ecs-ram-role' }, { kind: 'ecs-ram-role', roleName: 'alb-ops' }] as const) {
      const error = await failure(option, server.endpoint);
      expect(error).toMatchObject({ kind: 'credentials', noEffect: true });
      expect(error.message).toEqual({
        en: 'ECS RAM role: the instance metadata service is disabled (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)',
        'zh-CN': 'ECS RAM 角色：实例元数据服务已被禁用（ALIBABA_CLOUD_ECS_METADATA_DISABLED=true）',
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('tells what went wrong with the metadata service', () => {
    const refused = Object.assign(new Error('connect EHOSTUNREACH 100.100.100.200:80'), {
      code: 'EHOSTUNREACH',
    });
    expect(ecsRamRoleFailure(refused).en).toBe(
      'ECS RAM role: the instance metadata service is not reachable (not on ECS?)',
    );
    const timeout = Object.assign(new Error('ConnectTimeout: Connect http://100.100.100.200 failed.'), {
      name: 'RequestTimeoutError',
    });
    expect(ecsRamRoleFailure(timeout)['zh-CN']).toBe(
      'ECS RAM 角色：无法访问实例元数据服务（当前不在 ECS 实例上？）',
    );
    expect(
      ecsRamRoleFailure(new Error('get role name failed: GET http://100.100.100.200/latest/ 404')).en,
    ).toBe('ECS RAM role: no RAM role is attached to this ECS instance');
    expect(ecsRamRoleFailure(new Error('get sts token failed, httpStatus: 404, message = x'), 'ops').en).toBe(
      "ECS RAM role 'ops' is not attached to this ECS instance",
    );
    // A reply the library could not parse is not quoted: it may hold the secret.
    const garbled = ecsRamRoleFailure(
      new Error(
        `get sts token failed, json parse failed: Unexpected token in "{\\"AccessKeySecret\\":\\"${PROD.accessKeySecret}`,
      ),
    );
    expect(garbled.en).toBe(
      'ECS RAM role: the instance metadata service gave no credentials: get sts token failed, json parse failed',
    );
  });
});
