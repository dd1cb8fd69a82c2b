// The subcommands against a local ALB whose asynchronous jobs end `Failed`: each says which job failed,
// with its code and message, exits 1 (`--json`: the job's code), and says what that left behind —
// instead of waiting on, or claiming the work was done.
import { afterEach, describe, expect, it } from 'vitest';
import type { Listener } from '../../source/domain/resources.js';
import { useLocalAlbCli } from '../helpers/local-alb-cli.js';

const local = useLocalAlbCli();
const { run } = local;
afterEach(() => local.emulator.setFaults({}));

const JOB_FAILED = /job [0-9a-f-]{36} failed \(InternalError\): The asynchronous task of (\w+) failed/;

function target(): { lb: string; group: string } {
  const state = local.emulator.snapshot();
  const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-api')!;
  const group = state.serverGroups.find((g) => g.vpcId === lb.vpcId && g.protocol === 'HTTP')!;
  return { lb: lb.loadBalancerId, group: group.serverGroupId };
}

function listenersOn(lb: string, port: number): Listener[] {
  return local.emulator
    .snapshot()
    .listeners.filter((l) => l.loadBalancerId === lb && l.listenerPort === port) as unknown as Listener[];
}

function createArgs(port: number): string[] {
  const { lb, group } = target();
  return [
    'create',
    '--instance',
    lb,
    '--set',
    'protocol=HTTP',
    '--set',
    `port=${port}`,
    '--set',
    `server-group=${group}`,
    '--yes',
    '--wait',
  ];
}

/** A Running HTTP listener made before any fault is set. */
async function runningListener(port: number): Promise<string> {
  const result = await run([...createArgs(port), '--json']);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { listenerId: string }).listenerId;
}

describe('a creation whose job fails', () => {
  it('exits 1 naming the job, its code and message, and leaves no listener behind', async () => {
    local.emulator.setFaults({ actions: { CreateListener: { asyncFailureRate: 1 } } });
    const result = await run(createArgs(8701));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/listener lsn-\w+ was not created: /);
    expect(result.stderr).toMatch(JOB_FAILED);
    expect(result.stderr).toContain('CreateListener failed');
    expect(result.stderr).toContain('(ALB rolled the creation back)');
    expect(result.stderr).not.toContain('was created but');
    expect(listenersOn(target().lb, 8701)).toEqual([]);
  });

  it('says so in Chinese, and as the JSON error with the job code under --json', async () => {
    local.emulator.setFaults({ actions: { CreateListener: { asyncFailureRate: 1 } } });
    const zh = await run([...createArgs(8702), '--lang', 'zh-CN']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toMatch(/监听 lsn-\w+ 未创建成功：任务 [0-9a-f-]{36} 失败（InternalError）：/);
    const json = await run([...createArgs(8702), '--json']);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    const lines = json.stderr.trim().split('\n');
    const error = JSON.parse(lines.at(-1)!) as { code: string; message: string };
    expect(error.code).toBe('InternalError');
    expect(error.message).toMatch(JOB_FAILED);
    expect(listenersOn(target().lb, 8702)).toEqual([]);
  });
});

describe('a delete whose job fails', () => {
  it('exits 1 naming the job, and the listener is still there, Running', async () => {
    const id = await runningListener(8703);
    local.emulator.setFaults({ actions: { DeleteListener: { asyncFailureRate: 1 } } });
    const result = await run(['listener', 'delete', id, '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`listener ${id} was not deleted: `);
    expect(result.stderr).toMatch(JOB_FAILED);
    expect(result.stderr).toContain('DeleteListener failed');
    expect(result.stderr).toContain('it is still there');
    expect((await local.api().getListener(id)).listenerStatus).toBe('Running');
    const json = await run(['listener', 'delete', id, '--yes', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr.trim().split('\n').at(-1)!)).toMatchObject({ code: 'InternalError' });
  });
});

describe('a change whose job fails', () => {
  it('update --wait exits 1 naming the job; the listener keeps its settings', async () => {
    const id = await runningListener(8704);
    const before = await local.api().getListener(id);
    local.emulator.setFaults({ actions: { UpdateListenerAttribute: { asyncFailureRate: 1 } } });
    const result = await run(['listener', 'update', id, '--set', 'idle-timeout=41', '--yes', '--wait']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the change to ${id} was not made: `);
    expect(result.stderr).toMatch(JOB_FAILED);
    expect(result.stderr).toContain('UpdateListenerAttribute failed');
    expect(result.stderr).not.toContain('the change was made');
    const after = await local.api().getListener(id);
    expect(after.idleTimeout).toBe(before.idleTimeout);
    expect(after.listenerStatus).toBe('Running');
  });

  it('stop --wait exits 1 naming the job (in Chinese too); the listener is still Running', async () => {
    const id = await runningListener(8705);
    local.emulator.setFaults({ actions: { StopListener: { asyncFailureRate: 1 } } });
    const result = await run(['listener', 'stop', id, '--yes', '--wait', '--lang', 'zh-CN']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`对 ${id} 的修改未生效：任务 [0-9a-f-]{36} 失败（InternalError）：.*StopListener`),
    );
    expect(result.stderr).toContain('监听保持原样');
    expect((await local.api().getListener(id)).listenerStatus).toBe('Running');
  });
});
