// Bundles the app into dist/alb-tui.js plus chunks for what is imported on demand (the SDKs, the
// local ALB, the subcommands), so the first frame waits only for what it draws. `--if-stale` skips
// the build when the bundle is newer than every source file, so `npm start` stays fast after the
// first run.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'alb-tui.js');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isStale() {
  if (!existsSync(outfile)) return true;
  const inputs = ['source', 'package.json', 'package-lock.json', 'scripts/build.mjs']
    .map((p) => join(root, p))
    .filter((p) => existsSync(p));
  const newestInput = Math.max(...inputs.map(newestMtime));
  return newestInput > statSync(outfile).mtimeMs;
}

function stubModules(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[-/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'stub-modules',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'stub' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
        contents: 'export default { initialize() {}, connectToDevTools() {} };',
        loader: 'js',
      }));
    },
  };
}

/**
 * Points Ink's `string-width` (and that of its helpers) at source/domain/cell-width.ts, which gives
 * the same answers without segmenting and regex-testing every line of every frame; its first call on
 * non-ASCII text alone cost about 40 ms of start-up. Only the copy cell-width.ts wraps is replaced:
 * a package with its own nested version keeps it.
 */
function fastStringWidth() {
  const wrapper = join(root, 'source', 'domain', 'cell-width.ts');
  const original = join(root, 'node_modules', 'string-width', 'index.js');
  return {
    name: 'fast-string-width',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.pluginData?.original || args.importer.startsWith(join(root, 'source'))) return undefined;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { original: true },
        });
        if (resolved.errors.length > 0 || resolved.path !== original) return resolved;
        return { path: wrapper };
      });
    },
  };
}

/**
 * Ink 6.8 turns every line of every frame into styled characters (ansi-tokenize: a grapheme split and
 * an object per character) and caches them, but in a cache it makes anew for each frame, so a list
 * that scrolls one row re-tokenizes the whole screen: most of the CPU of a key press, and most of its
 * garbage. These edits to ink/build/output.js keep the caches from frame to frame, bounded (two
 * generations of ENTRIES lines each), and share one blank cell instead of allocating one per cell;
 * nothing downstream mutates either. Ink is pinned (~6.8.0); if its file changes, the build fails
 * here rather than ship a half-applied edit.
 */
export function persistentInkOutputCaches() {
  const ENTRIES = 600;
  const edits = [
    [
      'class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();',
      `class GenerationCache {
    current = new Map();
    previous = new Map();
    get(key) {
        let value = this.current.get(key);
        if (value === undefined) {
            value = this.previous.get(key);
            if (value !== undefined) this.set(key, value);
        }
        return value;
    }
    set(key, value) {
        if (this.current.size >= ${ENTRIES}) {
            this.previous = this.current;
            this.current = new Map();
        }
        this.current.set(key, value);
    }
}
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
class OutputCaches {
    widths = new GenerationCache();
    blockWidths = new GenerationCache();
    styledChars = new GenerationCache();`,
    ],
    ['    caches = new OutputCaches();', '    caches = sharedOutputCaches;'],
    [
      'export default class Output {',
      'const sharedOutputCaches = new OutputCaches();\nexport default class Output {',
    ],
    [
      "                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
      '                row.push(BLANK_CELL);',
    ],
  ];
  return {
    name: 'persistent-ink-output-caches',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (contents.split(from).length !== 2)
            throw new Error(
              `ink/build/output.js is not the one this build edits (looked for: ${from.split('\n')[0]})`,
            );
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      });
    },
  };
}

export async function buildBundle() {
  // Chunks are named by content: old ones would pile up.
  rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
  await build({
    entryPoints: { 'alb-tui': join(root, 'source', 'cli.tsx') },
    outdir: join(root, 'dist'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    // React and Ink pick their production builds from NODE_ENV; fixing it at build time drops the
    // development code paths entirely.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink loads react-devtools-core only when DEV=true; it is not installed, so it becomes an empty stub
    // rather than an import that would fail at start-up.
    plugins: [stubModules(['react-devtools-core']), fastStringWidth(), persistentInkOutputCaches()],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  await buildBundle();
}
