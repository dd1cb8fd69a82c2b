// dist/alb-tui.js, what bin/alb-tui.js imports: sets V8's flags, starts the local ALB's thread early
// when the first listing will likely be its, loads Ink's layout engine and runs the app's bundle
// (dist/alb-tui.cjs, from cli.tsx) through the code cache. The build runs it with
// ALB_TUI_MAKE_CODE_CACHE=1 to make the bundles' shipped caches under the same flags.
import { likelyListsLocalAlbFirst, startIdleWorker } from '../cli/idle-local-alb-worker.js';
import { compileBundle, makeShippedCaches } from './run-bundle.js';
import { applyStartupFlags } from './v8-flags.js';
import { loadYoga } from './yoga.js';

const dist = new URL('./', import.meta.url);
applyStartupFlags();
if (process.env['ALB_TUI_MAKE_CODE_CACHE'] === '1') makeShippedCaches(dist);
else {
  if (likelyListsLocalAlbFirst(process.argv.slice(2), process.env))
    startIdleWorker(new URL('./cli/local-alb-worker.js', import.meta.url));
  // Its WebAssembly compiles off this thread while the bundle compiles on it.
  const yoga = loadYoga();
  // The thread's start set V8's young generation growth back: the code cache is stamped with the flags.
  applyStartupFlags();
  const app = compileBundle('alb-tui', dist);
  await yoga;
  app.run();
}
