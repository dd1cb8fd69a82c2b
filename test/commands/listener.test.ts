// `alb-tui listener get|delete` against a real local ALB, and `--json` errors: one object on stderr.
import { describe, expect, it } from 'vitest';
import { collect, type ListenerCertificate } from '../../source/alb/client.js';
import type { Listener } from '../../source/domain/resources.js';
import { useLocalAlbCli } from '../helpers/local-alb-cli.js';
import { runIn } from './helpers.js';

const local = useLocalAlbCli();
const { api: client, listenerNamed, run } = local;

describe('alb-tui listener get', () => {
  it('prints everything GetListenerAttribute and ListListenerCertificates return, with --json', async () => {
    const { listenerId } = listenerNamed('admin_mtls_8443');
    const result = await run(['listener', 'get', listenerId, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Listener & { listenerCertificates: ListenerCertificate[] };
    const api = client();
    expect(printed).toEqual({
      ...(await api.getListener(listenerId)),
      listenerCertificates: await api.listListenerCertificates(listenerId),
    });
    expect(printed.listenerCertificates.some((c) => c.certificateType === 'Ca')).toBe(true);
    expect(printed.caEnabled).toBe(true);
    expect(printed.logConfig).toBeDefined();
  });

  it('prints the listener as label: value lines, in English and Chinese', async () => {
    const { listenerId } = listenerNamed('web_https_443');
    const en = await run(['listener', 'get', listenerId]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(new RegExp(`^Listener ID: +${listenerId}$`, 'm'));
    expect(en.stdout).toMatch(/^Listener port: +443$/m);
    expect(en.stdout).toMatch(/^Certificates: +\S+-cn-hangzhou \(default/m);
    expect(en.stdout).toMatch(/^CA certificates: +\S+/m);
    expect(en.stdout).toMatch(/^QUIC upgrade: +on → lsn-/m);
    const zh = await run(['listener', 'get', listenerId, '--lang', 'zh-CN']);
    expect(zh.stdout).toMatch(/^监听端口： +443$/m);
    expect(zh.stdout).toMatch(/^开启QUIC升级： +开启 → lsn-/m);
  });

  it('says a listener that does not exist is a failure (exit 1), as JSON with --json', async () => {
    const text = await run(['listener', 'get', 'lsn-doesnotexist']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('ResourceNotFound.Listener');
    const json = await run(['listener', 'get', 'lsn-doesnotexist', '--json']);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    const error = JSON.parse(json.stderr) as { code: string; message: string; requestId: string };
    expect(error.code).toBe('ResourceNotFound.Listener');
    expect(error.message).toContain('not found');
    expect(error.requestId).toMatch(/\S/);
  });

  it('refuses a malformed or endless ID as bad usage (exit 2), as JSON with --json', async () => {
    const bad = await run(['listener', 'get', 'alb-notalistener']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"alb-notalistener" is not a listener ID');
    const long = await run(['listener', 'get', `lsn-${'a'.repeat(100_000)}`, '--json']);
    expect(long.code).toBe(2);
    expect(long.stderr.length).toBeLessThan(500);
    expect(JSON.parse(long.stderr)).toMatchObject({ code: 'InvalidUsage' });
    const unknown = await run(['listener', 'get', '--bogus', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr)).toEqual({ code: 'InvalidUsage', message: 'unknown option "--bogus"' });
    const zh = await run(['listener', 'frob', '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('未知的 listener 子命令 "frob"');
  });

  it('has --help in both languages', async () => {
    const en = await run(['listener', '--help']);
    expect(en.stdout).toContain('alb-tui listener delete ID [--yes] [--client-token TOKEN] [--json]');
    const zh = await run(['listener', '--help', '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('按监听ID（lsn-…）操作一个监听');
  });
});

describe('alb-tui listener delete', () => {
  async function newHttpListener(port: number): Promise<string> {
    const state = local.emulator.snapshot();
    const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-api')!;
    const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
    const created = await client().createListener({
      loadBalancerId: lb.loadBalancerId,
      listenerProtocol: 'HTTP',
      listenerPort: port,
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
        },
      ],
    });
    if (!('listenerId' in created)) throw new Error('dry run');
    await client().waitForListener(created.listenerId, { until: 'Running', intervalMs: 10 });
    return created.listenerId;
  }

  async function exists(listenerId: string): Promise<boolean> {
    return local.emulator.snapshot().listeners.some((l) => l.listenerId === listenerId);
  }

  it('needs --yes off a terminal (exit 2) and deletes nothing', async () => {
    const id = await newHttpListener(8601);
    const result = await run(['listener', 'delete', id]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to delete without --yes when not interactive');
    expect(await exists(id)).toBe(true);
  });

  it('deletes with --yes, waits until it is gone, and says so (JSON with --json)', async () => {
    const id = await newHttpListener(8602);
    const result = await run(['listener', 'delete', id, '--yes', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ deleted: id });
    expect(await exists(id)).toBe(false);
    const again = await run(['listener', 'delete', id, '--yes', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr)).toMatchObject({ code: 'ResourceNotFound.Listener' });
  });

  it('--client-token: a delete whose reply was lost is retried as the same delete; the JSON carries the token', async () => {
    const id = await newHttpListener(8604);
    local.emulator.setFaults({ actions: { DeleteListener: { dropRate: 1, afterWorkShare: 1 } } });
    let lost;
    try {
      lost = await run(['listener', 'delete', id, '--yes', '--json', '--client-token', 'del-8604-a']);
    } finally {
      local.emulator.setFaults({});
    }
    expect(lost.code).toBe(1);
    const error = JSON.parse(lost.stderr) as { message: string; clientToken: string };
    expect(error.clientToken).toBe('del-8604-a');
    expect(error.message).toContain('rerun with --client-token del-8604-a');
    const jobs = () =>
      local.emulator.snapshot().jobs.filter((j) => j.resourceId === id && j.apiName === 'DeleteListener');
    expect(jobs()).toHaveLength(1);

    const retry = await run(['listener', 'delete', id, '--yes', '--json', '--client-token', 'del-8604-a']);
    expect(retry.stderr).toBe('');
    expect(retry.code).toBe(0);
    const printed = JSON.parse(retry.stdout) as { deleted: string; jobId: string; clientToken: string };
    expect(printed).toMatchObject({ deleted: id, clientToken: 'del-8604-a' });
    // The same delete answered again: one job, the first one's.
    expect(jobs().map((j) => j.id)).toEqual([printed.jobId]);
    expect(await exists(id)).toBe(false);
    const zh = await run([
      'listener',
      'delete',
      id,
      '--yes',
      '--client-token',
      'del-8604-a',
      '--lang',
      'zh-CN',
    ]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain(`监听 ${id} 已不存在：已由使用此 ClientToken 的上一次运行删除`);
    // A token the service does not know: the listener is simply not there.
    const other = await run(['listener', 'delete', id, '--yes', '--json', '--client-token', 'del-8604-b']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stderr)).toMatchObject({ code: 'ResourceNotFound.Listener' });
  });

  it('refuses a malformed --client-token (exit 2) and --client-token on get', async () => {
    const id = await newHttpListener(8606);
    const bad = await run(['listener', 'delete', id, '--yes', '--client-token', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--client-token: "a b" is not a ClientToken');
    const get = await run(['listener', 'get', id, '--client-token', 'x']);
    expect(get.code).toBe(2);
    expect(await exists(id)).toBe(true);
  });

  it('shows the listener and asks on a terminal: "n" keeps it (exit 1), "y" deletes it', async () => {
    const id = await newHttpListener(8603);
    const no = await run(['listener', 'delete', id], { isTTY: true, stdin: 'n\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('This listener will be deleted:');
    expect(no.stderr).toMatch(/Listener port: +8603/);
    expect(no.stderr).toContain('Delete this listener on connection "test"? [y/N]');
    expect(no.stderr).toContain('Cancelled: nothing was deleted.');
    expect(await exists(id)).toBe(true);
    const yes = await run(['listener', 'delete', id, '--lang', 'zh-CN'], { isTTY: true, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`已删除监听 HTTP 8603 ${id}`);
    expect(await exists(id)).toBe(false);
  });

  it('on a production connection takes only the typed port', async () => {
    const id = await newHttpListener(8604);
    const yes = await runIn(local.env, ['listener', 'delete', id, '--connection', 'prod'], {
      isTTY: true,
      stdin: 'y\n',
    });
    expect(yes.code).toBe(1);
    expect(yes.stderr).toContain('type its port (8604)');
    expect(await exists(id)).toBe(true);
    const typed = await runIn(local.env, ['listener', 'delete', id, '--connection', 'prod'], {
      isTTY: true,
      stdin: '8604\n',
    });
    expect(typed.code).toBe(0);
    expect(await exists(id)).toBe(false);
  });

  it('is refused on a read-only connection before any call that changes something', async () => {
    const id = await newHttpListener(8605);
    const result = await runIn(local.env, [
      'listener',
      'delete',
      id,
      '--connection',
      'audit',
      '--yes',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toMatchObject({ code: 'ReadOnlyConnection' });
    expect(await exists(id)).toBe(true);
  });

  it('refuses a QUIC listener an HTTPS listener upgrades to, naming it, before the call', async () => {
    const quic = listenerNamed('web_quic_443');
    const https = listenerNamed('web_https_443');
    const text = await run(['listener', 'delete', quic.listenerId, '--yes']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(
      `HTTPS 443 “web_https_443” (${https.listenerId}) upgrades to QUIC listener`,
    );
    expect(text.stderr).toContain('turn its QUIC upgrade off first');
    const zh = await run(['listener', 'delete', quic.listenerId, '--yes', '--lang', 'zh-CN', '--json']);
    expect(JSON.parse(zh.stderr)).toMatchObject({ code: 'ResourceInUse.Listener' });
    expect((JSON.parse(zh.stderr) as { message: string }).message).toContain('正在使用中');
    expect(await exists(quic.listenerId)).toBe(true);
    const upgraded = (await collect(client().listListeners({ listenerIds: [https.listenerId] })))[0]!;
    expect(upgraded.quicConfig).toMatchObject({ quicUpgradeEnabled: true, quicListenerId: quic.listenerId });
  });
});
