// `alb-tui instances` and `alb-tui listeners` against a real local ALB (in-process, temp state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlbClient } from '../../source/alb/client.js';
import { collect } from '../../source/alb/client.js';
import { instancesCommand } from '../../source/commands/instances.js';
import type { CommandContext } from '../../source/commands/context.js';
import { cellWidth } from '../../source/domain/text.js';
import type { Listener, LoadBalancer } from '../../source/domain/resources.js';
import { instancesByName, sandbox, sink, type Sandbox } from './helpers.js';

let box: Sandbox;
let instances: Map<string, LoadBalancer>;

beforeAll(async () => {
  box = await sandbox();
  instances = await instancesByName(box);
});
afterAll(() => box.cleanup());

function id(name: string): string {
  const found = instances.get(name);
  if (!found) throw new Error(`no seeded instance ${name}`);
  return found.loadBalancerId;
}

describe('alb-tui instances', () => {
  it('prints the API instances as JSON and nothing else on stdout', async () => {
    const result = await box.run(['instances', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as LoadBalancer[];
    const fromApi = await box.withLocal(({ client }) => collect(client.listLoadBalancers()));
    expect(printed).toEqual(fromApi);
    expect(printed.length).toBe(instances.size);
  });

  it('prints a table with one line per instance, aligned in terminal cells', async () => {
    const result = await box.run(['instances']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+EDITION\s+ADDRESS\s+VPC\s+LISTENERS$/);
    expect(lines).toHaveLength(instances.size + 1);
    // The STATUS column starts at the same cell in every row, Chinese names included.
    const statusAt = (line: string, status: string) =>
      cellWidth(line.slice(0, line.indexOf(` ${status} `) + 1));
    const header = lines[0]!;
    const expected = cellWidth(header.slice(0, header.indexOf('STATUS')));
    for (const lb of instances.values()) {
      const line = lines.find((l) => l.startsWith(lb.loadBalancerId))!;
      expect(line, lb.loadBalancerName).toBeDefined();
      expect(statusAt(line, lb.loadBalancerStatus)).toBe(expected);
    }
    expect(lines.some((l) => l.includes('支付网关-prod'))).toBe(true);
  });

  it('shows headers in Chinese with --lang zh-CN', async () => {
    const result = await box.run(['instances', '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^实例ID\s+名称\s+状态/);
  });

  it('never passes escape sequences from the API to the terminal', async () => {
    const evil: LoadBalancer = {
      ...instances.get('prod-web')!,
      loadBalancerName: 'evil\u001b]52;c;aGVsbG8=\u0007name\u001b[2J',
    };
    const client = {
      async *listLoadBalancers() {
        yield evil;
      },
      async listLoadBalancersAndListeners() {
        return { loadBalancers: [evil], listenersByLoadBalancer: new Map<string, Listener[]>(), requests: 1 };
      },
    } as unknown as AlbClient;
    const stdout = sink();
    const context: CommandContext = {
      lang: 'en',
      json: false,
      io: { stdout, stderr: sink(), env: {}, isTTY: false },
      store: () => Promise.reject(new Error('not needed')),
      connect: async () => ({
        client,
        info: {
          kind: 'local',
          name: 'local',
          region: 'cn-hangzhou',
          endpoint: 'x',
          readOnly: false,
          production: false,
        },
      }),
    };
    expect(
      await instancesCommand.run(context, { strings: new Map(), flags: new Set(), positionals: [] }),
    ).toBe(0);
    expect(stdout.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(stdout.text).toContain('evil');
  });

  it('answers --help in English and Chinese without starting anything', async () => {
    const en = await box.run(['instances', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage: alb-tui instances');
    expect(en.stdout).toContain('--connection NAME');
    const zh = await box.run(['instances', '-h', '--lang', 'zh']);
    expect(zh.stdout).toContain('用法：alb-tui instances');
  });

  it('refuses an unknown option and a stray argument with exit 2', async () => {
    const unknown = await box.run(['instances', '--all']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown option "--all"');
    expect(unknown.stderr).toContain("Try 'alb-tui instances --help'.");
    const stray = await box.run(['instances', 'prod-web']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('unexpected argument "prod-web"');
  });
});

describe('alb-tui listeners', () => {
  it('prints the listeners of one instance as the API lists them, with certificates and CA', async () => {
    const instance = id('prod-web');
    const result = await box.run(['listeners', '--instance', instance, '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as (Listener & { listenerCertificates: unknown[] })[];
    const fromApi = await box.withLocal(async ({ client }) =>
      Promise.all(
        (await collect(client.listListeners({ loadBalancerIds: [instance] }))).map(async (listed) =>
          listed.listenerProtocol === 'HTTP'
            ? { ...listed, listenerCertificates: [] }
            : {
                ...(await client.getListener(listed.listenerId)),
                listenerCertificates: await client.listListenerCertificates(listed.listenerId),
              },
        ),
      ),
    );
    expect(printed).toEqual(fromApi);
    const https = printed.find((l) => l.listenerProtocol === 'HTTPS')!;
    expect(https.certificates?.length).toBeGreaterThan(0);
    expect(https.caEnabled).toBeTypeOf('boolean');
    expect(https.listenerCertificates.length).toBeGreaterThan(0);
    expect(printed.length).toBeGreaterThan(0);
    expect(new Set(printed.map((l) => l.loadBalancerId))).toEqual(new Set([instance]));
  });

  it('prints every listener of every instance without --instance', async () => {
    const result = await box.run(['listeners', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Listener[];
    const total = await box.withLocal(async ({ client }) => {
      const listing = await client.listLoadBalancersAndListeners();
      return [...listing.listenersByLoadBalancer.values()].reduce((sum, list) => sum + list.length, 0);
    });
    expect(printed).toHaveLength(total);
    expect(new Set(printed.map((l) => l.listenerId)).size).toBe(total);
  });

  it('shows the instance column only when several instances are listed', async () => {
    const one = await box.run(['listeners', '--instance', id('prod-web')]);
    expect(one.stdout.split('\n')[0]).not.toContain('INSTANCE');
    expect(one.stdout).toMatch(/HTTPS\s+443\s+web_https_443\s+Running\s+tls_cipher_policy_1_2/);
    const two = await box.run(['listeners', '--instance', id('prod-web'), '--instance', id('prod-api')]);
    expect(two.stdout.split('\n')[0]).toContain('INSTANCE');
    expect(two.stdout).toContain('api_https_443');
  });

  it('says which instance does not exist (exit 1: the service does not know it)', async () => {
    const result = await box.run(['listeners', '--instance', 'alb-doesnotexist']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Instance alb-doesnotexist does not exist in this region');
    const zh = await box.run(['listeners', '--instance', 'alb-doesnotexist', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('实例 alb-doesnotexist 在当前地域不存在');
  });

  it('needs a value for --instance', async () => {
    const result = await box.run(['listeners', '--instance']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('option "--instance" needs a value');
    const followed = await box.run(['listeners', '--instance', '--json']);
    expect(followed.code).toBe(2);
  });

  it('answers --help', async () => {
    const result = await box.run(['listeners', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--instance ID');
  });
});
