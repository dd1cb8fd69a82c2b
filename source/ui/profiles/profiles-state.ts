// The profiles view's state and reducer: the saved listener profiles, a filter, the selection, and
// the one prompt at a time (rename, duplicate, delete, export, import). Reading and writing the
// store is queued as effects for the view to run; keys say whether they were used, so the keys the
// view leaves (Esc with nothing to undo, `?`, `:`, `q`) reach the root. Runs without Ink.
import type { Localized } from '../../domain/i18n.js';
import type { ImportReport, ListenerProfile } from '../../store/index.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit } from '../line-edit.js';
import type { Tone } from '../theme.js';
import { profilesText } from './profiles-i18n.js';
import type { ListenerRef } from './update-state.js';

/** An instance as the dashboard shows it: what a new listener or an "apply" goes to. */
export interface InstanceRef {
  id: string;
  name: string;
}

export type ProfilesPrompt =
  | { kind: 'rename'; from: string; text: string; error?: Localized }
  | { kind: 'duplicate'; from: string; text: string; error?: Localized }
  | { kind: 'delete'; name: string }
  | { kind: 'export'; names: readonly string[]; text: string; error?: Localized }
  | { kind: 'overwrite'; names: readonly string[]; path: string }
  | { kind: 'import'; text: string; error?: Localized };

export type ProfilesEffect =
  | { kind: 'load' }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'duplicate'; from: string; to?: string }
  | { kind: 'delete'; name: string }
  | { kind: 'export'; names: readonly string[]; path: string; overwrite: boolean }
  | { kind: 'import'; path: string }
  /** Opens the wizard on the instance, pre-filled from the profile. */
  | { kind: 'new-listener'; profile: string; instance: InstanceRef }
  /** Opens the apply-to-many view. */
  | { kind: 'apply'; profile: string; instances: readonly InstanceRef[] }
  /** Opens the view that applies the profile to existing listeners as updates. */
  | { kind: 'apply-update'; profile: string; listeners: readonly ListenerRef[] };

export interface ProfilesNotice {
  message: Localized;
  tone: Tone;
}

export interface ProfilesState {
  status: 'loading' | 'ready' | 'unavailable';
  profiles: readonly ListenerProfile[];
  filter: string;
  /** The filter line has the keys. */
  filtering: boolean;
  /** Index into the profiles the filter lets through. */
  cursor: number;
  /** First list row shown. */
  offset: number;
  prompt?: ProfilesPrompt;
  /** A store call is running: keys wait. */
  busy: boolean;
  notice?: ProfilesNotice;
  /** The per-entry result of an import, shown until the next key. */
  report?: readonly ProfilesNotice[];
  /** Where `c` creates a listener: the instance selected on the dashboard. */
  target?: InstanceRef;
  /** Where `a` applies the profile: the instances marked on the dashboard (the target when none). */
  marked: readonly InstanceRef[];
  /** Where `u` applies the profile as updates: the listeners marked on the dashboard. */
  markedListeners: readonly ListenerRef[];
  effects: readonly { seq: number; effect: ProfilesEffect }[];
  nextEffectSeq: number;
}

export type ProfilesAction =
  | { type: 'key'; press: KeyPress; rows: number }
  | { type: 'reload' }
  /** What the dashboard has selected and marked, as it changes underneath (a refresh). */
  | {
      type: 'targets';
      target: InstanceRef | undefined;
      marked: readonly InstanceRef[];
      markedListeners?: readonly ListenerRef[];
    }
  | { type: 'loaded'; profiles: readonly ListenerProfile[]; select?: string }
  | { type: 'unavailable' }
  | { type: 'done'; message: Localized; profiles: readonly ListenerProfile[]; select?: string }
  | { type: 'failed'; message: Localized }
  | { type: 'export-exists'; names: readonly string[]; path: string }
  | { type: 'imported'; path: string; report: ImportReport; profiles: readonly ListenerProfile[] }
  | { type: 'effects-taken'; upTo: number };

export const DEFAULT_EXPORT_PATH = 'alb-tui-profiles.json';

export function initProfiles(options: {
  target?: InstanceRef;
  marked?: readonly InstanceRef[];
  markedListeners?: readonly ListenerRef[];
}): ProfilesState {
  return queue(
    {
      status: 'loading',
      profiles: [],
      filter: '',
      filtering: false,
      cursor: 0,
      offset: 0,
      busy: false,
      ...(options.target ? { target: options.target } : {}),
      marked: options.marked ?? [],
      markedListeners: options.markedListeners ?? [],
      effects: [],
      nextEffectSeq: 1,
    },
    { kind: 'load' },
  );
}

function queue(state: ProfilesState, effect: ProfilesEffect): ProfilesState {
  return {
    ...state,
    effects: [...state.effects, { seq: state.nextEffectSeq, effect }],
    nextEffectSeq: state.nextEffectSeq + 1,
  };
}

/** What a profile is found by: its name, description, protocol and port, and its picks. */
function searchText(profile: ListenerProfile): string {
  const { listener, hints } = profile;
  return [
    profile.name,
    profile.description,
    listener.protocol,
    String(listener.port),
    `${listener.protocol}:${listener.port}`,
    listener.namePattern,
    hints.certificate?.domain ?? '',
    hints.serverGroup?.name ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

/** The profiles the filter lets through (every word must match), by name. */
export function visibleProfiles(state: Pick<ProfilesState, 'profiles' | 'filter'>): ListenerProfile[] {
  const terms = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  return state.profiles.filter((profile) => {
    if (terms.length === 0) return true;
    const text = searchText(profile);
    return terms.every((term) => text.includes(term));
  });
}

export function selectedProfile(state: ProfilesState): ListenerProfile | undefined {
  return visibleProfiles(state)[state.cursor];
}

function byName(profiles: readonly ListenerProfile[]): ListenerProfile[] {
  return [...profiles].sort((a, b) => a.name.localeCompare(b.name));
}

/** Cursor and offset kept inside the list and the window. */
function fit(state: ProfilesState, rows: number, cursor = state.cursor): ProfilesState {
  const count = visibleProfiles(state).length;
  const at = Math.max(0, Math.min(cursor, count - 1));
  const height = Math.max(1, rows);
  let offset = Math.min(state.offset, Math.max(0, count - height));
  if (at < offset) offset = at;
  if (at >= offset + height) offset = at - height + 1;
  return at === state.cursor && offset === state.offset ? state : { ...state, cursor: at, offset };
}

function withProfiles(
  state: ProfilesState,
  profiles: readonly ListenerProfile[],
  select: string | undefined,
  rows: number,
): ProfilesState {
  const current = select ?? selectedProfile(state)?.name;
  const next: ProfilesState = { ...state, status: 'ready', profiles: byName(profiles), busy: false };
  const index = current === undefined ? -1 : visibleProfiles(next).findIndex((p) => p.name === current);
  return fit(next, rows, index >= 0 ? index : state.cursor);
}

/** Rows the list gets when the action does not say (answers from the store). */
const ROWS_UNKNOWN = 1_000_000;

function notice(state: ProfilesState, key: Parameters<typeof profilesText>[0], tone: Tone, params = {}) {
  return { ...state, notice: { message: profilesText(key, params), tone } };
}

function listKey(
  state: ProfilesState,
  press: KeyPress,
  rows: number,
): { state: ProfilesState; used: boolean } {
  const id = keyId(press);
  const used = (next: ProfilesState) => ({ state: next, used: true });
  const profile = selectedProfile(state);
  switch (id) {
    case 'down':
    case 'j':
      return used(fit(state, rows, state.cursor + 1));
    case 'up':
    case 'k':
      return used(fit(state, rows, state.cursor - 1));
    case 'pagedown':
    case 'ctrl+f':
      return used(fit(state, rows, state.cursor + rows));
    case 'pageup':
    case 'ctrl+b':
      return used(fit(state, rows, state.cursor - rows));
    case 'g':
    case 'home':
      return used(fit(state, rows, 0));
    case 'G':
    case 'end':
      return used(fit(state, rows, visibleProfiles(state).length - 1));
    case '/':
      return used({ ...state, filtering: true });
    case 'escape':
      // Esc undoes the filter first; with nothing to undo it leaves the view (the root's key).
      if (state.filter === '') return { state, used: false };
      return used(fit({ ...state, filter: '' }, rows, 0));
    case 'ctrl+r':
      return used(queue({ ...state, busy: true }, { kind: 'load' }));
    case 'i':
      return used({ ...state, prompt: { kind: 'import', text: '' } });
    case 'e': {
      const names = visibleProfiles(state).map((p) => p.name);
      if (names.length === 0) return used(notice(state, 'exportNothing', 'warning'));
      return used({ ...state, prompt: { kind: 'export', names, text: DEFAULT_EXPORT_PATH } });
    }
  }
  if (
    id !== 'enter' &&
    id !== 'c' &&
    id !== 'a' &&
    id !== 'u' &&
    id !== 'r' &&
    id !== 'd' &&
    id !== 'ctrl+d' &&
    id !== 'x'
  )
    return { state, used: false };
  if (!profile) return used(notice(state, 'noProfileSelected', 'warning'));
  switch (id) {
    case 'enter':
    case 'c':
      if (!state.target) return used(notice(state, 'needInstance', 'warning'));
      return used(queue(state, { kind: 'new-listener', profile: profile.name, instance: state.target }));
    case 'a': {
      const instances = state.marked.length > 0 ? state.marked : state.target ? [state.target] : [];
      if (instances.length === 0) return used(notice(state, 'needInstance', 'warning'));
      return used(queue(state, { kind: 'apply', profile: profile.name, instances }));
    }
    case 'u':
      if (state.markedListeners.length === 0) return used(notice(state, 'needListeners', 'warning'));
      return used(
        queue(state, { kind: 'apply-update', profile: profile.name, listeners: state.markedListeners }),
      );
    case 'r':
      return used({ ...state, prompt: { kind: 'rename', from: profile.name, text: profile.name } });
    case 'd':
      return used({ ...state, prompt: { kind: 'duplicate', from: profile.name, text: '' } });
    default:
      return used({ ...state, prompt: { kind: 'delete', name: profile.name } });
  }
}

function filterKey(state: ProfilesState, press: KeyPress, rows: number): ProfilesState {
  const id = keyId(press);
  if (id === 'enter') return { ...state, filtering: false };
  if (id === 'escape') return fit({ ...state, filtering: false, filter: '' }, rows, 0);
  if (id === 'down' || id === 'up') return fit(state, rows, state.cursor + (id === 'down' ? 1 : -1));
  const text = edit(state.filter, press);
  if (text === undefined || text === state.filter) return state;
  return fit({ ...state, filter: text, offset: 0 }, rows, 0);
}

function promptKey(state: ProfilesState, prompt: ProfilesPrompt, press: KeyPress): ProfilesState {
  const id = keyId(press);
  const cancel = { ...state, prompt: undefined };
  if (prompt.kind === 'delete') {
    if (id === 'y') return queue({ ...cancel, busy: true }, { kind: 'delete', name: prompt.name });
    return id === 'n' || id === 'escape' ? cancel : state;
  }
  if (prompt.kind === 'overwrite') {
    if (id === 'y')
      return queue(
        { ...cancel, busy: true },
        { kind: 'export', names: prompt.names, path: prompt.path, overwrite: true },
      );
    if (id === 'n' || id === 'escape')
      return { ...state, prompt: { kind: 'export', names: prompt.names, text: prompt.path } };
    return state;
  }
  if (id === 'escape') return cancel;
  if (id === 'enter') return submitPrompt(state, prompt);
  const text = edit(prompt.text, press);
  if (text === undefined || text === prompt.text) return state;
  const { error: _dropped, ...rest } = prompt;
  return { ...state, prompt: { ...rest, text } };
}

function submitPrompt(
  state: ProfilesState,
  prompt: Exclude<ProfilesPrompt, { kind: 'delete' } | { kind: 'overwrite' }>,
): ProfilesState {
  const text = prompt.text.trim();
  const busy = { ...state, busy: true };
  switch (prompt.kind) {
    case 'rename':
      if (text === '') return { ...state, prompt: { ...prompt, error: profilesText('nameRequired') } };
      return queue(busy, { kind: 'rename', from: prompt.from, to: text });
    case 'duplicate':
      return queue(busy, { kind: 'duplicate', from: prompt.from, ...(text === '' ? {} : { to: text }) });
    case 'export':
      if (text === '') return { ...state, prompt: { ...prompt, error: profilesText('pathRequired') } };
      return queue(busy, { kind: 'export', names: prompt.names, path: text, overwrite: false });
    case 'import':
      if (text === '') return { ...state, prompt: { ...prompt, error: profilesText('pathRequired') } };
      return queue(busy, { kind: 'import', path: text });
  }
}

/** A key press: the new state, and whether the view used the key (the root gets the others). */
export function profilesKey(
  state: ProfilesState,
  press: KeyPress,
  rows: number,
): { state: ProfilesState; used: boolean } {
  // Keys wait while the store works; they are still the view's.
  if (state.busy) return { state, used: true };
  // A report or a notice goes with the next key; the key then does what it does.
  const base = state.report || state.notice ? { ...state, report: undefined, notice: undefined } : state;
  if (state.report) return { state: base, used: true };
  if (base.prompt) return { state: promptKey(base, base.prompt, press), used: true };
  if (base.filtering) return { state: filterKey(base, press, rows), used: true };
  if (base.status !== 'ready') {
    return keyId(press) === 'i' && base.status !== 'unavailable'
      ? listKey(base, press, rows)
      : { state: base, used: false };
  }
  const result = listKey(base, press, rows);
  // An unused key leaves any notice where it was.
  return result.used ? result : { state, used: false };
}

function importLines(path: string, report: ImportReport): ProfilesNotice[] {
  if (!report.ok) {
    return [
      {
        message: profilesText('importFailed', { path, reason: report.error ?? profilesText('none') }),
        tone: 'danger',
      },
    ];
  }
  const count = (status: string) => report.entries.filter((entry) => entry.status === status).length;
  const lines: ProfilesNotice[] = [
    {
      message: profilesText('importSummary', {
        path,
        imported: count('imported') + count('replaced'),
        renamed: count('renamed'),
        invalid: count('invalid') + count('skipped'),
      }),
      tone: count('invalid') > 0 ? 'warning' : 'good',
    },
  ];
  for (const entry of report.entries) {
    const index = entry.index + 1;
    const name = entry.name ?? '—';
    switch (entry.status) {
      case 'imported':
      case 'replaced':
        lines.push({ message: profilesText('importEntryImported', { index, name }), tone: 'good' });
        break;
      case 'renamed':
        lines.push({
          message: profilesText('importEntryRenamed', { index, name, newName: entry.newName }),
          tone: 'warning',
        });
        break;
      case 'skipped':
        lines.push({
          message: profilesText('importEntrySkipped', { index, name, reason: entry.message }),
          tone: 'warning',
        });
        break;
      case 'invalid':
        lines.push({
          message: profilesText('importEntryInvalid', { index, name, reason: entry.message }),
          tone: 'danger',
        });
        break;
    }
  }
  return lines;
}

export function profilesReducer(state: ProfilesState, action: ProfilesAction): ProfilesState {
  switch (action.type) {
    case 'key':
      return profilesKey(state, action.press, action.rows).state;
    case 'targets': {
      const { target: _old, ...rest } = state;
      return {
        ...rest,
        ...(action.target ? { target: action.target } : {}),
        marked: action.marked,
        markedListeners: action.markedListeners ?? state.markedListeners,
      };
    }
    case 'reload':
      return queue(state, { kind: 'load' });
    case 'loaded':
      return withProfiles(state, action.profiles, action.select, ROWS_UNKNOWN);
    case 'unavailable':
      return { ...state, status: 'unavailable', busy: false };
    case 'done':
      return {
        ...withProfiles({ ...state, prompt: undefined }, action.profiles, action.select, ROWS_UNKNOWN),
        notice: { message: action.message, tone: 'good' },
      };
    case 'failed': {
      const prompt = state.prompt;
      const idle = { ...state, busy: false };
      // A prompt that is still open shows the problem under it; otherwise it is a notice.
      if (prompt && prompt.kind !== 'delete' && prompt.kind !== 'overwrite')
        return { ...idle, prompt: { ...prompt, error: action.message } };
      return { ...idle, notice: { message: action.message, tone: 'danger' } };
    }
    case 'export-exists':
      return { ...state, busy: false, prompt: { kind: 'overwrite', names: action.names, path: action.path } };
    case 'imported': {
      const next = withProfiles({ ...state, prompt: undefined }, action.profiles, undefined, ROWS_UNKNOWN);
      return { ...next, report: importLines(action.path, action.report) };
    }
    case 'effects-taken': {
      const effects = state.effects.filter((queued) => queued.seq > action.upTo);
      return effects.length === state.effects.length ? state : { ...state, effects };
    }
  }
}
