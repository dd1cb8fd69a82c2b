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
import type { TargetContext } from '../../domain/listener-rules.js';
import type { Listener } from '../../domain/resources.js';
import { stepFields, initWizard } from './wizard-state.js';
import type { DraftOffer, WizardScreen } from './wizard-screen.js';

export interface EditTarget {
  listenerId: string;
  /** The listener as read when the edit opened. */
  listener?: Listener;
  /** Its draft: what the form is compared with. */
  original?: ListenerDraft;
  /** Other listeners known (with their certificates where known), for what depends on this one. */
  siblings?: readonly ImpactListener[];
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

export function hasChanges(screen: WizardScreen): boolean {
  return (editDiff(screen)?.changes.length ?? 0) > 0;
}

export interface EditLoaded {
  context: TargetContext;
  instanceName?: string;
  listener: Listener;
  /** An unfinished edit of this listener the store kept. */
  saved?: DraftOffer;
}

/** The listener and its instance are read: the form is the listener, or the kept edit is offered. */
export function editLoaded(screen: WizardScreen, loaded: EditLoaded): WizardScreen {
  const edit = screen.edit;
  if (!edit) return screen;
  const original = listenerToDraft(loaded.listener);
  const target: EditTarget = { ...edit, listener: loaded.listener, original };
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
  return {
    ...rest,
    load: { status: 'ready' },
    ...(loaded.instanceName ? { instanceName: loaded.instanceName } : {}),
    edit: target,
    wizard: { ...wizard, focus: Math.max(0, firstEditable) },
    ...(loaded.saved ? { offers: [loaded.saved], offerCursor: 0 } : {}),
  };
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
  const impact = listenerImpact(self, edit.siblings ?? [], 'edit', certificateIds);
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
