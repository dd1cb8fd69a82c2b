#!/usr/bin/env node
// CommonJS (bin/package.json), as is the bundle's boot: an ES module entry costs Node its ES module
// loader's start, about 5 ms before anything of the app runs.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

// React and Ink read NODE_ENV when they load; it must be set before the bundle is loaded.
process.env.NODE_ENV ??= 'production';

const BUNDLE = path.join(__dirname, '..', 'dist', 'alb-tui.js');

function isBundleMissing(error) {
  // Only the bundle itself missing means "not built"; anything the bundle fails to load is a real error.
  return (
    error &&
    error.code === 'MODULE_NOT_FOUND' &&
    String(error.message).startsWith(`Cannot find module '${BUNDLE}'`)
  );
}

/** In a clone (`npm install` done, `npm start` not yet), `npx alb-tui …` builds the bundle first. */
function buildInClone() {
  const script = path.join(__dirname, '..', 'scripts', 'build.mjs');
  if (!existsSync(script)) return false;
  process.stderr.write('alb-tui is not built yet: building it once (npm run build)…\n');
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status === 0;
}

try {
  require(BUNDLE);
} catch (error) {
  if (!isBundleMissing(error)) throw error;
  if (!buildInClone()) {
    process.stderr.write('alb-tui is not built yet: run `npm run build` (or `npm start`).\n');
    process.exit(1);
  }
  require(BUNDLE);
}
