// Every string the frame and the command line show, in English and Simplified Chinese.
// Placeholders are `{name}`; `t()` fills them. Values put into messages are sanitized by the caller.
import { langFromEnv, parseLang, type Lang, type Localized } from '../domain/i18n.js';

export type { Lang, Localized };

const MESSAGES = {
  appName: { en: 'alb-tui', 'zh-CN': 'alb-tui' },
  localAlb: { en: 'local ALB', 'zh-CN': '本地 ALB' },
  alibabaCloud: { en: 'Alibaba Cloud', 'zh-CN': '阿里云' },
  profile: { en: 'profile {name}', 'zh-CN': '配置 {name}' },
  readOnly: { en: 'read-only', 'zh-CN': '只读' },
  helpHint: { en: '? help', 'zh-CN': '? 帮助' },

  loadingDashboard: { en: 'Loading the dashboard…', 'zh-CN': '正在加载控制台…' },
  connectingTo: { en: 'Connection: {connection}', 'zh-CN': '连接：{connection}' },
  tooSmall: {
    en: 'Terminal too small (need {needColumns}×{needRows}, have {columns}×{rows}).',
    'zh-CN': '终端窗口太小（至少需要 {needColumns}×{needRows}，当前 {columns}×{rows}）。',
  },
  tooSmallHint: { en: 'Enlarge the window, or press q to quit.', 'zh-CN': '请放大窗口，或按 q 退出。' },

  helpTitle: { en: 'Help · keys of this view', 'zh-CN': '帮助 · 当前视图的按键' },

  keyQuit: { en: 'quit', 'zh-CN': '退出' },
  keyHelp: { en: 'help', 'zh-CN': '帮助' },
  keyCloseHelp: { en: 'close help', 'zh-CN': '关闭帮助' },

  usage: {
    en: [
      'alb-tui — a terminal dashboard for Alibaba Cloud Application Load Balancer (ALB)',
      '',
      'Usage:',
      '  alb-tui [options]              open the dashboard (the local ALB unless --endpoint is given)',
      '  alb-tui emulator [options]     run the local ALB on its own (see alb-tui emulator --help)',
      '',
      'Options:',
      '  --lang en|zh-CN      language (default: from LC_ALL, LC_MESSAGES or LANG)',
      '  --endpoint URL       talk to this ALB endpoint instead of the local ALB',
      '  --region REGION      region ID (default: cn-hangzhou)',
      '  -h, --help           show this help',
      '  -v, --version        show the version',
      '',
      'Environment: NO_COLOR turns colours off.',
    ].join('\n'),
    'zh-CN': [
      'alb-tui —— 阿里云应用型负载均衡（ALB）终端控制台',
      '',
      '用法：',
      '  alb-tui [选项]                 打开控制台（未指定 --endpoint 时连接本地 ALB）',
      '  alb-tui emulator [选项]        单独运行本地 ALB（见 alb-tui emulator --help）',
      '',
      '选项：',
      '  --lang en|zh-CN      界面语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG）',
      '  --endpoint URL       连接此 ALB 端点，而不是本地 ALB',
      '  --region REGION      地域 ID（默认 cn-hangzhou）',
      '  -h, --help           显示本帮助',
      '  -v, --version        显示版本',
      '',
      '环境变量：设置 NO_COLOR 可关闭颜色。',
    ].join('\n'),
  },
  unknownOption: { en: 'unknown option {option}', 'zh-CN': '未知选项 {option}' },
  missingValue: { en: 'option {option} needs a value', 'zh-CN': '选项 {option} 需要一个值' },
  unexpectedValue: { en: 'option {option} takes no value', 'zh-CN': '选项 {option} 不接受值' },
  unknownCommand: { en: 'unknown command {command}', 'zh-CN': '未知命令 {command}' },
  badLang: {
    en: 'unsupported language {value}: use en or zh-CN',
    'zh-CN': '不支持的语言 {value}：请用 en 或 zh-CN',
  },
  badRegion: {
    en: 'invalid region {value}: write a region ID such as cn-hangzhou',
    'zh-CN': '地域 {value} 无效：请写地域 ID，例如 cn-hangzhou',
  },
  tryHelp: { en: "Run 'alb-tui --help' for usage.", 'zh-CN': '运行 alb-tui --help 查看用法。' },
  needsTerminal: {
    en: 'alb-tui needs an interactive terminal (stdin and stdout must be a TTY).',
    'zh-CN': 'alb-tui 需要在交互式终端中运行（stdin 和 stdout 必须是终端）。',
  },
  crashed: { en: 'alb-tui stopped on an unexpected error:', 'zh-CN': 'alb-tui 因意外错误而停止：' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

/** The message in `lang`, with each `{name}` replaced by `params[name]`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Both languages of a message, for places that choose the language later. */
export function localized(key: MessageKey, params: Record<string, string | number> = {}): Localized {
  return { en: t('en', key, params), 'zh-CN': t('zh-CN', key, params) };
}

/** `--lang` wins; otherwise the locale environment (LC_ALL, LC_MESSAGES, LANG); otherwise English. */
export function chooseLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  return (flag === undefined ? undefined : parseLang(flag)) ?? langFromEnv(env);
}

/** Exposed for tests: every key has both languages and the same placeholders in each. */
export const ALL_MESSAGES: Readonly<Record<MessageKey, Localized>> = MESSAGES;
