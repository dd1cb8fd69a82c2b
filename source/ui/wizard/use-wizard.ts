// The wizard pane's state and IO: the screen reducer held so that rapid keys each see the newest
// state, the effects it queues run against the injected ALB client and store, and the draft saved as
// the user types (debounced, flushed when the pane goes) so quitting or a crash loses nothing.
import { randomUUID } from 'node:crypto';
import { useCallback, useEffect, useRef, useState } from 'react';
import { collect, isDryRunPassed, type AlbClient } from '../../alb/client.js';
import type { RuleSpec } from '../../domain/rule-types.js';
import { isAliyunHost } from '../../alb/endpoint.js';
import { loadTarget } from '../../alb/target-context.js';
import type { CreateListenerRequest } from '../../domain/create-request.js';
import { exportRequest, type ExportOptions } from '../../domain/exporters.js';
import type { WizardStep } from '../../domain/fields.js';
import type { Lang, Localized } from '../../domain/i18n.js';
import type { ListenerDraft } from '../../domain/listener-draft.js';
import type { ImpactListener } from '../../domain/listener-impact.js';
import { captureProfile, isStoreError, type Store } from '../../store/index.js';
import type { RunEditor } from '../edit-text/external-editor.js';
import type { KeyPress } from '../keys.js';
import { editAsText, loadEdit, precheckUpdate, update, type EditEffectContext } from './edit-effects.js';
import { isEditDraftId } from './edit-mode.js';
import { baseToKeep } from './edit-resume.js';
import { writeExportFile } from './export-file.js';
import { createProfileRules } from './profile-rules-run.js';
import { failureOf, problemOf, submitFailure } from './wizard-errors.js';
import { wizardText } from './wizard-i18n.js';
import { splitPress, wizardKeyToActions } from './wizard-keys.js';
import {
  initScreen,
  screenReducer,
  type DraftOffer,
  type Notice,
  type ScreenAction,
  type WizardEffect,
  type WizardScreen,
} from './wizard-screen.js';

/** What the wizard needs of the store: drafts and listener profiles. */
export type WizardStore = Pick<
  Store,
  'listDrafts' | 'loadDraft' | 'saveDraft' | 'clearDraft' | 'getProfile' | 'saveProfile' | 'readOnlyReason'
>;

export interface WizardResult {
  /** The listener the wizard created (or changed, in edit mode), once it is Running. */
  listenerId?: string;
  /** The listener was changed, not created; `status` is the one it ended in. */
  edited?: boolean;
  status?: string;
  /** Said on leaving (e.g. an edit as text given up). */
  message?: Notice;
}

export interface WizardEnvironment {
  client: AlbClient;
  /** Undefined when the store could not be opened: the wizard then keeps no draft. */
  store: WizardStore | undefined;
  /** Writes raw bytes to the terminal (OSC 52 for "copy"). */
  writeTerminal: (bytes: string) => void;
  /** A read-only connection: everything but submit. */
  readOnly?: boolean;
  /** A production connection (red): submitting asks for the instance's name or ID to be typed. */
  production?: boolean;
  /** Start from this saved listener profile (no offer to resume a draft is made). */
  profileName?: string;
  /** The endpoint an exported aliyun CLI command should call; derived from the client when absent. */
  exportEndpoint?: string;
  /** Where relative export paths go; the working folder unless given. */
  cwd?: string;
  newClientToken?: () => string;
  /** IDs for drafts kept from this pane (a random UUID unless given). */
  newDraftId?: () => string;
  /** Delay before a change is written; none unless given (tests use one to see coalescing). */
  saveDelayMs?: number;
  /** Between polls while the listener provisions. */
  pollIntervalMs?: number;
  /** "Now" for the certificate checks. */
  now?: () => number;
  /** Edit this listener (of `loadBalancerId`) instead of creating one. */
  editListenerId?: string;
  /** The other listeners known to the app (certificates where known), for what depends on the edited one. */
  siblings?: readonly ImpactListener[];
  /** Edit as text (`E`): the listener as YAML in the user's editor first. */
  editAsText?: boolean;
  /** Runs $VISUAL / $EDITOR; undefined where none can run. */
  runEditor?: RunEditor;
  /** The language the file's comments are written in. */
  lang?: Lang;
}

/** Changes are written at once (coalesced while a write runs): `kill -9` right after a key loses nothing. */
export const SAVE_DELAY_MS = 0;

/** OSC 52 with the text as it is: base64 carries line breaks, and nothing else reaches the terminal. */
function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

/** A listener's rules for a profile saved from it; none when the client has no rule calls or the read fails. */
async function listenerRulesForProfile(
  client: AlbClient,
  listenerId: string | undefined,
): Promise<RuleSpec[]> {
  if (listenerId === undefined) return [];
  try {
    return await collect(client.listRules({ listenerIds: [listenerId] }));
  } catch {
    return [];
  }
}

function exportEndpointOf(client: AlbClient): string | undefined {
  const host = client.endpoint.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return host === '' || isAliyunHost(host) ? undefined : client.endpoint;
}

/** What exports name: the region, and the endpoint unless it is the region's public one. */
function exportOptionsOf(environment: WizardEnvironment): ExportOptions {
  const { client } = environment;
  const endpoint = environment.exportEndpoint ?? exportEndpointOf(client);
  return { region: client.region, ...(endpoint ? { endpoint } : {}) };
}

/** The instance's saved drafts, newest first: one per listener being made. */
function offersFrom(store: WizardStore | undefined, loadBalancerId: string): DraftOffer[] {
  try {
    return (store?.listDrafts(loadBalancerId) ?? [])
      .filter((saved) => !isEditDraftId(saved.draftId))
      .map((saved) => ({
        draftId: saved.draftId,
        draft: saved.draft,
        step: saved.step,
        clientToken: saved.clientToken,
        savedAt: saved.savedAt,
      }));
  } catch {
    return [];
  }
}

function profileFrom(store: WizardStore | undefined, name: string) {
  try {
    return store?.getProfile(name);
  } catch {
    return undefined;
  }
}

interface PendingSave {
  draftId: string;
  draft: ListenerDraft;
  step: WizardStep;
  clientToken: string;
  /** An edit's base (edit-resume.ts); absent for a new listener. */
  base: ListenerDraft | null | undefined;
}

export interface WizardController {
  screen: WizardScreen;
  /** Feeds a key press; true when the wizard used it. */
  onKey: (press: KeyPress) => boolean;
  dispatch: (action: ScreenAction) => void;
}

export function useWizard(
  loadBalancerId: string,
  environment: WizardEnvironment,
  onLeave: (result: WizardResult) => void,
): WizardController {
  const env = useRef(environment);
  env.current = environment;
  const leave = useRef(onLeave);
  leave.current = onLeave;

  const [initial] = useState(() => {
    const editing = environment.editListenerId;
    if (editing !== undefined) {
      return initScreen({
        loadBalancerId,
        clientToken: (environment.newClientToken ?? randomUUID)(),
        ...(environment.production ? { production: true } : {}),
        edit: {
          listenerId: editing,
          ...(environment.siblings ? { siblings: environment.siblings } : {}),
          ...(environment.editAsText ? { asText: true } : {}),
        },
        exportOptions: exportOptionsOf(environment),
        exportDir: environment.cwd ?? process.cwd(),
        ...draftsUnsavedOf(environment.store),
      });
    }
    const named = environment.profileName;
    const profile = named === undefined ? undefined : profileFrom(environment.store, named);
    const offers = named === undefined ? offersFrom(environment.store, loadBalancerId) : [];
    const screen = initScreen({
      loadBalancerId,
      clientToken: (environment.newClientToken ?? randomUUID)(),
      draftId: (environment.newDraftId ?? randomUUID)(),
      ...(environment.production ? { production: true } : {}),
      ...(offers.length > 0 ? { offers } : {}),
      ...(profile ? { profile } : {}),
      exportOptions: exportOptionsOf(environment),
      exportDir: environment.cwd ?? process.cwd(),
      ...draftsUnsavedOf(environment.store),
    });
    return named !== undefined && !profile
      ? {
          ...screen,
          notice: { message: wizardText('profileMissing', { name: named }), tone: 'warning' as const },
        }
      : screen;
  });
  const current = useRef(initial);
  const [screen, setScreen] = useState(initial);
  const mounted = useRef(true);

  const dispatch = useCallback((action: ScreenAction) => {
    const next = screenReducer(current.current, action);
    if (next === current.current) return;
    current.current = next;
    if (mounted.current) setScreen(next);
  }, []);

  const onKey = useCallback(
    (press: KeyPress) => {
      let used = false;
      for (const key of splitPress(press)) {
        const actions = wizardKeyToActions(current.current, key);
        if (actions === undefined) continue;
        used = true;
        const newClientToken = env.current.newClientToken ?? randomUUID;
        const newDraftId = env.current.newDraftId ?? randomUUID;
        for (const action of actions) {
          // A run made in place gets its own ClientToken and draft ID: here, not in the pure reducer.
          dispatch(
            action.type === 'nest-quic' && !action.ids
              ? { ...action, ids: { clientToken: newClientToken(), draftId: newDraftId() } }
              : action,
          );
        }
      }
      return used;
    },
    [dispatch],
  );

  // ---- The draft, saved as the user types --------------------------------------------------
  /** Per draft ID: a nested run and the run it returns to are each kept. */
  const pending = useRef(new Map<string, PendingSave>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const saveFailed = useRef(false);

  const writing = useRef(false);
  /** Drafts whose listener was made (or changed): never written again, whatever renders after. */
  const finishedDrafts = useRef(new Set<string>());
  // One write at a time; changes made meanwhile are coalesced into the next one, so a burst of
  // keys is a couple of writes and the newest draft is always the last written.
  const flush = useCallback((): Promise<void> => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    const store = env.current.store;
    if (!store || writing.current || pending.current.size === 0) return saving.current;
    writing.current = true;
    saving.current = (async () => {
      try {
        while (pending.current.size > 0) {
          const saves = [...pending.current.values()];
          pending.current.clear();
          for (const save of saves) {
            if (finishedDrafts.current.has(save.draftId)) continue;
            try {
              await store.saveDraft(loadBalancerId, save.draft, {
                step: save.step,
                clientToken: save.clientToken,
                draftId: save.draftId,
                ...(save.base === undefined ? {} : { base: save.base }),
              });
              saveFailed.current = false;
            } catch (error) {
              if (!saveFailed.current) {
                saveFailed.current = true;
                const message: Localized = isStoreError(error) ? error.localized : problemOf(error).message;
                dispatch({ type: 'draft-save-failed', message });
              }
            }
          }
        }
      } finally {
        writing.current = false;
      }
    })();
    return saving.current;
  }, [dispatch, loadBalancerId]);

  const { draft, step, clientToken } = screen.wizard;
  const { persist, draftId } = screen;
  const base = baseToKeep(screen);
  useEffect(() => {
    if (!persist || !env.current.store || finishedDrafts.current.has(draftId)) return;
    pending.current.set(draftId, { draftId, draft, step, clientToken, base });
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), env.current.saveDelayMs ?? SAVE_DELAY_MS);
  }, [draft, step, clientToken, persist, draftId, base, flush]);

  // ---- Effects --------------------------------------------------------------------------------
  const done = useRef(0);
  const controller = useRef(new AbortController());

  useEffect(() => {
    mounted.current = true;
    const all = controller.current;
    return () => {
      mounted.current = false;
      // Leaving any way at all (Esc, Ctrl-C, the app closing): what was typed is written now.
      void flush();
      all.abort();
    };
  }, [flush]);

  useEffect(() => {
    const fresh = screen.effects.filter((queued) => queued.seq > done.current);
    if (fresh.length === 0) return;
    done.current = fresh[fresh.length - 1]!.seq;
    for (const { effect } of fresh) run(effect);
    dispatch({ type: 'effects-taken', upTo: done.current });

    function editContext(): EditEffectContext {
      const { client, store, readOnly, pollIntervalMs, now, runEditor, lang, newClientToken } = env.current;
      return {
        client,
        store,
        loadBalancerId,
        signal: controller.current.signal,
        screen: () => current.current,
        dispatch,
        readOnlyMessage: READ_ONLY,
        ...(readOnly ? { readOnly } : {}),
        ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
        ...(now ? { now } : {}),
        ...(runEditor ? { runEditor } : {}),
        ...(lang ? { lang } : {}),
        ...(newClientToken ? { newClientToken } : {}),
      };
    }

    function run(effect: WizardEffect): void {
      const { client, store } = env.current;
      const signal = controller.current.signal;
      switch (effect.kind) {
        case 'load-target':
          loadTarget(client, loadBalancerId, {
            signal,
            ...(env.current.now ? { now: env.current.now } : {}),
          }).then(
            (loaded) =>
              dispatch({
                type: 'target-loaded',
                context: loaded.context,
                instanceName: loaded.loadBalancer.loadBalancerName,
              }),
            (error: unknown) => {
              if (!signal.aborted) dispatch({ type: 'target-failed', problem: problemOf(error) });
            },
          );
          return;
        case 'refresh-target':
          loadTarget(client, loadBalancerId, {
            signal,
            ...(env.current.now ? { now: env.current.now } : {}),
          }).then(
            (loaded) =>
              dispatch({ type: 'wizard', action: { type: 'context-loaded', context: loaded.context } }),
            () => undefined,
          );
          return;
        case 'discard-saved-draft': {
          const { draftId: doomed } = effect;
          pending.current.delete(doomed);
          // After any write under way, so a save in flight cannot bring the draft back.
          saving.current = saving.current
            .then(() => store?.clearDraft(loadBalancerId, doomed).then(() => undefined))
            .catch(() => undefined);
          return;
        }
        case 'load-servers':
          client.listServerGroupServers(effect.serverGroupId, { signal }).then(
            (servers) => dispatch({ type: 'servers-loaded', serverGroupId: effect.serverGroupId, servers }),
            (error: unknown) => {
              if (!signal.aborted) {
                dispatch({
                  type: 'servers-failed',
                  serverGroupId: effect.serverGroupId,
                  message: problemOf(error).message,
                });
              }
            },
          );
          return;
        case 'precheck':
          void precheck(effect.version, effect.request);
          return;
        case 'load-edit':
          void loadEdit(editContext());
          return;
        case 'precheck-update':
          void precheckUpdate(editContext(), effect.version, effect.request);
          return;
        case 'update':
          void update(editContext(), effect.request, effect.clientToken);
          return;
        case 'edit-text':
          void editAsText(editContext(), effect);
          return;
        case 'submit':
          void submit(effect.request);
          return;
        case 'export-file': {
          const text = exportRequest(effect.request, effect.format, exportOptionsOf(env.current));
          void writeExportFile(effect.path, text, {
            replace: effect.replace,
            ...(env.current.cwd ? { cwd: env.current.cwd } : {}),
          }).then((outcome) => {
            if (outcome.status === 'written')
              dispatch({ type: 'export-written', format: effect.format, path: outcome.path });
            else if (outcome.status === 'exists')
              dispatch({ type: 'export-exists', format: effect.format, path: effect.path });
            else
              dispatch({
                type: 'export-failed',
                format: effect.format,
                path: effect.path,
                message: outcome.message,
              });
          });
          return;
        }
        case 'export-copy': {
          const text = exportRequest(effect.request, effect.format, exportOptionsOf(env.current));
          env.current.writeTerminal(osc52(text));
          dispatch({ type: 'copied', format: effect.format });
          return;
        }
        case 'save-profile':
          void saveProfile(effect.name, effect.draft, effect.replace);
          return;
        case 'create-rules': {
          const { pollIntervalMs } = env.current;
          void createProfileRules(client, effect, {
            signal,
            dispatch,
            ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
          });
          return;
        }
        case 'leave':
          void finish(effect.created, effect.message);
          return;
      }
    }

    async function precheck(version: number, request: CreateListenerRequest): Promise<void> {
      const { client } = env.current;
      const signal = controller.current.signal;
      try {
        await client.createListener(request, { dryRun: true, signal });
        dispatch({ type: 'wizard', action: { type: 'precheck-finished', version, result: { ok: true } } });
      } catch (error) {
        if (signal.aborted) return;
        const { retryable: _retry, ...result } = failureOf(error);
        dispatch({
          type: 'wizard',
          action: { type: 'precheck-finished', version, result: { ok: false, ...result } },
        });
      }
    }

    async function submit(request: CreateListenerRequest): Promise<void> {
      const { client, readOnly } = env.current;
      const signal = controller.current.signal;
      if (readOnly) {
        dispatch({
          type: 'wizard',
          action: { type: 'submit-failed', code: 'ReadOnly', message: READ_ONLY, retryable: false },
        });
        return;
      }
      let listenerId: string | undefined;
      try {
        const result = await client.createListener(request, { signal });
        if (isDryRunPassed(result)) throw new Error('the service answered a create with a dry run');
        listenerId = result.listenerId;
        dispatch({ type: 'wizard', action: { type: 'submit-accepted', listenerId } });
        await client.waitForListener(listenerId, {
          until: 'Running',
          jobId: result.jobId,
          signal,
          ...(env.current.pollIntervalMs === undefined ? {} : { intervalMs: env.current.pollIntervalMs }),
          onStatus: (status) => {
            if (status !== 'gone') dispatch({ type: 'wizard', action: { type: 'listener-status', status } });
          },
        });
        dispatch({ type: 'wizard', action: { type: 'listener-status', status: 'Running' } });
      } catch (error) {
        if (signal.aborted) return;
        dispatch({ type: 'wizard', action: submitFailure(error, env.current.newClientToken) });
      }
    }

    async function saveProfile(name: string, draft: ListenerDraft, replace: boolean): Promise<void> {
      const { store } = env.current;
      if (!store) {
        dispatch({ type: 'profile-failed', name, problems: [NO_STORE] });
        return;
      }
      if (!replace && store.getProfile(name)) {
        dispatch({ type: 'profile-exists', name });
        return;
      }
      // Saved from an existing listener (edit mode): the profile keeps its forwarding rules too.
      let rules: RuleSpec[];
      try {
        rules = await listenerRulesForProfile(env.current.client, current.current.edit?.listenerId);
      } catch (error) {
        dispatch({ type: 'profile-failed', name, problems: [problemOf(error).message] });
        return;
      }
      const captured = captureProfile(draft, current.current.wizard.context, { name, rules });
      if (!captured.ok) {
        dispatch({ type: 'profile-failed', name, problems: captured.problems });
        return;
      }
      try {
        await store.saveProfile(captured.profile);
        dispatch({ type: 'profile-saved', name });
      } catch (error) {
        const problems = isStoreError(error) ? [...error.problems] : [problemOf(error).message];
        dispatch({ type: 'profile-failed', name, problems });
      }
    }

    async function finish(created: string | undefined, message?: Notice): Promise<void> {
      const { store } = env.current;
      if (created !== undefined) {
        // Done: nothing typed before the success may land after the draft is gone.
        if (timer.current !== undefined) clearTimeout(timer.current);
        timer.current = undefined;
        const done = current.current.draftId;
        // A render after this point (a last status, the pane closing) must not queue the draft again.
        finishedDrafts.current.add(done);
        pending.current.delete(done);
        // Another run's draft (a QUIC listener left half-made) is still written.
        await flush();
        await saving.current;
        await store?.clearDraft(loadBalancerId, done).catch(() => undefined);
        const edit = current.current.edit;
        leave.current({
          listenerId: created,
          ...(message ? { message } : {}),
          ...(edit
            ? { edited: true, status: edit.listener?.listenerStatus === 'Stopped' ? 'Stopped' : 'Running' }
            : {}),
        });
        return;
      }
      await flush();
      leave.current(message ? { message } : {});
    }
  }, [screen.effects, dispatch, flush, loadBalancerId]);

  return { screen, onKey, dispatch };
}

const READ_ONLY: Localized = wizardText('readOnly');
const NO_STORE: Localized = wizardText('noStore');

/** Why no draft will be kept: the store could not be opened, or cannot write its drafts. */
function draftsUnsavedOf(store: WizardStore | undefined): { draftsUnsaved?: Localized } {
  const reason = store ? store.readOnlyReason('drafts') : wizardText('noStoreDrafts');
  return reason ? { draftsUnsaved: reason } : {};
}
