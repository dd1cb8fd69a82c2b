// How a view other than the dashboard takes its keys: it registers a handler with the root.
import { useLayoutEffect } from 'react';
import type { KeyPress } from './keys.js';

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
