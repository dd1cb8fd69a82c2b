import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import { StoreError } from '../../source/store/errors.js';
import {
  connectionColor,
  LOCAL_CONNECTION,
  type ConnectionProfileInput,
  type CredentialsSource,
} from '../../source/store/schema.js';
import { openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { storeDir } from './helpers.js';

const prod: ConnectionProfileInput = {
  kind: 'aliyun',
  name: 'prod-hz',
  region: 'cn-hangzhou',
  credentials: { source: 'cli-profile', profile: 'prod' },
  readOnly: true,
  production: true,
};

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('connection profiles', () => {
  it('always has the built-in local ALB, active by default', async () => {
    const store = await openStore({ dir: storeDir() });
    expect(store.listConnections()).toEqual([LOCAL_CONNECTION]);
    expect(store.getActiveConnection().name).toBe('local');
    expect((await rejection(store.deleteConnection('local'))).code).toBe('builtin');
    const replace = await rejection(
      store.saveConnection({ kind: 'local', name: 'local', region: 'cn-beijing' }),
    );
    expect(replace.code).toBe('builtin');
  });

  it('saves, lists, activates and deletes; deleting the active one falls back to local', async () => {
    const dir = storeDir();
    const store = await openStore({ dir });
    const saved = await store.saveConnection(prod);
    expect(saved).toMatchObject({ readOnly: true, production: true });
    expect(connectionColor(saved)).toBe('red');
    await store.saveConnection({
      kind: 'aliyun',
      name: 'dev',
      region: 'ap-southeast-1',
      endpoint: 'alb.ap-southeast-1.aliyuncs.com',
      credentials: { source: 'environment' },
      color: 'green',
    });
    expect(store.listConnections().map((c) => c.name)).toEqual(['local', 'prod-hz', 'dev']);
    expect(connectionColor(store.getConnection('dev')!)).toBe('green');

    await store.setActiveConnection('prod-hz');
    const reopened = await openStore({ dir });
    expect(reopened.getActiveConnection().name).toBe('prod-hz');
    expect((await rejection(store.setActiveConnection('nope'))).code).toBe('not-found');

    expect(await store.deleteConnection('prod-hz')).toBe(true);
    expect(store.getActiveConnection().name).toBe('local');
    expect(await store.deleteConnection('prod-hz')).toBe(false);
  });

  it('accepts every credentials source, none of which holds a secret', async () => {
    const store = await openStore({ dir: storeDir() });
    const sources: CredentialsSource[] = [
      { source: 'cli-profile', profile: 'default' },
      { source: 'environment' },
      { source: 'credentials-file', path: '~/.alibabacloud/credentials', section: 'default' },
      { source: 'credentials-file' },
      { source: 'ecs-ram-role', roleName: 'alb-operator' },
      { source: 'ecs-ram-role' },
    ];
    for (const [i, credentials] of sources.entries()) {
      await store.saveConnection({ kind: 'aliyun', name: `c${i}`, region: 'cn-shanghai', credentials });
    }
    expect(store.listConnections()).toHaveLength(sources.length + 1);
  });

  it('refuses a bad region or an endpoint with user info, path or query', async () => {
    const store = await openStore({ dir: storeDir() });
    const base = { kind: 'aliyun', name: 'x', credentials: { source: 'environment' } } as const;
    expect((await rejection(store.saveConnection({ ...base, region: 'Hangzhou' }))).code).toBe('invalid');
    for (const endpoint of [
      'http://user:pw@alb.example.com',
      'alb.example.com/path',
      'alb.example.com?k=v',
      'a b',
    ]) {
      const error = await rejection(store.saveConnection({ ...base, region: 'cn-hangzhou', endpoint }));
      expect(['invalid', 'secret']).toContain(error.code);
    }
    await store.saveConnection({ ...base, region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:8080' });
  });
});

describe('secrets never reach a file', () => {
  const SECRET = 'q7Vd2LmZ9xKp4RtY8wNc3HbJ6sFgA1';
  const KEY_ID = 'LTAI5tQx7yZ2bC9dE4fG8hJk';
  const TOKEN = 'CAISsecuritytoken0123456789abcdefghijklmnopqrstuvwxyzSECURE';
  const env = {
    ...process.env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
    ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
  };

  it('refuses secret fields and secret-looking values, and no file ever contains one', async () => {
    const dir = storeDir();
    const store = await openStore({ dir, env });

    // A secret under a key the schema does not know.
    const withSecret = { ...prod, accessKeySecret: SECRET } as unknown as ConnectionProfileInput;
    const field = await rejection(store.saveConnection(withSecret));
    expect(field.code).toBe('secret');
    expect(field.localized.en).toContain('accessKeySecret');
    expect(field.localized['zh-CN']).toContain('密钥');
    expect(field.localized.en).not.toContain(SECRET);

    const nested = {
      ...prod,
      credentials: { source: 'cli-profile', profile: 'p', accessKeyId: KEY_ID },
    } as unknown as ConnectionProfileInput;
    expect((await rejection(store.saveConnection(nested))).code).toBe('secret');

    // Secrets where names belong: the environment's value, an AccessKey's shape.
    const inName = { ...prod, credentials: { source: 'cli-profile' as const, profile: SECRET } };
    expect((await rejection(store.saveConnection(inName))).code).toBe('secret');
    const keyId = { ...prod, credentials: { source: 'ecs-ram-role' as const, roleName: KEY_ID } };
    expect((await rejection(store.saveConnection(keyId))).code).toBe('secret');
    const described = { ...prod, description: `token ${TOKEN}` };
    expect((await rejection(store.saveConnection(described))).code).toBe('secret');

    // Nor through a profile, a draft or the UI state.
    const profile = sampleProfile('leaky');
    profile.description = `key ${SECRET}`;
    expect((await rejection(store.saveProfile(profile))).code).toBe('secret');
    const draft = newDraft('HTTPS');
    draft.name = SECRET;
    const draftError = await rejection(
      store.saveDraft('alb-1', draft, { step: 'listener', clientToken: 't' }),
    );
    expect(draftError.code).toBe('secret');
    expect((await rejection(store.updateUiState({ lastView: SECRET }))).code).toBe('secret');

    // What is allowed still works, alongside.
    await store.saveConnection(prod);
    await store.saveProfile(sampleProfile('fine'));
    await store.saveDraft('alb-1', newDraft('HTTPS'), { step: 'listener', clientToken: 'token-1' });
    await store.updateUiState({ lastView: 'listeners' });

    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['profiles.json', 'drafts.json', 'state.json']));
    for (const name of files) {
      const bytes = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const secret of [SECRET, KEY_ID, TOKEN]) expect(bytes, `${name}`).not.toContain(secret);
      expect(bytes).not.toMatch(/secret|accessKey/i);
    }
  });
});
