// A fake connection for the `rules` command tests: an in-memory RuleChanges (rules applied at once,
// ≤ 10 a call and one instance per delete as the service insists, ClientToken replay, a switch to fail a
// given call) over one instance and two listeners, and a CommandContext that collects what is printed.
import { Readable } from 'node:stream';
import type {
  AlbClient,
  CreatedRules,
  DryRunPassed,
  ListenerChange,
  RuleChanges,
  RuleFilter,
  RuleUpdate,
  UpdateOptions,
} from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import type { ParsedArgs } from '../../source/commands/args.js';
import { GLOBAL_OPTIONS, parseCommandArgs, UsageProblem } from '../../source/commands/args.js';
import {
  CommandFailure,
  type CommandConnection,
  type CommandContext,
} from '../../source/commands/context.js';
import { rulesCommand } from '../../source/commands/rules.js';
import type { Lang } from '../../source/domain/i18n.js';
import type { ServerGroup } from '../../source/domain/resources.js';
import type { Rule, RuleSpec } from '../../source/domain/rule-types.js';
import { instance, listener } from '../ui/fake-client.js';
import { sink } from './helpers.js';

export interface RuleCall {
  action: 'CreateRules' | 'UpdateRulesAttribute' | 'DeleteRules';
  ruleCount: number;
  dryRun: boolean;
  clientToken: string;
  ruleIds?: string[];
  update?: RuleUpdate;
}

/** Named as the console would name them; sgp-web has no name, so it goes by its ID. */
const GROUPS: ServerGroup[] = (
  [
    ['sgp-web', ''],
    ['sgp-api', 'api-v1'],
    ['sgp-api-v2', 'api-v2'],
  ] as const
).map(([id, name]) => ({
  serverGroupId: id,
  serverGroupName: name,
  serverGroupType: 'Instance',
  protocol: 'HTTP',
  vpcId: 'vpc-test',
  serverGroupStatus: 'Available',
  scheduler: 'Wrr',
  serverCount: 1,
  relatedLoadBalancerIds: [],
}));

export const LISTENER_A = listener('lsn-a', 'alb-one', 'HTTP', 80, 'web');
export const LISTENER_B = listener('lsn-b', 'alb-two', 'HTTPS', 443, 'api');

export class FakeRules implements RuleChanges {
  rules: Rule[] = [];
  readonly calls: RuleCall[] = [];
  /** The call (1-based, real calls only) that fails with this error. */
  failCall: { call: number; error: AlbError } | undefined;
  private realCalls = 0;
  private nextId = 1;
  private readonly replies = new Map<string, CreatedRules | ListenerChange>();

  seed(listenerId: string, specs: readonly RuleSpec[]): Rule[] {
    const owner = [LISTENER_A, LISTENER_B].find((l) => l.listenerId === listenerId)!;
    const added = specs.map((spec) => ({
      ...spec,
      ruleId: `rule-${this.nextId++}`,
      listenerId,
      loadBalancerId: owner.loadBalancerId,
      ruleStatus: 'Available' as const,
    }));
    this.rules.push(...added);
    return added;
  }

  async *listRules(filter: RuleFilter): AsyncIterable<Rule> {
    for (const rule of this.rules) {
      if (filter.listenerIds && !filter.listenerIds.includes(rule.listenerId)) continue;
      if (filter.ruleIds && !filter.ruleIds.includes(rule.ruleId)) continue;
      yield structuredClone(rule);
    }
  }

  private begin(call: RuleCall): void {
    this.calls.push(call);
    if (call.ruleCount > 10) throw refusal('QuotaExceeded.RulesNum', 'at most 10 rules a call');
    if (call.dryRun) return;
    this.realCalls += 1;
    if (this.failCall?.call === this.realCalls) throw this.failCall.error;
  }

  async createRules(
    listenerId: string,
    specs: readonly RuleSpec[],
    options: UpdateOptions = {},
  ): Promise<CreatedRules | DryRunPassed> {
    const clientToken = options.clientToken ?? 'none';
    const replay = this.replies.get(clientToken);
    if (replay) return replay as CreatedRules;
    this.begin({
      action: 'CreateRules',
      ruleCount: specs.length,
      dryRun: options.dryRun === true,
      clientToken,
    });
    if (options.dryRun) return { dryRun: 'passed' };
    const created = this.seed(listenerId, specs);
    const reply = { jobId: `job-${this.calls.length}`, clientToken, ruleIds: created.map((r) => r.ruleId) };
    this.replies.set(clientToken, reply);
    return reply;
  }

  async updateRules(
    updates: readonly RuleUpdate[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    const clientToken = options.clientToken ?? 'none';
    this.begin({
      action: 'UpdateRulesAttribute',
      ruleCount: updates.length,
      dryRun: options.dryRun === true,
      clientToken,
      ...(updates[0] ? { update: updates[0] } : {}),
    });
    if (options.dryRun) return { dryRun: 'passed' };
    for (const update of updates) {
      const rule = this.rules.find((r) => r.ruleId === update.ruleId);
      if (rule) Object.assign(rule, update);
    }
    return { jobId: `job-${this.calls.length}`, clientToken };
  }

  async deleteRules(
    ruleIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    const clientToken = options.clientToken ?? 'none';
    this.begin({
      action: 'DeleteRules',
      ruleCount: ruleIds.length,
      dryRun: options.dryRun === true,
      clientToken,
      ruleIds: [...ruleIds],
    });
    const instances = new Set(
      this.rules.filter((r) => ruleIds.includes(r.ruleId)).map((r) => r.loadBalancerId),
    );
    if (instances.size > 1)
      throw refusal('OperationDenied.CrossLoadBalancerRules', 'rules of several instances');
    if (options.dryRun) return { dryRun: 'passed' };
    this.rules = this.rules.filter((r) => !ruleIds.includes(r.ruleId));
    return { jobId: `job-${this.calls.length}`, clientToken };
  }

  async waitForRules(ruleIds: readonly string[], options: { until: 'Available' | 'gone' }): Promise<Rule[]> {
    if (options.until === 'gone') return [];
    return this.rules.filter((r) => ruleIds.includes(r.ruleId));
  }
}

export function refusal(code: string, message: string): AlbError {
  return new AlbError({ kind: 'invalid', code, message: { en: message, 'zh-CN': message }, noEffect: true });
}

export function fakeConnection(
  rules: FakeRules,
  info: Partial<CommandConnection['info']> = {},
): CommandConnection {
  const listeners = [LISTENER_A, LISTENER_B];
  const client = {
    getListener: async (id: string) => {
      const found = listeners.find((l) => l.listenerId === id);
      if (!found)
        throw new AlbError({
          kind: 'notFound',
          code: 'ResourceNotFound.Listener',
          message: { en: 'no such listener', 'zh-CN': '监听不存在' },
        });
      return found;
    },
    getLoadBalancer: async (id: string) => instance(id, id),
    listServerGroups: async function* (filter: { serverGroupIds?: string[] } = {}) {
      yield* GROUPS.filter((g) => !filter.serverGroupIds || filter.serverGroupIds.includes(g.serverGroupId));
    },
    listRules: (filter: RuleFilter) => rules.listRules(filter),
    createRules: rules.createRules.bind(rules),
    updateRules: rules.updateRules.bind(rules),
    deleteRules: rules.deleteRules.bind(rules),
    waitForRules: rules.waitForRules.bind(rules),
  } as unknown as AlbClient;
  return {
    client,
    info: {
      kind: 'aliyun',
      name: 'test',
      region: 'cn-hangzhou',
      endpoint: 'https://alb.example',
      readOnly: false,
      production: false,
      ...info,
    },
  };
}

export interface RulesRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The failure's `--json` code, when the command failed. */
  errorCode?: string;
}

/** Runs `rules ARGV` against the fake connection, as runSubcommand would (exit code from a failure). */
export async function runRules(
  connection: CommandConnection,
  argv: string[],
  options: { lang?: Lang; stdin?: string; isTTY?: boolean } = {},
): Promise<RulesRun> {
  const stdout = sink();
  const stderr = sink();
  const args: ParsedArgs = parseCommandArgs(argv, { ...GLOBAL_OPTIONS, ...rulesCommand.options });
  const lang = options.lang ?? 'en';
  const context: CommandContext = {
    lang,
    io: {
      stdout,
      stderr,
      env: {},
      isTTY: options.isTTY ?? false,
      ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    },
    json: argv.includes('--json'),
    store: () => Promise.reject(new Error('no store in these tests')),
    connect: async () => connection,
  };
  try {
    const code = await rulesCommand.run(context, args);
    return { code, stdout: stdout.text, stderr: stderr.text };
  } catch (error) {
    if (error instanceof UsageProblem)
      return { code: 2, stdout: stdout.text, stderr: error.localized[lang], errorCode: 'InvalidUsage' };
    if (!(error instanceof CommandFailure)) throw error;
    return {
      code: error.code,
      stdout: stdout.text,
      stderr: `${stderr.text}${error.messages.map((message) => message[lang]).join('\n')}`,
      errorCode: error.errorCode,
    };
  }
}
