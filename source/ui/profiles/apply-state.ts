// Applying one listener profile to many instances: plan (read each instance, decide what would be
// created and what clashes), review, run (create, follow to Running), and a result per instance.
// Each instance gets one ClientToken for the whole view, reused on every retry, so running again
// can never make a second listener. Runs without Ink; the view runs the effects.
import { randomUUID } from 'node:crypto';
import type { CreateListenerRequest } from '../../domain/create-request.js';
import type { Localized } from '../../domain/i18n.js';
import type { TargetContext } from '../../domain/listener-rules.js';
import type { ListenerStatus } from '../../domain/resources.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import type { ProfilePlan } from '../../store/index.js';
import { countConfirmKey, queueEffects, withRowWhere } from './batch-state.js';
import { keyId, type KeyPress } from '../keys.js';
import type { Tone } from '../theme.js';
import { applyText } from './apply-i18n.js';
import { profilesText } from './profiles-i18n.js';
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

export type ApplyPhase = 'loading' | 'planning' | 'review' | 'running' | 'done';

export type ApplyEffect =
  | { kind: 'load-profile' }
  | { kind: 'plan'; instanceIds: readonly string[] }
  | { kind: 'create'; instanceId: string; request: CreateListenerRequest; rules: readonly RuleSpec[] }
  /**
   * Leaves the view: to the profiles view it came from, or to the listeners (with the first one
   * created selected). `applied`: the profile was applied, so the marks that chose the instances go.
   */
  | {
      kind: 'close';
      to: 'profiles' | 'listeners';
      applied: boolean;
      select?: { loadBalancerId: string; listenerId: string };
    };

export interface ApplyState {
  profileName: string;
  phase: ApplyPhase;
  /** The profile could not be read: nothing else happens. */
  problem?: Localized;
  rows: readonly ApplyRow[];
  cursor: number;
  readOnly: boolean;
  /** A production connection: running asks for the number of listeners to be typed. */
  production: boolean;
  /** The typed confirmation being asked for (production only). */
  confirm?: { text: string; wrong: boolean };
  notice?: { message: Localized; tone: Tone };
  effects: readonly { seq: number; effect: ApplyEffect }[];
  nextEffectSeq: number;
}

export type ApplyAction =
  | { type: 'key'; press: KeyPress }
  | { type: 'profile-loaded' }
  | { type: 'profile-missing'; message: Localized }
  | { type: 'planned'; instanceId: string; plan: RowPlan }
  | { type: 'run-status'; instanceId: string; run: RowRun; nextClientToken?: string }
  | { type: 'effects-taken'; upTo: number };

export interface ApplyInit {
  profileName: string;
  instances: readonly InstanceRef[];
  readOnly: boolean;
  production?: boolean;
  newClientToken?: () => string;
}

export function initApply(init: ApplyInit): ApplyState {
  const token = init.newClientToken ?? randomUUID;
  return queue(
    {
      profileName: init.profileName,
      phase: 'loading',
      rows: init.instances.map((instance) => ({
        instance,
        clientToken: token(),
        plan: { status: 'loading' },
      })),
      cursor: 0,
      readOnly: init.readOnly,
      production: init.production ?? false,
      effects: [],
      nextEffectSeq: 1,
    },
    { kind: 'load-profile' },
  );
}

function queue(state: ApplyState, ...effects: ApplyEffect[]): ApplyState {
  return queueEffects(state, effects);
}

function withRow(state: ApplyState, instanceId: string, change: (row: ApplyRow) => ApplyRow): ApplyState {
  return withRowWhere(state, (row: ApplyRow) => row.instance.id === instanceId, change);
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

const FINISHED: readonly RunStatus[] = ['created', 'failed', 'skipped'];

function afterRun(state: ApplyState): ApplyState {
  if (state.phase !== 'running' || !state.rows.every((row) => row.run && FINISHED.includes(row.run.status)))
    return state;
  return { ...state, phase: 'done' };
}

/** Runs the given rows (all creatable ones at first, the failed ones on retry), each with its own token. */
function start(state: ApplyState, rows: readonly ApplyRow[]): ApplyState {
  const ids = new Set(rows.map((row) => row.instance.id));
  const next: ApplyState = {
    ...state,
    phase: 'running',
    notice: undefined,
    rows: state.rows.map((row) => {
      if (ids.has(row.instance.id)) return { ...row, run: { status: 'queued' } };
      if (row.run) return row;
      const reason = skipReason(row.plan);
      return { ...row, run: { status: 'skipped', ...(reason ? { message: reason } : {}) } };
    }),
  };
  return queue(
    next,
    ...rows.filter(creatable).map((row): ApplyEffect => ({
      kind: 'create',
      instanceId: row.instance.id,
      request: { ...row.plan.request, clientToken: row.clientToken },
      rules: row.plan.rules,
    })),
  );
}

function notice(state: ApplyState, message: Localized, tone: Tone): ApplyState {
  return { ...state, notice: { message, tone } };
}

/** The key that runs the creates: a control key, named on screen; Enter never runs them. */
export const APPLY_RUN_KEY = 'ctrl+s';

/** Leaves to the profiles view, or to the listeners on the first listener created (the list is refreshed there). */
function close(state: ApplyState, to: 'profiles' | 'listeners'): ApplyState {
  const created = state.rows.find((row) => row.run?.status === 'created' && row.run.listenerId);
  const applied = state.rows.some((row) => row.run !== undefined && row.run.status !== 'skipped');
  return queue(state, {
    kind: 'close',
    to,
    applied,
    ...(to === 'listeners' && created?.run?.listenerId
      ? { select: { loadBalancerId: created.instance.id, listenerId: created.run.listenerId } }
      : {}),
  });
}

/** A key press: the new state and whether the view used it (Esc before running goes to the root). */
export function applyKey(state: ApplyState, press: KeyPress): { state: ApplyState; used: boolean } {
  const id = keyId(press);
  const used = (next: ApplyState) => ({ state: next, used: true });
  const base = state.notice ? { ...state, notice: undefined } : state;
  if (id === 'down' || id === 'j')
    return used({ ...base, cursor: Math.min(state.rows.length - 1, state.cursor + 1) });
  if (id === 'up' || id === 'k') return used({ ...base, cursor: Math.max(0, state.cursor - 1) });
  if (id === 'g' || id === 'home') return used({ ...base, cursor: 0 });
  if (id === 'G' || id === 'end') return used({ ...base, cursor: state.rows.length - 1 });
  switch (state.phase) {
    case 'loading':
    case 'planning':
      // Nothing was sent yet: back to the profiles view it came from.
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles'));
      return { state, used: false };
    case 'review': {
      const rows = state.rows.filter(creatable);
      if (state.confirm) return used(confirmKey(base, state.confirm, rows, press));
      if (id === 'enter' || id === 'y') {
        // Enter (or an old habit's `y`) never creates: it names the key that does.
        if (rows.length === 0) return used(notice(base, profilesText('applyNothing'), 'warning'));
        return used(
          notice(base, applyText('enterDoesNotRun', { listeners: listenerCount(rows.length) }), 'warning'),
        );
      }
      if (id === APPLY_RUN_KEY) {
        if (state.readOnly) return used(notice(base, profilesText('applyReadOnly'), 'danger'));
        if (rows.length === 0) return used(notice(base, profilesText('applyNothing'), 'warning'));
        if (state.production) return used({ ...base, confirm: { text: '', wrong: false } });
        return used(start(base, rows));
      }
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles'));
      return { state, used: false };
    }
    case 'running':
      // Creates are on their way: leaving now would hide how they end.
      if (id === 'escape' || id === 'q' || id === 'enter')
        return used(notice(base, profilesText('applyWait'), 'warning'));
      return { state, used: false };
    case 'done': {
      if (id === 'r') {
        const failed = state.rows.filter((row) => row.run?.status === 'failed');
        if (failed.length === 0) return used(notice(base, profilesText('applyNothingToRetry'), 'muted'));
        return used(start(base, failed));
      }
      if (id === 'enter') return used(close(base, 'listeners'));
      if (id === 'escape' || id === 'q') return used(close(base, 'profiles'));
      return { state, used: false };
    }
  }
}

function listenerCount(count: number): Localized {
  return { en: count === 1 ? '1 listener' : `${count} listeners`, 'zh-CN': ` ${count} 个监听` };
}

/** Keys while the production confirmation is asked: digits, ⌫, Enter to check, Esc to cancel. */
function confirmKey(
  state: ApplyState,
  confirm: NonNullable<ApplyState['confirm']>,
  rows: readonly ApplyRow[],
  press: KeyPress,
): ApplyState {
  const step = countConfirmKey(confirm, rows.length, press);
  switch (step.kind) {
    case 'cancel':
      return { ...state, confirm: undefined };
    case 'confirmed':
      return start({ ...state, confirm: undefined }, rows);
    case 'typing':
      return { ...state, confirm: step.confirm };
    case 'ignored':
      return state;
  }
}

export function applyReducer(state: ApplyState, action: ApplyAction): ApplyState {
  switch (action.type) {
    case 'key':
      return applyKey(state, action.press).state;
    case 'profile-loaded':
      if (state.phase !== 'loading') return state;
      return queue(
        { ...state, phase: 'planning' },
        { kind: 'plan', instanceIds: state.rows.map((row) => row.instance.id) },
      );
    case 'profile-missing':
      return { ...state, phase: 'done', problem: action.message };
    case 'planned': {
      const next = withRow(state, action.instanceId, (row) => ({ ...row, plan: action.plan }));
      const planned = next.rows.every((row) => row.plan.status !== 'loading');
      return planned && next.phase === 'planning' ? { ...next, phase: 'review' } : next;
    }
    case 'run-status':
      return afterRun(
        withRow(state, action.instanceId, (row) => ({
          ...row,
          run: action.run,
          ...(action.nextClientToken ? { clientToken: action.nextClientToken } : {}),
        })),
      );
    case 'effects-taken': {
      const effects = state.effects.filter((queued) => queued.seq > action.upTo);
      return effects.length === state.effects.length ? state : { ...state, effects };
    }
  }
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
