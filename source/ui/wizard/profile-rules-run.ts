// Creates a profile's forwarding rules on the wizard's new listener: the calls apply-to-many and
// `create --profile` make (10 rules a call, ClientTokens from the listener's), each rule's progress
// handed to the screen reducer. A failed call stops the later ones, which are reported as not sent.
import type { AlbClient } from '../../alb/client.js';
import { profileRuleCalls, runRuleCalls } from '../../alb/rule-batches.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import { problemOf } from './wizard-errors.js';
import type { ScreenAction } from './wizard-screen.js';

export async function createProfileRules(
  client: AlbClient,
  effect: { listenerId: string; rules: readonly RuleSpec[]; listenerClientToken: string },
  options: { signal: AbortSignal; pollIntervalMs?: number; dispatch: (action: ScreenAction) => void },
): Promise<void> {
  const { signal, dispatch } = options;
  try {
    await runRuleCalls(
      client,
      profileRuleCalls(client, effect.listenerId, effect.rules, effect.listenerClientToken),
      {
        signal,
        stopOnFailure: true,
        ...(options.pollIntervalMs === undefined ? {} : { intervalMs: options.pollIntervalMs }),
        onEvent: (event) =>
          dispatch({
            type: 'rules-event',
            index: event.index,
            phase: event.phase,
            ...(event.ruleId ? { ruleId: event.ruleId } : {}),
            ...(event.phase === 'failed' ? { error: problemOf(event.error).message } : {}),
          }),
      },
    );
  } catch {
    // Aborted: the pane is gone.
    if (signal.aborted) return;
  }
  if (!signal.aborted) dispatch({ type: 'rules-finished' });
}
