import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth } from '../../source/domain/text.js';
import {
  fitColumns,
  instanceColumns,
  listenerColumns,
  listenerContentWidths,
  rowSegments,
  titleLine,
} from '../../source/ui/dashboard/columns.js';
import {
  buildDashboardData,
  daysUntil,
  expiryTone,
  policyLabel,
  withoutListener,
} from '../../source/ui/dashboard/rows.js';
import { instance, listener, sampleData } from './fake-client.js';

const ESCAPES = '\x1b[2J\x1b[31mred\x1b]52;c;aGk=\x07\x1b]0;title\x07';

function snapshotOf(data = sampleData()) {
  const byInstance = new Map(
    data.loadBalancers.map((lb) => [
      lb.loadBalancerId,
      data.listeners.filter((l) => l.loadBalancerId === lb.loadBalancerId),
    ]),
  );
  return {
    loadBalancers: data.loadBalancers,
    listenersByLoadBalancer: byInstance,
    serverGroups: data.serverGroups,
    certificates: data.certificates,
  };
}

describe('rows', () => {
  it('sanitises names so no escape sequence reaches the terminal', () => {
    const data = sampleData();
    data.loadBalancers[0]!.loadBalancerName = `evil${ESCAPES}`;
    data.listeners[0]!.listenerDescription = `bad\x07name${ESCAPES}\u202e`;
    const built = buildDashboardData(snapshotOf(data), 0);
    for (const text of [built.instances[0]!.name, built.listeners[0]!.name]) {
      expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    }
    expect(built.instances[0]!.name).toBe('evilred');
    expect(built.listeners[0]!.name).toBe('bad␇namered');
  });

  it('names the server group, counts listeners, and searches both languages', () => {
    const built = buildDashboardData(snapshotOf(), 0);
    expect(built.listeners[0]!.serverGroup).toBe('web-frontend');
    expect(built.instances.map((row) => row.listenerCount)).toEqual([3, 2, 0]);
    expect(built.listeners[0]!.search).toContain('running');
    expect(built.listeners[0]!.search).toContain('运行中');
  });

  it("searches a listener's instance by name and ID, and a status word once", () => {
    const data = sampleData();
    data.loadBalancers[0]!.loadBalancerName = 'Web-Prod';
    const built = buildDashboardData(snapshotOf(data), 0);
    const own = built.listenersByInstance.get(built.instances[0]!.id)!;
    expect(own.length).toBeGreaterThan(1);
    for (const row of own) expect(row.contextSearch).toBe(`web-prod ${built.instances[0]!.id}`);
    // Once when the English word is the API's value itself (both find it), with the zh-CN word.
    expect(own[0]!.search.match(/running/g)).toHaveLength(1);
    expect(own[0]!.search).toContain('运行中');
  });

  it('reuses rows that did not change and replaces those that did', () => {
    const first = buildDashboardData(snapshotOf(), 0);
    const data = sampleData();
    data.listeners[1]!.listenerStatus = 'Stopped';
    const second = buildDashboardData(snapshotOf(data), 1, first);
    expect(second.listeners[0]).toBe(first.listeners[0]);
    expect(second.listeners[1]).not.toBe(first.listeners[1]);
    expect(second.instances[1]).toBe(first.instances[1]);
  });

  it('keeps the certificates of the last listing when the certificate service fails', () => {
    const first = buildDashboardData(snapshotOf(), 0);
    const { certificates: _gone, ...withoutCerts } = snapshotOf();
    expect(buildDashboardData(withoutCerts, 1, first).certificates.size).toBe(1);
  });

  it('removes a deleted listener and counts again', () => {
    const built = buildDashboardData(snapshotOf(), 0);
    const after = withoutListener(built, 'lsn-web-http');
    expect(after.listeners).toHaveLength(4);
    expect(after.listenersByInstance.get('alb-web')).toHaveLength(2);
    expect(after.instances[0]!.listenerCount).toBe(2);
    expect(withoutListener(after, 'nope')).toBe(after);
  });

  it('tells expiry in days and colours it', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(daysUntil('2026-01-31', now)).toBe(30);
    expect(daysUntil('not a date', now)).toBeUndefined();
    expect(expiryTone(-1)).toBe('danger');
    expect(expiryTone(30)).toBe('warning');
    expect(expiryTone(31)).toBe('good');
  });
});

describe('columns', () => {
  const data = (() => {
    const sample = sampleData();
    sample.loadBalancers.push(instance('alb-long', '非常长的中文实例名称用来测试截断是否正确对齐'));
    sample.listeners.push(listener('lsn-long', 'alb-long', 'HTTPS', 65535, '很长很长的监听名称😀需要被截断'));
    return buildDashboardData(snapshotOf(sample), 0);
  })();
  const context = { lang: 'en' as const, deleting: new Set<string>() };

  it('makes every row exactly the pane width in cells, Chinese and emoji included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 200 }),
        fc.constantFrom('en' as const, 'zh-CN' as const),
        fc.boolean(),
        (width, lang, all) => {
          const instanceCols = fitColumns(instanceColumns(lang), width);
          for (const row of data.instances) {
            const text = rowSegments(row, instanceCols, { lang, deleting: new Set() }, false, width)
              .map((s) => s.text)
              .join('');
            expect(cellWidth(text)).toBe(width);
          }
          const listenerCols = fitColumns(listenerColumns(lang, all), width);
          for (const row of data.listeners) {
            const text = rowSegments(row, listenerCols, { lang, deleting: new Set([row.id]) }, true, width)
              .map((s) => s.text)
              .join('');
            expect(cellWidth(text)).toBe(width);
            expect(text).not.toContain('\n');
          }
          expect(cellWidth(titleLine(listenerCols, lang, width))).toBe(width);
        },
      ),
    );
  });

  it('cuts long names with an ellipsis, never mid-character', () => {
    const cols = fitColumns(instanceColumns('en'), 40);
    const row = data.instances.find((r) => r.id === 'alb-long')!;
    const text = rowSegments(row, cols, context, false, 40)
      .map((s) => s.text)
      .join('');
    expect(text).toContain('…');
    expect(text).not.toContain('\ufffd');
  });

  it('drops the least important columns first when narrow', () => {
    const wide = fitColumns(listenerColumns('en', false), 160).map((c) => c.spec.id);
    expect(wide).toEqual(['protocol', 'port', 'name', 'status', 'health', 'serverGroup', 'policy', 'id']);
    const narrow = fitColumns(listenerColumns('en', false), 56).map((c) => c.spec.id);
    expect(narrow).toEqual(['protocol', 'port', 'name', 'status', 'health']);
    const tiny = fitColumns(instanceColumns('en'), 34).map((c) => c.spec.id);
    expect(tiny).toEqual(['name', 'status']);
  });

  it('keeps the instance ID longer than the address type', () => {
    const ids = (width: number) => fitColumns(instanceColumns('en'), width).map((c) => c.spec.id);
    // Room for the ID (24 cells) but not for the address type as well.
    expect(ids(88)).toEqual(['name', 'status', 'listeners', 'edition', 'id']);
    expect(ids(200)).toContain('address');
    for (const width of [40, 60, 88, 120, 200]) {
      if (ids(width).includes('address')) expect(ids(width)).toContain('id');
    }
  });

  it('shows Deleting… for a listener being deleted, and colours statuses', () => {
    const cols = fitColumns(listenerColumns('en', false), 100);
    const row = data.listeners.find((r) => r.id === 'lsn-web-8080')!;
    const deleting = rowSegments(row, cols, { lang: 'en', deleting: new Set([row.id]) }, false, 100);
    expect(deleting.find((s) => s.text.includes('Deleting…'))?.tone).toBe('warning');
    const stopped = rowSegments(row, cols, context, false, 100);
    expect(stopped.find((s) => s.text.includes('Stopped'))?.tone).toBe('danger');
    const zh = rowSegments(
      row,
      fitColumns(listenerColumns('zh-CN', false), 100),
      { lang: 'zh-CN', deleting: new Set() },
      false,
      100,
    );
    expect(zh.find((s) => s.text.includes('已停止'))?.tone).toBe('danger');
  });
});

describe('TLS policy names', () => {
  const custom = {
    securityPolicyId: 'spy-abc',
    securityPolicyName: 'pci-dss-strict',
    kind: 'custom' as const,
    tlsVersions: ['TLSv1.2'],
    ciphers: [],
  };
  const policies = new Map([[custom.securityPolicyId, custom]]);

  it('calls a custom policy by its name, a system one by its short ID, an unknown one by its ID', () => {
    expect(policyLabel('spy-abc', policies)).toBe('pci-dss-strict');
    expect(policyLabel('tls_cipher_policy_1_2_strict_with_1_3', policies)).toBe('tls_1_2_strict_with_1_3');
    expect(policyLabel('spy-unknown', policies)).toBe('spy-unknown');
    expect(policyLabel('spy-abc', new Map([['spy-abc', { ...custom, securityPolicyName: '' }]]))).toBe(
      'spy-abc',
    );
  });

  it('names them in the rows, finds them by name or ID, and keeps names a failed read could not give', () => {
    const data = sampleData();
    data.listeners.push(
      listener('lsn-pci', 'alb-web', 'HTTPS', 8443, 'pci', { securityPolicyId: 'spy-abc' }),
    );
    const first = buildDashboardData({ ...snapshotOf(data), securityPolicies: [custom] }, 1);
    const row = first.listeners.find((candidate) => candidate.id === 'lsn-pci')!;
    expect(row.securityPolicy).toBe('pci-dss-strict');
    expect(row.search).toContain('pci-dss-strict');
    expect(row.search).toContain('spy-abc');
    const again = buildDashboardData(snapshotOf(data), 2, first);
    expect(again.listeners.find((candidate) => candidate.id === 'lsn-pci')?.securityPolicy).toBe(
      'pci-dss-strict',
    );
  });

  it('sizes the policy and server group columns to the longest name, never cutting one with room to spare', () => {
    const data = sampleData();
    data.listeners.push(
      listener('lsn-13', 'alb-web', 'HTTPS', 9443, 'x', {
        securityPolicyId: 'tls_cipher_policy_1_2_strict_with_1_3',
      }),
    );
    const rows = buildDashboardData(snapshotOf(data), 1).listeners;
    const widths = listenerContentWidths(rows);
    expect(widths.policy).toBe(cellWidth('tls_1_2_strict_with_1_3'));
    const fitted = fitColumns(listenerColumns('en', false, widths), 110);
    const policy = fitted.find((column) => column.spec.id === 'policy');
    expect(policy?.width).toBe(widths.policy);
    const line = rows
      .map((r) =>
        rowSegments(r, fitted, { lang: 'en', deleting: new Set() }, false, 110)
          .map((s) => s.text)
          .join(''),
      )
      .join('\n');
    expect(line).toContain('tls_1_2_strict_with_1_3');
    expect(line).not.toContain('…');
  });
});
