import { describe, expect, it } from 'vitest';
import type { TargetContext } from '../../source/domain/listener-rules.js';
import type { Certificate } from '../../source/domain/resources.js';
import { cellWidth } from '../../source/domain/text.js';
import { messages } from '../../source/domain/messages.js';
import { keyFromId } from '../../source/ui/keys.js';
import { pressAll } from '../../source/ui/wizard/wizard-keys.js';
import {
  PICKER_ROWS,
  lineText,
  renderWizard,
  renderWizardText,
  stepBar,
} from '../../source/ui/wizard/wizard-render.js';
import { initScreen, screenReducer, type WizardScreen } from '../../source/ui/wizard/wizard-screen.js';
import { focusedField } from '../../source/ui/wizard/wizard-state.js';
import { CERT_VALID, CUSTOM_POLICY, SG_HTTP, SG_OTHER_VPC, context } from '../domain/fixtures.js';

type Lang = 'en' | 'zh-CN';

function start(ctx: TargetContext = context(), extra: object = {}): WizardScreen {
  return initScreen({ loadBalancerId: 'alb-a', clientToken: 'token-1', context: ctx, ...extra });
}

function press(screen: WizardScreen, ...keys: string[]): WizardScreen {
  const presses = keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((c) => keyFromId(c)) : [keyFromId(key)],
  );
  return pressAll(screen, presses, screenReducer);
}

function text(screen: WizardScreen, lang: Lang = 'en', width = 100, height = 30): string[] {
  return renderWizardText(screen, { lang, width, height });
}

/** The screen's text with line breaks and indentation folded, for messages that wrap. */
function flat(lines: string[]): string {
  return lines.join(' ').replace(/\s+/g, ' ');
}

function focusOn(screen: WizardScreen, field: string): WizardScreen {
  let s = screen;
  for (let i = 0; i < 40 && focusedField(s.wizard)?.id !== field; i++) s = press(s, 'down');
  return s;
}

const toStep2 = (s: WizardScreen) => press(s, 'down', 'ctrl+u', 'type:8443', 'pagedown');

function toReview(): WizardScreen {
  let s = toStep2(start());
  s = press(s, 'enter', 'type:www', 'enter', 'pagedown');
  return press(s, 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter', 'enter');
}

describe('wizard pane layout', () => {
  it('draws the step bar with the current step bright, in both languages', () => {
    const s = start();
    expect(text(s)[1]).toContain('1 Listener › 2 Certificate › 3 Server group › 4 Review');
    expect(text(s, 'zh-CN')[1]).toContain('1 配置监听 › 2 配置SSL证书 › 3 选择服务器组 › 4 配置审核');
    const current = stepBar(toStep2(s), 'en').find((segment) => segment.text === '2 Certificate');
    expect(current).toMatchObject({ bold: true, tone: 'accent' });
    const other = stepBar(toStep2(s), 'en').find((segment) => segment.text === '1 Listener');
    expect(other?.bold).toBeUndefined();
  });

  it('marks the certificate step as not for HTTP', () => {
    expect(text(press(start(), 'right'))[1]).toContain('2 Certificate (not for HTTP)');
  });

  it('is exactly the given height and never wider than the terminal, Chinese included', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const screen of [start(), toStep2(start()), toReview(), focusOn(start(), 'header.proto')]) {
        const lines = text(screen, lang, 60, 20);
        expect(lines).toHaveLength(20);
        for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(60);
      }
    }
  });

  it('shows every step-1 field with its console label and its value, switches as [x]/[ ]', () => {
    const lines = text(start(), 'zh-CN', 100, 40).join('\n');
    for (const label of [
      '负载均衡协议',
      '监听端口',
      '监听名称',
      '启用HTTP 2.0',
      '连接空闲超时时间',
      '连接请求超时时间',
      'Gzip数据压缩',
      '附加HTTP头字段',
      '开启QUIC升级',
    ]) {
      expect(lines).toContain(label);
    }
    expect(lines).toMatch(/\[x\] X-Forwarded-For +来访者真实IP/);
    expect(lines).toMatch(/\[ \] SLB-ID +负载均衡实例的ID/);
    expect(lines).toContain('[HTTPS]');
    expect(lines).toContain('（默认 HTTPS_8443）');
  });

  it('puts the validation message right under the field, in the user’s language', () => {
    const s = press(start(), 'down', 'ctrl+u', 'type:0');
    for (const [lang, expected] of [
      ['en', 'Port must be a whole number from 1 to 65535'],
      ['zh-CN', '监听端口须为 1~65535 之间的整数'],
    ] as const) {
      const lines = text(s, lang);
      const port = lines.findIndex((l) => l.includes(lang === 'en' ? 'Listener port' : '监听端口'));
      expect(lines[port + 1]).toContain(expected);
    }
  });

  it('says the port is taken, with the listener that has it', () => {
    const s = press(start(), 'down', 'ctrl+u', 'type:443', 'pagedown');
    const lines = text(s, 'zh-CN');
    const port = lines.findIndex((l) => l.includes('监听端口'));
    expect(lines[port + 1]).toContain('端口 443 已被');
  });

  it('shows the mutual-TLS hint for client-certificate headers and the alias under its header', () => {
    const s = press(focusOn(start(), 'header.clientCertIssuerDN'), ' ');
    const lines = text(s, 'en', 110, 40);
    const header = lines.findIndex((l) => l.includes('[x] X-Forwarded-Clientcert-issuerdn'));
    expect(lines[header + 1]).toContain('only when mutual TLS is on');
    expect(lines[header + 2]).toContain('custom header name:');
    // Said once: the rule's warning under the header replaces the general note.
    expect(lines.join('\n').match(/mutual TLS/g)).toHaveLength(1);
    expect(text(start(), 'en', 110, 60).join('\n')).toContain(
      'The four Clientcert headers carry values only with mutual TLS',
    );
    const zh = text(s, 'zh-CN', 110, 40).join('\n');
    expect(zh.match(/双向认证/g)).toHaveLength(1);
  });

  it('puts the right article before a protocol in every message (an HTTPS, a QUIC)', () => {
    expect(messages.serverGroupProtocol('HTTPS', 'HTTP', ['HTTPS']).en).toMatch(/^An HTTPS server group/);
    expect(messages.serverGroupProtocol('GRPC', 'HTTP', ['HTTPS', 'QUIC']).en).toMatch(
      /^A GRPC server group/,
    );
    expect(messages.notAQuicListener('lsn-1', 'HTTP').en).toContain('is an HTTP listener');
    expect(messages.required('instance').en).toBe('Choose an instance');
    expect(messages.required('serverGroupId').en).toBe('Choose a server group');
  });

  it('keeps the focused field in view on a short terminal, saying what is above and below', () => {
    const s = focusOn(start(), 'quicUpgrade');
    const lines = text(s, 'en', 80, 16);
    expect(lines.join('\n')).toContain('› QUIC upgrade');
    expect(lines.some((l) => /↑ \d+ more/.test(l))).toBe(true);
    const top = text(start(), 'en', 80, 16);
    expect(top.some((l) => /↓ \d+ more/.test(l))).toBe(true);
  });
});

describe('pickers', () => {
  function manyCertificates(count: number): Certificate[] {
    return Array.from({ length: count }, (_, i) => ({
      ...CERT_VALID,
      certificateId: `${5000 + i}-cn-hangzhou`,
      casId: 5000 + i,
      commonName: `site${i}.example.com`,
      name: `site${i}`,
      sans: [`site${i}.example.com`],
    }));
  }

  it('renders only the rows that fit, and filters as the user types', () => {
    const s = press(toStep2(start({ ...context(), certificates: manyCertificates(500) })), 'enter');
    const lines = text(s, 'en', 100, 30);
    const rows = lines.filter((l) => /site\d+\.example\.com/.test(l));
    expect(rows.length).toBeLessThanOrEqual(PICKER_ROWS);
    expect(lines.join('\n')).toMatch(/↓ \d+ more/);
    expect(lines.join('\n')).toContain('500 of 500');
    const filtered = text(press(s, 'type:site42'), 'en', 100, 30).join('\n');
    expect(filtered).toContain('site42.example.com');
    expect(filtered).toContain('11 of 500');
  });

  it('shows common name, SANs, issuer and days to expiry; marks expiring, greys expired with the reason', () => {
    const withSans = { ...CERT_VALID, sans: ['www.example.com', 'api.example.com'] };
    const ctx = { ...context(), certificates: [withSans, ...context().certificates.slice(1)] };
    let s = press(toStep2(start(ctx)), 'enter');
    let lines = text(s, 'en', 140, 30).join('\n');
    expect(lines).toMatch(
      /www\.example\.com +expires in 200 d · 1001-cn-hangzhou · SAN api\.example\.com · Let's Encrypt R11/,
    );
    expect(lines).toMatch(/! soon\.example\.com/);
    expect(lines).toMatch(/✗ old\.example\.com/);
    s = press(s, 'down');
    expect(text(s, 'en', 120, 30).join('\n')).toContain('! expires in 12 days');
    s = press(s, 'down');
    lines = text(s, 'zh-CN', 120, 30).join('\n');
    expect(lines).toContain('不可选择：已过期');
    expect(lines).not.toContain('不可选择：已过期，不可选择');
  });

  it('greys custom TLS policies on a Basic instance, with the reason', () => {
    const s = press(toStep2(start(context({ edition: 'Basic' }))), 'down', ' ', 'end');
    const lines = flat(text(s, 'en', 120, 30));
    expect(lines).toContain(`✗ ${CUSTOM_POLICY.securityPolicyName}`);
    expect(lines).toMatch(/cannot be chosen: .*Basic/);
  });

  it('lists policies with TLS versions and cipher count, and the suites on demand', () => {
    const s = press(toStep2(start()), 'down', ' ', 'down', 'down', 'right');
    const lines = text(s, 'en', 120, 40).join('\n');
    expect(lines).toMatch(/tls_cipher_policy_1_2 +system · TLSv1\.2 · \d+ cipher suites/);
    expect(lines).toMatch(/Cipher suites of tls_cipher_policy_1_2 \(\d+\):/);
    expect(lines).toContain('ECDHE-RSA-AES128-GCM-SHA256');
  });

  it('shows the servers of the highlighted server group: address, port, weight, status', () => {
    let s = press(toStep2(start()), 'enter', 'type:www', 'enter', 'pagedown', 'enter');
    expect(text(s).join('\n')).toContain('Listing the servers');
    s = screenReducer(s, {
      type: 'servers-loaded',
      serverGroupId: 'sgp-http',
      servers: [
        {
          serverGroupId: 'sgp-http',
          serverId: 'i-web1',
          serverIp: '10.0.0.11',
          serverType: 'Ecs',
          port: 8080,
          weight: 100,
          status: 'Available',
        },
        {
          serverGroupId: 'sgp-http',
          serverId: '10.0.0.12',
          serverIp: '10.0.0.12',
          serverType: 'Ip',
          port: 80,
          weight: 5,
          status: 'Adding',
        },
      ],
    });
    const lines = text(s, 'en', 100, 30);
    expect(lines.join('\n')).toContain('Backend servers of sgp-http');
    expect(lines.some((l) => /i-web1 \(10\.0\.0\.11\) +8080 +100 +Available/.test(l))).toBe(true);
    expect(lines.some((l) => /10\.0\.0\.12 +80 +5 +Adding/.test(l))).toBe(true);
    expect(lines.join('\n')).toMatch(/✗ sgp-far .*vpc-b/);
  });
});

describe('prerequisites in plain words', () => {
  it('says there is no server certificate, and what to do', () => {
    const s = toStep2(start({ ...context(), certificates: [] }));
    const lines = flat(text(s, 'en', 100, 30));
    expect(lines).toContain('No server certificate in this region');
    expect(lines).toContain('Certificate Management Service');
    expect(text(s, 'zh-CN', 100, 30).join(' ')).toContain('本地域没有服务器证书');
  });

  it('says no server group in the VPC serves the protocol', () => {
    const ctx = { ...context(), serverGroups: [SG_OTHER_VPC] };
    const s = press(toStep2(start(ctx)), 'enter', 'type:www', 'enter', 'pagedown');
    expect(s.wizard.step).toBe('serverGroup');
    const lines = text(s, 'en', 120, 30).join(' ');
    expect(lines).toContain('No server group in vpc-a can serve HTTPS listeners');
  });

  it('says why no QUIC listener can be associated', () => {
    const ctx = context();
    ctx.listeners = ctx.listeners.filter((l) => l.listenerId !== 'lsn-quic8443');
    const s = press(focusOn(start(ctx), 'quicUpgrade'), ' ');
    expect(text(s, 'en', 120, 30).join(' ')).toContain('This instance has no free QUIC listener');
  });

  it('says when the instance is not Active', () => {
    const lines = text(start(context({ status: 'Provisioning' })));
    expect(lines.at(-2)).toContain('Instance alb-a is Provisioning');
  });
});

describe('review', () => {
  it('shows every value with its defaults, grouped by step, and the precheck running', () => {
    const lines = text(toReview(), 'en', 110, 36).join('\n');
    expect(lines).toMatch(/1 Listener +press 1 to edit/);
    expect(lines).toContain('Listener name HTTPS_8443 (default)');
    expect(lines).toContain('Idle timeout 15 s (default)');
    expect(lines).toContain('Request timeout 60 s (default)');
    expect(lines).toContain('X-Forwarded-For on');
    expect(lines).toContain('SLB-ID off');
    expect(lines).toContain('TLS security policy tls_cipher_policy_1_0 (default)');
    expect(lines).toContain('Server group sgp-http');
    expect(lines).toContain('Precheck: asking the service');
    expect(lines).toContain('› Submit');
  });

  it('shows the precheck verdict and where a failure belongs', () => {
    let s = toReview();
    const version = s.wizard.version;
    s = screenReducer(s, {
      type: 'wizard',
      action: {
        type: 'precheck-finished',
        version,
        result: {
          ok: false,
          code: 'ResourceAlreadyExist.Listener',
          message: { en: 'Port 8443 is used', 'zh-CN': '端口 8443 已被使用' },
        },
      },
    });
    expect(text(s, 'zh-CN').join('\n')).toContain('预检未通过：端口 8443 已被使用 （见步骤1：监听端口）');
    s = screenReducer(toReview(), {
      type: 'wizard',
      action: { type: 'precheck-finished', version, result: { ok: true } },
    });
    expect(text(s).join('\n')).toContain('✓ Precheck passed');
  });

  it('follows the submission: ClientToken, then the status until Running', () => {
    let s = press(toReview(), 'ctrl+s');
    expect(text(s).join('\n')).toContain('Creating the listener… (ClientToken token-1)');
    s = screenReducer(s, { type: 'wizard', action: { type: 'submit-accepted', listenerId: 'lsn-9' } });
    expect(text(s).join('\n')).toContain('Listener lsn-9 is Provisioning: waiting until it is Running');
    s = screenReducer(s, { type: 'wizard', action: { type: 'listener-status', status: 'Running' } });
    expect(s.leaving).toEqual({ created: 'lsn-9' });
    expect(s.effects.at(-1)?.effect).toEqual({ kind: 'leave', created: 'lsn-9' });
  });

  it('offers the saved drafts before anything else, one line each', () => {
    const s = start(context(), {
      offers: [
        {
          draftId: 'd-1',
          draft: { ...toReview().wizard.draft, quicUpgrade: true },
          step: 'review',
          clientToken: 'x',
          savedAt: '2026-11-24T09:30:00.000Z',
        },
        {
          draftId: 'd-2',
          draft: { ...toReview().wizard.draft, protocol: 'QUIC', port: '9443' },
          step: 'listener',
          clientToken: 'y',
          savedAt: '2026-11-24T09:20:00.000Z',
        },
      ],
    });
    const lines = text(s);
    expect(lines.join('\n')).toContain('Drafts saved for this instance (2)');
    expect(lines.find((l) => l.includes('HTTPS 8443'))).toMatch(
      /› HTTPS 8443 · 1001-cn-hangzhou · sgp-http +saved 2026-11-24 09:30 · at step 4 Review/,
    );
    expect(lines.find((l) => l.includes('QUIC 9443'))).toContain(
      'saved 2026-11-24 09:20 · at step 1 Listener',
    );
    expect(flat(text(s, 'zh-CN'))).toContain('该实例保存有草稿（2 份）');
    expect(flat(text(s, 'zh-CN'))).toContain('d 丢弃此草稿');
  });
});

describe('text from the API', () => {
  it('never reaches the terminal as control sequences', () => {
    const evil = { ...SG_HTTP, serverGroupName: 'evil\u001b]52;c;AAAA\u0007\u001b[2Jname' };
    const s = press(
      toStep2(start({ ...context(), serverGroups: [evil] })),
      'enter',
      'type:www',
      'enter',
      'pagedown',
      'enter',
    );
    const painted = renderWizard(s, { lang: 'en', width: 100, height: 30 }).map(lineText).join('\n');
    expect(painted).toContain('evilname');
    expect(painted).not.toMatch(/\u001b/);
  });
});

describe('the default listener name', () => {
  it('follows a valid port and is not made from one the rules refuse', () => {
    const withPort = (port: string) => {
      const screen = start();
      const draft = { ...screen.wizard.draft, port };
      return renderWizardText(
        { ...screen, wizard: { ...screen.wizard, draft } },
        { lang: 'en', width: 100, height: 30 },
      ).join('\n');
    };
    expect(withPort('8443')).toContain('(default HTTPS_8443)');
    for (const bad of ['1e3', '-1', '+5', '65536', '0']) expect(withPort(bad)).toContain('(default HTTPS_…)');
  });
});

describe('the review names a custom TLS policy', () => {
  it('by its name, with its ID beside it', () => {
    const s = toReview();
    const draft = { ...s.wizard.draft, securityPolicyId: CUSTOM_POLICY.securityPolicyId };
    const lines = flat(text({ ...s, wizard: { ...s.wizard, draft } }, 'en', 120, 40));
    expect(lines).toMatch(
      new RegExp(`${CUSTOM_POLICY.securityPolicyName} +${CUSTOM_POLICY.securityPolicyId}`),
    );
  });
});

describe('a long text field', () => {
  it('keeps the caret and what is typed around it in view, the hidden side cut with …', () => {
    const long = `${'a'.repeat(120)}END`;
    let s = focusOn(toStep2(start()), 'name');
    s = { ...s, wizard: { ...s.wizard, step: 'listener', draft: { ...s.wizard.draft, name: long } } };
    s = focusOn(s, 'name');
    const atEnd = flat(text(s, 'en', 100, 30));
    expect(atEnd).toContain('aEND');
    expect(atEnd).toMatch(/…a+END/);
    const atStart = flat(text({ ...s, caret: 0 }, 'en', 100, 30));
    expect(atStart).not.toContain('END');
    expect(atStart).toMatch(/a+…/);
    for (const line of text(s, 'en', 100, 30)) expect(cellWidth(line)).toBeLessThanOrEqual(100);
  });
});

describe('the default port', () => {
  it('starts on the first free usual port, said as a default with the ones passed over', () => {
    const s = start();
    expect(s.wizard.draft.port).toBe('8443');
    const lines = text(s);
    const port = lines.findIndex((l) => l.includes('Listener port'));
    expect(lines[port]).toContain('8443');
    expect(lines[port]).toContain('(default: the first free usual port; 443 in use)');
    expect(lines[port + 1]).not.toContain('✗');
    expect(lines.join('\n')).not.toContain('is already used');
    const zh = text(s, 'zh-CN');
    expect(zh.find((l) => l.includes('监听端口'))).toContain('（默认：第一个空闲的常用端口；443 已被占用）');
  });

  it('follows the protocol (HTTP 8080 beside HTTP 80; QUIC in its own UDP space) until the user types a port', () => {
    const http = press(start(), 'right');
    expect(http.wizard.draft.protocol).toBe('HTTP');
    expect(http.wizard.draft.port).toBe('8080');
    const quic = press(http, 'right');
    expect(quic.wizard.draft.protocol).toBe('QUIC');
    // QUIC 443 and QUIC 8443 exist on alb-a; HTTPS 443 does not count (TCP).
    expect(quic.wizard.draft.port).toBe('9443');
    const typed = press(start(), 'down', 'ctrl+u', 'type:7000', 'up', 'right');
    expect(typed.wizard.draft.port).toBe('7000');
    expect(text(typed).find((l) => l.includes('Listener port'))).not.toContain('default');
  });

  it('is the most usual port on an instance without listeners, and moves once the listeners are loaded', () => {
    const empty = { ...context(), listeners: [] };
    expect(start(empty).wizard.draft.port).toBe('443');
    expect(text(start(empty)).find((l) => l.includes('Listener port'))).toContain('(default)');
    const loading = initScreen({ loadBalancerId: 'alb-a', clientToken: 't' });
    expect(loading.wizard.draft.port).toBe('443');
    const loaded = screenReducer(loading, { type: 'target-loaded', context: context() });
    expect(loaded.wizard.draft.port).toBe('8443');
    expect(loaded.persist).toBe(false);
  });
});

describe('the deliberate submit', () => {
  it('names the submit key on the review and asks for the instance on production, in both languages', () => {
    const review = toReview();
    expect(text(review).join('\n')).toContain('Submit (^S)');
    expect(text(review).at(-1)).toContain('^S submit');
    expect(text(review, 'zh-CN').at(-1)).toContain('^S 提交');
    const asked = press({ ...review, production: true, instanceName: 'web-prod' }, 'ctrl+s');
    const zh = flat(text(asked, 'zh-CN'));
    expect(zh).toContain('生产环境连接。要在 web-prod 上创建 HTTPS 8443，请输入实例名称或实例ID（alb-a）');
    expect(text(asked, 'zh-CN').at(-1)).toContain('⏎ 创建监听 · Esc 取消');
    const wrong = press(asked, 'type:x', 'enter');
    expect(flat(text(wrong, 'zh-CN'))).toContain(
      '输入的不是实例名称（web-prod）或实例ID（alb-a）：未发送任何请求。',
    );
  });
});

describe('a certificate’s facts whole', () => {
  const sans = Array.from({ length: 14 }, (_, i) => `host-${i + 1}.very-long-subdomain.example.com`);
  const wide: Certificate = {
    ...CERT_VALID,
    sans: [CERT_VALID.commonName, ...sans],
    issuer:
      'CN=Example Extended Validation Intermediate Certification Authority G9, O=Example Trust Services Limited, C=GB',
  };
  const ctx = (): TargetContext => ({ ...context(), certificates: [wide] });

  it('shows every SAN and the whole issuer with →, wrapped, and hides them with ←', () => {
    let s = press(start(ctx()), 'down', 'ctrl+u', 'type:8443', 'pagedown', ' ');
    expect(s.wizard.picker?.field).toBe('certificateId');
    const before = flat(text(s, 'en', 120, 40));
    expect(before).not.toContain(sans[13]);
    expect(text(s, 'en', 120, 40).at(-1)).toContain('→ all its facts');
    s = press(s, 'right');
    const lines = text(s, 'en', 120, 40);
    const shown = flat(lines);
    for (const san of sans) expect(shown).toContain(san);
    expect(shown).toContain('O=Example Trust Services Limited, C=GB');
    expect(lines.every((l) => cellWidth(l) <= 120)).toBe(true);
    expect(flat(text(s, 'zh-CN', 120, 40))).toContain('颁发者');
    expect(flat(text(press(s, 'left'), 'en', 120, 40))).not.toContain(sans[13]);
    // Chosen, the field itself shows them with → too.
    s = press(s, 'enter', 'up', 'down', 'right');
    expect(flat(text(s, 'en', 120, 40))).toContain(sans[13]);
  });
});
