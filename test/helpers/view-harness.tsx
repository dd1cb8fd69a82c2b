// Renders a view that registers its key handler (the wizard's contract, view-router.tsx) the way
// the root does: the view first, the keys it leaves recorded as reaching the root.
import { useCallback, useRef, type ReactElement } from 'react';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { keyFromInk, keyId } from '../../source/ui/keys.js';
import { ThemeProvider } from '../../source/ui/theme.js';
import { routeChunk, type ViewKeyHandler } from '../../source/ui/view-keys.js';
import { KEYS, settle } from './ink.js';

export interface ShownView {
  lastFrame: () => string | undefined;
  stdin: { write(data: string): void };
  unmount: () => void;
  /** Keys the view did not use, as the root would get them. */
  unhandled: string[];
}

export function showView(
  view: (registerKeys: (handler: ViewKeyHandler | undefined) => void) => ReactElement,
): ShownView {
  const unhandled: string[] = [];
  function Harness() {
    const handler = useRef<ViewKeyHandler | undefined>(undefined);
    useInput((input, key) => {
      const press = keyFromInk(input, key);
      if (!press) return;
      // As the root does: the view first, key by key for a chunk (routeChunk).
      routeChunk(
        press,
        (one) => handler.current?.(one) ?? false,
        (one) => unhandled.push(keyId(one) ?? 'paste'),
      );
    });
    const registerKeys = useCallback((next: ViewKeyHandler | undefined) => {
      handler.current = next;
    }, []);
    return <ThemeProvider colour={false}>{view(registerKeys)}</ThemeProvider>;
  }
  const instance = render(<Harness />);
  return { ...instance, unhandled };
}

export async function waitFor(check: () => boolean, what: () => string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what()}`);
    await settle(10);
  }
}

export async function waitForText(shown: ShownView, text: string | RegExp, ms?: number): Promise<string> {
  let frame = '';
  await waitFor(
    () => {
      frame = shown.lastFrame() ?? '';
      return typeof text === 'string' ? frame.includes(text) : text.test(frame);
    },
    () => `${String(text)} in\n${shown.lastFrame() ?? ''}`,
    ms,
  );
  return frame;
}

const BYTES: Record<string, string> = {
  ...KEYS,
  right: '\u001B[C',
  left: '\u001B[D',
  pagedown: '\u001B[6~',
  pageup: '\u001B[5~',
  space: ' ',
  ctrlU: '\u0015',
  ctrlD: '\u0004',
};

/** Keys one write each (a longer write reads as a paste); `type:` text one character at a time. */
export async function sendKeys(shown: ShownView, ...names: string[]): Promise<void> {
  await settle();
  for (const name of names) {
    const chunks = name.startsWith('type:') ? [...name.slice(5)] : [BYTES[name] ?? name];
    for (const chunk of chunks) {
      shown.stdin.write(chunk);
      await settle(5);
    }
  }
  await settle();
}
