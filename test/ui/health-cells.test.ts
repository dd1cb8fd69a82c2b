// The health column's cells: made for the rows that ask, once per summary read.
import { describe, expect, it } from 'vitest';
import type { HealthSummary } from '../../source/domain/server-health.js';
import { healthCells } from '../../source/ui/dashboard/use-health-reads.js';

const summary = (healthy: number, total: number): HealthSummary => ({
  healthy,
  total,
  unhealthy: total - healthy,
  initial: 0,
});

describe('healthCells', () => {
  it('gives each listener read its cell, nothing for the others', () => {
    const cells = healthCells(
      new Map([
        ['lsn-a', summary(2, 3)],
        ['lsn-b', summary(0, 2)],
      ]),
    );
    expect(cells.get('lsn-a')).toEqual({ text: '2/3', tone: 'warning' });
    expect(cells.get('lsn-b')).toEqual({ text: '0/2', tone: 'danger' });
    expect(cells.get('lsn-c')).toBeUndefined();
    expect(healthCells(undefined).get('lsn-a')).toBeUndefined();
  });

  it('makes a summary’s cell once, however many reads of other listeners follow', () => {
    const read = summary(3, 3);
    const before = new Map([['lsn-a', read]]);
    const after = new Map([...before, ['lsn-b', summary(1, 3)]]);
    const cell = healthCells(before).get('lsn-a');
    // The same object: a memoised row showing it sees no change when another listener is read.
    expect(healthCells(after).get('lsn-a')).toBe(cell);
    // A new read of the same listener is a new summary, and a new cell.
    expect(healthCells(new Map([['lsn-a', summary(2, 3)]])).get('lsn-a')).toEqual({
      text: '2/3',
      tone: 'warning',
    });
  });
});
