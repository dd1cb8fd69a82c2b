// dist/cli/local-alb-worker.js, the local ALB's worker thread: runs its bundle
// (dist/cli/local-alb-worker.cjs, from cli/local-alb-worker.ts) through the code cache. The flags are
// set again first: the thread's start set V8's young generation growth back (v8-flags.ts).
import { compileBundle } from './run-bundle.js';
import { applyStartupFlags } from './v8-flags.js';

applyStartupFlags();
compileBundle('local-alb-worker', new URL('../', import.meta.url)).run();
