// The create-listener wizard as a reducer: steps, focus, editing, pickers, validation, precheck and
// submission. Pure; the view and the effects (API calls, saving the draft) sit on top of it.
import {
  CLIENT_CERT_HEADER_KEYS,
  fieldSpec,
  headersFor,
  stepsFor,
  type ClientCertHeaderKey,
  type FieldId,
  type HeaderKey,
  type WizardStep,
} from '../../domain/fields.js';
import { defaultPort } from '../../domain/default-port.js';
import type { Localized } from '../../domain/i18n.js';
import { newDraft, switchProtocol, type ListenerDraft } from '../../domain/listener-draft.js';
import {
  blocking,
  fieldOfApiError,
  validateDraft,
  validateStep,
  type RuleViolation,
  type TargetContext,
} from '../../domain/listener-rules.js';
import type { ListenerProtocol, ListenerStatus } from '../../domain/resources.js';
import { filterOptions, isPickerField, pickerOptions, type PickerField } from './wizard-options.js';

export type FieldKind = 'choice' | 'text' | 'switch' | 'picker';

export interface WizardField {
  id: FieldId;
  kind: FieldKind;
}

export const REVIEW_ACTIONS = [
  'submit',
  'precheck',
  'saveProfile',
  'exportAliyun',
  'exportTerraform',
  'exportJson',
  'editListener',
  'editCertificate',
  'editServerGroup',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Exports write a create request: an edit of an existing listener offers none. */
const EXPORT_ACTIONS: readonly ReviewAction[] = ['exportAliyun', 'exportTerraform', 'exportJson'];

/** The review's actions for a protocol: HTTP has no certificate step to reopen. */
export function reviewActions(protocol: ListenerProtocol, editing = false): readonly ReviewAction[] {
  return REVIEW_ACTIONS.filter(
    (a) => !(protocol === 'HTTP' && a === 'editCertificate') && !(editing && EXPORT_ACTIONS.includes(a)),
  );
}

/** An error the server gave after submit or during the precheck, pinned to a field when it concerns one. */
export interface ServerIssue {
  code: string;
  field?: FieldId;
  message: Localized;
}

export type PrecheckState =
  | { status: 'idle' }
  | { status: 'running'; version: number }
  | { status: 'passed'; version: number }
  | { status: 'failed'; version: number; issue: ServerIssue };

export type SubmissionState =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'provisioning'; listenerId: string; listenerStatus: ListenerStatus }
  | { status: 'running'; listenerId: string }
  /** `jobFailed`: the creation's job ended Failed, so ALB rolled it back and nothing was made. */
  | { status: 'failed'; issue: ServerIssue; retryable: boolean; jobFailed?: boolean };

export interface WizardState {
  loadBalancerId: string;
  /** One per wizard run, reused on every retry so a retry can never create a second listener. */
  clientToken: string;
  step: WizardStep;
  draft: ListenerDraft;
  /** Index into the current step's fields (or the review's actions). */
  focus: number;
  touched: FieldId[];
  /** Steps the user tried to leave: their problems are shown even on untouched fields. */
  attempted: WizardStep[];
  picker?: { field: PickerField; filter: string; cursor: number };
  context?: TargetContext;
  /** Bumped on every change of the draft, so a precheck of an older draft is not trusted. */
  version: number;
  precheck: PrecheckState;
  submission: SubmissionState;
  /** A step reopened from the review: going on from it returns to the review when every step is valid. */
  backToReview?: boolean;
  serverIssues: ServerIssue[];
  /** The port is the wizard's default (the first free usual one), not a value the user chose. */
  portIsDefault?: boolean;
  /** Editing an existing listener: protocol and port stay as they are (edit-mode.ts). */
  editing?: boolean;
}

export type WizardAction =
  | { type: 'context-loaded'; context: TargetContext }
  | { type: 'focus-next' }
  | { type: 'focus-prev' }
  | { type: 'focus'; field: FieldId }
  | { type: 'edit'; field: FieldId; value: string }
  | { type: 'toggle' }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'set-protocol'; protocol: ListenerProtocol }
  | { type: 'picker-open'; filter?: string }
  | { type: 'picker-filter'; filter: string }
  | { type: 'picker-move'; delta: number }
  | { type: 'picker-choose' }
  | { type: 'picker-close' }
  | { type: 'next-step' }
  | { type: 'prev-step' }
  | { type: 'goto-step'; step: WizardStep }
  | { type: 'precheck-started' }
  | {
      type: 'precheck-finished';
      version: number;
      result: { ok: true } | { ok: false; code: string; message: Localized; parameter?: string };
    }
  | { type: 'submit-started' }
  | { type: 'submit-accepted'; listenerId: string }
  | { type: 'listener-status'; status: ListenerStatus }
  | { type: 'submit-failed'; code: string; message: Localized; parameter?: string; retryable: boolean }
  /**
   * The creation's job ended Failed: nothing was made, and the service answers a repeat of the same
   * ClientToken with that failed job, so the next submission goes with `nextClientToken`.
   */
  | { type: 'submit-job-failed'; code: string; message: Localized; nextClientToken: string };

export interface WizardInit {
  loadBalancerId: string;
  clientToken: string;
  draft?: ListenerDraft;
  step?: WizardStep;
  context?: TargetContext;
  /** The protocol of a fresh draft; HTTPS unless given. */
  protocol?: ListenerProtocol;
  editing?: boolean;
}

/** A fresh draft's port: the first free usual one once the instance's listeners are known. */
function withDefaultPort(draft: ListenerDraft, context: TargetContext | undefined): ListenerDraft {
  const port = String(defaultPort(draft.protocol, context).port);
  return draft.port === port ? draft : { ...draft, port };
}

export function initWizard(init: WizardInit): WizardState {
  const fresh = init.draft === undefined;
  const draft = init.draft ?? withDefaultPort(newDraft(init.protocol ?? 'HTTPS'), init.context);
  const steps = stepsFor(draft.protocol);
  return {
    loadBalancerId: init.loadBalancerId,
    clientToken: init.clientToken,
    step: init.step && steps.includes(init.step) ? init.step : 'listener',
    draft,
    focus: 0,
    touched: [],
    attempted: [],
    ...(init.context ? { context: init.context } : {}),
    version: 0,
    precheck: { status: 'idle' },
    submission: { status: 'idle' },
    serverIssues: [],
    ...(fresh ? { portIsDefault: true } : {}),
    ...(init.editing ? { editing: true } : {}),
  };
}

/** The fields of a step, in order, as the draft makes them appear (an alias only under its header). */
export function stepFields(step: WizardStep, draft: ListenerDraft): WizardField[] {
  const { protocol } = draft;
  const fields: WizardField[] = [];
  const add = (id: FieldId, kind: FieldKind) => fields.push({ id, kind });
  if (step === 'listener') {
    add('protocol', 'choice');
    add('port', 'text');
    add('name', 'text');
    if (protocol === 'HTTPS') add('http2', 'switch');
    add('idleTimeout', 'text');
    add('requestTimeout', 'text');
    add('gzip', 'switch');
    for (const header of headersFor(protocol)) {
      add(`header.${header.key}`, 'switch');
      if (header.aliasField && draft.headers[header.key])
        add(`alias.${header.key as ClientCertHeaderKey}`, 'text');
    }
    if (protocol === 'HTTPS') {
      add('quicUpgrade', 'switch');
      if (draft.quicUpgrade) add('quicListenerId', 'picker');
    }
  } else if (step === 'certificate') {
    add('certificateId', 'picker');
    if (protocol === 'HTTPS') {
      add('securityPolicyId', 'picker');
      add('mutualTls', 'switch');
      if (draft.mutualTls) add('caCertificateId', 'picker');
    }
  } else if (step === 'serverGroup') {
    add('serverGroupId', 'picker');
  }
  return fields;
}

export function focusedField(state: WizardState): WizardField | undefined {
  return stepFields(state.step, state.draft)[state.focus];
}

export function focusedReviewAction(state: WizardState): ReviewAction | undefined {
  return state.step === 'review'
    ? reviewActions(state.draft.protocol, state.editing)[state.focus]
    : undefined;
}

function focusCount(state: WizardState): number {
  return state.step === 'review'
    ? reviewActions(state.draft.protocol, state.editing).length
    : stepFields(state.step, state.draft).length;
}

/** Every problem of the draft (rules and the server's word), with the ones to show right now. */
export function wizardIssues(state: WizardState): { all: RuleViolation[]; shown: Map<FieldId, Localized[]> } {
  const all = validateDraft(state.draft, state.context);
  const shown = new Map<FieldId, Localized[]>();
  const show = (field: FieldId, message: Localized) =>
    shown.set(field, [...(shown.get(field) ?? []), message]);
  for (const v of all) {
    const step = fieldSpec(v.field).step;
    const visible =
      v.severity === 'warning' ||
      v.field === 'instance' ||
      state.touched.includes(v.field) ||
      state.attempted.includes(step) ||
      // A value already there (a default such as port 443, or one from a profile or draft) that is
      // wrong is said at once; only a blank field waits until the user has been at it.
      (v.field === 'port' && textOf(state.draft, v.field).trim() !== '');
    if (visible) show(v.field, v.message);
  }
  for (const issue of state.serverIssues) if (issue.field) show(issue.field, issue.message);
  return { all, shown };
}

export function stepIsValid(state: WizardState, step: WizardStep = state.step): boolean {
  return blocking(validateStep(step, state.draft, state.context)).length === 0;
}

function touch(state: WizardState, field: FieldId): FieldId[] {
  return state.touched.includes(field) ? state.touched : [...state.touched, field];
}

/** A change to the draft: re-validates, forgets the server's word on that field and any precheck. */
function changeDraft(state: WizardState, field: FieldId, draft: ListenerDraft): WizardState {
  const fields = stepFields(state.step, draft);
  return {
    ...state,
    draft,
    touched: touch(state, field),
    focus: Math.min(state.focus, Math.max(0, fields.length - 1)),
    version: state.version + 1,
    precheck: { status: 'idle' },
    // The service's refusal was about the values then: a changed request has not been refused.
    submission: state.submission.status === 'failed' ? { status: 'idle' } : state.submission,
    serverIssues: state.serverIssues.filter((i) => i.field !== field && i.field !== undefined),
  };
}

/** What a text field of the draft holds right now ('' for fields that are not text). */
export function textOf(draft: ListenerDraft, field: FieldId): string {
  switch (field) {
    case 'port':
    case 'name':
    case 'idleTimeout':
    case 'requestTimeout':
      return draft[field];
    default:
      if (field.startsWith('alias.')) {
        const key = field.slice('alias.'.length) as ClientCertHeaderKey;
        return draft.headerAliases[key] ?? '';
      }
      return '';
  }
}

function setText(draft: ListenerDraft, field: FieldId, value: string): ListenerDraft | undefined {
  switch (field) {
    case 'port':
    case 'name':
    case 'idleTimeout':
    case 'requestTimeout':
      return { ...draft, [field]: value };
    default:
      if (field.startsWith('alias.')) {
        const key = field.slice('alias.'.length) as ClientCertHeaderKey;
        if (!CLIENT_CERT_HEADER_KEYS.includes(key)) return undefined;
        return { ...draft, headerAliases: { ...draft.headerAliases, [key]: value } };
      }
      if (isPickerField(field)) return { ...draft, [field]: value };
      return undefined;
  }
}

function toggleSwitch(draft: ListenerDraft, field: FieldId): ListenerDraft | undefined {
  switch (field) {
    case 'http2':
    case 'gzip':
    case 'quicUpgrade':
    case 'mutualTls':
      return { ...draft, [field]: !draft[field] };
    default:
      if (field.startsWith('header.')) {
        const key = field.slice('header.'.length) as HeaderKey;
        return { ...draft, headers: { ...draft.headers, [key]: !draft.headers[key] } };
      }
      return undefined;
  }
}

const PROTOCOL_ORDER: readonly ListenerProtocol[] = ['HTTPS', 'HTTP', 'QUIC'];

function goToStep(state: WizardState, step: WizardStep): WizardState {
  return { ...state, step, focus: 0, picker: undefined };
}

function firstInvalidFocus(state: WizardState): number {
  const invalid = new Set(blocking(validateStep(state.step, state.draft, state.context)).map((v) => v.field));
  const index = stepFields(state.step, state.draft).findIndex((f) => invalid.has(f.id));
  return index >= 0 ? index : state.focus;
}

function issueFromServer(code: string, message: Localized, parameter?: string): ServerIssue {
  const field = fieldOfApiError(code, parameter);
  return { code, message, ...(field ? { field } : {}) };
}

/** Moves to the step and field a server error concerns, so the user sees it where it belongs. */
function showServerIssue(state: WizardState, issue: ServerIssue): WizardState {
  const withIssue = {
    ...state,
    serverIssues: [...state.serverIssues.filter((i) => i.field !== issue.field), issue],
  };
  if (!issue.field || issue.field === 'instance') return withIssue;
  const step = fieldSpec(issue.field).step;
  if (!stepsFor(state.draft.protocol).includes(step)) return withIssue;
  const focus = stepFields(step, state.draft).findIndex((f) => f.id === issue.field);
  return { ...goToStep(withIssue, step), focus: Math.max(0, focus) };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const busy = state.submission.status === 'submitting' || state.submission.status === 'provisioning';
  if (
    busy &&
    !['submit-accepted', 'listener-status', 'submit-failed', 'submit-job-failed', 'context-loaded'].includes(
      action.type,
    )
  ) {
    return state;
  }
  switch (action.type) {
    case 'context-loaded':
      // The first facts of the instance: a default port moves off the ones its listeners hold.
      if (state.portIsDefault && !state.context)
        return { ...state, context: action.context, draft: withDefaultPort(state.draft, action.context) };
      return { ...state, context: action.context };
    case 'focus-next':
    case 'focus-prev': {
      const count = focusCount(state);
      if (count === 0) return state;
      const delta = action.type === 'focus-next' ? 1 : -1;
      return { ...state, focus: (state.focus + delta + count) % count, picker: undefined };
    }
    case 'focus': {
      const index = stepFields(state.step, state.draft).findIndex((f) => f.id === action.field);
      return index < 0 ? state : { ...state, focus: index, picker: undefined };
    }
    case 'edit': {
      if (state.editing && action.field === 'port') return state;
      const draft = setText(state.draft, action.field, action.value);
      if (!draft) return state;
      const changed = changeDraft(state, action.field, draft);
      return action.field === 'port' ? { ...changed, portIsDefault: false } : changed;
    }
    case 'toggle': {
      const field = focusedField(state);
      if (!field) return state;
      if (field.kind === 'choice') return wizardReducer(state, { type: 'cycle', delta: 1 });
      const draft = field.kind === 'switch' ? toggleSwitch(state.draft, field.id) : undefined;
      return draft ? changeDraft(state, field.id, draft) : state;
    }
    case 'cycle': {
      const field = focusedField(state);
      if (field?.id !== 'protocol') return state;
      const index = PROTOCOL_ORDER.indexOf(state.draft.protocol);
      const next = PROTOCOL_ORDER[(index + action.delta + PROTOCOL_ORDER.length) % PROTOCOL_ORDER.length]!;
      return wizardReducer(state, { type: 'set-protocol', protocol: next });
    }
    case 'set-protocol': {
      if (state.editing) return state;
      const switched = switchProtocol(state.draft, action.protocol);
      const draft = state.portIsDefault ? withDefaultPort(switched, state.context) : switched;
      return changeDraft(state, 'protocol', draft);
    }
    case 'picker-open': {
      const field = focusedField(state);
      if (!field || !isPickerField(field.id)) return state;
      const filter = action.filter ?? '';
      const options = filterOptions(pickerOptions(field.id, state.draft, state.context), filter);
      const pickerField = field.id;
      const current = options.findIndex((o) => o.id === state.draft[pickerField]);
      // On the current pick, else on the first one that can be chosen.
      const cursor =
        current >= 0
          ? current
          : Math.max(
              0,
              options.findIndex((o) => !o.disabledReason),
            );
      return { ...state, picker: { field: field.id, filter, cursor } };
    }
    case 'picker-filter':
      return state.picker
        ? {
            ...state,
            picker: {
              ...state.picker,
              filter: action.filter,
              cursor: Math.max(
                0,
                filterOptions(
                  pickerOptions(state.picker.field, state.draft, state.context),
                  action.filter,
                ).findIndex((o) => !o.disabledReason),
              ),
            },
          }
        : state;
    case 'picker-move': {
      if (!state.picker) return state;
      const count = visiblePickerOptions(state).length;
      if (count === 0) return state;
      const cursor = Math.min(count - 1, Math.max(0, state.picker.cursor + action.delta));
      return { ...state, picker: { ...state.picker, cursor } };
    }
    case 'picker-choose': {
      if (!state.picker) return state;
      const option = visiblePickerOptions(state)[state.picker.cursor];
      if (!option || option.disabledReason || option.create) return state;
      const field = state.picker.field;
      const draft = { ...state.draft, [field]: option.id };
      return { ...changeDraft(state, field, draft), picker: undefined };
    }
    case 'picker-close':
      return { ...state, picker: undefined };
    case 'next-step': {
      if (state.step === 'review') return state;
      if (!stepIsValid(state)) {
        const attempted = state.attempted.includes(state.step)
          ? state.attempted
          : [...state.attempted, state.step];
        const marked = { ...state, attempted };
        return { ...marked, focus: firstInvalidFocus(marked), picker: undefined };
      }
      const steps = stepsFor(state.draft.protocol);
      if (state.backToReview && steps.every((step) => step === 'review' || stepIsValid(state, step)))
        return { ...goToStep(state, 'review'), backToReview: false };
      const next = steps[steps.indexOf(state.step) + 1];
      return next ? goToStep(state, next) : state;
    }
    case 'prev-step': {
      const steps = stepsFor(state.draft.protocol);
      const index = steps.indexOf(state.step);
      return index > 0 ? goToStep(state, steps[index - 1]!) : state;
    }
    case 'goto-step': {
      const steps = stepsFor(state.draft.protocol);
      if (!steps.includes(action.step)) return state;
      // Forward only through valid steps: the review must never be reached with a broken step.
      for (const step of steps.slice(0, steps.indexOf(action.step))) {
        if (!stepIsValid(state, step)) {
          const attempted = state.attempted.includes(step) ? state.attempted : [...state.attempted, step];
          const at = { ...goToStep(state, step), attempted };
          return { ...at, focus: firstInvalidFocus(at) };
        }
      }
      const reopened = state.step === 'review' && action.step !== 'review';
      return { ...goToStep(state, action.step), backToReview: reopened || (state.backToReview ?? false) };
    }
    case 'precheck-started':
      return { ...state, precheck: { status: 'running', version: state.version } };
    case 'precheck-finished': {
      if (action.version !== state.version) return state;
      if (action.result.ok) return { ...state, precheck: { status: 'passed', version: action.version } };
      const issue = issueFromServer(action.result.code, action.result.message, action.result.parameter);
      return {
        ...state,
        precheck: { status: 'failed', version: action.version, issue },
        serverIssues: [...state.serverIssues.filter((i) => i.field !== issue.field), issue],
      };
    }
    case 'submit-started':
      if (state.step !== 'review' || blocking(validateDraft(state.draft, state.context)).length > 0)
        return state;
      return { ...state, submission: { status: 'submitting' } };
    case 'submit-accepted':
      return {
        ...state,
        submission: { status: 'provisioning', listenerId: action.listenerId, listenerStatus: 'Provisioning' },
      };
    case 'listener-status': {
      if (state.submission.status !== 'provisioning') return state;
      const { listenerId } = state.submission;
      return action.status === 'Running'
        ? { ...state, submission: { status: 'running', listenerId } }
        : { ...state, submission: { status: 'provisioning', listenerId, listenerStatus: action.status } };
    }
    case 'submit-failed': {
      const issue = issueFromServer(action.code, action.message, action.parameter);
      const failed = {
        ...state,
        submission: { status: 'failed' as const, issue, retryable: action.retryable },
      };
      return action.retryable ? failed : showServerIssue(failed, issue);
    }
    case 'submit-job-failed':
      // Not about a field: the form stays where it is, as it was.
      if (state.submission.status !== 'provisioning' && state.submission.status !== 'submitting')
        return state;
      return {
        ...state,
        clientToken: action.nextClientToken,
        submission: {
          status: 'failed',
          issue: { code: action.code, message: action.message },
          retryable: true,
          jobFailed: true,
        },
      };
  }
}

export function visiblePickerOptions(state: WizardState) {
  if (!state.picker) return [];
  return filterOptions(pickerOptions(state.picker.field, state.draft, state.context), state.picker.filter);
}
