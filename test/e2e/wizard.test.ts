// The create-listener wizard in a real terminal: the real bundle, against a local ALB started here and
// reached with --endpoint, so what the wizard did is checked through the API itself.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { Listener } from '../../source/domain/resources.js';
import { join } from 'node:path';
import { keys, useLocalAlb } from '../helpers/e2e-local-alb.js';
import type { TerminalSession } from '../helpers/terminal.js';

const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-wizard-' });
let prodWebId: string;

beforeAll(async () => {
  const instances = await collect(suite.api.listLoadBalancers());
  prodWebId = instances.find((lb) => lb.loadBalancerName === 'prod-web')!.loadBalancerId;
});

const startApp = (env?: Record<string, string>) => suite.startApp(env);
const sharedHome = () => suite.home();

async function openWizard(session: TerminalSession): Promise<void> {
  await session.press('c');
  await session.waitForText('Create listener · prod-web');
}

async function listenersOnPort(port: number): Promise<Listener[]> {
  const all = await collect(suite.api.listListeners({ loadBalancerIds: [prodWebId] }));
  return all.filter((l) => l.listenerPort === port);
}

describe('create-listener wizard in a real terminal', () => {
  it('creates an HTTPS listener from key presses alone and shows it Running with exactly the chosen settings', async () => {
    const session = await startApp();
    await openWizard(session);
    await session.waitForText('› Protocol');
    // Step 1: port 9443, a name, idle timeout 30 s, gzip off, X-Forwarded-Proto on.
    await keys(
      session,
      'down',
      'ctrl+u',
      'type:9443',
      'down',
      'type:e2e-web',
      'down',
      'down',
      'ctrl+u',
      'type:30',
    );
    await keys(session, 'down', 'down', 'space', 'down', 'down', 'down', 'space');
    await session.waitForText(/› +\[x\] X-Forwarded-Proto/);
    await session.press('pagedown');
    // Step 2: the *.example.com certificate and the TLS 1.2 policy.
    await session.waitForText('› Server certificate');
    await keys(session, 'enter', 'type:*.example.com');
    await session.waitForText('1 of');
    await keys(session, 'enter', 'down', 'space', 'type:policy_1_2', 'enter');
    await session.waitForText(/TLS security policy tls_cipher_policy_1_2 /);
    await session.press('pagedown');
    // Step 3: the HTTP server group of the instance's VPC, its servers listed.
    await session.waitForText('› Server group');
    await keys(session, 'enter', 'type:web-frontend');
    await session.waitForText('Backend servers of web-frontend-http');
    await keys(session, 'enter', 'enter');
    // Review: the precheck passes. Enter does not submit (it names the key); Ctrl-S does.
    await session.waitForText('Precheck passed');
    expect(session.screenText()).toContain('Listener name e2e-web');
    expect(session.screenText()).toContain('^S submit');
    await session.press('enter');
    await session.waitForText('Enter does not submit: press Ctrl-S to create the listener.');
    expect(await listenersOnPort(9443)).toEqual([]);
    await session.press('ctrl+s');
    await session.waitForText(/HTTPS +9443 +e2e-web +Running/, 30_000);
    expect(session.screenText()).toMatch(/› ?HTTPS +9443 +e2e-web/);

    const [listener, ...others] = await listenersOnPort(9443);
    expect(others).toEqual([]);
    const full = await suite.api.getListener(listener!.listenerId);
    const certificates = await suite.api.listCertificates();
    const wildcard = certificates.find((c) => c.commonName === '*.example.com')!;
    const groups = await collect(suite.api.listServerGroups());
    const web = groups.find((g) => g.serverGroupName === 'web-frontend-http')!;
    expect(full).toMatchObject({
      listenerProtocol: 'HTTPS',
      listenerPort: 9443,
      listenerDescription: 'e2e-web',
      listenerStatus: 'Running',
      http2Enabled: true,
      idleTimeout: 30,
      requestTimeout: 60,
      gzipEnabled: false,
      securityPolicyId: 'tls_cipher_policy_1_2',
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: web.serverGroupId }] },
        },
      ],
    });
    expect(full.certificates?.map((c) => c.certificateId)).toEqual([wildcard.certificateId]);
    expect(full.XForwardedForConfig).toMatchObject({
      XForwardedForEnabled: true,
      XForwardedForProtoEnabled: true,
      XForwardedForSLBIdEnabled: false,
      XForwardedForSLBPortEnabled: false,
    });
    expect(full.quicConfig.quicUpgradeEnabled ?? false).toBe(false);
  });

  it('refuses a port already taken: inline on step 1, and on the port when taken behind its back; nothing created', async () => {
    const session = await startApp();
    await openWizard(session);
    await session.waitForText('› Protocol');
    // The default is the first free usual port, said as a default, not as an error.
    await session.waitForText(
      /Listener port +\d+ +1–65535 +\(default: the first free usual port; 443(, \d+)* in use\)/,
    );
    expect(session.screenText()).not.toContain('already used');
    // A port typed that is taken: said at once, and the step is not left.
    await keys(session, 'down', 'ctrl+u', 'type:443');
    await session.waitForText(/Port 443 is already used by .*web_https_443/);
    await session.press('pagedown');
    // The step is not left; the cursor goes to the field that stops it.
    await session.waitForText('› Listener port');
    expect(session.screenText()).toMatch(/Port 443 is already used by .*web_https_443/);
    expect(session.screenText()).toContain('1 Listener › 2 Certificate');
    expect(session.screenText()).not.toContain('› Server certificate');

    await keys(session, 'ctrl+u', 'type:9444', 'pagedown');
    await session.waitForText('› Server certificate');
    await keys(session, 'enter', 'type:*.example.com');
    await session.waitForText('1 of');
    await keys(session, 'enter', 'pagedown');
    await session.waitForText('› Server group');
    await keys(session, 'enter', 'type:web-frontend', 'enter', 'enter');
    await session.waitForText('Precheck passed');

    // Someone else takes the port between the precheck and the submit.
    const groups = await collect(suite.api.listServerGroups());
    const web = groups.find((g) => g.serverGroupName === 'web-frontend-http')!;
    await suite.api.createListener({
      loadBalancerId: prodWebId,
      listenerProtocol: 'HTTP',
      listenerPort: 9444,
      listenerDescription: 'someone-else',
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: web.serverGroupId }] },
        },
      ],
    });
    await session.press('ctrl+s');
    await session.waitForText(/› Listener port +9444/);
    await session.waitForText(/9444/);
    const screen = session.screenText().split('\n');
    const port = screen.findIndex((line) => line.includes('› Listener port'));
    expect(screen[port + 1]).toMatch(/✗ .*9444/);
    const onPort = await listenersOnPort(9444);
    expect(onPort.map((l) => l.listenerDescription)).toEqual(['someone-else']);
  });

  it('keeps the draft through kill -9 and offers to resume it', async () => {
    const home = sharedHome();
    const first = await startApp(home);
    await openWizard(first);
    await first.waitForText('› Protocol');
    await keys(first, 'down', 'ctrl+u', 'type:9555', 'down', 'type:kill-me', 'pagedown');
    await first.waitForText('› Server certificate');
    await keys(first, 'enter', 'type:*.example.com');
    await first.waitForText('1 of');
    await first.press('enter');
    const drafts = join(home.XDG_CONFIG_HOME, 'alb-tui', 'drafts.json');
    await first.waitFor(() => {
      const saved = JSON.parse(readFileSync(drafts, 'utf8')) as {
        drafts: Record<
          string,
          { instanceId: string; step: string; draft: { name: string; certificateId: string } }
        >;
      };
      // Drafts are kept per listener being made, each naming its instance.
      const entry = Object.values(saved.drafts).find((d) => d.instanceId === prodWebId);
      return (
        entry?.draft.name === 'kill-me' && entry.step === 'certificate' && entry.draft.certificateId !== ''
      );
    }, 'the draft on disk');
    first.kill('SIGKILL');
    await first.waitForExit();

    const second = await startApp(home);
    await openWizard(second);
    await second.waitForText('Drafts saved for this instance (1)');
    expect(second.screenText()).toContain('HTTPS 9555 · kill-me');
    await second.press('enter');
    await second.waitForText(/› Server certificate +\*\.example\.com/);
    await second.press('pageup');
    await second.waitForText(/Listener port +9555/);
    expect(second.screenText()).toMatch(/Listener name +kill-me/);
    expect(await listenersOnPort(9555)).toEqual([]);
  });

  it('keeps what was typed a moment before Ctrl-C', async () => {
    const home = sharedHome();
    const session = await startApp(home);
    await openWizard(session);
    await session.waitForText('› Protocol');
    await keys(session, 'down', 'down', 'type:just-typed', 'ctrl+c');
    expect(await session.waitForExit()).toBe(0);
    const saved = JSON.parse(readFileSync(join(home.XDG_CONFIG_HOME, 'alb-tui', 'drafts.json'), 'utf8')) as {
      drafts: Record<string, { instanceId: string; draft: { name: string } }>;
    };
    const names = Object.values(saved.drafts)
      .filter((d) => d.instanceId === prodWebId)
      .map((d) => d.draft.name);
    expect(names).toContain('just-typed');
  });
});
