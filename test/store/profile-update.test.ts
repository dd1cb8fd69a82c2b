import { describe, expect, it } from 'vitest';
import type { Listener } from '../../source/domain/resources.js';
import { planProfileUpdate } from '../../source/store/profile-update.js';
import {
  listenerProfileInputSchema,
  type ListenerProfile,
  type ProfileHints,
} from '../../source/store/schema.js';
import { shopContext } from './fixtures/context.js';
import { sampleProfile } from './fixtures/profiles.js';

function profile(
  listener: Partial<ListenerProfile['listener']> = {},
  hints?: ProfileHints,
): Pick<ListenerProfile, 'listener' | 'hints'> {
  const input = sampleProfile('p', listener);
  const parsed = listenerProfileInputSchema.parse(hints ? { ...input, hints } : input);
  return { listener: parsed.listener, hints: parsed.hints };
}

/** HTTPS 8443 on alb-shop: the API certificate, server group sg-web, QUIC upgrade to QUIC 8443. */
function https8443(overrides: Partial<Listener> = {}): Listener {
  return {
    listenerId: 'lsn-https8443',
    loadBalancerId: 'alb-shop',
    listenerProtocol: 'HTTPS',
    listenerPort: 8443,
    listenerDescription: 'HTTPS_8443',
    listenerStatus: 'Running',
    defaultActions: [
      { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-web' }] } },
    ],
    gzipEnabled: true,
    http2Enabled: true,
    idleTimeout: 15,
    requestTimeout: 60,
    securityPolicyId: 'tls_cipher_policy_1_2',
    certificates: [{ certificateId: '2002-cn-hangzhou' }],
    quicConfig: { quicUpgradeEnabled: true, quicListenerId: 'lsn-quic8443' },
    XForwardedForConfig: {},
    tags: [],
    ...overrides,
  } as Listener;
}

describe('planProfileUpdate', () => {
  it('sends only the fields the profile sets that differ; protocol, port and name stay', () => {
    const plan = planProfileUpdate(
      profile(
        { port: 443, idleTimeout: 30, gzip: false, quicUpgrade: true, namePattern: 'renamed' },
        {
          certificate: { domain: 'api.example.com' },
          serverGroup: { name: 'sg-web' },
          quicListener: { port: 8443 },
        },
      ),
      https8443(),
      shopContext(),
    );
    expect(plan.kind).toBe('update');
    if (plan.kind !== 'update') return;
    expect(plan.diff.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['idleTimeout', 15, 30],
      ['gzip', true, false],
    ]);
    expect(plan.diff.request).toEqual({ listenerId: 'lsn-https8443', idleTimeout: 30, gzipEnabled: false });
  });

  it('resolves the certificate by domain and the server group by name on the listener’s instance', () => {
    const plan = planProfileUpdate(
      profile(
        { quicUpgrade: true },
        { certificate: { domain: '*.example.com' }, serverGroup: { name: 'sg-web' } },
      ),
      https8443({ defaultActions: [] }),
      shopContext(),
    );
    expect(plan.kind).toBe('update');
    if (plan.kind !== 'update') return;
    expect(plan.diff.request.certificates).toEqual([{ certificateId: '2001-cn-hangzhou' }]);
    expect(
      plan.diff.request.defaultActions?.[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId,
    ).toBe('sgp-web');
    expect(plan.names['2001-cn-hangzhou']).toBe('*.example.com');
    expect(plan.names['2002-cn-hangzhou']).toBe('api.example.com');
    // No QUIC hint: the listener keeps its own QUIC listener.
    expect(plan.diff.request.quicConfig).toBeUndefined();
  });

  it('leaves a pick the profile has no hint for as the listener has it', () => {
    const plan = planProfileUpdate(
      profile({ quicUpgrade: true, idleTimeout: 20 }, {}),
      https8443(),
      shopContext(),
    );
    expect(plan.kind).toBe('update');
    if (plan.kind !== 'update') return;
    expect(Object.keys(plan.diff.request).sort()).toEqual(['idleTimeout', 'listenerId']);
  });

  it('flags a hint that does not resolve on the instance, and blocks nothing else silently', () => {
    const plan = planProfileUpdate(
      profile({ quicUpgrade: true }, { certificate: { domain: 'nowhere.example.org' } }),
      https8443(),
      shopContext(),
    );
    expect(plan.kind).toBe('blocked');
    if (plan.kind !== 'blocked') return;
    expect(plan.problems[0]?.en).toMatch(/^Server certificate: .*nowhere\.example\.org/);
    expect(plan.problems[0]?.['zh-CN']).toContain('nowhere.example.org');
  });

  it('keeps the listener’s own pick when several candidates fit and it is one of them', () => {
    const ctx = shopContext();
    const twin = https8443({
      defaultActions: [
        { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-twin2' }] } },
      ],
    });
    const kept = planProfileUpdate(
      profile({ quicUpgrade: true, idleTimeout: 40 }, { serverGroup: { name: 'sg-twin' } }),
      twin,
      ctx,
    );
    expect(kept.kind).toBe('update');
    if (kept.kind === 'update') expect(kept.diff.request.defaultActions).toBeUndefined();
    const flagged = planProfileUpdate(
      profile({ quicUpgrade: true }, { serverGroup: { name: 'sg-twin' } }),
      https8443(),
      ctx,
    );
    expect(flagged.kind).toBe('blocked');
  });

  it('says "same" when the listener already has every setting of the profile', () => {
    const plan = planProfileUpdate(
      profile(
        { quicUpgrade: true },
        {
          certificate: { domain: 'api.example.com' },
          serverGroup: { name: 'sg-web' },
          quicListener: { port: 8443 },
        },
      ),
      https8443(),
      shopContext(),
    );
    expect(plan).toEqual({ kind: 'same' });
  });

  it('refuses a listener of another protocol and a busy one, saying why', () => {
    const http = planProfileUpdate(profile(), https8443({ listenerProtocol: 'HTTP' }), shopContext());
    expect(http.kind).toBe('blocked');
    if (http.kind === 'blocked') {
      expect(http.problems[0]?.en).toContain('for HTTPS listeners; this one is HTTP');
      expect(http.problems[0]?.['zh-CN']).toContain('监听协议不可修改');
    }
    const busy = planProfileUpdate(profile(), https8443({ listenerStatus: 'Configuring' }), shopContext());
    expect(busy.kind).toBe('blocked');
  });

  it('blocks a change the update rules refuse (mutual TLS on without a CA certificate)', () => {
    const plan = planProfileUpdate(
      profile({ quicUpgrade: true, mutualTls: true }, {}),
      https8443(),
      shopContext(),
    );
    // Mutual TLS on without a CA certificate: the listener has none and the profile names none.
    expect(plan.kind).toBe('blocked');
    if (plan.kind === 'blocked') expect(plan.problems.map((p) => p.en).join(' ')).toMatch(/CA/);
  });
});
