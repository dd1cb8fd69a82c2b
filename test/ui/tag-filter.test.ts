// Tags in the dashboard: `tag:key=value` and `tag:key` filter terms, typed one key at a time, and the
// instance detail line showing the tags.
import { describe, expect, it } from 'vitest';
import { emptyList, withFilter, withRows } from '../../source/ui/dashboard/list-model.js';
import { buildDashboardData, type InstanceRow } from '../../source/ui/dashboard/rows.js';
import { instanceSummary } from '../../source/ui/dashboard/summary.js';
import { seedState } from '../../source/emulator/seed.js';

const state = seedState({ region: 'cn-hangzhou', seed: 3, now: Date.parse('2026-01-01T00:00:00Z') });
const listeners = new Map<string, typeof state.listeners>();
for (const listener of state.listeners) {
  listeners.set(listener.loadBalancerId, [...(listeners.get(listener.loadBalancerId) ?? []), listener]);
}
const data = buildDashboardData(
  { loadBalancers: state.loadBalancers, listenersByLoadBalancer: listeners },
  0,
);
const instances = withRows(emptyList<InstanceRow>(), data.instances, 50);
const idsWith = (test: (tags: { key: string; value: string }[]) => boolean) =>
  state.loadBalancers.filter((lb) => test(lb.tags)).map((lb) => lb.loadBalancerId);

describe('tag filter terms', () => {
  it('tag:env=prod keeps the instances tagged env=prod, exactly', () => {
    const prod = idsWith((tags) => tags.some((t) => t.key === 'env' && t.value === 'prod'));
    expect(prod.length).toBeGreaterThan(0);
    expect(withFilter(instances, 'tag:env=prod', 50).matches.map((r) => r.id)).toEqual(prod);
    expect(withFilter(instances, 'tag:env=pro', 50).matches).toEqual([]);
    expect(withFilter(instances, 'TAG:ENV=PROD', 50).matches.map((r) => r.id)).toEqual(prod);
  });

  it('tag:env keeps every instance with an env tag, whatever its value', () => {
    const any = idsWith((tags) => tags.some((t) => t.key === 'env'));
    // Staging and legacy instances too, not only prod.
    expect(any.length).toBeGreaterThan(idsWith((tags) => tags.some((t) => t.value === 'prod')).length);
    expect(withFilter(instances, 'tag:env', 50).matches.map((r) => r.id)).toEqual(any);
  });

  it('typing a tag term key by key finds the rows at the end (no narrowing from an empty match)', () => {
    let model = instances;
    for (const filter of ['t', 'ta', 'tag', 'tag:', 'tag:e', 'tag:en', 'tag:env', 'tag:env=', 'tag:env=prod'])
      model = withFilter(model, filter, 50);
    expect(model.matches.map((r) => r.id)).toEqual(
      idsWith((tags) => tags.some((t) => t.key === 'env' && t.value === 'prod')),
    );
  });

  it('combines with text terms', () => {
    const matches = withFilter(instances, 'tag:team=web prod', 50).matches;
    expect(matches.length).toBeGreaterThan(0);
    for (const row of matches) expect(row.tags).toContain('team=web');
  });
});

describe('instance detail line', () => {
  it('shows the tags', () => {
    const row = data.instances.find((r) => r.tags.includes('env=prod'))!;
    const text = instanceSummary(row, 'en')
      .map((segment) => segment.text)
      .join('');
    expect(text).toContain('env=prod');
  });
});
