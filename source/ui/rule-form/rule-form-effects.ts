// The IO of the rule form, run by rule-form-view.tsx: read the listener, its instance, server groups
// and rules (and a kept draft), precheck with DryRun, send CreateRules / UpdateRulesAttribute with the
// submit's ClientToken and follow the rule to Available, and run the editor for "edit as YAML".
import { randomUUID } from 'node:crypto';
import { collect, isDryRunPassed, type AlbClient, type CreatedRules } from '../../alb/client.js';
import { isAlbError } from '../../alb/errors.js';
import { loadTarget } from '../../alb/target-context.js';
import type { Lang, Localized } from '../../domain/i18n.js';
import type { Store } from '../../store/index.js';
import { readRuleYaml, ruleToYaml } from '../edit-text/rule-yaml.js';
import type { RunEditor } from '../edit-text/external-editor.js';
import { editTextText } from '../edit-text/edit-text-i18n.js';
import { withErrors } from '../edit-text/listener-yaml.js';
import { failureOf, problemOf } from '../wizard/wizard-errors.js';
import { suggestedPriority } from './rule-draft.js';
import { formText } from './rule-form-i18n.js';
import { ruleContextOf } from './rule-issues.js';
import type { RuleFormAction, RuleFormEffect, RuleFormState, RuleRequest } from './rule-form-state.js';

/** What the form needs of the store: its drafts. */
export type RuleDraftStore = Pick<Store, 'saveRuleDraft' | 'loadRuleDraft' | 'clearRuleDraft'>;

/** What the form calls: the listener and target reads, and the rule calls. */
export type RuleFormClient = AlbClient;

export interface RuleFormEnvironment {
  client: RuleFormClient;
  store: RuleDraftStore | undefined;
  signal: AbortSignal;
  state: () => RuleFormState;
  dispatch: (action: RuleFormAction) => void;
  lang: Lang;
  runEditor?: RunEditor;
  pollIntervalMs?: number;
  newClientToken?: () => string;
}

async function load(env: RuleFormEnvironment): Promise<void> {
  const { client, signal } = env;
  const { listenerId, ruleId } = env.state();
  try {
    const listener = await client.getListener(listenerId, { signal });
    const [target, rules] = await Promise.all([
      loadTarget(client, listener.loadBalancerId, { signal }),
      collect(client.listRules({ listenerIds: [listenerId] }, { signal })),
    ]);
    if (ruleId && !rules.some((r) => r.ruleId === ruleId)) {
      env.dispatch({ type: 'load-failed', message: formText('ruleGone', { id: ruleId }) });
      return;
    }
    let kept;
    try {
      kept = env.store?.loadRuleDraft(listenerId, ruleId);
    } catch {
      kept = undefined;
    }
    env.dispatch({
      type: 'loaded',
      facts: {
        context: target.context,
        instanceName: target.loadBalancer.loadBalancerName,
        listener: {
          listenerId,
          protocol: listener.listenerProtocol,
          port: listener.listenerPort,
          name: listener.listenerDescription ?? '',
          ...(listener.listenerProtocol === 'HTTPS' ? { http2Enabled: listener.http2Enabled } : {}),
        },
        rules,
      },
      ...(kept
        ? { kept: { draft: kept.draft as never, clientToken: kept.clientToken, savedAt: kept.savedAt } }
        : {}),
    });
  } catch (error) {
    if (!signal.aborted) env.dispatch({ type: 'load-failed', message: problemOf(error).message });
  }
}

async function precheck(env: RuleFormEnvironment, version: number, request: RuleRequest): Promise<void> {
  const { client, signal } = env;
  try {
    if (request.kind === 'create')
      await client.createRules(request.listenerId, [request.spec], { dryRun: true, signal });
    else await client.updateRules([request.update], { dryRun: true, signal });
    env.dispatch({ type: 'precheck-finished', version, ok: true });
  } catch (error) {
    if (signal.aborted) return;
    const { retryable: _retry, ...result } = failureOf(error);
    env.dispatch({ type: 'precheck-finished', version, ok: false, ...result });
  }
}

async function submit(
  env: RuleFormEnvironment,
  request: RuleRequest,
  clientToken: string,
  readOnly: boolean,
): Promise<void> {
  const { client, signal, dispatch } = env;
  if (readOnly) {
    dispatch({ type: 'submit-failed', code: 'ReadOnly', message: formText('readOnly'), retryable: false });
    return;
  }
  try {
    // The same token on every retry of this submit: a rule the service already made is not made twice.
    const result =
      request.kind === 'create'
        ? await client.createRules(request.listenerId, [request.spec], { clientToken, signal })
        : await client.updateRules([request.update], { clientToken, signal });
    if (isDryRunPassed(result)) throw new Error('the service answered a change with a dry run');
    const ruleId =
      request.kind === 'update' ? request.update.ruleId : ((result as CreatedRules).ruleIds[0] ?? '');
    dispatch({ type: 'submit-accepted', ruleId });
    await client.waitForRules([ruleId], {
      until: 'Available',
      signal,
      ...(result.jobId ? { jobId: result.jobId } : {}),
      ...(env.pollIntervalMs === undefined ? {} : { intervalMs: env.pollIntervalMs }),
    });
    dispatch({ type: 'submit-done' });
  } catch (error) {
    if (signal.aborted) return;
    const failure = failureOf(error);
    // Refused (not lost on the way): the next submit is a new request, with a new token.
    const refused = !failure.retryable || (isAlbError(error) && error.failedJobId !== undefined);
    dispatch({
      type: 'submit-failed',
      ...failure,
      retryable: failure.retryable && !refused,
      ...(refused ? { nextClientToken: (env.newClientToken ?? randomUUID)() } : {}),
    });
  }
}

async function editAsText(
  env: RuleFormEnvironment,
  retry?: { text: string; errors: Localized[] },
): Promise<void> {
  const state = env.state();
  const facts = state.facts;
  if (!facts) return;
  const { listener } = facts;
  const shown = retry
    ? withErrors(retry.text, retry.errors, env.lang)
    : ruleToYaml(
        state.draft,
        {
          listenerId: state.listenerId,
          ...(state.ruleId ? { ruleId: state.ruleId } : {}),
          listener: `${listener.protocol} ${listener.port} “${listener.name}”`,
          instance: `${facts.instanceName ?? ''} (${facts.context.instance.loadBalancerId})`,
          edition: facts.context.instance.edition,
          freePriority: suggestedPriority(
            facts.rules.filter((r) => r.ruleId !== state.ruleId).map((r) => r.priority),
          ),
        },
        env.lang,
      );
  const result = env.runEditor
    ? await env.runEditor(shown, `${state.ruleId ?? 'new-rule'}.yaml`)
    : ({ ok: false, message: editTextText('noEditor') } as const);
  if (!result.ok) {
    env.dispatch({ type: 'text-read', outcome: { kind: 'failed', message: result.message } });
    return;
  }
  const outcome = readRuleYaml(
    result.text,
    shown,
    state.draft,
    ruleContextOf(facts, state.ruleId),
    state.ruleId ? state.original?.direction : undefined,
  );
  env.dispatch({
    type: 'text-read',
    outcome:
      outcome.kind === 'invalid' ? { kind: 'invalid', text: result.text, errors: outcome.errors } : outcome,
  });
}

/** Runs one effect the reducer asked for (leaving and drafts are the view's). */
export function runRuleFormEffect(env: RuleFormEnvironment, effect: RuleFormEffect): void {
  switch (effect.kind) {
    case 'load':
      void load(env);
      return;
    case 'precheck':
      void precheck(env, effect.version, effect.request);
      return;
    case 'submit':
      void submit(env, effect.request, effect.clientToken, env.state().readOnly);
      return;
    case 'edit-text':
      void editAsText(env, effect.retry);
      return;
    default:
      return;
  }
}
