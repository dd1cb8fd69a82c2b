// A kept edit resumed after the listener was changed elsewhere (here: through the API, as another
// session, the console or Terraform would): the real bundle against a local ALB started here. The
// server's change is taken, the field both changed is a conflict Ctrl-S refuses until it is resolved,
// and what is sent leaves the server's change in place.
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { Listener } from '../../source/domain/resources.js';
import { keys, useLocalAlb } from '../helpers/e2e-local-alb.js';
import type { TerminalSession } from '../helpers/terminal.js';

const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-resume-', provisioningDelayMs: 200 });
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

async function openEdit(session: TerminalSession, name: string): Promise<void> {
  await keys(session, 'tab', '/', `type:${name}`, 'enter');
  await session.waitForText(new RegExp(`› ?\\w+ +\\d+ +${name}`));
  await session.press('e');
}

describe('resuming an edit after the listener changed meanwhile', () => {
  it('takes the server’s change, refuses Ctrl-S on the conflict until chosen, and keeps the server’s change', async () => {
    const home = suite.home();
    const before = await listenerNamed('web_http_80');
    expect(before.gzipEnabled).toBe(true);
    let session = await suite.startApp(home);
    await openEdit(session, 'web_http_80');
    await session.waitForText('› Listener name');
    await session.press('down');
    await session.waitForText('› Idle timeout');
    await keys(session, 'ctrl+u', 'type:45', 'down', 'ctrl+u', 'type:100');
    await session.waitForText(/Request timeout +100/);
    // Leave with the edit kept, and quit.
    await session.press('escape');
    await session.waitForText(/› ?\w+ +80 +web_http_80/);
    await session.press('q');
    await session.waitForExit();

    // Meanwhile, elsewhere: idle timeout and gzip changed on the listener.
    const change = await suite.api.updateListener({
      listenerId: before.listenerId,
      idleTimeout: 30,
      gzipEnabled: false,
    });
    await suite.api.waitForListener(before.listenerId, {
      until: 'Running',
      ...('jobId' in change ? { jobId: change.jobId } : {}),
      intervalMs: 50,
    });

    session = await suite.startApp(home);
    await openEdit(session, 'web_http_80');
    await session.waitForText('An unfinished edit of this listener was kept');
    await session.press('enter');
    await session.waitForText('Changed here and on the listener since you began (1):');
    await session.waitForText('Changed on the listener since you began (taken into the form):');
    const review = session.screenText();
    expect(review).toMatch(
      new RegExp(`› Idle timeout +was ${before.idleTimeout} · theirs 30 · mine 45 +\\? choose`),
    );
    expect(review).toMatch(/Gzip compression +on → off/);
    expect(review).toContain('t take theirs · m keep mine · c next conflict');
    await session.press('ctrl+s');
    await session.waitForText('Not sent: 1 conflict left');
    expect((await listenerNamed('web_http_80')).idleTimeout).toBe(30);

    await session.press('m');
    await session.waitForText(/✓ mine/);
    await session.waitForText('Sent: only these fields (IdleTimeout, RequestTimeout).');
    await session.press('ctrl+s');
    await session.waitForText(/changed; it is Running/, 30_000);

    const after = await listenerNamed('web_http_80');
    expect(after.idleTimeout).toBe(45);
    expect(after.requestTimeout).toBe(100);
    // The server's change is not reverted by the resumed edit.
    expect(after.gzipEnabled).toBe(false);
  });
});
