// `:groups`: the server groups (name, protocol, scheduler, VPC, servers, health), and a group's backend
// servers (address, weight, status, health with its reason). Add a server (a form checked as typed),
// remove the marked ones, change their weight — each previewed with a DryRun precheck, confirmed (the
// count typed on production, refused on read-only), sent with one ClientToken, followed to its end with
// each server's result. Pure: the view runs the effects.
import type { BackendServer, ServerGroup } from '../../domain/resources.js';
import {
  healthOf,
  summarise,
  type HealthSummary,
  type ListenerHealth,
  type ServerGroupHealth,
} from '../../domain/server-health.js';
import { serverKey } from '../../domain/server-rules.js';
import type { ErrorInfo } from '../error-info.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit } from '../line-edit.js';
import { cursorKey } from '../list-cursor.js';
import {
  changeCount,
  emptyForm,
  fieldProblem,
  FORM_FIELDS,
  formServer,
  type ServerChange,
  type ServerForm,
} from './server-change.js';
import { serverWeightProblem } from '../../domain/server-rules.js';

/** A listener as the groups view needs it: which groups it forwards to (for their health). */
export interface GroupListener {
  id: string;
  protocol: string;
  port: number;
  serverGroupIds: readonly string[];
}

export type HealthRead = ListenerHealth | 'loading' | 'failed';

export type Precheck = { kind: 'pending' } | { kind: 'passed' } | { kind: 'refused'; error: ErrorInfo };

export type ServerResult = 'pending' | 'done' | 'failed';

export type GroupsMode =
  | { kind: 'groups'; filtering: boolean }
  | {
      kind: 'servers';
      groupId: string;
      cursor: number;
      marked: ReadonlySet<string>;
      sub?:
        | { kind: 'form'; form: ServerForm }
        | { kind: 'weight'; text: string; servers: BackendServer[] }
        | { kind: 'preview'; change: ServerChange; text: string; wrong: boolean; precheck: Precheck }
        | { kind: 'running'; change: ServerChange; statuses: Record<string, string> }
        | {
            kind: 'done';
            change: ServerChange;
            results: Record<string, ServerResult>;
            /** The servers were read again after the change: the list shown is what the group has now. */
            reloaded: boolean;
          }
        | { kind: 'failed'; change: ServerChange; error: ErrorInfo; statuses: Record<string, string> };
    };

export interface GroupsState {
  status: 'loading' | 'ready' | 'failed';
  error?: ErrorInfo;
  groups: ServerGroup[];
  listeners: readonly GroupListener[];
  cursor: number;
  filter: string;
  /** Each group's servers once read (on Enter). */
  servers: Record<string, BackendServer[] | 'loading' | ErrorInfo>;
  health: Record<string, HealthRead>;
  mode: GroupsMode;
  readOnly: boolean;
  production: boolean;
  notice?:
    | 'readOnly'
    | 'nothingSelected'
    | 'busy'
    | 'fixForm'
    | 'sameWeight'
    /** Enter on a preview: it never applies (^S does, as everywhere else in the app). */
    | 'applyKey'
    | { copied: string }
    /** `a` on a group the add form cannot fill (it takes IP addresses): which type, and why. */
    | { noForm: Exclude<ServerGroup['serverGroupType'], 'Ip'>; name: string };
}

export type GroupsEffect =
  | { kind: 'load-groups' }
  | { kind: 'load-servers'; groupId: string }
  | { kind: 'load-health'; listenerIds: string[] }
  | { kind: 'precheck'; change: ServerChange }
  | { kind: 'apply'; change: ServerChange }
  | { kind: 'copy'; text: string };

export type GroupsAction =
  | { type: 'key'; key: KeyPress }
  | { type: 'groups-loaded'; groups: readonly ServerGroup[] }
  | { type: 'groups-failed'; error: ErrorInfo }
  | { type: 'servers-loaded'; groupId: string; servers: readonly BackendServer[] }
  | { type: 'servers-failed'; groupId: string; error: ErrorInfo }
  | { type: 'health-loaded'; health: ListenerHealth }
  | { type: 'health-failed'; listenerId: string }
  /** Which groups show now (the view's window): their health is read, once. */
  | { type: 'visible'; groupIds: readonly string[] }
  | { type: 'precheck'; change: ServerChange; error?: ErrorInfo }
  | { type: 'server-status'; key: string; status: string }
  | { type: 'applied' }
  | { type: 'apply-failed'; error: ErrorInfo };

export interface GroupsStep {
  state: GroupsState;
  effects: GroupsEffect[];
  used: boolean;
}

export function initGroups(options: {
  listeners: readonly GroupListener[];
  readOnly: boolean;
  production: boolean;
}): GroupsState {
  return {
    ...options,
    status: 'loading',
    groups: [],
    cursor: 0,
    filter: '',
    servers: {},
    health: {},
    mode: { kind: 'groups', filtering: false },
  };
}

const step = (state: GroupsState, effects: GroupsEffect[] = [], used = true): GroupsStep => ({
  state,
  effects,
  used,
});

export function visibleGroups(state: GroupsState): ServerGroup[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return state.groups;
  return state.groups.filter((g) => {
    const text = [g.serverGroupId, g.serverGroupName, g.protocol, g.vpcId, g.serverGroupType]
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The listener whose health report speaks for a group: the first one forwarding to it. */
export function healthListener(state: GroupsState, groupId: string): GroupListener | undefined {
  return state.listeners.find((l) => l.serverGroupIds.includes(groupId));
}

/** A group's health report, `undefined` when no listener uses it (ALB checks only groups in use). */
export function groupHealth(
  state: GroupsState,
  groupId: string,
): ServerGroupHealth | 'loading' | 'failed' | undefined {
  const listener = healthListener(state, groupId);
  if (!listener) return undefined;
  const read = state.health[listener.id];
  if (read === undefined || read === 'loading') return 'loading';
  if (read === 'failed') return 'failed';
  return (
    read.serverGroups.find((g) => g.serverGroupId === groupId) ?? {
      serverGroupId: groupId,
      healthCheckEnabled: true,
      nonNormalServers: [],
    }
  );
}

export function groupSummary(state: GroupsState, group: ServerGroup): HealthSummary | undefined {
  const health = groupHealth(state, group.serverGroupId);
  if (!health || typeof health === 'string') return undefined;
  return summarise([health], new Map([[group.serverGroupId, group.serverCount]]));
}

export function serverHealth(state: GroupsState, groupId: string, server: BackendServer) {
  const health = groupHealth(state, groupId);
  if (!health || typeof health === 'string') return undefined;
  return healthOf([health], groupId, server);
}

export function serversOf(state: GroupsState, groupId: string): BackendServer[] {
  const read = state.servers[groupId];
  return Array.isArray(read) ? read : [];
}

function groupsKey(
  state: GroupsState,
  mode: Extract<GroupsMode, { kind: 'groups' }>,
  press: KeyPress,
): GroupsStep {
  const id = keyId(press);
  const list = visibleGroups(state);
  if (mode.filtering) {
    if (id === 'escape')
      return step({ ...state, filter: '', cursor: 0, mode: { kind: 'groups', filtering: false } });
    if (id === 'enter') return step({ ...state, mode: { kind: 'groups', filtering: false } });
    const filter = edit(state.filter, press);
    if (filter === undefined) return step(state);
    return step({ ...state, filter, cursor: 0 });
  }
  const cursor = cursorKey(id, state.cursor, list.length, 10);
  if (cursor !== undefined) return step({ ...state, cursor });
  switch (id) {
    case '/':
      return step({ ...state, mode: { kind: 'groups', filtering: true } });
    case 'escape':
      if (state.filter) return step({ ...state, filter: '', cursor: 0 });
      return step(state, [], false);
    case 'ctrl+r':
      return step({ ...state, status: 'loading', health: {} }, [{ kind: 'load-groups' }]);
    case 'y': {
      const group = list[state.cursor];
      if (!group) return step(state);
      return step({ ...state, notice: { copied: group.serverGroupId } }, [
        { kind: 'copy', text: group.serverGroupId },
      ]);
    }
    case 'enter': {
      const group = list[state.cursor];
      if (!group) return step(state);
      return step(
        {
          ...state,
          servers: { ...state.servers, [group.serverGroupId]: 'loading' },
          mode: { kind: 'servers', groupId: group.serverGroupId, cursor: 0, marked: new Set() },
        },
        [
          { kind: 'load-servers', groupId: group.serverGroupId },
          ...healthEffects(state, [group.serverGroupId], true),
        ],
      );
    }
    default:
      return step(state, [], false);
  }
}

/** Health reads for the listeners speaking for `groupIds` not read yet (or again, when `fresh`). */
function healthEffects(state: GroupsState, groupIds: readonly string[], fresh = false): GroupsEffect[] {
  const ids = new Set<string>();
  for (const groupId of groupIds) {
    const listener = healthListener(state, groupId);
    if (!listener) continue;
    const read = state.health[listener.id];
    if (read === undefined || (fresh && read !== 'loading')) ids.add(listener.id);
  }
  return ids.size > 0 ? [{ kind: 'load-health', listenerIds: [...ids] }] : [];
}

function markLoading(state: GroupsState, effects: GroupsEffect[]): GroupsState {
  const health = { ...state.health };
  for (const effect of effects)
    if (effect.kind === 'load-health') for (const id of effect.listenerIds) health[id] = 'loading';
  return { ...state, health };
}

type ServersMode = Extract<GroupsMode, { kind: 'servers' }>;

function selection(state: GroupsState, mode: ServersMode): BackendServer[] {
  const servers = serversOf(state, mode.groupId);
  if (mode.marked.size > 0) return servers.filter((s) => mode.marked.has(serverKey(s)));
  const current = servers[mode.cursor];
  return current ? [current] : [];
}

function serversKey(state: GroupsState, mode: ServersMode, press: KeyPress): GroupsStep {
  const id = keyId(press);
  const servers = serversOf(state, mode.groupId);
  const group = state.groups.find((g) => g.serverGroupId === mode.groupId);
  const cursor = cursorKey(id, mode.cursor, servers.length);
  if (cursor !== undefined) return step({ ...state, mode: { ...mode, cursor } });
  const reload = (next: GroupsState) =>
    step(markLoading(next, healthEffects(next, [mode.groupId], true)), [
      { kind: 'load-servers', groupId: mode.groupId },
      ...healthEffects(next, [mode.groupId], true),
    ]);
  switch (id) {
    case 'escape':
    case 'q':
      // Back one level, to the groups (whose counts may have changed).
      return step({ ...state, mode: { kind: 'groups', filtering: false } }, [{ kind: 'load-groups' }]);
    case 'ctrl+r':
      return reload(state);
    case ' ': {
      const current = servers[mode.cursor];
      if (!current) return step(state);
      const marked = new Set(mode.marked);
      const key = serverKey(current);
      if (marked.has(key)) marked.delete(key);
      else marked.add(key);
      return step({
        ...state,
        mode: { ...mode, marked, cursor: Math.min(servers.length - 1, mode.cursor + 1) },
      });
    }
    case 'a':
      if (state.readOnly) return step({ ...state, notice: 'readOnly' });
      // The form takes IP addresses; an Instance group's servers are ECS/ENI/ECI IDs, an Fc group's functions.
      if (group && group.serverGroupType !== 'Ip')
        return step({
          ...state,
          notice: { noForm: group.serverGroupType, name: group.serverGroupName || group.serverGroupId },
        });
      return step({ ...state, mode: { ...mode, sub: { kind: 'form', form: emptyForm() } } });
    case 'x':
    case 'delete':
    case 'w': {
      if (state.readOnly) return step({ ...state, notice: 'readOnly' });
      const chosen = selection(state, mode);
      if (chosen.length === 0) return step({ ...state, notice: 'nothingSelected' });
      if (chosen.some((s) => s.status !== 'Available')) return step({ ...state, notice: 'busy' });
      if (id === 'w') {
        const text = chosen.every((s) => s.weight === chosen[0]!.weight) ? String(chosen[0]!.weight) : '';
        return step({ ...state, mode: { ...mode, sub: { kind: 'weight', text, servers: chosen } } });
      }
      return preview(state, mode, { kind: 'remove', serverGroupId: mode.groupId, servers: chosen });
    }
    default:
      return step(state, [], false);
  }
}

function preview(state: GroupsState, mode: ServersMode, change: ServerChange): GroupsStep {
  return step(
    {
      ...state,
      mode: {
        ...mode,
        sub: { kind: 'preview', change, text: '', wrong: false, precheck: { kind: 'pending' } },
      },
    },
    [{ kind: 'precheck', change }],
  );
}

function formKey(state: GroupsState, mode: ServersMode, form: ServerForm, press: KeyPress): GroupsStep {
  const id = keyId(press);
  const field = FORM_FIELDS[form.focus]!;
  const withForm = (next: ServerForm) =>
    step({ ...state, mode: { ...mode, sub: { kind: 'form', form: next } } });
  const touched = new Set(form.touched).add(field);
  if (id === 'escape') return step({ ...state, mode: { ...mode, sub: undefined } });
  if (id === 'tab' || id === 'down')
    return withForm({ ...form, touched, focus: (form.focus + 1) % FORM_FIELDS.length });
  if (id === 'backtab' || id === 'up')
    return withForm({ ...form, touched, focus: (form.focus + FORM_FIELDS.length - 1) % FORM_FIELDS.length });
  const submit = id === 'ctrl+s' || (id === 'enter' && form.focus === FORM_FIELDS.length - 1);
  if (id === 'enter' && !submit) return withForm({ ...form, touched, focus: form.focus + 1 });
  if (submit) {
    const server = formServer(form);
    if (!server)
      return step({
        ...state,
        notice: 'fixForm',
        mode: { ...mode, sub: { kind: 'form', form: { ...form, touched: new Set(FORM_FIELDS) } } },
      });
    return preview(state, mode, { kind: 'add', serverGroupId: mode.groupId, servers: [server] });
  }
  const value = edit(form.values[field], press);
  if (value === undefined) return step(state);
  return withForm({ ...form, touched, values: { ...form.values, [field]: value } });
}

function weightKey(
  state: GroupsState,
  mode: ServersMode,
  sub: { kind: 'weight'; text: string; servers: BackendServer[] },
  press: KeyPress,
): GroupsStep {
  const id = keyId(press);
  if (id === 'escape') return step({ ...state, mode: { ...mode, sub: undefined } });
  if (id === 'enter' || id === 'ctrl+s') {
    if (serverWeightProblem(sub.text)) return step({ ...state, notice: 'fixForm' });
    const weight = Number(sub.text.trim());
    const servers = sub.servers.filter((s) => s.weight !== weight);
    if (servers.length === 0) return step({ ...state, notice: 'sameWeight' });
    return preview(state, mode, { kind: 'weight', serverGroupId: mode.groupId, servers, weight });
  }
  const text = edit(sub.text, press);
  if (text === undefined || !/^\d{0,3}$/.test(text)) return step(state);
  return step({ ...state, mode: { ...mode, sub: { ...sub, text } } });
}

function previewKey(
  state: GroupsState,
  mode: ServersMode,
  sub: Extract<NonNullable<ServersMode['sub']>, { kind: 'preview' }>,
  press: KeyPress,
): GroupsStep {
  const id = keyId(press);
  if (id === 'escape') return step({ ...state, mode: { ...mode, sub: undefined } });
  const go = () =>
    step({ ...state, mode: { ...mode, sub: { kind: 'running', change: sub.change, statuses: {} } } }, [
      { kind: 'apply', change: sub.change },
    ]);
  // Only ^S applies, as every other change in the app: an Enter meant for something else sends nothing.
  if (id === 'enter') return step({ ...state, notice: 'applyKey' });
  const count = String(changeCount(sub.change));
  if (state.production) {
    if (id === 'ctrl+s')
      return sub.text === count ? go() : step({ ...state, mode: { ...mode, sub: { ...sub, wrong: true } } });
    const text = edit(sub.text, press);
    if (text === undefined || !/^\d{0,4}$/.test(text)) return step(state);
    return step({ ...state, mode: { ...mode, sub: { ...sub, text, wrong: false } } });
  }
  if (id === 'ctrl+s') return go();
  return step(state);
}

function key(state: GroupsState, press: KeyPress): GroupsStep {
  const base = state.notice ? { ...state, notice: undefined } : state;
  const mode = base.mode;
  if (mode.kind === 'groups') return groupsKey(base, mode, press);
  const sub = mode.sub;
  if (!sub) return serversKey(base, mode, press);
  const id = keyId(press);
  switch (sub.kind) {
    case 'form':
      return formKey(base, mode, sub.form, press);
    case 'weight':
      return weightKey(base, mode, sub, press);
    case 'preview':
      return previewKey(base, mode, sub, press);
    case 'running':
      return step(base);
    case 'done':
      if (id === 'escape' || id === 'enter')
        return step({ ...base, mode: { ...mode, sub: undefined, marked: new Set() } });
      return step(base);
    case 'failed':
      if (id === 'r')
        return step(
          {
            ...base,
            mode: { ...mode, sub: { kind: 'running', change: sub.change, statuses: sub.statuses } },
          },
          [{ kind: 'apply', change: sub.change }],
        );
      if (id === 'escape') {
        const next = { ...base, mode: { ...mode, sub: undefined } };
        return step(next, [{ kind: 'load-servers', groupId: mode.groupId }]);
      }
      return step(base);
  }
}

/** Each server's result from the statuses its wait saw: its end state reached, or not. */
function results(
  change: ServerChange,
  statuses: Record<string, string>,
  failed: boolean,
): Record<string, ServerResult> {
  const goal = change.kind === 'remove' ? 'gone' : 'Available';
  const out: Record<string, ServerResult> = {};
  for (const server of change.servers) {
    const k = serverKey(server);
    out[k] = statuses[k] === goal ? 'done' : failed ? 'failed' : 'pending';
  }
  return out;
}

export function groupsReducer(state: GroupsState, action: GroupsAction): GroupsStep {
  const mode = state.mode;
  switch (action.type) {
    case 'key':
      return key(state, action.key);
    case 'groups-loaded': {
      const groups = [...action.groups];
      return step(
        { ...state, status: 'ready', groups, cursor: Math.min(state.cursor, Math.max(0, groups.length - 1)) },
        [],
        false,
      );
    }
    case 'groups-failed':
      return step({ ...state, status: 'failed', error: action.error }, [], false);
    case 'servers-loaded': {
      const servers = [...action.servers];
      const next = { ...state, servers: { ...state.servers, [action.groupId]: servers } };
      if (mode.kind === 'servers' && mode.groupId === action.groupId) {
        const keys = new Set(servers.map(serverKey));
        next.mode = {
          ...mode,
          cursor: Math.min(mode.cursor, Math.max(0, servers.length - 1)),
          marked: new Set([...mode.marked].filter((k) => keys.has(k))),
        };
        // The count the groups list shows follows what was just read.
        next.groups = state.groups.map((g) =>
          g.serverGroupId === action.groupId ? { ...g, serverCount: servers.length } : g,
        );
        if (mode.sub?.kind === 'done') next.mode = { ...next.mode, sub: { ...mode.sub, reloaded: true } };
      }
      return step(next, [], false);
    }
    case 'servers-failed': {
      const next = { ...state, servers: { ...state.servers, [action.groupId]: action.error } };
      // The list now says it could not be read: the change is no longer waiting on it.
      if (mode.kind === 'servers' && mode.groupId === action.groupId && mode.sub?.kind === 'done')
        next.mode = { ...mode, sub: { ...mode.sub, reloaded: true } };
      return step(next, [], false);
    }
    case 'health-loaded':
      return step(
        { ...state, health: { ...state.health, [action.health.listenerId]: action.health } },
        [],
        false,
      );
    case 'health-failed':
      return step({ ...state, health: { ...state.health, [action.listenerId]: 'failed' } }, [], false);
    case 'visible': {
      const effects = healthEffects(state, action.groupIds);
      return step(markLoading(state, effects), effects, false);
    }
    case 'precheck': {
      if (mode.kind !== 'servers' || mode.sub?.kind !== 'preview' || mode.sub.change !== action.change)
        return step(state, [], false);
      const precheck: Precheck = action.error ? { kind: 'refused', error: action.error } : { kind: 'passed' };
      return step({ ...state, mode: { ...mode, sub: { ...mode.sub, precheck } } }, [], false);
    }
    case 'server-status': {
      if (mode.kind !== 'servers' || mode.sub?.kind !== 'running') return step(state, [], false);
      const statuses = { ...mode.sub.statuses, [action.key]: action.status };
      return step({ ...state, mode: { ...mode, sub: { ...mode.sub, statuses } } }, [], false);
    }
    case 'applied': {
      if (mode.kind !== 'servers' || mode.sub?.kind !== 'running') return step(state, [], false);
      const { change, statuses } = mode.sub;
      const next = {
        ...state,
        mode: {
          ...mode,
          sub: { kind: 'done' as const, change, results: results(change, statuses, false), reloaded: false },
        },
      };
      const effects: GroupsEffect[] = [
        { kind: 'load-servers', groupId: mode.groupId },
        ...healthEffects(next, [mode.groupId], true),
      ];
      return step(markLoading(next, effects), effects, false);
    }
    case 'apply-failed': {
      if (mode.kind !== 'servers' || mode.sub?.kind !== 'running') return step(state, [], false);
      const { change, statuses } = mode.sub;
      return step(
        { ...state, mode: { ...mode, sub: { kind: 'failed', change, error: action.error, statuses } } },
        [{ kind: 'load-servers', groupId: mode.groupId }],
        false,
      );
    }
  }
}

/** Each server's result once the change is over (for the results lines). */
export function resultsOf(sub: {
  kind: 'failed';
  change: ServerChange;
  statuses: Record<string, string>;
}): Record<string, ServerResult> {
  return results(sub.change, sub.statuses, true);
}

export { fieldProblem };
