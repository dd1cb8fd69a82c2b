// The rule form pane over the fake client and a real store: the draft written as the user types and
// there after the pane is gone (a quit, a crash), offered again; a submit lost on the way retried with
// the same ClientToken, the draft cleared once the rule is Available.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../source/store/store.js';
import type { Localized } from '../../source/domain/i18n.js';
import { RuleFormView } from '../../source/ui/rule-form/rule-form-view.js';
import { KEYS, pressKeys, settle } from '../helpers/ink.js';
import { showView, waitFor, waitForText } from '../helpers/view-harness.js';
import { tempRoot } from '../store/helpers.js';
import { unreachableError } from '../ui/fake-client.js';
import { FakeAlb } from '../wizard/fake-alb.js';

const CTRL_S = '\x13';
const CTRL_U = '\x15';

async function type(stdin: { write(data: string): void }, text: string): Promise<void> {
  await pressKeys(stdin, ...[...text]);
}

function mount(client: FakeAlb, store: Awaited<ReturnType<typeof openStore>>, closed: unknown[]) {
  const flashes: Localized[] = [];
  const shown = showView((registerKeys) => (
    <RuleFormView
      client={client}
      store={store}
      listenerId="lsn-http80"
      lang="en"
      readOnly={false}
      production={false}
      width={100}
      height={30}
      registerKeys={registerKeys}
      onClose={(result) => closed.push(result)}
      flash={(message) => flashes.push(message)}
      pollIntervalMs={5}
      newClientToken={(() => {
        let n = 0;
        return () => `token-${++n}`;
      })()}
    />
  ));
  return { shown, flashes };
}

describe('the rule form pane', () => {
  it('keeps the draft as typed, through the pane going away, and offers it again', async () => {
    const dir = path.join(tempRoot(), 'alb-tui');
    const client = new FakeAlb();
    const closed: unknown[] = [];
    const first = mount(client, await openStore({ dir }), closed);
    await waitForText(first.shown, '› Rule name');
    await type(first.shown.stdin, 'half-done');
    await waitFor(
      () => {
        try {
          return readFileSync(path.join(dir, 'rule-drafts.json'), 'utf8').includes('half-done');
        } catch {
          return false;
        }
      },
      () => 'the draft on disk',
    );
    first.shown.unmount();
    // Another process (after a crash) finds it.
    const again = await openStore({ dir });
    expect(again.loadRuleDraft('lsn-http80')?.draft.ruleName).toBe('half-done');
    const second = mount(client, again, closed);
    await waitForText(second.shown, 'An unfinished form for this rule was kept');
    await pressKeys(second.shown.stdin, KEYS.enter);
    await waitForText(second.shown, /Rule name +half-done/);
    second.shown.unmount();
  });

  it('retries a submit lost on the way with the same ClientToken, then clears the draft', async () => {
    const dir = path.join(tempRoot(), 'alb-tui');
    const store = await openStore({ dir });
    const client = new FakeAlb();
    const closed: unknown[] = [];
    const { shown, flashes } = mount(client, store, closed);
    await waitForText(shown, '› Rule name');
    await type(shown.stdin, 'api');
    await pressKeys(shown.stdin, KEYS.down, CTRL_U);
    await type(shown.stdin, '10');
    await pressKeys(shown.stdin, KEYS.down, KEYS.down, KEYS.down, KEYS.down);
    await type(shown.stdin, '/api/*');
    await pressKeys(shown.stdin, KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
    await waitForText(shown, 'Server groups in vpc-a');
    await pressKeys(shown.stdin, KEYS.enter, CTRL_S);
    await waitForText(shown, 'Precheck passed');
    expect(client.ruleChanges.calls.map((c) => [c.action, c.dryRun])).toEqual([['CreateRules', true]]);
    client.ruleChanges.failNext = unreachableError();
    await pressKeys(shown.stdin, CTRL_S);
    await waitForText(shown, 'r retries with the same ClientToken');
    await pressKeys(shown.stdin, 'r');
    await waitFor(
      () => closed.length === 1,
      () => shown.lastFrame() ?? '',
    );
    const sent = client.ruleChanges.calls.filter((c) => !c.dryRun);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((c) => c.clientToken)).size).toBe(1);
    expect(sent[0]!.clientToken).toBe('token-1');
    expect(flashes.map((f) => f.en).join()).toMatch(/Rule rule-\w+ created; it is Available\./);
    await settle(50);
    expect((await openStore({ dir })).loadRuleDraft('lsn-http80')).toBeUndefined();
    shown.unmount();
  });
});
