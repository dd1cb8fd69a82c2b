// The moment to keep the code cache (boot/code-cache.ts), said by the app: once the first listing is
// drawn (the dashboard) or answered (the local ALB's thread), the compiled code holds what a start
// runs. A tiny module of its own, so the app can say it without the boot's code.
const SAVE_KEY = Symbol.for('alb-tui.code-cache.save');

type Holder = Record<symbol, (() => void) | undefined>;

/** Keeps this thread's code cache soon, when its boot wants one kept; else nothing. */
export function saveCodeCacheSoon(): void {
  (globalThis as Holder)[SAVE_KEY]?.();
}

/** The boot's side: what `saveCodeCacheSoon` calls. */
export function onCodeCacheSave(save: () => void): void {
  (globalThis as Holder)[SAVE_KEY] = save;
}
