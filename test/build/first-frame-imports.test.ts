// What the first frame loads: the dashboard's static import graph (source/ui/run.tsx and everything it
// imports without `import()`). Views, edit mode and the create/export rules are loaded on demand; a
// static import from a module the dashboard needs (the operations log wrapping the session's client
// once pulled in the exporters' request rules and with them zod) adds their cost to every start-up.
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let loaded: string[];
/** What reading the listing cache loads; it runs beside the dashboard's import, before the first frame. */
let cacheLoaded: string[];
/** What the main thread loads to open a connection, and what the start-up loads before the dashboard. */
let connectLoaded: string[];
let cliLoaded: string[];
/** What the local ALB's worker thread loads before it answers the API. */
let workerLoaded: string[];

function staticClosure(metafile: Metafile, start: string): string[] {
  const seen = new Set([start]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen];
}

beforeAll(async () => {
  const { metafile } = await build({
    entryPoints: [join(root, 'source', 'cli.tsx'), join(root, 'source', 'cli', 'local-alb-worker.ts')],
    absWorkingDir: root,
    outdir: join(root, 'dist', 'unused'),
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    external: ['react-devtools-core'],
    logLevel: 'silent',
  });
  const run = Object.keys(metafile.inputs).find((input) => input === 'source/ui/run.tsx');
  expect(run).toBeDefined();
  loaded = staticClosure(metafile, run!);
  cacheLoaded = staticClosure(metafile, 'source/cli/listing-cache.ts');
  connectLoaded = staticClosure(metafile, 'source/cli/connect.ts');
  cliLoaded = staticClosure(metafile, 'source/cli.tsx');
  workerLoaded = staticClosure(metafile, 'source/cli/local-alb-worker.ts');
}, 60_000);

it('draws the dashboard without loading zod or the create/export request rules', () => {
  expect(loaded).toContain('source/ui/app.tsx');
  expect(loaded).toContain('source/ui/ops/recording-client.ts');
  expect(loaded.filter((input) => /[\\/]node_modules[\\/]zod[\\/]/.test(input))).toEqual([]);
  expect(loaded).not.toContain('source/domain/listener-rules.ts');
  expect(loaded).not.toContain('source/domain/exporters.ts');
});

it('draws the dashboard without loading the SDKs, yaml or the views opened on demand', () => {
  const onDemand = loaded.filter((input) =>
    /node_modules[\\/](@alicloud|yaml)[\\/]|source[\\/]ui[\\/](certs|ops[\\/]ops-view|create|profiles)[\\/]/.test(
      input,
    ),
  );
  expect(onDemand).toEqual([]);
});

it('reads the listing cache without the store, zod, conf or the SDKs', () => {
  expect(cacheLoaded).toContain('source/store/listing-cache.ts');
  const heavy = cacheLoaded.filter(
    (input) =>
      /node_modules[\\/](zod|conf|ajv|@alicloud)[\\/]/.test(input) ||
      /source[\\/](store[\\/](index|store|files|schema)|alb[\\/]|emulator[\\/])/.test(input),
  );
  expect(heavy).toEqual([]);
});

it('opens the connection and lists without the CAS SDK (it is loaded on the first certificate call)', () => {
  expect(
    connectLoaded.filter((input) => /node_modules[\\/]@alicloud[\\/]alb20200616[\\/]/.test(input)),
  ).not.toEqual([]);
  expect(
    connectLoaded.filter((input) => /node_modules[\\/]@alicloud[\\/]cas20200407[\\/]/.test(input)),
  ).toEqual([]);
});

it('leaves the local ALB to its worker thread: the main thread connects without the emulator', () => {
  const emulator = (inputs: string[]) =>
    inputs.filter(
      (input) =>
        /node_modules[\\/]node-forge[\\/]/.test(input) ||
        /source[\\/]emulator[\\/](index|core|server|seed|traffic[\\/])/.test(input),
    );
  expect(connectLoaded).toContain('source/emulator/state-owner.ts');
  expect(emulator(connectLoaded)).toEqual([]);
  // The thread starts before the dashboard's code: starting it loads nothing of the local ALB either.
  expect(cliLoaded).toContain('source/cli/local-alb-thread.ts');
  expect(emulator(cliLoaded)).toEqual([]);
  expect(cliLoaded.filter((input) => /node_modules[\\/]zod[\\/]/.test(input))).toEqual([]);
});

it('opens the local ALB and lists without the store, conf or zod (the store opens after the listing)', () => {
  const heavy = connectLoaded.filter(
    (input) =>
      /node_modules[\\/](zod|conf|ajv)[\\/]/.test(input) ||
      /source[\\/]store[\\/](index|store|files|schema|store-file)\.ts$/.test(input),
  );
  expect(connectLoaded).toContain('source/store/local-connection.ts');
  expect(heavy).toEqual([]);
});

it('answers the API in the local ALB worker without the data plane or node-forge (they load after the first listing)', () => {
  expect(workerLoaded).toContain('source/emulator/core.ts');
  const dataPlane = workerLoaded.filter(
    (input) =>
      /node_modules[\\/]node-forge[\\/]/.test(input) ||
      /source[\\/]emulator[\\/]traffic[\\/](data-plane|local-ca|tls-setup|serve-traffic)\.ts$/.test(input),
  );
  expect(dataPlane).toEqual([]);
});
