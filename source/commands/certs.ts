// `alb-tui certs list [--expiring DAYS]` and `alb-tui certs rotate --from A --to B`: every
// certificate with its expiry and the listeners that use it; and A replaced by B on every listener
// that uses it, planned from what each listener has now (so a rerun continues), shown, asked, run
// with progress, and reported per listener.
import type { AlbClient } from '../alb/client.js';
import { describeError } from '../alb/errors.js';
import { precheckRotation, readRotationListeners, runRotation, type RotationEvent } from '../alb/rotation.js';
import { parseCertificateId, resolveCertificate, sameCertificate } from '../domain/certificate-ids.js';
import { certificateUsage, expiresWithin, type CertificateUsage } from '../domain/certificate-usage.js';
import { both } from '../domain/i18n.js';
import { rotationWarnings } from '../domain/certificate-names.js';
import { certificateState } from '../domain/listener-rules.js';
import {
  changesOf,
  leaveOut,
  planRotation,
  type ListenerRotation,
  type RotationPlan,
} from '../domain/rotation.js';
import { flag, stringOption, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import {
  emit,
  EXIT,
  failure,
  printJson,
  printLines,
  printWarnings,
  signalOf,
  usageError,
  writeJsonLine,
  type CommandContext,
} from './context.js';
import { canAsk, confirm, confirmTyped, NOT_CONFIRMED_CODE, READ_ONLY_CODE } from './ask.js';
import { certsMessages as m, CERTS_ACTIONS } from './certs-messages.js';
import { pickAction } from './actions.js';
import { commandMessages } from './messages.js';
import { renderTable } from './table.js';

const MAX_DAYS = 3650;
const DEFAULT_CONCURRENCY = 16;

async function readUsage(client: AlbClient, context: CommandContext, concurrency: number) {
  const [certificates, listing] = await Promise.all([
    client.listCertificates(signalOf(context)),
    client.listLoadBalancersAndListeners(signalOf(context)),
  ]);
  const listeners = [...listing.listenersByLoadBalancer.values()].flat();
  const rotationListeners = await readRotationListeners(client, listeners, {
    concurrency,
    ...signalOf(context),
  });
  return { certificates, rotationListeners };
}

function integerOption(
  args: ParsedArgs,
  name: string,
  min: number,
  max: number,
  bad: (v: string) => ReturnType<typeof m.badDays>,
) {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw usageError(bad(raw));
  return value;
}

async function list(context: CommandContext, args: ParsedArgs): Promise<number> {
  const { lang, io } = context;
  const days = integerOption(args, 'expiring', 0, MAX_DAYS, m.badDays);
  const concurrency = integerOption(args, 'concurrency', 1, 100, m.badConcurrency) ?? DEFAULT_CONCURRENCY;
  const { client } = await context.connect();
  const { certificates, rotationListeners } = await readUsage(client, context, concurrency);
  const now = Date.now();
  let usage = certificateUsage(certificates, rotationListeners, now).filter(
    (u) => !u.certificate?.isCa || u.users.length > 0,
  );
  if (days !== undefined) usage = usage.filter((u) => expiresWithin(u, days, now));
  if (context.json) {
    await printJson(
      context,
      usage.map((u) => ({
        certificateId: u.certificateId,
        ...(u.certificate
          ? {
              casId: u.certificate.casId,
              name: u.certificate.name,
              commonName: u.certificate.commonName,
              sans: u.certificate.sans,
              endDate: u.certificate.endDate,
              daysLeft: u.state?.daysLeft,
              state: u.state?.kind,
            }
          : { known: false }),
        listeners: u.users,
      })),
    );
    return EXIT.ok;
  }
  if (usage.length === 0) {
    await printLines(io.stdout, [m.noCertificates()[lang]]);
    return EXIT.ok;
  }
  const usedBy = (u: CertificateUsage) =>
    u.users.length === 0
      ? m.unused[lang]
      : u.users
          .map((user) => {
            const role = m.role[user.role][lang];
            return `${user.listenerId} ${user.protocol}:${user.port}${lang === 'en' ? ` (${role})` : `（${role}）`}`;
          })
          .join(lang === 'en' ? ', ' : '、');
  await printLines(
    io.stdout,
    renderTable(
      usage,
      [
        { header: m.headers.certificate, value: (u) => u.certificateId, max: 28 },
        {
          header: m.headers.domain,
          value: (u) => u.certificate?.commonName ?? m.unknownToCas[lang],
          max: 32,
        },
        { header: m.headers.expires, value: (u) => u.certificate?.endDate.slice(0, 10), max: 10 },
        { header: m.headers.days, value: (u) => u.state?.daysLeft, max: 8, align: 'right' },
        { header: m.headers.usedBy, value: usedBy, max: 200 },
      ],
      lang,
    ),
  );
  return EXIT.ok;
}

/** The plan as `--json` prints it; a listener the precheck refused carries the server's reason. */
function planJson(plan: RotationPlan, refused: ReadonlyMap<string, unknown>) {
  return plan.listeners.map((l) => ({
    listenerId: l.listener.listenerId,
    loadBalancerId: l.listener.loadBalancerId,
    protocol: l.listener.protocol,
    port: l.listener.port,
    action: l.action,
    ...(l.action === 'change' ? { role: l.role, steps: l.steps, resuming: l.resuming } : {}),
    ...(l.action === 'untouched' ? { reason: l.reason } : {}),
    ...(refused.has(l.listener.listenerId)
      ? { error: describeError(refused.get(l.listener.listenerId), 'en') }
      : {}),
  }));
}

function planLines(plan: RotationPlan, context: CommandContext): string[] {
  const { lang } = context;
  const changes = changesOf(plan);
  const describe = (l: Extract<ListenerRotation, { action: 'change' }>) => {
    const where = `${l.listener.listenerId} ${l.listener.protocol}:${l.listener.port}${l.listener.name ? ` ${l.listener.name}` : ''}`;
    const steps = l.steps
      .filter((s) => !s.kind.startsWith('await'))
      .map((s) => m.step(s)[lang])
      .join(lang === 'en' ? ', then ' : '，然后');
    const notes = [m.role[l.role][lang], ...(l.resuming ? [m.resuming[lang]] : [])].join(
      lang === 'en' ? ', ' : '，',
    );
    return `  ${where} [${notes}]: ${steps || m.step(l.steps[0]!)[lang]}`;
  };
  const done = plan.listeners.filter((l) => l.action === 'done').length;
  const untouched = plan.listeners.filter((l) => l.action === 'untouched').length;
  return [
    m.planHeader(plan.from, plan.to, changes.length)[lang],
    ...changes.map(describe),
    m.planTail(done, untouched)[lang],
  ];
}

async function rotate(context: CommandContext, args: ParsedArgs): Promise<number> {
  const { io, lang } = context;
  const fromText = stringOption(args, 'from');
  const toText = stringOption(args, 'to');
  if (fromText === undefined) throw usageError(commandMessages.missingOption('--from'));
  if (toText === undefined) throw usageError(commandMessages.missingOption('--to'));
  for (const text of [fromText, toText]) {
    const problem = resolveCertificate(text, []);
    if (!problem.ok && problem.problem === 'malformed') throw usageError(problem.message);
  }
  if (sameCertificate(fromText, toText)) throw usageError(m.sameCertificate());
  const dryRun = flag(args, 'dry-run');
  const yes = flag(args, 'yes');
  if (!dryRun && !yes && !canAsk(io)) throw usageError(m.notInteractive());
  const concurrency = integerOption(args, 'concurrency', 1, 100, m.badConcurrency) ?? DEFAULT_CONCURRENCY;

  const connection = await context.connect();
  const { client, info } = connection;
  if (!dryRun && info.readOnly) throw failure(m.readOnly(info.name), { errorCode: READ_ONLY_CODE });
  const { certificates, rotationListeners } = await readUsage(client, context, concurrency);

  const target = resolveCertificate(toText, certificates);
  if (!target.ok) throw usageError(target.message);
  const to = target.certificate;
  if (to.isCa) throw usageError(m.targetIsCa(to.certificateId));
  if (certificateState(to, Date.now()).kind === 'expired')
    throw usageError(m.targetExpired(to.certificateId));
  // A may be gone from the certificate service and still bound: then it is named as the listeners name it.
  const source = resolveCertificate(fromText, certificates);
  const from = source.ok ? source.certificate : undefined;
  const fromId =
    from?.certificateId ??
    rotationListeners.flatMap((l) => l.certificates).find((c) => sameCertificate(c.certificateId, fromText))
      ?.certificateId ??
    (parseCertificateId(fromText) ? fromText.trim() : fromText);
  const warnings = from ? rotationWarnings(from, to).map(m.rotationWarning) : [];
  await printWarnings(
    context,
    warnings.map((w) => w[lang]),
  );

  // The server checks each change first (DryRun): a listener it would refuse is left out, and said.
  const planned = planRotation(rotationListeners, fromId, to.certificateId);
  const refused =
    changesOf(planned).length > 0
      ? await precheckRotation(client, planned, { concurrency, ...signalOf(context) })
      : new Map<string, unknown>();
  await printWarnings(
    context,
    [...refused].map(
      ([listenerId, error]) => m.refusedByPrecheck(listenerId, describeError(error, lang))[lang],
    ),
  );
  const plan = leaveOut(planned, new Set(refused.keys()));
  const changes = changesOf(plan);
  if (dryRun || changes.length === 0) {
    if (context.json)
      await printJson(context, {
        from: fromId,
        to: to.certificateId,
        plan: planJson(plan, refused),
        results: [],
      });
    else
      await printLines(
        io.stdout,
        changes.length === 0 && !plan.listeners.some((l) => l.action === 'done')
          ? [m.nothingToDo()[lang]]
          : planLines(plan, context),
      );
    return EXIT.ok;
  }
  if (!context.json) await printLines(yes ? io.stdout : io.stderr, planLines(plan, context));
  if (!yes) {
    const where = commandMessages.connectionWhere(info.name, info.kind, info.production)[lang];
    const confirmed = info.production
      ? await confirmTyped(io, m.typeToConfirm(where, to.certificateId)[lang], [
          to.certificateId,
          String(to.casId),
        ])
      : await confirm(io, m.confirm(where, changes.length)[lang]);
    if (!confirmed) throw failure(m.notConfirmed(), { errorCode: NOT_CONFIRMED_CODE });
  }

  const onEvent = (event: RotationEvent) => {
    if (event.kind === 'finished') return;
    if (context.json) {
      void writeJsonLine(io.stderr, event);
      return;
    }
    if (event.kind === 'step' && event.phase === 'started')
      void emit(io.stderr, `${m.stepStarted(event.listenerId, m.step(event.step))[lang]}\n`);
  };
  const run = await runRotation(client, plan, { concurrency, onEvent, ...signalOf(context) });
  const results = run.outcomes.filter((o) => o.result === 'rotated' || o.result === 'failed');
  const failed = results.filter((o) => o.result === 'failed');
  if (context.json) {
    await printJson(context, {
      from: fromId,
      to: to.certificateId,
      plan: planJson(plan, refused),
      results: results.map((o) => ({
        listenerId: o.listenerId,
        result: o.result,
        stepsDone: o.stepsDone,
        ...(o.failedStep ? { failedStep: o.failedStep, error: describeError(o.error, 'en') } : {}),
      })),
    });
  } else {
    await printLines(io.stdout, [
      ...results.map((o) =>
        o.result === 'failed'
          ? m.failed(o.listenerId, m.step(o.failedStep!), describeError(o.error, lang))[lang]
          : m.rotated(o.listenerId)[lang],
      ),
      m.summary(results.length - failed.length, failed.length)[lang],
      ...(failed.length > 0 ? [m.rerun()[lang]] : []),
    ]);
  }
  return failed.length > 0 ? EXIT.failure : EXIT.ok;
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const [given, extra] = args.positionals;
  const action = pickAction('certs', given, CERTS_ACTIONS);
  if (extra !== undefined) throw usageError(commandMessages.unexpectedArgument(extra));
  const onlyFor: Record<string, string> = {
    expiring: 'list',
    from: 'rotate',
    to: 'rotate',
    'dry-run': 'rotate',
    yes: 'rotate',
  };
  for (const [option, owner] of Object.entries(onlyFor))
    if (owner !== action && (args.strings.has(option) || args.flags.has(option)))
      throw usageError(commandMessages.unknownOption(`--${option}`));
  return action === 'list' ? list(context, args) : rotate(context, args);
}

export const certsCommand: CommandDefinition = {
  name: 'certs',
  options: {
    expiring: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    concurrency: { type: 'string' },
  },
  positionals: 'any',
  help: both(
    `Usage: alb-tui certs list [--expiring DAYS] [--json]
       alb-tui certs rotate --from CERT --to CERT [--dry-run] [--yes] [--json]

Commands:
  list            every certificate with its expiry and the listeners that
                  use it (as default, extra or CA), soonest-expiring first.
                  --expiring DAYS: only those that end within DAYS days
                  (expired ones included)
  rotate          replaces certificate --from with --to on every listener
                  that uses it: as the default (UpdateListenerAttribute), or
                  as an extra certificate (associate the new one, wait until
                  Associated, then dissociate the old one). No other
                  certificate is touched; no listener is ever left without
                  one. Prints the plan, asks, then the result per listener.
                  A listener that fails stops where it is; the others go
                  on (exit 1). Rerun the same command to continue: it plans
                  from what each listener has now.

Options:
  --from CERT        the certificate to replace
  --to CERT          the certificate to put in its place
  --dry-run          print the plan only
  -y, --yes          do not ask (required when not on a terminal)
  --concurrency N    listeners changed at once (1-100, default 16)
A certificate is named by its certificate service number (14123456) or by
ALB's form (14123456-cn-hangzhou). On a production connection you type the
new certificate's ID; a read-only connection refuses.
With --json: {"from", "to", "plan", "results"}; progress as JSON lines on
stderr.
`,
    `用法：alb-tui certs list [--expiring 天数] [--json]
      alb-tui certs rotate --from 证书 --to 证书 [--dry-run] [--yes] [--json]

子命令：
  list            列出全部证书及其到期时间和使用它的监听（默认证书、扩展证书
                  或 CA 证书），最早到期的在前。--expiring 天数：只列出在
                  该天数内到期的证书（含已过期的）
  rotate          在所有使用 --from 证书的监听上将其替换为 --to 证书：默认
                  证书用 UpdateListenerAttribute 替换；扩展证书先绑定新证书，
                  等待其变为 Associated，再解绑旧证书。不改动其他任何证书，
                  监听始终有可用证书。先显示计划并询问，再逐个监听报告结果。
                  某个监听失败时在该处停止，其他监听继续（退出状态 1）。
                  重新运行同一命令即可继续：按各监听的当前状态重新计划。

选项：
  --from 证书        要替换的证书
  --to 证书          替换后的证书
  --dry-run          只显示计划
  -y, --yes          不询问确认（非终端环境下必须指定）
  --concurrency N    同时修改的监听数（1-100，默认 16）
证书可用数字证书管理服务的证书ID（14123456）或 ALB 的形式
（14123456-cn-hangzhou）指定。生产环境连接需输入新证书的ID确认；只读连接
拒绝修改。
使用 --json 时输出 {"from", "to", "plan", "results"}；进度以 JSON 行输出到
标准错误。
`,
  ),
  run,
};
