// Ink's layout engine, yoga-layout, is an ES module that awaits its WebAssembly at its top level,
// which a CommonJS bundle cannot hold. The boot loads it first and leaves it where the bundle's
// stand-in for `yoga-layout` takes it from (scripts/build.mjs, yogaFromBoot).
export const YOGA_KEY = Symbol.for('alb-tui.yoga-layout');

/**
 * yoga-layout fetches its inlined WebAssembly through `fetch` of a data: URL when `fetch` exists,
 * which makes Node load undici first: about 40 ms of start-up. Without `fetch` it decodes the same
 * bytes itself. `fetch` is back as soon as the import is done.
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
  const yoga = await withoutFetch(() => import('yoga-layout'));
  Object.defineProperty(globalThis, YOGA_KEY, { value: yoga.default });
}
