import { describe, expect, it } from 'vitest';
import { detailLines, type ListenerDetail } from '../../source/ui/detail/listener-detail.js';
import { listener, NOW, sampleData } from './fake-client.js';

function detail(overrides: Partial<ListenerDetail> = {}): ListenerDetail {
  const data = sampleData();
  return {
    listener: listener('lsn-1', 'alb-web', 'HTTPS', 443, 'web_https_443', {
      XForwardedForConfig: {
        XForwardedForEnabled: true,
        XForwardedForSLBIdEnabled: true,
        XForwardedForClientCertSubjectDNEnabled: true,
        XForwardedForClientCertSubjectDNAlias: 'X-Client-DN',
        XForwardedForProcessingMode: 'append',
      },
      caEnabled: true,
      caCertificates: [{ certificateId: 'ca-9-cn-hangzhou', isDefault: true, status: 'Associated' }],
      tags: [{ key: 'env', value: 'prod' }],
    }),
    certificates: { ok: true, value: data.certificates },
    listenerCertificates: {
      ok: true,
      value: [
        {
          certificateId: '1001-cn-hangzhou',
          certificateType: 'Server',
          isDefault: true,
          status: 'Associated',
        },
        {
          certificateId: '2002-cn-hangzhou',
          certificateType: 'Server',
          isDefault: false,
          status: 'Associating',
        },
      ],
    },
    serverGroups: { ok: true, value: data.serverGroups },
    servers: new Map([['sgp-web', { ok: true as const, value: data.servers }]]),
    policy: { ok: true, value: data.policies[0] },
    ...overrides,
  };
}

const text = (lines: ReturnType<typeof detailLines>) =>
  lines
    .map((line) =>
      line.kind === 'field'
        ? `${line.label}: ${line.value}${line.note ? ` ${line.note}` : ''}`
        : line.kind === 'blank'
          ? ''
          : line.text,
    )
    .join('\n');

describe('listener detail', () => {
  it('shows every attribute, the certificates with expiry, the headers in plain words, the servers', () => {
    const shown = text(detailLines(detail(), { lang: 'en', now: NOW, instanceName: 'web-prod' }));
    for (const expected of [
      'Listener ID: lsn-1',
      'Instance: web-prod (alb-web)',
      'Listener port: 443',
      'Idle timeout: 15 s',
      'Request timeout: 60 s',
      'HTTP/2: on',
      'TLS security policy: tls_cipher_policy_1_2 TLSv1.2',
      'Mutual TLS: on',
      'default  1001-cn-hangzhou  example-wildcard (*.example.com)  expires 2026-08-01 (in 212 d)',
      'extra  2002-cn-hangzhou  Associating  not found in the certificate service',
      'CA  ca-9-cn-hangzhou',
      "X-Forwarded-For: on — carries the client's real IP address",
      'SLB-ID: on — carries the load balancer instance ID',
      'X-Client-DN (X-Forwarded-Clientcert-subjectdn): on',
      'X-Forwarded-Proto: off',
      'X-Forwarded-For mode: append',
      'Server group: web-frontend (sgp-web)',
      'Backend servers: 2',
      'i-one  10.0.0.1:80  weight 100  Available',
      'env = prod',
    ]) {
      expect(shown).toContain(expected);
    }
  });

  it('speaks the console’s Chinese', () => {
    const shown = text(detailLines(detail(), { lang: 'zh-CN', now: NOW }));
    for (const expected of [
      '监听端口: 443',
      '连接空闲超时时间: 15 秒',
      '连接请求超时时间: 60 秒',
      '附加HTTP头字段',
      '开启 — 传递来访者真实IP',
      '后端服务器：2 台',
      '还有 212 天',
      '加权轮询（Wrr）',
      '权重 100  可用',
      // Enumerated values in the console's words, not the API's.
      'X-Forwarded-For 处理方式: 追加',
      '服务器组类型: 服务器',
      'ECS  i-one',
      '扩展证书  2002-cn-hangzhou  关联中',
    ]) {
      expect(shown).toContain(expected);
    }
  });

  it('says what it could not read, and marks an expired certificate', () => {
    const failed = {
      ok: false as const,
      error: { kind: 'forbidden' as const, message: { en: 'not allowed', 'zh-CN': '没有权限' } },
    };
    const lines = detailLines(detail({ serverGroups: failed, servers: new Map([['sgp-web', failed]]) }), {
      lang: 'en',
      now: NOW + 400 * 86_400_000,
    });
    const shown = text(lines);
    expect(shown).toContain('Could not read Server group: not allowed');
    expect(shown).toContain('Could not read backend servers: not allowed');
    const expired = lines.find((line) => line.kind === 'text' && line.text.includes('EXPIRED'));
    expect(expired).toMatchObject({ tone: 'danger' });
  });

  it('sanitises what the API returns', () => {
    const shown = text(
      detailLines(detail({ listener: listener('lsn-1', 'alb', 'HTTP', 80, 'x\x1b[2Jy\x1b]52;c;aGk=\x07') }), {
        lang: 'en',
        now: NOW,
      }),
    );
    expect(shown).not.toContain('\x1b');
    expect(shown).toContain('Listener name: xy');
  });

  it('shows no certificate section for HTTP and only its own headers', () => {
    const shown = text(
      detailLines(detail({ listener: listener('lsn-2', 'alb', 'HTTP', 80, 'plain') }), {
        lang: 'en',
        now: NOW,
      }),
    );
    expect(shown).not.toContain('Certificates');
    expect(shown).not.toContain('Clientcert');
  });
});
