// Changes to many rules, sent in calls of at most 10 (UpdateRulesAttribute, DeleteRules, CreateRules),
// each followed until its rules are Available (or gone), with a result per rule. Used by the rules
// pane for moves, bulk deletes and copies to other listeners; no React.
import type { RuleSpec } from '../domain/rule-types.js';
import { inCalls, type PriorityChange } from '../domain/rule-priorities.js';
import type { CallOptions, RuleChanges } from './client.js';

export type RuleItemPhase = 'sending' | 'provisioning' | 'done' | 'failed' | 'skipped';

export interface RuleItemEvent {
  /** Index into the run's items. */
  index: number;
  phase: RuleItemPhase;
  error?: unknown;
  /** The created rule's ID (copies). */
  ruleId?: string;
}

export interface RuleCall {
  /** The run's items this call carries. */
  indexes: readonly number[];
  /** Sends the call; resolves the rule IDs to follow and the job to follow them by. */
  send: (signal?: AbortSignal) => Promise<{ ruleIds: string[]; jobId?: string }>;
  until: 'Available' | 'gone';
}

export interface RunOptions extends CallOptions {
  intervalMs?: number;
  timeoutMs?: number;
  /** A failed call ends the run: the later calls' items are `skipped` (moves: each call builds on the last). */
  stopOnFailure?: boolean;
  onEvent: (event: RuleItemEvent) => void;
}

/** Runs the calls one after another. Resolves with the number of items that failed or were skipped. */
export async function runRuleCalls(
  client: RuleChanges,
  calls: readonly RuleCall[],
  options: RunOptions,
): Promise<number> {
  let failed = 0;
  for (let at = 0; at < calls.length; at += 1) {
    const call = calls[at]!;
    for (const index of call.indexes) options.onEvent({ index, phase: 'sending' });
    try {
      const sent = await call.send(options.signal);
      for (const index of call.indexes) options.onEvent({ index, phase: 'provisioning' });
      await client.waitForRules(sent.ruleIds, {
        until: call.until,
        ...(sent.jobId ? { jobId: sent.jobId } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      call.indexes.forEach((index, position) =>
        options.onEvent({
          index,
          phase: 'done',
          ...(call.until === 'Available' && sent.ruleIds[position] ? { ruleId: sent.ruleIds[position] } : {}),
        }),
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      failed += call.indexes.length;
      for (const index of call.indexes) options.onEvent({ index, phase: 'failed', error });
      if (options.stopOnFailure) {
        for (const later of calls.slice(at + 1)) {
          failed += later.indexes.length;
          for (const index of later.indexes) options.onEvent({ index, phase: 'skipped' });
        }
        return failed;
      }
    }
  }
  return failed;
}

/** Priority changes as UpdateRulesAttribute calls (already ordered and cut by priorityCalls). */
export function moveCalls(client: RuleChanges, calls: readonly PriorityChange[][]): RuleCall[] {
  let next = 0;
  return calls.map((call) => {
    const indexes = call.map(() => next++);
    return {
      indexes,
      until: 'Available',
      send: async (signal) => {
        const change = await client.updateRules(
          call.map((item) => ({ ruleId: item.ruleId, priority: item.to })),
          signal ? { signal } : {},
        );
        return {
          ruleIds: call.map((item) => item.ruleId),
          ...('jobId' in change ? { jobId: change.jobId } : {}),
        };
      },
    };
  });
}

/** DeleteRules, 10 a call. */
export function deleteCalls(client: RuleChanges, ruleIds: readonly string[]): RuleCall[] {
  let next = 0;
  return inCalls(ruleIds).map((call) => {
    const indexes = call.map(() => next++);
    return {
      indexes,
      until: 'gone',
      send: async (signal) => {
        const change = await client.deleteRules(call, signal ? { signal } : {});
        return { ruleIds: [...call], ...('jobId' in change ? { jobId: change.jobId } : {}) };
      },
    };
  });
}

/** CreateRules on each target, 10 a call; the items are numbered target by target, in order. */
export function copyCalls(
  client: RuleChanges,
  targets: readonly { listenerId: string; specs: readonly RuleSpec[] }[],
): RuleCall[] {
  let next = 0;
  return targets.flatMap((target) =>
    inCalls(target.specs).map((call) => {
      const indexes = call.map(() => next++);
      return {
        indexes,
        until: 'Available' as const,
        send: async (signal?: AbortSignal) => {
          const created = await client.createRules(target.listenerId, call, signal ? { signal } : {});
          if (!('ruleIds' in created)) return { ruleIds: [] };
          return { ruleIds: created.ruleIds, jobId: created.jobId };
        },
      };
    }),
  );
}

/** The token of call `batch` (1-based) of `batches` sent under one given token: the same on a rerun. */
export function batchToken(given: string, batch: number, batches: number): string {
  return batches === 1 ? given : `${given.slice(0, 60)}-${batch}`;
}

/** The base token of the calls that create a profile's rules after its listener, from the listener's. */
export function profileRulesToken(listenerClientToken: string): string {
  return `${listenerClientToken.slice(0, 50)}-rules`;
}

/**
 * CreateRules for a profile's rules on its new listener, 10 a call, each call's ClientToken derived
 * from the listener's (`create --profile` derives the same), so that running again repeats the calls.
 */
export function profileRuleCalls(
  client: RuleChanges,
  listenerId: string,
  rules: readonly RuleSpec[],
  listenerClientToken: string,
): RuleCall[] {
  const batches = inCalls(rules);
  const base = profileRulesToken(listenerClientToken);
  let next = 0;
  return batches.map((call, index) => {
    const indexes = call.map(() => next++);
    const clientToken = batchToken(base, index + 1, batches.length);
    return {
      indexes,
      until: 'Available' as const,
      send: async (signal?: AbortSignal) => {
        const created = await client.createRules(listenerId, call, {
          clientToken,
          ...(signal ? { signal } : {}),
        });
        if (!('ruleIds' in created)) return { ruleIds: [] };
        return { ruleIds: created.ruleIds, jobId: created.jobId };
      },
    };
  });
}
