// The README's coverage table is the one the metadata and the local ALB's actions give today.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { coverageTable, currentReadme, END, START } from './coverage.js';
import { implementedActions } from './implemented.js';
import { METADATA } from './metadata.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README coverage table is current (run npm run coverage-table)', async () => {
  expect(await currentReadme(readme)).toBe(readme);
});

test('the table lists every ALB and CAS action, and marks as implemented exactly what the local ALB answers', () => {
  const table = coverageTable();
  const rows = table.split('\n').filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| Action'));
  expect(rows).toHaveLength(METADATA.alb.actions.length + METADATA.cas.actions.length);
  const marked = rows.filter((r) => r.split('|')[2]!.trim() === 'yes').map((r) => r.split('|')[1]!.trim());
  const implemented = implementedActions();
  expect(marked.sort()).toEqual([...implemented.alb, ...implemented.cas].sort());
  // Every implemented action is in the metadata (a typo in an action name would be invisible otherwise).
  for (const action of implemented.alb) expect(METADATA.alb.actions).toContain(action);
  for (const action of implemented.cas) expect(METADATA.cas.actions).toContain(action);
  expect(table.startsWith(START) && table.endsWith(END)).toBe(true);
});
