// What the non-interactive commands say, in English and Simplified Chinese. Values from outside
// (names, IDs, arguments) are sanitized and quoted before they go into a message.
import { both, type Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';

/** A value as a message shows it: one safe line, quoted, not endless. */
export function q(value: string): string {
  const safe = [...sanitizeForTerminal(value)];
  return JSON.stringify(safe.length > 60 ? `${safe.slice(0, 59).join('')}…` : safe.join(''));
}

/** Text from the API or the user, safe for the terminal. */
export function safe(value: string): string {
  return sanitizeForTerminal(value);
}

export const commandMessages = {
  // ---- usage ---------------------------------------------------------------------------------
  unknownOption(option: string): Localized {
    return both(`unknown option ${q(option)}`, `未知选项 ${q(option)}`);
  },
  missingValue(option: string): Localized {
    return both(`option ${q(option)} needs a value`, `选项 ${q(option)} 需要一个值`);
  },
  unexpectedValue(option: string): Localized {
    return both(`option ${q(option)} takes no value`, `选项 ${q(option)} 不接受值`);
  },
  unexpectedArgument(argument: string): Localized {
    return both(`unexpected argument ${q(argument)}`, `多余的参数 ${q(argument)}`);
  },
  missingOption(option: string): Localized {
    return both(`${option} is required`, `缺少必需的选项 ${option}`);
  },
  missingArgument(what: Localized): Localized {
    return both(`missing ${what.en}`, `缺少${what['zh-CN']}`);
  },
  badLang(value: string): Localized {
    return both(`unknown language ${q(value)}: use en or zh-CN`, `未知语言 ${q(value)}：请使用 en 或 zh-CN`);
  },
  badChoice(option: string, value: string, choices: readonly string[]): Localized {
    return both(
      `${option} must be one of ${choices.join(', ')} (got ${q(value)})`,
      `${option} 须为 ${choices.join('、')} 之一（当前为 ${q(value)}）`,
    );
  },
  unknownSubcommand(command: string, value: string, choices: readonly string[]): Localized {
    return both(
      `unknown ${command} command ${q(value)}: use ${choices.join(', ')}`,
      `未知的 ${command} 子命令 ${q(value)}：可用 ${choices.join('、')}`,
    );
  },
  tryHelp(command: string): Localized {
    return both(`Try 'alb-tui ${command} --help'.`, `请运行 'alb-tui ${command} --help' 查看用法。`);
  },

  // ---- --set ---------------------------------------------------------------------------------
  setSyntax(text: string): Localized {
    return both(`--set takes key=value (got ${q(text)})`, `--set 的格式为 键=值（当前为 ${q(text)}）`);
  },
  setUnknownKey(key: string): Localized {
    return both(
      `--set: unknown key ${q(key)}; see 'alb-tui create --help' for the keys`,
      `--set：未知的键 ${q(key)}；可用的键见 'alb-tui create --help'`,
    );
  },
  setBadBoolean(key: string, value: string): Localized {
    return both(
      `--set ${key}: use on, off, true or false (got ${q(value)})`,
      `--set ${key}：请使用 on、off、true 或 false（当前为 ${q(value)}）`,
    );
  },
  setBadProtocol(value: string): Localized {
    return both(
      `--set protocol: use HTTP, HTTPS or QUIC (got ${q(value)})`,
      `--set protocol：请使用 HTTP、HTTPS 或 QUIC（当前为 ${q(value)}）`,
    );
  },
  setNotForProtocol(key: string, protocol: string, protocols: readonly string[]): Localized {
    return both(
      `--set ${key} does not apply to ${protocol} listeners (only ${protocols.join(', ')})`,
      `--set ${key} 不适用于 ${protocol} 监听（仅适用于 ${protocols.join('、')}）`,
    );
  },
  needProfileOrSet(): Localized {
    return both(
      'give --profile NAME, or the settings with --set key=value (or both)',
      '请指定 --profile 模板名称，或用 --set 键=值 指定设置（也可同时指定）',
    );
  },
  useSetToChoose(key: string): Localized {
    return both(`choose one with --set ${key}=ID`, `请用 --set ${key}=ID 指定`);
  },
  useSetToGive(key: string): Localized {
    return both(`give it with --set ${key}=…`, `请用 --set ${key}=… 指定`);
  },

  // ---- resources -----------------------------------------------------------------------------
  profileNotFound(name: string): Localized {
    return both(`no listener profile named ${q(name)}`, `没有名为 ${q(name)} 的监听配置模板`);
  },
  noInstances(): Localized {
    return both('No instances in this region.', '当前地域没有实例。');
  },
  noListeners(): Localized {
    return both('No listeners.', '没有监听。');
  },
  noProfiles(): Localized {
    return both(
      'No listener profiles saved. Save one from the wizard, or import them with alb-tui profiles import FILE.',
      '没有已保存的监听配置模板。可在向导中保存，或运行 alb-tui profiles import FILE 导入。',
    );
  },

  // ---- create --------------------------------------------------------------------------------
  readOnly(connection: string): Localized {
    return both(
      `connection ${q(connection)} is read-only: nothing was created`,
      `连接 ${q(connection)} 为只读：未创建任何内容`,
    );
  },
  notInteractive(): Localized {
    return both(
      'refusing to create without --yes when not interactive',
      '非交互模式下未指定 --yes，拒绝创建',
    );
  },
  notInteractiveRemove(): Localized {
    return both(
      'refusing to remove without --yes when not interactive',
      '非交互模式下未指定 --yes，拒绝删除',
    );
  },
  confirmCreate(where: string): Localized {
    return both(`Create this listener on ${where}? [y/N] `, `确认在 ${where} 上创建此监听？[y/N] `);
  },
  notConfirmed(): Localized {
    return both('Cancelled: nothing was created.', '已取消：未创建任何内容。');
  },
  precheckPassed(): Localized {
    return both('precheck passed: the listener can be created', '预检通过：可以创建此监听');
  },
  precheckFailed(reason: string): Localized {
    return both(`precheck failed: ${reason}`, `预检未通过：${reason}`);
  },
  createFailed(reason: string): Localized {
    return both(`could not create the listener: ${reason}`, `无法创建监听：${reason}`);
  },
  creating(listenerId: string, jobId: string): Localized {
    return both(
      `Listener ${listenerId} is being created${jobId ? ` (job ${jobId})` : ''}.`,
      `监听 ${listenerId} 正在创建${jobId ? `（任务 ${jobId}）` : ''}。`,
    );
  },
  running(listenerId: string): Localized {
    return both(`Listener ${listenerId} is Running.`, `监听 ${listenerId} 已运行（Running）。`);
  },
  status(listenerId: string, status: string): Localized {
    return both(`listener ${listenerId}: ${status}`, `监听 ${listenerId}：${status}`);
  },
  waitFailed(listenerId: string, reason: string): Localized {
    return both(
      `listener ${listenerId} was created but did not become Running: ${reason}`,
      `监听 ${listenerId} 已创建，但未变为 Running：${reason}`,
    );
  },
  warning(text: string): Localized {
    return both(`warning: ${text}`, `警告：${text}`);
  },
  hintUnresolved(label: Localized, reason: Localized): Localized {
    return both(`${label.en}: ${reason.en}`, `${label['zh-CN']}：${reason['zh-CN']}`);
  },
  connectionWhere(name: string, kind: 'local' | 'aliyun', production: boolean): Localized {
    if (kind === 'local') return both('the local ALB', '本地 ALB');
    return production
      ? both(`connection ${q(name)} (PRODUCTION)`, `连接 ${q(name)}（生产环境）`)
      : both(`connection ${q(name)}`, `连接 ${q(name)}`);
  },

  // ---- profiles ------------------------------------------------------------------------------
  confirmRemove(name: string): Localized {
    return both(`Remove listener profile ${q(name)}? [y/N] `, `确认删除监听配置模板 ${q(name)}？[y/N] `);
  },
  notRemoved(): Localized {
    return both('Cancelled: nothing was removed.', '已取消：未删除任何内容。');
  },
  removed(name: string): Localized {
    return both(`Removed listener profile ${q(name)}.`, `已删除监听配置模板 ${q(name)}。`);
  },
  exported(count: number, file: string): Localized {
    return both(
      `Exported ${count} listener profile${count === 1 ? '' : 's'} to ${q(file)}.`,
      `已将 ${count} 个监听配置模板导出到 ${q(file)}。`,
    );
  },
  cannotRead(file: string, reason: string): Localized {
    return both(`cannot read ${q(file)}: ${reason}`, `无法读取 ${q(file)}：${reason}`);
  },
  cannotWrite(file: string, reason: string): Localized {
    return both(`cannot write ${q(file)}: ${reason}`, `无法写入 ${q(file)}：${reason}`);
  },
  imported(name: string): Localized {
    return both(`imported ${q(name)}`, `已导入 ${q(name)}`);
  },
  replaced(name: string): Localized {
    return both(`replaced ${q(name)}`, `已替换 ${q(name)}`);
  },
  renamed(name: string, newName: string): Localized {
    return both(`imported ${q(name)} as ${q(newName)}`, `已将 ${q(name)} 导入为 ${q(newName)}`);
  },
  importSummary(imported: number, skipped: number, invalid: number): Localized {
    return both(
      `${imported} imported, ${skipped} skipped, ${invalid} invalid`,
      `导入 ${imported} 个，跳过 ${skipped} 个，无效 ${invalid} 个`,
    );
  },

  // ---- words ---------------------------------------------------------------------------------
  on: both('on', '开启'),
  off: both('off', '关闭'),
  none: both('none', '无'),
  seconds: (n: number | string): Localized => both(`${n} s`, `${n} 秒`),
  profileName: both('a profile name', '模板名称'),
  fileName: both('a file name (or - for stdin)', '文件名（或用 - 表示标准输入）'),
};

/** One line per message, in the user's language. */
export function say(message: Localized, lang: keyof Localized): string {
  return message[lang];
}
