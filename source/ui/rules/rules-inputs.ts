// What the rules pane takes from the app's state: its listener (from the dashboard's listing, or the
// open detail), the listeners rules may be copied to, and the server group names already known.
import type { AppState } from '../app-state.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import type { CopyTarget, RulesListener } from './rules-state.js';

export interface RulesInputs {
  listener: RulesListener;
  targets: CopyTarget[];
  names: ReadonlyMap<string, string>;
}

export function rulesViewInputs(state: AppState, listenerId: string, loadBalancerId: string): RulesInputs {
  const data = state.dashboard.data;
  const row = data?.listeners.find((candidate) => candidate.id === listenerId);
  const detailed = state.detail?.detail?.listener;
  const fromDetail = detailed?.listenerId === listenerId ? detailed : undefined;
  const protocol = row?.protocol ?? fromDetail?.listenerProtocol ?? 'HTTP';
  const port = row?.port ?? fromDetail?.listenerPort ?? 0;
  const name = row?.name ?? sanitizeForTerminal(fromDetail?.listenerDescription ?? '');
  const label = `${protocol} ${port}${name ? ` ${name}` : ''}`;
  const targets = (data?.listeners ?? []).map((candidate) => ({
    id: candidate.id,
    loadBalancerId: candidate.loadBalancerId,
    // In a mixed view, which connection: one instance name can be in several regions.
    label: `${candidate.protocol} ${candidate.port}${candidate.name ? ` ${candidate.name}` : ''} · ${candidate.instanceName || candidate.loadBalancerId}${candidate.connection ? ` · ${candidate.connection}` : ''}`,
  }));
  const names = new Map<string, string>();
  for (const [id, group] of data?.serverGroups ?? []) names.set(id, group.serverGroupName);
  return { listener: { id: listenerId, loadBalancerId, label, protocol, port }, targets, names };
}
