// Credentials through the default chain of @alicloud/credentials, and an endpoint that is down.
// HOME is a fresh temporary directory and the credential variables are cleared, so no real profile
// is ever read; ECS metadata is disabled by the vitest config.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { CREDENTIALS_MISSING_MESSAGE } from '../../source/alb/errors.js';
import { createSdkAlbClient } from '../../source/alb/sdk-client.js';
import { startFakeServer, type FakeServer } from './fake-server.js';

const CLEARED = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_ROLE_ARN',
  'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
  'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  'ALIBABA_CLOUD_PROFILE',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
  'ALIBABA_CLOUD_CREDENTIALS_URI',
  'ALIBABA_CLOUD_ECS_METADATA',
  'ALICLOUD_ACCESS_KEY',
  'ALICLOUD_SECRET_KEY',
  'HOME',
];

let saved: Record<string, string | undefined>;
let home: string;
let server: FakeServer | undefined;

beforeEach(() => {
  saved = Object.fromEntries(CLEARED.map((k) => [k, process.env[k]]));
  for (const key of CLEARED) delete process.env[key];
  home = mkdtempSync(join(tmpdir(), 'alb-tui-home-'));
  process.env['HOME'] = home;
  process.env['ALIBABA_CLOUD_ECS_METADATA_DISABLED'] = 'true';
});

afterEach(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(home, { recursive: true, force: true });
  await server?.close();
  server = undefined;
});

async function okServer() {
  server = await startFakeServer(() => ({ body: { RequestId: 'r', LoadBalancers: [] } }));
  return server;
}

describe('credentials', () => {
  it('says how to configure credentials when the chain finds none, without sending anything', async () => {
    const s = await okServer();
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: s.endpoint,
      credentials: { kind: 'chain' },
    });
    for (let round = 0; round < 2; round++) {
      // The second round checks that a failed chain does not get stuck on its last provider's error.
      const error = await collect(client.listLoadBalancers()).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'credentials', message: CREDENTIALS_MISSING_MESSAGE });
    }
    expect(s.requests).toHaveLength(0);
  });

  it('treats empty static keys as missing credentials', async () => {
    const s = await okServer();
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: s.endpoint,
      credentials: { kind: 'static', accessKeyId: '', accessKeySecret: '' },
    });
    await expect(client.getLoadBalancer('alb-1')).rejects.toMatchObject({
      kind: 'credentials',
      message: CREDENTIALS_MISSING_MESSAGE,
    });
    expect(s.requests).toHaveLength(0);
  });

  it('signs with the keys from the environment', async () => {
    const s = await okServer();
    process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = 'AKIDfromEnv';
    process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = 'secret-from-env';
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: s.endpoint,
      credentials: { kind: 'chain' },
    });
    await collect(client.listLoadBalancers());
    expect(s.requests[0]!.headers.authorization).toContain('Credential=AKIDfromEnv');
    expect(s.requests[0]!.headers['x-acs-credentials-provider']).toBe('default/env');
  });

  it('signs with the keys from ~/.alibabacloud/credentials', async () => {
    const s = await okServer();
    mkdirSync(join(home, '.alibabacloud'), { mode: 0o700 });
    writeFileSync(
      join(home, '.alibabacloud', 'credentials'),
      '[default]\ntype = access_key\naccess_key_id = AKIDfromFile\naccess_key_secret = secret-from-file\n',
      {
        mode: 0o600,
      },
    );
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint: s.endpoint,
      credentials: { kind: 'chain' },
    });
    await collect(client.listLoadBalancers());
    expect(s.requests[0]!.headers.authorization).toContain('Credential=AKIDfromFile');
  });
});

describe('unreachable endpoint', () => {
  it('fails with kind unreachable, naming the endpoint, after one quick retry', async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const client = createSdkAlbClient({
      region: 'cn-hangzhou',
      endpoint,
      credentials: { kind: 'static', accessKeyId: 'AKID', accessKeySecret: 'secret' },
      retry: { baseDelayMs: 10, maxDelayMs: 20 },
    });
    const error = await collect(client.listLoadBalancers()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unreachable', networkCode: 'ECONNREFUSED', endpoint });
    expect((error as { message: { en: string } }).message.en).toContain(endpoint);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });
});

/** A port nothing listens on: bind one, then free it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
