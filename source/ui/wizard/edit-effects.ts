// The IO of the wizard's edit mode, run by use-wizard.ts: read the listener (and any kept edit),
// precheck and send `UpdateListenerAttribute` with one ClientToken per edit, follow the listener
// back to where it was (Running, or Stopped), and run the editor for "edit as text".
import { isDryRunPassed, type AlbClient } from '../../alb/client.js';
import { loadTarget } from '../../alb/target-context.js';
import type { Lang, Localized } from '../../domain/i18n.js';
import type { UpdateListenerRequest } from '../../domain/update-request.js';
import { editTextText } from '../edit-text/edit-text-i18n.js';
import type { EditorResult, RunEditor } from '../edit-text/external-editor.js';
import { draftToYaml, withErrors } from '../edit-text/listener-yaml.js';
import { readCertificateUse } from '../loaders.js';
import { editLabel } from './edit-mode.js';
import { failureOf, problemOf, submitFailure } from './wizard-errors.js';
import type { DraftOffer, ScreenAction, WizardEffect, WizardScreen } from './wizard-screen.js';
import type { WizardStore } from './use-wizard.js';

export interface EditEffectContext {
  client: AlbClient;
  store: WizardStore | undefined;
  loadBalancerId: string;
  signal: AbortSignal;
  /** The screen as it is now (effects run after the reducer). */
  screen: () => WizardScreen;
  dispatch: (action: ScreenAction) => void;
  readOnly?: boolean;
  readOnlyMessage: Localized;
  pollIntervalMs?: number;
  now?: () => number;
  runEditor?: RunEditor;
  lang?: Lang;
  /** A new ClientToken, after a job that failed (tests give a predictable one). */
  newClientToken?: () => string;
}

function keptEdit(store: WizardStore | undefined, loadBalancerId: string, listenerId: string) {
  try {
    const kept = store?.loadDraft(loadBalancerId, listenerId);
    if (!kept) return undefined;
    const offer: DraftOffer = {
      draftId: kept.draftId,
      draft: kept.draft,
      step: kept.step,
      clientToken: kept.clientToken,
      savedAt: kept.savedAt,
      // An edit kept before bases were recorded has none: "unknown".
      base: kept.base ?? null,
    };
    return offer;
  } catch {
    return undefined;
  }
}

export async function loadEdit(ctx: EditEffectContext): Promise<void> {
  const { client, signal, loadBalancerId } = ctx;
  const listenerId = ctx.screen().edit?.listenerId;
  if (listenerId === undefined) return;
  // The certificates its HTTPS and QUIC siblings serve (default and extra), so the review's "also
  // served by" counts them all; without them it says what is known.
  const sharing = (ctx.screen().edit?.siblings ?? [])
    .filter(
      (l) =>
        l.listenerId === listenerId ||
        (l.loadBalancerId === loadBalancerId && (l.protocol === 'HTTPS' || l.protocol === 'QUIC')),
    )
    .map((l) => l.listenerId);
  try {
    const [loaded, listener, certificateUse] = await Promise.all([
      loadTarget(client, loadBalancerId, { signal, ...(ctx.now ? { now: ctx.now } : {}) }),
      client.getListener(listenerId, { signal }),
      readCertificateUse(client, sharing, signal).catch(() => undefined),
    ]);
    const saved = keptEdit(ctx.store, loadBalancerId, listenerId);
    ctx.dispatch({
      type: 'edit-loaded',
      context: loaded.context,
      instanceName: loaded.loadBalancer.loadBalancerName,
      listener,
      ...(saved ? { saved } : {}),
      ...(certificateUse ? { certificateUse } : {}),
    });
  } catch (error) {
    if (!signal.aborted) ctx.dispatch({ type: 'target-failed', problem: problemOf(error) });
  }
}

export async function precheckUpdate(
  ctx: EditEffectContext,
  version: number,
  request: UpdateListenerRequest,
): Promise<void> {
  try {
    await ctx.client.updateListener(request, { dryRun: true, signal: ctx.signal });
    ctx.dispatch({ type: 'wizard', action: { type: 'precheck-finished', version, result: { ok: true } } });
  } catch (error) {
    if (ctx.signal.aborted) return;
    const { retryable: _retry, ...result } = failureOf(error);
    ctx.dispatch({
      type: 'wizard',
      action: { type: 'precheck-finished', version, result: { ok: false, ...result } },
    });
  }
}

export async function update(
  ctx: EditEffectContext,
  request: UpdateListenerRequest,
  clientToken: string,
): Promise<void> {
  const { client, signal, dispatch } = ctx;
  if (ctx.readOnly) {
    dispatch({
      type: 'wizard',
      action: { type: 'submit-failed', code: 'ReadOnly', message: ctx.readOnlyMessage, retryable: false },
    });
    return;
  }
  try {
    // The same token on every retry: a change the service already took is not made twice.
    const result = await client.updateListener(request, { clientToken, signal });
    if (isDryRunPassed(result)) throw new Error('the service answered a change with a dry run');
    dispatch({ type: 'wizard', action: { type: 'submit-accepted', listenerId: request.listenerId } });
    dispatch({ type: 'wizard', action: { type: 'listener-status', status: 'Configuring' } });
    // A stopped listener takes the change and stays stopped: it is followed back to where it was.
    const until = ctx.screen().edit?.listener?.listenerStatus === 'Stopped' ? 'Stopped' : 'Running';
    await client.waitForListener(request.listenerId, {
      until,
      jobId: result.jobId,
      signal,
      ...(ctx.pollIntervalMs === undefined ? {} : { intervalMs: ctx.pollIntervalMs }),
      onStatus: (status) => {
        if (status !== 'gone') dispatch({ type: 'wizard', action: { type: 'listener-status', status } });
      },
    });
    dispatch({ type: 'wizard', action: { type: 'listener-status', status: 'Running' } });
  } catch (error) {
    if (signal.aborted) return;
    dispatch({ type: 'wizard', action: submitFailure(error, ctx.newClientToken) });
  }
}

/** The draft as YAML in the user's editor (or the text saved last time, its errors at the top). */
export async function editAsText(
  ctx: EditEffectContext,
  effect: Extract<WizardEffect, { kind: 'edit-text' }>,
): Promise<void> {
  const screen = ctx.screen();
  const { loadBalancerId } = ctx;
  const lang = ctx.lang ?? 'en';
  const shown = effect.retry
    ? withErrors(effect.retry.text, effect.retry.errors, lang)
    : draftToYaml(
        effect.draft,
        {
          listenerId: screen.edit?.listenerId ?? '',
          loadBalancerId,
          label: screen.edit ? editLabel(screen) : '',
          instance: screen.instanceName ? `${screen.instanceName} (${loadBalancerId})` : loadBalancerId,
          ...(effect.resumedAt ? { resumedAt: effect.resumedAt } : {}),
          ...(effect.notes ? { notes: effect.notes.map((note) => note[lang]) } : {}),
        },
        lang,
      );
  const result: EditorResult = ctx.runEditor
    ? await ctx.runEditor(shown, `${screen.edit?.listenerId ?? 'listener'}.yaml`)
    : { ok: false, message: editTextText('noEditor') };
  ctx.dispatch({ type: 'text-edited', shown, result });
}
