// Changing listeners in a real terminal: the real bundle against a local ALB started here, so what
// the app changed is checked through the API itself. Edit from keys alone (timeouts and TLS policy),
// edit as text through a scripted $EDITOR (a wrong value first: the editor reopens with the error),
// and stop / start.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { Listener } from '../../source/domain/resources.js';
import { keys, useLocalAlb } from '../helpers/e2e-local-alb.js';
import { REPO_ROOT, type TerminalSession } from '../helpers/terminal.js';

const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-edit-' });
const SCRIPTED_EDITOR = join(REPO_ROOT, 'test', 'edit', 'scripted-editor.mjs');
let prodWebId: string;

beforeAll(async () => {
  const instances = await collect(suite.api.listLoadBalancers());
  prodWebId = instances.find((lb) => lb.loadBalancerName === 'prod-web')!.loadBalancerId;
});

async function listenerNamed(name: string): Promise<Listener> {
  const all = await collect(suite.api.listListeners({ loadBalancerIds: [prodWebId] }));
  const found = all.find((l) => l.listenerDescription === name)!;
  return suite.api.getListener(found.listenerId);
}

/** The listeners pane of prod-web, filtered to one listener. */
async function selectListener(session: TerminalSession, name: string): Promise<void> {
  await keys(session, 'tab', '/', `type:${name}`, 'enter');
  await session.waitForText(new RegExp(`› ?\\w+ +\\d+ +${name}`));
}

describe('changing listeners in a real terminal', () => {
  it('edits a listener’s timeouts and TLS policy from keys alone, sending only those fields', async () => {
    const before = await listenerNamed('web_https_443');
    expect(before.securityPolicyId).not.toBe('tls_cipher_policy_1_2_strict');
    const session = await suite.startApp();
    await selectListener(session, 'web_https_443');
    await session.press('e');
    await session.waitForText('Edit listener HTTPS 443 “web_https_443”');
    await session.waitForText('› Listener name');
    expect(session.screenText()).toMatch(/Listener port +443 \(cannot change\)/);
    // Idle timeout 40, request timeout 100.
    await keys(session, 'down', 'down', 'ctrl+u', 'type:40', 'down', 'ctrl+u', 'type:100');
    await session.waitForText(/Request timeout +100/);
    // Step 2: the strict TLS 1.2 policy.
    await session.press('pagedown');
    await session.waitForText('› Server certificate');
    await keys(session, 'down', 'space', 'type:1_2_strict', 'enter');
    await session.waitForText(/TLS security policy tls_cipher_policy_1_2_strict /);
    // The review: only what changes, the server's precheck, then Ctrl-S.
    await session.press('ctrl+s');
    await session.waitForText('Changes (3)');
    await session.waitForText('Precheck passed');
    const review = session.screenText();
    expect(review).toMatch(new RegExp(`Idle timeout +${before.idleTimeout} → 40`));
    expect(review).toMatch(new RegExp(`Request timeout +${before.requestTimeout} → 100`));
    expect(review).toContain('Sent: only these fields (IdleTimeout, RequestTimeout, SecurityPolicyId).');
    expect((await listenerNamed('web_https_443')).idleTimeout).toBe(before.idleTimeout);
    await session.press('ctrl+s');
    await session.waitForText(/changed; it is Running/, 30_000);

    const after = await listenerNamed('web_https_443');
    expect(after.listenerStatus).toBe('Running');
    expect(after.idleTimeout).toBe(40);
    expect(after.requestTimeout).toBe(100);
    expect(after.securityPolicyId).toBe('tls_cipher_policy_1_2_strict');
    // Nothing else moved.
    const untouched = (l: Listener) => ({
      ...l,
      idleTimeout: 0,
      requestTimeout: 0,
      securityPolicyId: '',
      listenerStatus: 'Running',
    });
    expect(untouched(after)).toEqual(untouched(before));
  });

  it('edits a listener as YAML in $EDITOR: a wrong value reopens the editor with the error, the fix is sent', async () => {
    const home = suite.home();
    const log = join(home.HOME, 'editor-log');
    const before = await listenerNamed('web_http_8080');
    const session = await suite.startApp({
      ...home,
      EDITOR: `node ${SCRIPTED_EDITOR}`,
      ALB_TUI_TEST_EDITOR_LOG: log,
      ALB_TUI_TEST_EDITS: JSON.stringify([
        [[`RequestTimeout: ${before.requestTimeout}`, 'RequestTimeout: 500']],
        [['RequestTimeout: 500', 'RequestTimeout: 150']],
      ]),
    });
    await selectListener(session, 'web_http_8080');
    await session.press('E');
    await session.waitForText('Changes (1)', 30_000);
    await session.waitForText('Precheck passed');
    expect(session.isAlternateScreen()).toBe(true);
    expect(session.screenText()).toMatch(new RegExp(`Request timeout +${before.requestTimeout} → 150`));
    const given = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string);
    expect(given).toHaveLength(2);
    expect(given[0]).toContain('# Request timeout: 1–180 seconds (default 60).');
    expect(given[1]).toMatch(/^# ✗ The file could not be used/);
    expect(given[1]).toContain('RequestTimeout: 500');
    await session.press('ctrl+s');
    await session.waitForText(/changed; it is Running/, 30_000);
    const after = await listenerNamed('web_http_8080');
    expect(after.requestTimeout).toBe(150);
    expect(after.idleTimeout).toBe(before.idleTimeout);
    // The kept edit is gone once it is sent: `e` opens the listener as it is.
    await session.press('e');
    await session.waitForText('› Listener name');
    expect(session.screenText()).not.toContain('An unfinished edit');
    expect(existsSync(log)).toBe(true);
  });

  it('stops and starts a listener after asking, its status followed in the row', async () => {
    const session = await suite.startApp();
    await selectListener(session, 'web_http_80');
    await session.press('s');
    await session.waitForText('Stop listener HTTP 80 “web_http_80”?');
    expect((await listenerNamed('web_http_80')).listenerStatus).toBe('Running');
    await session.press('y');
    await session.waitForText('HTTP 80 is Stopped.', 30_000);
    expect(session.screenText()).toMatch(/HTTP +80 +web_http_80 +Stopped/);
    expect((await listenerNamed('web_http_80')).listenerStatus).toBe('Stopped');
    await session.press('s');
    await session.waitForText('Start listener HTTP 80');
    await session.press('y');
    await session.waitForText('HTTP 80 is Running.', 30_000);
    expect((await listenerNamed('web_http_80')).listenerStatus).toBe('Running');
  });
});
