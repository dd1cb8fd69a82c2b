// What both boots share: the build's identity and where the code caches live.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../store/paths.js';
import {
  compileCachedBundle,
  makeShippedCache,
  type CachedBundle,
  type CompiledBundle,
} from './code-cache.js';

/** The bundles' content hash, put in by the build. */
declare const ALB_TUI_BUILD_ID: string;

/** The latest the user's code cache is kept, when the app has not said its first listing is drawn. */
const SAVE_AFTER_MS = 5000;

/** The bundles the boots run, by name: where each is, relative to dist/. */
export const BUNDLES = {
  'alb-tui': 'alb-tui.cjs',
  'local-alb-worker': 'cli/local-alb-worker.cjs',
} as const;

export type BundleName = keyof typeof BUNDLES;

function bundleOf(name: BundleName, distUrl: URL): CachedBundle {
  const off = process.env['ALB_TUI_CODE_CACHE'] === '0';
  return {
    file: fileURLToPath(new URL(BUNDLES[name], distUrl)),
    name,
    buildId: ALB_TUI_BUILD_ID,
    cacheDir: off ? undefined : path.join(cacheDir(), 'code'),
    shippedDir: fileURLToPath(new URL('code-cache/', distUrl)),
    saveAfterMs: SAVE_AFTER_MS,
  };
}

/**
 * Compiles dist/'s bundle `name` through the code cache (none of the user's with
 * ALB_TUI_CODE_CACHE=0). With ALB_TUI_CODE_CACHE_LOG set, appends which cache it was compiled with to
 * that file (`alb-tui user`).
 */
export function compileBundle(name: BundleName, distUrl: URL): CompiledBundle {
  const compiled = compileCachedBundle(bundleOf(name, distUrl));
  const log = process.env['ALB_TUI_CODE_CACHE_LOG'];
  if (log) appendFileSync(log, `${name} ${compiled.outcome}\n`);
  return compiled;
}

/** The build's caches of every bundle (`ALB_TUI_MAKE_CODE_CACHE=1 node dist/alb-tui.js`). */
export function makeShippedCaches(distUrl: URL): void {
  for (const name of Object.keys(BUNDLES) as BundleName[]) makeShippedCache(bundleOf(name, distUrl));
}
