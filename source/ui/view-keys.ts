// How a view other than the dashboard takes its keys: it registers a handler with the root.
import { useLayoutEffect } from 'react';
import { splitPaste, type KeyPress } from './keys.js';
import { splitPress } from './line-edit.js';

/** A view's key handler: true when it used the key. */
export type ViewKeyHandler = (key: KeyPress) => boolean;

/**
 * Registers `onKey` from the very commit that draws the view, and unregisters it when the view goes.
 * A layout effect, not a passive one: React may run passive effects after the frame is on screen
 * (always so for a view drawn from a promise, as a view loaded on demand is), and a key pressed in
 * between would reach the root instead of the view and be lost.
 */
export function useViewKeys(
  registerKeys: (handler: ViewKeyHandler | undefined) => void,
  onKey: ViewKeyHandler,
): void {
  useLayoutEffect(() => {
    registerKeys(onKey);
    return () => registerKeys(undefined);
  }, [registerKeys, onKey]);
}

/**
 * Hands one chunk of input to the view, then the root. A chunk holds one key, or several that
 * arrived together (a fast typist, a held key, a busy app: `⌫⌫⌫`, `name⏎`), or a paste. It is split
 * at its control characters (line-edit.ts), so a view sees each Backspace and Enter as a key and each
 * printable run whole, as a text input takes a paste. A run the view does not take is split into
 * single keys, each offered to the view, then to the root (`jj` moves twice, `:q` runs `:q`).
 * `chunked` tells the root that the key is one of several (the next must see what it did).
 */
export function routeChunk(
  press: KeyPress,
  viewTakes: (key: KeyPress) => boolean,
  toRoot: (key: KeyPress, chunked: boolean) => void,
): void {
  const pieces = splitPress(press);
  for (const piece of pieces) {
    if (viewTakes(piece)) continue;
    const keys = splitPaste(piece);
    for (const one of keys) {
      if (keys.length > 1 && viewTakes(one)) continue;
      toRoot(one, pieces.length > 1 || keys.length > 1);
    }
  }
}
