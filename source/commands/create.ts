// `alb-tui create`: one listener from a profile and/or `--set` pairs, checked by the listener rules,
// prechecked or confirmed, submitted once with one ClientToken, and optionally followed to Running.
import { randomUUID } from 'node:crypto';
import { describeError, isAlbError } from '../alb/errors.js';
import { both } from '../domain/i18n.js';
import { draftToRequest } from '../domain/listener-draft.js';
import type { ListenerStatus } from '../domain/resources.js';
import { flag, listOption, stringOption, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import {
  emit,
  EXIT,
  failure,
  printJson,
  printLines,
  printWarnings,
  usageError,
  writeJsonLine,
  type CommandContext,
} from './context.js';
import { canAsk, confirm, confirmTyped, mayHaveHappened, NOT_CONFIRMED_CODE, READ_ONLY_CODE } from './ask.js';
import { albErrorCode, callFailure, waitFailure } from './errors.js';
import { clientTokenOption, instanceIdOption } from './ids.js';
import { parseSetPairs, prepareListener, requestSummary } from './listener-request.js';
import { commandMessages } from './messages.js';
import { renderFields } from './table.js';
import { createProfileRules, profileRulesFor, profileRulesLabel } from './create-rules.js';
import { rulesMessages } from './rules-messages.js';

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const { io, lang } = context;
  const instanceId = instanceIdOption(args, 'instance', true);
  const givenToken = clientTokenOption(args);
  const profileName = stringOption(args, 'profile');
  const sets = parseSetPairs(listOption(args, 'set'));
  if (profileName === undefined && sets.length === 0) throw usageError(commandMessages.needProfileOrSet());
  const dryRun = flag(args, 'dry-run');
  const yes = flag(args, 'yes');
  if (!dryRun && !yes && !canAsk(io)) throw usageError(commandMessages.notInteractive());

  const connection = await context.connect();
  const { client, info } = connection;
  if (!dryRun && info.readOnly)
    throw failure(commandMessages.readOnly(info.name), { errorCode: READ_ONLY_CODE });

  const prepared = await prepareListener({
    client,
    store: context.store,
    instanceId,
    profileName,
    sets,
    signal: io.signal,
    retryOfClientToken: givenToken !== undefined,
  });
  await printWarnings(
    context,
    prepared.warnings.map((w) => (context.json ? w[lang] : commandMessages.warning(w[lang])[lang])),
  );

  const profileRules = profileRulesFor(prepared);

  if (dryRun) {
    try {
      await client.createListener(prepared.request, {
        dryRun: true,
        ...(io.signal ? { signal: io.signal } : {}),
      });
    } catch (error) {
      throw callFailure(error, (reason) => commandMessages.precheckFailed(reason), lang);
    }
    if (context.json) await printJson(context, { dryRun: 'passed' });
    else await printLines(io.stdout, [commandMessages.precheckPassed()[lang]]);
    return EXIT.ok;
  }

  if (!yes) {
    const summary = requestSummary(prepared, lang);
    if (profileRules.length > 0) summary.push([profileRulesLabel, String(profileRules.length)]);
    await printLines(io.stderr, renderFields(summary, lang));
    const where = commandMessages.connectionWhere(info.name, info.kind, info.production)[lang];
    const { loadBalancerId, loadBalancerName } = prepared.loadBalancer;
    const confirmed = info.production
      ? await confirmTyped(io, commandMessages.typeToCreate(where)[lang], [loadBalancerId, loadBalancerName])
      : await confirm(io, commandMessages.confirmCreate(where)[lang]);
    if (!confirmed) throw failure(commandMessages.notConfirmed(), { errorCode: NOT_CONFIRMED_CODE });
  }

  // One token for this submission: the client repeats it on every retry, so a lost reply can
  // never turn into a second listener; given with --client-token, a rerun after an unknown outcome
  // is the same submission.
  const clientToken = givenToken ?? randomUUID();
  const request = draftToRequest(prepared.draft, instanceId, { clientToken });
  let created;
  try {
    created = await client.createListener(request, io.signal ? { signal: io.signal } : {});
  } catch (error) {
    if (!mayHaveHappened(error)) throw callFailure(error, (r) => commandMessages.createFailed(r), lang);
    throw failure(
      [
        commandMessages.createOutcomeUnknown(describeError(error, lang)),
        commandMessages.clientTokenUsed(clientToken),
        commandMessages.retryWithToken(clientToken, instanceId),
      ],
      {
        errorCode: isAlbError(error) ? albErrorCode(error) : 'OutcomeUnknown',
        requestId: isAlbError(error) ? error.requestId : undefined,
        clientToken,
      },
    );
  }
  if (!('listenerId' in created)) throw failure(commandMessages.createFailed('dry run answer'));
  const { listenerId, jobId } = created;

  let status: ListenerStatus = 'Provisioning';
  // Rules go on a Running listener: a profile with rules waits for it.
  if (flag(args, 'wait') || profileRules.length > 0) {
    if (!context.json) await printLines(io.stderr, [commandMessages.creating(listenerId, jobId)[lang]]);
    const onStatus = (seen: ListenerStatus | 'gone') => {
      void (context.json
        ? writeJsonLine(io.stderr, { listenerId, status: seen })
        : emit(io.stderr, `${commandMessages.status(listenerId, seen)[lang]}\n`));
    };
    try {
      const listener = await client.waitForListener(listenerId, {
        until: 'Running',
        jobId,
        ...(io.signal ? { signal: io.signal } : {}),
        onStatus,
      });
      status = listener.listenerStatus;
    } catch (error) {
      throw waitFailure(
        error,
        {
          jobFailed: (reason) => commandMessages.createJobFailed(listenerId, reason),
          waitFailed: (reason) => commandMessages.waitFailed(listenerId, reason),
        },
        lang,
      );
    }
  }
  const ruleResults =
    profileRules.length > 0
      ? await createProfileRules(context, client, listenerId, profileRules, clientToken)
      : [];
  const rulesFailed = ruleResults.some((r) => r.status !== 'done');
  if (context.json) {
    await printJson(context, {
      listenerId,
      jobId,
      status,
      ...(ruleResults.length > 0 ? { rules: ruleResults } : {}),
    });
  } else {
    const done =
      status === 'Running'
        ? commandMessages.running(listenerId)
        : commandMessages.creating(listenerId, jobId);
    await printLines(io.stdout, [done[lang]]);
  }
  if (rulesFailed) {
    const done = ruleResults.filter((r) => r.status === 'done').length;
    throw failure(rulesMessages.someFailed(done, ruleResults.length), {
      errorCode: ruleResults.find((r) => r.code)?.code ?? 'Failed',
    });
  }
  return EXIT.ok;
}

export const SET_KEYS_HELP = both(
  `Keys for --set (booleans: on, off, true, false):
  protocol=HTTP|HTTPS|QUIC       port=1-65535              name=TEXT (empty: PROTOCOL_PORT)
  http2=on|off (HTTPS)           idle-timeout=1-60         request-timeout=1-180
  gzip=on|off                    server-group=ID
  certificate=ID (HTTPS, QUIC)   security-policy=ID (HTTPS)
  mtls=on|off (HTTPS)            ca-certificate=ID (HTTPS; turns mtls on)
  quic-upgrade=on|off (HTTPS)    quic-listener=ID (HTTPS; turns quic-upgrade on)
  header.NAME=on|off             NAME: x-forwarded-for, slb-id, proto, slb-port, client-src-port,
                                 client-cert-subjectdn, client-cert-issuerdn,
                                 client-cert-fingerprint, client-cert-clientverify
  alias.NAME=HEADER (HTTPS)      custom header name for a client-cert-* header
`,
  `--set 可用的键（开关取值：on、off、true、false）：
  protocol=HTTP|HTTPS|QUIC       port=1-65535              name=名称（留空：协议_端口）
  http2=on|off（HTTPS）          idle-timeout=1-60         request-timeout=1-180
  gzip=on|off                    server-group=服务器组ID
  certificate=证书ID（HTTPS、QUIC） security-policy=TLS安全策略ID（HTTPS）
  mtls=on|off（HTTPS）           ca-certificate=CA证书ID（HTTPS；同时开启 mtls）
  quic-upgrade=on|off（HTTPS）   quic-listener=QUIC监听ID（HTTPS；同时开启 quic-upgrade）
  header.NAME=on|off             NAME：x-forwarded-for、slb-id、proto、slb-port、client-src-port、
                                 client-cert-subjectdn、client-cert-issuerdn、
                                 client-cert-fingerprint、client-cert-clientverify
  alias.NAME=头名称（HTTPS）     client-cert-* 头字段的自定义名称
`,
);

export const createCommand: CommandDefinition = {
  name: 'create',
  options: {
    instance: { type: 'string' },
    profile: { type: 'string' },
    set: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    wait: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    'client-token': { type: 'string' },
  },
  positionals: 0,
  help: both(
    `Usage: alb-tui create --instance ID (--profile NAME | --set key=value ...) [--dry-run] [--wait] [--yes]

Creates one listener on an instance: from a saved listener profile (its certificate, server group
and QUIC listener found on this instance), and/or from --set pairs on top. The request is checked
with the same rules as the wizard; every problem is reported as "<field>: <message>" (exit 2).

Options:
  --instance ID        the ALB instance (required)
  --profile NAME       start from this saved listener profile
  --set key=value      a setting (repeat for several; applied after the profile)
  --dry-run            only run the server-side precheck (nothing is created)
  --wait               follow the new listener until it is Running
  -y, --yes            do not ask for confirmation (required when not on a terminal)
  --client-token TOKEN the request's ClientToken (ASCII, at most 64 characters).
                       After "outcome unknown", rerun with the token printed:
                       no second listener, no port clash

With --json: {"listenerId", "jobId", "status"} (or {"dryRun": "passed"}).

${SET_KEYS_HELP.en}`,
    `用法：alb-tui create --instance ID (--profile 模板名称 | --set 键=值 ...) [--dry-run] [--wait] [--yes]

在实例上创建一个监听：基于已保存的监听配置模板（在此实例上查找其证书、服务器组和 QUIC 监听），
并可用 --set 在其上修改设置。请求按与向导相同的规则校验，每个问题以“<字段>：<消息>”报告（退出状态 2）。

选项：
  --instance ID        ALB 实例（必填）
  --profile NAME       基于此监听配置模板
  --set 键=值          一项设置（可重复；在模板之后生效）
  --dry-run            只进行服务端预检（不创建任何内容）
  --wait               等待新监听变为 Running
  -y, --yes            不询问确认（非终端环境下必须指定）
  --client-token TOKEN 请求的 ClientToken（ASCII 字符，最多 64 个）。
                       出现“结果未知”时，用打印的 ClientToken 重新运行：
                       不会创建第二个监听，也不会端口冲突

使用 --json 时输出 {"listenerId", "jobId", "status"}（预检时为 {"dryRun": "passed"}）。

${SET_KEYS_HELP['zh-CN']}`,
  ),
  run,
};
