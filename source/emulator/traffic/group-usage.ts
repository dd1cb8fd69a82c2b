// Which server groups the listeners forward to (default actions and rules): the health checker probes
// those groups' servers and reports the others as `Unused`.
import type { Rule } from '../../domain/rule-types.js';
import type { EmulatorState } from '../state.js';

/** The rules in a state file, once the local ALB keeps them (absent before). */
export function rulesIn(state: EmulatorState): readonly Rule[] {
  return (state as EmulatorState & { rules?: Rule[] }).rules ?? [];
}

export function serverGroupsInUse(state: EmulatorState): Set<string> {
  const rules = rulesIn(state);
  const groups = new Set<string>();
  for (const listener of state.listeners)
    for (const action of listener.defaultActions)
      for (const tuple of action.forwardGroupConfig.serverGroupTuples) groups.add(tuple.serverGroupId);
  for (const rule of rules)
    for (const action of rule.ruleActions) {
      if (action.type === 'ForwardGroup')
        for (const tuple of action.forwardGroupConfig.serverGroupTuples) groups.add(tuple.serverGroupId);
      if (action.type === 'TrafficMirror')
        for (const tuple of action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples)
          groups.add(tuple.serverGroupId);
    }
  return groups;
}
