// The terminal's size as React state. Ink 6 re-lays out on 'resize' but components reading
// `stdout.rows` do not re-render (ink-notes §3.3.5), so the size lives in context; tests inject it.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The smallest terminal the layout is drawn in; below it the app says so instead (ux.md). */
export const MIN_SIZE: TerminalSize = { columns: 60, rows: 15 };

const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

const TerminalSizeContext = createContext<TerminalSize>(FALLBACK);

export function isTooSmall(size: TerminalSize): boolean {
  return size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;
}

interface SizedStream {
  columns?: number;
  rows?: number;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

function readSize(stream: SizedStream): TerminalSize {
  return { columns: stream.columns || FALLBACK.columns, rows: stream.rows || FALLBACK.rows };
}

function useStdoutSize(): TerminalSize {
  const { stdout } = useStdout();
  const stream = stdout as unknown as SizedStream; // Ink types stdout as a WriteStream; the fake in tests has no rows.
  const [size, setSize] = useState(() => readSize(stream));
  useEffect(() => {
    const onResize = () =>
      setSize((previous) => {
        const next = readSize(stream);
        return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
      });
    stream.on('resize', onResize);
    onResize();
    return () => {
      stream.off('resize', onResize);
    };
  }, [stream]);
  return size;
}

/** Provides the terminal size: `size` when given (tests), otherwise stdout's, kept current on resize. */
export function TerminalSizeProvider({ size, children }: { size?: TerminalSize; children: ReactNode }) {
  const measured = useStdoutSize();
  return <TerminalSizeContext.Provider value={size ?? measured}>{children}</TerminalSizeContext.Provider>;
}

export function useTerminalSize(): TerminalSize {
  return useContext(TerminalSizeContext);
}
