// Runs a CommonJS bundle through V8's code cache. Node 20 compiles every module from source on every
// start (its own compile cache, `module.enableCompileCache`, came in Node 22); for alb-tui's bundle
// that was about a third of the start-up's CPU. Two caches, tried in turn:
// - the user's, in their cache directory, kept once a start has drawn its first listing: it then holds
//   every function the start ran, not just the top level;
// - the build's, next to the bundle (made by `npm run build`, see `makeShippedCache`): the top level
//   only, so even the first start does not parse the whole bundle.
// `v8-compile-cache` does this for `require`, but keeps only the top level, in the shared temporary
// directory. V8 uses a cache only under the version and flags it was made with (its stamp,
// `cachedDataVersionTag`, names the files) and refuses a damaged one.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import vm from 'node:vm';
import { onCodeCacheSave } from './code-cache-save.js';

export interface CachedBundle {
  /** The bundle's file (CommonJS, ASCII). */
  file: string;
  /** Names its cache files. */
  name: string;
  /** The build's content hash: V8 itself checks only the source's length. */
  buildId: string;
  /** The user's caches (made 0700); undefined: none is read or written. */
  cacheDir: string | undefined;
  /** The build's caches. */
  shippedDir: string;
  /** The latest the user's cache is kept after the start, when the app has not said so before. */
  saveAfterMs: number;
}

/** Which cache the bundle ran with: none, the user's, the build's, or one V8 refused (then made anew). */
export type CacheOutcome = 'none' | 'user' | 'shipped' | 'refused';

/** The user's caches kept per bundle, one per stamp seen (a user's NODE_OPTIONS, say); the oldest go. */
const KEPT = 3;
/** After the app says the first listing is drawn: its frame's work is done by then. */
const SAVE_DELAY_MS = 250;

const HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const TAIL = '\n})';

function userCacheFile(bundle: CachedBundle, cacheDir: string): string {
  return path.join(cacheDir, `${bundle.name}-${bundle.buildId}-${cachedDataVersionTag()}.bin`);
}

function shippedCacheFile(bundle: CachedBundle): string {
  return path.join(bundle.shippedDir, `${bundle.name}-${bundle.buildId}-${cachedDataVersionTag()}.bin`);
}

function ownedPrivately(stats: { uid: number; mode: number }): boolean {
  const uid = process.getuid?.();
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

/** Compiled code is run: only from a file and a directory no one else can write. */
function readPrivate(file: string): Buffer | undefined {
  try {
    if (!ownedPrivately(statSync(path.dirname(file))) || !ownedPrivately(statSync(file))) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function readShipped(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function removeStale(bundle: CachedBundle, directory: string): void {
  const ours = readdirSync(directory)
    .filter((entry) => entry.startsWith(`${bundle.name}-`) && entry.endsWith('.bin'))
    .map((entry) => path.join(directory, entry));
  const thisBuild = ours.filter((file) =>
    path.basename(file).startsWith(`${bundle.name}-${bundle.buildId}-`),
  );
  for (const file of ours.filter((file) => !thisBuild.includes(file))) unlinkSync(file);
  const newestFirst = thisBuild.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const file of newestFirst.slice(KEPT)) unlinkSync(file);
}

/** Written whole under another name, then renamed: a reader never sees half a cache. */
function writeAtomically(file: string, data: Buffer, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w', mode);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function saveUserCache(bundle: CachedBundle, cacheDir: string, script: vm.Script): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    if (!ownedPrivately(statSync(cacheDir))) return;
    writeAtomically(userCacheFile(bundle, cacheDir), script.createCachedData(), 0o600);
    removeStale(bundle, cacheDir);
  } catch {
    // A cache that cannot be written costs the next start its speed, nothing else.
  }
}

function compile(bundle: CachedBundle, cachedData: Buffer | undefined): vm.Script {
  // The build keeps the bundle ASCII (scripts/build.mjs), so Latin-1 reads it alike, and faster.
  const source = readFileSync(bundle.file, 'latin1');
  return new vm.Script(HEAD + source + TAIL, {
    filename: bundle.file,
    lineOffset: -1,
    ...(cachedData ? { cachedData } : {}),
  });
}

/** A bundle compiled, ready to run as Node runs a CommonJS module. */
export interface CompiledBundle {
  /** Which cache it was compiled with. */
  outcome: CacheOutcome;
  run(): void;
}

/** Compiles the bundle through the caches; the user's is kept later unless it was the one used. */
export function compileCachedBundle(bundle: CachedBundle): CompiledBundle {
  const cacheDir = bundle.cacheDir;
  const userCache = cacheDir === undefined ? undefined : readPrivate(userCacheFile(bundle, cacheDir));
  const cachedData = userCache ?? readShipped(shippedCacheFile(bundle));
  const script = compile(bundle, cachedData);
  const outcome: CacheOutcome =
    cachedData === undefined
      ? 'none'
      : script.cachedDataRejected
        ? 'refused'
        : userCache
          ? 'user'
          : 'shipped';
  const run = (): void => {
    if (cacheDir !== undefined && outcome !== 'user') {
      let kept = false;
      const save = (): void => {
        if (kept) return;
        kept = true;
        saveUserCache(bundle, cacheDir, script);
      };
      const latest = setTimeout(save, bundle.saveAfterMs).unref();
      onCodeCacheSave(() => {
        clearTimeout(latest);
        setTimeout(save, SAVE_DELAY_MS).unref();
      });
    }
    const wrapper = script.runInThisContext() as (
      exports: object,
      require: NodeJS.Require,
      module: { exports: object },
      filename: string,
      dirname: string,
    ) => void;
    const module = { exports: {} };
    const directory = path.dirname(bundle.file);
    wrapper.call(module.exports, module.exports, createRequire(bundle.file), module, bundle.file, directory);
  };
  return { outcome, run };
}

/**
 * The build's cache of the bundle: its top level, compiled under the flags the boot sets (so it is
 * made by the boot itself, `ALB_TUI_MAKE_CODE_CACHE=1`), kept in `shippedDir`.
 */
export function makeShippedCache(bundle: CachedBundle): void {
  mkdirSync(bundle.shippedDir, { recursive: true });
  writeAtomically(shippedCacheFile(bundle), compile(bundle, undefined).createCachedData(), 0o644);
}
