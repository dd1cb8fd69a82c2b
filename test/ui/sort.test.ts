import { describe, expect, it } from 'vitest';
import { buildDashboardData } from '../../source/ui/dashboard/rows.js';
import { nextSort, parseSort, sortInstances, sortListeners } from '../../source/ui/dashboard/sort.js';
import { instance, listener } from './fake-client.js';

function data() {
  const lbs = [
    instance('alb-3', 'web-10'),
    instance('alb-1', 'web-9'),
    instance('alb-2', '北京', { loadBalancerStatus: 'Inactive' }),
  ];
  const listeners = [
    listener('l1', 'alb-3', 'QUIC', 443, 'b'),
    listener('l2', 'alb-3', 'HTTPS', 443, 'a', { listenerStatus: 'Stopped' }),
    listener('l3', 'alb-3', 'HTTP', 80, 'c', { listenerStatus: 'Provisioning' }),
  ];
  return buildDashboardData(
    { loadBalancers: lbs, listenersByLoadBalancer: new Map([['alb-3', listeners]]) },
    0,
  );
}

describe('sort', () => {
  it('keeps the API order without a sort', () => {
    const rows = data().instances;
    expect(sortInstances(rows, undefined)).toBe(rows);
  });

  it('sorts names with numbers by value, and Chinese names by pinyin', () => {
    const names = sortInstances(data().instances, { key: 'name', direction: 'asc' }).map((r) => r.name);
    expect(names.indexOf('web-9')).toBeLessThan(names.indexOf('web-10'));
    const chinese = buildDashboardData(
      {
        loadBalancers: [instance('a', '上海'), instance('b', '北京'), instance('c', '杭州')],
        listenersByLoadBalancer: new Map(),
      },
      0,
    ).instances;
    expect(sortInstances(chinese, { key: 'name', direction: 'asc' }).map((r) => r.name)).toEqual([
      '北京',
      '杭州',
      '上海',
    ]);
  });

  it('sorts listeners by port, then protocol; by status in lifecycle order', () => {
    const rows = data().listeners;
    expect(sortListeners(rows, { key: 'port', direction: 'asc' }).map((r) => r.id)).toEqual([
      'l3',
      'l2',
      'l1',
    ]);
    expect(sortListeners(rows, { key: 'port', direction: 'desc' }).map((r) => r.id)).toEqual([
      'l1',
      'l2',
      'l3',
    ]);
    expect(sortListeners(rows, { key: 'status', direction: 'asc' }).map((r) => r.status)).toEqual([
      'Running',
      'Provisioning',
      'Stopped',
    ]);
    expect(sortListeners(rows, { key: 'name', direction: 'asc' }).map((r) => r.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('sorts the same rows the same way only once', () => {
    const rows = data().listeners;
    const spec = { key: 'port', direction: 'asc' } as const;
    expect(sortListeners(rows, spec)).toBe(sortListeners(rows, { ...spec }));
  });

  it('turns around on the same key and starts ascending on another', () => {
    expect(nextSort(undefined, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'port')).toEqual({ key: 'port', direction: 'asc' });
  });

  it('reads back only sorts the list knows', () => {
    expect(parseSort('listeners', { key: 'port', direction: 'desc' })).toEqual({
      key: 'port',
      direction: 'desc',
    });
    expect(parseSort('instances', { key: 'port', direction: 'asc' })).toBeUndefined();
    expect(parseSort('instances', { key: 'name', direction: 'sideways' })).toBeUndefined();
    expect(parseSort('instances', undefined)).toBeUndefined();
  });
});
