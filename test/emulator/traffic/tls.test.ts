// TLS on the data plane with real clients (node's tls/https/http2, and openssl/curl where the
// machine has them; CI installs both): the security policy's versions enforced, HTTP/2 by ALPN only
// when on, SNI among the extra certificates, mutual TLS, and certificates from the local CA.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { curlCommand } from '../../../source/domain/served-addresses.js';
import { $Alb } from '../helpers.js';
import { hasCommand, listenerOf, served, startRig, until, type Rig } from './helpers.js';

const HAS_OPENSSL = hasCommand('openssl');
const HAS_CURL = hasCommand('curl');

let rig: Rig;
let caDir: string;
let caPem: string;
beforeAll(async () => {
  caDir = await mkdtemp(join(tmpdir(), 'alb-tui-ca-'));
  rig = await startRig({ caDir: join(caDir, 'local-ca') });
  caPem = (await rig.dataPlane.localCa()).certificatePem;
});
afterAll(async () => {
  await rig.emulator.close();
  await rig.dataPlane.close();
  await rm(caDir, { recursive: true, force: true });
});

interface Handshake {
  ok: boolean;
  error?: string;
  protocol?: string | null;
  alpn?: string | false | null;
  subjectCN?: string;
}

function handshake(listenerId: string, options: tls.ConnectionOptions = {}): Promise<Handshake> {
  const at = served(rig, listenerId);
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: at.address,
      port: at.port,
      servername: at.serverName,
      ca: [caPem],
      ...options,
    });
    socket.once('secureConnect', () => {
      const result: Handshake = {
        ok: true,
        protocol: socket.getProtocol(),
        alpn: socket.alpnProtocol,
        subjectCN: String(socket.getPeerCertificate().subject?.CN ?? ''),
      };
      // TLS 1.3 servers refuse a missing client certificate after the handshake: read once to see it.
      socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      socket.once('data', () => {
        socket.destroy();
        resolve(result);
      });
      socket.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, error: error.code ?? error.message }),
      );
      socket.once('end', () => resolve({ ok: false, error: 'closed' }));
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, error: error.code ?? error.message }),
    );
  });
}

describe('security policy', () => {
  test('a TLS 1.2 policy refuses a client offering only TLS 1.0; a TLS 1.0 policy accepts it', async () => {
    const tls12 = listenerOf(rig, 'prod-web', 'HTTPS', 443); // tls_cipher_policy_1_2
    const tls10 = listenerOf(rig, 'staging-api', 'HTTPS', 8443); // tls_cipher_policy_1_0 (default)
    expect(tls12.securityPolicyId).toBe('tls_cipher_policy_1_2');
    expect(tls10.securityPolicyId).toBe('tls_cipher_policy_1_0');
    const onlyTls10 = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    const refused = await handshake(tls12.listenerId, onlyTls10);
    expect(refused.ok).toBe(false);
    const accepted = await handshake(tls10.listenerId, onlyTls10);
    expect(accepted).toMatchObject({ ok: true, protocol: 'TLSv1' });
    // A modern client gets TLS 1.2 from the 1.2 policy, not 1.3.
    expect(await handshake(tls12.listenerId)).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
  });

  test('a policy with TLS 1.3 negotiates it, with one of its TLS 1.3 suites', async () => {
    const listener = listenerOf(rig, '支付网关-prod', 'HTTPS', 8443); // ..._strict_with_1_3
    expect(await handshake(listener.listenerId)).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  test('only the policy suites: a client offering only suites outside the strict policy is refused', async () => {
    const strict = listenerOf(rig, 'prod-api', 'HTTPS', 9443); // tls_cipher_policy_1_2_strict: ECDHE only
    const rsaOnly = { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' } as const;
    expect((await handshake(strict.listenerId, rsaOnly)).ok).toBe(false);
    const loose = listenerOf(rig, 'prod-web', 'HTTPS', 443); // tls_cipher_policy_1_2: all 19
    expect(await handshake(loose.listenerId, rsaOnly)).toMatchObject({ ok: true });
  });

  test.skipIf(!HAS_OPENSSL)(
    'openssl s_client -tls1 fails against a TLS 1.2 policy (needs openssl)',
    async () => {
      const at = served(rig, listenerOf(rig, 'prod-web', 'HTTPS', 443).listenerId);
      const run = (args: string[]) =>
        new Promise<number>((resolve) => {
          const child = execFile(
            'openssl',
            ['s_client', '-connect', `${at.address}:${at.port}`, ...args],
            () => {},
          );
          child.on('exit', (code) => resolve(code ?? -1));
          child.stdin?.end('Q\n');
        });
      expect(await run(['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'])).not.toBe(0);
      expect(await run(['-tls1_2'])).toBe(0);
    },
  );
});

describe('HTTP/2 by ALPN', () => {
  test('h2 is offered only while Http2Enabled is on, and the change applies live', async () => {
    const listener = listenerOf(rig, 'data-platform-数据平台', 'HTTPS', 8443);
    expect(listener.http2Enabled).toBe(true);
    expect((await handshake(listener.listenerId, { ALPNProtocols: ['h2', 'http/1.1'] })).alpn).toBe('h2');
    const before = served(rig, listener.listenerId);
    // A real HTTP/2 request goes through to the handler.
    const client = http2.connect(`https://${before.serverName}:${before.port}`, {
      ca: [caPem],
      lookup: (_host, _options, done) => done(null, [{ address: before.address, family: 4 }]),
    } as http2.SecureClientSessionOptions);
    const body = await new Promise<string>((resolve, reject) => {
      const stream = client.request({ ':path': '/' });
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => resolve(text));
      stream.on('error', reject);
    });
    client.close();
    expect(JSON.parse(body)).toMatchObject({ listenerId: listener.listenerId, httpVersion: '2.0' });

    await rig.sdk.alb.updateListenerAttribute(
      new $Alb.UpdateListenerAttributeRequest({ listenerId: listener.listenerId, http2Enabled: false }),
    );
    await until(
      async () => (await handshake(listener.listenerId, { ALPNProtocols: ['h2', 'http/1.1'] })).alpn !== 'h2',
    );
    expect((await handshake(listener.listenerId, { ALPNProtocols: ['h2', 'http/1.1'] })).alpn).toBe(
      'http/1.1',
    );
    // Same port: an edit never rebinds.
    expect(served(rig, listener.listenerId).port).toBe(before.port);
  });
});

describe('certificates', () => {
  test('SNI picks an extra certificate; other names get the default one', async () => {
    const listener = listenerOf(rig, 'prod-web', 'HTTPS', 443);
    const pay = rig.state().certificates.find((c) => c.commonName === 'pay.example.cn')!;
    await rig.sdk.alb.associateAdditionalCertificatesWithListener(
      new $Alb.AssociateAdditionalCertificatesWithListenerRequest({
        listenerId: listener.listenerId,
        certificates: [
          new $Alb.AssociateAdditionalCertificatesWithListenerRequestCertificates({
            certificateId: pay.certificateId,
          }),
        ],
      }),
    );
    await until(
      async () =>
        (await handshake(listener.listenerId, { servername: 'notify.pay.example.cn' })).subjectCN ===
        'pay.example.cn',
    );
    expect(await handshake(listener.listenerId, { servername: 'notify.pay.example.cn' })).toMatchObject({
      ok: true,
      subjectCN: 'pay.example.cn',
    });
    expect(await handshake(listener.listenerId, { servername: 'www.example.com' })).toMatchObject({
      ok: true,
      subjectCN: '*.example.com',
    });
  });

  test('the expired demo certificate really is expired', async () => {
    const listener = listenerOf(rig, 'staging-api', 'HTTPS', 443); // old.example.net, ended 20 days ago
    const result = await handshake(listener.listenerId, { servername: 'old.example.net' });
    expect(result).toMatchObject({ ok: false, error: 'CERT_HAS_EXPIRED' });
  });

  test('the local CA is kept 0600 in a 0700 directory and reused across restarts', async () => {
    const dir = join(caDir, 'local-ca');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    const { LocalCa } = await import('../../../source/emulator/traffic/local-ca.js');
    expect((await LocalCa.open(dir)).certificatePem).toBe(caPem);
  });

  test.skipIf(!HAS_CURL)(
    'curl --cacert reaches a demo HTTPS listener by the line the data plane gives (needs curl)',
    async () => {
      const at = served(rig, listenerOf(rig, 'prod-web', 'HTTPS', 443).listenerId);
      const command = curlCommand(at, rig.dataPlane.caCertificatePath());
      const args = command.split(' ').slice(1);
      const output = await new Promise<string>((resolve, reject) =>
        execFile('curl', ['--silent', '--show-error', ...args], (error, stdout, stderr) =>
          error ? reject(new Error(`${command}: ${stderr}`)) : resolve(stdout),
        ),
      );
      expect(JSON.parse(output)).toMatchObject({
        listenerId: listenerOf(rig, 'prod-web', 'HTTPS', 443).listenerId,
      });
    },
  );

  test.skipIf(!HAS_CURL)(
    'the curl line of a mutual TLS listener carries a client certificate its CA signed (needs curl)',
    async () => {
      const listener = listenerOf(rig, 'prod-web', 'HTTPS', 8443);
      const at = served(rig, listener.listenerId);
      expect(at.clientCertificate?.certPath).toMatch(/local-ca\/clients\/client-\d+\.pem$/);
      const command = curlCommand(at, rig.dataPlane.caCertificatePath());
      const output = await new Promise<string>((resolve, reject) =>
        execFile(
          'curl',
          ['--silent', '--show-error', ...command.split(' ').slice(1)],
          (error, stdout, stderr) => (error ? reject(new Error(`${command}: ${stderr}`)) : resolve(stdout)),
        ),
      );
      expect(JSON.parse(output)).toMatchObject({
        listenerId: listener.listenerId,
        tls: { clientCertificate: { issuer: 'CN=Example Corp Internal Root CA', verified: true } },
      });
    },
  );
});

describe('mutual TLS', () => {
  test('refused without a client certificate; with one the handler learns its subject, issuer, fingerprint', async () => {
    const listener = listenerOf(rig, 'prod-web', 'HTTPS', 8443); // CaEnabled, the demo client CA
    expect(listener.caEnabled).toBe(true);
    expect((await handshake(listener.listenerId)).ok).toBe(false);

    const clientCa = rig.state().certificates.find((c) => c.isCa)!;
    const client = await (await rig.dataPlane.localCa()).clientCertificateFor(clientCa);
    const at = served(rig, listener.listenerId);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect(
        {
          host: at.address,
          port: at.port,
          servername: at.serverName,
          ca: [caPem],
          key: client.key,
          cert: client.cert,
        },
        () => socket.write('GET / HTTP/1.1\r\nHost: admin.example.com\r\nConnection: close\r\n\r\n'),
      );
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const body = JSON.parse(
      reply.slice(reply.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, ''),
    );
    expect(body.tls.clientCertificate).toMatchObject({
      subject: 'CN=alb-tui demo client,O=alb-tui',
      issuer: 'CN=Example Corp Internal Root CA',
      verified: true,
    });
    expect(body.tls.clientCertificate.fingerprint).toMatch(/^[0-9a-f]{40}$/);

    // A certificate from another CA is refused too.
    const stranger = await (
      await rig.dataPlane.localCa()
    ).materialFor(rig.state().certificates.find((c) => c.commonName === 'api.example.com')!);
    expect((await handshake(listener.listenerId, { key: stranger.key, cert: stranger.cert })).ok).toBe(false);
  });
});
