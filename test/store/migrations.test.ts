import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import { migrate, profilesMigrations, stateMigrations } from '../../source/store/migrations.js';
import { openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { filesIn, storeDir } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const NOW = new Date('2026-06-01T00:00:00.000Z');

function place(
  dir: string,
  fixture: string,
  as: string,
  edit?: (data: Record<string, unknown>) => void,
): Buffer {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let bytes = fs.readFileSync(path.join(FIXTURES, fixture));
  if (edit) {
    const data = JSON.parse(bytes.toString('utf8'));
    edit(data);
    bytes = Buffer.from(JSON.stringify(data, null, 2));
  }
  fs.writeFileSync(path.join(dir, as), bytes, { mode: 0o600 });
  return bytes;
}

describe('profiles.json: v0 (pre-release layout) → v1', () => {
  it('migrates every profile and connection, and keeps a copy of the old file', async () => {
    const dir = storeDir();
    const original = place(dir, 'profiles-v0.json', 'profiles.json', (data) => {
      delete (data['profiles'] as Record<string, unknown>)['broken'];
    });
    const store = await openStore({ dir, now: () => NOW });
    expect(store.warnings).toEqual([]);

    expect(store.getProfile('shop https')).toEqual({
      name: 'shop https',
      description: "the shop's front door",
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      listener: {
        protocol: 'HTTPS',
        port: 443,
        namePattern: 'web_443',
        http2: true,
        idleTimeout: 30,
        requestTimeout: 60,
        gzip: false,
        headers: { ...newDraft().headers, xForwardedFor: true, proto: true },
        headerAliases: newDraft().headerAliases,
        securityPolicyId: 'tls_cipher_policy_1_2',
        quicUpgrade: true,
        mutualTls: false,
      },
      hints: {
        certificate: { domain: '*.example.com' },
        serverGroup: { name: 'sg-web' },
        quicListener: { port: 443 },
      },
    });
    const plain = store.getProfile('plain http')!;
    expect(plain.listener).toMatchObject({ protocol: 'HTTP', port: 80, namePattern: '', idleTimeout: 15 });
    expect(plain.createdAt).toBe(NOW.toISOString());

    expect(store.listConnections().map((c) => c.name)).toEqual(['local', 'prod', 'ci']);
    expect(store.getConnection('prod')).toMatchObject({
      kind: 'aliyun',
      readOnly: true,
      credentials: { source: 'cli-profile', profile: 'prod' },
    });
    expect(store.getConnection('ci')).toMatchObject({
      endpoint: 'alb.cn-shanghai.aliyuncs.com',
      credentials: { source: 'environment' },
    });
    expect(store.getActiveConnection().name).toBe('prod');

    // Rewritten in the current version; the v0 bytes kept beside it.
    const rewritten = JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8'));
    expect(rewritten.schemaVersion).toBe(1);
    const backup = filesIn(dir).find((f) => f.startsWith('profiles.schema-v0-'));
    expect(backup).toBeDefined();
    expect(fs.readFileSync(path.join(dir, backup!))).toEqual(original);

    // Opening again changes nothing more.
    const again = await openStore({ dir, now: () => NOW });
    expect(again.listProfiles()).toEqual(store.listProfiles());
    expect(filesIn(dir).filter((f) => f.startsWith('profiles.'))).toHaveLength(2);
  });

  it('leaves out an entry that cannot be migrated, keeping the whole old file aside', async () => {
    const dir = storeDir();
    const original = place(dir, 'profiles-v0.json', 'profiles.json');
    const store = await openStore({ dir, now: () => NOW });
    expect(store.listProfiles().map((p) => p.name)).toEqual(['shop https', 'plain http']);
    expect(store.warnings[0]!.en).toMatch(/1 entry in .*profiles\.json could not be read/);
    expect(store.warnings[1]!.en).toContain('"broken"');
    const aside = filesIn(dir).find((f) => f.startsWith('profiles.corrupt-'))!;
    expect(fs.readFileSync(path.join(dir, aside))).toEqual(original);
  });

  it('reads a v0 file whose schemaVersion was simply removed from a v1 layout', async () => {
    const dir = storeDir();
    place(dir, 'profiles-v1.json', 'profiles.json', (data) => delete data['schemaVersion']);
    const store = await openStore({ dir });
    expect(store.warnings).toEqual([]);
    expect(store.listProfiles().map((p) => p.name)).toEqual(['shop https']);
  });
});

describe('drafts.json: v1 (one draft per instance) → v2 (drafts keyed per listener) → v3', () => {
  it('keeps every v1 draft, under its instance ID, and keeps a copy of the old file', async () => {
    const dir = storeDir();
    const original = place(dir, 'drafts-v1.json', 'drafts.json');
    const store = await openStore({ dir, now: () => NOW });
    expect(store.warnings).toEqual([]);
    const v1 = JSON.parse(original.toString('utf8')).drafts['alb-7kq2example'];
    expect(store.listDrafts('alb-7kq2example')).toEqual([
      { ...v1, instanceId: 'alb-7kq2example', draftId: 'alb-7kq2example' },
    ]);
    const rewritten = JSON.parse(fs.readFileSync(path.join(dir, 'drafts.json'), 'utf8'));
    expect(rewritten.schemaVersion).toBe(3);
    const backup = filesIn(dir).find((f) => f.startsWith('drafts.schema-v1-'));
    expect(fs.readFileSync(path.join(dir, backup!))).toEqual(original);
    // A second draft for the same instance now sits beside the migrated one.
    await store.saveDraft('alb-7kq2example', newDraft('QUIC'), {
      step: 'listener',
      clientToken: 't',
      draftId: 'd-quic',
    });
    const again = await openStore({ dir, now: () => NOW });
    expect(again.listDrafts('alb-7kq2example').map((d) => d.draftId)).toEqual(['d-quic', 'alb-7kq2example']);
  });
});

describe('drafts.json: v2 → v3 (an edit keeps its base)', () => {
  it('marks a v2 edit of a listener as "base unknown", keeps drafts of new listeners as they were', async () => {
    const dir = storeDir();
    const original = place(dir, 'drafts-v2.json', 'drafts.json', (data) => {
      const drafts = data['drafts'] as Record<string, Record<string, unknown>>;
      drafts['lsn-web443'] = { ...drafts['alb-7kq2example']!, step: 'review' };
    });
    const v2 = JSON.parse(original.toString('utf8')).drafts;
    const store = await openStore({ dir, now: () => NOW });
    expect(store.warnings).toEqual([]);
    const edit = store.loadDraft('alb-7kq2example', 'lsn-web443');
    expect(edit).toEqual({ ...v2['lsn-web443'], base: null, draftId: 'lsn-web443' });
    const created = store.loadDraft('alb-7kq2example', 'alb-7kq2example');
    expect(created).toEqual({ ...v2['alb-7kq2example'], draftId: 'alb-7kq2example' });
    expect(created).not.toHaveProperty('base');
    const rewritten = JSON.parse(fs.readFileSync(path.join(dir, 'drafts.json'), 'utf8'));
    expect(rewritten.schemaVersion).toBe(3);
    expect(filesIn(dir).some((f) => f.startsWith('drafts.schema-v2-'))).toBe(true);
    // The base is written with the edit, 0600, and read back.
    const base = { ...edit!.draft, idleTimeout: '15' };
    await store.saveDraft('alb-7kq2example', edit!.draft, {
      step: 'review',
      clientToken: 't',
      draftId: 'lsn-web443',
      base,
    });
    expect(fs.statSync(path.join(dir, 'drafts.json')).mode & 0o777).toBe(0o600);
    const again = await openStore({ dir, now: () => NOW });
    expect(again.loadDraft('alb-7kq2example', 'lsn-web443')?.base).toEqual(base);
  });

  it('refuses a base that is not a listener’s fields (no unknown key is stored)', async () => {
    const store = await openStore({ dir: storeDir() });
    const draft = newDraft();
    await expect(
      store.saveDraft('alb-1', draft, {
        step: 'review',
        clientToken: 't',
        draftId: 'lsn-1',
        base: { ...draft, accessKeySecret: 'x' } as typeof draft,
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('current version fixtures of every file', () => {
  it('load as they are, untouched', async () => {
    const dir = storeDir();
    const files = {
      'profiles.json': place(dir, 'profiles-v1.json', 'profiles.json'),
      'state.json': place(dir, 'state-v1.json', 'state.json'),
      'drafts.json': place(dir, 'drafts-v3.json', 'drafts.json'),
    };
    const store = await openStore({ dir });
    expect(store.warnings).toEqual([]);
    expect(store.getProfile('shop https')!.listener.namePattern).toBe('web-{instanceName}');
    expect(store.getActiveConnection()).toMatchObject({ name: 'prod', production: true });
    expect(store.getUiState()).toMatchObject({ lastView: 'listeners', language: 'zh-CN' });
    expect(store.loadDraft('alb-7kq2example', 'alb-7kq2example')).toMatchObject({ step: 'certificate' });
    expect(store.listDrafts('alb-7kq2example').map((d) => d.draft.protocol)).toEqual([
      'QUIC',
      'HTTPS',
      'HTTPS',
    ]);
    expect(store.loadDraft('alb-7kq2example', 'lsn-web443')?.base?.idleTimeout).toBe('15');
    for (const [name, bytes] of Object.entries(files)) {
      expect(fs.readFileSync(path.join(dir, name)), name).toEqual(bytes);
    }
  });
});

describe('a file from a newer alb-tui', () => {
  it.each([
    ['profiles.json', 'profiles-v1.json'],
    ['state.json', 'state-v1.json'],
    ['drafts.json', 'drafts-v3.json'],
  ])('%s: left untouched, read-only, the user told', async (name, fixture) => {
    const dir = storeDir();
    const bytes = place(dir, fixture, name, (data) => {
      data['schemaVersion'] = 9;
    });
    const store = await openStore({ dir });
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]!.en).toContain('schema version 9');
    expect(store.warnings[0]!['zh-CN']).toContain('只读');
    const file = name.replace('.json', '') as 'profiles' | 'state' | 'drafts';
    expect(store.readOnlyReason(file)).toBeDefined();
    const write = {
      profiles: () => store.saveProfile(sampleProfile('x')),
      state: () => store.updateUiState({ lastView: 'x' }),
      drafts: () => store.saveDraft('alb-1', newDraft(), { step: 'listener', clientToken: '' }),
    }[file];
    await expect(write()).rejects.toMatchObject({ code: 'read-only' });
    expect(fs.readFileSync(path.join(dir, name))).toEqual(bytes);
  });
});

describe('the migration chain', () => {
  const context = { now: NOW.toISOString() };

  it('walks from the declared version, or the first when none is declared', () => {
    const current = migrate({ schemaVersion: 1, listenerProfiles: [] }, profilesMigrations, context);
    expect(current.kind).toBe('current');
    const old = migrate({ profiles: {} }, profilesMigrations, context);
    expect(old).toEqual({
      kind: 'migrated',
      from: 0,
      data: { schemaVersion: 1, listenerProfiles: [], connections: [], activeConnection: 'local' },
    });
  });

  it('refuses versions it cannot read and never throws', () => {
    expect(migrate({ schemaVersion: 7 }, profilesMigrations, context)).toEqual({ kind: 'newer', version: 7 });
    for (const schemaVersion of [-1, 0.5, '1', null]) {
      expect(migrate({ schemaVersion }, profilesMigrations, context).kind).toBe('invalid');
    }
    // state.json has no version 0: a file without a version is taken as version 1.
    expect(migrate({ ui: {} }, stateMigrations, context).kind).toBe('current');
    expect(migrate({ schemaVersion: 0 }, stateMigrations, context).kind).toBe('invalid');
    const throwing = {
      first: 0,
      current: 1,
      steps: {
        0: () => {
          throw new Error('boom');
        },
      },
    };
    expect(migrate({}, throwing, context).kind).toBe('invalid');
  });
});
