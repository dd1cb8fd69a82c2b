// `alb-tui rules list|get|create|update|delete|test`: a listener's forwarding rules from the command
// line. Reads here; changes in rules-change.ts; the request tester in rules-test.ts.
import { both, type Localized } from '../domain/i18n.js';
import type { Listener } from '../domain/resources.js';
import type { Rule } from '../domain/rule-types.js';
import { UsageProblem, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { EXIT, printJson, printLines, signalOf, usageError, type CommandContext } from './context.js';
import { checkId } from './ids.js';
import { pickAction } from './actions.js';
import { commandMessages } from './messages.js';
import { RULES_HELP } from './rules-help.js';
import { createRulesCommand, deleteRulesCommand, updateRuleCommand } from './rules-change.js';
import { checkRuleId, groupNames, listenerRules, readRule, ruleGroupIds } from './rules-read.js';
import { RULE_ACTIONS, rulesMessages as m, type RulesAction } from './rules-messages.js';
import { actionsText, conditionsText, groupsText, type GroupNames } from '../domain/rule-summary.js';
import { testRequest } from './rules-test.js';
import { renderFields, renderTable } from './table.js';

interface RuleRow {
  priority: string;
  name: string;
  direction: string;
  conditions: string;
  actions: string;
  status: string;
  ruleId: string;
}

function defaultGroupIds(listener: Listener): string[] {
  return listener.defaultActions.flatMap((a) =>
    a.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId),
  );
}

function listRows(
  rules: readonly Rule[],
  listener: Listener,
  names: GroupNames,
  context: CommandContext,
): RuleRow[] {
  const { lang } = context;
  const rows: RuleRow[] = rules.map((rule) => ({
    priority: String(rule.priority),
    name: rule.ruleName,
    direction: rule.direction,
    conditions: conditionsText(rule.ruleConditions, lang),
    actions: `→ ${actionsText(rule.ruleActions, lang, names)}`,
    status: rule.ruleStatus,
    ruleId: rule.ruleId,
  }));
  rows.push({
    priority: m.defaultRule[lang],
    name: m.defaultName[lang],
    direction: 'Request',
    conditions: '',
    actions: `→ ${listener.defaultActions.map((a) => groupsText(a.forwardGroupConfig.serverGroupTuples, names)).join(', ')}`,
    status: '',
    ruleId: '',
  });
  return rows;
}

async function list(context: CommandContext, listenerId: string): Promise<number> {
  const client = (await context.connect()).client;
  const [listener, rules] = await Promise.all([
    client.getListener(listenerId, signalOf(context)),
    listenerRules(context, client, listenerId),
  ]);
  if (context.json) {
    await printJson(context, { listenerId, rules, defaultActions: listener.defaultActions });
    return EXIT.ok;
  }
  const names = await groupNames(context, client, ruleGroupIds(rules, defaultGroupIds(listener)));
  const { lang } = context;
  const l = m.labels;
  const lines = renderTable(
    listRows(rules, listener, names, context),
    [
      { header: l.priority, value: (r) => r.priority, max: 8, align: 'right' },
      { header: l.name, value: (r) => r.name, max: 24 },
      { header: l.direction, value: (r) => r.direction, max: 9 },
      { header: l.conditions, value: (r) => r.conditions, max: 40 },
      { header: l.actions, value: (r) => r.actions, max: 40 },
      { header: l.status, value: (r) => r.status, max: 12 },
      { header: l.ruleId, value: (r) => r.ruleId, max: 30 },
    ],
    lang,
  );
  if (rules.length === 0) lines.push('', m.noRules(listenerId)[lang]);
  await printLines(context.io.stdout, lines);
  return EXIT.ok;
}

export function ruleFields(
  rule: Rule,
  context: CommandContext,
  names: GroupNames = new Map(),
): [Localized, string][] {
  const { lang } = context;
  const l = m.labels;
  const fields: [Localized, string][] = [
    [l.ruleId, rule.ruleId],
    [l.name, rule.ruleName],
    [l.priority, String(rule.priority)],
    [l.direction, rule.direction],
    [l.status, rule.ruleStatus],
    [l.listener, rule.listenerId],
    [l.instance, rule.loadBalancerId],
    [l.conditions, conditionsText(rule.ruleConditions, lang)],
    [l.actions, actionsText(rule.ruleActions, lang, names)],
  ];
  const groups = ruleGroupIds([rule]);
  if (groups.length > 0)
    fields.push([
      l.serverGroups,
      groups.map((id) => (names.has(id) ? `${names.get(id)} (${id})` : id)).join(', '),
    ]);
  if (rule.tags && rule.tags.length > 0)
    fields.push([l.tags, rule.tags.map((t) => `${t.key}=${t.value}`).join(', ')]);
  return fields;
}

async function get(context: CommandContext, ruleId: string): Promise<number> {
  const client = (await context.connect()).client;
  const rule = await readRule(context, client, ruleId);
  if (context.json) {
    await printJson(context, rule);
    return EXIT.ok;
  }
  const names = await groupNames(context, client, ruleGroupIds([rule]));
  await printLines(context.io.stdout, renderFields(ruleFields(rule, context, names), context.lang));
  return EXIT.ok;
}

async function test(context: CommandContext, args: ParsedArgs, listenerId: string): Promise<number> {
  const client = (await context.connect()).client;
  const [listener, rules] = await Promise.all([
    client.getListener(listenerId, signalOf(context)),
    listenerRules(context, client, listenerId),
  ]);
  const names = context.json
    ? new Map<string, string>()
    : await groupNames(context, client, ruleGroupIds(rules, defaultGroupIds(listener)));
  return testRequest(context, args, listener, rules, names);
}

/** Which options each action takes (beyond the global ones). */
const ACTION_OPTIONS: Record<RulesAction, readonly string[]> = {
  list: [],
  get: [],
  create: ['file', 'dry-run', 'yes', 'client-token'],
  update: ['file', 'set', 'dry-run', 'yes', 'client-token'],
  delete: ['yes'],
  test: ['url', 'method', 'header', 'cookie', 'source-ip', 'all', 'response-status', 'response-header'],
};

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const [action, ...ids] = args.positionals;
  const rulesAction = pickAction('rules', action, RULE_ACTIONS);
  for (const option of Object.values(ACTION_OPTIONS).flat())
    if ((args.strings.has(option) || args.flags.has(option)) && !ACTION_OPTIONS[rulesAction].includes(option))
      throw new UsageProblem(m.optionNotFor(`--${option}`, rulesAction));
  const [first, extra] = ids;
  if (first === undefined)
    throw usageError(
      commandMessages.missingArgument(
        rulesAction === 'delete'
          ? m.ruleIds
          : rulesAction === 'get' || rulesAction === 'update'
            ? m.ruleId
            : both('a listener ID (lsn-…)', '监听ID（lsn-…）'),
      ),
    );
  if (rulesAction !== 'delete' && extra !== undefined)
    throw usageError(commandMessages.unexpectedArgument(extra));
  switch (rulesAction) {
    case 'list':
      return list(context, checkId('listener', first));
    case 'get':
      return get(context, checkRuleId(first));
    case 'test':
      return test(context, args, checkId('listener', first));
    case 'create':
      return createRulesCommand(context, args, checkId('listener', first));
    case 'update':
      return updateRuleCommand(context, args, checkRuleId(first));
    case 'delete':
      return deleteRulesCommand(context, args, [...new Set(ids.map(checkRuleId))]);
  }
}

export const rulesCommand: CommandDefinition = {
  name: 'rules',
  options: {
    yes: { type: 'boolean', short: 'y' },
    file: { type: 'string' },
    set: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    'client-token': { type: 'string' },
    url: { type: 'string' },
    method: { type: 'string' },
    header: { type: 'string', multiple: true },
    cookie: { type: 'string', multiple: true },
    'source-ip': { type: 'string' },
    all: { type: 'boolean' },
    'response-status': { type: 'string' },
    'response-header': { type: 'string', multiple: true },
  },
  positionals: 'any',
  help: RULES_HELP,
  run,
};
