import { ClientError, ServerError, ThrottlingError } from '@alicloud/openapi-core';
import { describe, expect, it } from 'vitest';
import { AlbError, CREDENTIALS_MISSING_MESSAGE, describeError, toAlbError } from '../../source/alb/errors.js';

const context = { action: 'CreateListener', endpoint: 'http://127.0.0.1:9', readTimeoutMs: 10_000 };

/** What openapi-core's doRequest builds from an error answer (alb-api-reference.md §4.2). */
function sdkError(
  kind: 'client' | 'server' | 'throttling',
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  const data = {
    Code: code,
    Message: message,
    RequestId: 'req-1',
    HostId: 'alb.cn-hangzhou.aliyuncs.com',
    ...extra,
  };
  const map = {
    statusCode: status,
    code,
    message: `code: ${status}, ${message} request id: req-1`,
    data,
    requestId: 'req-1',
    retryAfter: extra['retryAfter'],
  };
  return kind === 'client'
    ? new ClientError(map)
    : kind === 'server'
      ? new ServerError(map)
      : new ThrottlingError(map);
}

function networkError(code: string, message = `connect ${code} 127.0.0.1:9`): Error {
  return Object.assign(new Error(message), { code });
}

describe('toAlbError: service answers', () => {
  it.each([
    ['client', 404, 'ResourceNotFound.Listener', 'notFound'],
    ['client', 404, 'ResourceNotFound.LoadBalancer', 'notFound'],
    ['client', 400, 'ResourceAlreadyExist.Listener', 'conflict'],
    ['client', 400, 'ResourceAlreadyAssociated.Listener', 'conflict'],
    ['client', 400, 'MissingParameter', 'invalid'],
    ['client', 400, 'InvalidParameter', 'invalid'],
    ['client', 400, 'OperationDenied.ServerGroupProtocolNotSupport', 'invalid'],
    ['client', 400, 'Mismatch.VpcId', 'invalid'],
    ['client', 400, 'DryRunOperation', 'invalid'],
    ['client', 400, 'ResourceQuotaExceeded.LoadBalancerListenersNum', 'quota'],
    ['client', 400, 'IncorrectStatus.LoadBalancer', 'state'],
    ['client', 400, 'IdempotenceProcessing', 'state'],
    ['client', 403, 'Forbidden.LoadBalancer', 'forbidden'],
    ['client', 404, 'InvalidAccessKeyId.NotFound', 'credentials'],
    ['client', 400, 'SignatureDoesNotMatch', 'signature'],
    ['client', 400, 'InvalidTimeStamp.Expired', 'clock'],
    ['client', 404, 'InvalidAction.NotFound', 'invalid'],
    ['server', 500, 'InternalError', 'server'],
    ['server', 503, 'ServiceUnavailable', 'server'],
    ['client', 400, 'SystemBusy', 'server'],
    ['throttling', 400, 'Throttling.User', 'throttled'],
    ['throttling', 400, 'Throttling.Api', 'throttled'],
  ] as const)('%s %i %s → %s', (kind, status, code, expected) => {
    const error = toAlbError(sdkError(kind, status, code, 'The server says so.'), context);
    expect(error).toBeInstanceOf(AlbError);
    expect(error.kind).toBe(expected);
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.requestId).toBe('req-1');
    expect(error.action).toBe('CreateListener');
  });

  it('keeps the server message and names the code for rule violations, in both languages', () => {
    const error = toAlbError(
      sdkError(
        'client',
        400,
        'ResourceAlreadyExist.Listener',
        'The specified resource lsn-1 already exists.',
      ),
      context,
    );
    expect(error.serverMessage).toBe('The specified resource lsn-1 already exists.');
    expect(error.message.en).toContain('ResourceAlreadyExist.Listener');
    expect(error.message.en).toContain('The specified resource lsn-1 already exists.');
    expect(error.message['zh-CN']).toContain('冲突');
    expect(error.message['zh-CN']).toContain('ResourceAlreadyExist.Listener');
  });

  it('finds the parameter of a rule violation', () => {
    const quoted = toAlbError(
      sdkError('client', 400, 'InvalidParameter', 'The parameter "ListenerPort" is invalid: 1–65535.'),
      context,
    );
    expect(quoted.parameter).toBe('ListenerPort');
    const missing = toAlbError(
      sdkError(
        'client',
        400,
        'MissingParameter',
        'The input parameter "DefaultActions.1.Type" that is mandatory for processing this request is not supplied.',
      ),
      context,
    );
    expect(missing.parameter).toBe('DefaultActions.1.Type');
    const explicit = toAlbError(
      sdkError('client', 400, 'InvalidParameter', 'bad', { Parameter: 'IdleTimeout' }),
      context,
    );
    expect(explicit.parameter).toBe('IdleTimeout');
    const none = toAlbError(
      sdkError('client', 404, 'ResourceNotFound.Listener', 'The specified resource lsn-x is not found.'),
      context,
    );
    expect(none.parameter).toBeUndefined();
  });

  it('carries x-acs-retry-after of a throttling answer', () => {
    const error = toAlbError(
      sdkError('throttling', 400, 'Throttling.User', 'Request was denied due to user flow control.', {
        retryAfter: 1500,
      }),
      context,
    );
    expect(error.retryAfterMs).toBe(1500);
    expect(error.noEffect).toBe(true);
    expect(error.message['zh-CN']).toContain('请求过于频繁');
  });

  it('marks a 5xx as possibly having had an effect, and a rejection as not', () => {
    expect(toAlbError(sdkError('server', 500, 'InternalError', 'x'), context).noEffect).toBe(false);
    expect(toAlbError(sdkError('client', 400, 'IncorrectStatus.LoadBalancer', 'x'), context).noEffect).toBe(
      true,
    );
  });
});

describe('toAlbError: local failures', () => {
  it('maps a refused connection to unreachable, naming the endpoint and saying to retry', () => {
    const error = toAlbError(networkError('ECONNREFUSED'), context);
    expect(error.kind).toBe('unreachable');
    expect(error.networkCode).toBe('ECONNREFUSED');
    expect(error.noEffect).toBe(true);
    expect(error.message.en).toContain('http://127.0.0.1:9');
    expect(error.message.en).toMatch(/retry/);
    expect(error.message['zh-CN']).toContain('http://127.0.0.1:9');
    expect(error.message['zh-CN']).toContain('重试');
  });

  it('maps a reset or hung-up socket to unreachable that may have had an effect', () => {
    for (const e of [networkError('ECONNRESET', 'read ECONNRESET'), new Error('socket hang up')]) {
      const error = toAlbError(e, context);
      expect(error.kind).toBe('unreachable');
      expect(error.noEffect).toBe(false);
    }
  });

  it('maps read and connect timeouts (httpx error shapes)', () => {
    const read = Object.assign(new Error('ReadTimeout(10000). POST http://127.0.0.1:9/ failed.'), {
      name: 'RequestTimeoutError',
    });
    expect(toAlbError(read, context)).toMatchObject({ kind: 'timeout', noEffect: false });
    expect(toAlbError(read, context).message.en).toContain('10000 ms');
    const connect = Object.assign(new Error('ConnectTimeout: Connect http://127.0.0.1:9 failed.'), {
      name: 'RequestTimeoutError',
    });
    expect(toAlbError(connect, context)).toMatchObject({ kind: 'unreachable', noEffect: true });
  });

  it('maps a failed credentials chain and the SDK InvalidCredentials to the credentials message', () => {
    const chain = new Error(
      'unable to get credentials from any of the providers in the chain: unable to get credentials from enviroment variables, Access key ID must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_ID)',
    );
    const sdk = new ClientError({
      code: 'InvalidCredentials',
      message: 'Please set up the credentials correctly.',
    });
    for (const e of [chain, sdk]) {
      const error = toAlbError(e, context);
      expect(error.kind).toBe('credentials');
      expect(error.message).toEqual(CREDENTIALS_MISSING_MESSAGE);
    }
    expect(CREDENTIALS_MISSING_MESSAGE.en).toBe(
      'credentials missing: run `aliyun configure` or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    );
    expect(CREDENTIALS_MISSING_MESSAGE['zh-CN']).toMatch(
      /^缺少凭据：请运行 `aliyun configure` 或设置 ALIBABA_CLOUD_ACCESS_KEY_ID/,
    );
  });

  it('maps a non-JSON answer to protocol and an abort to aborted', () => {
    expect(toAlbError(new SyntaxError('Unexpected token < in JSON'), context).kind).toBe('protocol');
    expect(toAlbError(new DOMException('aborted', 'AbortError'), context).kind).toBe('aborted');
  });

  it('passes an AlbError through unchanged', () => {
    const original = toAlbError(networkError('ECONNREFUSED'), context);
    expect(toAlbError(original, { action: 'Other', endpoint: 'x' })).toBe(original);
  });

  it('describes any error in the chosen language', () => {
    const error = toAlbError(networkError('ECONNREFUSED'), context);
    expect(describeError(error, 'zh-CN')).toBe(error.message['zh-CN']);
    expect(describeError(new Error('plain'), 'en')).toBe('plain');
  });
});
