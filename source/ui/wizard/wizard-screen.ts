// The wizard pane around the wizard reducer: loading the target, the offer to resume a saved draft,
// prompts (export, save as profile), the servers of a server group, notices, and the effects the
// pane asks for (API calls, files, the store), queued for the effect runner. Pure; runs without Ink.
import path from 'node:path';
import type { CreateListenerRequest } from '../../domain/create-request.js';
import {
  EXPORT_FORMATS,
  exportRequest,
  type ExportFormat,
  type ExportOptions,
} from '../../domain/exporters.js';
import { fieldSpec, type FieldId, type WizardStep } from '../../domain/fields.js';
import type { Localized } from '../../domain/i18n.js';
import { draftToRequest, type ListenerDraft } from '../../domain/listener-draft.js';
import { blocking, validateDraft, type TargetContext } from '../../domain/listener-rules.js';
import type { BackendServer } from '../../domain/resources.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { applyProfile, fieldStillNeeded, type ListenerProfile } from '../../store/index.js';
import type { UpdateListenerRequest } from '../../domain/update-request.js';
import type { EditorResult } from '../edit-text/external-editor.js';
import { editText } from './edit-i18n.js';
import {
  nextConflict,
  pickConflict,
  refuseUnresolved,
  resumeEdit,
  unresolvedConflicts,
} from './edit-resume.js';
import type { ConflictPick } from '../../domain/edit-merge.js';
import {
  confirmsEdit,
  editContext,
  editDiff,
  editLoaded,
  openAsText,
  textEdited,
  updateProblems,
  type EditLoaded,
  type EditTarget,
} from './edit-mode.js';
import { wizardText } from './wizard-i18n.js';
import {
  leaveAfterRules,
  rulesBlockedNotice,
  rulesReducer,
  startRules,
  type ProfileRules,
  type RulesAction,
  type RulesRun,
} from './profile-rules.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import {
  discardOffer,
  moveOffer,
  nestQuic,
  popNested,
  resumeOffer,
  startNew,
  type ParentRun,
  type RunIds,
  type StashedRun,
} from './wizard-runs.js';
import {
  focusedField,
  focusedReviewAction,
  initWizard,
  visiblePickerOptions,
  wizardReducer,
  type ReviewAction,
  type WizardAction,
  type WizardState,
} from './wizard-state.js';

/** A draft the store kept for this instance, offered when the wizard opens. */
export interface DraftOffer {
  draftId: string;
  draft: ListenerDraft;
  step: WizardStep;
  clientToken: string;
  savedAt: string;
  /** A kept edit: the listener as it was when the edit began; null when not recorded. */
  base?: ListenerDraft | null;
}

/** Why something failed, as the pane shows it. */
export interface Problem {
  message: Localized;
  /** The ALB error kind (`notFound`, `unreachable`, ...) when it came from the API. */
  kind?: string;
  code?: string;
}

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; problem: Problem };

export type ExportDestination = 'file' | 'copy';

export type Prompt =
  /** The export on screen before it goes anywhere: Tab switches the format, ↑↓ scroll it. */
  | { kind: 'export-target'; format: ExportFormat; scroll?: number }
  | { kind: 'export-path'; format: ExportFormat; text: string; error?: Localized }
  | { kind: 'confirm-overwrite'; format: ExportFormat; path: string }
  | { kind: 'profile-name'; text: string; error?: Localized }
  | { kind: 'confirm-profile-replace'; name: string }
  /** On a production connection: the instance's name or ID, typed to create the listener. */
  | { kind: 'confirm-submit'; text: string; error?: Localized };

export type ServersState =
  | { status: 'loading' }
  | { status: 'ready'; servers: BackendServer[] }
  | { status: 'failed'; message: Localized };

export type NoticeTone = 'good' | 'warning' | 'danger';

export interface Notice {
  message: Localized;
  tone: NoticeTone;
}

export type WizardEffect =
  | { kind: 'load-target' }
  /** Reads the target again behind the scenes: the service knew something the loaded facts did not. */
  | { kind: 'refresh-target' }
  | { kind: 'discard-saved-draft'; draftId: string }
  | { kind: 'load-servers'; serverGroupId: string }
  | { kind: 'precheck'; version: number; request: CreateListenerRequest }
  | { kind: 'submit'; request: CreateListenerRequest }
  /** Edit mode: the listener and its instance are read (and a kept edit looked up). */
  | { kind: 'load-edit' }
  /** Edit mode: `UpdateListenerAttribute` with only the changed fields (DryRun for the precheck). */
  | { kind: 'precheck-update'; version: number; request: UpdateListenerRequest }
  | { kind: 'update'; request: UpdateListenerRequest; clientToken: string }
  /**
   * Edit as text: the draft as YAML in the user's editor; `retry` is the text saved last time with
   * what was wrong with it (written at its top). `resumedAt` says the draft is a kept edit.
   */
  | {
      kind: 'edit-text';
      draft: ListenerDraft;
      retry?: { text: string; errors: readonly Localized[] };
      resumedAt?: string;
      /** A resumed edit: what changed on the listener meanwhile, written at the top of the file. */
      notes?: readonly Localized[];
    }
  | {
      kind: 'export-file';
      format: ExportFormat;
      path: string;
      request: CreateListenerRequest;
      /** Only after the user said yes to replacing that very file. */
      replace: boolean;
    }
  | { kind: 'export-copy'; format: ExportFormat; request: CreateListenerRequest }
  | { kind: 'save-profile'; name: string; draft: ListenerDraft; replace: boolean }
  /** The profile's forwarding rules on the new, Running listener (profile-rules.ts). */
  | { kind: 'create-rules'; listenerId: string; rules: readonly RuleSpec[]; listenerClientToken: string }
  /** Leaves the pane: the draft stays (saved first), or is cleared once the listener was created. */
  | { kind: 'leave'; created?: string; message?: Notice };

export interface QueuedWizardEffect {
  seq: number;
  effect: WizardEffect;
}

export interface WizardScreen {
  loadBalancerId: string;
  /** The instance's name once loaded, for the title. */
  instanceName?: string;
  /** A production connection: submitting asks for the instance's name or ID to be typed. */
  production?: boolean;
  load: LoadState;
  /** Saved drafts of this instance (newest first) the user has not yet chosen between; never empty. */
  offers?: readonly DraftOffer[];
  offerCursor?: number;
  wizard: WizardState;
  /** The ID the current run's draft is kept under (several drafts per instance). */
  draftId: string;
  /** Set while a QUIC listener is made in place: the HTTPS run that waits for it. */
  parent?: ParentRun;
  /** A QUIC run left with Esc, taken up again when asked for once more. */
  stash?: StashedRun;
  /** Whether changes are saved as the draft: off until there is something worth keeping, and after success. */
  persist: boolean;
  /** Caret of the focused text field, in graphemes from the start; undefined means at the end. */
  caret?: number;
  prompt?: Prompt;
  /** Lines the review's summary is scrolled by. */
  reviewScroll?: number;
  /** The TLS policy whose cipher suites are shown, or the certificate whose facts are shown whole. */
  suitesOf?: string;
  notice?: Notice;
  /** A listener profile to start from, applied once the instance's facts are loaded. */
  profile?: StartingProfile;
  /** The forwarding rules of the profile the run started from: created after the listener. */
  profileRules?: ProfileRules;
  /** Those rules being created on the new listener, or what became of them. */
  rulesRun?: RulesRun;
  /** Picks the profile could not make on this instance: said on their step until made. */
  profileFlags?: readonly { field: FieldId; message: Localized }[];
  servers: Readonly<Record<string, ServersState>>;
  /** Why drafts are not kept (the settings cannot be written): nothing may say the draft is kept. */
  draftsUnsaved?: Localized;
  /** What an export names (region, endpoint): shown on screen as it will be written. */
  exportOptions?: ExportOptions;
  /** The folder an export goes to unless the user says otherwise (the working folder). */
  exportDir?: string;
  /** Editing an existing listener instead of creating one (edit-mode.ts). */
  edit?: EditTarget;
  /** Set once the pane asked to be left; every key is then ignored. */
  leaving?: { created?: string };
  effects: readonly QueuedWizardEffect[];
  nextEffectSeq: number;
}

export type ScreenAction =
  | { type: 'wizard'; action: WizardAction }
  | { type: 'target-loaded'; context: TargetContext; instanceName?: string }
  | { type: 'target-failed'; problem: Problem }
  | ({ type: 'edit-loaded' } & EditLoaded)
  /** `E` on the review of an edit: the form as text in the editor. */
  | { type: 'edit-as-text' }
  /** The editor closed; `shown` is the text it was given. */
  | { type: 'text-edited'; shown: string; result: EditorResult }
  | { type: 'reload' }
  | { type: 'resume' }
  | { type: 'start-fresh' }
  | { type: 'offer-move'; delta: number }
  | { type: 'discard-offer' }
  /** A resumed edit's conflict on the review: the highlighted one resolved, or the next highlighted. */
  | { type: 'conflict-pick'; pick: ConflictPick }
  | { type: 'conflict-next' }
  /** From the QUIC upgrade field: make the QUIC listener in place. The pane fills in fresh `ids`. */
  | { type: 'nest-quic'; ids?: RunIds }
  | { type: 'leave' }
  | { type: 'caret'; position: number | undefined }
  | { type: 'review-scroll'; delta: number }
  | { type: 'review-action'; action: ReviewAction }
  | { type: 'precheck' }
  /** The submit key (Ctrl-S): submits, after the typed confirmation on a production connection. */
  | { type: 'submit-request' }
  /** Sends the request now: a confirmed submit, or a retry of the one that failed (same ClientToken). */
  | { type: 'submit' }
  | { type: 'prompt-text'; text: string }
  | { type: 'prompt-submit' }
  | { type: 'prompt-choose'; choice: 'file' | 'copy' | 'yes' | 'no' }
  | { type: 'prompt-cancel' }
  /** The export preview: another format (+1 next, -1 previous), or scrolled by lines. */
  | { type: 'export-format'; step: 1 | -1 }
  | { type: 'export-scroll'; delta: number }
  | { type: 'toggle-suites'; show?: boolean }
  | { type: 'servers-loaded'; serverGroupId: string; servers: BackendServer[] }
  | { type: 'servers-failed'; serverGroupId: string; message: Localized }
  | { type: 'export-written'; format: ExportFormat; path: string }
  | { type: 'export-exists'; format: ExportFormat; path: string }
  | { type: 'export-failed'; format: ExportFormat; path?: string; message: Localized }
  | { type: 'copied'; format: ExportFormat }
  | { type: 'profile-saved'; name: string }
  | { type: 'profile-exists'; name: string }
  | { type: 'profile-failed'; name: string; problems: Localized[] }
  | { type: 'draft-save-failed'; message: Localized }
  | { type: 'notice'; notice: Notice | undefined }
  | { type: 'effects-taken'; upTo: number }
  | RulesAction;

export type StartingProfile = Pick<ListenerProfile, 'name' | 'listener' | 'hints'> &
  Partial<Pick<ListenerProfile, 'rules'>>;

export interface ScreenInit {
  loadBalancerId: string;
  /** A fresh ClientToken for this run (a resumed draft brings its own). */
  clientToken: string;
  /** The ID this run's draft is kept under (a resumed draft brings its own); the ClientToken if absent. */
  draftId?: string;
  offers?: readonly DraftOffer[];
  /** When the target is already known (tests); otherwise it is loaded. */
  context?: TargetContext;
  instanceName?: string;
  production?: boolean;
  /** Start from this listener profile instead of an empty draft (no offer to resume is made). */
  profile?: StartingProfile;
  exportOptions?: ExportOptions;
  exportDir?: string;
  /** Drafts cannot be kept in this session, and why. */
  draftsUnsaved?: Localized;
  /** Edit this listener instead of creating one; its draft is kept under its ID. */
  edit?: EditTarget;
}

export function initScreen(init: ScreenInit): WizardScreen {
  const wizard = initWizard({
    loadBalancerId: init.loadBalancerId,
    clientToken: init.clientToken,
    ...(init.context ? { context: init.context } : {}),
  });
  const screen: WizardScreen = {
    loadBalancerId: init.loadBalancerId,
    ...(init.instanceName ? { instanceName: init.instanceName } : {}),
    ...(init.production ? { production: true } : {}),
    load: init.context ? { status: 'ready' } : { status: 'loading' },
    ...(init.offers && init.offers.length > 0 && !init.profile
      ? { offers: init.offers, offerCursor: 0 }
      : {}),
    ...(init.profile ? { profile: init.profile } : {}),
    ...(init.exportOptions ? { exportOptions: init.exportOptions } : {}),
    ...(init.exportDir ? { exportDir: init.exportDir } : {}),
    ...(init.draftsUnsaved
      ? {
          draftsUnsaved: init.draftsUnsaved,
          notice: { message: wizardText('draftNotSaved', { reason: init.draftsUnsaved }), tone: 'warning' },
        }
      : {}),
    wizard,
    ...(init.edit ? { edit: init.edit } : {}),
    draftId: init.edit?.listenerId ?? init.draftId ?? (init.clientToken || 'draft'),
    persist: false,
    servers: {},
    effects: [],
    nextEffectSeq: 1,
  };
  if (init.edit) return queue(screen, { kind: 'load-edit' });
  if (init.context) return init.profile ? fromProfile(screen, init.context) : screen;
  return queue(screen, { kind: 'load-target' });
}

/** The draft the profile stands for on this instance; picks it cannot make are flagged. */
function fromProfile(screen: WizardScreen, context: TargetContext): WizardScreen {
  const profile = screen.profile;
  if (!profile) return screen;
  const applied = applyProfile(
    profile,
    context,
    screen.instanceName ? { instanceName: screen.instanceName } : {},
  );
  const flags = applied.resolutions
    .filter((r) => r.status !== 'resolved' && fieldStillNeeded(r.field, applied.draft))
    .flatMap((r) => (r.status === 'resolved' ? [] : [{ field: r.field, message: r.reason }]));
  const wizard = initWizard({
    loadBalancerId: screen.loadBalancerId,
    clientToken: screen.wizard.clientToken,
    draft: applied.draft,
    context,
  });
  const { profile: _applied, ...rest } = screen;
  return {
    ...rest,
    ...(profile.rules && profile.rules.length > 0
      ? { profileRules: { profileName: profile.name, rules: profile.rules } }
      : {}),
    wizard,
    persist: true,
    profileFlags: flags,
    notice: {
      message:
        flags.length === 0
          ? wizardText('fromProfile', { name: profile.name })
          : wizardText('fromProfileFlags', { name: profile.name, count: flags.length }),
      tone: flags.length === 0 ? 'good' : 'warning',
    },
  };
}

export function queue(screen: WizardScreen, ...effects: WizardEffect[]): WizardScreen {
  if (effects.length === 0) return screen;
  let seq = screen.nextEffectSeq;
  const queued = effects.map((effect) => ({ seq: seq++, effect }));
  return { ...screen, effects: [...screen.effects, ...queued], nextEffectSeq: seq };
}

function notify(screen: WizardScreen, message: Localized, tone: NoticeTone): WizardScreen {
  return { ...screen, notice: { message, tone } };
}

/** The request the draft stands for, with this run's ClientToken. */
export function currentRequest(
  screen: WizardScreen,
  options: { dryRun?: boolean } = {},
): CreateListenerRequest {
  const { wizard } = screen;
  return draftToRequest(wizard.draft, wizard.loadBalancerId, {
    clientToken: wizard.clientToken,
    ...(options.dryRun ? { dryRun: true } : {}),
  });
}

export function isBusy(screen: WizardScreen): boolean {
  const status = screen.wizard.submission.status;
  return status === 'submitting' || status === 'provisioning' || status === 'running';
}

function draftIsSubmittable(wizard: WizardState): boolean {
  return blocking(validateDraft(wizard.draft, wizard.context)).length === 0;
}

function startPrecheck(screen: WizardScreen): WizardScreen {
  const { wizard } = screen;
  if (screen.load.status !== 'ready' || wizard.step !== 'review' || isBusy(screen)) return screen;
  if (!draftIsSubmittable(wizard)) return screen;
  if (screen.edit) {
    // Nothing changed: nothing to precheck (the review says so).
    const diff = editDiff(screen);
    if (!diff || diff.changes.length === 0) return screen;
    // Refused by the update rules already: said on the field, no call made.
    const refused = updateProblems(screen)[0];
    if (refused) {
      const result = {
        ok: false as const,
        code: refused.code,
        message: refused.message,
        parameter: refused.parameter,
      };
      const checked = wizardReducer(wizardReducer(wizard, { type: 'precheck-started' }), {
        type: 'precheck-finished',
        version: wizard.version,
        result,
      });
      return { ...screen, wizard: checked };
    }
    const started = { ...screen, wizard: wizardReducer(wizard, { type: 'precheck-started' }) };
    return queue(started, { kind: 'precheck-update', version: wizard.version, request: diff.request });
  }
  const started = { ...screen, wizard: wizardReducer(wizard, { type: 'precheck-started' }) };
  return queue(started, {
    kind: 'precheck',
    version: wizard.version,
    request: currentRequest(screen, { dryRun: true }),
  });
}

function startSubmit(screen: WizardScreen): WizardScreen {
  if (screen.load.status !== 'ready' || isBusy(screen)) return screen;
  const unresolved = refuseUnresolved(screen);
  if (unresolved) return unresolved;
  const rulesBlocked = rulesBlockedNotice(screen);
  if (rulesBlocked) return { ...screen, notice: rulesBlocked };
  const wizard = wizardReducer(screen.wizard, { type: 'submit-started' });
  if (wizard.submission.status !== 'submitting') {
    return notify(screen, wizardText('submitBlocked'), 'danger');
  }
  if (screen.edit) {
    const diff = editDiff(screen);
    if (!diff || diff.changes.length === 0) return notify(screen, editText('nothingToSubmit'), 'warning');
    return queue(
      { ...screen, wizard, notice: undefined },
      { kind: 'update', request: diff.request, clientToken: wizard.clientToken },
    );
  }
  return queue({ ...screen, wizard, notice: undefined }, { kind: 'submit', request: currentRequest(screen) });
}

/**
 * The submit key: on the review, submits (a production connection first asks for the instance's
 * name or ID); elsewhere it goes to the review, where the request is shown before anything is sent.
 */
function requestSubmit(screen: WizardScreen): WizardScreen {
  if (screen.load.status !== 'ready' || isBusy(screen) || screen.offers) return screen;
  if (screen.wizard.step !== 'review') {
    const next = withWizard(screen, { type: 'goto-step', step: 'review' });
    if (next.wizard.step === 'review') return next;
    // Held on a step with an error: say which field, not silence.
    const { wizard } = next;
    const problem = blocking(validateDraft(wizard.draft, wizard.context)).find(
      (v) => fieldSpec(v.field).step === wizard.step,
    );
    return notify(
      next,
      problem
        ? wizardText('notSubmittedField', { field: fieldSpec(problem.field).label, reason: problem.message })
        : wizardText('submitBlocked'),
      'danger',
    );
  }
  if (!draftIsSubmittable(screen.wizard)) return notify(screen, wizardText('submitBlocked'), 'danger');
  const unresolved = refuseUnresolved(screen);
  if (unresolved) return unresolved;
  if (screen.edit && (editDiff(screen)?.changes.length ?? 0) === 0)
    return notify(screen, editText('nothingToSubmit'), 'warning');
  const refused = screen.edit ? updateProblems(screen)[0] : undefined;
  if (refused) return notify(screen, refused.message, 'danger');
  // The profile's rules are checked before the listener is made: nothing half-made for want of a group.
  const rulesBlocked = rulesBlockedNotice(screen);
  if (rulesBlocked) return { ...screen, notice: rulesBlocked };
  if (screen.production)
    return { ...screen, prompt: { kind: 'confirm-submit', text: '' }, notice: undefined };
  return startSubmit(screen);
}

/** Whether the typed confirmation names the instance: its ID, or its name when known. */
export function confirmsInstance(screen: WizardScreen, typed: string): boolean {
  const text = typed.trim();
  if (text === '') return false;
  return (
    text === screen.loadBalancerId || (screen.instanceName !== undefined && text === screen.instanceName)
  );
}

/** The server group whose servers the step shows: the highlighted one in the open picker, else the chosen one. */
export function shownServerGroup(wizard: WizardState): string | undefined {
  if (wizard.step !== 'serverGroup') return undefined;
  if (wizard.picker?.field === 'serverGroupId') {
    return visiblePickerOptions(wizard)[wizard.picker.cursor]?.id;
  }
  return wizard.draft.serverGroupId || undefined;
}

/** Follow-ups every change may call for: the precheck on the review, servers to list, leaving after success. */
function settle(before: WizardScreen, screen: WizardScreen): WizardScreen {
  let next = screen;
  const { wizard } = next;
  if (!next.persist && !next.offers && (wizard.version > 0 || wizard.step !== 'listener')) {
    next = { ...next, persist: true };
  }
  if (focusedField(before.wizard)?.id !== focusedField(wizard)?.id || before.wizard.step !== wizard.step) {
    next = { ...next, caret: undefined };
  }
  if (before.wizard.step !== wizard.step && next.reviewScroll !== undefined) {
    next = { ...next, reviewScroll: undefined };
  }
  if (next.load.status === 'ready' && !next.offers && next.wizard.step === 'review') {
    const { precheck, submission } = next.wizard;
    if (precheck.status === 'idle' && (submission.status === 'idle' || submission.status === 'failed')) {
      next = startPrecheck(next);
    }
  }
  const group = shownServerGroup(next.wizard);
  if (group && !next.servers[group]) {
    next = queue(
      { ...next, servers: { ...next.servers, [group]: { status: 'loading' } } },
      { kind: 'load-servers', serverGroupId: group },
    );
  }
  if (next.wizard.submission.status === 'running' && next.parent) {
    // The QUIC listener made in place: back to the HTTPS run, with it chosen.
    return popNested(next, queue, next.wizard.submission.listenerId);
  }
  if (next.wizard.submission.status === 'running' && !next.leaving && !next.rulesRun) {
    const created = next.wizard.submission.listenerId;
    // A profile's rules come next, on the Running listener; without any, the wizard is done.
    next =
      startRules(next, created, queue) ??
      queue({ ...next, leaving: { created }, persist: false }, { kind: 'leave', created });
  }
  return next;
}

/** More than the review's summary can ever be long; the view clamps to what the terminal needs. */
const REVIEW_SCROLL_MAX = 60;

const EXPORT_FORMAT_OF: Partial<Record<ReviewAction, ExportFormat>> = {
  exportAliyun: 'aliyun',
  exportTerraform: 'terraform',
  exportJson: 'json',
};

/** The export as it will be written or copied: the draft's request in `format`. */
export function exportText(screen: WizardScreen, format: ExportFormat): string {
  return exportRequest(currentRequest(screen), format, screen.exportOptions ?? { region: '' });
}

function exportPreview(screen: WizardScreen, action: { step?: 1 | -1; delta?: number }): WizardScreen {
  const prompt = screen.prompt;
  if (prompt?.kind !== 'export-target') return screen;
  if (action.step !== undefined) {
    const at = EXPORT_FORMATS.indexOf(prompt.format);
    const format = EXPORT_FORMATS[(at + action.step + EXPORT_FORMATS.length) % EXPORT_FORMATS.length]!;
    return { ...screen, prompt: { kind: 'export-target', format } };
  }
  const lines = exportText(screen, prompt.format).split('\n').length;
  const scroll = Math.max(0, Math.min((prompt.scroll ?? 0) + (action.delta ?? 0), lines - 3));
  return scroll === (prompt.scroll ?? 0) ? screen : { ...screen, prompt: { ...prompt, scroll } };
}

/** A file for an export in the working folder, e.g. `/home/me/HTTPS_8443.tf`: shown whole, editable. */
export function defaultExportPath(screen: WizardScreen, format: ExportFormat): string {
  const { draft } = screen.wizard;
  const port = draft.port.trim() || 'listener';
  const extension = { aliyun: 'sh', terraform: 'tf', json: 'json' }[format];
  const name = `${draft.protocol}_${port}.${extension}`;
  return screen.exportDir ? path.join(screen.exportDir, name) : name;
}

function runReviewAction(screen: WizardScreen, action: ReviewAction): WizardScreen {
  const format = EXPORT_FORMAT_OF[action];
  if (format) return { ...screen, prompt: { kind: 'export-target', format }, notice: undefined };
  switch (action) {
    case 'submit':
      // Enter never sends a request: it says which key does.
      return notify(screen, wizardText('submitKeyHint'), 'warning');
    case 'precheck':
      return startPrecheck(screen);
    case 'saveProfile':
      return { ...screen, prompt: { kind: 'profile-name', text: '' }, notice: undefined };
    case 'editListener':
      return withWizard(screen, { type: 'goto-step', step: 'listener' });
    case 'editCertificate':
      return withWizard(screen, { type: 'goto-step', step: 'certificate' });
    case 'editServerGroup':
      return withWizard(screen, { type: 'goto-step', step: 'serverGroup' });
    default:
      return screen;
  }
}

function withWizard(screen: WizardScreen, action: WizardAction): WizardScreen {
  const wizard = wizardReducer(screen.wizard, action);
  return wizard === screen.wizard ? screen : { ...screen, wizard };
}

function promptText(prompt: Prompt, text: string): Prompt {
  if (prompt.kind === 'export-path' || prompt.kind === 'profile-name' || prompt.kind === 'confirm-submit') {
    const { error: _dropped, ...rest } = prompt;
    return { ...rest, text };
  }
  return prompt;
}

function submitPrompt(screen: WizardScreen, prompt: Prompt): WizardScreen {
  switch (prompt.kind) {
    case 'confirm-submit': {
      if (screen.edit) {
        if (confirmsEdit(screen, prompt.text)) return startSubmit({ ...screen, prompt: undefined });
        const port = screen.edit.listener?.listenerPort ?? '';
        return { ...screen, prompt: { ...prompt, error: editText('confirmUpdateWrong', { port }) } };
      }
      if (!confirmsInstance(screen, prompt.text)) {
        const name = sanitizeForTerminal(screen.instanceName ?? screen.loadBalancerId);
        const id = sanitizeForTerminal(screen.loadBalancerId);
        return { ...screen, prompt: { ...prompt, error: wizardText('confirmSubmitWrong', { name, id }) } };
      }
      return startSubmit({ ...screen, prompt: undefined });
    }
    case 'export-path': {
      const path = prompt.text.trim();
      if (path === '') return { ...screen, prompt: { ...prompt, error: wizardText('pathRequired') } };
      return queue(
        { ...screen, prompt: undefined },
        { kind: 'export-file', format: prompt.format, path, request: currentRequest(screen), replace: false },
      );
    }
    case 'profile-name': {
      const name = prompt.text.trim();
      if (name === '') return { ...screen, prompt: { ...prompt, error: wizardText('profileNameRequired') } };
      return queue(
        { ...screen, prompt: undefined },
        { kind: 'save-profile', name, draft: screen.wizard.draft, replace: false },
      );
    }
    default:
      return screen;
  }
}

function choosePrompt(
  screen: WizardScreen,
  prompt: Prompt,
  choice: 'file' | 'copy' | 'yes' | 'no',
): WizardScreen {
  switch (prompt.kind) {
    case 'export-target':
      if (choice === 'file') {
        return {
          ...screen,
          prompt: {
            kind: 'export-path',
            format: prompt.format,
            text: defaultExportPath(screen, prompt.format),
          },
        };
      }
      if (choice === 'copy') {
        return queue(
          { ...screen, prompt: undefined },
          { kind: 'export-copy', format: prompt.format, request: currentRequest(screen) },
        );
      }
      return screen;
    case 'confirm-overwrite':
      if (choice === 'yes') {
        return queue(
          { ...screen, prompt: undefined },
          {
            kind: 'export-file',
            format: prompt.format,
            path: prompt.path,
            request: currentRequest(screen),
            replace: true,
          },
        );
      }
      if (choice === 'no') {
        return { ...screen, prompt: { kind: 'export-path', format: prompt.format, text: prompt.path } };
      }
      return screen;
    case 'confirm-profile-replace':
      if (choice === 'yes') {
        return queue(
          { ...screen, prompt: undefined },
          { kind: 'save-profile', name: prompt.name, draft: screen.wizard.draft, replace: true },
        );
      }
      if (choice === 'no') return { ...screen, prompt: { kind: 'profile-name', text: prompt.name } };
      return screen;
    default:
      return screen;
  }
}

function reduce(screen: WizardScreen, action: ScreenAction): WizardScreen {
  switch (action.type) {
    case 'wizard': {
      // The run made in place is a QUIC listener: its protocol stays.
      if (screen.parent && (action.action.type === 'cycle' || action.action.type === 'set-protocol'))
        return screen;
      // In edit mode the instance's facts never count the listener itself as a neighbour.
      const inner =
        screen.edit && action.action.type === 'context-loaded'
          ? { ...action.action, context: editContext(screen.edit, action.action.context) }
          : action.action;
      const wizard = wizardReducer(screen.wizard, inner);
      if (wizard === screen.wizard) return screen;
      // What arrives on its own (a status, the facts, the precheck's answer) leaves a notice the user
      // was given (e.g. Ctrl-S refused for conflicts left) on screen; what the user did replaces it.
      const arrivesOnItsOwn: readonly string[] = ['listener-status', 'context-loaded', 'precheck-finished'];
      const dropsNotice = !arrivesOnItsOwn.includes(action.action.type);
      const next = { ...screen, wizard, ...(dropsNotice ? { notice: undefined } : {}) };
      // The service refused for a reason of state (a port taken meanwhile): the rules need the new facts.
      const refused =
        (action.action.type === 'submit-failed' && !action.action.retryable) ||
        (action.action.type === 'precheck-finished' && wizard.precheck.status === 'failed');
      return refused ? queue(next, { kind: 'refresh-target' }) : next;
    }
    case 'target-loaded': {
      const loaded: WizardScreen = {
        ...screen,
        load: { status: 'ready' },
        ...(action.instanceName ? { instanceName: action.instanceName } : {}),
        wizard: wizardReducer(screen.wizard, {
          type: 'context-loaded',
          context: screen.edit ? editContext(screen.edit, action.context) : action.context,
        }),
      };
      return screen.profile ? fromProfile(loaded, action.context) : loaded;
    }
    case 'target-failed':
      return { ...screen, load: { status: 'failed', problem: action.problem } };
    case 'edit-loaded':
      return editLoaded(screen, action, queue);
    case 'edit-as-text':
      return isBusy(screen) || screen.prompt ? screen : openAsText(screen, queue);
    case 'text-edited':
      return textEdited(screen, action.shown, action.result, queue);
    case 'reload':
      if (screen.load.status === 'loading' || isBusy(screen)) return screen;
      // Facts change (a certificate uploaded, a server group created): servers are listed again too.
      return queue(
        { ...screen, load: { status: 'loading' }, servers: {}, notice: undefined },
        { kind: screen.edit?.original ? 'load-target' : screen.edit ? 'load-edit' : 'load-target' },
      );
    case 'resume': {
      if (!screen.edit) return resumeOffer(screen);
      // Conflicts are resolved on the review: it is where the resumed edit opens.
      const resumed = resumeEdit(screen);
      return unresolvedConflicts(resumed).length > 0
        ? withWizard(resumed, { type: 'goto-step', step: 'review' })
        : resumed;
    }
    case 'conflict-pick':
      return isBusy(screen) ? screen : pickConflict(screen, action.pick);
    case 'conflict-next':
      return nextConflict(screen);
    case 'start-fresh':
      return startNew(screen);
    case 'offer-move':
      return moveOffer(screen, action.delta);
    case 'discard-offer':
      return discardOffer(screen, queue);
    case 'nest-quic':
      return nestQuic(screen, action.ids);
    case 'leave':
      // The listener was made, some of its rules not: leaving keeps it (and says so).
      if (screen.rulesRun?.status === 'failed') return leaveAfterRules(screen, queue);
      if (screen.leaving || isBusy(screen)) return screen;
      // Esc in the QUIC run made in place goes back to the HTTPS run, not out of the wizard.
      if (screen.parent) return popNested(screen, queue);
      return queue({ ...screen, leaving: {} }, { kind: 'leave' });
    case 'caret':
      return action.position === screen.caret ? screen : { ...screen, caret: action.position };
    case 'review-scroll': {
      if (screen.wizard.step !== 'review') return screen;
      const reviewScroll = Math.max(
        0,
        Math.min(REVIEW_SCROLL_MAX, (screen.reviewScroll ?? 0) + action.delta),
      );
      return reviewScroll === (screen.reviewScroll ?? 0) ? screen : { ...screen, reviewScroll };
    }
    case 'review-action':
      if (screen.wizard.step !== 'review' || isBusy(screen)) return screen;
      return runReviewAction(screen, action.action);
    case 'precheck':
      return startPrecheck(screen);
    case 'submit-request':
      return requestSubmit(screen);
    case 'submit':
      return startSubmit(screen);
    case 'prompt-text':
      return screen.prompt ? { ...screen, prompt: promptText(screen.prompt, action.text) } : screen;
    case 'prompt-submit':
      return screen.prompt ? submitPrompt(screen, screen.prompt) : screen;
    case 'prompt-choose':
      return screen.prompt ? choosePrompt(screen, screen.prompt, action.choice) : screen;
    case 'prompt-cancel':
      return screen.prompt ? { ...screen, prompt: undefined } : screen;
    case 'export-format':
      return exportPreview(screen, { step: action.step });
    case 'export-scroll':
      return exportPreview(screen, { delta: action.delta });
    case 'toggle-suites': {
      const { wizard } = screen;
      // The highlighted option of an open picker, else the field's own pick.
      const field = focusedField(wizard)?.id;
      const policyId = wizard.picker
        ? visiblePickerOptions(wizard)[wizard.picker.cursor]?.id
        : field === 'securityPolicyId' || field === 'certificateId' || field === 'caCertificateId'
          ? wizard.draft[field]
          : undefined;
      if (!policyId) return screen;
      const show = action.show ?? screen.suitesOf !== policyId;
      if (show) return { ...screen, suitesOf: policyId };
      return screen.suitesOf === undefined ? screen : { ...screen, suitesOf: undefined };
    }
    case 'servers-loaded':
      return {
        ...screen,
        servers: { ...screen.servers, [action.serverGroupId]: { status: 'ready', servers: action.servers } },
      };
    case 'servers-failed':
      return {
        ...screen,
        servers: { ...screen.servers, [action.serverGroupId]: { status: 'failed', message: action.message } },
      };
    case 'export-written':
      return notify(
        screen,
        wizardText('exportWritten', { format: formatName(action.format), path: action.path }),
        'good',
      );
    case 'export-exists':
      return { ...screen, prompt: { kind: 'confirm-overwrite', format: action.format, path: action.path } };
    case 'export-failed':
      if (action.path !== undefined) {
        return {
          ...screen,
          prompt: { kind: 'export-path', format: action.format, text: action.path, error: action.message },
        };
      }
      return notify(screen, action.message, 'danger');
    case 'copied':
      return notify(screen, wizardText('exportCopied', { format: formatName(action.format) }), 'good');
    case 'profile-saved':
      return notify(screen, wizardText('profileSaved', { name: action.name }), 'good');
    case 'profile-exists':
      return { ...screen, prompt: { kind: 'confirm-profile-replace', name: action.name } };
    case 'profile-failed':
      return {
        ...screen,
        prompt: { kind: 'profile-name', text: action.name, error: joinProblems(action.problems) },
      };
    case 'draft-save-failed':
      return notify(
        { ...screen, draftsUnsaved: action.message },
        wizardText('draftNotSaved', { reason: action.message }),
        'warning',
      );
    case 'notice':
      return action.notice ? { ...screen, notice: action.notice } : { ...screen, notice: undefined };
    case 'rules-event':
    case 'rules-finished':
    case 'rules-retry':
      return rulesReducer(screen, action, queue);
    case 'effects-taken': {
      const effects = screen.effects.filter((queued) => queued.seq > action.upTo);
      return effects.length === screen.effects.length ? screen : { ...screen, effects };
    }
  }
}

function joinProblems(problems: readonly Localized[]): Localized {
  return {
    en: problems.map((p) => p.en).join('; '),
    'zh-CN': problems.map((p) => p['zh-CN']).join('；'),
  };
}

export function formatName(format: ExportFormat): Localized {
  return {
    aliyun: { en: 'aliyun CLI command', 'zh-CN': 'aliyun CLI 命令' },
    terraform: { en: 'Terraform block', 'zh-CN': 'Terraform 配置块' },
    json: { en: 'JSON request', 'zh-CN': 'JSON 请求' },
  }[format];
}

export function screenReducer(screen: WizardScreen, action: ScreenAction): WizardScreen {
  const next = reduce(screen, action);
  return next === screen ? screen : settle(screen, next);
}

/** The review action under the cursor. */
export function focusedAction(screen: WizardScreen): ReviewAction | undefined {
  return focusedReviewAction(screen.wizard);
}
