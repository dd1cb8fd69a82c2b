// Every rule message, in English and Simplified Chinese, saying what is allowed.
import { fieldSpec, type FieldId } from './fields.js';
import { both, type Localized } from './i18n.js';
import { HEADER_ALIAS_LENGTH, IDLE_TIMEOUT, NAME_LENGTH, PORT, REQUEST_TIMEOUT } from './limits.js';
import type { ListenerProtocol } from './resources.js';
import { describeCharacter } from './text-rules.js';

function label(field: FieldId): Localized {
  return fieldSpec(field).label;
}

function quoted(value: string): string {
  const shown = [...value].slice(0, 24).join('');
  return JSON.stringify(shown + (shown.length < value.length ? '…' : ''));
}

/**
 * `a` or `an` before a word as it is read aloud: an acronym by its first letter's name (an HTTPS,
 * a QUIC, an SLB), another word by its first letter (an instance, a server group).
 */
export function article(word: string): 'a' | 'an' {
  const acronym = /^[A-Z0-9]{2,}\b/.test(word);
  const first = word.charAt(0);
  if (acronym) return 'AEFHILMNORSX8'.includes(first) ? 'an' : 'a';
  return /^[aeiou]/i.test(first) ? 'an' : 'a';
}

/** `A`/`An` at the start of a sentence. */
function Article(word: string): 'A' | 'An' {
  return article(word) === 'an' ? 'An' : 'A';
}

function got(value: string | undefined): Localized {
  if (value === undefined || value.trim() === '') return both('', '');
  return both(` (got ${quoted(value)})`, `（当前为 ${quoted(value)}）`);
}

const IS_PICKER: ReadonlySet<FieldId> = new Set<FieldId>([
  'quicListenerId',
  'certificateId',
  'securityPolicyId',
  'caCertificateId',
  'serverGroupId',
  'instance',
]);

/** A listener as messages name it: protocol, port, name when it has one, and ID. */
export interface ListenerMention {
  /** Left out where protocol and port already say which listener of the instance it is. */
  listenerId?: string;
  protocol: string;
  port: number;
  name?: string;
}

function mention(listener: ListenerMention, lang: 'en' | 'zh-CN'): string {
  const { protocol, port, name, listenerId } = listener;
  const id = listenerId ? (lang === 'en' ? ` (${listenerId})` : `（${listenerId}）`) : '';
  return lang === 'en'
    ? `${protocol} ${port}${name ? ` “${name}”` : ''}${id}`
    : `${protocol} ${port}${name ? `「${name}」` : ''}${id}`;
}

export const messages = {
  required(field: FieldId): Localized {
    if (field === 'quicListenerId') return messages.quicListenerRequired();
    if (field === 'caCertificateId') return messages.caCertificateRequired();
    const l = label(field);
    return IS_PICKER.has(field)
      ? both(`Choose ${article(l.en.toLowerCase())} ${l.en.toLowerCase()}`, `请选择${l['zh-CN']}`)
      : both(`${l.en} is required`, `请填写${l['zh-CN']}`);
  },
  port(value?: string): Localized {
    const g = got(value);
    return both(
      `Port must be a whole number from ${PORT.min} to ${PORT.max}${g.en}`,
      `监听端口须为 ${PORT.min}~${PORT.max} 之间的整数${g['zh-CN']}`,
    );
  },
  timeout(field: 'idleTimeout' | 'requestTimeout', value?: string): Localized {
    const range = field === 'idleTimeout' ? IDLE_TIMEOUT : REQUEST_TIMEOUT;
    const l = label(field);
    const g = got(value);
    return both(
      `${l.en} must be a whole number of seconds from ${range.min} to ${range.max}${g.en}`,
      `${l['zh-CN']}须为 ${range.min}~${range.max} 之间的整数（秒）${g['zh-CN']}`,
    );
  },
  nameLength(length: number): Localized {
    return both(
      `Listener name must be ${NAME_LENGTH.min}–${NAME_LENGTH.max} characters (now ${length}), or empty for the default`,
      `监听名称长度须为 ${NAME_LENGTH.min}~${NAME_LENGTH.max} 个字符（当前 ${length} 个），或留空使用默认名称`,
    );
  },
  nameCharacter(character: string): Localized {
    const c = describeCharacter(character);
    const zh = c === 'space' ? '空格' : c;
    return both(
      `Listener name may contain Chinese characters, letters, digits and _ . , ; / @ - only (${c} is not allowed)`,
      `监听名称只能包含中文、字母、数字及 _ . , ; / @ -（不允许 ${zh}）`,
    );
  },
  /** With the name typed, the first character that is not allowed is named (a space is invisible). */
  headerAlias(alias = ''): Localized {
    const bad = [...alias].find((character) => !/^[a-z0-9_-]$/.test(character));
    const c = bad === undefined ? undefined : describeCharacter(bad);
    const upper = bad !== undefined && /^[A-Z]$/.test(bad);
    const enWhy =
      c === undefined ? '' : upper ? ` (${c} is not allowed: use lower case)` : ` (${c} is not allowed)`;
    const zhC = c === 'space' ? '空格' : c;
    const zhWhy = c === undefined ? '' : upper ? `（不允许 ${zhC}：请用小写）` : `（不允许 ${zhC}）`;
    return both(
      `Custom header name must be ${HEADER_ALIAS_LENGTH.min}–${HEADER_ALIAS_LENGTH.max} characters of a–z, 0–9, - and _${enWhy}`,
      `自定义头名称须为 ${HEADER_ALIAS_LENGTH.min}~${HEADER_ALIAS_LENGTH.max} 个字符，只能包含小写字母、数字、- 和 _${zhWhy}`,
    );
  },
  clientCertHeadersNeedMutualTls(): Localized {
    return both(
      'Client-certificate headers carry values only when mutual TLS is on (step 2)',
      '客户端证书相关的头字段仅在开启双向认证后才有取值（步骤二）',
    );
  },
  notForProtocol(parameter: string, protocol: ListenerProtocol): Localized {
    return both(
      `${parameter} does not apply to ${protocol} listeners`,
      `${parameter} 不适用于 ${protocol} 监听`,
    );
  },
  invalidValue(parameter: string, allowed: Localized, value?: string): Localized {
    const g = got(value);
    return both(
      `${parameter} must be ${allowed.en}${g.en}`,
      `${parameter} 须为${allowed['zh-CN']}${g['zh-CN']}`,
    );
  },
  missingParameter(parameter: string): Localized {
    return both(`The parameter ${parameter} is required`, `缺少必填参数 ${parameter}`);
  },
  unknownParameter(parameter: string): Localized {
    return both(`Unknown parameter ${parameter}`, `未知参数 ${parameter}`);
  },
  portTaken(
    port: number,
    other: { protocol: ListenerProtocol; name: string; listenerId: string },
  ): Localized {
    const shared =
      other.protocol === 'QUIC'
        ? both('', '')
        : both('; HTTP and HTTPS share one port space', '；HTTP 与 HTTPS 监听共用端口');
    return both(
      `Port ${port} is already used by ${other.protocol} listener ${other.name} (${other.listenerId})${shared.en}`,
      `端口 ${port} 已被 ${other.protocol} 监听 ${other.name}（${other.listenerId}）使用${shared['zh-CN']}`,
    );
  },
  instanceNotFound(id: string): Localized {
    return both(`Instance ${id} does not exist in this region`, `实例 ${id} 在当前地域不存在`);
  },
  instanceNotActive(id: string, status: string): Localized {
    return both(
      `Instance ${id} is ${status}; listeners can be created only while it is Active`,
      `实例 ${id} 当前状态为 ${status}，只有运行中（Active）的实例才能创建监听`,
    );
  },
  quotaExceeded(id: string, quota: number): Localized {
    return both(
      `Instance ${id} already has ${quota} listeners, the most it allows`,
      `实例 ${id} 已有 ${quota} 个监听，已达上限`,
    );
  },
  quicListenerRequired(): Localized {
    return both(
      'Choose the QUIC listener to associate: QUIC upgrade needs one',
      '开启QUIC升级时须选择关联的QUIC监听',
    );
  },
  listenerNotFound(id: string): Localized {
    return both(`Listener ${id} does not exist`, `监听 ${id} 不存在`);
  },
  notAQuicListener(id: string, protocol: string): Localized {
    return both(
      `Listener ${id} is ${article(protocol)} ${protocol} listener; QUIC upgrade needs a QUIC listener`,
      `监听 ${id} 是 ${protocol} 监听，QUIC升级须关联QUIC监听`,
    );
  },
  quicOnOtherInstance(id: string, instanceId: string): Localized {
    return both(
      `QUIC listener ${id} belongs to another instance (${instanceId}); choose one on this instance`,
      `QUIC监听 ${id} 属于其他实例（${instanceId}），请选择本实例的QUIC监听`,
    );
  },
  quicAlreadyAssociated(id: string, byListenerId: string): Localized {
    return both(
      `QUIC listener ${id} is already associated with listener ${byListenerId}`,
      `QUIC监听 ${id} 已被监听 ${byListenerId} 关联`,
    );
  },
  noEligibleQuicListener(): Localized {
    return both(
      'This instance has no free QUIC listener: create a QUIC listener first, or leave QUIC upgrade off',
      '本实例没有可关联的QUIC监听：请先创建QUIC监听，或关闭QUIC升级',
    );
  },
  certificateNotFound(id: string): Localized {
    return both(`Certificate ${id} does not exist in this region`, `证书 ${id} 在当前地域不存在`);
  },
  certificateExpired(id: string, commonName: string, endDate: string): Localized {
    return both(
      `Certificate ${id} (${commonName}) expired on ${endDate.slice(0, 10)}; choose a valid certificate`,
      `证书 ${id}（${commonName}）已于 ${endDate.slice(0, 10)} 过期，请选择有效证书`,
    );
  },
  certificateExpiresSoon(id: string, days: number, endDate: string): Localized {
    return both(
      `Certificate ${id} expires in ${days} days (${endDate.slice(0, 10)})`,
      `证书 ${id} 将在 ${days} 天后过期（${endDate.slice(0, 10)}）`,
    );
  },
  notACaCertificate(id: string): Localized {
    return both(`Certificate ${id} is not a CA certificate`, `证书 ${id} 不是CA证书`);
  },
  caCertificateRequired(): Localized {
    return both('Choose a CA certificate: mutual TLS needs exactly one', '开启双向认证时须选择一个CA证书');
  },
  policyNotFound(id: string): Localized {
    return both(`TLS security policy ${id} does not exist`, `TLS安全策略 ${id} 不存在`);
  },
  customPolicyNeedsEdition(id: string, edition: string): Localized {
    return both(
      `Custom TLS policy ${id} needs a Standard or StandardWithWaf instance; this one is ${edition}. Choose a system policy`,
      `自定义TLS安全策略 ${id} 仅支持标准版或WAF增强版实例，当前实例为 ${edition}，请选择系统策略`,
    );
  },
  serverGroupNotFound(id: string): Localized {
    return both(`Server group ${id} does not exist`, `服务器组 ${id} 不存在`);
  },
  serverGroupOtherVpc(id: string, groupVpc: string, instanceVpc: string): Localized {
    return both(
      `Server group ${id} is in ${groupVpc}, but the instance is in ${instanceVpc}`,
      `服务器组 ${id} 位于 ${groupVpc}，与实例所在的 ${instanceVpc} 不同`,
    );
  },
  serverGroupProtocol(groupProtocol: string, listenerProtocol: string, serves: string[]): Localized {
    const list = serves.join(', ');
    return both(
      `${Article(groupProtocol)} ${groupProtocol} server group serves ${list} listeners, not ${listenerProtocol}`,
      `${groupProtocol} 服务器组只能用于 ${serves.join('、')} 监听，不能用于 ${listenerProtocol} 监听`,
    );
  },
  /** Said where the server group is chosen: the group is gRPC and the listener's HTTP/2 is off. */
  grpcNeedsHttp2(groupName: string, groupId: string): Localized {
    return both(
      `gRPC needs HTTP/2: server group ${groupName} (${groupId}) is a GRPC server group, and HTTP/2 is off for this listener. Turn HTTP/2 on (step 1), or choose an HTTP or HTTPS server group`,
      `gRPC 需要 HTTP/2：服务器组 ${groupName}（${groupId}）的后端协议为 GRPC，而此监听未启用HTTP 2.0。请在步骤一启用HTTP 2.0，或选择 HTTP、HTTPS 服务器组`,
    );
  },
  /** Said at the HTTP/2 switch: with it off, the gRPC server group already chosen cannot be used. */
  http2NeededByGrpc(groupName: string, groupId: string): Localized {
    return both(
      `gRPC needs HTTP/2: the server group chosen on step 3, ${groupName} (${groupId}), is a GRPC server group. Turn HTTP/2 on, or choose another server group`,
      `gRPC 需要 HTTP/2：步骤三选择的服务器组 ${groupName}（${groupId}）的后端协议为 GRPC。请启用HTTP 2.0，或改选其他服务器组`,
    );
  },
  /**
   * Deleting a QUIC listener that HTTPS listeners upgrade to (`ResourceInUse.Listener`). With `quic`,
   * as the service says it (naming the resource); without, the user is on the QUIC listener and is
   * told nothing was deleted.
   */
  quicListenerInUse(users: readonly ListenerMention[], quic?: ListenerMention): Localized {
    const en = users.map((u) => mention(u, 'en')).join(', ');
    const zh = users.map((u) => mention(u, 'zh-CN')).join('、');
    const one = users.length === 1;
    const verb = one ? 'upgrades' : 'upgrade';
    const their = one ? 'its' : 'their';
    if (quic?.listenerId) {
      return both(
        `The specified resource ${quic.listenerId} is in use: ${en} ${verb} to QUIC listener ${mention(quic, 'en')}; turn ${their} QUIC upgrade off first`,
        `指定的资源 ${quic.listenerId} 正在使用中：${zh}开启了QUIC升级并关联了QUIC监听 ${mention(quic, 'zh-CN')}，请先关闭其QUIC升级`,
      );
    }
    return both(
      `Not deleted: ${en} ${verb} to this QUIC listener; turn ${their} QUIC upgrade off first`,
      `未删除：${zh}开启了QUIC升级并关联了此QUIC监听，请先关闭其QUIC升级`,
    );
  },
  tagInvalid(): Localized {
    return both(
      'Tag keys and values are at most 128 characters, keys must not start with aliyun or acs:, and neither may contain http:// or https://',
      '标签键和值最多 128 个字符，键不能以 aliyun 或 acs: 开头，且不能包含 http:// 或 https://',
    );
  },
  clientTokenInvalid(): Localized {
    return both('ClientToken must be at most 64 ASCII characters', 'ClientToken 须为不超过 64 个 ASCII 字符');
  },
  dryRunPassed(): Localized {
    return both(
      'Request validation has been passed with DryRun flag set.',
      '预检通过：请求已通过校验（DryRun）。',
    );
  },
};
