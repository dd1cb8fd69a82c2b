// Ink's layout engine, yoga-layout, compiles its WebAssembly asynchronously (its main module even
// awaits it at its top level, which a CommonJS bundle cannot hold). The boot loads it first, through
// its `load` entry, and leaves it where the bundle's stand-in for `yoga-layout` takes it from
// (scripts/build.mjs, yogaFromBoot).
import { loadYoga as loadYogaModule } from 'yoga-layout/load';

export const YOGA_KEY = Symbol.for('alb-tui.yoga-layout');

/**
 * yoga-layout fetches its inlined WebAssembly through `fetch` of a data: URL when `fetch` exists,
 * which makes Node load undici first: about 40 ms of start-up. Without `fetch` it decodes the same
 * bytes itself. `fetch` is back as soon as the load is done.
 */
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

export async function loadYoga(): Promise<void> {
  const yoga = await withoutFetch(() => loadYogaModule());
  Object.defineProperty(globalThis, YOGA_KEY, { value: yoga });
}
