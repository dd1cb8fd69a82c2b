#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// React and Ink read NODE_ENV when they load; it must be set before the bundle is imported.
process.env.NODE_ENV ??= 'production';

function isBundleMissing(error) {
  // Only the bundle itself missing means "not built"; anything the bundle fails to load is a real error.
  return (
    error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).startsWith('Cannot find module') &&
    String(error.message).includes("dist/alb-tui.js'")
  );
}

/** In a clone (`npm install` done, `npm start` not yet), `npx alb-tui …` builds the bundle first. */
function buildInClone() {
  const script = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
  if (!existsSync(script)) return false;
  process.stderr.write('alb-tui is not built yet: building it once (npm run build)…\n');
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status === 0;
}

try {
  await import('../dist/alb-tui.js');
} catch (error) {
  if (!isBundleMissing(error)) throw error;
  if (!buildInClone()) {
    process.stderr.write('alb-tui is not built yet: run `npm run build` (or `npm start`).\n');
    process.exit(1);
  }
  await import('../dist/alb-tui.js');
}
