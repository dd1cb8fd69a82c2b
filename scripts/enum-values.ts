// Writes test/ui/fixtures/alb-enum-values.json, the values the official API metadata lists for each
// enumerated field the screen shows (test/ui/enum-sources.ts says where). Run:
//   npx tsx scripts/enum-values.ts <folder holding alb-2020-06-16.api-docs.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumValues, type Metadata } from '../test/ui/enum-sources.js';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npx tsx scripts/enum-values.ts <folder holding alb-2020-06-16.api-docs.json>');
  process.exit(2);
}
const metadata = JSON.parse(readFileSync(join(folder, 'alb-2020-06-16.api-docs.json'), 'utf8')) as Metadata;
const out = new URL('../test/ui/fixtures/alb-enum-values.json', import.meta.url);
const fixture = {
  source: 'alb-2020-06-16.api-docs.json (see shared/reference/README.md)',
  generatedBy: 'npx tsx scripts/enum-values.ts <reference folder>',
  ...enumValues(metadata),
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
