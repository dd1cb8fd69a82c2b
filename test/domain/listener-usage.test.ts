import { describe, expect, it } from 'vitest';
import {
  deleteListenerRefusal,
  listenersUsingQuicListener,
  quicUpgradeTarget,
} from '../../source/domain/listener-usage.js';

const listeners = [
  {
    listenerId: 'lsn-https',
    protocol: 'HTTPS',
    port: 443,
    name: 'web',
    quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-quic' },
  },
  {
    listenerId: 'lsn-off',
    protocol: 'HTTPS',
    port: 8443,
    name: '',
    quicConfig: { quicUpgradeEnabled: false, quicListenerId: 'lsn-quic' },
  },
  { listenerId: 'lsn-http', protocol: 'HTTP', port: 80, name: 'plain', quicConfig: {} },
  { listenerId: 'lsn-quic', protocol: 'QUIC', port: 443, name: 'web_quic', quicConfig: {} },
];
const mention = (l: (typeof listeners)[number]) => ({
  listenerId: l.listenerId,
  protocol: l.protocol,
  port: l.port,
  name: l.name,
});

describe('which listeners use a QUIC listener', () => {
  it('counts only listeners whose QUIC upgrade is on', () => {
    expect(quicUpgradeTarget({ quicUpgradeEnabled: true, quicListenerId: 'lsn-quic' })).toBe('lsn-quic');
    expect(quicUpgradeTarget({ quicUpgradeEnabled: false, quicListenerId: 'lsn-quic' })).toBeUndefined();
    expect(quicUpgradeTarget({ quicUpgradeEnabled: true })).toBeUndefined();
    expect(quicUpgradeTarget(undefined)).toBeUndefined();
    expect(listenersUsingQuicListener('lsn-quic', listeners).map((l) => l.listenerId)).toEqual(['lsn-https']);
    expect(listenersUsingQuicListener('lsn-other', listeners)).toEqual([]);
  });

  it('refuses deleting it as ResourceInUse.Listener (400), naming the users in both languages', () => {
    const quic = mention(listeners[3]!);
    const refusal = deleteListenerRefusal(quic, listeners, mention, true);
    expect(refusal).toMatchObject({ code: 'ResourceInUse.Listener', httpStatus: 400 });
    expect(refusal!.usedBy.map((l) => l.listenerId)).toEqual(['lsn-https']);
    expect(refusal!.message.en).toBe(
      'The specified resource lsn-quic is in use: HTTPS 443 “web” (lsn-https) upgrades to QUIC listener QUIC 443 “web_quic” (lsn-quic); turn its QUIC upgrade off first',
    );
    expect(refusal!.message['zh-CN']).toBe(
      '指定的资源 lsn-quic 正在使用中：HTTPS 443「web」（lsn-https）开启了QUIC升级并关联了QUIC监听 QUIC 443「web_quic」（lsn-quic），请先关闭其QUIC升级',
    );
    // Without `named`, the listener being deleted is the one the user is on.
    expect(deleteListenerRefusal(quic, listeners, mention)!.message.en).toMatch(
      /^Not deleted: .* to this QUIC listener;/,
    );
  });

  it('names every user, and lets anything that is not a used QUIC listener go', () => {
    const two = [...listeners, { ...listeners[0]!, listenerId: 'lsn-https-2', port: 444, name: '' }];
    const refusal = deleteListenerRefusal(mention(listeners[3]!), two, mention);
    expect(refusal!.message.en).toContain('(lsn-https), HTTPS 444 (lsn-https-2) upgrade to this');
    expect(refusal!.message.en).toContain('turn their QUIC upgrade off');
    expect(deleteListenerRefusal(mention(listeners[0]!), listeners, mention)).toBeUndefined();
    const unused = { listenerId: 'lsn-quic-2', protocol: 'QUIC', port: 4433 };
    expect(deleteListenerRefusal(unused, listeners, mention)).toBeUndefined();
  });
});
