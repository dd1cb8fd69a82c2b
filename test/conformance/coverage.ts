// The coverage table of the README (`## Local ALB coverage`): every ALB and CAS action of the metadata,
// whether the local ALB implements it, and which conformance checks cover it. The checks' own tests
// require every implemented action to be in their tables, so "implemented" means "covered by all three".
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { implementedActions } from './implemented.js';
import { METADATA, type Product } from './metadata.js';
import { REPLY_CALLS } from './replies.js';

export const START = '<!-- coverage:start -->';
export const END = '<!-- coverage:end -->';

const TITLES: Record<Product, string> = { alb: 'ALB 2020-06-16', cas: 'CAS 2020-04-07' };

export function coverageTable(): string {
  const implemented = implementedActions();
  const lines = [
    START,
    '## Local ALB coverage',
    '',
    'Generated from the official API metadata (`npm run coverage-table`; a test fails when it is out of date).',
    'Checks (test/conformance/): **replies** — every reply, for every kind and state of resource, has only',
    'fields the metadata or the current SDK knows, with the right types, and the fields ALB returns;',
    '**parameters** — every request parameter the metadata defines has a behaviour test; **refusals** — every',
    'refusal is a code and HTTP status the action lists (or one the gateway answers for any action).',
  ];
  for (const product of ['alb', 'cas'] as const) {
    const done = new Set(implemented[product]);
    const actions = METADATA[product].actions;
    lines.push(
      '',
      `### ${TITLES[product]}: ${done.size} of ${actions.length} actions`,
      '',
      '| Action | Local ALB | Replies | Parameters | Refusals |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const action of actions) {
      const has = done.has(action);
      const mark = (covered: boolean): string => (covered ? '✓' : '');
      lines.push(
        `| ${action} | ${has ? 'yes' : '–'} | ${mark(has && Boolean(REPLY_CALLS[product][action]))} | ${mark(has)} | ${mark(has)} |`,
      );
    }
  }
  lines.push(END);
  return lines.join('\n');
}

/** `readme` with its coverage section replaced by `table` (markers included). */
export function withCoverage(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return readme.slice(0, start) + table + readme.slice(end + END.length);
}

/** The README with a current coverage section, formatted as `prettier --check` wants it. */
export async function currentReadme(readme: string): Promise<string> {
  const path = fileURLToPath(new URL('../../README.md', import.meta.url));
  const options = await resolveConfig(path);
  return format(withCoverage(readme, coverageTable()), { ...options, filepath: path });
}
