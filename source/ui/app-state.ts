// The root state of the app and its reducer: which view is showing, which overlay sits on top, the
// language, and whether the user asked to leave. Key presses arrive here through one dispatcher and are
// routed by priority: global keys, then the overlay, then the view. Runs without Ink.
import type { Lang } from '../domain/i18n.js';
import type { MessageKey } from './i18n.js';
import { keyId, type KeyPress } from './keys.js';

/** Full-screen views. The dashboard (instances and listeners) is the first; more follow. */
export type View = 'dashboard';
/** What can sit over a view and take the keys first. */
export type Overlay = 'none' | 'help';

export interface AppState {
  lang: Lang;
  view: View;
  overlay: Overlay;
  /** Set once the user asked to leave; the root component then ends Ink, which restores the screen. */
  exitRequested: boolean;
}

export type AppAction =
  { type: 'key'; key: KeyPress } | { type: 'set-lang'; lang: Lang } | { type: 'request-exit' };

export interface Binding {
  /** Key ids as `keyId` writes them: `q`, `?`, `ctrl+c`, `escape`. The first is the one shown. */
  keys: readonly string[];
  label: MessageKey;
  /** Shown in the footer's key-hint line. */
  hint: boolean;
  run: (state: AppState) => AppState;
}

export function initialAppState(lang: Lang): AppState {
  return { lang, view: 'dashboard', overlay: 'none', exitRequested: false };
}

const requestExit = (state: AppState): AppState => ({ ...state, exitRequested: true });
const openHelp = (state: AppState): AppState => ({ ...state, overlay: 'help' });
const closeOverlay = (state: AppState): AppState => ({ ...state, overlay: 'none' });

/** Keys that work everywhere, before any overlay or view sees them. */
export const GLOBAL_BINDINGS: readonly Binding[] = [
  { keys: ['ctrl+c'], label: 'keyQuit', hint: false, run: requestExit },
];

export const OVERLAY_BINDINGS: Record<Exclude<Overlay, 'none'>, readonly Binding[]> = {
  help: [{ keys: ['escape', '?', 'q'], label: 'keyCloseHelp', hint: true, run: closeOverlay }],
};

export const VIEW_BINDINGS: Record<View, readonly Binding[]> = {
  dashboard: [
    { keys: ['?'], label: 'keyHelp', hint: true, run: openHelp },
    { keys: ['q'], label: 'keyQuit', hint: true, run: requestExit },
  ],
};

/** The bindings that currently receive keys, highest priority first. */
export function activeBindings(state: AppState): readonly Binding[] {
  const overlay = state.overlay === 'none' ? [] : OVERLAY_BINDINGS[state.overlay];
  // An overlay is modal: the view's keys wait until it closes.
  const view = state.overlay === 'none' ? VIEW_BINDINGS[state.view] : [];
  return [...GLOBAL_BINDINGS, ...overlay, ...view];
}

/** What the footer advertises right now. */
export function hintBindings(state: AppState): readonly Binding[] {
  const own = state.overlay === 'none' ? VIEW_BINDINGS[state.view] : OVERLAY_BINDINGS[state.overlay];
  return own.filter((binding) => binding.hint);
}

/** What help lists: every key of the view under the help, then the keys that work everywhere. */
export function helpBindings(state: AppState): readonly Binding[] {
  return [...VIEW_BINDINGS[state.view], ...GLOBAL_BINDINGS];
}

function handleKey(state: AppState, press: KeyPress): AppState {
  const id = keyId(press);
  if (id === undefined) return state;
  const binding = activeBindings(state).find((candidate) => candidate.keys.includes(id));
  return binding ? binding.run(state) : state;
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'key':
      return handleKey(state, action.key);
    case 'set-lang':
      return state.lang === action.lang ? state : { ...state, lang: action.lang };
    case 'request-exit':
      return requestExit(state);
  }
}

const KEY_SYMBOLS: Record<string, string> = {
  escape: 'esc',
  enter: '⏎',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  tab: 'Tab',
  backtab: 'S-Tab',
  backspace: '⌫',
};

/** How a key id is written on screen: `^c`, `esc`, `⏎`, `q`. */
export function displayKey(id: string): string {
  const ctrl = id.startsWith('ctrl+') && id.length > 5;
  const base = ctrl ? id.slice(5) : id;
  const symbol = KEY_SYMBOLS[base] ?? base;
  return ctrl ? `^${symbol}` : symbol;
}
