import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatten, unflatten } from '../../source/domain/wire.js';

describe('wire format', () => {
  it('flattens arrays 1-based and nested objects with dots, skipping nulls', () => {
    expect(
      flatten({
        Certificates: [{ CertificateId: '1-cn-hangzhou' }],
        DefaultActions: [
          { Type: 'ForwardGroup', ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: 'sgp-1' }] } },
        ],
        DryRun: false,
        ListenerPort: 443,
        Missing: null,
      }),
    ).toEqual({
      'Certificates.1.CertificateId': '1-cn-hangzhou',
      'DefaultActions.1.Type': 'ForwardGroup',
      'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': 'sgp-1',
      DryRun: 'false',
      ListenerPort: '443',
    });
  });

  it('parses flattened keys back, ordering indices numerically', () => {
    const params: Record<string, string> = {};
    for (let i = 1; i <= 12; i++) params[`LoadBalancerIds.${i}`] = `alb-${i}`;
    expect(unflatten(params)).toEqual({
      LoadBalancerIds: Array.from({ length: 12 }, (_, i) => `alb-${i + 1}`),
    });
  });

  it('ignores prototype keys, empty segments and absurd indices', () => {
    const parsed = unflatten({
      '__proto__.polluted': 'x',
      'a..b': 'y',
      'A.99999': 'z',
      'constructor.prototype.x': '1',
    });
    expect(parsed).toEqual({});
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('round-trips any nested value of strings', () => {
    const key = fc.stringMatching(/^[A-Z][A-Za-z]{0,6}$/);
    const leaf = fc.string({ minLength: 1, maxLength: 5 });
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
        fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }), (value) => {
        expect(unflatten(flatten(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});
