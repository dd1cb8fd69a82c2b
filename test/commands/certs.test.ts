// `alb-tui certs list|rotate` and `alb-tui listener update|certs` against a real local ALB: what they
// read and plan, and every refusal before anything is changed.
import { describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { certificateKey } from '../../source/domain/certificate-ids.js';
import type { Certificate } from '../../source/domain/resources.js';
import { useLocalAlbCli } from '../helpers/local-alb-cli.js';

const local = useLocalAlbCli();
const { run } = local;

function certificateNamed(commonName: string): Certificate {
  const found = local.emulator.snapshot().certificates.find((c) => c.commonName === commonName);
  if (!found) throw new Error(`no certificate ${commonName}`);
  return found as unknown as Certificate;
}

interface ListedCertificate {
  certificateId: string;
  endDate?: string;
  daysLeft?: number;
  listeners: { listenerId: string; role: string }[];
}

describe('alb-tui certs list', () => {
  it('lists every certificate soonest-expiring first, with the listeners that use it and how', async () => {
    const result = await run(['certs', 'list', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as ListedCertificate[];
    const ends = listed.map((c) => Date.parse(c.endDate ?? ''));
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    // Checked against the API: every HTTPS/QUIC listener's default certificate shows it as a user.
    const client = local.api();
    const listeners = (await collect(client.listListeners())).filter((l) => l.listenerProtocol !== 'HTTP');
    for (const listener of listeners.slice(0, 5)) {
      const bound = await client.listListenerCertificates(listener.listenerId);
      const defaultId = bound.find((c) => c.isDefault && c.certificateType === 'Server')!.certificateId;
      const entry = listed.find((c) => certificateKey(c.certificateId) === certificateKey(defaultId))!;
      expect(entry.listeners).toContainEqual(
        expect.objectContaining({ listenerId: listener.listenerId, role: 'default' }),
      );
    }
  });

  it('--expiring DAYS keeps those ending within DAYS (expired included); a bad value is usage', async () => {
    const result = await run(['certs', 'list', '--expiring', '30', '--json']);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as ListedCertificate[];
    expect(listed.length).toBeGreaterThan(0);
    for (const c of listed) expect(c.daysLeft).toBeLessThanOrEqual(30);
    const all = JSON.parse((await run(['certs', 'list', '--json'])).stdout) as ListedCertificate[];
    expect(listed.length).toBeLessThan(all.length);
    const bad = await run(['certs', 'list', '--expiring', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expiring');
  });

  it('prints a table in either language', async () => {
    const en = await run(['certs', 'list']);
    expect(en.stdout.split('\n')[0]).toMatch(/^Certificate +Domain +Expires +Days +Used by$/);
    expect(en.stdout).toContain('(default)');
    const zh = await run(['certs', 'list', '--lang', 'zh-CN']);
    expect(zh.stdout.split('\n')[0]).toMatch(/^证书 +域名 +到期时间 +剩余天数 +使用者$/);
    expect(zh.stdout).toContain('（默认证书）');
  });
});

describe('alb-tui certs rotate, before anything changes', () => {
  it('--dry-run prints the plan: every listener using A, by the CAS number or ALB form alike', async () => {
    const from = certificateNamed('api.example.com');
    const to = certificateNamed('*.example.com');
    const byNumber = await run([
      'certs',
      'rotate',
      '--from',
      String(from.casId),
      '--to',
      to.certificateId,
      '--dry-run',
      '--json',
    ]);
    expect(byNumber.code).toBe(0);
    const plan = JSON.parse(byNumber.stdout) as {
      from: string;
      to: string;
      plan: { listenerId: string; action: string; steps?: { kind: string }[] }[];
    };
    expect(plan.from).toBe(from.certificateId);
    expect(plan.to).toBe(to.certificateId);
    const users = local.emulator
      .snapshot()
      .listeners.filter((l) => l.certificates?.some((c) => c.certificateId === from.certificateId))
      .map((l) => l.listenerId)
      .sort();
    expect(
      plan.plan
        .filter((l) => l.action === 'change')
        .map((l) => l.listenerId)
        .sort(),
    ).toEqual(users);
    const byForm = await run([
      'certs',
      'rotate',
      '--from',
      from.certificateId,
      '--to',
      String(to.casId),
      '--dry-run',
      '--json',
    ]);
    expect(JSON.parse(byForm.stdout)).toEqual(plan);
    // Nothing changed.
    const after = local.emulator
      .snapshot()
      .listeners.filter((l) => l.certificates?.some((c) => c.certificateId === from.certificateId));
    expect(after.length).toBe(users.length);
  });

  it('refuses the same certificate twice, an expired target, a malformed name, and says so', async () => {
    const api = certificateNamed('api.example.com');
    const same = await run([
      'certs',
      'rotate',
      '--from',
      String(api.casId),
      '--to',
      api.certificateId,
      '--yes',
    ]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('same certificate');
    const old = certificateNamed('old.example.net');
    const expired = await run([
      'certs',
      'rotate',
      '--from',
      api.certificateId,
      '--to',
      old.certificateId,
      '--yes',
    ]);
    expect(expired.code).toBe(2);
    expect(expired.stderr).toContain('expired');
    const malformed = await run([
      'certs',
      'rotate',
      '--from',
      'lsn-x',
      '--to',
      api.certificateId,
      '--yes',
      '--lang',
      'zh-CN',
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('不是证书ID');
  });

  it('refuses on a read-only connection and without --yes off a terminal', async () => {
    const from = certificateNamed('api.example.com').certificateId;
    const to = certificateNamed('*.example.com').certificateId;
    const readOnly = await run(['certs', 'rotate', '--from', from, '--to', to, '--yes', '--json'], {
      connection: 'audit',
    });
    expect(readOnly.code).toBe(1);
    expect(JSON.parse(readOnly.stderr)).toMatchObject({ code: 'ReadOnlyConnection' });
    const noYes = await run(['certs', 'rotate', '--from', from, '--to', to]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('--yes');
  });

  it('has the server precheck each change: a listener of a stopped instance is left out, and said', async () => {
    const from = certificateNamed('old.example.net').certificateId;
    const to = certificateNamed('data.example.cn').certificateId;
    const snapshot = local.emulator.snapshot();
    const stopped = new Set(
      snapshot.loadBalancers
        .filter((lb) => lb.loadBalancerStatus !== 'Active')
        .map((lb) => lb.loadBalancerId),
    );
    const users = snapshot.listeners.filter((l) => l.certificates?.some((c) => c.certificateId === from));
    const refused = users.filter((l) => stopped.has(l.loadBalancerId)).map((l) => l.listenerId);
    expect(refused.length).toBeGreaterThan(0);
    expect(users.length).toBeGreaterThan(refused.length);

    const result = await run(['certs', 'rotate', '--from', from, '--to', to, '--dry-run', '--json']);
    expect(result.code).toBe(0);
    const planned = JSON.parse(result.stdout) as {
      plan: { listenerId: string; action: string; reason?: string }[];
    };
    for (const listenerId of refused) {
      expect(planned.plan).toContainEqual(
        expect.objectContaining({
          listenerId,
          action: 'untouched',
          reason: 'refused',
          error: expect.stringContaining('IncorrectStatus'),
        }),
      );
      expect(result.stderr).toContain(
        `${listenerId} is left as it is: the server's precheck refused its change`,
      );
    }
    const changing = planned.plan.filter((l) => l.action === 'change').map((l) => l.listenerId);
    expect(changing.sort()).toEqual(
      users
        .filter((l) => !stopped.has(l.loadBalancerId))
        .map((l) => l.listenerId)
        .sort(),
    );
    const zh = await run(['certs', 'rotate', '--from', from, '--to', to, '--dry-run', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain(`警告：${refused[0]} 保持不变：服务端预检未通过：`);
  });

  it("warns when the new certificate does not cover the old one's names", async () => {
    const from = certificateNamed('api.example.com').certificateId;
    const to = certificateNamed('pay.example.cn').certificateId;
    const result = await run(['certs', 'rotate', '--from', from, '--to', to, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('does not cover api.example.com');
  });
});

describe('alb-tui listener update and certs, before anything changes', () => {
  function httpsListener() {
    const found = local.emulator.snapshot().listeners.find((l) => l.listenerProtocol === 'HTTPS');
    return found!;
  }

  it('refuses to change the protocol or port, bad values and an unknown key, as usage', async () => {
    const { listenerId } = httpsListener();
    const port = await run(['listener', 'update', listenerId, '--set', 'port=8443', '--yes']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('cannot change');
    const timeout = await run(['listener', 'update', listenerId, '--set', 'idle-timeout=999', '--yes']);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(/idle/i);
    const get = await run(['listener', 'get', listenerId, '--set', 'gzip=on']);
    expect(get.code).toBe(2);
  });

  it('a value the listener already has: nothing to change, nothing sent', async () => {
    const listener = httpsListener();
    const result = await run([
      'listener',
      'update',
      listener.listenerId,
      '--set',
      `idle-timeout=${listener.idleTimeout}`,
      '--yes',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to change');
  });

  it('refuses on a read-only connection, and without --yes off a terminal', async () => {
    const { listenerId } = httpsListener();
    const readOnly = await run(['listener', 'stop', listenerId, '--yes', '--json'], { connection: 'audit' });
    expect(readOnly.code).toBe(1);
    expect(JSON.parse(readOnly.stderr)).toMatchObject({ code: 'ReadOnlyConnection' });
    const noYes = await run(['listener', 'update', listenerId, '--set', 'gzip=off']);
    expect(noYes.code).toBe(2);
  });

  it('listener certs lists the default certificate with its domain and expiry', async () => {
    const listener = httpsListener();
    const result = await run(['listener', 'certs', listener.listenerId, '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      certificates: { certificateId: string; isDefault: boolean; commonName?: string; endDate?: string }[];
    };
    const def = printed.certificates.find((c) => c.isDefault)!;
    expect(def.certificateId).toBe(listener.certificates![0]!.certificateId);
    expect(def.commonName).toBeTruthy();
    expect(def.endDate).toBeTruthy();
  });

  it('listener certs refuses removing the default certificate (it is replaced, not removed)', async () => {
    const listener = httpsListener();
    const id = listener.certificates![0]!.certificateId;
    const result = await run(['listener', 'certs', listener.listenerId, '--remove', id, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('default certificate');
  });
});
