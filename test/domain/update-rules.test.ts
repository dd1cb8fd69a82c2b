// The update-only listener rules (changes-and-rules.md), edges and both languages, and the creation
// rules as an update sees them (only what the update touches).
import { describe, expect, it } from 'vitest';
import type { Listener } from '../../source/domain/resources.js';
import {
  busyRefusal,
  checkUpdateListener,
  validateUpdate,
  type UpdateContext,
} from '../../source/domain/update-rules.js';
import { CERT_CA, CERT_EXPIRED, CERT_VALID, context, SG_GRPC, SG_HTTPS } from './fixtures.js';

function https(overrides: Partial<Listener> = {}): Listener {
  return {
    listenerId: 'lsn-https443',
    loadBalancerId: 'alb-a',
    listenerProtocol: 'HTTPS',
    listenerPort: 443,
    // Not a valid name for creation: untouched, it never blocks an update.
    listenerDescription: 'legacy name with spaces',
    listenerStatus: 'Running',
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-http' }] } },
    ],
    gzipEnabled: true,
    http2Enabled: true,
    idleTimeout: 15,
    requestTimeout: 60,
    securityPolicyId: 'tls_cipher_policy_1_0',
    quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-quic443' },
    XForwardedForConfig: { XForwardedForEnabled: true },
    certificates: [{ certificateId: CERT_EXPIRED.certificateId }],
    tags: [],
    ...overrides,
  };
}

const http: Listener = {
  ...https({ listenerId: 'lsn-http80', listenerProtocol: 'HTTP', listenerPort: 80 }),
  http2Enabled: false,
  quicConfig: {},
  certificates: undefined,
  securityPolicyId: undefined,
};

function ctx(extra: string[] = []): UpdateContext {
  return { ...context(), extraCertificateIds: extra };
}

const codes = (listener: Listener, request: object, c: UpdateContext | undefined = ctx()) =>
  validateUpdate(listener, { listenerId: listener.listenerId, ...request }, c)
    .filter((v) => v.severity === 'error')
    .map((v) => `${v.code} ${v.parameter}`);

describe('validateUpdate: what the update touches, no more', () => {
  it('accepts a timeout change on a listener whose untouched settings would not pass creation', () => {
    // The name and the expired default certificate are the listener's own: not this update's business.
    expect(codes(https(), { idleTimeout: 30, requestTimeout: 120 })).toEqual([]);
  });

  it('checks the ranges of the creation rules at their edges', () => {
    expect(codes(https(), { idleTimeout: 60, requestTimeout: 1 })).toEqual([]);
    expect(codes(https(), { idleTimeout: 61 })).toEqual(['InvalidParameter IdleTimeout']);
    expect(codes(https(), { requestTimeout: 181 })).toEqual(['InvalidParameter RequestTimeout']);
    expect(codes(https(), { listenerDescription: 'a' })).toEqual(['InvalidParameter ListenerDescription']);
  });

  it('refuses a field that does not apply to the listener’s protocol', () => {
    const found = validateUpdate(http, { listenerId: 'lsn-http80', http2Enabled: true });
    expect(found.map((v) => v.code)).toEqual(['InvalidParameter']);
    expect(found[0]!.message.en).toBe('Http2Enabled does not apply to HTTP listeners');
    expect(found[0]!.message['zh-CN']).toBe('Http2Enabled 不适用于 HTTP 监听');
    expect(codes(http, { certificates: [{ certificateId: CERT_VALID.certificateId }] })).toEqual([
      'InvalidParameter Certificates',
    ]);
  });
});

describe('validateUpdate: update-only rules', () => {
  it('refuses a different protocol, port or instance, and says to create a new listener', () => {
    const found = validateUpdate(https(), {
      listenerId: 'lsn-https443',
      listenerProtocol: 'HTTP',
      listenerPort: 8443,
      loadBalancerId: 'alb-b',
    });
    expect(found.map((v) => [v.field, v.parameter])).toEqual([
      ['protocol', 'ListenerProtocol'],
      ['port', 'ListenerPort'],
      ['instance', 'LoadBalancerId'],
    ]);
    expect(found[1]!.message.en).toBe(
      'The port of a listener cannot change (ListenerPort); create a new listener instead',
    );
    expect(found[1]!.message['zh-CN']).toBe('监听的端口创建后不能修改（ListenerPort）；请新建监听');
  });

  it('lets the unchanged protocol and port through (a form that sends everything)', () => {
    expect(codes(https(), { listenerProtocol: 'HTTPS', listenerPort: 443, idleTimeout: 20 })).toEqual([]);
  });

  it('takes only ForwardGroup as the default action', () => {
    const found = validateUpdate(https(), {
      listenerId: 'lsn-https443',
      defaultActions: [{ type: 'Redirect', forwardGroupConfig: { serverGroupTuples: [] } }],
    });
    expect(found.filter((v) => v.severity === 'error').map((v) => v.parameter)).toEqual([
      'DefaultActions.1.Type',
    ]);
    expect(found[0]!.message.en).toContain('only forward to a server group (ForwardGroup)');
    expect(found[0]!.message['zh-CN']).toContain('默认动作只能是转发至服务器组');
  });

  it('takes only the default certificate in Certificates: one passes, two are refused', () => {
    const one = [{ certificateId: CERT_VALID.certificateId }];
    expect(codes(https(), { certificates: one })).toEqual([]);
    const found = validateUpdate(https(), {
      listenerId: 'lsn-https443',
      certificates: [...one, { certificateId: '1005-cn-hangzhou' }],
    });
    expect(found.map((v) => `${v.code} ${v.parameter}`)).toEqual(['InvalidParameter Certificates']);
    expect(found[0]!.message.en).toContain('AssociateAdditionalCertificatesWithListener');
    expect(found[0]!.message['zh-CN']).toContain('扩展证书请通过');
  });

  it('refuses as the default a certificate that is already an extra one of the listener', () => {
    const request = { certificates: [{ certificateId: CERT_VALID.certificateId }] };
    expect(codes(https(), request, ctx([CERT_VALID.certificateId]))).toEqual([
      'ResourceAlreadyAssociated.Certificate Certificates.1.CertificateId',
    ]);
    expect(codes(https(), request, ctx(['9999-cn-hangzhou']))).toEqual([]);
  });

  it('checks a new default certificate like creation (expired, CA, unknown)', () => {
    const certificate = (certificateId: string) => ({ certificates: [{ certificateId }] });
    expect(codes(https(), certificate(CERT_EXPIRED.certificateId))).toEqual([
      'InvalidParameter Certificates.1.CertificateId',
    ]);
    expect(codes(https(), certificate('42-cn-hangzhou'))).toEqual([
      'ResourceNotFound.Certificate Certificates.1.CertificateId',
    ]);
    expect(codes(https(), { caEnabled: true })).toEqual(['MissingParameter CaCertificates.1.CertificateId']);
    expect(
      codes(https(), { caEnabled: true, caCertificates: [{ certificateId: CERT_CA.certificateId }] }),
    ).toEqual([]);
  });

  it('refuses HTTP/2 off while the server group is GRPC, and a GRPC group while HTTP/2 is off', () => {
    const onGrpc = https({
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: SG_GRPC.serverGroupId }] },
        },
      ],
    });
    const off = validateUpdate(onGrpc, { listenerId: onGrpc.listenerId, http2Enabled: false }, ctx());
    expect(off.map((v) => `${v.code} ${v.field} ${v.severity}`)).toEqual([
      'OperationDenied.GRPCServerGroup serverGroupId error',
      'OperationDenied.GRPCServerGroup http2 warning',
    ]);
    expect(off[1]!.message['zh-CN']).toContain('HTTP/2');
    const toGrpc = {
      defaultActions: [
        { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-grpc' }] } },
      ],
    };
    expect(codes(https({ http2Enabled: false }), toGrpc)).toEqual([
      'OperationDenied.GRPCServerGroup DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId',
    ]);
    expect(codes(https(), toGrpc)).toEqual([]);
    expect(
      codes(http, {
        defaultActions: [
          {
            ...toGrpc.defaultActions[0],
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: SG_HTTPS.serverGroupId }] },
          },
        ],
      }),
    ).toEqual([
      'OperationDenied.ServerGroupProtocolNotSupport DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId',
    ]);
  });

  it('applies the QUIC association rules without counting the listener’s own association', () => {
    const quic = (quicListenerId?: string) => ({
      quicConfig: { quicUpgradeEnabled: true, ...(quicListenerId ? { quicListenerId } : {}) },
    });
    // Its own QUIC listener again: fine (it is not "associated by another").
    expect(codes(https(), quic('lsn-quic443'))).toEqual([]);
    expect(codes(https(), quic('lsn-quic8443'))).toEqual([]);
    expect(codes(https(), quic())).toEqual(['MissingParameter QuicConfig.QuicListenerId']);
    expect(codes(https(), quic('lsn-http80'))).toEqual(['InvalidParameter QuicConfig.QuicListenerId']);
    // Another HTTPS listener cannot take a QUIC listener this one holds.
    const other = https({ listenerId: 'lsn-https8443', listenerPort: 8443, quicConfig: {} });
    const context = ctx();
    context.listeners.push({
      listenerId: 'lsn-https8443',
      loadBalancerId: 'alb-a',
      protocol: 'HTTPS',
      port: 8443,
      name: 'b',
    });
    expect(codes(other, quic('lsn-quic443'), context)).toEqual([
      'ResourceAlreadyAssociated.Listener QuicConfig.QuicListenerId',
    ]);
    expect(codes(https(), { quicConfig: { quicUpgradeEnabled: false } })).toEqual([]);
  });

  it('refuses any change to a busy listener, with the codes ALB uses', () => {
    expect(codes(https({ listenerStatus: 'Configuring' }), { idleTimeout: 20 })).toEqual([
      'ResourceInConfiguring.Listener ListenerId',
    ]);
    expect(codes(https({ listenerStatus: 'Provisioning' }), { idleTimeout: 20 })).toEqual([
      'IncorrectStatus.Listener ListenerId',
    ]);
    expect(codes(https({ listenerStatus: 'Stopped' }), { idleTimeout: 20 })).toEqual([]);
    const busy = busyRefusal({ listenerId: 'lsn-1', listenerStatus: 'Configuring' })!;
    expect(busy.message.en).toBe('Listener lsn-1 is Configuring; change it once it is Running or Stopped');
    expect(busy.message['zh-CN']).toBe('监听 lsn-1 处于 Configuring 状态；请在其运行中或已停止后再修改');
  });

  it('refuses any change while the instance is not Active', () => {
    const inactive = { ...context({ status: 'Provisioning' }), extraCertificateIds: [] };
    expect(codes(https(), { idleTimeout: 20 }, inactive)).toEqual([
      'IncorrectStatus.LoadBalancer LoadBalancerId',
    ]);
  });
});

describe('checkUpdateListener (the local ALB’s check of the wire parameters)', () => {
  it('reads flattened parameters and reports the first error, parameters before state', () => {
    const check = checkUpdateListener(
      { ListenerId: 'lsn-https443', IdleTimeout: '0', 'Certificates.1.CertificateId': '42-cn-hangzhou' },
      https(),
      ctx(),
    );
    expect(check).toMatchObject({
      ok: false,
      violation: { code: 'InvalidParameter', parameter: 'IdleTimeout' },
    });
    expect(
      checkUpdateListener(
        { ListenerId: 'lsn-https443', GzipEnabled: 'false', DryRun: 'true' },
        https(),
        ctx(),
      ),
    ).toMatchObject({ ok: true, request: { gzipEnabled: false } });
  });
});
