// The wizard's runs: which saved drafts of the instance are offered when it opens (resume one, start
// a new one, discard one), and the QUIC listener made in place from an HTTPS listener's QUIC upgrade
// field — a nested run with its own draft and ClientToken, after which the HTTPS run comes back with
// the new listener chosen. Pure: the screen reducer calls these.
import { defaultListenerName } from '../../domain/listener-draft.js';
import type { ListenerFact } from '../../domain/listener-rules.js';
import { parseDecimalInteger } from '../../domain/text-rules.js';
import { wizardText } from './wizard-i18n.js';
import { initWizard, wizardReducer, type WizardState } from './wizard-state.js';
import type { DraftOffer, WizardEffect, WizardScreen } from './wizard-screen.js';
import { clampCursor } from '../list-cursor.js';

/** Fresh identities for a new run: its ClientToken and the ID its draft is kept under. */
export interface RunIds {
  clientToken: string;
  draftId: string;
}

/** The HTTPS run waiting while its QUIC listener is made. */
export interface ParentRun {
  wizard: WizardState;
  draftId: string;
  profileFlags?: WizardScreen['profileFlags'];
}

/** A nested run left with Esc: taken up again when the user asks for a new QUIC listener once more. */
export interface StashedRun {
  wizard: WizardState;
  draftId: string;
}

type Queue = (screen: WizardScreen, ...effects: WizardEffect[]) => WizardScreen;

export function highlightedOffer(screen: WizardScreen): DraftOffer | undefined {
  return screen.offers?.[screen.offerCursor ?? 0];
}

export function moveOffer(screen: WizardScreen, delta: number): WizardScreen {
  const count = screen.offers?.length ?? 0;
  if (count === 0) return screen;
  const offerCursor = clampCursor((screen.offerCursor ?? 0) + delta, count);
  return offerCursor === (screen.offerCursor ?? 0) ? screen : { ...screen, offerCursor };
}

/** Resumes the highlighted draft: its values, step, ClientToken and draft ID. */
export function resumeOffer(screen: WizardScreen): WizardScreen {
  const offer = highlightedOffer(screen);
  if (!offer) return screen;
  const wizard = initWizard({
    loadBalancerId: screen.loadBalancerId,
    clientToken: offer.clientToken || screen.wizard.clientToken,
    draft: offer.draft,
    step: offer.step,
    ...(screen.wizard.context ? { context: screen.wizard.context } : {}),
    ...(screen.wizard.editing ? { editing: true } : {}),
  });
  const { offers: _offers, offerCursor: _cursor, ...rest } = screen;
  return { ...rest, wizard, draftId: offer.draftId, persist: true };
}

/** A new draft beside the saved ones, which stay offered next time. */
export function startNew(screen: WizardScreen): WizardScreen {
  if (!screen.offers) return screen;
  const { offers: _offers, offerCursor: _cursor, ...rest } = screen;
  return rest;
}

/** Discards the highlighted draft (from the store too); with none left, the form starts new. */
export function discardOffer(screen: WizardScreen, queue: Queue): WizardScreen {
  const offer = highlightedOffer(screen);
  if (!offer || !screen.offers) return screen;
  const offers = screen.offers.filter((o) => o.draftId !== offer.draftId);
  const next: WizardScreen =
    offers.length === 0
      ? startNew(screen)
      : { ...screen, offers, offerCursor: Math.min(screen.offerCursor ?? 0, offers.length - 1) };
  return queue(
    { ...next, notice: { message: wizardText('draftDiscarded'), tone: 'good' } },
    { kind: 'discard-saved-draft', draftId: offer.draftId },
  );
}

/** Whether the HTTPS run can make its QUIC listener in place right now. */
export function canNest(screen: WizardScreen): boolean {
  return (
    !screen.parent &&
    !screen.edit &&
    screen.load.status === 'ready' &&
    screen.wizard.draft.protocol === 'HTTPS' &&
    screen.wizard.submission.status === 'idle'
  );
}

/** Opens the nested QUIC run (the one left earlier, if any), the HTTPS run kept as it is. */
export function nestQuic(screen: WizardScreen, ids: RunIds | undefined): WizardScreen {
  if (!canNest(screen)) return screen;
  const stash = screen.stash;
  if (!stash && !ids) return screen;
  const context = screen.wizard.context;
  const wizard: WizardState = stash
    ? { ...stash.wizard, ...(context ? { context } : {}) }
    : initWizard({
        loadBalancerId: screen.loadBalancerId,
        clientToken: ids!.clientToken,
        protocol: 'QUIC',
        ...(context ? { context } : {}),
      });
  const parent: ParentRun = {
    wizard: { ...screen.wizard, picker: undefined },
    draftId: screen.draftId,
    ...(screen.profileFlags ? { profileFlags: screen.profileFlags } : {}),
  };
  const {
    stash: _stash,
    profileFlags: _flags,
    caret: _caret,
    reviewScroll: _scroll,
    suitesOf: _suites,
    ...rest
  } = screen;
  return {
    ...rest,
    parent,
    wizard,
    draftId: stash ? stash.draftId : ids!.draftId,
    // A run taken up again is already kept; a new one is kept once the user changes something.
    persist: stash !== undefined,
    notice: { message: wizardText('nestedStarted', { listener: parentLabel(parent) }), tone: 'good' },
  };
}

/** `HTTPS 443`: the run waiting for its QUIC listener. */
export function parentLabel(parent: ParentRun): string {
  return `${parent.wizard.draft.protocol} ${parent.wizard.draft.port.trim()}`;
}

/**
 * Back to the HTTPS run. With the QUIC listener created: it is chosen there (known to the rules at
 * once, the facts read again behind it) and its finished draft is dropped. Without (Esc): the QUIC
 * draft stays kept and is taken up again next time.
 */
export function popNested(screen: WizardScreen, queue: Queue, createdId?: string): WizardScreen {
  const parent = screen.parent;
  if (!parent) return screen;
  const nested: StashedRun = { wizard: screen.wizard, draftId: screen.draftId };
  const {
    parent: _parent,
    caret: _caret,
    reviewScroll: _scroll,
    suitesOf: _suites,
    prompt: _prompt,
    ...rest
  } = screen;
  const back: WizardScreen = {
    ...rest,
    wizard: parent.wizard,
    draftId: parent.draftId,
    ...(parent.profileFlags ? { profileFlags: parent.profileFlags } : {}),
    persist: true,
  };
  if (createdId === undefined) {
    return {
      ...back,
      stash: nested,
      notice: { message: wizardText('nestedLeft', { listener: parentLabel(parent) }), tone: 'warning' },
    };
  }
  const { draft } = nested.wizard;
  const port = parseDecimalInteger(draft.port) ?? 0;
  const fact: ListenerFact = {
    listenerId: createdId,
    loadBalancerId: screen.loadBalancerId,
    protocol: 'QUIC',
    port,
    name: draft.name.trim() || defaultListenerName('QUIC', port),
  };
  let wizard = parent.wizard;
  if (wizard.context) {
    const listeners = [...wizard.context.listeners.filter((l) => l.listenerId !== createdId), fact];
    wizard = { ...wizard, context: { ...wizard.context, listeners } };
  }
  wizard = wizardReducer(wizard, { type: 'edit', field: 'quicListenerId', value: createdId });
  wizard = wizardReducer(wizard, { type: 'focus', field: 'quicListenerId' });
  const { stash: _stash, ...withoutStash } = back;
  return queue(
    {
      ...withoutStash,
      wizard,
      notice: {
        message: wizardText('nestedCreated', { id: createdId, port, listener: parentLabel(parent) }),
        tone: 'good',
      },
    },
    { kind: 'discard-saved-draft', draftId: nested.draftId },
    { kind: 'refresh-target' },
  );
}
