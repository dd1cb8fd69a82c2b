// What the store tells the user, in English and Simplified Chinese. Messages never quote a value
// that might be a secret; names of profiles and files are shown, values of refused fields are not.
import { both, type Localized } from '../domain/i18n.js';

function q(value: string): string {
  const shown = [...value].slice(0, 64).join('');
  return JSON.stringify(shown + (shown.length < value.length ? '…' : ''));
}

export const storeMessages = {
  corruptMoved(file: string, movedTo: string): Localized {
    return both(
      `${file} could not be read; it was moved to ${movedTo} and alb-tui started with an empty one — your data is in that file`,
      `无法读取 ${file}，已将其移至 ${movedTo}，alb-tui 已使用空白文件启动——原有数据仍在该文件中`,
    );
  },
  entriesDropped(file: string, count: number, movedTo: string): Localized {
    return both(
      `${count} entr${count === 1 ? 'y' : 'ies'} in ${file} could not be read and were left out; the original file was kept as ${movedTo}`,
      `${file} 中有 ${count} 项无法读取，已略过；原文件已保存为 ${movedTo}`,
    );
  },
  unreadable(file: string, code: string): Localized {
    return both(
      `${file} cannot be read (${code}); it was left untouched and alb-tui will not change it in this session`,
      `无法读取 ${file}（${code}）；该文件保持原样，本次运行不会修改它`,
    );
  },
  newerSchema(file: string, version: number, supported: number): Localized {
    return both(
      `${file} was written by a newer alb-tui (schema version ${version}; this one knows up to ${supported}); it was left untouched and is read-only in this session`,
      `${file} 由更新版本的 alb-tui 写入（架构版本 ${version}，当前版本最高支持 ${supported}）；该文件保持原样，本次运行只读`,
    );
  },
  dirUnusable(dir: string, code: string): Localized {
    const why =
      code === 'ENOTDIR'
        ? both('a file is in the way (not a folder)', '该位置是文件而不是文件夹')
        : code === 'EACCES' || code === 'EPERM'
          ? both(`no permission (${code})`, `没有权限（${code}）`)
          : code === 'EROFS'
            ? both('read-only file system (EROFS)', '文件系统只读（EROFS）')
            : both(code, code);
    return both(
      `The settings folder ${dir} cannot be used: ${why.en}. Nothing is saved in this session — profiles, connections, drafts and sorts are lost on exit`,
      `设置文件夹 ${dir} 无法使用：${why['zh-CN']}。本次运行不会保存任何内容——监听配置模板、连接、草稿和排序在退出后都会丢失`,
    );
  },
  readOnlyFile(reason: Localized): Localized {
    return both(`Not saved: ${reason.en}`, `未保存：${reason['zh-CN']}`);
  },
  lockTimeout(lockFile: string, seconds: number): Localized {
    return both(
      `Another alb-tui process has held ${lockFile} for over ${seconds} s; nothing was saved — try again`,
      `另一个 alb-tui 进程占用 ${lockFile} 已超过 ${seconds} 秒，未保存任何内容，请重试`,
    );
  },
  writeFailed(file: string, code: string): Localized {
    return both(
      `Could not write ${file} (${code}); nothing was saved`,
      `无法写入 ${file}（${code}），未保存任何内容`,
    );
  },
  secretRefused(where: string): Localized {
    return both(
      `Refused to save ${where}: it looks like a secret. alb-tui never stores secrets — let credentials come from an aliyun CLI profile, the environment, a credentials file or an ECS RAM role`,
      `拒绝保存 ${where}：该内容疑似密钥。alb-tui 从不保存密钥——请通过 aliyun CLI 配置、环境变量、凭据文件或 ECS RAM 角色提供凭据`,
    );
  },
  secretField(key: string): Localized {
    return both(
      `${q(key)} is not allowed: alb-tui never stores secrets — name where credentials come from instead (aliyun CLI profile, environment, credentials file, ECS RAM role)`,
      `不允许 ${q(key)}：alb-tui 从不保存密钥——请改为指定凭据来源（aliyun CLI 配置、环境变量、凭据文件、ECS RAM 角色）`,
    );
  },
  unknownField(key: string): Localized {
    return both(`Unknown field ${q(key)}`, `未知字段 ${q(key)}`);
  },
  profileNotFound(name: string): Localized {
    return both(`No listener profile named ${q(name)}`, `没有名为 ${q(name)} 的监听配置模板`);
  },
  profileExists(name: string): Localized {
    return both(`A listener profile named ${q(name)} already exists`, `名为 ${q(name)} 的监听配置模板已存在`);
  },
  connectionNotFound(name: string): Localized {
    return both(`No connection named ${q(name)}`, `没有名为 ${q(name)} 的连接`);
  },
  builtinConnection(name: string): Localized {
    return both(
      `${q(name)} is the built-in local ALB connection; it cannot be replaced or deleted`,
      `${q(name)} 是内置的本地 ALB 连接，不能替换或删除`,
    );
  },
  nameText(what: Localized, max: number): Localized {
    return both(
      `${what.en} must be 1–${max} characters, without control characters or leading/trailing spaces`,
      `${what['zh-CN']}须为 1~${max} 个字符，不能包含控制字符，首尾不能有空格`,
    );
  },
  textField(what: Localized, max: number): Localized {
    return both(
      `${what.en} must be at most ${max} characters, without control characters`,
      `${what['zh-CN']}最多 ${max} 个字符，且不能包含控制字符`,
    );
  },
  invalidField(path: string, detail: string): Localized {
    return both(`${path}: not a valid value (${detail})`, `${path}：取值无效（${detail}）`);
  },
  duplicateName(kind: Localized, name: string): Localized {
    return both(`${kind.en} ${q(name)} appears more than once`, `${kind['zh-CN']} ${q(name)} 重复出现`);
  },
  namePatternPlaceholder(placeholder: string): Localized {
    return both(
      `Unknown placeholder ${q(placeholder)} in the name pattern; use {protocol}, {port}, {instance} or {instanceName}`,
      `名称模板中的占位符 ${q(placeholder)} 无效；可用 {protocol}、{port}、{instance}、{instanceName}`,
    );
  },
  namePatternCharacter(character: string): Localized {
    return both(
      `The name pattern may contain Chinese characters, letters, digits, _ . , ; / @ - and placeholders only (${character} is not allowed)`,
      `名称模板只能包含中文、字母、数字、_ . , ; / @ - 及占位符（不允许 ${character}）`,
    );
  },
  namePatternLength(max: number): Localized {
    return both(`The name pattern must be at most ${max} characters`, `名称模板最多 ${max} 个字符`);
  },
  notForProtocol(what: Localized, protocol: string): Localized {
    return both(
      `${what.en} applies to HTTPS listeners only, not ${protocol}`,
      `${what['zh-CN']}仅适用于 HTTPS 监听，不适用于 ${protocol}`,
    );
  },
  importNotJson(): Localized {
    return both('The file is not valid JSON', '该文件不是有效的 JSON');
  },
  importWrongFormat(): Localized {
    return both(
      'Not an alb-tui listener profile export (expected "format": "alb-tui.listener-profiles")',
      '不是 alb-tui 导出的监听配置模板（应包含 "format": "alb-tui.listener-profiles"）',
    );
  },
  importNewerFormat(version: number, supported: number): Localized {
    return both(
      `The export has format version ${version}; this alb-tui reads up to ${supported}`,
      `导出文件的格式版本为 ${version}，当前 alb-tui 最高支持 ${supported}`,
    );
  },
  importEntry(index: number, name: string | undefined, problem: Localized): Localized {
    const which = name === undefined ? `#${index + 1}` : `#${index + 1} ${q(name)}`;
    return both(`Profile ${which}: ${problem.en}`, `模板 ${which}：${problem['zh-CN']}`);
  },
  importSkipped(name: string): Localized {
    return both(`Skipped ${q(name)}: a profile with that name exists`, `已跳过 ${q(name)}：已存在同名模板`);
  },
};

/** Why a profile's hint could not pick something on the target instance. */
export const hintMessages = {
  noHint(what: Localized): Localized {
    return both(
      `The profile does not say which ${what.en.toLowerCase()} to use; choose one`,
      `模板未指定${what['zh-CN']}，请选择`,
    );
  },
  noCertificate(domain: string): Localized {
    return both(
      `No certificate for ${q(domain)} in this region; upload one or choose another`,
      `本地域中没有 ${q(domain)} 的证书；请上传证书或选择其他证书`,
    );
  },
  noCaCertificate(domain: string): Localized {
    return both(
      `No CA certificate matching ${q(domain)} in this region`,
      `本地域中没有与 ${q(domain)} 匹配的CA证书`,
    );
  },
  onlyExpired(domain: string, count: number): Localized {
    return both(
      `The ${count === 1 ? 'only certificate' : `${count} certificates`} for ${q(domain)} ${count === 1 ? 'has' : 'have'} expired`,
      `${q(domain)} 的证书（${count} 个）均已过期`,
    );
  },
  severalCertificates(domain: string, count: number): Localized {
    return both(
      `${count} certificates match ${q(domain)}; choose one`,
      `有 ${count} 个证书与 ${q(domain)} 匹配，请选择`,
    );
  },
  noServerGroup(name: string): Localized {
    return both(`No server group named ${q(name)} in this region`, `本地域中没有名为 ${q(name)} 的服务器组`);
  },
  serverGroupUnusable(name: string, why: Localized): Localized {
    return both(
      `Server group ${q(name)} cannot be used here: ${why.en}`,
      `服务器组 ${q(name)} 不能用于此监听：${why['zh-CN']}`,
    );
  },
  severalServerGroups(name: string, count: number): Localized {
    return both(
      `${count} server groups are named ${q(name)}; choose one`,
      `有 ${count} 个服务器组名为 ${q(name)}，请选择`,
    );
  },
  noQuicListener(port: number): Localized {
    return both(
      `This instance has no QUIC listener on port ${port}; create it first or choose another`,
      `该实例没有端口为 ${port} 的QUIC监听；请先创建或选择其他QUIC监听`,
    );
  },
  policyUnavailable(id: string): Localized {
    return both(
      `TLS security policy ${q(id)} does not exist in this region; choose one`,
      `本地域中不存在TLS安全策略 ${q(id)}，请选择`,
    );
  },
};

export const LABELS = {
  profileName: both('Profile name', '模板名称'),
  connectionName: both('Connection name', '连接名称'),
  description: both('Description', '描述'),
  listenerProfile: both('Listener profile', '监听配置模板'),
  connection: both('Connection', '连接'),
  domain: both('Certificate domain', '证书域名'),
  serverGroupName: both('Server group name', '服务器组名称'),
  quicUpgrade: both('QUIC upgrade', 'QUIC升级'),
  mutualTls: both('Mutual TLS', '双向认证'),
  region: both('Region', '地域'),
  endpoint: both('Endpoint', '服务接入点'),
  credentialsProfile: both('aliyun CLI profile name', 'aliyun CLI 配置名称'),
  credentialsPath: both('Credentials file path', '凭据文件路径'),
  credentialsSection: both('Credentials file section', '凭据文件中的配置节'),
  roleName: both('ECS RAM role name', 'ECS RAM 角色名称'),
  securityPolicy: both('TLS security policy', 'TLS安全策略'),
  certificate: both('Server certificate', '服务器证书'),
  caCertificate: both('CA certificate', 'CA证书'),
  serverGroup: both('Server group', '服务器组'),
  quicListener: both('QUIC listener', 'QUIC监听'),
};
