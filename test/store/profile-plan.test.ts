import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../source/domain/listener-rules.js';
import { planProfile } from '../../source/store/profile-apply.js';
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

describe('planProfile', () => {
  it('plans a create the rules accept, with the hints resolved and the name expanded', () => {
    const plan = planProfile(
      profile({ port: 7443, namePattern: 'web-{instanceName}-{port}' }),
      shopContext(),
      {
        instanceName: 'shop',
      },
    );
    expect(plan.kind).toBe('create');
    if (plan.kind !== 'create') return;
    expect(plan.request).toMatchObject({
      loadBalancerId: 'alb-shop',
      listenerProtocol: 'HTTPS',
      listenerPort: 7443,
      listenerDescription: 'web-shop-7443',
      certificates: [{ certificateId: '2001-cn-hangzhou' }],
      securityPolicyId: 'tls_cipher_policy_1_2',
    });
    expect(plan.request.defaultActions[0]?.forwardGroupConfig?.serverGroupTuples[0]?.serverGroupId).toBe(
      'sgp-web',
    );
    expect(plan.request.clientToken).toBeUndefined();
    expect(validateRequest(plan.request, shopContext()).ok).toBe(true);
  });

  it('calls a port taken in the same port space a clash, naming the listener', () => {
    const plan = planProfile(profile({ port: 8443 }), shopContext());
    expect(plan.kind).toBe('clash');
    if (plan.kind !== 'clash') return;
    expect(plan.existing.listenerId).toBe('lsn-https8443');
    expect(plan.message.en).toContain('8443');
    expect(plan.message['zh-CN']).toContain('8443');
  });

  it('does not call a QUIC listener on the port a clash for HTTPS (UDP and TCP are apart)', () => {
    expect(planProfile(profile({ port: 443 }), shopContext()).kind).toBe('create');
    expect(planProfile(profile({ port: 443, protocol: 'QUIC', http2: false }), shopContext()).kind).toBe(
      'clash',
    );
  });

  it('blocks with the reason when a pick cannot be made on the instance', () => {
    const plan = planProfile(
      profile(
        { port: 7443 },
        { certificate: { domain: 'nowhere.example.org' }, serverGroup: { name: 'sg-web' } },
      ),
      shopContext(),
    );
    expect(plan.kind).toBe('blocked');
    if (plan.kind !== 'blocked') return;
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]?.en).toMatch(/^Server certificate: .*nowhere\.example\.org/);
    expect(plan.problems[0]?.['zh-CN']).toContain('nowhere.example.org');
  });

  it('blocks on an ambiguous server group and on an instance that is not Active', () => {
    const twin = planProfile(
      profile({ port: 7443 }, { certificate: { domain: '*.example.com' }, serverGroup: { name: 'sg-twin' } }),
      shopContext(),
    );
    expect(twin.kind).toBe('blocked');
    const context = shopContext();
    context.instance.status = 'Inactive';
    const inactive = planProfile(profile({ port: 7443 }), context);
    expect(inactive.kind).toBe('blocked');
    if (inactive.kind === 'blocked')
      expect(inactive.problems.some((p) => p.en.includes('Inactive'))).toBe(true);
  });

  it('keeps warnings as notes, never as blockers', () => {
    const plan = planProfile(
      profile(
        { port: 7443 },
        { certificate: { domain: 'soon.example.net' }, serverGroup: { name: 'sg-web' } },
      ),
      shopContext(),
    );
    expect(plan.kind).toBe('create');
    if (plan.kind === 'create') expect(plan.notes.map((n) => n.en).join(' ')).toMatch(/expire/i);
  });
});

describe('planProfile with forwarding rules', () => {
  const rule = (groupName: string) => ({
    ruleName: 'api',
    priority: 10,
    direction: 'Request',
    ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
    ruleActions: [
      {
        order: 1,
        type: 'ForwardGroup',
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupName: groupName }] },
      },
    ],
  });

  it('plans the rules with their server groups found on the instance', () => {
    const context = shopContext();
    const group = context.serverGroups[0]!;
    const plan = planProfile({ ...profile({ port: 7443 }), rules: [rule(group.serverGroupName)] }, context);
    expect(plan.kind).toBe('create');
    if (plan.kind !== 'create') return;
    expect(plan.rules).toHaveLength(1);
    expect(plan.rules[0]?.ruleActions[0]).toMatchObject({
      forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group.serverGroupId }] },
    });
  });

  it('blocks an instance where a rule names a server group it does not have, in both languages', () => {
    const plan = planProfile({ ...profile({ port: 7443 }), rules: [rule('no-such-group')] }, shopContext());
    expect(plan.kind).toBe('blocked');
    if (plan.kind !== 'blocked') return;
    expect(plan.problems.map((p) => p.en).join('\n')).toContain('no server group named "no-such-group"');
    expect(plan.problems.map((p) => p['zh-CN']).join('\n')).toContain('没有名为 "no-such-group" 的服务器组');
  });
});
