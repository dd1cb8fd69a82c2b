import { describe, expect, it } from 'vitest';
import { newDraft } from '../../source/domain/listener-draft.js';
import { blocking, validateDraft } from '../../source/domain/listener-rules.js';
import { expandNamePattern, namePatternProblem } from '../../source/store/name-pattern.js';
import { applyProfile, captureProfile, type HintResolution } from '../../source/store/profile-apply.js';
import {
  listenerProfileInputSchema,
  type ListenerProfile,
  type ProfileHints,
} from '../../source/store/schema.js';
import { API_CERT, CLIENT_CA, MULTI_A, MULTI_B, SOON, WILDCARD, shopContext } from './fixtures/context.js';
import { sampleProfile } from './fixtures/profiles.js';

function profile(
  hints: ProfileHints,
  listener: Partial<ListenerProfile['listener']> = {},
): Pick<ListenerProfile, 'listener' | 'hints'> {
  const parsed = listenerProfileInputSchema.parse({ ...sampleProfile('p', listener), hints });
  return { listener: parsed.listener, hints: parsed.hints };
}

function byHint(resolutions: HintResolution[], hint: HintResolution['hint']): HintResolution {
  const found = resolutions.find((r) => r.hint === hint);
  if (!found) throw new Error(`no resolution for ${hint}`);
  return found;
}

describe('name patterns', () => {
  it('expands the placeholders', () => {
    const values = { protocol: 'HTTPS', port: 443, instance: 'alb-shop', instanceName: 'shop' } as const;
    expect(expandNamePattern('{protocol}_{port}', values)).toBe('HTTPS_443');
    expect(expandNamePattern('web-{instanceName}-{port}', values)).toBe('web-shop-443');
    expect(expandNamePattern('{instance}/{protocol}', values)).toBe('alb-shop/HTTPS');
    expect(expandNamePattern('{instanceName}', { ...values, instanceName: undefined })).toBe('alb-shop');
    expect(expandNamePattern('', values)).toBe('');
  });

  it('refuses unknown placeholders and characters a listener name cannot have', () => {
    expect(namePatternProblem('{protocol}_{port}')).toBeUndefined();
    expect(namePatternProblem('监听-{port}')).toBeUndefined();
    expect(namePatternProblem('{zone}')?.en).toContain('{zone}');
    expect(namePatternProblem('a b')?.en).toContain('space');
    expect(namePatternProblem('x'.repeat(257))?.en).toContain('256');
  });
});

describe('applyProfile', () => {
  it('resolves every hint on an instance that has what the profile names', () => {
    const p = profile(
      {
        certificate: { domain: 'api.example.com' },
        caCertificate: { domain: 'Example Client CA' },
        serverGroup: { name: 'sg-web' },
        quicListener: { port: 443 },
      },
      { quicUpgrade: true, mutualTls: true, namePattern: 'web-{instanceName}', idleTimeout: 30 },
    );
    const { draft, resolutions } = applyProfile(p, shopContext(), { instanceName: 'shop' });
    expect(resolutions.map((r) => [r.hint, r.status])).toEqual([
      ['quicListener', 'resolved'],
      ['certificate', 'resolved'],
      ['caCertificate', 'resolved'],
      ['securityPolicy', 'resolved'],
      ['serverGroup', 'resolved'],
    ]);
    expect(draft).toMatchObject({
      protocol: 'HTTPS',
      port: '443',
      name: 'web-shop',
      idleTimeout: '30',
      quicListenerId: 'lsn-quic443',
      certificateId: API_CERT.certificateId,
      caCertificateId: CLIENT_CA.certificateId,
      serverGroupId: 'sgp-web',
      securityPolicyId: 'tls_cipher_policy_1_2',
    });
    // The draft passes the same rules the wizard and the local ALB apply.
    expect(blocking(validateDraft(draft, shopContext()))).toEqual([]);
  });

  it('prefers the certificate naming the domain; a wildcard covers a host under it', () => {
    const exact = applyProfile(
      profile({ certificate: { domain: 'API.example.com' }, serverGroup: { name: 'sg-web' } }),
      shopContext(),
    );
    expect(exact.draft.certificateId).toBe(API_CERT.certificateId);
    const covered = applyProfile(
      profile({ certificate: { domain: 'www.example.com' }, serverGroup: { name: 'sg-web' } }),
      shopContext(),
    );
    expect(covered.draft.certificateId).toBe(WILDCARD.certificateId);
    const wildcard = applyProfile(
      profile({ certificate: { domain: '*.example.com' }, serverGroup: { name: 'sg-web' } }),
      shopContext(),
    );
    expect(wildcard.draft.certificateId).toBe(WILDCARD.certificateId);
    // A wildcard covers one label only.
    const deep = applyProfile(
      profile({ certificate: { domain: 'a.b.example.com' }, serverGroup: { name: 'sg-web' } }),
      shopContext(),
    );
    expect(byHint(deep.resolutions, 'certificate').status).toBe('unresolved');
  });

  it('reports ambiguity with the candidates, newest expiry first, and leaves the pick empty', () => {
    const { draft, resolutions } = applyProfile(
      profile({ certificate: { domain: 'multi.example.net' }, serverGroup: { name: 'sg-twin' } }),
      shopContext(),
    );
    const certificate = byHint(resolutions, 'certificate');
    expect(certificate.status).toBe('ambiguous');
    if (certificate.status !== 'ambiguous') return;
    expect(certificate.candidates.map((c) => c.id)).toEqual([MULTI_B.certificateId, MULTI_A.certificateId]);
    expect(certificate.reason['zh-CN']).toContain('2 个证书');
    const group = byHint(resolutions, 'serverGroup');
    expect(group.status === 'ambiguous' && group.candidates.map((c) => c.id)).toEqual([
      'sgp-twin1',
      'sgp-twin2',
    ]);
    expect(draft.certificateId).toBe('');
    expect(draft.serverGroupId).toBe('');
  });

  it('says why a hint is unresolved, in both languages', () => {
    const ctx = shopContext();
    const cases: [
      ProfileHints,
      Partial<ListenerProfile['listener']>,
      HintResolution['hint'],
      RegExp,
      RegExp,
    ][] = [
      [
        { certificate: { domain: 'nothing.test' } },
        {},
        'certificate',
        /No certificate for "nothing.test"/,
        /没有/,
      ],
      [{ certificate: { domain: 'shop.example.org' } }, {}, 'certificate', /has expired/, /过期/],
      [
        { serverGroup: { name: 'sg-none' } },
        {},
        'serverGroup',
        /No server group named "sg-none"/,
        /服务器组/,
      ],
      [{ serverGroup: { name: 'sg-far' } }, {}, 'serverGroup', /cannot be used here: .*vpc-9/, /不能用于/],
      [
        { serverGroup: { name: 'sg-grpc' } },
        { protocol: 'HTTP', port: 80, securityPolicyId: '' },
        'serverGroup',
        /cannot be used here/,
        /不能用于/,
      ],
      [
        { quicListener: { port: 9443 } },
        { quicUpgrade: true },
        'quicListener',
        /no QUIC listener on port 9443/,
        /9443/,
      ],
      [
        { quicListener: { port: 8443 } },
        { quicUpgrade: true },
        'quicListener',
        /lsn-https8443/,
        /lsn-https8443/,
      ],
      [{}, { quicUpgrade: true }, 'quicListener', /does not say which quic listener/i, /请选择/],
      [{}, {}, 'certificate', /does not say which server certificate/, /模板未指定服务器证书/],
      [{}, { securityPolicyId: 'spy-missing' }, 'securityPolicy', /spy-missing/, /spy-missing/],
    ];
    for (const [hints, listener, hint, en, zh] of cases) {
      const resolution = byHint(applyProfile(profile(hints, listener), ctx).resolutions, hint);
      expect(resolution.status, JSON.stringify(hints)).toBe('unresolved');
      if (resolution.status !== 'unresolved') continue;
      expect(resolution.reason.en).toMatch(en);
      expect(resolution.reason['zh-CN']).toMatch(zh);
    }
  });

  it('notes a certificate about to expire, and asks only for what the protocol needs', () => {
    const soon = applyProfile(profile({ certificate: { domain: 'soon.example.net' } }), shopContext());
    const resolution = byHint(soon.resolutions, 'certificate');
    expect(resolution.status === 'resolved' && resolution.id).toBe(SOON.certificateId);
    expect(resolution.status === 'resolved' && resolution.note?.en).toMatch(/10 days/);

    const http = applyProfile(
      profile(
        { certificate: { domain: 'api.example.com' }, serverGroup: { name: 'sg-web' } },
        { protocol: 'HTTP', port: 80, securityPolicyId: '' },
      ),
      shopContext(),
    );
    expect(http.resolutions.map((r) => r.hint)).toEqual(['serverGroup']);
    expect(http.draft.certificateId).toBe('');
    const quic = applyProfile(
      profile(
        { certificate: { domain: 'api.example.com' }, serverGroup: { name: 'sg-grpc' } },
        { protocol: 'QUIC', securityPolicyId: '' },
      ),
      shopContext(),
    );
    expect(quic.resolutions.map((r) => [r.hint, r.status])).toEqual([
      ['certificate', 'resolved'],
      ['serverGroup', 'resolved'],
    ]);
  });

  it('leaves the default name empty, as the wizard does', () => {
    const { draft } = applyProfile(
      profile({}, { namePattern: '{protocol}_{port}', port: 8443 }),
      shopContext(),
    );
    expect(draft.name).toBe('');
    expect(draft.port).toBe('8443');
  });
});

describe('captureProfile', () => {
  it('turns a finished draft into a profile whose hints resolve back to the same picks', () => {
    const ctx = shopContext();
    const draft = {
      ...newDraft('HTTPS'),
      port: '443',
      name: 'web-shop',
      idleTimeout: '',
      quicUpgrade: true,
      quicListenerId: 'lsn-quic443',
      certificateId: API_CERT.certificateId,
      mutualTls: true,
      caCertificateId: CLIENT_CA.certificateId,
      serverGroupId: 'sgp-web',
    };
    const captured = captureProfile(draft, ctx, { name: 'shop web', namePattern: 'web-{instanceName}' });
    expect(captured.ok).toBe(true);
    if (!captured.ok) return;
    expect(captured.profile.hints).toEqual({
      certificate: { domain: 'api.example.com' },
      caCertificate: { domain: 'Example Client CA' },
      serverGroup: { name: 'sg-web' },
      quicListener: { port: 443 },
    });
    expect(captured.profile.listener.idleTimeout).toBe(15);
    const parsed = listenerProfileInputSchema.parse(captured.profile);
    const again = applyProfile(parsed, ctx, { instanceName: 'shop' });
    expect(again.draft).toEqual({ ...draft, idleTimeout: '15' });
  });

  it('refuses a draft whose text is not valid, saying why', () => {
    const captured = captureProfile({ ...newDraft('HTTP'), port: '8o' }, undefined, { name: 'x' });
    expect(captured.ok).toBe(false);
    if (captured.ok) return;
    expect(captured.problems[0]!.en).toContain('Port must be');
  });
});
