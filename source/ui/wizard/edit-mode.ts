// The wizard in edit mode: an existing listener, read with GetListenerAttribute, pre-fills the form;
// protocol and port stay as they are; the review shows only what changes (old → new); the precheck
// and the submit send `UpdateListenerAttribute` with just those fields and one ClientToken per edit.
// The edit is kept as a draft under the listener's ID, so it survives quit and crash. Pure: the
// screen reducer (wizard-screen.ts) calls these.
import { diffListener, listenerToDraft, type ListenerDiff } from '../../domain/listener-diff.js';
import type { ImpactListener } from '../../domain/listener-impact.js';
import { listenerImpact } from '../../domain/listener-impact.js';
import type { Localized } from '../../domain/i18n.js';
import type { ListenerDraft } from '../../domain/listener-draft.js';
import { blocking, type RuleViolation, type TargetContext } from '../../domain/listener-rules.js';
import { validateUpdate } from '../../domain/update-rules.js';
import type { Listener } from '../../domain/resources.js';
import { stepFields, initWizard } from './wizard-state.js';
import type { DraftOffer, WizardEffect, WizardScreen } from './wizard-screen.js';
import { editTextText } from '../edit-text/edit-text-i18n.js';
import type { EditorResult } from '../edit-text/external-editor.js';
import { readListenerYaml } from '../edit-text/listener-yaml.js';
import { mergeOffer, yamlNotes, type EditResume } from './edit-resume.js';

/** The screen's effect queue (wizard-screen.ts passes it in, as it does to wizard-runs.ts). */
type Queue = (screen: WizardScreen, ...effects: WizardEffect[]) => WizardScreen;

export interface EditTarget {
  listenerId: string;
  /** The listener as read when the edit opened. */
  listener?: Listener;
  /** Its draft: what the form is compared with. */
  original?: ListenerDraft;
  /** Other listeners known (with their certificates where known), for what depends on this one. */
  siblings?: readonly ImpactListener[];
  /** Opened as text (`E`): the editor comes first, the form only shows the review. */
  asText?: boolean;
  /** A kept edit resumed against the listener as it is now (edit-resume.ts). */
  resume?: EditResume;
}

/** The listener itself is not a neighbour: its own port is not "taken", its own QUIC upgrade not "another". */
export function editContext(edit: EditTarget, context: TargetContext): TargetContext {
  const listeners = context.listeners.filter((l) => l.listenerId !== edit.listenerId);
  return listeners.length === context.listeners.length ? context : { ...context, listeners };
}

/** What the form changes on the listener; undefined until the listener is read. */
export function editDiff(screen: WizardScreen): ListenerDiff | undefined {
  const edit = screen.edit;
  if (!edit?.original) return undefined;
  return diffListener(edit.listenerId, edit.original, screen.wizard.draft);
}

/**
 * What the domain's update rules (update-rules.ts: the creation rules on the listener as changed,
 * for what the change touches, plus the update-only ones) refuse in the change; errors only.
 */
export function updateProblems(screen: WizardScreen): RuleViolation[] {
  const diff = editDiff(screen);
  const listener = screen.edit?.listener;
  if (!diff || !listener || diff.changes.length === 0) return [];
  return blocking(validateUpdate(listener, diff.request, screen.wizard.context));
}

export function hasChanges(screen: WizardScreen): boolean {
  return (editDiff(screen)?.changes.length ?? 0) > 0;
}

export interface EditLoaded {
  context: TargetContext;
  instanceName?: string;
  listener: Listener;
  /** An unfinished edit of this listener the store kept. */
  saved?: DraftOffer;
  /** Listener ID → the server certificates it serves, read for the impact of replacing the certificate. */
  certificateUse?: ReadonlyMap<string, readonly string[]>;
}

/** The listener and its instance are read: the form is the listener, or the kept edit is offered. */
export function editLoaded(screen: WizardScreen, loaded: EditLoaded, queueEffect: Queue): WizardScreen {
  const edit = screen.edit;
  if (!edit) return screen;
  const original = listenerToDraft(loaded.listener);
  const use = loaded.certificateUse;
  const siblings = use
    ? (edit.siblings ?? []).map((l) => {
        const read = use.get(l.listenerId);
        return read ? { ...l, certificateIds: read } : l;
      })
    : edit.siblings;
  const target: EditTarget = {
    ...edit,
    listener: loaded.listener,
    original,
    ...(siblings ? { siblings } : {}),
  };
  const context = editContext(target, loaded.context);
  const wizard = initWizard({
    loadBalancerId: screen.loadBalancerId,
    clientToken: screen.wizard.clientToken,
    draft: original,
    context,
    editing: true,
  });
  // Protocol and port cannot change: the cursor starts on the first field that can.
  const firstEditable = stepFields('listener', original).findIndex(
    (f) => f.id !== 'protocol' && f.id !== 'port',
  );
  const { offers: _offers, offerCursor: _cursor, ...rest } = screen;
  const ready: WizardScreen = {
    ...rest,
    load: { status: 'ready' },
    ...(loaded.instanceName ? { instanceName: loaded.instanceName } : {}),
    edit: target,
    wizard: { ...wizard, focus: Math.max(0, firstEditable) },
  };
  if (!edit.asText) return loaded.saved ? { ...ready, offers: [loaded.saved], offerCursor: 0 } : ready;
  // As text, a kept edit is taken up at once (the file says so): there is no form to offer it in.
  const saved = loaded.saved;
  const merged = saved ? mergeOffer(saved, original) : undefined;
  const resumed: WizardScreen =
    saved && merged
      ? {
          ...ready,
          edit: { ...target, resume: merged.resume },
          wizard: {
            ...ready.wizard,
            draft: merged.draft,
            clientToken: saved.clientToken || ready.wizard.clientToken,
          },
        }
      : ready;
  const notes = merged ? yamlNotes(merged.resume) : [];
  return queueEffect(resumed, {
    kind: 'edit-text',
    draft: resumed.wizard.draft,
    ...(saved ? { resumedAt: saved.savedAt.replace('T', ' ').slice(0, 16) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  });
}

/** `E` on the review: the current form as text in the editor. */
export function openAsText(screen: WizardScreen, queueEffect: Queue): WizardScreen {
  if (!screen.edit?.original || screen.load.status !== 'ready') return screen;
  return queueEffect(screen, { kind: 'edit-text', draft: screen.wizard.draft });
}

/** The editor is closed: cancel, reopen it with the errors at the top, or review what the text changes. */
export function textEdited(
  screen: WizardScreen,
  shown: string,
  result: EditorResult,
  queueEffect: Queue,
): WizardScreen {
  const edit = screen.edit;
  if (!edit?.original) return screen;
  // Only as text there is no form behind the editor to go back to: giving up leaves.
  const textOnly = edit.asText === true && screen.wizard.step !== 'review';
  const leaveWith = (message: Localized, tone: 'warning' | 'danger') =>
    textOnly
      ? queueEffect({ ...screen, leaving: {}, persist: false }, { kind: 'leave', message: { message, tone } })
      : { ...screen, notice: { message, tone } };
  if (!result.ok) return leaveWith(result.message, 'danger');
  const outcome = readListenerYaml(
    result.text,
    shown,
    screen.wizard.draft,
    screen.loadBalancerId,
    screen.wizard.context,
  );
  switch (outcome.kind) {
    case 'cancel':
      return leaveWith(editTextText('cancelled'), 'warning');
    case 'invalid':
      return queueEffect(screen, {
        kind: 'edit-text',
        draft: screen.wizard.draft,
        retry: { text: result.text, errors: outcome.errors },
      });
    case 'ok': {
      const wizard = screen.wizard;
      return {
        ...screen,
        wizard: {
          ...wizard,
          draft: { ...outcome.draft, protocol: wizard.draft.protocol, port: wizard.draft.port },
          step: 'review',
          focus: 0,
          version: wizard.version + 1,
          precheck: { status: 'idle' },
          submission: { status: 'idle' },
          serverIssues: [],
          picker: undefined,
        },
        persist: true,
        notice: undefined,
      };
    }
  }
}

/** `HTTPS 443 “web”`: the listener being edited, for the title and the confirmation. */
export function editLabel(screen: WizardScreen): string {
  const listener = screen.edit?.listener;
  if (!listener) return screen.edit?.listenerId ?? '';
  return `${listener.listenerProtocol} ${listener.listenerPort}`;
}

/** Whether the typed confirmation is the listener's port (production connections). */
export function confirmsEdit(screen: WizardScreen, typed: string): boolean {
  const port = screen.edit?.listener?.listenerPort;
  return port !== undefined && typed.trim() === String(port);
}

/** What depends on the listener, when the edit changes its server group or certificate. */
export function editImpact(screen: WizardScreen, diff: ListenerDiff): Localized[] {
  const edit = screen.edit;
  if (!edit?.listener) return [];
  const changed = new Set(diff.changes.map((c) => c.field));
  if (!changed.has('serverGroupId') && !changed.has('certificateId')) return [];
  const listener = edit.listener;
  const certificateIds = changed.has('certificateId')
    ? (listener.certificates ?? []).map((c) => c.certificateId)
    : [];
  const self: ImpactListener = {
    listenerId: listener.listenerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name: listener.listenerDescription,
    quicConfig: listener.quicConfig,
    certificateIds,
  };
  const impact: Localized[] = listenerImpact(self, edit.siblings ?? [], 'edit', certificateIds);
  if (changed.has('serverGroupId') && listener.quicConfig.quicUpgradeEnabled) {
    impact.unshift({
      en: 'Clients upgraded to its QUIC listener keep that listener’s own server group.',
      'zh-CN': '升级到其QUIC监听的客户端仍由该QUIC监听自己的服务器组处理。',
    });
  }
  return impact;
}

/**
 * A kept draft that is an edit (keyed by the listener's ID, `lsn-…`) rather than a listener being
 * made (keyed by a random UUID): the create wizard does not offer edits.
 */
export function isEditDraftId(draftId: string): boolean {
  return draftId.startsWith('lsn-');
}
