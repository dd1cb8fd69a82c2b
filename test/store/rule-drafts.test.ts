import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../source/store/store.js';
import { MAX_RULE_DRAFTS } from '../../source/store/rule-drafts.js';
import { newRuleDraft } from '../../source/ui/rule-form/rule-draft.js';
import { modeOf, storeDir } from './helpers.js';

const draft = { ...newRuleDraft(7), ruleName: '灰度-canary', priority: '7a' };

describe('rule form drafts', () => {
  it('are kept per listener and rule, 0600 in the 0700 directory, and read back by a new process', async () => {
    const dir = storeDir();
    const store = await openStore({ dir });
    await store.saveRuleDraft({ listenerId: 'lsn-1', clientToken: 'token-new', draft });
    await store.saveRuleDraft({
      listenerId: 'lsn-1',
      ruleId: 'rule-9',
      clientToken: 'token-edit',
      draft: newRuleDraft(9),
    });
    const file = path.join(dir, 'rule-drafts.json');
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    // As after a crash: another store reads the file.
    const again = await openStore({ dir });
    expect(again.loadRuleDraft('lsn-1')).toMatchObject({ clientToken: 'token-new', draft });
    expect(again.loadRuleDraft('lsn-1', 'rule-9')?.draft.priority).toBe('9');
    expect(again.loadRuleDraft('lsn-2')).toBeUndefined();
    await again.clearRuleDraft('lsn-1');
    expect((await openStore({ dir })).loadRuleDraft('lsn-1')).toBeUndefined();
    expect((await openStore({ dir })).loadRuleDraft('lsn-1', 'rule-9')).toBeDefined();
  });

  it('drops a damaged entry, keeps the others, and refuses to write a draft that is not one', async () => {
    const dir = storeDir();
    const store = await openStore({ dir });
    await store.saveRuleDraft({ listenerId: 'lsn-1', clientToken: 't', draft });
    const file = path.join(dir, 'rule-drafts.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { ruleDrafts: Record<string, unknown> };
    data.ruleDrafts['lsn-2/new'] = {
      listenerId: 'lsn-2',
      clientToken: 't',
      savedAt: 'x',
      draft: { bad: true },
    };
    fs.writeFileSync(file, JSON.stringify(data));
    const reopened = await openStore({ dir });
    expect(reopened.loadRuleDraft('lsn-1')?.draft.ruleName).toBe('灰度-canary');
    expect(reopened.loadRuleDraft('lsn-2')).toBeUndefined();
    await expect(reopened.saveRuleDraft({ listenerId: '../etc', clientToken: 't', draft })).rejects.toThrow();
  });

  it('keeps at most the newest ones', async () => {
    const dir = storeDir();
    let at = Date.parse('2026-01-01T00:00:00Z');
    const store = await openStore({ dir, now: () => new Date((at += 1000)) });
    for (let i = 0; i <= MAX_RULE_DRAFTS; i++)
      await store.saveRuleDraft({ listenerId: `lsn-${i}`, clientToken: 't', draft });
    expect(store.loadRuleDraft('lsn-0')).toBeUndefined();
    expect(store.loadRuleDraft(`lsn-${MAX_RULE_DRAFTS}`)).toBeDefined();
  });
});
