// alb-tui's client (the official SDK's typed calls) against the local ALB for changes to existing
// listeners: update, start/stop, extra certificates; DryRun, ClientToken replay, the waits, busy
// retries and failed jobs. The local ALB and the client share one clock that moves when the client sleeps.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { collect, isDryRunPassed, type ListenerChange } from '../../source/alb/client.js';
import { isAlbError } from '../../source/alb/errors.js';
import { startEmulator, type FaultOptions, type RunningEmulator } from '../../source/emulator/index.js';
import type { EmulatorState } from '../../source/emulator/state.js';
import { clientFor } from '../helpers/local-alb-client.js';

const DELAY = 2000;
let emulator: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function setUp(faults: FaultOptions = {}, statePath?: string) {
  let clock = Date.now();
  emulator = await startEmulator({
    seed: 7,
    provisioningDelayMs: DELAY,
    now: () => clock,
    faults,
    ...(statePath ? { statePath } : {}),
  });
  const slept: number[] = [];
  const client = clientFor(emulator, {
    now: () => clock,
    retryEnvironment: {
      random: () => 0,
      sleep: (ms) => {
        slept.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    },
  });
  const state = emulator.snapshot();
  return { client, slept, state, ...targets(state) };
}

/** A running HTTPS listener on an active instance, an HTTP one, and two spare server certificates. */
function targets(state: EmulatorState) {
  const active = new Set(
    state.loadBalancers.filter((l) => l.loadBalancerStatus === 'Active').map((l) => l.loadBalancerId),
  );
  const running = state.listeners.filter(
    (l) => l.listenerStatus === 'Running' && active.has(l.loadBalancerId),
  );
  const https = running.find((l) => l.listenerProtocol === 'HTTPS' && l.certificates?.length)!;
  const http = running.find((l) => l.listenerProtocol === 'HTTP')!;
  const now = Date.now();
  const spare = state.certificates
    .filter(
      (c) =>
        !c.isCa &&
        Date.parse(c.endDate) > now + 40 * 86_400_000 &&
        c.certificateId !== https.certificates![0]!.certificateId,
    )
    .map((c) => c.certificateId);
  return { https, http, spare };
}

const changed = (result: ListenerChange | { dryRun: 'passed' }): ListenerChange => {
  if (isDryRunPassed(result)) throw new Error('expected a real change');
  return result;
};

describe('UpdateListenerAttribute through the client', () => {
  test('a dry run passes and changes nothing; the change goes Configuring, then Running with the new values', async () => {
    const { client, https } = await setUp();
    await expect(
      client.updateListener({ listenerId: https.listenerId, idleTimeout: 42 }, { dryRun: true }),
    ).resolves.toEqual({ dryRun: 'passed' });
    expect((await client.getListener(https.listenerId)).idleTimeout).toBe(https.idleTimeout);

    const change = changed(
      await client.updateListener({ listenerId: https.listenerId, idleTimeout: 42, requestTimeout: 3 }),
    );
    expect(change.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect((await client.getListener(https.listenerId)).listenerStatus).toBe('Configuring');
    const seen: string[] = [];
    const after = await client.waitForListener(https.listenerId, {
      until: 'Running',
      jobId: change.jobId,
      intervalMs: 500,
      onStatus: (s) => seen.push(s),
    });
    expect(seen).toEqual(['Configuring', 'Running']);
    expect(after).toMatchObject({
      idleTimeout: 42,
      requestTimeout: 3,
      listenerDescription: https.listenerDescription,
    });
    const [job] = await collect(client.listJobs({ jobIds: [change.jobId] }));
    expect(job).toMatchObject({
      apiName: 'UpdateListenerAttribute',
      status: 'Succeeded',
      resourceId: https.listenerId,
    });
  });

  test('a rule broken is refused with the metadata’s code, naming the parameter', async () => {
    const { client, https, http } = await setUp();
    const error = await client
      .updateListener({ listenerId: https.listenerId, idleTimeout: 61 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', code: 'InvalidParameter', parameter: 'IdleTimeout' });
    await expect(
      client.updateListener({ listenerId: http.listenerId, http2Enabled: true }),
    ).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
  });

  test('a repeated ClientToken is the same change: same job, one job listed', async () => {
    const { client, https } = await setUp();
    const first = changed(
      await client.updateListener(
        { listenerId: https.listenerId, gzipEnabled: false },
        { clientToken: 'edit-1' },
      ),
    );
    const again = changed(
      await client.updateListener(
        { listenerId: https.listenerId, gzipEnabled: false },
        { clientToken: 'edit-1' },
      ),
    );
    expect(again).toEqual(first);
    const jobs = await collect(
      client.listJobs({ resourceIds: [https.listenerId], apiName: 'UpdateListenerAttribute' }),
    );
    expect(jobs).toHaveLength(1);
  });

  test('a change while the listener is Configuring is retried until it is Running again', async () => {
    const { client, slept, https } = await setUp();
    await client.updateListener({ listenerId: https.listenerId, idleTimeout: 20 });
    const second = changed(await client.updateListener({ listenerId: https.listenerId, idleTimeout: 21 }));
    // ResourceInConfiguring.Listener, retried 1 s then 2 s later (the first change settles at 2 s).
    expect(slept).toEqual([1000, 2000]);
    await client.waitForListener(https.listenerId, {
      until: 'Running',
      jobId: second.jobId,
      intervalMs: 500,
    });
    expect((await client.getListener(https.listenerId)).idleTimeout).toBe(21);
  });

  test('a failed job ends the wait with its code at once, and the listener is as before', async () => {
    const { client, https } = await setUp({ asyncFailureRate: 1 });
    const change = changed(await client.updateListener({ listenerId: https.listenerId, idleTimeout: 33 }));
    const error = await client
      .waitForListener(https.listenerId, { until: 'Running', jobId: change.jobId, intervalMs: 500 })
      .catch((e: unknown) => e);
    expect(isAlbError(error) && error.kind).toBe('state');
    expect(isAlbError(error) && error.code).toBeTruthy();
    const after = await client.getListener(https.listenerId);
    expect(after).toMatchObject({ listenerStatus: 'Running', idleTimeout: https.idleTimeout });
  });
});

describe('StartListener and StopListener through the client', () => {
  test('stop → Stopped, start → Running, each through Configuring; stopping a stopped one is refused', async () => {
    const { client, http } = await setUp();
    const stop = await client.stopListener(http.listenerId);
    const seen: string[] = [];
    await client.waitForListener(http.listenerId, {
      until: 'Stopped',
      jobId: stop.jobId,
      intervalMs: 500,
      onStatus: (s) => seen.push(s),
    });
    expect(seen).toEqual(['Configuring', 'Stopped']);
    const again = await client.stopListener(http.listenerId).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'IncorrectStatus.Listener' });
    const start = await client.startListener(http.listenerId);
    await expect(
      client.waitForListener(http.listenerId, { until: 'Running', jobId: start.jobId, intervalMs: 500 }),
    ).resolves.toMatchObject({ listenerStatus: 'Running' });
  });

  test('a failed stop leaves the listener Running and the wait for Stopped ends with the job error', async () => {
    const { client, http } = await setUp({ asyncFailureRate: 1 });
    const stop = await client.stopListener(http.listenerId);
    await expect(
      client.waitForListener(http.listenerId, { until: 'Stopped', jobId: stop.jobId, intervalMs: 500 }),
    ).rejects.toMatchObject({ kind: 'state', action: 'StopListener' });
    expect((await client.getListener(http.listenerId)).listenerStatus).toBe('Running');
  });
});

describe('extra certificates through the client', () => {
  test('associate → Associating → Associated; dissociate → Diassociating → gone; the default stays', async () => {
    const { client, https, spare } = await setUp();
    const pair = spare.slice(0, 2);
    const added = changed(await client.associateCertificates(https.listenerId, pair));
    const during = await client.listListenerCertificates(https.listenerId);
    expect(during.filter((c) => !c.isDefault).map((c) => c.status)).toEqual(['Associating', 'Associating']);
    const statuses: string[] = [];
    const after = await client.waitForCertificates(https.listenerId, pair, {
      until: 'Associated',
      jobId: added.jobId,
      intervalMs: 500,
      onStatus: (id, status) => statuses.push(`${id}:${status}`),
    });
    expect(statuses).toEqual([
      `${pair[0]}:Associating`,
      `${pair[1]}:Associating`,
      `${pair[0]}:Associated`,
      `${pair[1]}:Associated`,
    ]);
    expect(after.map((c) => [c.certificateId, c.isDefault, c.status])).toEqual([
      [https.certificates![0]!.certificateId, true, 'Associated'],
      [pair[0], false, 'Associated'],
      [pair[1], false, 'Associated'],
    ]);

    const removed = changed(await client.dissociateCertificates(https.listenerId, [pair[0]!]));
    const middle = await client.listListenerCertificates(https.listenerId);
    expect(middle.find((c) => c.certificateId === pair[0])?.status).toBe('Diassociating');
    const left = await client.waitForCertificates(https.listenerId, [pair[0]!], {
      until: 'gone',
      jobId: removed.jobId,
      intervalMs: 500,
    });
    expect(left.map((c) => c.certificateId)).toEqual([https.certificates![0]!.certificateId, pair[1]]);
  });

  test('the refusals: default certificate, already associated, HTTP listener, unknown, bare CAS number, too many', async () => {
    const { client, https, http, spare } = await setUp();
    const defaultId = https.certificates![0]!.certificateId;
    await expect(client.dissociateCertificates(https.listenerId, [defaultId])).rejects.toMatchObject({
      code: 'OperationDenied.DefaultCertificateUsed',
    });
    await expect(client.associateCertificates(https.listenerId, [defaultId])).rejects.toMatchObject({
      code: 'OperationDenied.DefaultCertificateUsed',
    });
    await expect(client.associateCertificates(http.listenerId, [spare[0]!])).rejects.toMatchObject({
      code: 'OperationDenied.HttpListenerNotSupport',
    });
    await expect(client.dissociateCertificates(https.listenerId, [spare[0]!])).rejects.toMatchObject({
      code: 'ResourceNotAssociated.Certificate',
    });
    await expect(
      client.associateCertificates(https.listenerId, ['999999-cn-hangzhou']),
    ).rejects.toMatchObject({
      code: 'ResourceNotFound.Certificate',
    });
    // ALB knows a certificate by `<number>-<region>` only (certimate-go/certimate#1328).
    await expect(
      client.associateCertificates(https.listenerId, [spare[0]!.replace(/-.*$/, '')]),
    ).rejects.toMatchObject({ code: 'ResourceNotFound.Certificate' });
    const sixteen = Array.from({ length: 16 }, (_, i) => `${i}-cn-hangzhou`);
    await expect(client.associateCertificates(https.listenerId, sixteen)).rejects.toMatchObject({
      kind: 'invalid',
      parameter: 'Certificates',
    });
    const added = changed(await client.associateCertificates(https.listenerId, [spare[0]!]));
    await client.waitForCertificates(https.listenerId, [spare[0]!], {
      until: 'Associated',
      jobId: added.jobId,
      intervalMs: 500,
    });
    await expect(client.associateCertificates(https.listenerId, [spare[0]!])).rejects.toMatchObject({
      code: 'ResourceAlreadyAssociated.Certificate',
    });
    // …and it cannot become the default while it is an extra one.
    await expect(
      client.updateListener({ listenerId: https.listenerId, certificates: [{ certificateId: spare[0]! }] }),
    ).rejects.toMatchObject({ code: 'ResourceAlreadyAssociated.Certificate' });
  });

  test('a dry run of an association passes and associates nothing', async () => {
    const { client, https, spare } = await setUp();
    await expect(
      client.associateCertificates(https.listenerId, [spare[0]!], { dryRun: true }),
    ).resolves.toEqual({ dryRun: 'passed' });
    expect(
      (await client.listListenerCertificates(https.listenerId)).map((c) => c.certificateId),
    ).not.toContain(spare[0]);
  });

  test('a failed association ends the wait with the job error and leaves no certificate behind', async () => {
    const { client, https, spare } = await setUp({ asyncFailureRate: 1 });
    const added = changed(await client.associateCertificates(https.listenerId, [spare[0]!]));
    await expect(
      client.waitForCertificates(https.listenerId, [spare[0]!], {
        until: 'Associated',
        jobId: added.jobId,
        intervalMs: 500,
      }),
    ).rejects.toMatchObject({ kind: 'state', action: 'AssociateAdditionalCertificatesWithListener' });
    const list = await client.listListenerCertificates(https.listenerId);
    expect(list.map((c) => c.certificateId)).not.toContain(spare[0]);
  });
});

describe('the state file', () => {
  test('keeps extra certificates and a stopped listener across restarts; a file from before loads', async () => {
    dir = await mkdtemp(join(tmpdir(), 'alb-changes-'));
    const statePath = join(dir, 'state.json');
    const first = await setUp({}, statePath);
    const added = changed(
      await first.client.associateCertificates(first.https.listenerId, [first.spare[0]!]),
    );
    await first.client.waitForCertificates(first.https.listenerId, [first.spare[0]!], {
      until: 'Associated',
      jobId: added.jobId,
      intervalMs: 500,
    });
    const stop = await first.client.stopListener(first.http.listenerId);
    await first.client.waitForListener(first.http.listenerId, {
      until: 'Stopped',
      jobId: stop.jobId,
      intervalMs: 500,
    });
    await emulator!.close();
    emulator = undefined;

    const second = await setUp({}, statePath);
    const certificates = await second.client.listListenerCertificates(first.https.listenerId);
    expect(certificates.find((c) => c.certificateId === first.spare[0])).toMatchObject({
      status: 'Associated',
      isDefault: false,
    });
    expect((await second.client.getListener(first.http.listenerId)).listenerStatus).toBe('Stopped');
    await emulator!.close();
    emulator = undefined;

    // A state file written before extra certificates existed: no `extraCertificates` anywhere.
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as EmulatorState;
    for (const listener of saved.listeners) delete listener.extraCertificates;
    await writeFile(statePath, JSON.stringify(saved));
    const third = await setUp({}, statePath);
    expect(third.state.listeners).toHaveLength(saved.listeners.length);
    const listed = await third.client.listListenerCertificates(first.https.listenerId);
    expect(listed.map((c) => c.isDefault)).toEqual([true]);
  });
});
