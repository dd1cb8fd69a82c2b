// The operations log: every change sent through the session's client is recorded with its job, the
// statuses its wait saw and its end, and as the aliyun CLI command for the same call; reads and dry
// runs are not changes and are not recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import { aliyunCommand, certificatesCommand, createCommand } from '../../source/domain/change-commands.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { lineText } from '../../source/ui/components/lines.js';
import { keyFromId } from '../../source/ui/keys.js';
import { OpsLog } from '../../source/ui/ops/ops-log.js';
import { renderOps } from '../../source/ui/ops/ops-render.js';
import { opsKey } from '../../source/ui/ops/ops-state.js';
import { recordingClient } from '../../source/ui/ops/recording-client.js';
import { clientFor } from '../helpers/local-alb-client.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, provisioningDelayMs: 20 });
});
afterAll(async () => {
  await emulator.close();
});

function httpRequest(port: number): CreateListenerRequest {
  const state = emulator.snapshot();
  const lb = state.loadBalancers.find((l) => l.loadBalancerStatus === 'Active')!;
  const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
  return {
    loadBalancerId: lb.loadBalancerId,
    listenerProtocol: 'HTTP',
    listenerPort: port,
    listenerDescription: 'ops-test',
    defaultActions: [
      {
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
      },
    ],
    clientToken: `ops-${port}`,
  };
}

describe('recording client', () => {
  it('records a create with its job, the statuses the wait saw and its end, and a delete after it', async () => {
    const log = new OpsLog();
    const client = recordingClient(clientFor(emulator), log, {
      region: emulator.region,
      endpoint: emulator.endpoint,
    });
    const request = httpRequest(18_441);
    await client.createListener(request, { dryRun: true });
    expect(log.entries()).toEqual([]);
    const created = await client.createListener(request);
    if (!('listenerId' in created)) throw new Error('no listener');
    await client.waitForListener(created.listenerId, {
      until: 'Running',
      jobId: created.jobId,
      intervalMs: 5,
    });
    await client.getListener(created.listenerId);
    const deleted = await client.deleteListener(created.listenerId);
    await client.waitForListener(created.listenerId, { until: 'gone', jobId: deleted.jobId, intervalMs: 5 });

    const [create, remove] = log.entries();
    expect(log.entries()).toHaveLength(2);
    expect(create).toMatchObject({
      action: 'CreateListener',
      status: 'done',
      jobId: created.jobId,
      listenerId: created.listenerId,
      clientToken: 'ops-18441',
    });
    expect(create!.progress.at(-1)).toBe('Running');
    expect(create!.command).toBe(
      createCommand(request, { region: emulator.region, endpoint: emulator.endpoint }),
    );
    expect(create!.command).toContain('--ListenerPort 18441');
    expect(remove).toMatchObject({ action: 'DeleteListener', status: 'done', jobId: deleted.jobId });
    expect(remove!.command).toContain(`--ListenerId ${created.listenerId}`);
  });

  it('records a change to a stopped listener as done once it is Stopped again', async () => {
    const log = new OpsLog();
    const client = recordingClient(clientFor(emulator), log, {
      region: emulator.region,
      endpoint: emulator.endpoint,
    });
    const created = await client.createListener(httpRequest(18_442));
    if (!('listenerId' in created)) throw new Error('no listener');
    const id = created.listenerId;
    await client.waitForListener(id, { until: 'Running', jobId: created.jobId, intervalMs: 5 });
    const stopped = await client.stopListener(id);
    await client.waitForListener(id, { until: 'Stopped', jobId: stopped.jobId, intervalMs: 5 });
    const changed = await client.updateListener(
      { listenerId: id, idleTimeout: 40 },
      { clientToken: 'ops-stopped' },
    );
    if (!('jobId' in changed)) throw new Error('no job');
    await client.waitForListener(id, { until: 'Stopped', jobId: changed.jobId, intervalMs: 5 });
    expect(log.entries().find((e) => e.action === 'UpdateListenerAttribute')).toMatchObject({
      status: 'done',
      clientToken: 'ops-stopped',
    });
  });

  it('records a refused change as failed, with the reason', async () => {
    const log = new OpsLog();
    const client = recordingClient(clientFor(emulator, { retry: { maxAttempts: 1 } }), log, {
      region: emulator.region,
      endpoint: emulator.endpoint,
    });
    await expect(client.deleteListener('lsn-does-not-exist')).rejects.toThrow();
    expect(log.entries()[0]).toMatchObject({ action: 'DeleteListener', status: 'failed' });
    expect(log.entries()[0]!.result?.en).toBeTruthy();
  });
});

describe('aliyun commands', () => {
  it('names the action, region, endpoint and each parameter; plain HTTP takes --insecure; no DryRun', () => {
    const target = { region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:18081' };
    expect(aliyunCommand('StopListener', { ListenerId: 'lsn-1', DryRun: 'true' }, target)).toBe(
      'aliyun alb StopListener --region cn-hangzhou --endpoint 127.0.0.1:18081 --insecure --ListenerId lsn-1 --method POST --force',
    );
    expect(
      certificatesCommand(
        'AssociateAdditionalCertificatesWithListener',
        'lsn-1',
        ['11-cn-hangzhou', '12-cn-hangzhou'],
        {
          region: 'cn-hangzhou',
        },
      ),
    ).toBe(
      'aliyun alb AssociateAdditionalCertificatesWithListener --region cn-hangzhou --endpoint alb.cn-hangzhou.aliyuncs.com --ListenerId lsn-1 --Certificates.1.CertificateId 11-cn-hangzhou --Certificates.2.CertificateId 12-cn-hangzhou --method POST --force',
    );
  });

  it('quotes what a shell would split and drops control characters', () => {
    const command = aliyunCommand(
      'UpdateListenerAttribute',
      { ListenerId: 'lsn-1', ListenerDescription: "it's\x1b[31m red" },
      { region: 'cn-hangzhou' },
    );
    expect(command).toContain(`--ListenerDescription 'it'\\''s[31m red'`);
    expect(command).not.toContain('\x1b');
  });
});

describe('the ops view', () => {
  function sample() {
    let at = Date.parse('2026-01-01T10:00:00Z');
    const log = new OpsLog(() => (at += 1000));
    const first = log.begin({
      action: 'CreateListener',
      target: 'lb-1 HTTPS:443',
      command: 'aliyun alb CreateListener …',
    });
    first.accepted({ jobId: 'job-1', listenerId: 'lsn-1' });
    first.progress('Provisioning');
    first.progress('Running');
    first.succeeded();
    const second = log.begin({
      action: 'StopListener',
      target: 'lsn-2',
      command: 'aliyun alb StopListener --ListenerId lsn-2',
    });
    second.failed({ en: 'IncorrectStatus.Listener', 'zh-CN': 'IncorrectStatus.Listener' });
    return log;
  }

  it('lists the newest first, and shows the chosen entry whole with its command', () => {
    const log = sample();
    const text = renderOps({}, log.entries(), { lang: 'en', width: 100, height: 20 }).map(lineText);
    const stop = text.findIndex((line) => line.includes('stop'));
    const create = text.findIndex((line) => line.includes('create'));
    expect(stop).toBeGreaterThan(0);
    expect(stop).toBeLessThan(create);
    expect(text.join('\n')).toContain('StopListener · lsn-2');
    expect(text.join('\n')).toContain('IncorrectStatus.Listener');
    expect(text.join('\n')).toContain('aliyun alb StopListener --ListenerId lsn-2');
  });

  it('names the connection in the list only when entries went to several, after the target', () => {
    let at = Date.parse('2026-01-01T10:00:00Z');
    const log = new OpsLog(() => (at += 1000));
    const one = { action: 'StopListener' as const, command: 'aliyun alb StopListener' };
    log.begin({ ...one, target: 'lsn-aaaaaaaaaaaaaaaaaaaa', connection: 'local@cn-hangzhou' });
    log.begin({ ...one, target: 'lsn-bbbbbbbbbbbbbbbbbbbb', connection: 'local@cn-hangzhou' });
    const single = renderOps({}, log.entries(), { lang: 'en', width: 80, height: 20 }).map(lineText);
    const rows = single.filter((line) => line.includes(' stop '));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('lsn-bbbbbbbbbbbbbbbbbbbb');
    expect(rows.join('\n')).not.toContain('local@');
    expect(single.join('\n')).toContain('local@cn-hangzhou');
    log.begin({ ...one, target: 'lsn-cccc', connection: 'prod@cn-shanghai' });
    const several = renderOps({}, log.entries(), { lang: 'en', width: 100, height: 20 }).map(lineText);
    expect(several.find((line) => line.includes('lsn-cccc'))).toContain('lsn-cccc · prod@cn-shanghai');
  });

  it('moves with ↓ and copies the chosen command with y', () => {
    const log = sample();
    const moved = opsKey({}, log.entries(), keyFromId('down'));
    if (moved.kind !== 'state') throw new Error('not moved');
    const copied = opsKey(moved.state, log.entries(), keyFromId('y'));
    expect(copied).toMatchObject({ kind: 'copy', entry: { action: 'CreateListener' } });
    const text = renderOps(moved.state, log.entries(), { lang: 'zh-CN', width: 80, height: 20 }).map(
      lineText,
    );
    expect(text.join('\n')).toContain('已发送 → 任务 job-1 → 创建中 → 运行中 → 完成');
  });
});

describe(':ops and :certs', () => {
  it('are commands, with their aliases', async () => {
    const { parseCommand } = await import('../../source/ui/command-line.js');
    expect(parseCommand(':ops')).toEqual({ kind: 'ops' });
    expect(parseCommand('log')).toEqual({ kind: 'ops' });
    expect(parseCommand(':certs')).toEqual({ kind: 'certs' });
    expect(parseCommand('certificates')).toEqual({ kind: 'certs' });
  });
});
