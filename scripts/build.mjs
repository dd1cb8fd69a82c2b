// Bundles the app into dist/alb-tui.cjs and the local ALB's worker into dist/cli/local-alb-worker.cjs
// (CommonJS, so a boot can run them through V8's code cache: source/boot), what the first frame does not
// need evaluated on first use; then the two boots (dist/alb-tui.js, dist/cli/local-alb-worker.js) and
// the bundles' top-level code cache. `--if-stale` skips the build when the bundle is newer than every
// source file, so `npm start` stays fast after the first run.
import { build } from 'esbuild';
import {
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
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
export function fastStringWidth() {
  const wrapper = join(root, 'source', 'domain', 'cell-width.ts');
  // esbuild resolves to real paths: node_modules may be a link (a git worktree sharing another's).
  const linked = join(root, 'node_modules', 'string-width', 'index.js');
  const original = existsSync(linked) ? realpathSync(linked) : linked;
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
      // string-width builds its RGI_Emoji pattern (a property of strings, expanded from ICU's data) when
      // the module loads: about 14 ms before the first frame, for text cell-width.ts seldom passes on.
      // It is built on its first test instead.
      pluginBuild.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
        if (args.path !== original) return undefined;
        const from = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
        const contents = readFileSync(args.path, 'utf8');
        if (contents.split(from).length !== 2)
          throw new Error(`string-width is not the one this build edits (looked for: ${from})`);
        const to =
          'let rgiEmojiPattern;\nconst rgiEmojiRegex = { test: (text) => (rgiEmojiPattern ??= /^\\p{RGI_Emoji}$/v).test(text) };';
        return { contents: contents.replace(from, to), loader: 'js' };
      });
    },
  };
}

/**
 * Ink's Output.get() (6.8), clipping as it does, except that a line that fits is not cut, and each row
 * of the frame turned to text once per distinct content (OutputCaches.getRow) rather than every frame.
 */
const FRAME_BY_ROWS = `Output.prototype.get = function get() {
    const writes = [];
    for (let y = 0; y < this.height; y++) writes.push([]);
    const clips = [];
    for (const operation of this.operations) {
        if (operation.type === 'clip') clips.push(operation.clip);
        if (operation.type === 'unclip') clips.pop();
        if (operation.type !== 'write') continue;
        const { text, transformers } = operation;
        let { x, y } = operation;
        let lines = text.split('\\n');
        const clip = clips.at(-1);
        if (clip) {
            const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
            const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
            if (clipHorizontally) {
                const width = this.caches.getWidestLine(text);
                if (x + width < clip.x1 || x > clip.x2) continue;
            }
            if (clipVertically) {
                const height = lines.length;
                if (y + height < clip.y1 || y > clip.y2) continue;
            }
            if (clipHorizontally) {
                lines = lines.map(line => {
                    const from = x < clip.x1 ? clip.x1 - x : 0;
                    const width = this.caches.getStringWidth(line);
                    const to = x + width > clip.x2 ? clip.x2 - x : width;
                    return from === 0 && to >= width ? line : sliceAnsi(line, from, to);
                });
                if (x < clip.x1) x = clip.x1;
            }
            if (clipVertically) {
                const from = y < clip.y1 ? clip.y1 - y : 0;
                const height = lines.length;
                const to = y + height > clip.y2 ? clip.y2 - y : height;
                lines = lines.slice(from, to);
                if (y < clip.y1) y = clip.y1;
            }
        }
        let offsetY = 0;
        for (let [index, line] of lines.entries()) {
            const row = writes[y + offsetY];
            if (!row) continue;
            for (const transformer of transformers) line = transformer(line, index);
            row.push(x, line);
            offsetY++;
        }
    }
    return { output: writes.map(row => this.caches.getRow(this.width, row)).join('\\n'), height: writes.length };
};
`;

/**
 * Edits to ink/build/output.js (Ink 6.8), the module that turns each frame into text; together
 * they took most of a key press's CPU and nearly all of its garbage (about 8 MB a key on a 120×40
 * screen, so the young generation grew to its maximum and stayed there):
 * - its caches (styled characters per line: an ansi-tokenize grapheme split and an object per
 *   character) were made anew for each frame, so a list that scrolls one row re-tokenized the whole
 *   screen. They now last from frame to frame, bounded (two generations of ENTRIES lines each), and
 *   one frozen blank cell is shared instead of one allocated per cell; nothing downstream mutates either.
 * - each row went back to text through ansi-tokenize's styledCharsToString, which diffs the styles of
 *   every pair of neighbouring cells (three Sets and four arrays per cell) even when they are the same.
 *   The replacement diffs only where the styles change (the diff of equal styles is empty), and is
 *   otherwise the same function. Characters of a run also share one styles array instead of a copy
 *   each (reduceAnsiCodesIncremental makes a new array for every change; nothing mutates them).
 * - inside a Box with overflow hidden (the app's body) every line of every frame went through
 *   slice-ansi, which splits it into graphemes, even when the line fits and nothing is cut: half of a
 *   filter key's render over 10,000 listeners. A line that fits whole is now kept as it is.
 * - every row of every frame was laid out cell by cell and turned back into text, changed or not;
 *   get() (FRAME_BY_ROWS) now keeps each row's text by what was written on it, so a row that shows
 *   again (unchanged, or moved up a line by a scroll) costs a lookup.
 * - a line's styled characters were an object per character, kept in the caches and promoted to the
 *   old generation, then dropped: about 6 KB of old garbage per new line, which grew the heap by tens
 *   of MiB over a minute of typing. Style runs and characters are now shared between lines (frozen,
 *   bounded at SHARED each), so a cached line is an array of shared cells.
 * Ink is pinned (~6.8.0); if its file changes, the build fails here rather than ship a half-applied edit.
 */
export function fasterInkOutput() {
  const ENTRIES = 256;
  /** Style runs and characters shared between lines, at most (then forgotten, and shared anew). */
  const SHARED = 4096;
  /** Sanitized texts kept (a frame of the dashboard has about 400 Text nodes). */
  const SANITIZED = 1024;
  /** A map of at most two generations of `size` entries; what is used again moves to the newest. */
  const GENERATION_CACHE = `class GenerationCache {
    current = new Map();
    previous = new Map();
    constructor(size = ${ENTRIES}) {
        this.size = size;
    }
    get(key) {
        let value = this.current.get(key);
        if (value === undefined) {
            value = this.previous.get(key);
            if (value !== undefined) this.set(key, value);
        }
        return value;
    }
    set(key, value) {
        if (this.current.size >= this.size) {
            this.previous = this.current;
            this.current = new Map();
        }
        this.current.set(key, value);
    }
}`;
  const edits = [
    [
      "import { styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';",
      `import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize, } from '@alcalzone/ansi-tokenize';
const NO_STYLES = Object.freeze([]);
const SHARED_STYLES = new Map();
const SHARED_CELLS = new Map();
function sharedStyles(styles) {
    if (styles.length === 0) return NO_STYLES;
    let key = '';
    for (const style of styles) key += style.code + '\\u0000' + style.endCode + '\\u0000';
    let shared = SHARED_STYLES.get(key);
    if (shared === undefined) {
        if (SHARED_STYLES.size >= ${SHARED}) {
            SHARED_STYLES.clear();
            SHARED_CELLS.clear();
        }
        shared = Object.freeze(styles);
        SHARED_STYLES.set(key, shared);
        SHARED_CELLS.set(shared, new Map());
    }
    return shared;
}
function sharedCell(token, styles) {
    let cells = SHARED_CELLS.get(styles);
    if (cells === undefined) SHARED_CELLS.set(styles, (cells = new Map()));
    const key = token.fullWidth ? '\\u0001' + token.value : token.value;
    let cell = cells.get(key);
    if (cell === undefined) {
        if (cells.size >= ${SHARED}) cells.clear();
        cell = Object.freeze({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles });
        cells.set(key, cell);
    }
    return cell;
}
function styledCharsFromTokens(tokens) {
    let styles = NO_STYLES;
    const chars = [];
    for (const token of tokens) {
        if (token.type === 'ansi') styles = sharedStyles(reduceAnsiCodesIncremental(styles, [token]));
        else if (token.type === 'char') chars.push(sharedCell(token, styles));
    }
    return chars;
}
function sameStyles(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) {
        if (a[index].code !== b[index].code || a[index].endCode !== b[index].endCode) return false;
    }
    return true;
}
function styledCharsToString(chars) {
    let text = '';
    let previous = NO_STYLES;
    for (const char of chars) {
        if (!sameStyles(previous, char.styles)) text += ansiCodesToString(diffAnsiCodes(previous, char.styles));
        text += char.value;
        previous = char.styles;
    }
    if (previous.length > 0) text += ansiCodesToString(diffAnsiCodes(previous, NO_STYLES));
    return text;
}`,
    ],
    [
      'class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();',
      `${GENERATION_CACHE}
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
class OutputCaches {
    widths = new GenerationCache();
    blockWidths = new GenerationCache();
    styledChars = new GenerationCache();
    rows = new GenerationCache();
    /** One row of the frame as text, from what was written on it: [x, line, x, line, …]. */
    getRow(width, writes) {
        if (writes.length === 0) return '';
        const key = width + '\\n' + writes.join('\\n');
        let text = this.rows.get(key);
        if (text === undefined) {
            text = this.drawRow(width, writes);
            this.rows.set(key, text);
        }
        return text;
    }
    drawRow(width, writes) {
        const currentLine = new Array(width).fill(BLANK_CELL);
        for (let write = 0; write < writes.length; write += 2) {
            let offsetX = writes[write];
            for (const character of this.getStyledChars(writes[write + 1])) {
                currentLine[offsetX] = character;
                const characterWidth = Math.max(1, this.getStringWidth(character.value));
                if (characterWidth > 1) {
                    for (let index = 1; index < characterWidth; index++) {
                        currentLine[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
                    }
                }
                offsetX += characterWidth;
            }
        }
        return styledCharsToString(currentLine.filter(item => item !== undefined)).trimEnd();
    }`,
    ],
    ['    caches = new OutputCaches();', '    caches = sharedOutputCaches;'],
    [
      'export default class Output {',
      'const sharedOutputCaches = new OutputCaches();\nexport default class Output {',
    ],
    // Ink's get() stays, unused, under another name; the one below the class takes its place.
    ['    get() {\n        // Initialize output array', '    inkGet() {\n        // Initialize output array'],
    ['//# sourceMappingURL=output.js.map', `${FRAME_BY_ROWS}//# sourceMappingURL=output.js.map`],
  ];
  return {
    name: 'faster-ink-output',
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
      // Ink sanitizes the text of every Text node, at every level of nesting, every frame: mostly the
      // same strings as the frame before. Their answers are kept (bounded as above). Text whose only
      // sequences are colours (what the app writes) is what Ink keeps whole: it is answered without its
      // tokenizer, which took ~15 ms of the first frame.
      pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        const from = 'export default sanitizeAnsi;';
        if (contents.split(from).length !== 2 || !contents.includes('const sanitizeAnsi = (text) => {'))
          throw new Error('ink/build/sanitize-ansi.js is not the one this build edits');
        const cached = `const sanitizedText = new GenerationCache(${SANITIZED});
const ONLY_SGR = /^(?:[^\\u001b\\u0080-\\u009f]|\\u001b\\[[\\d:;]*m)*$/;
const cachedSanitizeAnsi = (text) => {
    if (!hasAnsiControlCharacters(text) || ONLY_SGR.test(text)) return text;
    let clean = sanitizedText.get(text);
    if (clean === undefined) sanitizedText.set(text, (clean = sanitizeAnsi(text)));
    return clean;
};
export default cachedSanitizeAnsi;`;
        return { contents: `${GENERATION_CACHE}\n${contents.replace(from, cached)}`, loader: 'js' };
      });
    },
  };
}

/**
 * The ALB SDK's models/model.js requires all ~500 request and response model modules up front and
 * re-exports each through a getter; evaluating them all cost the first listing tens of milliseconds,
 * and a listing uses a handful. Each getter now requires its module on first use (esbuild's CommonJS
 * wrappers evaluate a module once, on its first require), so only the models a call touches are
 * evaluated. The file must keep the two shapes this relies on, or the build fails.
 */
export function lazySdkModels() {
  const modelIndex =
    /[\\/]node_modules[\\/]@alicloud[\\/](alb20200616|cas20200407)[\\/]dist[\\/]models[\\/]model\.js$/;
  const eagerRequire = /^var (\w+) = require\("(\.\/[^"]+)"\);$/gm;
  const reExport = /(get: function \(\) \{ return )(\w+)\.(\w+); \}/g;
  return {
    name: 'lazy-sdk-models',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: modelIndex }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const requires = source.match(eagerRequire)?.length ?? 0;
        const getters = source.match(reExport)?.length ?? 0;
        if (requires < 100 || getters < requires)
          throw new Error(`${args.path} is not the model index this build makes lazy`);
        const contents = source
          .replace(eagerRequire, 'function $1() { return require("$2"); }')
          .replace(reExport, '$1$2().$3; }');
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * Modules the app's start-up path imports but a dashboard session almost never runs, each replaced,
 * for the one importer listed, by a stand-in that requires the real module on first use: conf's
 * ajv (used only with a JSON schema, which the store does not give; it validates with zod) and
 * semver (used only with conf's migrations, which the store keeps itself), and the SDK runtime's
 * WebSocket, proxy and XML support (ALB and CAS answer JSON over HTTPS, and no proxy is set by
 * default). Together they were tens of milliseconds of the first listing's wait. The stand-in has
 * the real module's export names (read here, at build time), so named and default imports resolve.
 */
export function lazyCommonJs(rules) {
  const specifiers = [...new Set(rules.flatMap((rule) => rule.modules))];
  const filter = new RegExp(`^(${specifiers.map((n) => n.replace(/[.-/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-common-js',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter }, async (args) => {
        if (args.pluginData?.lazyCjs) return undefined;
        const rule = rules.find((r) => r.importer.test(args.importer) && r.modules.includes(args.path));
        if (!rule) return undefined;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: 'require-call',
          resolveDir: args.resolveDir,
          pluginData: { lazyCjs: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, namespace: 'lazy-cjs', pluginData: { resolveDir: args.resolveDir } };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, (args) => {
        const real = createRequire(args.path)(args.path);
        const names = Object.keys(real).filter((name) => name !== '__esModule');
        if (real.__esModule && !names.includes('default')) names.push('default');
        const spec = JSON.stringify(args.path);
        const shell =
          typeof real === 'function'
            ? `function lazy(...args) { return new.target ? Reflect.construct(load(), args, new.target) : load().apply(this, args); }`
            : 'const lazy = {};';
        return {
          contents: `let real;
const load = () => (real ??= require(${spec}));
${shell}
${real.__esModule ? "Object.defineProperty(lazy, '__esModule', { value: true });" : ''}
for (const name of ${JSON.stringify(names)})
  Object.defineProperty(lazy, name, { enumerable: true, configurable: true, get: () => load()[name] });
module.exports = lazy;`,
          resolveDir: args.pluginData.resolveDir,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * The SDKs' runtime (@darabonba/typescript) requires all of lodash for one `_.merge`, and moment for
 * a date helper the ALB and CAS clients never call: both were evaluated while the first listing
 * waited for the SDK to load. `_.merge` comes from lodash's own per-method module, and moment is
 * required on first use.
 */
function leanSdkRuntime() {
  const runtime = /[\\/]node_modules[\\/]@darabonba[\\/]typescript[\\/]dist[\\/](func|date)\.js$/;
  return {
    name: 'lean-sdk-runtime',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^(lodash|moment)$/ }, (args) => {
        if (!runtime.test(args.importer)) return undefined;
        return {
          path: args.path,
          namespace: 'lean-sdk-runtime',
          pluginData: { resolveDir: args.resolveDir },
        };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lean-sdk-runtime' }, (args) => ({
        contents:
          args.path === 'lodash'
            ? "module.exports = { merge: require('lodash/merge.js') };"
            : "module.exports = function moment(...args) { return require('moment')(...args); };",
        resolveDir: args.pluginData.resolveDir,
        loader: 'js',
      }));
    },
  };
}

/**
 * Ink's yoga-layout: the boot loads it (its WebAssembly compiles asynchronously, which a bundle's
 * top level cannot wait for) and leaves it on a global this stand-in hands to Ink.
 */
function yogaFromBoot() {
  return {
    name: 'yoga-from-boot',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^yoga-layout$/ }, () => ({
        path: 'yoga-layout',
        namespace: 'yoga-from-boot',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'yoga-from-boot' }, () => ({
        contents: `const yoga = globalThis[Symbol.for('alb-tui.yoga-layout')];
if (!yoga) throw new Error('yoga-layout is loaded by dist/alb-tui.js (source/boot/yoga.ts) before the bundle');
module.exports = yoga;`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Ink's reconciler awaits at its top level, in development only (DEV=true: React DevTools, which the
 * bundle stubs out, and Ink's package.json for them). A CommonJS bundle cannot hold a top-level await,
 * so both become their production values. Ink is pinned (~6.8.0): if the file changes, the build fails.
 */
function inkWithoutTopLevelAwait() {
  const edits = [
    [
      "if (isDev()) {\n    try {\n        await import('./devtools.js');",
      "if (false) {\n    try {\n        void import('./devtools.js');",
    ],
    [
      'const packageJson = isDev()\n    ? await loadPackageJson()\n    :',
      'const packageJson = false\n    ? loadPackageJson()\n    :',
    ],
  ];
  return {
    name: 'ink-without-top-level-await',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (contents.split(from).length !== 2)
            throw new Error(`ink/build/reconciler.js is not the one this build edits (looked for: ${from})`);
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js' };
      });
    },
  };
}

/** `import.meta.url` in a CommonJS bundle: the bundle's own file. */
const BUNDLE_URL = "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;";

export async function buildBundle() {
  // The code cache of the last build first: it must never sit beside another build's bundle. (The
  // chunks are those of builds before the bundles were CommonJS.)
  for (const old of ['code-cache', 'chunks'])
    rmSync(join(root, 'dist', old), { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: {
      'alb-tui': join(root, 'source', 'cli.tsx'),
      'cli/local-alb-worker': join(root, 'source', 'cli', 'local-alb-worker.ts'),
    },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    sourcemap: 'linked',
    // React and Ink pick their production builds from NODE_ENV; fixing it at build time drops the
    // development code paths entirely.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__bundleUrl' },
    banner: { js: BUNDLE_URL },
    plugins: [
      // Ink loads react-devtools-core only when DEV=true; it is not installed, so it becomes an empty
      // stub rather than an import that would fail at start-up.
      stubModules(['react-devtools-core']),
      yogaFromBoot(),
      inkWithoutTopLevelAwait(),
      fastStringWidth(),
      fasterInkOutput(),
      leanSdkRuntime(),
      lazySdkModels(),
      lazyCommonJs([
        {
          importer: /[\\/]node_modules[\\/]conf[\\/]/,
          modules: ['ajv/dist/2020.js', 'ajv-formats', 'semver'],
        },
        {
          importer: /[\\/]node_modules[\\/]@darabonba[\\/]typescript[\\/]dist[\\/](websocket|xml)\.js$/,
          modules: ['ws', 'https-proxy-agent', 'http-proxy-agent', 'socks-proxy-agent', 'xml2js'],
        },
      ]),
    ],
  });
  const hash = createHash('sha256');
  for (const file of ['alb-tui.cjs', 'cli/local-alb-worker.cjs']) {
    const contents = readFileSync(join(root, 'dist', file));
    // The boot reads the bundles as Latin-1 (source/boot/code-cache.ts). esbuild escapes what is not
    // ASCII, except in a regular expression literal: write `\u4e2d` there, not the character.
    const at = contents.findIndex((byte) => byte > 0x7f);
    if (at >= 0)
      throw new Error(`dist/${file} is not ASCII: ${contents.subarray(Math.max(0, at - 60), at + 20)}`);
    hash.update(contents);
  }
  // The boots: CommonJS too (dist/package.json), so neither thread starts Node's ES module loader.
  await build({
    ...common,
    entryPoints: {
      'alb-tui': join(root, 'source', 'boot', 'main.ts'),
      'cli/local-alb-worker': join(root, 'source', 'boot', 'worker.ts'),
    },
    outdir: join(root, 'dist'),
    format: 'cjs',
    define: {
      ALB_TUI_BUILD_ID: JSON.stringify(hash.digest('hex').slice(0, 16)),
      'import.meta.url': '__bundleUrl',
    },
    banner: { js: BUNDLE_URL },
  });
  writeFileSync(join(root, 'dist', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  // The bundles' top-level code cache, made by the boot under the flags it runs with (source/boot).
  const made = spawnSync(process.execPath, [join(root, 'dist', 'alb-tui.js')], {
    env: { ...process.env, ALB_TUI_MAKE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (made.status !== 0) throw new Error('making the code cache failed');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  await buildBundle();
}
