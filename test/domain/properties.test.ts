import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_KEYS, CLIENT_CERT_HEADER_KEYS } from '../../source/domain/fields.js';
import { draftToRequest, requestToDraft, type ListenerDraft } from '../../source/domain/listener-draft.js';
import {
  blocking,
  checkCreateListener,
  requestToWire,
  validateDraft,
  validateRequest,
  wireToRequest,
} from '../../source/domain/listener-rules.js';
import {
  CERT_CA,
  CERT_EXPIRED,
  CERT_EXPIRING,
  CERT_VALID,
  CUSTOM_POLICY,
  SG_GRPC,
  SG_HTTP,
  SG_HTTPS,
  SG_OTHER_VPC,
  context,
} from './fixtures.js';

/** Text that is sometimes valid and often nasty: digits, blanks, Chinese, emoji, controls, escapes. */
const edgyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: -10, max: 70000 }).map(String),
  fc.constantFrom(
    '',
    ' 443 ',
    '4.5',
    '1e3',
    '-1',
    '0x1bb',
    '支付网关',
    '🚀🚀',
    'a\x1b[31mb',
    'HTTPS_443',
    'web-prod',
  ),
);

const ids = (...values: string[]) => fc.constantFrom('', ...values);

const draftArbitrary: fc.Arbitrary<ListenerDraft> = fc.record({
  protocol: fc.constantFrom('HTTP', 'HTTPS', 'QUIC'),
  port: edgyText,
  name: edgyText,
  http2: fc.boolean(),
  idleTimeout: edgyText,
  requestTimeout: edgyText,
  gzip: fc.boolean(),
  headers: fc.record(
    Object.fromEntries(HEADER_KEYS.map((k) => [k, fc.boolean()])) as Record<
      (typeof HEADER_KEYS)[number],
      fc.Arbitrary<boolean>
    >,
  ),
  headerAliases: fc.record(
    Object.fromEntries(
      CLIENT_CERT_HEADER_KEYS.map((k) => [k, fc.oneof(edgyText, fc.constantFrom('x-dn', 'cert_fp'))]),
    ) as Record<(typeof CLIENT_CERT_HEADER_KEYS)[number], fc.Arbitrary<string>>,
  ),
  quicUpgrade: fc.boolean(),
  quicListenerId: ids('lsn-quic8443', 'lsn-quic443', 'lsn-quic-b', 'lsn-http80'),
  certificateId: ids(
    CERT_VALID.certificateId,
    CERT_EXPIRING.certificateId,
    CERT_EXPIRED.certificateId,
    'nope',
  ),
  securityPolicyId: ids('tls_cipher_policy_1_2', CUSTOM_POLICY.securityPolicyId, 'nope'),
  mutualTls: fc.boolean(),
  caCertificateId: ids(CERT_CA.certificateId, CERT_VALID.certificateId),
  serverGroupId: ids(
    SG_HTTP.serverGroupId,
    SG_HTTPS.serverGroupId,
    SG_GRPC.serverGroupId,
    SG_OTHER_VPC.serverGroupId,
  ),
});

/** Drafts that are valid more often: plausible values for every field. */
const plausibleDraft = draftArbitrary.chain((draft) =>
  fc
    .record({
      port: fc.integer({ min: 1, max: 65535 }).map(String),
      name: fc.oneof(
        fc.constant(''),
        fc.stringMatching(/^[a-z0-9_.,;/@-]{2,20}$/),
        fc.constantFrom('支付网关', '🚀🚀', '测试_1'),
      ),
      idleTimeout: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 60 }).map(String)),
      requestTimeout: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 180 }).map(String)),
    })
    .map((fields) => ({ ...draft, ...fields })),
);

describe('properties', () => {
  it('the draft validator never throws, with or without context', () => {
    fc.assert(
      fc.property(draftArbitrary, fc.boolean(), (draft, withContext) => {
        const violations = validateDraft(draft, withContext ? context() : undefined);
        for (const v of violations) {
          expect(v.message.en).not.toBe('');
          expect(v.message['zh-CN']).not.toBe('');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the request validator never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        validateRequest(value, context());
        const result = validateRequest({
          listenerProtocol: 'HTTPS',
          ...(typeof value === 'object' && value && !Array.isArray(value) ? value : {}),
        });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });

  it('the local ALB check never throws on any wire parameters', () => {
    const key = fc.oneof(
      fc.constantFrom(
        'ListenerPort',
        'ListenerProtocol',
        'LoadBalancerId',
        'Certificates.1.CertificateId',
        'Certificates.2',
        'QuicConfig.QuicUpgradeEnabled',
        'Tag.1.Key',
        'Tag.0.Key',
        'XForwardedForConfig',
        '__proto__.x',
        'a..b',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, edgyText), (params) => {
        const result = checkCreateListener(params, () => context());
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });

  it('every accepted draft maps to a request that is accepted again, unchanged, through the wire too', () => {
    let accepted = 0;
    fc.assert(
      fc.property(plausibleDraft, (draft) => {
        const ctx = context();
        if (blocking(validateDraft(draft, ctx)).length > 0) return;
        accepted++;
        const request = draftToRequest(draft, ctx.instance.loadBalancerId, { clientToken: 'c0ffee' });
        const check = validateRequest(request, ctx);
        expect(check.ok).toBe(true);
        if (check.ok) expect(check.request).toEqual(request);
        const viaWire = wireToRequest(requestToWire(request));
        expect(viaWire).toEqual(request);
        const server = checkCreateListener(requestToWire(request), () => ctx);
        expect(server.ok).toBe(true);
        expect(
          draftToRequest(requestToDraft(request), ctx.instance.loadBalancerId, { clientToken: 'c0ffee' }),
        ).toEqual(request);
      }),
      { numRuns: 400 },
    );
    // The property says nothing if no draft was ever accepted.
    expect(accepted).toBeGreaterThan(20);
  });
});
