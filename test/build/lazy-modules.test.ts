// The bundle evaluates some modules on first use rather than at start-up (scripts/build.mjs): the ALB
// SDK's ~500 model modules, conf's ajv and semver, the SDK runtime's WebSocket/proxy/XML support.
// The stand-ins must behave as the real modules do, and must not evaluate them before they are used.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lazyCommonJs, lazySdkModels } from '../../scripts/build.mjs';

const root = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alb-tui-lazy-modules-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles `source` (an ES module) as the app's build would, with `plugins`, and imports it. */
async function bundle(name: string, source: string, plugins: Plugin[]): Promise<Record<string, unknown>> {
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  const outfile = join(dir, `${name}.out.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    nodePaths: [join(dir, 'node_modules'), join(root, 'node_modules')],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins,
  });
  return (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
}

it('keeps every ALB SDK model reachable through the lazy index, as the real classes', async () => {
  const mod = await bundle(
    'models',
    `import * as models from '@alicloud/alb20200616/dist/models/model.js';
export { models };`,
    [lazySdkModels()],
  );
  const models = mod['models'] as Record<string, new (map?: Record<string, unknown>) => object>;
  const Request = models['ListListenersRequest']!;
  const request = new Request({ maxResults: 10, loadBalancerIds: ['alb-1'] });
  expect(request).toMatchObject({ maxResults: 10, loadBalancerIds: ['alb-1'] });
  expect(Object.keys(models)).toContain('UpdateListenerAttributeRequest');
  expect(models['ListListenersRequest']).toBe(Request);
});

it('turns the model index into per-model requires, and fails the build when its shape changes', async () => {
  const pluginBuild = await build({
    entryPoints: [join(root, 'node_modules', '@alicloud', 'alb20200616', 'dist', 'models', 'model.js')],
    write: false,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: [lazySdkModels()],
  });
  const text = pluginBuild.outputFiles[0]!.text;
  expect(text).toMatch(
    /function ListListenersRequest_1\(\) \{\s*return require\("\.\/ListListenersRequest"\);/,
  );
  expect(text).not.toMatch(/var ListListenersRequest_1 = require/);
  const fake = join(dir, 'node_modules', '@alicloud', 'alb20200616', 'dist', 'models');
  mkdirSync(fake, { recursive: true });
  writeFileSync(join(fake, 'model.js'), 'exports.Nothing = 1;\n');
  await expect(
    build({
      entryPoints: [join(fake, 'model.js')],
      write: false,
      logLevel: 'silent',
      plugins: [lazySdkModels()],
    }),
  ).rejects.toThrow(/not the model index/);
});

it('requires a stood-in module only on first use', async () => {
  const heavy = join(dir, 'node_modules', 'heavy-module');
  mkdirSync(heavy, { recursive: true });
  writeFileSync(
    join(heavy, 'index.js'),
    'globalThis.heavyEvaluations = (globalThis.heavyEvaluations ?? 0) + 1;\nexports.answer = () => 42;\n',
  );
  const mod = await bundle(
    'heavy-entry',
    `import { answer } from 'heavy-module';
export const before = globalThis.heavyEvaluations ?? 0;
export const use = () => answer();`,
    [lazyCommonJs([{ importer: /[\\/]heavy-entry\.mjs$/, modules: ['heavy-module'] }])],
  );
  // The build reads the module's export names by requiring it once, in the build's own process.
  const evaluations = () => (globalThis as { heavyEvaluations?: number }).heavyEvaluations ?? 0;
  const atBuild = evaluations();
  expect(mod['before']).toBe(atBuild);
  expect((mod['use'] as () => number)()).toBe(42);
  expect((mod['use'] as () => number)()).toBe(42);
  expect(evaluations()).toBe(atBuild + 1);
});

it('stands in for semver, ajv, ajv-formats and ws with their named, default and constructor exports', async () => {
  const mod = await bundle(
    'lazy-entry',
    `import semver from 'semver';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import WebSocket from 'ws';
export const gt = semver.gt('1.2.0', '1.1.9');
const ajv = new Ajv2020();
ajvFormats.default(ajv);
export const valid = ajv.validate({ type: 'string', format: 'email' }, 'a@b.cn');
export const invalid = ajv.validate({ type: 'string', format: 'email' }, 'nope');
export const isWsClass = typeof WebSocket === 'function' && WebSocket.OPEN === 1;`,
    [
      lazyCommonJs([
        { importer: /[\\/]lazy-entry\.mjs$/, modules: ['semver', 'ajv/dist/2020.js', 'ajv-formats', 'ws'] },
      ]),
    ],
  );
  expect(mod).toMatchObject({ gt: true, valid: true, invalid: false, isWsClass: true });
  expect(readFileSync(join(dir, 'lazy-entry.out.mjs'), 'utf8')).toMatch(/lazy-cjs:.*semver/);
});
