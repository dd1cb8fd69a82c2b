import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../source/store/errors.js';
import { openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { storeDir } from './helpers.js';

function clock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), tick: (ms = 1000) => (now += ms) };
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('listener profiles: CRUD', () => {
  it('saves, lists, gets; replacing keeps createdAt and moves updatedAt', async () => {
    const time = clock();
    const store = await openStore({ dir: storeDir(), now: time.now });
    const first = await store.saveProfile(sampleProfile('web'));
    expect(first.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(first.updatedAt).toBe(first.createdAt);
    await store.saveProfile(sampleProfile('api'));
    expect(store.listProfiles().map((p) => p.name)).toEqual(['web', 'api']);

    time.tick(60_000);
    const replaced = await store.saveProfile(sampleProfile('web', { port: 8443 }));
    expect(replaced.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(replaced.updatedAt).toBe('2026-01-01T00:01:00.000Z');
    expect(store.getProfile('web')?.listener.port).toBe(8443);
    expect(store.listProfiles()).toHaveLength(2);
    expect(store.getProfile('missing')).toBeUndefined();
  });

  it('persists to profiles.json and a second store (another process) sees it', async () => {
    const dir = storeDir();
    const a = await openStore({ dir });
    const b = await openStore({ dir });
    await a.saveProfile(sampleProfile('shared'));
    expect(b.getProfile('shared')?.description).toBe('profile shared');
    await b.deleteProfile('shared');
    expect(a.listProfiles()).toEqual([]);
    const onDisk = JSON.parse(fs.readFileSync(a.paths.profiles, 'utf8'));
    expect(onDisk.schemaVersion).toBe(1);
    expect(onDisk.listenerProfiles).toEqual([]);
  });

  it('hands out copies: changing a returned profile does not change the store', async () => {
    const store = await openStore({ dir: storeDir() });
    await store.saveProfile(sampleProfile('web'));
    const copy = store.getProfile('web')!;
    copy.listener.port = 1;
    expect(store.getProfile('web')!.listener.port).toBe(443);
  });

  it('renames, refusing a taken name or a missing profile', async () => {
    const store = await openStore({ dir: storeDir() });
    await store.saveProfile(sampleProfile('a'));
    await store.saveProfile(sampleProfile('b'));
    const renamed = await store.renameProfile('a', 'c');
    expect(renamed.name).toBe('c');
    expect(store.listProfiles().map((p) => p.name)).toEqual(['c', 'b']);
    expect((await rejection(store.renameProfile('c', 'b'))).code).toBe('conflict');
    const missing = await rejection(store.renameProfile('zzz', 'y'));
    expect(missing.code).toBe('not-found');
    expect(missing.localized['zh-CN']).toContain('zzz');
    expect((await rejection(store.renameProfile('c', ''))).code).toBe('invalid');
  });

  it('duplicates under a free name, or the one given', async () => {
    const store = await openStore({ dir: storeDir() });
    await store.saveProfile(sampleProfile('web'));
    expect((await store.duplicateProfile('web')).name).toBe('web (2)');
    expect((await store.duplicateProfile('web')).name).toBe('web (3)');
    const named = await store.duplicateProfile('web', 'web-copy');
    expect(named.listener).toEqual(store.getProfile('web')!.listener);
    expect((await rejection(store.duplicateProfile('web', 'web (2)'))).code).toBe('conflict');
    expect((await rejection(store.duplicateProfile('nope'))).code).toBe('not-found');
  });

  it('deletes, reporting whether there was one', async () => {
    const store = await openStore({ dir: storeDir() });
    await store.saveProfile(sampleProfile('web'));
    expect(await store.deleteProfile('web')).toBe(true);
    expect(await store.deleteProfile('web')).toBe(false);
    expect(store.listProfiles()).toEqual([]);
  });
});

describe('listener profiles: validation', () => {
  it('refuses bad names: empty, too long, control characters, blanks at the ends', async () => {
    const store = await openStore({ dir: storeDir() });
    for (const name of ['', 'x'.repeat(65), 'bad\u0007bell', 'esc\u001b[31m', ' padded', 'rtl\u202eevil']) {
      const error = await rejection(store.saveProfile(sampleProfile(name)));
      expect(error.code).toBe('invalid');
      expect(error.localized.en).toMatch(/^name: Profile name must be 1–64 characters/);
      expect(error.localized['zh-CN']).toContain('模板名称');
    }
    // 64 characters, Chinese included, is fine.
    await store.saveProfile(sampleProfile('生产-' + 'x'.repeat(61)));
    expect(store.listProfiles()).toHaveLength(1);
  });

  it('says what is wrong with listener settings, in both languages', async () => {
    const store = await openStore({ dir: storeDir() });
    const port = await rejection(store.saveProfile(sampleProfile('p', { port: 70000 })));
    expect(port.localized.en).toContain('Port must be a whole number from 1 to 65535');
    expect(port.localized['zh-CN']).toContain('监听端口');

    const idle = await rejection(store.saveProfile(sampleProfile('p', { idleTimeout: 61 })));
    expect(idle.localized.en).toContain('1 to 60');

    const pattern = await rejection(store.saveProfile(sampleProfile('p', { namePattern: 'web-{region}' })));
    expect(pattern.localized.en).toContain('{region}');
    expect(pattern.localized['zh-CN']).toContain('占位符');

    const space = await rejection(store.saveProfile(sampleProfile('p', { namePattern: 'web {port}' })));
    expect(space.localized.en).toContain('space');

    const quic = await rejection(
      store.saveProfile(sampleProfile('p', { protocol: 'HTTP', quicUpgrade: true })),
    );
    expect(quic.localized.en).toContain('HTTPS listeners only');

    const alias = sampleProfile('p');
    alias.listener.headerAliases.clientCertFingerprint = 'Bad Alias';
    expect((await rejection(store.saveProfile(alias))).localized.en).toContain('Custom header name');
  });

  it('lists every problem, and refuses unknown fields rather than dropping them', async () => {
    const store = await openStore({ dir: storeDir() });
    const input = { ...sampleProfile('p'), colour: 'blue' } as unknown as Parameters<
      typeof store.saveProfile
    >[0];
    const error = await rejection(store.saveProfile(input));
    expect(error.localized.en).toContain('Unknown field "colour"');
    const many = await rejection(store.saveProfile(sampleProfile('', { port: 0, requestTimeout: 0 })));
    expect(many.problems.length).toBeGreaterThanOrEqual(3);
    expect(store.listProfiles()).toEqual([]);
  });
});

describe('export and import', () => {
  it('round-trips: export names or all, import into another store', async () => {
    const a = await openStore({ dir: storeDir() });
    await a.saveProfile(sampleProfile('web'));
    await a.saveProfile(sampleProfile('api', { port: 8443 }));
    const all = JSON.parse(a.exportProfiles());
    expect(all.format).toBe('alb-tui.listener-profiles');
    expect(all.formatVersion).toBe(1);
    expect(all.profiles.map((p: { name: string }) => p.name)).toEqual(['web', 'api']);
    const some = JSON.parse(a.exportProfiles(['api']));
    expect(some.profiles).toHaveLength(1);
    expect(() => a.exportProfiles(['nope'])).toThrow(StoreError);

    const b = await openStore({ dir: storeDir() });
    const report = await b.importProfiles(a.exportProfiles(), { onConflict: 'skip' });
    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => e.status)).toEqual(['imported', 'imported']);
    expect(b.listProfiles()).toEqual(a.listProfiles());
  });

  it('applies the conflict policy: skip, replace, rename', async () => {
    const source = await openStore({ dir: storeDir() });
    await source.saveProfile(sampleProfile('web', { port: 8080 }));
    const json = source.exportProfiles();

    const skip = await openStore({ dir: storeDir() });
    await skip.saveProfile(sampleProfile('web'));
    const skipped = await skip.importProfiles(json, { onConflict: 'skip' });
    expect(skipped.entries[0]).toMatchObject({ status: 'skipped', name: 'web' });
    expect(skip.getProfile('web')!.listener.port).toBe(443);

    const replace = await openStore({ dir: storeDir() });
    const original = await replace.saveProfile(sampleProfile('web'));
    const replaced = await replace.importProfiles(json, { onConflict: 'replace' });
    expect(replaced.entries[0]).toMatchObject({ status: 'replaced' });
    expect(replace.getProfile('web')!.listener.port).toBe(8080);
    expect(replace.getProfile('web')!.createdAt).toBe(original.createdAt);

    const rename = await openStore({ dir: storeDir() });
    await rename.saveProfile(sampleProfile('web'));
    const renamed = await rename.importProfiles(json, { onConflict: 'rename' });
    expect(renamed.entries[0]).toMatchObject({ status: 'renamed', newName: 'web (2)' });
    expect(rename.getProfile('web (2)')!.listener.port).toBe(8080);
  });

  it('reports invalid entries one by one and imports the valid ones', async () => {
    const store = await openStore({ dir: storeDir() });
    const good = sampleProfile('good');
    const document = {
      format: 'alb-tui.listener-profiles',
      formatVersion: 1,
      profiles: [
        good,
        { ...sampleProfile('bad-port'), listener: { ...good.listener, port: 'eighty' } },
        'not an object',
        { ...sampleProfile('sneaky'), accessKeySecret: 'x' },
        sampleProfile('good'),
      ],
    };
    const report = await store.importProfiles(JSON.stringify(document), { onConflict: 'skip' });
    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => e.status)).toEqual([
      'imported',
      'invalid',
      'invalid',
      'invalid',
      'skipped',
    ]);
    const bad = report.entries[1]!;
    expect(bad.status === 'invalid' && bad.message.en).toMatch(/^Profile #2 "bad-port": listener\.port/);
    const third = report.entries[2]!;
    expect(third.status === 'invalid' && third.message['zh-CN']).toMatch(/^模板 #3/);
    const secret = report.entries[3]!;
    expect(secret.status === 'invalid' && secret.message.en).toContain('never stores secrets');
    expect(store.listProfiles().map((p) => p.name)).toEqual(['good']);
  });

  it('refuses a document that is not JSON, not an export, or from a newer format', async () => {
    const store = await openStore({ dir: storeDir() });
    const notJson = await store.importProfiles('{oops', { onConflict: 'skip' });
    expect(notJson).toMatchObject({ ok: false, entries: [] });
    expect(notJson.error!['zh-CN']).toContain('JSON');
    const wrong = await store.importProfiles('{"profiles": []}', { onConflict: 'skip' });
    expect(wrong.error!.en).toContain('alb-tui.listener-profiles');
    const newer = await store.importProfiles(
      JSON.stringify({ format: 'alb-tui.listener-profiles', formatVersion: 9, profiles: [] }),
      { onConflict: 'skip' },
    );
    expect(newer.error!.en).toContain('format version 9');
    expect(store.listProfiles()).toEqual([]);
  });
});
