// Applying a profile to existing listeners: the reducer of update-state.ts, its effects run against
// the ALB client — read each listener and its instance (each instance once), plan with the shared
// rules, precheck with DryRun; send each change with its own ClientToken and follow it through
// Configuring, a few at a time — and the lines of update-render.ts painted.
import type { ChangeTarget } from '../connections/change-target.js';
import { useEffect, useMemo, useRef } from 'react';
import { isDryRunPassed, type AlbClient } from '../../alb/client.js';
import { loadTarget, type LoadedTarget } from '../../alb/target-context.js';
import type { UpdateListenerRequest } from '../../domain/update-request.js';
import { planProfileUpdate, type ListenerProfile, type Store } from '../../store/index.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import type { Lang } from '../i18n.js';
import type { KeyPress } from '../keys.js';
import { eachLimited, useBatchReducer, useSpinnerFrame } from './batch-view.js';
import type { ViewKeyHandler } from '../view-keys.js';
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

export interface UpdateViewProps {
  client: AlbClient;
  store: Pick<Store, 'getProfile'> | undefined;
  profileName: string;
  listeners: readonly ListenerRef[];
  readOnly: boolean;
  /** The connections the changes go to, named under the tally. */
  target?: readonly ChangeTarget[];
  production?: boolean;
  lang: Lang;
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  onClose: (
    select?: { loadBalancerId: string; listenerId: string },
    how?: { to: 'profiles' | 'listeners'; applied: boolean },
  ) => void;
  /** Between polls while a listener is Configuring. */
  pollIntervalMs?: number;
  newClientToken?: () => string;
}

const keyAction = (press: KeyPress): UpdateAction => ({ type: 'key', press });

export function UpdateView(props: UpdateViewProps) {
  const { lang, width, height, registerKeys } = props;
  const {
    state,
    dispatch,
    signal: viewSignal,
  } = useBatchReducer(
    updateReducer,
    (): UpdateState =>
      initUpdate({
        profileName: props.profileName,
        listeners: props.listeners,
        readOnly: props.readOnly,
        ...(props.production ? { production: true } : {}),
        ...(props.newClientToken ? { newClientToken: props.newClientToken } : {}),
      }),
    updateKey,
    keyAction,
    registerKeys,
  );

  const env = useRef(props);
  env.current = props;
  const profile = useRef<ListenerProfile | undefined>(undefined);
  const pendingUpdates = useRef<Extract<UpdateEffect, { kind: 'update' }>[]>([]);
  const updating = useRef(false);

  useEffect(() => {
    const queued = state.effects;
    if (queued.length === 0) return;
    dispatch({ type: 'effects-taken', upTo: queued[queued.length - 1]!.seq });
    for (const { effect } of queued) run(effect);

    function run(effect: UpdateEffect): void {
      switch (effect.kind) {
        case 'load-profile': {
          const found = env.current.store?.getProfile(env.current.profileName);
          if (!found) {
            dispatch({
              type: 'profile-missing',
              message: updateText('profileMissing', { name: env.current.profileName }),
            });
            return;
          }
          profile.current = found;
          dispatch({ type: 'profile-loaded' });
          return;
        }
        case 'plan':
          void plan(effect.listenerIds);
          return;
        case 'update':
          pendingUpdates.current.push(effect);
          void drainUpdates();
          return;
        case 'close':
          env.current.onClose(effect.select, { to: effect.to, applied: effect.applied });
          return;
      }
    }

    async function plan(listenerIds: readonly string[]): Promise<void> {
      const chosen = profile.current;
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

    async function drainUpdates(): Promise<void> {
      if (updating.current) return;
      updating.current = true;
      try {
        while (pendingUpdates.current.length > 0) {
          const batch = pendingUpdates.current.splice(0);
          await eachLimited(batch, UPDATE_CONCURRENCY, change);
        }
      } finally {
        updating.current = false;
      }
    }

    async function change(effect: {
      listenerId: string;
      request: UpdateListenerRequest;
      clientToken: string;
      until: 'Running' | 'Stopped';
    }): Promise<void> {
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
  }, [state.effects, dispatch, viewSignal]);

  const busy = state.phase === 'loading' || state.phase === 'planning' || state.phase === 'running';
  const frame = useSpinnerFrame(busy);

  const lines = useMemo(
    () =>
      renderUpdate(state, {
        lang,
        width,
        height,
        spinner: frame,
        ...(props.target ? { target: props.target } : {}),
      }),
    [state, lang, width, height, frame, props.target],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
