// Regenerates test/conformance/fixtures/*.json from the official API metadata (the `api-docs.json` files
// of Alibaba Cloud's OpenAPI metadata service; see shared/reference/README.md). Run:
//   npx tsx scripts/trim-metadata.ts <folder holding alb-2020-06-16.api-docs.json and cas-2020-04-07.api-docs.json> [--also Action,Action]
// Each fixture keeps every action's name (for the coverage table) and, for the actions the local ALB
// implements (plus those a fixture already holds in full and any `--also`), their parameters, reply
// schema and error codes — without titles, examples and descriptions (except DryRun's, which names the
// code a passed dry run answers).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { AlbCore } from '../source/emulator/core.js';
import { seedState } from '../source/emulator/seed.js';

export const FIXTURES = [
  { product: 'alb', file: 'alb-2020-06-16.api-docs.json', fixture: 'alb-2020-06-16.json' },
  { product: 'cas', file: 'cas-2020-04-07.api-docs.json', fixture: 'cas-2020-04-07.json' },
] as const;
const FIXTURE_DIR = new URL('../test/conformance/fixtures/', import.meta.url);
const SOURCE = 'dew-serverless/acs-sdk-php @ 2da261e4 (June 2024), data/<product>/<version>/api-docs.json';
const DROPPED_KEYS = new Set([
  'title',
  'description',
  'example',
  'exampleValue',
  'enumValueTitles',
  'docRequired',
]);

type Json = unknown;

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => (DROPPED_KEYS.has(key) ? [] : [[key, strip(inner)]])),
  );
}

interface RawParameter {
  name: string;
  in: string;
  style?: string;
  schema: { description?: string } & Record<string, unknown>;
}

interface RawApi {
  parameters?: RawParameter[];
  responses?: Record<string, { schema?: Json }>;
  errorCodes?: Record<string, { errorCode: string }[]>;
}

function trimApi(api: RawApi): Json {
  return {
    parameters: (api.parameters ?? []).map((parameter) => ({
      ...(strip(parameter) as object),
      ...(parameter.name === 'DryRun' && parameter.schema.description
        ? { dryRunDescription: parameter.schema.description }
        : {}),
    })),
    response: strip(api.responses?.['200']?.schema ?? {}),
    errorCodes: Object.fromEntries(
      Object.entries(api.errorCodes ?? {}).map(([status, list]) => [
        status,
        [...new Set(list.map((e) => e.errorCode))],
      ]),
    ),
  };
}

async function main(): Promise<void> {
  const [folder, ...rest] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: tsx scripts/trim-metadata.ts <folder with the *.api-docs.json files> [--also A,B]');
    process.exit(2);
  }
  const alsoIndex = rest.indexOf('--also');
  const also = alsoIndex >= 0 ? (rest[alsoIndex + 1] ?? '').split(',').filter(Boolean) : [];
  const core = new AlbCore(seedState({ region: 'cn-hangzhou', seed: 1, now: Date.now() }), {
    now: Date.now,
    provisioningDelayMs: 0,
    onChange: () => undefined,
  });
  const implemented = core.actions();
  core.close();
  for (const { product, file, fixture } of FIXTURES) {
    const docs = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
      info?: { version?: string };
      apis: Record<string, RawApi>;
    };
    const target = new URL(fixture, FIXTURE_DIR);
    const previous = existsSync(target)
      ? (JSON.parse(readFileSync(target, 'utf8')) as { apis: Record<string, unknown> }).apis
      : {};
    const wanted = new Set([...implemented[product], ...Object.keys(previous), ...also]);
    const apis: Record<string, Json> = {};
    for (const name of [...wanted].sort()) {
      const api = docs.apis[name];
      if (api) apis[name] = trimApi(api);
    }
    const output = {
      source: SOURCE.replace('<product>', product).replace('<version>', fixture.slice(4, 14)),
      generatedBy: 'scripts/trim-metadata.ts',
      actions: Object.keys(docs.apis).sort(),
      apis,
    };
    // Formatted as `prettier --check` wants it, so regenerating never leaves a lint failure behind.
    const path = fileURLToPath(target);
    const options = await resolveConfig(path);
    writeFileSync(target, await format(JSON.stringify(output), { ...options, filepath: path }));
    console.log(`${fixture}: ${output.actions.length} actions, ${Object.keys(apis).length} in full`);
  }
}

await main();
