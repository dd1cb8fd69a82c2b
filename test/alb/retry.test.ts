import { describe, expect, it } from 'vitest';
import { AlbError, toAlbError, type AlbErrorInit } from '../../source/alb/errors.js';
import {
  MAX_RETRY_AFTER_MS,
  retryDelay,
  shouldRetry,
  withRetry,
  type RetryEnvironment,
  type RetryPolicy,
} from '../../source/alb/retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

function err(init: Partial<AlbErrorInit> & Pick<AlbErrorInit, 'kind'>): AlbError {
  return new AlbError({ message: { en: init.kind, 'zh-CN': init.kind }, ...init });
}

/** What openapi-core throws for an error answer. */
const sdkError = (statusCode: number, code: string) => ({
  name: statusCode >= 500 ? 'ServerError' : 'ClientError',
  code,
  statusCode,
  data: { Code: code, Message: `${code} (test)` },
});

/** A clock that only moves when the code under test sleeps. */
function fakeEnv(random = 0.5): RetryEnvironment & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    random: () => random,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
      slept.push(ms);
      return Promise.resolve();
    },
  };
}

const toError = (e: unknown): AlbError =>
  e instanceof AlbError
    ? e
    : (e as { name?: string }).name === 'AbortError'
      ? err({ kind: 'aborted' })
      : err({ kind: 'unknown', cause: e });

/** An operation that fails with the given errors in turn, then succeeds. */
function failing(errors: AlbError[]) {
  const attempts: number[] = [];
  const operation = (attempt: number) => {
    attempts.push(attempt);
    const next = errors[attempt - 1];
    return next ? Promise.reject(next) : Promise.resolve(`ok after ${attempt}`);
  };
  return { attempts, operation };
}

describe('shouldRetry', () => {
  const throttled = err({ kind: 'throttled', code: 'Throttling.User', noEffect: true });
  const reset = err({ kind: 'unreachable', networkCode: 'ECONNRESET' });
  const refused = err({ kind: 'unreachable', networkCode: 'ECONNREFUSED', noEffect: true });
  const readTimeout = err({ kind: 'timeout' });
  const serverError = err({ kind: 'server', code: 'InternalError', httpStatus: 500 });
  const busy = err({ kind: 'state', code: 'IncorrectStatus.LoadBalancer', noEffect: true });
  const tokenBusy = err({ kind: 'state', code: 'IdempotenceProcessing', noEffect: true });

  it('retries throttling and busy instances whether or not the call is idempotent', () => {
    for (const idempotent of [true, false]) {
      expect(shouldRetry(throttled, 1, policy, idempotent)).toBe(true);
      expect(shouldRetry(busy, 1, policy, idempotent)).toBe(true);
      expect(shouldRetry(tokenBusy, 1, policy, idempotent)).toBe(true);
    }
  });

  it("retries every busy state Terraform's provider retries on ALB, as the service did no work", () => {
    for (const code of [
      'IncorrectStatus.Listener',
      'ResourceInConfiguring.Listener',
      'IncorrectBusinessStatus.LoadBalancer',
      'Conflict.Lock',
    ]) {
      const error = toAlbError(sdkError(400, code), { action: 'DeleteListener', endpoint: 'x' });
      expect(error.kind, code).toBe('state');
      expect(shouldRetry(error, 1, policy, true), code).toBe(true);
      expect(shouldRetry(error, policy.maxAttempts, policy, true), code).toBe(false);
    }
    const systemBusy = toAlbError(sdkError(503, 'SystemBusy'), { action: 'DeleteListener', endpoint: 'x' });
    expect(shouldRetry(systemBusy, 1, policy, true)).toBe(true);
    // A call that may have had an effect and carries no ClientToken is not repeated.
    expect(shouldRetry(systemBusy, 1, policy, false)).toBe(false);
  });

  it('waits longer for a busy resource: a second more per attempt, within maxDelayMs', () => {
    const error = err({ kind: 'state', code: 'ResourceInConfiguring.Listener', noEffect: true });
    const wide = { ...policy, maxDelayMs: 5_000 };
    expect([1, 2, 3].map((a) => retryDelay(error, a, wide, () => 0))).toEqual([1_000, 2_000, 3_000]);
    expect(retryDelay(error, 9, wide, () => 0)).toBe(5_000);
  });

  it('repeats a call that may have done its work only when it is idempotent', () => {
    for (const error of [reset, readTimeout, serverError]) {
      expect(shouldRetry(error, 1, policy, true)).toBe(true);
      expect(shouldRetry(error, 1, policy, false)).toBe(false);
    }
  });

  it('gives a refused connection one more try only', () => {
    expect(shouldRetry(refused, 1, policy, false)).toBe(true);
    expect(shouldRetry(refused, 2, policy, true)).toBe(false);
  });

  it('never retries rule violations, missing resources, credentials or an unknown host', () => {
    const final = [
      err({ kind: 'invalid', code: 'InvalidParameter' }),
      err({ kind: 'notFound', code: 'ResourceNotFound.Listener' }),
      err({ kind: 'conflict', code: 'ResourceAlreadyExist.Listener' }),
      err({ kind: 'credentials' }),
      err({ kind: 'signature' }),
      err({ kind: 'state', code: 'ResourceNotReady.Listener' }),
      err({ kind: 'unreachable', networkCode: 'ENOTFOUND', noEffect: true }),
      err({ kind: 'aborted' }),
    ];
    for (const error of final) expect(shouldRetry(error, 1, policy, true), error.kind).toBe(false);
  });

  it('stops at maxAttempts', () => {
    expect(shouldRetry(throttled, 3, policy, true)).toBe(true);
    expect(shouldRetry(throttled, 4, policy, true)).toBe(false);
  });
});

describe('retryDelay', () => {
  it('is full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const e = err({ kind: 'server' });
    expect([1, 2, 3, 4, 5].map((a) => retryDelay(e, a, policy, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(retryDelay(e, 3, policy, () => 0)).toBe(0);
    expect(retryDelay(e, 3, policy, () => 0.5)).toBe(200);
  });

  it('waits at least as long as x-acs-retry-after asks, within a cap', () => {
    expect(retryDelay(err({ kind: 'throttled', retryAfterMs: 2_500 }), 1, policy, () => 0.5)).toBe(2_500);
    expect(retryDelay(err({ kind: 'throttled', retryAfterMs: 10 }), 3, policy, () => 0.5)).toBe(200);
    expect(retryDelay(err({ kind: 'throttled', retryAfterMs: 10 * 60_000 }), 1, policy, () => 0.5)).toBe(
      MAX_RETRY_AFTER_MS,
    );
  });
});

describe('withRetry', () => {
  it('retries until success and sleeps the jittered delays in between', async () => {
    const env = fakeEnv(0.5);
    const e = err({ kind: 'throttled', noEffect: true });
    const { attempts, operation } = failing([e, e, e]);
    const retries: number[] = [];
    const result = await withRetry(operation, {
      policy,
      idempotent: false,
      toError,
      env,
      onRetry: (r) => retries.push(r.attempt),
    });
    expect(result).toBe('ok after 4');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(env.slept).toEqual([50, 100, 200]);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const env = fakeEnv();
    const errors = [1, 2, 3, 4, 5].map((n) => err({ kind: 'server', code: `E${n}` }));
    const { attempts, operation } = failing(errors);
    await expect(withRetry(operation, { policy, idempotent: true, toError, env })).rejects.toMatchObject({
      code: 'E4',
    });
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(env.slept).toHaveLength(3);
  });

  it('does not repeat a non-idempotent call after a reset connection', async () => {
    const env = fakeEnv();
    const { attempts, operation } = failing([err({ kind: 'unreachable', networkCode: 'ECONNRESET' })]);
    await expect(withRetry(operation, { policy, idempotent: false, toError, env })).rejects.toMatchObject({
      kind: 'unreachable',
    });
    expect(attempts).toEqual([1]);
  });

  it('stops at once when aborted during the wait, without another attempt', async () => {
    const controller = new AbortController();
    const env: RetryEnvironment = {
      random: () => 0.5,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          controller.abort();
        }),
    };
    const { attempts, operation } = failing([err({ kind: 'throttled' }), err({ kind: 'throttled' })]);
    await expect(
      withRetry(operation, { policy, idempotent: true, toError, env, signal: controller.signal }),
    ).rejects.toMatchObject({ kind: 'aborted' });
    expect(attempts).toEqual([1]);
  });

  it('stops waiting for a hanging call when aborted', async () => {
    const controller = new AbortController();
    const hanging = withRetry(() => new Promise<string>(() => undefined), {
      policy,
      idempotent: true,
      toError,
      env: fakeEnv(),
      signal: controller.signal,
    });
    controller.abort();
    await expect(hanging).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('makes no call when the signal is already aborted', async () => {
    const { attempts, operation } = failing([]);
    await expect(
      withRetry(operation, {
        policy,
        idempotent: true,
        toError,
        env: fakeEnv(),
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({
      kind: 'aborted',
    });
    expect(attempts).toEqual([]);
  });
});
