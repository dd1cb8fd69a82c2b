// The shape of a subcommand, and the help text every one of them shares.
import { both, type Lang, type Localized } from '../domain/i18n.js';
import type { OptionSpecs, ParsedArgs } from './args.js';
import type { CommandContext } from './context.js';

export interface CommandDefinition {
  name: string;
  /** The command's own options; the global ones (GLOBAL_OPTIONS) come on top. */
  options: OptionSpecs;
  /** How many positional arguments it takes at most (`'any'`: no limit). */
  positionals: number | 'any';
  help: Localized;
  run(context: CommandContext, args: ParsedArgs): Promise<number>;
}

const COMMON_OPTIONS: Localized = both(
  `Options of every command:
  --connection NAME   a saved connection (default: the active one, see 'alb-tui connections use';
                      else the local ALB, started in-process)
  --endpoint URL      talk to this ALB endpoint (http://127.0.0.1:PORT or https://host), with
                      credentials from the default chain (environment, aliyun CLI profile, ...)
  --region REGION     region ID, e.g. cn-hangzhou
  --lang en|zh-CN     language of messages (default: from LC_ALL, LC_MESSAGES or LANG)
  --json              print plain JSON on stdout, for scripts
  -h, --help          show this help

Exit status: 0 success, 1 failure, 2 invalid usage or input.
`,
  `所有命令通用的选项：
  --connection NAME   已保存的连接（默认：当前激活的连接，见 alb-tui connections use；
                      否则为在进程内启动的本地 ALB）
  --endpoint URL      连接此 ALB 服务接入点（http://127.0.0.1:端口 或 https://主机），
                      凭据来自默认凭据链（环境变量、aliyun CLI 配置等）
  --region REGION     地域 ID，例如 cn-hangzhou
  --lang en|zh-CN     消息语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG）
  --json              在标准输出打印纯 JSON，供脚本使用
  -h, --help          显示此帮助

退出状态：0 成功，1 失败，2 用法或输入无效。
`,
);

export function helpText(command: CommandDefinition, lang: Lang): string {
  return `${command.help[lang]}\n${COMMON_OPTIONS[lang]}`;
}
