// Applying one listener profile to many instances: plan (read each instance, decide what would be
// created and what clashes), review, run (create, follow to Running), and a result per instance.
// Each instance gets one ClientToken for the whole view, reused on every retry, so running again
// can never make a second listener. Runs without Ink; the view runs the effects.
import type { CreateListenerRequest } from '../../domain/create-request.js';
import type { Localized } from '../../domain/i18n.js';
import type { TargetContext } from '../../domain/listener-rules.js';
import type { ListenerStatus } from '../../domain/resources.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import type { ProfilePlan } from '../../store/index.js';
import {
  batchKey,
  batchReducer,
  initBatch,
  type BatchAction,
  type BatchEffect,
  type BatchKind,
  type BatchState,
} from './batch-state.js';
import type { KeyPress } from '../keys.js';
import { applyText } from './apply-i18n.js';
import { profilesText } from './profiles-i18n.js';
import { listenerCount } from './update-i18n.js';
import type { InstanceRef } from './profiles-state.js';

/** What planning found for one instance. */
export type RowPlan =
  | { status: 'loading' }
  /** The instance could not be read (gone, unreachable, …). */
  | { status: 'unreadable'; message: Localized }
  | ({ status: 'planned'; summary: Localized } & ProfilePlan);

export type RunStatus = 'queued' | 'creating' | 'provisioning' | 'rules' | 'created' | 'failed' | 'skipped';

export interface RowRun {
  status: RunStatus;
  listenerId?: string;
  listenerStatus?: ListenerStatus;
  message?: Localized;
  /** The creation's job ended Failed: ALB rolled it back, so nothing was made. */
  jobFailed?: boolean;
  /** The profile's forwarding rules on the new listener: how many, how many created, why not all. */
  rules?: { total: number; created: number; problem?: Localized };
}

export interface ApplyRow {
  instance: InstanceRef;
  /**
   * One per instance for the life of the view: a retry sends the same token. Only after its job
   * failed does it change (the service would answer the same token with the same failed job).
   */
  clientToken: string;
  plan: RowPlan;
  run?: RowRun;
}

/** The effects only applying to instances has: plan the instances, create on one. */
type OwnEffect =
  | { kind: 'plan'; instanceIds: readonly string[] }
  | { kind: 'create'; instanceId: string; request: CreateListenerRequest; rules: readonly RuleSpec[] };

/**
 * Reads the profile, plans, creates; or leaves: to the profiles view it came from, or to the listeners
 * (with the first one created selected); `applied`: the marks that chose the instances go.
 */
export type ApplyEffect = BatchEffect<OwnEffect>;

export type ApplyState = BatchState<ApplyRow, OwnEffect>;

export type ApplyAction = BatchAction<ApplyRow, 'instanceId'>;

export interface ApplyInit {
  profileName: string;
  instances: readonly InstanceRef[];
  readOnly: boolean;
  production?: boolean;
  newClientToken?: () => string;
}

/** Rows whose plan is to create a listener. */
export function creatable(row: ApplyRow): row is ApplyRow & { plan: { status: 'planned'; kind: 'create' } } {
  return row.plan.status === 'planned' && row.plan.kind === 'create';
}

/** Why a row is not created, as its result says. */
export function skipReason(plan: RowPlan): Localized | undefined {
  if (plan.status === 'unreadable') return plan.message;
  if (plan.status !== 'planned') return undefined;
  if (plan.kind === 'clash') return plan.message;
  if (plan.kind === 'blocked') return plan.problems[0];
  return undefined;
}

export function counts(state: ApplyState): Record<'create' | 'skip' | RunStatus, number> {
  const result = {
    create: 0,
    skip: 0,
    queued: 0,
    creating: 0,
    provisioning: 0,
    rules: 0,
    created: 0,
    failed: 0,
    skipped: 0,
  };
  for (const row of state.rows) {
    if (creatable(row)) result.create++;
    else if (row.plan.status !== 'loading') result.skip++;
    if (row.run) result[row.run.status]++;
  }
  return result;
}

const APPLY: BatchKind<ApplyRow, OwnEffect, 'instanceId'> = {
  idKey: 'instanceId',
  id: (row) => row.instance.id,
  runnable: creatable,
  runEffect: (row) => {
    if (!creatable(row)) throw new Error(`instance ${row.instance.id} has nothing to create`);
    return {
      kind: 'create',
      instanceId: row.instance.id,
      request: { ...row.plan.request, clientToken: row.clientToken },
      rules: row.plan.rules,
    };
  },
  planEffect: (instanceIds) => ({ kind: 'plan', instanceIds }),
  skipReason,
  succeeded: 'created',
  // The dashboard on the first listener created (its list is refreshed there).
  selectAfter: (row) =>
    row.run?.status === 'created' && row.run.listenerId
      ? { loadBalancerId: row.instance.id, listenerId: row.run.listenerId }
      : undefined,
  texts: {
    nothing: profilesText('applyNothing'),
    enterDoesNotRun: (count) => applyText('enterDoesNotRun', { listeners: listenerCount(count) }),
    readOnly: profilesText('applyReadOnly'),
    wait: profilesText('applyWait'),
    nothingToRetry: profilesText('applyNothingToRetry'),
  },
  cursorWhileConfirming: true,
};

export function initApply(init: ApplyInit): ApplyState {
  return initBatch({ ...init, targets: init.instances }, (instance, clientToken): ApplyRow => ({
    instance,
    clientToken,
    plan: { status: 'loading' },
  }));
}

/** A key press: the new state and whether the view used it (Esc before running goes to the root). */
export function applyKey(state: ApplyState, press: KeyPress): { state: ApplyState; used: boolean } {
  return batchKey(state, press, APPLY);
}

export function applyReducer(state: ApplyState, action: ApplyAction): ApplyState {
  return batchReducer(state, action, APPLY);
}

/** `HTTPS 443 "web_443" · cert *.example.com · server group web-sg`: what a create would make. */
export function requestSummary(
  request: CreateListenerRequest,
  context: Pick<TargetContext, 'certificates' | 'serverGroups'>,
  ruleCount = 0,
): Localized {
  const head = `${request.listenerProtocol} ${request.listenerPort} "${request.listenerDescription ?? ''}"`;
  const en = [head];
  const zh = [head];
  // Said early: a row's line is cut at the screen's edge.
  if (ruleCount > 0) {
    const rules = ruleCount === 1 ? applyText('planRulesOne') : applyText('planRules', { count: ruleCount });
    en.push(rules.en);
    zh.push(rules['zh-CN']);
  }
  const certificateId = request.certificates?.[0]?.certificateId;
  if (certificateId) {
    const certificate = context.certificates.find((c) => c.certificateId === certificateId);
    const shown = certificate?.commonName || certificate?.name || certificateId;
    en.push(`cert ${shown}`);
    zh.push(`证书 ${shown}`);
  }
  const groupId = request.defaultActions[0]?.forwardGroupConfig?.serverGroupTuples[0]?.serverGroupId;
  if (groupId) {
    const group = context.serverGroups.find((g) => g.serverGroupId === groupId);
    const shown = group?.serverGroupName || groupId;
    en.push(`server group ${shown}`);
    zh.push(`服务器组 ${shown}`);
  }
  if (request.securityPolicyId) {
    en.push(`policy ${request.securityPolicyId}`);
    zh.push(`安全策略 ${request.securityPolicyId}`);
  }
  return { en: en.join(' · '), 'zh-CN': zh.join(' · ') };
}
