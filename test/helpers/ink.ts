// Helpers for ink-testing-library: `useInput` subscribes in an effect and React 19 schedules renders,
// so each write waits for the app to be ready and for the frame to settle (ink-notes §3.6).
export function settle(ms = 30): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setTimeout(resolve, ms)));
}

export interface InkStdin {
  write(data: string): void;
}

/** Sends each key in its own write, as a person types; a multi-character write would read as a paste. */
export async function pressKeys(stdin: InkStdin, ...keys: string[]): Promise<void> {
  await settle();
  for (const key of keys) {
    stdin.write(key);
    await settle();
  }
}

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backtab: '\u001B[Z',
  backspace: '\x7f',
  ctrlC: '\x03',
} as const;
