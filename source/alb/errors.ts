// Every failure of the ALB client becomes one AlbError: a kind the UI can branch on, the API code,
// and a message in English and Simplified Chinese. Nothing here ever echoes a secret.
import type { Localized } from '../domain/listener-rules.js';

export type AlbErrorKind =
  /** No credentials found, or the service does not know the AccessKey ID. */
  | 'credentials'
  /** The service rejected the request signature (wrong secret). */
  | 'signature'
  /** The service rejected the request time (local clock far off). */
  | 'clock'
  /** Could not connect: refused, reset, DNS, network down, connect timeout. */
  | 'unreachable'
  /** Connected, but no answer within the read timeout. */
  | 'timeout'
  | 'throttled'
  | 'notFound'
  /** Port already in use, resource already associated. */
  | 'conflict'
  /** A parameter breaks a rule (MissingParameter, InvalidParameter, OperationDenied.*, Mismatch.*). */
  | 'invalid'
  | 'quota'
  | 'forbidden'
  /** The resource is in a state that does not allow this now (IncorrectStatus.*). */
  | 'state'
  /** 5xx, ServiceUnavailable, SystemBusy, InternalError. */
  | 'server'
  /** The endpoint answered, but not like the ALB API (e.g. not JSON, repeated NextToken). */
  | 'protocol'
  /** The client was configured wrongly (bad endpoint URL). */
  | 'config'
  | 'aborted'
  /** A change asked of a read-only connection's client (read-only-client.ts): nothing was sent. */
  | 'read-only'
  | 'unknown';

export interface AlbErrorInit {
  kind: AlbErrorKind;
  message: Localized;
  code?: string;
  requestId?: string;
  parameter?: string;
  httpStatus?: number;
  /** The API action that failed, e.g. `CreateListener`. */
  action?: string;
  /** The endpoint that was called, as shown to the user. */
  endpoint?: string;
  /** The server's own message (English), kept for rule violations. */
  serverMessage?: string;
  /** `x-acs-retry-after` of a throttling answer, in milliseconds. */
  retryAfterMs?: number;
  /** Node's error code of a network failure, e.g. `ECONNREFUSED`. */
  networkCode?: string;
  /** True when the request certainly had no effect (never sent, or rejected before any work was done), so repeating it is always safe. */
  noEffect?: boolean;
  /**
   * The asynchronous job that ended `Failed`, when this error is its outcome: the service settled
   * the work as not done (a creation rolled back, a delete or change left undone), so the outcome is
   * known and a new attempt is a new request.
   */
  failedJobId?: string;
  cause?: unknown;
}

/**
 * Deliberately not a subclass of `Error`: its `message` is localized (`{ en, 'zh-CN' }`), which
 * `Error.message: string` cannot be. It still carries a `stack` for debugging.
 */
export class AlbError {
  readonly name = 'AlbError';
  readonly kind: AlbErrorKind;
  readonly message: Localized;
  readonly code?: string;
  readonly requestId?: string;
  readonly parameter?: string;
  readonly httpStatus?: number;
  readonly action?: string;
  readonly endpoint?: string;
  readonly serverMessage?: string;
  readonly retryAfterMs?: number;
  readonly networkCode?: string;
  readonly noEffect: boolean;
  readonly failedJobId?: string;
  readonly cause?: unknown;
  readonly stack?: string;

  constructor(init: AlbErrorInit) {
    this.kind = init.kind;
    this.message = init.message;
    this.code = init.code;
    this.requestId = init.requestId;
    this.parameter = init.parameter;
    this.httpStatus = init.httpStatus;
    this.action = init.action;
    this.endpoint = init.endpoint;
    this.serverMessage = init.serverMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.networkCode = init.networkCode;
    this.noEffect = init.noEffect ?? false;
    this.failedJobId = init.failedJobId;
    this.cause = init.cause;
    const holder: { stack?: string } = {};
    Error.captureStackTrace(holder, AlbError);
    this.stack = `AlbError [${this.kind}${this.code ? ` ${this.code}` : ''}]: ${this.message.en}${holder.stack?.replace(/^[^\n]*/, '') ?? ''}`;
  }

  toString(): string {
    return `AlbError [${this.kind}]: ${this.message.en}`;
  }
}

export function isAlbError(value: unknown): value is AlbError {
  return value instanceof AlbError;
}

/** A one-line description of any error for the user, in their language. */
export function describeError(error: unknown, lang: keyof Localized): string {
  if (isAlbError(error)) return error.message[lang];
  if (error instanceof Error) return error.message;
  return String(error);
}

function both(en: string, zh: string): Localized {
  return { en, 'zh-CN': zh };
}

export const CREDENTIALS_MISSING_MESSAGE: Localized = both(
  'credentials missing: run `aliyun configure` or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  '缺少凭据：请运行 `aliyun configure` 或设置 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET',
);

export interface ErrorContext {
  action: string;
  /** As shown to the user, e.g. `http://127.0.0.1:8080` or `https://alb.cn-hangzhou.aliyuncs.com`. */
  endpoint: string;
  readTimeoutMs?: number;
}

/** The fields an error thrown by `@alicloud/openapi-core` (ClientError/ServerError/ThrottlingError) carries. */
interface SdkResponseErrorShape {
  name: string;
  code: string;
  statusCode: number;
  requestId?: string;
  retryAfter?: number;
  data?: Record<string, unknown>;
}

function isSdkResponseError(error: unknown): error is SdkResponseErrorShape {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Partial<SdkResponseErrorShape>;
  return typeof e.code === 'string' && typeof e.statusCode === 'number' && e.statusCode >= 400;
}

const NOT_SENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);
const NETWORK_CODES = new Set([
  ...NOT_SENT_NETWORK_CODES,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ENETDOWN',
  'EPROTO',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET',
]);

/** Turns anything the SDK (or the network, or the credentials chain) throws into an AlbError. */
export function toAlbError(error: unknown, context: ErrorContext): AlbError {
  if (isAlbError(error)) return error;
  const base = { action: context.action, endpoint: context.endpoint, cause: error };

  if (isAbortError(error)) {
    return new AlbError({ ...base, kind: 'aborted', message: both('cancelled', '已取消'), noEffect: false });
  }

  if (isSdkResponseError(error)) return fromResponseError(error, context);

  const name = error instanceof Error ? error.name : '';
  const text = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);

  if (
    code === 'InvalidCredentials' ||
    /unable to get credentials|Access ?Key ?(ID|Secret) must be specified|credentials? (is|are) (missing|empty)/i.test(
      text,
    )
  ) {
    return new AlbError({
      ...base,
      kind: 'credentials',
      code: 'InvalidCredentials',
      message: CREDENTIALS_MISSING_MESSAGE,
      noEffect: true,
    });
  }

  if (name.includes('RequestTimeout') || /ReadTimeout|ConnectTimeout/.test(text)) {
    const connect = /ConnectTimeout/.test(text);
    if (connect) {
      return new AlbError({
        ...base,
        kind: 'unreachable',
        networkCode: 'ConnectTimeout',
        noEffect: true,
        message: unreachableMessage(context.endpoint, 'connect timeout', '连接超时'),
      });
    }
    const ms = context.readTimeoutMs;
    return new AlbError({
      ...base,
      kind: 'timeout',
      message: both(
        `${context.endpoint} did not answer ${context.action}${ms ? ` within ${ms} ms` : ' in time'}; retry`,
        `${context.endpoint} 未${ms ? `在 ${ms} 毫秒内` : '及时'}响应 ${context.action}；请重试`,
      ),
    });
  }

  if (
    (code && NETWORK_CODES.has(code)) ||
    /socket hang up|ECONNRESET|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(text)
  ) {
    const networkCode =
      code ?? /(ECONNRESET|ECONNREFUSED|ENOTFOUND|EAI_AGAIN)/.exec(text)?.[1] ?? 'socket hang up';
    return new AlbError({
      ...base,
      kind: 'unreachable',
      networkCode,
      noEffect: NOT_SENT_NETWORK_CODES.has(networkCode),
      message: unreachableMessage(context.endpoint, networkCode, networkCode),
    });
  }

  if (error instanceof SyntaxError) {
    return new AlbError({
      ...base,
      kind: 'protocol',
      message: both(
        `${context.endpoint} did not answer ${context.action} like the ALB API (the reply is not JSON); check the endpoint`,
        `${context.endpoint} 对 ${context.action} 的响应不是 ALB API 格式（不是 JSON）；请检查端点`,
      ),
    });
  }

  const shown = `${name || 'Error'}: ${text}`.slice(0, 300);
  return new AlbError({
    ...base,
    kind: 'unknown',
    message: both(
      `unexpected error during ${context.action}: ${shown}`,
      `${context.action} 时发生意外错误：${shown}`,
    ),
  });
}

function unreachableMessage(endpoint: string, en: string, zh: string): Localized {
  return both(
    `cannot reach ${endpoint} (${en}); check the endpoint and the network, then retry`,
    `无法连接 ${endpoint}（${zh}）；请检查端点和网络后重试`,
  );
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

interface KindRule {
  kind: AlbErrorKind;
  test: (code: string, status: number) => boolean;
}

// Order matters: the first rule that matches decides.
const KIND_RULES: KindRule[] = [
  { kind: 'throttled', test: (code) => code.includes('Throttling') },
  {
    kind: 'credentials',
    test: (code) => code.startsWith('InvalidAccessKeyId') || code === 'InvalidCredentials',
  },
  { kind: 'clock', test: (code) => code.startsWith('InvalidTimeStamp') },
  {
    kind: 'signature',
    test: (code) =>
      /^(SignatureDoesNotMatch|IncompleteSignature|InvalidSignature|SignatureNonceUsed)/.test(code),
  },
  {
    kind: 'forbidden',
    test: (code, status) => /^(Forbidden|NoPermission|AccessDenied)/.test(code) || status === 403,
  },
  { kind: 'quota', test: (code) => /^(ResourceQuotaExceeded|QuotaExceeded)/.test(code) },
  {
    kind: 'conflict',
    test: (code) =>
      /^(Conflict\.Priority$|ResourceAlreadyExist|ResourceAlreadyAssociated|ResourceInUse|IdempotenceParamNotMatch|IdempotenceParameterMismatch|IdempotentParameterMismatch)/.test(
        code,
      ),
  },
  {
    kind: 'state',
    test: (code) =>
      /^(IncorrectStatus|IncorrectBusinessStatus|IdempotenceProcessing|ResourceNotReady|ResourceInConfiguring|Conflict\.Lock$|LockFailed$)/.test(
        code,
      ),
  },
  {
    kind: 'notFound',
    test: (code, status) =>
      code.startsWith('ResourceNotFound') || (status === 404 && !code.startsWith('InvalidAction')),
  },
  {
    kind: 'server',
    test: (code, status) =>
      status >= 500 ||
      /^(ServiceUnavailable|SystemBusy|InternalError|InternalFailure|UnknownError)/.test(code),
  },
  { kind: 'invalid', test: (_code, status) => status >= 400 && status < 500 },
];

const KIND_PREFIX: Partial<Record<AlbErrorKind, Localized>> = {
  notFound: both('not found', '资源不存在'),
  conflict: both('conflict', '冲突'),
  invalid: both('rejected', '请求被拒绝'),
  quota: both('quota exceeded', '超出配额'),
  forbidden: both('not allowed', '没有权限'),
  state: both('not possible in the current state', '当前状态不允许此操作'),
};

function fromResponseError(error: SdkResponseErrorShape, context: ErrorContext): AlbError {
  const { code, statusCode } = error;
  const kind = KIND_RULES.find((rule) => rule.test(code, statusCode))?.kind ?? 'unknown';
  const serverMessage = stringField(error.data, 'Message') ?? stringField(error.data, 'message');
  const requestId =
    stringField(error.data, 'RequestId') ??
    (error.requestId && error.requestId !== 'undefined' ? error.requestId : undefined);
  const base = {
    kind,
    code,
    httpStatus: statusCode,
    requestId,
    action: context.action,
    endpoint: context.endpoint,
    serverMessage,
    cause: error,
  };
  const detail = serverMessage ? `: ${serverMessage}` : '';
  switch (kind) {
    case 'throttled':
      return new AlbError({
        ...base,
        noEffect: true,
        retryAfterMs:
          typeof error.retryAfter === 'number' && Number.isFinite(error.retryAfter)
            ? error.retryAfter
            : undefined,
        message: both(
          `too many requests (${code}); wait a moment and retry`,
          `请求过于频繁（${code}）；请稍后重试`,
        ),
      });
    case 'credentials':
      return new AlbError({
        ...base,
        noEffect: true,
        message: both(
          `${context.endpoint} does not accept this AccessKey ID (${code}); check the credentials (\`aliyun configure\` or ALIBABA_CLOUD_ACCESS_KEY_ID)`,
          `${context.endpoint} 不接受此 AccessKey ID（${code}）；请检查凭据（\`aliyun configure\` 或 ALIBABA_CLOUD_ACCESS_KEY_ID）`,
        ),
      });
    case 'signature':
      return new AlbError({
        ...base,
        noEffect: true,
        message: both(
          `${context.endpoint} rejected the request signature (${code}); check that the AccessKey secret belongs to the AccessKey ID`,
          `${context.endpoint} 拒绝了请求签名（${code}）；请检查 AccessKey Secret 是否与 AccessKey ID 匹配`,
        ),
      });
    case 'clock':
      return new AlbError({
        ...base,
        noEffect: true,
        message: both(
          `${context.endpoint} rejected the request time (${code}); the system clock is more than 15 minutes off`,
          `${context.endpoint} 拒绝了请求时间（${code}）；系统时钟偏差超过 15 分钟`,
        ),
      });
    case 'server':
      return new AlbError({
        ...base,
        message: both(
          `the ALB service failed (${code}, HTTP ${statusCode}) during ${context.action}; retry later${detail}`,
          `ALB 服务出错（${code}，HTTP ${statusCode}），操作 ${context.action}；请稍后重试${detail ? `：${serverMessage}` : ''}`,
        ),
      });
    default: {
      const prefix = KIND_PREFIX[kind] ?? both('failed', '失败');
      return new AlbError({
        ...base,
        parameter: parameterOf(error.data, code, serverMessage),
        noEffect: kind === 'invalid' || kind === 'state' || kind === 'forbidden' || kind === 'quota',
        message: both(
          `${prefix.en} (${code})${detail}`,
          `${prefix['zh-CN']}（${code}）${detail ? `：${serverMessage}` : ''}`,
        ),
      });
    }
  }
}

function stringField(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The parameter a rule violation is about: an explicit `Parameter` field of the error body when the
 * service sends one, a code suffix (`InvalidParameter.ListenerPort`), or the name in the message
 * ("The parameter ListenerPort is …").
 */
function parameterOf(
  data: Record<string, unknown> | undefined,
  code: string,
  message: string | undefined,
): string | undefined {
  const explicit = stringField(data, 'Parameter') ?? stringField(data, 'ParameterName');
  if (explicit) return explicit;
  const fromCode = /^(?:MissingParameter|InvalidParameter)\.([A-Z][\w.]*)$/.exec(code)?.[1];
  if (fromCode) return fromCode;
  if (!/^(MissingParameter|InvalidParameter|Invalid[A-Z])/.test(code) || !message) return undefined;
  return /\b(?:parameter|param)\s+["'`]?([A-Z][A-Za-z0-9]*(?:\.(?:\d+|[A-Z][A-Za-z0-9]*))*)/i.exec(
    message,
  )?.[1];
}
