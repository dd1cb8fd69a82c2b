// The root state of the app and its reducer: which view is active, what sits on top (help), the
// line being typed (filter, command, delete confirmation), the connection, the dashboard's lists and
// the listener detail. Key presses arrive through one dispatcher and are routed by priority: global
// keys, then the help overlay, then the line being typed, then the active view. Side effects (API
// calls, the clipboard, saving UI state) are not done here: the reducer queues them as `effects`,
// which the root component runs. Runs without Ink.
// This file holds the types, the initial state and the reducer's switch; the transitions live beside
// it: app-helpers.ts (shared helpers), app-session.ts (connection, listing), app-dashboard.ts,
// app-views.ts (opening and leaving views), app-input.ts (the line being typed), app-view-bindings.ts
// (each view's keys) and app-bindings.ts (which keys are live, footer and help).
import type { HealthSummary } from '../domain/server-health.js';
import type { ListingProgress } from '../alb/client.js';
import type { Lang, Localized } from '../domain/i18n.js';
import type { ImpactSentence } from '../domain/listener-impact.js';
import type { Listener, ListenerStatus } from '../domain/resources.js';
import type { UiStatePatch } from '../store/index.js';
import type { Connection } from './connection.js';
import {
  fitDashboard,
  initialDashboard,
  withData,
  type DashboardState,
  type PaneId,
  type RowTarget,
} from './dashboard/dashboard-state.js';
import { buildDashboardData, type Snapshot } from './dashboard/rows.js';
import type { CachedDashboard } from './dashboard/cached-listing.js';
import type { ListenerDetail } from './detail/listener-detail.js';
import type { ErrorInfo } from './error-info.js';
import type { MessageKey } from './i18n.js';
import { keyId, type KeyPress } from './keys.js';
import { impactOf, type StartStopLine } from './listener-actions.js';
import {
  certificateUseRead,
  type CertificateUseAction,
  type CertificateUseRequest,
} from './certificate-use.js';
import type { TerminalSize } from './terminal-size.js';
import type { ListenerRef } from './profiles/update-state.js';
import { storeNoticeSummary } from './store-notices.js';
import type { Tone } from './theme.js';
import { copyText, flash, flashMessage, onDashboard, paneHeights, requestExit } from './app-helpers.js';
import {
  connect,
  listingFailed,
  listingLoaded,
  sessionOpened,
  tick,
  withCachedListing,
} from './app-session.js';
import {
  clearMarks,
  deleteFinished,
  listenerStatusChanged,
  uiStateLoaded,
  withDefaultCertificate,
} from './app-dashboard.js';
import { closeView } from './app-views.js';
import { inputKey } from './app-input.js';
import { activeBindings } from './app-bindings.js';

// Other modules and the tests import these from here.
export { paneHeights } from './app-helpers.js';
export { refreshPaused } from './app-session.js';
export {
  instanceRef,
  listenerRef,
  markedInstances,
  markedListeners,
  targetInstance,
} from './app-dashboard.js';
export { detailViewHeight } from './app-views.js';
export { runCommand } from './app-input.js';
export {
  APPLY_BINDINGS,
  APPLY_UPDATE_BINDINGS,
  CERTS_BINDINGS,
  CONNECTIONS_BINDINGS,
  DASHBOARD_BINDINGS,
  DETAIL_BINDINGS,
  GROUPS_BINDINGS,
  LISTENER_CERTS_BINDINGS,
  OPS_BINDINGS,
  PROFILES_BINDINGS,
  REGIONS_BINDINGS,
  RULE_FORM_BINDINGS,
  RULES_BINDINGS,
  VIEW_BINDINGS,
  WIZARD_BINDINGS,
} from './app-view-bindings.js';
export {
  activeBindings,
  bindingKeyText,
  displayKey,
  GLOBAL_BINDINGS,
  HELP_BINDINGS,
  HELP_COMMANDS,
  helpBindings,
  helpHasCommands,
  hintBindings,
  INPUT_HINTS,
} from './app-bindings.js';

/** An instance as a view other than the dashboard needs it: what to act on, and what to call it. */
export interface InstanceRef {
  id: string;
  name: string;
}

/**
 * Full-screen views; the dashboard first. The dashboard and the detail are drawn from this state; the
 * others (view-router.tsx) hold their own state and get their keys through a handler they register.
 */
export type View =
  | { kind: 'dashboard' }
  | { kind: 'detail'; listenerId: string; loadBalancerId: string }
  /** The create-listener wizard; pre-filled from a listener profile when one is named. */
  | {
      kind: 'wizard';
      loadBalancerId: string;
      profileName?: string;
      /** Edit mode: this listener, in the form or (`editAsText`) as YAML in the user's editor. */
      editListenerId?: string;
      editAsText?: boolean;
    }
  | { kind: 'profiles' }
  /** One profile applied to many instances: plan, run, results. */
  | { kind: 'apply'; profileName: string; instances: readonly InstanceRef[] }
  /** One profile applied to existing listeners as updates: plan (diff, precheck), run, results. */
  | { kind: 'apply-update'; profileName: string; listeners: readonly ListenerRef[] }
  /** The `:ctx` picker. */
  | { kind: 'connections' }
  /** `:region`: the regions DescribeRegions gives, to switch to or add to the view. */
  | { kind: 'regions' }
  /** `:certs`: certificates, the listeners using them, rotation. */
  | { kind: 'certs' }
  /** `:ops`: the operations log of this session. */
  | { kind: 'ops' }
  /** `:groups`: server groups, their servers and health; add, remove, weights. */
  | { kind: 'groups' }
  /** A listener's certificates (from its detail): default and extra ones, add, remove, replace. */
  | { kind: 'listener-certs'; listenerId: string; loadBalancerId: string; port: number }
  /** A listener's forwarding rules (`r`, `:rules`); Esc goes back to where it was opened. */
  | { kind: 'rules'; listenerId: string; loadBalancerId: string; from: 'dashboard' | 'detail' }
  /** The rule form (ui/rule-form/): a new rule of the listener, or `ruleId` edited (`asText`: as YAML). */
  | { kind: 'rule-form'; listenerId: string; loadBalancerId: string; ruleId?: string; asText?: boolean };
export type ViewKind = View['kind'];

/** What can sit over a view and take the keys first. */
export type Overlay = 'none' | 'help';

/** The line being typed at the bottom; while there is one, printable keys go to it. */
export type InputLine =
  | { kind: 'filter'; pane: PaneId; text: string }
  | {
      kind: 'command';
      text: string;
      /** Index into the history while browsing it with ↑ ↓; -1 when not. */
      historyIndex: number;
      /** Tab cycles through these (whole lines), starting from what was typed. */
      cycle?: { typed: string; options: string[]; index: number };
    }
  | {
      kind: 'delete';
      listenerId: string;
      loadBalancerId: string;
      protocol: string;
      port: number;
      name: string;
      text: string;
      /** Enter was pressed on a wrong port. */
      wrong: boolean;
      /** What depends on the listener (said beside the prompt). */
      impact?: readonly ImpactSentence[];
      /** The certificates its siblings serve are still being read (certificate-use.ts). */
      impactPending?: boolean;
      /** They could not be read: the impact counts only those known. */
      impactUnchecked?: boolean;
      /** With several connections open: the connection and region it goes to. */
      target?: Localized;
    }
  | StartStopLine;

export type Mode = 'normal' | 'filter' | 'command' | 'delete-confirm' | 'help' | 'detail';

export interface Flash {
  id: number;
  message: Localized;
  tone: Tone;
}

export interface SessionState {
  status: 'connecting' | 'open' | 'failed';
  /** The connection profile asked for (`:ctx`); undefined means the one the command line chose. */
  name: string | undefined;
  connection: Connection;
  /** Bumped on every (re)connect: answers of an older connection are dropped. */
  generation: number;
  /** This connection was opened again on its own after its endpoint stopped answering (once). */
  reopened?: boolean;
  error?: ErrorInfo;
}

export interface DetailState {
  listenerId: string;
  loadBalancerId: string;
  status: 'loading' | 'ready' | 'failed';
  detail?: ListenerDetail;
  error?: ErrorInfo;
  scroll: number;
}

export type Effect =
  | { kind: 'open-connection'; name: string | undefined; generation: number }
  | { kind: 'load-listing'; generation: number }
  | { kind: 'load-detail'; listenerId: string; generation: number }
  | { kind: 'delete-listener'; listenerId: string; generation: number }
  | { kind: 'start-stop-listener'; listenerId: string; action: 'start' | 'stop'; generation: number }
  | { kind: 'copy'; text: string }
  /** The saved connection names again (another process may have added one), for `:ctx`. */
  | { kind: 'list-connections' }
  | { kind: 'save-ui'; patch: UiStatePatch }
  | CertificateUseRequest
  /** Keep the listing just loaded as this connection's last one (the next start shows it at once). */
  | {
      kind: 'save-listing';
      name: string | undefined;
      connection: Connection;
      snapshot: Snapshot;
      at: number;
    };

export interface QueuedEffect {
  seq: number;
  effect: Effect;
}

export interface AppState {
  lang: Lang;
  terminal: TerminalSize;
  view: View;
  overlay: Overlay;
  helpScroll: number;
  input?: InputLine;
  /** Set once the user asked to leave; the root component then ends Ink, which restores the screen. */
  exitRequested: boolean;
  session: SessionState;
  dashboard: DashboardState;
  detail?: DetailState;
  flash?: Flash;
  nextFlashId: number;
  /** Seconds between automatic refreshes; 0 turns them off. */
  refreshSeconds: number;
  /** Saved connection names, for `:ctx` completion. */
  connections: readonly string[];
  /** Instances and listeners marked with Space, for applying a profile to many at once. */
  marked: ReadonlySet<string>;
  commandHistory: readonly string[];
  effects: readonly QueuedEffect[];
  nextEffectSeq: number;
  /** What the settings store said when it opened (files moved aside, files it cannot write). */
  storeNotices: readonly Localized[];
  /** Something the user does would not be kept: the header says so. */
  settingsUnsaved: boolean;
  /** Listener ID → the server certificates ListListenerCertificates named (for the impact of a change). */
  listenerCertificates?: ReadonlyMap<string, readonly string[]>;
}

export interface UiStateLoaded {
  sort: Record<string, { key: string; direction: string }>;
  lastView?: string;
  /** Applied only when the language was not given on the command line. */
  language?: Lang;
}

export type AppAction =
  | CertificateUseAction
  | { type: 'key'; key: KeyPress }
  | { type: 'resize'; size: TerminalSize }
  | { type: 'set-lang'; lang: Lang }
  | { type: 'request-exit' }
  | { type: 'tick' }
  | { type: 'session-opened'; generation: number; connection: Connection; warnings: readonly Localized[] }
  | { type: 'session-failed'; generation: number; error: ErrorInfo }
  | { type: 'listing-progress'; generation: number; progress: ListingProgress }
  | { type: 'listing-loaded'; generation: number; snapshot: Snapshot; at: number }
  /** Some connections of a mixed view have listed; the others still show their cached rows. */
  | { type: 'listing-partial'; generation: number; snapshot: Snapshot; at: number }
  | { type: 'listing-failed'; generation: number; error: ErrorInfo }
  | { type: 'listener-peeked'; generation: number; listener: Listener }
  | { type: 'listener-health'; generation: number; listenerId: string; summary: HealthSummary }
  | { type: 'detail-loaded'; generation: number; listenerId: string; detail: ListenerDetail }
  | { type: 'detail-failed'; generation: number; listenerId: string; error: ErrorInfo }
  | { type: 'delete-finished'; generation: number; listenerId: string; error?: ErrorInfo }
  /** A listener being started or stopped changed status (its row shows it); `done` once it settled. */
  | {
      type: 'listener-status';
      generation: number;
      listenerId: string;
      status: ListenerStatus;
      done?: boolean;
      error?: ErrorInfo;
      action?: 'start' | 'stop';
    }
  | { type: 'ui-state-loaded'; ui: UiStateLoaded; connections: readonly string[] }
  | { type: 'connections-listed'; connections: readonly string[] }
  | { type: 'flash-expired'; id: number }
  | { type: 'effects-taken'; upTo: number }
  /** A view other than the dashboard is done (e.g. the wizard), optionally naming a listener to select. */
  | { type: 'close-view'; select?: RowTarget }
  /** A view asks for another (profiles → wizard from a profile, profiles → apply). */
  | { type: 'open-view'; view: View }
  /** The `:ctx` picker chose a connection. */
  | { type: 'switch-connection'; name: string }
  | { type: 'flash'; message: Localized; tone: Tone }
  /** A profile was applied to the marked instances (or `ids`, e.g. listeners): they are unmarked. */
  | { type: 'clear-marks'; ids?: readonly string[] }
  /** A view puts text on the clipboard (OSC 52) and says so. */
  | { type: 'copy'; text: string; what?: string }
  /** The settings store opened (or could not): what it said, and whether changes would be lost. */
  | { type: 'store-opened'; notices: readonly Localized[]; unsaved: boolean };

export interface Binding {
  /** Key ids as `keyId` writes them: `q`, `?`, `ctrl+c`, `escape`. The first is the one shown. */
  keys: readonly string[];
  label: MessageKey;
  /** The label for the state, where one key does two things (dashboard `r`: rules, or retry). */
  labelFor?: (state: AppState) => MessageKey;
  /** Shown in the footer's key-hint line; a function for hints that depend on the state. */
  hint: boolean | ((state: AppState) => boolean);
  /** How the keys are written in the footer and help, when not from the first key (`↑↓`). */
  display?: string;
  run: (state: AppState) => AppState;
}

export const DEFAULT_REFRESH_SECONDS = 10;

export interface InitialStateOptions {
  lang: Lang;
  connection: Connection;
  terminal?: TerminalSize;
  refreshSeconds?: number;
  /** The connection profile the command line named, if any. */
  connectionName?: string;
  /** The last listing of the connection the command line chose: shown, stale, until the fresh one. */
  cached?: CachedDashboard;
}

export function initialAppState(options: InitialStateOptions): AppState {
  const state = emptyAppState(options);
  return options.cached ? withCachedListing(state, options.cached) : state;
}

function emptyAppState(options: InitialStateOptions): AppState {
  return {
    lang: options.lang,
    terminal: options.terminal ?? { columns: 80, rows: 24 },
    view: { kind: 'dashboard' },
    overlay: 'none',
    helpScroll: 0,
    exitRequested: false,
    session: {
      status: 'connecting',
      name: options.connectionName,
      connection: options.connection,
      generation: 1,
    },
    dashboard: initialDashboard(),
    nextFlashId: 1,
    refreshSeconds: options.refreshSeconds ?? DEFAULT_REFRESH_SECONDS,
    connections: [],
    marked: new Set(),
    commandHistory: [],
    effects: [{ seq: 1, effect: { kind: 'open-connection', name: options.connectionName, generation: 1 } }],
    nextEffectSeq: 2,
    storeNotices: [],
    settingsUnsaved: false,
  };
}

export function mode(state: AppState): Mode {
  if (state.overlay === 'help') return 'help';
  if (state.input?.kind === 'filter') return 'filter';
  if (state.input?.kind === 'command') return 'command';
  if (state.input?.kind === 'delete' || state.input?.kind === 'startstop') return 'delete-confirm';
  if (state.view.kind === 'detail') return 'detail';
  return 'normal';
}

// ---------------------------------------------------------------------------------------------
// The reducer

function handleKey(state: AppState, press: KeyPress): AppState {
  const id = keyId(press);
  // Any key dismisses a message that was shown.
  const base = state.flash && id !== undefined ? { ...state, flash: undefined } : state;
  if (id === 'ctrl+c') return requestExit(base);
  if (base.overlay !== 'help' && base.input) return inputKey(base, base.input, press);
  if (id === undefined) return state;
  const binding = activeBindings(base).find((candidate) => candidate.keys.includes(id));
  if (binding && CHANGE_LABELS.has(binding.label) && waitsForConnection(base))
    return flash(base, 'staleNoChanges', 'warning');
  return binding ? binding.run(base) : state.flash ? base : state;
}

/** Keys that start a change to the account. */
const CHANGE_LABELS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'keyCreate',
  'keyEdit',
  'keyEditText',
  'keyStartStop',
  'keyDelete',
  'keyListenerCerts',
]);

/** The rows are the cached listing and the connection is not open yet: nothing can be changed. */
function waitsForConnection(state: AppState): boolean {
  return state.dashboard.stale !== undefined && state.session.status !== 'open';
}

function sameGeneration(state: AppState, generation: number): boolean {
  return state.session.generation === generation;
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'key':
      return handleKey(state, action.key);
    case 'resize': {
      if (action.size.columns === state.terminal.columns && action.size.rows === state.terminal.rows)
        return state;
      const resized = { ...state, terminal: action.size };
      return { ...resized, dashboard: fitDashboard(resized.dashboard, paneHeights(resized)) };
    }
    case 'set-lang':
      return state.lang === action.lang ? state : { ...state, lang: action.lang };
    case 'request-exit':
      return requestExit(state);
    case 'tick':
      return tick(state);
    case 'session-opened':
      return sameGeneration(state, action.generation) ? sessionOpened(state, action) : state;
    case 'session-failed':
      if (!sameGeneration(state, action.generation)) return state;
      return { ...state, session: { ...state.session, status: 'failed', error: action.error } };
    case 'listing-progress':
      if (!sameGeneration(state, action.generation) || !state.dashboard.load.inFlight) return state;
      return {
        ...state,
        dashboard: { ...state.dashboard, load: { ...state.dashboard.load, progress: action.progress } },
      };
    case 'listing-loaded':
      return sameGeneration(state, action.generation) ? listingLoaded(state, action) : state;
    case 'listing-partial':
      // Only over a cached view: a refresh of a current one is replaced whole when it is in.
      if (!sameGeneration(state, action.generation) || !state.dashboard.stale) return state;
      return onDashboard(state, (dashboard, heights) =>
        withData(dashboard, buildDashboardData(action.snapshot, action.at, dashboard.data), heights),
      );
    case 'listing-failed':
      return sameGeneration(state, action.generation) ? listingFailed(state, action.error) : state;
    case 'listener-peeked': {
      if (!sameGeneration(state, action.generation)) return state;
      const peeked = new Map(state.dashboard.peeked);
      peeked.set(action.listener.listenerId, action.listener);
      return { ...state, dashboard: withDefaultCertificate({ ...state.dashboard, peeked }, action.listener) };
    }
    case 'listener-health': {
      if (!sameGeneration(state, action.generation)) return state;
      const listenerHealth = new Map(state.dashboard.listenerHealth);
      listenerHealth.set(action.listenerId, action.summary);
      return { ...state, dashboard: { ...state.dashboard, listenerHealth } };
    }
    case 'detail-loaded':
      if (!sameGeneration(state, action.generation) || state.detail?.listenerId !== action.listenerId)
        return state;
      return {
        ...state,
        dashboard: withDefaultCertificate(state.dashboard, action.detail.listener),
        detail: { ...state.detail, status: 'ready', detail: action.detail, error: undefined },
      };
    case 'certificate-use-read':
    case 'certificate-use-failed':
      return certificateUseRead(state, action, (next, line) =>
        line.kind === 'delete' || line.action === 'stop'
          ? impactOf(next, { ...line, id: line.listenerId }, line.kind === 'delete' ? 'delete' : 'stop')
          : [],
      );
    case 'detail-failed':
      if (!sameGeneration(state, action.generation) || state.detail?.listenerId !== action.listenerId)
        return state;
      return { ...state, detail: { ...state.detail, status: 'failed', error: action.error } };
    case 'delete-finished':
      return sameGeneration(state, action.generation) ? deleteFinished(state, action) : state;
    case 'listener-status':
      return sameGeneration(state, action.generation) ? listenerStatusChanged(state, action) : state;
    case 'ui-state-loaded':
      return uiStateLoaded(state, action);
    case 'connections-listed':
      return { ...state, connections: action.connections };
    case 'flash-expired':
      return state.flash?.id === action.id ? { ...state, flash: undefined } : state;
    case 'flash':
      return flashMessage(state, action.message, action.tone);
    case 'store-opened': {
      const next = { ...state, storeNotices: action.notices, settingsUnsaved: action.unsaved };
      return action.notices.length > 0
        ? flashMessage(next, storeNoticeSummary(action.notices), 'warning')
        : next;
    }
    case 'effects-taken': {
      const effects = state.effects.filter((queued) => queued.seq > action.upTo);
      return effects.length === state.effects.length ? state : { ...state, effects };
    }
    case 'close-view':
      return closeView(state, action.select);
    case 'open-view':
      return { ...state, view: action.view, detail: undefined, input: undefined };
    case 'switch-connection':
      return connect({ ...state, view: { kind: 'dashboard' } }, action.name);
    case 'clear-marks':
      return clearMarks(state, action.ids);
    case 'copy':
      return copyText(state, action.text, action.what);
  }
}
