// Listener profiles in a real terminal (issue 6): a profile saved from the wizard's review, then
// applied to three marked instances, run by the real bundle against a local ALB started here and
// reached with --endpoint, so what the app did is checked through the API itself.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { Certificate, LoadBalancer, ServerGroup } from '../../source/domain/resources.js';
import { join } from 'node:path';
import { keys, useLocalAlb } from '../helpers/e2e-local-alb.js';
import type { TerminalSession } from '../helpers/terminal.js';

const PORT = 7443;
const PROFILE_NAME = 'e2e-https-7443';
const CERTIFICATE_DOMAIN = '*.example.com';
const SERVER_GROUP_NAME = 'web-frontend-http';
/** Three Active instances of the server group's VPC, in the order the instance list shows them. */
const TARGET_NAMES = ['prod-web', 'prod-api', '支付网关-prod'] as const;

const suite = useLocalAlb({ homePrefix: 'alb-tui-e2e-profiles-' });
let instances: LoadBalancer[];
let wildcard: Certificate;
let webGroup: ServerGroup;

beforeAll(async () => {
  instances = await collect(suite.api.listLoadBalancers());
  const certificates = await suite.api.listCertificates();
  wildcard = certificates.find((c) => c.commonName === CERTIFICATE_DOMAIN)!;
  const groups = await collect(suite.api.listServerGroups());
  webGroup = groups.find((g) => g.serverGroupName === SERVER_GROUP_NAME)!;
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The instance-list row under the cursor (the instances pane is the left one, its rows start `│›`). */
function cursorRow(session: TerminalSession): string | undefined {
  return session.screen().find((line) => line.startsWith('│›'));
}

/** Moves the instance cursor down until it is on `name`, then marks that instance with Space. */
async function markInstance(session: TerminalSession, name: string): Promise<void> {
  const onTarget = new RegExp(`^│›[ ✓]${escapeRegExp(name)} `);
  for (let moves = 0; !onTarget.test(cursorRow(session) ?? ''); moves += 1) {
    if (moves >= instances.length)
      throw new Error(`${name} is not below the cursor:\n${session.screenText()}`);
    const before = cursorRow(session);
    await session.press('down');
    await session.waitFor(() => cursorRow(session) !== before, `the cursor to move down towards ${name}`);
  }
  await session.press('space');
  await session.waitForText(new RegExp(`│.✓${escapeRegExp(name)} `));
}

function instanceNamed(name: string): LoadBalancer {
  const instance = instances.find((lb) => lb.loadBalancerName === name);
  if (!instance) throw new Error(`the seed has no instance ${name}`);
  return instance;
}

async function listenersOnPort(port: number) {
  const all = await collect(suite.api.listListeners());
  return all.filter((l) => l.listenerPort === port);
}

interface StoredProfiles {
  listenerProfiles: {
    name: string;
    listener: { protocol: string; port: number; securityPolicyId: string };
    hints: { certificate?: { domain: string }; serverGroup?: { name: string } };
  }[];
}

describe('listener profiles in a real terminal', () => {
  it('saves a profile from the wizard, applies it to three marked instances and creates one listener on each', async () => {
    // Preconditions through the API: three Active instances in the VPC of the server group, and the
    // port free everywhere, so every listener on it at the end was made by the app.
    const targets = TARGET_NAMES.map(instanceNamed);
    for (const target of targets) {
      expect(target.loadBalancerStatus).toBe('Active');
      expect(target.vpcId).toBe(webGroup.vpcId);
    }
    expect(wildcard).toBeDefined();
    expect(await listenersOnPort(PORT)).toEqual([]);

    const home = suite.home();
    const session = await suite.startApp(home);

    // The wizard on prod-web: HTTPS on the port, the wildcard certificate, the web server group.
    await session.press('c');
    await session.waitForText('Create listener · prod-web');
    await session.waitForText('› Protocol');
    await keys(session, 'down', 'ctrl+u', `type:${PORT}`);
    await session.waitForText(new RegExp(`› Listener port +${PORT} `));
    await session.press('pagedown');
    await session.waitForText('› Server certificate');
    await keys(session, 'enter', `type:${CERTIFICATE_DOMAIN}`);
    await session.waitForText('1 of');
    await session.press('enter');
    await session.waitForText(/› Server certificate +\*\.example\.com/);
    await session.press('pagedown');
    await session.waitForText('› Server group');
    await keys(session, 'enter', 'type:web-frontend');
    await session.waitForText(`Backend servers of ${SERVER_GROUP_NAME}`);
    await session.press('enter');
    await session.waitForText(new RegExp(`› Server group ${SERVER_GROUP_NAME} `));
    await session.press('pagedown');

    // The review: save as a profile, then leave without submitting.
    await session.waitForText('Precheck passed');
    expect(session.screenText()).toContain(`Listener port ${PORT}`);
    await keys(session, 'right', 'right');
    await session.waitForText('› Save as profile');
    await session.press('enter');
    await session.waitForText('Save as profile named:');
    await session.type(PROFILE_NAME);
    await session.waitForText(new RegExp(`named:\n +${escapeRegExp(PROFILE_NAME)}`));
    await session.press('enter');
    await session.waitForText(`Saved as profile ${PROFILE_NAME}`);
    await session.press('escape');
    await session.waitForText(/│› prod-web /);
    expect(await listenersOnPort(PORT)).toEqual([]);

    // The profile is on disk, owner-only, with the picks kept as hints that resolve on any instance.
    const profilesFile = join(home.XDG_CONFIG_HOME, 'alb-tui', 'profiles.json');
    expect(statSync(profilesFile).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(profilesFile, 'utf8')) as StoredProfiles;
    expect(stored.listenerProfiles).toHaveLength(1);
    expect(stored.listenerProfiles[0]).toMatchObject({
      name: PROFILE_NAME,
      listener: { protocol: 'HTTPS', port: PORT },
      hints: { certificate: { domain: CERTIFICATE_DOMAIN }, serverGroup: { name: SERVER_GROUP_NAME } },
    });
    const securityPolicyId = stored.listenerProfiles[0]!.listener.securityPolicyId;

    // Mark the three instances.
    for (const name of TARGET_NAMES) await markInstance(session, name);
    await session.waitForText(/Instances \d+ ✓3 /);

    // The profiles view lists the saved profile; `a` plans it for the marked instances.
    await session.press('p');
    await session.waitForText(new RegExp(`› ${escapeRegExp(PROFILE_NAME)} +HTTPS ${PORT}`));
    expect(session.screenText()).toContain('✓ 3 marked');
    expect(session.screenText()).toMatch(
      new RegExp(`Picks +certificate \\*\\.example\\.com · server group ${SERVER_GROUP_NAME}`),
    );
    await session.press('a');
    await session.waitForText(`Apply profile ${PROFILE_NAME} to 3 instances`);
    await session.waitForText('3 to create · 0 skipped');
    for (const name of TARGET_NAMES) {
      expect(session.screenText()).toMatch(
        new RegExp(
          `\\+ ${escapeRegExp(name)} +create HTTPS ${PORT} .*· cert \\*\\.example\\.com · server group ${SERVER_GROUP_NAME}`,
        ),
      );
    }
    expect(session.screenText()).not.toContain('skip:');

    // Run the plan: Enter only names the key; Ctrl-S creates one listener per instance, each shown Running.
    await session.press('enter');
    await session.waitForText('Enter does not create: press Ctrl-S to create 3 listeners.');
    expect(await listenersOnPort(PORT)).toEqual([]);
    await session.press('ctrl+s');
    await session.waitForText('3 created · 0 running · 0 failed · 0 skipped', 30_000);
    const createdOnScreen = new Map<string, string>();
    for (const name of TARGET_NAMES) {
      const row = new RegExp(`✓ ${escapeRegExp(name)} +created (lsn-[a-z0-9]+) · Running`).exec(
        session.screenText(),
      );
      expect(row, `the result row of ${name}`).not.toBeNull();
      createdOnScreen.set(name, row![1]!);
    }
    await session.press('enter');
    await session.waitForText(new RegExp(`HTTPS +${PORT} +HTTPS_${PORT} +Running`));
    // Applied: the marks that chose the instances are cleared.
    expect(session.screenText()).not.toMatch(/Instances \d+ ✓3 /);

    // Through the API: exactly one new listener on the port per target, nowhere else, as the wizard chose.
    const onPort = await listenersOnPort(PORT);
    expect(onPort.map((l) => l.loadBalancerId).sort()).toEqual(targets.map((t) => t.loadBalancerId).sort());
    for (const target of targets) {
      const listener = onPort.find((l) => l.loadBalancerId === target.loadBalancerId)!;
      expect(listener.listenerId).toBe(createdOnScreen.get(target.loadBalancerName));
      const full = await suite.api.getListener(listener.listenerId);
      expect(full).toMatchObject({
        loadBalancerId: target.loadBalancerId,
        listenerProtocol: 'HTTPS',
        listenerPort: PORT,
        listenerStatus: 'Running',
        securityPolicyId,
        defaultActions: [
          {
            type: 'ForwardGroup',
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: webGroup.serverGroupId }] },
          },
        ],
      });
      expect(full.certificates?.map((c) => c.certificateId)).toEqual([wildcard.certificateId]);
    }
  });

  it('starts the wizard from a profile with forwarding rules: the review lists them, submit creates the listener and then them', async () => {
    const port = 7444;
    const apiGroup = (await collect(suite.api.listServerGroups())).find(
      (g) => g.serverGroupName === 'api-backend-https',
    )!;
    expect(await listenersOnPort(port)).toEqual([]);
    const home = suite.home();
    // A profile as the app keeps it (saved from a listener with rules): server groups by name.
    const dir = join(home.XDG_CONFIG_HOME, 'alb-tui');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const at = '2026-12-01T00:00:00.000Z';
    const profile = {
      name: 'e2e-rules',
      description: '',
      createdAt: at,
      updatedAt: at,
      listener: {
        protocol: 'HTTPS',
        port,
        namePattern: 'rules_{port}',
        http2: true,
        idleTimeout: 15,
        requestTimeout: 60,
        gzip: true,
        headers: {
          xForwardedFor: true,
          slbId: false,
          proto: false,
          clientCertSubjectDN: false,
          clientCertIssuerDN: false,
          clientCertFingerprint: false,
          clientCertClientVerify: false,
          slbPort: false,
          clientSrcPort: false,
        },
        headerAliases: {
          clientCertSubjectDN: '',
          clientCertIssuerDN: '',
          clientCertFingerprint: '',
          clientCertClientVerify: '',
        },
        securityPolicyId: 'tls_cipher_policy_1_2',
        quicUpgrade: false,
        mutualTls: false,
      },
      hints: { certificate: { domain: CERTIFICATE_DOMAIN }, serverGroup: { name: SERVER_GROUP_NAME } },
      rules: [
        {
          ruleName: 'e2e-api',
          priority: 10,
          direction: 'Request',
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
          ruleActions: [
            {
              order: 1,
              type: 'ForwardGroup',
              forwardGroupConfig: { serverGroupTuples: [{ serverGroupName: 'api-backend-https' }] },
            },
          ],
        },
        {
          ruleName: 'e2e-down',
          priority: 20,
          direction: 'Request',
          ruleConditions: [{ type: 'Host', hostConfig: { values: ['down.example.com'] } }],
          ruleActions: [
            { order: 1, type: 'FixedResponse', fixedResponseConfig: { httpCode: '503', content: 'later' } },
          ],
        },
      ],
    };
    writeFileSync(
      join(dir, 'profiles.json'),
      JSON.stringify({ schemaVersion: 1, listenerProfiles: [profile] }),
      {
        mode: 0o600,
      },
    );

    const session = await suite.startApp(home);
    await session.press('p');
    await session.waitForText(new RegExp(`› e2e-rules +HTTPS ${port}`));
    await session.press('enter');
    await session.waitForText('Filled in from profile e2e-rules.');
    await session.press('ctrl+s');
    await session.waitForText('+ 2 forwarding rules (from profile e2e-rules), created after the listener');
    expect(session.screenText()).toMatch(/10 {2}e2e-api {2}Path \/api\/\* → api-backend-https/);
    expect(session.screenText()).toMatch(/20 {2}e2e-down {2}Host down\.example\.com → fixed 503/);
    await session.waitForText('Precheck passed');
    expect(await listenersOnPort(port)).toEqual([]);
    await session.press('ctrl+s');
    await session.waitForText(
      /Created listener (lsn-[a-z0-9]+) \(Running\) and its 2 forwarding rules from profile e2e-rules\./,
      30_000,
    );
    const listenerId = /Created listener (lsn-[a-z0-9]+)/.exec(session.screenText())![1]!;

    // r on the new listener (selected on return, once the refreshed listing has it) shows its rules.
    await session.waitForText(new RegExp(`› HTTPS +${port} +rules_${port} `), 30_000);
    await session.press('r');
    await session.waitForText(new RegExp(`Rules · HTTPS ${port}`));
    await session.waitForText(/10 +e2e-api .*Path \/api\/\* → api-backend-https +Available/);
    expect(session.screenText()).toMatch(/20 +e2e-down /);

    // Through the API: one listener, its two rules, the group named in the profile found by its ID.
    const onPort = await listenersOnPort(port);
    expect(onPort.map((l) => l.listenerId)).toEqual([listenerId]);
    const rules = await collect(suite.api.listRules({ listenerIds: [listenerId] }));
    expect(rules.map((r) => [r.priority, r.ruleName]).sort()).toEqual([
      [10, 'e2e-api'],
      [20, 'e2e-down'],
    ]);
    const api = rules.find((r) => r.ruleName === 'e2e-api')!;
    expect(api.ruleActions[0]).toMatchObject({
      forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: apiGroup.serverGroupId }] },
    });
  });
});
