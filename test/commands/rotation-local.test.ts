// `alb-tui certs rotate` and `alb-tui listener certs` against a real local ALB, faults injected by
// its own fault injector: a rotation whose replies are lost after the work fails part-way, and the
// same command run again finishes it, touching no certificate it was not asked about.
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import { useLocalAlbCli } from '../helpers/local-alb-cli.js';

const local = useLocalAlbCli();
const { run } = local;
let client: SdkAlbClient;
beforeAll(() => {
  client = local.api();
});

function certificateNamed(commonName: string): string {
  const found = local.emulator.snapshot().certificates.find((c) => c.commonName === commonName);
  if (!found) throw new Error(`no certificate ${commonName}`);
  return found.certificateId;
}

/** Every HTTPS/QUIC listener's certificates, as `id (default|extra) status`, sorted. */
async function certificatesByListener(): Promise<Map<string, string[]>> {
  const listeners = (await collect(client.listListeners())).filter((l) => l.listenerProtocol !== 'HTTP');
  const entries = await Promise.all(
    listeners.map(async (l): Promise<[string, string[]]> => {
      const bound = await client.listListenerCertificates(l.listenerId);
      return [
        l.listenerId,
        bound
          .map(
            (c) => `${c.certificateId} ${c.certificateType} ${c.isDefault ? 'default' : 'extra'} ${c.status}`,
          )
          .sort(),
      ];
    }),
  );
  return new Map(entries);
}

describe('alb-tui certs rotate against the local ALB, with a fault mid-way', () => {
  it('fails part-way when replies are lost after the work; the rerun ends every listener on B, nothing else touched', async () => {
    const A = certificateNamed('api.example.com');
    const B = certificateNamed('*.example.com');
    const usersOfA = () =>
      local.emulator
        .snapshot()
        .listeners.filter((l) =>
          [...(l.certificates ?? []), ...(l.extraCertificates ?? [])].some((c) => c.certificateId === A),
        );
    // Set-up: exactly three listeners use A, two as the default and one as an extra certificate.
    const defaults = usersOfA();
    expect(defaults.length).toBeGreaterThanOrEqual(2);
    for (const spare of defaults.slice(2)) {
      await client.updateListener({
        listenerId: spare.listenerId,
        certificates: [{ certificateId: certificateNamed('pay.example.cn') }],
      });
      await client.waitForListener(spare.listenerId, { until: 'Running', intervalMs: 20 });
    }
    const extraHolder = local.emulator
      .snapshot()
      .listeners.find(
        (l) =>
          l.listenerProtocol === 'HTTPS' &&
          l.listenerStatus === 'Running' &&
          ![...(l.certificates ?? []), ...(l.extraCertificates ?? [])].some(
            (c) => c.certificateId === A || c.certificateId === B,
          ),
      )!;
    await client.associateCertificates(extraHolder.listenerId, [A]);
    await client.waitForCertificates(extraHolder.listenerId, [A], { until: 'Associated', intervalMs: 20 });
    const rotated = usersOfA().map((l) => l.listenerId);
    expect(rotated).toHaveLength(3);
    expect(rotated).toContain(extraHolder.listenerId);
    const before = await certificatesByListener();

    // Every default replacement does its work and then loses its reply, retries included.
    local.emulator.setFaults({ actions: { UpdateListenerAttribute: { dropRate: 1, afterWorkShare: 1 } } });
    let first;
    try {
      first = await run(['certs', 'rotate', '--from', A, '--to', B, '--yes', '--json']);
    } finally {
      local.emulator.setFaults({});
    }
    expect(first.code).toBe(1);
    const firstResults = (JSON.parse(first.stdout) as { results: { listenerId: string; result: string }[] })
      .results;
    expect(firstResults.filter((r) => r.result === 'failed').length).toBeGreaterThanOrEqual(1);

    const second = await run(['certs', 'rotate', '--from', A, '--to', B, '--yes', '--json']);
    expect(second.stderr).not.toContain('"error"');
    expect(second.code).toBe(0);

    const after = await certificatesByListener();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [listenerId, was] of before) {
      const now = after.get(listenerId)!;
      const expected = rotated.includes(listenerId) ? was.map((entry) => entry.replace(A, B)).sort() : was;
      expect(now, listenerId).toEqual(expected);
    }
    // Checked through GetListenerAttribute too: the default certificate of each default user is B.
    for (const listenerId of rotated.filter((id) => id !== extraHolder.listenerId)) {
      const listener = await client.getListener(listenerId);
      expect(listener.certificates?.map((c) => c.certificateId)).toEqual([B]);
    }
    expect(JSON.stringify(local.emulator.snapshot().listeners)).not.toContain(A);
  });
});

describe('alb-tui listener certs --add/--remove against the local ALB', () => {
  it('adds extra certificates (named by CAS number or ALB form) until Associated, then removes them until gone', async () => {
    const data = local.emulator.snapshot().certificates.find((c) => c.commonName === 'data.example.cn')!;
    const staging = certificateNamed('staging.example.com');
    const listener = local.emulator
      .snapshot()
      .listeners.find(
        (l) =>
          l.listenerProtocol === 'HTTPS' &&
          l.listenerStatus === 'Running' &&
          (l.extraCertificates ?? []).length === 0 &&
          !l.certificates?.some((c) => c.certificateId === data.certificateId || c.certificateId === staging),
      )!;
    const { listenerId } = listener;
    const defaultId = listener.certificates![0]!.certificateId;
    const servers = async () =>
      (await client.listListenerCertificates(listenerId))
        .filter((c) => c.certificateType === 'Server')
        .map((c) => `${c.certificateId} ${c.isDefault ? 'default' : 'extra'} ${c.status}`)
        .sort();

    const added = await run([
      'listener',
      'certs',
      listenerId,
      '--add',
      String(data.casId),
      '--add',
      staging,
      '--yes',
    ]);
    expect(added.stderr).not.toMatch(/error|failed/i);
    expect(added.code).toBe(0);
    expect(await servers()).toEqual(
      [
        `${defaultId} default Associated`,
        `${data.certificateId} extra Associated`,
        `${staging} extra Associated`,
      ].sort(),
    );

    // Adding one that is already there changes nothing.
    const again = await run(['listener', 'certs', listenerId, '--add', staging, '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], removed: [] });

    const removed = await run([
      'listener',
      'certs',
      listenerId,
      '--remove',
      data.certificateId,
      '--remove',
      String(local.emulator.snapshot().certificates.find((c) => c.certificateId === staging)!.casId),
      '--yes',
    ]);
    expect(removed.code).toBe(0);
    expect(await servers()).toEqual([`${defaultId} default Associated`]);
    expect(
      local.emulator.snapshot().listeners.find((l) => l.listenerId === listenerId)!.extraCertificates ?? [],
    ).toEqual([]);
  });
});
