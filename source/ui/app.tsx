// The root component: providers, the one input dispatcher, the effect runner and timers, and the
// full-screen layout (header, body, status line, key hints in rows - 1 lines; ink-notes §3.3).
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, useApp, useInput, useStdout, type Key } from 'ink';
import type { Localized } from '../domain/i18n.js';
import type { Store } from '../store/index.js';
import {
  appReducer,
  helpBindings,
  helpHasCommands,
  hintBindings,
  initialAppState,
  refreshPaused,
  type AppState,
  type Binding,
  type View,
  type UiStateLoaded,
} from './app-state.js';
import { completions } from './command-line.js';
import { Footer } from './components/footer.js';
import { flashContinued, impactNotice } from './listener-actions.js';
import { Header, type RefreshIndicator } from './components/header.js';
import { Help } from './components/help.js';
import { StatusLine } from './components/status-line.js';
import { TooSmall } from './components/too-small.js';
import type { Connection } from './connection.js';
import { staleText, type ListingCache } from './dashboard/cached-listing.js';
import { actedOnRow } from './connections/targets.js';
import { selectedListener } from './dashboard/dashboard-state.js';
import { useCertificateReads } from './dashboard/use-certificate-reads.js';
import { useHealthReads } from './dashboard/use-health-reads.js';
import { listenerSummary, selectionSummary } from './dashboard/summary.js';
import { useEffectRunner } from './effects.js';
import { t, type Lang } from './i18n.js';
import { keyFromInk, keyId, type KeyPress } from './keys.js';
import { preloadViews } from './lazy-views.js';
import { bodyHeight } from './layout.js';
import type { Sessions } from './session.js';
import { isTooSmall, TerminalSizeProvider, useTerminalSize, type TerminalSize } from './terminal-size.js';
import { ThemeProvider, type Tone } from './theme.js';
import { routeChunk, type ViewKeyHandler } from './view-keys.js';
import { ViewRouter } from './view-router.js';

export interface AppProps {
  /** What the header shows until the connection is open. */
  connection: Connection;
  /** Opens and switches the connection (the CLI's; tests give a fake client). */
  sessions: Sessions;
  lang: Lang;
  /** `--lang` was given, so a language saved with `:lang` does not apply. */
  langExplicit?: boolean;
  /** False under NO_COLOR: no colour props reach Ink. */
  colour: boolean;
  /** The store (UI state, connection names); resolves to undefined when it could not be opened. */
  store?: () => Promise<Store | undefined>;
  /** The connection profile the command line named. */
  connectionName?: string;
  /** Seconds between automatic refreshes; 0 turns them off. */
  refreshSeconds?: number;
  /** Raw bytes for the terminal (OSC 52); stdout unless given. */
  writeTerminal?: (bytes: string) => void;
  /** Between polls while a deletion finishes. */
  pollIntervalMs?: number;
  /** Called on every key press with its id, before anything else (the bench measures from here). */
  onKey?: (key: string) => void;
  /** Fixed terminal size for tests; otherwise stdout's, followed on resize. */
  size?: TerminalSize;
  /** The last listing of each connection: shown at once on start, written after each fresh one. */
  listingCache?: ListingCache;
  /** The UI state read ahead of the store (sorts, the last view, the language), for the first frame. */
  uiState?: UiStateLoaded;
  /** Starting state for tests. */
  initialState?: AppState;
  now?: () => number;
}

export function App({ colour, size, ...props }: AppProps) {
  return (
    <ThemeProvider colour={colour}>
      <TerminalSizeProvider size={size}>
        <Root {...props} />
      </TerminalSizeProvider>
    </ThemeProvider>
  );
}

const FLASH_MS = 6000;

/** Said when the settings store could not be opened at all: nothing is kept. */
const STORE_MISSING: Localized = {
  en: t('en', 'storeMissing'),
  'zh-CN': t('zh-CN', 'storeMissing'),
};

/** With settings that cannot be saved, no key says the draft is kept. */
function unsavedLabels(bindings: readonly Binding[], unsaved: boolean): readonly Binding[] {
  if (!unsaved) return bindings;
  return bindings.map((binding) =>
    binding.label === 'keyWizardLeave' ? { ...binding, label: 'keyWizardLeaveUnsaved' } : binding,
  );
}
const PEEK_DELAY_MS = 150;
/** The longest the store waits for the first listing before it opens anyway (a slow connection). */
const STORE_OPEN_DELAY_MS = 2000;

/** A promise and the function that resolves it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

function refreshIndicator(state: AppState, now: number): RefreshIndicator | undefined {
  const { stale } = state.dashboard;
  if (stale) return { text: staleText(stale.savedAt, now, state.lang), tone: 'warning' };
  if (state.session.status !== 'open') return undefined;
  const { load } = state.dashboard;
  if (load.inFlight) return { text: t(state.lang, 'refreshing'), tone: 'accent' };
  if (load.error && state.dashboard.data)
    return { text: t(state.lang, 'refreshFailedShort'), tone: 'danger' };
  if (state.refreshSeconds <= 0) return { text: t(state.lang, 'refreshOff') };
  if (refreshPaused(state)) return { text: t(state.lang, 'refreshPaused') };
  return { text: t(state.lang, 'refreshEvery', { seconds: state.refreshSeconds }) };
}

function Root({
  connection,
  sessions,
  lang,
  langExplicit,
  store,
  connectionName,
  refreshSeconds,
  writeTerminal,
  pollIntervalMs,
  onKey,
  listingCache,
  uiState,
  initialState,
  now: clock,
}: Omit<AppProps, 'colour' | 'size'>) {
  const size = useTerminalSize();
  const [state, dispatch] = useReducer(appReducer, undefined, () => {
    if (initialState) return initialState;
    const initial = initialAppState({
      lang,
      connection,
      terminal: size,
      ...(refreshSeconds === undefined ? {} : { refreshSeconds }),
      ...(connectionName === undefined ? {} : { connectionName }),
      ...(listingCache?.initial ? { cached: listingCache.initial } : {}),
    });
    if (!uiState) return initial;
    const { language, ...rest } = uiState;
    const ui = language && !langExplicit ? { ...rest, language } : rest;
    return appReducer(initial, { type: 'ui-state-loaded', ui, connections: initial.connections });
  });
  const { exit } = useApp();
  const { stdout } = useStdout();
  const now = clock ?? Date.now;

  // The store opens in the background once the first fresh listing settled (or after a while), so the
  // listing does not wait on it; sorts, the last view and the language follow when it is there, unless
  // they were read ahead (`uiState`) for the first frame.
  const storeRef = useRef<Store | undefined>(undefined);
  const [storeOpened] = useState(() => deferred<Store | undefined>());
  const [storeStatus, setStoreStatus] = useState<'pending' | 'open' | 'missing'>(
    store ? 'pending' : 'missing',
  );
  const freshLoadSettled =
    (state.dashboard.data !== undefined && state.dashboard.stale === undefined) ||
    state.dashboard.load.error !== undefined;
  // Once wanted, for good: a later listing (`:ctx`) does not hold it back again.
  const [storeWanted, setStoreWanted] = useState(false);
  useEffect(() => {
    if (freshLoadSettled) return setStoreWanted(true);
    const timer = setTimeout(() => setStoreWanted(true), STORE_OPEN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [freshLoadSettled]);
  useEffect(() => {
    if (!store) storeOpened.resolve(undefined);
    if (!storeWanted || !store) return;
    let cancelled = false;
    const missing = () => {
      storeOpened.resolve(undefined);
      if (cancelled) return;
      setStoreStatus('missing');
      dispatch({ type: 'store-opened', notices: [STORE_MISSING], unsaved: true });
    };
    store().then((opened) => {
      if (!opened) return missing();
      storeRef.current = opened;
      storeOpened.resolve(opened);
      if (cancelled) return;
      setStoreStatus('open');
      // Files moved aside, files this session cannot write: said at the start, each in full under `?`.
      dispatch({ type: 'store-opened', notices: opened.warnings, unsaved: opened.unsaved !== undefined });
      const connections = opened.listConnections().map((profile) => profile.name);
      if (uiState) {
        dispatch({ type: 'connections-listed', connections });
        return;
      }
      const ui = opened.getUiState();
      dispatch({
        type: 'ui-state-loaded',
        ui: {
          sort: ui.sort,
          ...(ui.lastView ? { lastView: ui.lastView } : {}),
          ...(ui.language && !langExplicit ? { language: ui.language } : {}),
        },
        connections,
      });
    }, missing);
    return () => {
      cancelled = true;
    };
  }, [store, langExplicit, storeWanted, uiState, storeOpened]);

  useEffect(() => {
    dispatch({ type: 'resize', size });
  }, [size]);

  // The wizard, profiles and `:ctx` views load once the first listing has settled and the store is
  // open, off the path to the first frame and the first data, so that opening them draws at once.
  const firstLoadSettled = state.dashboard.data !== undefined || state.dashboard.load.error !== undefined;
  useEffect(() => {
    if (storeStatus !== 'pending' && firstLoadSettled) void preloadViews();
  }, [storeStatus, firstLoadSettled]);

  useEffectRunner(state.effects, dispatch, {
    sessions,
    store: () => storeRef.current,
    storeOpened: () => storeOpened.promise,
    writeTerminal: writeTerminal ?? ((bytes) => stdout.write(bytes)),
    now,
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    ...(listingCache ? { listingCache } : {}),
  });

  // The one root input handler (ink-notes §3.5). Stable, so Ink 6 does not re-subscribe every render.
  const stateRef = useRef(state);
  stateRef.current = state;
  const viewKeys = useRef<ViewKeyHandler | undefined>(undefined);
  const onInput = useCallback(
    (input: string, key: Key) => {
      const press = keyFromInk(input, key);
      onKey?.(press ? (keyId(press) ?? 'paste') : '');
      if (!press) return;
      // A view with its own keys (the wizard, profiles) sees them first, unless help or the command
      // line is open; the keys of a chunk one by one, its printable runs whole (routeChunk).
      const viewTakes = (key: KeyPress) => {
        const current = stateRef.current;
        const handler = viewKeys.current;
        return (
          handler !== undefined &&
          current.overlay === 'none' &&
          !current.input &&
          keyId(key) !== 'ctrl+c' &&
          handler(key)
        );
      };
      routeChunk(press, viewTakes, (one, chunked) => {
        const action = { type: 'key', key: one } as const;
        // The next key of a chunk must see what this one did (a `:` opens the command line); a single
        // key needs no second run of the reducer.
        if (chunked) stateRef.current = appReducer(stateRef.current, action);
        dispatch(action);
      });
    },
    [onKey],
  );
  useInput(onInput);
  const registerKeys = useCallback((handler: ViewKeyHandler | undefined) => {
    viewKeys.current = handler;
  }, []);
  const onCloseView = useCallback(
    (select?: { loadBalancerId: string; listenerId?: string }) =>
      dispatch(select ? { type: 'close-view', select } : { type: 'close-view' }),
    [],
  );
  const flash = useCallback(
    (message: Localized, tone: Tone) => dispatch({ type: 'flash', message, tone }),
    [],
  );
  const openView = useCallback((view: View) => dispatch({ type: 'open-view', view }), []);
  const switchConnection = useCallback((name: string) => dispatch({ type: 'switch-connection', name }), []);
  const clearMarks = useCallback(
    (ids?: readonly string[]) => dispatch({ type: 'clear-marks', ...(ids ? { ids } : {}) }),
    [],
  );
  const copy = useCallback(
    (text: string, what?: string) =>
      dispatch({ type: 'copy', text, ...(what === undefined ? {} : { what }) }),
    [],
  );

  useEffect(() => {
    if (state.exitRequested) exit();
  }, [state.exitRequested, exit]);

  useEffect(() => {
    if (state.refreshSeconds <= 0) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), state.refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [state.refreshSeconds]);

  const flashId = state.flash?.id;
  useEffect(() => {
    if (flashId === undefined) return;
    const timer = setTimeout(() => dispatch({ type: 'flash-expired', id: flashId }), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashId]);

  // Several connections open: calls that name no resource (what a wizard offers) go to the connection
  // of the row under the cursor. Set while drawing, so a view opened by this key already calls there.
  sessions.focus(actedOnRow(state)?.connection ?? sessions.members[0]?.member.key);

  // The certificate on the detail line needs GetListenerAttribute: asked once the selection rests.
  const generation = state.session.generation;
  const selected = selectedListener(state.dashboard);
  const peekId =
    state.view.kind === 'dashboard' &&
    (state.dashboard.focus === 'listeners' || state.dashboard.allListeners) &&
    selected &&
    selected.protocol !== 'HTTP' &&
    !state.dashboard.peeked.has(selected.id)
      ? selected.id
      : undefined;
  useEffect(() => {
    const client = sessions.client;
    if (!peekId || !client) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client.getListener(peekId, { signal: controller.signal }).then(
        (listener) => dispatch({ type: 'listener-peeked', generation, listener }),
        () => undefined,
      );
    }, PEEK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [peekId, generation, sessions]);

  // The certificates of the listeners in view, for the expiry marks in their rows.
  useCertificateReads(state, sessions.client, (listener, at) =>
    dispatch({ type: 'listener-peeked', generation: at, listener }),
  );
  // The health of the listeners in view, for their rows' health column.
  useHealthReads(state, sessions.client, (listenerId, summary, at) =>
    dispatch({ type: 'listener-health', generation: at, listenerId, summary }),
  );

  // Drawn for the size the terminal has now, even before the resize has reached the state.
  const shown = state.terminal === size ? state : { ...state, terminal: size };
  const at = now();
  const detailId = shown.view.kind === 'detail' ? shown.view.listenerId : undefined;
  const summary = useMemo(() => {
    if (shown.view.kind !== 'dashboard' && shown.view.kind !== 'detail') return [];
    if (detailId !== undefined) {
      const row = shown.dashboard.data?.listeners.find((candidate) => candidate.id === detailId);
      return row ? listenerSummary(shown.dashboard, row, shown.lang, at) : [];
    }
    return selectionSummary(shown.dashboard, shown.lang, at);
    // `at` changes every render; the summary only needs to follow the selection and its data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown.view.kind, detailId, shown.dashboard, shown.lang]);

  const failures = shown.dashboard.data?.mixed?.failures;
  const failedKeys = useMemo(() => [...(failures?.keys() ?? [])], [failures]);

  if (isTooSmall(size)) return <TooSmall lang={state.lang} size={size} />;

  const height = size.rows - 1;
  const input = shown.input;
  // A long "what depends on it" takes a second line: the body's last row, while it is asked.
  const impact = impactNotice(input, shown.lang, size.columns);
  const body = bodyHeight(size) - ((impact.noticeRows ?? 1) - 1);
  const filterPane = input?.kind === 'filter' ? input.pane : undefined;
  const filterModel = filterPane === 'instances' ? shown.dashboard.instances : shown.dashboard.listeners;
  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      <Header
        connection={shown.session.connection}
        lang={shown.lang}
        columns={size.columns}
        refresh={refreshIndicator(shown, at)}
        settingsUnsaved={shown.settingsUnsaved}
        failed={failedKeys}
      />
      <Box flexDirection="column" height={body} overflow="hidden">
        {shown.overlay === 'help' ? (
          <Help
            bindings={unsavedLabels(helpBindings(shown), shown.settingsUnsaved)}
            lang={shown.lang}
            columns={size.columns}
            height={body}
            scroll={shown.helpScroll}
            withCommands={helpHasCommands(shown)}
            notices={shown.storeNotices}
          />
        ) : (
          <ViewRouter
            state={shown}
            now={at}
            height={body}
            client={sessions.client}
            store={storeRef.current}
            storePending={storeStatus === 'pending'}
            registerKeys={registerKeys}
            onCloseView={onCloseView}
            openView={openView}
            switchConnection={switchConnection}
            flash={flash}
            clearMarks={clearMarks}
            opsLog={sessions.opsLog}
            copy={copy}
          />
        )}
      </Box>
      <StatusLine
        columns={size.columns}
        lang={shown.lang}
        {...(input ? { input } : {})}
        {...(shown.flash ? { flash: shown.flash } : {})}
        summary={summary}
        {...(filterPane
          ? {
              filterCount: {
                matches: filterModel.matches.length,
                total: filterModel.rows.length,
                pane: t(shown.lang, filterPane === 'instances' ? 'paneInstances' : 'paneListeners'),
              },
            }
          : {})}
        {...(input?.kind === 'command' && !input.cycle
          ? { completions: completions(input.text, shown.connections) }
          : {})}
      />
      <Footer
        bindings={unsavedLabels(hintBindings(shown), shown.settingsUnsaved)}
        lang={shown.lang}
        columns={size.columns}
        {...impact}
        {...flashContinued(shown.input, shown.flash, shown.lang, size.columns)}
      />
    </Box>
  );
}
