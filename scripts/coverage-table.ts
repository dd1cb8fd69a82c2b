// Rewrites the `## Local ALB coverage` section of README.md from the metadata fixtures and the local
// ALB's actions (see test/conformance/coverage.ts). Run: npx tsx scripts/coverage-table.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { currentReadme } from '../test/conformance/coverage.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, await currentReadme(readFileSync(readme, 'utf8')));
console.log('README.md: Local ALB coverage updated');
