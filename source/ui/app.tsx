// The root component: providers, the one input dispatcher, and the full-screen layout
// (header, body, footer in rows - 1 lines; ink-notes §3.3).
import { useCallback, useEffect, useReducer } from 'react';
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { appReducer, helpBindings, hintBindings, initialAppState, type AppState } from './app-state.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { Help } from './components/help.js';
import { TooSmall } from './components/too-small.js';
import { describeConnection, type Connection } from './connection.js';
import { t, type Lang } from './i18n.js';
import { keyFromInk } from './keys.js';
import { isTooSmall, TerminalSizeProvider, useTerminalSize, type TerminalSize } from './terminal-size.js';
import { ThemeProvider, useTheme } from './theme.js';

export interface AppProps {
  /** Where the dashboard is connected, as the header shows it. */
  connection: Connection;
  lang: Lang;
  /** False under NO_COLOR: no colour props reach Ink. */
  colour: boolean;
  /** Fixed terminal size for tests; otherwise stdout's, followed on resize. */
  size?: TerminalSize;
  /** Starting state for tests. */
  initialState?: AppState;
}

export function App({ connection, lang, colour, size, initialState }: AppProps) {
  return (
    <ThemeProvider colour={colour}>
      <TerminalSizeProvider size={size}>
        <Root connection={connection} lang={lang} initialState={initialState} />
      </TerminalSizeProvider>
    </ThemeProvider>
  );
}

/** Chrome around the body: the header line and the footer line. */
const CHROME_ROWS = 2;

function Root({ connection, lang, initialState }: Pick<AppProps, 'connection' | 'lang' | 'initialState'>) {
  const [state, dispatch] = useReducer(appReducer, initialState ?? initialAppState(lang));
  const { exit } = useApp();
  const size = useTerminalSize();

  // The one root input handler (ink-notes §3.5). Stable, so Ink 6 does not re-subscribe every render.
  const onInput = useCallback((input: string, key: Key) => {
    const press = keyFromInk(input, key);
    if (press) dispatch({ type: 'key', key: press });
  }, []);
  useInput(onInput);

  useEffect(() => {
    if (state.exitRequested) exit();
  }, [state.exitRequested, exit]);

  if (isTooSmall(size)) return <TooSmall lang={state.lang} size={size} />;

  const height = size.rows - 1;
  const bodyHeight = height - CHROME_ROWS;
  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      <Header connection={connection} lang={state.lang} columns={size.columns} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {state.overlay === 'help' ? (
          <Help bindings={helpBindings(state)} lang={state.lang} columns={size.columns} height={bodyHeight} />
        ) : (
          <DashboardPlaceholder connection={connection} lang={state.lang} />
        )}
      </Box>
      <Footer bindings={hintBindings(state)} lang={state.lang} columns={size.columns} />
    </Box>
  );
}

/** Stands where the instances and listeners panes will be. */
function DashboardPlaceholder({ connection, lang }: { connection: Connection; lang: Lang }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" paddingX={1} paddingY={1}>
      <Text wrap="truncate-end">{t(lang, 'loadingDashboard')}</Text>
      <Text wrap="truncate-end" color={theme.tone('muted')}>
        {t(lang, 'connectingTo', { connection: describeConnection(connection, lang) })}
      </Text>
    </Box>
  );
}
