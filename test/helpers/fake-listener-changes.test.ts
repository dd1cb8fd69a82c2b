// The in-memory ListenerChanges the fake clients share: what other tests rely on it to do.
import { describe, expect, it } from 'vitest';
import { FakeAlbClient } from '../ui/fake-client.js';
import { FakeAlb } from '../wizard/fake-alb.js';

describe('the fake clients’ listener changes', () => {
  it('apply an update at once (XForwardedFor header by header), replay a token, and skip dry runs', async () => {
    const client = new FakeAlbClient();
    await expect(
      client.updateListener({ listenerId: 'lsn-web-http', idleTimeout: 30 }, { dryRun: true }),
    ).resolves.toEqual({ dryRun: 'passed' });
    expect((await client.getListener('lsn-web-http')).idleTimeout).toBe(15);
    const first = await client.updateListener(
      {
        listenerId: 'lsn-web-http',
        idleTimeout: 30,
        XForwardedForConfig: { XForwardedForProtoEnabled: true },
      },
      { clientToken: 't1' },
    );
    const again = await client.updateListener(
      { listenerId: 'lsn-web-http', idleTimeout: 30 },
      { clientToken: 't1' },
    );
    expect(again).toEqual(first);
    expect(await client.getListener('lsn-web-http')).toMatchObject({
      idleTimeout: 30,
      XForwardedForConfig: { XForwardedForEnabled: true, XForwardedForProtoEnabled: true },
    });
    expect(client.changes.calls.map((c) => [c.action, c.dryRun])).toEqual([
      ['UpdateListenerAttribute', true],
      ['UpdateListenerAttribute', false],
      ['UpdateListenerAttribute', false],
    ]);
  });

  it('start and stop, refusing a busy listener with IncorrectStatus.Listener', async () => {
    const client = new FakeAlbClient();
    await client.stopListener('lsn-web-http');
    await expect(client.waitForListener('lsn-web-http', { until: 'Stopped' })).resolves.toMatchObject({
      listenerStatus: 'Stopped',
    });
    await client.startListener('lsn-web-http');
    expect((await client.getListener('lsn-web-http')).listenerStatus).toBe('Running');
    await expect(client.stopListener('lsn-pay-http')).rejects.toMatchObject({
      code: 'IncorrectStatus.Listener',
    });
  });

  it('keep extra certificates with the service’s refusals', async () => {
    const client = new FakeAlbClient();
    await client.associateCertificates('lsn-web-https', ['2002-cn-hangzhou']);
    expect(
      (await client.waitForCertificates('lsn-web-https', ['2002-cn-hangzhou'], { until: 'Associated' })).map(
        (c) => [c.certificateId, c.isDefault],
      ),
    ).toEqual([
      ['1001-cn-hangzhou', true],
      ['2002-cn-hangzhou', false],
    ]);
    await expect(client.associateCertificates('lsn-web-https', ['2002-cn-hangzhou'])).rejects.toMatchObject({
      code: 'ResourceAlreadyAssociated.Certificate',
    });
    await expect(client.dissociateCertificates('lsn-web-https', ['1001-cn-hangzhou'])).rejects.toMatchObject({
      code: 'OperationDenied.DefaultCertificateUsed',
    });
    await expect(client.associateCertificates('lsn-web-http', ['2002-cn-hangzhou'])).rejects.toMatchObject({
      code: 'OperationDenied.HttpListenerNotSupport',
    });
    await client.dissociateCertificates('lsn-web-https', ['2002-cn-hangzhou']);
    await expect(
      client.waitForCertificates('lsn-web-https', ['2002-cn-hangzhou'], { until: 'gone' }),
    ).resolves.toHaveLength(1);
  });

  it('the wizard’s fake checks updates with the domain’s update rules', async () => {
    const alb = new FakeAlb();
    await expect(alb.updateListener({ listenerId: 'lsn-http80', idleTimeout: 61 })).rejects.toMatchObject({
      code: 'InvalidParameter',
      parameter: 'IdleTimeout',
    });
    await alb.updateListener({ listenerId: 'lsn-http80', idleTimeout: 60 });
    expect((await alb.getListener('lsn-http80')).idleTimeout).toBe(60);
  });
});
