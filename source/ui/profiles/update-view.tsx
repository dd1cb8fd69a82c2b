// Applying a profile to existing listeners: the reducer of update-state.ts, its effects run against
// the ALB client — read each listener and its instance (each instance once), plan with the shared
// rules, precheck with DryRun; send each change with its own ClientToken and follow it through
// Configuring, a few at a time — and the lines of update-render.ts painted. What both batch views do
// alike is in batch-view.ts.
import { useRef } from 'react';
import { isDryRunPassed } from '../../alb/client.js';
import { loadTarget, type LoadedTarget } from '../../alb/target-context.js';
import { planProfileUpdate, type ListenerProfile } from '../../store/index.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import type { KeyPress } from '../keys.js';
import {
  batchInit,
  eachLimited,
  useBatchEffects,
  useBatchLines,
  useBatchReducer,
  useWorkQueue,
  type BatchViewProps,
} from './batch-view.js';
import { updateText } from './update-i18n.js';
import { renderUpdate } from './update-render.js';
import {
  initUpdate,
  updateKey,
  updateReducer,
  type ListenerRef,
  type UpdateAction,
  type UpdateEffect,
  type UpdateRowPlan,
  type UpdateState,
} from './update-state.js';

/** Listeners read, or changes sent, at the same time. */
export const UPDATE_CONCURRENCY = 4;

export interface UpdateViewProps extends BatchViewProps {
  listeners: readonly ListenerRef[];
}

const keyAction = (press: KeyPress): UpdateAction => ({ type: 'key', press });

const profileMissing = (name: string) => updateText('profileMissing', { name });

type UpdateWork = Extract<UpdateEffect, { kind: 'update' }>;

export function UpdateView(props: UpdateViewProps) {
  const {
    state,
    dispatch,
    signal: viewSignal,
  } = useBatchReducer(
    updateReducer,
    (): UpdateState => initUpdate({ ...batchInit(props), listeners: props.listeners }),
    updateKey,
    keyAction,
    props.registerKeys,
  );

  const env = useRef(props);
  env.current = props;
  const queueUpdate = useWorkQueue<UpdateWork>(UPDATE_CONCURRENCY);

  useBatchEffects(state.effects, dispatch, env, profileMissing, (effect, profile) => {
    if (effect.kind === 'plan') void plan(effect.listenerIds, profile);
    else queueUpdate(effect, change);
  });

  async function plan(listenerIds: readonly string[], chosen: ListenerProfile | undefined): Promise<void> {
    if (!chosen) return;
    const { client } = env.current;
    const signal = viewSignal;
    const refs = new Map(env.current.listeners.map((ref) => [ref.id, ref]));
    // Each instance is read once, however many of its listeners were chosen.
    const targets = new Map<string, Promise<LoadedTarget>>();
    const target = (loadBalancerId: string) => {
      let loading = targets.get(loadBalancerId);
      if (!loading) {
        loading = loadTarget(client, loadBalancerId, { signal });
        targets.set(loadBalancerId, loading);
      }
      return loading;
    };
    await eachLimited(listenerIds, UPDATE_CONCURRENCY, async (listenerId) => {
      try {
        const listener = await client.getListener(listenerId, { signal });
        const [{ context }, certificates] = await Promise.all([
          target(refs.get(listenerId)?.loadBalancerId ?? listener.loadBalancerId),
          listener.listenerProtocol === 'HTTP'
            ? Promise.resolve([])
            : client.listListenerCertificates(listenerId, { signal }).catch(() => []),
        ]);
        const extraCertificateIds = certificates
          .filter((c) => !c.isDefault && c.certificateType === 'Server')
          .map((c) => c.certificateId);
        const planned = planProfileUpdate(chosen, listener, { ...context, extraCertificateIds });
        const stopped = listener.listenerStatus === 'Stopped';
        let rowPlan: UpdateRowPlan = { status: 'planned', ...planned, ...(stopped ? { stopped } : {}) };
        if (planned.kind === 'update') {
          // The server's own check, before anything is asked: what it refuses is said now.
          try {
            await client.updateListener(planned.diff.request, { dryRun: true, signal });
          } catch (error) {
            if (signal.aborted) return;
            rowPlan = {
              status: 'planned',
              kind: 'blocked',
              problems: [updateText('precheckRefused', { reason: errorInfo(error).message })],
            };
          }
        }
        dispatch({ type: 'planned', listenerId, plan: rowPlan });
      } catch (error) {
        if (signal.aborted) return;
        dispatch({
          type: 'planned',
          listenerId,
          plan: { status: 'unreadable', message: errorInfo(error).message },
        });
      }
    });
  }

  async function change(effect: UpdateWork): Promise<void> {
    const { client, readOnly, pollIntervalMs } = env.current;
    const signal = viewSignal;
    const { listenerId, request, clientToken, until } = effect;
    if (readOnly) {
      dispatch({
        type: 'run-status',
        listenerId,
        run: { status: 'failed', message: updateText('readOnly') },
      });
      return;
    }
    dispatch({ type: 'run-status', listenerId, run: { status: 'updating' } });
    try {
      // The same token on every retry: a change the service already took is not made twice.
      const result = await client.updateListener(request, { clientToken, signal });
      if (isDryRunPassed(result)) throw new Error('the service answered a change with a dry run');
      dispatch({
        type: 'run-status',
        listenerId,
        run: { status: 'configuring', listenerStatus: 'Configuring' },
      });
      const after = await client.waitForListener(listenerId, {
        until,
        jobId: result.jobId,
        signal,
        ...(pollIntervalMs === undefined ? {} : { intervalMs: pollIntervalMs }),
        onStatus: (status) => {
          if (status !== 'gone' && status !== until)
            dispatch({
              type: 'run-status',
              listenerId,
              run: { status: 'configuring', listenerStatus: status },
            });
        },
      });
      dispatch({
        type: 'run-status',
        listenerId,
        run: { status: 'updated', listenerStatus: after.listenerStatus },
      });
    } catch (error) {
      if (signal.aborted) return;
      dispatch({
        type: 'run-status',
        listenerId,
        run: { status: 'failed', message: errorInfo(error).message },
      });
    }
  }

  const lines = useBatchLines(state, renderUpdate, props);
  return <PaintedLines lines={lines} width={props.width} height={props.height} />;
}
