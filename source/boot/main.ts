// dist/alb-tui.js, what bin/alb-tui.js loads: sets V8's flags, loads Ink's layout engine, compiles
// the app's bundle (dist/alb-tui.cjs, from cli.tsx) through the code cache, starts the local ALB's
// thread when the first listing will likely be its, and runs the app. The build runs it with
// ALB_TUI_MAKE_CODE_CACHE=1 to make the bundles' shipped caches under the same flags.
import { likelyListsLocalAlbFirst, startIdleWorker } from '../cli/idle-local-alb-worker.js';
import { compileBundle, makeShippedCaches } from './run-bundle.js';
import { applyStartupFlags } from './v8-flags.js';
import { loadYoga } from './yoga.js';

const dist = new URL('./', import.meta.url);
applyStartupFlags();
if (process.env['ALB_TUI_MAKE_CODE_CACHE'] === '1') makeShippedCaches(dist);
else {
  // Its WebAssembly compiles off this thread while the bundle compiles on it.
  const yoga = loadYoga();
  const app = compileBundle('alb-tui', dist);
  // Once the bundle is compiled: started before, the thread's own start (on the other core) slowed
  // the compile, and the first frame with it (180 -> 195 ms); started at the dashboard's, later, the
  // fresh listing waited for it (310 -> 356 ms). Its start also sets V8's young generation growth back,
  // which the worker's boot sets again: after the compile, the code cache's stamp is not touched.
  if (likelyListsLocalAlbFirst(process.argv.slice(2), process.env))
    startIdleWorker(new URL('./cli/local-alb-worker.js', import.meta.url));
  void yoga.then(() => app.run());
}
