// Colours carry meaning (ux.md); NO_COLOR turns them off. Components ask for a tone, never a colour,
// and get `undefined` when colour is off, so no colour prop reaches Ink at all.
import { createContext, useContext, useMemo, type ReactNode } from 'react';

export type Tone = 'accent' | 'muted' | 'good' | 'warning' | 'danger';

const TONE_COLOURS: Record<Tone, string> = {
  accent: 'cyan',
  muted: 'gray',
  good: 'green',
  warning: 'yellow',
  danger: 'red',
};

/** https://no-color.org: colour is off when NO_COLOR is present and not empty. */
export function colourEnabled(env: Record<string, string | undefined>): boolean {
  const noColor = env['NO_COLOR'];
  return noColor === undefined || noColor === '';
}

export interface Theme {
  colour: boolean;
  tone(tone: Tone): string | undefined;
}

export function createTheme(colour: boolean): Theme {
  return { colour, tone: (tone) => (colour ? TONE_COLOURS[tone] : undefined) };
}

const ThemeContext = createContext<Theme>(createTheme(true));

export function ThemeProvider({ colour, children }: { colour: boolean; children: ReactNode }) {
  const theme = useMemo(() => createTheme(colour), [colour]);
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
