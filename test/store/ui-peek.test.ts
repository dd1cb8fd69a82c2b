// The UI state read ahead of the store (store/ui-peek.ts) gives what the store would, and nothing
// when state.json is missing or not what the store writes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../source/store/index.js';
import { peekUiState } from '../../source/store/ui-peek.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alb-tui-ui-peek-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('reads the sorts, the last view and the language the store saved', async () => {
  const store = await openStore({ dir, env: {} });
  await store.updateUiState({
    sort: { listeners: { key: 'port', direction: 'desc' }, instances: { key: 'name', direction: 'asc' } },
    lastView: 'listeners',
    language: 'zh-CN',
  });
  const saved = store.getUiState();
  expect(peekUiState(dir)).toEqual({ sort: saved.sort, lastView: 'listeners', language: 'zh-CN' });
});

it('gives nothing without a state file, or with one that is not JSON or has no UI state', () => {
  expect(peekUiState(dir)).toBeUndefined();
  writeFileSync(join(dir, 'state.json'), '{ not json');
  expect(peekUiState(dir)).toBeUndefined();
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 1, ui: [] }));
  expect(peekUiState(dir)).toBeUndefined();
});

it('leaves out each entry that is not of the shape the store writes', () => {
  writeFileSync(
    join(dir, 'state.json'),
    JSON.stringify({
      schemaVersion: 1,
      ui: {
        lastView: '../etc',
        language: 'fr',
        sort: {
          listeners: { key: 'port', direction: 'sideways' },
          instances: { key: 'name', direction: 'desc' },
          '': { key: 'name', direction: 'asc' },
          rules: 'priority',
        },
      },
    }),
  );
  expect(peekUiState(dir)).toEqual({ sort: { instances: { key: 'name', direction: 'desc' } } });
});
