import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newDraft, switchProtocol } from '../../source/domain/listener-draft.js';
import { StoreError } from '../../source/store/errors.js';
import { MAX_DRAFTS, openStore } from '../../source/store/store.js';
import { sampleProfile } from './fixtures/profiles.js';
import { storeDir } from './helpers.js';

describe('wizard drafts', () => {
  it('saves, loads, lists newest first, clears; kept apart from profiles', async () => {
    const dir = storeDir();
    const store = await openStore({ dir });
    const draft = { ...newDraft('HTTPS'), port: '84', name: '半填-web' };
    await store.saveDraft('alb-1', draft, {
      step: 'certificate',
      clientToken: 'tok-1',
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    await store.saveDraft('alb-2', switchProtocol(newDraft(), 'QUIC'), {
      step: 'listener',
      clientToken: 'tok-2',
      savedAt: '2026-01-02T00:00:00.000Z',
    });
    const loaded = store.loadDraft('alb-1')!;
    expect(loaded).toMatchObject({ instanceId: 'alb-1', step: 'certificate', clientToken: 'tok-1' });
    expect(loaded.draft).toEqual(draft);
    expect(store.listDrafts().map((d) => d.instanceId)).toEqual(['alb-2', 'alb-1']);

    // A second process (a new store on the same directory) finds the half-filled form.
    const other = await openStore({ dir });
    expect(other.loadDraft('alb-1')!.draft.name).toBe('半填-web');

    expect(await store.clearDraft('alb-1')).toBe(true);
    expect(await store.clearDraft('alb-1')).toBe(false);
    expect(other.loadDraft('alb-1')).toBeUndefined();
    expect(store.loadDraft('constructor')).toBeUndefined();
    expect(fs.existsSync(store.paths.profiles)).toBe(false);
  });

  it('keeps several drafts per instance, each by its draft ID, and clears one or all', async () => {
    const store = await openStore({ dir: storeDir() });
    const https = { ...newDraft('HTTPS'), quicUpgrade: true, name: 'web' };
    const quic = switchProtocol(newDraft(), 'QUIC');
    await store.saveDraft('alb-1', https, {
      step: 'listener',
      clientToken: 'tok-h',
      draftId: 'd-https',
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    await store.saveDraft('alb-1', quic, {
      step: 'listener',
      clientToken: 'tok-q',
      draftId: 'd-quic',
      savedAt: '2026-01-01T00:01:00.000Z',
    });
    await store.saveDraft('alb-2', newDraft(), {
      step: 'listener',
      clientToken: 'tok-2',
      draftId: 'd-other',
    });
    expect(store.listDrafts('alb-1').map((d) => [d.draftId, d.draft.protocol])).toEqual([
      ['d-quic', 'QUIC'],
      ['d-https', 'HTTPS'],
    ]);
    expect(store.loadDraft('alb-1', 'd-https')).toMatchObject({ draftId: 'd-https', clientToken: 'tok-h' });
    expect(store.loadDraft('alb-1')?.draftId).toBe('d-quic');
    expect(store.loadDraft('alb-1', 'd-other')).toBeUndefined();
    const reopened = await openStore({ dir: store.paths.drafts.replace(/\/drafts\.json$/, '') });
    expect(reopened.listDrafts('alb-1')).toHaveLength(2);
    expect(await store.clearDraft('alb-1', 'd-quic')).toBe(true);
    expect(store.listDrafts('alb-1').map((d) => d.draftId)).toEqual(['d-https']);
    await expect(
      store.saveDraft('alb-1', quic, { step: 'listener', clientToken: '', draftId: '../x' }),
    ).rejects.toBeInstanceOf(StoreError);
    expect(await store.clearDraft('alb-1')).toBe(true);
    expect(store.listDrafts().map((d) => d.draftId)).toEqual(['d-other']);
  });

  it('keeps at most MAX_DRAFTS, dropping the oldest', async () => {
    const store = await openStore({ dir: storeDir() });
    for (let i = 0; i < MAX_DRAFTS + 3; i++) {
      const savedAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      await store.saveDraft(`alb-${i}`, newDraft(), { step: 'listener', clientToken: '', savedAt });
    }
    const ids = store.listDrafts().map((d) => d.instanceId);
    expect(ids).toHaveLength(MAX_DRAFTS);
    expect(ids).not.toContain('alb-0');
    expect(ids).toContain(`alb-${MAX_DRAFTS + 2}`);
  });

  it('refuses a malformed draft or instance ID', async () => {
    const store = await openStore({ dir: storeDir() });
    const meta = { step: 'listener', clientToken: '' } as const;
    await expect(store.saveDraft('__proto__', newDraft(), meta)).rejects.toBeInstanceOf(StoreError);
    const broken = { ...newDraft(), port: 443 } as unknown as ReturnType<typeof newDraft>;
    await expect(store.saveDraft('alb-1', broken, meta)).rejects.toMatchObject({ code: 'invalid' });
    expect(store.listDrafts()).toEqual([]);
  });

  it('does not touch profiles.json while drafts are written', async () => {
    const store = await openStore({ dir: storeDir() });
    await store.saveProfile(sampleProfile('web'));
    const before = fs.statSync(store.paths.profiles, { bigint: true });
    for (let i = 0; i < 20; i++) {
      await store.saveDraft(
        'alb-1',
        { ...newDraft(), name: `typing-${i}` },
        { step: 'listener', clientToken: 't' },
      );
    }
    const after = fs.statSync(store.paths.profiles, { bigint: true });
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
  });
});

describe('UI state', () => {
  it('merges updates; null removes; survives a reopen', async () => {
    const dir = storeDir();
    const store = await openStore({ dir });
    expect(store.getUiState()).toEqual({ sort: {}, columns: {} });
    await store.updateUiState({
      lastView: 'listeners',
      sort: { instances: { key: 'name', direction: 'asc' } },
    });
    await store.updateUiState({
      sort: { listeners: { key: 'port', direction: 'desc' } },
      columns: { listeners: ['protocol', 'port', 'name'] },
      language: 'zh-CN',
    });
    const reopened = await openStore({ dir });
    expect(reopened.getUiState()).toEqual({
      lastView: 'listeners',
      sort: { instances: { key: 'name', direction: 'asc' }, listeners: { key: 'port', direction: 'desc' } },
      columns: { listeners: ['protocol', 'port', 'name'] },
      language: 'zh-CN',
    });
    await reopened.updateUiState({ sort: { instances: null }, language: null });
    expect(store.getUiState()).toEqual({
      lastView: 'listeners',
      sort: { listeners: { key: 'port', direction: 'desc' } },
      columns: { listeners: ['protocol', 'port', 'name'] },
    });
  });

  it('refuses invalid values and leaves the state as it was', async () => {
    const store = await openStore({ dir: storeDir() });
    await store.updateUiState({ lastView: 'instances' });
    const bad = { sort: { instances: { key: 'name', direction: 'sideways' } } } as unknown as Parameters<
      typeof store.updateUiState
    >[0];
    await expect(store.updateUiState(bad)).rejects.toMatchObject({ code: 'invalid' });
    expect(store.getUiState().lastView).toBe('instances');
  });
});
