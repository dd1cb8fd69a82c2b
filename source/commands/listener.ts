// `alb-tui listener get ID` and `alb-tui listener delete ID`: one listener read back whole (its
// attributes and every certificate bound to it), or deleted after showing it and asking, and
// followed until the API no longer knows it.
import { randomUUID } from 'node:crypto';
import { collect, type ListenerCertificate } from '../alb/client.js';
import { describeError, isAlbError } from '../alb/errors.js';
import { fieldSpec, HEADERS } from '../domain/fields.js';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import type { Listener } from '../domain/resources.js';
import { deleteListenerRefusal } from '../domain/listener-usage.js';
import { describeServedListener, servedMessages } from '../domain/served-addresses.js';
import type { ListenerMention } from '../domain/messages.js';
import { flag, UsageProblem, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { canAsk, confirm, confirmTyped, mayHaveHappened, NOT_CONFIRMED_CODE, READ_ONLY_CODE } from './ask.js';
import {
  EXIT,
  failure,
  printJson,
  printLines,
  signalOf,
  usageError,
  type CommandContext,
} from './context.js';
import { albErrorCode, callFailure, waitFailure } from './errors.js';
import { checkId, clientTokenOption } from './ids.js';
import { runListenerChange } from './listener-change.js';
import { CHANGE_ACTIONS, changeMessages, type ChangeAction } from './listener-change-messages.js';
import { listenerMessages as m } from './listener-messages.js';
import { pickAction } from './actions.js';
import { commandMessages } from './messages.js';
import { renderFields } from './table.js';

/** `--json` code of a QUIC listener that an HTTPS listener still upgrades to: the API's own. */

type Action = (typeof m.actions)[number];

/** A listener as `listener get --json` prints it: the attributes, and every certificate bound. */
export interface ListenerReadBack extends Listener {
  listenerCertificates: ListenerCertificate[];
}

/** GetListenerAttribute and ListListenerCertificates at once; certificates only where a listener has any. */
export async function readListener(context: CommandContext, listenerId: string): Promise<ListenerReadBack> {
  const { client } = await context.connect();
  const [listener, listenerCertificates] = await Promise.all([
    client.getListener(listenerId, signalOf(context)),
    client.listListenerCertificates(listenerId, signalOf(context)).catch((error: unknown) => {
      // An HTTP listener has no certificates; a service that says so with an error is not a failure.
      if (isAlbError(error) && (error.kind === 'invalid' || error.kind === 'notFound')) return [];
      throw error;
    }),
  ]);
  return { ...listener, listenerCertificates };
}

/** A list as each language writes it: `a, b` or `a、b`. */
function listOf(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** `text (note)` or `text（note）`. */
function withNote(text: string, note: string, lang: Lang): string {
  return lang === 'en' ? `${text} (${note})` : `${text}（${note}）`;
}

function certificateLines(certificates: readonly ListenerCertificate[], lang: Lang): string {
  if (certificates.length === 0) return commandMessages.none[lang];
  return listOf(
    certificates.map((c) => {
      const notes = [...(c.isDefault ? [m.isDefault[lang]] : []), ...(c.status ? [c.status] : [])];
      return notes.length > 0
        ? withNote(c.certificateId, notes.join(lang === 'en' ? ', ' : '，'), lang)
        : c.certificateId;
    }),
    lang,
  );
}

/** The human-readable read-back: every attribute, one `label: value` line each. */
export function listenerFields(listener: ListenerReadBack, lang: Lang): [Localized, string][] {
  const label = (field: Parameters<typeof fieldSpec>[0]) => fieldSpec(field).label;
  const onOff = (value: boolean | undefined) => (value ? commandMessages.on : commandMessages.off)[lang];
  const none = commandMessages.none[lang];
  const protocol = listener.listenerProtocol;
  const xff = listener.XForwardedForConfig;
  const fields: [Localized, string][] = [
    [m.labels.listenerId, listener.listenerId],
    [label('instance'), listener.loadBalancerId],
    [label('protocol'), protocol],
    [label('port'), String(listener.listenerPort)],
    [label('name'), listener.listenerDescription || none],
    [m.labels.status, listener.listenerStatus],
    [
      m.labels.forward,
      listOf(
        listener.defaultActions.flatMap((a) =>
          a.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId),
        ),
        lang,
      ) || none,
    ],
  ];
  if (protocol === 'HTTPS') fields.push([label('http2'), onOff(listener.http2Enabled)]);
  fields.push(
    [label('idleTimeout'), commandMessages.seconds(listener.idleTimeout)[lang]],
    [label('requestTimeout'), commandMessages.seconds(listener.requestTimeout)[lang]],
    [label('gzip'), onOff(listener.gzipEnabled)],
  );
  if (protocol !== 'HTTP') {
    const servers = listener.listenerCertificates.filter((c) => c.certificateType !== 'Ca');
    // Without ListListenerCertificates' answer, the default certificate GetListenerAttribute names.
    const shown: ListenerCertificate[] =
      servers.length > 0
        ? servers
        : (listener.certificates ?? []).map((c) => ({
            certificateId: c.certificateId,
            certificateType: 'Server',
            isDefault: true,
            status: '',
          }));
    fields.push([m.labels.certificates, certificateLines(shown, lang)]);
  }
  if (protocol === 'HTTPS') {
    fields.push([label('securityPolicyId'), listener.securityPolicyId ?? none]);
    const quic = listener.quicConfig;
    fields.push([
      label('quicUpgrade'),
      quic.quicUpgradeEnabled
        ? `${onOff(true)}${quic.quicListenerId ? ` → ${quic.quicListenerId}` : ''}`
        : onOff(false),
    ]);
    fields.push([label('mutualTls'), onOff(listener.caEnabled)]);
    const cas = listener.listenerCertificates.filter((c) => c.certificateType === 'Ca');
    const caShown: ListenerCertificate[] =
      cas.length > 0
        ? cas
        : (listener.caCertificates ?? []).map((c) => ({ ...c, certificateType: 'Ca' as const }));
    fields.push([m.labels.caCertificates, certificateLines(caShown, lang)]);
  }
  const headersOn = HEADERS.filter((h) => h.protocols.includes(protocol) && xff[h.apiField] === true).map(
    (h) => {
      const alias = h.aliasField ? xff[h.aliasField] : undefined;
      return typeof alias === 'string' && alias !== '' ? withNote(h.header, alias, lang) : h.header;
    },
  );
  fields.push([m.labels.headers, headersOn.length > 0 ? listOf(headersOn, lang) : none]);
  if (xff.XForwardedForProcessingMode) fields.push([m.labels.xffMode, xff.XForwardedForProcessingMode]);
  const acl = listener.aclConfig;
  if (acl) {
    const relations = acl.aclRelations.map((r) => (r.status ? withNote(r.aclId, r.status, lang) : r.aclId));
    fields.push([
      m.labels.acl,
      relations.length > 0 ? `${acl.aclType ? `${acl.aclType}: ` : ''}${listOf(relations, lang)}` : none,
    ]);
  }
  const log = listener.logConfig;
  if (log) {
    const tracing = log.accessLogTracingConfig;
    const tracingText = tracing?.tracingEnabled
      ? `${onOff(true)}${tracing.tracingType ? ` ${tracing.tracingType}` : ''}${tracing.tracingSample ? ` 1/${tracing.tracingSample}` : ''}`
      : onOff(false);
    fields.push([
      m.labels.accessLog,
      listOf(
        [
          `${m.customHeaders[lang]} ${onOff(log.accessLogRecordCustomizedHeadersEnabled)}`,
          `${m.tracing[lang]} ${tracingText}`,
        ],
        lang,
      ),
    ]);
  }
  fields.push([
    m.labels.tags,
    listener.tags.length > 0
      ? listOf(
          listener.tags.map((t) => `${t.key}=${t.value}`),
          lang,
        )
      : none,
  ]);
  return fields;
}

async function get(context: CommandContext, listenerId: string): Promise<number> {
  const listener = await readListener(context, listenerId);
  const { served } = await context.connect();
  const servedAt = served?.servedAt(listenerId);
  if (context.json) {
    await printJson(context, servedAt ? { ...listener, servedAt } : listener);
    return EXIT.ok;
  }
  const fields = listenerFields(listener, context.lang);
  if (servedAt) {
    // Where the local ALB serves it, after its status: what a user pastes into curl.
    const described = describeServedListener(servedAt, served?.caCertificatePath?.());
    const after = fields.findIndex(([label]) => label === m.labels.status) + 1;
    fields.splice(after, 0, [servedMessages.label, described.where[context.lang]]);
    if (described.curl) fields.splice(after + 1, 0, [servedMessages.curlLabel, described.curl]);
  }
  await printLines(context.io.stdout, renderFields(fields, context.lang));
  return EXIT.ok;
}

function mentionOf(listener: Listener): ListenerMention & { listenerId: string } {
  return {
    listenerId: listener.listenerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    ...(listener.listenerDescription ? { name: listener.listenerDescription } : {}),
  };
}

async function remove(context: CommandContext, args: ParsedArgs, listenerId: string): Promise<number> {
  const { io, lang } = context;
  const yes = flag(args, 'yes');
  if (!yes && !canAsk(io)) throw usageError(m.notInteractive());
  const givenToken = clientTokenOption(args);
  const { client, info } = await context.connect();
  // Refused in the client: nothing is called on a read-only connection.
  if (info.readOnly) throw failure(m.readOnly(info.name), { errorCode: READ_ONLY_CODE });

  let listener: Listener;
  try {
    listener = await client.getListener(listenerId, signalOf(context));
  } catch (error) {
    // Gone: a rerun after an unknown outcome whose delete went through. The same ClientToken is
    // answered with that delete's job; a token the service does not know gets the not-found again.
    if (givenToken === undefined || !isAlbError(error) || error.kind !== 'notFound') throw error;
    const jobId = (
      await client.deleteListener(listenerId, givenToken, signalOf(context)).catch(() => {
        throw error;
      })
    ).jobId;
    if (context.json) await printJson(context, { deleted: listenerId, jobId, clientToken: givenToken });
    else await printLines(io.stdout, [m.deletedBefore(listenerId, jobId)[lang]]);
    return EXIT.ok;
  }
  if (listener.listenerProtocol === 'QUIC') {
    const siblings = await collect(
      client.listListeners({ loadBalancerIds: [listener.loadBalancerId] }, signalOf(context)),
    );
    const refusal = deleteListenerRefusal(mentionOf(listener), siblings, mentionOf, true);
    if (refusal) throw failure(refusal.message, { errorCode: refusal.code });
  }

  if (!yes) {
    const where = commandMessages.connectionWhere(info.name, info.kind, info.production)[lang];
    await printLines(io.stderr, [
      m.willDelete()[lang],
      ...renderFields(
        [
          [m.labels.listenerId, listener.listenerId],
          [fieldSpec('instance').label, listener.loadBalancerId],
          [fieldSpec('protocol').label, listener.listenerProtocol],
          [fieldSpec('port').label, String(listener.listenerPort)],
          [fieldSpec('name').label, listener.listenerDescription || commandMessages.none[lang]],
          [m.labels.status, listener.listenerStatus],
        ],
        lang,
      ).map((line) => `  ${line}`),
    ]);
    const port = listener.listenerPort;
    const confirmed = info.production
      ? await confirmTyped(io, m.typeToDelete(where, port)[lang], [String(port)])
      : await confirm(io, m.confirmDelete(where)[lang]);
    if (!confirmed) throw failure(m.notConfirmed(), { errorCode: NOT_CONFIRMED_CODE });
  }

  // One token for this delete: the client repeats it on every retry of the call; given with
  // --client-token, a rerun after an unknown outcome is answered as the same delete.
  const clientToken = givenToken ?? randomUUID();
  let jobId: string;
  try {
    jobId = (await client.deleteListener(listenerId, clientToken, signalOf(context))).jobId;
  } catch (error) {
    if (!mayHaveHappened(error)) throw callFailure(error, (reason) => m.deleteFailed(reason), lang);
    throw failure(m.deleteOutcomeUnknown(listenerId, describeError(error, lang), clientToken), {
      errorCode: isAlbError(error) ? albErrorCode(error) : 'OutcomeUnknown',
      requestId: isAlbError(error) ? error.requestId : undefined,
      clientToken,
    });
  }
  if (!context.json) await printLines(io.stderr, [m.deleting(listenerId, jobId)[lang]]);
  try {
    await client.waitForListener(listenerId, {
      until: 'gone',
      ...(jobId ? { jobId } : {}),
      ...signalOf(context),
    });
  } catch (error) {
    throw waitFailure(
      error,
      {
        jobFailed: (reason) => m.deleteJobFailed(listenerId, reason),
        waitFailed: (reason) => m.waitFailed(listenerId, reason),
      },
      lang,
    );
  }
  if (context.json) await printJson(context, { deleted: listenerId, jobId, clientToken });
  else await printLines(io.stdout, [m.deleted(listener)[lang]]);
  return EXIT.ok;
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const [given, id, extra] = args.positionals;
  const action: string = pickAction('listener', given, [...m.actions, ...CHANGE_ACTIONS]);
  if (action === 'get' && flag(args, 'yes')) throw new UsageProblem(commandMessages.unknownOption('--yes'));
  if (id === undefined) throw usageError(commandMessages.missingArgument(m.listenerId));
  if (extra !== undefined) throw usageError(commandMessages.unexpectedArgument(extra));
  const listenerId = checkId('listener', id);
  if ((CHANGE_ACTIONS as readonly string[]).includes(action))
    return runListenerChange(context, args, action as ChangeAction, listenerId);
  for (const option of ['set', 'dry-run', 'wait', 'client-token', 'add', 'remove'])
    if (
      (args.strings.has(option) || args.flags.has(option)) &&
      !(action === 'delete' && option === 'client-token')
    )
      throw new UsageProblem(changeMessages.optionNotFor(`--${option}`, action));
  switch (action as Action) {
    case 'get':
      return get(context, listenerId);
    case 'delete':
      return remove(context, args, listenerId);
  }
}

export const listenerCommand: CommandDefinition = {
  name: 'listener',
  options: {
    yes: { type: 'boolean', short: 'y' },
    set: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    wait: { type: 'boolean' },
    'client-token': { type: 'string' },
    add: { type: 'string', multiple: true },
    remove: { type: 'string', multiple: true },
  },
  positionals: 'any',
  help: both(
    `Usage: alb-tui listener get ID [--json]
       alb-tui listener delete ID [--yes] [--client-token TOKEN] [--json]
       alb-tui listener update ID --set key=value ... [--dry-run] [--wait] [--yes]
       alb-tui listener start|stop ID [--wait] [--yes]
       alb-tui listener certs ID [--add CERT ...] [--remove CERT ...] [--yes]

One listener, by its ID (lsn-…).

Commands:
  get ID          everything the API says about it: its attributes
                  (GetListenerAttribute) and every certificate bound to it,
                  server and CA (ListListenerCertificates). With --json: the
                  listener as 'alb-tui listeners --json' prints it, plus
                  "listenerCertificates"
  delete ID       shows the listener and asks, then deletes it and waits
                  until it is gone. On a production connection you type the
                  listener's port. Refused on a read-only connection, and for
                  a QUIC listener that an HTTPS listener upgrades to.
                  With --json: {"deleted", "jobId", "clientToken"}
  update ID       changes settings with the keys of 'create --set' (protocol
                  and port cannot change), checked by the same rules. Shows
                  each change as old → new and asks; sends only what changes.
                  With --json: {"listenerId", "jobId", "clientToken",
                  "changed", "status"}
  start ID        starts a stopped listener
  stop ID         stops it: a stopped listener serves nothing
  certs ID        lists its certificates: default, extra (SNI) and CA, with
                  domain and expiry. With --add/--remove: adds extra
                  certificates (followed until Associated), then removes
                  them (followed until gone). HTTPS only; the default
                  certificate is replaced with 'update --set certificate=ID'

Options:
  -y, --yes            do not ask (required when not on a terminal)
  --set key=value      a setting to change (repeat for several)
  --dry-run            only run the server-side precheck
  --wait               follow the listener until it is Running (or Stopped)
  --client-token TOKEN the change's (or delete's) ClientToken; after "outcome
                       unknown", rerun with the token printed to retry the same
                       change
  --add CERT           an extra certificate to add (repeat, or comma-separated)
  --remove CERT        an extra certificate to remove
A certificate is named by its certificate service number (14123456) or by
ALB's form (14123456-cn-hangzhou). Every change asks first: on a production
connection you type the listener's port; a read-only connection refuses.

A listener that does not exist is a failure (exit 1). With --json, errors
are one JSON object on stderr: {"code", "message", "requestId"}.
`,
    `用法：alb-tui listener get ID [--json]
      alb-tui listener delete ID [--yes] [--client-token TOKEN] [--json]
      alb-tui listener update ID --set 键=值 ... [--dry-run] [--wait] [--yes]
      alb-tui listener start|stop ID [--wait] [--yes]
      alb-tui listener certs ID [--add 证书 ...] [--remove 证书 ...] [--yes]

按监听ID（lsn-…）操作一个监听。

子命令：
  get ID          显示 API 返回的全部信息：监听属性
                  （GetListenerAttribute）及其绑定的全部证书，包括服务器
                  证书和 CA 证书（ListListenerCertificates）。
                  使用 --json 时：与 'alb-tui listeners --json' 相同的
                  监听对象，另加 "listenerCertificates"
  delete ID       先显示该监听并询问，确认后删除，并等待其删除完成。
                  生产环境连接需输入该监听的端口确认。只读连接拒绝删除；
                  被 HTTPS 监听的 QUIC 升级关联的 QUIC 监听也拒绝删除。
                  使用 --json 时输出 {"deleted", "jobId", "clientToken"}
  update ID       使用与 'create --set' 相同的键修改设置（协议和端口不可
                  修改），按相同规则校验。逐项显示“旧值 → 新值”并询问；
                  只发送有变化的字段。使用 --json 时输出 {"listenerId",
                  "jobId", "clientToken", "changed", "status"}
  start ID        启动已停止的监听
  stop ID         停止监听：停止后不再提供服务
  certs ID        列出其证书：默认证书、扩展证书（SNI）和 CA 证书，含域名
                  和到期时间。使用 --add/--remove 时：先添加扩展证书（等待
                  其变为 Associated），再移除（等待其解绑完成）。仅适用于
                  HTTPS；默认证书用 'update --set certificate=ID' 替换

选项：
  -y, --yes            不询问确认（非终端环境下必须指定）
  --set 键=值          要修改的设置（可重复）
  --dry-run            只进行服务端预检
  --wait               等待监听变为 Running（或 Stopped）
  --client-token TOKEN 此修改（或删除）的 ClientToken；出现“结果未知”时，
                       用打印的 ClientToken 重新运行以重试同一操作
  --add 证书           要添加的扩展证书（可重复，或用逗号分隔）
  --remove 证书        要移除的扩展证书
证书可用数字证书管理服务的证书ID（14123456）或 ALB 的形式
（14123456-cn-hangzhou）指定。每次修改前都会询问：生产环境连接需输入
监听端口确认；只读连接拒绝修改。

监听不存在视为失败（退出状态 1）。使用 --json 时，错误以一个 JSON
对象输出到标准错误：{"code", "message", "requestId"}。
`,
  ),
  run,
};
