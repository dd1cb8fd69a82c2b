// Keys that arrive together in a real terminal (issue 14): Backspaces written in one go to the pty
// each delete one character in the profiles view's rename prompt, and an Enter among them submits.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../source/store/index.js';
import { useLocalAlb } from '../helpers/e2e-local-alb.js';
import { sampleProfile } from '../store/fixtures/profiles.js';

const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-prompt-keys-' });

describe('line prompts in a real terminal', () => {
  it('deletes once per Backspace when several arrive in one write', async () => {
    const home = suite.home();
    const store = await openStore({ dir: join(home.XDG_CONFIG_HOME, 'alb-tui'), env: {} });
    await store.saveProfile(sampleProfile('web-https-prod'));
    const session = await suite.startApp(home);
    await session.press('p');
    await session.waitForText('› web-https-prod');
    await session.press('r');
    await session.waitForText('Rename web-https-prod to: web-https-prod▏');
    session.pty.write('\x7f\x7f\x7f\x7f\x7f');
    await session.waitForText('to: web-https▏');
    session.pty.write(`${'\x7f'.repeat(14)}api-prod\r`);
    await session.waitForText('Renamed web-https-prod to api-prod.');
    expect(store.getProfile('api-prod')).toBeDefined();
  });
});
