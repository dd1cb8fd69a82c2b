// The local ALB's state file and credentials: survive restarts, written privately and atomically,
// never silently replaced when unreadable.
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator } from '../../source/emulator/index.js';
import { $Alb, clients } from './helpers.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-emulator-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

async function createListener(
  emulator: Awaited<ReturnType<typeof startEmulator>>,
  port: number,
  clientToken?: string,
): Promise<string> {
  const state = emulator.snapshot();
  const lb = state.loadBalancers.find((l) => l.loadBalancerName === 'prod-web')!;
  const group = state.serverGroups.find((g) => g.serverGroupName === 'web-frontend-http')!;
  const { body } = await clients(emulator).alb.createListener(
    new $Alb.CreateListenerRequest({
      loadBalancerId: lb.loadBalancerId,
      listenerProtocol: 'HTTP',
      listenerPort: port,
      ...(clientToken ? { clientToken } : {}),
      defaultActions: [
        new $Alb.CreateListenerRequestDefaultActions({
          type: 'ForwardGroup',
          forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
            serverGroupTuples: [
              new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
                serverGroupId: group.serverGroupId,
              }),
            ],
          }),
        }),
      ],
    }),
  );
  return body!.listenerId!;
}

describe('state file', () => {
  test('survives a restart: data, pending work and ClientTokens; the AccessKey pair is reused', async () => {
    const statePath = join(dir, 'data', 'alb-tui', 'local-alb.json');
    const credentialsPath = join(dir, 'data', 'alb-tui', 'local-alb-credentials.json');
    let clock = Date.now();
    const first = await startEmulator({
      statePath,
      credentialsPath,
      provisioningDelayMs: 5000,
      now: () => clock,
    });
    expect(first.warnings).toEqual([]);
    const listenerId = await createListener(first, 7001, 'restart-token');
    await first.close();

    clock += 6000;
    const second = await startEmulator({
      statePath,
      credentialsPath,
      provisioningDelayMs: 5000,
      now: () => clock,
    });
    try {
      expect(second.warnings).toEqual([]);
      expect(second.accessKeyId).toBe(first.accessKeyId);
      expect(second.accessKeySecret).toBe(first.accessKeySecret);
      const { body } = await clients(second).alb.getListenerAttribute(
        new $Alb.GetListenerAttributeRequest({ listenerId }),
      );
      expect(body?.listenerPort).toBe(7001);
      expect(body?.listenerStatus).toBe('Running');
      // The token outlived the restart: the retry gets the same listener.
      expect(await createListener(second, 7001, 'restart-token')).toBe(listenerId);
      expect(second.snapshot().loadBalancers.map((l) => l.loadBalancerId)).toEqual(
        first.snapshot().loadBalancers.map((l) => l.loadBalancerId),
      );
    } finally {
      await second.close();
    }
  });

  test('files are 0600 and the directories it creates 0700', async () => {
    const statePath = join(dir, 'a', 'b', 'state.json');
    const credentialsPath = join(dir, 'a', 'b', 'credentials.json');
    const emulator = await startEmulator({ statePath, credentialsPath });
    await createListener(emulator, 7002);
    await emulator.close();
    expect(await mode(statePath)).toBe(0o600);
    expect(await mode(credentialsPath)).toBe(0o600);
    expect(await mode(`${statePath}.nonces`)).toBe(0o600);
    expect(await mode(join(dir, 'a'))).toBe(0o700);
    expect(await mode(join(dir, 'a', 'b'))).toBe(0o700);
    // No temp files are left behind by the atomic writes.
    expect((await readdir(join(dir, 'a', 'b'))).sort()).toEqual([
      'credentials.json',
      'state.cn-shanghai.json',
      'state.json',
      'state.json.nonces',
    ]);
    expect(await mode(join(dir, 'a', 'b', 'state.cn-shanghai.json'))).toBe(0o600);
  });

  test('bursts of changes are coalesced and always flushed on close', async () => {
    const statePath = join(dir, 'state.json');
    const emulator = await startEmulator({ statePath, saveDebounceMs: 60_000 });
    const seeded = await readFile(statePath, 'utf8');
    const ids = [
      await createListener(emulator, 7003),
      await createListener(emulator, 7004),
      await createListener(emulator, 7005),
    ];
    expect(await readFile(statePath, 'utf8')).toBe(seeded);
    await emulator.close();
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as { listeners: { listenerId: string }[] };
    for (const id of ids) expect(saved.listeners.some((l) => l.listenerId === id)).toBe(true);
  });

  test('a corrupt file is moved aside and reported, never overwritten', async () => {
    const statePath = join(dir, 'state.json');
    await writeFile(statePath, '{"version": 1, "region": "cn-hangzhou", "loadBal', { mode: 0o600 });
    const emulator = await startEmulator({ statePath });
    await emulator.close();
    expect(emulator.warnings).toHaveLength(1);
    expect(emulator.warnings[0]).toContain(statePath);
    const aside = (await readdir(dir)).filter((name) => name.startsWith('state.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(emulator.warnings[0]).toContain(aside[0]);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(
      '{"version": 1, "region": "cn-hangzhou", "loadBal',
    );
    const fresh = JSON.parse(await readFile(statePath, 'utf8')) as { listeners: unknown[] };
    expect(fresh.listeners.length).toBeGreaterThan(30);
  });

  test('a file from another version is moved aside too', async () => {
    const statePath = join(dir, 'state.json');
    await writeFile(statePath, JSON.stringify({ version: 99, region: 'cn-hangzhou' }));
    const emulator = await startEmulator({ statePath });
    await emulator.close();
    expect(emulator.warnings[0]).toContain('version');
    expect((await readdir(dir)).some((name) => name.startsWith('state.json.corrupt-'))).toBe(true);
  });

  test('--reset starts from fresh demo data', async () => {
    const statePath = join(dir, 'state.json');
    const first = await startEmulator({ statePath });
    const listenerId = await createListener(first, 7006);
    await first.close();
    const second = await startEmulator({ statePath, reset: true });
    try {
      expect(second.snapshot().listeners.some((l) => l.listenerId === listenerId)).toBe(false);
    } finally {
      await second.close();
    }
  });

  test('another region on an existing file is served beside it; a scale on it is reported, the file kept', async () => {
    const statePath = join(dir, 'state.json');
    await (await startEmulator({ statePath, region: 'cn-shanghai' })).close();
    const again = await startEmulator({
      statePath,
      region: 'cn-beijing',
      scale: { instances: 20, listeners: 100 },
    });
    await again.close();
    expect(again.region).toBe('cn-beijing');
    expect(again.regions.map((r) => r.regionId)).toEqual(['cn-shanghai', 'cn-beijing', 'cn-hangzhou']);
    expect(again.warnings).toHaveLength(1);
    expect(again.snapshot('cn-shanghai').loadBalancers.length).toBeLessThan(20);
    expect(again.snapshot('cn-beijing').loadBalancers.length).toBeLessThan(20);
  });
});

describe('credentials', () => {
  test('a generated pair looks like an Alibaba Cloud AccessKey and differs per emulator', async () => {
    const a = await startEmulator({});
    const b = await startEmulator({});
    await Promise.all([a.close(), b.close()]);
    expect(a.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(a.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
  });

  test('given credentials are used and not stored', async () => {
    const credentialsPath = join(dir, 'credentials.json');
    const emulator = await startEmulator({
      credentials: { accessKeyId: 'LTAItest', accessKeySecret: 'secret' },
      credentialsPath,
    });
    await emulator.close();
    expect(emulator.accessKeyId).toBe('LTAItest');
    await expect(stat(credentialsPath)).rejects.toThrow();
  });

  test('a corrupt credentials file is moved aside, reported and replaced by a new pair', async () => {
    const credentialsPath = join(dir, 'creds', 'credentials.json');
    await mkdir(join(dir, 'creds'));
    await writeFile(credentialsPath, '{"accessKeyId": 42}');
    const emulator = await startEmulator({ credentialsPath });
    await emulator.close();
    expect(emulator.warnings).toHaveLength(1);
    expect(
      (await readdir(join(dir, 'creds'))).some((name) => name.startsWith('credentials.json.corrupt-')),
    ).toBe(true);
    const stored = JSON.parse(await readFile(credentialsPath, 'utf8')) as { accessKeyId: string };
    expect(stored.accessKeyId).toBe(emulator.accessKeyId);
  });
});
