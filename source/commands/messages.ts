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
  badId(where: string | undefined, kind: 'instance' | 'listener', value: string, max: number): Localized {
    const shape = kind === 'instance' ? 'alb-' : 'lsn-';
    const what = kind === 'instance' ? both('an instance ID', '实例ID') : both('a listener ID', '监听ID');
    return both(
      `${where ? `${where}: ` : ''}${q(value)} is not ${what.en} (${shape} then letters and digits, at most ${max} characters)`,
      `${where ? `${where}：` : ''}${q(value)} 不是有效的${what['zh-CN']}（${shape} 后接字母和数字，最多 ${max} 个字符）`,
    );
  },
  badClientToken(value: string, max: number): Localized {
    return both(
      `--client-token: ${q(value)} is not a ClientToken (printable ASCII without blanks, at most ${max} characters)`,
      `--client-token：${q(value)} 不是有效的 ClientToken（不含空白的可打印 ASCII 字符，最多 ${max} 个）`,
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
  typeToCreate(where: string): Localized {
    return both(
      `To create this listener on ${where}, type the instance's name or ID: `,
      `如确认在 ${where} 上创建此监听，请输入实例名称或实例ID：`,
    );
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
  createOutcomeUnknown(reason: string): Localized {
    return both(
      `outcome unknown: the request may have reached the service, so the listener may exist (${reason})`,
      `结果未知：请求可能已到达服务端，监听可能已创建（${reason}）`,
    );
  },
  clientTokenUsed(token: string): Localized {
    return both(`ClientToken used: ${q(token)}`, `使用的 ClientToken：${q(token)}`);
  },
  retryWithToken(token: string, instanceId: string): Localized {
    const arg = /^[A-Za-z0-9-]+$/.test(token) ? token : q(token);
    return both(
      `Rerun the same command with --client-token ${arg}: a retry with it creates no second listener. Or look: alb-tui listeners --instance ${instanceId}`,
      `请加 --client-token ${arg} 重新运行同一命令：使用它重试不会创建第二个监听。或查看：alb-tui listeners --instance ${instanceId}`,
    );
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
  createJobFailed(listenerId: string, reason: string): Localized {
    return both(
      `listener ${listenerId} was not created: ${reason} (ALB rolled the creation back)`,
      `监听 ${listenerId} 未创建成功：${reason}（ALB 已回滚此次创建）`,
    );
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
  importTooLarge(file: string, max: number): Localized {
    const mib = max / (1024 * 1024);
    return both(
      `${q(file)} is larger than ${mib} MiB: not a profile export (those are a few KB); nothing was imported`,
      `${q(file)} 超过 ${mib} MiB：不是监听配置模板导出文件（此类文件只有几 KB）；未导入任何内容`,
    );
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

  // ---- connections ---------------------------------------------------------------------------
  // `shown` is the user's value already quoted by the caller, or undefined when it may be a secret
  // and must not be echoed.
  connectionNotFound(name: string, known: readonly string[]): Localized {
    const list = known.map(q).join(', ');
    return both(
      `no connection named ${q(name)} (known: ${list})`,
      `没有名为 ${q(name)} 的连接（已有：${known.map(q).join('、')}）`,
    );
  },
  connectionExists(name: string): Localized {
    return both(
      `a connection named ${q(name)} already exists: nothing was changed (add --replace to replace it)`,
      `名为 ${q(name)} 的连接已存在：未做任何更改（如需替换，请加 --replace）`,
    );
  },
  localIsBuiltIn(name: string, doing: 'add' | 'rm'): Localized {
    return doing === 'rm'
      ? both(
          `${q(name)} is the built-in local ALB connection: it cannot be removed`,
          `${q(name)} 是内置的本地 ALB 连接，不能删除`,
        )
      : both(
          `${q(name)} is the built-in local ALB connection: choose another name`,
          `${q(name)} 是内置的本地 ALB 连接，请换一个名称`,
        );
  },
  optionNotForAction(option: string, action: string): Localized {
    return both(
      `${option} does not apply to 'connections ${action}'`,
      `${option} 不适用于 'connections ${action}'`,
    );
  },
  badRegion(shown: string | undefined): Localized {
    const value = shown ? ` ${shown}` : '';
    return both(
      `--region${value} is not a region ID: write one such as cn-hangzhou or ap-southeast-1`,
      `--region${value} 不是地域 ID：请填写例如 cn-hangzhou 或 ap-southeast-1`,
    );
  },
  endpointEmpty(): Localized {
    return both(
      "--endpoint is empty: leave it out to use the region's endpoint",
      '--endpoint 为空：如使用地域默认接入点，请不要指定该选项',
    );
  },
  endpointTooLong(max: number): Localized {
    return both(`--endpoint is longer than ${max} characters`, `--endpoint 超过 ${max} 个字符`);
  },
  endpointScheme(shown: string | undefined): Localized {
    const value = shown ? ` (got ${shown})` : '';
    const zhValue = shown ? `（当前为 ${shown}）` : '';
    return both(
      `--endpoint: the scheme must be http:// or https://${value}`,
      `--endpoint：协议须为 http:// 或 https://${zhValue}`,
    );
  },
  endpointUserInfo(): Localized {
    return both(
      '--endpoint must not contain a user name or password (user@ or user:password@): credentials never go in the endpoint, name their source with --credentials',
      '--endpoint 不能包含用户名或密码（user@ 或 user:password@）：凭据不能写在接入点中，请用 --credentials 指定凭据来源',
    );
  },
  endpointPath(): Localized {
    return both(
      '--endpoint must not have a path: give only the host, e.g. https://alb.cn-hangzhou.aliyuncs.com or 127.0.0.1:18081',
      '--endpoint 不能包含路径：只填写主机，例如 https://alb.cn-hangzhou.aliyuncs.com 或 127.0.0.1:18081',
    );
  },
  endpointQuery(): Localized {
    return both(
      '--endpoint must not have a query (?…) or fragment (#…)',
      '--endpoint 不能包含查询参数（?…）或片段（#…）',
    );
  },
  endpointHost(): Localized {
    return both(
      '--endpoint: the host is not a valid host name, IPv4 address or [IPv6] address',
      '--endpoint：主机不是有效的主机名、IPv4 地址或 [IPv6] 地址',
    );
  },
  endpointPort(): Localized {
    return both(
      '--endpoint: the port must be a number from 1 to 65535',
      '--endpoint：端口须为 1~65535 之间的数字',
    );
  },
  credentialsUnknown(shown: string | undefined): Localized {
    const value = shown ? ` ${shown}` : '';
    return both(
      `--credentials: unknown source${value}; use cli-profile:NAME, environment, credentials-file[:PATH][#SECTION] or ecs-ram-role[:ROLE]`,
      `--credentials：未知的凭据来源${value}；可用 cli-profile:NAME、environment、credentials-file[:PATH][#SECTION] 或 ecs-ram-role[:ROLE]`,
    );
  },
  credentialsEmptyPart(part: 'profile' | 'path' | 'section' | 'role'): Localized {
    const en = {
      profile: 'the profile name after cli-profile:',
      path: 'the path after credentials-file:',
      section: 'the section after #',
      role: 'the role name after ecs-ram-role:',
    }[part];
    const zh = {
      profile: 'cli-profile: 之后的配置名称',
      path: 'credentials-file: 之后的路径',
      section: '# 之后的节名称',
      role: 'ecs-ram-role: 之后的角色名称',
    }[part];
    return both(`--credentials: ${en} is empty`, `--credentials：${zh}为空`);
  },
  credentialsTakesNothing(source: string): Localized {
    return both(
      `--credentials: ${source} takes nothing after it`,
      `--credentials：${source} 之后不能再有其他内容`,
    );
  },
  badColor(shown: string | undefined, choices: readonly string[]): Localized {
    const value = shown ? ` (got ${shown})` : '';
    const zhValue = shown ? `（当前为 ${shown}）` : '';
    return both(
      `--color must be one of ${choices.join(', ')}${value}`,
      `--color 须为 ${choices.join('、')} 之一${zhValue}`,
    );
  },
  connectionAdded(name: string, replaced: boolean): Localized {
    return replaced
      ? both(`Replaced connection ${q(name)}.`, `已替换连接 ${q(name)}。`)
      : both(`Added connection ${q(name)}.`, `已添加连接 ${q(name)}。`);
  },
  howToUseConnection(name: string): Localized {
    const arg = /^[A-Za-z0-9._-]+$/.test(name) ? name : q(name);
    return both(
      `Open it with alb-tui --connection ${arg}, or make it the default with alb-tui connections use ${arg}.`,
      `可用 alb-tui --connection ${arg} 打开，或用 alb-tui connections use ${arg} 设为默认连接。`,
    );
  },
  confirmRemoveConnection(name: string, active: boolean): Localized {
    return active
      ? both(
          `Remove connection ${q(name)} (the active connection)? [y/N] `,
          `确认删除连接 ${q(name)}（当前使用的连接）？[y/N] `,
        )
      : both(`Remove connection ${q(name)}? [y/N] `, `确认删除连接 ${q(name)}？[y/N] `);
  },
  connectionRemoved(name: string): Localized {
    return both(`Removed connection ${q(name)}.`, `已删除连接 ${q(name)}。`);
  },
  activeFellBackToLocal(): Localized {
    return both(
      'It was the active connection: alb-tui now opens the local ALB.',
      '它是当前使用的连接：alb-tui 现在将打开本地 ALB。',
    );
  },
  nowActive(name: string): Localized {
    return both(
      `Active connection: ${q(name)}. alb-tui opens it when started without --connection or --endpoint.`,
      `当前连接：${q(name)}。启动 alb-tui 时若未指定 --connection 或 --endpoint，将打开此连接。`,
    );
  },
  noSavedConnections(): Localized {
    return both(
      'No saved connections. Add one with alb-tui connections add NAME --region REGION.',
      '没有已保存的连接。可运行 alb-tui connections add NAME --region REGION 添加。',
    );
  },

  // ---- words ---------------------------------------------------------------------------------
  on: both('on', '开启'),
  off: both('off', '关闭'),
  none: both('none', '无'),
  seconds: (n: number | string): Localized => both(`${n} s`, `${n} 秒`),
  profileName: both('a profile name', '模板名称'),
  connectionName: both('a connection name', '连接名称'),
  yes: both('yes', '是'),
  no: both('no', '否'),
  fileName: both('a file name (or - for stdin)', '文件名（或用 - 表示标准输入）'),
};

/** One line per message, in the user's language. */
export function say(message: Localized, lang: keyof Localized): string {
  return message[lang];
}
