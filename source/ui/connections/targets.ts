// Which connection a key acts on in a mixed view: the connection of the row it is about (the listener
// under the cursor in the listeners pane or the detail, else the instance). Read-only is said here,
// before any work, naming the connection; every change's confirmation names where it goes. Pure.
import type { Localized } from '../../domain/i18n.js';
import type { AppState } from '../app-state.js';
import type { Connection } from '../connection.js';
import { selectedInstance, selectedListener } from '../dashboard/dashboard-state.js';
import { targetOf, type ChangeTarget } from './change-target.js';
import { connectionsText } from './connections-i18n.js';
import type { ConnectionMember } from './members.js';

/** The row a key is about: the detail's listener, the selected listener, else the selected instance. */
export function actedOnRow(state: AppState): { connection?: string } | undefined {
  const dashboard = state.dashboard;
  if (state.view.kind === 'detail' && state.detail)
    return dashboard.data?.listeners.find((row) => row.id === state.detail?.listenerId);
  if (dashboard.focus === 'listeners' || dashboard.allListeners) return selectedListener(dashboard);
  return selectedInstance(dashboard);
}

/** The open connection a row came from, in a mixed view. */
export function memberOf(
  state: AppState,
  row: { connection?: string } | undefined,
): ConnectionMember | undefined {
  const key = row?.connection;
  if (key === undefined) return undefined;
  return state.session.connection.members?.find((member) => member.key === key);
}

/** The connection a change on `row` (the acted-on row unless given) goes to. */
export function targetConnection(state: AppState, row?: { connection?: string }): Connection {
  return memberOf(state, row ?? actedOnRow(state))?.connection ?? state.session.connection;
}

/** Why a change on the row is refused (its connection is read-only), naming the connection; else undefined. */
export function readOnlyRefusalFor(state: AppState, row?: { connection?: string }): Localized | undefined {
  const member = memberOf(state, row ?? actedOnRow(state));
  if (!member?.connection.readOnly) return undefined;
  return connectionsText('rowReadOnly', {
    name: member.connection.profile,
    region: member.connection.region,
  });
}

/** `on prod · cn-shanghai`: said in a change's confirmation when several connections are open. */
export function changeTarget(state: AppState, row?: { connection?: string }): Localized | undefined {
  const member = memberOf(state, row ?? actedOnRow(state));
  if (!member) return undefined;
  return connectionsText('changeGoesTo', {
    name: member.connection.profile,
    region: member.connection.region,
  });
}

/** The connection of the instance or listener with this ID in a mixed view; undefined with one open. */
export function targetOfResource(state: AppState, id: string): ChangeTarget | undefined {
  const data = state.dashboard.data;
  const row = data?.listeners.find((one) => one.id === id) ?? data?.instances.find((one) => one.id === id);
  const member = memberOf(state, row);
  return member ? targetOf(member.connection) : undefined;
}

/**
 * Where a change goes, as its confirmation names it: the connections of the instances or listeners
 * `ids` (a change over marked rows may span several), else the connection acted on.
 */
export function changeTargets(state: AppState, ids: readonly string[] = []): ChangeTarget[] {
  const found = new Map<string, ChangeTarget>();
  for (const id of ids) {
    const target = targetOfResource(state, id);
    if (target) found.set(`${target.profile}@${target.region}`, target);
  }
  if (found.size === 0) {
    const acted = targetOf(targetConnection(state));
    found.set(`${acted.profile}@${acted.region}`, acted);
  }
  // The same list for the same connections: the views redraw only when it changes.
  const key = [...found.keys()].join(',');
  let targets = interned.get(key);
  if (!targets) {
    if (interned.size >= 64) interned.clear();
    targets = [...found.values()];
    interned.set(key, targets);
  }
  return targets;
}

const interned = new Map<string, ChangeTarget[]>();

/** Region IDs look like `cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`. */
export const REGION_ID = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

/**
 * What `:region` opens, as `--connection` takes it: the acted-on connection moved to `regions[0]`
 * (switch), or the open ones plus the acted-on profile in each of `regions` (add). Undefined for an
 * ad-hoc `--endpoint` connection, which has no profile to open in another region.
 */
export function regionSpec(state: AppState, regions: readonly string[], add: boolean): string | undefined {
  const session = state.session.connection;
  if (session.kind === 'cloud' && session.endpoint !== undefined && session.profile === session.endpoint)
    return undefined;
  const members = session.members?.map((member) => member.connection) ?? [session];
  const acted = targetConnection(state);
  const names = members.map((connection) => `${connection.profile}@${connection.region}`);
  const actedName = `${acted.profile}@${acted.region}`;
  if (!add) {
    const moved = `${acted.profile}@${regions[0] ?? acted.region}`;
    const at = names.indexOf(actedName);
    const next = names.map((name, index) => (index === Math.max(0, at) ? moved : name));
    return [...new Set(next)].join(',');
  }
  const added = regions.map((region) => `${acted.profile}@${region}`);
  return [...new Set([...names, ...added])].join(',');
}
