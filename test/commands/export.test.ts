// `alb-tui export`: a profile resolved on an instance, printed as aliyun CLI, Terraform or JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { Certificate, LoadBalancer, ServerGroup } from '../../source/domain/resources.js';
import { openStore } from '../../source/store/index.js';
import { webProfile } from './fixtures.js';
import { instancesByName, sandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
let prodWeb: LoadBalancer;
let wildcard: Certificate;
let webGroup: ServerGroup;

beforeAll(async () => {
  box = await sandbox();
  prodWeb = (await instancesByName(box)).get('prod-web')!;
  ({ wildcard, webGroup } = await box.withLocal(async ({ client }) => ({
    wildcard: (await client.listCertificates()).find((c) => c.commonName === '*.example.com')!,
    webGroup: (await collect(client.listServerGroups())).find(
      (g) => g.serverGroupName === 'web-frontend-http',
    )!,
  })));
  const store = await openStore({ env: box.env });
  await store.saveProfile(webProfile());
});
afterAll(() => box.cleanup());

describe('alb-tui export', () => {
  it('prints the JSON request with the picks resolved on the instance', async () => {
    const result = await box.run([
      'export',
      '--profile',
      'web-9443',
      '--instance',
      prodWeb.loadBalancerId,
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const request = JSON.parse(result.stdout) as Record<string, unknown>;
    // As the SDK's CreateListenerRequest takes it: typed, not the strings of the wire.
    expect(request).toMatchObject({
      loadBalancerId: prodWeb.loadBalancerId,
      listenerProtocol: 'HTTPS',
      listenerPort: 9443,
      securityPolicyId: 'tls_cipher_policy_1_2',
      certificates: [{ certificateId: wildcard.certificateId }],
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: webGroup.serverGroupId }] },
        },
      ],
    });
    expect(request).not.toHaveProperty('clientToken');
  });

  it('prints an aliyun CLI command aimed at the standalone local ALB', async () => {
    const result = await box.run([
      'export',
      '--profile',
      'web-9443',
      '--instance',
      prodWeb.loadBalancerId,
      '--format',
      'aliyun',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^# For the local ALB: start it first with {2}npx alb-tui emulator --port 18081\n.*\naliyun alb CreateListener \\\n {2}--region cn-hangzhou \\\n {2}--endpoint 127\.0\.0\.1:18081 \\\n {2}--insecure \\\n/,
    );
    expect(result.stdout).toContain(`--LoadBalancerId ${prodWeb.loadBalancerId}`);
    expect(result.stdout).toContain('--ListenerPort 9443');
  });

  it('prints a Terraform block, with --set applied on top', async () => {
    const result = await box.run([
      'export',
      '--profile',
      'web-9443',
      '--instance',
      prodWeb.loadBalancerId,
      '--format',
      'terraform',
      '--set',
      'port=9444',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('resource "alicloud_alb_listener"');
    expect(result.stdout).toMatch(/listener_port\s*=\s*9444/);
  });

  it('refuses a request the rules reject (exit 2)', async () => {
    const result = await box.run([
      'export',
      '--profile',
      'web-9443',
      '--instance',
      prodWeb.loadBalancerId,
      '--format',
      'json',
      '--set',
      'port=443',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Listener port: Port 443 is already used by HTTPS listener web_https_443/);
  });

  it.each([
    [['--profile', 'web-9443', '--format', 'json'], '--instance is required'],
    [['--profile', 'web-9443', '--instance', 'alb-x'], '--format is required'],
    [
      ['--profile', 'web-9443', '--instance', 'alb-x', '--format', 'yaml'],
      '--format must be one of aliyun, terraform, json (got "yaml")',
    ],
    [['--instance', 'alb-x', '--format', 'json'], '--profile is required'],
    [['--profile', 'nope', '--instance', 'alb-x', '--format', 'json'], 'no listener profile named "nope"'],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await box.run(['export', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('answers --help', async () => {
    const result = await box.run(['export', '--help', '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法：alb-tui export');
  });
});
