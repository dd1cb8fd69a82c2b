// The listener detail says where the local ALB serves the listener (a URL and a curl line), on
// another port when its own could not be bound, or why it is not served, in both languages.
import { describe, expect, it } from 'vitest';
import type { ServedAddresses, ServedListener } from '../../source/domain/served-addresses.js';
import { detailLines, type ListenerDetail } from '../../source/ui/detail/listener-detail.js';
import { listener, NOW } from './fake-client.js';

function detail(protocol: 'HTTP' | 'HTTPS' | 'QUIC', port: number): ListenerDetail {
  return {
    listener: listener('lsn-1', 'alb-web', protocol, port, 'web'),
    certificates: { ok: true, value: [] },
    serverGroups: { ok: true, value: [] },
    servers: new Map(),
  };
}

const servedBy = (served: ServedListener): ServedAddresses => ({
  servedAt: (id) => (id === 'lsn-1' ? served : undefined),
  caCertificatePath: () => '/data/local-ca/ca.pem',
});

const fields = (lines: ReturnType<typeof detailLines>) =>
  lines.flatMap((line) => (line.kind === 'field' ? [`${line.label}: ${line.value}`] : []));

describe('where the listener is served', () => {
  it('an HTTPS listener moved to port + offset: its URL, why, and a curl line trusting the local CA', () => {
    const served = servedBy({
      kind: 'served',
      url: 'https://127.9.8.7:10443/',
      address: '127.9.8.7',
      port: 10_443,
      listenerPort: 443,
      serverName: 'www.example.com',
    });
    const shown = fields(detailLines(detail('HTTPS', 443), { lang: 'en', now: NOW, served }));
    expect(shown).toContain('Served at: https://127.9.8.7:10443/ (port 443 could not be bound)');
    expect(shown).toContain(
      'Try: curl --cacert /data/local-ca/ca.pem --resolve www.example.com:10443:127.9.8.7 https://www.example.com:10443/',
    );
    const zh = fields(detailLines(detail('HTTPS', 443), { lang: 'zh-CN', now: NOW, served }));
    expect(zh).toContain('本地访问地址: https://127.9.8.7:10443/ （端口 443 无法绑定，已改用此端口）');
  });

  it('a QUIC listener is said not served, plainly; a connection with no data plane says nothing', () => {
    const served = servedBy({ kind: 'not-served', reason: 'quic' });
    const shown = fields(detailLines(detail('QUIC', 443), { lang: 'en', now: NOW, served }));
    expect(shown).toContain('Served at: not served: QUIC is not available locally (Node.js has no QUIC)');
    expect(shown.some((line) => line.startsWith('Try:'))).toBe(false);
    const cloud = fields(detailLines(detail('HTTP', 80), { lang: 'en', now: NOW }));
    expect(cloud.some((line) => line.startsWith('Served at'))).toBe(false);
  });
});
