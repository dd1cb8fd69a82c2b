// A store that cannot be written is said, once, and nothing pretends to be kept (issue 14); temp
// files of interrupted writes are removed at start, but not one a live writer may still rename.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import { openStore } from '../../source/store/index.js';
import { sampleProfile } from './fixtures/profiles.js';
import { bundleScript, filesIn, isRoot, storeDir, tempRoot } from './helpers.js';

describe('a settings folder that cannot be used', () => {
  it('with a file in its place: opens with nothing, says so once, and refuses every write', async () => {
    const root = tempRoot();
    const dir = path.join(root, 'alb-tui');
    fs.writeFileSync(dir, 'not a folder');
    const store = await openStore({ dir, env: {} });
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]!.en).toContain(
      `The settings folder ${dir} cannot be used: a file is in the way`,
    );
    expect(store.warnings[0]!['zh-CN']).toContain(`设置文件夹 ${dir} 无法使用`);
    expect(store.unsaved).toEqual(store.warnings[0]);
    expect(store.listProfiles()).toEqual([]);
    expect(store.getActiveConnection().name).toBe('local');
    await expect(store.saveProfile(sampleProfile('web'))).rejects.toMatchObject({
      code: 'read-only',
      message: expect.stringContaining('Not saved: The settings folder'),
    });
    await expect(
      store.saveDraft('alb-1', newDraft(), { step: 'listener', clientToken: '' }),
    ).rejects.toMatchObject({ code: 'read-only' });
    await expect(store.updateUiState({ lastView: 'instances' })).rejects.toMatchObject({ code: 'read-only' });
    expect(fs.readFileSync(dir, 'utf8')).toBe('not a folder');
  });

  it('a store that can be written has nothing unsaved', async () => {
    const store = await openStore({ dir: storeDir(), env: {} });
    expect(store.unsaved).toBeUndefined();
    expect(store.warnings).toEqual([]);
  });

  // Root writes anywhere: as root, the store runs in a child process as an unprivileged user.
  const NOBODY = 65534;
  let dispose = () => {};
  afterAll(() => dispose());

  it('that cannot be written: one warning, not one per file', async () => {
    const dir = path.join(tempRoot(), 'alb-tui');
    fs.mkdirSync(dir, { mode: 0o555 });
    fs.chmodSync(dir, 0o555);
    fs.chmodSync(path.dirname(dir), 0o755);
    let result: {
      warnings: { en: string }[];
      profilesReadOnly: boolean;
      saveProfile: string;
      saveDraft: string;
    };
    if (isRoot) {
      const bundle = await bundleScript(path.join(import.meta.dirname, 'fixtures', 'open-store.ts'));
      dispose = bundle.dispose;
      result = JSON.parse(
        execFileSync(process.execPath, [bundle.file, dir], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' }),
      );
    } else {
      const store = await openStore({ dir, env: {} });
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
    expect(result.warnings[0]!.en).toMatch(/settings folder .* cannot be used: no permission \(EACCES\)/);
    expect(result).toMatchObject({
      profilesReadOnly: true,
      saveProfile: 'read-only',
      saveDraft: 'read-only',
    });
  });
});

describe('temp files of interrupted writes', () => {
  it('are removed at start when older than a lock can be held; a fresh one and others are left', async () => {
    const dir = storeDir();
    fs.mkdirSync(dir, { mode: 0o700 });
    const old = new Date(Date.now() - 30_000);
    const interrupted = ['state.json.tmp-1733400000abc123', 'profiles.json.tmp-1733400001000fff'];
    for (const name of interrupted) {
      fs.writeFileSync(path.join(dir, name), '{"half":');
      fs.utimesSync(path.join(dir, name), old, old);
    }
    // Being written by another process right now (its lock taken over as stale, say).
    fs.writeFileSync(path.join(dir, 'drafts.json.tmp-1733400002000aaa'), '{');
    // Not ours.
    fs.writeFileSync(path.join(dir, 'state.json.tmp-notours'), 'x');
    fs.utimesSync(path.join(dir, 'state.json.tmp-notours'), old, old);
    await openStore({ dir, env: {} });
    const left = filesIn(dir);
    for (const name of interrupted) expect(left).not.toContain(name);
    expect(left).toContain('drafts.json.tmp-1733400002000aaa');
    expect(left).toContain('state.json.tmp-notours');
  });
});
