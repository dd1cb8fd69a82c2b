// `alb-tui rules create|update|delete`: every change checked by the domain's rule validation before
// any call, shown and confirmed (a typed count on a production connection, refused on a read-only one),
// sent in calls of at most 10 rules (one instance per delete call), each call with its own ClientToken
// and followed until its rules are Available (or gone); results per call.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { collect, isDryRunPassed } from '../alb/client.js';
import { batchToken } from '../alb/rule-batches.js';
import { describeError, isAlbError } from '../alb/errors.js';
import type { Lang } from '../domain/i18n.js';
import { RULES_PER_CALL } from '../domain/rule-limits.js';
import type { Rule, RuleSpec } from '../domain/rule-types.js';
import {
  ruleErrors,
  ruleIssueText,
  validateRuleUpdates,
  validateRules,
  type RuleContext,
  type RuleIssue,
} from '../domain/rule-validation.js';
import type { RuleUpdate } from '../alb/client.js';
import { flag, listOption, stringOption, type ParsedArgs } from './args.js';
import { canAsk, confirm, confirmTyped, mayHaveHappened, NOT_CONFIRMED_CODE, READ_ONLY_CODE } from './ask.js';
import {
  EXIT,
  failure,
  printJson,
  printLines,
  signalOf,
  usageError,
  type CommandConnection,
  type CommandContext,
} from './context.js';
import { albErrorCode } from './errors.js';
import { clientTokenOption } from './ids.js';
import { commandMessages } from './messages.js';
import { listenerRules, readRule, type RulesClient } from './rules-read.js';
import { rulesMessages as m } from './rules-messages.js';
import { actionsText, conditionsText, ruleSummary } from '../domain/rule-summary.js';

export type BatchStatus = 'done' | 'failed' | 'unknown' | 'skipped' | 'dryRunPassed';

export interface BatchResult {
  /** 1-based. */
  batch: number;
  ruleIds: string[];
  ruleNames: string[];
  status: BatchStatus;
  jobId?: string;
  clientToken?: string;
  code?: string;
  message?: string;
  requestId?: string;
}

/** Splits into calls of at most `size`, in order. */
export function inBatches<T>(items: readonly T[], size = RULES_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The rules a file holds: a list, `{rules: [...]}`, or one rule; read-back fields (IDs, status) dropped. */
export async function readRulesFile(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw usageError(m.fileUnreadable(file, error instanceof Error ? error.message : String(error)));
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw usageError(
      m.fileNotParsed(file, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)),
    );
  }
  const list = Array.isArray(parsed)
    ? parsed
    : isRecord(parsed) && Array.isArray(parsed['rules'])
      ? (parsed['rules'] as unknown[])
      : isRecord(parsed) && 'ruleName' in parsed
        ? [parsed]
        : undefined;
  if (!list || list.length === 0) throw usageError(m.fileShape(file));
  return list.map(asSpecInput);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const READ_BACK_FIELDS = ['ruleId', 'listenerId', 'loadBalancerId', 'ruleStatus'];

function asSpecInput(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const spec: Record<string, unknown> = { direction: 'Request' };
  for (const [key, field] of Object.entries(value)) if (!READ_BACK_FIELDS.includes(key)) spec[key] = field;
  return spec;
}

/** What the validation needs to know about the listener, its instance and its server groups. */
async function ruleContext(
  context: CommandContext,
  client: RulesClient,
  listenerId: string,
  existingRules: readonly Rule[],
): Promise<RuleContext> {
  const listener = await client.getListener(listenerId, signalOf(context));
  const instance = await client.getLoadBalancer(listener.loadBalancerId, signalOf(context));
  const serverGroups = await collect(client.listServerGroups({ vpcId: instance.vpcId }, signalOf(context)));
  return {
    edition: instance.loadBalancerEdition,
    listener: { listenerId, protocol: listener.listenerProtocol, http2Enabled: listener.http2Enabled },
    vpcId: instance.vpcId,
    existingRules,
    serverGroups,
  };
}

function issueLines(issues: readonly RuleIssue[], lang: Lang, offset = 0): string[] {
  return issues.map(
    (issue) =>
      `  ${ruleIssueText(issue.ruleIndex === undefined ? issue : { ...issue, ruleIndex: issue.ruleIndex + offset }, lang)}`,
  );
}

/** Refuses on a read-only connection; asks (or takes --yes); a production connection types the count. */
async function confirmChange(
  context: CommandContext,
  args: ParsedArgs,
  connection: CommandConnection,
  verb: 'create' | 'update' | 'delete',
  count: number,
  shown: string[],
): Promise<void> {
  const { io, lang } = context;
  if (flag(args, 'yes')) return;
  const where = commandMessages.connectionWhere(
    connection.info.name,
    connection.info.kind,
    connection.info.production,
  )[lang];
  await printLines(io.stderr, shown);
  const confirmed = connection.info.production
    ? await confirmTyped(io, m.typeCount(verb, count, where)[lang], [String(count)])
    : await confirm(io, m.confirm(verb, count, where)[lang]);
  if (!confirmed) throw failure(m.notConfirmed, { errorCode: NOT_CONFIRMED_CODE });
}

function checkCanChange(
  context: CommandContext,
  args: ParsedArgs,
  connection: CommandConnection,
  verb: 'create' | 'update' | 'delete',
): void {
  if (connection.info.readOnly)
    throw failure(m.readOnly(connection.info.name), { errorCode: READ_ONLY_CODE });
  if (!flag(args, 'yes') && !flag(args, 'dry-run') && !canAsk(context.io))
    throw usageError(m.notInteractive(verb));
}

/** One token per call: the given one (suffixed per call when there are several) or a new UUID. */
export function tokenFor(given: string | undefined, batch: number, batches: number): string {
  if (given === undefined) return randomUUID();
  return batchToken(given, batch, batches);
}

export interface BatchWork {
  ruleNames: string[];
  ruleIds: string[];
  /** Makes the call; resolves the rule IDs to follow, and its job. */
  call(clientToken: string): Promise<{ ruleIds: string[]; jobId: string }>;
  until: 'Available' | 'gone';
}

/** Runs the calls in order; the first that fails stops the rest (they are reported as skipped). */
export async function runBatches(
  context: CommandContext,
  client: RulesClient,
  works: readonly BatchWork[],
  givenToken: string | undefined,
  verb: 'created' | 'updated' | 'deleted',
): Promise<BatchResult[]> {
  const { lang } = context;
  const results: BatchResult[] = [];
  let stopped = false;
  for (const [index, work] of works.entries()) {
    const batch = index + 1;
    const base = { batch, ruleIds: work.ruleIds, ruleNames: work.ruleNames };
    if (stopped) {
      results.push({ ...base, status: 'skipped' });
      continue;
    }
    const clientToken = tokenFor(givenToken, batch, works.length);
    const label = m.batch(batch, works.length)[lang];
    try {
      const { ruleIds, jobId } = await work.call(clientToken);
      await client.waitForRules(ruleIds, {
        until: work.until,
        ...(jobId ? { jobId } : {}),
        ...signalOf(context),
      });
      results.push({ ...base, ruleIds, status: 'done', jobId, clientToken });
      if (!context.json)
        await printLines(context.io.stderr, [m.batchDone(label, verb, ruleIds, jobId)[lang]]);
    } catch (error) {
      stopped = true;
      const unknown = mayHaveHappened(error);
      const reason = describeError(error, lang);
      results.push({
        ...base,
        status: unknown ? 'unknown' : 'failed',
        clientToken,
        code: isAlbError(error) ? albErrorCode(error) : 'Failed',
        message: reason,
        ...(isAlbError(error) && error.requestId ? { requestId: error.requestId } : {}),
      });
      if (!context.json)
        await printLines(context.io.stderr, [
          (unknown ? m.batchUnknown(label, reason, clientToken) : m.batchFailed(label, reason))[lang],
        ]);
    }
  }
  const skipped = results.filter((r) => r.status === 'skipped').length;
  if (skipped > 0 && !context.json) await printLines(context.io.stderr, [m.batchesSkipped(skipped)[lang]]);
  return results;
}

async function finish(
  context: CommandContext,
  results: readonly BatchResult[],
  extra: Record<string, unknown>,
): Promise<number> {
  const done = results.filter((r) => r.status === 'done').length;
  if (context.json) await printJson(context, { ...extra, batches: results });
  if (done === results.length) return EXIT.ok;
  const firstBad = results.find((r) => r.status === 'failed' || r.status === 'unknown');
  throw failure(m.someFailed(done, results.length), {
    errorCode: firstBad?.code ?? 'Failed',
    requestId: firstBad?.requestId,
    clientToken: firstBad?.clientToken,
  });
}

function specLines(specs: readonly RuleSpec[], lang: Lang): string[] {
  return specs.map(
    (spec) => `  ${String(spec.priority).padStart(5)}  ${spec.ruleName}: ${ruleSummary(spec, lang)}`,
  );
}

export async function createRulesCommand(
  context: CommandContext,
  args: ParsedArgs,
  listenerId: string,
): Promise<number> {
  const { lang } = context;
  const file = stringOption(args, 'file');
  if (file === undefined) throw usageError(m.needFile);
  const givenToken = clientTokenOption(args);
  const inputs = await readRulesFile(file);
  const connection = await context.connect();
  checkCanChange(context, args, connection, 'create');
  const client = connection.client;
  const existing = await listenerRules(context, client, listenerId);
  const validationContext = await ruleContext(context, client, listenerId, existing);

  // Each call is checked as the service checks it, and against the rules of the other calls too.
  const batches = inBatches(inputs);
  const issues: string[] = [];
  let errorCount = 0;
  for (const [index, batch] of batches.entries()) {
    const others = batches
      .flatMap((b, i) => (i === index ? [] : b))
      .flatMap((spec, i) =>
        isRecord(spec) && typeof spec['priority'] === 'number'
          ? [
              {
                ruleId: `(${lang === 'en' ? 'file rule' : '文件中的规则'} ${i + 1})`,
                ruleName: String(spec['ruleName'] ?? ''),
                priority: spec['priority'],
              },
            ]
          : [],
      );
    const found = validateRules(batch, { ...validationContext, existingRules: [...existing, ...others] });
    errorCount += ruleErrors(found).length;
    issues.push(...issueLines(found, lang, index * RULES_PER_CALL));
  }
  if (errorCount > 0)
    throw usageError([m.invalidRules(errorCount), ...issues.map((line) => ({ en: line, 'zh-CN': line }))]);
  if (issues.length > 0 && !context.json) await printLines(context.io.stderr, issues);
  const specs = inputs as RuleSpec[];

  if (flag(args, 'dry-run')) {
    const results: BatchResult[] = [];
    for (const [index, batch] of inBatches(specs).entries()) {
      const clientToken = tokenFor(givenToken, index + 1, batches.length);
      const base = { batch: index + 1, ruleIds: [], ruleNames: batch.map((s) => s.ruleName), clientToken };
      try {
        await client.createRules(listenerId, batch, { dryRun: true, clientToken, ...signalOf(context) });
        results.push({ ...base, status: 'dryRunPassed' });
      } catch (error) {
        results.push({
          ...base,
          status: 'failed',
          code: isAlbError(error) ? albErrorCode(error) : 'Failed',
          message: describeError(error, lang),
        });
        break;
      }
    }
    const failed = results.find((r) => r.status === 'failed');
    if (context.json) await printJson(context, { listenerId, dryRun: true, batches: results });
    if (failed)
      throw failure(m.batchFailed(m.batch(failed.batch, batches.length)[lang], failed.message ?? ''), {
        errorCode: failed.code,
      });
    if (!context.json) await printLines(context.io.stdout, [m.dryRunPassed(specs.length)[lang]]);
    return EXIT.ok;
  }

  await confirmChange(context, args, connection, 'create', specs.length, [
    m.willCreate(listenerId)[lang],
    ...specLines(specs, lang),
  ]);
  const works: BatchWork[] = inBatches(specs).map((batch) => ({
    ruleNames: batch.map((s) => s.ruleName),
    ruleIds: [],
    until: 'Available',
    async call(clientToken) {
      const created = await client.createRules(listenerId, batch, { clientToken, ...signalOf(context) });
      if (isDryRunPassed(created)) return { ruleIds: [], jobId: '' };
      return { ruleIds: created.ruleIds, jobId: created.jobId };
    },
  }));
  const results = await runBatches(context, client, works, givenToken, 'created');
  return finish(context, results, { listenerId });
}

export const UPDATE_KEYS = ['name', 'priority'] as const;

function updateFromSets(sets: readonly string[]): Partial<Pick<RuleSpec, 'ruleName' | 'priority'>> {
  const update: Partial<Pick<RuleSpec, 'ruleName' | 'priority'>> = {};
  for (const text of sets) {
    const equals = text.indexOf('=');
    const key = equals < 0 ? '' : text.slice(0, equals).trim();
    const value = text.slice(equals + 1).trim();
    if (key === 'name') update.ruleName = value;
    else if (key === 'priority') {
      if (!/^\d+$/.test(value)) throw usageError(m.badPriority(value));
      update.priority = Number(value);
    } else throw usageError(m.badSet(text, UPDATE_KEYS));
  }
  return update;
}

export async function updateRuleCommand(
  context: CommandContext,
  args: ParsedArgs,
  ruleId: string,
): Promise<number> {
  const { lang } = context;
  const sets = listOption(args, 'set');
  const file = stringOption(args, 'file');
  if (sets.length === 0 && file === undefined) throw usageError(m.needSetOrFile);
  const givenToken = clientTokenOption(args);
  const fromFile: Record<string, unknown> = {};
  if (file !== undefined) {
    const [first] = await readRulesFile(file);
    if (isRecord(first)) {
      // Only what an update may change; the rest of the file (e.g. a whole `rules get --json`) is ignored.
      for (const key of ['ruleName', 'priority', 'ruleConditions', 'ruleActions'])
        if (first[key] !== undefined) fromFile[key] = first[key];
    }
  }
  const update = { ruleId, ...fromFile, ...updateFromSets(sets) } as RuleUpdate;
  const connection = await context.connect();
  checkCanChange(context, args, connection, 'update');
  const client = connection.client;
  const rule = await readRule(context, client, ruleId);
  const existing = await listenerRules(context, client, rule.listenerId);
  const found = validateRuleUpdates([update], {
    ...(await ruleContext(context, client, rule.listenerId, existing)),
    existingRules: existing,
  });
  const errors = ruleErrors(found);
  if (errors.length > 0)
    throw usageError([
      m.invalidRules(errors.length),
      ...issueLines(found, lang).map((line) => ({ en: line, 'zh-CN': line })),
    ]);

  const changes = changeLines(rule, update, lang);
  if (changes.length === 0) {
    if (context.json) await printJson(context, { ruleId, changed: [] });
    else await printLines(context.io.stdout, [m.noChanges[lang]]);
    return EXIT.ok;
  }
  if (flag(args, 'dry-run')) {
    const clientToken = tokenFor(givenToken, 1, 1);
    try {
      await client.updateRules([update], { dryRun: true, clientToken, ...signalOf(context) });
    } catch (error) {
      throw failure(m.batchFailed(m.batch(1, 1)[lang], describeError(error, lang)), {
        errorCode: isAlbError(error) ? albErrorCode(error) : 'Failed',
      });
    }
    if (context.json) await printJson(context, { ruleId, dryRun: 'passed', changed: changes });
    else await printLines(context.io.stdout, [m.dryRunPassed(1)[lang]]);
    return EXIT.ok;
  }
  await confirmChange(context, args, connection, 'update', 1, [
    m.willUpdate[lang],
    ...changes.map((c) => `  ${c}`),
  ]);
  const results = await runBatches(
    context,
    client,
    [
      {
        ruleNames: [rule.ruleName],
        ruleIds: [ruleId],
        until: 'Available',
        async call(clientToken) {
          const change = await client.updateRules([update], { clientToken, ...signalOf(context) });
          return { ruleIds: [ruleId], jobId: isDryRunPassed(change) ? '' : change.jobId };
        },
      },
    ],
    givenToken,
    'updated',
  );
  return finish(context, results, { ruleId, changed: changes });
}

function changeLines(rule: Rule, update: RuleUpdate, lang: Lang): string[] {
  const lines: string[] = [];
  const l = m.labels;
  if (update.ruleName !== undefined && update.ruleName !== rule.ruleName)
    lines.push(`${l.name[lang]}: ${rule.ruleName} → ${update.ruleName}`);
  if (update.priority !== undefined && update.priority !== rule.priority)
    lines.push(`${l.priority[lang]}: ${rule.priority} → ${update.priority}`);
  if (
    update.ruleConditions !== undefined &&
    JSON.stringify(update.ruleConditions) !== JSON.stringify(rule.ruleConditions)
  )
    lines.push(
      `${l.conditions[lang]}: ${conditionsText(rule.ruleConditions, lang)} → ${conditionsText(update.ruleConditions, lang)}`,
    );
  if (
    update.ruleActions !== undefined &&
    JSON.stringify(update.ruleActions) !== JSON.stringify(rule.ruleActions)
  )
    lines.push(
      `${l.actions[lang]}: ${actionsText(rule.ruleActions, lang)} → ${actionsText(update.ruleActions, lang)}`,
    );
  return lines;
}

export async function deleteRulesCommand(
  context: CommandContext,
  args: ParsedArgs,
  ruleIds: readonly string[],
): Promise<number> {
  const { lang } = context;
  const connection = await context.connect();
  checkCanChange(context, args, connection, 'delete');
  const client = connection.client;
  const rules = await collect(client.listRules({ ruleIds: [...ruleIds] }, signalOf(context)));
  const missing = ruleIds.filter((id) => !rules.some((r) => r.ruleId === id));
  if (missing.length > 0) throw failure(m.rulesNotFound(missing), { errorCode: 'ResourceNotFound.Rule' });
  const ordered = ruleIds
    .map((id) => rules.find((r) => r.ruleId === id))
    .filter((r): r is Rule => r !== undefined);

  await confirmChange(context, args, connection, 'delete', ordered.length, [
    m.willDelete[lang],
    ...ordered.map((r) => `  ${r.ruleId}  ${r.listenerId}  ${String(r.priority).padStart(5)}  ${r.ruleName}`),
  ]);
  // DeleteRules takes the rules of one instance a call (OperationDenied.CrossLoadBalancerRules).
  const byInstance = new Map<string, Rule[]>();
  for (const rule of ordered)
    byInstance.set(rule.loadBalancerId, [...(byInstance.get(rule.loadBalancerId) ?? []), rule]);
  const works: BatchWork[] = [...byInstance.values()].flatMap((sameInstance) =>
    inBatches(sameInstance).map((batch) => ({
      ruleNames: batch.map((r) => r.ruleName),
      ruleIds: batch.map((r) => r.ruleId),
      until: 'gone' as const,
      async call(clientToken: string) {
        const ids = batch.map((r) => r.ruleId);
        const change = await client.deleteRules(ids, { clientToken, ...signalOf(context) });
        return { ruleIds: ids, jobId: isDryRunPassed(change) ? '' : change.jobId };
      },
    })),
  );
  const results = await runBatches(context, client, works, undefined, 'deleted');
  return finish(context, results, {});
}
