import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import { openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { bundleScript, filesIn, isRoot, storeDir, tempRoot } from './helpers.js';

const NOW = new Date('2026-03-04T05:06:07.089Z');
const STAMP = '2026-03-04T05-06-07-089Z';

function garbage(dir: string, name: string, bytes: Buffer | string): Buffer {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  fs.writeFileSync(path.join(dir, name), buffer, { mode: 0o600 });
  return buffer;
}

describe('a file that cannot be parsed', () => {
  it.each([
    ['profiles.json', 'profiles'],
    ['state.json', 'state'],
    ['drafts.json', 'drafts'],
  ])(
    '%s is moved aside with its bytes intact; the user is told where; the app starts empty',
    async (name, base) => {
      const dir = storeDir();
      const bytes = garbage(dir, name, Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x13, 0x37, 0x0a, 0x7d]));
      const store = await openStore({ dir, now: () => NOW });

      const moved = path.join(dir, `${base}.corrupt-${STAMP}.json`);
      expect(fs.readFileSync(moved)).toEqual(bytes);
      expect(fs.existsSync(path.join(dir, name))).toBe(false);
      expect(store.warnings).toHaveLength(1);
      expect(store.warnings[0]!.en).toContain(moved);
      expect(store.warnings[0]!.en).toContain('your data is in that file');
      expect(store.warnings[0]!['zh-CN']).toContain(moved);
      expect(store.listProfiles()).toEqual([]);
      expect(store.getUiState()).toEqual({ sort: {}, columns: {} });

      // And it works: the next write makes a fresh file, the moved one stays as it was.
      await store.saveProfile(sampleProfile('after'));
      await store.updateUiState({ lastView: 'instances' });
      await store.saveDraft('alb-1', newDraft(), { step: 'listener', clientToken: '' });
      // drafts.json is at v3 (edits keep their base); the others at v1.
      expect(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')).schemaVersion).toBe(
        base === 'drafts' ? 3 : 1,
      );
      expect(fs.readFileSync(moved)).toEqual(bytes);
    },
  );

  it.each([
    ['empty', ''],
    ['an array', '[]'],
    ['a number', '42'],
    ['a string where the list belongs', '{"schemaVersion": 1, "listenerProfiles": "none"}'],
    ['a version that is not a number', '{"schemaVersion": "one"}'],
  ])('%s counts as unreadable too', async (_what, text) => {
    const dir = storeDir();
    const bytes = garbage(dir, 'profiles.json', text);
    const store = await openStore({ dir, now: () => NOW });
    expect(fs.readFileSync(path.join(dir, `profiles.corrupt-${STAMP}.json`))).toEqual(bytes);
    expect(store.warnings).toHaveLength(1);
  });

  it('never replaces an earlier moved-aside file', async () => {
    const dir = storeDir();
    const earlier = garbage(dir, `profiles.corrupt-${STAMP}.json`, 'earlier');
    const bytes = garbage(dir, 'profiles.json', 'later {');
    await openStore({ dir, now: () => NOW });
    expect(fs.readFileSync(path.join(dir, `profiles.corrupt-${STAMP}.json`))).toEqual(earlier);
    expect(fs.readFileSync(path.join(dir, `profiles.corrupt-${STAMP}-2.json`))).toEqual(bytes);
  });

  it('keeps the entries that are valid when only some are not', async () => {
    const dir = storeDir();
    const seed = await openStore({ dir });
    await seed.saveProfile(sampleProfile('good-1'));
    await seed.saveProfile(sampleProfile('good-2'));
    const file = path.join(dir, 'profiles.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.listenerProfiles[1].listener.port = 0;
    data.listenerProfiles.push({ ...data.listenerProfiles[0] });
    const bytes = garbage(dir, 'profiles.json', JSON.stringify(data));

    const store = await openStore({ dir, now: () => NOW });
    expect(store.listProfiles().map((p) => p.name)).toEqual(['good-1']);
    expect(store.warnings[0]!.en).toMatch(/2 entries in .*profiles\.json could not be read/);
    expect(store.warnings[0]!['zh-CN']).toContain('2 项无法读取');
    expect(fs.readFileSync(path.join(dir, `profiles.corrupt-${STAMP}.json`))).toEqual(bytes);
    // The salvaged file is written at once, so other processes see the good entries too.
    const other = await openStore({ dir });
    expect(other.warnings).toEqual([]);
    expect(other.listProfiles().map((p) => p.name)).toEqual(['good-1']);
  });

  it('caught during a session: reads keep the last good content; the next write moves it aside', async () => {
    const dir = storeDir();
    const store = await openStore({ dir, now: () => NOW });
    await store.saveProfile(sampleProfile('kept'));
    const bytes = garbage(dir, 'profiles.json', '{"schemaVersion": 1, "listenerProfiles": [ oops');
    expect(store.listProfiles().map((p) => p.name)).toEqual(['kept']);
    await store.saveProfile(sampleProfile('new'));
    expect(store.listProfiles().map((p) => p.name)).toEqual(['kept', 'new']);
    expect(fs.readFileSync(path.join(dir, `profiles.corrupt-${STAMP}.json`))).toEqual(bytes);
    expect(store.warnings.at(-1)!.en).toContain(`profiles.corrupt-${STAMP}.json`);
    const reread = await openStore({ dir });
    expect(reread.listProfiles().map((p) => p.name)).toEqual(['kept', 'new']);
  });
  it('damaged by hand during a session: the next write keeps the original aside first', async () => {
    const dir = storeDir();
    const store = await openStore({ dir, now: () => NOW });
    await store.saveProfile(sampleProfile('one'));
    await store.saveProfile(sampleProfile('two'));
    const data = JSON.parse(fs.readFileSync(store.paths.profiles, 'utf8'));
    data.listenerProfiles[1].listener.port = 'https';
    const bytes = garbage(dir, 'profiles.json', JSON.stringify(data));
    expect(store.listProfiles().map((p) => p.name)).toEqual(['one']);
    await store.saveProfile(sampleProfile('three'));
    expect(fs.readFileSync(path.join(dir, `profiles.corrupt-${STAMP}.json`))).toEqual(bytes);
    expect(store.warnings[0]!.en).toMatch(/1 entry in .*profiles\.json could not be read/);
    expect(store.listProfiles().map((p) => p.name)).toEqual(['one', 'three']);
  });
});

describe('a file that cannot be read at all', () => {
  it('(a directory in its place) is left alone, reported, and read-only; the rest works', async () => {
    const dir = storeDir();
    fs.mkdirSync(path.join(dir, 'profiles.json'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'profiles.json', 'inside'), 'x');
    const store = await openStore({ dir });
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]!.en).toMatch(/profiles\.json cannot be read \(EISDIR\)/);
    expect(store.warnings[0]!['zh-CN']).toContain('无法读取');
    expect(store.readOnlyReason('profiles')).toBeDefined();
    await expect(store.saveProfile(sampleProfile('x'))).rejects.toMatchObject({ code: 'read-only' });
    expect(fs.readFileSync(path.join(dir, 'profiles.json', 'inside'), 'utf8')).toBe('x');
    expect(filesIn(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(store.listConnections().map((c) => c.name)).toEqual(['local']);
    await store.updateUiState({ lastView: 'instances' });
    expect(store.getUiState().lastView).toBe('instances');
  });

  // Root reads files whatever their mode. As root, the same test runs the store in a child process
  // as an unprivileged user (uid 65534), for whom mode 000 does make the file unreadable.
  const NOBODY = 65534;
  let dispose = () => {};
  afterAll(() => dispose());

  it('(mode 000) is left alone, with its mode and bytes, and read-only; the rest works', async () => {
    const dir = isRoot ? path.join(tempRoot(), 'alb-tui') : storeDir();
    const file = path.join(dir, 'profiles.json');
    const bytes = garbage(dir, 'profiles.json', '{"schemaVersion": 1}');
    fs.chmodSync(file, 0o000);
    let result: {
      warnings: { en: string }[];
      profilesReadOnly: boolean;
      saveProfile: string;
      saveDraft: string;
    };
    if (isRoot) {
      fs.chmodSync(path.dirname(dir), 0o755);
      fs.chownSync(dir, NOBODY, NOBODY);
      fs.chownSync(file, NOBODY, NOBODY);
      const bundle = await bundleScript(path.join(import.meta.dirname, 'fixtures', 'open-store.ts'));
      dispose = bundle.dispose;
      const output = execFileSync(process.execPath, [bundle.file, dir], {
        uid: NOBODY,
        gid: NOBODY,
        encoding: 'utf8',
      });
      result = JSON.parse(output);
    } else {
      const store = await openStore({ dir });
      const attempt = (write: () => Promise<unknown>) =>
        write().then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        );
      result = {
        warnings: [...store.warnings],
        profilesReadOnly: store.readOnlyReason('profiles') !== undefined,
        saveProfile: await attempt(() => store.saveProfile(sampleProfile('x'))),
        saveDraft: await attempt(() =>
          store.saveDraft('alb-1', newDraft(), { step: 'listener', clientToken: '' }),
        ),
      };
    }
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.en).toMatch(/profiles\.json cannot be read \(EACCES\)/);
    expect(result).toMatchObject({ profilesReadOnly: true, saveProfile: 'read-only', saveDraft: 'ok' });
    expect(fs.statSync(file).mode & 0o777).toBe(0);
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(filesIn(dir).filter((f) => f.startsWith('profiles.'))).toEqual(['profiles.json']);
  });
});
