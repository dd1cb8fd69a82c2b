import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import { configDir, dataDir } from '../../source/store/paths.js';
import { openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { filesIn, modeOf, storeDir, tempRoot } from './helpers.js';

async function writeEverything(store: Awaited<ReturnType<typeof openStore>>): Promise<void> {
  await store.saveProfile(sampleProfile('web'));
  await store.saveConnection({
    kind: 'aliyun',
    name: 'prod',
    region: 'cn-hangzhou',
    credentials: { source: 'environment' },
  });
  await store.saveDraft('alb-1', newDraft(), { step: 'listener', clientToken: '' });
  await store.updateUiState({ lastView: 'instances' });
}

describe('paths', () => {
  it('config under XDG_CONFIG_HOME, else ~/.config; data under XDG_DATA_HOME, else ~/.local/share', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/conf', HOME: '/home/u' }, 'linux')).toBe('/x/conf/alb-tui');
    expect(configDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.config/alb-tui');
    expect(configDir({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' }, 'linux')).toBe(
      '/home/u/.config/alb-tui',
    );
    expect(configDir({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/.config/alb-tui');
    expect(dataDir({ XDG_DATA_HOME: '/x/data', HOME: '/home/u' }, 'linux')).toBe('/x/data/alb-tui');
    expect(dataDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.local/share/alb-tui');
  });
});

describe('permissions', () => {
  it('files 0600 in a 0700 directory under the XDG_CONFIG_HOME given', async () => {
    const xdg = tempRoot();
    const store = await openStore({ env: { XDG_CONFIG_HOME: xdg, HOME: '/nonexistent' } });
    expect(store.dir).toBe(path.join(xdg, 'alb-tui'));
    await writeEverything(store);
    expect(modeOf(store.dir)).toBe(0o700);
    expect(filesIn(store.dir)).toEqual(['drafts.json', 'profiles.json', 'state.json']);
    for (const name of filesIn(store.dir)) expect(modeOf(path.join(store.dir, name)), name).toBe(0o600);
  });

  it('also under a restrictive or permissive umask', async () => {
    const previous = process.umask(0o000);
    try {
      const store = await openStore({ dir: storeDir() });
      await writeEverything(store);
      expect(modeOf(store.dir)).toBe(0o700);
      for (const name of filesIn(store.dir)) expect(modeOf(path.join(store.dir, name)), name).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a directory and files that existed with looser modes', async () => {
    const dir = storeDir();
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const seed = await openStore({ dir });
    await writeEverything(seed);
    fs.chmodSync(dir, 0o777);
    for (const name of filesIn(dir)) fs.chmodSync(path.join(dir, name), 0o644);

    const store = await openStore({ dir });
    expect(modeOf(dir)).toBe(0o700);
    for (const name of filesIn(dir)) expect(modeOf(path.join(dir, name)), name).toBe(0o600);
    expect(store.getProfile('web')).toBeDefined();
  });

  it('leaves the mode of a directory shared with other files alone', async () => {
    const dir = tempRoot();
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'someone-else.txt'), 'x');
    const store = await openStore({ dir });
    await writeEverything(store);
    expect(modeOf(dir)).toBe(0o755);
    for (const name of ['profiles.json', 'state.json', 'drafts.json'])
      expect(modeOf(path.join(dir, name))).toBe(0o600);
  });

  it('tightens moved-aside files found at start', async () => {
    const dir = storeDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'profiles.corrupt-2026-01-01T00-00-00-000Z.json'), 'old', {
      mode: 0o644,
    });
    await openStore({ dir });
    expect(modeOf(path.join(dir, 'profiles.corrupt-2026-01-01T00-00-00-000Z.json'))).toBe(0o600);
  });

  it('moved-aside and backup files are 0600 too, and no lock or temp file is left behind', async () => {
    const dir = storeDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'state.json'), 'not json', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ profiles: {} }), { mode: 0o644 });
    const store = await openStore({ dir });
    await writeEverything(store);
    const names = filesIn(dir);
    expect(names.some((n) => n.startsWith('state.corrupt-'))).toBe(true);
    expect(names.some((n) => n.startsWith('profiles.schema-v0-'))).toBe(true);
    expect(names.filter((n) => n.endsWith('.lock') || n.includes('.tmp-'))).toEqual([]);
    for (const name of names) expect(modeOf(path.join(dir, name)), name).toBe(0o600);
  });
});
