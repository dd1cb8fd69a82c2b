// `alb-tui export`: the request a profile stands for on one instance, as an aliyun CLI command, a
// Terraform block or the JSON request — checked by the listener rules first.
import { both } from '../domain/i18n.js';
import { EXPORT_FORMATS, exportRequest, type ExportFormat } from '../domain/exporters.js';
import { listOption, stringOption, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { SET_KEYS_HELP } from './create.js';
import { emit, EXIT, printWarnings, usageError, type CommandContext } from './context.js';
import { instanceIdOption } from './ids.js';
import { parseSetPairs, prepareListener } from './listener-request.js';
import { commandMessages } from './messages.js';
import { profileRulesFor } from './create-rules.js';

function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const { io, lang } = context;
  const profileName = stringOption(args, 'profile');
  const sets = parseSetPairs(listOption(args, 'set'));
  if (profileName === undefined && sets.length === 0)
    throw usageError(commandMessages.missingOption('--profile'));
  const instanceId = instanceIdOption(args, 'instance', true);
  const format = stringOption(args, 'format')?.trim().toLowerCase();
  if (format === undefined) throw usageError(commandMessages.missingOption('--format'));
  if (!isExportFormat(format))
    throw usageError(commandMessages.badChoice('--format', format, EXPORT_FORMATS));

  const { client, info, exportEndpoint } = await context.connect();
  const prepared = await prepareListener({
    client,
    store: context.store,
    instanceId,
    profileName,
    sets,
    signal: io.signal,
  });
  await printWarnings(
    context,
    prepared.warnings.map((w) => (context.json ? w[lang] : commandMessages.warning(w[lang])[lang])),
  );
  const rules = profileRulesFor(prepared);
  const text = exportRequest(prepared.request, format, {
    region: info.region,
    ...(rules.length > 0 ? { rules } : {}),
    ...(exportEndpoint === undefined ? {} : { endpoint: exportEndpoint }),
  });
  await emit(io.stdout, text);
  return EXIT.ok;
}

export const exportCommand: CommandDefinition = {
  name: 'export',
  options: {
    profile: { type: 'string' },
    instance: { type: 'string' },
    format: { type: 'string' },
    set: { type: 'string', multiple: true },
  },
  positionals: 0,
  help: both(
    `Usage: alb-tui export --profile NAME --instance ID --format aliyun|terraform|json [--set key=value ...]

Prints the CreateListener request a listener profile stands for on an instance (its certificate,
server group and QUIC listener found there), checked with the wizard's rules:
  aliyun      an aliyun CLI command
  terraform   an alicloud_alb_listener resource block
  json        the JSON request of the API

Options:
  --profile NAME       the listener profile (required unless --set gives every setting)
  --instance ID        the ALB instance (required)
  --format FORMAT      aliyun, terraform or json (required)
  --set key=value      change a setting on top of the profile (see below)

${SET_KEYS_HELP.en}`,
    `用法：alb-tui export --profile 模板名称 --instance ID --format aliyun|terraform|json [--set 键=值 ...]

输出监听配置模板在指定实例上对应的 CreateListener 请求（在此实例上查找其证书、服务器组和 QUIC 监听），
并按向导的规则校验：
  aliyun      aliyun CLI 命令
  terraform   alicloud_alb_listener 资源块
  json        API 的 JSON 请求

选项：
  --profile NAME       监听配置模板（除非 --set 给出了全部设置，否则必填）
  --instance ID        ALB 实例（必填）
  --format FORMAT      aliyun、terraform 或 json（必填）
  --set 键=值          在模板之上修改一项设置（见下）

${SET_KEYS_HELP['zh-CN']}`,
  ),
  run,
};
