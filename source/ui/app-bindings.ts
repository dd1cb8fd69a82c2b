// Which key tables are live and how they are shown: the keys that work everywhere, the help overlay's
// keys and the commands it lists, the footer's hints while a line is typed, the bindings that receive
// keys now (by priority), those the footer advertises and help lists, and how a key is written. Pure.
import type { AppState, Binding, InputLine } from './app-state.js';
import { closeHelp, requestExit } from './app-helpers.js';
import { VIEW_BINDINGS } from './app-view-bindings.js';
import type { MessageKey } from './i18n.js';
import { bodyHeight } from './layout.js';
import { helpNoticeLineCount } from './store-notices.js';

/** Keys that work everywhere, before any overlay or view sees them. */
export const GLOBAL_BINDINGS: readonly Binding[] = [
  { keys: ['ctrl+c'], label: 'keyQuit', hint: false, run: requestExit },
];

/** The commands help lists under the keys (not over the wizard, whose own keys come first). */
export const HELP_COMMANDS: readonly (readonly [string, MessageKey])[] = [
  [':instances', 'helpCommandInstances'],
  [':listeners', 'helpCommandListeners'],
  [':profiles', 'helpCommandProfiles'],
  [':certs', 'helpCommandCerts'],
  [':rules', 'helpCommandRules'],
  [':ops', 'helpCommandOps'],
  [':groups', 'helpCommandGroups'],
  [':ctx NAME', 'helpCommandCtx'],
  [':lang en|zh-CN', 'helpCommandLang'],
  [':q', 'helpCommandQuit'],
];

export function helpHasCommands(state: AppState): boolean {
  return state.view.kind !== 'wizard' && state.view.kind !== 'apply' && state.view.kind !== 'apply-update';
}

export function scrollHelp(state: AppState, delta: number): AppState {
  const lines =
    helpNoticeLineCount(state.storeNotices, state.lang, state.terminal.columns) +
    helpBindings(state).length +
    (helpHasCommands(state) ? HELP_COMMANDS.length + 4 : 0);
  const room = Math.max(1, bodyHeight(state.terminal) - 2);
  const helpScroll = Math.max(0, Math.min(state.helpScroll + delta, lines - room));
  return helpScroll === state.helpScroll ? state : { ...state, helpScroll };
}

export const HELP_BINDINGS: readonly Binding[] = [
  { keys: ['escape', '?', 'q'], label: 'keyCloseHelp', hint: true, run: closeHelp },
  { keys: ['down', 'j'], display: '↑↓', label: 'keyScroll', hint: true, run: (s) => scrollHelp(s, 1) },
  { keys: ['up', 'k'], label: 'keyScrollUp', hint: false, run: (s) => scrollHelp(s, -1) },
  {
    keys: ['pagedown', ' '],
    label: 'keyPageDown',
    hint: false,
    run: (s) => scrollHelp(s, bodyHeight(s.terminal) - 3),
  },
  {
    keys: ['pageup'],
    label: 'keyPageUp',
    hint: false,
    run: (s) => scrollHelp(s, -(bodyHeight(s.terminal) - 3)),
  },
];

/** What the footer shows while a line is being typed; the keys themselves are handled by `inputKey`. */
export const INPUT_HINTS: Record<InputLine['kind'], readonly Binding[]> = {
  filter: [
    { keys: ['enter'], label: 'keyKeepFilter', hint: true, run: (s) => s },
    { keys: ['escape'], label: 'keyClearFilter', hint: true, run: (s) => s },
    { keys: ['down'], display: '↑↓', label: 'keyMove', hint: true, run: (s) => s },
  ],
  command: [
    { keys: ['tab'], label: 'keyComplete', hint: true, run: (s) => s },
    { keys: ['enter'], label: 'keyRun', hint: true, run: (s) => s },
    { keys: ['up'], display: '↑↓', label: 'keyHistory', hint: true, run: (s) => s },
    { keys: ['escape'], label: 'keyCancel', hint: true, run: (s) => s },
  ],
  delete: [
    { keys: ['enter'], label: 'keyConfirmDelete', hint: true, run: (s) => s },
    { keys: ['escape'], label: 'keyCancel', hint: true, run: (s) => s },
  ],
  startstop: [
    { keys: ['y'], label: 'keyConfirmStartStop', hint: true, run: (s) => s },
    { keys: ['escape'], label: 'keyCancel', hint: true, run: (s) => s },
  ],
};

/** The bindings that currently receive keys, highest priority first. */
export function activeBindings(state: AppState): readonly Binding[] {
  if (state.overlay === 'help') return [...GLOBAL_BINDINGS, ...HELP_BINDINGS];
  if (state.input) return GLOBAL_BINDINGS;
  return [...GLOBAL_BINDINGS, ...VIEW_BINDINGS[state.view.kind]];
}

export function hinted(state: AppState, binding: Binding): boolean {
  return typeof binding.hint === 'function' ? binding.hint(state) : binding.hint;
}

export function labelled(state: AppState, binding: Binding): Binding {
  return binding.labelFor ? { ...binding, label: binding.labelFor(state) } : binding;
}

/** What the footer advertises right now. */
export function hintBindings(state: AppState): readonly Binding[] {
  if (state.overlay === 'help') return HELP_BINDINGS.filter((binding) => hinted(state, binding));
  if (state.input) return INPUT_HINTS[state.input.kind];
  return VIEW_BINDINGS[state.view.kind]
    .filter((binding) => hinted(state, binding))
    .map((binding) => labelled(state, binding));
}

/** What help lists: every key of the view under the help, then the keys that work everywhere. */
export function helpBindings(state: AppState): readonly Binding[] {
  return [...VIEW_BINDINGS[state.view.kind], ...GLOBAL_BINDINGS].map((binding) => labelled(state, binding));
}

export const KEY_SYMBOLS: Record<string, string> = {
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
  ' ': 'Space',
};

/** How a key id is written on screen: `^c`, `esc`, `⏎`, `q`. */
export function displayKey(id: string): string {
  const ctrl = id.startsWith('ctrl+') && id.length > 5;
  const base = ctrl ? id.slice(5) : id;
  const symbol = KEY_SYMBOLS[base] ?? base;
  return ctrl ? `^${symbol}` : symbol;
}

/** The keys of a binding as the footer shows them. */
export function bindingKeyText(binding: Binding): string {
  return binding.display ?? displayKey(binding.keys[0] ?? '');
}
