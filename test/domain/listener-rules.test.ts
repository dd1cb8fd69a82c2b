import { describe, expect, it } from 'vitest';
import {
  newDraft,
  draftToRequest,
  switchProtocol,
  requestToDraft,
  type ListenerDraft,
} from '../../source/domain/listener-draft.js';
import {
  blocking,
  certificateState,
  checkCreateListener,
  createListenerRequestSchemas,
  eligibleQuicListeners,
  requestToWire,
  stepSchemas,
  validateDraft,
  validateRequest,
  validateStep,
  type RuleViolation,
} from '../../source/domain/listener-rules.js';
import { HEADERS, stepsFor, type FieldId } from '../../source/domain/fields.js';
import type { ListenerProtocol } from '../../source/domain/resources.js';
import {
  CERT_CA,
  CERT_EXPIRED,
  CERT_EXPIRING,
  CERT_VALID,
  CUSTOM_POLICY,
  NOW,
  SG_GRPC,
  SG_HTTP,
  SG_HTTPS,
  SG_OTHER_VPC,
  context,
} from './fixtures.js';

/** A complete, valid HTTPS draft on alb-a at a free port. */
function httpsDraft(changes: Partial<ListenerDraft> = {}): ListenerDraft {
  return {
    ...newDraft('HTTPS'),
    port: '8443',
    certificateId: CERT_VALID.certificateId,
    serverGroupId: SG_HTTP.serverGroupId,
    ...changes,
  };
}

function draftFor(protocol: ListenerProtocol, changes: Partial<ListenerDraft> = {}): ListenerDraft {
  const base = switchProtocol(httpsDraft(), protocol);
  return { ...base, port: protocol === 'HTTP' ? '8080' : '9443', ...changes };
}

function errorsOf(draft: ListenerDraft, withContext = true): RuleViolation[] {
  return blocking(validateDraft(draft, withContext ? context() : undefined));
}

function fieldErrors(draft: ListenerDraft, field: FieldId, withContext = true): RuleViolation[] {
  return errorsOf(draft, withContext).filter((v) => v.field === field);
}

describe('port', () => {
  it.each([
    ['1', true],
    ['65535', true],
    [' 443 ', true],
    ['0', false],
    ['65536', false],
    ['', false],
    ['4.5', false],
    ['-1', false],
    ['+1', false],
    ['1e3', false],
    ['abc', false],
    ['0x50', false],
    ['４４３', false],
    ['99999999999999999999', false],
  ])('%j accepted: %s', (port, ok) => {
    const errors = fieldErrors(httpsDraft({ port }), 'port', false);
    expect(errors.length === 0).toBe(ok);
    if (!ok) {
      expect(errors[0]!.message.en).toMatch(/1 to 65535|required/);
      expect(errors[0]!.message['zh-CN']).toMatch(/监听端口/);
    }
  });

  it('maps " 443 " to the number 443', () => {
    expect(draftToRequest(httpsDraft({ port: ' 443 ' }), 'alb-a').listenerPort).toBe(443);
  });

  it('says an empty port is required, in both languages', () => {
    const [error] = fieldErrors(httpsDraft({ port: '' }), 'port', false);
    expect(error!.code).toBe('MissingParameter');
    expect(error!.message.en).toBe('Listener port is required');
    expect(error!.message['zh-CN']).toBe('请填写监听端口');
  });
});

describe('port uniqueness', () => {
  it('refuses HTTP on a port HTTPS already uses, and names the listener', () => {
    const [error] = fieldErrors(draftFor('HTTP', { port: '443' }), 'port');
    expect(error!.code).toBe('ResourceAlreadyExist.Listener');
    expect(error!.message.en).toContain('HTTPS_443');
    expect(error!.message['zh-CN']).toContain('端口 443 已被 HTTPS 监听 HTTPS_443');
  });

  it('refuses HTTPS on a port HTTP already uses', () => {
    expect(fieldErrors(httpsDraft({ port: '80' }), 'port')[0]!.code).toBe('ResourceAlreadyExist.Listener');
  });

  it('allows QUIC 80 beside HTTP 80 and QUIC beside HTTPS 443 on another free UDP port', () => {
    expect(fieldErrors(draftFor('QUIC', { port: '80' }), 'port')).toEqual([]);
  });

  it('refuses QUIC on a port another QUIC listener uses', () => {
    expect(fieldErrors(draftFor('QUIC', { port: '443' }), 'port')[0]!.code).toBe(
      'ResourceAlreadyExist.Listener',
    );
  });

  it('ignores listeners of other instances', () => {
    const ctx = context();
    ctx.listeners = ctx.listeners.filter((l) => l.loadBalancerId !== 'alb-a' || l.protocol !== 'QUIC');
    const errors = blocking(validateDraft(draftFor('QUIC', { port: '443' }), ctx)).filter(
      (v) => v.field === 'port',
    );
    expect(errors).toEqual([]);
  });

  it('catches a taken port on step 1 even while later steps are still empty', () => {
    const draft = { ...newDraft('HTTPS'), port: '80' };
    expect(validateStep('listener', draft, context()).map((v) => v.code)).toContain(
      'ResourceAlreadyExist.Listener',
    );
  });
});

describe('listener name', () => {
  const cases: [string, string, boolean][] = [
    ['1 character', 'a', false],
    ['2 characters', 'ab', true],
    ['256 characters', 'a'.repeat(256), true],
    ['257 characters', 'a'.repeat(257), false],
    ['Chinese', '支付网关', true],
    ['one Chinese character', '支', false],
    ['allowed punctuation', 'a_b.c,d;e/f@g-h', true],
    ['a space', 'web prod', false],
    ['an exclamation mark', 'web!', false],
    ['Latin-1 letter é (U+00E9)', 'café', false],
    ['a tab', 'a\tb', false],
    ['an escape sequence', 'a\x1b[2Jb', false],
    ['two emoji', '🚀🚀', true],
    ['256 emoji', '🚀'.repeat(256), true],
    ['257 emoji', '🚀'.repeat(257), false],
  ];
  it.each(cases)('%s: accepted %s', (_label, name, ok) => {
    expect(fieldErrors(httpsDraft({ name }), 'name', false).length === 0).toBe(ok);
  });

  it('says how long the name is now, counting an emoji as one character', () => {
    const [error] = fieldErrors(httpsDraft({ name: '🚀' }), 'name', false);
    expect(error!.message.en).toContain('(now 1)');
    expect(error!.message['zh-CN']).toContain('当前 1 个');
  });

  it('names the character that is not allowed, without printing control characters raw', () => {
    const [error] = fieldErrors(httpsDraft({ name: 'a\x1bb' }), 'name', false);
    expect(error!.message.en).toContain('U+001B');
    expect(error!.message.en).not.toContain('\x1b');
    expect(fieldErrors(httpsDraft({ name: 'web prod' }), 'name', false)[0]!.message['zh-CN']).toContain(
      '空格',
    );
  });

  it('defaults an empty name to PROTOCOL_port', () => {
    expect(draftToRequest(httpsDraft({ name: '' }), 'alb-a').listenerDescription).toBe('HTTPS_8443');
    expect(draftToRequest(draftFor('HTTP', { name: '' }), 'alb-a').listenerDescription).toBe('HTTP_8080');
  });
});

describe('timeouts', () => {
  it.each([
    ['idleTimeout', '0', false],
    ['idleTimeout', '1', true],
    ['idleTimeout', '60', true],
    ['idleTimeout', '61', false],
    ['idleTimeout', '1.5', false],
    ['requestTimeout', '0', false],
    ['requestTimeout', '1', true],
    ['requestTimeout', '180', true],
    ['requestTimeout', '181', false],
    ['requestTimeout', '-5', false],
  ] as const)('%s %j accepted: %s', (field, value, ok) => {
    const errors = fieldErrors(httpsDraft({ [field]: value }), field, false);
    expect(errors.length === 0).toBe(ok);
    if (!ok)
      expect(errors[0]!.message['zh-CN']).toMatch(
        field === 'idleTimeout' ? /连接空闲超时时间/ : /连接请求超时时间/,
      );
  });

  it('fills the defaults (15 s idle, 60 s request) when left blank', () => {
    const request = draftToRequest(httpsDraft({ idleTimeout: '', requestTimeout: ' ' }), 'alb-a');
    expect(request.idleTimeout).toBe(15);
    expect(request.requestTimeout).toBe(60);
  });

  it('refuses out-of-range timeouts on the wire', () => {
    const wire = requestToWire(draftToRequest(httpsDraft(), 'alb-a'));
    for (const [key, value] of [
      ['IdleTimeout', '61'],
      ['IdleTimeout', '0'],
      ['RequestTimeout', '181'],
      ['RequestTimeout', 'x'],
    ]) {
      const result = checkCreateListener({ ...wire, [key!]: value! }, () => context());
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect([result.violation.code, result.violation.parameter]).toEqual(['InvalidParameter', key]);
    }
  });
});

describe('extra HTTP headers per protocol', () => {
  for (const protocol of ['HTTP', 'HTTPS', 'QUIC'] as const) {
    for (const header of HEADERS) {
      const applies = header.protocols.includes(protocol);
      it(`${header.header} ${applies ? 'is accepted' : 'is refused'} for ${protocol}`, () => {
        const request = draftToRequest(draftFor(protocol), 'alb-a');
        expect(header.apiField in (request.XForwardedForConfig ?? {})).toBe(applies);
        const withHeader = {
          ...request,
          XForwardedForConfig: { ...request.XForwardedForConfig, [header.apiField]: true },
        };
        const result = validateRequest(withHeader);
        expect(result.ok).toBe(applies);
        if (!result.ok) {
          expect(result.violations[0]!.code).toBe('InvalidParameter');
          expect(result.violations[0]!.message.en).toContain(`does not apply to ${protocol}`);
        }
      });
    }
  }

  it('defaults X-Forwarded-For on and the rest off', () => {
    const xff = draftToRequest(httpsDraft(), 'alb-a').XForwardedForConfig!;
    expect(xff.XForwardedForEnabled).toBe(true);
    expect(
      Object.entries(xff)
        .filter(([, on]) => on === true)
        .map(([k]) => k),
    ).toEqual(['XForwardedForEnabled']);
  });

  it('accepts client-certificate header aliases of 1–40 of a–z 0–9 - _ only', () => {
    const on = { ...newDraft().headers, clientCertSubjectDN: true };
    const aliases = (alias: string) => ({ ...newDraft().headerAliases, clientCertSubjectDN: alias });
    for (const [alias, ok] of [
      ['x', true],
      ['x-client_dn-1', true],
      ['a'.repeat(40), true],
      ['a'.repeat(41), false],
      ['X-Upper', false],
      ['has space', false],
    ] as const) {
      const draft = httpsDraft({
        headers: on,
        headerAliases: aliases(alias),
        mutualTls: true,
        caCertificateId: CERT_CA.certificateId,
      });
      expect(fieldErrors(draft, 'alias.clientCertSubjectDN').length === 0).toBe(ok);
      if (ok) {
        expect(
          draftToRequest(draft, 'alb-a').XForwardedForConfig!.XForwardedForClientCertSubjectDNAlias,
        ).toBe(alias);
      }
    }
  });

  it('names the character a header alias may not have, a space and upper case included', () => {
    const on = { ...newDraft().headers, clientCertSubjectDN: true };
    const message = (alias: string) =>
      validateDraft(
        httpsDraft({
          headers: on,
          headerAliases: { ...newDraft().headerAliases, clientCertSubjectDN: alias },
          mutualTls: true,
          caCertificateId: CERT_CA.certificateId,
        }),
        context(),
      ).find((v) => v.field === 'alias.clientCertSubjectDN')?.message;
    expect(message(' ')?.en).toContain('(space is not allowed)');
    expect(message(' ')?.['zh-CN']).toContain('（不允许 空格）');
    expect(message('X-dn')?.en).toContain('use lower case');
    expect(message('a'.repeat(41))?.en).not.toContain('not allowed');
  });

  it('hints (without blocking) that client-certificate headers need mutual TLS', () => {
    const draft = httpsDraft({ headers: { ...newDraft().headers, clientCertFingerprint: true } });
    const all = validateDraft(draft, context());
    const hint = all.find((v) => v.field === 'header.clientCertFingerprint');
    expect(hint?.severity).toBe('warning');
    expect(hint?.message['zh-CN']).toContain('双向认证');
    expect(blocking(all)).toEqual([]);
  });
});

describe('QUIC upgrade', () => {
  const upgrade = (quicListenerId: string) => httpsDraft({ quicUpgrade: true, quicListenerId });

  it('accepts a free QUIC listener on the same instance', () => {
    expect(errorsOf(upgrade('lsn-quic8443'))).toEqual([]);
    expect(draftToRequest(upgrade('lsn-quic8443'), 'alb-a').quicConfig).toEqual({
      quicUpgradeEnabled: true,
      quicListenerId: 'lsn-quic8443',
    });
  });

  it('requires the QUIC listener when the upgrade is on', () => {
    const [error] = fieldErrors(upgrade(''), 'quicListenerId');
    expect(error!.code).toBe('MissingParameter');
    expect(error!.message['zh-CN']).toContain('关联的QUIC监听');
  });

  it('refuses a QUIC listener of another instance', () => {
    expect(fieldErrors(upgrade('lsn-quic-b'), 'quicListenerId')[0]!.code).toBe(
      'OperationDenied.CrossLoadBalancerQUICListener',
    );
  });

  it('refuses a QUIC listener another listener has associated already', () => {
    const [error] = fieldErrors(upgrade('lsn-quic443'), 'quicListenerId');
    expect(error!.code).toBe('ResourceAlreadyAssociated.Listener');
    expect(error!.message.en).toContain('lsn-https443');
  });

  it('refuses a listener that is not QUIC, and one that does not exist', () => {
    expect(fieldErrors(upgrade('lsn-http80'), 'quicListenerId')[0]!.code).toBe('InvalidParameter');
    expect(fieldErrors(upgrade('lsn-nope'), 'quicListenerId')[0]!.code).toBe('ResourceNotFound.Listener');
  });

  it('offers only eligible QUIC listeners', () => {
    expect(eligibleQuicListeners(context()).map((l) => l.listenerId)).toEqual(['lsn-quic8443']);
  });

  it('is not accepted for HTTP or QUIC listeners', () => {
    for (const protocol of ['HTTP', 'QUIC'] as const) {
      const request = {
        ...draftToRequest(draftFor(protocol), 'alb-a'),
        quicConfig: { quicUpgradeEnabled: false },
      };
      const result = validateRequest(request);
      expect(result.ok).toBe(false);
    }
  });
});

describe('certificates', () => {
  it('classifies expiry by days left', () => {
    expect(certificateState(CERT_VALID, NOW).kind).toBe('valid');
    expect(certificateState(CERT_EXPIRING, NOW)).toEqual({ kind: 'expiring', daysLeft: 12 });
    expect(certificateState(CERT_EXPIRED, NOW).kind).toBe('expired');
    expect(certificateState({ endDate: new Date(NOW + 30 * 86_400_000).toISOString() }, NOW).kind).toBe(
      'valid',
    );
    expect(certificateState({ endDate: new Date(NOW + 29 * 86_400_000).toISOString() }, NOW).kind).toBe(
      'expiring',
    );
    expect(certificateState({ endDate: 'not a date' }, NOW).kind).toBe('expired');
  });

  it('refuses an expired certificate, with its date', () => {
    const [error] = fieldErrors(httpsDraft({ certificateId: CERT_EXPIRED.certificateId }), 'certificateId');
    expect(error!.message.en).toContain('expired on');
    expect(error!.message['zh-CN']).toContain('已于');
  });

  it('marks a soon-expiring certificate without blocking', () => {
    const all = validateDraft(httpsDraft({ certificateId: CERT_EXPIRING.certificateId }), context());
    expect(blocking(all)).toEqual([]);
    expect(all.find((v) => v.field === 'certificateId')).toMatchObject({ severity: 'warning' });
    expect(all.find((v) => v.field === 'certificateId')!.message.en).toContain('expires in 12 days');
  });

  it('requires a certificate for HTTPS and QUIC, not for HTTP', () => {
    expect(fieldErrors(httpsDraft({ certificateId: '' }), 'certificateId')[0]!.message.en).toBe(
      'Choose a server certificate',
    );
    expect(fieldErrors(draftFor('QUIC', { certificateId: '' }), 'certificateId')).toHaveLength(1);
    expect(draftToRequest(draftFor('HTTP'), 'alb-a').certificates).toBeUndefined();
  });

  it('refuses an unknown certificate', () => {
    expect(fieldErrors(httpsDraft({ certificateId: '999-cn-hangzhou' }), 'certificateId')[0]!.code).toBe(
      'ResourceNotFound.Certificate',
    );
  });

  it('requires exactly one CA certificate for mutual TLS, and it must be a CA', () => {
    expect(fieldErrors(httpsDraft({ mutualTls: true }), 'caCertificateId')[0]!.code).toBe('MissingParameter');
    expect(
      fieldErrors(
        httpsDraft({ mutualTls: true, caCertificateId: CERT_VALID.certificateId }),
        'caCertificateId',
      ),
    ).toHaveLength(1);
    expect(errorsOf(httpsDraft({ mutualTls: true, caCertificateId: CERT_CA.certificateId }))).toEqual([]);
  });
});

describe('TLS security policy', () => {
  it('defaults to tls_cipher_policy_1_0', () => {
    expect(draftToRequest(httpsDraft({ securityPolicyId: '' }), 'alb-a').securityPolicyId).toBe(
      'tls_cipher_policy_1_0',
    );
  });

  it('refuses a custom policy on a Basic instance and allows it on Standard and StandardWithWaf', () => {
    const draft = httpsDraft({ securityPolicyId: CUSTOM_POLICY.securityPolicyId });
    const [error] = blocking(validateDraft(draft, context({ edition: 'Basic' })));
    expect(error!.field).toBe('securityPolicyId');
    expect(error!.message['zh-CN']).toContain('自定义TLS安全策略');
    expect(blocking(validateDraft(draft, context({ edition: 'Standard' })))).toEqual([]);
    expect(blocking(validateDraft(draft, context({ edition: 'StandardWithWaf' })))).toEqual([]);
  });

  it('allows system policies on Basic', () => {
    expect(
      blocking(
        validateDraft(
          httpsDraft({ securityPolicyId: 'tls_cipher_policy_1_2' }),
          context({ edition: 'Basic' }),
        ),
      ),
    ).toEqual([]);
  });

  it('refuses an unknown policy', () => {
    expect(fieldErrors(httpsDraft({ securityPolicyId: 'tls-nope' }), 'securityPolicyId')[0]!.code).toBe(
      'ResourceNotFound.SecurityPolicy',
    );
  });
});

describe('server group', () => {
  const withGroup = (protocol: ListenerProtocol, serverGroupId: string) =>
    fieldErrors(draftFor(protocol, { serverGroupId }), 'serverGroupId').map((v) => v.code);

  it('refuses a group in another VPC', () => {
    const [error] = fieldErrors(httpsDraft({ serverGroupId: SG_OTHER_VPC.serverGroupId }), 'serverGroupId');
    expect(error!.code).toBe('Mismatch.VpcId');
    expect(error!.message.en).toContain('vpc-b');
  });

  it('matches backend protocols to listener protocols', () => {
    expect(withGroup('HTTP', SG_HTTP.serverGroupId)).toEqual([]);
    expect(withGroup('HTTPS', SG_HTTP.serverGroupId)).toEqual([]);
    expect(withGroup('QUIC', SG_HTTP.serverGroupId)).toEqual([]);
    expect(withGroup('HTTPS', SG_HTTPS.serverGroupId)).toEqual([]);
    expect(withGroup('HTTP', SG_HTTPS.serverGroupId)).toEqual([
      'OperationDenied.ServerGroupProtocolNotSupport',
    ]);
    expect(withGroup('QUIC', SG_HTTPS.serverGroupId)).toEqual([
      'OperationDenied.ServerGroupProtocolNotSupport',
    ]);
    expect(withGroup('HTTPS', SG_GRPC.serverGroupId)).toEqual([]);
    expect(withGroup('QUIC', SG_GRPC.serverGroupId)).toEqual([]);
    expect(withGroup('HTTP', SG_GRPC.serverGroupId)).toEqual([
      'OperationDenied.ServerGroupProtocolNotSupport',
    ]);
  });

  it('refuses a GRPC group on HTTPS with HTTP/2 off, said at the group and at the HTTP/2 switch', () => {
    const draft = httpsDraft({ serverGroupId: SG_GRPC.serverGroupId, http2: false });
    const all = validateDraft(draft, context());
    const atGroup = all.find((v) => v.field === 'serverGroupId')!;
    expect(atGroup).toMatchObject({
      code: 'OperationDenied.GRPCServerGroup',
      severity: 'error',
      httpStatus: 400,
    });
    expect(atGroup.message.en).toContain('gRPC needs HTTP/2');
    expect(atGroup.message['zh-CN']).toContain('gRPC 需要 HTTP/2');
    const atSwitch = all.find((v) => v.field === 'http2')!;
    // Said where HTTP/2 is turned off, without locking step 1: the group can be changed instead.
    expect(atSwitch.severity).toBe('warning');
    expect(atSwitch.message.en).toContain(SG_GRPC.serverGroupId);
    expect(blocking(validateStep('listener', draft, context()))).toEqual([]);
    expect(blocking(validateStep('serverGroup', draft, context())).map((v) => v.code)).toEqual([
      'OperationDenied.GRPCServerGroup',
    ]);
    // HTTP/2 on, another protocol's group, or QUIC (HTTP/3): nothing to say.
    for (const fine of [
      httpsDraft({ serverGroupId: SG_GRPC.serverGroupId, http2: true }),
      httpsDraft({ serverGroupId: SG_HTTP.serverGroupId, http2: false }),
      draftFor('QUIC', { serverGroupId: SG_GRPC.serverGroupId, http2: false }),
    ])
      expect(
        validateDraft(fine, context()).filter((v) => v.code === 'OperationDenied.GRPCServerGroup'),
      ).toEqual([]);
  });

  it('requires a group and refuses an unknown one', () => {
    expect(fieldErrors(httpsDraft({ serverGroupId: '' }), 'serverGroupId')[0]!.message['zh-CN']).toBe(
      '请选择服务器组',
    );
    expect(withGroup('HTTPS', 'sgp-nope')).toEqual(['ResourceNotFound.ServerGroup']);
  });
});

describe('instance state', () => {
  it('refuses an instance that is not Active', () => {
    for (const status of ['Inactive', 'Configuring', 'Provisioning'] as const) {
      const [error] = blocking(validateDraft(httpsDraft(), context({ status })));
      expect(error!.code).toBe('IncorrectStatus.LoadBalancer');
      expect(error!.message.en).toContain(status);
    }
  });

  it('refuses a listener past the quota', () => {
    const [error] = blocking(validateDraft(httpsDraft(), context({ listenerQuota: 4 })));
    expect(error!.code).toBe('ResourceQuotaExceeded.LoadBalancerListenersNum');
  });
});

describe('steps and protocol switching', () => {
  it('HTTP skips the certificate step', () => {
    expect(stepsFor('HTTP')).toEqual(['listener', 'serverGroup', 'review']);
    expect(stepsFor('QUIC')).toEqual(['listener', 'certificate', 'serverGroup', 'review']);
  });

  it('drops fields that stop applying and moves a default port along', () => {
    const https = httpsDraft({
      port: '443',
      quicUpgrade: true,
      quicListenerId: 'lsn-quic8443',
      mutualTls: true,
      headers: { ...newDraft().headers, clientCertIssuerDN: true, slbId: true },
    });
    const http = switchProtocol(https, 'HTTP');
    expect(http.port).toBe('80');
    expect(http.quicUpgrade).toBe(false);
    expect(http.certificateId).toBe('');
    expect(http.mutualTls).toBe(false);
    expect(http.headers.clientCertIssuerDN).toBe(false);
    expect(http.headers.slbId).toBe(true);
    expect(switchProtocol(httpsDraft({ port: '8443' }), 'QUIC').port).toBe('8443');
    const quic = switchProtocol(https, 'QUIC');
    expect(quic.certificateId).toBe(CERT_VALID.certificateId);
    expect(quic.headers.xForwardedFor).toBe(true);
    expect(draftToRequest(quic, 'alb-a').XForwardedForConfig).not.toHaveProperty('XForwardedForEnabled');
  });

  it('keeps each step to its own fields', () => {
    const draft = httpsDraft({ port: 'abc', certificateId: '', serverGroupId: '' });
    expect(validateStep('listener', draft).map((v) => v.field)).toEqual(['port']);
    expect(validateStep('certificate', draft).map((v) => v.field)).toEqual(['certificateId']);
    expect(validateStep('serverGroup', draft).map((v) => v.field)).toEqual(['serverGroupId']);
  });
});

describe('zod schemas', () => {
  const request = draftToRequest(httpsDraft(), 'alb-a');

  it('step schemas accept their part and refuse fields of other protocols', () => {
    const {
      listenerProtocol,
      listenerPort,
      listenerDescription,
      idleTimeout,
      requestTimeout,
      gzipEnabled,
      http2Enabled,
      quicConfig,
      XForwardedForConfig,
    } = request;
    const listenerPart = {
      listenerProtocol,
      listenerPort,
      listenerDescription,
      idleTimeout,
      requestTimeout,
      gzipEnabled,
      http2Enabled,
      quicConfig,
      XForwardedForConfig,
    };
    expect(stepSchemas.listener.HTTPS.safeParse(listenerPart).success).toBe(true);
    expect(stepSchemas.listener.HTTP.safeParse({ ...listenerPart, listenerProtocol: 'HTTP' }).success).toBe(
      false,
    );
    expect(stepSchemas.certificate.QUIC.safeParse({ certificates: request.certificates }).success).toBe(true);
    expect(
      stepSchemas.certificate.QUIC.safeParse({ certificates: request.certificates, securityPolicyId: 'x' })
        .success,
    ).toBe(false);
    expect(stepSchemas.certificate.HTTP.safeParse({ certificates: request.certificates }).success).toBe(
      false,
    );
    expect(stepSchemas.serverGroup.HTTP.safeParse({ defaultActions: request.defaultActions }).success).toBe(
      true,
    );
  });

  it('the whole-request schema refuses two certificates, two server groups and unknown keys', () => {
    const schema = createListenerRequestSchemas.HTTPS;
    expect(schema.safeParse(request).success).toBe(true);
    expect(
      schema.safeParse({ ...request, certificates: [{ certificateId: 'a' }, { certificateId: 'b' }] })
        .success,
    ).toBe(false);
    const tuples = [{ serverGroupId: 'a' }, { serverGroupId: 'b' }];
    expect(
      schema.safeParse({
        ...request,
        defaultActions: [{ type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: tuples } }],
      }).success,
    ).toBe(false);
    expect(schema.safeParse({ ...request, surprise: 1 }).success).toBe(false);
  });
});

describe('the local ALB check (wire parameters)', () => {
  const wire = requestToWire(draftToRequest(httpsDraft(), 'alb-a', { clientToken: 'token-1' }));

  it('accepts a valid request and returns it unchanged', () => {
    const result = checkCreateListener(wire, () => context());
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.request).toEqual(draftToRequest(httpsDraft(), 'alb-a', { clientToken: 'token-1' }));
  });

  it('names the missing parameter', () => {
    const { ListenerPort: _dropped, ...rest } = wire;
    const result = checkCreateListener(rest, () => context());
    expect(result).toMatchObject({
      ok: false,
      violation: { code: 'MissingParameter', parameter: 'ListenerPort' },
    });
    const { ['Certificates.1.CertificateId']: _cert, ...noCert } = wire;
    expect(checkCreateListener(noCert, () => context())).toMatchObject({
      ok: false,
      violation: { code: 'MissingParameter', parameter: 'Certificates.1.CertificateId' },
    });
  });

  it('refuses a GRPC server group with Http2Enabled=false as OperationDenied.GRPCServerGroup (400)', () => {
    const grpc = requestToWire(
      draftToRequest(httpsDraft({ serverGroupId: SG_GRPC.serverGroupId, http2: false }), 'alb-a'),
    );
    expect(grpc['Http2Enabled']).toBe('false');
    expect(checkCreateListener(grpc, () => context())).toMatchObject({
      ok: false,
      violation: { code: 'OperationDenied.GRPCServerGroup', httpStatus: 400, field: 'serverGroupId' },
    });
    expect(checkCreateListener({ ...grpc, Http2Enabled: 'true' }, () => context()).ok).toBe(true);
  });

  it('answers ResourceNotFound.LoadBalancer (404) for an unknown instance', () => {
    expect(checkCreateListener(wire, () => undefined)).toMatchObject({
      ok: false,
      violation: { code: 'ResourceNotFound.LoadBalancer', httpStatus: 404 },
    });
  });

  it('refuses malformed booleans and protocols', () => {
    expect(checkCreateListener({ ...wire, GzipEnabled: 'yes' }, () => context())).toMatchObject({
      ok: false,
      violation: { code: 'InvalidParameter', parameter: 'GzipEnabled' },
    });
    expect(checkCreateListener({ ...wire, ListenerProtocol: 'TCP' }, () => context())).toMatchObject({
      ok: false,
      violation: { code: 'InvalidParameter', parameter: 'ListenerProtocol' },
    });
  });

  it('ignores the common RPC parameters but refuses unknown ones', () => {
    const common = {
      Action: 'CreateListener',
      Version: '2020-06-16',
      RegionId: 'cn-hangzhou',
      Timestamp: 'x',
      Format: 'JSON',
    };
    expect(checkCreateListener({ ...wire, ...common }, () => context()).ok).toBe(true);
    expect(checkCreateListener({ ...wire, Bogus: '1' }, () => context())).toMatchObject({
      ok: false,
      violation: { code: 'InvalidParameter', parameter: 'Bogus' },
    });
  });

  it('maps every stateful rule to its error code', () => {
    const cases: [Record<string, string>, string][] = [
      [{ ListenerPort: '80' }, 'ResourceAlreadyExist.Listener'],
      [
        { 'QuicConfig.QuicUpgradeEnabled': 'true', 'QuicConfig.QuicListenerId': 'lsn-quic-b' },
        'OperationDenied.CrossLoadBalancerQUICListener',
      ],
      [
        { 'QuicConfig.QuicUpgradeEnabled': 'true', 'QuicConfig.QuicListenerId': 'lsn-quic443' },
        'ResourceAlreadyAssociated.Listener',
      ],
      [
        { 'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': 'sgp-far' },
        'Mismatch.VpcId',
      ],
      [{ 'Certificates.1.CertificateId': '42-cn-hangzhou' }, 'ResourceNotFound.Certificate'],
      [{ SecurityPolicyId: 'tls-nope' }, 'ResourceNotFound.SecurityPolicy'],
      [
        { 'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': 'sgp-nope' },
        'ResourceNotFound.ServerGroup',
      ],
    ];
    for (const [changes, code] of cases) {
      const result = checkCreateListener({ ...wire, ...changes }, () => context());
      expect(result.ok ? 'ok' : result.violation.code).toBe(code);
    }
    const http = requestToWire(
      draftToRequest(draftFor('HTTP', { serverGroupId: SG_GRPC.serverGroupId }), 'alb-a'),
    );
    const result = checkCreateListener(http, () => context());
    expect(result.ok ? 'ok' : result.violation.code).toBe('OperationDenied.ServerGroupProtocolNotSupport');
    const inactive = checkCreateListener(wire, () => context({ status: 'Inactive' }));
    expect(inactive.ok ? 'ok' : inactive.violation.code).toBe('IncorrectStatus.LoadBalancer');
  });
});

describe('messages', () => {
  it('every violation speaks both languages, Chinese in the console words', () => {
    const draft = httpsDraft({ port: '0', name: 'x', idleTimeout: '99', requestTimeout: '999' });
    const violations = validateDraft(draft, context());
    expect(violations.length).toBeGreaterThanOrEqual(4);
    for (const v of violations) {
      expect(v.message.en.length).toBeGreaterThan(5);
      expect(v.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
    const zh = violations.map((v) => v.message['zh-CN']).join('\n');
    for (const term of ['监听端口', '监听名称', '连接空闲超时时间', '连接请求超时时间'])
      expect(zh).toContain(term);
  });
});

describe('draft ↔ request', () => {
  it('round-trips through requestToDraft', () => {
    const draft = httpsDraft({
      name: '支付网关',
      http2: false,
      gzip: false,
      idleTimeout: '30',
      quicUpgrade: true,
      quicListenerId: 'lsn-quic8443',
      mutualTls: true,
      caCertificateId: CERT_CA.certificateId,
      headers: { ...newDraft().headers, proto: true, clientCertClientVerify: true },
      headerAliases: { ...newDraft().headerAliases, clientCertClientVerify: 'x-verify' },
    });
    const request = draftToRequest(draft, 'alb-a');
    expect(draftToRequest(requestToDraft(request), 'alb-a')).toEqual(request);
  });
});
