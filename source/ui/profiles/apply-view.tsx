// The apply-to-many view: the reducer of apply-state.ts, its effects run against the ALB client
// (read each instance, plan with the shared rules; create and follow each listener to Running, a few
// at a time), and the lines of apply-render.ts painted.
import type { ChangeTarget } from '../connections/change-target.js';
import { useEffect, useMemo, useRef } from 'react';
import { isDryRunPassed, type AlbClient } from '../../alb/client.js';
import { retryClientToken } from '../../alb/retry-token.js';
import { loadTarget } from '../../alb/target-context.js';
import { profileRuleCalls, runRuleCalls } from '../../alb/rule-batches.js';
import type { CreateListenerRequest } from '../../domain/create-request.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import { planProfile, type ListenerProfile, type Store } from '../../store/index.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import type { Lang } from '../i18n.js';
import type { KeyPress } from '../keys.js';
import { eachLimited, useBatchReducer, useSpinnerFrame } from './batch-view.js';
import { renderApply } from './apply-render.js';
import {
  applyKey,
  applyReducer,
  initApply,
  requestSummary,
  type ApplyAction,
  type ApplyEffect,
  type ApplyState,
  type RowRun,
} from './apply-state.js';
import { profilesText } from './profiles-i18n.js';
import type { InstanceRef } from './profiles-state.js';
import type { ViewKeyHandler } from '../view-keys.js';

/** Instances read, or listeners created, at the same time. */
export const APPLY_CONCURRENCY = 4;

export interface ApplyViewProps {
  client: AlbClient;
  store: Pick<Store, 'getProfile'> | undefined;
  profileName: string;
  instances: readonly InstanceRef[];
  readOnly: boolean;
  /** The connections the changes go to, named under the tally. */
  target?: readonly ChangeTarget[];
  /** A production connection: running asks for a typed confirmation. */
  production?: boolean;
  lang: Lang;
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  /**
   * Leave: to the profiles view (`to: 'profiles'`) or to the listeners, the first created selected.
   * `applied`: creates were sent, so the marks that chose the instances are done with.
   */
  onClose: (
    select?: { loadBalancerId: string; listenerId: string },
    how?: { to: 'profiles' | 'listeners'; applied: boolean },
  ) => void;
  /** Between polls while a listener provisions. */
  pollIntervalMs?: number;
  newClientToken?: () => string;
}

const keyAction = (press: KeyPress): ApplyAction => ({ type: 'key', press });

interface CreateWork {
  instanceId: string;
  request: CreateListenerRequest;
  rules: readonly RuleSpec[];
}

export function ApplyView(props: ApplyViewProps) {
  const { lang, width, height, registerKeys } = props;
  const {
    state,
    dispatch,
    signal: viewSignal,
  } = useBatchReducer(
    applyReducer,
    (): ApplyState =>
      initApply({
        profileName: props.profileName,
        instances: props.instances,
        readOnly: props.readOnly,
        ...(props.production ? { production: true } : {}),
        ...(props.newClientToken ? { newClientToken: props.newClientToken } : {}),
      }),
    applyKey,
    keyAction,
    registerKeys,
  );

  const env = useRef(props);
  env.current = props;
  const profile = useRef<ListenerProfile | undefined>(undefined);

  // Creates are gathered and run a few at a time.
  const pendingCreates = useRef<CreateWork[]>([]);
  const creating = useRef(false);

  useEffect(() => {
    const queued = state.effects;
    if (queued.length === 0) return;
    dispatch({ type: 'effects-taken', upTo: queued[queued.length - 1]!.seq });
    for (const { effect } of queued) run(effect);

    function run(effect: ApplyEffect): void {
      switch (effect.kind) {
        case 'load-profile': {
          const found = env.current.store?.getProfile(env.current.profileName);
          if (!found) {
            dispatch({
              type: 'profile-missing',
              message: profilesText('applyProfileMissing', { name: env.current.profileName }),
            });
            return;
          }
          profile.current = found;
          dispatch({ type: 'profile-loaded' });
          return;
        }
        case 'plan':
          void plan(effect.instanceIds);
          return;
        case 'create':
          pendingCreates.current.push({
            instanceId: effect.instanceId,
            request: effect.request,
            rules: effect.rules,
          });
          void drainCreates();
          return;
        case 'close':
          env.current.onClose(effect.select, { to: effect.to, applied: effect.applied });
          return;
      }
    }

    async function plan(instanceIds: readonly string[]): Promise<void> {
      const chosen = profile.current;
      if (!chosen) return;
      const signal = viewSignal;
      await eachLimited(instanceIds, APPLY_CONCURRENCY, async (instanceId) => {
        try {
          const { context, loadBalancer } = await loadTarget(env.current.client, instanceId, { signal });
          const planned = planProfile(chosen, context, { instanceName: loadBalancer.loadBalancerName });
          const summary =
            planned.kind === 'create'
              ? requestSummary(planned.request, context, planned.rules.length)
              : { en: '', 'zh-CN': '' };
          dispatch({ type: 'planned', instanceId, plan: { status: 'planned', summary, ...planned } });
        } catch (error) {
          if (signal.aborted) return;
          dispatch({
            type: 'planned',
            instanceId,
            plan: { status: 'unreadable', message: errorInfo(error).message },
          });
        }
      });
    }

    async function drainCreates(): Promise<void> {
      if (creating.current) return;
      creating.current = true;
      try {
        while (pendingCreates.current.length > 0) {
          const batch = pendingCreates.current.splice(0);
          await eachLimited(batch, APPLY_CONCURRENCY, create);
        }
      } finally {
        creating.current = false;
      }
    }

    async function create({ instanceId, request, rules }: CreateWork) {
      const { client, readOnly, pollIntervalMs } = env.current;
      const signal = viewSignal;
      if (readOnly) {
        dispatch({
          type: 'run-status',
          instanceId,
          run: { status: 'failed', message: profilesText('applyReadOnly') },
        });
        return;
      }
      dispatch({ type: 'run-status', instanceId, run: { status: 'creating' } });
      try {
        const result = await client.createListener(request, { signal });
        if (isDryRunPassed(result)) throw new Error('the service answered a create with a dry run');
        const { listenerId } = result;
        dispatch({ type: 'run-status', instanceId, run: { status: 'provisioning', listenerId } });
        await client.waitForListener(listenerId, {
          until: 'Running',
          jobId: result.jobId,
          signal,
          ...(pollIntervalMs === undefined ? {} : { intervalMs: pollIntervalMs }),
          onStatus: (status) => {
            if (status !== 'gone' && status !== 'Running')
              dispatch({
                type: 'run-status',
                instanceId,
                run: { status: 'provisioning', listenerId, listenerStatus: status },
              });
          },
        });
        const ruleResult =
          rules.length > 0
            ? await createRules(instanceId, listenerId, rules, request.clientToken ?? '')
            : undefined;
        if (signal.aborted) return;
        dispatch({
          type: 'run-status',
          instanceId,
          run: { status: 'created', listenerId, ...(ruleResult ? { rules: ruleResult } : {}) },
        });
      } catch (error) {
        if (signal.aborted) return;
        const nextClientToken = retryClientToken(error, env.current.newClientToken);
        dispatch({
          type: 'run-status',
          instanceId,
          run: {
            status: 'failed',
            message: errorInfo(error).message,
            ...(nextClientToken !== undefined ? { jobFailed: true } : {}),
          },
          ...(nextClientToken !== undefined ? { nextClientToken } : {}),
        });
      }
    }

    /** The profile's rules on the new (Running) listener, 10 a call; how many were made, or why not all. */
    async function createRules(
      instanceId: string,
      listenerId: string,
      rules: readonly RuleSpec[],
      listenerClientToken: string,
    ): Promise<NonNullable<RowRun['rules']>> {
      const { client, pollIntervalMs } = env.current;
      dispatch({
        type: 'run-status',
        instanceId,
        run: { status: 'rules', listenerId, rules: { total: rules.length, created: 0 } },
      });
      let created = 0;
      let problem: RowRun['message'];
      await runRuleCalls(client, profileRuleCalls(client, listenerId, rules, listenerClientToken), {
        signal: viewSignal,
        stopOnFailure: true,
        ...(pollIntervalMs === undefined ? {} : { intervalMs: pollIntervalMs }),
        onEvent: (event) => {
          if (event.phase === 'done') created += 1;
          if (event.phase === 'failed' && !problem) problem = errorInfo(event.error).message;
        },
      });
      return { total: rules.length, created, ...(problem ? { problem } : {}) };
    }
  }, [state.effects, dispatch, viewSignal]);

  const busy = state.phase === 'loading' || state.phase === 'planning' || state.phase === 'running';
  const frame = useSpinnerFrame(busy);

  const lines = useMemo(
    () =>
      renderApply(state, {
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
