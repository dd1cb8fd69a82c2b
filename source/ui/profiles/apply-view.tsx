// The apply-to-many view: the reducer of apply-state.ts, its effects run against the ALB client
// (read each instance, plan with the shared rules; create and follow each listener to Running, a few
// at a time), and the lines of apply-render.ts painted. What both batch views do alike is in
// batch-view.ts.
import { useRef } from 'react';
import { isDryRunPassed } from '../../alb/client.js';
import { retryClientToken } from '../../alb/retry-token.js';
import { loadTarget } from '../../alb/target-context.js';
import { profileRuleCalls, runRuleCalls } from '../../alb/rule-batches.js';
import type { CreateListenerRequest } from '../../domain/create-request.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import { planProfile, type ListenerProfile } from '../../store/index.js';
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
import { renderApply } from './apply-render.js';
import {
  applyKey,
  applyReducer,
  initApply,
  requestSummary,
  type ApplyAction,
  type ApplyState,
  type RowRun,
} from './apply-state.js';
import { profilesText } from './profiles-i18n.js';
import type { InstanceRef } from './profiles-state.js';

/** Instances read, or listeners created, at the same time. */
export const APPLY_CONCURRENCY = 4;

export interface ApplyViewProps extends BatchViewProps {
  instances: readonly InstanceRef[];
}

const keyAction = (press: KeyPress): ApplyAction => ({ type: 'key', press });

const profileMissing = (name: string) => profilesText('applyProfileMissing', { name });

interface CreateWork {
  instanceId: string;
  request: CreateListenerRequest;
  rules: readonly RuleSpec[];
}

export function ApplyView(props: ApplyViewProps) {
  const {
    state,
    dispatch,
    signal: viewSignal,
  } = useBatchReducer(
    applyReducer,
    (): ApplyState => initApply({ ...batchInit(props), instances: props.instances }),
    applyKey,
    keyAction,
    props.registerKeys,
  );

  const env = useRef(props);
  env.current = props;
  // Creates are gathered and run a few at a time.
  const queueCreate = useWorkQueue<CreateWork>(APPLY_CONCURRENCY);

  useBatchEffects(state.effects, dispatch, env, profileMissing, (effect, profile) => {
    if (effect.kind === 'plan') void plan(effect.instanceIds, profile);
    else queueCreate({ instanceId: effect.instanceId, request: effect.request, rules: effect.rules }, create);
  });

  async function plan(instanceIds: readonly string[], chosen: ListenerProfile | undefined): Promise<void> {
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

  const lines = useBatchLines(state, renderApply, props);
  return <PaintedLines lines={lines} width={props.width} height={props.height} />;
}
