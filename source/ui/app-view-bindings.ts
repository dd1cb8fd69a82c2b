// The key tables of the views: which keys each view takes, what help and the footer call them, and
// (for the dashboard and the detail, whose state the root holds) what they do. Other views handle
// their own keys; their tables here only list them, plus how the root leaves the view. Pure.
import type { AppState, Binding, ViewKind } from './app-state.js';
import { copyText, flash, flashMessage, openHelp, requestExit } from './app-helpers.js';
import {
  askDelete,
  back,
  copySelected,
  deleteSelected,
  focusedPane,
  moveDown,
  moveFirst,
  moveLast,
  moveUp,
  open,
  openWizard,
  pageDown,
  pageUp,
  setFocus,
  sortBy,
  startFilter,
  toggleFocus,
  toggleMark,
} from './app-dashboard.js';
import { startCommand } from './app-input.js';
import { refreshNow } from './app-session.js';
import {
  backToDashboard,
  backToDetail,
  closeDetail,
  closeView,
  detailRow,
  openListenerCerts,
  openProfiles,
  scrollDetail,
} from './app-views.js';
import { readOnlyRefusalFor } from './connections/targets.js';
import { selectedListener } from './dashboard/dashboard-state.js';
import type { MessageKey } from './i18n.js';
import { askStartStop, openEdit } from './listener-actions.js';
import { leaveRuleForm, leaveRules, openRules } from './rules/rules-open.js';

/** Keys worth advertising only once there is something listed. */
export const listed = (state: AppState) => state.dashboard.data !== undefined;
export const failedNow = (state: AppState) =>
  state.session.status === 'failed' || state.dashboard.load.error !== undefined;

/**
 * A change key on a row of a read-only connection, in a mixed view: refused at once, naming the
 * connection, before any view opens or anything is asked.
 */
export function unlessReadOnly(run: (state: AppState) => AppState): (state: AppState) => AppState {
  return (state) => {
    const refusal = readOnlyRefusalFor(state);
    return refusal ? flashMessage(state, refusal, 'danger') : run(state);
  };
}

// The entries most views' keys share.
export const HELP: Binding = { keys: ['?'], label: 'keyHelp', hint: true, run: openHelp };
export const COMMAND: Binding = { keys: [':'], label: 'keyCommand', hint: false, run: startCommand };
/** Esc and q: back where the view was opened from. */
export const backWith = (run: Binding['run']): Binding => ({
  keys: ['escape', 'q'],
  label: 'keyBack',
  hint: true,
  run,
});

/** The dashboard's keys, in the order help lists them (and the footer, as far as they fit). */
export const DASHBOARD_BINDINGS: readonly Binding[] = [
  { keys: ['down', 'j'], display: '↑↓', label: 'keyMove', hint: listed, run: moveDown },
  { keys: ['up', 'k'], label: 'keyMoveUp', hint: false, run: moveUp },
  { keys: ['enter'], label: 'keyOpen', hint: listed, run: open },
  // `r`: the selected listener's forwarding rules; after a failed read (whose message says so), retry.
  {
    keys: ['r'],
    label: 'keyRules',
    labelFor: (state) => (failedNow(state) ? 'keyRetry' : 'keyRules'),
    hint: (state) => failedNow(state) || (listed(state) && state.dashboard.focus === 'listeners'),
    run: (state) => (failedNow(state) ? refreshNow(state) : openRules(state)),
  },
  { keys: ['/'], label: 'keyFilter', hint: listed, run: startFilter },
  { keys: ['c'], label: 'keyCreate', hint: listed, run: unlessReadOnly(openWizard) },
  {
    keys: ['e'],
    label: 'keyEdit',
    hint: (state) => listed(state) && state.dashboard.focus === 'listeners',
    run: unlessReadOnly((state) =>
      focusedPane(state) === 'listeners'
        ? openEdit(state, selectedListener(state.dashboard))
        : flash(state, 'editWhichListener', 'warning'),
    ),
  },
  {
    keys: ['E'],
    label: 'keyEditText',
    hint: false,
    run: unlessReadOnly((state) =>
      focusedPane(state) === 'listeners'
        ? openEdit(state, selectedListener(state.dashboard), true)
        : flash(state, 'editWhichListener', 'warning'),
    ),
  },
  {
    keys: ['s'],
    label: 'keyStartStop',
    hint: (state) => listed(state) && state.dashboard.focus === 'listeners',
    run: unlessReadOnly((state) =>
      focusedPane(state) === 'listeners'
        ? askStartStop(state, selectedListener(state.dashboard))
        : flash(state, 'startStopWhichListener', 'warning'),
    ),
  },
  { keys: ['p'], label: 'keyProfiles', hint: true, run: openProfiles },
  {
    keys: ['ctrl+r'],
    label: 'keyRefresh',
    hint: (state) => listed(state) && !failedNow(state),
    run: refreshNow,
  },
  {
    keys: ['ctrl+d'],
    label: 'keyDelete',
    hint: (state) => listed(state) && state.dashboard.focus === 'listeners',
    run: unlessReadOnly(deleteSelected),
  },
  {
    keys: [' '],
    label: 'keyMark',
    hint: listed,
    run: toggleMark,
  },
  { keys: [':'], label: 'keyCommand', hint: (state) => !listed(state), run: startCommand },
  { keys: ['q'], label: 'keyQuit', hint: true, run: requestExit },
  HELP,
  { keys: ['y'], label: 'keyCopy', hint: false, run: copySelected },
  {
    keys: ['tab', 'backtab'],
    label: 'keySwitchPane',
    hint: (state) => listed(state) && !state.dashboard.allListeners,
    run: toggleFocus,
  },
  { keys: ['left'], label: 'keyFocusInstances', hint: false, run: (state) => setFocus(state, 'instances') },
  { keys: ['right'], label: 'keyFocusListeners', hint: false, run: (state) => setFocus(state, 'listeners') },
  { keys: ['escape'], label: 'keyBack', hint: false, run: back },
  { keys: ['pagedown', 'ctrl+f'], label: 'keyPageDown', hint: false, run: pageDown },
  { keys: ['pageup', 'ctrl+b'], label: 'keyPageUp', hint: false, run: pageUp },
  { keys: ['g', 'home'], label: 'keyFirst', hint: false, run: moveFirst },
  { keys: ['G', 'end'], label: 'keyLast', hint: false, run: moveLast },
  { keys: ['N'], label: 'keySortName', hint: false, run: (state) => sortBy(state, 'name') },
  { keys: ['P'], label: 'keySortPort', hint: false, run: (state) => sortBy(state, 'port') },
  { keys: ['S'], label: 'keySortStatus', hint: false, run: (state) => sortBy(state, 'status') },
];

// ---------------------------------------------------------------------------------------------
// Detail view keys

export const DETAIL_BINDINGS: readonly Binding[] = [
  {
    keys: ['down', 'j'],
    display: '↑↓',
    label: 'keyScroll',
    hint: true,
    run: (s) => scrollDetail(s, (at) => at + 1),
  },
  { keys: ['up', 'k'], label: 'keyScrollUp', hint: false, run: (s) => scrollDetail(s, (at) => at - 1) },
  {
    keys: ['pagedown', 'ctrl+f', ' '],
    label: 'keyPageDown',
    hint: false,
    run: (s) => scrollDetail(s, (at, h) => at + h),
  },
  {
    keys: ['pageup', 'ctrl+b'],
    label: 'keyPageUp',
    hint: false,
    run: (s) => scrollDetail(s, (at, h) => at - h),
  },
  { keys: ['g', 'home'], label: 'keyFirst', hint: false, run: (s) => scrollDetail(s, () => 0) },
  {
    keys: ['G', 'end'],
    label: 'keyLast',
    hint: false,
    run: (s) => scrollDetail(s, (_at, _h, count) => count),
  },
  backWith(closeDetail),
  { keys: ['y'], label: 'keyCopy', hint: true, run: (s) => copyText(s, s.detail?.listenerId) },
  {
    keys: ['ctrl+d'],
    label: 'keyDelete',
    hint: true,
    run: unlessReadOnly((s) => askDelete(s, detailRow(s))),
  },
  { keys: ['C'], label: 'keyListenerCerts', hint: false, run: openListenerCerts },
  { keys: ['r'], label: 'keyRules', hint: true, run: openRules },
  { keys: ['e'], label: 'keyEdit', hint: true, run: unlessReadOnly((s) => openEdit(s, detailRow(s))) },
  {
    keys: ['E'],
    label: 'keyEditText',
    hint: false,
    run: unlessReadOnly((s) => openEdit(s, detailRow(s), true)),
  },
  {
    keys: ['s'],
    label: 'keyStartStop',
    hint: true,
    run: unlessReadOnly((s) => askStartStop(s, detailRow(s))),
  },
  { keys: ['ctrl+r'], label: 'keyRefresh', hint: true, run: refreshNow },
  COMMAND,
  { keys: ['p'], label: 'keyProfiles', hint: false, run: openProfiles },
  HELP,
];

// ---------------------------------------------------------------------------------------------
// Other views: the root only knows how to leave them; their own keys come through their handler.

/** Keys the view handles itself (listed for the footer and help); the root never sees them. */
export const viewOwn = (
  keys: readonly string[],
  label: MessageKey,
  hint = true,
  display?: string,
): Binding => ({
  keys,
  label,
  hint,
  ...(display ? { display } : {}),
  run: (state) => state,
});
export const MOVE = viewOwn(['down', 'j'], 'keyMove', true, '↑↓');
export const FIRST = viewOwn(['g', 'home'], 'keyFirst', false);
export const LAST = viewOwn(['G', 'end'], 'keyLast', false);

// The wizard's own line says its keys for the field in focus; help lists them all.
export const WIZARD_BINDINGS: readonly Binding[] = [
  viewOwn(['down', 'tab'], 'keyWizardField', false, '↑↓ Tab'),
  viewOwn([' '], 'keyWizardToggle', false, 'Space'),
  viewOwn(['left', 'right'], 'keyWizardChoice', false, '←→'),
  viewOwn(['enter'], 'keyWizardNext', false),
  viewOwn(['pagedown'], 'keyWizardNextStep', false),
  viewOwn(['pageup'], 'keyWizardPreviousStep', false),
  viewOwn(['1'], 'keyWizardEditStep', false, '1 2 3'),
  viewOwn(['p'], 'keyWizardPrecheck', false),
  viewOwn(['ctrl+s'], 'keyWizardSubmit', false, '^S'),
  viewOwn(['E'], 'keyEditText', false),
  viewOwn(['r'], 'keyWizardRetry', false),
  { keys: ['escape'], label: 'keyWizardLeave', hint: true, run: (state) => closeView(state) },
  HELP,
];

export const PROFILES_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['enter', 'c'], 'keyNewFromProfile'),
  viewOwn(['a'], 'keyApplyProfile'),
  viewOwn(['u'], 'keyApplyToListeners'),
  viewOwn(['/'], 'keyFilter'),
  viewOwn(['r'], 'keyRename'),
  viewOwn(['d'], 'keyDuplicate'),
  viewOwn(['ctrl+d', 'x'], 'keyDelete'),
  viewOwn(['e'], 'keyExport'),
  viewOwn(['i'], 'keyImport'),
  viewOwn(['ctrl+r'], 'keyRefresh', false),
  FIRST,
  LAST,
  backWith(backToDashboard),
  COMMAND,
  HELP,
];

/** Apply-to-many and update-from-profile: the same keys, `^S` named for the run. */
export const profileRunBindings = (runLabel: MessageKey): readonly Binding[] => [
  MOVE,
  viewOwn(['ctrl+s'], runLabel, true, '^S'),
  viewOwn(['r'], 'keyRetryFailed', false),
  { keys: ['escape'], label: 'keyBack', hint: true, run: openProfiles },
  HELP,
];

export const APPLY_BINDINGS = profileRunBindings('keyRunApply');
export const APPLY_UPDATE_BINDINGS = profileRunBindings('keyRunUpdate');

export const CONNECTIONS_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['enter'], 'keySwitchConnection'),
  viewOwn([' '], 'keyMark'),
  viewOwn(['*'], 'keyMarkAll'),
  backWith(backToDashboard),
  HELP,
];

export const REGIONS_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['enter'], 'keySwitchRegion'),
  viewOwn([' '], 'keyMark'),
  viewOwn(['a'], 'keyAddRegions'),
  backWith(backToDashboard),
  HELP,
];

export const CERTS_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['R'], 'keyRotate'),
  viewOwn(['/'], 'keyFilter'),
  viewOwn(['E'], 'keySortExpiry', false),
  viewOwn(['N'], 'keySortName', false),
  viewOwn(['U'], 'keySortUses', false),
  viewOwn(['y'], 'keyCopy', false),
  viewOwn(['ctrl+r'], 'keyRefresh', false),
  FIRST,
  LAST,
  backWith(backToDashboard),
  COMMAND,
  HELP,
];

export const LISTENER_CERTS_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['a'], 'keyAddCerts'),
  viewOwn(['x'], 'keyRemoveCert'),
  viewOwn(['D'], 'keyReplaceDefault'),
  backWith(backToDetail),
  HELP,
];

// The rule form's own hint line says its keys; help lists them all.
export const RULE_FORM_BINDINGS: readonly Binding[] = [
  viewOwn(['down', 'tab'], 'keyWizardField', false, '↑↓ Tab'),
  viewOwn(['a'], 'keyRuleAdd', false),
  viewOwn(['x'], 'keyRuleRemove', false, 'x ⌫'),
  viewOwn(['K'], 'keyRuleMove', false, 'K J'),
  viewOwn(['enter'], 'keyRulePick', false),
  viewOwn(['left', 'right'], 'keyWizardChoice', false, '←→'),
  viewOwn(['ctrl+s'], 'keyRuleSubmit', false, '^S'),
  viewOwn(['p'], 'keyWizardPrecheck', false),
  viewOwn(['E'], 'keyEditText', false),
  viewOwn(['r'], 'keyWizardRetry', false),
  { keys: ['escape'], label: 'keyWizardLeave', hint: true, run: leaveRuleForm },
  HELP,
];

export const OPS_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['y'], 'keyCopyCommand'),
  FIRST,
  LAST,
  backWith(backToDashboard),
  COMMAND,
  HELP,
];

// The rules pane's own keys (ui/rules/rules-state.ts handles them); Esc and q go back.
export const RULES_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['K', 'J'], 'keyRuleReorder', true, 'K J'),
  viewOwn([' '], 'keyMark', true, 'Space'),
  viewOwn(['n'], 'keyRuleNew'),
  viewOwn(['e', 'enter'], 'keyRuleEdit'),
  viewOwn(['E'], 'keyRuleEditText', false),
  viewOwn(['ctrl+d'], 'keyRuleDelete', true, '^D'),
  viewOwn(['c'], 'keyRuleCopy'),
  viewOwn(['t'], 'keyRuleTest'),
  viewOwn(['/'], 'keyFilter'),
  viewOwn(['P'], 'keySortPriority', false),
  viewOwn(['N'], 'keySortNameKey', false),
  viewOwn(['S'], 'keySortStatusKey', false),
  viewOwn(['y'], 'keyCopy', false),
  viewOwn(['ctrl+r'], 'keyRefresh', false),
  FIRST,
  LAST,
  backWith(leaveRules),
  COMMAND,
  HELP,
];

export const GROUPS_BINDINGS: readonly Binding[] = [
  MOVE,
  viewOwn(['enter'], 'keyServers', true, '⏎'),
  viewOwn(['a'], 'keyAddServer'),
  viewOwn([' '], 'keyMarkServer', false, 'Space'),
  viewOwn(['x'], 'keyRemoveServers'),
  viewOwn(['w'], 'keyServerWeight'),
  viewOwn(['/'], 'keyFilter', false),
  viewOwn(['y'], 'keyCopy', false),
  viewOwn(['ctrl+r'], 'keyRefresh', false),
  backWith(backToDashboard),
  COMMAND,
  HELP,
];

export const VIEW_BINDINGS: Record<ViewKind, readonly Binding[]> = {
  dashboard: DASHBOARD_BINDINGS,
  detail: DETAIL_BINDINGS,
  wizard: WIZARD_BINDINGS,
  profiles: PROFILES_BINDINGS,
  apply: APPLY_BINDINGS,
  'apply-update': APPLY_UPDATE_BINDINGS,
  connections: CONNECTIONS_BINDINGS,
  regions: REGIONS_BINDINGS,
  certs: CERTS_BINDINGS,
  ops: OPS_BINDINGS,
  groups: GROUPS_BINDINGS,
  'listener-certs': LISTENER_CERTS_BINDINGS,
  rules: RULES_BINDINGS,
  'rule-form': RULE_FORM_BINDINGS,
};
