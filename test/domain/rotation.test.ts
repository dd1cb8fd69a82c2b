// Rotation planning, pure: every way a listener can hold A and B, including halfway through an
// earlier rotation, and the certificate names of either form.
import { describe, expect, it } from 'vitest';
import {
  certificateKey,
  parseCertificateId,
  resolveCertificate,
  sameCertificate,
} from '../../source/domain/certificate-ids.js';
import {
  changesOf,
  concernedBy,
  planListener,
  planRotation,
  stepTokenSource,
  type BoundCertificate,
  type RotationListener,
} from '../../source/domain/rotation.js';

const A = '14000001-cn-hangzhou';
const B = '14000002-cn-hangzhou';
const OTHER = '14000003-cn-hangzhou';

function bound(certificateId: string, isDefault = false, status = 'Associated'): BoundCertificate {
  return { certificateId, certificateType: 'Server', isDefault, status };
}

function listener(
  certificates: BoundCertificate[],
  overrides: Partial<RotationListener> = {},
): RotationListener {
  return {
    listenerId: 'lsn-1',
    loadBalancerId: 'alb-1',
    protocol: 'HTTPS',
    port: 443,
    name: 'web',
    status: 'Running',
    certificates,
    ...overrides,
  };
}

describe('certificate IDs', () => {
  it('reads the CAS number and the ALB form alike', () => {
    expect(parseCertificateId('14000001')).toEqual({ casNumber: '14000001' });
    expect(parseCertificateId(' 14000001-cn-hangzhou ')).toEqual({
      casNumber: '14000001',
      region: 'cn-hangzhou',
    });
    expect(parseCertificateId('014000001')).toEqual({ casNumber: '14000001' });
    expect(parseCertificateId('cert-1')).toBeUndefined();
    expect(parseCertificateId('14000001-')).toBeUndefined();
    expect(parseCertificateId('')).toBeUndefined();
  });

  it('takes either form as the same certificate, and other IDs as themselves', () => {
    expect(sameCertificate('14000001', A)).toBe(true);
    expect(sameCertificate(A, '14000001-ap-southeast-1')).toBe(true);
    expect(sameCertificate('14000001', B)).toBe(false);
    expect(certificateKey('cert-x')).toBe('cert-x');
    expect(sameCertificate('cert-x', 'cert-y')).toBe(false);
  });

  it('resolves a name to the known certificate, refusing malformed and unknown ones', () => {
    const known = [
      { certificateId: A, casId: 14000001 },
      { certificateId: B, casId: 14000002 },
    ];
    expect(resolveCertificate('14000002', known)).toEqual({ ok: true, certificate: known[1] });
    expect(resolveCertificate(A, known)).toEqual({ ok: true, certificate: known[0] });
    const unknown = resolveCertificate('999', known);
    expect(unknown.ok === false && unknown.problem).toBe('unknown');
    const malformed = resolveCertificate('lsn-abc', known);
    expect(malformed.ok === false && malformed.problem).toBe('malformed');
    expect(malformed.ok === false && malformed.message['zh-CN']).toContain('证书ID');
  });
});

describe('planListener', () => {
  it('A as the default: UpdateListenerAttribute.Certificates to B, nothing else', () => {
    const plan = planListener(listener([bound(A, true), bound(OTHER)]), A, B);
    expect(plan).toMatchObject({ action: 'change', role: 'default', resuming: false });
    expect(plan.action === 'change' && plan.steps).toEqual([{ kind: 'replaceDefault', from: A, to: B }]);
  });

  it('A as an extra: associate B, wait until Associated, then dissociate A and wait it out', () => {
    const plan = planListener(listener([bound(OTHER, true), bound(A)]), A, B);
    expect(plan).toMatchObject({ action: 'change', role: 'extra', resuming: false });
    expect(plan.action === 'change' && plan.steps).toEqual([
      { kind: 'associate', certificateId: B },
      { kind: 'awaitAssociated', certificateId: B },
      { kind: 'dissociate', certificateId: A },
      { kind: 'awaitDissociated', certificateId: A },
    ]);
  });

  it('never names another certificate in any step', () => {
    const plans = [
      planListener(listener([bound(OTHER, true), bound(A), bound('14000009-cn-hangzhou')]), A, B),
      planListener(listener([bound(A, true), bound(OTHER), bound(B)]), A, B),
    ];
    for (const plan of plans) {
      expect(plan.action).toBe('change');
      if (plan.action !== 'change') continue;
      for (const step of plan.steps) {
        const named = 'certificateId' in step ? [step.certificateId] : [step.from, step.to];
        for (const id of named) expect([A, B]).toContain(id);
      }
    }
  });

  it('B already associated (an earlier run got that far): only A is removed', () => {
    const plan = planListener(listener([bound(OTHER, true), bound(A), bound(B)]), A, B);
    expect(plan).toMatchObject({ action: 'change', resuming: true });
    expect(plan.action === 'change' && plan.steps).toEqual([
      { kind: 'dissociate', certificateId: A },
      { kind: 'awaitDissociated', certificateId: A },
    ]);
  });

  it('B still associating: waits for it before A goes', () => {
    const plan = planListener(listener([bound(OTHER, true), bound(A), bound(B, false, 'Associating')]), A, B);
    expect(plan.action === 'change' && plan.steps.map((s) => s.kind)).toEqual([
      'awaitAssociated',
      'dissociate',
      'awaitDissociated',
    ]);
  });

  it('A already dissociating: only waits for it to go', () => {
    const plan = planListener(
      listener([bound(OTHER, true), bound(A, false, 'Diassociating'), bound(B)]),
      A,
      B,
    );
    expect(plan).toMatchObject({ action: 'change', resuming: true });
    expect(plan.action === 'change' && plan.steps).toEqual([{ kind: 'awaitDissociated', certificateId: A }]);
  });

  it('B being dissociated by someone: waits it out, then associates it again', () => {
    const plan = planListener(
      listener([bound(OTHER, true), bound(A), bound(B, false, 'Diassociating')]),
      A,
      B,
    );
    expect(plan.action === 'change' && plan.steps.map((s) => s.kind)).toEqual([
      'awaitDissociated',
      'associate',
      'awaitAssociated',
      'dissociate',
      'awaitDissociated',
    ]);
  });

  it('B already the default and A an extra: A is dissociated without associating B', () => {
    const plan = planListener(listener([bound(B, true), bound(A)]), A, B);
    expect(plan.action === 'change' && plan.steps.map((s) => s.kind)).toEqual([
      'dissociate',
      'awaitDissociated',
    ]);
  });

  it('A the default and B an extra: B leaves the extras first (A serving), then becomes the default', () => {
    const plan = planListener(listener([bound(A, true), bound(B)]), A, B);
    expect(plan.action === 'change' && plan.steps).toEqual([
      { kind: 'dissociate', certificateId: B },
      { kind: 'awaitDissociated', certificateId: B },
      { kind: 'replaceDefault', from: A, to: B },
    ]);
  });

  it('A both the default and an extra: the default is replaced, then the extra A removed', () => {
    const plan = planListener(listener([bound(A, true), bound(A)]), A, B);
    expect(plan).toMatchObject({ action: 'change', role: 'default+extra' });
    expect(plan.action === 'change' && plan.steps.map((s) => s.kind)).toEqual([
      'replaceDefault',
      'dissociate',
      'awaitDissociated',
    ]);
  });

  it('names given in the other form still match, and the listener keeps its own spelling', () => {
    const plan = planListener(listener([bound(OTHER, true), bound(A)]), '14000001', '14000002');
    expect(plan.action === 'change' && plan.steps[2]).toEqual({ kind: 'dissociate', certificateId: A });
  });

  it('the default named only by GetListenerAttribute (QUIC, no list answer) is still found', () => {
    const plan = planListener(listener([], { protocol: 'QUIC', defaultCertificateId: A }), A, B);
    expect(plan.action === 'change' && plan.steps).toEqual([{ kind: 'replaceDefault', from: A, to: B }]);
  });

  it('a listener the rotation took on, now on B without A, is done; one that never used A is untouched, and says why', () => {
    expect(planListener(listener([bound(B, true)]), A, B, true)).toMatchObject({ action: 'done' });
    expect(planListener(listener([bound(OTHER, true), bound(B)]), A, B, true)).toMatchObject({
      action: 'done',
    });
    // Holding B is not "already on the new certificate" for a listener that never used A.
    expect(planListener(listener([bound(B, true)]), A, B)).toMatchObject({
      action: 'untouched',
      reason: 'notUsing',
    });
    expect(planListener(listener([bound(OTHER, true), bound(B)]), A, B)).toMatchObject({
      action: 'untouched',
      reason: 'notUsing',
    });
    expect(planListener(listener([bound(OTHER, true)]), A, B)).toMatchObject({
      action: 'untouched',
      reason: 'notUsing',
    });
    expect(planListener(listener([], { protocol: 'HTTP' }), A, B)).toMatchObject({
      action: 'untouched',
      reason: 'noCertificates',
    });
    const ca: BoundCertificate = {
      certificateId: A,
      certificateType: 'Ca',
      isDefault: true,
      status: 'Associated',
    };
    expect(planListener(listener([bound(OTHER, true), ca]), A, B)).toMatchObject({
      action: 'untouched',
      reason: 'caOnly',
    });
  });
});

describe('planRotation', () => {
  it('plans the listeners using A, in order; those that never used A are not in the plan', () => {
    const listeners = [
      listener([bound(A, true)], { listenerId: 'lsn-a' }),
      listener([bound(OTHER, true)], { listenerId: 'lsn-b' }),
      listener([bound(OTHER, true), bound(A)], { listenerId: 'lsn-c' }),
      listener([bound(B, true)], { listenerId: 'lsn-d' }),
      listener([], { listenerId: 'lsn-http', protocol: 'HTTP' }),
    ];
    const plan = planRotation(listeners, A, B);
    expect(plan.listeners.map((l) => [l.listener.listenerId, l.action])).toEqual([
      ['lsn-a', 'change'],
      ['lsn-c', 'change'],
    ]);
    expect(changesOf(plan).map((l) => l.listener.listenerId)).toEqual(['lsn-a', 'lsn-c']);
    expect(concernedBy(plan)).toEqual(['lsn-a', 'lsn-c']);
  });

  it('a rerun: the listeners the earlier run took on and finds on B are done, the others on B stay out', () => {
    const before = [
      listener([bound(A, true)], { listenerId: 'lsn-a' }),
      listener([bound(OTHER, true), bound(A)], { listenerId: 'lsn-c' }),
      listener([bound(B, true)], { listenerId: 'lsn-d' }),
    ];
    const first = planRotation(before, A, B);
    // lsn-a was rotated, lsn-c not yet (its run failed).
    const now = [listener([bound(B, true)], { listenerId: 'lsn-a' }), before[1]!, before[2]!];
    const rerun = planRotation(now, A, B, concernedBy(first));
    expect(rerun.listeners.map((l) => [l.listener.listenerId, l.action])).toEqual([
      ['lsn-a', 'done'],
      ['lsn-c', 'change'],
    ]);
  });

  it('a step token source is the same for the same step whatever the form of the names, and differs per step', () => {
    const step = { kind: 'associate', certificateId: B } as const;
    expect(stepTokenSource({ from: A, to: B }, 'lsn-1', step)).toBe(
      stepTokenSource({ from: '14000001', to: '14000002' }, 'lsn-1', {
        kind: 'associate',
        certificateId: '14000002',
      }),
    );
    expect(stepTokenSource({ from: A, to: B }, 'lsn-1', step)).not.toBe(
      stepTokenSource({ from: A, to: B }, 'lsn-2', step),
    );
    expect(stepTokenSource({ from: A, to: B }, 'lsn-1', step)).not.toBe(
      stepTokenSource({ from: A, to: B }, 'lsn-1', { kind: 'dissociate', certificateId: A }),
    );
  });
});
