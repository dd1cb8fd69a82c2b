import { describe, expect, it } from 'vitest';
import { diffListener, listenerToDraft } from '../../source/domain/listener-diff.js';
import { listenerImpact } from '../../source/domain/listener-impact.js';
import { httpsListener } from './fixtures.js';

describe('listener diff', () => {
  it('is empty for the listener as it is: nothing to send', () => {
    const original = listenerToDraft(httpsListener());
    const diff = diffListener('lsn-https443', original, original);
    expect(diff.changes).toEqual([]);
    expect(diff.request).toEqual({ listenerId: 'lsn-https443' });
  });

  it('sends only the changed fields, old → new', () => {
    const original = listenerToDraft(httpsListener());
    const edited = {
      ...original,
      idleTimeout: '30',
      requestTimeout: '120',
      securityPolicyId: 'tls_cipher_policy_1_2',
    };
    const diff = diffListener('lsn-https443', original, edited);
    expect(diff.request).toEqual({
      listenerId: 'lsn-https443',
      idleTimeout: 30,
      requestTimeout: 120,
      securityPolicyId: 'tls_cipher_policy_1_2',
    });
    expect(diff.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['idleTimeout', 15, 30],
      ['requestTimeout', 60, 120],
      ['securityPolicyId', 'tls_cipher_policy_1_0', 'tls_cipher_policy_1_2'],
    ]);
  });

  it('never changes protocol or port, whatever the draft says', () => {
    const original = listenerToDraft(httpsListener());
    const diff = diffListener('lsn-https443', original, { ...original, port: '8443', protocol: 'HTTP' });
    expect(diff.changes).toEqual([]);
  });

  it('sends a header switch alone, the certificate, the server group and mutual TLS with its CA', () => {
    const original = listenerToDraft(httpsListener());
    const edited = {
      ...original,
      headers: { ...original.headers, slbId: true },
      certificateId: '1002-cn-hangzhou',
      serverGroupId: 'sgp-https',
      mutualTls: true,
      caCertificateId: '1004-cn-hangzhou',
    };
    const { request, changes } = diffListener('lsn-https443', original, edited);
    expect(request.XForwardedForConfig).toEqual({ XForwardedForSLBIdEnabled: true });
    expect(request.certificates).toEqual([{ certificateId: '1002-cn-hangzhou' }]);
    expect(request.defaultActions?.[0]?.forwardGroupConfig.serverGroupTuples).toEqual([
      { serverGroupId: 'sgp-https' },
    ]);
    expect(request.caEnabled).toBe(true);
    expect(request.caCertificates).toEqual([{ certificateId: '1004-cn-hangzhou' }]);
    expect(request.http2Enabled).toBeUndefined();
    expect(changes.map((c) => c.field)).toContain('serverGroupId');
  });

  it('turns QUIC upgrade on with its listener in one quicConfig', () => {
    const original = listenerToDraft(httpsListener());
    const edited = { ...original, quicUpgrade: true, quicListenerId: 'lsn-quic443' };
    expect(diffListener('lsn-https443', original, edited).request.quicConfig).toEqual({
      quicUpgradeEnabled: true,
      quicListenerId: 'lsn-quic443',
    });
  });
});

describe('impact before change', () => {
  const quic = { listenerId: 'lsn-q', protocol: 'QUIC', port: 443, name: 'q' };
  const upgrading = {
    listenerId: 'lsn-h',
    protocol: 'HTTPS',
    port: 443,
    name: 'web',
    quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-q' },
    certificateIds: ['1001-cn-hangzhou'],
  };
  const sharing = {
    listenerId: 'lsn-h2',
    protocol: 'HTTPS',
    port: 8443,
    name: '',
    certificateIds: ['1001-cn-hangzhou'],
  };

  it('names the HTTPS listeners that upgrade to a QUIC listener being stopped', () => {
    const said = listenerImpact(quic, [quic, upgrading], 'stop');
    expect(said).toHaveLength(1);
    expect(said[0]!.en).toContain('HTTPS 443 “web” upgrades to this QUIC listener');
    expect(said[0]!['zh-CN']).toContain('QUIC');
  });

  it('names the other listeners serving the same certificate, and the QUIC listener it upgrades to', () => {
    const said = listenerImpact(upgrading, [quic, upgrading, sharing], 'delete').map((s) => s.en);
    expect(said.some((s) => s.includes('QUIC listener QUIC 443 “q”'))).toBe(true);
    expect(said.some((s) => s.includes('1001-cn-hangzhou is also served by HTTPS 8443'))).toBe(true);
  });

  it('says nothing when nothing depends on it', () => {
    expect(listenerImpact(sharing, [sharing], 'stop')).toEqual([]);
  });
});
